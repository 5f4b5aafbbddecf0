// Policies and their parts: questions, options, actions, notes; loading policy files.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bind.h"
#include "convert.h"

namespace waymark::python {

namespace {

std::optional<std::string> condition_text(const Condition& c) {
  return c.empty() ? std::nullopt : std::optional<std::string>(c.text());
}

template <class T>
std::vector<Part<T>> parts(const PolicyHolder& policy, const std::vector<T>& items) {
  std::vector<Part<T>> out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back({policy, &item});
  return out;
}

// Two Python objects for the same part of the same policy compare equal.
template <class T, class Owner>
void add_identity(py::class_<Part<T, Owner>>& cls) {
  cls.def(
         "__eq__", [](const Part<T, Owner>& a, const Part<T, Owner>& b) { return a.item == b.item; }, py::is_operator())
      .def("__hash__", [](const Part<T, Owner>& a) { return std::hash<const void*>{}(a.item); });
}

// An interned str, as Python interns identifiers and the literals in a script: dicts keyed by
// question ids (`answers[q.id] = ...`, or "q1": ...) then share the str objects themselves, and
// evaluate_many knows each one by its address after the first (QuestionKeyCache).
py::str interned(const std::string& text) {
  PyObject* str = PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()));
  if (!str) throw py::error_already_set();
  PyUnicode_InternInPlace(&str);
  return py::reinterpret_steal<py::str>(str);
}

void bind_question(py::module_& m) {
  py::class_<Option>(m, "Option", "One choice offered by a `choice` or `multi_choice` question.")
      .def_readonly("id", &Option::id)
      .def_readonly("text", &Option::text)
      .def("__repr__", [](const Option& o) { return fmt::format("<Option {} {}>", o.id, repr(o.text)); });

  py::class_<QuestionRef> question(m, "Question", "A question the policy puts to the practitioner.");
  question.def_property_readonly("id", [](const QuestionRef& q) { return interned(q->id); })
      .def_property_readonly("text", [](const QuestionRef& q) { return q->text; })
      .def_property_readonly(
          "help", [](const QuestionRef& q) { return q->help; }, "Why the question is asked.")
      .def_property_readonly(
          "kind", [](const QuestionRef& q) { return std::string(to_string(q->kind)); },
          "'yes_no', 'choice', 'multi_choice', 'number', 'date' or 'text'.")
      .def_property_readonly(
          "options", [](const QuestionRef& q) { return q->options; },
          "The options of a choice or multi_choice question (empty otherwise).")
      .def_property_readonly(
          "min", [](const QuestionRef& q) { return q->min; }, "Lower bound of a number question.")
      .def_property_readonly(
          "max", [](const QuestionRef& q) { return q->max; }, "Upper bound of a number question.")
      .def_property_readonly(
          "ask_if", [](const QuestionRef& q) { return condition_text(q->ask_if); },
          "The condition under which it is asked, or None when it is always asked.")
      .def_property_readonly(
          "section", [](const QuestionRef& q) { return q->section; },
          "The heading it is shown under, e.g. 'Am I colluding?'.")
      .def_property_readonly(
          "source", [](const QuestionRef& q) { return q->source; }, "The passage of the source document it comes from.")
      .def_property_readonly(
          "line", [](const QuestionRef& q) { return q->position.line; }, "Line of the question in the policy file.")
      .def_property_readonly("policy", [](const QuestionRef& q) { return hold(q.owner); })
      .def(
          "option",
          [](const QuestionRef& q, std::string_view id) {
            const int i = q->option_index(id);
            if (i < 0) throw py::key_error(fmt::format("question '{}' has no option '{}'", q->id, id));
            return q->options[static_cast<std::size_t>(i)];
          },
          py::arg("option_id"), "The option with this id; KeyError if there is none.")
      .def("__repr__", [](const QuestionRef& q) {
        return fmt::format("<Question {} ({}) {}>", q->id, to_string(q->kind), repr(q->text));
      });
  add_identity(question);
}

void bind_action(py::module_& m) {
  py::class_<ActionRef> action(m, "Action",
                               "Something the policy recommends (a step), forbids (a prohibition) or flags, when its "
                               "condition holds.");
  action
      .def_property_readonly(
          "id", [](const ActionRef& a) { return a->id; }, "Its id in the policy.")
      .def_property_readonly(
          "text", [](const ActionRef& a) { return a->text; }, "What to do (or not do), in the policy's words.")
      .def_property_readonly(
          "kind", [](const ActionRef& a) { return std::string(to_string(a->kind)); },
          "'step', 'prohibition' or 'flag'.")
      .def_property_readonly(
          "owner", [](const ActionRef& a) { return a->owner; }, "The role id that owns it.")
      .def_property_readonly(
          "owner_title", [](const ActionRef& a) { return std::string(a.owner->role_title(a->owner)); },
          "The owner's title, e.g. 'The allocated worker'.")
      .def_property_readonly(
          "urgency", [](const ActionRef& a) { return a->urgency.spelling(); },
          "As written in the policy: 'immediate', 'same_day', 'within 6 weeks'...")
      .def_property_readonly(
          "urgency_label", [](const ActionRef& a) { return a->urgency.label(); },
          "In words: 'Immediately', 'Within 6 weeks'...")
      .def_property_readonly(
          "timescale", [](const ActionRef& a) { return a->timescale; },
          "The source's own words for the timescale, when it says more than `urgency`.")
      .def_property_readonly(
          "record", [](const ActionRef& a) { return a->record; }, "What to record as evidence.")
      .def_property_readonly(
          "why", [](const ActionRef& a) { return a->why; }, "The rationale.")
      .def_property_readonly(
          "when", [](const ActionRef& a) { return condition_text(a->when); }, "The condition under which it fires.")
      .def_property_readonly(
          "section", [](const ActionRef& a) { return a->section; }, "The heading it is shown under.")
      .def_property_readonly(
          "source", [](const ActionRef& a) { return a->source; }, "The passage of the source document it comes from.")
      .def_property_readonly(
          "line", [](const ActionRef& a) { return a->position.line; }, "Line of the action in the policy file.")
      .def_property_readonly(
          "policy", [](const ActionRef& a) { return hold(a.owner); }, "The policy it belongs to.")
      .def(
          "due", [](const ActionRef& a, Date from) { return a->urgency.due(from); }, py::arg("session_date"),
          "The due date for a session on that date; None for 'next_review' and 'not_stated'.")
      .def("__repr__", [](const ActionRef& a) {
        return fmt::format("<Action {} ({}, {}, {})>", a->id, to_string(a->kind), a->owner, a->urgency.spelling());
      });
  add_identity(action);

  py::class_<NoteRef> note(m, "Note", "Guidance shown with the outcome, including where the source is silent.");
  note.def_property_readonly("id", [](const NoteRef& n) { return n->id; })
      .def_property_readonly("text", [](const NoteRef& n) { return n->text; })
      .def_property_readonly("when", [](const NoteRef& n) { return condition_text(n->when); })
      .def_property_readonly("source", [](const NoteRef& n) { return n->source; })
      .def("__repr__", [](const NoteRef& n) { return fmt::format("<Note {}>", n->id); });
  add_identity(note);
}

