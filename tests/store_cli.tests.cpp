// The case store commands through the real binary: case, run --store, due, done, verify.
#include <fmt/format.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include <waymark/store.h>

#include "support/run_command.h"

using namespace waymark::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {
const std::string fixtures = WAYMARK_FIXTURES;
}  // namespace

TEST_CASE("waymark case: add, record events, correct one, show the timeline", "[cli][store]") {
  const std::string db = (fs::path(temp_dir()) / "cases.db").string();
  auto added = run_waymark({"case", "add", "C-1042", "--db", db});
  CHECK(added.exit_code == 0);
  CHECK(run_waymark({"case", "add", "Jane Smith", "--db", db}).exit_code == 2);

  auto first = run_waymark({"case", "event", "C-1042", "--kind", "personal_care_refusal", "--date", "2026-11-03",
                            "--time", "18:30", "--agency", "care home", "--note", "Refused evening medication",
                            "--role", "care_staff", "--db", db});
  CHECK(first.exit_code == 0);
  CHECK_THAT(first.out, Contains("Event 1 recorded"));
  auto bad_date = run_waymark({"case", "event", "C-1042", "--kind", "personal_care_refusal", "--date", "2026-11-31",
                               "--role", "care_staff", "--db", db});
  CHECK(bad_date.exit_code == 2);
  CHECK_THAT(bad_date.err, Contains("2026-11-31"));
  auto bad_time = run_waymark({"case", "event", "C-1042", "--kind", "personal_care_refusal", "--date", "2026-11-03",
                               "--time", "25:00", "--role", "care_staff", "--db", db});
  CHECK(bad_time.exit_code == 2);
  CHECK_THAT(bad_time.err, Contains("25:00"));
  // Who recorded an event is always known, by role.
  CHECK(run_waymark({"case", "event", "C-1042", "--kind", "personal_care_refusal", "--date", "2026-11-03", "--db", db})
            .exit_code == 2);
  auto fix =
      run_waymark({"case", "event", "C-1042", "--kind", "personal_care_refusal", "--date", "2026-11-04", "--time",
                   "18:30", "--corrects", "1", "--note", "Date corrected", "--role", "shift_lead", "--db", db});
  CHECK(fix.exit_code == 0);

  // WAYMARK_DB names the store too.
  auto events = run_waymark({"case", "events", "C-1042"}, "", {"WAYMARK_DB=" + db});
  CHECK(events.exit_code == 0);
  CHECK_THAT(events.out, Contains("2026-11-03 18:30  personal_care_refusal  [care home]"));
  CHECK_THAT(events.out, Contains("CORRECTED by event 2"));
  CHECK_THAT(events.out, Contains("corrects event 1"));

  // The timeline: in words, and as one self-contained HTML file with the picture.
  auto words = run_waymark({"case", "show", "C-1042", "--db", db});
  CHECK(words.exit_code == 0);
  // Kinds are named as the CQC policy declares them, not by their ids.
  CHECK_THAT(words.out, Contains("2 events from 2026-11-03 to 2026-11-04: 2 refusal of personal care.") &&
                            Contains("1 corrected event is shown struck through."));
  const std::string page = (fs::path(temp_dir()) / "timeline.html").string();
  auto html = run_waymark({"case", "show", "C-1042", "--format", "html", "--out", page, "--db", db});
  CHECK(html.exit_code == 0);
  std::ifstream in(page);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  CHECK_THAT(text, Contains("<!DOCTYPE html>") && Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") &&
                       Contains("data-corrected=\"true\"") && Contains("Refused evening medication") &&
                       Contains(">Refusal of personal care (2)<"));
  for (const char* outside : {"<script", "src=", "href=", "@import", "url(http"}) CHECK(text.find(outside) == std::string::npos);
  // The file is never replaced without --force; a format it does not know is refused.
  CHECK(run_waymark({"case", "show", "C-1042", "--format", "html", "--out", page, "--db", db}).exit_code == 2);
  CHECK(run_waymark({"case", "show", "C-1042", "--format", "pdf", "--db", db}).exit_code != 0);
  CHECK(run_waymark({"case", "show", "C-9999", "--db", db}).exit_code != 0);
}

