#include "timeline_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace waymark {

namespace {

using namespace std::chrono;

// The kinds practitioners record most, in the order a reader expects them; others follow
// alphabetically.
constexpr std::array<std::string_view, 7> usual_kinds = {
    "refusal", "missed_appointment", "no_access_visit", "referral", "agency_contact", "meeting", "review"};

std::size_t usual_rank(std::string_view kind) {
  return static_cast<std::size_t>(std::find(usual_kinds.begin(), usual_kinds.end(), kind) - usual_kinds.begin());
}

Date week_start(Date d) {
  const weekday wd{d.days()};
  return Date{d.days() - days{(wd.c_encoding() + 6) % 7}};  // Monday
}

Date month_start(Date d) {
  const year_month_day ymd{d.days()};
  return Date{sys_days{ymd.year() / ymd.month() / 1}};
}

Date bucket_of(Date d, TimelineGrouping grouping) {
  switch (grouping) {
    case TimelineGrouping::week: return week_start(d);
    case TimelineGrouping::month: return month_start(d);
    case TimelineGrouping::event: break;
  }
  return d;
}

// The span of everything drawn: events, windows, due dates, gaps and today.
std::pair<Date, Date> span_of(const TimelineData& data) {
  Date first = data.today, last = data.today;
  const auto take = [&](Date d) {
    first = std::min(first, d);
    last = std::max(last, d);
  };
  for (const auto& e : data.events) take(e.event.date);
  for (const auto& w : data.windows) take(w.from), take(w.to);
  for (const auto& a : data.actions)
    if (a.due) take(*a.due);
  for (const auto& g : data.gaps) take(g.from), take(g.to);
  return {first, last};
}

}  // namespace

TimelineGrouping timeline_grouping(const TimelineData& data, std::size_t max_marks) {
  if (data.events.size() <= max_marks) return TimelineGrouping::event;
  const auto [first, last] = span_of(data);
  // Weeks while each is wide enough to see (about 120 across the picture), else months.
  return last.days_since_epoch() - first.days_since_epoch() <= 7 * 120 ? TimelineGrouping::week
                                                                       : TimelineGrouping::month;
}

std::vector<TimelineEvent> timeline_events(const Chronology& chronology) {
  std::vector<TimelineEvent> out;
  out.reserve(chronology.events().size());
  for (const Event& e : chronology.events()) out.push_back({e, 0, std::nullopt, std::nullopt});
  return out;
}

void add_kind_labels(TimelineData& data, const Policy& policy) {
  for (const EventKind& k : policy.event_kinds()) data.kind_labels.emplace(k.id, k.label);
}

std::string timeline_kind_label(const TimelineData& data, std::string_view kind) {
  return detail::kind_label(data, kind);
}

namespace detail {

std::string kind_label(const TimelineData& data, std::string_view kind) {
  if (const auto it = data.kind_labels.find(kind); it != data.kind_labels.end() && !it->second.empty())
    return it->second;
  std::string out(kind);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string kind_words(const TimelineData& data, std::string_view kind) {
  std::string out = kind_label(data, kind);
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  if (out.size() > 1 && out[0] >= 'A' && out[0] <= 'Z' && (lower(out[1]) || out[1] == ' '))
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

std::string count_text(double count) { return fmt::format("{:g}", count); }

Date period_end(Date start, TimelineGrouping grouping) {
  switch (grouping) {
    case TimelineGrouping::week: return start.plus_days(6);
    case TimelineGrouping::month: return start.plus_months(1).plus_days(-1);
    case TimelineGrouping::event: break;
  }
  return start;
}

std::string_view month_name(std::chrono::month month) {
  static constexpr std::array<std::string_view, 12> names = {"January",   "February", "March",    "April",
                                                             "May",       "June",     "July",     "August",
                                                             "September", "October",  "November", "December"};
  return names[(static_cast<unsigned>(month) + 11) % 12];
}

std::string period_text(Date date, TimelineGrouping grouping) {
  switch (grouping) {
    case TimelineGrouping::week: return "Week of " + date.iso();
    case TimelineGrouping::month: {
      const year_month_day ymd{date.days()};
      return fmt::format("{} {}", month_name(ymd.month()), static_cast<int>(ymd.year()));
    }
    case TimelineGrouping::event: break;
  }
  return date.iso();
}

TimelineModel build_timeline_model(const TimelineData& data) {
  TimelineModel model;
  model.grouping = timeline_grouping(data);
  std::tie(model.first, model.last) = span_of(data);

  // Rows: every kind with an event or a counted window.
  for (const auto& e : data.events) model.kinds.push_back(e.event.kind);
  for (const auto& w : data.windows) model.kinds.push_back(w.kind);
  std::sort(model.kinds.begin(), model.kinds.end(), [](const std::string& a, const std::string& b) {
    return std::make_pair(usual_rank(a), std::string_view(a)) < std::make_pair(usual_rank(b), std::string_view(b));
  });
  model.kinds.erase(std::unique(model.kinds.begin(), model.kinds.end()), model.kinds.end());
  model.kind_totals.assign(model.kinds.size(), 0);
  const auto row_of = [&](std::string_view kind) {
    const auto it =
        std::lower_bound(model.kinds.begin(), model.kinds.end(), kind, [](const std::string& a, std::string_view b) {
          return std::make_pair(usual_rank(a), std::string_view(a)) < std::make_pair(usual_rank(b), b);
        });
    return static_cast<std::size_t>(it - model.kinds.begin());
  };

  if (model.grouping == TimelineGrouping::event) {
    model.marks.reserve(data.events.size());
    for (const auto& e : data.events) {
      const std::size_t row = row_of(e.event.kind);
      model.marks.push_back({row, e.event.date, 1, &e});
      ++model.kind_totals[row];
    }
  } else {
    // Corrected events are left out: the count is of what the record now says happened.
    std::map<std::pair<int, std::size_t>, std::int64_t> buckets;
    for (const auto& e : data.events) {
      if (e.corrected_by) {
        ++model.corrected_left_out;
        continue;
      }
      const std::size_t row = row_of(e.event.kind);
      ++buckets[{bucket_of(e.event.date, model.grouping).days_since_epoch(), row}];
      ++model.kind_totals[row];
    }
    model.marks.reserve(buckets.size());
    for (const auto& [key, count] : buckets)
      model.marks.push_back({key.second, Date{sys_days{days{key.first}}}, count, nullptr});
  }
  std::stable_sort(model.marks.begin(), model.marks.end(),
                   [](const TimelineMark& a, const TimelineMark& b) { return a.date < b.date; });
  // A week or month can start before its first event and end after its last: the axis spans it.
  if (!model.marks.empty()) {
    model.first = std::min(model.first, model.marks.front().date);
    model.last = std::max(model.last, period_end(model.marks.back().date, model.grouping));
  }
  return model;
}

}  // namespace detail

}  // namespace waymark
