// The outcome a practitioner leaves with: order, due dates and the reasons each action fired.
#include "support/policy_text.h"
#include "support/question_kinds.h"

#include <waymark/session.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

using namespace waymark;

namespace {

std::string act(const std::string& id, const std::string& kind, const std::string& urgency, const std::string& when) {
  return "\n[[action]]\nid = \"" + id + "\"\ntext = \"" + id + "\"\nkind = \"" + kind +
         "\"\nowner = \"worker\"\nurgency = \"" + urgency + "\"\nwhy = \"w\"\nsource = \"s\"\nwhen = \"" + when +
         "\"\n";
}

}  // namespace

TEST_CASE("every outcome is grouped: the five most urgent steps to do now, the rest, then what to keep in mind",
          "[outcome]") {
  const std::string body =
      test::all_kinds() + act("review", "step", "next_review", "true") + act("later", "step", "within 6 weeks", "true") +
      act("soon", "step", "within 3 days", "true") + act("now_step", "step", "immediate", "true") +
      act("now_flag", "flag", "immediate", "true") + act("do_not_close", "prohibition", "immediate", "true") +
      act("unstated", "step", "not_stated", "true") + act("shift", "step", "same_shift", "true");
  Session s(test::load(body), *Date::parse("2026-01-31"));
  std::vector<std::string> order, groups;
  for (const auto& r : s.outcome().actions) {
    order.push_back(r.action->id);
    groups.emplace_back(to_string(r.group));
  }
  // A policy without pathways is grouped too: steps most urgent first, at most five to do now,
  // then prohibitions and flags (most urgent first) to keep in mind.
  CHECK(order == std::vector<std::string>{"now_step", "shift", "soon", "later", "review", "unstated", "do_not_close",
                                          "now_flag"});
  CHECK(groups == std::vector<std::string>{"do_now", "do_now", "do_now", "do_now", "do_now", "also_recommended",
                                           "keep_in_mind", "keep_in_mind"});
}

TEST_CASE("at equal urgency, the actions of the step the case is at come first in Do now", "[outcome][pathways]") {
  // Seven steps of equal urgency: two of the step passed, five of the current step. Do now holds
  // the current step's five, not the first five in the file.
  std::string body = test::all_kinds();
  for (const char* id : {"old1", "old2", "cur1", "cur2", "cur3", "cur4", "cur5"})
    body += act(id, "step", "not_stated", std::string(id).starts_with("old") ? "true" : "spoke");
  body += R"(
[[pathway]]
id = "ladder"
title = "Ladder"
source = "s"

[[pathway.step]]
id = "first"
title = "First"
actions = ["old1", "old2"]
when = "true"
moves_on = "If they have been spoken to"
source = "s"

[[pathway.step]]
id = "second"
title = "Second"
actions = ["cur1", "cur2", "cur3", "cur4", "cur5"]
when = "spoke"
source = "s"
)";
  Session s(test::load(body), *Date::parse("2026-01-31"));
  s.answer_text("risk", "evidence", "t");
  s.answer_text("spoke", "yes", "t");
  const Outcome outcome = s.outcome();
  REQUIRE(outcome.pathways.size() == 1);
  CHECK(outcome.pathways[0].current == 1);
  std::vector<std::string> do_now, rest;
  for (const auto& r : outcome.actions) (r.group == OutcomeGroup::do_now ? do_now : rest).push_back(r.action->id);
  CHECK(do_now == std::vector<std::string>{"cur1", "cur2", "cur3", "cur4", "cur5"});
  CHECK(rest == std::vector<std::string>{"old1", "old2"});
}

TEST_CASE("due dates count from the session date", "[outcome]") {
  const std::string body = test::all_kinds() + act("weeks", "step", "within 6 weeks", "true") +
                           act("month", "step", "within 1 month", "true") + act("now", "step", "immediate", "true") +
                           act("review", "step", "next_review", "true");
  Session s(test::load(body), *Date::parse("2026-01-31"));
  std::map<std::string, std::string> due;
  for (const auto& r : s.outcome().actions) due[r.action->id] = r.due ? r.due->iso() : "none";
  CHECK(due["weeks"] == "2026-03-14");
  CHECK(due["month"] == "2026-02-28");  // clamped to the end of February
  CHECK(due["now"] == "2026-01-31");
  CHECK(due["review"] == "none");
}

