// Converting public Answers to the engine's answer slots, and building outcomes from slots.
#pragma once

#include "expr.h"

#include <waymark/answer.h>
#include <waymark/outcome.h>

#include <optional>
#include <vector>

namespace waymark::detail {

// Fills `slot` with the engine's form of an answer that has already been validated.
void fill_slot(const Question& question, const Answer& answer, AnswerSlot& slot);

// A fact's value in words, for explanations.
std::string describe_value(const Policy& policy, const Fact& fact, const Value& value);

// Evaluates every action and note against the answers in `env`. `unanswered`: the indices of the
// applicable questions not yet answered, in order.
Outcome build_outcome(const std::shared_ptr<const Policy>& policy, const EvalEnv& env, Date date,
                      const std::vector<std::optional<Answer>>& answers, const std::vector<std::size_t>& unanswered,
                      Reasons reasons = Reasons::include);

}  // namespace waymark::detail
