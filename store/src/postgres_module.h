// The PostgreSQL backend lives in a module of its own (waymark-postgresql.so), opened with
// Boost.DLL the first time a postgresql:// store is opened. libpq brings some twenty libraries
// (Kerberos, LDAP, GnuTLS...) whose loading cost every command about 10 ms at start-up, though
// most never touch PostgreSQL.
#pragma once

#include <memory>
#include <string>

#include "database.h"

namespace waymark::detail {

// Connects through the module; throws StoreError if the module is missing or cannot be opened,
// or (from the module) if the connection fails.
std::unique_ptr<Backend> open_postgresql_backend(const std::string& locator, const std::string& display);

}  // namespace waymark::detail
