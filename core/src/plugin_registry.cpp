#include "function_table.h"
#include "plugin_policy.h"
#include "plugin_call.h"
#include "plugin_descriptor.h"
#include "plugin_library.h"
#include "search_path.h"

#include <waymark/build_info.h>
#include <waymark/loader.h>
#include <waymark/plugin_registry.h>

#include <fmt/format.h>

#include <algorithm>

namespace waymark {

namespace fs = std::filesystem;

std::vector<fs::path> plugin_search_path(const std::vector<fs::path>& from_command_line,
                                         std::optional<std::string_view> env_value, const fs::path& executable_dir) {
  std::vector<fs::path> path = from_command_line;
  if (env_value) detail::append_path_list(*env_value, path);
  // An installed binary lives in <prefix>/bin; its plugins in <prefix>/lib/waymark/plugins.
  std::error_code ignored;
  const fs::path installed = executable_dir.parent_path() / build::installed_plugin_subdir;
  path.push_back(fs::is_directory(installed, ignored) ? installed : fs::path(build::build_plugin_dir));
  return path;
}

namespace {

// The policy, owning its plugin's library too; the library is declared first so it goes last.
std::shared_ptr<const Policy> holding_library(std::shared_ptr<const Policy> policy,
                                              std::shared_ptr<const void> library) {
  struct Held {
    std::shared_ptr<const void> library;
    std::shared_ptr<const Policy> policy;
  };
  auto held = std::make_shared<const Held>(Held{std::move(library), std::move(policy)});
  return {held, held->policy.get()};
}

std::string provider_of(const FunctionInfo& f) {
  return f.provider == "core" ? "the core" : fmt::format("plugin '{}'", f.provider);
}

}  // namespace

PluginRegistry::PluginRegistry() = default;

const LoadedPlugin* PluginRegistry::find(std::string_view id) const {
  for (const auto& plugin : plugins_)
    if (plugin.info->id == id) return &plugin;
  return nullptr;
}

void PluginRegistry::add_directory(const fs::path& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (!entry.is_directory(error) && entry.path().filename().string().ends_with(detail::library_suffix()))
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // the same order, so the same winner of a clash, everywhere
  for (const auto& file : files) add_file(file);
}

bool PluginRegistry::add_file(const fs::path& file) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(file, error);
  if (error) canonical = file;
  for (const auto& [path, loaded] : tried_)
    if (path == canonical) return loaded;

  // A plugin is taken whole or not at all: its functions and policies join the registry only at the end.
  auto refuse = [&](std::string reason, const std::vector<Diagnostic>& details = {}) {
    problems_.push_back({Severity::error, file.string(), {}, fmt::format("plugin refused: {}", reason), ""});
    problems_.insert(problems_.end(), details.begin(), details.end());
    tried_.emplace_back(canonical, false);
    return false;
  };
  auto opened = detail::open_plugin(file);
  if (const auto* reason = std::get_if<std::string>(&opened)) return refuse(*reason);
  const std::shared_ptr<const void> library = std::get<detail::OpenedPlugin>(opened).library;
  const WaymarkPluginDescriptor& d = *std::get<detail::OpenedPlugin>(opened).descriptor;
  if (auto problem = detail::check_descriptor(d)) return refuse(*problem);
  if (const LoadedPlugin* other = find(d.id))
    return refuse(fmt::format("plugin id '{}' is already taken by {}", d.id, other->info->file.string()));

  auto info = std::make_shared<PluginInfo>(PluginInfo{d.id, d.name, d.version, file, {}, {}});
  auto table = std::make_shared<detail::FunctionTable>(*functions_.table());
  for (std::size_t i = 0; i < d.function_count; ++i) {
    const WaymarkFunction& f = d.functions[i];
    if (const FunctionInfo* taken = functions_.find(f.name))
      return refuse(fmt::format("function '{}' is already provided by {}", f.name, provider_of(*taken)));
    detail::FunctionDef def;
    def.info = {f.name, {}, f.variadic != 0, *detail::value_type_of(f.result), f.description ? f.description : "",
                info->id};
    for (std::size_t p = 0; p < f.parameter_count; ++p) def.info.parameters.push_back(*detail::value_type_of(f.parameters[p]));
    def.plugin = std::make_shared<const detail::PluginFunction>(
        detail::PluginFunction{f.impl, info->id, file.string(), library});
    table->functions.push_back(std::move(def));
    info->functions.push_back(f.name);
  }
  table->plugins.push_back(info->id);
  FunctionRegistry functions(table);

  LoadedPlugin plugin{info, {}, library, {}};
  std::vector<Diagnostic> warnings;
  for (std::size_t i = 0; i < d.policy_count; ++i) {
    const WaymarkPolicyText& text = d.policies[i];
    LoadResult loaded = detail::try_load_plugin_policy(std::string_view(text.toml, text.toml_size), text.name,
                                                       functions, {info->id, info->version});
    if (!loaded)
      return refuse(fmt::format("its embedded policy {} does not load:", text.name), loaded.diagnostics);
    const std::string& id = loaded.policy->id();
    for (const auto& other : plugins_)
      if (std::find(other.info->policies.begin(), other.info->policies.end(), id) != other.info->policies.end())
        return refuse(fmt::format("policy id '{}' is already taken by plugin '{}' ({})", id, other.info->id,
                                  other.info->file.string()));
    if (std::find(info->policies.begin(), info->policies.end(), id) != info->policies.end())
      return refuse(fmt::format("it provides policy '{}' twice", id));
    warnings.insert(warnings.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
    info->policies.push_back(id);
    plugin.policies.push_back(holding_library(std::move(loaded.policy), library));
    plugin.policy_texts.emplace_back(text.toml, text.toml_size);
  }

  detail::keep_loaded(file);
  problems_.insert(problems_.end(), warnings.begin(), warnings.end());
  plugins_.push_back(std::move(plugin));
  functions_ = std::move(functions);
  tried_.emplace_back(canonical, true);
  return true;
}

}  // namespace waymark
