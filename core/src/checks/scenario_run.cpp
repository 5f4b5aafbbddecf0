// Checking a scenario file against its policy, and running its scenarios.
#include <fmt/format.h>
#include <waymark/scenario.h>

#include <algorithm>
#include <cctype>

#include "text_match.h"
#include "toml_reader.h"

namespace waymark {

namespace {

// An urgency in a board's words, with its TOML spelling where that differs: "the same day
// (same_day)".
std::string due_words(const Urgency& u) {
  if (u.kind == Urgency::Kind::not_stated) return "with no timescale given (not_stated)";
  std::string label = u.label();
  label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  return label == u.spelling() ? label : fmt::format("{} ({})", label, u.spelling());
}

// Diagnostics quoting the scenario file's lines, as the loader's do.
class Findings {
 public:
  explicit Findings(const ScenarioFile& file) : source_(file.origin, file.text), sink_(source_) {}
  void report(DiagnosticCode code, SourcePosition at, std::string message) {
    sink_.report(code, at, std::move(message));
  }
  // In file order, whatever order the checks ran in (toml++ tables iterate by key).
  std::vector<Diagnostic> take() {
    std::vector<Diagnostic> out = sink_.take();
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.position.line, a.position.column) < std::pair(b.position.line, b.position.column);
    });
    return out;
  }

 private:
  detail::SourceFile source_;
  detail::DiagnosticSink sink_;
};

std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates) {
  detail::ClosestMatch match(wrong);
  for (const auto& c : candidates) match.consider(c);
  return match.best().empty() ? "" : fmt::format(" (did you mean '{}'?)", match.best());
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.id);
  return out;
}

// The value as an answer to `q`, or a reason it is not one (the same words as answers files).
std::variant<Answer, std::string> typed(const Question& q, const ScenarioValue& v) {
  switch (q.kind) {
    case QuestionKind::yes_no:
      if (const bool* b = std::get_if<bool>(&v)) return Answer::of_yes_no(*b);
      return std::string("a yes/no question takes true or false (without quotes)");
    case QuestionKind::choice:
      if (const auto* s = std::get_if<std::string>(&v)) return Answer::of_choice(*s);
      return std::string("a choice question takes an option id in quotes");
    case QuestionKind::multi_choice:
      if (const auto* ids = std::get_if<std::vector<std::string>>(&v)) return Answer::of_choices(*ids);
      return std::string("a multi_choice question takes a list of option ids, like [\"a\", \"b\"]");
    case QuestionKind::number:
      if (const double* n = std::get_if<double>(&v)) return Answer::of_number(*n);
      return std::string("a number question takes a number (without quotes)");
    case QuestionKind::date:
      if (const Date* d = std::get_if<Date>(&v)) return Answer::of_date(*d);
      return std::string("a date question takes a date like 2026-11-25 (without quotes)");
    case QuestionKind::text:
      if (const auto* s = std::get_if<std::string>(&v)) return Answer::of_text(*s);
      return std::string("a text question takes text in quotes");
  }
  return std::string("unsupported question kind");
}

// Appends the typed answers of a scenario, and a finding for each that does not fit.
void type_answers(const Scenario& s, const Policy& policy, Findings& findings, std::vector<IndexedAnswer>* out) {
  for (const ScenarioAnswer& given : s.answers) {
    const int index = policy.question_index(given.question_id);
    if (index < 0) {
      findings.report(DiagnosticCode::scenario_unknown_question, given.position,
                      fmt::format("policy '{}' has no question '{}'{}", policy.id(), given.question_id,
                                  did_you_mean(given.question_id, ids_of(policy.questions()))));
      continue;
    }
    const Question& q = policy.questions()[static_cast<std::size_t>(index)];
    auto answer = typed(q, given.value);
    if (const auto* reason = std::get_if<std::string>(&answer)) {
      findings.report(DiagnosticCode::scenario_answer_refused, given.position,
                      fmt::format("wrong answer type for '{}': {}", q.id, *reason));
      continue;
    }
    try {
      validate_answer(q, std::get<Answer>(answer));
      if (out) out->push_back({index, std::get<Answer>(std::move(answer))});
    } catch (const AnswerError& e) {
      findings.report(DiagnosticCode::scenario_answer_refused, given.position,
                      fmt::format("bad answer for '{}': {}", q.id, e.reason()));
    }
  }
}

