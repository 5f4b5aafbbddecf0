#include "action_table.h"

#include <algorithm>

namespace waymark::detail {

std::int64_t outcome_order(const Action& action) {
  int kind = 2;
  switch (action.kind) {
    case ActionKind::prohibition: kind = 0; break;
    case ActionKind::flag: kind = 1; break;
    case ActionKind::step: kind = 2; break;
  }
  return std::int64_t{action.urgency.rank()} * 4 + kind;
}

ActionTable build_action_table(const Policy& policy) {
  std::vector<const Action*> in_order;
  for (const Action& action : policy.actions()) in_order.push_back(&action);
  std::stable_sort(in_order.begin(), in_order.end(),
                   [](const Action* a, const Action* b) { return outcome_order(*a) < outcome_order(*b); });
  ActionTable table;
  for (const Action* action : in_order) {
    ActionTable::Entry entry{action, action->when.compiled(), static_cast<std::uint32_t>(table.nodes.size())};
    if (entry.when) {
      const auto& truth = entry.when->truth;
      table.nodes.insert(table.nodes.end(), truth.begin(), truth.end());
      entry.node_count = static_cast<std::uint32_t>(truth.size());
      entry.plain = is_plain(truth.data(), truth.size());
      entry.first_test = static_cast<std::uint32_t>(table.tests.size());
      entry.first_row = static_cast<std::uint32_t>(table.holds.size());
      entry.in_table = tabulate(truth.data(), truth.size(), table.tests, table.holds);
      entry.test_count = static_cast<std::uint32_t>(table.tests.size()) - entry.first_test;
    }
    table.entries.push_back(entry);
  }
  table.pathway_position.resize(policy.actions().size());
  for (std::size_t p = 0; p < policy.pathways().size(); ++p) {
    auto& steps = table.step_actions.emplace_back();
    int order = 0;
    for (const PathwayStep& step : policy.pathways()[p].steps) {
      auto& actions = steps.emplace_back();
      for (const std::string& id : step.actions) {
        const int index = policy.action_index(id);
        if (index < 0) continue;  // the loader has reported it
        actions.push_back(&policy.actions()[static_cast<std::size_t>(index)]);
        auto& place = table.pathway_position[static_cast<std::size_t>(index)];
        if (place.pathway < 0) place = {static_cast<int>(p), order};
        ++order;
      }
    }
  }
  return table;
}

}  // namespace waymark::detail
