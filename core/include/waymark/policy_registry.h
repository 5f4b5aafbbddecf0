/// Finding policies: the search path, and a registry of every policy found on it.
#pragma once

#include <waymark/error.h>
#include <waymark/export.h>
#include <waymark/functions.h>
#include <waymark/plugin_registry.h>
#include <waymark/policy.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// The folders searched for policies, in order: those given on the command line, then those in
/// `WAYMARK_POLICY_PATH` (separated by ':'), then the bundled folder (installed, else source tree).
WAYMARK_EXPORT std::vector<std::filesystem::path> policy_search_path(
    const std::vector<std::filesystem::path>& from_command_line, std::optional<std::string_view> env_value,
    const std::filesystem::path& executable_dir);

/// A policy that was found, and where: a policy file, or a plugin (then `file` is the library).
struct PolicyEntry {
  std::shared_ptr<const Policy> policy;
  std::filesystem::path file;
  /// The plugin that provides it, or null for a policy file.
  std::shared_ptr<const PluginInfo> plugin = nullptr;
  /// For a plugin's policy, the TOML embedded in the plugin (lives as long as the library).
  std::string_view embedded_toml = {};
};

/// Every policy found on a search path. A policy file that fails to load is reported in
/// `problems()` and skipped; the others still load.
class WAYMARK_EXPORT PolicyRegistry {
 public:
  explicit PolicyRegistry(FunctionRegistry functions = FunctionRegistry::builtin());
  /// Starts with every plugin's policies, and loads policy files against the plugins' functions.
  explicit PolicyRegistry(const PluginRegistry& plugins);

  /// Loads every `*.toml` in the folder except `*.tests.toml`. A missing folder is skipped.
  /// Several versions of one policy may be installed side by side (each with its own effective
  /// date); the same id with the same version or effective date found again later on the path, or
  /// an id provided by a plugin, is reported and the file skipped; a file identical in content to a
  /// plugin's embedded copy is skipped silently.
  void add_directory(const std::filesystem::path& folder);
  /// Like add_directory, for a folder someone named (`--policy-dir`, `WAYMARK_POLICY_PATH`), which
  /// comes before the plugins: a file with the id and version (or effective date) of a plugin's
  /// policy is used instead of the plugin's copy, with a warning in `problems()`; a file with
  /// another version sits beside the plugin's, chosen by date like any other version.
  void add_overriding_directory(const std::filesystem::path& folder);
  /// A whole policy search path (from `policy_search_path`): every folder but the last is one
  /// someone named (add_overriding_directory); the last is the bundled folder (add_directory).
  void add_search_path(const std::vector<std::filesystem::path>& folders);
  /// Loads one policy file; throws PolicyError if it does not load.
  std::shared_ptr<const Policy> add_file(const std::filesystem::path& file);

  const std::vector<PolicyEntry>& policies() const noexcept { return entries_; }
  /// The version of the policy in force today (see `find(id, on)`).
  const PolicyEntry* find(std::string_view id) const;
  /// The version in force on a date: the one with the latest effective date on or before it;
  /// if none is in force yet, the one that takes effect first. Null if no policy has the id.
  const PolicyEntry* find(std::string_view id, Date on) const;
  /// Every installed version of the policy, earliest effective date first.
  std::vector<const PolicyEntry*> versions(std::string_view id) const;
  /// Policies that failed to load, and other problems found while searching.
  const std::vector<Diagnostic>& problems() const noexcept { return problems_; }
  const FunctionRegistry& functions() const noexcept { return functions_; }

 private:
  // Whether a plugin was built from exactly this text.
  bool is_embedded_copy(std::string_view toml_text) const;
  void add_folder(const std::filesystem::path& folder, bool over_plugins);
  // An earlier entry this policy cannot sit beside: one with its id and the same version or the
  // same effective date, or (unless `over_plugins`) a plugin's policy with its id.
  const PolicyEntry* clashing(const Policy& policy, bool over_plugins) const;
  FunctionRegistry functions_;
  std::vector<PolicyEntry> entries_;
  std::vector<Diagnostic> problems_;
};

}  // namespace waymark
