#include "store_support.h"

#include <filesystem>
#include <system_error>

namespace waymark::cli {

void add_db_option(CLI::App& sub, std::string& db) {
  sub.add_option("--db", db,
                 "Case store file (default: $WAYMARK_DB, else $XDG_DATA_HOME/waymark/cases.db, else "
                 "~/.local/share/waymark/cases.db)");
}

Store open_store(const std::string& db_option) {
  const std::filesystem::path path = db_option.empty() ? default_store_path() : std::filesystem::path(db_option);
  if (path.has_parent_path()) {
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
