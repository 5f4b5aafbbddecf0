#include <fmt/format.h>
#include <waymark/build_info.h>
#include <waymark/loader.h>
#include <waymark/plugin_registry.h>

#include <algorithm>

#include "function_table.h"
#include "plugin_call.h"
#include "plugin_descriptor.h"
#include "plugin_library.h"
#include "plugin_policy.h"
#include "search_path.h"

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

fs::path canonical_of(const fs::path& file) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(file, error);
  return error ? file : canonical;
}

// A library whose descriptor passed every check (the first pass); its policies are not loaded yet.
struct Candidate {
  fs::path file;
  fs::path canonical;
  std::shared_ptr<const void> library;
  const WaymarkPluginDescriptor* descriptor = nullptr;
  std::shared_ptr<PluginInfo> info;
  std::vector<detail::FunctionDef> functions;
};

}  // namespace

PluginRegistry::PluginRegistry() = default;

const LoadedPlugin* PluginRegistry::find(std::string_view id) const {
  for (const auto& plugin : plugins_)
    if (plugin.info->id == id) return &plugin;
  return nullptr;
}

void PluginRegistry::add_directories(const std::vector<fs::path>& folders) {
  std::vector<fs::path> all;
  for (const auto& folder : folders) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, error))
      if (!entry.is_directory(error) && entry.path().filename().string().ends_with(detail::library_suffix()))
        files.push_back(entry.path());
    std::sort(files.begin(),
              files.end());  // the same order, so the same winner of a clash, everywhere
    all.insert(all.end(), files.begin(), files.end());
  }
  add_files(all);
}

void PluginRegistry::add_directory(const fs::path& folder) { add_directories({folder}); }

bool PluginRegistry::add_file(const fs::path& file) {
  add_files({file});
  return was_loaded(file);
}

bool PluginRegistry::was_loaded(const fs::path& file) const {
  const fs::path canonical = canonical_of(file);
  for (const auto& [path, loaded] : tried_)
    if (path == canonical) return loaded;
  return false;
}

