#include "test_coverage.h"

#include <fmt/format.h>

namespace waymark::cli {

namespace {

std::string option_key(const std::string& question, const std::string& option) { return question + "=" + option; }

}  // namespace

void Coverage::add(const std::vector<IndexedAnswer>& answers, const Outcome& outcome) {
  const Policy& policy = *outcome.policy;
  for (const auto& [index, answer] : answers) {
    const Question& q = policy.questions()[static_cast<std::size_t>(index)];
    questions_.insert(q.id);
    if (q.kind == QuestionKind::yes_no) options_.insert(option_key(q.id, answer.yes ? "yes" : "no"));
    if (q.kind == QuestionKind::choice) options_.insert(option_key(q.id, answer.choice));
    for (const auto& id : answer.choices) options_.insert(option_key(q.id, id));
  }
  for (const auto& r : outcome.actions) actions_.insert(r.action->id);
  for (const Note* n : outcome.notes) notes_.insert(n->id);
  for (const PathwayPlace& place : outcome.pathways) {
    steps_at_.insert(place.pathway->id + "." + place.pathway->steps[place.current].id);
    for (const NextStep& next : place.next) next_steps_.insert(place.pathway->id + "." + next.step->id);
  }
}

std::vector<std::string> Coverage::gaps(const Policy& policy) const {
  std::vector<std::string> out;
  for (const Question& q : policy.questions()) {
    if (!questions_.contains(q.id)) {
      out.push_back(fmt::format("question '{}' is never answered", q.id));
      continue;
    }
    if (q.kind == QuestionKind::yes_no)
      for (const char* answer : {"yes", "no"})
        if (!options_.contains(option_key(q.id, answer)))
          out.push_back(fmt::format("question '{}' is never answered {}", q.id, answer));
    for (const Option& o : q.options)
      if (!options_.contains(option_key(q.id, o.id)))
        out.push_back(fmt::format("option '{}' of question '{}' is never chosen", o.id, q.id));
  }
  for (const Action& a : policy.actions())
    if (!actions_.contains(a.id)) out.push_back(fmt::format("action '{}' is never recommended", a.id));
  for (const Note& n : policy.notes())
    if (n.when.compiled() && !notes_.contains(n.id)) out.push_back(fmt::format("note '{}' is never shown", n.id));
  for (const Pathway& p : policy.pathways())
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
      const std::string key = p.id + "." + p.steps[i].id;
      if (!p.steps[i].when.empty() && !steps_at_.contains(key))
        out.push_back(
            fmt::format("step '{}' of pathway '{}' is never the current step in any scenario", p.steps[i].id, p.id));
      if (i > 0 && !next_steps_.contains(key))
        out.push_back(
            fmt::format("step '{}' of pathway '{}' is never shown under \"If this continues\"", p.steps[i].id, p.id));
    }
  return out;
}

}  // namespace waymark::cli
