// What the store commands share: the --db option and opening the store with a clear failure.
#pragma once

#include "cli_support.h"

#include <waymark/store.h>

#include <CLI/CLI.hpp>

#include <string>

namespace waymark::cli {

// Adds --db to a subcommand (default: WAYMARK_DB, then the documented location).
void add_db_option(CLI::App& sub, std::string& db);
// The store at `db_option` (or the default), created if missing. A file that is not a
// Waymark store becomes a Failure naming the file (exit 2).
Store open_store(const std::string& db_option);
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