void check_action_id(const IdAt& id, const Policy& policy, Findings& findings) {
  if (!policy.find_action(id.id))
    findings.report(DiagnosticCode::scenario_unknown_name, id.position,
                    fmt::format("policy '{}' has no action '{}'{}", policy.id(), id.id,
                                did_you_mean(id.id, ids_of(policy.actions()))));
}

void check_note_id(const IdAt& id, const Policy& policy, Findings& findings) {
  const auto& notes = policy.notes();
  if (std::none_of(notes.begin(), notes.end(), [&](const Note& n) { return n.id == id.id; }))
    findings.report(
        DiagnosticCode::scenario_unknown_name, id.position,
        fmt::format("policy '{}' has no note '{}'{}", policy.id(), id.id, did_you_mean(id.id, ids_of(notes))));
}

// "pathway.step" names a step of one of the policy's pathways.
void check_step_id(const IdAt& id, const Policy& policy, Findings& findings) {
  const auto dot = id.id.find('.');
  for (const Pathway& p : policy.pathways())
    if (dot != std::string::npos && p.id == id.id.substr(0, dot))
      for (const PathwayStep& step : p.steps)
        if (step.id == id.id.substr(dot + 1)) return;
  std::vector<std::string> known;
  for (const Pathway& p : policy.pathways())
    for (const PathwayStep& step : p.steps) known.push_back(p.id + "." + step.id);
  findings.report(DiagnosticCode::scenario_unknown_name, id.position,
                  fmt::format("policy '{}' has no pathway step '{}' (write pathway.step){}", policy.id(), id.id,
                              did_you_mean(id.id, known)));
}

void check_ids(const Scenario& s, const Policy& policy, Findings& findings) {
  for (const auto& id : s.expect.at_step) check_step_id(id, policy, findings);
  for (const auto& id : s.expect.next_steps) check_step_id(id, policy, findings);
  for (const auto& id : s.expect.notes) check_note_id(id, policy, findings);
  for (const auto& id : s.expect.fires) check_action_id(id, policy, findings);
  for (const auto& id : s.expect.does_not_fire) check_action_id(id, policy, findings);
  for (const auto& e : s.expect.actions) check_action_id({e.action_id, e.position}, policy, findings);
  for (const auto& e : s.expect.actions)
    if (!e.owner.empty() &&
        std::none_of(policy.roles().begin(), policy.roles().end(), [&](const Role& r) { return r.id == e.owner; }))
      findings.report(DiagnosticCode::scenario_unknown_name, e.position,
                      fmt::format("policy '{}' has no role '{}'", policy.id(), e.owner));
  for (const auto& i : s.importance)
    if (!policy.find_action(i.action))
      findings.report(DiagnosticCode::scenario_unknown_name, i.position,
                      fmt::format("[scenario.importance] names '{}', which is not an action of policy '{}'", i.action,
                                  policy.id()));
  for (const auto& d : s.distractors) {
    if (policy.find_action(d.id))
      findings.report(DiagnosticCode::scenario_bad_distractor, d.position,
                      fmt::format("distractor '{}' has the id of one of the policy's actions", d.id));
    const Action* breached = d.breaches.empty() ? nullptr : policy.find_action(d.breaches);
    if (!d.breaches.empty() && (!breached || breached->kind != ActionKind::prohibition))
      findings.report(DiagnosticCode::scenario_bad_distractor, d.position,
                      fmt::format("distractor '{}' breaches '{}', which is not a prohibition of policy '{}'", d.id,
                                  d.breaches, policy.id()));
  }
  for (const auto& r : s.responses)
    for (const auto& c : r.choices) {
      const bool distractor =
          std::any_of(s.distractors.begin(), s.distractors.end(), [&](const Distractor& d) { return d.id == c.id; });
      if (!distractor && !policy.find_action(c.id))
        findings.report(DiagnosticCode::scenario_unknown_choice, c.position,
                        fmt::format("trainee '{}' chose '{}', which is neither an action of policy '{}' nor "
                                    "a distractor of scenario '{}'",
                                    r.trainee, c.id, policy.id(), s.id));
    }
}

