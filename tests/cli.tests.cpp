// The `waymark` command as a user runs it: output, files written, and exit codes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/run_command.h"

using namespace waymark::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string fixtures = WAYMARK_FIXTURES;
const std::string policy = fixtures + "/answers_policy.toml";
const std::string answers = fixtures + "/answers/evidence.toml";

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("waymark --help and usage errors", "[cli]") {
  const auto help = run_waymark({"--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Contains("run") && Contains("lint") && Contains("explain") && Contains("list"));
  CHECK(run_waymark({"run", "--help"}).exit_code == 0);
  const auto bad = run_waymark({"frobnicate"});
  CHECK(bad.exit_code == 2);
  CHECK(run_waymark({}).exit_code == 2);
  CHECK(run_waymark({"run", policy, "--format", "pdf"}).exit_code == 2);
}

TEST_CASE("waymark list shows policies with version, review date and origin", "[cli]") {
  const std::string dir = temp_dir();
  fs::copy_file(policy, dir + "/answers-fixture.toml");
  const auto result = run_waymark({"--policy-dir", dir, "list"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("answers-fixture") &&
                             Contains("version 1.0.0, effective 2026-01-01, review by 2030-01-01") &&
                             Contains(dir + "/answers-fixture.toml"));
  SECTION("a broken policy on the path is reported and fails the listing") {
    std::ofstream(dir + "/broken.toml") << "[policy]\nid = \"x\n";
    const auto broken = run_waymark({"--policy-dir", dir, "list"});
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.err, Contains(dir + "/broken.toml:2:"));
    CHECK_THAT(broken.out, Contains("answers-fixture"));  // the good one still listed
  }
  SECTION("WAYMARK_POLICY_PATH is searched too") {
    const auto env = run_waymark({"list"}, "", {"WAYMARK_POLICY_PATH=" + dir});
    CHECK_THAT(env.out, Contains("answers-fixture"));
  }
  fs::remove_all(dir);
}

TEST_CASE("waymark run with an answers file prints the outcome in each format", "[cli]") {
  SECTION("text") {
    const auto r = run_waymark({"run", policy, "--answers", answers});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Do not close the case.") && Contains("due 2026-11-25") &&
                          Contains("Review the case.") && Contains("due 2027-01-06") && Contains("C-1042"));
  }
  SECTION("json") {
    const auto r = run_waymark({"run", policy, "--answers", answers, "--format", "json"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("\"format\": \"waymark-evidence-record\"") && Contains("\"judgement\": \"accept\""));
  }
  SECTION("markdown") {
    const auto r = run_waymark({"run", policy, "--answers", answers, "--format", "markdown"});
    CHECK_THAT(r.out, Contains("# Evidence record: Fixture for answers files"));
  }
  SECTION("a policy id that does not exist") {
    const auto r = run_waymark({"run", "no-such-policy", "--answers", answers});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("no policy with id 'no-such-policy'"));
    // What was found, not the id again; a near miss is suggested.
    CHECK_THAT(r.err, Contains("Policies found: ") && Contains("adult-non-engagement") && !Contains("found: no-such"));
    const auto typo = run_waymark({"run", "adult-non-engagment", "--answers", answers});
    CHECK(typo.exit_code == 2);
    CHECK_THAT(typo.err, Contains("Did you mean 'adult-non-engagement'?"));
  }
  SECTION("a bad answers file names the file and position") {
    const auto r = run_waymark({"run", policy, "--answers", fixtures + "/bad_answers/unknown_question.toml"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("unknown_question.toml:4:1: error: policy 'answers-fixture' has no question 'spok'"));
  }
}

TEST_CASE("records are never overwritten without asking", "[cli]") {
  const std::string dir = temp_dir();
  const std::string out = dir + "/record.json";
  CHECK(run_waymark({"run", policy, "--answers", answers, "--format", "json", "--out", out}).exit_code == 0);
  const std::string first = read(out);
  CHECK_THAT(first, Contains("waymark-evidence-record"));
  std::ofstream(out) << "precious";
  const auto again = run_waymark({"run", policy, "--answers", answers, "--format", "json", "--out", out});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Contains("already exists; it was not overwritten"));
  CHECK(read(out) == "precious");
  CHECK(run_waymark({"run", policy, "--answers", answers, "--format", "json", "--out", out, "--force"}).exit_code == 0);
  CHECK_THAT(read(out), Contains("waymark-evidence-record"));
  fs::remove_all(dir);
}

TEST_CASE("waymark explain reads a record back in plain words", "[cli]") {
  const std::string dir = temp_dir();
  const std::string out = dir + "/record.json";
  REQUIRE(run_waymark({"run", policy, "--answers", answers, "--format", "json", "--out", out}).exit_code == 0);
  const auto r = run_waymark({"explain", out});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("Because you answered \"Evidence\" to \"Evidence of risk, or only not engaging?\""));
  std::ofstream(dir + "/corrupt.json") << "{\"format\": \"waymark-evidence-record\", \"format_version\": 1";
  const auto corrupt = run_waymark({"explain", dir + "/corrupt.json"});
  CHECK(corrupt.exit_code == 2);
  CHECK_THAT(corrupt.err, Contains("corrupt.json: error: the record is not valid JSON"));
  fs::remove_all(dir);
}

