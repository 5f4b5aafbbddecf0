// `waymark test`: runs each policy's scenario tests (x.tests.toml beside x.toml) and reports
// which scenario failed, which expectation, and what happened instead. It says "scenario", never
// "case": a case is what the store holds (`waymark case`), a scenario is a test of a policy.
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

// A policy file's tests are beside it, named after the file: x.toml -> x.tests.toml, and
// x-2027.toml -> x-2027.tests.toml, so versions installed side by side each have their own. Never
// another folder's: a version without its own tests file fails rather than run another's. A
// plugin's policy has no file of its own, so its tests are looked for on the policy search path
// as <id>.tests.toml, where boards keep the reviewed TOML.
fs::path tests_file_of(const CommonOptions& common, const Policy& policy) {
  if (policy.provided_by()) {
    std::error_code error;
    for (const auto& folder : policy_folders(common)) {
      const fs::path candidate = folder / (policy.id() + ".tests.toml");
      if (fs::is_regular_file(candidate, error)) return candidate;
    }
    return fs::path(policy.id() + ".tests.toml");
  }
  return fs::path(policy.origin()).replace_extension(".tests.toml");
}

// x.tests.toml -> x.toml beside it; without one (a plugin's policy), the policy its `policy` key
// names, in the version in force on the tests' date.
Suite suite_of_tests_file(const CommonOptions& common, const std::string& target) {
  std::error_code error;
  if (!fs::is_regular_file(target, error))
    throw Failure{exit_bad_input, fmt::format("{}: error: no such tests file", target)};
  const std::string name = fs::path(target).filename().string();
  const fs::path beside = fs::path(target).parent_path() / (name.substr(0, name.size() - 11) + ".toml");
  if (fs::is_regular_file(beside, error)) return {resolve_policy(common, beside.string()), target};
  ScenarioFile file;
  try {
    file = load_scenario_file(target);
  } catch (const PolicyError&) {
    return {resolve_policy(common, beside.string()), target};  // reports the missing policy file
  }
  return {resolve_policy(common, file.policy_id, file.date.value_or(Date::today())), target};
}

std::vector<Suite> suites_of(const CommonOptions& common, const std::string& target) {
  if (target.ends_with(".tests.toml")) return {suite_of_tests_file(common, target)};
  // A policy id: every installed version, each with its own tests.
  std::vector<Suite> out;
  for (const auto& policy : policy_versions(common, target)) out.push_back({policy, tests_file_of(common, *policy)});
  return out;
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
      fmt::print("{} {}: no tests ({} not found)\n", entry.policy->id(), entry.policy->info().version, tests.string());
  }
  return out;
}

// Problems with the tests file itself, on stdout under the line that says so (not on stderr,
// where they would be separated from it).
void print_problems(const std::vector<Diagnostic>& problems) {
  for (const auto& d : problems) {
    std::string text = d.format();
    std::string indented;
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      indented += "        " + text.substr(start, end - start) + "\n";
      start = end + 1;
    }
    fmt::print("{}", indented);
  }
}

struct Tally {
  int passed = 0, failed = 0;
  int uncovered = 0;  // policies with coverage gaps (a failure under --require-coverage)
};

enum class CoverageMode { off, report, require };

// Runs one policy's scenarios; prints each scenario's result and what went wrong.
void run_suite(const Suite& suite, CoverageMode coverage, Tally& tally) {
  const Policy& policy = *suite.policy;
  fmt::print("{} {} ({}, effective {})\n", policy.id(), policy.info().version, suite.tests.string(),
             policy.info().effective.iso());
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
    print_problems(e.diagnostics());
    ++tally.failed;
    return;
  }
  if (const auto problems = check_scenario_file(file, policy); !problems.empty()) {
    fmt::print("  FAIL  the tests file does not fit the policy\n");
    print_problems(problems);
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
                          : fmt::format("{} gap(s) no scenario exercises", gaps.size()));
  for (const auto& gap : gaps) fmt::print("    - {}\n", gap);
  tally.uncovered += !gaps.empty();
}

}  // namespace

Command add_test_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub = app.add_subcommand("test",
                                     "Run policies' scenario tests (x.tests.toml beside each policy file x.toml): "
                                     "which scenario failed, which expectation, and what happened instead");
  auto targets = std::make_shared<std::vector<std::string>>();
  auto coverage = std::make_shared<bool>(false);
  auto require_coverage = std::make_shared<bool>(false);
  sub->add_option("POLICY", *targets,
                  "Policy ids (every installed version), policy files or tests files; none means "
                  "every policy on the search path with tests");
  sub->add_flag("--coverage", *coverage, "Also list the questions, options, actions and notes no scenario exercises");
  sub->add_flag("--require-coverage", *require_coverage,
                "As --coverage, and fail (exit 1) when anything is never exercised");
  return [targets, coverage, require_coverage, &common] {
    const CoverageMode mode = *require_coverage ? CoverageMode::require
                              : *coverage       ? CoverageMode::report
                                                : CoverageMode::off;
    std::vector<Suite> suites;
    if (targets->empty()) suites = every_tested_policy(common);
    for (const auto& target : *targets)
      for (auto& suite : suites_of(common, target)) suites.push_back(std::move(suite));
    Tally tally;
    for (const auto& suite : suites) run_suite(suite, mode, tally);
    fmt::print("{} scenario(s): {} passed, {} failed\n", tally.passed + tally.failed, tally.passed, tally.failed);
    if (mode == CoverageMode::require && tally.uncovered)
      fmt::print("{} policy(ies) with coverage gaps (--require-coverage)\n", tally.uncovered);
    const bool failed = tally.failed || (mode == CoverageMode::require && tally.uncovered);
    return failed ? exit_policy_failure : exit_ok;
  };
}

}  // namespace waymark::cli
