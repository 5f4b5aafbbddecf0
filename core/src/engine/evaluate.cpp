#include "answer_slot.h"
#include "reasons.h"
#include "thread_scratch.h"

#include <waymark/evaluate.h>

#include <fmt/format.h>

#include <stdexcept>

namespace waymark {

Outcome evaluate_answers(const std::shared_ptr<const Policy>& policy, std::vector<IndexedAnswer> given, Date date,
                         std::shared_ptr<const Chronology> chronology) {
  return evaluate_answers(policy, std::move(given), date, std::move(chronology), Reasons::include);
}

namespace detail {

EvalEnv settle_answers(const Policy& policy, std::span<const IndexedAnswer> given, Date date,
                       const Chronology* chronology, EvaluationScratch& scratch) {
  const auto& questions = policy.questions();
  // Found by question rather than sorted: an Answer is large to move around.
  auto& given_at = scratch.given_at;
  given_at.assign(questions.size(), -1);
  for (std::size_t i = 0; i < given.size(); ++i) {
    const int q = given[i].question;
    if (q < 0 || static_cast<std::size_t>(q) >= questions.size())
      throw std::out_of_range(fmt::format("policy '{}' has no question number {}", policy.id(), q));
    if (given_at[static_cast<std::size_t>(q)] >= 0)
      throw AnswerError(questions[static_cast<std::size_t>(q)].id, "this question is answered twice");
    given_at[static_cast<std::size_t>(q)] = static_cast<int>(i);
  }

  auto& slots = scratch.slots;
  slots.assign(questions.size(), {});
  FactCache& facts = scratch.facts;
  facts.reset(policy.facts().size());
  const EvalEnv env{&policy, slots.data(), &facts, date.days_since_epoch(), chronology};
  auto& unanswered = scratch.unanswered;
  unanswered.clear();

  // One pass, front to back: an ask_if uses only earlier questions, all settled by now.
  for (std::size_t q = 0; q < questions.size(); ++q) {
    const Question& question = questions[q];
    const CompiledExpr* ask_if = question.ask_if.compiled();
    const bool applicable = !ask_if || condition_holds(*ask_if, env);
    if (given_at[q] < 0) {
      if (applicable) unanswered.push_back(q);
      continue;
    }
    if (!applicable)
      throw AnswerError(question.id,
                        fmt::format("this question is not asked given the answers before it (it is asked only if {})",
                                    question.ask_if.text()));
    const Answer& answer = given[static_cast<std::size_t>(given_at[q])].answer;
    if (!fill_common_slot(question, answer, slots[q])) {
      validate_answer(question, answer);
      fill_slot(question, answer, slots[q]);
    }
    facts.invalidate();
  }
  return env;
}

}  // namespace detail

Outcome evaluate_answers(const std::shared_ptr<const Policy>& policy, std::vector<IndexedAnswer> given, Date date,
                         std::shared_ptr<const Chronology> chronology, Reasons reasons) {
  return evaluate_answer_set(policy, given, date, std::move(chronology), reasons);
}

Outcome evaluate_answer_set(const std::shared_ptr<const Policy>& policy, std::span<IndexedAnswer> given, Date date,
                            std::shared_ptr<const Chronology> chronology, Reasons reasons) {
  detail::ThreadScratch<detail::EvaluationScratch> lent;
  const detail::EvalEnv env = detail::settle_answers(*policy, given, date, chronology.get(), *lent);
  const auto& questions = policy->questions();
  const auto& given_at = lent->given_at;
  const auto& unanswered = lent->unanswered;
  auto& slots = lent->slots;
  if (reasons == Reasons::omit) return detail::build_outcome(policy, env, date, {}, unanswered, reasons);

  // Reasons name the answers: each in its question's place.
  std::vector<std::optional<Answer>> answers(questions.size());
  for (std::size_t q = 0; q < questions.size(); ++q)
    if (given_at[q] >= 0) answers[q] = std::move(given[static_cast<std::size_t>(given_at[q])].answer);
  if (reasons == Reasons::include) return detail::build_outcome(policy, env, date, answers, unanswered, reasons);
  Outcome outcome = detail::build_outcome(policy, env, date, answers, unanswered, Reasons::omit);
  detail::keep_for_reasons(outcome, slots, std::move(answers), unanswered, std::move(chronology),
                           /*slots_from_answers=*/true);
  return outcome;
}

}  // namespace waymark
