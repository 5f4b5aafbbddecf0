#include "terminal_text.h"

#include <waymark/utf8.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <vector>

namespace waymark::cli {

std::size_t terminal_width() {
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    std::size_t width = 0;
    const std::string_view text(columns);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), width);
    if (error == std::errc() && end == text.data() + text.size()) return width;
  }
  return 0;
}

namespace {

// One paragraph (no newlines), appended to `out`.
void wrap_paragraph(std::string& out, std::string_view text, std::size_t width, std::string_view first,
                    std::string_view rest) {
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < text.size();) {
    const auto begin = text.find_first_not_of(' ', at);
    if (begin == std::string_view::npos) break;
    const auto end = std::min(text.find(' ', begin), text.size());
    words.push_back(text.substr(begin, end - begin));
    at = end;
  }
  out += first;
  std::size_t used = count_characters(first);
  bool line_empty = true;
  for (const auto word : words) {
    const std::size_t length = count_characters(word);
    if (!line_empty && width > 0 && used + 1 + length > width) {
      out += '\n';
      out += rest;
      used = count_characters(rest);
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++used;
    }
    out += word;
    used += length;
    line_empty = false;
  }
  out += '\n';
}

}  // namespace

std::string wrap(std::string_view text, std::size_t width, std::string_view first, std::string_view rest) {
  std::string out;
  // A line break in the text (a policy's text over several lines) is kept.
  for (std::size_t at = 0;;) {
    const auto end = std::min(text.find('\n', at), text.size());
    wrap_paragraph(out, text.substr(at, end - at), width, at == 0 ? first : rest, rest);
    if (end >= text.size()) break;
    at = end + 1;
  }
  return out;
}

}  // namespace waymark::cli
