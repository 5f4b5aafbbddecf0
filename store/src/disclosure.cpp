// Exports (each audited in the chain) and erasure (recorded in the chain, content removed).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "chain.h"
#include "store_impl.h"

namespace waymark {

// ordered_json: an export is read by people (subject access), so keys stay in a sensible order.
using json = nlohmann::ordered_json;

namespace {

json event_json(const StoredEvent& e) {
  json out = {{"id", e.id},
              {"kind", e.event.kind},
              {"date", e.event.date.iso()},
              {"time", nullptr},
              {"agency", e.event.agency},
              {"reason", e.event.reason},
              {"note", e.event.note},
              {"recorded_by", e.event.recorded_by},
              {"recorded_at", e.recorded_at},
              {"supersedes", e.supersedes ? json(*e.supersedes) : json(nullptr)},
              {"superseded_by", e.superseded_by ? json(*e.superseded_by) : json(nullptr)}};
  if (e.event.minute_of_day) out["time"] = format_time_of_day(*e.event.minute_of_day);
  return out;
}

}  // namespace

std::string Store::export_case(const std::string& reference, const std::string& purpose, const std::string& recipient,
                               const std::string& role, const std::function<void(const std::string&)>& deliver) {
  const auto& db = impl_->db;
  if (detail::is_blank(purpose))
    throw StoreError("an export needs a stated purpose (--purpose): record what is shared, with whom and why");
  if (detail::is_blank(recipient)) throw StoreError("an export needs a recipient (--recipient)");
  detail::require_text(purpose, "an export's purpose");
  detail::require_text(recipient, "an export's recipient");
  if (!valid_role(role))
    throw StoreError(fmt::format("an export needs the role of who is exporting (--role): {}", role_rule));
  detail::Transaction t(db);
  detail::require_case(db, reference);
  const json audit = {{"purpose", purpose}, {"recipient", recipient}, {"role", role}};
  const ChainEntry entry = detail::append_entry(db, "export", reference, detail::body_text(audit));

  json out = {{"format", "waymark-case-export"}, {"format_version", 1}, {"case_reference", reference},
              {"exported_at", entry.created_at}, {"export", audit},     {"chain_head", entry.hash}};
  out["events"] = json::array();
  for (const auto& e : events(reference)) out["events"].push_back(event_json(e));
  out["records"] = json::array();
  out["disclosures"] = json::array();
  for (const auto& e : entries(reference)) {
    const json body = json::parse(e.body, nullptr, false);
    if (e.kind == "record")
      out["records"].push_back({{"seq", e.seq}, {"hash", e.hash}, {"stored_at", e.created_at}, {"record", body}});
    else if (e.kind == "export")
      out["disclosures"].push_back({{"seq", e.seq}, {"at", e.created_at}, {"export", body}});
  }
  out["actions"] = json::array();
  detail::Statement actions(
      db,
      "SELECT a.record_seq, a.action_id, a.text, a.owner, a.due, c.closed_at, c.note, c.closed_by, "
      "a.declined "
      "FROM actions a LEFT JOIN closures c ON c.record_seq = a.record_seq AND "
      "c.action_id = a.action_id WHERE a.case_reference = ? ORDER BY a.record_seq, a.action_id");
  actions.bind(1, reference);
  while (actions.step()) {
    json a = {{"record_seq", actions.integer(0)},
              {"action_id", actions.text(1)},
              {"text", actions.text(2)},
              {"owner", actions.text(3)},
              {"due", nullptr},
              {"declined", actions.integer(8) != 0},
              {"closed", nullptr}};
    if (!actions.is_null(4)) a["due"] = actions.text(4);
    if (!actions.is_null(5))
      a["closed"] = {{"at", actions.text(5)}, {"note", actions.text(6)}, {"by", actions.text(7)}};
    out["actions"].push_back(std::move(a));
  }
  // Whatever an older store holds, the export is written: a subject access request must be answered.
  std::string text = out.dump(2, ' ', false, json::error_handler_t::replace);
  if (deliver) deliver(text);
  t.commit();
  return text;
}

ChainEntry Store::erase_case(const std::string& reference, const std::string& role, const std::string& reason) {
  const auto& db = impl_->db;
  if (!valid_role(role))
    throw StoreError(fmt::format("an erasure needs the role of who is erasing (--role): {}", role_rule));
  detail::require_text(reason, "an erasure's reason");
  detail::Transaction t(db);
  detail::require_case(db, reference);
  const json body = {{"role", role}, {"reason", reason}};
  ChainEntry entry = detail::append_entry(db, "erasure", reference, detail::body_text(body));
  // The erasure is in the chain now, so the append-only triggers let these through. Export audit
  // entries stay: what was shared, with whom and why, is kept after the content is gone.
  for (const char* sql : {"DELETE FROM closures WHERE record_seq IN (SELECT seq FROM chain WHERE case_reference = "
                          "?1)",
                          "DELETE FROM actions WHERE case_reference = ?1",
                          "DELETE FROM bodies WHERE seq IN (SELECT seq FROM chain WHERE case_reference = ?1 AND kind "
                          "IN ('record', 'closure', 'event', 'countersignature'))",
                          "DELETE FROM events WHERE case_reference = ?1",
                          "DELETE FROM case_teams WHERE case_reference = ?1", "DELETE FROM cases WHERE reference = ?1"})
    detail::Statement(db, sql).bind(1, reference).run();
  t.commit();
  return entry;
}

}  // namespace waymark
