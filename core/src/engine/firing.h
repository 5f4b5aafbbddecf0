// Which actions fire: every action's condition, decided by the fastest form it was compiled to.
#pragma once

#include "action_table.h"
#include "expr_truth.h"

#include <cstdint>
#include <vector>

namespace waymark::detail {

// Whether an action's condition holds (bit 0, row_holds). For a condition kept as a table, its row
// for these answers, which also says which tests explain it; else row_holds or 0. `codes`: those
// of table.distinct_tests for these answers.
inline std::uint8_t firing_row(const ActionTable& table, const ActionTable::Entry& entry, const EvalEnv& env,
                               const std::uint8_t* codes) {
  if (entry.in_table)
    return table_row(table.test_index.data() + entry.first_test, entry.test_count, table.rows.data() + entry.first_row,
                     codes);
  const TruthNode* nodes = table.nodes.data() + entry.first_node;
  bool holds_now = false;
  if (entry.plain)
    holds_now = holds_plain(nodes, entry.node_count, env);
  else if (entry.when->truth.empty())
    holds_now = evaluate(*entry.when, env).is_true();
  else
    holds_now = holds(*entry.when, nodes, env);
  return holds_now ? row_holds : 0;
}

// Calls on_fire(position, entry, row) for each action whose condition holds in `env`, in the action
// table's order, with its firing_row (kept, a reason need not look the row up again). `codes`:
// room for the tests' codes, in the caller's per-thread scratch.
template <class OnFire>
void for_each_fired(const ActionTable& table, const EvalEnv& env, std::vector<std::uint8_t>& codes, OnFire&& on_fire) {
  codes.resize(table.distinct_tests.size());
  test_codes(table.distinct_tests.data(), codes.size(), env, codes.data());
  for (std::uint32_t at = 0; at < table.entries.size(); ++at) {
    const ActionTable::Entry& entry = table.entries[at];
    if (!entry.when) continue;
    if (const std::uint8_t row = firing_row(table, entry, env, codes.data()); row & row_holds) on_fire(at, entry, row);
  }
}

}  // namespace waymark::detail
