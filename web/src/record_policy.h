// Which policy a stored evidence record was made under, read from the record itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace waymark::web {

struct RecordPolicy {
  std::string id;
  std::string version;
};

// The record's policy id and version; nothing when the text is not a record naming them (a body
// emptied by erasure, say).
std::optional<RecordPolicy> record_policy(std::string_view record_json);

}  // namespace waymark::web
