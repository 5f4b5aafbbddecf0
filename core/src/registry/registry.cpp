#include <fmt/format.h>
#include <waymark/input_file.h>
#include <waymark/build_info.h>
#include <waymark/loader.h>
#include <waymark/policy_registry.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "search_path.h"

namespace waymark {

namespace fs = std::filesystem;

std::vector<fs::path> policy_search_path(const std::vector<fs::path>& from_command_line,
                                         std::optional<std::string_view> env_value, const fs::path& executable_dir) {
  std::vector<fs::path> path = from_command_line;
  if (env_value) detail::append_path_list(*env_value, path);
  // An installed binary lives in <prefix>/bin; its policies in <prefix>/share/waymark/policies.
  std::error_code ignored;
  const fs::path installed = executable_dir.parent_path() / build::installed_policy_subdir;
  path.push_back(fs::is_directory(installed, ignored) ? installed : fs::path(build::source_policy_dir));
  return path;
}

PolicyRegistry::PolicyRegistry(FunctionRegistry functions) : functions_(std::move(functions)) {}

PolicyRegistry::PolicyRegistry(const PluginRegistry& plugins) : functions_(plugins.functions()) {
  for (const auto& plugin : plugins.plugins())
    for (std::size_t i = 0; i < plugin.policies.size(); ++i)
      entries_.push_back({plugin.policies[i], plugin.info->file, plugin.info, plugin.policy_texts[i]});
}

namespace {

std::optional<std::string> read_file(const fs::path& file) {
  InputFile read = read_input_file(file);
  if (!read) return std::nullopt;
  return std::move(read.text);
}

}  // namespace

bool PolicyRegistry::is_embedded_copy(std::string_view toml_text) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const PolicyEntry& e) { return e.plugin && e.embedded_toml == toml_text; });
}

void PolicyRegistry::add_directory(const fs::path& folder) { add_folder(folder, false); }

void PolicyRegistry::add_overriding_directory(const fs::path& folder) { add_folder(folder, true); }

void PolicyRegistry::add_search_path(const std::vector<fs::path>& folders) {
  // The folders named (command line, WAYMARK_POLICY_PATH) come before the plugins; the bundled
  // folder, last, holds the files the bundled plugins were built from.
  for (std::size_t i = 0; i < folders.size(); ++i) add_folder(folders[i], i + 1 < folders.size());
}

void PolicyRegistry::add_folder(const fs::path& folder, bool over_plugins) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file(error) && name.ends_with(".toml") && !name.ends_with(".tests.toml"))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // the same order on every machine
  for (const auto& file : files) {
    const std::optional<std::string> text = read_file(file);
    // The file a plugin was built from, byte for byte: the same policy, no need to parse it again.
    if (text && is_embedded_copy(*text)) continue;
    LoadResult result = text ? try_load_policy_text(*text, file.string(), functions_)
                             : try_load_policy_file(file, functions_);  // reports why it cannot be read
    if (!result) {
      problems_.insert(problems_.end(), result.diagnostics.begin(), result.diagnostics.end());
      continue;
    }
    if (const PolicyEntry* earlier = clashing(*result.policy, over_plugins)) {
      // A plugin's policy is reviewed as a file in policies/: that file is the same policy.
      if (earlier->plugin && earlier->policy->content_hash() == result.policy->content_hash()) continue;
      if (earlier->plugin && over_plugins) {
        // A folder someone named comes before the plugins: its file is used, and they are told.
        const Policy& used = *result.policy;
        problems_.push_back(Diagnostic::make(
            DiagnosticCode::policy_shadowed, file.string(), {},
            fmt::format("policy '{}' version {} (effective {}) in this file is used instead of the "
                        "copy provided by plugin '{}' ({}, version {}), because this folder comes "
                        "first on the search path",
                        used.id(), used.info().version, used.info().effective.iso(), earlier->plugin->id,
                        earlier->file.string(), earlier->policy->info().version)));
        entries_[static_cast<std::size_t>(earlier - entries_.data())] = {std::move(result.policy), file};
        continue;
      }
      if (earlier->plugin) {
        problems_.push_back(
            Diagnostic::make(DiagnosticCode::policy_shadowed, file.string(), {},
                             fmt::format("policy '{}' is also provided by plugin '{}' ({}), which takes precedence "
                                         "over this folder; this file differs from the plugin's copy and is not used",
                                         result.policy->id(), earlier->plugin->id, earlier->file.string())));
        continue;
      }
      problems_.push_back(Diagnostic::make(
          DiagnosticCode::policy_shadowed, file.string(), {},
          fmt::format("policy '{}' (version {}, effective {}) is also in {} (version {}, effective {}), "
                      "which comes first on the search path; this copy is not used",
                      result.policy->id(), result.policy->info().version, result.policy->info().effective.iso(),
                      earlier->file.string(), earlier->policy->info().version,
                      earlier->policy->info().effective.iso())));
      continue;
    }
    entries_.push_back({std::move(result.policy), file});
  }
}

std::shared_ptr<const Policy> PolicyRegistry::add_file(const fs::path& file) {
  auto policy = load_policy_file(file, functions_);
  std::erase_if(entries_, [&](const PolicyEntry& e) {
    return e.policy->id() == policy->id() && e.policy->info().version == policy->info().version;
  });
  entries_.insert(entries_.begin(), {policy, file});
  return policy;
}

const PolicyEntry* PolicyRegistry::find(std::string_view id) const { return find(id, Date::today()); }

const PolicyEntry* PolicyRegistry::find(std::string_view id, Date on) const {
  const auto all = versions(id);
  if (all.empty()) return nullptr;
  const PolicyEntry* chosen = all.front();
  for (const PolicyEntry* entry : all)
    if (entry->policy->in_force(on)) chosen = entry;
  return chosen;
}

std::vector<const PolicyEntry*> PolicyRegistry::versions(std::string_view id) const {
  std::vector<const PolicyEntry*> out;
  for (const auto& entry : entries_)
    if (entry.policy->id() == id) out.push_back(&entry);
  std::stable_sort(out.begin(), out.end(), [](const PolicyEntry* a, const PolicyEntry* b) {
    return a->policy->info().effective < b->policy->info().effective;
  });
  return out;
}

const PolicyEntry* PolicyRegistry::clashing(const Policy& policy, bool over_plugins) const {
  // Two versions can only sit side by side if it is clear which one is in force on any date.
  const PolicyInfo& info = policy.info();
  for (const auto& entry : entries_) {
    if (entry.policy->id() != policy.id()) continue;
    const PolicyInfo& other = entry.policy->info();
    // Below the plugins, a plugin's policy is the only one with its id.
    if ((entry.plugin && !over_plugins) || other.version == info.version || other.effective == info.effective)
      return &entry;
  }
  return nullptr;
}

}  // namespace waymark
