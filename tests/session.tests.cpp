// The session as a practitioner drives it: order, skipping, changing answers, undo, resume.
#include "support/policy_text.h"

#include <waymark/session.h>
#include <waymark/utf8.h>

#include <catch2/catch.hpp>

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

const Date day = *Date::parse("2026-11-25");

// risk -> (only if evidence) spoke -> (only if not spoke) why_not -> tried
const std::string branching = R"(
[[question]]
id = "risk"
text = "Evidence or only non-engagement?"
help = "h"
kind = "choice"
options = [ { id = "evidence", text = "Evidence of risk" }, { id = "only", text = "Only not engaging" } ]
source = "s"

[[question]]
id = "spoke"
text = "Have you spoken to the adult?"
help = "h"
kind = "yes_no"
ask_if = "risk == 'evidence'"
source = "s"

[[question]]
id = "why_not"
text = "Why not?"
help = "h"
kind = "text"
ask_if = "not spoke"
source = "s"

[[question]]
id = "missed"
text = "Missed appointments?"
help = "h"
kind = "number"
min = 0
max = 50
source = "s"
)" + test::action("do_not_close", "risk == 'evidence'") +
                              test::action("speak", "not spoke");

std::string next_id(const Session& s) {
  const Question* q = s.next_question();
  return q ? q->id : "(none)";
}

}  // namespace

TEST_CASE("questions come in order, skipping those whose ask_if is not true", "[session]") {
  Session s(test::load(branching), day);
  CHECK(next_id(s) == "risk");
  SECTION("only non-engagement skips the follow-ups") {
    s.answer_text("risk", "only", "t");
    CHECK(next_id(s) == "missed");
    CHECK_FALSE(s.is_applicable("spoke"));
  }
  SECTION("evidence asks whether they spoke, and why not") {
    s.answer_text("risk", "evidence", "t");
    CHECK(next_id(s) == "spoke");
    s.answer_text("spoke", "no", "t");
    CHECK(next_id(s) == "why_not");
    s.answer_text("why_not", "Family said she was asleep", "t");
    s.answer_text("missed", "4", "t");
    CHECK(next_id(s) == "(none)");
    CHECK(s.is_complete());
  }
}

TEST_CASE("answers that do not fit are refused with a reason", "[session]") {
  Session s(test::load(branching), day);
  CHECK_THROWS_WITH(s.answer_text("risk", "3", "t"), Contains("there is no option 3; choose 1 to 2"));
  CHECK_THROWS_WITH(s.answer_text("risk", "maybe", "t"), Contains("'maybe' is not one of the options"));
  CHECK_THROWS_WITH(s.answer("risk", Answer::of_yes_no(true), "t"),
                    Contains("needs one of the options, not a yes or no"));
  CHECK_THROWS_WITH(s.answer_text("missed", "lots", "t"), Contains("'lots' is not a number"));
  CHECK_THROWS_WITH(s.answer_text("missed", "51", "t"), Contains("at most 50"));
  CHECK_THROWS_WITH(s.answer_text("spoke", "yes", "t"), Contains("not asked, given the answers so far"));
  CHECK_THROWS_WITH(s.answer_text("nope", "yes", "t"), Contains("no question with that id"));
  CHECK(next_id(s) == "risk");  // nothing was recorded
  CHECK(s.history().empty());
}

TEST_CASE("changing an earlier answer keeps what still applies and drops the rest", "[session]") {
  Session s(test::load(branching), day);
  s.answer_text("risk", "evidence", "t1");
  s.answer_text("spoke", "no", "t2");
  s.answer_text("why_not", "Daughter answered the door", "t3");
  s.answer_text("missed", "2", "t4");

  const auto dropped = s.answer_text("risk", "only", "t5");
  CHECK(dropped == std::vector<std::string>{"spoke", "why_not"});
  CHECK(s.answer_of("spoke") == nullptr);
  REQUIRE(s.answer_of("missed") != nullptr);  // still applies: kept
  CHECK(s.answer_of("missed")->number == 2);
  CHECK(s.is_complete());

  SECTION("the history keeps what the answer was, what it became and when") {
    const auto& h = s.history();
    REQUIRE(h.size() == 7);
    CHECK(h[4].kind == HistoryEntry::Kind::changed);
    CHECK(h[4].from->choice == "evidence");
    CHECK(h[4].to->choice == "only");
    CHECK(h[4].at == "t5");
    CHECK(h[5].kind == HistoryEntry::Kind::dropped);
    CHECK(h[5].question_id == "spoke");
    CHECK(h[6].from->text == "Daughter answered the door");
  }
  SECTION("undo brings back the dropped answers") {
    CHECK(s.undo("t6"));
    CHECK(s.answer_of("risk")->choice == "evidence");
    REQUIRE(s.answer_of("why_not") != nullptr);
    CHECK(s.answer_of("why_not")->text == "Daughter answered the door");
    CHECK(s.answered_at("why_not") == "t3");
    CHECK(s.history().back().kind == HistoryEntry::Kind::undone);
  }
}

