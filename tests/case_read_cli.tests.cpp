// Reading the store as a manager or inspector does: a case's records and actions, one stored
// record in full, a countersignature added later, and the due list filtered.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/run_command.h"

using namespace waymark::test;
using Catch::Matchers::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {
const std::string fixtures = WAYMARK_FIXTURES;

// Runs the fixture's answers for `reference` and files the record; returns the record's JSON.
std::string file_record(const std::string& db, const std::string& reference, const std::string& role) {
  auto ran = run_waymark({"run", fixtures + "/answers_policy.toml", "--answers", fixtures + "/answers/evidence.toml",
                          "--case", reference, "--store", "--db", db, "--format", "json", "--role", role});
  REQUIRE(ran.exit_code == 0);
  return ran.out;
}
}  // namespace

TEST_CASE("a stored record says who completed it by role, and can be read back with its countersignature",
          "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1042", "--db", db}).exit_code == 0);

  // A role, never a name.
  auto named = run_waymark({"run", fixtures + "/answers_policy.toml", "--answers", fixtures + "/answers/evidence.toml",
                            "--case", "C-1042", "--store", "--db", db, "--role", "Jane Smith"});
  CHECK(named.exit_code == 2);
  CHECK_THAT(named.err, Contains("role") && Contains("never a name"));
  const std::string record = file_record(db, "C-1042", "social_worker");
  CHECK(json::parse(record)["session"]["completed_by_role"] == "social_worker");

  // The case in words: its records (by chain entry) and its actions, open and closed.
  auto shown = run_waymark({"case", "show", "C-1042", "--db", db, "--format", "json"});
  REQUIRE(shown.exit_code == 0);
  const json doc = json::parse(shown.out);
  REQUIRE(doc["records"].size() == 1);
  const std::int64_t seq = doc["records"][0]["chain_entry"];
  const std::string n = std::to_string(seq);
  CHECK(doc["records"][0]["completed_by_role"] == "social_worker");
  CHECK(doc["records"][0]["policy"]["id"] == "answers-fixture");
  REQUIRE(doc["actions"].size() == 1);  // the prohibition is a standing instruction, not tracked
  CHECK(doc["actions"][0]["id"] == "review");
  CHECK(doc["actions"][0]["status"] == "open");

  REQUIRE(run_waymark({"done", "C-1042", "review", "--note", "Plan reviewed at supervision", "--role",
                       "line_manager", "--db", db})
              .exit_code == 0);
  auto words = run_waymark({"case", "show", "C-1042", "--db", db});
  REQUIRE(words.exit_code == 0);
  CHECK_THAT(words.out, Contains("Records (read one with: waymark case record REF N):") &&
                            Contains("completed by social_worker") && Contains("Actions (open and closed):") &&
                            Contains("closed") && Contains("[review]") &&
                            Contains("by line_manager: Plan reviewed at supervision"));
  CHECK(json::parse(run_waymark({"case", "show", "C-1042", "--db", db, "--format", "json"}).out)["actions"][0]
            ["status"] == "closed");

  // A countersignature is a new chain entry: refused on anything but a record, or without a role
  // id, and never changes the record.
  CHECK(run_waymark({"case", "countersign", "C-1042", std::to_string(seq + 1), "--role", "team_manager", "--comment",
                     "Agreed", "--db", db})
            .exit_code == 2);
  CHECK(run_waymark({"case", "countersign", "C-1042", n, "--role", "Ann Jones", "--comment", "Agreed", "--db", db})
            .exit_code == 2);
  CHECK(run_waymark({"case", "countersign", "C-1042", n, "--role", "team_manager", "--comment", " ", "--db", db})
            .exit_code == 2);
  auto signed_ = run_waymark({"case", "countersign", "C-1042", n, "--role", "team_manager", "--comment",
                              "Agreed; review brought forward", "--db", db});
  REQUIRE(signed_.exit_code == 0);
  CHECK_THAT(signed_.out, Contains("countersigned by team_manager") && Contains("the record itself is unchanged"));

  auto printed = run_waymark({"case", "record", "C-1042", n, "--db", db});
  REQUIRE(printed.exit_code == 0);
  const std::string& text = printed.out;
  CHECK_THAT(text, Contains("Completed by (role): social_worker") && Contains("Practitioner's judgement: accept") &&
                       Contains("Countersignatures") && Contains("team_manager: Agreed; review brought forward"));
  CHECK(text.find("Your judgement") == std::string::npos);
  // The jargon comes last, under its own heading.
  const auto technical = text.find("Technical details");
  REQUIRE(technical != std::string::npos);
  CHECK(text.find("Answers") < technical);
  CHECK(text.find("Policy content (SHA-256)") > technical);
  CHECK_THAT(text.substr(technical), Contains("Case store chain entry: " + n));
  CHECK_THAT(run_waymark({"case", "record", "C-1042", n, "--db", db, "--format", "markdown"}).out,
             Contains("## Countersignatures"));
  // As filed, byte for byte.
  CHECK(run_waymark({"case", "record", "C-1042", n, "--db", db, "--format", "json"}).out == record);
  auto missing = run_waymark({"case", "record", "C-1042", "99", "--db", db});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Contains("no record in chain entry 99") && Contains("its records: " + n));
  CHECK_THAT(json::parse(run_waymark({"case", "show", "C-1042", "--db", db, "--format", "json"}).out)["records"][0]
                 ["countersignatures"][0]["role"]
                     .get<std::string>(),
             Contains("team_manager"));

  auto verified = run_waymark({"verify", "--db", db});
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Contains("chain intact, 3 entries"));  // the record, the closure, the countersignature
  fs::remove_all(dir);
}

TEST_CASE("waymark due filters by case, owner role and overdue, as text or JSON", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  for (const char* reference : {"C-1", "C-2"}) {
    REQUIRE(run_waymark({"case", "add", reference, "--db", db}).exit_code == 0);
    file_record(db, reference, "social_worker");
  }
  auto all = run_waymark({"due", "--db", db, "--today", "2026-12-01", "--format", "json"});
  REQUIRE(all.exit_code == 0);
  CHECK(json::parse(all.out)["actions"].size() == 2);

  auto one_case = run_waymark({"due", "--db", db, "--case", "C-2", "--format", "json"});
  REQUIRE(one_case.exit_code == 0);
  const json listed = json::parse(one_case.out)["actions"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["case_reference"] == "C-2");
  CHECK(listed[0]["owner"] == "worker");
  CHECK(run_waymark({"due", "--db", db, "--case", "C-9"}).exit_code == 2);

  CHECK_THAT(run_waymark({"due", "--db", db, "--owner", "line_manager"}).out,
             Contains("No open actions matching the filters"));
  CHECK_THAT(run_waymark({"due", "--db", db, "--owner", "worker"}).out, Contains("2 open actions"));
  CHECK(run_waymark({"due", "--db", db, "--owner", "The Worker"}).exit_code == 2);

  // Due within 6 weeks of 2026-11-25: not overdue on 2026-12-01, overdue in 2027.
  CHECK_THAT(run_waymark({"due", "--db", db, "--overdue", "--today", "2026-12-01"}).out,
             Contains("No open actions matching the filters"));
  const json late = json::parse(run_waymark({"due", "--db", db, "--overdue", "--today", "2027-06-01", "--format",
                                             "json", "--case", "C-1"})
                                    .out);
  REQUIRE(late["actions"].size() == 1);
  CHECK(late["actions"][0]["overdue"] == true);
  fs::remove_all(dir);
}
