// `waymark`: guided walk-throughs of safeguarding policies, from the terminal.
#include <fmt/format.h>
#include <waymark/build_info.h>

#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "commands.h"

namespace {

// The first word that should be a command but is none. CLI11 would only say "A subcommand is
// required", which does not tell a mistyped command from a missing one.
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--policy-dir" || arg == "--plugin-dir") {
      ++i;  // its folder
      continue;
    }
    if (arg.starts_with("--policy-dir=") || arg.starts_with("--plugin-dir=")) continue;
    if (arg.starts_with("-")) return std::nullopt;  // CLI11 reports options itself
    for (const CLI::App* sub : app.get_subcommands({}))
      if (sub->check_name(arg)) return std::nullopt;
    return arg;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace waymark::cli;
  CLI::App app{
      "Waymark: guided walk-throughs of safeguarding policies, with recommended next steps and an "
      "evidence record.\n\nExit codes: 0 success; 1 a policy or plugin failed to load or evaluate, "
      "or lint found errors; "
      "2 a usage error or bad input."};
  app.set_version_flag("--version", std::string("waymark ") + waymark::build::version);
  app.require_subcommand(1);
  CommonOptions common;
  app.add_option("--policy-dir", common.policy_dirs,
                 "Folder to search for policies first (repeatable); then WAYMARK_POLICY_PATH, then "
                 "the bundled folder")
      ->check(CLI::ExistingDirectory);
  app.add_option("--plugin-dir", common.plugin_dirs,
                 "Folder to search for plugins first (repeatable); then WAYMARK_PLUGIN_PATH, then "
                 "the bundled folder")
      ->check(CLI::ExistingDirectory);

  std::map<CLI::App*, Command> commands;
  auto add = [&](Command command) { commands.emplace(app.get_subcommands({}).back(), std::move(command)); };
  add(add_list_command(app, common));
  add(add_plugins_command(app, common));
  add(add_run_command(app, common));
  add(add_lint_command(app, common));
  add(add_test_command(app, common));
  add(add_diff_command(app, common));
  add(add_new_command(app));
  add(add_explain_command(app, common));
  add(add_case_command(app, common));
  add(add_verify_command(app));
  add(add_store_command(app));
  add(add_user_command(app));
  add(add_audit_command(app));
  add(add_due_command(app));
  add(add_done_command(app));
  add(add_serve_command(app, common));

  if (const auto unknown = unknown_command(app, argc, argv)) {
    std::string names;
    for (const CLI::App* sub : app.get_subcommands({})) names += (names.empty() ? "" : ", ") + sub->get_name();
    fmt::print(stderr,
               "waymark: error: unknown command '{}'; the commands are: {} (`waymark --help` says "
               "what each does)\n",
               *unknown, names);
    return exit_bad_input;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_bad_input;
  }
  try {
    for (auto& [subcommand, command] : commands)
      if (subcommand->parsed()) return command();
  } catch (const Failure& failure) {
    if (!failure.message.empty()) fmt::print(stderr, "{}\n", failure.message);
    return failure.exit_code;
  } catch (const waymark::PolicyError& e) {
    print_diagnostics(e.diagnostics());
    return exit_policy_failure;
  } catch (const waymark::EvaluationError& e) {
    // A plugin function failed: the policy (with its plugin) cannot be evaluated, as for a load
    // failure.
    fmt::print(stderr, "waymark: error: {}\n", e.what());
    return exit_policy_failure;
  } catch (const waymark::Error& e) {
    fmt::print(stderr, "waymark: error: {}\n", e.what());
    return exit_bad_input;
  } catch (const std::exception& e) {
    fmt::print(stderr, "waymark: internal error: {}\n", e.what());
    return exit_bad_input;
  }
  return exit_bad_input;
}
