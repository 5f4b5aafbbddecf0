// `waymark`: guided walk-throughs of safeguarding policies, from the terminal.
#include "commands.h"

#include <waymark/build_info.h>

#include <fmt/format.h>

#include <cstdio>
#include <map>

int main(int argc, char** argv) {
  using namespace waymark::cli;
  CLI::App app{"Waymark: guided walk-throughs of safeguarding policies, with recommended next steps and an "
               "evidence record.\n\nExit codes: 0 success; 1 a policy or plugin failed to load or evaluate, or lint found errors; "
               "2 a usage error or bad input."};
  app.set_version_flag("--version", std::string("waymark ") + waymark::build::version);
  app.require_subcommand(1);
  CommonOptions common;
  app.add_option("--policy-dir", common.policy_dirs,
                 "Folder to search for policies first (repeatable); then WAYMARK_POLICY_PATH, then the bundled folder")
      ->check(CLI::ExistingDirectory);
  app.add_option("--plugin-dir", common.plugin_dirs,
                 "Folder to search for plugins first (repeatable); then WAYMARK_PLUGIN_PATH, then the bundled folder")
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
  add(add_explain_command(app));
  add(add_case_command(app));
  add(add_verify_command(app));
  add(add_due_command(app));
  add(add_done_command(app));
  add(add_serve_command(app, common));

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
    // A plugin function failed: the policy (with its plugin) cannot be evaluated, as for a load failure.
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
