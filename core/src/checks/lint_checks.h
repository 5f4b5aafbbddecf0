// Lint's checks, one function per job, each adding what it finds to a shared run: the budget of
// search states they spend from, and the checks the budget did not let them settle.
#pragma once

#include <waymark/lint.h>

#include <cstddef>
#include <string>
#include <vector>

#include "answer_search.h"

namespace waymark::detail {

struct LintRun {
  LintRun(const Policy& policy, const LintOptions& options);
  void add(DiagnosticCode code, SourcePosition at, std::string message);

  const Policy& policy;
  const LintOptions& options;
  const int today;
  const Domains domains;
  std::size_t budget;
  std::vector<std::string> unsettled;  // the checks the budget did not let lint finish
  std::vector<Diagnostic> found;
};

// Without searching: a past review date, `waymark new` placeholders, quoted passages nobody cites.
void check_text(LintRun& run);
// Questions no answers ask, and actions no answers fire.
void check_reachability(LintRun& run);
// Pathway steps no answers make current, and step actions that never fire at their step.
void check_pathways(LintRun& run);
// Declared conflicts (`conflicts_with`) that some answers fire together.
void check_conflicts(LintRun& run);

// How far the search for dead ends got, for the summary line.
struct DeadEndSearch {
  bool complete = true;
  std::size_t states = 0;
  std::size_t shallowest_finished = 0;  // the first question whose subtrees were all covered
};
// Complete answers after which no action fires.
DeadEndSearch check_dead_ends(LintRun& run);

}  // namespace waymark::detail
