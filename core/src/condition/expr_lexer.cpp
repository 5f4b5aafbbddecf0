#include "expr_syntax.h"

#include <cctype>
#include <charconv>

namespace waymark::detail {

namespace {

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::variant<std::vector<Token>, SyntaxError> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<std::uint32_t>(k); };
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (is_ident_start(c)) {
      while (i < text.size() && is_ident_char(text[i])) ++i;
      tokens.push_back({TokenKind::identifier, std::string(text.substr(start, i - start)), 0, at(start)});
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
      double value = 0;
      auto [end, ec] = std::from_chars(text.data() + start, text.data() + i, value);
      if (ec != std::errc{} || end != text.data() + i)
        return SyntaxError{at(start), DiagnosticCode::condition_syntax,
                           "malformed number '" + std::string(text.substr(start, i - start)) + "'"};
      if (i < text.size() && is_ident_start(text[i]))
        return SyntaxError{at(i), DiagnosticCode::condition_syntax,
                           "a number cannot run into a name; add a space or an operator"};
      tokens.push_back({TokenKind::number, std::string(text.substr(start, i - start)), value, at(start)});
    } else if (c == '\'' || c == '"') {
      ++i;
      std::string value;
      while (i < text.size() && text[i] != c) value += text[i++];
      if (i == text.size())
        return SyntaxError{at(start), DiagnosticCode::condition_unclosed_text, "this string is never closed"};
      ++i;
      tokens.push_back({TokenKind::string, std::move(value), 0, at(start)});
    } else {
      TokenKind kind = TokenKind::op;
      std::string op(1, c);
      switch (c) {
        case '(': kind = TokenKind::lparen; break;
        case ')': kind = TokenKind::rparen; break;
        case '[': kind = TokenKind::lbracket; break;
        case ']': kind = TokenKind::rbracket; break;
        case ',': kind = TokenKind::comma; break;
        case '+':
        case '-': break;
        case '=':
        case '!':
        case '<':
        case '>':
          if (i + 1 < text.size() && text[i + 1] == '=') op += '=';
          if (op == "=")
            return SyntaxError{at(start), DiagnosticCode::condition_single_equals, "use '==' to compare, not '='"};
          if (op == "!")
            return SyntaxError{at(start), DiagnosticCode::condition_syntax,
                               "use 'not' for negation, or '!=' to compare"};
          break;
        case '&': return SyntaxError{at(start), DiagnosticCode::condition_syntax, "use 'and' instead of '&'"};
        case '|': return SyntaxError{at(start), DiagnosticCode::condition_syntax, "use 'or' instead of '|'"};
        default: {
          // The whole character, not one byte of it, so the message shows what was typed.
          std::size_t end = start + 1;
          while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
          const std::string_view typed = text.substr(start, end - start);
          if (typed == "\u2018" || typed == "\u2019" || typed == "\u201C" || typed == "\u201D")
            return SyntaxError{at(start), DiagnosticCode::condition_bad_character,
                               "curly quote " + std::string(typed) +
                                   ": write quotes in conditions straight, ' or \" (a word processor "
                                   "may have curled them)"};
          return SyntaxError{at(start), DiagnosticCode::condition_bad_character,
                             "unexpected character '" + std::string(typed) + "'"};
        }
      }
      i += op.size();
      tokens.push_back({kind, std::move(op), 0, at(start)});
    }
  }
  tokens.push_back({TokenKind::end, "", 0, at(text.size())});
  return tokens;
}

}  // namespace waymark::detail
