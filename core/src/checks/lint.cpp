// Lint: searches answer combinations to find questions no answers reach, actions no answers fire,
// and answers after which nothing fires. The search (engine/answer_search.h) evaluates conditions
// over partly chosen answers ("pending"): a condition already true or false under every completion
// prunes the branch, so most policies are covered exhaustively without enumerating every path.
// The checks are in lint_checks.cpp and lint_dead_ends.cpp, the searches they ask in lint_search.cpp;
// this file runs them in turn and says how thorough the run was.
#include <fmt/format.h>
#include <waymark/lint.h>
#include <waymark/loader.h>

#include <fstream>

#include "lint_checks.h"

namespace waymark {

namespace {

LintReport search_policy(const Policy& policy, const LintOptions& options) {
  detail::LintRun run(policy, options);
  detail::check_text(run);
  detail::check_reachability(run);
  detail::check_pathways(run);
  detail::check_conflicts(run);
  const detail::DeadEndSearch dead_ends = detail::check_dead_ends(run);

  LintReport report;
  report.diagnostics = std::move(run.found);
  if (!dead_ends.complete) {
    const std::size_t from = dead_ends.shallowest_finished;
    std::string covered =
        from >= policy.questions().size()
            ? "no subtree was finished"
            : fmt::format(
                  "every combination of the last {} question(s) "
                  "({} to {}) was covered under the earlier "
                  "answers it reached",
                  policy.questions().size() - from, policy.questions()[from].id, policy.questions().back().id);
    run.unsettled.push_back(
        fmt::format("which answers leave nothing to do ({}; then all-first, all-last and each k-th "
                    "candidate answer were tried "
                    "for every question, e.g. all yes and all no)",
                    covered));
  }
  report.exhaustive = dead_ends.complete && run.unsettled.empty();
  const std::string method = run.domains.approximate
                                 ? "number, date and text answers were tried at the values the conditions compare "
                                   "them with"
                                 : "every yes/no, choice and multiple-choice answer was covered";
  if (report.exhaustive)
    report.summary = fmt::format("checked exhaustively ({} search states; {})", dead_ends.states, method);
  else
    report.summary = fmt::format(
        "NOT checked exhaustively within {} search states: lint could not settle {} (the other "
        "checks are complete)",
        options.max_states, fmt::join(run.unsettled, "; "));
  return report;
}

}  // namespace

LintReport lint_policy(const Policy& policy, const LintOptions& options) {
  try {
    return search_policy(policy, options);
  } catch (const EvaluationError& e) {
    // A plugin function failed on answers lint tried: report it rather than stop.
    LintReport report;
    report.diagnostics.push_back(Diagnostic::make(DiagnosticCode::lint_plugin_failed, policy.origin(), {}, e.what()));
    report.exhaustive = false;
    report.summary = "NOT checked: a plugin function failed while lint evaluated the conditions";
    return report;
  }
}

LintReport lint_policy_file(const std::filesystem::path& path, const LintOptions& options,
                            const FunctionRegistry& functions) {
  LoadResult loaded = try_load_policy_file(path, functions);
  if (!loaded) {
    LintReport report;
    report.diagnostics = std::move(loaded.diagnostics);
    report.exhaustive = false;
    return report;
  }
  LintReport report = lint_policy(*loaded.policy, options);
  report.diagnostics.insert(report.diagnostics.begin(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  // Show the line each finding points at, as load errors do.
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  for (auto& d : report.diagnostics)
    if (d.excerpt.empty() && d.position.line > 0 && d.position.line <= lines.size())
      d.excerpt = lines[d.position.line - 1];
  return report;
}

}  // namespace waymark
