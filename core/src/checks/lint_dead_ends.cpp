// Lint's search for dead ends: complete answers after which no action fires. It shows a few
// structurally distinct ones (or every one, if asked) and counts the rest.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "lint_checks.h"

namespace waymark::detail {

DeadEndSearch check_dead_ends(LintRun& run) {
  const Policy& policy = run.policy;
  // Dead ends: complete answers after which no action fires. A branch where some action is
  // already certain to fire cannot hold one, so it is cut.
  std::vector<int> all(policy.questions().size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  struct DeadEnd {
    std::string answers;
    SourcePosition at;
    std::string shape;  // the yes/no and choice answers, and which other questions were answered
  };
  std::vector<DeadEnd> dead;
  const std::size_t keep = run.options.all_dead_ends ? run.options.max_states : 10'000;
  std::size_t local = run.budget;
  Search search(policy, run.domains, run.today, local);
  DeadEndSearch result;
  std::size_t dead_ends = 0;
  auto record = [&] {
    if (dead.size() < keep) dead.push_back({search.describe(), search.last_answered_position(), search.shape()});
  };
  try {
    dead_ends = search.count_dead_ends(all, record, run.options.all_dead_ends);
  } catch (const BudgetExceeded&) {
    result.complete = false;
    // The search ran out before finishing: the extremes (all yes, all no, every first option...)
    // are tried on their own, so an obvious dead end is reported however large the policy is.
    std::size_t widest = 0;
    for (const auto& values : run.domains.values) widest = std::max(widest, values.size());
    std::size_t probe_budget = 1'000'000;
    Search probe(policy, run.domains, run.today, probe_budget);
    std::set<std::string> seen;
    for (const auto& d : dead) seen.insert(d.answers);
    for (std::size_t k = 0; k < std::max<std::size_t>(widest, 2); ++k) {
      if (probe.probe_dead_end(k) && seen.insert(probe.describe()).second)
        dead.push_back({probe.describe(), probe.last_answered_position(), probe.shape()});
      probe.reset();
    }
    dead_ends = dead.size();
  }

  // Structurally distinct dead ends first: ones that differ in a yes/no or choice answer (or in
  // which questions were asked), not only in a number, date or text lint tried.
  std::vector<const DeadEnd*> ordered;
  std::set<std::string> shapes;
  for (const auto& d : dead)
    if (shapes.insert(d.shape).second) ordered.push_back(&d);
  const std::size_t distinct = ordered.size();
  for (const auto& d : dead)
    if (std::find(ordered.begin(), ordered.end(), &d) == ordered.end()) ordered.push_back(&d);
  const std::size_t shown = run.options.all_dead_ends ? ordered.size() : std::min<std::size_t>(3, distinct);
  for (std::size_t i = 0; i < shown; ++i)
    run.add(DiagnosticCode::lint_no_action_fires, ordered[i]->at,
            fmt::format("no action fires after these answers: {}", ordered[i]->answers));
  if (dead_ends > shown) {
    const std::size_t more_distinct = distinct > shown ? distinct - shown : 0;
    run.add(DiagnosticCode::lint_no_action_fires, {},
            fmt::format("{} more combinations of answers after which no action fires{}", dead_ends - shown,
                        run.options.all_dead_ends ? ""
                        : more_distinct
                            ? fmt::format(" ({} more of them differ from those shown in a yes/no or choice answer; "
                                          "`waymark lint --all-dead-ends` lists every one)",
                                          more_distinct)
                            : " (they differ from those shown only in numbers, dates or text; `waymark lint "
                              "--all-dead-ends` lists every one)"));
  }

  result.states = search.states();
  result.shallowest_finished = search.shallowest_finished();
  return result;
}

}  // namespace waymark::detail
