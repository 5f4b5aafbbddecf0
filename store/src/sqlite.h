// The SQLite backend: a thin RAII layer over the SQLite C API. Every failure becomes a
// StoreError naming the database file.
#pragma once

#include <sqlite3.h>

#include "database.h"

namespace waymark::detail {

class SqliteBackend final : public Backend {
 public:
  explicit SqliteBackend(const std::filesystem::path& path);
  ~SqliteBackend() override;
  SqliteBackend(const SqliteBackend&) = delete;
  SqliteBackend& operator=(const SqliteBackend&) = delete;

  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(int code, std::string_view doing) const;

  std::unique_ptr<Cursor> prepare(const char* sql) override;
  void exec(const char* sql) override;
  // BEGIN IMMEDIATE, so two writers queue on the busy timeout rather than deadlock.
  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  void begin_read() override { exec("BEGIN"); }
  void commit() override { exec("COMMIT"); }
  void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
  std::string damage() override;

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace waymark::detail
