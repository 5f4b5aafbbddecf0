// Loading policies: a bad policy is refused whole, with the file, line, column and a reason.
#include "support/policy_text.h"
#include "support/question_kinds.h"

#include <waymark/loader.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

// The diagnostics of a policy that must fail to load.
std::vector<Diagnostic> errors_of(const std::string& body) {
  LoadResult result = try_load_policy_text(test::policy_header + body, "bad.toml");
  REQUIRE_FALSE(result);
  REQUIRE_FALSE(result.diagnostics.empty());
  return result.diagnostics;
}

// 1-based line of the first occurrence of `needle` in header+body.
std::uint32_t line_of(const std::string& body, const std::string& needle) {
  const std::string all = test::policy_header + body;
  const auto at = all.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(std::count(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1);
}

}  // namespace

TEST_CASE("a valid policy loads with its content and a stable content hash", "[loader]") {
  auto policy = test::load(test::all_kinds() + test::action("a", "spoke"));
  CHECK(policy->id() == "test-policy");
  CHECK(policy->questions().size() == 6);
  CHECK(policy->actions().at(0).urgency.spelling() == "within 5 days");
  CHECK(policy->content_hash().size() == 64);
  SECTION("comments and blank lines do not change the hash") {
    auto again = load_policy_text(
        "# a comment\n\n" + test::policy_header + test::all_kinds() + test::action("a", "spoke"), "x.toml");
    CHECK(again->content_hash() == policy->content_hash());
  }
  SECTION("spacing inside a condition does not change the hash") {
    auto spaced = test::load(test::all_kinds() + test::action("a", "spoke==true"));
    auto tidy = test::load(test::all_kinds() + test::action("a", "spoke == true"));
    CHECK(spaced->content_hash() == tidy->content_hash());
  }
  SECTION("a changed word does") {
    auto changed = test::load(test::all_kinds() + test::action("a", "not spoke"));
    CHECK(changed->content_hash() != policy->content_hash());
  }
}

TEST_CASE("a key or value in error is underlined to its end on its line", "[loader]") {
  const auto first_error = [](const std::string& text) {
    const LoadResult result = try_load_policy_text(text, "bad.toml");
    REQUIRE_FALSE(result.diagnostics.empty());
    return result.diagnostics.front();
  };
  std::string quoted_date = test::policy_header;
  quoted_date.replace(quoted_date.find("effective = 2026-01-01"), 22, "effective = \"2026-01-01\"");
  const Diagnostic date = first_error(quoted_date);
  CHECK(date.position.column == 13);
  CHECK(date.position.end_column == 25);  // the column after the closing quote
  CHECK_THAT(date.format(), Contains("\n    effective = \"2026-01-01\"\n                ^~~~~~~~~~~"));
  std::string unknown_key = test::policy_header;
  unknown_key.insert(unknown_key.find("[roles]"), "colour = \"blue\"\n");
  CHECK_THAT(first_error(unknown_key).format(), Contains("\n    colour = \"blue\"\n    ^~~~~~"));
  SECTION("a value over several lines gets the caret alone") {
    std::string spread = test::policy_header;
    spread.replace(spread.find("title = \"Test policy\""), 21, "title = [\n  \"Test policy\",\n]");
    const Diagnostic d = first_error(spread);
    CHECK(d.position.end_column == 0);
    CHECK_THAT(d.format(), !Contains("~"));
  }
}