TEST_CASE("waymark explain says which strategy was not chosen, not what was", "[cli][explain]") {
  const std::string dir = temp_dir();
  std::ofstream(dir + "/answers.toml") << "[session]\ndate = 2026-11-25\n\n[answers]\n"
                                          "aged_18_or_over = true\nrisk_basis = \"only_not_engaging\"\n"
                                          "strategies_tried = [\"letters\", \"gp_contact\"]\n"
                                          "concerns_raised = [\"duress\", \"mental_health\"]\n";
  const std::string adult = std::string(WAYMARK_POLICIES) + "/adult-non-engagement.toml";
  const std::string out = dir + "/record.json";
  REQUIRE(run_waymark({"run", adult, "--answers", dir + "/answers.toml", "--format", "json", "--out", out}).exit_code ==
          0);
  const auto r = run_waymark({"explain", out});
  CHECK(r.exit_code == 0);
  const std::string question =
      "\"Which of these strategies have you already tried, or ruled out because they do not fit "
      "this person?\"";
  // Grouped: no prohibition comes first any more; the first thing to do now is the first strategy.
  CHECK_THAT(r.out, Contains("Do now:\n\n1. Consider calls.\n   Because you did not choose \"Calls\" in answer to " +
                             question +
                             ": you chose \"Letters; GP contact\" (Strategies to consider; source: 001: Strategies "
                             "to consider).\n"));
  CHECK_THAT(r.out, !Contains("Because you answered \"Letters; GP contact\""));
  // Of two concerns chosen, only the one the action turns on.
  CHECK_THAT(r.out, Contains("Because you chose \"The person may be under duress\" in answer to \"Which of these "
                             "concerns or issues does this case raise?\""));
  CHECK_THAT(read(out), Contains("\"not_chosen\""));
  fs::remove_all(dir);
}

