// The evaluable side of FunctionRegistry.
#pragma once

#include "value.h"

#include <waymark/functions.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace waymark::detail {

struct EvalEnv;
struct FunctionDef;

using FunctionImpl = Value (*)(std::span<const Value> args, const EvalEnv& env);
// A function defined outside the core (a plugin's) is called through this hook, so conditions
// never depend on how it crosses into the other library.
using ExternalCall = Value (*)(const FunctionDef& def, std::span<const Value> args, const EvalEnv& env);

struct FunctionDef {
  FunctionInfo info;
  FunctionImpl impl = nullptr;
  // Strict functions give unknown (or pending) when any argument is; the rest see every argument.
  bool strict = true;
  // Set for a function from outside the core (then `impl` is unused). `external_data` is what the
  // hook needs to make the call (for a plugin: its entry point), and keeps its library loaded.
  ExternalCall external = nullptr;
  std::shared_ptr<const void> external_data = nullptr;

  bool is_builtin() const { return external == nullptr; }
};

struct FunctionTable {
  std::vector<FunctionDef> functions;
  // Ids of the plugins whose functions were added, in load order.
  std::vector<std::string> plugins;

  const FunctionDef* find(std::string_view name) const {
    for (const auto& f : functions)
      if (f.info.name == name) return &f;
    return nullptr;
  }
};

// The core's own functions.
FunctionTable builtin_functions();

}  // namespace waymark::detail
