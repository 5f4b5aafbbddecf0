// Text for the terminal: wrapped at word boundaries to the terminal's width.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace waymark::cli {

// The width to wrap at: the terminal's, when standard output is one; else $COLUMNS when set
// (scripts and tests); else 0, which means do not wrap (a file or a pipe gets whole lines).
std::size_t terminal_width();

// `text` as lines of at most `width` characters (counted as UTF-8 code points), broken between
// words: the first line starts with `first`, the others with `rest`. A word longer than a line is
// kept whole on a line of its own. Width 0: one line. Ends with a newline.
std::string wrap(std::string_view text, std::size_t width, std::string_view first = {}, std::string_view rest = {});

}  // namespace waymark::cli