TEST_CASE("the outcome is marked incomplete until every applicable question is answered", "[session][outcome]") {
  Session s(test::load(branching), day);
  s.answer_text("risk", "evidence", "t");
  Outcome partial = s.outcome();
  CHECK_FALSE(partial.complete);
  CHECK(partial.unanswered == std::vector<std::string>{"spoke", "missed"});
  REQUIRE(partial.actions.size() == 1);  // already certain: do not close
  CHECK(partial.actions[0].action->id == "do_not_close");
  s.answer_text("spoke", "yes", "t");
  s.answer_text("missed", "0", "t");
  CHECK(s.outcome().complete);
}

TEST_CASE("the practitioner's judgement is recorded, never assumed", "[session][judgement]") {
  Session s(test::load(branching), day);
  s.answer_text("risk", "evidence", "t");
  s.answer_text("spoke", "no", "t");
  CHECK_THROWS_WITH(s.judge("speak", Judgement::decline, "  ", "t"), Contains("give a reason to decline"));
  CHECK_THROWS_WITH(s.judge("nothing", Judgement::accept, "", "t"), Contains("not recommended"));
  s.judge("speak", Judgement::adapt, "Will visit with an interpreter", "t");
  s.judge("do_not_close", Judgement::accept, "", "t");
  REQUIRE(s.judgement_for("speak") != nullptr);
  CHECK(s.judgement_for("speak")->reason == "Will visit with an interpreter");
  CHECK_THROWS_WITH(s.add_action({"Call GP", "worker", "", "t"}), Contains("give a reason"));
  s.add_action({"Call GP", "worker", "GP saw her last week", "t"});
  CHECK(s.added_actions().size() == 1);
  SECTION("a judgement on an action that no longer fires is dropped when answers change") {
    s.answer_text("spoke", "yes", "t");
    CHECK(s.judgement_for("speak") == nullptr);
    CHECK(s.judgement_for("do_not_close") != nullptr);
  }
}

// The old names (Decision, decide, decision_for, decisions) stay for code written against them,
// deprecated; nothing else in the tree may use them, or -Werror fails the build.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
TEST_CASE("the deprecated decision names still reach the judgements", "[session][judgement]") {
  Session s(test::load(branching), day);
  s.answer_text("risk", "evidence", "t");
  s.answer_text("spoke", "no", "t");
  s.decide("speak", Judgement::adapt, "Will visit with an interpreter", "t");
  const Decision* old = s.decision_for("speak");
  CHECK(old == s.judgement_for("speak"));
  CHECK(&s.decisions() == &s.judgements());
  CHECK(s.judgements().size() == 1);
}
#pragma GCC diagnostic pop

TEST_CASE("a saved session resumes exactly, but never against a changed policy", "[session][json]") {
  auto policy = test::load(branching);
  Session s(policy, day);
  s.set_case_reference("C-1042");
  s.answer_text("risk", "evidence", "t1");
  s.answer_text("spoke", "no", "t2");
  s.answer_text("spoke", "yes", "t3");
  s.judge("do_not_close", Judgement::accept, "", "t4");
  const std::string saved = s.to_json();

  Session resumed = Session::from_json(saved, policy);
  CHECK(resumed.case_reference() == "C-1042");
  CHECK(resumed.date() == day);
  CHECK(resumed.answer_of("spoke")->yes);
  CHECK(resumed.answered_at("spoke") == "t3");
  CHECK(resumed.history().size() == s.history().size());
  CHECK(resumed.judgement_for("do_not_close") != nullptr);
  CHECK(next_id(resumed) == "missed");
  CHECK(resumed.to_json() == saved);

  SECTION("a changed policy is named with both versions") {
    std::string changed = test::policy_header + branching;
    changed.replace(changed.find("1.0.0"), 5, "1.1.0");
    changed.replace(changed.find("Why not?"), 8, "Why not yet?");
    CHECK_THROWS_WITH(Session::from_json(saved, load_policy_text(changed, "v2.toml")),
                      Contains("version 1.0.0") && Contains("is version 1.1.0") && Contains("cannot be resumed"));
  }
  SECTION("a damaged file is refused, not half-read") {
    CHECK_THROWS_AS(Session::from_json(saved.substr(0, saved.size() / 2), policy), RecordError);
    CHECK_THROWS_WITH(Session::from_json("{\"format\": \"something else\"}", policy),
                      Contains("not a saved Waymark session"));
  }
  SECTION("case references must not look like names") {
    CHECK_THROWS_WITH(s.set_case_reference("Mrs Jane Smith"), Contains("never a name"));
  }
}

