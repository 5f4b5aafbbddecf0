// Lint's checks that look for one thing each: text left unwritten, questions and actions no
// answers reach, pathway steps out of order, and declared conflicts that fire together.
#include "lint_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "lint_search.h"

namespace waymark::detail {

LintRun::LintRun(const Policy& policy_, const LintOptions& options_)
    : policy(policy_),
      options(options_),
      today(options_.today.days_since_epoch()),
      domains(make_domains(policy_, today)),
      budget(options_.max_states) {}

void LintRun::add(DiagnosticCode code, SourcePosition at, std::string message) {
  found.push_back(Diagnostic::make(code, policy.origin(), at, std::move(message)));
}

namespace {

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

}  // namespace

void check_text(LintRun& run) {
  const Policy& policy = run.policy;
  if (policy.overdue_for_review(run.options.today))
    run.add(
        DiagnosticCode::lint_review_passed, {},
        fmt::format("the review-by date {} has passed: the policy is due for review", policy.info().review_by.iso()));
  warn_placeholders(run.policy, [&](SourcePosition at, std::string message) {
    run.add(DiagnosticCode::lint_placeholder, at, std::move(message));
  });
  // A quoted passage nothing cites is never shown: a misspelt id in `cites` fails to load, and one
  // left out of every `cites` is found here.
  for (const SourceQuote& quote : policy.source_quotes()) {
    const auto cites = [&](const auto& items) {
      return std::any_of(items.begin(), items.end(), [&](const auto& item) {
        return std::find(item.cites.begin(), item.cites.end(), quote.id) != item.cites.end();
      });
    };
    if (!cites(policy.questions()) && !cites(policy.actions()))
      run.add(DiagnosticCode::lint_source_uncited, quote.position,
              fmt::format("[[source]] '{}' is cited by no question or action (add its id to their `cites`)", quote.id));
  }
}

void check_reachability(LintRun& run) {
  const Policy& policy = run.policy;
  for (const Question& q : policy.questions()) {
    const CompiledExpr* ask_if = q.ask_if.compiled();
    if (!ask_if) continue;
    const Found found = satisfiable(policy, run.domains, run.today, run.budget, *ask_if);
    const bool approximate = has_infinite_domain(policy, closure(policy, ask_if));
    if (found == Found::no)
      run.add(approximate ? DiagnosticCode::lint_question_maybe_never_asked : DiagnosticCode::lint_question_never_asked,
              q.position,
              fmt::format("question '{}' can never be asked: no answers make its ask_if true ({}){}", q.id,
                          q.ask_if.text(), approximate ? " among the values lint tried" : ""));
    if (found == Found::unknown) run.unsettled.push_back(fmt::format("whether question '{}' can be asked", q.id));
  }
  for (const Action& a : policy.actions()) {
    const CompiledExpr* when = a.when.compiled();
    if (!when) continue;
    const Found found = satisfiable(policy, run.domains, run.today, run.budget, *when);
    const bool approximate = has_infinite_domain(policy, closure(policy, when));
    if (found == Found::no)
      run.add(approximate ? DiagnosticCode::lint_action_maybe_never_fires : DiagnosticCode::lint_action_never_fires,
              a.position,
              fmt::format("action '{}' can never fire: no answers make its 'when' true ({}){}", a.id, a.when.text(),
                          approximate ? " among the values lint tried" : ""));
    if (found == Found::unknown) run.unsettled.push_back(fmt::format("whether action '{}' can fire", a.id));
  }
}

// Pathways: every step can be the current one (its condition holds and no later step's does),
// and each of its actions can fire while the case is at that step, so the ladder never hides a
// step and never shows a step's action while the case has not reached it.
void check_pathways(LintRun& run) {
  const Policy& policy = run.policy;
  for (const Pathway& p : policy.pathways())
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
      const PathwayStep& step = p.steps[i];
      const CompiledExpr* current = step.is_current.compiled();
      if (!current) continue;
      const Found found = satisfiable(policy, run.domains, run.today, run.budget, *current);
      if (found == Found::unknown) {
        run.unsettled.push_back(fmt::format("whether step '{}' of pathway '{}' can be reached", step.id, p.id));
        continue;
      }
      if (found == Found::no) {
        run.add(DiagnosticCode::lint_step_unreachable, step.position,
                fmt::format("step '{}' of pathway '{}' can never be the current step: no answers make its "
                            "'when' true ({}) while every later step's is false; put the steps in the order "
                            "the case reaches them",
                            step.id, p.id, step.when.text()));
        continue;
      }
      for (const auto& id : step.actions) {
        const Action* a = policy.find_action(id);
        if (!a || !a->when.compiled()) continue;
        bool undecided = false;
        const auto example = witness(policy, run.domains, run.today, run.budget, {current, a->when.compiled()},
                                     undecided, /*some_chronology=*/true);
        if (undecided)
          run.unsettled.push_back(fmt::format("whether action '{}' can fire at step '{}'", id, step.id));
        else if (!example)
          run.add(DiagnosticCode::lint_step_action_never_fires, step.position,
                  fmt::format("action '{}' of step '{}' (pathway '{}') never fires while the case is at that "
                              "step: no answers make both its 'when' ({}) and the step's true",
                              id, step.id, p.id, a->when.text()));
      }
    }
}

// Declared conflicts (`conflicts_with`): answers that fire both actions, each pair reported once.
void check_conflicts(LintRun& run) {
  const Policy& policy = run.policy;
  bool undecided = false;
  std::set<std::pair<std::string, std::string>> seen;
  for (const Action& a : policy.actions())
    for (const auto& other_id : a.conflicts_with) {
      const Action* b = policy.find_action(other_id);
      if (!b || !a.when.compiled() || !b->when.compiled()) continue;
      if (!seen.insert(std::minmax(a.id, b->id)).second) continue;
      const auto example =
          witness(policy, run.domains, run.today, run.budget, {a.when.compiled(), b->when.compiled()}, undecided);
      if (example)
        run.add(
            DiagnosticCode::lint_conflict_fires, a.position,
            fmt::format("actions '{}' and '{}' conflict but both fire after these answers: {}", a.id, b->id, *example));
    }
  if (undecided) run.unsettled.push_back("whether declared conflicts can both fire");
}

}  // namespace waymark::detail
