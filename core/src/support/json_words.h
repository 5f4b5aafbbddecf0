// nlohmann::json's exception messages in words a reader of a record or saved session can act on.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace waymark::detail {

// "[json.exception.out_of_range.403] key 'outcome' not found" -> "it has no "outcome" entry".
inline std::string json_error_words(const nlohmann::json::exception& e) {
  std::string text = e.what();
  if (const auto end = text.find("] "); text.starts_with("[json.exception.") && end != std::string::npos)
    text.erase(0, end + 2);
  if (text.starts_with("key '") && text.ends_with("' not found"))
    return "it has no \"" + text.substr(5, text.size() - 5 - 11) + "\" entry";
  if (text.starts_with("type must be ")) {
    // "type must be string, but is number"
    const auto but = text.find(", but is ");
    if (but != std::string::npos)
      return "a value that should be " + text.substr(13, but - 13) + " is " + text.substr(but + 9);
  }
  if (text.starts_with("cannot use ") && text.find(" with ") != std::string::npos)
    return "a part that should hold named entries is " + text.substr(text.find(" with ") + 6);
  return text;
}

}  // namespace waymark::detail
