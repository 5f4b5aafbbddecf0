// What would change the advice: for an action not recommended, the smallest change of answers or
// chronology that brings it in; for a recommended one, what removes it. Checked on the bundled
// policies by making the change in a session and looking at the outcome.
#include <waymark/plugin_registry.h>
#include <waymark/policy_registry.h>
#include <waymark/waymark.h>
#include <waymark/what_would_change.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "support/policy_text.h"
#include "support/run_command.h"

using namespace waymark;

namespace {

const PolicyRegistry& bundled() {
  static const PluginRegistry plugins = [] {
    PluginRegistry p;
    p.add_directory(WAYMARK_BUILD_PLUGINS);
    return p;
  }();
  static const PolicyRegistry registry = [] {
    PolicyRegistry r(plugins);
    r.add_directory(WAYMARK_POLICIES);
    return r;
  }();
  return registry;
}

std::shared_ptr<const Policy> bundled_policy(std::string_view id) {
  const PolicyEntry* entry = bundled().find(id);
  REQUIRE(entry);
  return entry->policy;
}

const Date session_date = *Date::parse("2026-12-03");

bool recommends(const Session& session, std::string_view action_id) {
  const Outcome outcome = session.outcome(Reasons::omit);
  return std::any_of(outcome.actions.begin(), outcome.actions.end(),
                     [&](const Recommendation& r) { return r.action->id == action_id; });
}

// The session with one way's changes made: the answers given (in the order they are asked) and
// the events recorded the way the search adds them (one a day back from the session date, at the
// time of day of the latest timed event of that kind).
Session with_changes(Session session, const std::vector<CircumstanceChange>& way) {
  auto chronology = session.chronology() ? std::make_shared<Chronology>(*session.chronology())
                                         : std::make_shared<Chronology>();
  bool events = false;
  for (const auto& c : way) {
    if (c.kind == CircumstanceChange::Kind::answer) continue;
    events = true;
    std::optional<std::int32_t> minute;
    for (const Event& e : chronology->events())
      if (e.kind == c.event_kind && e.minute_of_day && !(session.date() < e.date)) minute = e.minute_of_day;
    for (int n = 0; n < c.events_added; ++n)
      chronology->add(Event{c.event_kind, session.date().plus_days(-n), minute, {}, {}, {}, {}});
  }
  if (events) session.set_chronology(chronology);
  for (const auto& c : way)
    if (c.kind == CircumstanceChange::Kind::answer) session.answer(c.question_id, *c.to, "2026-12-03T10:00:00Z");
  return session;
}

// Answers every question that applies with its first option, "no", the least number, the
// session date or a short text: one plain way through a policy.
void answer_plainly(Session& session) {
  while (const Question* q = session.next_question()) {
    Answer a;
    switch (q->kind) {
      case QuestionKind::yes_no: a = Answer::of_yes_no(false); break;
      case QuestionKind::choice: a = Answer::of_choice(q->options.front().id); break;
      case QuestionKind::multi_choice: a = Answer::of_choices({}); break;
      case QuestionKind::number: a = Answer::of_number(q->min.value_or(0)); break;
      case QuestionKind::date: a = Answer::of_date(session.date()); break;
      case QuestionKind::text: a = Answer::of_text("seen"); break;
    }
    session.answer(q->id, a, "2026-12-03T10:00:00Z");
  }
}

}  // namespace

TEST_CASE("after a first refusal the shift lead step needs the person to be still declining", "[what_if]") {
  Session session(bundled_policy("cqc-refusal-pathway"), session_date);
  session.answer_text("pathway", "personal_care", "t");
  session.answer_text("p1_after_alternative", "accepted", "t");
  REQUIRE_FALSE(recommends(session, "p1_step3_inform_shift_lead"));

  const WhatWouldChange what = what_would_change(session, "p1_step3_inform_shift_lead");
  REQUIRE(what.status == WhatIfStatus::found);
  CHECK_FALSE(what.recommended);
  REQUIRE(what.ways.size() == 1);
  REQUIRE(what.ways[0].size() == 1);
  const CircumstanceChange& change = what.ways[0][0];
  CHECK(change.question_id == "p1_after_alternative");
  CHECK(change.to->choice == "still_declining");
  CHECK(change.from->choice == "accepted");
  CHECK(recommends(with_changes(session, what.ways[0]), "p1_step3_inform_shift_lead"));
  CHECK(what_would_change_words(what) ==
        "Would be recommended if the answer to \"" + session.policy().find_question("p1_after_alternative")->text +
            "\" were \"The person still declines support\" (it is \"The person accepted support\").");

  SECTION("and once it is recommended, another answer removes it") {
    session.answer_text("p1_after_alternative", "still_declining", "t");
    const WhatWouldChange removed = what_would_change(session, "p1_step3_inform_shift_lead");
    REQUIRE(removed.status == WhatIfStatus::found);
    CHECK(removed.recommended);
    for (const auto& way : removed.ways) CHECK_FALSE(recommends(with_changes(session, way), "p1_step3_inform_shift_lead"));
    CHECK(what_would_change_words(removed).starts_with("Would no longer be recommended if the answer to"));
  }
  SECTION("from another pathway it takes two changes: the pathway and what happened") {
    Session other(bundled_policy("cqc-refusal-pathway"), session_date);
    answer_plainly(other);  // the first pathway option is personal care: change to medication first
    other.answer_text("pathway", "medication", "t");
    answer_plainly(other);
    const WhatWouldChange two = what_would_change(other, "p1_step3_inform_shift_lead");
    REQUIRE(two.status == WhatIfStatus::found);
    REQUIRE(two.ways[0].size() == 2);
    CHECK(two.ways[0][1].from_missing == NoAnswer::not_asked);
    CHECK(what_would_change_words(two).find("(it is not asked now)") != std::string::npos);
    CHECK(recommends(with_changes(other, two.ways[0]), "p1_step3_inform_shift_lead"));
  }
}

