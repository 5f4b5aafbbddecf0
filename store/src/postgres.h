// The PostgreSQL backend, through libpq. Writers take one transaction-scoped advisory lock
// before touching the store, so appends to the hash chain queue one behind another exactly as
// SQLite's BEGIN IMMEDIATE makes them: no fork, no gap, whatever number of processes write.
#pragma once

#include <libpq-fe.h>

#include <functional>

#include "database.h"

namespace waymark::detail {

class PostgresBackend final : public Backend {
 public:
  // `locator` is a postgresql:// or postgres:// connection string (libpq's rules, so PGHOST,
  // PGUSER, ~/.pgpass and the rest apply); `display` names it in messages, password removed.
  PostgresBackend(const std::string& locator, std::string display);
  ~PostgresBackend() override;
  PostgresBackend(const PostgresBackend&) = delete;
  PostgresBackend& operator=(const PostgresBackend&) = delete;

  PGconn* handle() const { return conn_; }
  const std::string& display() const { return display_; }
  // Throws StoreError unless `result` is a success; clears it either way when throwing.
  void check(PGresult* result, std::string_view doing) const;

  std::unique_ptr<Cursor> prepare(const char* sql) override;
  void exec(const char* sql) override;
  void begin_write() override;
  void begin_read() override;
  void commit() override;
  void rollback() noexcept override;
  std::string damage() override { return {}; }

  // Runs one statement (`statement` calls libpq on the connection), reconnecting when the
  // connection was lost outside a transaction.
  PGresult* run(const std::function<PGresult*(PGconn*)>& statement);

 private:
  void reconnect();

  std::string display_;
  PGconn* conn_ = nullptr;
  bool in_transaction_ = false;
};

// The store's SQL with `?` and `?N` placeholders as PostgreSQL's `$N` (quoted text left alone).
std::string postgres_placeholders(std::string_view sql);

}  // namespace waymark::detail
