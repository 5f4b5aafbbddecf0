// Grouping an outcome (Do now, Also recommended, Keep in mind) and placing the case on its pathways.
#pragma once

#include "expr.h"

#include <waymark/outcome.h>

#include <cstdint>
#include <vector>

namespace waymark::detail {

// Where a case stands on its pathways, by index rather than as PathwayPlaces (whose next steps
// each hold two strings and a list): what a batch keeps, and what mark_pathway_places works out.
struct PlaceMarks {
  struct Place {
    std::uint32_t pathway = 0, current = 0;        // indices into policy.pathways() and its steps
    std::uint32_t first_next = 0, next_count = 0;  // into `nexts`
  };
  struct Next {
    std::uint32_t step = 0;                            // index into the pathway's steps
    std::uint32_t first_action = 0, action_count = 0;  // into `actions`
  };
  std::vector<Place> places;
  std::vector<Next> nexts;
  std::vector<std::uint32_t> actions;  // each a place in ActionTable::step_actions[pathway][step]

  void clear() {
    places.clear();
    nexts.clear();
    actions.clear();
  }
};

// Adds the pathways that apply given `env`, each with its current step and the steps after it
// that can still happen, and those steps' actions that can.
void mark_pathway_places(const Policy& policy, const EvalEnv& env, PlaceMarks& marks);
// Adds the PathwayPlaces the marks stand for.
void add_places(const Policy& policy, const PlaceMarks& marks, std::vector<PathwayPlace>& places);
// Marks for PathwayPlaces (of an Outcome built on `policy`), added to `marks`.
void mark_places(const Policy& policy, const std::vector<PathwayPlace>& places, PlaceMarks& marks);

// Puts outcome.actions (most urgent first) in the order they are shown and sets each one's group.
void group_actions(Outcome& outcome);

}  // namespace waymark::detail
