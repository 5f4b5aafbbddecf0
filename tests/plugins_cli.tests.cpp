// `waymark plugins`, `waymark list` and `waymark run` with plugins, as a user runs them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/policy_text.h"
#include "support/run_command.h"

using namespace waymark::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const fs::path fixtures = WAYMARK_TEST_PLUGINS;
const fs::path examples = WAYMARK_EXAMPLE_PLUGINS;

std::string dir_of(const std::string& name) { return (fixtures / name).string(); }
std::string file_of(const std::string& name) { return (fixtures / name / (name + ".so")).string(); }

// A TOML-only policy that calls `function(n)` from `plugin`.
std::string policy_calling(const std::string& plugin, const std::string& function) {
  return waymark::test::policy_header_using("calls-plugin", "\"" + plugin + "\"") + R"x([[question]]
id = "n"
text = "How many?"
help = "h"
kind = "number"
min = 0
source = "s"

[[action]]
id = "act"
kind = "step"
text = "Act."
owner = "worker"
urgency = "same_day"
when = ")x" +
         function + R"x((n)"
why = "w"
source = "s"
)x";
}

}  // namespace

TEST_CASE("waymark plugins lists each plugin and what it provides", "[cli][plugins]") {
  const auto result = run_waymark({"--plugin-dir", dir_of("good"), "plugins"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("good-fixture 2.1.0  Good fixture\n  from " + file_of("good")) &&
                             Contains("policy good-embedded 1.2.0 (embedded from tests/plugins/good-embedded.toml") &&
                             Contains("function times_two(number) -> number\n    Twice the number.") &&
                             Contains("function days_until(date) -> number") &&
                             Contains("function all_true(yes/no, ...) -> yes/no") &&
                             Contains("Plugin folders searched, in order: " + dir_of("good") + ", "));
  CHECK(result.err.empty());

  SECTION("a refused plugin is reported with its file and reason; the others still load") {
    const auto mixed = run_waymark({"--plugin-dir", dir_of("good"), "--plugin-dir", dir_of("wrong_abi"), "plugins"});
    CHECK(mixed.exit_code == 1);
    CHECK_THAT(mixed.out, Contains("good-fixture 2.1.0"));
    CHECK_THAT(mixed.err, Contains(file_of("wrong_abi") + ": error: plugin refused: it was built for plugin ABI 99"));
  }
  SECTION("WAYMARK_PLUGIN_PATH is searched too") {
    const auto env = run_waymark({"plugins"}, "", {"WAYMARK_PLUGIN_PATH=" + dir_of("good")});
    CHECK_THAT(env.out, Contains("good-fixture 2.1.0"));
  }
}

TEST_CASE("waymark list shows which policies came from which plugin", "[cli][plugins]") {
  const std::string policies = temp_dir();
  fs::copy_file(fs::path(WAYMARK_FIXTURES) / "answers_policy.toml", policies + "/answers-fixture.toml");
  const auto result = run_waymark({"--plugin-dir", dir_of("good"), "--policy-dir", policies, "list"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("good-embedded") &&
                             Contains("from plugin good-fixture 2.1.0 (" + file_of("good") +
                                      "), embedded from tests/plugins/good-embedded.toml") &&
                             Contains("from " + policies + "/answers-fixture.toml"));
  SECTION("a broken plugin fails the listing but the rest is listed") {
    const auto broken = run_waymark({"--plugin-dir", dir_of("bad_policy"), "--policy-dir", policies, "list"});
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.out, Contains("answers-fixture"));
    CHECK_THAT(broken.err, Contains(file_of("bad_policy") + ": error: plugin refused: its embedded policy") &&
                               Contains("tests/plugins/bad-embedded.toml:27:"));
  }
  fs::remove_all(policies);
}

TEST_CASE("the example plugin loads and its policy runs from an answers file", "[cli][plugins]") {
  const std::string dir = temp_dir();
  std::ofstream(dir + "/answers.toml") << "[answers]\nplanned = 4\nmissed = 3\n";
  const auto result = run_waymark({"--plugin-dir", examples.string(), "run", "example-missed-contacts", "--answers",
                                   dir + "/answers.toml", "--date", "2026-03-01"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("Discuss the missed contacts with your line manager.") && Contains("is 75"));
  fs::remove_all(dir);
}

TEST_CASE("waymark run and lint with a TOML policy that calls a plugin function", "[cli][plugins]") {
  const std::string dir = temp_dir();
  std::ofstream(dir + "/answers.toml") << "[answers]\nn = 2\n";
  SECTION("the plugin is loaded: the policy runs and lints") {
    std::ofstream(dir + "/calls.toml") << policy_calling("good-fixture", "6 == times_two");
    const auto run =
        run_waymark({"--plugin-dir", dir_of("good"), "run", dir + "/calls.toml", "--answers", dir + "/answers.toml"});
    CHECK(run.exit_code == 0);
    const auto lint = run_waymark({"--plugin-dir", dir_of("good"), "lint", dir + "/calls.toml"});
    CHECK(lint.exit_code == 0);
    CHECK_THAT(lint.out, Contains("0 error(s)"));
  }
  SECTION("the plugin is missing: a load error names it") {
    std::ofstream(dir + "/calls.toml") << policy_calling("good-fixture", "6 == times_two");
    const auto run = run_waymark({"run", dir + "/calls.toml", "--answers", dir + "/answers.toml"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err,
               Contains(dir + "/calls.toml:10:") && Contains("needs plugin 'good-fixture', which is not loaded"));
  }
  SECTION("the plugin function fails: a clear error, exit code 1") {
    std::ofstream(dir + "/calls.toml") << policy_calling("throwing-fixture", "escapes");
    const auto run = run_waymark(
        {"--plugin-dir", dir_of("throwing"), "run", dir + "/calls.toml", "--answers", dir + "/answers.toml"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Contains("waymark: error: function 'escapes' of plugin 'throwing-fixture' (" +
                                 file_of("throwing") + ") failed: it threw an exception: escaped from the plugin"));
  }
  fs::remove_all(dir);
}

TEST_CASE("plugins load whatever their order, and a copy in --plugin-dir replaces the bundled one", "[cli][plugins]") {
  SECTION("an embedded policy that uses a plugin sorting after it") {
    const auto result = run_waymark({"--plugin-dir", dir_of("dependency_order"), "plugins"});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Contains("aaa-dependent 1.0.0") && Contains("policy dependent-embedded 1.0.0"));
    CHECK(result.err.empty());
  }
  SECTION("the first folder's copy wins; the bundled copy is skipped with a warning") {
    const std::string dir = temp_dir();
    const std::string bundled = (fs::path(WAYMARK_BUILD_PLUGINS) / "cqc-refusal-pathway.so").string();
    fs::copy_file(bundled, dir + "/cqc-refusal-pathway.so");
    for (const char* command : {"plugins", "list"}) {
      INFO(command);
      const auto result = run_waymark({"--plugin-dir", dir, command});
      CHECK(result.exit_code == 0);
      CHECK_THAT(result.err, Contains(bundled +
                                      ": warning: plugin skipped: plugin 'cqc-refusal-pathway' 1.1.1 is "
                                      "already loaded from " +
                                      dir + "/cqc-refusal-pathway.so"));
      CHECK_THAT(result.err, !Contains("error"));
    }
    CHECK_THAT(run_waymark({"--plugin-dir", dir, "plugins"}).out,
               Contains("cqc-refusal-pathway 1.1.1  CQC refusal pathway\n  from " + dir + "/cqc-refusal-pathway.so"));
  }
}
