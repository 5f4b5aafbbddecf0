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
        OutcomeBatch evaluated_in_batch(policy, day);  // never builds the Outcome
        std::vector<Outcome> evaluated;
        for (const Scenario* scenario : scenarios) {
          const auto chronology =
              scenario->events.empty() ? nullptr : std::make_shared<const Chronology>(scenario->events);
          std::vector<IndexedAnswer> answers = scenario_answers(file, *scenario, *policy);
          evaluated.push_back(evaluate_answers(policy, answers, day, chronology, reasons));
          batch.add(evaluated.back());
          evaluated_in_batch.evaluate(answers, chronology, reasons);
        }
        REQUIRE(batch.size() == evaluated.size());
        REQUIRE(evaluated_in_batch.size() == evaluated.size());
        std::vector<std::size_t> counts(policy->actions().size(), 0);
        for (std::size_t i = 0; i < evaluated.size(); ++i) {
          INFO(name << ": " << scenarios[i]->id << ", reasons " << to_string(reasons));
          check_same_outcome(evaluated[i], batch.at(i));
          check_same_outcome(evaluated[i], evaluated_in_batch.at(i));
          for (const Recommendation& r : evaluated[i].actions)
            ++counts[static_cast<std::size_t>(r.action - policy->actions().data())];
          ++checked;
          if (!evaluated[i].pathways.empty()) ++with_pathways;
        }
        CHECK(batch.action_counts() == counts);
        CHECK(evaluated_in_batch.action_counts() == counts);
        CHECK_THROWS_AS(batch.at(evaluated.size()), std::out_of_range);
      }
    }
  }
  CHECK(checked > 100);
  CHECK(with_pathways > 30);
}

TEST_CASE("a batch adds nothing for answers that do not fit", "[outcome][batch]") {
  const auto policy = load_policy_file(fs::path(WAYMARK_POLICIES) / "adult-non-engagement.toml");
  const Date day = *Date::parse("2026-11-25");
  OutcomeBatch batch(policy, day);
  const Question& first = policy->questions().front();
  REQUIRE(first.kind == QuestionKind::yes_no);
  std::vector<IndexedAnswer> fits{{0, Answer::of_yes_no(true)}};
  batch.evaluate(fits, nullptr, Reasons::on_demand);
  std::vector<IndexedAnswer> twice{{0, Answer::of_yes_no(true)}, {0, Answer::of_yes_no(false)}};
  CHECK_THROWS_AS(batch.evaluate(twice, nullptr, Reasons::on_demand), AnswerError);
  std::vector<IndexedAnswer> wrong_type{{0, Answer::of_number(3)}};
  CHECK_THROWS_AS(batch.evaluate(wrong_type, nullptr, Reasons::omit), AnswerError);
  REQUIRE(batch.size() == 1);
  const Outcome kept = batch.at(0);
  CHECK_FALSE(kept.complete);
  CHECK(kept.unanswered == evaluate_answers(policy, {{0, Answer::of_yes_no(true)}}, day, nullptr).unanswered);
}
