#include "action_table.h"

#include "function_table.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

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

namespace {

// Marks the questions a condition reads, directly or through facts (not through other questions'
// ask_if).
void add_questions_read(const Policy& policy, const CompiledExpr* expr, std::vector<std::uint8_t>& read,
                        std::vector<std::uint8_t>& facts_seen) {
  if (!expr) return;
  for (int q : expr->questions_used) read[static_cast<std::size_t>(q)] = 1;
  for (int f : expr->facts_used)
    if (!facts_seen[static_cast<std::size_t>(f)]) {
      facts_seen[static_cast<std::size_t>(f)] = 1;
      add_questions_read(policy, policy.facts()[static_cast<std::size_t>(f)].value.compiled(), read, facts_seen);
    }
}

// Whether the fact calls a plugin function, directly or through the facts it reads (`state`: 0 not
// yet known, 1 being worked out, 2 no, 3 yes). A fact that does not can be a test of a condition
// kept as a table, worked out for every outcome; one that does is left to the short-circuiting
// evaluator, so its function is never called when the answer is already settled.
bool calls_plugin(const Policy& policy, int fact, std::vector<std::uint8_t>& state) {
  std::uint8_t& known = state[static_cast<std::size_t>(fact)];
  if (known >= 2) return known == 3;
  if (known == 1) return true;  // a cycle, refused at load: never tabulate it
  known = 1;
  const CompiledExpr* expr = policy.facts()[static_cast<std::size_t>(fact)].value.compiled();
  bool calls = !expr;
  if (expr) {
    for (const Node& n : expr->nodes)
      if (n.op == Op::call && !expr->functions->functions[n.ref].is_builtin()) calls = true;
    for (int f : expr->facts_used) calls = calls || calls_plugin(policy, f, state);
  }
  known = calls ? 3 : 2;
  return calls;
}

std::vector<std::uint8_t> testable_facts(const Policy& policy) {
  std::vector<std::uint8_t> state(policy.facts().size(), 0), testable(policy.facts().size(), 0);
  for (std::size_t f = 0; f < testable.size(); ++f) testable[f] = !calls_plugin(policy, static_cast<int>(f), state);
  return testable;
}

// Two tests with the same key give the same code for any answers. Hashed rather than ordered: a
// large policy has tens of thousands of tests, and a tree of them was a tenth of its load.
struct TestKey {
  TruthOp op;
  bool negate;
  std::int32_t ref;
  std::uint64_t mask;
  bool operator==(const TestKey&) const = default;
};
struct TestKeyHash {
  std::size_t operator()(const TestKey& key) const noexcept {
    const std::uint64_t small = (std::uint64_t{static_cast<std::uint8_t>(key.op)} << 40) |
                                (std::uint64_t{key.negate} << 32) | static_cast<std::uint32_t>(key.ref);
    return std::hash<std::uint64_t>{}(small * 0x9e3779b97f4a7c15ULL ^ key.mask);
  }
};
TestKey test_key(const TruthNode& test) { return {test.op, test.negate, test.ref, test.mask}; }

}  // namespace

ActionTable build_action_table(const Policy& policy) {
  std::vector<const Action*> in_order;
  for (const Action& action : policy.actions()) in_order.push_back(&action);
  std::stable_sort(in_order.begin(), in_order.end(),
                   [](const Action* a, const Action* b) { return outcome_order(*a) < outcome_order(*b); });
  ActionTable table;
  std::size_t node_total = 0;
  for (const Action* action : in_order)
    if (const CompiledExpr* when = action->when.compiled()) node_total += when->truth.size();
  table.nodes.reserve(node_total);
  table.entries.reserve(in_order.size());
  const std::vector<std::uint8_t> testable = testable_facts(policy);
  std::vector<TruthNode> tests;  // one condition's
  std::unordered_map<TestKey, std::uint32_t, TestKeyHash> distinct;
  for (const Action* action : in_order) {
    ActionTable::Entry entry{action, action->when.compiled(), static_cast<std::uint32_t>(table.nodes.size())};
    if (entry.when) {
      const auto& truth = entry.when->truth;
      table.nodes.insert(table.nodes.end(), truth.begin(), truth.end());
      entry.node_count = static_cast<std::uint32_t>(truth.size());
      entry.plain = entry.when->truth_plain;
      entry.first_test = static_cast<std::uint32_t>(table.test_index.size());
      entry.first_row = static_cast<std::uint32_t>(table.rows.size());
      tests.clear();
      entry.in_table = tabulate(truth.data(), truth.size(), testable, tests, table.rows);
      for (const TruthNode& test : tests) {
        const auto [at, added] = distinct.try_emplace(test_key(test), table.distinct_tests.size());
        if (added) table.distinct_tests.push_back(test);
        table.test_index.push_back(at->second);
      }
      entry.test_count = static_cast<std::uint32_t>(tests.size());
    }
    table.entries.push_back(entry);
  }
  // The table lives as long as the policy: give back what growing it left over.
  table.test_index.shrink_to_fit();
  table.distinct_tests.shrink_to_fit();
  table.rows.shrink_to_fit();
  table.pathway_position.resize(policy.actions().size());
  for (std::size_t p = 0; p < policy.pathways().size(); ++p) {
    auto& steps = table.step_actions.emplace_back();
    auto& reads = table.step_reads.emplace_back();
    int order = 0;
    for (const PathwayStep& step : policy.pathways()[p].steps) {
      auto& actions = steps.emplace_back();
      auto& read = reads.emplace_back(policy.questions().size(), 0);
      std::vector<std::uint8_t> facts_seen(policy.facts().size(), 0);
      add_questions_read(policy, step.when.compiled(), read, facts_seen);
      for (const std::string& id : step.actions) {
        const int index = policy.action_index(id);
        if (index < 0) continue;  // the loader has reported it
        const Action& action = policy.actions()[static_cast<std::size_t>(index)];
        actions.push_back(&action);
        add_questions_read(policy, action.when.compiled(), read, facts_seen);
        auto& place = table.pathway_position[static_cast<std::size_t>(index)];
        if (place.pathway < 0) place = {static_cast<int>(p), order};
        ++order;
      }
    }
  }
  return table;
}

}  // namespace waymark::detail
