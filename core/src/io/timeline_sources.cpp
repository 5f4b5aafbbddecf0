// Where a timeline's data comes from outside the case store: a walk-through in progress, or an
// evidence record filed earlier.
#include <fmt/format.h>
#include <waymark/error.h>
#include <waymark/timeline.h>

#include <algorithm>

#include "answer_json.h"
#include "record_read.h"

namespace waymark {

namespace {

Date date_in(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  const auto date = it != object.end() && it->is_string() ? Date::parse(it->get<std::string>()) : std::nullopt;
  if (!date) throw RecordError(fmt::format("the record's \"{}\" is not a date (YYYY-MM-DD)", key));
  return *date;
}

}  // namespace

TimelineData session_timeline(const Session& session, std::string title) {
  TimelineData data;
  data.title = std::move(title);
  data.today = session.date();
  if (session.chronology()) data.events = timeline_events(*session.chronology());
  data.windows = session.counted_windows();
  add_kind_labels(data, session.policy());
  for (const Recommendation& r : session.outcome(Reasons::omit).actions)
    data.actions.push_back({r.action->id, r.action->text, r.due});
  return data;
}

std::optional<TimelineData> recent_timeline(const TimelineData& data, int recent_days, int long_span_days) {
  if (data.events.empty() || data.recent) return std::nullopt;
  const auto [first, last] = std::ranges::minmax(data.events, {}, [](const TimelineEvent& e) { return e.event.date; });
  if (std::max(last.event.date, data.today).days_since_epoch() - first.event.date.days_since_epoch() < long_span_days)
    return std::nullopt;
  const Date from = data.today.plus_days(1 - recent_days);
  const auto inside = [&](Date d) { return d >= from && d <= data.today; };
  TimelineData recent;
  recent.today = data.today;
  recent.kind_labels = data.kind_labels;
  recent.id = data.id + "-recent";
  recent.recent = true;
  for (const TimelineEvent& e : data.events)
    if (inside(e.event.date)) recent.events.push_back(e);
  if (recent.events.empty()) return std::nullopt;
  recent.title = fmt::format("{}, {} to {} enlarged", data.title, from.iso(), data.today.iso());
  // Only what lies wholly inside the weeks shown: a longer window stays on the whole picture.
  for (const CountedWindow& w : data.windows)
    if (inside(w.from) && inside(w.to)) recent.windows.push_back(w);
  for (const TimelineAction& a : data.actions)
    if (a.due && inside(*a.due)) recent.actions.push_back(a);
  for (const TimelineGap& g : data.gaps)
    if (inside(g.from) && inside(g.to)) recent.gaps.push_back(g);
  return recent;
}

TimelineData record_timeline(std::string_view record_json) {
  const nlohmann::json doc = detail::read_record(record_json);
  try {
    TimelineData data;
    const auto& session = doc.at("session");
    data.today = date_in(session, "date");
    if (session.contains("case_reference") && session["case_reference"].is_string())
      data.title = "Case " + session["case_reference"].get<std::string>();
    for (const auto& e : doc.value("events", nlohmann::json::array()))
      data.events.push_back({detail::event_from_json(e), 0, std::nullopt, std::nullopt});
    // The labels the policy declared for its kinds when the record was made (older records have none).
    if (const auto labels = doc.find("event_kinds"); labels != doc.end() && labels->is_object())
      for (const auto& [kind, label] : labels->items())
        if (label.is_string()) data.kind_labels.emplace(kind, label.get<std::string>());
    for (const auto& w : doc.value("windows", nlohmann::json::array()))
      data.windows.push_back({w.at("function").get<std::string>(), w.at("kind").get<std::string>(), date_in(w, "from"),
                              date_in(w, "to"), w.at("count").get<double>()});
    for (const auto& a : doc.at("outcome").at("actions")) {
      TimelineAction action{a.at("id").get<std::string>(), a.at("text").get<std::string>(), std::nullopt};
      if (a.contains("due") && a["due"].is_string()) action.due = date_in(a, "due");
      data.actions.push_back(std::move(action));
    }
    return data;
  } catch (const nlohmann::json::exception& e) {
    throw RecordError(fmt::format("the record's events, windows or actions are damaged: {}", e.what()));
  }
}

}  // namespace waymark
