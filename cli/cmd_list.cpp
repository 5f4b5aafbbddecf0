#include "commands.h"

#include <fmt/format.h>

namespace waymark::cli {

namespace {

// Where a policy came from: its file, or the plugin (and the source it was embedded from).
std::string origin(const PolicyEntry& entry) {
  if (!entry.plugin) return entry.file.string();
  return fmt::format("plugin {} {} ({}), embedded from {}", entry.plugin->id, entry.plugin->version,
                     entry.file.string(), entry.policy->origin());
}

}  // namespace

Command add_list_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub = app.add_subcommand("list", "List the policies found, with version, review-by date and origin");
  (void)sub;
  return [&common] {
    const PluginRegistry plugins = load_plugins(common);
    const PolicyRegistry registry = load_registry(common, plugins);
    const Date today = Date::today();
    if (registry.policies().empty()) fmt::print("No policies found.\n");
    for (const auto& entry : registry.policies()) {
      const PolicyInfo& info = entry.policy->info();
      const bool overdue = entry.policy->overdue_for_review(today);
      // With several versions installed, only one is in force today; say which the others are.
      const PolicyEntry* current = registry.find(info.id, today);
      const bool superseded = current != &entry && entry.policy->in_force(today);
      const std::string marks = fmt::format(
          "{}{}{}", overdue ? " [OVERDUE FOR REVIEW]" : "", entry.policy->in_force(today) ? "" : " [NOT YET IN FORCE]",
          superseded ? fmt::format(" [SUPERSEDED by version {}]", current->policy->info().version) : "");
      if (overdue && !superseded)
        fmt::print(stderr, "{}: warning: the review-by date {} has passed: the policy is due for review\n",
                   entry.policy->origin(), info.review_by.iso());
      fmt::print("{}{}\n  {}\n  version {}, effective {}, review by {}{}\n  from {}\n", info.id, marks, info.title,
                 info.version, info.effective.iso(), info.review_by.iso(), overdue ? " (past)" : "", origin(entry));
    }
    print_diagnostics(plugins.problems());
    print_diagnostics(registry.problems());
    for (const auto* problems : {&plugins.problems(), &registry.problems()})
      for (const auto& problem : *problems)
        if (problem.severity == Severity::error) return exit_policy_failure;
    return exit_ok;
  };
}

}  // namespace waymark::cli