TEST_CASE("each action says which answers made it fire", "[outcome][explain]") {
  const std::string body = test::all_kinds() + act("either", "step", "immediate", "risk == 'evidence' or not spoke") +
                           act("both", "step", "immediate", "risk == 'evidence' and missed > 2");
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("risk", "evidence", "t");
  s.answer_text("spoke", "no", "t");
  s.answer_text("tried", "none", "t");
  s.answer_text("missed", "3", "t");
  const Outcome outcome = s.outcome();
  REQUIRE(outcome.actions.size() == 2);
  SECTION("for 'or', only the side that decided it") {
    const auto& because = outcome.actions[0].because;
    REQUIRE(because.size() == 1);
    CHECK(because[0].id == "risk");
    CHECK(because[0].value == "Evidence of risk");
    CHECK(because[0].text == "Evidence of risk, or only not engaging?");
  }
  SECTION("for 'and', every part") {
    const auto& because = outcome.actions[1].because;
    REQUIRE(because.size() == 2);
    CHECK(because[1].id == "missed");
    CHECK(because[1].value == "3");
  }
}

TEST_CASE("an action resting on a long chain of facts names each fact and answer once", "[outcome][explain]") {
  std::string body = test::all_kinds();
  for (int i = 0; i <= 200; ++i)
    body += fmt::format("\n[[fact]]\nid = \"f{}\"\ntext = \"Fact {}\"\nsource = \"s\"\nvalue = \"{}{}\"\n", i, i,
                        i == 0 ? std::string("not spoke") : fmt::format("f{}", i - 1), i % 2 ? " and f0" : "");
  body += act("speak", "step", "immediate", "f200 and f199");
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("spoke", "no", "t");
  const Outcome outcome = s.outcome();
  REQUIRE(outcome.actions.size() == 1);
  const auto& because = outcome.actions[0].because;
  REQUIRE(because.size() == 202);  // 201 facts and the one answer, each once
  CHECK(because[0].id == "f200");
  CHECK(because[1].id == "f199");
  CHECK(because[200].id == "f0");
  CHECK(because[201].id == "spoke");
  CHECK(because[201].value == "No");
}

TEST_CASE("count_true names only the conditions that counted", "[outcome][explain]") {
  const std::string body = test::all_kinds() +
                           act("any", "step", "immediate", "count_true(spoke, risk == 'evidence', missed > 2) >= 1") +
                           act("few", "step", "immediate", "count_true(spoke, risk == 'evidence', missed > 2) < 2");
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("risk", "only", "t");
  s.answer_text("spoke", "yes", "t");
  s.answer_text("missed", "0", "t");
  const Outcome outcome = s.outcome();
  REQUIRE(outcome.actions.size() == 2);
  REQUIRE(outcome.actions[0].because.size() == 1);  // the one that was true, not the two "No"s
  CHECK(outcome.actions[0].because[0].id == "spoke");
  REQUIRE(outcome.actions[1].because.size() == 2);  // few enough were true: the ones that were not
  CHECK(outcome.actions[1].because[0].id == "risk");
  CHECK(outcome.actions[1].because[1].id == "missed");
}

