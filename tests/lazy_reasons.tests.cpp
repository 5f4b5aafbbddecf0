// Reasons worked out on demand (Reasons::on_demand, reasons_for, add_reasons) must be the very
// reasons an outcome built with them gives: checked on every scenario of every bundled policy's
// tests file, through both evaluate_answers and a session, and after the answers change.
#include <waymark/evaluate.h>
#include <waymark/loader.h>
#include <waymark/plugin_registry.h>
#include <waymark/scenario.h>
#include <waymark/session.h>

#include <catch2/catch.hpp>

#include "support/because_fields.h"

#include <algorithm>
#include <filesystem>
#include <string>

using namespace waymark;
using waymark::test::because_fields;
namespace fs = std::filesystem;

namespace {

// Each action in the same place with the same reasons, in the same order.
void check_same_reasons(const Outcome& eager, const Outcome& lazy) {
  REQUIRE(eager.actions.size() == lazy.actions.size());
  for (std::size_t i = 0; i < eager.actions.size(); ++i) {
    INFO("action " << eager.actions[i].action->id);
    REQUIRE(eager.actions[i].action == lazy.actions[i].action);
    const std::vector<Because> later = reasons_for(lazy, lazy.actions[i]);
    REQUIRE(later.size() == eager.actions[i].because.size());
    for (std::size_t j = 0; j < later.size(); ++j)
      CHECK(because_fields(later[j]) == because_fields(eager.actions[i].because[j]));
  }
  Outcome filled = lazy;
  add_reasons(filled);
  CHECK_FALSE(filled.reasons_later);
  for (std::size_t i = 0; i < eager.actions.size(); ++i) {
    REQUIRE(filled.actions[i].because.size() == eager.actions[i].because.size());
    for (std::size_t j = 0; j < filled.actions[i].because.size(); ++j)
      CHECK(because_fields(filled.actions[i].because[j]) == because_fields(eager.actions[i].because[j]));
  }
}

std::size_t reasons_in(const Outcome& outcome) {
  std::size_t n = 0;
  for (const auto& r : outcome.actions) n += r.because.size();
  return n;
}

}  // namespace

TEST_CASE("reasons worked out on demand equal those worked out with the outcome, for every bundled scenario",
          "[outcome][explain][scenarios]") {
  PluginRegistry plugins;
  plugins.add_directory(WAYMARK_BUILD_PLUGINS);
  REQUIRE(plugins.problems().empty());
  std::size_t scenarios = 0, reasons = 0;
  for (const auto& entry : fs::directory_iterator(WAYMARK_POLICIES)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".tests.toml")) continue;
    const ScenarioFile file = load_scenario_file(entry.path());
    const auto policy = load_policy_file(fs::path(WAYMARK_POLICIES) / (file.policy_id + ".toml"), plugins.functions());
    for (const Scenario& scenario : file.scenarios) {
      INFO(name << ": " << scenario.id);
      {
        ++scenarios;
        const Date date = scenario_date(file, scenario);
        const auto chronology =
            scenario.events.empty() ? nullptr : std::make_shared<const Chronology>(scenario.events);
        const auto answers = scenario_answers(file, scenario, *policy);
        const Outcome eager = evaluate_answers(policy, answers, date, chronology, Reasons::include);
        reasons += reasons_in(eager);
        const Outcome lazy = evaluate_answers(policy, answers, date, chronology, Reasons::on_demand);
        for (const auto& r : lazy.actions) CHECK(r.because.empty());
        check_same_reasons(eager, lazy);
        CHECK(reasons_in(evaluate_answers(policy, answers, date, chronology, Reasons::omit)) == 0);

        // A session's outcome keeps a copy of its answers: changing them later changes nothing.
        // In the policy's order, as a session asks them (a scenario file lists them by key).
        auto in_order = answers;
        std::sort(in_order.begin(), in_order.end(),
                  [](const IndexedAnswer& a, const IndexedAnswer& b) { return a.question < b.question; });
        Session session(policy, date);
        if (chronology) session.set_chronology(chronology);
        for (const auto& a : in_order) {
          INFO("answering " << policy->questions()[static_cast<std::size_t>(a.question)].id);
          session.answer(policy->questions()[static_cast<std::size_t>(a.question)].id, a.answer, "2026-11-25T10:00:00Z");
        }
        const Outcome from_session = session.outcome(Reasons::on_demand);
        session.undo("2026-11-25T10:01:00Z");
        check_same_reasons(eager, from_session);
      }
    }
  }
  CHECK(scenarios >= 20);
  CHECK(reasons > 0);
}
