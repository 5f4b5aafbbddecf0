/// Named functions that conditions may call, with their declared types.
#pragma once

#include <waymark/export.h>
#include <waymark/policy.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

namespace detail {
struct FunctionTable;
}

/// What a condition function takes and returns; conditions are type-checked against it at load.
struct FunctionInfo {
  std::string name;
  std::vector<ValueType> parameters;
  /// The last parameter may repeat (e.g. `count_true(a, b, c, ...)`).
  bool variadic = false;
  ValueType result = ValueType::boolean;
  std::string description;
  /// "core", or the plugin that provides it.
  std::string provider = "core";
};

/// The functions available to a policy's conditions. Starts with the core's built-ins.
class WAYMARK_EXPORT FunctionRegistry {
 public:
  FunctionRegistry();
  ~FunctionRegistry();
  FunctionRegistry(const FunctionRegistry&);
  FunctionRegistry& operator=(const FunctionRegistry&);

  /// The shared registry of built-in functions only.
  static const FunctionRegistry& builtin();

  const FunctionInfo* find(std::string_view name) const;
  /// Every function, in the order they were added.
  std::vector<FunctionInfo> list() const;
  /// True if the plugin with this id was loaded into this registry (see PluginRegistry).
  bool has_plugin(std::string_view plugin_id) const;

  /// Internal: a registry over a table built by the plugin loader.
  explicit FunctionRegistry(std::shared_ptr<const detail::FunctionTable> table);

  /// Internal: the evaluable table (kept alive by every policy compiled against it).
  const std::shared_ptr<const detail::FunctionTable>& table() const noexcept { return table_; }

 private:
  std::shared_ptr<const detail::FunctionTable> table_;
};

}  // namespace waymark
