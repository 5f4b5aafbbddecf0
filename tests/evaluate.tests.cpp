// evaluate_answers: the same outcome as a session given the same answers, without its history.
#include "support/policy_text.h"
#include "support/question_kinds.h"

#include <waymark/evaluate.h>
#include <waymark/session.h>

#include <catch2/catch.hpp>

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

const Date day = *Date::parse("2026-11-25");

const auto policy = test::load(test::all_kinds() + R"(
[[question]]
id = "why_not"
text = "Why not?"
help = "h"
kind = "text"
ask_if = "not spoke"
source = "s"

[[fact]]
id = "worrying"
text = "Evidence of risk and not spoken to"
value = "risk == 'evidence' and not spoke"
)" + test::action("do_not_close", "risk == 'evidence'") +
                               test::action("escalate", "worrying") + test::action("chase", "missed >= 3"));

IndexedAnswer given(const std::string& id, Answer answer) { return {policy->question_index(id), std::move(answer)}; }

std::vector<std::string> ids(const Outcome& o) {
  std::vector<std::string> out;
  for (const auto& r : o.actions) out.push_back(r.action->id);
  return out;
}

}  // namespace

TEST_CASE("evaluate_answers gives what a session gives", "[evaluate]") {
  const std::vector<IndexedAnswer> answers = {
      given("missed", Answer::of_number(4)),  // out of order on purpose
      given("risk", Answer::of_choice("evidence")),
      given("spoke", Answer::of_yes_no(false)),
      given("why_not", Answer::of_text("Family said she was asleep")),
  };
  Session session(policy, day);
  for (const Question& q : policy->questions())
    for (const auto& a : answers)
      if (a.question == policy->question_index(q.id)) session.answer(q.id, a.answer, "");
  const Outcome expected = session.outcome();
  const Outcome outcome = evaluate_answers(policy, answers, day);

  CHECK(ids(outcome) == ids(expected));
  CHECK(ids(outcome) == std::vector<std::string>{"do_not_close", "escalate", "chase"});
  CHECK(outcome.unanswered == expected.unanswered);
  CHECK(outcome.complete == expected.complete);
  CHECK_FALSE(outcome.complete);
  REQUIRE(outcome.actions[1].because.size() == expected.actions[1].because.size());
  CHECK(outcome.actions[1].because[0].id == "worrying");
  CHECK(outcome.actions[0].due == day.plus_days(5));
}

TEST_CASE("evaluate_answers refuses what a session refuses", "[evaluate]") {
  SECTION("a question not asked given the answers before it") {
    const std::vector<IndexedAnswer> answers = {given("spoke", Answer::of_yes_no(true)),
                                                given("why_not", Answer::of_text("x"))};
    try {
      evaluate_answers(policy, answers, day);
      FAIL("no error");
    } catch (const AnswerError& e) {
      CHECK(e.question_id() == "why_not");
      CHECK_THAT(e.reason(), Contains("not asked") && Contains("not spoke"));
    }
  }
  SECTION("an answer that does not fit") {
    CHECK_THROWS_AS(evaluate_answers(policy, {given("risk", Answer::of_choice("maybe"))}, day), AnswerError);
    CHECK_THROWS_AS(evaluate_answers(policy, {given("risk", Answer::of_yes_no(true))}, day), AnswerError);
    CHECK_THROWS_AS(evaluate_answers(policy, {given("missed", Answer::of_number(-1))}, day), AnswerError);
  }
  SECTION("a question answered twice") {
    CHECK_THROWS_WITH(
        evaluate_answers(policy, {given("spoke", Answer::of_yes_no(true)), given("spoke", Answer::of_yes_no(false))},
                         day),
        Contains("answered twice"));
  }
  SECTION("an index that names no question") {
    CHECK_THROWS_AS(evaluate_answers(policy, {{99, Answer::of_yes_no(true)}}, day), std::out_of_range);
    CHECK_THROWS_AS(evaluate_answers(policy, {{-1, Answer::of_yes_no(true)}}, day), std::out_of_range);
  }
}

TEST_CASE("evaluate_answers with no answers lists every question asked", "[evaluate]") {
  const Outcome outcome = evaluate_answers(policy, {}, day);
  CHECK(outcome.unanswered == std::vector<std::string>{"risk", "spoke", "tried", "missed", "last_contact", "summary"});
  CHECK(outcome.actions.empty());
}

TEST_CASE("evaluate_answer_set evaluates answer sets kept back to back in one buffer", "[evaluate]") {
  // Two answer sets in one buffer, as a batch keeps them; each evaluated as evaluate_answers would.
  std::vector<IndexedAnswer> first = {given("risk", Answer::of_choice("evidence")),
                                      given("spoke", Answer::of_yes_no(false)), given("missed", Answer::of_number(4))};
  std::vector<IndexedAnswer> second = {given("risk", Answer::of_choice("only")),
                                       given("spoke", Answer::of_yes_no(true))};
  std::vector<IndexedAnswer> buffer = first;
  buffer.insert(buffer.end(), second.begin(), second.end());
  const std::span<IndexedAnswer> all(buffer);

  for (Reasons with : {Reasons::omit, Reasons::include, Reasons::on_demand}) {
    const Outcome one = evaluate_answer_set(policy, all.first(first.size()), day, nullptr, with);
    const Outcome two = evaluate_answer_set(policy, all.subspan(first.size()), day, nullptr, with);
    CHECK(ids(one) == ids(evaluate_answers(policy, first, day)));
    CHECK(ids(two) == ids(evaluate_answers(policy, second, day)));
    CHECK(one.unanswered == evaluate_answers(policy, first, day).unanswered);
    if (with != Reasons::omit)
      CHECK(reasons_for(one, one.actions[0]).size() == evaluate_answers(policy, first, day).actions[0].because.size());
    buffer = first;
    buffer.insert(buffer.end(), second.begin(), second.end());  // answers may have been moved from
  }
  // An answer set refused part-way leaves nothing behind for the next one.
  std::vector<IndexedAnswer> wrong = {given("risk", Answer::of_choice("maybe"))};
  CHECK_THROWS_AS(evaluate_answer_set(policy, wrong, day, nullptr, Reasons::omit), AnswerError);
  CHECK(ids(evaluate_answer_set(policy, first, day, nullptr, Reasons::omit)) ==
        ids(evaluate_answers(policy, first, day)));
}
