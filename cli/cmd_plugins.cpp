#include "commands.h"

#include <fmt/format.h>

namespace waymark::cli {

namespace {

// `percent(number, number) -> number`, as a condition would call it.
std::string signature(const FunctionInfo& f) {
  std::string params;
  for (std::size_t i = 0; i < f.parameters.size(); ++i)
    params += fmt::format("{}{}", i ? ", " : "", to_string(f.parameters[i]));
  return fmt::format("{}({}{}) -> {}", f.name, params, f.variadic ? ", ..." : "", to_string(f.result));
}

}  // namespace

Command add_plugins_command(CLI::App& app, const CommonOptions& common) {
  CLI::App* sub =
      app.add_subcommand("plugins", "List the plugins loaded, and the policies and functions each provides");
  return [&common] {
    const PluginRegistry plugins = load_plugins(common);
    if (plugins.plugins().empty()) fmt::print("No plugins loaded.\n");
    for (const auto& plugin : plugins.plugins()) {
      const PluginInfo& info = *plugin.info;
      fmt::print("{} {}  {}\n  from {}\n", info.id, info.version, info.name, info.file.string());
      for (const auto& policy : plugin.policies)
        fmt::print("  policy {} {} (embedded from {}, content {})\n", policy->id(), policy->info().version,
                   policy->origin(), policy->content_hash().substr(0, 12));
      for (const auto& name : info.functions) {
        const FunctionInfo* f = plugins.functions().find(name);
        fmt::print("  function {}{}{}\n", signature(*f), f->description.empty() ? "" : "\n    ", f->description);
      }
    }
    std::string folders;
    for (const auto& dir : plugin_folders(common)) folders += (folders.empty() ? "" : ", ") + dir.string();
    fmt::print("Plugin folders searched, in order: {}\n", folders);
    print_diagnostics(plugins.problems());
    for (const auto& problem : plugins.problems())
      if (problem.severity == Severity::error) return exit_policy_failure;
    return exit_ok;
  };
  (void)sub;
}

}  // namespace waymark::cli
