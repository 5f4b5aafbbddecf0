/// Evaluating a whole set of answers in one step, without a session: for batch runs.
#pragma once

#include <waymark/answer.h>
#include <waymark/chronology.h>
#include <waymark/export.h>
#include <waymark/outcome.h>
#include <waymark/policy.h>

#include <memory>
#include <span>
#include <vector>

namespace waymark {

/// An answer to the question at index `question` in Policy::questions().
struct IndexedAnswer {
  int question = 0;
  Answer answer;
};

/// The outcome a Session gives after these answers are given in the policy's order, without the
/// session's history and undo steps (so it is cheaper, for evaluating many answer sets). Throws
/// AnswerError for an answer that does not fit, a question answered twice, or a question that is
/// not asked given the answers before it; std::out_of_range for an index that names no question.
/// Condition functions read `chronology` (null: no events).
WAYMARK_EXPORT Outcome evaluate_answers(const std::shared_ptr<const Policy>& policy, std::vector<IndexedAnswer> answers,
                                        Date date, std::shared_ptr<const Chronology> chronology = nullptr);

/// The same, with the reasons each action fired included, left out, or kept to work out on demand
/// (Reasons::on_demand: cheapest when only some outcomes' reasons are looked at; see reasons_for).
WAYMARK_EXPORT Outcome evaluate_answers(const std::shared_ptr<const Policy>& policy, std::vector<IndexedAnswer> answers,
                                        Date date, std::shared_ptr<const Chronology> chronology, Reasons reasons);

/// The same, for answers held in a buffer the caller reuses (a batch's): they may be moved from,
/// and the buffer keeps its storage for the next answer set.
WAYMARK_EXPORT Outcome evaluate_answer_set(const std::shared_ptr<const Policy>& policy,
                                           std::span<IndexedAnswer> answers, Date date,
                                           std::shared_ptr<const Chronology> chronology, Reasons reasons);

}  // namespace waymark
