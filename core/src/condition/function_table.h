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
struct PluginFunction;

using FunctionImpl = Value (*)(std::span<const Value> args, const EvalEnv& env);

struct FunctionDef {
  FunctionInfo info;
  FunctionImpl impl = nullptr;
  // Strict functions give unknown (or pending) when any argument is; the rest see every argument.
  bool strict = true;
  // Set for a plugin's function (then `impl` is unused); it keeps the plugin's library loaded.
  std::shared_ptr<const PluginFunction> plugin = nullptr;
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
