#include "cli_support.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <waymark/input_file.h>
#include <unistd.h>
#include <waymark/closest_match.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace waymark::cli {

namespace fs = std::filesystem;

fs::path executable_dir() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::current_path() : self.parent_path();
}

namespace {

std::optional<std::string_view> environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::optional<std::string_view>(value) : std::nullopt;
}

}  // namespace

std::vector<fs::path> plugin_folders(const CommonOptions& options) {
  return plugin_search_path(options.plugin_dirs, environment("WAYMARK_PLUGIN_PATH"), executable_dir());
}

PluginRegistry load_plugins(const CommonOptions& options) {
  PluginRegistry plugins;
  plugins.add_directories(plugin_folders(options));  // one batch: load order never matters
  return plugins;
}

std::vector<fs::path> policy_folders(const CommonOptions& options) {
  return policy_search_path(options.policy_dirs, environment("WAYMARK_POLICY_PATH"), executable_dir());
}

PolicyRegistry load_registry(const CommonOptions& options, const PluginRegistry& plugins) {
  PolicyRegistry registry(plugins);
  registry.add_search_path(policy_folders(options));
  return registry;
}

const PluginRegistry& PolicyLookup::plugins() {
  if (!plugins_) plugins_.emplace(load_plugins(options_));
  return *plugins_;
}

const PolicyRegistry& PolicyLookup::registry() {
  if (!registry_) registry_.emplace(load_registry(options_, plugins()));
  return *registry_;
}

namespace {

bool names_a_file(const std::string& id_or_path) {
  return id_or_path.ends_with(".toml") || id_or_path.find('/') != std::string::npos;
}

}  // namespace

std::shared_ptr<const Policy> PolicyLookup::file(const std::string& path) {
  if (file_ && file_path_ == path) return file_;
  std::error_code error;
  if (fs::is_directory(path, error))
    throw Failure{exit_bad_input, fmt::format("{}: error: this is a folder, not a policy file (to use the policies "
                                              "in it: waymark --policy-dir {} run POLICY-ID)",
                                              path, path)};
  if (!fs::is_regular_file(path, error))
    throw Failure{exit_bad_input, fmt::format("{}: error: no such policy file", path)};
  LoadResult result = try_load_policy_file(path, plugins().functions());
  if (!result) {
    print_diagnostics(plugins().problems());  // a refused plugin may be why a function is missing
    print_diagnostics(result.diagnostics);
    throw Failure{exit_policy_failure, ""};
  }
  file_path_ = path;
  file_ = result.policy;
  return file_;
}

std::shared_ptr<const Policy> PolicyLookup::resolve(const std::string& id_or_path, Date on) {
  std::error_code error;
  if (names_a_file(id_or_path)) return file(id_or_path);
  const PolicyRegistry& policies = registry();
  if (const PolicyEntry* entry = policies.find(id_or_path, on)) {
    // Shown as `list` shows them: a refused plugin or a file not used may explain a surprise.
    print_diagnostics(plugins().problems());
    print_diagnostics(policies.problems());
    return entry->policy;
  }
  std::vector<std::string> ids;
  for (const auto& entry : policies.policies())
    if (std::find(ids.begin(), ids.end(), entry.policy->id()) == ids.end()) ids.push_back(entry.policy->id());
  const std::string suggestion = closest_match(id_or_path, ids);
  print_diagnostics(plugins().problems());
  print_diagnostics(policies.problems());
  if (fs::is_directory(id_or_path, error))
    throw Failure{exit_bad_input, fmt::format("{}: error: this is a folder, not a policy id or file (to use the "
                                              "policies in it: waymark --policy-dir {} run POLICY-ID)",
                                              id_or_path, id_or_path)};
  throw Failure{exit_bad_input,
                fmt::format("waymark: error: no policy with id '{}'.{} Policies found: {} (`waymark list` shows them)",
                            id_or_path, suggestion.empty() ? "" : fmt::format(" Did you mean '{}'?", suggestion),
                            ids.empty() ? "none" : fmt::format("{}", fmt::join(ids, ", ")))};
}

std::vector<std::shared_ptr<const Policy>> PolicyLookup::versions(const std::string& id_or_path) {
  if (names_a_file(id_or_path)) return {file(id_or_path)};
  std::vector<std::shared_ptr<const Policy>> out;
  for (const PolicyEntry* entry : registry().versions(id_or_path)) out.push_back(entry->policy);
  if (out.empty()) out.push_back(resolve(id_or_path));  // reports the unknown id
  return out;
}

std::shared_ptr<const Policy> resolve_policy(const CommonOptions& options, const std::string& id_or_path, Date on) {
  return PolicyLookup(options).resolve(id_or_path, on);
}

std::vector<std::shared_ptr<const Policy>> policy_versions(const CommonOptions& options,
                                                           const std::string& id_or_path) {
  return PolicyLookup(options).versions(id_or_path);
}

std::string read_file(const fs::path& path) {
  std::error_code error;
  if (fs::is_directory(path, error))
    throw Failure{exit_bad_input, fmt::format("{}: error: this is a folder, not a file", path.string())};
  InputFile file = read_input_file(path);
  if (!file) throw Failure{exit_bad_input, fmt::format("{}: error: this file {}", path.string(), file.problem)};
  return std::move(file.text);
}

void write_new_file(const fs::path& path, const std::string& content, bool overwrite, FileAccess access) {
  std::error_code error;
  if (!overwrite && fs::exists(path, error))
    throw Failure{exit_bad_input, fmt::format("{}: error: the file already exists; it was not "
                                              "overwritten (use --force to replace it)",
                                              path.string())};
  // Write beside it and rename, so a failure never leaves half a record behind.
  const fs::path temporary = path.string() + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    // Narrowed while still empty, so the content is never readable by others.
    if (out && access == FileAccess::owner_only)
      fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, error);
    out << content;
    if (!out.flush()) throw Failure{exit_bad_input, fmt::format("{}: error: cannot write this file", path.string())};
  }
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary, error);
    throw Failure{exit_bad_input, fmt::format("{}: error: cannot write this file", path.string())};
  }
}

Date session_date(const std::string& date_option) {
  if (date_option.empty()) return Date::today();
  auto date = Date::parse(date_option);
  if (!date)
    throw Failure{exit_bad_input, fmt::format("waymark: error: --date '{}' is not a date YYYY-MM-DD", date_option)};
  return *date;
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) fmt::print(stderr, "{}\n", d.format());
}

}  // namespace waymark::cli
