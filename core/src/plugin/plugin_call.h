// Calling a plugin's function from a condition: values cross as plain C structs, and any failure
// (an error status or an escaped exception) comes back as waymark::EvaluationError.
#pragma once

#include "function_table.h"
#include "value.h"

#include <waymark/plugin.h>

#include <memory>
#include <optional>
#include <span>
#include <string>

namespace waymark::detail {

struct PluginFunction {
  WaymarkFunctionImpl impl = nullptr;
  std::string plugin_id;
  std::string file;
  // Keeps the library loaded for as long as any table or policy can reach this function.
  std::shared_ptr<const void> library;
};

// The condition type of a WaymarkType, or nothing for a value the ABI does not define.
std::optional<ValueType> value_type_of(std::int32_t plugin_type);

// The ExternalCall hook of every plugin function: `def.external_data` is its PluginFunction.
Value call_plugin_function(const FunctionDef& def, std::span<const Value> args, const EvalEnv& env);

}  // namespace waymark::detail
