// Loading [[pathway]] ladders: a mistake in one is refused with the file, the line and column of
// the key at fault, and what to write instead; a good one loads with its steps in order.
#include "support/policy_text.h"
#include "support/question_kinds.h"

#include <waymark/loader.h>

#include <algorithm>
#include <catch2/catch.hpp>

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

const std::string actions = test::all_kinds() + test::action("first", "spoke == false") +
                            test::action("second", "spoke") + test::action("third", "risk == 'evidence'");

std::string step(const std::string& id, const std::string& body) {
  return "\n[[pathway.step]]\nid = \"" + id + "\"\ntitle = \"Step " + id + "\"\nsource = \"s\"\n" + body;
}

std::string pathway(const std::string& steps) {
  return actions + "\n[[pathway]]\nid = \"ladder\"\ntitle = \"The ladder\"\nsource = \"s\"\n" + steps;
}

std::uint32_t line_of(const std::string& body, const std::string& needle) {
  const std::string all = test::policy_header + body;
  const auto at = all.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(std::count(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1);
}

// The one diagnostic whose message contains `words`, from a policy that must fail to load.
Diagnostic error_about(const std::string& body, const std::string& words) {
  LoadResult result = try_load_policy_text(test::policy_header + body, "ladder.toml");
  REQUIRE_FALSE(result);
  const auto it = std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                               [&](const Diagnostic& d) { return d.message.find(words) != std::string::npos; });
  INFO("looking for: " << words);
  for (const auto& d : result.diagnostics) INFO(d.format());
  REQUIRE(it != result.diagnostics.end());
  CHECK(it->file == "ladder.toml");
  return *it;
}

const std::string good_steps =
    step("one",
         "actions = [\"first\"]\nwhen = \"spoke == false\"\nmoves_on = \"If they still decline\"\n"
         "later = \"After a week\"\n") +
    step("two", "actions = [\"second\", \"third\"]\nwhen = \"spoke\"\n");

}  // namespace

TEST_CASE("a pathway loads with its steps in order and its conditions compiled", "[loader][pathways]") {
  const auto policy = test::load(pathway(good_steps));
  REQUIRE(policy->pathways().size() == 1);
  const Pathway& p = policy->pathways()[0];
  CHECK(p.id == "ladder");
  REQUIRE(p.steps.size() == 2);
  CHECK(p.steps[0].actions == std::vector<std::string>{"first"});
  CHECK(p.steps[0].moves_on == "If they still decline");
  CHECK(p.steps[0].later == "After a week");
  CHECK(p.steps[1].actions == std::vector<std::string>{"second", "third"});
  CHECK(p.steps[0].when.text() == "spoke == false");
  // "At step one": its condition holds and the next step's does not.
  CHECK(p.steps[0].is_current.text() == "(spoke == false) and not (spoke)");
}

