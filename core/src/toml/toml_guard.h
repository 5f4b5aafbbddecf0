// Text toml++ must not see. Debian 12's toml++ 3.3 has undefined behaviour on some invalid TOML
// (fixed upstream, not yet in Debian): a character other than ASCII where whitespace may stand
// reaches __builtin_unreachable in is_non_ascii_horizontal_whitespace (marzer/tomlplusplus #190,
// #295, fixed by PR #305), and a table header whose name starts with a character no key can start
// with (`[!a]`, `[[[a]]]`) breaks parse_key's precondition, an assertion or an assumption
// (PR #301). This scan finds those inputs first, and limits nesting, so each gets a positioned
// error instead. Remove it once the toml++ in use has both fixes.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

#include "toml_reader.h"

namespace waymark::detail {

// Arrays and inline tables inside one another, and parts of one dotted key, allowed in a file.
inline constexpr std::size_t max_toml_nesting = 32;

struct TomlTextProblem {
  SourcePosition at;
  std::string message;
};

// The first thing in `text` toml++ 3.3 would mishandle, or that nests deeper than allowed.
std::optional<TomlTextProblem> toml_text_problem(std::string_view text);

// toml::parse over the guard: throws toml::parse_error for a problem the guard finds, as toml++
// does for the ones it reports itself.
toml::table parse_toml(const SourceFile& file);

}  // namespace waymark::detail
