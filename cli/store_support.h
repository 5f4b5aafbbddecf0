// What the store commands share: the --db option and opening the store with a clear failure.
#pragma once

#include <waymark/store.h>

#include <CLI/CLI.hpp>
#include <string>

#include "cli_support.h"

namespace waymark::cli {

// Adds --db to a subcommand (default: WAYMARK_DB, then the documented location).
void add_db_option(CLI::App& sub, std::string& db);
// Whether a command may create the store. Only `case add` does: a mistyped --db must not give
// `verify` a new empty store to call intact.
enum class IfMissing { create, refuse };

// The store at `db_option` (or the default). A missing file (with IfMissing::refuse), or a file
// that is not a Waymark store, becomes a Failure naming the file (exit 2).
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

}  // namespace waymark::cli
