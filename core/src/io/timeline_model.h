// What the timeline draws, worked out once for the picture and its tables alike: the rows (one
// per kind), the marks (one per event, or one per kind and week or month), and the date span.
#pragma once

#include <waymark/timeline.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::detail {

struct TimelineMark {
  std::size_t row = 0;
  // The event's date, or the first day of its week or month.
  Date date;
  std::int64_t count = 1;
  // The event, when marks are one per event.
  const TimelineEvent* event = nullptr;
};

struct TimelineModel {
  TimelineGrouping grouping = TimelineGrouping::event;
  // Kinds in the order their rows are drawn.
  std::vector<std::string> kinds;
  // In date order.
  std::vector<TimelineMark> marks;
  // Events of each row (corrected ones left out when grouped).
  std::vector<std::int64_t> kind_totals;
  // When grouped: corrected events, which are not counted (their corrections are).
  std::size_t corrected_left_out = 0;
  // The first and last day the axis shows.
  Date first, last;
};

TimelineModel build_timeline_model(const TimelineData& data);

// How a row or a table names a kind: the label a policy declares ("Refusal of personal care"),
// else its id in words ("medication_refusal" -> "medication refusal").
std::string kind_label(const TimelineData& data, std::string_view kind);
// The same inside a sentence: a declared label's capital is dropped ("3 refusal of personal care"),
// unless it starts an abbreviation ("GP appointment missed").
std::string kind_words(const TimelineData& data, std::string_view kind);
// 3 -> "3", 2.5 -> "2.5".
std::string count_text(double count);
// The last day of the week or month that starts on `start` (`start` itself for single events).
Date period_end(Date start, TimelineGrouping grouping);
// "January" for January.
std::string_view month_name(std::chrono::month month);
// "Week of 2026-11-16", "November 2026" or the date itself.
std::string period_text(Date date, TimelineGrouping grouping);

}  // namespace waymark::detail
