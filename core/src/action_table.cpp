#include "action_table.h"

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
  ActionTable table;
  for (const Action& action : policy.actions()) {
    ActionTable::Entry entry{&action, action.when.compiled(), static_cast<std::uint32_t>(table.nodes.size()),
                             outcome_order(action)};
    if (entry.when) table.nodes.insert(table.nodes.end(), entry.when->truth.begin(), entry.when->truth.end());
    table.entries.push_back(entry);
  }
  return table;
}

}  // namespace waymark::detail
