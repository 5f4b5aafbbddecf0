// Splitting a ':'-separated list of folders from an environment variable.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace waymark::detail {

inline void append_path_list(std::string_view list, std::vector<std::filesystem::path>& out) {
  while (!list.empty()) {
    const auto colon = list.find(':');
    if (const auto part = list.substr(0, colon); !part.empty()) out.emplace_back(part);
    list = colon == std::string_view::npos ? std::string_view{} : list.substr(colon + 1);
  }
}

}  // namespace waymark::detail
