// The store's hash chain: every event, record, closure, export and erasure, each hashing the one before.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <waymark/store.h>

#include "sqlite.h"

namespace waymark::detail {

// A chain entry's body as JSON text. Invalid UTF-8 that an older or damaged store may hold is
// replaced (U+FFFD) instead of thrown, so `verify` reports the entry as altered rather than stopping.
std::string body_text(const nlohmann::json& body);
std::string body_text(const nlohmann::ordered_json& body);
// Appends an entry inside the caller's transaction, stamped `created_at` (default: now).
ChainEntry append_entry(const Database& db, const std::string& kind, const std::string& reference,
                        const std::string& body, std::string created_at = {});
// The body of a closure's chain entry: what `verify` compares the closures table with.
std::string closure_body(std::int64_t record_seq, const std::string& action_id, const std::string& closed_at,
                         const std::string& note, const std::string& closed_by);
// The columns every reader of an event row selects, in this order, for event_body.
inline constexpr const char* event_columns =
    "id, case_reference, kind, date, minute_of_day, agency, reason, note, recorded_by, recorded_at, supersedes";
// The body of an event's chain entry, from a statement whose first columns are event_columns.
// `chained_later` says why an event older than the chain's events was chained late (a migration).
std::string event_body(const Statement& row, const std::string& chained_later = {});
// The body an event entry must have for its row: the entry's body without its `chained_later`.
std::string event_body_without_note(const std::string& body);
// The hash of an entry from its fields (the body through its SHA-256).
std::string entry_hash(const ChainEntry& entry, const std::string& body_sha256);

}  // namespace waymark::detail
