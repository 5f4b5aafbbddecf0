#include "answer_slot.h"
#include "reasons.h"

#include <waymark/evaluate.h>

#include <fmt/format.h>

#include <stdexcept>

namespace waymark {

Outcome evaluate_answers(const std::shared_ptr<const Policy>& policy, std::vector<IndexedAnswer> given, Date date,
                         std::shared_ptr<const Chronology> chronology) {
  return evaluate_answers(policy, std::move(given), date, std::move(chronology), Reasons::include);
}

Outcome evaluate_answers(const std::shared_ptr<const Policy>& policy, std::vector<IndexedAnswer> given, Date date,
                         std::shared_ptr<const Chronology> chronology, Reasons reasons) {
  const auto& questions = policy->questions();
  // Placed by question rather than sorted: an Answer is large to move around.
  std::vector<std::optional<Answer>> answers(questions.size());
  for (IndexedAnswer& a : given) {
    if (a.question < 0 || static_cast<std::size_t>(a.question) >= questions.size())
      throw std::out_of_range(fmt::format("policy '{}' has no question number {}", policy->id(), a.question));
    auto& slot = answers[static_cast<std::size_t>(a.question)];
    if (slot) throw AnswerError(questions[static_cast<std::size_t>(a.question)].id, "this question is answered twice");
    slot = std::move(a.answer);
  }

  std::vector<detail::AnswerSlot> slots(questions.size());
  detail::FactCache facts;
  facts.reset(policy->facts().size());
  const detail::EvalEnv env{policy.get(), slots.data(), &facts, date.days_since_epoch(), chronology.get()};
  std::vector<std::size_t> unanswered;

  // One pass, front to back: an ask_if uses only earlier questions, all settled by now.
  for (std::size_t q = 0; q < questions.size(); ++q) {
    const Question& question = questions[q];
    const detail::CompiledExpr* ask_if = question.ask_if.compiled();
    const bool applicable = !ask_if || detail::evaluate(*ask_if, env).is_true();
    if (!answers[q]) {
      if (applicable) unanswered.push_back(q);
      continue;
    }
    if (!applicable)
      throw AnswerError(question.id,
                        fmt::format("this question is not asked given the answers before it (it is asked only if {})",
                                    question.ask_if.text()));
    validate_answer(question, *answers[q]);
    detail::fill_slot(question, *answers[q], slots[q]);
    facts.invalidate();
  }
  if (reasons != Reasons::on_demand) return detail::build_outcome(policy, env, date, answers, unanswered, reasons);
  Outcome outcome = detail::build_outcome(policy, env, date, answers, unanswered, Reasons::omit);
  detail::keep_for_reasons(outcome, std::move(slots), std::move(answers), unanswered, std::move(chronology));
  return outcome;
}

}  // namespace waymark
