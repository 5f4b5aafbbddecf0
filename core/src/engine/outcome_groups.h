// Grouping an outcome (Do now, Also recommended, Keep in mind) and placing the case on its pathways.
#pragma once

#include "expr.h"

#include <waymark/outcome.h>

namespace waymark::detail {

// Adds the pathways that apply given `env`, each with its current step and the steps after it.
void place_on_pathways(const Policy& policy, const EvalEnv& env, std::vector<PathwayPlace>& places);

// Puts outcome.actions (most urgent first) in the order they are shown and sets each one's group.
void group_actions(Outcome& outcome);

}  // namespace waymark::detail
