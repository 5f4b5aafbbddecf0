// Scenario files (boards' tests and trainers' exercises) and urgencies.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <map>

#include "bind.h"
#include "convert.h"

namespace waymark::python {

namespace {

using ScenarioFileHolder = std::shared_ptr<ScenarioFile>;

py::object value_to_python(const ScenarioValue& value) {
  return std::visit(
      [](const auto& v) -> py::object {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Date>)
          return date_to_python(v);
        else
          return py::cast(v);
      },
      value);
}

std::optional<std::string> spelling(const std::optional<Urgency>& u) {
  return u ? std::optional<std::string>(u->spelling()) : std::nullopt;
}

const Scenario& get(const ScenarioFile& file, std::string_view id) {
  if (const Scenario* s = file.find(id)) return *s;
  throw py::key_error(fmt::format("{} has no scenario '{}'", file.origin, id));
}

void bind_urgency(py::module_& m) {
  py::class_<Urgency>(m, "Urgency",
                      "How soon an action is due: 'immediate', 'same_shift', 'same_day', "
                      "'within N days|weeks|months', 'next_review' or 'not_stated'.")
      .def_static(
          "parse",
          [](std::string_view text) {
            if (auto u = Urgency::parse(text)) return *u;
            throw py::value_error(fmt::format("'{}' is not an urgency", text));
          },
          py::arg("text"), "Reads the policy file's spelling; ValueError if it is not one.")
      .def_property_readonly("spelling", &Urgency::spelling, "As written in a policy file.")
      .def_property_readonly("label", &Urgency::label, "In words: 'Immediately', 'Within 6 weeks'...")
      .def_property_readonly("rank", &Urgency::rank, "Smaller is more urgent.")
      .def("due", &Urgency::due, py::arg("session_date"),
           "The due date for a session on that date; None for 'next_review' and 'not_stated'.")
      .def(
          "__eq__", [](const Urgency& a, const Urgency& b) { return a.spelling() == b.spelling(); }, py::is_operator())
      .def("__hash__", [](const Urgency& u) { return std::hash<std::string>{}(u.spelling()); })
      .def(
          "__lt__", [](const Urgency& a, const Urgency& b) { return a.rank() < b.rank(); }, py::is_operator())
      .def("__repr__", [](const Urgency& u) { return fmt::format("<Urgency {}>", u.spelling()); });
}

void bind_scenario_parts(py::module_& m) {
  py::class_<ActionExpectation>(m, "ActionExpectation",
                                "Details that matter for an action that must fire (None: not checked).")
      .def_readonly("action_id", &ActionExpectation::action_id)
      .def_property_readonly("owner",
                             [](const ActionExpectation& e) {
                               return e.owner.empty() ? std::nullopt : std::optional<std::string>(e.owner);
                             })
      .def_property_readonly("urgency", [](const ActionExpectation& e) { return spelling(e.urgency); })
      .def_readonly("due", &ActionExpectation::due, "The expected due date, or None.")
      .def("__repr__", [](const ActionExpectation& e) {
        std::string details;
        if (!e.owner.empty()) details += " owner=" + e.owner;
        if (e.urgency) details += " urgency=" + e.urgency->spelling();
        if (e.due) details += " due=" + e.due->iso();
        return fmt::format("<ActionExpectation {}{}>", e.action_id, details);
      });
  py::class_<Expectations>(m, "Expectations", "What the policy must (and must not) recommend.")
      .def_property_readonly("fires",
                             [](const Expectations& e) {
                               std::vector<std::string> ids;
                               for (const auto& id : e.fires) ids.push_back(id.id);
                               return ids;
                             })
      .def_property_readonly("does_not_fire",
                             [](const Expectations& e) {
                               std::vector<std::string> ids;
                               for (const auto& id : e.does_not_fire) ids.push_back(id.id);
                               return ids;
                             })
      .def_readonly("complete", &Expectations::complete, "Whether the answers must cover every question asked.")
      .def_readonly("actions", &Expectations::actions,
                    "ActionExpectations: owner, urgency and due date of actions that must fire.")
      .def("__repr__", [](const Expectations& e) {
        return fmt::format("<Expectations {} fire, {} do not fire, {} action details{}>", e.fires.size(),
                           e.does_not_fire.size(), e.actions.size(), e.complete ? "" : ", may be incomplete");
      });
  py::class_<Distractor>(m, "Distractor", "A choice offered to trainees that is not one of the policy's actions.")
      .def_readonly("id", &Distractor::id)
      .def_readonly("text", &Distractor::text)
      .def_property_readonly(
          "breaches",
          [](const Distractor& d) {
            return d.breaches.empty() ? std::nullopt : std::optional<std::string>(d.breaches);
          },
          "The prohibition this choice goes against, or None.")
      .def("__repr__", [](const Distractor& d) { return fmt::format("<Distractor {}>", d.id); });
  py::class_<Choice>(m, "Choice",
                     "One of a trainee's choices: an action or distractor id, with "
                     "the owner and timescale they gave (None if not given).")
      .def_readonly("id", &Choice::id)
      .def_property_readonly(
          "owner", [](const Choice& c) { return c.owner.empty() ? std::nullopt : std::optional<std::string>(c.owner); })
      .def_property_readonly("urgency", [](const Choice& c) { return spelling(c.urgency); })
      .def("__repr__", [](const Choice& c) { return fmt::format("<Choice {}>", c.id); });
  py::class_<Response>(m, "Response", "What one trainee chose for a scenario.")
      .def_readonly("trainee", &Response::trainee)
      .def_readonly("choices", &Response::choices)
      .def("__repr__",
           [](const Response& r) { return fmt::format("<Response {} ({} choices)>", r.trainee, r.choices.size()); });
  py::class_<Scenario>(m, "Scenario",
                       "One named case: answers, expectations, and for trainers a "
                       "vignette, distractors and responses.")
      .def_readonly("id", &Scenario::id)
      .def_readonly("title", &Scenario::title)
      .def_readonly("vignette", &Scenario::vignette)
      .def_readonly("date", &Scenario::date, "Its own session date, or None (see ScenarioFile.date).")
      .def_property_readonly(
          "answers",
          [](const Scenario& s) {
            py::dict out;
            for (const auto& a : s.answers) out[py::str(a.question_id)] = value_to_python(a.value);
            return out;
          },
          "Question id -> answer, as written (numbers as float, dates as datetime.date).")
      .def_readonly("events", &Scenario::events, "The case's chronology (waymark.Event) the conditions read.")
      .def_readonly("expect", &Scenario::expect)
      .def_readonly("distractors", &Scenario::distractors)
      .def_property_readonly(
          "importance",
          [](const Scenario& s) {
            std::map<std::string, std::string> out;
            for (const auto& i : s.importance) out[i.action] = i.level;
            return out;
          },
          "[scenario.importance]: action id -> 'essential', 'expected' or 'optional', for those the "
          "file sets (the others take defaults: docs/scenarios.md).")
      .def_readonly("pass_mark", &Scenario::pass_mark,
                    "The percentage of the marks a trainee needs to pass, if the file sets it.")
      .def_readonly("responses", &Scenario::responses)
      .def_property_readonly("line", [](const Scenario& s) { return s.position.line; })
      .def("__repr__", [](const Scenario& s) { return fmt::format("<Scenario {}>", s.id); });

  py::class_<ScenarioRun>(m, "ScenarioRun", "A scenario's outcome and the expectations it failed.")
      .def_property_readonly("outcome", [](const ScenarioRun& r) { return std::make_shared<Outcome>(r.outcome); })
      .def_readonly("failures", &ScenarioRun::failures,
                    "Diagnostic per expectation not met, at the expectation's line.")
      .def_property_readonly("passed", &ScenarioRun::passed)
      .def("__repr__", [](const ScenarioRun& r) {
        return fmt::format("<ScenarioRun {}>", r.passed() ? "passed" : fmt::format("{} failures", r.failures.size()));
      });
}

void bind_scenario_file(py::module_& m) {
  py::class_<ScenarioFile, ScenarioFileHolder>(m, "ScenarioFile",
                                               "A scenario file (see docs/scenarios.md): iterate it for its Scenarios.")
      .def_readonly("origin", &ScenarioFile::origin)
      .def_readonly("policy_id", &ScenarioFile::policy_id,
                    "From `policy = ...`, else from the name <policy id>.tests.toml.")
      .def_readonly("date", &ScenarioFile::date, "The default session date, or None (today).")
      .def_readonly("scenarios", &ScenarioFile::scenarios)
      .def("__len__", [](const ScenarioFile& f) { return f.scenarios.size(); })
      .def("__iter__", [](py::object self) { return py::iter(self.attr("scenarios")); })
      .def("__getitem__", &get, py::return_value_policy::copy, py::arg("scenario_id"))
      .def("__contains__", [](const ScenarioFile& f, std::string_view id) { return f.find(id) != nullptr; })
      .def(
          "check",
          [](const ScenarioFile& f, const PolicyHolder& policy) { return check_scenario_file(f, *required(policy)); },
          py::arg("policy"),
          "Every unknown question, action, role or distractor id and every answer that does not "
          "fit, as Diagnostics (empty when the file fits the policy).")
      .def(
          "date_of", [](const ScenarioFile& f, std::string_view id) { return scenario_date(f, get(f, id)); },
          py::arg("scenario_id"), "The scenario's session date: its own, else the file's, else today.")
      .def(
          "run",
          [](const ScenarioFile& f, std::string_view id, const PolicyHolder& policy) {
            return run_scenario(f, get(f, id), required(policy));
          },
          py::arg("scenario_id"), py::arg("policy"),
          "Evaluates the scenario and checks its expectations. Raises PolicyError (with the line) "
          "when an answer does not fit.")
      .def("__repr__", [](const ScenarioFile& f) {
        return fmt::format("<ScenarioFile {} for {}: {} scenarios>", f.origin, f.policy_id, f.scenarios.size());
      });

  m.def(
      "load_scenarios",
      [](const std::filesystem::path& path) { return std::make_shared<ScenarioFile>(load_scenario_file(path)); },
      py::arg("path"),
      "Reads a scenario file. Raises PolicyError (file, line, column) for a malformed one; ids and "
      "answers are checked against the policy by ScenarioFile.check() and run().");
  m.def(
      "parse_scenarios",
      [](std::string_view text, std::string origin) {
        return std::make_shared<ScenarioFile>(parse_scenario_text(text, std::move(origin)));
      },
      py::arg("text"), py::arg("origin") = "<text>", "Reads scenarios from TOML held in a string.");
}

}  // namespace

void bind_scenario(py::module_& m) {
  bind_urgency(m);
  bind_scenario_parts(m);
  bind_scenario_file(m);
}

}  // namespace waymark::python