TEST_CASE("waymark run --store files the record with the case; due, done and verify follow it", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1042", "--db", db}).exit_code == 0);
  auto ran = run_waymark({"run", fixtures + "/answers_policy.toml", "--answers", fixtures + "/answers/evidence.toml",
                          "--case", "C-1042", "--store", "--db", db, "--format", "json"});
  CHECK(ran.exit_code == 0);
  CHECK_THAT(ran.err, Contains("Record stored with case C-1042"));
  CHECK(run_waymark({"run", fixtures + "/answers_policy.toml", "--answers", fixtures + "/answers/evidence.toml",
                     "--case", "C-77", "--store", "--db", db})
            .exit_code == 2);

  auto due = run_waymark({"due", "--db", db, "--today", "2027-06-01"});
  CHECK(due.exit_code == 0);
  CHECK_THAT(due.out, Contains("open actions on 2027-06-01") && Contains("OVERDUE") && Contains("C-1042") &&
                          Contains("[review]"));

  CHECK(run_waymark({"done", "C-1042", "review", "--role", "line_manager", "--db", db}).exit_code == 2);
  auto done = run_waymark(
      {"done", "C-1042", "review", "--note", "Plan reviewed at supervision", "--role", "line_manager", "--db", db});
  CHECK(done.exit_code == 0);
  CHECK_THAT(done.out, Contains("Closed review on case C-1042"));
  CHECK_THAT(run_waymark({"due", "--db", db}).out, Contains("No open actions"));

  // The answers file's own `case` names the case when --case is not given.
  auto from_file = run_waymark({"run", fixtures + "/answers_policy.toml", "--answers",
                                fixtures + "/answers/evidence.toml", "--store", "--db", db});
  CHECK(from_file.exit_code == 0);
  CHECK_THAT(from_file.err, Contains("Record stored with case C-1042"));

  auto verified = run_waymark({"verify", "--db", db});
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Contains("chain intact, 3 entries"));  // two records, a closure
  CHECK(run_waymark({"verify", "--db", db, "--head", std::string(64, 'a')}).exit_code == 1);
}

TEST_CASE("waymark case export needs a purpose; erase needs confirmation", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1", "--db", db}).exit_code == 0);
  CHECK(run_waymark({"case", "export", "C-1", "--recipient", "GP", "--role", "worker", "--db", db}).exit_code == 2);
  auto exported = run_waymark({"case", "export", "C-1", "--purpose", "subject access", "--recipient", "the adult",
                               "--role", "worker", "--db", db});
  CHECK(exported.exit_code == 0);
  CHECK_THAT(exported.out, Contains("\"waymark-case-export\""));
  CHECK_THAT(exported.err, Contains("recorded in the audit"));

  auto refused = run_waymark({"case", "erase", "C-1", "--role", "registered_manager", "--db", db}, "C-2\n");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Contains("nothing was erased"));
  auto erased = run_waymark({"case", "erase", "C-1", "--role", "registered_manager", "--db", db}, "C-1\n");
  CHECK(erased.exit_code == 0);
  CHECK_THAT(erased.out, Contains("erased"));
  CHECK_THAT(run_waymark({"verify", "--db", db}).out, Contains("chain intact, 2 entries"));
  auto gone = run_waymark({"case", "events", "C-1", "--db", db});
  CHECK(gone.exit_code == 2);
  CHECK_THAT(gone.err, Contains("case 'C-1' was erased"));
}

TEST_CASE("a file that is not a case store gets a clear error naming it, and is left alone", "[cli][store]") {
  const fs::path path = fs::path(temp_dir()) / "notes.txt";
  std::ofstream(path) << std::string(4096, 'n');
  auto result = run_waymark({"case", "events", "C-1", "--db", path.string()});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Contains("notes.txt") && Contains("not a Waymark case store"));
  CHECK(fs::file_size(path) == 4096);
}

