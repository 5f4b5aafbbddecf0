// The `waymark` subcommands. Each registers its options and returns what to run once parsed.
#pragma once

#include "cli_support.h"

#include <CLI/CLI.hpp>

#include <functional>

namespace waymark::cli {

using Command = std::function<int()>;

Command add_list_command(CLI::App& app, const CommonOptions& common);
Command add_plugins_command(CLI::App& app, const CommonOptions& common);
Command add_run_command(CLI::App& app, const CommonOptions& common);
Command add_lint_command(CLI::App& app, const CommonOptions& common);
Command add_test_command(CLI::App& app, const CommonOptions& common);
Command add_diff_command(CLI::App& app, const CommonOptions& common);
Command add_new_command(CLI::App& app);
Command add_explain_command(CLI::App& app, const CommonOptions& common);
Command add_serve_command(CLI::App& app, const CommonOptions& common);
Command add_case_command(CLI::App& app, const CommonOptions& common);
Command add_verify_command(CLI::App& app);
Command add_store_command(CLI::App& app);
Command add_user_command(CLI::App& app);
Command add_audit_command(CLI::App& app);
Command add_due_command(CLI::App& app);
Command add_done_command(CLI::App& app);

}  // namespace waymark::cli