TEST_CASE("waymark lint exit codes", "[cli][lint]") {
  const auto good = run_waymark({"lint", policy});
  CHECK(good.exit_code == 0);
  CHECK_THAT(good.out, Contains("0 error(s)"));
  const auto bad = run_waymark({"lint", fixtures + "/bad_policies/unknown_key.toml"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Contains("unknown_key.toml:18:1: error: unknown key 'ask_iff'"));
  CHECK_THAT(bad.err, Contains("    ask_iff = \"true\"\n    ^"));
}

TEST_CASE("the interactive walk-through works through a pipe", "[cli][interactive]") {
  SECTION("to the end, with judgements and a saved record") {
    const std::string dir = temp_dir();
    const std::string record = dir + "/r.md";
    // risk=1 (evidence), why, spoke=yes, tried=1,2, missed=2, last contact; judgements; no added
    // action; save.
    const std::string input = "1\nwhy\nyes\n1,2\n2\n2026-11-01\n1\n\n1\nok\nno\n" + record + "\n";
    const auto r = run_waymark({"run", policy, "--date", "2026-11-25"}, input);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Why this is asked: h"));
    CHECK_THAT(r.out, Contains("All questions that apply are answered."));
    CHECK_THAT(read(record), Contains("# Evidence record") && Contains("accept"));
    fs::remove_all(dir);
  }
  SECTION("a wrong answer is explained and asked again") {
    const auto r = run_waymark({"run", policy}, "7\n");
    CHECK_THAT(r.out, Contains("there is no option 7; choose 1 to 2"));
  }
  SECTION("end of input stops with the outcome marked incomplete") {
    const auto r = run_waymark({"run", policy, "--date", "2026-11-25"}, "1\n");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Input ended before the walk-through was complete."));
    CHECK_THAT(r.out, Contains("INCOMPLETE"));
    CHECK_THAT(r.out, Contains("Do not close the case."));
  }
  SECTION("back returns to the previous question and keeps later answers that still apply") {
    const auto r = run_waymark({"run", policy, "--date", "2026-11-25"}, "1\nyes\nback\nno\n");
    CHECK_THAT(r.out, Contains("Current answer: Yes"));
  }
  SECTION("save and resume") {
    const std::string dir = temp_dir();
    const std::string saved = dir + "/s.json";
    run_waymark({"run", policy, "--date", "2026-11-25"}, "1\nsave " + saved + "\nquit\n");
    REQUIRE(fs::exists(saved));
    const auto resumed = run_waymark({"run", policy, "--resume", saved}, "no\n");
    CHECK_THAT(resumed.out, Contains("Have you spoken to the adult?"));
    CHECK_THAT(resumed.out, Contains("What have you tried?"));
    fs::remove_all(dir);
  }
}

TEST_CASE("run settles one session date, then uses the version in force on it", "[cli][versions]") {
  const std::string dir = temp_dir();
  // Two versions side by side: 1.0.0 from 2026-12-01, 1.1.0 from 2027-04-01.
  std::string text = read(policy);
  const auto effective = text.find("effective = 2026-01-01");
  REQUIRE(effective != std::string::npos);
  std::string v1 = text, v2 = text;
  v1.replace(effective, 22, "effective = 2026-12-01");
  v2.replace(effective, 22, "effective = 2027-04-01");
  v2.replace(v2.find("version = \"1.0.0\""), 17, "version = \"1.1.0\"");
  std::ofstream(dir + "/v1.toml") << v1;
  std::ofstream(dir + "/v2.toml") << v2;
  auto answers_dated = [&](const std::string& date) {
    fs::create_directories(dir + "/answers");  // not in the policy folder
    const std::string file = dir + "/answers/" + date + ".toml";
    std::ofstream(file) << "[session]\ndate = " << date << "\n\n[answers]\nrisk = \"only\"\ntried = []\nmissed = 0\n"
                        << "last_contact = 2026-10-01\n";
    return file;
  };
  auto run_with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"--policy-dir", dir, "run", "answers-fixture", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_waymark(args);
  };
  SECTION("a file dated after the second version takes effect is recorded under it") {
    const auto r = run_with({"--answers", answers_dated("2027-05-01")});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("\"version\": \"1.1.0\"") && Contains("\"date\": \"2027-05-01\""));
    CHECK(r.err.empty());
  }
  SECTION("a file dated before it is recorded under the first") {
    const auto r = run_with({"--answers", answers_dated("2027-01-15")});
    CHECK_THAT(r.out, Contains("\"version\": \"1.0.0\"") && Contains("\"date\": \"2027-01-15\""));
    CHECK(r.err.empty());
  }
  SECTION("--date overrides the file's date, with a note, and chooses the version") {
    const auto r = run_with({"--answers", answers_dated("2027-01-15"), "--date", "2027-05-01"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("\"version\": \"1.1.0\"") && Contains("\"date\": \"2027-05-01\""));
    CHECK_THAT(r.err, Contains("note: --date 2027-05-01 is used as the session date, not the file's [session] date "
                               "2027-01-15"));
    const auto back = run_with({"--answers", answers_dated("2027-05-01"), "--date", "2027-01-15"});
    CHECK_THAT(back.out, Contains("\"version\": \"1.0.0\"") && Contains("\"date\": \"2027-01-15\""));
  }
  SECTION("a session dated before any version is in force is warned about") {
    const auto r = run_with({"--answers", answers_dated("2025-01-01")});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("\"version\": \"1.0.0\"") && Contains("\"date\": \"2025-01-01\""));
    CHECK_THAT(r.err, Contains("warning: this version (1.0.0) takes effect on 2026-12-01; it is not yet in force on "
                               "the session date 2025-01-01"));
  }
  SECTION("--as-of still chooses another version, with the warning if it is not in force yet") {
    const auto r = run_with({"--answers", answers_dated("2027-01-15"), "--as-of", "2027-05-01"});
    CHECK_THAT(r.out, Contains("\"version\": \"1.1.0\"") && Contains("\"date\": \"2027-01-15\""));
    CHECK_THAT(r.err, Contains("it is not yet in force on the session date 2027-01-15"));
  }
  fs::remove_all(dir);
}

