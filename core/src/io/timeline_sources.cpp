// Where a timeline's data comes from outside the case store: a walk-through in progress, or an
// evidence record filed earlier.
#include <fmt/format.h>
#include <waymark/error.h>
#include <waymark/timeline.h>

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
  for (const Recommendation& r : session.outcome(Reasons::omit).actions)
    data.actions.push_back({r.action->id, r.action->text, r.due});
  return data;
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
