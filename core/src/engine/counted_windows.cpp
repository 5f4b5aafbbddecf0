// The windows of the chronology a walk-through's conditions count over. Every condition that can
// call a function is evaluated once more with a sink for the windows the functions report, so the
// timeline draws exactly what the conditions counted, never a second reading of the policy.
#include "session_impl.h"

#include <waymark/session.h>

namespace waymark {

std::vector<CountedWindow> Session::counted_windows() const {
  std::vector<CountedWindow> windows;
  if (!impl_->chronology) return windows;
  // A cache of its own, so that a fact's functions are called (and report) here too.
  detail::FactCache facts;
  facts.reset(impl_->policy->facts().size());
  detail::EvalEnv env = impl_->env();
  env.facts = &facts;
  env.windows = &windows;
  const auto visit = [&](const Condition& condition) {
    if (const auto* compiled = condition.compiled()) detail::evaluate(*compiled, env);
  };
  for (const Question& question : impl_->policy->questions())
    if (is_applicable(question.id)) visit(question.ask_if);
  for (std::size_t f = 0; f < impl_->policy->facts().size(); ++f) detail::evaluate_fact(static_cast<int>(f), env);
  for (const Action& action : impl_->policy->actions()) visit(action.when);
  return windows;
}

}  // namespace waymark
