// Outcomes: the recommended actions, with due dates and the answers that made them fire.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <waymark/ladder.h>

#include "bind.h"
#include "convert.h"

namespace waymark::python {

namespace {

const Action& action_of(const RecommendationRef& r) { return *r->action; }

std::vector<RecommendationRef> recommendations(const OutcomeHolder& outcome) {
  std::vector<RecommendationRef> out;
  out.reserve(outcome->actions.size());
  for (const Recommendation& r : outcome->actions) out.push_back({outcome, &r});
  return out;
}

const Recommendation* find(const Outcome& outcome, std::string_view action_id) {
  for (const Recommendation& r : outcome.actions)
    if (r.action->id == action_id) return &r;
  return nullptr;
}

// Reasons, worked out now if the outcome was evaluated to work them out on demand.
std::vector<Because> reasons_of(const RecommendationRef& r) {
  if (r.owner->reasons == Reasons::omit)
    throw py::value_error("this outcome was evaluated with reasons='omit': evaluate it again to see why");
  return reasons_for(*r.owner, *r);
}

// A reason as Python holds it: with the policy its texts are viewed in (Because::text and the
// rest), so that it can outlive the outcome it came from.
struct BecauseRef {
  std::shared_ptr<const Policy> policy;
  Because because;
};

std::vector<BecauseRef> because_of(const RecommendationRef& r) {
  std::vector<BecauseRef> out;
  for (Because& b : reasons_of(r)) out.push_back({r.owner->policy, std::move(b)});
  return out;
}

std::string explain(const RecommendationRef& r) {
  const Action& a = action_of(r);
  std::string out = a.text + "\n";
  const std::vector<Because> because = reasons_of(r);
  if (because.empty()) out += "Because the policy recommends this in every case.\n";
  for (std::size_t i = 0; i < because.size(); ++i)
    out += fmt::format("{} {}.\n", i == 0 ? "Because" : "and", waymark::because_sentence(because[i]));
  std::string when = a.urgency.label();
  if (!a.timescale.empty()) when += fmt::format(" ({})", a.timescale);
  if (r->due) when += fmt::format(", due {}", r->due->iso());
  out += fmt::format("The policy says why: {}\nOwner: {}. When: {}. Source: {}.\n", a.why,
                     r.owner->policy->role_title(a.owner), when, a.source);
  return out;
}

void bind_because(py::module_& m) {
  py::class_<BecauseRef>(m, "Because", "One answer or fact that made an action's condition true.")
      .def_property_readonly(
          "kind", [](const BecauseRef& b) { return b.because.is_fact ? "fact" : "answer"; }, "'answer' or 'fact'.")
      .def_property_readonly(
          "id", [](const BecauseRef& b) { return b.because.id; }, "The question or fact id.")
      .def_property_readonly(
          "text", [](const BecauseRef& b) { return b.because.text; }, "The question's text, or what the fact means.")
      .def_property_readonly(
          "value", [](const BecauseRef& b) { return b.because.value; }, "The answer or the fact's value, in words.")
      .def_property_readonly("section", [](const BecauseRef& b) { return b.because.section; })
      .def_property_readonly("source", [](const BecauseRef& b) { return b.because.source; })
      .def_property_readonly(
          "chosen", [](const BecauseRef& b) { return b.because.chosen; },
          "When single options of a multiple-choice answer decided it ('calls' in tried):"
          " the texts of those that were chosen. Empty when the whole answer mattered.")
      .def_property_readonly(
          "not_chosen", [](const BecauseRef& b) { return b.because.not_chosen; },
          "When single options decided it (not ('calls' in tried)): the texts of those"
          " that were not chosen. Empty when the whole answer mattered.")
      .def_property_readonly(
          "no_answer",
          [](const BecauseRef& b) -> std::optional<std::string> {
            if (b.because.no_answer == NoAnswer::none) return std::nullopt;
            return std::string(to_string(b.because.no_answer));
          },
          "None when the question was answered; 'not_answered' (it applied but has no answer) or"
          " 'not_asked' (it did not apply).")
      .def("__str__", [](const BecauseRef& b) { return waymark::because_sentence(b.because); })
      .def("__repr__", [](const BecauseRef& b) {
        return fmt::format("<Because {} {}={}>", b.because.is_fact ? "fact" : "answer", b.because.id,
                           repr(b.because.value));
      });
}

void bind_recommendation(py::module_& m) {
  py::class_<RecommendationRef> rec(
      m, "Recommendation",
      "An action the policy recommends given the answers: what, who, by when, why, and where the"
      " policy says so.");
  rec.def_property_readonly(
         "action",
         [](const RecommendationRef& r) {
           return ActionRef{r.owner->policy, r->action};
         },
         "The policy's Action.")
      .def_property_readonly(
          "id", [](const RecommendationRef& r) { return action_of(r).id; }, "The action's id.")
      .def_property_readonly(
          "text", [](const RecommendationRef& r) { return action_of(r).text; },
          "What to do (or not do), in the policy's words.")
      .def_property_readonly(
          "kind", [](const RecommendationRef& r) { return std::string(to_string(action_of(r).kind)); },
          "'step', 'prohibition' or 'flag'.")
      .def_property_readonly(
          "owner", [](const RecommendationRef& r) { return action_of(r).owner; }, "Role id.")
      .def_property_readonly(
          "owner_title",
          [](const RecommendationRef& r) { return std::string(r.owner->policy->role_title(action_of(r).owner)); },
          "The owner's title, e.g. 'The allocated worker'.")
      .def_property_readonly(
          "urgency", [](const RecommendationRef& r) { return action_of(r).urgency.spelling(); },
          "As written in the policy: 'immediate', 'within 6 weeks', 'not_stated'...")
      .def_property_readonly(
          "urgency_label", [](const RecommendationRef& r) { return action_of(r).urgency.label(); },
          "In words: 'Immediately', 'Within 6 weeks'...")
      .def_property_readonly(
          "timescale", [](const RecommendationRef& r) { return action_of(r).timescale; },
          "The source's own words for the timescale, when it says more than `urgency` (else '').")
      .def_property_readonly(
          "due", [](const RecommendationRef& r) { return r->due; },
          "The due date counted from the session date; None for 'next_review' and 'not_stated'.")
      .def_property_readonly(
          "record", [](const RecommendationRef& r) { return action_of(r).record; }, "What to record as evidence.")
      .def_property_readonly(
          "why", [](const RecommendationRef& r) { return action_of(r).why; }, "The rationale.")
      .def_property_readonly(
          "section", [](const RecommendationRef& r) { return action_of(r).section; }, "The heading it is shown under.")
      .def_property_readonly(
          "source", [](const RecommendationRef& r) { return action_of(r).source; },
          "The passage of the source document that says so.")
      .def_property_readonly(
          "because", &because_of,
          "The answers and facts that made it fire (worked out when first read for an outcome of evaluate() or "
          "evaluate_many(); ValueError if it was evaluated with reasons='omit').")
      .def_property_readonly(
          "group", [](const RecommendationRef& r) { return std::string(to_string(r->group)); },
          "Where it is shown: 'do_now' (the few most urgent steps), 'also_recommended' or 'keep_in_mind' "
          "(prohibitions and flags).")
      .def("explain", &explain, "Why it was recommended, in a practitioner's words (as `waymark explain`).")
      .def("__repr__", [](const RecommendationRef& r) {
        const Action& a = action_of(r);
        return fmt::format("<Recommendation {} ({}, {}, {}{})>", a.id, to_string(a.kind), a.owner, a.urgency.spelling(),
                           r->due ? ", due " + r->due->iso() : "");
      });
  rec.def(
         "__eq__", [](const RecommendationRef& a, const RecommendationRef& b) { return a.item == b.item; },
         py::is_operator())
      .def("__hash__", [](const RecommendationRef& a) { return std::hash<const void*>{}(a.item); });
}

std::vector<RecommendationRef> in_group(const OutcomeHolder& outcome, OutcomeGroup group) {
  std::vector<RecommendationRef> out;
  for (const Recommendation& r : outcome->actions)
    if (r.group == group) out.push_back({outcome, &r});
  return out;
}

py::list pathways(const Outcome& outcome) {
  py::list out;
  for (const PathwayPlace& place : outcome.pathways) {
    py::list next;
    for (const NextStep& n : place.next) {
      std::vector<std::string> actions;
      for (const Action* a : n.actions) actions.push_back(a->id);
      next.append(py::dict(py::arg("step") = n.step->id, py::arg("title") = n.step->title,
                           py::arg("trigger") = n.trigger, py::arg("timescale") = n.timescale,
                           py::arg("source") = n.step->source, py::arg("actions") = actions));
    }
    const PathwayStep& step = place.pathway->steps[place.current];
    out.append(py::dict(py::arg("id") = place.pathway->id, py::arg("title") = place.pathway->title,
                        py::arg("step") = step.id, py::arg("step_title") = step.title,
                        py::arg("step_number") = place.current + 1,
                        py::arg("step_count") = place.pathway->steps.size(), py::arg("next") = next));
  }
  return out;
}

// The ladder of one pathway that applies; a KeyError names the pathways that do.
Ladder ladder_of(const Outcome& outcome, std::string_view pathway_id) {
  std::string applying;
  for (Ladder& ladder : outcome_ladders(outcome)) {
    if (ladder.pathway_id == pathway_id) return std::move(ladder);
    applying += (applying.empty() ? "" : ", ") + ladder.pathway_id;
  }
  throw py::key_error(fmt::format("no pathway '{}' applies to this outcome (applying: {})", pathway_id,
                                  applying.empty() ? "none" : applying));
}

void bind_outcome_class(py::module_& m) {
  py::class_<Outcome, OutcomeHolder>(m, "Outcome",
                                     "What the policy recommends given the answers: the actions in the order they are "
                                     "shown, Do now (the few most urgent steps), Also recommended, then Keep in mind "
                                     "(prohibitions and flags). Iterating gives the Recommendations.")
      .def_property_readonly("policy", [](const Outcome& o) { return hold(o.policy); })
      .def_readonly("date", &Outcome::date, "The session date due dates count from.")
      .def_readonly("complete", &Outcome::complete,
                    "False while an applicable question is unanswered: more actions may still fire.")
      .def_property_readonly("actions", &recommendations)
      .def_property_readonly("action_ids",
                             [](const Outcome& o) {
                               std::vector<std::string> ids;
                               for (const Recommendation& r : o.actions) ids.push_back(r.action->id);
                               return ids;
                             })
      .def_property_readonly("notes",
                             [](const Outcome& o) {
                               std::vector<NoteRef> notes;
                               for (const Note* n : o.notes) notes.push_back({o.policy, n});
                               return notes;
                             })
      .def_property_readonly("do_now", [](const OutcomeHolder& o) { return in_group(o, OutcomeGroup::do_now); },
                             "The few most urgent steps (at most five), in pathway order within a pathway.")
      .def_property_readonly("also_recommended",
                             [](const OutcomeHolder& o) { return in_group(o, OutcomeGroup::also_recommended); },
                             "The other recommended steps.")
      .def_property_readonly("keep_in_mind",
                             [](const OutcomeHolder& o) { return in_group(o, OutcomeGroup::keep_in_mind); },
                             "Prohibitions and flags.")
      .def_property_readonly("pathways", &pathways,
                             "Each pathway that applies, as a dict: id, title, step (the current step's id), "
                             "step_title, step_number, step_count, and next: the steps that follow if this "
                             "continues, each a dict with step, title, trigger, timescale, source and actions (ids).")
      .def(
          "ladder_svg", [](const Outcome& o, std::string_view id) { return ladder_svg(ladder_of(o, id)); },
          py::arg("pathway_id"),
          "The pathway's ladder as an SVG picture (a string): its steps, the ones done, 'You are here' at "
          "the current step, and the steps beyond with their triggers and timescales. No script and nothing "
          "external; XML-escaped; black and white. KeyError when the pathway does not apply.")
      .def(
          "ladder_text", [](const Outcome& o, std::string_view id) { return ladder_text(ladder_of(o, id)); },
          py::arg("pathway_id"), "The pathway's ladder in words, one line a step, the current one marked.")
      .def_readonly("unanswered", &Outcome::unanswered, "Ids of applicable questions not yet answered, in order.")
      .def("__len__", [](const Outcome& o) { return o.actions.size(); })
      .def("__iter__", [](const OutcomeHolder& o) { return py::iter(py::cast(recommendations(o))); })
      .def(
          "__contains__", [](const Outcome& o, std::string_view id) { return find(o, id) != nullptr; },
          py::arg("action_id"))
      .def(
          "__getitem__",
          [](const OutcomeHolder& o, std::string_view id) {
            const Recommendation* r = find(*o, id);
            if (!r) throw py::key_error(fmt::format("action '{}' is not recommended", id));
            return RecommendationRef{o, r};
          },
          py::arg("action_id"), "The recommendation for this action id; KeyError if it is not recommended.")
      .def("__repr__", [](const Outcome& o) {
        std::string ids;
        for (const Recommendation& r : o.actions) ids += (ids.empty() ? "" : ", ") + r.action->id;
        return fmt::format("<Outcome {} {}: {} actions [{}]>", o.policy->id(), o.complete ? "complete" : "INCOMPLETE",
                           o.actions.size(), ids);
      });
}

}  // namespace

void bind_outcome(py::module_& m) {
  bind_because(m);
  bind_recommendation(m);
  bind_outcome_class(m);
}

}  // namespace waymark::python
