// Scenario files: reading them, checking them against a policy, running their expectations.
#include <waymark/scenario.h>

#include <catch2/catch.hpp>

#include "support/policy_text.h"

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

const std::string fixtures = WAYMARK_FIXTURES;

std::shared_ptr<const Policy> fixture_policy() { return load_policy_file(fixtures + "/answers_policy.toml"); }

// The first diagnostic of a PolicyError thrown by `f`.
template <class F>
Diagnostic first_error(F&& f) {
  try {
    f();
  } catch (const PolicyError& e) {
    return e.first();
  }
  FAIL("no PolicyError");
  return {};
}

const std::string header = "policy = \"answers-fixture\"\ndate = 2026-11-25\n";

}  // namespace

TEST_CASE("a scenario file is read with every part", "[scenario]") {
  const ScenarioFile file = load_scenario_file(fixtures + "/scenarios/answers-fixture.tests.toml");
  CHECK(file.policy_id == "answers-fixture");  // from the file name
  CHECK(file.date == Date::parse("2026-11-25"));
  REQUIRE(file.scenarios.size() == 2);
  const Scenario& s = file.scenarios[0];
  CHECK(s.id == "evidence-spoke");
  CHECK_THAT(s.vignette, Contains("curtains stay closed"));
  CHECK(s.answers.size() == 5);
  for (const auto& a : s.answers)
    if (a.question_id == "spoke") CHECK(std::get<bool>(a.value));
  CHECK(s.expect.fires.size() == 2);
  CHECK(s.expect.complete);
  REQUIRE(s.expect.actions.size() == 2);
  CHECK(s.expect.actions[0].urgency->spelling() == "immediate");
  REQUIRE(s.distractors.size() == 2);
  CHECK(s.distractors[0].breaches == "do_not_close");
  REQUIRE(s.responses.size() == 3);
  CHECK(s.responses[0].choices[1].owner == "worker");
  CHECK(s.responses[0].choices[1].urgency->spelling() == "within 6 weeks");
  CHECK(file.find("only-not-engaging")->date == Date::parse("2026-12-01"));
  CHECK(check_scenario_file(file, *fixture_policy()).empty());
}

TEST_CASE("scenarios run, and expectations pass or say what happened instead", "[scenario]") {
  const auto policy = fixture_policy();
  const ScenarioFile file = load_scenario_file(fixtures + "/scenarios/answers-fixture.tests.toml");
  for (const Scenario& s : file.scenarios) {
    const ScenarioRun run = run_scenario(file, s, policy);
    INFO(s.id);
    CHECK(run.passed());
  }

  const ScenarioFile wrong = parse_scenario_text(header + R"(
[[scenario]]
id = "wrong"
[scenario.answers]
risk = "only"
[scenario.expect]
fires = ["do_not_close"]
does_not_fire = ["review"]
[scenario.expect.action.review]
owner = "worker"
urgency = "within 2 weeks"
due = 2026-12-01
)",
                                                 "wrong.toml");
  const ScenarioRun run = run_scenario(wrong, wrong.scenarios[0], policy);
  REQUIRE(run.failures.size() == 5);
  CHECK_THAT(run.failures[0].message, Contains("leave questions unanswered (tried, missed, last_contact)"));
  CHECK_THAT(run.failures[1].message,
             Contains("'do_not_close' should fire, but does not (its condition: risk == 'evidence')"));
  CHECK(run.failures[1].position.line == 9);
  CHECK(run.failures[1].position.column == 10);
  CHECK_THAT(run.failures[2].message, Contains("'review' should not fire, but does"));
  CHECK_THAT(run.failures[3].message, Contains("'review' should be due within 2 weeks, but is due within 6 weeks"));
  CHECK(run.failures[3].excerpt == "urgency = \"within 2 weeks\"");
  CHECK_THAT(run.failures[4].message, Contains("should be due on 2026-12-01, but is due on 2027-01-06"));
  CHECK(run.failures[4].file == "wrong.toml");
  CHECK(run.failures[4].excerpt == "due = 2026-12-01");
  SECTION("an urgency in words, with its spelling") {
    const ScenarioFile same_day = parse_scenario_text(header + R"(
[[scenario]]
id = "wrong"
[scenario.answers]
risk = "only"
[scenario.expect]
complete = false
[scenario.expect.action.review]
urgency = "same_day"
)",
                                                      "wrong.toml");
    const ScenarioRun r = run_scenario(same_day, same_day.scenarios[0], policy);
    REQUIRE_FALSE(r.failures.empty());
    CHECK_THAT(r.failures.back().message,
               Contains("'review' should be due the same day (same_day), but is due within 6 weeks"));
  }
}

TEST_CASE("a scenario's chronology events are read", "[scenario]") {
  const ScenarioFile file = parse_scenario_text(header + R"([[scenario]]
id = "a"
[scenario.answers]
[[scenario.event]]
kind = "home_visit_no_access"
date = 2026-11-20
time = "10:15"
[[scenario.event]]
kind = "home_visit_no_access"
date = 2026-11-02
)",
                                                "x.toml");
  REQUIRE(file.scenarios.size() == 1);
  REQUIRE(file.scenarios[0].events.size() == 2);
  CHECK(file.scenarios[0].events[0].kind == "home_visit_no_access");
}