const Recommendation* find(const Outcome& outcome, std::string_view id) {
  for (const auto& r : outcome.actions)
    if (r.action->id == id) return &r;
  return nullptr;
}

std::string reasons(const Outcome& outcome, const Recommendation& r) {
  std::string out;
  for (const Because& b : reasons_for(outcome, r)) {
    out += fmt::format("{}{} = {}", out.empty() ? " because " : ", ", b.id, b.value);
    // The options that decided it when they were not chosen, which the answer itself does not show.
    for (const auto& option : b.not_chosen) out += fmt::format(" (not {})", option);
  }
  return out;
}

void check_expectations(const Scenario& s, const Outcome& outcome, const Policy& policy, Findings& findings) {
  const std::string where = fmt::format("scenario '{}'", s.id);
  if (s.expect.complete && !outcome.complete) {
    std::string missing;
    for (const auto& id : outcome.unanswered) missing += (missing.empty() ? "" : ", ") + id;
    findings.report(DiagnosticCode::scenario_incomplete, s.position,
                    fmt::format("{}: the answers leave questions unanswered ({}); answer them, or say "
                                "complete = false in [scenario.expect]",
                                where, missing));
  }
  for (const auto& id : s.expect.fires)
    if (!find(outcome, id.id))
      findings.report(DiagnosticCode::scenario_should_fire, id.position,
                      fmt::format("{}: '{}' should fire, but does not (its condition: {})", where, id.id,
                                  policy.find_action(id.id)->when.text()));
  for (const auto& id : s.expect.does_not_fire)
    if (const Recommendation* r = find(outcome, id.id))
      findings.report(DiagnosticCode::scenario_should_not_fire, id.position,
                      fmt::format("{}: '{}' should not fire, but does{}", where, id.id, reasons(outcome, *r)));
  for (const auto& id : s.expect.notes)
    if (std::none_of(outcome.notes.begin(), outcome.notes.end(), [&](const Note* n) { return n->id == id.id; })) {
      const auto& notes = policy.notes();
      const auto note = std::find_if(notes.begin(), notes.end(), [&](const Note& n) { return n.id == id.id; });
      findings.report(
          DiagnosticCode::scenario_note_not_shown, id.position,
          fmt::format(
              "{}: note '{}' should be shown, but is not{}", where, id.id,
              note == notes.end() || note->when.empty() ? "" : fmt::format(" (its condition: {})", note->when.text())));
    }
  for (const auto& id : s.expect.at_step) {
    std::string where_now;
    bool found = false;
    for (const PathwayPlace& place : outcome.pathways) {
      const std::string at = place.pathway->id + "." + place.pathway->steps[place.current].id;
      found |= at == id.id;
      where_now += (where_now.empty() ? "" : ", ") + at;
    }
    if (!found)
      findings.report(DiagnosticCode::scenario_wrong_step, id.position,
                      fmt::format("{}: the case should be at step '{}', but is at {}", where, id.id,
                                  where_now.empty() ? "no pathway's step" : where_now));
  }
  for (const auto& id : s.expect.next_steps) {
    bool found = false;
    for (const PathwayPlace& place : outcome.pathways)
      for (const NextStep& next : place.next) found |= place.pathway->id + "." + next.step->id == id.id;
    if (!found)
      findings.report(DiagnosticCode::scenario_not_continuing, id.position,
                      fmt::format("{}: '{}' should be shown under \"If this continues\", but is not", where, id.id));
  }
  for (const auto& e : s.expect.actions) {
    const Recommendation* r = find(outcome, e.action_id);
    if (!r) {
      findings.report(DiagnosticCode::scenario_should_fire, e.position,
                      fmt::format("{}: '{}' should fire, but does not", where, e.action_id));
      continue;
    }
    const Action& a = *r->action;
    // Each failure points at the key at fault, not the table header.
    auto at = [&](SourcePosition key) { return key.line > 0 ? key : e.position; };
    if (!e.owner.empty() && e.owner != a.owner)
      findings.report(
          DiagnosticCode::scenario_wrong_owner, at(e.owner_position),
          fmt::format("{}: '{}' should be owned by '{}', but is owned by '{}'", where, e.action_id, e.owner, a.owner));
    if (e.urgency && e.urgency->spelling() != a.urgency.spelling())
      findings.report(DiagnosticCode::scenario_wrong_due, at(e.urgency_position),
                      fmt::format("{}: '{}' should be due {}, but is due {}", where, e.action_id, due_words(*e.urgency),
                                  due_words(a.urgency)));
    if (e.due && r->due != e.due)
      findings.report(DiagnosticCode::scenario_wrong_due, at(e.due_position),
                      fmt::format("{}: '{}' should be due on {}, but is due {}", where, e.action_id, e.due->iso(),
                                  r->due ? "on " + r->due->iso() : "without a date"));
  }
}

}  // namespace

