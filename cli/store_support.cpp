#include "store_support.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

namespace waymark::cli {

void add_db_option(CLI::App& sub, std::string& db) {
  sub.add_option(
      "--db", db,
      "Case store file (default: $WAYMARK_DB, else $XDG_DATA_HOME/waymark/cases.db, else "
      "~/.local/share/waymark/cases.db)");
}

Store open_store(const std::string& db_option, IfMissing if_missing) {
  const std::filesystem::path path =
      db_option.empty() ? default_store_path() : std::filesystem::path(db_option);
  std::error_code error;
  if (if_missing == IfMissing::refuse && !std::filesystem::exists(path, error))
    throw Failure{
        exit_bad_input,
        fmt::format(
            "waymark: error: {}: no case store here (check --db or WAYMARK_DB; `waymark case add "
            "REF` creates one)",
            path.string())};
  if (if_missing == IfMissing::create && path.has_parent_path()) {
    std::error_code ignored;
    std::filesystem::create_directories(path.parent_path(), ignored);
  }
  try {
    return Store(path);
  } catch (const StoreError& e) {
    throw Failure{exit_bad_input, std::string("waymark: error: ") + e.what()};
  }
}

}  // namespace waymark::cli
