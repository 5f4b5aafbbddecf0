#include "store_support.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

namespace waymark::cli {

void add_db_option(CLI::App& sub, std::string& db) {
  sub.add_option("--db", db,
                 "Case store: a file, or a postgresql:// connection string without a password (default: "
                 "$WAYMARK_DB, else $XDG_DATA_HOME/waymark/cases.db, else ~/.local/share/waymark/cases.db)")
      ->check(CLI::Validator(
          [](std::string& value) {
            return value.empty() ? std::string(
                                       "--db needs a file name (leave --db out to use the "
                                       "default store)")
                                 : std::string();
          },
          "FILE"));
}

Store open_store(const std::string& db_option, IfMissing if_missing) {
  const std::filesystem::path path = db_option.empty() ? default_store_path() : std::filesystem::path(db_option);
  // A PostgreSQL store is a database on a server: no file to check or folder to make.
  if (is_postgresql_locator(path.string())) return with_store_errors([&] { return Store(path); });
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw Failure{exit_bad_input, fmt::format("waymark: error: {}: this is a folder; --db (or WAYMARK_DB) names "
                                              "the case store file, e.g. {}",
                                              path.string(), (path / "cases.db").string())};
  const bool exists = std::filesystem::exists(path, error);
  if (if_missing == IfMissing::refuse && !exists)
    throw Failure{exit_bad_input,
                  fmt::format("waymark: error: {}: no case store here (check --db or WAYMARK_DB; `waymark case add "
                              "REF` creates one)",
                              path.string())};
  if (if_missing == IfMissing::refuse) {
    // An empty file opens as an empty SQLite database; only `case add` may make it a store. (A
    // new store's content can still be in its -wal file.)
    std::filesystem::path wal = path;
    wal += "-wal";
    const auto size = std::filesystem::file_size(path, error);
    const auto wal_size = std::filesystem::file_size(wal, error);
    if (size == 0 && (error || wal_size == 0))
      throw Failure{exit_bad_input, fmt::format("waymark: error: {}: empty file, not a case store; it was left "
                                                "untouched (`waymark case add REF --db {}` makes it one)",
                                                path.string(), path.string())};
  }
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

void require_role(const std::string& role, std::string_view option) {
  if (!Store::valid_role(role))
    throw Failure{exit_bad_input, fmt::format("waymark: error: {} '{}': give {}", option, printable(role), role_rule)};
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else if (u < 0x20 || u == 0x7f)
      out += fmt::format("\\x{:02x}", u);
    else
      out += c;
  }
  return out;
}

}  // namespace waymark::cli
