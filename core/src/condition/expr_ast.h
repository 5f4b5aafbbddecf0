// The parsed (not yet type-checked) form of a condition.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace waymark::detail {

enum class AstKind { boolean, number, text, list, identifier, call, unary, binary };

struct AstNode {
  AstKind kind;
  std::uint32_t offset = 0;  // 0-based character offset in the expression text
  std::string text;          // identifier / function name / operator / string literal
  double number = 0;
  bool boolean = false;
  std::vector<std::unique_ptr<AstNode>> children;
};

using Ast = std::unique_ptr<AstNode>;

}  // namespace waymark::detail
