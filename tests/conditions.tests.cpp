// The condition language as a policy author meets it: what fires, and what stays unknown.
#include "support/because_fields.h"
#include "support/policy_text.h"
#include "support/question_kinds.h"

#include <waymark/session.h>

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace waymark;

namespace {

const Date session_day = *Date::parse("2026-11-25");

std::set<std::string> fired(const Session& session) {
  std::set<std::string> ids;
  for (const auto& r : session.outcome().actions) ids.insert(r.action->id);
  return ids;
}

// One action per condition, so each test reads as "given these answers, these conditions hold".
Session session_with(const std::vector<std::pair<std::string, std::string>>& conditions) {
  std::string body = test::all_kinds();
  for (const auto& [id, when] : conditions) body += test::action(id, when);
  return Session(test::load(body), session_day);
}

}  // namespace

TEST_CASE("choice answers compare with their option ids", "[conditions]") {
  Session s = session_with({{"evidence", "risk == 'evidence'"},
                            {"not_evidence", "risk != 'evidence'"},
                            {"listed", "risk in ['evidence', 'only']"}});
  s.answer_text("risk", "1", "t");
  CHECK(fired(s) == std::set<std::string>{"evidence", "listed"});
  s.answer_text("risk", "only", "t");
  CHECK(fired(s) == std::set<std::string>{"not_evidence", "listed"});
}

TEST_CASE("an unanswered question is unknown: neither true nor false", "[conditions]") {
  Session s = session_with({{"spoke_yes", "spoke"},
                            {"spoke_no", "not spoke"},
                            {"true_or_unknown", "risk == 'evidence' or spoke"},
                            {"false_and_unknown_negated", "not (risk == 'evidence' and spoke)"},
                            {"asked", "answered(spoke)"},
                            {"not_asked", "not answered(spoke)"}});
  SECTION("nothing answered: only conditions that do not depend on it fire") {
    CHECK(fired(s) == std::set<std::string>{"not_asked"});
  }
  SECTION("true or unknown is true") {
    s.answer_text("risk", "evidence", "t");
    CHECK(fired(s) == std::set<std::string>{"true_or_unknown", "not_asked"});
  }
  SECTION("false and unknown is false") {
    s.answer_text("risk", "only", "t");
    CHECK(fired(s) == std::set<std::string>{"false_and_unknown_negated", "not_asked"});
  }
  SECTION("once answered, the question has a value") {
    s.answer_text("risk", "only", "t");
    s.answer_text("spoke", "no", "t");
    CHECK(fired(s) == std::set<std::string>{"spoke_no", "false_and_unknown_negated", "asked"});
  }
}

TEST_CASE("multiple-choice answers: membership and counts", "[conditions]") {
  Session s = session_with({{"calls", "'calls' in tried"},
                            {"no_visits", "'visits' not in tried"},
                            {"two_or_more", "count(tried) >= 2"},
                            {"none", "count(tried) == 0"}});
  s.answer_text("risk", "1", "t");
  s.answer_text("spoke", "yes", "t");
  SECTION("some options") {
    s.answer_text("tried", "1, 2", "t");
    CHECK(fired(s) == std::set<std::string>{"calls", "no_visits", "two_or_more"});
  }
  SECTION("none of them") {
    s.answer_text("tried", "none", "t");
    CHECK(fired(s) == std::set<std::string>{"no_visits", "none"});
  }
}

TEST_CASE("numbers, dates and text", "[conditions]") {
  Session s = session_with({{"many_missed", "missed > 2"},
                            {"arithmetic", "missed + 1 >= 4 and -missed < 0"},
                            {"six_weeks", "days_since(last_contact) > 42"},
                            {"before_2026", "last_contact < date('2026-01-01')"},
                            {"between", "days_between(last_contact, today()) == 60"},
                            {"text_match", "summary in ['no answer at the door', 'letter returned']"}});
  for (auto [q, a] : {std::pair{"risk", "1"}, {"spoke", "y"}, {"tried", "none"}}) s.answer_text(q, a, "t");
  s.answer_text("missed", "3", "t");
  s.answer_text("last_contact", "2026-09-26", "t");  // 60 days before the session date
  s.answer_text("summary", "no answer at the door", "t");
  CHECK(fired(s) == std::set<std::string>{"many_missed", "arithmetic", "six_weeks", "between", "text_match"});
}

TEST_CASE("facts derive values from answers and other facts", "[conditions]") {
  const std::string facts = R"toml(
[[fact]]
id = "signs"
text = "Number of signs of collusion"
value = "count_true(not spoke, risk == 'only')"

[[fact]]
id = "worrying"
text = "Two or more signs"
value = "signs >= 2"
)toml";
  Session s(test::load(test::all_kinds() + facts + test::action("escalate", "worrying")), session_day);
  s.answer_text("risk", "only", "t");
  CHECK(fired(s).empty());
  s.answer_text("spoke", "no", "t");
  CHECK(fired(s) == std::set<std::string>{"escalate"});
}

