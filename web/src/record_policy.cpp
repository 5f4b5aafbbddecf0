#include "record_policy.h"

#include <nlohmann/json.hpp>

namespace waymark::web {

std::optional<RecordPolicy> record_policy(std::string_view record_json) {
  const auto doc = nlohmann::json::parse(record_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("policy")) return std::nullopt;
  const auto& policy = doc["policy"];
  if (!policy.is_object() || !policy.contains("id") || !policy["id"].is_string() || !policy.contains("version") ||
      !policy["version"].is_string())
    return std::nullopt;
  return RecordPolicy{policy["id"].get<std::string>(), policy["version"].get<std::string>()};
}

}  // namespace waymark::web
