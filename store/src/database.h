// The store's connection to its database, whichever backend holds it: an SQLite file (the
// default, needing no server) or a PostgreSQL database named by a postgresql:// connection
// string. The store's code speaks one small SQL dialect through Statement (`?` and `?N`
// placeholders); each backend runs it. Every failure becomes a StoreError naming the store
// (a connection string with any password taken out).
#pragma once

#include <waymark/store.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::detail {

// One prepared statement of a backend.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;
  // Valid until the next step() or reset().
  virtual std::string_view text_view(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual bool is_null(int column) const = 0;
};

// A backend's connection.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::unique_ptr<Cursor> prepare(const char* sql) = 0;
  // Runs one or more statements without parameters.
  virtual void exec(const char* sql) = 0;
  // A write transaction: writers queue one behind another, so the chain never forks.
  virtual void begin_write() = 0;
  // A read transaction seeing one snapshot of the whole store.
  virtual void begin_read() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  // Damage the database itself reports (SQLite's quick_check); empty when none.
  virtual std::string damage() = 0;
};

enum class BackendKind { sqlite, postgresql };

class Database {
 public:
  // Opens the file or connects to the server; does not yet check or create the schema.
  explicit Database(const std::filesystem::path& locator);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The store as named in messages (a file path, or the redacted connection string).
  const std::filesystem::path& path() const { return display_; }
  BackendKind kind() const { return kind_; }
  Backend& backend() const { return *backend_; }
  void exec(const char* sql) const { backend_->exec(sql); }

 private:
  std::filesystem::path display_;
  BackendKind kind_;
  std::unique_ptr<Backend> backend_;
};

class Statement {
 public:
  Statement(const Database& db, const char* sql) : cursor_(db.backend().prepare(sql)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text) {
    cursor_->bind_text(index, text);
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    cursor_->bind_integer(index, value);
    return *this;
  }
  Statement& bind(int index, std::optional<std::int64_t> value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  Statement& bind_null(int index) {
    cursor_->bind_null(index);
    return *this;
  }
  // Steps once: true while there is a row to read.
  bool step() { return cursor_->step(); }
  void run() {
    while (step()) {
    }
  }
  void reset() { cursor_->reset(); }

  std::string text(int column) const { return std::string(cursor_->text_view(column)); }
  // Without a copy: valid until the next step() or reset().
  std::string_view text_view(int column) const { return cursor_->text_view(column); }
  std::int64_t integer(int column) const { return cursor_->integer(column); }
  bool is_null(int column) const { return cursor_->is_null(column); }

 private:
  std::unique_ptr<Cursor> cursor_;
};

// A write transaction, rolled back unless committed.
class Transaction {
 public:
  explicit Transaction(const Database& db) : db_(db) { db_.backend().begin_write(); }
  ~Transaction() {
    if (!done_) db_.backend().rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    db_.backend().commit();
    done_ = true;
  }

 private:
  const Database& db_;
  bool done_ = false;
};

// A read transaction (one snapshot), ended when it goes out of scope.
class ReadTransaction {
 public:
  explicit ReadTransaction(const Database& db) : db_(db) { db_.backend().begin_read(); }
  ~ReadTransaction() { db_.backend().rollback(); }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  const Database& db_;
};

}  // namespace waymark::detail