TEST_CASE("text answers are counted in characters, and bytes that are not text are refused", "[session][utf8]") {
  Session s(test::load(branching), day);
  s.answer_text("risk", "evidence", "t");
  s.answer_text("spoke", "no", "t");
  std::string accented;
  for (int i = 0; i < 600; ++i) accented += "\u00e9";  // two bytes each
  SECTION("3,900 characters fit, though they take 4,500 bytes") {
    const std::string text = accented + std::string(3300, 'a');
    REQUIRE(text.size() == 4500);
    CHECK(count_characters(text) == 3900);
    CHECK_NOTHROW(s.answer_text("why_not", text, "t"));
    CHECK(s.answer_of("why_not")->text == text);
  }
  SECTION("4,001 characters do not") {
    CHECK_THROWS_WITH(s.answer_text("why_not", accented + std::string(3401, 'a'), "t"),
                      Contains("longer than 4000 characters"));
  }
  SECTION("control characters are refused in answers, reasons and added actions; new lines and tabs are not") {
    for (const std::string& bad : {std::string("a\x1b[2Jb"), std::string("nul\0here", 8), std::string("del\x7f"),
                                  std::string("c1 \xC2\x9B")}) {
      CHECK_THROWS_WITH(s.answer_text("why_not", bad, "t"), Contains("holds a control character"));
      CHECK_THROWS_WITH(s.judge("speak", Judgement::decline, bad, "t"),
                        Contains("the reason holds a control character"));
      CHECK_THROWS_WITH(s.add_action({bad, "worker", "because", "t"}), Contains("holds a control character"));
      CHECK_THROWS_WITH(s.add_action({"Call GP", "worker", bad, "t"}), Contains("holds a control character"));
      Event event{"refusal", day, std::nullopt, "", "", bad, "worker"};
      CHECK_THROWS_WITH(s.set_chronology(std::make_shared<Chronology>(std::vector<Event>{event}), "t"),
                        Contains("holds a control character"));
    }
    CHECK_THROWS_WITH(s.answer_text("why_not", "a\x1b[31m", "t"), Contains("(U+001B) at character 2"));
    CHECK(s.answer_of("why_not") == nullptr);
    CHECK_NOTHROW(s.answer_text("why_not", "two\r\nlines\tand a tab", "t"));
  }
  SECTION("invalid UTF-8 is refused with a reason, and the session still saves") {
    for (const std::string bad : {"\xFF\xFE", "ok \xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
      CHECK_FALSE(is_valid_utf8(bad));
      CHECK_THROWS_WITH(s.answer_text("why_not", bad, "t"), Contains("not valid text (UTF-8)"));
      CHECK_THROWS_WITH(s.answer("why_not", Answer::of_text(bad), "t"), Contains("not valid text (UTF-8)"));
      CHECK_THROWS_WITH(s.answer_text("risk", bad, "t"), Contains("not valid text (UTF-8)"));
      CHECK_THROWS_WITH(s.answer("risk", Answer::of_choice(bad), "t"), Contains("not valid text (UTF-8)"));
      CHECK_THROWS_WITH(s.judge("speak", Judgement::decline, bad, "t"), Contains("the reason is not valid text"));
      CHECK_THROWS_WITH(s.add_action({bad, "worker", "because", "t"}), Contains("not valid text (UTF-8)"));
      CHECK_THROWS_WITH(s.add_action({"Call GP", bad, "because", "t"}), Contains("not valid text (UTF-8)"));
      CHECK_THROWS_WITH(s.add_action({"Call GP", "worker", bad, "t"}), Contains("not valid text (UTF-8)"));
      CHECK_THROWS_WITH(s.answer_text("why_not", "fine", bad), Contains("not valid text (UTF-8)"));
      Event event{"refusal", day, std::nullopt, "", "", bad, "worker"};
      CHECK_THROWS_WITH(s.set_chronology(std::make_shared<Chronology>(std::vector<Event>{event}), "t"),
                        Contains("the text of the event on 2026-11-25 is not valid text (UTF-8)"));
    }
    CHECK(s.answer_of("why_not") == nullptr);
    CHECK(s.judgements().empty());
    CHECK(s.added_actions().empty());
    CHECK(s.chronology() == nullptr);
    CHECK_NOTHROW(s.to_json());
  }
  SECTION("valid text in any script is kept") {
    const std::string text = "Ni siku ya pili \u2014 \u4f60\u597d \U0001F600";
    CHECK(is_valid_utf8(text));
    s.answer_text("why_not", text, "t");
    s.judge("speak", Judgement::decline, text, "t");
    CHECK_NOTHROW(s.to_json());
  }
}
