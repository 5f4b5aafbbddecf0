// Lint: finds what no answers reach, and answers that leave a practitioner with nothing to do.
#include <waymark/evaluate.h>
#include <waymark/lint.h>

#include <catch2/catch.hpp>

#include "support/policy_text.h"
#include "support/question_kinds.h"

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

const LintOptions options{*Date::parse("2026-11-25")};

std::vector<std::string> messages(const LintReport& report) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics) out.push_back(d.message);
  return out;
}

bool any_contains(const LintReport& report, const std::string& words) {
  for (const auto& m : messages(report))
    if (m.find(words) != std::string::npos) return true;
  return false;
}

const std::string two_questions = R"(
[[question]]
id = "risk"
text = "t"
help = "h"
kind = "choice"
options = [ { id = "evidence", text = "Evidence" }, { id = "only", text = "Only" } ]
source = "s"

[[question]]
id = "spoke"
text = "t"
help = "h"
kind = "yes_no"
ask_if = "risk == 'evidence'"
source = "s"
)";

}  // namespace

TEST_CASE("a policy where every path ends in advice passes", "[lint]") {
  auto policy = test::load(two_questions + test::action("always", "true"));
  const LintReport report = lint_policy(*policy, options);
  CHECK(messages(report).empty());
  CHECK(report.exhaustive);
  CHECK_THAT(report.summary, Contains("checked exhaustively"));
}

TEST_CASE("dead ends are reported with the answers that reach them", "[lint]") {
  auto policy = test::load(two_questions + test::action("evidence", "risk == 'evidence' and not spoke"));
  const LintReport report = lint_policy(*policy, options);
  CHECK(any_contains(report, "no action fires after these answers: risk = 'evidence', spoke = true"));
  CHECK(any_contains(report, "no action fires after these answers: risk = 'only'"));
}

TEST_CASE("questions that can never be asked and actions that can never fire are errors", "[lint]") {
  const std::string body = two_questions + R"(
[[question]]
id = "never"
text = "t"
help = "h"
kind = "yes_no"
ask_if = "risk == 'evidence' and risk == 'only'"
source = "s"
)" + test::action("impossible", "spoke and risk == 'only'") +
                           test::action("always", "true");
  const LintReport report = lint_policy(*test::load(body), options);
  CHECK(any_contains(report, "question 'never' can never be asked"));
  CHECK(any_contains(report, "action 'impossible' can never fire"));
  for (const auto& d : report.diagnostics) CHECK(d.severity == Severity::error);
}

TEST_CASE("multiple-choice options are searched one by one", "[lint]") {
  const std::string body = test::all_kinds() + test::action("all_three", "count(tried) == 3") +
                           test::action("calls_only", "'calls' in tried and count(tried) == 1") +
                           test::action("too_many", "count(tried) > 3");
  const LintReport report = lint_policy(*test::load(body), options);
  CHECK(any_contains(report, "action 'too_many' can never fire"));
  CHECK_FALSE(any_contains(report, "'all_three' can never fire"));
  CHECK_FALSE(any_contains(report, "'calls_only' can never fire"));
}

TEST_CASE("a past review-by date is a warning", "[lint]") {
  auto policy = test::load(two_questions + test::action("always", "true"));
  const LintReport report = lint_policy(*policy, LintOptions{*Date::parse("2029-01-01")});
  REQUIRE(report.diagnostics.size() == 1);
  CHECK(report.diagnostics[0].severity == Severity::warning);
  CHECK_THAT(report.diagnostics[0].message, Contains("review-by date 2028-01-01 has passed"));
}

TEST_CASE("a search too large for its budget says so instead of claiming success", "[lint]") {
  std::string body;
  for (int i = 0; i < 30; ++i)
    body += "\n[[question]]\nid = \"q" + std::to_string(i) +
            "\"\ntext = \"t\"\nhelp = \"h\"\nkind = \"yes_no\"\nsource = \"s\"\n";
  body += test::action("last", "q29 and q0");
  const LintReport report = lint_policy(*test::load(body), LintOptions{*Date::parse("2026-11-25"), 50});
  CHECK_FALSE(report.exhaustive);
  CHECK_THAT(report.summary, Contains("NOT checked exhaustively"));
}

