#include "postgres.h"

#include <fmt/format.h>
#include <boost/config.hpp>

#include <cctype>
#include <charconv>
#include <functional>
#include <vector>

namespace waymark::detail {

namespace {

// One key for every Waymark store: a database holds at most one store (its current schema).
constexpr std::int64_t writer_lock_key = 0x57594d4b;  // 'WYMK'

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

class PostgresCursor final : public Cursor {
 public:
  PostgresCursor(PostgresBackend& db, const char* sql) : db_(db), sql_(postgres_placeholders(sql)) {}

  void bind_text(int index, std::string_view text) override { slot(index) = std::string(text); }
  void bind_integer(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
  void bind_null(int index) override { slot(index) = std::nullopt; }
  bool step() override {
    if (!result_) {
      std::vector<const char*> values;
      for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
      PGresult* r = db_.run([&](PGconn* conn) {
        return PQexecParams(conn, sql_.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                            nullptr, 0);
      });
      db_.check(r, "the case store refused a change");
      result_.reset(r);
      row_ = -1;
    }
    return ++row_ < PQntuples(result_.get());
  }
  void reset() override {
    result_.reset();
    params_.clear();
  }
  std::string_view text_view(int column) const override {
    const char* value = PQgetvalue(result_.get(), row_, column);
    return std::string_view(value, static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }
  std::int64_t integer(int column) const override {
    const char* value = PQgetvalue(result_.get(), row_, column);
    std::int64_t out = 0;
    std::from_chars(value, value + PQgetlength(result_.get(), row_, column), out);
    return out;
  }
  bool is_null(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }

 private:
  std::optional<std::string>& slot(int index) {
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(static_cast<std::size_t>(index));
    return params_[static_cast<std::size_t>(index - 1)];
  }

  PostgresBackend& db_;
  std::string sql_;
  std::vector<std::optional<std::string>> params_;
  Result result_;
  int row_ = -1;
};

// Notices (a table already there, an implicit index) are the server talking to an administrator;
// a practitioner's terminal and the logs get nothing from them.
void ignore_notice(void*, const char*) {}

}  // namespace

std::string postgres_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (c != '?' || quoted) {
      out += c;
      continue;
    }
    out += '$';
    std::size_t digits = i + 1;
    while (digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[digits]))) ++digits;
    if (digits > i + 1) {
      out.append(sql.substr(i + 1, digits - i - 1));
      i = digits - 1;
    } else {
      out += std::to_string(++next);
    }
  }
  return out;
}

PostgresBackend::PostgresBackend(const std::string& locator, std::string display) : display_(std::move(display)) {
  // A password on the command line is seen by every user of the machine (ps) and kept in shell
  // history: libpq reads it from ~/.pgpass, PGPASSFILE or PGPASSWORD instead.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(locator.c_str(), &parse_error);
  if (!options) {
    const std::string why = parse_error ? trimmed(parse_error) : "not a connection string";
    PQfreemem(parse_error);
    throw StoreError(fmt::format("{}: not a PostgreSQL connection string libpq accepts: {}", display_, why));
  }
  bool has_password = false;
  for (const PQconninfoOption* o = options; o->keyword; ++o)
    if (std::string_view(o->keyword) == "password" && o->val && *o->val) has_password = true;
  PQconninfoFree(options);
  if (has_password)
    throw StoreError(fmt::format(
        "{}: a connection string must not hold a password (it would show in the process list and shell "
        "history); put it in ~/.pgpass (or the file PGPASSFILE names), or PGPASSWORD",
        display_));
  conn_ = PQconnectdb(locator.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError(fmt::format("{}: cannot connect to the case store: {}", display_, why));
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  // Text is UTF-8 whatever the server's or the client's locale, as in the SQLite file.
  exec("SET client_encoding = 'UTF8'");
}

PostgresBackend::~PostgresBackend() { PQfinish(conn_); }

void PostgresBackend::check(PGresult* result, std::string_view doing) const {
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  Result owned(result);
  if (PQstatus(conn_) != CONNECTION_OK)
    throw StoreError(fmt::format("{}: lost the connection to the case store ({}); nothing was saved by the "
                                 "step that failed, try again",
                                 display_, trimmed(PQerrorMessage(conn_))));
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  throw StoreError(
      fmt::format("{}: {}: {}", display_, doing, primary ? std::string(primary) : trimmed(PQerrorMessage(conn_))));
}

std::unique_ptr<Cursor> PostgresBackend::prepare(const char* sql) {
  return std::make_unique<PostgresCursor>(*this, sql);
}

void PostgresBackend::exec(const char* sql) {
  PGresult* r = run([sql](PGconn* conn) { return PQexec(conn, sql); });
  check(r, "cannot use the case store");
  PQclear(r);
}

// A server restarted since the last statement, or a network that dropped the connection, leaves
// it broken; a long-running `waymark serve` must not fail every later request for one outage.
// Outside a transaction the connection is made again and the statement run once more: the store
// changes anything only inside a transaction, so a statement run alone (BEGIN, or a read) may be
// repeated. Inside one, the failure stands: the transaction is lost and nothing of it was saved.
PGresult* PostgresBackend::run(const std::function<PGresult*(PGconn*)>& statement) {
  if (!in_transaction_ && PQstatus(conn_) != CONNECTION_OK) reconnect();
  PGresult* r = statement(conn_);
  if (in_transaction_ || PQstatus(conn_) == CONNECTION_OK) return r;
  PQclear(r);
  reconnect();
  return statement(conn_);
}

void PostgresBackend::reconnect() {
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK)
    throw StoreError(fmt::format("{}: cannot reach the case store ({}); nothing was saved, try again when it is back",
                                 display_, trimmed(PQerrorMessage(conn_))));
  PGresult* r = PQexec(conn_, "SET client_encoding = 'UTF8'");
  check(r, "cannot use the case store");
  PQclear(r);
}

void PostgresBackend::begin_write() {
  exec("BEGIN");
  in_transaction_ = true;
  try {
    exec(fmt::format("SELECT pg_advisory_xact_lock({})", writer_lock_key).c_str());
  } catch (...) {
    rollback();
    throw;
  }
}

void PostgresBackend::begin_read() {
  exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  in_transaction_ = true;
}

void PostgresBackend::commit() {
  in_transaction_ = false;
  PGresult* r = PQexec(conn_, "COMMIT");
  check(r, "cannot save to the case store");
  // A transaction an error already ended answers COMMIT with ROLLBACK: nothing was saved.
  const bool rolled_back = std::string_view(PQcmdStatus(r)) == "ROLLBACK";
  PQclear(r);
  if (rolled_back) throw StoreError(fmt::format("{}: the case store refused the change; nothing was saved", display_));
}

void PostgresBackend::rollback() noexcept {
  in_transaction_ = false;
  PQclear(PQexec(conn_, "ROLLBACK"));
}

}  // namespace waymark::detail

// The module's one entry point (postgres_module.h): the store opens this module only for a
// postgresql:// store, so a command on an SQLite file never loads libpq and the libraries it needs.
extern "C" BOOST_SYMBOL_EXPORT waymark::detail::Backend* waymark_open_postgresql(const char* locator,
                                                                               const char* display) {
  return new waymark::detail::PostgresBackend(locator, display);
}

