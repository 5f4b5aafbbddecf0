// A manager's countersignature of a stored record: a chain entry of its own, so the record it
// signs is never edited and a countersignature removed or altered later is found by verify.
#include <fmt/format.h>
#include <waymark/session.h>

#include <nlohmann/json.hpp>

#include "chain.h"
#include "store_impl.h"

namespace waymark {

using nlohmann::json;

ChainEntry Store::countersign(const std::string& reference, std::int64_t record_seq, const std::string& role,
                              const std::string& comment) {
  const auto& db = impl_->db;
  if (!valid_role(role)) throw StoreError(fmt::format("a countersignature needs the signer's role: {}", role_rule));
  if (detail::is_blank(comment))
    throw StoreError("a countersignature needs a comment: what was checked, and whether it is agreed");
  detail::require_text(comment, "a countersignature's comment");
  if (comment.size() > max_note_length)
    throw StoreError(fmt::format("a countersignature's comment is short (at most {} characters; this one has {})",
                                 max_note_length, comment.size()));
  detail::Transaction t(db);
  detail::require_case(db, reference);
  detail::Statement record(db, "SELECT kind FROM chain WHERE seq = ? AND case_reference = ?");
  record.bind(1, record_seq).bind(2, reference);
  if (!record.step() || record.text(0) != "record")
    throw StoreError(fmt::format("case '{}' has no record in chain entry {} (`waymark case show {}` lists its records)",
                                 reference, record_seq, reference));
  const std::string now = timestamp_now();
  const json body = {{"record_seq", record_seq}, {"role", role}, {"at", now}, {"comment", comment}};
  ChainEntry entry = detail::append_entry(db, "countersignature", reference, detail::body_text(body), now);
  t.commit();
  return entry;
}

std::vector<Countersignature> countersignatures(const std::vector<ChainEntry>& entries) {
  std::vector<Countersignature> out;
  for (const ChainEntry& entry : entries) {
    if (entry.kind != "countersignature" || entry.body.empty()) continue;
    const json body = json::parse(entry.body, nullptr, false);
    if (!body.is_object()) continue;
    Countersignature c;
    c.seq = entry.seq;
    c.record_seq = body.value("record_seq", std::int64_t{0});
    c.role = detail::readable_text(body.value("role", ""));
    c.at = detail::readable_text(body.value("at", ""));
    c.comment = detail::readable_text(body.value("comment", ""));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace waymark