void PluginRegistry::add_files(const std::vector<fs::path>& files) {
  // A plugin is taken whole or not at all: its functions and policies join the registry only at the
  // end.
  auto refuse = [&](const fs::path& file, const fs::path& canonical, const std::string& reason,
                    const std::vector<Diagnostic>& details = {}) {
    problems_.push_back(
        Diagnostic::make(DiagnosticCode::plugin_refused, file.string(), {}, fmt::format("plugin refused: {}", reason)));
    problems_.insert(problems_.end(), details.begin(), details.end());
    tried_.emplace_back(canonical, false);
  };
  auto tried = [&](const fs::path& canonical) {
    return std::any_of(tried_.begin(), tried_.end(), [&](const auto& t) { return t.first == canonical; });
  };

  // First pass: every descriptor is checked and its functions claimed, before any policy loads.
  std::vector<Candidate> batch;
  for (const auto& file : files) {
    const fs::path canonical = canonical_of(file);
    if (tried(canonical) ||
        std::any_of(batch.begin(), batch.end(), [&](const Candidate& c) { return c.canonical == canonical; }))
      continue;
    auto opened = detail::open_plugin(file);
    if (const auto* reason = std::get_if<std::string>(&opened)) {
      refuse(file, canonical, *reason);
      continue;
    }
    Candidate c{file,
                canonical,
                std::get<detail::OpenedPlugin>(opened).library,
                std::get<detail::OpenedPlugin>(opened).descriptor,
                nullptr,
                {}};
    const WaymarkPluginDescriptor& d = *c.descriptor;
    if (auto problem = detail::check_descriptor(d)) {
      refuse(file, canonical, *problem);
      continue;
    }
    // The same id again: from a later folder of the search path it is an older or overridden
    // copy, so the first one wins; within one folder nobody can tell which was meant.
    const PluginInfo* other = nullptr;
    if (const LoadedPlugin* loaded = find(d.id)) other = loaded->info.get();
    for (const auto& earlier : batch)
      if (earlier.info->id == d.id) other = earlier.info.get();
    if (other) {
      if (canonical_of(other->file).parent_path() != canonical.parent_path()) {
        problems_.push_back(
            Diagnostic::make(DiagnosticCode::plugin_skipped, file.string(), {},
                             fmt::format("plugin skipped: plugin '{}' {} is already loaded from {} ({}), which comes "
                                         "first in the plugin search path",
                                         d.id, d.version, other->file.string(), other->version)));
        tried_.emplace_back(canonical, false);
      } else {
        refuse(file, canonical, fmt::format("plugin id '{}' is already taken by {}", d.id, other->file.string()));
      }
      continue;
    }

    c.info = std::make_shared<PluginInfo>(PluginInfo{d.id, d.name, d.version, file, {}, {}});
    std::string clash;
    for (std::size_t i = 0; i < d.function_count && clash.empty(); ++i) {
      const WaymarkFunction& f = d.functions[i];
      if (const FunctionInfo* taken = functions_.find(f.name)) {
        clash = fmt::format("function '{}' is already provided by {}", f.name, provider_of(*taken));
        break;
      }
      for (const auto& earlier : batch)
        if (std::find(earlier.info->functions.begin(), earlier.info->functions.end(), f.name) !=
            earlier.info->functions.end())
          clash = fmt::format("function '{}' is already provided by plugin '{}'", f.name, earlier.info->id);
      detail::FunctionDef def;
      def.info = {f.name,    {}, f.variadic != 0, *detail::value_type_of(f.result), f.description ? f.description : "",
                  c.info->id};
      for (std::size_t p = 0; p < f.parameter_count; ++p)
        def.info.parameters.push_back(*detail::value_type_of(f.parameters[p]));
      def.external = &detail::call_plugin_function;
      def.external_data = std::make_shared<const detail::PluginFunction>(
          detail::PluginFunction{f.impl, c.info->id, file.string(), c.library});
      c.functions.push_back(std::move(def));
      c.info->functions.push_back(f.name);
    }
    if (!clash.empty()) {
      refuse(file, canonical, clash);
      continue;
    }
    batch.push_back(std::move(c));
  }

  // Second pass: every embedded policy, against the functions of every plugin still standing. A
  // refusal withdraws that plugin's functions, so the pass starts again without them.
  std::vector<bool> refused(batch.size(), false);
  while (true) {
    auto table = std::make_shared<detail::FunctionTable>(*functions_.table());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (refused[i]) continue;
      table->functions.insert(table->functions.end(), batch[i].functions.begin(), batch[i].functions.end());
      table->plugins.push_back(batch[i].info->id);
    }
    const FunctionRegistry functions(table);

    std::vector<std::pair<std::size_t, LoadedPlugin>> accepted;
    std::vector<Diagnostic> warnings;
    bool again = false;
    for (std::size_t i = 0; i < batch.size() && !again; ++i) {
      if (refused[i]) continue;
      const Candidate& c = batch[i];
      const WaymarkPluginDescriptor& d = *c.descriptor;
      // Each pass starts from the first pass's info: only the policies are filled in here.
      auto info = std::make_shared<PluginInfo>(*c.info);
      LoadedPlugin plugin{info, {}, c.library, {}};
      auto policy_owner = [&](const std::string& id) -> const PluginInfo* {
        for (const auto& other : plugins_)
          if (std::find(other.info->policies.begin(), other.info->policies.end(), id) != other.info->policies.end())
            return other.info.get();
        for (const auto& [index, other] : accepted)
          if (std::find(other.info->policies.begin(), other.info->policies.end(), id) != other.info->policies.end())
            return other.info.get();
        return nullptr;
      };
      std::vector<Diagnostic> plugin_warnings;
      for (std::size_t p = 0; p < d.policy_count && !again; ++p) {
        const WaymarkPolicyText& text = d.policies[p];
        LoadResult loaded = detail::try_load_plugin_policy(std::string_view(text.toml, text.toml_size), text.name,
                                                           functions, {info->id, info->version});
        if (!loaded) {
          refuse(c.file, c.canonical, fmt::format("its embedded policy {} does not load:", text.name),
                 loaded.diagnostics);
        } else if (const PluginInfo* owner = policy_owner(loaded.policy->id())) {
          refuse(c.file, c.canonical,
                 fmt::format("policy id '{}' is already taken by plugin '{}' ({})", loaded.policy->id(), owner->id,
                             owner->file.string()));
        } else if (std::find(info->policies.begin(), info->policies.end(), loaded.policy->id()) !=
                   info->policies.end()) {
          refuse(c.file, c.canonical, fmt::format("it provides policy '{}' twice", loaded.policy->id()));
        } else {
          plugin_warnings.insert(plugin_warnings.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
          info->policies.push_back(loaded.policy->id());
          plugin.policies.push_back(holding_library(std::move(loaded.policy), c.library));
          plugin.policy_texts.emplace_back(text.toml, text.toml_size);
          continue;
        }
        refused[i] = true;
        again = true;
      }
      if (again) break;
      warnings.insert(warnings.end(), plugin_warnings.begin(), plugin_warnings.end());
      accepted.emplace_back(i, std::move(plugin));
    }
    if (again) continue;

    for (auto& [index, plugin] : accepted) {
      detail::keep_loaded(batch[index].file);
      plugins_.push_back(std::move(plugin));
      tried_.emplace_back(batch[index].canonical, true);
    }
    problems_.insert(problems_.end(), warnings.begin(), warnings.end());
    functions_ = functions;
    return;
  }
}

}  // namespace waymark
