#include <fmt/format.h>
#include <waymark/lint.h>

#include <algorithm>

#include "commands.h"

namespace waymark::cli {

namespace fs = std::filesystem;

namespace {

// Files as given, and the policy files inside folders (not their *.tests.toml).
std::vector<fs::path> policy_files(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.emplace_back(path);
      continue;
    }
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(path, error)) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".toml") && !name.ends_with(".tests.toml")) found.push_back(entry.path());
    }
    if (found.empty())
      throw Failure{exit_bad_input, fmt::format("{}: error: no policy files in this folder (*.toml, other than "
                                                "*.tests.toml)",
                                                path)};
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace

Command add_lint_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub = app.add_subcommand("lint",
                                     "Check policy files: load errors, unreachable questions, actions that "
                                     "never fire, answers after which nothing fires, fact cycles, review dates");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto all_dead_ends = std::make_shared<bool>(false);
  sub->add_option("PATH", *paths, "Policy files, or folders of them")->required();
  sub->add_flag("--all-dead-ends", *all_dead_ends,
                "List every combination of answers after which no action fires (by default: up to three that "
                "differ in a yes/no or choice answer, and a count)");
  return [paths, all_dead_ends, &common] {
    int errors = 0, warnings = 0;
    // Policies may call plugin functions; a refused plugin is reported, as it may be why one is
    // missing.
    const PluginRegistry plugins = load_plugins(common);
    for (const auto& problem : plugins.problems()) {
      fmt::print(stderr, "{}\n", problem.format());
      errors += problem.severity == Severity::error;
    }
    const auto files = policy_files(*paths);
    for (const auto& file : files) {
      LintOptions options{Date::today()};
      options.all_dead_ends = *all_dead_ends;
      const LintReport report = lint_policy_file(file, options, plugins.functions());
      for (const auto& d : report.diagnostics) {
        fmt::print(stderr, "{}\n", d.format());
        errors += d.severity == Severity::error;
        warnings += d.severity == Severity::warning;
      }
      if (!report.summary.empty()) fmt::print("{}: {}\n", file.string(), report.summary);
    }
    fmt::print("{} file(s) checked: {} error(s), {} warning(s)\n", files.size(), errors, warnings);
    return errors ? exit_policy_failure : exit_ok;
  };
}

}  // namespace waymark::cli
