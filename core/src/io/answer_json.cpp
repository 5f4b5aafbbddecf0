#include "answer_json.h"

#include <waymark/error.h>

#include <fmt/format.h>

#include <utility>

namespace waymark::detail {

nlohmann::json answer_to_json(const Answer& a) {
  switch (a.kind) {
    case QuestionKind::yes_no: return a.yes;
    case QuestionKind::choice: return a.choice;
    case QuestionKind::multi_choice: return a.choices;
    case QuestionKind::number: return a.number;
    case QuestionKind::date: return a.date.iso();
    case QuestionKind::text: return a.text;
  }
  return nullptr;
}

Answer answer_from_json(const Question& q, const nlohmann::json& v) {
  auto wrong = [&](std::string_view want) {
    return AnswerError(q.id, fmt::format("expected {}, found {}", want, v.dump()));
  };
  Answer a;
  switch (q.kind) {
    case QuestionKind::yes_no:
      if (!v.is_boolean()) throw wrong("true or false");
      a = Answer::of_yes_no(v.get<bool>());
      break;
    case QuestionKind::choice:
      if (!v.is_string()) throw wrong("an option id in quotes");
      a = Answer::of_choice(v.get<std::string>());
      break;
    case QuestionKind::multi_choice: {
      if (!v.is_array()) throw wrong("a list of option ids");
      std::vector<std::string> ids;
      for (const auto& item : v) {
        if (!item.is_string()) throw wrong("a list of option ids");
        ids.push_back(item.get<std::string>());
      }
      a = Answer::of_choices(std::move(ids));
      break;
    }
    case QuestionKind::number:
      if (!v.is_number()) throw wrong("a number");
      a = Answer::of_number(v.get<double>());
      break;
    case QuestionKind::date: {
      auto d = v.is_string() ? Date::parse(v.get<std::string>()) : std::nullopt;
      if (!d) throw wrong("a date written \"YYYY-MM-DD\"");
      a = Answer::of_date(*d);
      break;
    }
    case QuestionKind::text:
      if (!v.is_string()) throw wrong("text in quotes");
      a = Answer::of_text(v.get<std::string>());
      break;
  }
  validate_answer(q, a);
  return a;
}

nlohmann::json event_to_json(const Event& e) {
  nlohmann::json out = {{"kind", e.kind}, {"date", e.date.iso()}};
  if (e.minute_of_day) out["minute_of_day"] = *e.minute_of_day;
  for (auto [key, value] :
       {std::pair{"agency", &e.agency}, {"reason", &e.reason}, {"note", &e.note}, {"recorded_by", &e.recorded_by}})
    if (!value->empty()) out[key] = *value;
  return out;
}

Event event_from_json(const nlohmann::json& j) {
  Event e;
  e.kind = j.at("kind").get<std::string>();
  auto date = Date::parse(j.at("date").get<std::string>());
  if (!date) throw RecordError("a saved event's date is not a date");
  e.date = *date;
  if (j.contains("minute_of_day")) e.minute_of_day = j.at("minute_of_day").get<std::int32_t>();
  e.agency = j.value("agency", "");
  e.reason = j.value("reason", "");
  e.note = j.value("note", "");
  e.recorded_by = j.value("recorded_by", "");
  return e;
}

}  // namespace waymark::detail
