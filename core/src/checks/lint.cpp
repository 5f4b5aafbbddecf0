// Lint: searches answer combinations to find questions no answers reach, actions no answers fire,
// and answers after which nothing fires. The search (engine/answer_search.h) evaluates conditions
// over partly chosen answers ("pending"): a condition already true or false under every completion
// prunes the branch, so most policies are covered exhaustively without enumerating every path.
#include <fmt/format.h>
#include <waymark/lint.h>
#include <waymark/loader.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "answer_search.h"

namespace waymark {

namespace {

using detail::AnswerSlot;
using detail::BudgetExceeded;
using detail::closure;
using detail::CompiledExpr;
using detail::Domains;
using detail::has_infinite_domain;
using detail::make_domains;
using detail::Search;
using detail::State;
using detail::Value;
using detail::Verdict;

enum class Found { yes, no, unknown };

// Is there any answers under which `target` is true? Searches only what it depends on.
Found satisfiable(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                  const CompiledExpr& target) {
  const std::size_t reserve = budget;
  std::size_t local = std::min<std::size_t>(budget, 200'000);
  Search search(policy, domains, today, local);
  const std::vector<const CompiledExpr*> targets{&target};
  search.remember_failures_of(targets);
  try {
    const bool found = search.run(closure(policy, &target), [&](bool leaf) {
      const Value v = search.eval(target);
      // Pending once every answer is chosen: it hangs on the chronology, which could make it true.
      if (leaf && v.state == State::pending) return Verdict::stop;
      return v.is_true() ? Verdict::stop : v.is_false() ? Verdict::prune : Verdict::descend;
    });
    budget = reserve - search.states();
    return found ? Found::yes : Found::no;
  } catch (const BudgetExceeded&) {
    budget = reserve - search.states();
    return Found::unknown;
  }
}

// Answers under which every target is true (in words), nothing if there are none, or an empty
// string if the search ran out of budget. Searches only what the targets depend on. With
// `some_chronology`, a target still pending once every answer is chosen counts as true: it reads
// the chronology, and some chronology makes it so.
std::optional<std::string> witness(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                                   const std::vector<const CompiledExpr*>& targets, bool& undecided,
                                   bool some_chronology = false) {
  std::set<int> questions;
  for (const CompiledExpr* t : targets)
    for (int q : closure(policy, t)) questions.insert(q);
  const std::size_t reserve = budget;
  std::size_t local = std::min<std::size_t>(budget, 200'000);
  Search search(policy, domains, today, local);
  search.remember_failures_of(targets);
  std::optional<std::string> found;
  try {
    search.run({questions.begin(), questions.end()}, [&](bool leaf) {
      bool all = true;
      for (const CompiledExpr* t : targets) {
        const Value v = search.eval(*t);
        if (v.is_false()) return Verdict::prune;
        all &= v.is_true() || (some_chronology && leaf && v.state == State::pending);
      }
      if (!all) return Verdict::descend;
      found = search.describe();
      return Verdict::stop;
    });
  } catch (const BudgetExceeded&) {
    undecided = true;
  }
  budget = reserve - search.states();
  return found;
}

// Declared conflicts (`conflicts_with`): answers that fire both actions, each pair reported once.
void check_conflicts(const Policy& policy, const Domains& domains, int today, std::size_t& budget, bool& undecided,
                     std::vector<Diagnostic>& out) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const Action& a : policy.actions())
    for (const auto& other_id : a.conflicts_with) {
      const Action* b = policy.find_action(other_id);
      if (!b || !a.when.compiled() || !b->when.compiled()) continue;
      if (!seen.insert(std::minmax(a.id, b->id)).second) continue;
      const auto example = witness(policy, domains, today, budget, {a.when.compiled(), b->when.compiled()}, undecided);
      if (example)
        out.push_back(
            Diagnostic::make(DiagnosticCode::lint_conflict_fires, policy.origin(), a.position,
                             fmt::format("actions '{}' and '{}' conflict but both fire after these answers: {}", a.id,
                                         b->id, *example)));
    }
}

// `waymark new` writes "Replace with ..." where the board's own words belong; a policy still
// holding one is not ready to publish, though it loads and its tests pass.
constexpr std::string_view placeholder = "Replace with";

void warn_placeholders(const Policy& policy, const std::function<void(SourcePosition, std::string)>& warn) {
  const auto check = [&](SourcePosition at, std::string_view what, std::initializer_list<std::string_view> texts) {
    std::vector<std::string_view> found;
    for (const std::string_view text : texts)
      if (text.find(placeholder) != std::string_view::npos) found.push_back(text);
    if (!found.empty())
      warn(at, fmt::format("{} still holds {} placeholder{} from `waymark new` (\"{}\"): write the policy's own "
                           "words",
                           what, found.size(), found.size() == 1 ? "" : "s", found.front()));
  };
  const PolicyInfo& info = policy.info();
  std::string sources;
  for (const auto& source : info.sources) sources += source;
  check({}, "[policy]", {info.title, info.owner, info.applies_to, info.summary, sources});
  for (const Role& role : policy.roles()) check({}, fmt::format("role '{}'", role.id), {role.title});
  for (const Question& q : policy.questions()) {
    std::string options;
    for (const Option& option : q.options) options += option.text;
    check(q.position, fmt::format("question '{}'", q.id), {q.text, q.help, q.section, q.source, options});
  }
  for (const Fact& f : policy.facts()) check(f.position, fmt::format("fact '{}'", f.id), {f.text, f.source});
  for (const Action& a : policy.actions())
    check(a.position, fmt::format("action '{}'", a.id), {a.text, a.why, a.record, a.timescale, a.section, a.source});
  for (const Note& n : policy.notes()) check(n.position, fmt::format("note '{}'", n.id), {n.text, n.source});
}

// Pathways: every step can be the current one (its condition holds and no later step's does),
// and each of its actions can fire while the case is at that step, so the ladder never hides a
// step and never shows a step's action while the case has not reached it.
void check_pathways(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                    std::vector<std::string>& unsettled, std::vector<Diagnostic>& out) {
  for (const Pathway& p : policy.pathways())
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
      const PathwayStep& step = p.steps[i];
      const CompiledExpr* current = step.is_current.compiled();
      if (!current) continue;
      const Found found = satisfiable(policy, domains, today, budget, *current);
      if (found == Found::unknown) {
        unsettled.push_back(fmt::format("whether step '{}' of pathway '{}' can be reached", step.id, p.id));
        continue;
      }
      if (found == Found::no) {
        out.push_back(Diagnostic::make(
            DiagnosticCode::lint_step_unreachable, policy.origin(), step.position,
            fmt::format("step '{}' of pathway '{}' can never be the current step: no answers make its "
                        "'when' true ({}) while every later step's is false; put the steps in the order "
                        "the case reaches them",
                        step.id, p.id, step.when.text())));
        continue;
      }
      for (const auto& id : step.actions) {
        const Action* a = policy.find_action(id);
        if (!a || !a->when.compiled()) continue;
        bool undecided = false;
        const auto example =
            witness(policy, domains, today, budget, {current, a->when.compiled()}, undecided, /*some_chronology=*/true);
        if (undecided)
          unsettled.push_back(fmt::format("whether action '{}' can fire at step '{}'", id, step.id));
        else if (!example)
          out.push_back(Diagnostic::make(
              DiagnosticCode::lint_step_action_never_fires, policy.origin(), step.position,
              fmt::format("action '{}' of step '{}' (pathway '{}') never fires while the case is at that "
                          "step: no answers make both its 'when' ({}) and the step's true",
                          id, step.id, p.id, a->when.text())));
      }
    }
}

LintReport search_policy(const Policy& policy, const LintOptions& options) {
  LintReport report;
  const std::string file = policy.origin();
  const int today = options.today.days_since_epoch();
  auto add = [&](DiagnosticCode code, SourcePosition at, std::string message) {
    report.diagnostics.push_back(Diagnostic::make(code, file, at, std::move(message)));
  };
  if (policy.overdue_for_review(options.today))
    add(DiagnosticCode::lint_review_passed, {},
        fmt::format("the review-by date {} has passed: the policy is due for review", policy.info().review_by.iso()));
  warn_placeholders(
      policy, [&](SourcePosition at, std::string message) { add(DiagnosticCode::lint_placeholder, at, message); });
  // A quoted passage nothing cites is never shown: a misspelt id in `cites` fails to load, and one
  // left out of every `cites` is found here.
  for (const SourceQuote& quote : policy.source_quotes()) {
    const auto cites = [&](const auto& items) {
      return std::any_of(items.begin(), items.end(), [&](const auto& item) {
        return std::find(item.cites.begin(), item.cites.end(), quote.id) != item.cites.end();
      });
    };
    if (!cites(policy.questions()) && !cites(policy.actions()))
      add(DiagnosticCode::lint_source_uncited, quote.position,
          fmt::format("[[source]] '{}' is cited by no question or action (add its id to their `cites`)", quote.id));
  }

  const Domains domains = make_domains(policy, today);
  std::size_t budget = options.max_states;
  std::vector<std::string> unsettled;  // the checks the budget did not let lint finish

  for (const Question& q : policy.questions()) {
    const CompiledExpr* ask_if = q.ask_if.compiled();
    if (!ask_if) continue;
    const Found found = satisfiable(policy, domains, today, budget, *ask_if);
    const bool approximate = has_infinite_domain(policy, closure(policy, ask_if));
    if (found == Found::no)
      add(approximate ? DiagnosticCode::lint_question_maybe_never_asked : DiagnosticCode::lint_question_never_asked,
          q.position,
          fmt::format("question '{}' can never be asked: no answers make its ask_if true ({}){}", q.id, q.ask_if.text(),
                      approximate ? " among the values lint tried" : ""));
    if (found == Found::unknown) unsettled.push_back(fmt::format("whether question '{}' can be asked", q.id));
  }
  for (const Action& a : policy.actions()) {
    const CompiledExpr* when = a.when.compiled();
    if (!when) continue;
    const Found found = satisfiable(policy, domains, today, budget, *when);
    const bool approximate = has_infinite_domain(policy, closure(policy, when));
    if (found == Found::no)
      add(approximate ? DiagnosticCode::lint_action_maybe_never_fires : DiagnosticCode::lint_action_never_fires,
          a.position,
          fmt::format("action '{}' can never fire: no answers make its 'when' true ({}){}", a.id, a.when.text(),
                      approximate ? " among the values lint tried" : ""));
    if (found == Found::unknown) unsettled.push_back(fmt::format("whether action '{}' can fire", a.id));
  }

  check_pathways(policy, domains, today, budget, unsettled, report.diagnostics);

  bool conflicts_undecided = false;
  check_conflicts(policy, domains, today, budget, conflicts_undecided, report.diagnostics);
  if (conflicts_undecided) unsettled.push_back("whether declared conflicts can both fire");

  // Dead ends: complete answers after which no action fires. A branch where some action is
  // already certain to fire cannot hold one, so it is cut.
  std::vector<int> all(policy.questions().size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  struct DeadEnd {
    std::string answers;
    SourcePosition at;
    std::string shape;  // the yes/no and choice answers, and which other questions were answered
  };
  std::vector<DeadEnd> dead;
  const std::size_t keep = options.all_dead_ends ? options.max_states : 10'000;
  std::size_t local = budget;
  Search search(policy, domains, today, local);
  bool complete_search = true;
  std::size_t dead_ends = 0;
  auto record = [&] {
    if (dead.size() < keep) dead.push_back({search.describe(), search.last_answered_position(), search.shape()});
  };
  try {
    dead_ends = search.count_dead_ends(all, record, options.all_dead_ends);
  } catch (const BudgetExceeded&) {
    complete_search = false;
    // The search ran out before finishing: the extremes (all yes, all no, every first option...)
    // are tried on their own, so an obvious dead end is reported however large the policy is.
    std::size_t widest = 0;
    for (const auto& values : domains.values) widest = std::max(widest, values.size());
    std::size_t probe_budget = 1'000'000;
    Search probe(policy, domains, today, probe_budget);
    std::set<std::string> seen;
    for (const auto& d : dead) seen.insert(d.answers);
    for (std::size_t k = 0; k < std::max<std::size_t>(widest, 2); ++k) {
      if (probe.probe_dead_end(k) && seen.insert(probe.describe()).second)
        dead.push_back({probe.describe(), probe.last_answered_position(), probe.shape()});
      probe.reset();
    }
    dead_ends = dead.size();
  }

  // Structurally distinct dead ends first: ones that differ in a yes/no or choice answer (or in
  // which questions were asked), not only in a number, date or text lint tried.
  std::vector<const DeadEnd*> ordered;
  std::set<std::string> shapes;
  for (const auto& d : dead)
    if (shapes.insert(d.shape).second) ordered.push_back(&d);
  const std::size_t distinct = ordered.size();
  for (const auto& d : dead)
    if (std::find(ordered.begin(), ordered.end(), &d) == ordered.end()) ordered.push_back(&d);
  const std::size_t shown = options.all_dead_ends ? ordered.size() : std::min<std::size_t>(3, distinct);
  for (std::size_t i = 0; i < shown; ++i)
    add(DiagnosticCode::lint_no_action_fires, ordered[i]->at,
        fmt::format("no action fires after these answers: {}", ordered[i]->answers));
  if (dead_ends > shown) {
    const std::size_t more_distinct = distinct > shown ? distinct - shown : 0;
    add(DiagnosticCode::lint_no_action_fires, {},
        fmt::format("{} more combinations of answers after which no action fires{}", dead_ends - shown,
                    options.all_dead_ends ? ""
                    : more_distinct
                        ? fmt::format(" ({} more of them differ from those shown in a yes/no or choice answer; "
                                      "`waymark lint --all-dead-ends` lists every one)",
                                      more_distinct)
                        : " (they differ from those shown only in numbers, dates or text; `waymark lint "
                          "--all-dead-ends` lists every one)"));
  }

  if (!complete_search) {
    const std::size_t from = search.shallowest_finished();
    std::string covered = from >= all.size()
                              ? "no subtree was finished"
                              : fmt::format(
                                    "every combination of the last {} question(s) "
                                    "({} to {}) was covered under the earlier "
                                    "answers it reached",
                                    all.size() - from, policy.questions()[from].id, policy.questions().back().id);
    unsettled.push_back(
        fmt::format("which answers leave nothing to do ({}; then all-first, all-last and each k-th "
                    "candidate answer were tried "
                    "for every question, e.g. all yes and all no)",
                    covered));
  }
  report.exhaustive = complete_search && unsettled.empty();
  const std::string method = domains.approximate
                                 ? "number, date and text answers were tried at the values the conditions compare "
                                   "them with"
                                 : "every yes/no, choice and multiple-choice answer was covered";
  if (report.exhaustive)
    report.summary = fmt::format("checked exhaustively ({} search states; {})", search.states(), method);
  else
    report.summary = fmt::format(
        "NOT checked exhaustively within {} search states: lint could not settle {} (the other "
        "checks are complete)",
        options.max_states, fmt::join(unsettled, "; "));
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
