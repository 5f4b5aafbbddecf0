#include "event_table.h"
#include "text_match.h"
#include "toml_guard.h"
#include "toml_reader.h"

#include <waymark/input_file.h>
#include <waymark/answers_file.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <variant>

namespace waymark {

namespace {

using detail::position_of;

// The TOML value as an answer to `q`, or a reason it is not one.
std::variant<Answer, std::string> answer_from_toml(const Question& q, const toml::node& node) {
  switch (q.kind) {
    case QuestionKind::yes_no:
      if (const auto* b = node.as_boolean()) return Answer::of_yes_no(b->get());  // not 1 or 0
      return std::string("a yes/no question takes true or false (without quotes)");
    case QuestionKind::choice:
      if (auto s = node.value<std::string>()) return Answer::of_choice(*s);
      return std::string("a choice question takes an option id in quotes");
    case QuestionKind::multi_choice: {
      const auto* array = node.as_array();
      if (!array) return std::string("a multi_choice question takes a list of option ids, like [\"a\", \"b\"]");
      std::vector<std::string> ids;
      for (const auto& item : *array) {
        auto s = item.value<std::string>();
        if (!s) return std::string("every item in the list must be an option id in quotes");
        ids.push_back(*s);
      }
      return Answer::of_choices(std::move(ids));
    }
    case QuestionKind::number:
      if (node.is_number()) return Answer::of_number(*node.value<double>());
      return std::string("a number question takes a number (without quotes)");
    case QuestionKind::date:
      if (const auto* d = node.as_date()) {
        const toml::date& v = d->get();
        if (auto date = Date::from_ymd(v.year, v.month, v.day)) return Answer::of_date(*date);
      }
      return std::string("a date question takes a date like 2026-11-25 (without quotes)");
    case QuestionKind::text:
      if (auto s = node.value<std::string>()) return Answer::of_text(*s);
      return std::string("a text question takes text in quotes");
  }
  return std::string("unsupported question kind");
}

// Why the session would refuse this case reference, checked here so the error can name its line.
std::optional<std::string> case_reference_problem(const Policy& policy, const std::string& reference) {
  if (reference.empty()) return std::nullopt;
  Session probe(std::shared_ptr<const Policy>(std::shared_ptr<const Policy>(), &policy), Date{});
  try {
    probe.set_case_reference(reference);
  } catch (const AnswerError& e) {
    return e.reason();
  }
  return std::nullopt;
}

}  // namespace

AnswersFile parse_answers_text(std::string_view toml_text, std::string origin, const Policy& policy) {
  detail::SourceFile file(std::move(origin), std::string(toml_text));
  detail::DiagnosticSink sink(file);
  AnswersFile out;
  out.origin = file.name();
  try {
    const toml::table root = detail::parse_toml(file);
    detail::TableReader top(root, "the answers file", sink);
    const toml::node* session = top.node("session");
    const toml::node* answers = top.node("answers");
    const toml::node* decisions = top.node("decisions");
    const toml::node* added = top.node("added_action");
    const toml::node* events = top.node("event");
    top.finish({"session", "answers", "decisions", "added_action", "event"});
    if (events) out.events = detail::read_event_tables(*events, sink);
    if (session) {
      if (const auto* table = session->as_table()) {
        detail::TableReader r(*table, "[session]", sink);
        if (r.node("date")) out.date = r.date("date");
        out.case_reference = r.text("case", false);
        if (auto problem = case_reference_problem(policy, out.case_reference))
          sink.report(DiagnosticCode::answers_case_reference, r.position("case"), *problem);
        r.finish({"date", "case"});
      } else {
        sink.report(DiagnosticCode::toml_table_shape, position_of(*session), "[session] must be a table");
      }
    }
    if (!answers || !answers->as_table()) {
      sink.report(DiagnosticCode::answers_missing_table, answers ? position_of(*answers) : SourcePosition{1, 1},
                  "the answers file needs an [answers] table");
    } else {
      for (auto&& [key, value] : *answers->as_table()) {
        const Question* q = policy.find_question(key.str());
        if (!q) {
          detail::ClosestMatch match(key.str());
          for (const auto& candidate : policy.questions()) match.consider(candidate.id);
          sink.report(DiagnosticCode::answers_unknown_question, position_of(key),
                      fmt::format("policy '{}' has no question '{}'{}", policy.id(), key.str(),
                                  match.best().empty() ? "" : fmt::format(" (did you mean '{}'?)", match.best())));
          continue;
        }
        auto parsed = answer_from_toml(*q, value);
        if (auto* reason = std::get_if<std::string>(&parsed)) {
          sink.report(DiagnosticCode::answers_wrong_type, position_of(value),
                      fmt::format("wrong answer type for '{}': {}", q->id, *reason));
          continue;
        }
        try {
          validate_answer(*q, std::get<Answer>(parsed));
          out.answers.push_back({q->id, std::get<Answer>(parsed), position_of(value)});
        } catch (const AnswerError& e) {
          sink.report(DiagnosticCode::answers_refused, position_of(value),
                      fmt::format("bad answer for '{}': {}", q->id, e.reason()));
        }
      }
    }
    if (decisions) {
      const auto* table = decisions->as_table();
      if (!table)
        sink.report(DiagnosticCode::answers_bad_decision, position_of(*decisions),
                    "[decisions] must be a table of action id = { judgement = ... }");
      static const toml::table none;  // iterating a copy would lose the source positions
      for (auto&& [key, value] : table ? *table : none) {
        const auto* entry = value.as_table();
        if (!policy.find_action(key.str()) || !entry) {
          sink.report(DiagnosticCode::answers_bad_decision, position_of(key),
                      !entry ? fmt::format("decision '{}' must be {{ judgement = \"accept\" }}", key.str())
                             : fmt::format("policy '{}' has no action '{}'", policy.id(), key.str()));
          continue;
        }
        detail::TableReader r(*entry, fmt::format("decision '{}'", key.str()), sink);
        const std::string word = r.text("judgement");
        const std::string reason = r.text("reason", false);
        r.finish({"judgement", "reason"});
        auto judgement = parse<Judgement>(word);
        if (!judgement && !word.empty())
          sink.report(DiagnosticCode::answers_bad_judgement, r.position("judgement"),
                      fmt::format("judgement '{}' must be accept, adapt or decline", word));
        if (judgement) out.decisions.push_back({{std::string(key.str()), *judgement, reason, ""}, position_of(key)});
      }
    }
    if (added) {
      const auto* array = added->as_array();
      if (!array)
        sink.report(DiagnosticCode::toml_table_shape, position_of(*added),
                    "added actions are written as [[added_action]] tables");
      static const toml::array none;  // iterating a copy would lose the source positions
      for (const auto& item : array ? *array : none) {
        const auto* entry = item.as_table();
        if (!entry) {
          sink.report(DiagnosticCode::toml_table_shape, position_of(item),
                      "added actions are written as [[added_action]] tables");
          continue;
        }
        detail::TableReader r(*entry, "[[added_action]]", sink);
        AddedAction a{r.text("text"), r.text("owner", false), r.text("reason"), ""};
        r.finish({"text", "owner", "reason"});
        out.added_actions.push_back(std::move(a));
      }
    }
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    sink.report(DiagnosticCode::toml_syntax, {begin.line, begin.column}, detail::describe_toml_error(error, file));
  }
  if (sink.has_errors()) throw PolicyError(sink.take());
  return out;
}

AnswersFile load_answers_file(const std::filesystem::path& path, const Policy& policy) {
  InputFile file = read_input_file(path);
  if (!file)
    throw PolicyError(
        {Diagnostic::make(DiagnosticCode::file_unreadable, path.string(), {}, "the answers file " + file.problem)});
  return parse_answers_text(file.text, path.string(), policy);
}

Session start_session(std::shared_ptr<const Policy> policy, const AnswersFile& file, Date default_date,
                      std::string_view at) {
  Session session(policy, file.date.value_or(default_date));
  if (!file.events.empty()) session.set_chronology(std::make_shared<const Chronology>(file.events), at);
  auto fail = [&](DiagnosticCode code, SourcePosition pos, std::string message) {
    throw PolicyError({Diagnostic::make(code, file.origin, pos, std::move(message))});
  };
  if (!file.case_reference.empty()) {
    try {
      session.set_case_reference(file.case_reference);
    } catch (const AnswerError& e) {
      fail(DiagnosticCode::answers_case_reference, {}, e.reason());
    }
  }
  // In the policy's order, so each answer is checked against the answers before it.
  for (const Question& q : policy->questions()) {
    for (const auto& given : file.answers) {
      if (given.question_id != q.id) continue;
      if (!session.is_applicable(q.id))
        fail(DiagnosticCode::answers_not_asked, given.position,
             fmt::format("'{}' is not asked given the answers before it (it is asked only if {})", q.id,
                         q.ask_if.text()));
      session.answer(q.id, given.answer, at);
    }
  }
  for (const auto& judged : file.decisions) {
    try {
      session.judge(judged.decision.action_id, judged.decision.judgement, judged.decision.reason, at);
    } catch (const AnswerError& e) {
      fail(DiagnosticCode::answers_decision_refused, judged.position,
           fmt::format("decision on '{}': {}", judged.decision.action_id, e.reason()));
    }
  }
  for (AddedAction added : file.added_actions) {
    added.at = std::string(at);
    session.add_action(std::move(added));
  }
  return session;
}

}  // namespace waymark