std::vector<Diagnostic> check_scenario_file(const ScenarioFile& file, const Policy& policy) {
  Findings findings(file);
  if (file.policy_id != policy.id())
    findings.report(DiagnosticCode::scenario_wrong_policy, {1, 1},
                    fmt::format("the scenarios are for policy '{}', not '{}'", file.policy_id, policy.id()));
  for (const Scenario& s : file.scenarios) {
    type_answers(s, policy, findings, nullptr);
    check_ids(s, policy, findings);
  }
  return findings.take();
}

std::vector<IndexedAnswer> scenario_answers(const ScenarioFile& file, const Scenario& scenario, const Policy& policy) {
  Findings findings(file);
  std::vector<IndexedAnswer> out;
  type_answers(scenario, policy, findings, &out);
  std::vector<Diagnostic> problems = findings.take();
  if (!problems.empty()) throw PolicyError(std::move(problems));
  return out;
}

Date scenario_date(const ScenarioFile& file, const Scenario& scenario) {
  return scenario.date.value_or(file.date.value_or(Date::today()));
}

ScenarioRun run_scenario(const ScenarioFile& file, const Scenario& scenario,
                         const std::shared_ptr<const Policy>& policy) {
  std::vector<IndexedAnswer> answers = scenario_answers(file, scenario, *policy);
  ScenarioRun run;
  try {
    auto chronology = scenario.events.empty() ? nullptr : std::make_shared<const Chronology>(scenario.events);
    // Reasons only when a failure quotes them, or a caller asks (reasons_for).
    run.outcome = evaluate_answers(policy, std::move(answers), scenario_date(file, scenario), std::move(chronology),
                                   Reasons::on_demand);
  } catch (const AnswerError& e) {
    // Point at the answer the policy refused.
    SourcePosition at = scenario.position;
    for (const auto& a : scenario.answers)
      if (a.question_id == e.question_id()) at = a.position;
    Findings findings(file);
    findings.report(DiagnosticCode::scenario_answer_refused, at,
                    fmt::format("scenario '{}': '{}': {}", scenario.id, e.question_id(), e.reason()));
    throw PolicyError(findings.take());
  }
  Findings findings(file);
  check_expectations(scenario, run.outcome, *policy, findings);
  run.failures = findings.take();
  return run;
}

}  // namespace waymark