TEST_CASE("condition errors point at the offending word", "[loader][conditions]") {
  SECTION("unknown name, with a suggestion") {
    const std::string body = test::all_kinds() + test::action("a", "spokee == true");
    const auto d = errors_of(body).front();
    CHECK(d.file == "bad.toml");
    CHECK(d.position.line == line_of(body, "when = \"spokee"));
    CHECK(d.position.column == 9);  // when = "|spokee
    CHECK_THAT(d.message, Contains("unknown name 'spokee'") && Contains("did you mean 'spoke'"));
    CHECK_THAT(d.format(), Contains("^"));
  }
  SECTION("an option id the question does not have") {
    const std::string body = test::all_kinds() + test::action("a", "risk == 'evidance'");
    const auto d = errors_of(body).front();
    CHECK(d.position.column == 17);
    CHECK_THAT(d.message, Contains("'evidance' is not an option of question 'risk'") && Contains("'evidence', 'only'"));
  }
  SECTION("a type mismatch") {
    const auto d = errors_of(test::all_kinds() + test::action("a", "missed == 'three'")).front();
    CHECK_THAT(d.message, Contains("cannot compare a number with text"));
  }
  SECTION("count() of a question that is not multiple-choice names the question") {
    const std::string body = test::all_kinds() + test::action("a", "count(spoke) > 1");
    const auto d = errors_of(body).front();
    CHECK(d.position.column == 15);  // when = "count(|spoke
    CHECK_THAT(d.message, Contains("count() takes a multiple-choice question, but 'spoke' is a yes/no question"));
    CHECK_THAT(d.message, !Contains("'?'"));
    const auto missed = errors_of(test::all_kinds() + test::action("a", "count(missed + 1) > 1")).front();
    CHECK_THAT(missed.message, Contains("count() takes a multiple-choice question, but this is a number"));
  }
  SECTION("a condition that is not yes/no") {
    const auto d = errors_of(test::all_kinds() + test::action("a", "missed + 1")).front();
    CHECK_THAT(d.message, Contains("must be a yes/no value"));
  }
  SECTION("a syntax error") {
    const auto d = errors_of(test::all_kinds() + test::action("a", "spoke and")).front();
    CHECK_THAT(d.message, Contains("expected a value"));
    CHECK(d.position.column == 18);
  }
  SECTION("'=' instead of '=='") {
    const auto d = errors_of(test::all_kinds() + test::action("a", "spoke = true")).front();
    CHECK_THAT(d.message, Contains("use '==' to compare"));
  }
  SECTION("ask_if using a later question") {
    const std::string body = R"(
[[question]]
id = "first"
text = "t"
help = "h"
kind = "yes_no"
ask_if = "second"
source = "s"

[[question]]
id = "second"
text = "t"
help = "h"
kind = "yes_no"
source = "s"
)";
    const auto d = errors_of(body).front();
    CHECK_THAT(d.message, Contains("'second' is not asked before 'first'"));
  }
  SECTION("facts that depend on themselves name the whole chain") {
    const std::string body = test::all_kinds() + R"(
[[fact]]
id = "a"
text = "a"
value = "b"

[[fact]]
id = "b"
text = "b"
value = "a and spoke"
)";
    const auto d = errors_of(body).front();
    CHECK_THAT(d.message, Contains("depends on itself: a -> b -> a"));
  }
}