TEST_CASE("run --case never runs silently without the case's chronology", "[cli][store]") {
  const std::string dir = temp_dir();
  const std::string db = dir + "/cases.db";
  const std::string no_case = fixtures + "/answers/evidence.toml";  // names case C-1042 itself
  SECTION("no store file") {
    const auto r = run_waymark({"run", policy, "--answers", no_case, "--case", "C-1", "--db", db});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(db + ": there is no case store here, so case 'C-1' has no chronology") &&
                          Contains("`waymark case add C-1`"));
    CHECK(r.out.empty());
    const auto interactive = run_waymark({"run", policy, "--case", "C-1", "--db", db}, "1\nquit\n");
    CHECK(interactive.exit_code == 2);
    CHECK_THAT(interactive.err, Contains("there is no case store here"));
  }
  SECTION("a store without the case, and an erased case") {
    REQUIRE(run_waymark({"case", "add", "C-2", "--db", db}).exit_code == 0);
    const auto unknown = run_waymark({"run", policy, "--answers", no_case, "--case", "C-9", "--db", db});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Contains(db + ": no case 'C-9' (add it with `waymark case add C-9`)"));
    REQUIRE(
        run_waymark({"case", "erase", "C-2", "--role", "registered_manager", "--reason", "test", "--db", db}, "C-2\n")
            .exit_code == 0);
    const auto erased = run_waymark({"run", policy, "--answers", no_case, "--case", "C-2", "--db", db});
    CHECK(erased.exit_code == 2);
    CHECK_THAT(erased.err, Contains("case 'C-2' was erased"));
  }
  SECTION("a case named only in the answers file runs, with a note") {
    const auto r = run_waymark({"run", policy, "--answers", no_case, "--db", db});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("C-1042"));
    CHECK_THAT(r.err, Contains("note: ") && Contains("case 'C-1042'") &&
                          Contains("runs without the case's chronology and the record is not stored"));
  }
  fs::remove_all(dir);
}

