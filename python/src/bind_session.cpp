// Sessions: the walk-through state machine, saving/resuming, and evidence records.
#include <fmt/format.h>
#include <waymark/input_file.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include <waymark/timeline.h>

#include "bind.h"
#include "bind_chronology.h"
#include "convert.h"

namespace waymark::python {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void raise_os_error(PyObject* type, int code, const std::string& message, const fs::path& path) {
  PyErr_SetObject(type, py::make_tuple(code, message, path.string()).ptr());
  throw py::error_already_set();
}

// Written beside the target and renamed, so a failure never leaves half a record behind.
void write_file(const fs::path& path, const std::string& text, bool overwrite) {
  std::error_code error;
  // Otherwise the write fails with a vague EIO: say which folder is missing.
  const fs::path folder = path.parent_path();
  if (!folder.empty() && !fs::is_directory(folder, error))
    raise_os_error(PyExc_FileNotFoundError, ENOENT, fmt::format("the folder '{}' does not exist", folder.string()),
                   path);
  if (!overwrite && fs::exists(path, error))
    raise_os_error(PyExc_FileExistsError, EEXIST, "the file already exists (pass overwrite=True to replace it)", path);
  const fs::path temporary = path.string() + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) raise_os_error(PyExc_OSError, EIO, "cannot write this file", path);
  }
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary, error);
    raise_os_error(PyExc_OSError, EIO, "cannot write this file", path);
  }
}

std::string read_file(const fs::path& path) {
  InputFile file = read_input_file(path);
  if (!file) raise_os_error(PyExc_FileNotFoundError, ENOENT, "this file " + file.problem, path);
  return std::move(file.text);
}

RecordStyle record_style(std::string_view format) {
  if (format == "markdown") return RecordStyle::markdown;
  if (format == "text") return RecordStyle::text;
  throw py::value_error(fmt::format("format '{}' is not 'json', 'markdown' or 'text'", format));
}

std::string record(const Session& s, std::string_view format, const std::optional<std::string>& created_at) {
  std::string json = evidence_record_json(s, timestamp_or_now(created_at));
  if (format == "json") return json + "\n";
  return render_record(json, record_style(format));
}

std::string format_from_suffix(const fs::path& path) {
  const std::string suffix = path.extension().string();
  if (suffix == ".json") return "json";
  if (suffix == ".md" || suffix == ".markdown") return "markdown";
  if (suffix == ".txt") return "text";
  throw py::value_error(
      fmt::format("cannot tell the record format from '{}': name it .json, .md or .txt, or pass "
                  "format=",
                  path.string()));
}

const Question& question_of(const Session& s, std::string_view id) {
  const Question* q = s.policy().find_question(id);
  if (!q) throw AnswerError(std::string(id), fmt::format("policy '{}' has no question with that id", s.policy().id()));
  return *q;
}

Judgement judgement_of(std::string_view action_id, std::string_view word) {
  if (auto j = parse<Judgement>(word)) return *j;
  throw AnswerError(std::string(action_id), fmt::format("judgement '{}' must be accept, adapt or decline", word));
}

// Yields the next question until the session is complete. Asking for the next question without
// answering the last one would loop for ever, so that is an error.
struct QuestionIterator {
  py::object owner;  // keeps the Session alive
  Session* session;
  const Question* last = nullptr;
};

std::optional<QuestionRef> next_question(const Session& s) {
  const Question* q = s.next_question();
  if (!q) return std::nullopt;
  return QuestionRef{s.policy_ptr(), q};
}

