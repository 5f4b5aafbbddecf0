// The interactive walk-through's judgement step and its files: nothing typed may be lost.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/run_command.h"

using namespace waymark::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string policy = std::string(WAYMARK_FIXTURES) + "/answers_policy.toml";
// Every question of the fixture answered: evidence, spoke yes, calls and letters, 2 missed, a date.
const std::string all_answers = "1\nyes\n1,2\n2\n2026-11-01\n";

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CommandResult walk(const std::string& input) { return run_waymark({"run", policy, "--date", "2026-11-25"}, input); }

}  // namespace

TEST_CASE("a save that cannot be written is explained and asked again", "[cli][interactive]") {
  const std::string dir = temp_dir();
  SECTION("a session saved to a missing folder") {
    const auto r = walk("1\nsave " + dir + "/nodir/s.json\n" + dir + "/s.json\nquit\n");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("nodir/s.json: error: cannot write this file") && Contains("Type another file name"));
    CHECK_THAT(r.out, Contains("Saved. Resume with: waymark run answers-fixture --resume " + dir + "/s.json"));
    CHECK_THAT(read(dir + "/s.json"), Contains("\"risk\""));
    CHECK_THAT(r.out, Contains("Stopped before the end."));  // the walk-through carried on
  }
  SECTION("saying no to replacing a session offers another name") {
    std::ofstream(dir + "/s.json") << "precious";
    const auto r = walk("1\nsave " + dir + "/s.json\nno\n" + dir + "/t.json\nquit\n");
    CHECK(read(dir + "/s.json") == "precious");
    CHECK_THAT(r.out, Contains("The existing file was kept.") && Contains("Saved."));
    CHECK(fs::exists(dir + "/t.json"));
  }
  SECTION("a record file name that cannot be written, after every judgement") {
    const auto r = walk(all_answers + "1\n\n1\n\nno\n" + dir + "/nodir/r.json\n" + dir + "/r.md\n");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("nodir/r.json: error: cannot write this file"));
    CHECK_THAT(r.out, Contains("Evidence record saved to " + dir + "/r.md"));
    CHECK_THAT(read(dir + "/r.md"), Contains("# Evidence record") && Contains("Practitioner's judgement**: accept"));
  }
  SECTION("a record name without .json or .md is refused") {
    const auto r = walk(all_answers + "1\n\n1\n\nno\nok\n" + dir + "/r.json\n");
    CHECK_THAT(r.out, Contains("'ok' does not end .json or .md"));
    CHECK(!fs::exists("ok"));
    CHECK_THAT(read(dir + "/r.json"), Contains("waymark-evidence-record"));
  }
  SECTION("no to replacing a record offers another name") {
    std::ofstream(dir + "/r.json") << "precious";
    const auto r = walk(all_answers + "1\n\n1\n\nno\n" + dir + "/r.json\nno\n" + dir + "/r2.json\n");
    CHECK(read(dir + "/r.json") == "precious");
    CHECK_THAT(read(dir + "/r2.json"), Contains("waymark-evidence-record"));
  }
  SECTION("giving up on a file name still shows the record with the judgements") {
    const auto r = walk(all_answers + "3\nnot needed\n1\n\nno\n" + dir + "/nodir/r.json\n");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("The record was not saved to a file; here it is:") &&
                          Contains("Practitioner's judgement: decline: not needed"));
  }
  fs::remove_all(dir);
}

