// Turning condition text into an AST. Syntax errors carry the offset of the offending token.
#pragma once

#include "expr_ast.h"

#include <waymark/diagnostic_codes.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace waymark::detail {

enum class TokenKind { end, identifier, number, string, lparen, rparen, lbracket, rbracket, comma, op };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;  // identifier, operator, or the string's value
  double number = 0;
  std::uint32_t offset = 0;
};

struct SyntaxError {
  std::uint32_t offset = 0;
  DiagnosticCode code = DiagnosticCode::condition_syntax;
  std::string message;
};

// Lexes the whole expression, or reports the first bad character.
std::variant<std::vector<Token>, SyntaxError> tokenize(std::string_view text);

// Parses `text` into an AST, or reports the first syntax error.
std::variant<Ast, SyntaxError> parse_expression(std::string_view text);

}  // namespace waymark::detail
