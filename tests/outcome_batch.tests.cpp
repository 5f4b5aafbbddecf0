// A batch keeps its outcomes small (OutcomeBatch): every outcome it gives back must be the one
// that was evaluated, checked on every scenario of every bundled policy's tests file.
#include <waymark/evaluate.h>
#include <waymark/loader.h>
#include <waymark/outcome_batch.h>
#include <waymark/plugin_registry.h>
#include <waymark/scenario.h>

#include <catch2/catch.hpp>

#include "support/because_fields.h"

#include <filesystem>
#include <map>
#include <string>
#include <tuple>

using namespace waymark;
using waymark::test::because_fields;
namespace fs = std::filesystem;

namespace {

void check_same_outcome(const Outcome& evaluated, const Outcome& kept) {
  CHECK(kept.policy == evaluated.policy);
  CHECK(kept.date == evaluated.date);
  CHECK(kept.complete == evaluated.complete);
  CHECK(kept.reasons == evaluated.reasons);
  CHECK(kept.unanswered == evaluated.unanswered);
  CHECK(kept.notes == evaluated.notes);
  REQUIRE(kept.actions.size() == evaluated.actions.size());
  for (std::size_t i = 0; i < kept.actions.size(); ++i) {
    const Recommendation &a = evaluated.actions[i], &b = kept.actions[i];
    INFO("action " << i << ": " << a.action->id);
    CHECK(std::tie(a.action, a.due, a.group) == std::tie(b.action, b.due, b.group));
    CHECK(b.because.size() == a.because.size());
    if (evaluated.reasons == Reasons::on_demand) {
      // Worked out from the answers the batch kept in words: the very reasons of the evaluated outcome.
      const std::vector<Because> now = reasons_for(kept, b), then = reasons_for(evaluated, a);
      REQUIRE(now.size() == then.size());
      for (std::size_t j = 0; j < now.size(); ++j) CHECK(because_fields(now[j]) == because_fields(then[j]));
    }
  }
  REQUIRE(kept.pathways.size() == evaluated.pathways.size());
  for (std::size_t p = 0; p < kept.pathways.size(); ++p) {
    const PathwayPlace &a = evaluated.pathways[p], &b = kept.pathways[p];
    CHECK(std::tie(a.pathway, a.current) == std::tie(b.pathway, b.current));
    REQUIRE(a.next.size() == b.next.size());
    for (std::size_t n = 0; n < a.next.size(); ++n)
      CHECK(std::tie(a.next[n].step, a.next[n].trigger, a.next[n].timescale, a.next[n].actions) ==
            std::tie(b.next[n].step, b.next[n].trigger, b.next[n].timescale, b.next[n].actions));
  }
}

}  // namespace

TEST_CASE("a batch gives back every bundled scenario's outcome as it was evaluated", "[outcome][batch][scenarios]") {
  PluginRegistry plugins;
  plugins.add_directory(WAYMARK_BUILD_PLUGINS);
  REQUIRE(plugins.problems().empty());
  std::size_t checked = 0, with_pathways = 0;
  for (const auto& entry : fs::directory_iterator(WAYMARK_POLICIES)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".tests.toml")) continue;
    const ScenarioFile file = load_scenario_file(entry.path());
    const auto policy = load_policy_file(fs::path(WAYMARK_POLICIES) / (file.policy_id + ".toml"), plugins.functions());
    for (const Reasons reasons : {Reasons::omit, Reasons::on_demand, Reasons::include}) {
      // A batch is of one date: the scenarios by their dates (some questions are asked only when
      // the case's events are recent enough).
      std::map<Date, std::vector<const Scenario*>> by_date;
      for (const Scenario& scenario : file.scenarios) by_date[scenario_date(file, scenario)].push_back(&scenario);
      for (const auto& [day, scenarios] : by_date) {
        OutcomeBatch batch(policy, day);
        std::vector<Outcome> evaluated;
        for (const Scenario* scenario : scenarios) {
          const auto chronology =
              scenario->events.empty() ? nullptr : std::make_shared<const Chronology>(scenario->events);
          evaluated.push_back(
              evaluate_answers(policy, scenario_answers(file, *scenario, *policy), day, chronology, reasons));
          batch.add(evaluated.back());
        }
        REQUIRE(batch.size() == evaluated.size());
        std::vector<std::size_t> counts(policy->actions().size(), 0);
        for (std::size_t i = 0; i < evaluated.size(); ++i) {
          INFO(name << ": " << scenarios[i]->id << ", reasons " << to_string(reasons));
          check_same_outcome(evaluated[i], batch.at(i));
          for (const Recommendation& r : evaluated[i].actions)
            ++counts[static_cast<std::size_t>(r.action - policy->actions().data())];
          ++checked;
          if (!evaluated[i].pathways.empty()) ++with_pathways;
        }
        CHECK(batch.action_counts() == counts);
        CHECK_THROWS_AS(batch.at(evaluated.size()), std::out_of_range);
      }
    }
  }
  CHECK(checked > 100);
  CHECK(with_pathways > 30);
}
