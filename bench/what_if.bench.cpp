// What would change the advice: the counterfactual for every action a bundled policy does not
// recommend, after one plain way through it (and a scripted mix of answers). Target (issue #14):
// under 2 ms per outcome, median. BM_GeneratedOutcome (engine.bench.cpp) checks that outcomes
// without explanations stay under 20 us on the generated 200-question / 1,000-action policy.
#include <waymark/build_info.h>
#include <waymark/waymark.h>
#include <waymark/what_would_change.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace waymark;

const Date day = *Date::parse("2026-12-03");

// The bundled policies, from the build's plugins and the policies folder, in id order.
const std::vector<std::shared_ptr<const Policy>>& bundled() {
  static const std::vector<std::shared_ptr<const Policy>> policies = [] {
    PluginRegistry plugins;
    plugins.add_directory(build::build_plugin_dir);
    PolicyRegistry registry(plugins);
    registry.add_directory(WAYMARK_POLICIES);
    std::vector<std::shared_ptr<const Policy>> out;
    for (const auto& entry : registry.policies()) out.push_back(entry.policy);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a->id() < b->id(); });
    return out;
  }();
  return policies;
}

// Answers every question asked: `mix` 0 gives "no" and first options; 1 alternates yes/no and
// walks through the options, so other actions are recommended.
Session answered(const std::shared_ptr<const Policy>& policy, int mix) {
  Session session(policy, day);
  std::size_t step = 0;
  while (const Question* q = session.next_question()) {
    ++step;
    Answer a;
    switch (q->kind) {
      case QuestionKind::yes_no: a = Answer::of_yes_no(mix == 1 && step % 2 == 0); break;
      case QuestionKind::choice: a = Answer::of_choice(q->options[mix == 1 ? step % q->options.size() : 0].id); break;
      case QuestionKind::multi_choice:
        a = Answer::of_choices(mix == 1 ? std::vector<std::string>{q->options.front().id} : std::vector<std::string>{});
        break;
      case QuestionKind::number: a = Answer::of_number(q->min.value_or(0) + mix); break;
      case QuestionKind::date: a = Answer::of_date(day.plus_days(-7 * mix)); break;
      case QuestionKind::text: a = Answer::of_text("seen at home"); break;
    }
    session.answer(q->id, a, "");
  }
  return session;
}

void BM_WhatWouldChangeEveryNotRecommended(benchmark::State& state) {
  const auto& policy = bundled().at(static_cast<std::size_t>(state.range(0)));
  const Session session = answered(policy, static_cast<int>(state.range(1)));
  std::size_t actions = 0, found = 0, unworked = 0;
  for (auto _ : state) {
    const auto all = what_would_change_not_recommended(session);
    benchmark::DoNotOptimize(all.data());
    actions = all.size();
    found = unworked = 0;
    for (const auto& what : all) {
      found += what.status == WhatIfStatus::found;
      unworked += what.status == WhatIfStatus::not_worked_out;
    }
  }
  state.SetLabel(policy->id());
  state.counters["not_recommended"] = static_cast<double>(actions);
  state.counters["found"] = static_cast<double>(found);
  state.counters["not_worked_out"] = static_cast<double>(unworked);
}
BENCHMARK(BM_WhatWouldChangeEveryNotRecommended)
    ->ArgsProduct({{0, 1, 2, 3, 4}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace
