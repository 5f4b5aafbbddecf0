#include "support/store_backends.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "support/run_command.h"

namespace waymark::testing {

namespace {

std::string pg_locator(const std::string& database) {
  const char* host = std::getenv("WAYMARK_TEST_PGHOST");
  return "postgresql:///" + database + "?host=" + host + "&user=waymark";
}

// Runs `sql`; returns the error, empty when none, and the first value it answers in `value`.
std::string pg_exec(const std::string& locator, const std::string& sql, std::string* value = nullptr) {
  PGconn* conn = PQconnectdb(locator.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test cluster: " + why);
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(conn, sql.c_str());
  const auto status = PQresultStatus(r);
  std::string error;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
  if (value && status == PGRES_TUPLES_OK && PQntuples(r) > 0 && PQnfields(r) > 0) *value = PQgetvalue(r, 0, 0);
  PQclear(r);
  PQfinish(conn);
  return error;
}

}  // namespace

std::string fresh_postgresql() {
  const char* host = std::getenv("WAYMARK_TEST_PGHOST");
  if (!host || !*host) return {};
  static std::atomic<int> next{0};
  const std::string name = "store_" + std::to_string(getpid()) + "_" + std::to_string(++next);
  if (const std::string error = pg_exec(pg_locator("postgres"), "CREATE DATABASE " + name); !error.empty())
    throw std::runtime_error("cannot create a test database: " + error);
  return pg_locator(name);
}

std::vector<StoreBackend> store_backends() {
  std::vector<StoreBackend> out{{"sqlite", (std::filesystem::path(test::temp_dir()) / "cases.db").string()}};
  if (std::string pg = fresh_postgresql(); !pg.empty()) out.push_back({"postgresql", std::move(pg)});
  return out;
}

std::string raw_sql_on(const StoreBackend& backend, const std::string& sql) {
  if (backend.name == "postgresql") return pg_exec(backend.locator, sql);
  sqlite3* db = nullptr;
  sqlite3_open(backend.locator.c_str(), &db);
  char* message = nullptr;
  const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string error = code == SQLITE_OK ? "" : (message ? message : "failed");
  sqlite3_free(message);
  sqlite3_close(db);
  return error;
}

std::string sql_value_on(const StoreBackend& backend, const std::string& sql) {
  std::string value;
  if (backend.name == "postgresql") {
    if (const std::string error = pg_exec(backend.locator, sql, &value); !error.empty())
      throw std::runtime_error("query failed: " + error);
    return value;
  }
  sqlite3* db = nullptr;
  sqlite3_open(backend.locator.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
      sqlite3_column_text(s, 0))
    value = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return value;
}

}  // namespace waymark::testing
