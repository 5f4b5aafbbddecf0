#include <fmt/format.h>
#include <waymark/error.h>
#include <waymark/utf8.h>

#include <algorithm>
#include <cstdint>

namespace waymark {

namespace {

// The length of the well-formed sequence starting at text[i], or 0 if it is not one
// (the table of well-formed byte sequences in the Unicode Standard, section 3.9).
std::size_t sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0)
      low = 0xA0;  // no overlong forms
    else if (lead == 0xED)
      high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0)
      low = 0x90;  // no overlong forms
    else if (lead == 0xF4)
      high = 0x8F;  // nothing past U+10FFFF
  } else
    return 0;
  if (text.size() - i < length) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t count_characters(std::string_view text) noexcept {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;  // every byte that is not a continuation starts a character
  return count;
}

namespace {

// The code point of the well-formed `length`-byte sequence at text[i].
char32_t code_point(std::string_view text, std::size_t i, std::size_t length) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  if (length == 1) return byte(0);
  char32_t c = byte(0) & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (byte(k) & 0x3F);
  return c;
}

bool is_control(char32_t c) noexcept { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

}  // namespace

std::string text_problem(std::string_view text) {
  // Most text is printable ASCII: nothing to decode.
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) return {};
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    ++characters;
    if (n == 0)
      return fmt::format("is not valid text (UTF-8): byte {} (character {}) is not part of any character", i + 1,
                         characters);
    const char32_t c = code_point(text, i, n);
    if (is_control(c) && c != '\n' && c != '\r' && c != '\t')
      return fmt::format(
          "holds a control character (U+{:04X}) at character {}: only printable text, new lines and tabs are "
          "accepted",
          static_cast<std::uint32_t>(c), characters);
    i += n;
  }
  return {};
}

void require_valid_text(std::string_view text, std::string_view subject, std::string_view what) {
  if (const std::string why = text_problem(text); !why.empty())
    throw AnswerError(std::string(subject), fmt::format("{} {}", what, why));
}

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    const char32_t c = code_point(text, i, n);
    if (is_control(c) && c != '\n' && c != '\t')
      out += fmt::format("\\u{{{:02x}}}", static_cast<std::uint32_t>(c));
    else
      out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace waymark
