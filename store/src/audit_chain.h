// The audit of reads: a hash chain of its own beside the records' chain.
#pragma once

#include <string>

#include "database.h"

namespace waymark::detail {

// Recomputes the audit chain; returns the first problem in words (empty when none) and counts
// the entries into `entries`. Runs inside the caller's read transaction.
std::string verify_audit(const Database& db, std::size_t& entries);

}  // namespace waymark::detail
