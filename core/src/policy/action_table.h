// Every action's condition in one contiguous block, in the order an outcome lists actions (worked
// out once at load, so an outcome needs no sort). An outcome evaluates all of them, so memory
// layout decides its speed.
#pragma once

#include <waymark/policy.h>

#include <cstdint>
#include <vector>

#include "expr.h"

namespace waymark::detail {

struct ActionTable {
  struct Entry {
    const Action* action = nullptr;
    const CompiledExpr* when = nullptr;  // null: the action has no condition and never fires
    std::uint32_t first_node = 0;        // into `nodes`
    std::uint32_t node_count = 0;
    bool plain = false;                            // reads only answers: holds_plain() can decide it
    bool in_table = false;  // few enough tests (answers, facts calling no plugin) for table_row()
    std::uint32_t first_test = 0, test_count = 0;  // into `test_index`
    std::uint32_t first_row = 0;                   // into `rows`
  };
  // Most urgent first, then prohibitions, flags, steps; the policy's order among equals.
  std::vector<Entry> entries;
  std::vector<TruthNode> nodes;
  // The tests of the tabulated conditions, each distinct one once (an outcome works out each
  // once, test_codes), and each condition's tests as indices into them.
  std::vector<TruthNode> distinct_tests;
  std::vector<std::uint32_t> test_index;
  std::vector<std::uint8_t> rows;

  // Pathway steps' actions resolved from their ids once, so an outcome needs no id lookups:
  // step_actions[pathway][step], in the step's order.
  std::vector<std::vector<std::vector<const Action*>>> step_actions;
  // What each pathway step works on, so an outcome knows which answers may still change once the
  // case moves on: the questions read by the step's condition and its actions' conditions,
  // directly or through facts (not through ask_if), as step_reads[pathway][step][question] != 0.
  std::vector<std::vector<std::vector<std::uint8_t>>> step_reads;
  // Where each action (by its index in policy.actions()) first stands along a pathway.
  struct PathwayPosition {
    int pathway = -1;  // -1: in no pathway
    int order = 0;     // position along the pathway (step, then place in the step's list)
  };
  std::vector<PathwayPosition> pathway_position;
};

// Built once the policy's conditions are compiled.
ActionTable build_action_table(const Policy& policy);

// The position of an action in an outcome: most urgent first, then prohibitions, flags, steps.
std::int64_t outcome_order(const Action& action);

}  // namespace waymark::detail
