// Answers as JSON values: true/false, "option_id", ["a", "b"], 3, "2026-11-25", "text".
#pragma once

#include <waymark/answer.h>

#include <nlohmann/json.hpp>

namespace waymark::detail {

nlohmann::json answer_to_json(const Answer& answer);
// Throws AnswerError when the value does not fit the question.
Answer answer_from_json(const Question& question, const nlohmann::json& value);

}  // namespace waymark::detail
