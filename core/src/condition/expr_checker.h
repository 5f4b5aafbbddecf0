// Type-checking an AST against a policy's questions, facts and functions, producing CompiledExpr.
#pragma once

#include "expr.h"
#include "expr_ast.h"
#include "function_table.h"

#include <waymark/diagnostic_codes.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace waymark::detail {

struct TypeInfo {
  ValueType type = ValueType::boolean;
  int option_question = -1;  // for option / option_set
};

struct CheckScope {
  const std::vector<Question>* questions = nullptr;
  const IdIndex* question_index = nullptr;
  const IdIndex* fact_index = nullptr;
  // Types of facts checked so far (facts are checked after the facts they use).
  const std::vector<std::optional<TypeInfo>>* fact_types = nullptr;
  std::shared_ptr<const FunctionTable> functions;
};

struct CheckError {
  std::uint32_t offset = 0;
  DiagnosticCode code = DiagnosticCode::condition_syntax;
  std::string message;
};

std::variant<std::shared_ptr<CompiledExpr>, CheckError> compile_expression(const AstNode& ast, const CheckScope& scope,
                                                                           std::optional<ValueType> expected);

// The identifiers an expression names (not function names), for ordering facts.
void collect_names(const AstNode& ast, std::vector<const AstNode*>& out);

// Words for a type in messages: "yes/no", "an option of 'q'", ...
std::string describe_type(const TypeInfo& type, const std::vector<Question>& questions);

}  // namespace waymark::detail
