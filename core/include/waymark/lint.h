/// Checking a policy beyond loading it: what no answers can reach, and what answers leave the
/// practitioner with nothing to do.
#pragma once

#include <waymark/date.h>
#include <waymark/error.h>
#include <waymark/export.h>
#include <waymark/functions.h>
#include <waymark/policy.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace waymark {

struct LintOptions {
  /// Review-by dates before this are reported.
  Date today;
  /// How many partial answer combinations the search may visit before it stops and says so.
  std::size_t max_states = 2'000'000;
  /// List every answer combination after which no action fires, not only a few distinct ones.
  bool all_dead_ends = false;
};

struct LintReport {
  /// Load errors, and what the checks found (each with a counterexample where one exists).
  std::vector<Diagnostic> diagnostics;
  /// True when every combination of finite answers was covered.
  bool exhaustive = true;
  /// One line on what was checked and how, e.g. "checked all 1,536 answer paths".
  std::string summary;
};

/// Loads the file (reporting every load error), then checks the policy.
WAYMARK_EXPORT LintReport lint_policy_file(const std::filesystem::path& path, const LintOptions& options,
                                           const FunctionRegistry& functions = FunctionRegistry::builtin());

/// Checks a loaded policy: questions no answers can reach, actions that can never fire,
/// answers after which no action fires, and a past review-by date.
WAYMARK_EXPORT LintReport lint_policy(const Policy& policy, const LintOptions& options);

}  // namespace waymark
