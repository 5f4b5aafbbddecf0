// TOML that Debian's toml++ 3.3 would mishandle (undefined behaviour or an assertion) and TOML
// nested too deep are refused before toml++ parses them, with the file, line and column; valid
// TOML using the same characters in quotes and comments still loads.
#include <waymark/answers_file.h>
#include <waymark/error.h>
#include <waymark/loader.h>
#include <waymark/scenario.h>

#include <catch2/catch.hpp>

#include "support/policy_text.h"

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

std::uint32_t header_lines() {
  return static_cast<std::uint32_t>(std::count(test::policy_header.begin(), test::policy_header.end(), '\n'));
}

// The first error of a policy made of the test header and `body`.
Diagnostic policy_error(const std::string& body) {
  LoadResult result = try_load_policy_text(test::policy_header + body, "bad.toml");
  REQUIRE_FALSE(result);
  REQUIRE_FALSE(result.diagnostics.empty());
  return result.diagnostics.front();
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

const std::string one_question = R"(
[[question]]
id = "q"
text = "Is it so?"
help = "Because."
kind = "yes_no"
source = "test"

[[action]]
id = "a"
kind = "step"
text = "Do it."
owner = "worker"
urgency = "immediate"
when = "q == true"
why = "Because."
source = "test"
)";

}  // namespace

TEST_CASE("a table header whose name cannot start a key is an error at its place, not an assertion", "[toml]") {
  for (const std::string header : {"[!a]", "[[[a]]]", "[ =", "[\n", "[[.a]]"}) {
    INFO(header);
    const Diagnostic error = policy_error("\n" + header + "\n");
    CHECK(error.file == "bad.toml");
    CHECK(error.position.line == header_lines() + 2);
    CHECK_THAT(error.message, Contains("this is not valid TOML"));
  }
  const Diagnostic error = policy_error("\n[!a]\n");
  CHECK(error.position.column == 2);
  CHECK_THAT(error.message, Contains("a table's name must follow '['") && Contains("(saw '!')"));
}

TEST_CASE("a character other than ASCII outside quotes and comments is an error at its place", "[toml]") {
  SECTION("where whitespace may stand (toml++ 3.3 reaches __builtin_unreachable)") {
    for (const std::string text : {"\xC3\xA9\n", "x = 1 \xC2\xA7\n", "\xEF\xAC\xB0 = 1\n", "\xE2\xBC\x80\n"}) {
      INFO(text);
      const Diagnostic error = policy_error(text);
      CHECK(error.position.line == header_lines() + 1);
      CHECK_THAT(error.message, Contains("outside quotes"));
    }
    const Diagnostic error = policy_error("x = 1 \xC3\xA9\n");
    CHECK(error.position.column == 7);
    CHECK_THAT(error.message, Contains("'\xC3\xA9' outside quotes"));
  }
  SECTION("after a line-ending backslash in a multi-line string (marzer/tomlplusplus #190)") {
    const Diagnostic error = policy_error("s = \"\"\"\\\n  \xC2\xA7\"\"\"\n");
    CHECK(error.position.line == header_lines() + 2);
    CHECK(error.position.column == 3);
    CHECK_THAT(error.message, Contains("backslash"));
  }
  SECTION("a byte that is not UTF-8 is shown as \\xNN") {
    CHECK_THAT(policy_error("\xE9 = 1\n").message, Contains("'\\xE9' outside quotes"));
  }
}

TEST_CASE("a quote straight after a bare word is an error there, not the start of a string", "[toml]") {
  // toml++ reads `2026-11-'''...` on as one value, so what follows the quotes stands outside them
  // (found by the answers_file fuzz target in CI: it reached __builtin_unreachable).
  for (const std::string text :
       {"d = 2026-11-'''25:N\xC9\x8B'''\n", "d = 2\"\xC3\xA9\"\n", "d = 'a''b'\n", "a\"b\" = 1\n"}) {
    INFO(text);
    const Diagnostic error = policy_error(text);
    CHECK(error.position.line == header_lines() + 1);
    CHECK_THAT(error.message, Contains("a quote straight after"));
  }
  CHECK(policy_error("d = 2026-11-'''x'''\n").position.column == 13);
}

TEST_CASE("a value not in quotes or brackets is checked whole, to where toml++ stops reading it", "[toml]") {
  // toml++ reads a number, date or boolean on to a space, ',', ']', '}' or '#', brackets included.
  for (const std::string text :
       {"d = +\xC9\x8B\n", "d = [1\xC9\x8B]\n", "d = 2026-11A2['25:N\xC9\x8B\n", "d = {a = 1\xC9\x8B}\n"}) {
    INFO(text);
    const Diagnostic error = policy_error(text);
    CHECK(error.position.line == header_lines() + 1);
    CHECK_THAT(error.message, Contains("outside quotes") || Contains("a quote straight after"));
  }
  CHECK(policy_error("d = [1\xC9\x8B]\n").position.column == 7);
}

