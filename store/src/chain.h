// The store's hash chain: every record, export and erasure, each hashing the one before.
#pragma once

#include <waymark/store.h>

#include "sqlite.h"

namespace waymark::detail {

// Appends an entry inside the caller's transaction.
ChainEntry append_entry(const Database& db, const std::string& kind, const std::string& reference,
                        const std::string& body);
// The hash of an entry from its fields (the body through its SHA-256).
std::string entry_hash(const ChainEntry& entry, const std::string& body_sha256);

}  // namespace waymark::detail
