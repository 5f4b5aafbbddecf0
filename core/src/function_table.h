// The evaluable side of FunctionRegistry.
#pragma once

#include "value.h"

#include <waymark/functions.h>

#include <span>
#include <vector>

namespace waymark::detail {

struct EvalEnv;

using FunctionImpl = Value (*)(std::span<const Value> args, const EvalEnv& env);

struct FunctionDef {
  FunctionInfo info;
  FunctionImpl impl = nullptr;
  // Strict functions give unknown (or pending) when any argument is; the rest see every argument.
  bool strict = true;
};

struct FunctionTable {
  std::vector<FunctionDef> functions;

  const FunctionDef* find(std::string_view name) const {
    for (const auto& f : functions)
      if (f.info.name == name) return &f;
    return nullptr;
  }
};

// The core's own functions.
FunctionTable builtin_functions();

}  // namespace waymark::detail