TEST_CASE("waymark run --case reads the stored chronology; a correction changes what it sees", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  // The answers of the cqc-refusal-pathway scenario, without its [[event]] tables: the store holds
  // them.
  std::ofstream(dir / "answers.toml") << R"([session]
date = 2026-12-02

[answers]
pathway = "medication"
p2_important = false
p2_repeated = false
p2_record = ["mar", "declined_and_how", "explanation", "anxiety_confusion", "possible_links", "reoffer"]
p2_warning_signs = []
)";
  const std::vector<std::string> run = {"run",       "cqc-refusal-pathway",
                                        "--answers", (dir / "answers.toml").string(),
                                        "--case",    "C-7",
                                        "--db",      db,
                                        "--format",  "json"};
  REQUIRE(run_waymark({"case", "add", "C-7", "--db", db}).exit_code == 0);
  auto before = run_waymark(run);
  REQUIRE(before.exit_code == 0);
  CHECK_THAT(before.out, !Contains("p2_chronology_three_in_a_week"));

  const std::vector<std::pair<std::string, std::string>> refusals = {
      {"2026-11-27", "19:15"}, {"2026-11-30", "19:40"}, {"2026-12-02", "19:20"}};
  for (const auto& [date, time] : refusals)
    REQUIRE(run_waymark({"case", "event", "C-7", "--kind", "medication_refusal", "--date", date, "--time", time,
                         "--role", "care_worker", "--db", db})
                .exit_code == 0);
  auto three = run_waymark(run);
  REQUIRE(three.exit_code == 0);
  CHECK_THAT(three.out, Contains("p2_chronology_three_in_a_week") && Contains("p2_warning_same_time_of_day"));
  CHECK_THAT(three.err, Contains("Record stored with case C-7"));

  // The first refusal was really a fortnight earlier: corrected, it drops out of the week.
  REQUIRE(run_waymark({"case", "event", "C-7", "--kind", "medication_refusal", "--date", "2026-11-13", "--time",
                       "19:15", "--corrects", "1", "--role", "shift_lead", "--db", db})
              .exit_code == 0);
  auto corrected = run_waymark(run);
  REQUIRE(corrected.exit_code == 0);
  CHECK_THAT(corrected.out, !Contains("p2_chronology_three_in_a_week"));

  // Three runs, three records in the chain, after the four events (the correction one of them).
  CHECK_THAT(run_waymark({"verify", "--db", db}).out, Contains("chain intact, 7 entries"));
}

TEST_CASE("case event takes only the event kinds a loaded policy reads", "[cli][store]") {
  const std::string db = (fs::path(temp_dir()) / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1", "--db", db}).exit_code == 0);
  // The README once recorded `--kind refusal`, which no bundled policy counts.
  auto refusal = run_waymark(
      {"case", "event", "C-1", "--kind", "refusal", "--date", "2026-11-03", "--role", "worker", "--db", db});
  CHECK(refusal.exit_code == 2);
  CHECK_THAT(refusal.err, Contains("--kind 'refusal': no loaded policy reads events of that kind") &&
                              Contains("medication_refusal") && Contains("Refusal of medication") &&
                              Contains("read by cqc-refusal-pathway") && Contains("engagement_plan_review"));
  auto typo = run_waymark(
      {"case", "event", "C-1", "--kind", "referal", "--date", "2026-11-03", "--role", "worker", "--db", db});
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Contains("Did you mean 'referral'?"));
  CHECK_THAT(run_waymark({"case", "events", "C-1", "--db", db}).out, Contains("(0 events)"));
  CHECK(run_waymark(
            {"case", "event", "C-1", "--kind", "referral", "--date", "2026-11-03", "--role", "worker", "--db", db})
            .exit_code == 0);
}