TEST_CASE("structural errors name the key and its place", "[loader]") {
  SECTION("an unknown key, with the closest allowed one") {
    const std::string body = test::all_kinds() + test::action("a", "spoke", "ownr = \"worker\"\n");
    const auto d = errors_of(body).front();
    CHECK(d.position.line == line_of(body, "ownr"));
    CHECK(d.position.column == 1);
    CHECK_THAT(d.message, Contains("unknown key 'ownr' in action 'a' (did you mean 'owner'?)"));
  }
  SECTION("a missing required key") {
    const auto d = errors_of("[[question]]\nid = \"q\"\ntext = \"t\"\nkind = \"yes_no\"\nsource = \"s\"\n").front();
    CHECK_THAT(d.message, Contains("question 'q' is missing the required key 'help'"));
  }
  SECTION("duplicate ids") {
    const auto diagnostics = errors_of(test::all_kinds() + test::action("a", "spoke") + test::action("a", "spoke"));
    CHECK_THAT(diagnostics.front().message, Contains("duplicate action id 'a' (first defined at line"));
  }
  SECTION("an owner that is not a declared role") {
    std::string body = test::all_kinds() + test::action("a", "spoke");
    body.replace(body.find("owner = \"worker\""), 16, "owner = \"manager\"");
    const auto d = errors_of(body).front();
    CHECK_THAT(d.message, Contains("owner 'manager' is not declared in [roles]"));
  }
  SECTION("event kinds need a valid id and a label") {
    const std::string body = test::all_kinds() + test::action("a", "spoke");
    CHECK_THAT(errors_of("[event_kinds]\nmedication_refusal = \"\"\n" + body).front().message,
               Contains("event kind 'medication_refusal' needs a label in quotes"));
    CHECK_THAT(errors_of("[event_kinds]\nRefusal = \"Refusal\"\n" + body).front().message,
               Contains("event kind 'Refusal' must be lower case letters, digits and '_'"));
    const auto policy = test::load("[event_kinds]\nreferral = \"Referral received\"\n" + body);
    REQUIRE(policy->event_kinds().size() == 1);
    CHECK(policy->find_event_kind("referral")->label == "Referral received");
    CHECK(policy->find_event_kind("refusal") == nullptr);
  }
  SECTION("an urgency Waymark does not know") {
    std::string body = test::all_kinds() + test::action("a", "spoke");
    body.replace(body.find("within 5 days"), 13, "soonish");
    CHECK_THAT(errors_of(body).front().message, Contains("unknown urgency 'soonish'"));
  }
  SECTION("malformed TOML") {
    LoadResult result = try_load_policy_text("[policy]\nid = \"x\nversion = 1", "broken.toml");
    REQUIRE_FALSE(result);
    const auto& d = result.diagnostics.front();
    CHECK(d.file == "broken.toml");
    CHECK(d.position.line == 2);
    CHECK_THAT(d.message, Contains("not valid TOML"));
  }
  SECTION("a file that does not exist") {
    LoadResult result = try_load_policy_file("/nonexistent/policy.toml");
    REQUIRE_FALSE(result);
    CHECK_THAT(result.diagnostics.front().headline(), Contains("/nonexistent/policy.toml: error: the policy file cannot be opened"));
  }
  SECTION("the throwing form carries every diagnostic") {
    try {
      load_policy_text("[policy]\nid = \"Bad Id\"\n", "p.toml");
      FAIL("expected a PolicyError");
    } catch (const PolicyError& e) {
      CHECK(e.diagnostics().size() > 3);
      CHECK_THAT(e.what(), Contains("p.toml:2:6: error: policy id 'Bad Id'"));
    }
  }
}

namespace {

// Facts f0 = spoke, f1 = f0, ... f<last> = f<last-1>, each `prefix` applied to the one before.
std::string fact_chain(int last, const std::string& prefix = "") {
  std::string out;
  for (int i = 0; i <= last; ++i)
    out += fmt::format("\n[[fact]]\nid = \"f{}\"\ntext = \"f{}\"\nsource = \"s\"\nvalue = \"{}{}\"\n", i, i, prefix,
                       i == 0 ? std::string("spoke") : fmt::format("f{}", i - 1));
  return out;
}

}  // namespace

TEST_CASE("a long chain of facts is refused when the policy loads, at the fact that passes the limit", "[loader]") {
  SECTION("30,000 facts each using the one before") {
    const std::string body = test::all_kinds() + fact_chain(29999) + test::action("a", "f29999");
    const auto errors = errors_of(body);
    // Reported once, not at every fact above it.
    CHECK(std::count_if(errors.begin(), errors.end(), [](const Diagnostic& d) {
            return d.message.find("chain of more than") != std::string::npos;
          }) == 1);
    CHECK(errors[0].position.line == line_of(body, "id = \"f201\"") - 1);  // its [[fact]] line
    CHECK_THAT(errors[0].message, Contains("fact 'f201' depends on a chain of more than 200 facts"));
  }
  SECTION("a chain of 200 facts loads") {
    CHECK_NOTHROW(test::load(test::all_kinds() + fact_chain(200) + test::action("a", "f200")));
  }
  SECTION("deeply nested facts are refused too, counting the facts they use") {
    std::string nots;
    for (int i = 0; i < 900; ++i) nots += "not ";
    const std::string body = test::all_kinds() + fact_chain(6, nots);
    const auto errors = errors_of(body);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Contains("fact 'f5' nests conditions more than 5000 deep"));
  }
}
