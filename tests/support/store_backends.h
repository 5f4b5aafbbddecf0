// The store backends a test runs against: always an SQLite file, and PostgreSQL when the test
// cluster is up (ctest's postgres fixture sets WAYMARK_TEST_PGHOST to its socket folder).
#pragma once

#include <string>
#include <vector>

namespace waymark::testing {

struct StoreBackend {
  std::string name;  // sqlite or postgresql
  // What --db takes: a new file's path, or a new, empty database's connection string.
  std::string locator;
};

// A fresh, empty store on each backend available.
std::vector<StoreBackend> store_backends();
// A fresh, empty PostgreSQL store's locator, or empty when no test cluster is up.
std::string fresh_postgresql();
// Runs SQL on a store behind Waymark's back (as a tamperer, or the database's owner, would);
// returns the database's error message, empty when it succeeded.
std::string raw_sql_on(const StoreBackend& backend, const std::string& sql);
// The first column of the first row a query behind Waymark's back answers, empty for none.
std::string sql_value_on(const StoreBackend& backend, const std::string& sql);

}  // namespace waymark::testing