TEST_CASE("run --case says which of the case's events the policy read, and warns of kinds none reads", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-8", "--db", db}).exit_code == 0);
  for (const auto& kind : {"medication_refusal", "medication_refusal", "referral"})
    REQUIRE(run_waymark(
                {"case", "event", "C-8", "--kind", kind, "--date", "2026-11-30", "--role", "care_worker", "--db", db})
                .exit_code == 0);
  {
    // Recorded before kinds were checked (or through the library): the store keeps any kind.
    waymark::Store store(db);
    waymark::Event old;
    old.kind = "refusal";
    old.date = *waymark::Date::parse("2026-11-29");
    old.recorded_by = "care_worker";
    store.append_event("C-8", old);
  }
  std::ofstream(dir / "answers.toml") << R"([answers]
pathway = "medication"
p2_important = false
p2_repeated = false
p2_record = ["mar"]
p2_warning_signs = []
)";
  auto ran = run_waymark({"run", "cqc-refusal-pathway", "--answers", (dir / "answers.toml").string(), "--case", "C-8",
                          "--db", db, "--date", "2026-12-02", "--format", "json"});
  REQUIRE(ran.exit_code == 0);
  CHECK_THAT(ran.err, Contains("The chronology of case C-8 holds 4 events; cqc-refusal-pathway read 2 events "
                               "(2 medication_refusal); it does not read 1 referral"));
  CHECK_THAT(ran.err, Contains("warning: case C-8 has events no loaded policy reads: 1 refusal"));
}

TEST_CASE("store commands name the file and the case when the case is unknown or arguments are wrong", "[cli][store]") {
  const std::string db = (fs::path(temp_dir()) / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1", "--db", db}).exit_code == 0);
  auto unknown = run_waymark({"case", "events", "C-404", "--db", db});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Contains("cases.db") && Contains("no case 'C-404'"));
  auto unknown_event = run_waymark({"case", "event", "C-404", "--kind", "personal_care_refusal", "--date", "2026-11-03",
                                    "--role", "worker", "--db", db});
  CHECK(unknown_event.exit_code == 2);
  CHECK_THAT(unknown_event.err, Contains("no case 'C-404'"));
  CHECK(run_waymark({"done", "C-404", "review", "--note", "x", "--role", "worker", "--db", db}).exit_code == 2);
  CHECK(run_waymark({"case", "--db", db}).exit_code != 0);
  CHECK(run_waymark({"case", "event", "C-404", "--date", "2026-11-03", "--db", db}).exit_code != 0);
  CHECK(run_waymark(
            {"case", "export", "C-404", "--purpose", "audit", "--recipient", "board", "--role", "worker", "--db", db})
            .exit_code == 2);
}

TEST_CASE("a store written by a newer Waymark is refused by every command, naming the file", "[cli][store]") {
  const std::string db = (fs::path(temp_dir()) / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1", "--db", db}).exit_code == 0);
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
  const std::string newer = fmt::format("PRAGMA user_version = {}", waymark::store_schema_version + 1);
  REQUIRE(sqlite3_exec(handle, newer.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(handle);
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"case", "events", "C-1"}, {"due"}, {"verify"}, {"case", "add", "C-2"}}) {
    auto with_db = args;
    with_db.insert(with_db.end(), {"--db", db});
    auto result = run_waymark(with_db);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Contains("cases.db") && Contains("newer Waymark"));
  }
}