TEST_CASE("a third refusal within seven days is found in the chronology", "[what_if]") {
  Session session(bundled_policy("cqc-refusal-pathway"), session_date);
  Event refusal{"medication_refusal", session_date.plus_days(-2), 20 * 60, {}, {}, {}, {}};
  session.set_chronology(std::make_shared<Chronology>(std::vector<Event>{refusal}));
  session.answer_text("pathway", "medication", "t");
  session.answer_text("p2_important", "yes", "t");
  session.answer_text("p2_repeated", "no", "t");
  REQUIRE_FALSE(recommends(session, "p2_chronology_three_in_a_week"));

  const WhatWouldChange what = what_would_change(session, "p2_chronology_three_in_a_week");
  REQUIRE(what.status == WhatIfStatus::found);
  const auto events = std::find_if(what.ways.begin(), what.ways.end(), [](const auto& way) {
    return way.size() == 1 && way[0].kind == CircumstanceChange::Kind::events;
  });
  REQUIRE(events != what.ways.end());
  const CircumstanceChange& more = (*events)[0];
  CHECK(more.event_kind == "medication_refusal");
  CHECK(more.events_added == 2);
  REQUIRE(more.window);
  CHECK(more.window->count == 3);
  CHECK(more.count_now == 1);
  CHECK(change_words(more) ==
        "2 more \"Refusal of medication or health-related support\" events were recorded, making 3 in the 7 days to "
        "2026-12-03 (now 1)");
  CHECK(recommends(with_changes(session, *events), "p2_chronology_three_in_a_week"));
}

TEST_CASE("what would change says when it cannot be worked out or cannot happen", "[what_if]") {
  const auto policy = load_policy_text(test::policy_header_using("what-if", "") + R"(
[[question]]
id = "a"
text = "A?"
help = "h"
kind = "yes_no"
source = "s"

[[question]]
id = "b"
text = "B?"
help = "h"
kind = "yes_no"
source = "s"

[[action]]
id = "both"
kind = "step"
text = "t"
owner = "worker"
urgency = "same_day"
when = "a and b"
why = "w"
source = "s"

[[action]]
id = "never"
kind = "step"
text = "t"
owner = "worker"
urgency = "same_day"
when = "a and not a"
why = "w"
source = "s"

[[action]]
id = "always"
kind = "step"
text = "t"
owner = "worker"
urgency = "same_day"
when = "true"
why = "w"
source = "s"
)",
                                       "what-if.toml");
  Session session(policy, session_date);
  session.answer_text("a", "no", "t");

  SECTION("an unanswered question is answered as part of the change") {
    const WhatWouldChange what = what_would_change(session, "both");
    REQUIRE(what.status == WhatIfStatus::found);
    REQUIRE(what.ways[0].size() == 2);
    CHECK(what.ways[0][1].from_missing == NoAnswer::not_answered);
    CHECK(change_words(what.ways[0][1]) == "\"B?\" were answered \"Yes\" (it is not answered yet)");
  }
  SECTION("a budget too small to finish says so") {
    WhatIfOptions tiny;
    tiny.max_states = 2;
    const WhatWouldChange what = what_would_change(session, "both", tiny);
    CHECK(what.status == WhatIfStatus::not_worked_out);
    CHECK(what_would_change_words(what).starts_with("What would change this was not worked out"));
  }
  SECTION("an action no answers fire, and one that always fires") {
    CHECK(what_would_change(session, "never").status == WhatIfStatus::none);
    CHECK(what_would_change_words(what_would_change(session, "never")) ==
          "No change of answers would make it recommended.");
    CHECK(what_would_change_words(what_would_change(session, "always")) ==
          "Recommended in every case: no change of answers removes it.");
  }
  SECTION("an action the policy does not have is refused") {
    CHECK_THROWS_AS(what_would_change(session, "nope"), AnswerError);
  }
}