void bind_records_of_a_session(py::class_<Session>& cls) {
  cls.def("to_json", &Session::to_json, "Everything needed to resume, as JSON (the CLI's saved-session format).")
      .def_static(
          "from_json",
          [](std::string_view json, const PolicyHolder& policy) { return Session::from_json(json, required(policy)); },
          py::arg("json"), py::arg("policy"),
          "Resumes a saved session. Raises RecordError if it is damaged or was made with another "
          "policy or version.")
      .def(
          "save",
          [](const Session& s, const fs::path& path, bool overwrite) { write_file(path, s.to_json(), overwrite); },
          py::arg("path"), py::kw_only(), py::arg("overwrite") = false,
          "Saves the session to a file `waymark run POLICY --resume FILE` can resume.")
      .def_static(
          "resume",
          [](const fs::path& path, const PolicyHolder& policy) {
            required(policy);
            return Session::from_json(read_file(path), policy);
          },
          py::arg("path"), py::arg("policy"), "Resumes a session saved with save() or by the CLI.")
      .def(
          "timeline_svg",
          [](const Session& s) {
            return timeline_svg(session_timeline(
                s, s.case_reference().empty() ? s.policy().info().title : "Case " + s.case_reference()));
          },
          "The session's chronology as an SVG picture (a string): events by kind on a date axis, the "
          "windows the conditions counted with their counts, the actions at their due dates and the "
          "session date. No script and nothing external; XML-escaped.")
      .def(
          "counted_windows",
          [](const Session& s) {
            py::list out;
            for (const CountedWindow& w : s.counted_windows())
              out.append(py::dict(py::arg("function") = w.function, py::arg("kind") = w.kind,
                                  py::arg("start") = w.from, py::arg("end") = w.to, py::arg("count") = w.count));
            return out;
          },
          "The windows of the chronology the conditions counted over, as dicts (function, kind, "
          "start and end dates, both inclusive, and count).")
      .def("record", &record, py::arg("format") = "json", py::kw_only(), py::arg("created_at") = py::none(),
           "The evidence record: 'json', 'markdown' or 'text'. `created_at` (ISO 8601) defaults "
           "to now.")
      .def(
          "write_record",
          [](const Session& s, const fs::path& path, std::optional<std::string> format, bool overwrite,
             const std::optional<std::string>& created_at) {
            write_file(path, record(s, format ? *format : format_from_suffix(path), created_at), overwrite);
          },
          py::arg("path"), py::kw_only(), py::arg("format") = py::none(), py::arg("overwrite") = false,
          py::arg("created_at") = py::none(),
          "Writes the evidence record; the format follows the suffix (.json, .md, .txt) unless "
          "given. Never replaces a file unless overwrite=True.");
}

