// The audit of reads of case content and of refused attempts: append-only (the database refuses
// UPDATE and DELETE) and chained, each entry hashing the one before, so `verify` finds one altered
// or removed. Appended under the writers' lock, so concurrent writers cannot fork it.
#include <fmt/format.h>
#include <waymark/session.h>

#include <nlohmann/json.hpp>

#include "audit_chain.h"
#include "chain.h"
#include "store_impl.h"

namespace waymark {

using detail::Statement;

namespace {

constexpr const char* audit_columns =
    "seq, at, account, role, action, case_reference, detail, purpose, allowed, prev_hash, hash";

// Over every field as one JSON array: no separator inside a field can shift one into the next.
std::string audit_hash(const AuditEntry& e) {
  return sha256_hex(
      detail::body_text(nlohmann::json::array({"waymark-audit-1", e.prev_hash, e.seq, e.at, e.account, e.role, e.action,
                                               e.case_reference, e.detail, e.purpose, e.allowed})));
}

AuditEntry audit_from(const Statement& row) {
  return {row.integer(0), row.text(1), row.text(2),         row.text(3), row.text(4), row.text(5),
          row.text(6),    row.text(7), row.integer(8) != 0, row.text(9), row.text(10)};
}

void require_field(const std::string& text, std::string_view what) {
  detail::require_text(text, what);
  if (text.size() > max_note_length)
    throw StoreError(fmt::format("{} is at most {} characters (this one has {})", what, max_note_length, text.size()));
}

}  // namespace

namespace detail {

std::string verify_audit(const Database& db, std::size_t& entries) {
  Statement s(db, fmt::format("SELECT {} FROM audit ORDER BY seq", audit_columns).c_str());
  std::string prev;
  std::int64_t expected_seq = 1;
  std::string problem;
  while (s.step()) {
    const AuditEntry e = audit_from(s);
    const std::string what = fmt::format("audit entry {} ({} by '{}', {})", e.seq, readable_text(e.action),
                                         readable_text(e.account), readable_text(e.at));
    if (problem.empty()) {
      if (e.seq != expected_seq)
        problem = fmt::format("audit entry {} is missing (removed); the audit resumes at {}", expected_seq, what);
      else if (e.prev_hash != prev)
        problem = fmt::format("{} does not follow the entry before it: an audit entry was altered or removed", what);
      else if (audit_hash(e) != e.hash)
        problem = fmt::format("{} does not match its hash: it was altered", what);
    }
    prev = e.hash;
    expected_seq = e.seq + 1;
    ++entries;
  }
  return problem;
}

}  // namespace detail

AuditEntry Store::append_audit(AuditEntry entry) {
  const auto& db = impl_->db;
  if (entry.action.empty()) throw StoreError("an audit entry says what was done (its action)");
  require_field(entry.account, "an audit entry's account");
  require_field(entry.role, "an audit entry's role");
  require_field(entry.action, "an audit entry's action");
  require_field(entry.case_reference, "an audit entry's case reference");
  require_field(entry.detail, "an audit entry's detail");
  require_field(entry.purpose, "an audit entry's purpose");
  detail::Transaction t(db);
  entry.seq = 1;
  entry.prev_hash.clear();
  if (Statement last(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"); last.step()) {
    entry.seq = last.integer(0) + 1;
    entry.prev_hash = last.text(1);
  }
  entry.at = timestamp_now();
  entry.hash = audit_hash(entry);
  Statement insert(
      db, fmt::format("INSERT INTO audit({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", audit_columns).c_str());
  insert.bind(1, entry.seq).bind(2, entry.at).bind(3, entry.account).bind(4, entry.role).bind(5, entry.action);
  insert.bind(6, entry.case_reference).bind(7, entry.detail).bind(8, entry.purpose);
  insert.bind(9, std::int64_t{entry.allowed ? 1 : 0}).bind(10, entry.prev_hash).bind(11, entry.hash).run();
  t.commit();
  return entry;
}

std::vector<AuditEntry> Store::audit_entries(const AuditFilter& filter) const {
  std::string sql = fmt::format("SELECT {} FROM audit WHERE 1 = 1", audit_columns);
  std::vector<std::string> values;
  // `at` is ISO 8601, so its first ten characters are its date.
  auto where = [&](const char* condition, std::string value) {
    sql += condition;
    values.push_back(std::move(value));
  };
  if (!filter.case_reference.empty()) where(" AND case_reference = ?", filter.case_reference);
  if (!filter.account.empty()) where(" AND account = ?", filter.account);
  if (filter.from) where(" AND substr(at, 1, 10) >= ?", filter.from->iso());
  if (filter.to) where(" AND substr(at, 1, 10) <= ?", filter.to->iso());
  sql += " ORDER BY seq";
  Statement s(impl_->db, sql.c_str());
  for (std::size_t i = 0; i < values.size(); ++i) s.bind(static_cast<int>(i + 1), values[i]);
  std::vector<AuditEntry> out;
  while (s.step()) {
    AuditEntry e = audit_from(s);
    // Shown and exported: text an altered store may hold is escaped.
    for (std::string* text : {&e.account, &e.role, &e.action, &e.case_reference, &e.detail, &e.purpose})
      *text = detail::readable_text(std::move(*text));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace waymark
