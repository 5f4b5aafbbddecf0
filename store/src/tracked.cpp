#include "tracked.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace waymark::detail {

using nlohmann::json;

namespace {
std::string text_of(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::vector<ExpectedAction> tracked_actions(const std::string& record_json) {
  std::vector<ExpectedAction> out;
  const json record = json::parse(record_json, nullptr, false);
  if (record.is_discarded() || !record.is_object()) return out;
  const auto outcome = record.find("outcome");
  if (outcome == record.end() || !outcome->is_object()) return out;
  if (const auto actions = outcome->find("actions"); actions != outcome->end() && actions->is_array()) {
    for (const auto& action : *actions) {
      if (!action.is_object() || text_of(action, "kind") == "prohibition") continue;
      ExpectedAction a{text_of(action, "id"), text_of(action, "text"), text_of(action, "owner"), std::nullopt, false};
      if (const auto due = action.find("due"); due != action.end() && due->is_string()) a.due = due->get<std::string>();
      if (const auto decision = action.find("decision"); decision != action.end() && decision->is_object())
        a.declined = text_of(*decision, "judgement") == "decline";
      out.push_back(std::move(a));
    }
  }
  if (const auto added = outcome->find("added_actions"); added != outcome->end() && added->is_array()) {
    int n = 0;
    for (const auto& action : *added) {
      ++n;
      if (!action.is_object()) continue;
      out.push_back(
          {fmt::format("added_{}", n), text_of(action, "text"), text_of(action, "owner"), std::nullopt, false});
    }
  }
  return out;
}

}  // namespace waymark::detail