TEST_CASE("a reason names the options of a multiple-choice answer that decided it", "[outcome][explain]") {
  const std::string body = test::all_kinds() + act("not_calls", "step", "immediate", "not ('calls' in tried)") +
                           act("calls_not_in", "step", "immediate", "'calls' not in tried") +
                           act("letters", "step", "immediate", "'letters' in tried") +
                           act("either", "step", "immediate", "'calls' in tried or 'letters' in tried") +
                           act("neither", "step", "immediate", "not ('calls' in tried or 'visits' in tried)") +
                           act("mixed", "step", "immediate", "'letters' in tried and not ('calls' in tried)") +
                           act("counted", "step", "immediate", "count(tried) == 1 and not ('calls' in tried)") +
                           act("single", "step", "immediate", "risk != 'evidence'") +
                           act("negated", "step", "immediate", "not spoke");
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("risk", "only", "t");
  s.answer_text("spoke", "no", "t");
  s.answer_text("tried", "letters", "t");
  const Outcome outcome = s.outcome();
  std::map<std::string, std::vector<Because>> reasons;
  for (const auto& r : outcome.actions) reasons[r.action->id] = {r.because.begin(), r.because.end()};
  REQUIRE(reasons.size() == 9);
  auto only = [&](const std::string& action) {
    REQUIRE(reasons[action].size() == 1);
    return reasons[action][0];
  };

  const Because not_calls = only("not_calls");
  CHECK(not_calls.value == "Letters");
  CHECK(not_calls.chosen.empty());
  CHECK(not_calls.not_chosen == std::vector<std::string_view>{"Calls"});
  CHECK(because_words(not_calls) ==
        "you did not choose \"Calls\" in answer to \"What have you tried?\": you chose \"Letters\"");
  CHECK(because_words(only("calls_not_in")) == because_words(not_calls));

  CHECK(because_words(only("letters")) == "you chose \"Letters\" in answer to \"What have you tried?\"");
  CHECK(only("either").chosen == std::vector<std::string_view>{"Letters"});  // not the false side
  CHECK(because_words(only("neither")) ==
        "you did not choose \"Calls\" or \"Visits\" in answer to \"What have you tried?\": you "
        "chose \"Letters\"");
  CHECK(because_words(only("mixed")) ==
        "you chose \"Letters\" but not \"Calls\" in answer to \"What have you tried?\"");
  // The count needs the whole answer, so the whole answer is the reason.
  const Because counted = only("counted");
  CHECK(counted.chosen.empty());
  CHECK(counted.not_chosen.empty());
  CHECK(because_words(counted) == "you answered \"Letters\" to \"What have you tried?\"");

  CHECK(because_words(only("single")) == "you answered \"Only not engaging\" to \"Evidence of risk, or only not engaging?\"");
  CHECK(because_words(only("negated")) == "you answered \"No\" to \"Have you spoken to the adult themselves?\"");
  CHECK(because_sentence(only("negated")) == "you answered \"No\" to \"Have you spoken to the adult themselves?\" (Am I colluding?; source: 001: Am I colluding?)");
}

TEST_CASE("a reason on a question with no answer says whether it was asked", "[outcome][explain]") {
  const std::string body = test::all_kinds() + R"(
[[question]]
id = "who_spoke"
text = "Who did you speak to?"
help = "h"
kind = "text"
ask_if = "spoke"
source = "s"
)" + act("unasked", "step", "immediate", "not answered(who_spoke)") +
                           act("unanswered", "step", "immediate", "not answered(missed)") +
                           act("none_tried", "step", "immediate", "not ('calls' in tried)");
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("spoke", "no", "t");
  s.answer_text("tried", "none", "t");
  const Outcome outcome = s.outcome();
  REQUIRE(outcome.actions.size() == 3);
  const Because& unasked = outcome.actions[0].because.at(0);
  CHECK(unasked.no_answer == NoAnswer::not_asked);
  CHECK(unasked.value == "not asked");
  CHECK(because_words(unasked) == "\"Who did you speak to?\" was not asked (it did not apply)");
  const Because& unanswered = outcome.actions[1].because.at(0);
  CHECK(unanswered.no_answer == NoAnswer::not_answered);
  CHECK(because_words(unanswered) == "\"How many appointments were missed?\" was not answered");
  CHECK(because_words(outcome.actions[2].because.at(0)) ==
        "you did not choose \"Calls\" in answer to \"What have you tried?\": you chose \"None of "
        "these\"");
}