TEST_CASE("scenario files with structural problems are refused with positions", "[scenario]") {
  SECTION("no policy named") {
    const auto d = first_error([] { parse_scenario_text("[[scenario]]\nid = \"a\"\n[scenario.answers]\n", "x.toml"); });
    CHECK_THAT(d.message, Contains("say which policy"));
  }
  SECTION("unknown key, with a suggestion") {
    const auto d = first_error([] {
      parse_scenario_text(header + "[[scenario]]\nid = \"a\"\nvignete = \"x\"\n[scenario.answers]\n", "x.toml");
    });
    CHECK(d.position.line == 5);
    CHECK_THAT(d.message, Contains("vignete") && Contains("vignette"));
  }
  SECTION("duplicate scenario ids") {
    const auto d = first_error([] {
      parse_scenario_text(header +
                              "[[scenario]]\nid = \"a\"\n[scenario.answers]\n[[scenario]]\nid = "
                              "\"a\"\n[scenario.answers]\n",
                          "x.toml");
    });
    CHECK_THAT(d.message, Contains("used twice"));
  }
  SECTION("a bad urgency in a choice") {
    const auto d = first_error([] {
      parse_scenario_text(header +
                              "[[scenario]]\nid = "
                              "\"a\"\n[scenario.answers]\n[[scenario.response]]\ntrainee = \"T\"\n"
                              "chose = [{ action = \"review\", urgency = \"soonish\" }]\n",
                          "x.toml");
    });
    CHECK_THAT(d.message, Contains("urgency 'soonish'"));
  }
  SECTION("a chronology event written wrongly") {
    const auto d = first_error([] {
      parse_scenario_text(header +
                              "[[scenario]]\nid = \"a\"\n[scenario.answers]\n[[scenario.event]]\n"
                              "kind = \"Home Visit\"\ndate = 2026-11-20\n",
                          "x.toml");
    });
    CHECK(d.position.line == 7);
    CHECK_THAT(d.message, Contains("Home Visit"));
  }
  SECTION("not TOML") {
    const auto d = first_error([] { parse_scenario_text("policy = \n", "x.toml"); });
    CHECK_THAT(d.message, Contains("not valid TOML"));
  }
}

TEST_CASE("scenario files are checked against their policy", "[scenario]") {
  const ScenarioFile file = parse_scenario_text(header + R"([[scenario]]
id = "a"
[scenario.answers]
rsk = "evidence"
spoke = "yes"
missed = 500
[scenario.expect]
fires = ["do_not_clos"]
[scenario.expect.action.review]
owner = "manager"
[[scenario.distractor]]
id = "close_case"
text = "Close it"
breaches = "review"
[[scenario.response]]
trainee = "T9"
chose = ["phone_them"]
)",
                                                "bad.toml");
  const auto problems = check_scenario_file(file, *fixture_policy());
  REQUIRE(problems.size() == 7);
  CHECK_THAT(problems[0].message, Contains("no question 'rsk' (did you mean 'risk'?)"));
  CHECK(problems[0].position.line == 6);
  CHECK_THAT(problems[1].message, Contains("wrong answer type for 'spoke'"));
  CHECK_THAT(problems[2].message, Contains("bad answer for 'missed'"));
  CHECK_THAT(problems[3].message, Contains("no action 'do_not_clos' (did you mean 'do_not_close'?)"));
  CHECK_THAT(problems[4].message, Contains("no role 'manager'"));
  CHECK_THAT(problems[5].message, Contains("not a prohibition"));
  CHECK_THAT(problems[6].message, Contains("trainee 'T9' chose 'phone_them'"));
  CHECK_THROWS_AS(scenario_answers(file, file.scenarios[0], *fixture_policy()), PolicyError);
}

TEST_CASE("a scenario answering a question that is not asked names the answer", "[scenario]") {
  const ScenarioFile file = parse_scenario_text(
      header + "[[scenario]]\nid = \"a\"\n[scenario.answers]\nrisk = \"only\"\nspoke = true\n", "x.toml");
  const auto d = first_error([&] { run_scenario(file, file.scenarios[0], fixture_policy()); });
  CHECK(d.position.line == 7);
  CHECK_THAT(d.message, Contains("'spoke'") && Contains("not asked"));
}

TEST_CASE("an action that should not fire names the option not chosen that fired it", "[scenario][explain]") {
  const auto adult = load_policy_file(std::string(WAYMARK_POLICIES) + "/adult-non-engagement.toml");
  const ScenarioFile file = parse_scenario_text(R"(policy = "adult-non-engagement"
date = 2026-11-25
[[scenario]]
id = "letters-only"
[scenario.answers]
aged_18_or_over = true
risk_basis = "only_not_engaging"
strategies_tried = ["letters"]
[scenario.expect]
does_not_fire = ["try_calls"]
)",
                                                "letters.toml");
  const ScenarioRun run = run_scenario(file, file.scenarios[0], adult);
  std::string messages;
  for (const auto& f : run.failures) messages += f.message + "\n";
  CHECK_THAT(messages, Contains("'try_calls' should not fire, but does because strategies_tried = "
                                "Letters (not Calls)\n"));
}