TEST_CASE("a damaged store is reported naming the file, never crashes, and is not written to", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1", "--db", db}).exit_code == 0);
  for (int i = 0; i < 40; ++i)
    REQUIRE(run_waymark({"case", "event", "C-1", "--kind", "personal_care_refusal", "--date", "2026-11-03", "--note",
                         std::string(200, 'n'), "--role", "worker", "--db", db})
                .exit_code == 0);
  REQUIRE(fs::file_size(db) > 8192);
  REQUIRE_FALSE(fs::exists(db + "-wal"));  // checkpointed when the last command closed it
  {
    // Every page but the first (the header and schema) overwritten, as a failing disk might.
    std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);
    const std::string garbage(fs::file_size(db) - 4096, '\xff');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  std::ifstream in(db, std::ios::binary);
  const std::string damaged((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  for (const auto& args : std::vector<std::vector<std::string>>{
           {"verify"},
           {"case", "events", "C-1"},
           {"due"},
           {"case", "event", "C-1", "--kind", "personal_care_refusal", "--date", "2026-11-04", "--role", "worker"}}) {
    auto with_db = args;
    with_db.insert(with_db.end(), {"--db", db});
    auto result = run_waymark(with_db);
    INFO(args.front() << ": " << result.err);
    CHECK((result.exit_code == 1 || result.exit_code == 2));
    CHECK_THAT(result.err, Contains("cases.db") && Contains("damaged"));
  }
  std::ifstream after(db, std::ios::binary);
  CHECK(std::string((std::istreambuf_iterator<char>(after)), std::istreambuf_iterator<char>()) == damaged);
}

TEST_CASE("an interactive walk-through against a stored case files its record with the case", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-9", "--db", db}).exit_code == 0);
  // The same answers and judgements as the interactive CLI test; Enter declines saving a file.
  const std::string input = "1\nyes\n1,2\n2\n2026-11-01\n1\n\n1\nok\nno\n\n";
  auto ran = run_waymark(
      {"run", fixtures + "/answers_policy.toml", "--date", "2026-11-25", "--case", "C-9", "--db", db}, input);
  CHECK(ran.exit_code == 0);
  CHECK_THAT(ran.out, Contains("Record stored with case C-9"));
  auto exported = run_waymark({"case", "export", "C-9", "--purpose", "supervision", "--recipient", "line manager",
                               "--role", "worker", "--db", db});
  CHECK_THAT(exported.out, Contains("\"judgement\": \"accept\""));

  // Stopped early, nothing is filed: a partial walk-through is never stored as if complete.
  auto stopped = run_waymark({"run", fixtures + "/answers_policy.toml", "--case", "C-9", "--db", db}, "1\nquit\n");
  CHECK(stopped.exit_code == 0);
  CHECK_THAT(stopped.out, !Contains("Record stored"));
  CHECK_THAT(run_waymark({"verify", "--db", db}).out,
             Contains("chain intact, 2 entries"));  // the record, the export
}

TEST_CASE("only case add creates a store: a mistyped --db is not reported as an intact empty chain", "[cli][store]") {
  const fs::path missing = fs::path(temp_dir()) / "cases-typo.db";
  for (const auto& args : std::vector<std::vector<std::string>>{{"verify"}, {"due"}, {"case", "events", "C-1"}}) {
    auto with_db = args;
    with_db.insert(with_db.end(), {"--db", missing.string()});
    auto result = run_waymark(with_db);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Contains("cases-typo.db") && Contains("no case store here"));
  }
  CHECK_FALSE(fs::exists(missing));
  CHECK(run_waymark({"case", "add", "C-1", "--db", missing.string()}).exit_code == 0);
  CHECK(fs::exists(missing));
}

TEST_CASE("an export whose file cannot be written is not recorded as shared", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1", "--db", db}).exit_code == 0);
  const std::string unwritable = (dir / "no-such-folder" / "export.json").string();
  auto failed = run_waymark({"case", "export", "C-1", "--purpose", "referral", "--recipient", "GP", "--role", "worker",
                             "--out", unwritable, "--db", db});
  CHECK(failed.exit_code == 2);
  CHECK_THAT(failed.err, Contains("export.json"));
  CHECK_THAT(run_waymark({"verify", "--db", db}).out, Contains("chain intact, 0 entries"));

  const std::string out = (dir / "export.json").string();
  auto written = run_waymark({"case", "export", "C-1", "--purpose", "referral", "--recipient", "GP", "--role", "worker",
                              "--out", out, "--db", db});
  CHECK(written.exit_code == 0);
  CHECK(fs::exists(out));
  CHECK_THAT(run_waymark({"verify", "--db", db}).out, Contains("chain intact, 1 entries"));
}

TEST_CASE("an empty file, a folder or an empty --db is refused, never made into a store", "[cli][store]") {
  const fs::path dir = temp_dir();
  const fs::path empty = dir / "empty.db";
  std::ofstream{empty};
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"verify"},
                                             {"due"},
                                             {"case", "events", "C-1"},
                                             {"done", "C-1", "review", "--note", "x", "--role", "worker"}}) {
    auto with_db = args;
    with_db.insert(with_db.end(), {"--db", empty.string()});
    auto result = run_waymark(with_db);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Contains("empty.db: empty file, not a case store"));
    CHECK(fs::file_size(empty) == 0);
  }
  auto folder = run_waymark({"verify", "--db", dir.string()});
  CHECK(folder.exit_code == 2);
  CHECK_THAT(folder.err, Contains("this is a folder"));
  auto blank = run_waymark({"verify", "--db", ""});
  CHECK(blank.exit_code != 0);
  CHECK_THAT(blank.err, Contains("--db needs a file name"));
  // case add may make an empty file a store.
  CHECK(run_waymark({"case", "add", "C-1", "--db", empty.string()}).exit_code == 0);
  CHECK_THAT(run_waymark({"verify", "--db", empty.string()}).out, Contains("chain intact"));
}

