// Closed-loop tracking: open actions by due date, and closing one with its evidence.
#include <fmt/format.h>
#include <waymark/session.h>

#include "store_impl.h"

namespace waymark {

namespace {

constexpr const char* action_columns =
    "a.case_reference, a.action_id, a.record_seq, a.text, a.owner, a.due, c.closed_at, c.note, "
    "c.closed_by "
    "FROM actions a LEFT JOIN closures c ON c.record_seq = a.record_seq AND c.action_id = "
    "a.action_id ";

TrackedAction read_action(const detail::Statement& s) {
  TrackedAction a;
  a.case_reference = s.text(0);
  a.action_id = s.text(1);
  a.record_seq = s.integer(2);
  a.text = s.text(3);
  a.owner = s.text(4);
  if (!s.is_null(5)) a.due = Date::parse(s.text(5));
  if (!s.is_null(6)) a.closed_at = s.text(6);
  a.closed_note = s.text(7);
  a.closed_by = s.text(8);
  return a;
}

}  // namespace

std::vector<TrackedAction> Store::open_actions() const {
  // ISO dates sort as text; undated actions ("by next review") come last. Two queries, each in
  // the order of actions_by_due, so SQLite walks the index rather than sorting every action.
  std::vector<TrackedAction> out;
  for (const char* dated : {"a.due IS NOT NULL", "a.due IS NULL"}) {
    detail::Statement s(impl_->db, fmt::format("SELECT {} WHERE {} AND c.closed_at IS NULL "
                                               "ORDER BY a.due, a.case_reference, a.record_seq",
                                               action_columns, dated)
                                       .c_str());
    while (s.step()) out.push_back(read_action(s));
  }
  return out;
}

std::vector<TrackedAction> Store::close_action(const std::string& reference,
                                               const std::string& action_id,
                                               const std::string& note, const std::string& role) {
  const auto& db = impl_->db;
  if (note.find_first_not_of(" \t\r\n") == std::string::npos)
    throw StoreError(
        "closing an action needs an evidence note: what was done, and where it is recorded");
  if (role.empty()) throw StoreError("closing an action needs the role of who closed it");
  detail::Transaction t(db);
  detail::require_case(db, reference);
  detail::Statement open(db,
                         fmt::format("SELECT {} WHERE a.case_reference = ? AND a.action_id = ? AND "
                                     "c.closed_at IS NULL ORDER BY a.record_seq",
                                     action_columns)
                             .c_str());
  open.bind(1, reference).bind(2, action_id);
  std::vector<TrackedAction> closed;
  while (open.step()) closed.push_back(read_action(open));
  if (closed.empty())
    throw StoreError(
        fmt::format("case '{}' has no open action '{}' (see `waymark due`)", reference, action_id));
  const std::string now = timestamp_now();
  detail::Statement insert(
      db,
      "INSERT INTO closures(record_seq, action_id, closed_at, note, closed_by) "
      "VALUES (?, ?, ?, ?, ?)");
  for (auto& a : closed) {
    insert.bind(1, a.record_seq)
        .bind(2, a.action_id)
        .bind(3, now)
        .bind(4, note)
        .bind(5, role)
        .run();
    insert.reset();
    a.closed_at = now;
    a.closed_note = note;
    a.closed_by = role;
  }
  t.commit();
  return closed;
}

}  // namespace waymark
