// What would change the advice (waymark/what_would_change.h): Session.what_would_change(action_id)
// and Session.what_would_change_all().
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <waymark/what_would_change.h>

#include "bind.h"
#include "convert.h"

namespace waymark::python {

namespace {

std::string_view status_word(WhatIfStatus status) {
  switch (status) {
    case WhatIfStatus::found: return "found";
    case WhatIfStatus::none: return "none";
    case WhatIfStatus::not_worked_out: return "not_worked_out";
  }
  return "?";
}

py::dict change_to_python(const CircumstanceChange& c) {
  py::dict out;
  out["words"] = change_words(c);
  if (c.kind == CircumstanceChange::Kind::answer) {
    out["kind"] = "answer";
    out["question_id"] = c.question_id;
    out["question"] = c.question_text;
    out["from"] = c.from ? answer_to_python(*c.from) : py::none();
    out["from_words"] = c.from ? py::str(c.from_words) : py::str(to_string(c.from_missing));
    out["to"] = answer_to_python(*c.to);
    out["to_words"] = c.to_words;
    return out;
  }
  out["kind"] = "events";
  out["event_kind"] = c.event_kind;
  out["label"] = c.event_label;
  out["added"] = c.events_added;
  if (c.window) {
    out["window"] = py::dict(py::arg("function") = c.window->function, py::arg("start") = c.window->from,
                             py::arg("end") = c.window->to, py::arg("count") = c.window->count);
    out["count_now"] = c.count_now;
  } else {
    out["window"] = py::none();
  }
  return out;
}

py::dict what_to_python(const WhatWouldChange& what) {
  py::list ways;
  for (const auto& way : what.ways) {
    py::list changes;
    for (const auto& c : way) changes.append(change_to_python(c));
    ways.append(changes);
  }
  return py::dict(py::arg("action_id") = what.action->id, py::arg("recommended") = what.recommended,
                  py::arg("status") = status_word(what.status), py::arg("ways") = ways,
                  py::arg("words") = what_would_change_words(what), py::arg("exhaustive") = what.exhaustive,
                  py::arg("states") = what.states);
}

WhatIfOptions options_of(std::size_t max_states) {
  WhatIfOptions options;
  options.max_states = max_states;
  return options;
}

}  // namespace

void bind_what_would_change(py::class_<Session>& cls) {
  cls.def(
         "what_would_change",
         [](const Session& s, std::string_view action_id, std::size_t max_states) {
           return what_to_python(what_would_change(s, action_id, options_of(max_states)));
         },
         py::arg("action_id"), py::kw_only(), py::arg("max_states") = WhatIfOptions{}.max_states,
         "What would change whether an action is recommended: the smallest change of answers or "
         "events that brings in an action not recommended now, or removes a recommended one. A dict: "
         "action_id, recommended (now), status ('found', 'none' or 'not_worked_out' when the search "
         "used up max_states), ways (each a list of changes, as dicts with 'kind' 'answer' or "
         "'events' and their 'words'), words (the whole answer in a practitioner's words), "
         "exhaustive, states. Raises AnswerError for an action the policy does not have.")
      .def(
          "what_would_change_all",
          [](const Session& s, std::size_t max_states) {
            py::list out;
            for (const auto& what : what_would_change_not_recommended(s, options_of(max_states)))
              out.append(what_to_python(what));
            return out;
          },
          py::kw_only(), py::arg("max_states") = WhatIfOptions{}.max_states,
          "what_would_change() for every action not recommended now, in the policy's order.");
}

}  // namespace waymark::python