void bind_answers_of_a_session(py::class_<Session>& cls) {
  cls.def("next_question", &next_question, "The next question to ask, or None when every applicable one is answered.")
      .def(
          "walk",
          [](py::object self) {
            return QuestionIterator{self, &self.cast<Session&>()};
          },
          "Iterates over the questions still to ask, in order; answer each before taking the next.")
      .def_property_readonly("complete", &Session::is_complete, "True when every applicable question is answered.")
      .def("is_applicable", &Session::is_applicable, py::arg("question_id"),
           "Whether the question is asked, given the answers so far.")
      .def(
          "answer",
          [](Session& s, std::string_view id, py::object value, const std::optional<std::string>& at) {
            return s.answer(id, answer_from_python(question_of(s, id), value), timestamp_or_now(at));
          },
          py::arg("question_id"), py::arg("value"), py::kw_only(), py::arg("at") = py::none(),
          "Answers a question or changes its answer. Returns the ids of later answers dropped "
          "because their questions no longer apply. Raises AnswerError for an unknown question, a"
          " question not asked, or an answer that does not fit.")
      .def(
          "answer_text",
          [](Session& s, std::string_view id, std::string_view text, const std::optional<std::string>& at) {
            return s.answer_text(id, text, timestamp_or_now(at));
          },
          py::arg("question_id"), py::arg("text"), py::kw_only(), py::arg("at") = py::none(),
          "Answers from typed input, as at the CLI: 'yes'/'no', an option's number or id, '1,3' "
          "or 'none', a number, a date YYYY-MM-DD, any text.")
      .def(
          "undo", [](Session& s, const std::optional<std::string>& at) { return s.undo(timestamp_or_now(at)); },
          py::kw_only(), py::arg("at") = py::none(),
          "Reverts the last answer or change (restoring what it dropped). False if there is "
          "nothing to undo.")
      .def(
          "answer_of",
          [](const Session& s, std::string_view id) -> py::object {
            const Answer* a = s.answer_of(question_of(s, id).id);
            return a ? answer_to_python(*a) : py::none();
          },
          py::arg("question_id"), "The current answer, or None.")
      .def_property_readonly(
          "answers",
          [](const Session& s) {
            py::dict out;
            for (const Question* q : s.answered_questions())
              out[py::str(q->id)] = answer_to_python(*s.answer_of(q->id));
            return out;
          },
          "Question id -> current answer, in the order asked.")
      .def(
          "answered_at", [](const Session& s, std::string_view id) { return s.answered_at(question_of(s, id).id); },
          py::arg("question_id"), "When the current answer was given (ISO 8601), or ''.")
      .def_property_readonly("history", &Session::history, "Every answer, change, drop and undo, in order.")
      .def(
          "outcome", [](const Session& s) { return std::make_shared<Outcome>(s.outcome(Reasons::on_demand)); },
          "What the policy recommends now.")
      .def(
          "judge",
          [](Session& s, std::string_view action_id, std::string_view judgement, std::string reason,
             const std::optional<std::string>& at) {
            s.judge(action_id, judgement_of(action_id, judgement), std::move(reason), timestamp_or_now(at));
          },
          py::arg("action_id"), py::arg("judgement"), py::arg("reason") = "", py::kw_only(), py::arg("at") = py::none(),
          "Records the practitioner's judgement on a recommended action: 'accept', 'adapt' or "
          "'decline' (the last two need a reason).")
      .def(
          "accept_rest",
          [](Session& s, const std::optional<std::string>& at) { return s.accept_rest(timestamp_or_now(at)); },
          py::kw_only(), py::arg("at") = py::none(),
          "Accepts, as recommended, every recommended action without a judgement yet; returns their ids. "
          "Adapting or declining still takes judge() with a reason, one action at a time.")
      .def_property_readonly("judgements", &Session::judgements,
                             "The practitioner's judgements so far (ActionJudgement), in the order made.")
      .def(
          "add_action",
          [](Session& s, std::string text, std::string reason, std::string owner,
             const std::optional<std::string>& at) {
            s.add_action({std::move(text), std::move(owner), std::move(reason), timestamp_or_now(at)});
          },
          py::arg("text"), py::arg("reason"), py::arg("owner") = "", py::kw_only(), py::arg("at") = py::none(),
          "Adds an action the policy did not recommend, with the reason for it.")
      .def_property_readonly("added_actions", &Session::added_actions);
}

void bind_session_parts(py::module_& m) {
  py::class_<HistoryEntry>(m, "HistoryEntry", "One change to the answers, kept so nothing is silently lost.")
      .def_property_readonly(
          "kind", [](const HistoryEntry& h) { return std::string(to_string(h.kind)); },
          "'answered', 'changed', 'dropped' or 'undone'.")
      .def_readonly("question_id", &HistoryEntry::question_id)
      .def_property_readonly("from_value",
                             [](const HistoryEntry& h) { return h.from ? answer_to_python(*h.from) : py::none(); })
      .def_property_readonly("to_value",
                             [](const HistoryEntry& h) { return h.to ? answer_to_python(*h.to) : py::none(); })
      .def_readonly("at", &HistoryEntry::at)
      .def("__repr__",
           [](const HistoryEntry& h) { return fmt::format("<HistoryEntry {} {}>", to_string(h.kind), h.question_id); });
  py::class_<ActionJudgement>(m, "ActionJudgement",
                              "The practitioner's judgement on a recommended action: the outcome is advice, and "
                              "this is what the practitioner did with it.")
      .def_readonly("action_id", &ActionJudgement::action_id)
      .def_property_readonly("judgement", [](const ActionJudgement& d) { return std::string(to_string(d.judgement)); })
      .def_readonly("reason", &ActionJudgement::reason)
      .def_readonly("at", &ActionJudgement::at)
      .def("__repr__",
           [](const ActionJudgement& d) {
             return fmt::format("<ActionJudgement {} {}>", d.action_id, to_string(d.judgement));
           });
  py::class_<AddedAction>(m, "AddedAction", "An action the practitioner added that the policy did not recommend.")
      .def_readonly("text", &AddedAction::text)
      .def_readonly("owner", &AddedAction::owner)
      .def_readonly("reason", &AddedAction::reason)
      .def_readonly("at", &AddedAction::at)
      .def("__repr__", [](const AddedAction& a) { return fmt::format("<AddedAction {}>", repr(a.text)); });

  py::class_<QuestionIterator>(m, "QuestionIterator", "Iterator over the questions a session still has to ask.")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__",
           [](QuestionIterator& w) {
             const Question* q = w.session->next_question();
             if (!q) throw py::stop_iteration();
             if (q == w.last) throw AnswerError(q->id, "answer this question before asking for the next one");
             w.last = q;
             return QuestionRef{w.session->policy_ptr(), q};
           })
      .def("__repr__", [](const QuestionIterator& w) {
        const Question* q = w.session->next_question();
        return fmt::format("<QuestionIterator of {}: {}>", w.session->policy().id(),
                           q ? "next " + q->id : std::string("complete"));
      });
}

}  // namespace

