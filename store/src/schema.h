// Opening a store: connection settings, and forward migrations up to store_schema_version.
#pragma once

#include "sqlite.h"

namespace waymark::detail {

// Sets WAL, full synchronous commits, a busy timeout and defensive mode, then checks the file
// is a Waymark store (or empty) and migrates it forward. Refuses a newer schema.
void prepare_database(Database& db);

}  // namespace waymark::detail