// Reasons are worked out from the compact form the outcome decides on (TruthNode), handing
// anything else back to the tree: a `not` over and/or, a `!=` folded into an option test, an
// option test inside a fact, and a count_true in the middle must still name what the tree names.
TEST_CASE("reasons through not, and/or, facts and count_true name the same answers in the same order",
          "[outcome][explain]") {
  const std::string body =
      test::all_kinds() +
      "\n[[fact]]\nid = \"letters_only\"\ntext = \"Only letters tried\"\nsource = \"s\"\n"
      "value = \"'letters' in tried and not ('calls' in tried)\"\n" +
      act("nand", "step", "immediate", "not (spoke and risk == 'evidence')") +
      act("nor", "step", "immediate", "not (risk == 'evidence' or 'calls' in tried)") +
      act("nested", "step", "immediate", "not spoke and ('visits' in tried or risk != 'evidence')") +
      act("counted", "step", "immediate", "missed > 2 and count_true(spoke, risk == 'evidence') < 1") +
      act("via_fact", "step", "immediate", "letters_only or risk == 'evidence'");
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("risk", "only", "t");
  s.answer_text("spoke", "no", "t");
  s.answer_text("tried", "letters", "t");
  s.answer_text("missed", "3", "t");
  for (const Reasons with : {Reasons::include, Reasons::on_demand}) {
    const Outcome outcome = s.outcome(with);
    std::map<std::string, std::vector<std::string>> named;
    for (const auto& r : outcome.actions)
      for (const Because& b : reasons_for(outcome, r))
        named[r.action->id].push_back(std::string(b.id) + "=" + because_words(b));
    REQUIRE(named.size() == 5);
    const std::string spoke = "spoke=you answered \"No\" to \"Have you spoken to the adult themselves?\"";
    const std::string risk = "risk=you answered \"Only not engaging\" to \"Evidence of risk, or only not engaging?\"";
    CHECK(named["nand"] == std::vector<std::string>{spoke});  // the false side of the `and` only
    CHECK(named["nor"] == std::vector<std::string>{risk, "tried=you did not choose \"Calls\" in answer to \"What "
                                                         "have you tried?\": you chose \"Letters\""});
    CHECK(named["nested"] == std::vector<std::string>{spoke, risk});  // not the false 'visits' side
    CHECK(named["counted"] ==
          std::vector<std::string>{"missed=you answered \"3\" to \"How many appointments were missed?\"", spoke, risk});
    CHECK(named["via_fact"] ==
          std::vector<std::string>{"letters_only=\"Only letters tried\" is Yes",
                                   "tried=you chose \"Letters\" but not \"Calls\" in answer to \"What have you tried?\""});
  }
}

// An outcome keeps each reason once and every action's `because` views it: naming an answer's
// options for one action must not change the whole answer that another action names.
TEST_CASE("actions naming the same answer differently each keep their own reason", "[outcome][explain]") {
  const std::string body = test::all_kinds() + act("some_tried", "step", "immediate", "count(tried) >= 1") +
                           act("letters", "step", "within 3 days", "'letters' in tried") +
                           act("again", "step", "within 6 weeks", "count(tried) >= 1 and 'letters' in tried");
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("risk", "only", "t");
  s.answer_text("spoke", "no", "t");
  s.answer_text("tried", "letters", "t");
  const Outcome outcome = s.outcome();
  std::map<std::string, const BecauseList*> reasons;
  for (const auto& r : outcome.actions) reasons[r.action->id] = &r.because;
  REQUIRE(reasons.size() == 3);
  for (const std::string id : {"some_tried", "letters", "again"}) {
    INFO(id);
    REQUIRE(reasons[id]->size() == 1);
    CHECK(reasons[id]->at(0).id == "tried");
  }
  CHECK(reasons["some_tried"]->at(0).chosen.empty());  // the whole answer mattered
  CHECK(reasons["letters"]->at(0).chosen == std::vector<std::string_view>{"Letters"});
  CHECK(reasons["again"]->at(0).chosen.empty());  // whole and one option: the whole answer
  CHECK_THROWS_AS(reasons["letters"]->at(1), std::out_of_range);
}

TEST_CASE("a copy of an outcome keeps its reasons after the original is gone", "[outcome][explain]") {
  const std::string body = test::all_kinds() + act("no_contact", "step", "immediate", "not spoke");
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("risk", "only", "t");
  s.answer_text("spoke", "no", "t");
  auto original = std::make_unique<Outcome>(s.outcome());
  const Outcome copy = *original;
  original.reset();
  REQUIRE(copy.actions.size() == 1);
  REQUIRE(copy.actions[0].because.size() == 1);
  CHECK(copy.actions[0].because[0].id == "spoke");
  CHECK(copy.actions[0].because[0].value == "No");
  const std::vector<Because> kept(copy.actions[0].because.begin(), copy.actions[0].because.end());
  CHECK(kept.size() == 1);
}
