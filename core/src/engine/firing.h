// Which actions fire: every action's condition, decided by the fastest form it was compiled to.
#pragma once

#include "action_table.h"
#include "expr_truth.h"

#include <cstdint>
#include <vector>

namespace waymark::detail {

// Whether an action's condition holds. `codes`: those of table.distinct_tests for these answers.
inline bool fires(const ActionTable& table, const ActionTable::Entry& entry, const EvalEnv& env,
                  const std::uint8_t* codes) {
  if (entry.in_table)
    return holds_by_table(table.test_index.data() + entry.first_test, entry.test_count,
                          table.rows.data() + entry.first_row, codes);
  const TruthNode* nodes = table.nodes.data() + entry.first_node;
  if (entry.plain) return holds_plain(nodes, entry.node_count, env);
  if (entry.when->truth.empty()) return evaluate(*entry.when, env).is_true();
  return holds(*entry.when, nodes, env);
}

// Calls on_fire(position, entry) for each action whose condition holds in `env`, in the action
// table's order. `codes`: room for the tests' codes, in the caller's per-thread scratch.
template <class OnFire>
void for_each_fired(const ActionTable& table, const EvalEnv& env, std::vector<std::uint8_t>& codes, OnFire&& on_fire) {
  codes.resize(table.distinct_tests.size());
  test_codes(table.distinct_tests.data(), codes.size(), env, codes.data());
  for (std::uint32_t at = 0; at < table.entries.size(); ++at) {
    const ActionTable::Entry& entry = table.entries[at];
    if (entry.when && fires(table, entry, env, codes.data())) on_fire(at, entry);
  }
}

}  // namespace waymark::detail