TEST_CASE("the same action from two runs is told apart by record, declined ones are not open, added are",
          "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1042", "--db", db}).exit_code == 0);
  const std::vector<std::string> run = {
      "run", fixtures + "/answers_policy.toml", "--answers", fixtures + "/answers/evidence.toml", "--store", "--db",
      db};
  REQUIRE(run_waymark(run).exit_code == 0);
  REQUIRE(run_waymark(run).exit_code == 0);
  auto due = run_waymark({"due", "--db", db});
  CHECK_THAT(due.out, Contains("[review] record 1") && Contains("[review] record 2"));
  auto ambiguous = run_waymark({"done", "C-1042", "review", "--note", "Reviewed", "--role", "worker", "--db", db});
  CHECK(ambiguous.exit_code == 2);
  CHECK_THAT(ambiguous.err,
             Contains("from 2 records") && Contains("record 1") && Contains("record 2") && Contains("--record"));
  auto picked =
      run_waymark({"done", "C-1042", "review", "--record", "2", "--note", "Reviewed", "--role", "worker", "--db", db});
  CHECK(picked.exit_code == 0);
  CHECK_THAT(picked.out, Contains("from record 2"));
  auto again =
      run_waymark({"done", "C-1042", "review", "--record", "2", "--note", "Again", "--role", "worker", "--db", db});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Contains("already closed on") && Contains("by worker"));
  CHECK_THAT(run_waymark({"due", "--db", db}).out, Contains("[review] record 1") && !Contains("[review] record 2"));

  // Declined by the practitioner: kept in the record, not tracked as open. Added: tracked.
  const fs::path answers = dir / "declined.toml";
  std::ofstream(answers) << "[session]\ndate = 2026-11-25\ncase = \"C-1042\"\n\n[answers]\n"
                            "risk = \"evidence\"\nspoke = true\ntried = [\"calls\", \"letters\"]\n"
                            "missed = 3\nlast_contact = 2026-10-01\n\n[decisions]\n"
                            "review = { judgement = \"decline\", reason = \"reviewed last week\" }"
                            "\n\n[[added_action]]\ntext = \"Ring the GP.\"\nowner = \"worker\"\n"
                            "reason = \"new symptom\"\n";
  auto declined =
      run_waymark({"run", fixtures + "/answers_policy.toml", "--answers", answers.string(), "--store", "--db", db});
  REQUIRE(declined.exit_code == 0);
  due = run_waymark({"due", "--db", db});
  CHECK_THAT(due.out, !Contains("[review] record 4") && Contains("[added_1] record 4") && Contains("Ring the GP."));
  auto closed_declined =
      run_waymark({"done", "C-1042", "review", "--record", "4", "--note", "x", "--role", "worker", "--db", db});
  CHECK(closed_declined.exit_code == 2);
  CHECK_THAT(closed_declined.err, Contains("declined"));
  CHECK(run_waymark({"verify", "--db", db}).exit_code == 0);
}

