// Closed-loop tracking: open actions by due date, and closing one with its evidence.
#include <fmt/format.h>
#include <waymark/session.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <utility>

#include "chain.h"
#include "store_impl.h"

namespace waymark {

namespace {

constexpr const char* action_columns =
    "a.case_reference, a.action_id, a.record_seq, a.text, a.owner, a.due, c.closed_at, c.note, "
    "c.closed_by, a.declined "
    "FROM actions a LEFT JOIN closures c ON c.record_seq = a.record_seq AND c.action_id = "
    "a.action_id ";

TrackedAction read_action(const detail::Statement& s) {
  TrackedAction a;
  a.case_reference = s.text(0);
  a.action_id = s.text(1);
  a.record_seq = s.integer(2);
  a.text = detail::readable_text(s.text_view(3));
  a.owner = detail::readable_text(s.text_view(4));
  if (!s.is_null(5)) a.due = Date::parse(s.text(5));
  if (!s.is_null(6)) a.closed_at = s.text(6);
  a.closed_note = detail::readable_text(s.text_view(7));
  a.closed_by = s.text(8);
  a.declined = s.integer(9) != 0;
  return a;
}

std::string list_records(const std::vector<TrackedAction>& actions) {
  std::string out;
  for (const auto& a : actions)
    out += fmt::format("{}record {} (due {})", out.empty() ? "" : ", ", a.record_seq, a.due ? a.due->iso() : "no date");
  return out;
}

}  // namespace

namespace {

using ActionKey = std::pair<std::int64_t, std::string>;  // record, action id

// The closed actions, of one case or of all: closures are few beside actions, so they are read
// once and left out of the list rather than joined row by row.
std::set<ActionKey> closed_actions(const detail::Database& db, const std::optional<std::string>& reference) {
  detail::Statement s(db, reference ? "SELECT record_seq, action_id FROM closures WHERE record_seq IN "
                                      "(SELECT seq FROM chain WHERE case_reference = ?)"
                                    : "SELECT record_seq, action_id FROM closures");
  if (reference) s.bind(1, *reference);
  std::set<ActionKey> closed;
  while (s.step()) closed.emplace(s.integer(0), s.text(1));
  return closed;
}

// Appends the rows of `s` (case, action, record, text, owner, due[, rowid]) that are not closed;
// with `rowids`, the rowid of each row appended.
void read_open(detail::Statement& s, const std::set<ActionKey>& closed, std::vector<TrackedAction>& out,
               std::vector<std::int64_t>* rowids = nullptr) {
  // Rows in due order share their date with the row before, so a date is parsed once per run
  // (starting from "", which is no date).
  std::string due_text;
  std::optional<Date> due;
  while (s.step()) {
    const std::int64_t record = s.integer(2);
    std::string action_id = s.text(1);
    if (!closed.empty() && closed.contains({record, action_id})) continue;
    TrackedAction& a = out.emplace_back();
    a.case_reference = s.text(0);
    a.action_id = std::move(action_id);
    a.record_seq = record;
    a.text = detail::readable_text(s.text_view(3));
    a.owner = detail::readable_text(s.text_view(4));
    if (const std::string_view text = s.text_view(5); text != due_text) {
      due = Date::parse(text);  // NULL reads as "", no date
      due_text = text;
    }
    a.due = due;
    if (rowids) rowids->push_back(s.integer(6));
  }
}

// A record's actions due the same day come from the query in no set order (SQLite reads them
// from actions_open_by_due by action id); the list shows them in the order the record lists
// them (rowid). Such runs are few and short, so they are ordered here: asking SQLite to order
// by rowid as well doubled the list's time.
void order_runs_by_rowid(std::vector<TrackedAction>& actions, const std::vector<std::int64_t>& rowids) {
  for (std::size_t begin = 0, end = 0; begin < actions.size(); begin = end) {
    for (end = begin + 1; end < actions.size() && actions[end].record_seq == actions[begin].record_seq &&
                          actions[end].due == actions[begin].due;
         ++end) {
    }
    const auto first = rowids.begin() + static_cast<std::ptrdiff_t>(begin);
    const auto last = rowids.begin() + static_cast<std::ptrdiff_t>(end);
    if (std::is_sorted(first, last)) continue;
    std::vector<std::size_t> order(end - begin);
    std::iota(order.begin(), order.end(), begin);
    std::ranges::sort(order, {}, [&](std::size_t i) { return rowids[i]; });
    std::vector<TrackedAction> run;
    run.reserve(order.size());
    for (const std::size_t i : order) run.push_back(std::move(actions[i]));
    std::ranges::move(run, actions.begin() + static_cast<std::ptrdiff_t>(begin));
  }
}

// What read_open reads, in its order (the due list adds the rowid after them), and from where.
constexpr const char* open_columns = "a.case_reference, a.action_id, a.record_seq, a.text, a.owner, a.due";
constexpr const char* open_rows = "FROM actions a WHERE a.declined = 0";

}  // namespace

std::vector<TrackedAction> Store::open_actions() const {
  // ISO dates sort as text; undated actions ("by next review") come last. Two queries, each in
  // the order of actions_open_by_due, so the database reads that index alone, not the table.
  const auto closed = closed_actions(impl_->db, std::nullopt);
  // Room for every action up front (a few are closed or declined): growing the list row by row
  // moved and re-touched it about twice over.
  detail::Statement count(impl_->db, "SELECT count(*) FROM actions");
  const auto most = static_cast<std::size_t>(count.step() ? count.integer(0) : 0);
  std::vector<TrackedAction> out;
  std::vector<std::int64_t> rowids;
  out.reserve(most);
  rowids.reserve(most);
  for (const char* dated : {"AND a.due IS NOT NULL", "AND a.due IS NULL"}) {
    detail::Statement s(
        impl_->db, fmt::format("SELECT {}, a.rowid {} {} ORDER BY a.due, a.case_reference, a.record_seq", open_columns,
                               open_rows, dated)
                       .c_str());
    read_open(s, closed, out, &rowids);
  }
  order_runs_by_rowid(out, rowids);
  return out;
}

std::vector<TrackedAction> Store::open_actions(const std::string& reference) const {
  // Found by actions_by_case and sorted here: a case has a handful of actions.
  std::vector<TrackedAction> out;
  detail::Statement s(impl_->db, fmt::format("SELECT {} {} AND a.case_reference = ?", open_columns, open_rows).c_str());
  s.bind(1, reference);
  read_open(s, closed_actions(impl_->db, reference), out);
  std::ranges::stable_sort(out, [](const TrackedAction& x, const TrackedAction& y) {
    if (x.due.has_value() != y.due.has_value()) return x.due.has_value();  // undated last
    if (x.due != y.due) return *x.due < *y.due;
    return x.record_seq < y.record_seq;
  });
  return out;
}

std::vector<TrackedAction> Store::actions(const std::string& reference) const {
  detail::Statement s(impl_->db, fmt::format("SELECT {} WHERE a.case_reference = ? ORDER BY a.record_seq, a.rowid",
                                             action_columns)
                                     .c_str());
  s.bind(1, reference);
  std::vector<TrackedAction> out;
  while (s.step()) out.push_back(read_action(s));
  return out;
}

TrackedAction Store::close_action(const std::string& reference, const std::string& action_id, const std::string& note,
                                  const std::string& role, std::optional<std::int64_t> record_seq) {
  const auto& db = impl_->db;
  if (detail::is_blank(note))
    throw StoreError("closing an action needs an evidence note: what was done, and where it is recorded");
  detail::require_text(note, "an evidence note");
  if (note.size() > max_note_length)
    throw StoreError(
        fmt::format("an evidence note is short (at most {} characters; this one has {}): say where the full "
                    "account is recorded",
                    max_note_length, note.size()));
  if (!valid_role(role))
    throw StoreError(fmt::format("closing an action needs the role of who closed it: {}", role_rule));
  detail::Transaction t(db);
  detail::require_case(db, reference);
  detail::Statement rows(db, fmt::format("SELECT {} WHERE a.case_reference = ? AND a.action_id = ? {}"
                                         "ORDER BY a.record_seq",
                                         action_columns, record_seq ? "AND a.record_seq = ? " : "")
                                 .c_str());
  rows.bind(1, reference).bind(2, action_id);
  if (record_seq) rows.bind(3, *record_seq);
  std::vector<TrackedAction> found, open;
  while (rows.step()) found.push_back(read_action(rows));
  for (const auto& a : found)
    if (!a.closed_at && !a.declined) open.push_back(a);
  const std::string from_record = record_seq ? fmt::format(" from record {}", *record_seq) : "";
  if (found.empty())
    throw StoreError(
        fmt::format("case '{}' has no action '{}'{} (see `waymark due`)", reference, action_id, from_record));
  if (open.empty()) {
    const TrackedAction& last = found.back();
    if (last.closed_at)
      throw StoreError(
          fmt::format("action '{}' on case '{}' (record {}) was already closed on {} "
                      "by {}: {}",
                      action_id, reference, last.record_seq, *last.closed_at, last.closed_by, last.closed_note));
    throw StoreError(
        fmt::format("action '{}' on case '{}' (record {}) was declined by the practitioner; it is not tracked",
                    action_id, reference, last.record_seq));
  }
  if (open.size() > 1)
    throw StoreError(fmt::format("action '{}' is open on case '{}' from {} records: {}; choose one with --record N",
                                 action_id, reference, open.size(), list_records(open)));
  TrackedAction a = open.front();
  const std::string now = timestamp_now();
  // The closure goes into the chain, so a closure removed or forged later is found by verify.
  detail::append_entry(db, "closure", reference, detail::closure_body(a.record_seq, a.action_id, now, note, role), now);
  detail::Statement(db,
                    "INSERT INTO closures(record_seq, action_id, closed_at, note, closed_by) "
                    "VALUES (?, ?, ?, ?, ?)")
      .bind(1, a.record_seq)
      .bind(2, a.action_id)
      .bind(3, now)
      .bind(4, note)
      .bind(5, role)
      .run();
  t.commit();
  a.closed_at = now;
  a.closed_note = note;
  a.closed_by = role;
  return a;
}

}  // namespace waymark