TEST_CASE("a policy folder that was named overrides a plugin's copy of the same version", "[cli][plugins]") {
  const std::string dir = temp_dir();
  const std::string bundled = read(std::string(WAYMARK_POLICIES) + "/adult-non-engagement.toml");
  auto write_copy = [&](const std::string& version, const std::string& effective) {
    std::string text = bundled;
    const std::string title = "title = \"Adults who are not engaging with services\"";
    text.replace(text.find(title), title.size(), "title = \"Local copy of the adult policy\"");
    text.replace(text.find("version = \"1.1.0\""), 17, "version = \"" + version + "\"");
    text.replace(text.find("effective = 2026-11-01"), 22, "effective = " + effective);
    std::ofstream(dir + "/adult-non-engagement.toml") << text;
  };
  auto run_on = [&](const std::string& date, const std::vector<std::string>& env = {}) {
    std::vector<std::string> args{"run", "adult-non-engagement", "--date", date};
    if (env.empty()) args.insert(args.begin(), {"--policy-dir", dir});
    return run_waymark(args, "quit\n", env);
  };
  SECTION("the same version: the file is used, with a warning") {
    write_copy("1.1.0", "2026-11-01");
    const auto r = run_on("2026-12-05");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Local copy of the adult policy (policy adult-non-engagement version 1.1.0"));
    CHECK_THAT(r.err, Contains(dir + "/adult-non-engagement.toml: warning: policy 'adult-non-engagement' version "
                                     "1.1.0 (effective 2026-11-01) in this file is used instead of the copy "
                                     "provided by plugin"));
    const auto env = run_on("2026-12-05", {"WAYMARK_POLICY_PATH=" + dir});
    CHECK_THAT(env.out, Contains("Local copy of the adult policy"));
    const auto listed = run_waymark({"--policy-dir", dir, "list"});
    CHECK_THAT(listed.out, Contains("Local copy of the adult policy"));
    CHECK_THAT(listed.err, !Contains("takes precedence"));
  }
  SECTION("another version sits beside the plugin's, chosen by the session date") {
    write_copy("1.2.0", "2027-04-01");
    const auto before = run_on("2027-01-15");
    CHECK_THAT(before.out, Contains("Adults who are not engaging with services (policy "
                                    "adult-non-engagement version 1.1.0"));
    const auto after = run_on("2027-05-01");
    CHECK_THAT(after.out, Contains("Local copy of the adult policy (policy adult-non-engagement version 1.2.0"));
    CHECK(after.err.empty());
  }
  fs::remove_all(dir);
}

TEST_CASE("messages say what is wrong in words, naming the file", "[cli]") {
  const std::string dir = temp_dir();
  const std::string out = dir + "/record.json";
  REQUIRE(run_waymark({"run", policy, "--answers", answers, "--format", "json", "--out", out}).exit_code == 0);
  const std::string record = read(out);
  SECTION("a record missing a part") {
    std::string damaged = record;
    damaged.replace(damaged.find("\"outcome\""), 9, "\"outcomes\"");
    std::ofstream(dir + "/damaged.json") << damaged;
    const auto r = run_waymark({"explain", dir + "/damaged.json"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("damaged.json: error: the record has no \"outcome\" entry"));
    CHECK_THAT(r.err, !Contains("json.exception"));
  }
  SECTION("JSON that is not a record") {
    std::ofstream(dir + "/list.json") << "[]";
    const auto r = run_waymark({"explain", dir + "/list.json"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("list.json: error: this file is not a Waymark evidence record (it holds a JSON array"));
  }
  SECTION("a saved session missing a part") {
    run_waymark({"run", policy, "--date", "2026-11-25"}, "1\nsave " + dir + "/s.json\nquit\n");
    std::string saved = read(dir + "/s.json");
    REQUIRE(saved.find("\"decisions\"") != std::string::npos);
    saved.replace(saved.find("\"decisions\""), 11, "\"decision_\"");
    std::ofstream(dir + "/s.json") << saved;
    const auto r = run_waymark({"run", policy, "--resume", dir + "/s.json"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("s.json: error: the saved session is incomplete or damaged: it has "
                               "no \"decisions\" entry"));
    std::ofstream(dir + "/s.json") << "[]";
    CHECK_THAT(run_waymark({"run", policy, "--resume", dir + "/s.json"}).err,
               Contains("this file is not a saved Waymark session"));
  }
  SECTION("a folder given as a policy, an answers file or a saved session") {
    const auto as_policy = run_waymark({"run", dir + "/", "--answers", answers});
    CHECK(as_policy.exit_code == 2);
    CHECK_THAT(as_policy.err, Contains("error: this is a folder, not a policy file"));
    const auto as_answers = run_waymark({"run", policy, "--answers", dir});
    CHECK(as_answers.exit_code == 2);
    CHECK_THAT(as_answers.err, Contains(dir + ": error: this is a folder, not an answers file"));
    const auto as_session = run_waymark({"run", policy, "--resume", dir});
    CHECK_THAT(as_session.err, Contains(dir + ": error: this is a folder, not a file"));
  }
  SECTION("an unknown command is named, with the commands there are") {
    const auto r = run_waymark({"bogus"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("unknown command 'bogus'; the commands are: list, plugins, run, lint"));
    const auto after_option = run_waymark({"--policy-dir", dir, "bogus"});
    CHECK_THAT(after_option.err, Contains("unknown command 'bogus'"));
  }
  SECTION("lint on a folder with no policy files is an error") {
    fs::create_directories(dir + "/empty");
    const auto r = run_waymark({"lint", dir + "/empty"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(dir + "/empty: error: no policy files in this folder"));
  }
  SECTION("--format without --answers is refused, not ignored") {
    const auto r = run_waymark({"run", policy, "--format", "json"}, "1\n");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--format works with --answers"));
    CHECK_THAT(r.out, !Contains("Question 1"));
  }
  SECTION("changes to answers name the question, not its id") {
    const auto r = run_waymark({"run", policy, "--date", "2026-11-25"}, "1\nyes\nback\nno\nquit\n");
    CHECK_THAT(r.out, Contains("\"Have you spoken to the adult?\" changed from \"Yes\" to \"No\""));
  }
  fs::remove_all(dir);
}

TEST_CASE("run --answers --require-complete exits 1 on an incomplete walk-through, writing nothing", "[cli]") {
  const std::filesystem::path dir = temp_dir();
  std::ofstream(dir / "partial.toml") << "[answers]\nrisk = \"evidence\"\nspoke = true\n";
  const std::string policy = std::string(WAYMARK_FIXTURES) + "/answers_policy.toml";
  const std::string partial = (dir / "partial.toml").string();
  // Without the flag an incomplete walk-through is still a record (marked incomplete), exit 0.
  CHECK(run_waymark({"run", policy, "--answers", partial}).exit_code == 0);
  const auto strict =
      run_waymark({"run", policy, "--answers", partial, "--require-complete", "--out", (dir / "r.json").string()});
  CHECK(strict.exit_code == 1);
  CHECK_THAT(strict.err, Contains("partial.toml: error: the walk-through is incomplete (--require-complete): "
                                  "question 'tried' applies and is not answered"));
  CHECK_FALSE(std::filesystem::exists(dir / "r.json"));
  CHECK(run_waymark({"run", policy, "--answers", std::string(WAYMARK_FIXTURES) + "/answers/evidence.toml",
                     "--require-complete"})
            .exit_code == 0);
  CHECK(run_waymark({"run", policy, "--require-complete"}).exit_code == 2);  // only with --answers
}