TEST_CASE("pathway mistakes name the file, the line and what is wrong", "[loader][pathways]") {
  SECTION("a pathway without steps") {
    const std::string body = pathway("");
    const auto d = error_about(body, "needs its steps, in order, as [[pathway.step]] tables");
    CHECK(d.position.line == line_of(body, "[[pathway]]"));
  }
  SECTION("a step that lists an action the policy does not have") {
    const std::string body = pathway(step("one", "actions = [\"frist\"]\nwhen = \"spoke\"\n"));
    const auto d = error_about(body, "step 'one' lists action 'frist', which is not an action of this policy");
    CHECK(d.position.line == line_of(body, "actions = [\"frist\"]"));
  }
  SECTION("an action in two steps of one pathway") {
    const std::string body =
        pathway(step("one", "actions = [\"first\"]\nwhen = \"spoke == false\"\nmoves_on = \"m\"\n") +
                step("two", "actions = [\"first\"]\nwhen = \"spoke\"\n"));
    const auto d = error_about(body, "action 'first' is listed in more than one step of pathway 'ladder'");
    CHECK(d.position.line == line_of(body, "actions = [\"first\"]\nwhen = \"spoke\"\n"));
  }
  SECTION("a step before the last without moves_on") {
    const std::string body = pathway(step("one", "actions = [\"first\"]\nwhen = \"spoke == false\"\n") +
                                     step("two", "actions = [\"second\"]\nwhen = \"spoke\"\n"));
    const auto d = error_about(body, "moves_on");
    CHECK(d.position.line == line_of(body, "[[pathway.step]]"));  // the first step's table
  }
  SECTION("the last step with moves_on or later: there is no next step") {
    const std::string body = pathway(step("one", "actions = [\"first\"]\nwhen = \"spoke\"\nmoves_on = \"m\"\n"));
    const auto d = error_about(body, "step 'one' is the last step of pathway 'ladder': there is no next step");
    CHECK(d.position.line == line_of(body, "moves_on = \"m\""));
    CHECK(d.position.column == 12);  // moves_on = |"m"
    const std::string later = pathway(step("one", "actions = [\"first\"]\nwhen = \"spoke\"\nlater = \"soon\"\n"));
    CHECK(error_about(later, "'later' says when the next step follows, and there is none").position.line ==
          line_of(later, "later = \"soon\""));
  }
  SECTION("the first step without when") {
    const std::string body = pathway(step("one", "actions = [\"first\"]\n"));
    const auto d = error_about(body, "the first step of pathway 'ladder' needs 'when'");
    CHECK(d.position.line == line_of(body, "[[pathway.step]]"));
  }
  SECTION("a step with when after one without") {
    const std::string body =
        pathway(step("one", "actions = [\"first\"]\nwhen = \"spoke == false\"\nmoves_on = \"m\"\n") +
                step("review", "actions = [\"second\"]\nmoves_on = \"m\"\n") +
                step("three", "actions = [\"third\"]\nwhen = \"spoke\"\n"));
    const auto d = error_about(body, "step 'three' has 'when' but comes after a step without one");
    CHECK(d.position.line == line_of(body, "id = \"three\"") + 4);  // its when = "spoke"
  }
  SECTION("when that is not a condition in quotes") {
    const std::string body = pathway(step("one", "actions = [\"first\"]\nwhen = true\n"));
    const auto d = error_about(body, "step 'one': 'when' must be a condition in quotes");
    CHECK(d.position.line == line_of(body, "when = true"));
  }
  SECTION("a condition error in when points at the word") {
    const std::string body = pathway(step("one", "actions = [\"first\"]\nwhen = \"spokee\"\n"));
    const auto d = error_about(body, "unknown name 'spokee'");
    CHECK(d.position.line == line_of(body, "when = \"spokee\""));
    CHECK(d.position.column == 9);  // when = "|spokee
    CHECK_THAT(d.message, Contains("did you mean 'spoke'"));
  }
  SECTION("duplicate step and pathway ids") {
    const std::string body =
        pathway(step("one", "actions = [\"first\"]\nwhen = \"spoke == false\"\nmoves_on = \"m\"\n") +
                step("one", "actions = [\"second\"]\nwhen = \"spoke\"\n"));
    CHECK(
        error_about(body, "duplicate step id 'one' in pathway 'ladder'").position.line ==
        line_of(body, "[[pathway.step]]\nid = \"one\"\ntitle = \"Step one\"\nsource = \"s\"\nactions = [\"second\"]"));
    const std::string twice = pathway(good_steps) +
                              "\n[[pathway]]\nid = \"ladder\"\ntitle = \"Again\"\nsource = \"s\"\n" +
                              step("x", "actions = [\"first\"]\nwhen = \"spoke\"\n");
    CHECK(error_about(twice, "duplicate pathway id 'ladder'").position.line == line_of(twice, "title = \"Again\"") - 2);
  }
  SECTION("a misspelt key, with a suggestion") {
    const std::string body = pathway(step("one", "actions = [\"first\"]\nwhen = \"spoke\"\nmove_on = \"m\"\n"));
    const auto d = error_about(body, "move_on");
    CHECK(d.position.line == line_of(body, "move_on = \"m\""));
    CHECK_THAT(d.message, Contains("moves_on"));
  }
}
