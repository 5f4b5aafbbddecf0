// The store's hash chain: every record, closure, export and erasure, each hashing the one before.
#pragma once

#include <waymark/store.h>

#include "sqlite.h"

namespace waymark::detail {

// Appends an entry inside the caller's transaction, stamped `created_at` (default: now).
ChainEntry append_entry(const Database& db, const std::string& kind, const std::string& reference,
                        const std::string& body, std::string created_at = {});
// The body of a closure's chain entry: what `verify` compares the closures table with.
std::string closure_body(std::int64_t record_seq, const std::string& action_id, const std::string& closed_at,
                         const std::string& note, const std::string& closed_by);
// The hash of an entry from its fields (the body through its SHA-256).
std::string entry_hash(const ChainEntry& entry, const std::string& body_sha256);

}  // namespace waymark::detail
