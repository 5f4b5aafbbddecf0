/// Loading compiled plugins (the host side; plugin authors use <waymark/plugin.h>).
#pragma once

#include <waymark/error.h>
#include <waymark/export.h>
#include <waymark/functions.h>
#include <waymark/policy.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark {

/// The folders searched for plugins, in order: those given on the command line (`--plugin-dir`),
/// then those in `WAYMARK_PLUGIN_PATH` (separated by ':'), then the bundled folder
/// (`<prefix>/lib/waymark/plugins` when installed, else the build tree's `plugins/`).
WAYMARK_EXPORT std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& from_command_line, std::optional<std::string_view> env_value,
    const std::filesystem::path& executable_dir);

/// What a loaded plugin is and what it provides.
struct PluginInfo {
  std::string id;
  std::string name;
  std::string version;
  /// The library it was loaded from.
  std::filesystem::path file;
  /// Ids of the policies it provides, and names of the functions it adds to conditions.
  std::vector<std::string> policies;
  std::vector<std::string> functions;
};

/// A plugin that passed every check.
struct LoadedPlugin {
  std::shared_ptr<const PluginInfo> info;
  /// Its embedded policies, validated. Each keeps the library loaded while it lives.
  std::vector<std::shared_ptr<const Policy>> policies;
  /// The library itself (opaque); it is never unloaded while the process runs.
  std::shared_ptr<const void> library;
  /// The TOML each of those policies was built from, in the library's memory (never unloaded).
  std::vector<std::string_view> policy_texts;
};

/// Every plugin found. A plugin is taken whole or not at all: one that fails a check (not a
/// library, no entry point, another ABI version, an id already taken, an embedded policy that
/// does not load) is reported in `problems()` with its file and the reason, and nothing of it is
/// used; the others still load.
///
/// Plugins load in two passes, so that load order never matters to an embedded policy: first
/// every library's descriptor is checked and its functions registered, then every embedded
/// policy is loaded against all of them. A plugin refused in the second pass takes its functions
/// with it, and the policies that needed them are refused in turn.
class WAYMARK_EXPORT PluginRegistry {
 public:
  /// Starts with the core's built-in functions only.
  PluginRegistry();

  /// Loads every library (`*.so`) in these folders, in order (each folder in name order), as one
  /// batch: an embedded policy may use any of their functions. A missing folder is skipped. When
  /// two folders hold a plugin with the same id, the first folder's copy wins and the later copy
  /// is skipped with a warning (a newer copy in `--plugin-dir` overrides the bundled one); two
  /// with the same id in one folder are an error.
  void add_directories(const std::vector<std::filesystem::path>& folders);
  /// `add_directories({folder})`.
  void add_directory(const std::filesystem::path& folder);
  /// Loads one library; returns false (and reports why in `problems()`) if it is refused or
  /// skipped. A file already loaded (by the same path) is skipped and counts as loaded.
  bool add_file(const std::filesystem::path& file);

  const std::vector<LoadedPlugin>& plugins() const noexcept { return plugins_; }
  const LoadedPlugin* find(std::string_view id) const;
  /// The built-in functions plus those of every plugin loaded so far: load TOML policies with it.
  const FunctionRegistry& functions() const noexcept { return functions_; }
  /// Plugins that were refused, each as `file: error: ...` (with an embedded policy's diagnostics).
  const std::vector<Diagnostic>& problems() const noexcept { return problems_; }

 private:
  FunctionRegistry functions_;
  std::vector<LoadedPlugin> plugins_;
  std::vector<Diagnostic> problems_;
  // Files already tried (canonical path) and whether each was loaded.
  std::vector<std::pair<std::filesystem::path, bool>> tried_;

  // Loads these files (in this order) in the two passes described above.
  void add_files(const std::vector<std::filesystem::path>& files);
  bool was_loaded(const std::filesystem::path& file) const;
};

}  // namespace waymark