void bind_policy_class(py::module_& m) {
  py::class_<Policy, PolicyHolder>(m, "Policy",
                                   "A loaded, validated policy. Immutable; every object taken from it keeps it alive.")
      .def_property_readonly(
          "id", [](const Policy& p) { return p.info().id; }, "Its id: lower case letters, digits, '-' and '_'.")
      .def_property_readonly(
          "title", [](const Policy& p) { return p.info().title; }, "Its title.")
      .def_property_readonly(
          "version", [](const Policy& p) { return p.info().version; }, "Its version, e.g. '1.2.0'.")
      .def_property_readonly(
          "owner", [](const Policy& p) { return p.info().owner; }, "Who owns the policy (a board).")
      .def_property_readonly(
          "applies_to", [](const Policy& p) { return p.info().applies_to; }, "Who or what it applies to.")
      .def_property_readonly(
          "effective", [](const Policy& p) { return p.info().effective; }, "The date it takes effect (datetime.date).")
      .def_property_readonly(
          "review_by", [](const Policy& p) { return p.info().review_by; },
          "The date it is due for review (datetime.date).")
      .def_property_readonly(
          "sources", [](const Policy& p) { return p.info().sources; }, "The source documents it was written from.")
      .def_property_readonly(
          "summary", [](const Policy& p) { return p.info().summary; }, "What it is for, in a sentence or two.")
      .def_property_readonly(
          "origin", [](const PolicyHolder& p) { return plugin_origin(p).value_or(p->origin()); },
          "Where it was read from: a file path, '<name>' for text, or for a plugin's policy the "
          "plugin's library, id and version and the embedded file's name.")
      .def_property_readonly("content_hash", &Policy::content_hash,
                             "SHA-256 of its meaning (comments and formatting do not change it).")
      .def_property_readonly(
          "questions", [](const PolicyHolder& p) { return parts(p, p->questions()); },
          "Its Questions, in the order they are asked.")
      .def_property_readonly(
          "actions", [](const PolicyHolder& p) { return parts(p, p->actions()); },
          "Its Actions (steps, prohibitions and flags), in file order.")
      .def_property_readonly(
          "notes", [](const PolicyHolder& p) { return parts(p, p->notes()); },
          "Its Notes: guidance shown with outcomes.")
      .def_property_readonly(
          "roles",
          [](const Policy& p) {
            py::dict roles;
            for (const Role& r : p.roles()) roles[py::str(r.id)] = r.title;
            return roles;
          },
          "Role id -> title, e.g. {'worker': 'The allocated worker'}.")
      .def(
          "question",
          [](const PolicyHolder& p, std::string_view id) {
            const Question* q = p->find_question(id);
            if (!q) throw py::key_error(fmt::format("policy '{}' has no question '{}'", p->id(), id));
            return QuestionRef{p, q};
          },
          py::arg("question_id"), "The question with this id; KeyError if there is none.")
      .def(
          "action",
          [](const PolicyHolder& p, std::string_view id) {
            const Action* a = p->find_action(id);
            if (!a) throw py::key_error(fmt::format("policy '{}' has no action '{}'", p->id(), id));
            return ActionRef{p, a};
          },
          py::arg("action_id"), "The action with this id; KeyError if there is none.")
      .def(
          "overdue_for_review",
          [](const Policy& p, std::optional<Date> on) { return p.overdue_for_review(on.value_or(Date::today())); },
          py::arg("on") = py::none(), "True if the review-by date is before `on` (default today).")
      .def("__repr__", [](const Policy& p) {
        return fmt::format("<Policy {} version {} {}>", p.id(), p.info().version, repr(p.info().title));
      });
}

}  // namespace

void bind_policy(py::module_& m) {
  bind_question(m);
  bind_action(m);
  bind_policy_class(m);

  m.def(
      "load_policy", [](const std::filesystem::path& path) { return hold(load_policy_file(path)); }, py::arg("path"),
      "Loads and validates one policy file. Raises PolicyError (with file, line and column) if "
      "it does not load.");
  m.def(
      "load_policy_text",
      [](std::string_view text, std::string origin) { return hold(load_policy_text(text, std::move(origin))); },
      py::arg("text"), py::arg("origin") = "<text>",
      "Loads policy TOML held in a string; `origin` names it in error messages.");
}

}  // namespace waymark::python
