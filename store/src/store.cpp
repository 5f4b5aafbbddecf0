// Opening a store, cases and their events.
#include <fmt/format.h>
#include <waymark/session.h>
#include <waymark/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

#include "chain.h"
#include "schema.h"
#include "store_impl.h"

namespace waymark {

using detail::Statement;

std::filesystem::path default_store_path() {
  if (const char* db = std::getenv("WAYMARK_DB"); db && *db) return db;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "waymark" / "cases.db";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local" / "share" / "waymark" / "cases.db";
  return "cases.db";
}

Store::Store(const std::filesystem::path& path) : impl_(std::make_unique<Impl>(path)) {
  detail::prepare_database(impl_->db);
}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const std::filesystem::path& Store::path() const { return impl_->db.path(); }
bool Store::is_postgresql() const { return impl_->db.kind() == detail::BackendKind::postgresql; }

std::string Store::reference_rule(std::string_view reference) {
  static const std::string rule =
      "a case reference is a short pseudonymous code such as C-1042: letters, digits and - _ / . "
      "(at most 64), with at least one digit, not shaped like a date or a National Insurance "
      "number; never a name";
  if (reference.empty()) return "a case reference is needed, e.g. C-1042 (" + rule + ")";
  const bool allowed_characters =
      reference.size() <= 64 && std::all_of(reference.begin(), reference.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '/' || c == '.';
      });
  if (!allowed_characters) return rule;
  // A name has no digit: "JohnSmith", "Smith.John".
  if (std::none_of(reference.begin(), reference.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return rule + " (this one has no digit, as a name has none)";
  // A date of birth is personal data: 1980-03-12, 12/03/1980, C-12.03.80.
  static const std::regex date_shape(
      "(^|[^0-9])([0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4})"
      "($|[^0-9])");
  if (std::regex_search(reference.begin(), reference.end(), date_shape))
    return rule + " (this one has a date in it, perhaps a date of birth)";
  // A National Insurance number (two letters, six digits, a letter A-D) identifies a person.
  static const std::regex ni_shape("(^|[-_/.])[A-Za-z]{2}[0-9]{6}[A-Da-d]?($|[-_/.])");
  if (std::regex_search(reference.begin(), reference.end(), ni_shape))
    return rule + " (this one is shaped like a National Insurance number)";
  return {};
}

bool Store::valid_reference(std::string_view reference) { return reference_rule(reference).empty(); }

bool Store::valid_role(std::string_view role) {
  return !role.empty() && role.size() <= 64 && std::all_of(role.begin(), role.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

namespace detail {
void require_case(const Database& db, const std::string& reference) {
  Statement s(db, "SELECT 1 FROM cases WHERE reference = ?");
  if (s.bind(1, reference).step()) return;
  // An erased case is not "unknown": say so, so nobody re-adds what was deliberately removed.
  Statement erased(db, "SELECT created_at FROM chain WHERE kind = 'erasure' AND case_reference = ?");
  if (erased.bind(1, reference).step())
    throw StoreError(
        fmt::format("{}: case '{}' was erased on {}; only the record of its erasure and "
                    "of its exports remains",
                    db.path().string(), reference, erased.text(0)));
  throw StoreError(
      fmt::format("{}: no case '{}' in this store (add it with `waymark case add`)", db.path().string(), reference));
}

void require_text(std::string_view text, std::string_view what) {
  if (const std::string why = text_problem(text); !why.empty()) throw StoreError(fmt::format("{} {}", what, why));
}

std::string readable_text(std::string_view text) {
  // text_problem passes printable ASCII at once.
  if (text_problem(text).empty()) return std::string(text);
  return escape_controls(text);
}
}  // namespace detail

void Store::require_case(const std::string& reference) const { detail::require_case(impl_->db, reference); }

void Store::add_case(const std::string& reference) {
  const auto& db = impl_->db;
  if (const std::string why = reference_rule(reference); !why.empty()) throw StoreError(why);
  detail::Transaction t(db);
  if (has_case(reference))
    throw StoreError(fmt::format("{}: case '{}' is already in this store", db.path().string(), reference));
  Statement erased(db, "SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = ?");
  if (erased.bind(1, reference).step())
    throw StoreError(fmt::format("{}: case '{}' was erased; use a new reference", db.path().string(), reference));
  Statement(db, "INSERT INTO cases(reference, created_at) VALUES (?, ?)")
      .bind(1, reference)
      .bind(2, timestamp_now())
      .run();
  t.commit();
}

bool Store::has_case(const std::string& reference) const {
  Statement s(impl_->db, "SELECT 1 FROM cases WHERE reference = ?");
  return s.bind(1, reference).step();
}

namespace {

void check_event(const Event& e) {
  // The same rule as answers files and policies use (chronology.h), so a stored kind can be named.
  if (!is_event_kind(e.kind))
    throw StoreError(fmt::format("event kind '{}': use lower case letters, digits and '_'", e.kind));
  if (e.minute_of_day && (*e.minute_of_day < 0 || *e.minute_of_day >= 24 * 60))
    throw StoreError("an event's time of day must be between 00:00 and 23:59");
  detail::require_text(e.note, "an event's note");
  detail::require_text(e.agency, "an event's agency");
  detail::require_text(e.reason, "an event's presenting reason");
  if (e.note.size() > max_note_length)
    throw StoreError(fmt::format("an event's note is a short factual note (at most {} characters; this one has {})",
                                 max_note_length, e.note.size()));
  if (e.agency.size() > max_agency_length)
    throw StoreError(fmt::format("an agency is named briefly (at most {} characters; this has {})", max_agency_length,
                                 e.agency.size()));
  if (e.reason.size() > max_reason_length)
    throw StoreError(fmt::format("a presenting reason is brief (at most {} characters; this one has {})",
                                 max_reason_length, e.reason.size()));
  // Events stored through the API may lack a role; a role given must be a role, not a name.
  if (!e.recorded_by.empty() && !Store::valid_role(e.recorded_by))
    throw StoreError(fmt::format("the role '{}' is not {}", e.recorded_by, role_rule));
}

}  // namespace

std::int64_t Store::append_event(const std::string& reference, const Event& event,
                                 std::optional<std::int64_t> supersedes) {
  const auto& db = impl_->db;
  check_event(event);
  detail::Transaction t(db);
  detail::require_case(db, reference);
  if (supersedes) {
    Statement earlier(db,
                      "SELECT e.case_reference, (SELECT id FROM events WHERE supersedes = e.id) FROM events e "
                      "WHERE e.id = ?");
    if (!earlier.bind(1, *supersedes).step() || earlier.text(0) != reference)
      throw StoreError(fmt::format("case '{}' has no event {} to correct", reference, *supersedes));
    if (!earlier.is_null(1))
      throw StoreError(fmt::format("event {} was already corrected by event {}; correct that one instead", *supersedes,
                                   earlier.integer(1)));
  }
  Statement insert(db,
                   "INSERT INTO events(case_reference, kind, date, minute_of_day, agency, reason, "
                   "note, recorded_by, "
                   "recorded_at, supersedes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, reference).bind(2, event.kind).bind(3, event.date.iso());
  insert.bind(4, event.minute_of_day ? std::optional<std::int64_t>(*event.minute_of_day) : std::nullopt);
  insert.bind(5, event.agency).bind(6, event.reason).bind(7, event.note).bind(8, event.recorded_by);
  insert.bind(9, timestamp_now()).bind(10, supersedes).step();
  const std::int64_t id = insert.integer(0);
  insert.run();
  // The event as stored is chained in the same transaction, so `verify` sees any later change to it.
  Statement row(db, fmt::format("SELECT {} FROM events WHERE id = ?", detail::event_columns).c_str());
  row.bind(1, id).step();
  detail::append_entry(db, "event", reference, detail::event_body(row));
  t.commit();
  return id;
}

std::size_t Store::count_events(const std::string& reference, std::string_view kind, Date from, Date to) const {
  const auto& db = impl_->db;
  detail::require_case(db, reference);
  // events_by_case covers (case, kind, date); the correction lookup uses supersedes' unique index.
  Statement s(db,
              "SELECT count(*) FROM events e WHERE e.case_reference = ? AND e.kind = ? AND e.date "
              "BETWEEN ? AND ? "
              "AND NOT EXISTS (SELECT 1 FROM events c WHERE c.supersedes = e.id)");
  s.bind(1, reference).bind(2, kind).bind(3, from.iso()).bind(4, to.iso());
  return s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

std::vector<StoredEvent> Store::events(const std::string& reference) const {
  const auto& db = impl_->db;
  detail::require_case(db, reference);
  Statement s(db,
              "SELECT e.id, e.kind, e.date, e.minute_of_day, e.agency, e.reason, e.note, e.recorded_by, "
              "e.recorded_at, e.supersedes, (SELECT id FROM events WHERE supersedes = e.id) FROM events e "
              "WHERE e.case_reference = ? ORDER BY e.date, coalesce(e.minute_of_day, -1), e.id");
  s.bind(1, reference);
  std::vector<StoredEvent> out;
  while (s.step()) {
    StoredEvent se;
    se.id = s.integer(0);
    se.event.kind = s.text(1);
    se.event.date = Date::parse(s.text(2)).value_or(Date{});
    if (!s.is_null(3)) se.event.minute_of_day = static_cast<std::int32_t>(s.integer(3));
    // An older store may hold text this one refuses (invalid UTF-8, escapes): shown escaped.
    se.event.agency = detail::readable_text(s.text(4));
    se.event.reason = detail::readable_text(s.text(5));
    se.event.note = detail::readable_text(s.text(6));
    se.event.recorded_by = detail::readable_text(s.text(7));
    se.recorded_at = s.text(8);
    if (!s.is_null(9)) se.supersedes = s.integer(9);
    if (!s.is_null(10)) se.superseded_by = s.integer(10);
    out.push_back(std::move(se));
  }
  return out;
}

Chronology load_chronology(const Store& store, const std::string& reference) {
  std::vector<Event> events;
  for (auto& stored : store.events(reference))
    if (!stored.superseded_by) events.push_back(std::move(stored.event));
  return Chronology(std::move(events));
}

}  // namespace waymark
