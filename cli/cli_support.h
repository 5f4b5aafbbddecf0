// What every `waymark` command shares: exit codes, finding policies, reading and writing files.
#pragma once

#include <waymark/waymark.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace waymark::cli {

// Exit codes, as documented in `waymark --help` and docs/cli.md.
inline constexpr int exit_ok = 0;
inline constexpr int exit_policy_failure = 1;  // lint found errors, a policy failed to load
inline constexpr int exit_bad_input = 2;       // usage errors, bad answers, unreadable files

// Raised by commands to stop with a message on stderr and an exit code.
struct Failure {
  int exit_code;
  std::string message;
};

struct CommonOptions {
  std::vector<std::filesystem::path> policy_dirs;
  std::vector<std::filesystem::path> plugin_dirs;
};

// The folders searched for plugins (command line, WAYMARK_PLUGIN_PATH, bundled).
// The folder the running `waymark` binary is in.
std::filesystem::path executable_dir();

std::vector<std::filesystem::path> plugin_folders(const CommonOptions& options);
// Every plugin on the plugin search path.
PluginRegistry load_plugins(const CommonOptions& options);
// The folders searched for policy files (command line, WAYMARK_POLICY_PATH, bundled).
std::vector<std::filesystem::path> policy_folders(const CommonOptions& options);
// The plugins' policies, then every policy file on the search path (command line,
// WAYMARK_POLICY_PATH, bundled), loaded against the plugins' functions.
PolicyRegistry load_registry(const CommonOptions& options, const PluginRegistry& plugins);

// The plugins and policies one command looks policies up in, each loaded once, when first needed
// (a command that settles a date from one version and then picks another loads them once).
class PolicyLookup {
 public:
  explicit PolicyLookup(const CommonOptions& options) : options_(options) {}
  PolicyLookup(const PolicyLookup&) = delete;
  PolicyLookup& operator=(const PolicyLookup&) = delete;

  const PluginRegistry& plugins();
  const PolicyRegistry& registry();
  // As resolve_policy and policy_versions below.
  std::shared_ptr<const Policy> resolve(const std::string& id_or_path, Date on = Date::today());
  std::vector<std::shared_ptr<const Policy>> versions(const std::string& id_or_path);

 private:
  std::shared_ptr<const Policy> file(const std::string& path);

  const CommonOptions& options_;
  std::optional<PluginRegistry> plugins_;
  std::optional<PolicyRegistry> registry_;
  std::shared_ptr<const Policy> file_;  // a policy named by its path, once loaded
  std::string file_path_;
};

// A policy named by id (looked up on the search path: the version in force on `on`) or by a path
// to a .toml file.
std::shared_ptr<const Policy> resolve_policy(const CommonOptions& options, const std::string& id_or_path,
                                             Date on = Date::today());
// Every installed version of a policy named by id, earliest effective first (or the file named).
std::vector<std::shared_ptr<const Policy>> policy_versions(const CommonOptions& options, const std::string& id_or_path);

std::string read_file(const std::filesystem::path& path);
// Who may read a file Waymark writes: records, sessions and exports hold a case's answers, so
// only their owner (0600, as the web page's sessions); a new policy is for sharing.
enum class FileAccess { owner_only, shared };

// Writes a file, refusing to replace an existing one unless `overwrite` is true.
void write_new_file(const std::filesystem::path& path, const std::string& content, bool overwrite,
                    FileAccess access = FileAccess::owner_only);

// Today, or the date given with --date.
Date session_date(const std::string& date_option);

void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace waymark::cli
