// Reading scenario files. Only the structure is checked here: ids and answers need the policy,
// which the file names, so they are checked afterwards (scenario_run.cpp).
#include <fmt/format.h>
#include <waymark/input_file.h>
#include <waymark/scenario.h>

#include <fstream>
#include <set>
#include <sstream>

#include "event_table.h"
#include "toml_guard.h"
#include "toml_reader.h"

namespace waymark {

namespace {

using detail::position_of;

constexpr std::string_view tests_suffix = ".tests.toml";

std::optional<ScenarioValue> value_of(const toml::node& node) {
  if (const auto* b = node.as_boolean()) return ScenarioValue(b->get());
  if (node.is_integer() || node.is_floating_point()) return ScenarioValue(*node.value<double>());
  if (const auto* s = node.as_string()) return ScenarioValue(s->get());
  if (const auto* d = node.as_date()) {
    const toml::date& v = d->get();
    if (auto date = Date::from_ymd(v.year, v.month, v.day)) return ScenarioValue(*date);
    return std::nullopt;
  }
  if (const auto* array = node.as_array()) {
    std::vector<std::string> ids;
    for (const auto& item : *array) {
      const auto* s = item.as_string();
      if (!s) return std::nullopt;
      ids.push_back(s->get());
    }
    return ScenarioValue(std::move(ids));
  }
  return std::nullopt;
}

// A list of ids, each with its own position (for messages that point at the id at fault).
std::vector<IdAt> ids_of(detail::TableReader& r, std::string_view key, detail::DiagnosticSink& sink) {
  std::vector<IdAt> out;
  const toml::node* node = r.node(key);
  if (!node) return out;
  const auto* array = node->as_array();
  if (!array) {
    sink.report(DiagnosticCode::scenario_bad_value, position_of(*node),
                fmt::format("'{}' in {} is a list of action ids, like [\"a\", \"b\"]", key, r.what()));
    return out;
  }
  for (const auto& item : *array) {
    if (const auto* s = item.as_string())
      out.push_back({s->get(), position_of(item)});
    else
      sink.report(DiagnosticCode::scenario_bad_value, position_of(item),
                  fmt::format("'{}' in {} holds action ids in quotes", key, r.what()));
  }
  return out;
}

std::optional<Date> optional_date(detail::TableReader& r, std::string_view key) {
  return r.node(key) ? r.date(key) : std::nullopt;
}

std::optional<Urgency> urgency_of(detail::TableReader& r, detail::DiagnosticSink& sink) {
  const std::string text = r.text("urgency", false);
  if (text.empty()) return std::nullopt;
  auto urgency = Urgency::parse(text);
  if (!urgency)
    sink.report(DiagnosticCode::scenario_bad_urgency, r.position("urgency"),
                fmt::format("urgency '{}' is not immediate, same_shift, same_day, within N days|weeks|months, "
                            "next_review or not_stated",
                            text));
  return urgency;
}

template <class F>
void each_table(const toml::node* node, std::string_view what, detail::DiagnosticSink& sink, F&& read) {
  if (!node) return;
  const auto* array = node->as_array();
  if (!array) {
    sink.report(DiagnosticCode::toml_table_shape, position_of(*node),
                fmt::format("{} are written as [[{}]] tables", what, what));
    return;
  }
  for (const auto& item : *array) {
    if (const auto* table = item.as_table())
      read(*table);
    else
      sink.report(DiagnosticCode::toml_table_shape, position_of(item), fmt::format("each {} is a table", what));
  }
}

Expectations read_expect(const toml::table& table, const std::string& scenario, detail::DiagnosticSink& sink) {
  Expectations out;
  detail::TableReader r(table, fmt::format("the expectations of scenario '{}'", scenario), sink);
  out.fires = ids_of(r, "fires", sink);
  out.does_not_fire = ids_of(r, "does_not_fire", sink);
  out.notes = ids_of(r, "notes", sink);
  out.at_step = ids_of(r, "at_step", sink);
  out.next_steps = ids_of(r, "next_steps", sink);
  if (const toml::node* complete = r.node("complete")) {
    if (const auto* b = complete->as_boolean())
      out.complete = b->get();
    else
      sink.report(DiagnosticCode::scenario_bad_value, position_of(*complete),
                  "'complete' is true or false (without quotes)");
  }
  if (const toml::node* actions = r.node("action")) {
    const auto* by_id = actions->as_table();
    if (!by_id)
      sink.report(DiagnosticCode::toml_table_shape, position_of(*actions),
                  "write [scenario.expect.action.<action id>] tables");
    for (auto&& [key, value] : by_id ? *by_id : toml::table{}) {
      const auto* details = value.as_table();
      if (!details) {
        sink.report(DiagnosticCode::toml_table_shape, position_of(key),
                    fmt::format("expectations for action '{}' are a table", key.str()));
        continue;
      }
      detail::TableReader a(*details, fmt::format("the expectations for action '{}'", key.str()), sink);
      ActionExpectation e{std::string(key.str()),
                          a.text("owner", false),
                          urgency_of(a, sink),
                          optional_date(a, "due"),
                          position_of(key),
                          {},
                          {},
                          {}};
      // The keys' own positions: toml++ does not copy a value's source region with the value.
      for (auto&& [name, detail_value] : *details) {
        (void)detail_value;
        if (name.str() == "owner") e.owner_position = position_of(name);
        if (name.str() == "urgency") e.urgency_position = position_of(name);
        if (name.str() == "due") e.due_position = position_of(name);
      }
      a.finish({"owner", "urgency", "due"});
      out.actions.push_back(std::move(e));
    }
  }
  r.finish({"fires", "does_not_fire", "notes", "at_step", "next_steps", "complete", "action"});
  return out;
}

Choice read_choice(const toml::node& item, detail::DiagnosticSink& sink) {
  if (const auto* s = item.as_string()) return {s->get(), "", std::nullopt, position_of(item)};
  Choice out;
  out.position = position_of(item);
  const auto* table = item.as_table();
  if (!table) {
    sink.report(DiagnosticCode::scenario_bad_value, out.position,
                "a choice is an action id, or { action = \"id\", owner = \"...\", urgency = \"...\" }");
    return out;
  }
  detail::TableReader r(*table, "a choice", sink);
  out.id = r.text("action");
  out.owner = r.text("owner", false);
  out.urgency = urgency_of(r, sink);
  r.finish({"action", "owner", "urgency"});
  return out;
}

Scenario read_scenario(const toml::table& table, detail::DiagnosticSink& sink) {
  Scenario s;
  s.position = position_of(table);
  detail::TableReader r(table, "[[scenario]]", sink);
  s.id = r.text("id");
  s.title = r.text("title", false);
  s.vignette = r.text("vignette", false);
  s.date = optional_date(r, "date");
  const toml::node* answers = r.node("answers");
  if (!answers || !answers->as_table()) {
    sink.report(DiagnosticCode::scenario_missing_answers, answers ? position_of(*answers) : s.position,
                fmt::format("scenario '{}' needs a [scenario.answers] table", s.id));
  } else {
    for (auto&& [key, value] : *answers->as_table()) {
      auto v = value_of(value);
      if (!v) {
        sink.report(DiagnosticCode::scenario_bad_answer_value, position_of(value),
                    fmt::format("the answer to '{}' is not true/false, a number, text, a list of "
                                "option ids or a date",
                                key.str()));
        continue;
      }
      s.answers.push_back({std::string(key.str()), std::move(*v), position_of(value)});
    }
  }
  if (const toml::node* expect = r.node("expect")) {
    if (const auto* t = expect->as_table())
      s.expect = read_expect(*t, s.id, sink);
    else
      sink.report(DiagnosticCode::toml_table_shape, position_of(*expect),
                  "write the expectations as [scenario.expect]");
  }
  each_table(r.node("distractor"), "distractor", sink, [&](const toml::table& t) {
    detail::TableReader d(t, "[[scenario.distractor]]", sink);
    s.distractors.push_back({d.text("id"), d.text("text"), d.text("breaches", false), position_of(t)});
    d.finish({"id", "text", "breaches"});
  });
  each_table(r.node("response"), "response", sink, [&](const toml::table& t) {
    detail::TableReader d(t, "[[scenario.response]]", sink);
    Response response{d.text("trainee"), {}, position_of(t)};
    if (const toml::node* chose = d.node("chose")) {
      if (const auto* array = chose->as_array())
        for (const auto& item : *array) response.choices.push_back(read_choice(item, sink));
      else
        sink.report(DiagnosticCode::scenario_bad_value, position_of(*chose), "'chose' is a list of choices");
    } else {
      sink.report(DiagnosticCode::scenario_bad_value, position_of(t),
                  "a response needs 'chose' (a list; [] if the trainee chose nothing)");
    }
    d.finish({"trainee", "chose"});
    s.responses.push_back(std::move(response));
  });
  if (const toml::node* importance = r.node("importance")) {
    if (const auto* t = importance->as_table()) {
      for (auto&& [key, value] : *t) {
        const auto level = value.value<std::string>();
        if (!level || (*level != "essential" && *level != "expected" && *level != "optional"))
          sink.report(DiagnosticCode::scenario_bad_value, position_of(value),
                      fmt::format("the importance of '{}' is \"essential\", \"expected\" or "
                                  "\"optional\"",
                                  key.str()));
        else
          s.importance.push_back({std::string(key.str()), *level, position_of(value)});
      }
    } else {
      sink.report(DiagnosticCode::toml_table_shape, position_of(*importance),
                  "write the importance of actions as [scenario.importance]");
    }
  }
  if (const toml::node* mark = r.node("pass_mark")) {
    const auto value = mark->value_exact<int64_t>();
    if (!value || *value < 0 || *value > 100)
      sink.report(DiagnosticCode::scenario_bad_value, position_of(*mark),
                  "pass_mark is a whole percentage from 0 to 100");
    else
      s.pass_mark = static_cast<int>(*value);
  }
  if (const toml::node* events = r.node("event")) s.events = detail::read_event_tables(*events, sink);
  r.finish({"id", "title", "vignette", "date", "answers", "event", "expect", "distractor", "response", "importance",
            "pass_mark"});
  return s;
}

}  // namespace

const Scenario* ScenarioFile::find(std::string_view id) const {
  for (const auto& s : scenarios)
    if (s.id == id) return &s;
  return nullptr;
}

ScenarioFile parse_scenario_text(std::string_view toml_text, std::string origin) {
  detail::SourceFile file(std::move(origin), std::string(toml_text));
  detail::DiagnosticSink sink(file);
  ScenarioFile out;
  out.origin = file.name();
  out.text = file.text();
  try {
    const toml::table root = detail::parse_toml(file);
    detail::TableReader top(root, "the scenario file", sink);
    out.policy_id = top.text("policy", false);
    out.date = optional_date(top, "date");
    each_table(top.node("scenario"), "scenario", sink,
               [&](const toml::table& t) { out.scenarios.push_back(read_scenario(t, sink)); });
    top.finish({"policy", "date", "scenario"});
    const std::string name = std::filesystem::path(out.origin).filename().string();
    if (out.policy_id.empty() && name.ends_with(tests_suffix))
      out.policy_id = name.substr(0, name.size() - tests_suffix.size());
    if (out.policy_id.empty())
      sink.report(DiagnosticCode::scenario_no_policy, {1, 1},
                  "say which policy the scenarios are for: policy = \"<policy id>\" (or name the file "
                  "<policy id>.tests.toml)");
    if (out.scenarios.empty()) sink.report(DiagnosticCode::scenario_none, {1, 1}, "the file has no [[scenario]]");
    std::set<std::string> ids;
    for (const auto& s : out.scenarios)
      if (!s.id.empty() && !ids.insert(s.id).second)
        sink.report(DiagnosticCode::scenario_duplicate_id, s.position,
                    fmt::format("scenario id '{}' is used twice", s.id));
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    sink.report(DiagnosticCode::toml_syntax, {begin.line, begin.column},
                fmt::format("this is not valid TOML: {}", error.description()));
  }
  if (sink.has_errors()) throw PolicyError(sink.take());
  return out;
}

ScenarioFile load_scenario_file(const std::filesystem::path& path) {
  InputFile file = read_input_file(path);
  if (!file)
    throw PolicyError(
        {Diagnostic::make(DiagnosticCode::file_unreadable, path.string(), {}, "the scenario file " + file.problem)});
  return parse_scenario_text(file.text, path.string());
}

}  // namespace waymark