TEST_CASE("many questions with local conditions are searched exhaustively, and dead ends counted exactly", "[lint]") {
  // 2^30 complete answers, but only q0 and q29 matter: the search remembers the subtrees that
  // differ only in answers nothing still open reads.
  std::string body;
  for (int i = 0; i < 30; ++i)
    body += "\n[[question]]\nid = \"q" + std::to_string(i) +
            "\"\ntext = \"t\"\nhelp = \"h\"\nkind = \"yes_no\"\nsource = \"s\"\n";
  body += test::action("last", "q29 and q0");
  const LintReport report = lint_policy(*test::load(body), options);
  CHECK(report.exhaustive);
  // Every answer but q0 = q29 = yes is a dead end: 2^30 - 2^28, three shown, the rest counted.
  CHECK(any_contains(report, "805306365 more combinations of answers after which no action fires"));
}

TEST_CASE("declared conflicts: lint finds answers that fire both, with a counterexample", "[lint]") {
  SECTION("answers exist that fire both") {
    const std::string body =
        two_questions + test::action("close_case", "risk == 'only'") +
        test::action("do_not_close", "risk == 'only' or spoke == false", "conflicts_with = [\"close_case\"]\n") +
        test::action("always", "true");
    const LintReport report = lint_policy(*test::load(body), options);
    CHECK(any_contains(report,
                       "actions 'do_not_close' and 'close_case' conflict but both fire after these answers: "
                       "risk = 'only'"));
  }
  SECTION("conditions that exclude each other pass") {
    const std::string body = two_questions + test::action("close_case", "risk == 'only'") +
                             test::action("do_not_close", "risk == 'evidence'", "conflicts_with = [\"close_case\"]\n");
    CHECK(messages(lint_policy(*test::load(body), options)).empty());
  }
  SECTION("a conflict with an unknown action is a load error with its position") {
    const std::string body = two_questions + test::action("do_not_close", "true", "conflicts_with = [\"close\"]\n");
    try {
      (void)test::load(body);
      FAIL("the policy loaded");
    } catch (const PolicyError& e) {
      CHECK_THAT(e.what(),
                 Contains("conflicts_with 'close', which is not an action of this policy") && Contains("test.toml:"));
    }
  }
}

namespace {

// Dead ends by brute force: every complete walk-through, evaluated as a session would.
std::size_t brute_force_dead_ends(const std::shared_ptr<const Policy>& policy, std::vector<IndexedAnswer> given,
                                  int next) {
  const int n = static_cast<int>(policy->questions().size());
  if (next == n) return evaluate_answers(policy, given, *Date::parse("2026-11-25")).actions.empty() ? 1 : 0;
  const Question& q = policy->questions()[static_cast<std::size_t>(next)];
  std::vector<Answer> values;
  if (q.kind == QuestionKind::yes_no) values = {Answer::of_yes_no(true), Answer::of_yes_no(false)};
  for (std::size_t set = 0; q.kind == QuestionKind::multi_choice && set < (std::size_t{1} << q.options.size()); ++set) {
    std::vector<std::string> ids;
    for (std::size_t b = 0; b < q.options.size(); ++b)
      if ((set >> b) & 1) ids.push_back(q.options[b].id);
    values.push_back(Answer::of_choices(ids));
  }
  std::size_t count = 0;
  for (const Answer& value : values) {
    auto with = given;
    with.push_back({next, value});
    try {
      (void)evaluate_answers(policy, with, *Date::parse("2026-11-25"));
    } catch (const AnswerError&) {
      return brute_force_dead_ends(policy, given, next + 1);  // not asked here
    }
    count += brute_force_dead_ends(policy, with, next + 1);
  }
  return count;
}

std::size_t linted_dead_ends(const LintReport& report) {
  std::size_t count = 0;
  for (const auto& d : report.diagnostics) {
    if (d.message.starts_with("no action fires after these answers")) ++count;
    if (const auto at = d.message.find(" more combinations"); at != std::string::npos)
      count += std::stoull(d.message.substr(0, at));
  }
  return count;
}

}  // namespace

TEST_CASE("lint's dead-end count matches a brute-force walk through every answer", "[lint]") {
  std::string body = R"(
[[question]]
id = "tried"
text = "t"
help = "h"
kind = "multi_choice"
options = [ { id = "calls", text = "Calls" }, { id = "letters", text = "Letters" }, { id = "visit", text = "Visit" } ]
source = "s"
)";
  for (int i = 0; i < 8; ++i)
    body += "\n[[question]]\nid = \"q" + std::to_string(i) + "\"\ntext = \"t\"\nhelp = \"h\"\nkind = \"yes_no\"\n" +
            (i % 3 == 2 ? "ask_if = \"q" + std::to_string(i - 1) + " or 'visit' in tried\"\n" : std::string()) +
            "source = \"s\"\n";
  body += test::action("a", "q0 and not q3") + test::action("b", "'calls' in tried and q4 == false") +
          test::action("c", "q5 and q7 and count(tried) < 2") + test::action("d", "not q1 and q6");
  const auto policy = test::load(body);
  const LintReport report = lint_policy(*policy, options);
  CHECK(report.exhaustive);
  CHECK(linted_dead_ends(report) == brute_force_dead_ends(policy, {}, 0));
  CHECK(linted_dead_ends(report) > 3);
}

