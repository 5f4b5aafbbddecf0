/// Checking text that people type (UTF-8 validity, no control characters, its length in
/// characters), and showing text from a file so it cannot drive a terminal or a document.
#pragma once

#include <waymark/export.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace waymark {

/// Whether `text` is well-formed UTF-8 (no stray bytes, overlong forms, surrogates or code
/// points past U+10FFFF). Everything a session saves must be, or it cannot be written as JSON.
WAYMARK_EXPORT bool is_valid_utf8(std::string_view text) noexcept;

/// The number of characters (Unicode code points) in valid UTF-8 `text`, so a limit of 4,000
/// characters means the same for "é" as for "a".
WAYMARK_EXPORT std::size_t count_characters(std::string_view text) noexcept;

/// Why `text` cannot be stored as typed text, or "" if it can: it must be valid UTF-8 and hold no
/// control character (NUL, ESC, DEL, the C1 controls...) other than new line, carriage return
/// and tab, which could otherwise fake lines or drive a terminal when it is shown later.
/// The reason reads after the text's name: "is not valid text (UTF-8) ...".
WAYMARK_EXPORT std::string text_problem(std::string_view text);

/// Throws AnswerError(`subject`, "<what> is not valid text ...") when text_problem finds one.
/// `what` names the text in the reason: "the answer", "the reason", ...
WAYMARK_EXPORT void require_valid_text(std::string_view text, std::string_view subject, std::string_view what);

/// `text` safe to print to a terminal or write into Markdown: each byte that is not valid UTF-8
/// shown as \xNN, each control character as \u{NN} (new lines and tabs kept), so text from a file
/// or an older store can neither fail the output nor carry escape sequences into it.
WAYMARK_EXPORT std::string escape_controls(std::string_view text);

}  // namespace waymark
