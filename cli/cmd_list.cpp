#include "commands.h"

#include <fmt/format.h>

namespace waymark::cli {

Command add_list_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub = app.add_subcommand("list", "List the policies found, with version, review-by date and origin");
  (void)sub;
  return [&common] {
    const PolicyRegistry registry = load_registry(common);
    const Date today = Date::today();
    if (registry.policies().empty()) fmt::print("No policies found.\n");
    for (const auto& entry : registry.policies()) {
      const PolicyInfo& info = entry.policy->info();
      const bool overdue = entry.policy->overdue_for_review(today);
      const std::string marks = fmt::format("{}{}", overdue ? " [OVERDUE FOR REVIEW]" : "",
                                            entry.policy->in_force(today) ? "" : " [NOT YET IN FORCE]");
      fmt::print("{}{}\n  {}\n  version {}, effective {}, review by {}{}\n  from {}\n", info.id, marks, info.title,
                 info.version, info.effective.iso(), info.review_by.iso(), overdue ? " (past)" : "", entry.file.string());
    }
    print_diagnostics(registry.problems());
    for (const auto& problem : registry.problems())
      if (problem.severity == Severity::error) return exit_policy_failure;
    return exit_ok;
  };
}

}  // namespace waymark::cli