namespace {

// 40 yes/no questions and one action that fires when at least `threshold` are yes.
std::string threshold_policy(int threshold) {
  std::string body, args;
  for (int i = 0; i < 40; ++i) {
    body += "\n[[question]]\nid = \"q" + std::to_string(i) +
            "\"\ntext = \"t\"\nhelp = \"h\"\nkind = \"yes_no\"\nsource = \"s\"\n";
    args += (i ? ", q" : "q") + std::to_string(i);
  }
  return body + test::action("many", "count_true(" + args + ") >= " + std::to_string(threshold));
}

std::size_t count_starting(const LintReport& report, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& m : messages(report)) n += m.starts_with(prefix);
  return n;
}

}  // namespace

TEST_CASE("a threshold over 40 questions is searched exhaustively, by how many are yes so far", "[lint]") {
  SECTION("count_true(...) >= 20 with no fallback: 'all no' is among the dead ends, counted exactly") {
    const LintReport report = lint_policy(*test::load(threshold_policy(20)), options);
    CHECK(report.exhaustive);
    CHECK_THAT(report.summary, Contains("checked exhaustively"));
    CHECK(count_starting(report, "no action fires after these answers") == 3);
    // Combinations with fewer than 20 yes: sum of C(40, k) for k < 20 = 480,832,549,478 of 2^40.
    CHECK(any_contains(report, "480832549475 more combinations of answers after which no action fires"));
  }
  SECTION("count_true(...) >= 41 can never fire, and every answer is a dead end") {
    const LintReport report = lint_policy(*test::load(threshold_policy(41)), options);
    CHECK(report.exhaustive);
    CHECK(any_contains(report, "action 'many' can never fire"));
    CHECK(any_contains(report, "1099511627773 more combinations"));
  }
}

TEST_CASE(
    "dead ends that differ in a yes/no or choice answer are shown before ones that differ in a "
    "number",
    "[lint]") {
  const std::string body = R"(
[[question]]
id = "a"
text = "t"
help = "h"
kind = "yes_no"
source = "s"

[[question]]
id = "b"
text = "t"
help = "h"
kind = "choice"
options = [ { id = "p", text = "P" }, { id = "q", text = "Q" } ]
source = "s"

[[question]]
id = "n"
text = "t"
help = "h"
kind = "number"
source = "s"
)" + test::action("fires", "a and b == 'p' and n > 0");
  const auto policy = test::load(body);
  SECTION("three distinct ones, the rest counted") {
    const LintReport report = lint_policy(*policy, options);
    CHECK(count_starting(report, "no action fires after these answers") == 3);
    CHECK(any_contains(report, "no action fires after these answers: a = true, b = 'p', n = -1"));
    CHECK(any_contains(report, "no action fires after these answers: a = true, b = 'q', n = -1"));
    CHECK(any_contains(report, "no action fires after these answers: a = false, b = 'p', n = -1"));
    CHECK_FALSE(any_contains(report, "n = 0"));
    // 2 + 3 + 6 dead ends; 'a = false, b = q' is a fourth distinct one.
    CHECK(any_contains(report, "8 more combinations of answers after which no action fires (1 more of them differ"));
    CHECK(any_contains(report, "--all-dead-ends"));
  }
  SECTION("--all-dead-ends lists every one") {
    LintOptions all = options;
    all.all_dead_ends = true;
    const LintReport report = lint_policy(*policy, all);
    CHECK(count_starting(report, "no action fires after these answers") == 11);
    CHECK(any_contains(report, "a = false, b = 'q', n = 1"));
  }
}

TEST_CASE("a search cut short says which checks it could not settle and still finds 'all no'", "[lint]") {
  const LintReport report =
      lint_policy(*test::load(threshold_policy(20)), LintOptions{*Date::parse("2026-11-25"), 300});
  CHECK_FALSE(report.exhaustive);
  CHECK_THAT(report.summary, Contains("NOT checked exhaustively within 300 search states") &&
                                 Contains("which answers leave nothing to do") && Contains("all yes and all no"));
  std::string all_no;
  for (int i = 0; i < 40; ++i) all_no += (i ? ", q" : "q") + std::to_string(i) + " = false";
  CHECK(any_contains(report, "no action fires after these answers: " + all_no));
}
