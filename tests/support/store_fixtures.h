// What the store tests build their cases from: a chronology event, and SQL run on a store's file
// behind Waymark's back, as someone tampering with it would.
#pragma once

#include <sqlite3.h>
#include <waymark/store.h>

#include <filesystem>
#include <string>

namespace waymark::testing {

inline Event event(const char* kind, const char* date, std::string note = "") {
  Event e;
  e.kind = kind;
  e.date = *Date::parse(date);
  e.note = std::move(note);
  e.recorded_by = "worker";
  return e;
}

// Returns SQLite's result code.
inline int raw_sql(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return code;
}

}  // namespace waymark::testing