void bind_session(py::module_& m) {
  bind_session_parts(m);
  py::class_<Session> cls(m, "Session",
                          "A walk-through of one policy: answers in, next question and outcome out. Dates default to"
                          " today; `at` timestamps (ISO 8601) default to now.");
  cls.def(py::init([](const PolicyHolder& policy, std::optional<Date> date, std::string case_reference,
                      py::object answers, py::object events) {
            Session s(required(policy), date.value_or(Date::today()));
            if (!case_reference.empty()) s.set_case_reference(std::move(case_reference));
            // Before the answers: which questions are asked can depend on the events.
            if (!events.is_none()) s.set_chronology(chronology_from_python(events), timestamp_now());
            if (!answers.is_none()) apply_answers(s, answers_from_python(*policy, answers), timestamp_now());
            return s;
          }),
          py::arg("policy"), py::arg("date") = py::none(), py::kw_only(), py::arg("case_reference") = "",
          py::arg("answers") = py::none(), py::arg("events") = py::none(),
          "Starts a session. `events` (waymark.Event) are the case's chronology, which condition "
          "functions read; `answers` (question id -> answer) are applied in the policy's order.")
      .def_property_readonly("policy", [](const Session& s) { return hold(s.policy_ptr()); })
      .def_property_readonly("date", &Session::date, "The session date: due dates count from it.")
      .def_property("case_reference", &Session::case_reference, &Session::set_case_reference,
                    "A pseudonymous case reference (never a name): letters, digits, - _ / . only.")
      .def_property_readonly(
          "events", [](const Session& s) { return chronology_to_python(s.chronology()); },
          "The case's chronology (waymark.Event, in date order) that conditions read.")
      .def(
          "set_events",
          [](Session& s, py::object events, const std::optional<std::string>& at) {
            s.set_chronology(chronology_from_python(events), timestamp_or_now(at));
          },
          py::arg("events"), py::kw_only(), py::arg("at") = py::none(),
          "Replaces the case's chronology (None: no events). Answers to questions that no longer "
          "apply given the events are dropped.")
      .def(
          "copy", [](const Session& s) { return Session(s); }, "An independent copy, to try other answers.")
      .def("__copy__", [](const Session& s) { return Session(s); })
      .def(
          "__deepcopy__", [](const Session& s, py::dict) { return Session(s); }, py::arg("memo"))
      .def("__repr__", [](const Session& s) {
        const Question* next = s.next_question();
        return fmt::format("<Session {} on {}: {} answered, {}>", s.policy().id(), s.date().iso(),
                           s.answered_questions().size(), next ? "next " + next->id : std::string("complete"));
      });
  bind_answers_of_a_session(cls);
  bind_records_of_a_session(cls);
  bind_what_would_change(cls);

  m.def(
      "render_record",
      [](std::string_view json, std::string_view format) { return render_record(json, record_style(format)); },
      py::arg("record_json"), py::arg("format") = "markdown",
      "Renders an evidence record (JSON text) as 'markdown' or 'text'. Raises RecordError if it "
      "is not a record.");
  m.def("explain_record", &explain_record, py::arg("record_json"),
        "Why each action in a record was recommended, in plain words (as `waymark explain`).");
}

}  // namespace waymark::python
