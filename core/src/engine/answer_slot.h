// Converting public Answers to the engine's answer slots, and building outcomes from slots.
#pragma once

#include "expr.h"

#include <waymark/answer.h>
#include <waymark/evaluate.h>
#include <waymark/outcome.h>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace waymark::detail {

struct ActionTable;

// Fills `slot` with the engine's form of an answer that has already been validated.
void fill_slot(const Question& question, const Answer& answer, AnswerSlot& slot);

// The commonest answers, a valid yes/no or option, checked and put in `slot` in one step (checking
// and then filling would look a choice's option up twice); false, with `slot` untouched, for any
// other answer, which validate_answer and fill_slot then take.
bool fill_common_slot(const Question& question, const Answer& answer, AnswerSlot& slot);

// A fact's value in words, for explanations.
std::string describe_value(const Policy& policy, const Fact& fact, const Value& value);

// What one evaluation of given answers works in, lent per thread (ThreadScratch): allocating it
// afresh for each answer set was about a fifth of a batch's time.
struct EvaluationScratch {
  std::vector<int> given_at;  // by question: its place in the answers given, or -1
  std::vector<AnswerSlot> slots;
  FactCache facts;
  std::vector<std::size_t> unanswered;  // the applicable questions without an answer, in order
};

// Checks the answers given (AnswerError, naming the question) and puts each in its question's
// slot, front to back, as a session would have asked them; returns what conditions evaluate in.
EvalEnv settle_answers(const Policy& policy, std::span<const IndexedAnswer> given, Date date,
                       const Chronology* chronology, EvaluationScratch& scratch);

// Whether a note applies in `env`.
bool note_applies(const Note& note, const EvalEnv& env);

// Evaluates every action and note against the answers in `env`. `unanswered`: the indices of the
// applicable questions not yet answered, in order.
Outcome build_outcome(const std::shared_ptr<const Policy>& policy, const EvalEnv& env, Date date,
                      const std::vector<std::optional<Answer>>& answers, const std::vector<std::size_t>& unanswered,
                      Reasons reasons = Reasons::include);

}  // namespace waymark::detail
