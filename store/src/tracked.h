// Which actions of an evidence record are tracked, worked out from the record alone, so that
// storing a record, migrating an old store and `verify` all agree on the same rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace waymark::detail {

struct ExpectedAction {
  std::string id;
  std::string text;
  std::string owner;
  std::optional<std::string> due;
  // The practitioner declined it: kept with the record, never listed as open.
  bool declined = false;
};

// The record's recommended actions (prohibitions left out: they are standing instructions, not
// tasks) and its added actions, numbered added_1, added_2, ... in the record's order. An
// unreadable record has none.
std::vector<ExpectedAction> tracked_actions(const std::string& record_json);

}  // namespace waymark::detail
