// The spelling rules for ids and versions that the loader and plugin checks share, checked by hand:
// compiling a std::regex for them was a visible share of every command's start-up.
#pragma once

#include <algorithm>
#include <iterator>
#include <string_view>

namespace waymark::detail {

inline bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// [a-z0-9][a-z0-9-]*: a policy's or a plugin's id.
inline bool is_hyphenated_id(std::string_view id) {
  return !id.empty() && is_lower_or_digit(id[0]) &&
         std::all_of(id.begin(), id.end(), [](char c) { return is_lower_or_digit(c) || c == '-'; });
}

// [a-z][a-z0-9_]*, and not a word of the condition language: an id conditions name (a question's,
// fact's or action's; a plugin function's name follows the same rule).
inline bool is_item_id(std::string_view id) {
  static constexpr std::string_view condition_words[] = {"and", "or", "not", "in", "true", "false"};
  return !id.empty() && id[0] >= 'a' && id[0] <= 'z' &&
         std::all_of(id.begin(), id.end(), [](char c) { return is_lower_or_digit(c) || c == '_'; }) &&
         std::find(std::begin(condition_words), std::end(condition_words), id) == std::end(condition_words);
}

// MAJOR.MINOR.PATCH, each 0|[1-9][0-9]*: a policy's or a plugin's version.
inline bool is_semantic_version(std::string_view version) {
  int parts = 0;
  while (true) {
    const std::size_t dot = version.find('.');
    const std::string_view part = version.substr(0, dot);
    if (part.empty() || (part.size() > 1 && part[0] == '0') ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    ++parts;
    if (dot == std::string_view::npos) return parts == 3;
    version.remove_prefix(dot + 1);
  }
}

}  // namespace waymark::detail