TEST_CASE("store commands give clear messages for typos, erased cases and wrong values", "[cli][store]") {
  const fs::path dir = temp_dir();
  const std::string db = (dir / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1", "--db", db}).exit_code == 0);
  REQUIRE(run_waymark({"case", "event", "C-1", "--kind", "personal_care_refusal", "--date", "2026-11-03", "--role",
                       "worker", "--db", db})
              .exit_code == 0);
  REQUIRE(run_waymark(
              {"case", "export", "C-1", "--purpose", "referral", "--recipient", "GP", "--role", "worker", "--db", db})
              .exit_code == 0);
  const std::string head = [&] {
    const std::string out = run_waymark({"verify", "--db", db}).out;
    return out.substr(out.find("head: ") + 6, 64);
  }();

  auto typo = run_waymark({"verify", "--db", db, "--head", "abc123"});
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Contains("not a head hash") && !Contains("older copy"));
  std::string upper = head;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(run_waymark({"verify", "--db", db, "--head", upper}).exit_code == 0);

  auto today = run_waymark({"due", "--db", db, "--today", "2026-13-01"});
  CHECK(today.exit_code == 2);
  CHECK_THAT(today.err, Contains("--today '2026-13-01'"));

  auto corrects = run_waymark({"case", "event", "C-1", "--kind", "personal_care_refusal", "--date", "2026-11-04",
                               "--corrects", "0", "--role", "worker", "--db", db});
  CHECK(corrects.exit_code == 2);
  CHECK_THAT(corrects.err, Contains("--corrects 0"));

  for (const char* role : {"Jane Doe", "", "  "}) {
    INFO(role);
    auto bad = run_waymark({"case", "event", "C-1", "--kind", "personal_care_refusal", "--date", "2026-11-04", "--role",
                            role, "--db", db});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("role id"));
    CHECK(run_waymark({"done", "C-1", "review", "--note", "x", "--role", role, "--db", db}).exit_code == 2);
  }
  for (const char* reference : {"JohnSmith", "Smith.John", "1980-03-12", "NN123456C"}) {
    INFO(reference);
    auto bad = run_waymark({"case", "add", reference, "--db", db});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("never a name"));
  }
  CHECK_THAT(run_waymark({"case", "add", "", "--db", db}).err, Contains("is needed"));

  auto long_agency = run_waymark({"case", "event", "C-1", "--kind", "personal_care_refusal", "--date", "2026-11-04",
                                  "--agency", std::string(150, 'a'), "--role", "worker", "--db", db});
  CHECK(long_agency.exit_code == 2);
  CHECK_THAT(long_agency.err, Contains("at most 100"));

  REQUIRE(run_waymark({"case", "erase", "C-1", "--role", "registered_manager", "--yes", "--db", db}).exit_code == 0);
  auto twice = run_waymark({"case", "erase", "C-1", "--role", "registered_manager", "--yes", "--db", db});
  CHECK(twice.exit_code == 2);
  CHECK_THAT(twice.err, Contains("was erased on"));
}

TEST_CASE("a note cannot fake lines of the timeline or send terminal escapes", "[cli][store]") {
  const std::string db = (fs::path(temp_dir()) / "cases.db").string();
  REQUIRE(run_waymark({"case", "add", "C-1", "--db", db}).exit_code == 0);
  // An escape sequence is refused at the door, saying why; a new line is kept but shown as \n.
  auto escaped = run_waymark({"case", "event", "C-1", "--kind", "personal_care_refusal", "--date", "2026-11-03", "--note",
                              "Refused\x1b[2J", "--role", "worker", "--db", db});
  CHECK(escaped.exit_code == 2);
  CHECK_THAT(escaped.err, Contains("an event's note holds a control character (U+001B) at character 8"));
  REQUIRE(run_waymark({"case", "event", "C-1", "--kind", "personal_care_refusal", "--date", "2026-11-03", "--note",
                       "Refused\n      CORRECTED by event 99", "--role", "worker", "--db", db})
              .exit_code == 0);
  auto events = run_waymark({"case", "events", "C-1", "--db", db});
  CHECK_THAT(events.out, Contains("Refused\\n      CORRECTED by event 99"));
  CHECK_THAT(events.out, !Contains("\n      CORRECTED") && !Contains("\x1b"));
}