TEST_CASE("every way found for every bundled policy changes the advice when it is made", "[what_if]") {
  for (const PolicyEntry& entry : bundled().policies()) {
    Session session(entry.policy, session_date);
    answer_plainly(session);
    INFO(entry.policy->id());
    const auto all = what_would_change_not_recommended(session);
    std::size_t found = 0;
    for (const WhatWouldChange& what : all) {
      INFO(what.action->id);
      CHECK_FALSE(recommends(session, what.action->id));
      CHECK(what.status != WhatIfStatus::not_worked_out);
      if (what.status != WhatIfStatus::found) continue;
      ++found;
      for (const auto& way : what.ways) CHECK(recommends(with_changes(session, way), what.action->id));
    }
    CHECK(found > 0);
  }
}

TEST_CASE("waymark run --what-if and the walk-through's 'why not' say what would change the advice",
          "[what_if][cli]") {
  using Catch::Matchers::Contains;
  const std::string dir = test::temp_dir();
  const std::string answers = dir + "/first-refusal.toml";
  std::ofstream(answers) << "[session]\ndate = 2026-12-03\n\n[answers]\npathway = \"personal_care\"\n"
                            "p1_after_alternative = \"accepted\"\n";
  const std::string question = bundled_policy("cqc-refusal-pathway")->find_question("p1_after_alternative")->text;

  SECTION("--what-if prints the action and the change") {
    const auto r = test::run_waymark(
        {"run", "cqc-refusal-pathway", "--answers", answers, "--what-if", "p1_step3_inform_shift_lead"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("(p1_step3_inform_shift_lead)\n  Not recommended now. Would be recommended if the "
                               "answer to \"" +
                               question + "\" were \"The person still declines support\""));
  }
  SECTION("an action the policy does not have is refused with a suggestion") {
    const auto r = test::run_waymark(
        {"run", "cqc-refusal-pathway", "--answers", answers, "--what-if", "p1_step3_inform_shift_led"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("has no action 'p1_step3_inform_shift_led' (did you mean "
                               "'p1_step3_inform_shift_lead'?)"));
  }
  SECTION("--what-if needs --answers") {
    const auto r = test::run_waymark({"run", "cqc-refusal-pathway", "--what-if", "p1_step3_inform_shift_lead"});
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Contains("--what-if requires --answers"));
  }
  SECTION("explain --what-if asks the same of a saved record, under the policy version it names") {
    const std::string record = dir + "/record.json";
    REQUIRE(test::run_waymark({"run", "cqc-refusal-pathway", "--answers", answers, "--format", "json", "--out", record})
                .exit_code == 0);
    const auto now = test::run_waymark(
        {"run", "cqc-refusal-pathway", "--answers", answers, "--what-if", "p1_step3_inform_shift_lead"});
    const auto later = test::run_waymark({"explain", record, "--what-if", "p1_step3_inform_shift_lead"});
    CHECK(later.exit_code == 0);
    CHECK(later.out == now.out);
    CHECK_THAT(later.out, Contains("Would be recommended if the answer to \"" + question + "\""));
    // A record made under another text of the policy is not worked out again against this one.
    std::ifstream in(record);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string hash = bundled_policy("cqc-refusal-pathway")->content_hash();
    text.replace(text.find(hash), hash.size(), std::string(64, '0'));
    std::ofstream(dir + "/other.json") << text;
    const auto other = test::run_waymark({"explain", dir + "/other.json", "--what-if", "p1_step3_inform_shift_lead"});
    CHECK(other.exit_code == 1);
    CHECK_THAT(other.err, Contains("other.json: error: the record was made under 'cqc-refusal-pathway' version") &&
                              Contains("(content 000000000000), which is not installed"));
  }
  SECTION("'why not' at the judgement step lists and explains") {
    // Personal care; accepted; nothing recorded in the note; no warning signs; then judgements.
    const auto r = test::run_waymark({"run", "cqc-refusal-pathway", "--date", "2026-12-03"},
                                     "1\nno\n1\nnone\nnone\nwhy not\nwhy not p1_step3_inform_shift_lead\nquit\n");
    CHECK_THAT(r.out, Contains("Not recommended now (type 'why not ID' for what would change that):\n") &&
                          Contains("    p1_step3_inform_shift_lead: Step 3:"));
    CHECK_THAT(r.out, Contains("  Not recommended now. Would be recommended if the answer to \"" + question +
                               "\" were \"The person still declines support\""));
  }
}
