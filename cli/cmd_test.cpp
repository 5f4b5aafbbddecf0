// `waymark test`: runs each policy's scenario tests (policies/<id>.tests.toml) and reports
// which case failed, which expectation, and what happened instead.
#include <fmt/format.h>

#include "commands.h"
#include "test_coverage.h"

namespace waymark::cli {

namespace fs = std::filesystem;

namespace {

struct Suite {
  std::shared_ptr<const Policy> policy;
  fs::path tests;
};

// policies/<id>.toml -> policies/<id>.tests.toml. A plugin's policy has no file of its own here,
// so its tests are looked for on the policy search path, where boards keep the reviewed TOML.
fs::path tests_file_of(const CommonOptions& common, const Policy& policy) {
  std::error_code error;
  fs::path beside = fs::path(policy.origin()).replace_extension(".tests.toml");
  if (fs::is_regular_file(beside, error)) return beside;
  for (const auto& folder : policy_folders(common)) {
    const fs::path candidate = folder / (policy.id() + ".tests.toml");
    if (fs::is_regular_file(candidate, error)) return candidate;
  }
  return beside;
}

Suite suite_of(const CommonOptions& common, const std::string& target) {
  if (target.ends_with(".tests.toml")) {
    std::error_code missing;
    if (!fs::is_regular_file(target, missing))
      throw Failure{exit_bad_input, fmt::format("{}: error: no such tests file", target)};
    const ScenarioFile file = load_scenario_file(target);
    const fs::path beside = fs::path(target).parent_path() / (file.policy_id + ".toml");
    std::error_code error;
    return {resolve_policy(common,
                           fs::is_regular_file(beside, error) ? beside.string() : file.policy_id),
            target};
  }
  auto policy = resolve_policy(common, target);
  return {policy, tests_file_of(common, *policy)};
}

std::vector<Suite> every_tested_policy(const CommonOptions& common) {
  const PluginRegistry plugins = load_plugins(common);
  const PolicyRegistry registry = load_registry(common, plugins);
  print_diagnostics(registry.problems());
  std::vector<Suite> out;
  for (const auto& entry : registry.policies()) {
    std::error_code error;
    fs::path tests = tests_file_of(common, *entry.policy);
    if (fs::is_regular_file(tests, error))
      out.push_back({entry.policy, tests});
    else
      fmt::print("{}: no tests ({} not found)\n", entry.policy->id(), tests.string());
  }
  return out;
}

struct Tally {
  int passed = 0, failed = 0;
  int uncovered = 0;  // policies with coverage gaps (a failure under --require-coverage)
};

enum class CoverageMode { off, report, require };

// Runs one policy's cases; prints each case's result and what went wrong.
void run_suite(const Suite& suite, CoverageMode coverage, Tally& tally) {
  const Policy& policy = *suite.policy;
  fmt::print("{} {} ({})\n", policy.id(), policy.info().version, suite.tests.string());
  std::error_code error;
  if (!fs::is_regular_file(suite.tests, error)) {
    fmt::print("  FAIL  no tests file: write {} (see docs/scenarios.md)\n", suite.tests.string());
    ++tally.failed;
    return;
  }
  ScenarioFile file;
  try {
    file = load_scenario_file(suite.tests);
  } catch (const PolicyError& e) {
    fmt::print("  FAIL  the tests file does not load\n");
    print_diagnostics(e.diagnostics());
    ++tally.failed;
    return;
  }
  if (const auto problems = check_scenario_file(file, policy); !problems.empty()) {
    fmt::print("  FAIL  the tests file does not fit the policy\n");
    print_diagnostics(problems);
    ++tally.failed;
    return;
  }
  Coverage covered;
  for (const Scenario& scenario : file.scenarios) {
    try {
      const ScenarioRun run = run_scenario(file, scenario, suite.policy);
      covered.add(scenario_answers(file, scenario, policy), run.outcome);
      fmt::print("  {}  {}\n", run.passed() ? "ok  " : "FAIL", scenario.id);
      for (const auto& failure : run.failures) fmt::print("        {}\n", failure.format());
      ++(run.passed() ? tally.passed : tally.failed);
    } catch (const PolicyError& e) {
      fmt::print("  FAIL  {}\n", scenario.id);
      for (const auto& d : e.diagnostics()) fmt::print("        {}\n", d.format());
      ++tally.failed;
    }
  }
  if (coverage == CoverageMode::off) return;
  const auto gaps = covered.gaps(policy);
  const bool required = coverage == CoverageMode::require;
  fmt::print("  {}coverage: {}\n",
             gaps.empty() ? ""
             : required   ? "FAIL  "
                          : "",
             gaps.empty() ? "every question, option, action and note is exercised"
                          : fmt::format("{} gap(s) no case exercises", gaps.size()));
  for (const auto& gap : gaps) fmt::print("    - {}\n", gap);
  tally.uncovered += !gaps.empty();
}

}  // namespace

Command add_test_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub = app.add_subcommand("test",
                                     "Run policies' scenario tests (<id>.tests.toml next to each "
                                     "policy): which case failed, which "
                                     "expectation, and what happened instead");
  auto targets = std::make_shared<std::vector<std::string>>();
  auto coverage = std::make_shared<bool>(false);
  auto require_coverage = std::make_shared<bool>(false);
  sub->add_option("POLICY", *targets,
                  "Policy ids, policy files or tests files; none means every policy on the search "
                  "path with tests");
  sub->add_flag("--coverage", *coverage,
                "Also list the questions, options, actions and notes no case exercises");
  sub->add_flag("--require-coverage", *require_coverage,
                "As --coverage, and fail (exit 1) when anything is never exercised");
  return [targets, coverage, require_coverage, &common] {
    const CoverageMode mode = *require_coverage ? CoverageMode::require
                              : *coverage       ? CoverageMode::report
                                                : CoverageMode::off;
    std::vector<Suite> suites;
    if (targets->empty()) suites = every_tested_policy(common);
    for (const auto& target : *targets) suites.push_back(suite_of(common, target));
    Tally tally;
    for (const auto& suite : suites) run_suite(suite, mode, tally);
    fmt::print("{} case(s): {} passed, {} failed\n", tally.passed + tally.failed, tally.passed,
               tally.failed);
    if (mode == CoverageMode::require && tally.uncovered)
      fmt::print("{} policy(ies) with coverage gaps (--require-coverage)\n", tally.uncovered);
    const bool failed = tally.failed || (mode == CoverageMode::require && tally.uncovered);
    return failed ? exit_policy_failure : exit_ok;
  };
}

}  // namespace waymark::cli
