/// A case's chronology: dated events that conditions can ask about (how many refusals in a
/// week, time since the last contact, repeat referrals for the same reason). Non-engagement is
/// a pattern over time, so policies need more than one day's answers.
///
/// The chronology is input, like answers: an answers file's `[[event]]` tables and the case
/// store both produce one, and condition functions (built in or from plugins) read it through
/// the session. It holds facts about events, never names.
#pragma once

#include <waymark/date.h>
#include <waymark/export.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// One thing that happened on a case.
struct Event {
  /// What happened: refusal, missed_appointment, no_access_visit, referral, agency_contact,
  /// meeting, review, ... (lower case letters, digits and '_'; policies name the kinds they use).
  std::string kind;
  Date date;
  /// Minutes after midnight, when the time of day is known (for "refusals at the same time").
  std::optional<std::int32_t> minute_of_day;
  /// The agency involved, if any.
  std::string agency;
  /// For referrals: the presenting reason, so repeat referrals for the same reason can be found.
  std::string reason;
  /// A short factual note (no names).
  std::string note;
  /// The role of whoever recorded it (never a person's name).
  std::string recorded_by;
};

/// Whether `kind` is a valid event kind: lower case letters, digits and '_' (policies name kinds
/// in conditions, so they are identifiers).
WAYMARK_EXPORT bool is_event_kind(std::string_view kind);
/// "HH:MM" (24-hour) as minutes after midnight, or nothing if it is not written that way.
WAYMARK_EXPORT std::optional<std::int32_t> parse_time_of_day(std::string_view text);
/// Minutes after midnight as "HH:MM".
WAYMARK_EXPORT std::string format_time_of_day(std::int32_t minute_of_day);

/// A window of the chronology that a condition function counted events over, as the function
/// reports it: the timeline draws it, so a reader sees what the condition saw.
struct CountedWindow {
  /// The condition function that counted.
  std::string function;
  /// The kind of event counted.
  std::string kind;
  /// First and last day of the window, both inclusive.
  Date from;
  Date to;
  double count = 0;

  bool operator==(const CountedWindow&) const = default;
};

/// Events in date order (and time order within a day, untimed events first).
class WAYMARK_EXPORT Chronology {
 public:
  Chronology() = default;
  explicit Chronology(std::vector<Event> events);

  void add(Event event);
  const std::vector<Event>& events() const noexcept { return events_; }
  bool empty() const noexcept { return events_.empty(); }

  /// Events of `kind` dated in [from, to], both inclusive.
  std::size_t count(std::string_view kind, Date from, Date to) const;
  /// The latest event of `kind` on or before `on`.
  const Event* last(std::string_view kind, Date on) const;

 private:
  std::vector<Event> events_;
};

}  // namespace waymark
