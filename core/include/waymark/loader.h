/// Loading policy files. A policy either loads completely and validly, or not at all.
#pragma once

#include <waymark/error.h>
#include <waymark/export.h>
#include <waymark/functions.h>
#include <waymark/policy.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// The non-throwing form of a load: a policy, or the reasons there is none.
struct LoadResult {
  std::shared_ptr<const Policy> policy;
  /// Errors (when `policy` is null) and warnings (either way).
  std::vector<Diagnostic> diagnostics;
  explicit operator bool() const noexcept { return policy != nullptr; }
};

/// Loads and validates a policy file. Never throws: problems come back as diagnostics.
WAYMARK_EXPORT LoadResult try_load_policy_file(const std::filesystem::path& path,
                                               const FunctionRegistry& functions = FunctionRegistry::builtin());

/// Loads and validates policy TOML held in memory; `origin` names it in messages.
WAYMARK_EXPORT LoadResult try_load_policy_text(std::string_view toml, std::string origin,
                                               const FunctionRegistry& functions = FunctionRegistry::builtin());

/// Throwing forms: PolicyError carries every diagnostic with file, line and column.
WAYMARK_EXPORT std::shared_ptr<const Policy> load_policy_file(
    const std::filesystem::path& path, const FunctionRegistry& functions = FunctionRegistry::builtin());
WAYMARK_EXPORT std::shared_ptr<const Policy> load_policy_text(
    std::string_view toml, std::string origin, const FunctionRegistry& functions = FunctionRegistry::builtin());

}  // namespace waymark
