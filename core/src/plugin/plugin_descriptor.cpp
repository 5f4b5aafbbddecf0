#include "plugin_descriptor.h"

#include "id_rules.h"
#include "plugin_call.h"

#include <waymark/build_info.h>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string_view>

namespace waymark::detail {

namespace {

// Guards against reading far past a descriptor whose counts are garbage.
constexpr std::size_t max_entries = 1000;

// The same rule as question ids, since a function name shares the condition language with them;
// nor may it take the name of a built-in function.
bool is_function_name(std::string_view name) { return is_item_id(name) && name != "answered" && name != "date"; }

std::optional<std::string> check_function(const WaymarkFunction& f, std::size_t index) {
  if (!f.name) return fmt::format("function {} of its descriptor has no name", index + 1);
  const std::string_view name = f.name;
  if (!is_function_name(name))
    return fmt::format(
        "function name '{}' must be lower case letters, digits and '_', start with a letter, and "
        "not be a word of the condition language",
        name);
  if (f.parameter_count > 16) return fmt::format("function '{}' declares more than 16 parameters", name);
  if (f.parameter_count > 0 && !f.parameters) return fmt::format("function '{}' has no parameter types", name);
  if (f.variadic && f.parameter_count == 0)
    return fmt::format("function '{}' is variadic but has no parameter to repeat", name);
  for (std::size_t i = 0; i < f.parameter_count; ++i)
    if (!value_type_of(f.parameters[i]))
      return fmt::format("parameter {} of function '{}' has unknown type {}", i + 1, name, f.parameters[i]);
  const auto result = value_type_of(f.result);
  if (!result || *result == ValueType::text)
    return fmt::format("function '{}' must return WAYMARK_BOOLEAN, WAYMARK_NUMBER or WAYMARK_DATE", name);
  if (!f.impl) return fmt::format("function '{}' has no implementation", name);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_descriptor(const WaymarkPluginDescriptor& d) {
  if (d.abi_version != WAYMARK_PLUGIN_ABI_VERSION)
    return fmt::format(
        "it was built for plugin ABI {}, but this Waymark ({}) uses plugin ABI {}; rebuild the plugin "
        "against this Waymark's <waymark/plugin.h>",
        d.abi_version, build::version, WAYMARK_PLUGIN_ABI_VERSION);
  if (d.struct_size < sizeof(WaymarkPluginDescriptor))
    return fmt::format("its descriptor is {} bytes, smaller than the {} bytes of plugin ABI {}; rebuild the plugin",
                       d.struct_size, sizeof(WaymarkPluginDescriptor), WAYMARK_PLUGIN_ABI_VERSION);
  if (!d.id || !is_hyphenated_id(d.id))
    return fmt::format("its id '{}' must be lower case letters, digits and '-'", d.id ? d.id : "(none)");
  if (!d.name || !*d.name) return std::string("its descriptor has no name");
  if (!d.version || !is_semantic_version(d.version))
    return fmt::format("its version '{}' must be a semantic version such as 1.0.0", d.version ? d.version : "(none)");
  if (d.policy_count > max_entries || d.function_count > max_entries)
    return fmt::format("its descriptor claims {} policies and {} functions (at most {} each)", d.policy_count,
                       d.function_count, max_entries);
  if ((d.policy_count > 0 && !d.policies) || (d.function_count > 0 && !d.functions))
    return std::string("its descriptor counts policies or functions but does not point to them");
  for (std::size_t i = 0; i < d.policy_count; ++i)
    if (!d.policies[i].name || !d.policies[i].toml)
      return fmt::format("embedded policy {} has no name or no text", i + 1);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < d.function_count; ++i) {
    if (auto problem = check_function(d.functions[i], i)) return problem;
    if (!names.insert(d.functions[i].name).second)
      return fmt::format("it provides function '{}' twice", d.functions[i].name);
  }
  return std::nullopt;
}

}  // namespace waymark::detail
