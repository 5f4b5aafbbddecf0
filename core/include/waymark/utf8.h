/// Checking text that people type: UTF-8 validity and its length in characters.
#pragma once

#include <waymark/export.h>

#include <cstddef>
#include <string_view>

namespace waymark {

/// Whether `text` is well-formed UTF-8 (no stray bytes, overlong forms, surrogates or code
/// points past U+10FFFF). Everything a session saves must be, or it cannot be written as JSON.
WAYMARK_EXPORT bool is_valid_utf8(std::string_view text) noexcept;

/// The number of characters (Unicode code points) in valid UTF-8 `text`, so a limit of 4,000
/// characters means the same for "é" as for "a".
WAYMARK_EXPORT std::size_t count_characters(std::string_view text) noexcept;

/// Throws AnswerError(`subject`, "... is not valid text (UTF-8)") when `text` is not valid.
/// `what` names the text in the reason: "the answer", "the reason", ...
WAYMARK_EXPORT void require_valid_utf8(std::string_view text, std::string_view subject, std::string_view what);

}  // namespace waymark
