// Searching the answers for one condition, or several at once, within lint's budget.
#include "lint_search.h"

#include <algorithm>
#include <set>

namespace waymark::detail {

Found satisfiable(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                  const CompiledExpr& target) {
  const std::size_t reserve = budget;
  std::size_t local = std::min<std::size_t>(budget, 200'000);
  Search search(policy, domains, today, local);
  const std::vector<const CompiledExpr*> targets{&target};
  search.remember_failures_of(targets);
  try {
    const bool found = search.run(closure(policy, &target), [&](bool leaf) {
      const Value v = search.eval(target);
      // Pending once every answer is chosen: it hangs on the chronology, which could make it true.
      if (leaf && v.state == State::pending) return Verdict::stop;
      return v.is_true() ? Verdict::stop : v.is_false() ? Verdict::prune : Verdict::descend;
    });
    budget = reserve - search.states();
    return found ? Found::yes : Found::no;
  } catch (const BudgetExceeded&) {
    budget = reserve - search.states();
    return Found::unknown;
  }
}

std::optional<std::string> witness(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                                   const std::vector<const CompiledExpr*>& targets, bool& undecided,
                                   bool some_chronology) {
  std::set<int> questions;
  for (const CompiledExpr* t : targets)
    for (int q : closure(policy, t)) questions.insert(q);
  const std::size_t reserve = budget;
  std::size_t local = std::min<std::size_t>(budget, 200'000);
  Search search(policy, domains, today, local);
  search.remember_failures_of(targets);
  std::optional<std::string> found;
  try {
    search.run({questions.begin(), questions.end()}, [&](bool leaf) {
      bool all = true;
      for (const CompiledExpr* t : targets) {
        const Value v = search.eval(*t);
        if (v.is_false()) return Verdict::prune;
        all &= v.is_true() || (some_chronology && leaf && v.state == State::pending);
      }
      if (!all) return Verdict::descend;
      found = search.describe();
      return Verdict::stop;
    });
  } catch (const BudgetExceeded&) {
    undecided = true;
  }
  budget = reserve - search.states();
  return found;
}

}  // namespace waymark::detail