namespace {

// Conditions over the three questions with options (and a fact built from two of them), each an
// action twice: `fast<i>` as written, decided by a fast path where it has one, and `general<i>` as
// `(c) or missed < 0`, which means the same while `missed` is unanswered (as it is here) but
// compares a number, so takes the general, short-circuiting path.
const std::vector<std::string> paired_conditions = {
    "spoke and (risk == 'evidence' or not spoke)", "not (risk != 'only' and 'calls' in tried)",
    "risk in ['evidence'] or ('letters' not in tried and answered(tried))",
    "not answered(risk) or (spoke and not ('visits' in tried or risk == 'only'))",
    // more tests than a condition kept as a table holds: decided node by node
    "(spoke or 'calls' in tried) and (risk == 'evidence' or not answered(tried)) and 'letters' not in tried",
    "'calls' in tried or 'letters' in tried or 'visits' in tried or spoke",
    "not ('calls' in tried and spoke) and answered(spoke)", "spoke or not spoke",
    // a fact that calls no plugin function is a test of the table like an answer
    "reached and risk == 'only'", "not reached or ('visits' in tried and risk == 'evidence')",
    // an answer named both through a fact and directly, and a fact built on a fact: named once each
    "reached and spoke", "engaged or risk == 'evidence'"};

std::shared_ptr<const Policy> paired_policy() {
  std::string body = test::all_kinds() +
                     "\n[[fact]]\nid = \"reached\"\ntext = \"Reached\"\nvalue = \"spoke or 'calls' in tried\"\n"
                     "\n[[fact]]\nid = \"engaged\"\ntext = \"Engaged\"\nvalue = \"reached and answered(risk)\"\n";
  for (std::size_t i = 0; i < paired_conditions.size(); ++i) {
    body += test::action("fast" + std::to_string(i), paired_conditions[i]);
    body += test::action("general" + std::to_string(i), "(" + paired_conditions[i] + ") or missed < 0");
  }
  return test::load(body);
}

// Calls check(session) with the answers of every mix, each question possibly unanswered.
template <class Check>
void for_every_mix(const std::shared_ptr<const Policy>& policy, Check check) {
  for (const std::string r : {"", "evidence", "only"})
    for (const std::string s : {"", "yes", "no"})
      for (const std::string t : {"", "none", "calls", "letters, visits", "calls, visits"}) {
        INFO("risk=" << r << " spoke=" << s << " tried=" << t);
        Session session(policy, session_day);
        for (auto [question, answer] : {std::pair{"risk", r}, {"spoke", s}, {"tried", t}})
          if (!answer.empty()) session.answer_text(question, answer, "t");
        check(session);
      }
}

using BecauseFields = std::vector<decltype(test::because_fields(std::declval<const Because&>()))>;

template <class Reasons>  // a std::vector<Because> or an action's BecauseList
BecauseFields fields_of(const Reasons& reasons) {
  BecauseFields out;
  for (const Because& b : reasons) out.push_back(test::because_fields(b));
  return out;
}

}  // namespace

// Outcomes decide most conditions by a fast path (a table of its tests' results, or every node
// evaluated); conditions that read a fact take the general, short-circuiting one. Both must agree
// on every mix of answers, including unanswered questions.
TEST_CASE("every condition gives the same result by either evaluation path", "[conditions]") {
  int mixes = 0;
  for_every_mix(paired_policy(), [&](const Session& session) {
    const auto ids = fired(session);
    for (std::size_t i = 0; i < paired_conditions.size(); ++i) {
      INFO(paired_conditions[i]);
      CHECK(ids.count("fast" + std::to_string(i)) == ids.count("general" + std::to_string(i)));
    }
    mixes += ids.count("fast3") > 0;
  });
  CHECK(mixes > 0);  // the conditions are not all false everywhere
}

// An outcome explains a condition kept as a table from the row its tests' results pick; the
// reasons asked for one action later (reasons_for) evaluate the condition again instead. Both
// must name the same answers, options and facts on every mix of answers, and `(c) or missed < 0`
// (explained node by node) the same as `c`.
TEST_CASE("every condition is explained the same by either evaluation path", "[conditions][explain]") {
  std::size_t explained = 0;
  for_every_mix(paired_policy(), [&](const Session& session) {
    const Outcome eager = session.outcome(Reasons::include), lazy = session.outcome(Reasons::on_demand);
    REQUIRE(eager.actions.size() == lazy.actions.size());
    std::map<std::string, const BecauseList*> by_action;
    for (std::size_t i = 0; i < eager.actions.size(); ++i) {
      INFO("action " << eager.actions[i].action->id);
      CHECK(fields_of(eager.actions[i].because) == fields_of(reasons_for(lazy, lazy.actions[i])));
      CHECK_FALSE(eager.actions[i].because.empty());
      by_action[eager.actions[i].action->id] = &eager.actions[i].because;
    }
    for (std::size_t i = 0; i < paired_conditions.size(); ++i) {
      INFO(paired_conditions[i]);
      const auto fast = by_action.find("fast" + std::to_string(i));
      const auto general = by_action.find("general" + std::to_string(i));
      REQUIRE((fast == by_action.end()) == (general == by_action.end()));
      if (fast == by_action.end()) continue;
      CHECK(fields_of(*fast->second) == fields_of(*general->second));
      ++explained;
    }
  });
  CHECK(explained > 50);
}
