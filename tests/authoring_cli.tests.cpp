// A board's authoring loop through the real `waymark` binary: new, test, diff, and versions
// installed side by side. Each test checks what a board would see and the exit code.
#include <waymark/date.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/run_command.h"

using namespace waymark::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// Replaces the first match of `pattern` in a file's text.
// A board's first step after `waymark new`: its own words where the placeholders are.
void replace_placeholders(const fs::path& path) {
  std::string text = read(path);
  for (auto at = text.find("Replace with"); at != std::string::npos; at = text.find("Replace with"))
    text.replace(at, 12, "Written by");
  write(path, text);
}

void edit(const fs::path& path, const std::string& pattern, const std::string& replacement) {
  write(path,
        std::regex_replace(read(path), std::regex(pattern), replacement, std::regex_constants::format_first_only));
}

}  // namespace

TEST_CASE("waymark new writes a policy and tests that pass lint and test", "[cli][authoring]") {
  const std::string dir = temp_dir();
  const auto made = run_waymark({"new", "board-demo", "--dir", dir});
  REQUIRE(made.exit_code == 0);
  const fs::path policy = dir + "/board-demo.toml";
  CHECK_THAT(read(policy), Contains("# ") && Contains("id = \"board-demo\""));
  const auto lint = run_waymark({"lint", policy.string()});
  CHECK(lint.exit_code == 0);
  CHECK_THAT(lint.out, Contains("0 error(s)"));
  // It loads and its tests pass, but it is not the board's policy until its placeholders are gone.
  CHECK_THAT(lint.out + lint.err,
             Contains("warning: [policy] still holds 4 placeholders from `waymark new` (\"Replace with the "
                      "policy's title\")"));
  const auto test = run_waymark({"test", policy.string(), "--coverage"});
  CHECK(test.exit_code == 0);
  CHECK_THAT(test.out,
             Contains("4 passed, 0 failed") && Contains("every question, option, action and note is exercised"));
  // It shows, in working examples, every part of the format a board needs early on.
  CHECK_THAT(read(policy), Contains("[[fact]]") && Contains("kind = \"multi_choice\"") &&
                               Contains("kind = \"prohibition\"") && Contains("kind = \"flag\"") &&
                               Contains("conflicts_with = [\"close_case\"]") && Contains("timescale = \"") &&
                               Contains("[[note]]") && Contains("[[pathway]]") && Contains("[[pathway.step]]") &&
                               Contains("moves_on = "));
  CHECK_THAT(read(dir + "/board-demo.tests.toml"),
             Contains("at_step = [\"escalation.discuss\"]") && Contains("next_steps = [\"escalation.keep_open\"]"));
  const fs::path answers = dir + "/answers.toml";
  write(answers,
        "[answers]\nconcern_raised = true\nconcern_level = \"serious\"\n"
        "signs_seen = [\"injury\", \"withdrawn\"]\n");
  const auto run = run_waymark({"run", policy.string(), "--answers", answers.string(), "--date", "2026-12-01"});
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("Do not close the case while an injury is unexplained. (prohibition)") &&
                          Contains("(flag)") &&
                          Contains("Within 2 weeks (before the next planned visit), due 2026-12-15") &&
                          Contains("\"A serious concern with an unexplained injury\" is Yes"));

  SECTION("the declared conflict is checked: a close step firing with the prohibition fails lint") {
    edit(policy, "when = \"concern_raised == false\"", "when = \"true\"");
    const auto conflict = run_waymark({"lint", policy.string()});
    CHECK(conflict.exit_code == 1);
    CHECK_THAT(conflict.out + conflict.err, Contains("actions 'do_not_close' and 'close_case' conflict but both fire"));
  }

  SECTION("it never replaces a file") {
    const auto again = run_waymark({"new", "board-demo", "--dir", dir});
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Contains("already exists"));
  }
  SECTION("--dir is created when missing") {
    const auto nested = run_waymark({"new", "board-demo", "--dir", dir + "/drafts/2026"});
    CHECK(nested.exit_code == 0);
    CHECK(fs::exists(dir + "/drafts/2026/board-demo.toml"));
    CHECK(fs::exists(dir + "/drafts/2026/board-demo.tests.toml"));
    write(dir + "/a-file", "x");
    CHECK(run_waymark({"new", "board-demo", "--dir", dir + "/a-file"}).exit_code == 2);
  }
  SECTION("with its placeholders replaced, lint has no warning about them") {
    replace_placeholders(policy);
    const auto clean = run_waymark({"lint", policy.string()});
    CHECK_THAT(clean.out + clean.err, !Contains("placeholder"));
  }
  SECTION("a bad id is refused") {
    const auto bad = run_waymark({"new", "Board Demo", "--dir", dir});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("is not a policy id"));
  }
  fs::remove_all(dir);
}

