// Lint at scale (issue 6): a generated policy of 40 yes/no questions, every fourth asked only
// after the one before it, with actions over pairs of questions and one declared conflict.
// Target: the exhaustive checks in under 1 second; the `exhaustive` counter says whether lint
// covered every answer (it does, by remembering finished subtrees: see docs/authoring.md).
#include "support/policy_text.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <waymark/lint.h>
#include <waymark/waymark.h>

namespace {

using namespace waymark;

std::string yes_no_policy(int questions) {
  std::string out = test::policy_header_using("lint-scale", "");
  auto action = [&](const std::string& id, const char* kind, const std::string& when, const std::string& extra) {
    out += fmt::format(
        "[[action]]\nid = \"{}\"\ntext = \"t\"\nkind = \"{}\"\nowner = \"worker\"\nurgency = "
        "\"not_stated\"\nwhy = \"w\"\nwhen = \"{}\"\n{}source = \"s\"\n",
        id, kind, when, extra);
  };
  for (int i = 0; i < questions; ++i)
    out += fmt::format(
        "[[question]]\nid = \"q{}\"\ntext = \"t\"\nhelp = \"h\"\nkind = \"yes_no\"\n{}source = "
        "\"s\"\n",
        i, i % 4 == 3 ? fmt::format("ask_if = \"q{}\"\n", i - 1) : "");
  for (int i = 0; i < questions; i += 2)
    action(fmt::format("a{}", i), "step", fmt::format("q{} and not q{}", i, (i + 7) % questions), "");
  action("close", "step", "q1 and q5 and q9", "");
  action("do_not_close", "prohibition", "q9 and q13", "conflicts_with = [\"close\"]\n");
  return out;
}

// Lints the policy once per iteration; reports whether the search was exhaustive.
void lint_repeatedly(benchmark::State& state, const Policy& policy) {
  const LintOptions options{*Date::parse("2026-11-25")};
  bool exhaustive = false;
  for (auto _ : state) {
    const LintReport report = lint_policy(policy, options);
    exhaustive = report.exhaustive;
    benchmark::DoNotOptimize(report.diagnostics.size());
  }
  state.counters["exhaustive"] = exhaustive ? 1 : 0;
}

void BM_Lint40YesNo(benchmark::State& state) {
  lint_repeatedly(state, *load_policy_text(yes_no_policy(40), "lint-scale.toml"));
}
BENCHMARK(BM_Lint40YesNo)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

// A threshold over every question, with no fallback: count_true(q0..q39) >= 20. Every action reads
// all 40 answers, so remembering subtrees by exact answers would be 2^40; lint remembers them by
// the residual condition (how many are yes so far), about 40 x 40 nodes. Target: under 1 second,
// exhaustive, with "all no" among the dead ends.
std::string threshold_policy(int questions, int threshold) {
  std::string out = test::policy_header_using("lint-threshold", "");
  std::string args;
  for (int i = 0; i < questions; ++i) {
    out += fmt::format(
        "[[question]]\nid = \"q{}\"\ntext = \"t\"\nhelp = \"h\"\nkind = \"yes_no\"\nsource = "
        "\"s\"\n",
        i);
    args += fmt::format("{}q{}", i ? ", " : "", i);
  }
  out += fmt::format(
      "[[action]]\nid = \"many\"\ntext = \"t\"\nkind = \"step\"\nowner = \"worker\"\nurgency = "
      "\"not_stated\"\nwhy = \"w\"\nwhen = \"count_true({}) >= {}\"\nsource = \"s\"\n",
      args, threshold);
  return out;
}

void BM_Lint40Threshold(benchmark::State& state) {
  lint_repeatedly(state, *load_policy_text(threshold_policy(40, 20), "lint-threshold.toml"));
}
BENCHMARK(BM_Lint40Threshold)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
