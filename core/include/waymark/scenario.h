/// Scenario files: named cases of answers with what the policy must (and must not) recommend.
/// Boards test a policy with them (`policies/<id>.tests.toml`); trainers use the same files as
/// exercises, adding a vignette, tempting wrong choices and trainees' responses.
/// See docs/scenarios.md.
#pragma once

#include <waymark/chronology.h>
#include <waymark/date.h>
#include <waymark/error.h>
#include <waymark/evaluate.h>
#include <waymark/export.h>
#include <waymark/outcome.h>
#include <waymark/policy.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace waymark {

/// An id written somewhere in a scenario file, with where.
struct IdAt {
  std::string id;
  SourcePosition position;
};

/// An answer as written, before it is checked against its question: true/false, a number, text
/// (an option id or free text), a list of option ids, or a date.
using ScenarioValue = std::variant<bool, double, std::string, std::vector<std::string>, Date>;

struct ScenarioAnswer {
  std::string question_id;
  ScenarioValue value;
  SourcePosition position;  ///< of the value
};

/// Details that matter for an action that must fire; empty fields are not checked.
struct ActionExpectation {
  std::string action_id;
  std::string owner;
  std::optional<Urgency> urgency;
  std::optional<Date> due;
  SourcePosition position;
  /// Where the `owner`, `urgency` and `due` keys are (a failure points at the key at fault).
  SourcePosition owner_position, urgency_position, due_position;
};

struct Expectations {
  std::vector<IdAt> fires;
  std::vector<IdAt> does_not_fire;
  /// Notes of the policy that must be shown (e.g. where the source is silent).
  std::vector<IdAt> notes;
  /// Pathway steps the case must be at, as "pathway.step" (the current step of that pathway).
  std::vector<IdAt> at_step;
  /// Steps that must be shown under "If this continues", as "pathway.step".
  std::vector<IdAt> next_steps;
  /// Whether the answers must cover every question asked (the default).
  bool complete = true;
  std::vector<ActionExpectation> actions;
};

/// A choice offered to trainees that is not one of the policy's actions ("Close the case").
struct Distractor {
  std::string id;
  std::string text;
  /// The prohibition this choice goes against, if any (choosing it then scores worst).
  std::string breaches;
  SourcePosition position;
};

/// How much an action matters when a trainee's choices are scored (`[scenario.importance]`):
/// "essential", "expected" or "optional". Actions not listed take a default from their kind and
/// urgency (docs/scenarios.md).
struct ActionImportance {
  std::string action;
  std::string level;
  SourcePosition position;
};

/// One of a trainee's choices: an action or distractor id, with the owner and timescale given.
struct Choice {
  std::string id;
  std::string owner;
  std::optional<Urgency> urgency;
  SourcePosition position;
};

/// What one trainee chose for a scenario.
struct Response {
  std::string trainee;
  std::vector<Choice> choices;
  SourcePosition position;
};

struct Scenario {
  std::string id;
  std::string title;
  /// The story a trainee reads.
  std::string vignette;
  std::optional<Date> date;
  std::vector<ScenarioAnswer> answers;
  /// The case's chronology ([[scenario.event]], as an answers file's [[event]]), which
  /// chronology functions in conditions read.
  std::vector<Event> events;
  Expectations expect;
  std::vector<Distractor> distractors;
  std::vector<Response> responses;
  /// For trainers' scoring: overrides of actions' importance, and the percentage of the marks a
  /// trainee needs to pass (unset: the default, docs/scenarios.md).
  std::vector<ActionImportance> importance;
  std::optional<int> pass_mark;
  SourcePosition position;
};

struct WAYMARK_EXPORT ScenarioFile {
  std::string origin;
  /// From the `policy` key, else from a file named `<policy id>.tests.toml`.
  std::string policy_id;
  /// The default session date of every scenario in the file.
  std::optional<Date> date;
  std::vector<Scenario> scenarios;
  /// The file's text, so later checks can quote the offending line.
  std::string text;

  const Scenario* find(std::string_view id) const;
};

/// Reads a scenario file's structure (ids and answers are checked against a policy later).
/// Throws PolicyError with file:line:column for each problem.
WAYMARK_EXPORT ScenarioFile parse_scenario_text(std::string_view toml, std::string origin);
WAYMARK_EXPORT ScenarioFile load_scenario_file(const std::filesystem::path& path);

/// Checks every question, action and distractor id and every answer in the file against the
/// policy. Returns the problems found (none if the file fits the policy).
WAYMARK_EXPORT std::vector<Diagnostic> check_scenario_file(const ScenarioFile& file, const Policy& policy);

/// A scenario's answers typed for the policy. Throws PolicyError naming the file, line and column
/// of each answer that does not fit its question.
WAYMARK_EXPORT std::vector<IndexedAnswer> scenario_answers(const ScenarioFile& file, const Scenario& scenario,
                                                           const Policy& policy);

/// The session date of a scenario: its own, else the file's, else today.
WAYMARK_EXPORT Date scenario_date(const ScenarioFile& file, const Scenario& scenario);

struct ScenarioRun {
  Outcome outcome;
  /// Each expectation not met, at the expectation's position, saying what happened instead.
  std::vector<Diagnostic> failures;
  bool passed() const { return failures.empty(); }
};

/// Evaluates a scenario and checks its expectations. Throws PolicyError when an answer does not
/// fit or answers a question that is not asked given the answers before it.
WAYMARK_EXPORT ScenarioRun run_scenario(const ScenarioFile& file, const Scenario& scenario,
                                        const std::shared_ptr<const Policy>& policy);

}  // namespace waymark
