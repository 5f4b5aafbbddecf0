// Every action's condition in one contiguous block, with its place in the outcome's order worked
// out once at load. An outcome evaluates all of them, so memory layout decides its speed.
#pragma once

#include "expr.h"

#include <waymark/policy.h>

#include <cstdint>
#include <vector>

namespace waymark::detail {

struct ActionTable {
  struct Entry {
    const Action* action = nullptr;
    const CompiledExpr* when = nullptr;  // null: the action has no condition and never fires
    std::uint32_t first_node = 0;        // into `nodes`
    std::int64_t order = 0;              // urgency first, then prohibition < flag < step
  };
  std::vector<Entry> entries;
  std::vector<TruthNode> nodes;
};

// Built once the policy's conditions are compiled.
ActionTable build_action_table(const Policy& policy);

// The position of an action in an outcome: most urgent first, then prohibitions, flags, steps.
std::int64_t outcome_order(const Action& action);

}  // namespace waymark::detail
