#include "case_read.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "store_support.h"

namespace waymark::cli {

namespace {

using nlohmann::json;

// What a record says about itself, read leniently: a record the store accepted is readable, but
// an older one may lack the newer fields.
struct RecordSummary {
  std::string policy_id, policy_title, policy_version, role, date;
  bool complete = false;
};

RecordSummary summary_of(const std::string& body) {
  RecordSummary out;
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return out;
  const json policy = doc.value("policy", json::object());
  const json session = doc.value("session", json::object());
  if (policy.is_object()) {
    out.policy_id = policy.value("id", "");
    out.policy_title = policy.value("title", "");
    out.policy_version = policy.value("version", "");
  }
  if (session.is_object()) {
    out.role = session.value("completed_by_role", "");
    out.date = session.value("date", "");
    out.complete = session.value("complete", false);
  }
  return out;
}

std::string status_of(const TrackedAction& a, Date today) {
  if (a.declined) return "declined";
  if (a.closed_at) return "closed";
  return a.due && *a.due < today ? "overdue" : "open";
}

std::vector<Countersignature> signatures_of(const std::vector<Countersignature>& all, std::int64_t record) {
  std::vector<Countersignature> out;
  for (const auto& c : all)
    if (c.record_seq == record) out.push_back(c);
  return out;
}

}  // namespace

std::string records_and_actions_words(const Store& store, const std::string& reference, Date today) {
  const auto entries = store.entries(reference);
  const auto signatures = countersignatures(entries);
  std::string out;
  if (const auto team = store.case_team(reference)) out += fmt::format("\nTeam: {}\n", *team);
  for (const CaseShare& share : case_shares(entries)) {
    out += fmt::format("  shared with team {} on {} by {}: {}\n", share.team, share.at, printable(share.role),
                       printable(share.purpose));
    if (share.ended_at)
      out += fmt::format("    ended {} by {}: {}\n", *share.ended_at, printable(share.ended_by),
                         printable(share.end_reason));
  }
  std::size_t records = 0;
  for (const ChainEntry& e : entries) {
    if (e.kind != "record") continue;
    if (records++ == 0) out += "\nRecords (read one with: waymark case record REF N):\n";
    const RecordSummary r = summary_of(e.body);
    out += fmt::format("  {:<4} {}  {} version {}{}, completed by {}{}\n", e.seq, r.date.empty() ? e.created_at : r.date,
                       printable(r.policy_title.empty() ? r.policy_id : r.policy_title), printable(r.policy_version),
                       r.complete ? "" : " (INCOMPLETE)", r.role.empty() ? "(role not given)" : printable(r.role),
                       e.body.empty() ? " (content erased)" : "");
    for (const Countersignature& c : signatures_of(signatures, e.seq))
      out += fmt::format("       countersigned {} by {}: {}\n", c.at, printable(c.role), printable(c.comment));
  }
  const auto actions = store.actions(reference);
  if (!actions.empty()) out += "\nActions (open and closed):\n";
  for (const TrackedAction& a : actions) {
    out += fmt::format("  {:<9} {:<10} record {:<4} {} [{}] ({})\n", status_of(a, today),
                       a.due ? a.due->iso() : "no date", a.record_seq, printable(a.text), printable(a.action_id),
                       printable(a.owner));
    if (a.closed_at)
      out += fmt::format("            closed {} by {}: {}\n", *a.closed_at, printable(a.closed_by),
                         printable(a.closed_note));
  }
  return out;
}

std::string case_json(const Store& store, const std::string& reference, Date today) {
  json events = json::array();
  for (const StoredEvent& se : store.events(reference)) {
    const Event& e = se.event;
    json event = {{"id", se.id},
                  {"kind", e.kind},
                  {"date", e.date.iso()},
                  {"time", e.minute_of_day ? json(format_time_of_day(*e.minute_of_day)) : json(nullptr)},
                  {"agency", e.agency},
                  {"reason", e.reason},
                  {"note", e.note},
                  {"recorded_by", e.recorded_by},
                  {"recorded_at", se.recorded_at},
                  {"corrects", se.supersedes ? json(*se.supersedes) : json(nullptr)},
                  {"corrected_by", se.superseded_by ? json(*se.superseded_by) : json(nullptr)}};
    events.push_back(std::move(event));
  }
  const auto entries = store.entries(reference);
  const auto signatures = countersignatures(entries);
  json records = json::array();
  for (const ChainEntry& e : entries) {
    if (e.kind != "record") continue;
    const RecordSummary r = summary_of(e.body);
    json signed_by = json::array();
    for (const Countersignature& c : signatures_of(signatures, e.seq))
      signed_by.push_back({{"chain_entry", c.seq}, {"role", c.role}, {"at", c.at}, {"comment", c.comment}});
    records.push_back({{"chain_entry", e.seq},
                       {"filed_at", e.created_at},
                       {"session_date", r.date},
                       {"policy", {{"id", r.policy_id}, {"title", r.policy_title}, {"version", r.policy_version}}},
                       {"completed_by_role", r.role.empty() ? json(nullptr) : json(r.role)},
                       {"complete", r.complete},
                       {"erased", e.body.empty()},
                       {"countersignatures", signed_by}});
  }
  json shares = json::array();
  for (const CaseShare& share : case_shares(entries))
    shares.push_back({{"chain_entry", share.seq},
                      {"team", share.team},
                      {"purpose", share.purpose},
                      {"role", share.role},
                      {"at", share.at},
                      {"ended_at", share.ended_at ? json(*share.ended_at) : json(nullptr)},
                      {"ended_by", share.ended_at ? json(share.ended_by) : json(nullptr)},
                      {"end_reason", share.ended_at ? json(share.end_reason) : json(nullptr)}});
  const auto team = store.case_team(reference);
  json actions = json::array();
  for (const TrackedAction& a : store.actions(reference))
    actions.push_back({{"id", a.action_id},
                       {"record", a.record_seq},
                       {"text", a.text},
                       {"owner", a.owner},
                       {"due", a.due ? json(a.due->iso()) : json(nullptr)},
                       {"status", status_of(a, today)},
                       {"closed_at", a.closed_at ? json(*a.closed_at) : json(nullptr)},
                       {"closed_by", a.closed_at ? json(a.closed_by) : json(nullptr)},
                       {"closed_note", a.closed_at ? json(a.closed_note) : json(nullptr)}});
  const json doc = {{"case_reference", reference},
                    {"today", today.iso()},
                    {"team", team ? json(*team) : json(nullptr)},
                    {"shares", shares},
                    {"events", events},
                    {"records", records},
                    {"actions", actions}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

StoredRecord stored_record(const Store& store, const std::string& reference, std::int64_t seq) {
  store.require_case(reference);
  const auto entries = store.entries(reference);
  for (const ChainEntry& e : entries) {
    if (e.seq != seq || e.kind != "record") continue;
    StoredRecord out{e.body, {e.seq, e.hash, {}}};
    for (const Countersignature& c : signatures_of(countersignatures(entries), seq))
      out.filing.countersignatures.push_back({c.seq, c.role, c.at, c.comment});
    return out;
  }
  std::string records;
  for (const ChainEntry& e : entries)
    if (e.kind == "record") records += fmt::format("{}{}", records.empty() ? "" : ", ", e.seq);
  throw StoreError(fmt::format("case '{}' has no record in chain entry {} (its records: {})", reference, seq,
                               records.empty() ? "none" : records));
}

}  // namespace waymark::cli
