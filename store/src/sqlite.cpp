#include "sqlite.h"

#include <fmt/format.h>

namespace waymark::detail {

namespace {

class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(const SqliteBackend& db, const char* sql) : db_(db) {
    const int code = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
    if (code != SQLITE_OK) db.fail(code, "cannot read the case store");
  }
  ~SqliteCursor() override { sqlite3_finalize(stmt_); }
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;

  void bind_text(int index, std::string_view text) override {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind_integer(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }
  bool step() override {
    const int code = sqlite3_step(stmt_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    db_.fail(code, "the case store refused a change");
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string_view text_view(int column) const override {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string_view();
  }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(stmt_, column); }
  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  const SqliteBackend& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

SqliteBackend::SqliteBackend(const std::filesystem::path& path) : path_(path) {
  // No mutex: a Store is used by one thread at a time (store.h), and SQLite's lock around every
  // call and every column read was about a tenth of the due list.
  const int code =
      sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(fmt::format("{}: cannot open the case store: {}", path.string(), why));
  }
  sqlite3_extended_result_codes(db_, 1);
}

SqliteBackend::~SqliteBackend() { sqlite3_close(db_); }

void SqliteBackend::fail(int code, std::string_view doing) const {
  const int primary = code & 0xff;
  if (primary == SQLITE_NOTADB)
    throw StoreError(
        fmt::format("{}: not a Waymark case store (the file is not an SQLite database); "
                    "it was left untouched",
                    path_.string()));
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    throw StoreError(
        fmt::format("{}: another Waymark is using the case store (it stayed locked for 10 seconds); try again "
                    "when it has finished",
                    path_.string()));
  if (primary == SQLITE_CORRUPT)
    throw StoreError(fmt::format("{}: the case store is damaged ({}); restore it from a backup", path_.string(),
                                 sqlite3_errmsg(db_)));
  throw StoreError(fmt::format("{}: {}: {}", path_.string(), doing, sqlite3_errmsg(db_)));
}

std::unique_ptr<Cursor> SqliteBackend::prepare(const char* sql) { return std::make_unique<SqliteCursor>(*this, sql); }

void SqliteBackend::exec(const char* sql) {
  const int code = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) fail(code, "cannot use the case store");
}

std::string SqliteBackend::damage() {
  // A damaged file can still hold an intact chain; a manager running verify needs to hear of both.
  SqliteCursor check(*this, "PRAGMA quick_check(1)");
  if (check.step() && check.text_view(0) != "ok") return std::string(check.text_view(0));
  return {};
}

}  // namespace waymark::detail