TEST_CASE("waymark lint shows distinct dead ends, and --all-dead-ends lists every one", "[cli][authoring]") {
  const std::string dir = temp_dir();
  REQUIRE(run_waymark({"new", "board-demo", "--dir", dir}).exit_code == 0);
  const fs::path policy = dir + "/board-demo.toml";
  replace_placeholders(policy);
  edit(policy, "when = \"true\"", "when = \"concern_level == 'serious'\"");
  // The close step now fires only without an injury (so never with the prohibition).
  edit(policy, "when = \"concern_raised == false\"",
       "when = \"'withdrawn' in signs_seen and not ('injury' in signs_seen)\"");
  const auto lint = run_waymark({"lint", policy.string()});
  CHECK(lint.exit_code == 0);
  CHECK_THAT(lint.err, Contains("no action fires after these answers: concern_raised = false") &&
                           Contains("no action fires after these answers: concern_raised = true, "
                                    "concern_level = 'minor'"));
  const auto all = run_waymark({"lint", policy.string(), "--all-dead-ends"});
  CHECK(all.exit_code == 0);
  CHECK_THAT(all.out, Contains("0 error(s), 2 warning(s)"));
  fs::remove_all(dir);
}

TEST_CASE("waymark test reports the failing case, expectation and position", "[cli][authoring]") {
  const std::string dir = temp_dir();
  REQUIRE(run_waymark({"new", "board-demo", "--dir", dir}).exit_code == 0);
  const fs::path policy = dir + "/board-demo.toml", tests = dir + "/board-demo.tests.toml";

  SECTION("an action that should fire but does not") {
    edit(policy, "when = \"concern_level == 'serious'\"", "when = \"concern_level == 'minor'\"");
    const auto run = run_waymark({"test", tests.string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Contains("FAIL  serious-concern") && Contains(tests.string() + ":14:") &&
                            Contains("'refer_to_line_manager' should fire, but does not") &&
                            Contains("2 passed, 2 failed"));
  }
  SECTION("coverage lists what no case reaches; --require-coverage fails on it") {
    edit(tests, "\\[\\[scenario\\]\\]\nid = \"minor-concern\"[^]*?(\\[\\[scenario\\]\\])", "$1");
    const auto run = run_waymark({"test", tests.string(), "--coverage"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Contains("3 passed, 0 failed"));
    CHECK_THAT(run.out, Contains("option 'minor' of question 'concern_level' is never chosen") &&
                            Contains("note 'no_timescale_for_minor' is never shown"));
    const auto strict = run_waymark({"test", tests.string(), "--require-coverage"});
    CHECK(strict.exit_code == 1);
    CHECK_THAT(strict.out, Contains("FAIL  coverage: 2 gap(s) no scenario exercises") &&
                               Contains("note 'no_timescale_for_minor' is never shown") &&
                               Contains("1 policy(ies) with coverage gaps"));
  }
  SECTION("--require-coverage passes when every case passes and everything is exercised") {
    const auto strict = run_waymark({"test", tests.string(), "--require-coverage"});
    CHECK(strict.exit_code == 0);
    CHECK_THAT(strict.out, Contains("every question, option, action and note is exercised"));
  }
  SECTION("a tests file that does not parse is a failure with file:line:column, not a crash") {
    write(tests, "policy = \"board-demo\"\n[[scenario]]\nid = \"x\n");
    const auto run = run_waymark({"test", tests.string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out + run.err, Contains(tests.string() + ":3:"));
  }
  SECTION("a tests file that does not exist is bad input") {
    const auto run = run_waymark({"test", dir + "/nosuch.tests.toml"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Contains("nosuch.tests.toml: error: no such tests file"));
  }
  SECTION("an answer to an unknown question points at it") {
    edit(tests, "concern_raised = true", "concern_rasied = true");
    const auto run = run_waymark({"test", tests.string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out + run.err, Contains(tests.string() + ":10:") && Contains("concern_raised"));
  }
  fs::remove_all(dir);
}

TEST_CASE("waymark diff says what changed in a board's words and checks the version", "[cli][authoring]") {
  const std::string dir = temp_dir();
  REQUIRE(run_waymark({"new", "board-demo", "--dir", dir}).exit_code == 0);
  const fs::path old_file = dir + "/board-demo.toml", new_file = dir + "/new.toml";
  fs::copy_file(old_file, new_file);

  SECTION("no change") {
    const auto same = run_waymark({"diff", old_file.string(), new_file.string()});
    CHECK(same.exit_code == 0);
    CHECK_THAT(same.out, Contains("No change in content."));
  }
  SECTION("changes in meaning, not text") {
    edit(new_file, "owner = \"line_manager\"", "owner = \"worker\"");
    edit(new_file, "urgency = \"same_day\"", "urgency = \"within 2 days\"");
    edit(new_file, "Has a concern been raised about this person\\?", "Has anyone raised a concern about this person?");
    edit(new_file, "version = \"0.1.0\"", "version = \"0.2.0\"");
    edit(new_file, "(record = \"What you discussed[^\n]*\n)", "$1conflicts_with = [\"record_decision\"]\n");
    write(new_file, read(new_file) +
                        "\n[[action]]\nid = \"new_step\"\nkind = \"step\"\ntext = \"A new step.\"\n"
                        "owner = \"worker\"\nurgency = \"not_stated\"\nwhy = \"Because.\"\n"
                        "when = \"concern_raised\"\nsource = \"A passage\"\n");
    const auto diff = run_waymark({"diff", old_file.string(), new_file.string()});
    CHECK(diff.exit_code == 0);
    CHECK_THAT(diff.out, Contains("version 0.1.0 -> 0.2.0") &&
                             Contains("~ 'refer_to_line_manager' owner: The practitioner's line manager "
                                      "(line_manager) -> The practitioner with the case (worker)") &&
                             Contains("~ 'refer_to_line_manager' urgency: The same day (same_day) -> Within 2 days") &&
                             Contains("~ reworded 'concern_raised'") && Contains("+ added 'new_step'") &&
                             Contains("~ 'refer_to_line_manager' conflicts with: (none) -> record_decision"));
    SECTION("comments and layout alone are not a change") {
      const fs::path reformatted = dir + "/reformatted.toml";
      write(reformatted, "# a new comment\n" + read(new_file));
      CHECK_THAT(run_waymark({"diff", new_file.string(), reformatted.string()}).out, Contains("No change in content."));
    }
  }
  SECTION("content changed but the version did not go up") {
    edit(new_file, "when = \"concern_level == 'serious'\"", "when = \"concern_raised\"");
    const auto diff = run_waymark({"diff", old_file.string(), new_file.string()});
    CHECK(diff.exit_code == 1);
    CHECK_THAT(diff.out, Contains("'refer_to_line_manager' fires when: concern_level == 'serious' -> concern_raised"));
    CHECK_THAT(diff.err, Contains("the content changed but the version did not go up (0.1.0 -> 0.1.0)"));
  }
  SECTION("a pathway's ladder, in a board's words: its steps' conditions, actions and triggers") {
    edit(new_file, "version = \"0.1.0\"", "version = \"0.2.0\"");
    edit(new_file, "moves_on = \"If the injury is not explained\"",
         "moves_on = \"If the injury is still unexplained\"");
    edit(new_file, "actions = \\[\"do_not_close\"\\]", "actions = [\"do_not_close\", \"withdrawn_flag\"]");
    edit(new_file, "when = \"risk_of_harm\"\nsource", "when = \"risk_of_harm or 'withdrawn' in signs_seen\"\nsource");
    const auto diff = run_waymark({"diff", old_file.string(), new_file.string()});
    CHECK(diff.exit_code == 0);
    CHECK_THAT(diff.out,
               Contains("Pathways") &&
                   Contains("~ 'escalation.discuss' moves on: If the injury is not explained -> If the "
                            "injury is still unexplained") &&
                   Contains("~ 'escalation.keep_open' actions: do_not_close -> do_not_close, withdrawn_flag") &&
                   Contains("~ 'escalation.keep_open' is reached when: risk_of_harm -> risk_of_harm or "
                            "'withdrawn' in signs_seen"));
    SECTION("a pathway added or removed is a change of meaning") {
      const std::string text = read(old_file);
      const auto at = text.find("[[pathway]]");
      REQUIRE(at != std::string::npos);
      write(new_file, text.substr(0, at));
      edit(new_file, "version = \"0.1.0\"", "version = \"0.1.1\"");
      const auto removed = run_waymark({"diff", old_file.string(), new_file.string()});
      CHECK_THAT(removed.out, Contains("- removed pathway 'escalation'"));
      CHECK_THAT(removed.err, Contains("pathway 'escalation' removed"));
    }
  }
  SECTION("a renamed id with the same text is probably a rename; the effective date in words") {
    edit(new_file, "version = \"0.1.0\"", "version = \"0.2.0\"");
    edit(new_file, "effective = ([0-9-]+)", "effective = 2027-01-01");
    edit(new_file, "id = \"record_decision\"", "id = \"record_the_decision\"");
    const auto diff = run_waymark({"diff", old_file.string(), new_file.string()});
    CHECK(diff.exit_code == 0);
    CHECK_THAT(diff.out, Contains("- removed 'record_decision'") && Contains("+ added 'record_the_decision'") &&
                             Contains("~ probably renamed 'record_decision' -> 'record_the_decision': the text is "
                                      "the same") &&
                             Contains("~ Effective date: ") && Contains(" -> 2027-01-01"));
    CHECK(diff.out.find("'policy'") == std::string::npos);
  }
  SECTION("a change of meaning with only a PATCH bump is warned about") {
    edit(new_file, "version = \"0.1.0\"", "version = \"0.1.1\"");
    edit(new_file, "urgency = \"same_day\"", "urgency = \"immediate\"");
    const auto diff = run_waymark({"diff", old_file.string(), new_file.string()});
    CHECK(diff.exit_code == 0);
    CHECK_THAT(diff.out, Contains("urgency: The same day (same_day) -> Immediately (immediate)"));
    CHECK_THAT(diff.err, Contains("warning: the meaning changed ('refer_to_line_manager' urgency) but only the PATCH "
                                  "number went up (0.1.0 -> 0.1.1); a MINOR or MAJOR bump is expected"));
  }
  SECTION("a reworded help text alone is fine as a PATCH") {
    edit(new_file, "version = \"0.1.0\"", "version = \"0.1.1\"");
    edit(new_file, "Why the question is asked", "Why we ask");
    const auto patch = run_waymark({"diff", old_file.string(), new_file.string()});
    CHECK(patch.exit_code == 0);
    CHECK(patch.err.find("PATCH") == std::string::npos);
  }
  SECTION("a removed question") {
    edit(new_file, "version = \"0.1.0\"", "version = \"1.0.0\"");
    edit(new_file, "ask_if = \"concern_raised\"\\s*# asked only when this condition holds\n", "");
    edit(new_file, "\\[\\[question\\]\\]\nid = \"concern_raised\"[^\\[]*", "");
    edit(new_file, "when = \"concern_raised == false\"", "when = \"concern_level == 'minor'\"");
    const auto diff = run_waymark({"diff", old_file.string(), new_file.string()});
    CHECK_THAT(diff.out, Contains("- removed 'concern_raised'"));
  }
  fs::remove_all(dir);
}

TEST_CASE("two versions side by side: the one in force on the session date is used", "[cli][authoring]") {
  const std::string dir = temp_dir();
  REQUIRE(run_waymark({"new", "board-demo", "--dir", dir}).exit_code == 0);
  fs::remove(dir + "/board-demo.tests.toml");
  const fs::path v1 = dir + "/board-demo.toml", v2 = dir + "/board-demo-v2.toml";
  edit(v1, "effective = [0-9-]+", "effective = 2026-01-01");
  edit(v1, "review_by = [0-9-]+", "review_by = 2030-01-01");
  write(v2, read(v1));
  edit(v2, "version = \"0.1.0\"", "version = \"0.2.0\"");
  edit(v2, "effective = 2026-01-01", "effective = 2027-01-01");
  const fs::path answers = dir + "/answers.toml";
  write(answers, "[answers]\nconcern_raised = false\n");

  const auto list = run_waymark({"--policy-dir", dir, "list"});
  CHECK_THAT(list.out, Contains("version 0.1.0") && Contains("version 0.2.0"));
  CHECK(list.err.find("is also in") == std::string::npos);
  if (!(waymark::Date::today() < *waymark::Date::parse("2027-01-01")))
    CHECK_THAT(list.out, Contains("[SUPERSEDED by version 0.2.0]"));
  else
    CHECK_THAT(list.out, Contains("[NOT YET IN FORCE]"));

  const auto before = run_waymark({"--policy-dir", dir, "run", "board-demo", "--answers", answers.string(), "--date",
                                   "2026-06-01", "--format", "json"});
  CHECK(before.exit_code == 0);
  CHECK_THAT(before.out, Contains("\"0.1.0\""));
  const auto after = run_waymark({"--policy-dir", dir, "run", "board-demo", "--answers", answers.string(), "--date",
                                  "2027-06-01", "--format", "json"});
  CHECK_THAT(after.out, Contains("\"0.2.0\""));
  const auto as_of = run_waymark({"--policy-dir", dir, "run", "board-demo", "--answers", answers.string(), "--date",
                                  "2027-06-01", "--as-of", "2026-06-01", "--format", "json"});
  CHECK_THAT(as_of.out, Contains("\"0.1.0\""));
  const auto bad = run_waymark({"--policy-dir", dir, "run", "board-demo", "--as-of", "June"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("--as-of 'June' is not a date"));
  fs::remove_all(dir);
}

TEST_CASE("waymark test: each version's tests file is the one beside it, named after the file", "[cli][authoring]") {
  const std::string dir = temp_dir();
  const fs::path bundled = dir + "/bundled", vers = dir + "/vers", loose = dir + "/loose";
  fs::create_directories(vers);
  fs::create_directories(bundled);
  fs::create_directories(loose);
  REQUIRE(run_waymark({"new", "board-demo", "--dir", bundled.string()}).exit_code == 0);
  const fs::path v1 = bundled / "board-demo.toml", v2 = vers / "board-demo-2027.toml";
  edit(v1, "effective = [0-9-]+", "effective = 2026-01-01");
  edit(v1, "review_by = [0-9-]+", "review_by = 2030-01-01");
  write(v2, read(v1));
  edit(v2, "version = \"0.1.0\"", "version = \"0.2.0\"");
  edit(v2, "effective = 2026-01-01", "effective = 2027-01-01");

  SECTION("a version without its own tests file fails; another folder's tests are not run instead") {
    const auto run = run_waymark({"--policy-dir", bundled.string(), "test", v2.string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Contains("no tests file: write " + (vers / "board-demo-2027.tests.toml").string()));
    CHECK(run.out.find("serious-concern") == std::string::npos);
  }
  SECTION("x-2027.toml is tested with x-2027.tests.toml") {
    write(vers / "board-demo-2027.tests.toml",
          "policy = \"board-demo\"\ndate = 2027-06-01\n[[scenario]]\nid = \"v2-only\"\n"
          "[scenario.answers]\nconcern_raised = false\n[scenario.expect]\n"
          "fires = [\"record_decision\"]\n");
    const auto run = run_waymark({"--policy-dir", bundled.string(), "test", v2.string()});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Contains("board-demo 0.2.0") && Contains("ok    v2-only") && Contains("1 passed, 0 failed"));
  }
  SECTION("a tests file with no policy file beside it uses the version in force on its date") {
    fs::copy_file(v2, bundled / "board-demo-2027.toml");
    const fs::path tests = loose / "scenarios.tests.toml";
    write(tests,
          "policy = \"board-demo\"\ndate = 2027-06-01\n[[scenario]]\nid = \"later\"\n"
          "[scenario.answers]\nconcern_raised = false\n[scenario.expect]\nfires = "
          "[\"record_decision\"]\n");
    const auto later = run_waymark({"--policy-dir", bundled.string(), "test", tests.string()});
    CHECK(later.exit_code == 0);
    CHECK_THAT(later.out, Contains("board-demo 0.2.0"));
    edit(tests, "date = 2027-06-01", "date = 2026-06-01");
    CHECK_THAT(run_waymark({"--policy-dir", bundled.string(), "test", tests.string()}).out,
               Contains("board-demo 0.1.0"));
  }
  SECTION("a tests file that does not fit prints its problems with the failure, on stdout") {
    const fs::path tests = bundled / "board-demo.tests.toml";
    edit(tests, "\"refer_to_line_manager\", \"record_decision\"", "\"refer_to_line_manger\", \"record_decision\"");
    const auto run = run_waymark({"test", tests.string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Contains("FAIL  the tests file does not fit the policy") && Contains("refer_to_line_manger"));
  }
  fs::remove_all(dir);
}

TEST_CASE("waymark run warns when a policy is past its review-by date", "[cli][authoring]") {
  const std::string dir = temp_dir();
  REQUIRE(run_waymark({"new", "board-demo", "--dir", dir}).exit_code == 0);
  const fs::path policy = dir + "/board-demo.toml";
  edit(policy, "effective = [0-9-]+", "effective = 2020-01-01");
  edit(policy, "review_by = [0-9-]+", "review_by = 2021-01-01");
  const fs::path answers = dir + "/answers.toml";
  write(answers, "[answers]\nconcern_raised = false\n");
  const auto run = run_waymark({"run", policy.string(), "--answers", answers.string()});
  CHECK_THAT(run.err, Contains("the review-by date 2021-01-01 has passed"));
  const auto list = run_waymark({"--policy-dir", dir, "list"});
  CHECK_THAT(list.out, Contains("[OVERDUE FOR REVIEW]"));
  CHECK_THAT(list.err, Contains("the review-by date 2021-01-01 has passed"));
  fs::remove_all(dir);
}
