// Reading what the case store holds on a case, for managers and inspectors: its records (each
// with any countersignatures), its actions open and closed, and one stored record in full.
#pragma once

#include <waymark/record.h>
#include <waymark/store.h>

#include <cstdint>
#include <string>

namespace waymark::cli {

// The case's records and actions in words, to follow its timeline in `case show`.
std::string records_and_actions_words(const Store& store, const std::string& reference, Date today);
// The whole case as JSON: events, records (with countersignatures) and actions, open and closed.
std::string case_json(const Store& store, const std::string& reference, Date today);
// The stored record in chain entry `seq` of the case, with where it is filed and its
// countersignatures; throws StoreError when that entry is not a record of the case, and says
// when the case was erased.
struct StoredRecord {
  std::string json;
  RecordFiling filing;
};
StoredRecord stored_record(const Store& store, const std::string& reference, std::int64_t seq);

}  // namespace waymark::cli
