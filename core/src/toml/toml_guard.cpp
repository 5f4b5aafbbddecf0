#include "toml_guard.h"

#include <fmt/format.h>
#include <waymark/utf8.h>

#include <vector>

namespace waymark::detail {

namespace {

bool starts_bare_key(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Walks TOML text as far as needed to know, at each character, whether it stands inside a string
// or comment, in a key, in a value, or at the start of a line's statement.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::optional<TomlTextProblem> run() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '#') {
        while (at_ < text_.size() && text_[at_] != '\n') advance();
      } else if (c == '"' || c == '\'') {
        if (auto problem = quote_inside_word()) return problem;
        if (at_statement_start_) {
          at_statement_start_ = false;
          start_key();
        }
        if (auto problem = skip_string(in_key_)) return problem;
      } else if (c == '\n') {
        advance();
        if (brackets_.empty()) at_statement_start_ = true, in_key_ = false;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        advance();
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        return not_ascii();
      } else if (is_control(c)) {
        // Refused here so that it is the first problem reported, not one further on.
        return control_character(c);
      } else if (auto problem = step(c)) {
        return problem;
      }
    }
    return std::nullopt;
  }

 private:
  // One ASCII character outside strings and comments.
  std::optional<TomlTextProblem> step(char c) {
    if (at_statement_start_) {
      at_statement_start_ = false;
      start_key();
      if (c == '[') return table_header();
    }
    if (in_key_) {
      if (c == '.' && ++key_parts_ > max_toml_nesting)
        return problem(fmt::format("this key has more than {} parts: TOML files read by Waymark nest no deeper",
                                   max_toml_nesting));
      if (c == '=' || c == ']') in_key_ = false;
      if (c == '}') close_bracket();
      advance();
      return std::nullopt;
    }
    if (c != '[' && c != '{' && c != ']' && c != '}' && c != ',') return bare_value();
    if (c == '[' || c == '{') {
      if (brackets_.size() >= max_toml_nesting)
        return problem(fmt::format(
            "arrays and inline tables nest more than {} deep here: TOML files read by Waymark nest no deeper",
            max_toml_nesting));
      brackets_.push_back(c);
      if (c == '{') start_key();
    } else if (c == ']' || c == '}') {
      close_bracket();
    } else if (c == ',' && !brackets_.empty() && brackets_.back() == '{') {
      start_key();
    }
    advance();
    return std::nullopt;
  }

  // A quote opens a string only where a key or value starts. Straight after a bare word (`2026-'''`)
  // toml++ reads on as one value, past what this scan would take for a string, and reaches the
  // characters inside it as if they stood outside quotes.
  std::optional<TomlTextProblem> quote_inside_word() const {
    if (at_ == 0) return std::nullopt;
    const char before = text_[at_ - 1];
    const bool opens = before == ' ' || before == '\t' || before == '\n' || before == '\r' || before == '=' ||
                       before == '[' || before == '{' || before == ',' || (before == '.' && in_key_);
    if (opens) return std::nullopt;
    return quote_after(before);
  }

  TomlTextProblem quote_after(char before) const {
    return problem(fmt::format("a quote straight after '{}': quoted text is a key or value of its own, so "
                               "put a space, '=', ',' or '.' before it",
                               shown(before)));
  }

  // A value not in quotes or brackets (a number, date or boolean). toml++ reads it on to the next
  // space, ',', ']', '}' or '#', asking of each character whether it is whitespace, which is where
  // 3.3 mishandles other than ASCII; quotes and brackets inside it open nothing. So the word is
  // checked whole.
  std::optional<TomlTextProblem> bare_value() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' || c == '#')
        return std::nullopt;
      if (static_cast<unsigned char>(c) >= 0x80) return not_ascii();
      if (c == '"' || c == '\'') return quote_after(text_[at_ - 1]);
      if (is_control(c)) return control_character(c);
      advance();
    }
    return std::nullopt;
  }

  void start_key() {
    in_key_ = true;
    key_parts_ = 1;
  }

  void close_bracket() {
    if (!brackets_.empty()) brackets_.pop_back();
    in_key_ = false;
  }

  // At a line's opening '[': what follows the brackets must be able to start a key (PR #301).
  std::optional<TomlTextProblem> table_header() {
    advance();
    skip_blanks();
    if (peek() == '[') {
      advance();
      skip_blanks();
    }
    const char c = peek();
    if (at_ >= text_.size() || starts_bare_key(c) || c == '"' || c == '\'' || c == ']') return std::nullopt;
    if (static_cast<unsigned char>(c) >= 0x80) return not_ascii();
    return problem(fmt::format(
        "a table's name must follow '[': letters, digits, '_' and '-', or a name in quotes (saw '{}')", shown(c)));
  }

  // Skips a string of any of TOML's four kinds. In a multi-line basic string, a backslash at the
  // end of a line trims the whitespace after it, where toml++ 3.3 mishandles other than ASCII (#190).
  // In a key only the one-line kinds exist: there `"""` is an empty key and then a quote.
  std::optional<TomlTextProblem> skip_string(bool in_key) {
    const char quote = text_[at_];
    if (!in_key && peek(1) == quote && peek(2) == quote) {
      advance(3);
      while (at_ < text_.size()) {
        if (text_[at_] == quote) {
          std::size_t run = 0;
          while (peek(run) == quote) ++run;
          advance(std::min<std::size_t>(run, 5));
          if (run >= 3) return std::nullopt;
        } else if (quote == '"' && text_[at_] == '\\') {
          if (auto problem = skip_escape()) return problem;
        } else {
          advance();
        }
      }
      return std::nullopt;
    }
    advance();
    while (at_ < text_.size() && text_[at_] != '\n') {
      const char c = text_[at_];
      if (c == quote) {
        advance();
        return std::nullopt;
      }
      advance(quote == '"' && c == '\\' && at_ + 1 < text_.size() && text_[at_ + 1] != '\n' ? 2 : 1);
    }
    return std::nullopt;
  }

  std::optional<TomlTextProblem> skip_escape() {
    std::size_t ahead = 1;
    while (peek(ahead) == ' ' || peek(ahead) == '\t') ++ahead;
    // toml++ 3.3 asks whether what follows the backslash (and its blanks) is whitespace, which it
    // mishandles for characters other than ASCII; no escape starts with one anyway.
    if (static_cast<unsigned char>(peek(ahead)) >= 0x80) {
      advance(ahead);
      return problem(fmt::format("'{}' after a backslash is not an escape: write it as it is, or as an escape "
                                 "such as \\u00E9",
                                 character_here()));
    }
    if (peek(ahead) == '\r') ++ahead;
    if (peek(ahead) != '\n') {
      advance(2);
      return std::nullopt;
    }
    advance(ahead);
    while (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n') advance();
    if (at_ < text_.size() && static_cast<unsigned char>(text_[at_]) >= 0x80)
      return problem(fmt::format(
          "'{}' right after a line ending in a backslash: put it on the backslash's line, or write it as an "
          "escape such as \\u00E9 (toml++ 3.3 cannot read it here)",
          character_here()));
    return std::nullopt;
  }

  std::optional<TomlTextProblem> not_ascii() {
    return problem(fmt::format(
        "'{}' outside quotes: TOML allows characters other than ASCII only in quoted text and comments",
        character_here()));
  }

  // The character (UTF-8 sequence) at the cursor, or its first byte as \xNN if it is not UTF-8.
  std::string character_here() const {
    std::size_t length = 1;
    while (length < 4 && at_ + length < text_.size() && is_continuation(text_[at_ + length])) ++length;
    const std::string_view sequence = text_.substr(at_, length);
    if (is_valid_utf8(sequence)) return std::string(sequence);
    return fmt::format("\\x{:02X}", static_cast<unsigned char>(text_[at_]));
  }

  TomlTextProblem control_character(char c) const {
    return problem(fmt::format("a control character ({}) outside quotes", shown(c)));
  }

  static bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }

  static std::string shown(char c) {
    if (is_control(c)) return fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
    return std::string(1, c);
  }

  TomlTextProblem problem(std::string message) const { return {{line_, column_}, std::move(message)}; }

  char peek(std::size_t ahead = 0) const { return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0'; }

  void skip_blanks() {
    while (peek() == ' ' || peek() == '\t') advance();
  }

  // Moves on `count` bytes, counting lines and (like toml++) columns in characters.
  void advance(std::size_t count = 1) {
    for (; count > 0 && at_ < text_.size(); --count, ++at_) {
      if (text_[at_] == '\n') {
        ++line_;
        column_ = 1;
      } else if (at_ + 1 >= text_.size() || !is_continuation(text_[at_ + 1])) {
        ++column_;
      }
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
  bool at_statement_start_ = true;
  bool in_key_ = false;
  std::size_t key_parts_ = 0;
  std::vector<char> brackets_;
};

}  // namespace

std::optional<TomlTextProblem> toml_text_problem(std::string_view text) { return Scanner(text).run(); }

toml::table parse_toml(const SourceFile& file) {
  if (auto problem = toml_text_problem(file.text()))
    throw toml::parse_error(problem->message.c_str(), toml::source_position{problem->at.line, problem->at.column},
                            std::make_shared<const std::string>(file.name()));
  return toml::parse(file.text(), file.name());
}

}  // namespace waymark::detail
