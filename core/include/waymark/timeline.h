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
#include <waymark/session.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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
  /// The labels policies declare for event kinds (`[event_kinds]`, e.g. personal_care_refusal ->
  /// "Refusal of personal care"), by kind. A kind without one is shown as its id in words.
  std::map<std::string, std::string, std::less<>> kind_labels;
  /// The ids inside the picture start with this, so two pictures can share a page.
  std::string id = "wm-timeline";
  /// True for the enlarged last weeks of a longer chronology (recent_timeline).
  bool recent = false;
};

/// A long chronology's last weeks, enlarged, so a pattern of recent events is not lost in a
/// picture of years: when the events span more than `long_span_days`, the events of the last
/// `recent_days` up to today, with the windows counted and the actions due inside them. Nothing
/// when the span is short or nothing happened in those weeks.
WAYMARK_EXPORT std::optional<TimelineData> recent_timeline(const TimelineData& data, int recent_days = 56,
                                                           int long_span_days = 183);

/// Adds the labels `policy` declares for its event kinds to `data`, keeping any already there.
WAYMARK_EXPORT void add_kind_labels(TimelineData& data, const Policy& policy);

/// How the timeline names a kind: its declared label, else its id in words ("missed appointment").
WAYMARK_EXPORT std::string timeline_kind_label(const TimelineData& data, std::string_view kind);

/// The timeline of a walk-through: its chronology, the windows its conditions counted over, its
/// recommended actions at their due dates, and its date as today.
WAYMARK_EXPORT TimelineData session_timeline(const Session& session, std::string title);

/// The timeline an evidence record holds (its `events` and `windows`, its actions' due dates, its
/// session date as today), so a record filed long ago draws what its conditions saw then. Throws
/// RecordError when the JSON is not a readable record.
WAYMARK_EXPORT TimelineData record_timeline(std::string_view record_json);

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

/// Which tables go with the picture: a page that already lists the events or the actions leaves
/// those out.
struct TimelineTables {
  bool events = true;
  bool actions = true;
};

/// The same data as HTML tables (GOV.UK Frontend classes): events (or counts per week or month),
/// the counted windows, the actions due and any gaps.
WAYMARK_EXPORT std::string timeline_tables_html(const TimelineData& data, TimelineTables tables = {});

/// The picture and its text alternative as a `<figure>`, then the recent weeks enlarged (when the
/// chronology is long) as a second one, followed by the tables.
WAYMARK_EXPORT std::string timeline_html(const TimelineData& data, TimelineTables tables = {});

}  // namespace waymark