TEST_CASE("in a key, three quotes are an empty name and a quote, not a multi-line string", "[toml]") {
  // toml++ reads `[""` as an empty table name, so what follows is outside quotes (found by the
  // answers_file fuzz target).
  for (const std::string text : {"[\"\"\"[\\\\\\\xEF\xBB\xB7si]\n", "\"\"\"a\xC3\xA9\"\"\" = 1\n"}) {
    INFO(text);
    const Diagnostic error = policy_error(text);
    CHECK(error.position.line == header_lines() + 1);
    CHECK_THAT(error.message, Contains("a quote straight after '\"'"));
  }
}

TEST_CASE("in a multi-line basic string, a character other than ASCII after a backslash is an error there",
          "[toml]") {
  // toml++ asks whether it is whitespace ending the line (found by the answers_file fuzz target).
  for (const std::string text : {"s = \"\"\"\\\xC3\xA9\"\"\"\n", "s = \"\"\"\\  \xEF\xBB\xB7\"\"\"\n"}) {
    INFO(text);
    const Diagnostic error = policy_error(text);
    CHECK(error.position.line == header_lines() + 1);
    CHECK_THAT(error.message, Contains("after a backslash is not an escape"));
  }
  CHECK(policy_error("s = \"\"\"\\\xC3\xA9\"\"\"\n").position.column == 9);
}

TEST_CASE("the same characters in quoted text and comments still load", "[toml]") {
  std::string policy = test::policy_header + one_question;
  policy.replace(policy.find("Is it so?"), 9, "Is it so \xC3\xA9 \xC2\xA7 [!a]? \\\"quoted\\\" 'single'");
  policy.replace(policy.find("Do it."), 6, "Do it\xE2\xBC\x80.");
  policy += "# Caf\xC3\xA9 \xC2\xA7 [!a] in a comment\n";
  // Quotes that open a value: after '=' with no space, and after ',' in an array.
  policy.replace(policy.find("kind = \"yes_no\""), 15, "kind='yes_no'");
  // A quoted key at the start of a line, with no space before '=' and a quote after it.
  policy.replace(policy.find("worker = \"The worker\""), 21, "\"worker\"=\"The worker\"");
  policy.replace(policy.find("sources = [\"test.txt\"]"), 22, "sources = [\"test.txt\",'more.txt']");
  const LoadResult result = try_load_policy_text(policy, "good.toml");
  INFO((result.diagnostics.empty() ? "" : result.diagnostics.front().format()));
  CHECK(result);
}

TEST_CASE("TOML nested deeper than Waymark reads is refused at the place it passes the limit", "[toml]") {
  SECTION("arrays in arrays") {
    CHECK_THAT(policy_error("x = " + nested(40) + "\n").message, Contains("nest more than 32 deep"));
    const Diagnostic error = policy_error("x = " + nested(33) + "\n");
    CHECK(error.position.column == 5 + 32);
  }
  SECTION("inline tables in arrays") {
    std::string value;
    for (int i = 0; i < 40; ++i) value += "[{a = ";
    CHECK_THAT(policy_error("x = " + value + "1\n").message, Contains("nest more than 32 deep"));
  }
  SECTION("dotted keys") {
    std::string key = "a";
    for (int i = 0; i < 40; ++i) key += ".a";
    CHECK_THAT(policy_error(key + " = 1\n").message, Contains("more than 32 parts"));
    CHECK_THAT(policy_error("[" + key + "]\n").message, Contains("more than 32 parts"));
  }
  SECTION("32 deep is still read by toml++ (and then refused by the policy's own rules)") {
    CHECK_THAT(policy_error("x = " + nested(32) + "\n").message, !Contains("nest more than"));
  }
}

TEST_CASE("answers and scenario files are guarded the same way", "[toml]") {
  const auto policy = load_policy_text(test::policy_header + one_question, "p.toml");
  SECTION("an answers file") {
    try {
      parse_answers_text("\x03[decisiosession]\n[answers]\np\xCC\xA6repeated = false\n", "answers.toml", *policy);
      FAIL("the answers file was accepted");
    } catch (const PolicyError& e) {
      CHECK(e.first().file == "answers.toml");
      CHECK(e.first().position.line == 1);
    }
    try {
      parse_answers_text("[answers]\np\xCC\xA6repeated = false\n", "answers.toml", *policy);
      FAIL("the answers file was accepted");
    } catch (const PolicyError& e) {
      CHECK(e.first().position.line == 2);
      CHECK(e.first().position.column == 2);
      CHECK_THAT(e.first().message, Contains("outside quotes"));
    }
  }
  SECTION("a scenario file") {
    try {
      parse_scenario_text("policy = \"p\"\n[!scenario]\n", "p.tests.toml");
      FAIL("the scenario file was accepted");
    } catch (const PolicyError& e) {
      CHECK(e.first().file == "p.tests.toml");
      CHECK(e.first().position.line == 2);
      CHECK_THAT(e.first().message, Contains("a table's name must follow '['"));
    }
  }
}