TEST_CASE("the judgement step understands why, back, save and quit", "[cli][interactive]") {
  SECTION("why explains the action") {
    const auto r = walk(all_answers + "why\n");
    CHECK_THAT(r.out, Contains("Why: w\n  Source: s"));
    CHECK_THAT(r.out, !Contains("Please type 1, 2 or 3"));
  }
  SECTION(
      "back returns to the last question, and a changed answer changes the outcome; judgements are "
      "kept") {
    // Accept the first action, go back to the last question, then back to the first and change it.
    const auto r = walk(all_answers + "1\nkept note\nback\nback\nback\nback\nback\n2\n\n\n\n\n");
    CHECK_THAT(r.out, Contains("Back to the questions"));
    CHECK_THAT(r.out, Contains("Current answer: 2026-11-01"));
    // With "Only not engaging", "Do not close the case." no longer applies: only the review
    // (shown first, under Do now) remains, with the judgement made before going back.
    const auto last = r.out.rfind("All questions that apply are answered.");
    REQUIRE(last != std::string::npos);
    CHECK_THAT(r.out.substr(last), !Contains("Do not close the case."));
    CHECK_THAT(r.out.substr(last), Contains("1. Review the case.") && Contains("accept: kept note"));
  }
  SECTION("back, then the same answers: the judgement made is kept and not asked again") {
    const auto r = walk(all_answers + "1\nkept note\nback\n\n3\nnot needed\nno\n\n");
    const auto last = r.out.rfind("All questions that apply are answered.");
    REQUIRE(last != std::string::npos);
    CHECK_THAT(r.out.substr(last), Contains("Practitioner's judgement: accept: kept note"));
    CHECK_THAT(r.out.substr(last), !Contains("Review the case.\n  Judgement"));
    CHECK_THAT(r.out, Contains("Not saved."));
  }
  SECTION("save keeps the judgements made so far, and quit shows them") {
    const std::string dir = temp_dir();
    const auto r = walk(all_answers + "1\nnote\nsave " + dir + "/s.json\nquit\n");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Saved.") && Contains("Stopped before every judgement was recorded"));
    CHECK_THAT(r.out, Contains("Practitioner's judgement: accept: note"));
    CHECK_THAT(read(dir + "/s.json"), Contains("\"judgement\": \"accept\""));
    CHECK((fs::status(dir + "/s.json").permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    const auto resumed = run_waymark({"run", policy, "--resume", dir + "/s.json"}, "2\nchanged frequency\nno\n\n");
    CHECK_THAT(resumed.out, Contains("Do not close the case.\n  Judgement"));
    CHECK_THAT(resumed.out, !Contains("Review the case.\n  Judgement"));
    fs::remove_all(dir);
  }
  SECTION("commands work at the note and reason prompts too: 'why' is not saved as the note") {
    const std::string dir = temp_dir();
    const auto r = walk(all_answers + "1\nwhy\nseen the plan\n2\nhelp\nweekly instead\nno\n" + dir + "/r.md\n");
    CHECK_THAT(r.out, Contains("Any note (optional):   Why: w\n  Source: s"));
    CHECK_THAT(r.out, Contains("Reason (required):   Commands:"));
    const std::string record = read(dir + "/r.md");
    // A record holds a case's answers: only its owner may read it, as the web page's sessions.
    CHECK((fs::status(dir + "/r.md").permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    CHECK_THAT(record,
               Contains("accept: seen the plan") && Contains("adapt: weekly instead") && !Contains("accept: why"));
    fs::remove_all(dir);
  }
  SECTION("end of input during judgements prints the record with the others not recorded") {
    const auto r = walk(all_answers + "1\nnote\n");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Input ended before every judgement was recorded"));
    const auto last = r.out.rfind("Evidence record: Fixture");
    CHECK_THAT(r.out.substr(last), Contains("Practitioner's judgement: accept: note") &&
                                       Contains("Practitioner's judgement: not recorded"));
  }
}

TEST_CASE("after Do now, the rest can be accepted as recommended in one step", "[cli][interactive]") {
  const std::string dir = temp_dir();
  std::string text =
      "[policy]\nid = \"many-steps\"\ntitle = \"Many steps\"\nversion = \"1.0.0\"\nowner = \"Tests\"\n"
      "applies_to = \"tests\"\neffective = 2026-01-01\nreview_by = 2030-01-01\nsources = [\"s\"]\n\n"
      "[roles]\nworker = \"Worker\"\n\n[[question]]\nid = \"seen\"\ntext = \"Seen?\"\nhelp = \"h\"\n"
      "kind = \"yes_no\"\nsource = \"s\"\n";
  for (int i = 1; i <= 7; ++i)
    text += "\n[[action]]\nid = \"step" + std::to_string(i) + "\"\ntext = \"Step " + std::to_string(i) +
            ".\"\nkind = \"step\"\nowner = \"worker\"\nurgency = \"not_stated\"\nwhy = \"w\"\nsource = \"s\"\n"
            "when = \"seen\"\n";
  text +=
      "\n[[action]]\nid = \"keep_open\"\ntext = \"Do not close.\"\nkind = \"prohibition\"\nowner = \"worker\"\n"
      "urgency = \"immediate\"\nwhy = \"w\"\nsource = \"s\"\nwhen = \"seen\"\n";
  std::ofstream(dir + "/many.toml") << text;
  // Five judgements (Do now), then 'a' for the other three, no added action, save.
  std::string input = "yes\n";
  for (int i = 0; i < 5; ++i) input += "1\n\n";
  input += "a\nno\n" + dir + "/r.json\n";
  const auto r = run_waymark({"run", dir + "/many.toml", "--date", "2026-11-25"}, input);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("3 more recommended action(s) (Also recommended, Keep in mind). Type 'a' to accept") &&
                        Contains("Accepted 3 action(s) as recommended."));
  // The five to do now were asked one by one; the others were not.
  CHECK_THAT(r.out, Contains("Step 5.\n  Judgement") && !Contains("Step 6.\n  Judgement") &&
                        !Contains("Do not close.\n  Judgement"));
  const std::string record = read(dir + "/r.json");
  CHECK_THAT(record, Contains("\"group\": \"also_recommended\"") && Contains("\"group\": \"keep_in_mind\""));
  std::size_t accepted = 0;
  for (auto at = record.find("\"judgement\": \"accept\""); at != std::string::npos;
       at = record.find("\"judgement\": \"accept\"", at + 1))
    ++accepted;
  CHECK(accepted == 8);
  fs::remove_all(dir);
}
