// Opening a store: connection settings, and forward migrations up to store_schema_version.
#pragma once

#include "database.h"

namespace waymark::detail {

// Checks the database is a Waymark store (or empty), creates or migrates it forward, and
// refuses a newer schema: prepare_sqlite or prepare_postgres by the database's kind.
void prepare_database(Database& db);
// SQLite: WAL, full synchronous commits, a busy timeout and defensive mode; the version in
// PRAGMA user_version.
void prepare_sqlite(Database& db);
// PostgreSQL: the version in the waymark_schema table (postgres_schema.cpp).
void prepare_postgres(Database& db);

}  // namespace waymark::detail
