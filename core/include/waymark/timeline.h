/// A case's chronology as a picture: events on a date axis, one row per kind, with the windows the
/// policy's conditions counted over, open actions at their due dates and today's date. Reviews keep
/// finding that a pattern (three refusals in a week, a repeat referral within a year) was in the
/// records but nobody saw it; the timeline puts it where a reader looks.
///
/// The picture is SVG text for embedding in a page (no script, no style sheet, nothing loaded from
/// elsewhere, so it passes a strict Content-Security-Policy) and prints in black and white: every
/// kind has its own shape and a labelled row, corrections and overdue actions are told by shape and
/// words, not colour. Every picture comes with a text alternative and an equivalent table.
#pragma once

#include <waymark/chronology.h>
#include <waymark/date.h>
#include <waymark/export.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waymark {

/// One event on the timeline, with its place in the store when it has one.
struct TimelineEvent {
  Event event;
  /// The store's id for the event (0 when it has none, as in an answers file).
  std::int64_t id = 0;
  /// The earlier event this one corrects, and the later event that corrects this one.
  std::optional<std::int64_t> corrects;
  std::optional<std::int64_t> corrected_by;
};

/// An action recommended on the case and not yet closed.
struct TimelineAction {
  std::string action_id;
  std::string text;
  std::optional<Date> due;
};

/// A stretch of the chronology whose events were erased: drawn as a gap that says so.
struct TimelineGap {
  Date from;
  Date to;
  /// What happened, e.g. "Erased on 2026-11-02 by data_protection_officer".
  std::string label;
};

/// What the timeline shows.
struct TimelineData {
  /// Names the picture for screen readers, e.g. "Case C-1024".
  std::string title;
  std::vector<TimelineEvent> events;
  /// The windows the policy's conditions counted over (Session::counted_windows).
  std::vector<CountedWindow> windows;
  std::vector<TimelineAction> actions;
  std::vector<TimelineGap> gaps;
  Date today;
};

/// How events are drawn: one mark each, or one mark per kind and week or month with its count.
enum class TimelineGrouping { event, week, month };

/// The grouping a timeline of these events uses: one mark per event up to `max_marks` events,
/// else by week when that fits the span, else by month.
WAYMARK_EXPORT TimelineGrouping timeline_grouping(const TimelineData& data, std::size_t max_marks = 300);

/// The events as TimelineEvents, for a chronology outside the store (an answers file's).
WAYMARK_EXPORT std::vector<TimelineEvent> timeline_events(const Chronology& chronology);

/// The timeline as an `<svg>` element. Every mark carries `data-kind`, `data-date` (the first day
/// of its week or month when grouped) and `data-count` attributes, so its data can be checked.
/// All text from the case (notes, reasons, agencies) is XML-escaped.
WAYMARK_EXPORT std::string timeline_svg(const TimelineData& data);

/// The picture's text alternative: one paragraph saying what it shows (span, counts by kind, the
/// windows with their counts, overdue actions).
WAYMARK_EXPORT std::string timeline_summary(const TimelineData& data);

/// The same data as HTML tables (GOV.UK Frontend classes): events (or counts per week or month),
/// the counted windows and the actions due.
WAYMARK_EXPORT std::string timeline_tables_html(const TimelineData& data);

/// The picture, its text alternative and its tables as one HTML fragment (a `<figure>`).
WAYMARK_EXPORT std::string timeline_html(const TimelineData& data);

}  // namespace waymark
