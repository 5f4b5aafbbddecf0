// Answers as JSON values: true/false, "option_id", ["a", "b"], 3, "2026-11-25", "text"; and
// chronology events as JSON objects, for saved sessions and evidence records.
#pragma once

#include <waymark/answer.h>
#include <waymark/chronology.h>

#include <nlohmann/json.hpp>

namespace waymark::detail {

nlohmann::json answer_to_json(const Answer& answer);
// Throws AnswerError when the value does not fit the question.
Answer answer_from_json(const Question& question, const nlohmann::json& value);

// {"kind", "date", "minute_of_day"?, "agency"?, "reason"?, "note"?, "recorded_by"?}: empty texts left out.
nlohmann::json event_to_json(const Event& event);
// Throws RecordError when the date is not a date (and json exceptions for missing keys).
Event event_from_json(const nlohmann::json& value);

}  // namespace waymark::detail
