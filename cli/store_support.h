// What the store commands share: the --db option, opening the store with a clear failure, and
// printing stored text safely.
#pragma once

#include <waymark/store.h>

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

#include "cli_support.h"

namespace waymark::cli {

// Adds --db to a subcommand (default: WAYMARK_DB, then the documented location). An empty --db
// is refused rather than read as "the default".
void add_db_option(CLI::App& sub, std::string& db);
// Whether a command may create the store. Only `case add` and `user add` (a team's store starts with
// its first account) do: a mistyped --db must not give
// `verify` a new empty store to call intact, and an empty file is not made into a store.
enum class IfMissing { create, refuse };

// The store at `db_option` (or the default). A missing or empty file (with IfMissing::refuse), a
// folder, or a file that is not a Waymark store, becomes a Failure naming the file (exit 2).
Store open_store(const std::string& db_option, IfMissing if_missing = IfMissing::refuse);
// Runs `body` and returns what it returns, turning a StoreError into a Failure (exit 2).
template <typename Body>
auto with_store_errors(Body&& body) {
  try {
    return body();
  } catch (const StoreError& e) {
    throw Failure{exit_bad_input, std::string("waymark: error: ") + e.what()};
  }
}
// Refuses (exit 2) a --role that is not a role id, naming the option.
void require_role(const std::string& role, std::string_view option = "--role");
// Stored text as it may be printed: control characters (new lines, terminal escapes) shown as
// \n, \x1b ..., so a note cannot fake lines of the timeline or drive the terminal.
std::string printable(std::string_view text);

}  // namespace waymark::cli
