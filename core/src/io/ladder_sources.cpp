// Where a ladder's steps come from: an outcome worked out now, or an evidence record filed earlier
// (which reads only the record, so an old record draws the ladder its practitioner saw).
#include <fmt/format.h>
#include <waymark/error.h>
#include <waymark/ladder.h>

#include "record_read.h"

namespace waymark {

std::vector<Ladder> outcome_ladders(const Outcome& outcome) {
  std::vector<Ladder> out;
  for (const PathwayPlace& place : outcome.pathways) {
    const Pathway& pathway = *place.pathway;
    Ladder ladder{pathway.id,    pathway.title,     pathway.source,      {},
                  place.current, place.current + 1, pathway.steps.size()};
    for (std::size_t i = 0; i <= place.current; ++i) {
      const PathwayStep& s = pathway.steps[i];
      ladder.steps.push_back({s.id,
                              s.title,
                              s.source,
                              i == place.current ? LadderState::current : LadderState::done,
                              i > 0 ? pathway.steps[i - 1].moves_on : std::string(),
                              {},
                              {}});
    }
    // The steps beyond, with the triggers and timescales the outcome worked out for "If this continues".
    for (const NextStep& next : place.next) {
      LadderStep step{
          next.step->id, next.step->title, next.step->source, LadderState::next, next.trigger, next.timescale, {}};
      for (const Action* a : next.actions)
        step.actions.push_back(fmt::format("{} ({})", a->text, outcome.policy->role_title(a->owner)));
      ladder.steps.push_back(std::move(step));
    }
    out.push_back(std::move(ladder));
  }
  return out;
}

namespace {

using nlohmann::json;

std::string text_of(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::vector<Ladder> record_ladders(std::string_view record_json) {
  const json doc = detail::read_record(record_json);
  std::vector<Ladder> out;
  const json& outcome = doc.at("outcome");
  const auto pathways = outcome.find("pathways");
  if (pathways == outcome.end() || !pathways->is_array()) return out;
  try {
    for (const json& p : *pathways) {
      Ladder ladder;
      ladder.pathway_id = text_of(p, "id");
      ladder.title = text_of(p, "title");
      ladder.source = text_of(p, "source");
      // Records written before ladders hold no earlier steps: their ladder starts at the current one.
      if (const auto earlier = p.find("earlier_steps"); earlier != p.end() && earlier->is_array())
        for (const json& s : *earlier)
          ladder.steps.push_back({text_of(s, "step_id"),
                                  text_of(s, "title"),
                                  text_of(s, "source"),
                                  LadderState::done,
                                  text_of(s, "trigger"),
                                  {},
                                  {}});
      const json& current = p.at("current_step");
      ladder.current = ladder.steps.size();
      ladder.steps.push_back({text_of(current, "id"),
                              text_of(current, "title"),
                              text_of(current, "source"),
                              LadderState::current,
                              text_of(current, "trigger"),
                              {},
                              {}});
      for (const json& n : p.at("next")) {
        LadderStep step{text_of(n, "step_id"),
                        text_of(n, "title"),
                        text_of(n, "source"),
                        LadderState::next,
                        text_of(n, "trigger"),
                        text_of(n, "timescale"),
                        {}};
        for (const json& a : n.at("actions"))
          step.actions.push_back(fmt::format("{} ({})", text_of(a, "text"), text_of(a, "owner_title")));
        ladder.steps.push_back(std::move(step));
      }
      ladder.step_number = p.value("step_number", ladder.current + 1);
      ladder.step_count = p.value("step_count", ladder.steps.size());
      out.push_back(std::move(ladder));
    }
  } catch (const json::exception& e) {
    throw RecordError(fmt::format("the record's pathways are damaged: {}", e.what()));
  }
  return out;
}

}  // namespace waymark
