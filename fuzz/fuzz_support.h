// What the fuzz targets share: the input as text, a bundled policy to read answers and scenarios
// against, and a walk-through to its outcome and record. Only waymark::Error may leave an entry
// point; anything else (another exception, a sanitizer report, a crash) is a finding.
#pragma once

#include <waymark/waymark.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

namespace waymark::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The source tree's policies/ folder.
std::filesystem::path policies_folder();

// The adult non-engagement policy, loaded once from policies_folder().
const std::shared_ptr<const Policy>& bundled_policy();

// Answers every question the session asks with its first option (yes, the first choice, none of
// the options, 1, the session date, "text"), then takes the outcome, the evidence record and its
// Markdown and text renderings, and explains it.
void walk_to_record(Session& session);

}  // namespace waymark::fuzz
