// Lint's two questions to the answer search (engine/answer_search.h): can a condition be true
// under any answers, and under which answers are several true at once. Each spends from a shared
// budget of search states and says when the budget ran out rather than guess.
#pragma once

#include <waymark/policy.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "answer_search.h"

namespace waymark::detail {

enum class Found { yes, no, unknown };

// Is there any answers under which `target` is true? Searches only what it depends on.
Found satisfiable(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                  const CompiledExpr& target);

// Answers under which every target is true (in words), nothing if there are none; `undecided` is
// set if the search ran out of budget. With `some_chronology`, a target still pending once every
// answer is chosen counts as true: it reads the chronology, and some chronology makes it so.
std::optional<std::string> witness(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                                   const std::vector<const CompiledExpr*>& targets, bool& undecided,
                                   bool some_chronology = false);

}  // namespace waymark::detail
