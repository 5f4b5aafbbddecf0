// The chronology is evidence: every event and correction is a chain entry, so `verify` finds an
// event inserted, edited, deleted or renumbered outside Waymark; a version 2 store (events not
// chained) is migrated with its events chained.
#include <sqlite3.h>
#include <waymark/store.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/run_command.h"

using namespace waymark;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

Event event(const char* kind, const char* date, std::string note = "") {
  Event e;
  e.kind = kind;
  e.date = *Date::parse(date);
  e.note = std::move(note);
  e.recorded_by = "worker";
  return e;
}

// Runs SQL on the file directly, as someone bypassing Waymark would. Returns SQLite's result code.
int raw_sql(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return code;
}

std::string problem_after(const fs::path& path, const std::string& sql) {
  REQUIRE(raw_sql(path, sql) == SQLITE_OK);
  const ChainReport report = Store(path).verify();
  CHECK_FALSE(report.ok);
  return report.problem;
}

}  // namespace

TEST_CASE("verify finds an event inserted, edited, deleted or renumbered outside Waymark", "[store][events]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  {
    Store store(path);
    store.add_case("C-1");
    store.append_event("C-1", event("refusal", "2026-11-03", "refused lunch"));
    store.append_event("C-1", event("refusal", "2026-11-04", "refused visit"));
    store.append_event("C-1", event("refusal", "2026-11-05", "refused tea"), 2);  // a correction
    const ChainReport report = store.verify();
    INFO(report.problem);
    REQUIRE(report.ok);
    CHECK(report.entries == 3);
    for (const auto& entry : store.entries("C-1")) CHECK(entry.kind == "event");
  }

  SECTION("a back-dated event inserted (no trigger needs dropping)") {
    CHECK_THAT(problem_after(path,
                             "INSERT INTO events(case_reference, kind, date, agency, reason, note, recorded_by, "
                             "recorded_at) VALUES ('C-1', 'refusal', '2026-11-02', '', '', 'forged', 'worker', "
                             "'2026-11-02T10:00:00Z')"),
               Contains("event 4 on case 'C-1'") && Contains("not in the chain"));
  }
  SECTION("an event's note edited") {
    CHECK_THAT(problem_after(path, "DROP TRIGGER events_no_update; UPDATE events SET note = 'accepted' WHERE id = 1"),
               Contains("event 1") && Contains("altered"));
  }
  SECTION("an event's date moved") {
    CHECK_THAT(
        problem_after(path, "DROP TRIGGER events_no_update; UPDATE events SET date = '2026-10-01' WHERE id = 2"),
        Contains("event 2") && Contains("altered"));
  }
  SECTION("a correction undone") {
    CHECK_THAT(problem_after(path, "DROP TRIGGER events_no_update; UPDATE events SET supersedes = NULL WHERE id = 3"),
               Contains("event 3") && Contains("altered"));
  }
  SECTION("an event deleted") {
    CHECK_THAT(problem_after(path, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 1"),
               Contains("event 1") && Contains("deleted"));
  }
  SECTION("two events swapped (reordered)") {
    CHECK_THAT(problem_after(path,
                             "DROP TRIGGER events_no_update; UPDATE events SET id = -1 WHERE id = 1; "
                             "UPDATE events SET id = 1 WHERE id = 2; UPDATE events SET id = 2 WHERE id = -1"),
               Contains("altered"));
  }
  SECTION("an event's chain entry rewritten along with the event") {
    CHECK_THAT(problem_after(path,
                             "DROP TRIGGER events_no_update; DROP TRIGGER bodies_no_update; "
                             "UPDATE events SET note = 'accepted' WHERE id = 1; "
                             "UPDATE bodies SET body = replace(body, 'refused lunch', 'accepted') WHERE seq = 1"),
               Contains("entry 1") && Contains("altered"));
  }
}

TEST_CASE("an erased case's events leave their chain entries, and the chain still verifies", "[store][events]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  store.add_case("C-2");
  store.append_event("C-1", event("refusal", "2026-11-03", "refused lunch"));
  store.append_event("C-2", event("refusal", "2026-11-03", "kept"));
  store.erase_case("C-1", "registered_manager", "retention period ended");
  const auto entries = store.entries("C-1");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].kind == "event");
  CHECK(entries[0].body.empty());  // the content went with the case
  const ChainReport report = store.verify();
  INFO(report.problem);
  CHECK(report.ok);
  CHECK(store.events("C-2").size() == 1);
}

TEST_CASE("a version 2 store, written by the previous Waymark, migrates with its events chained",
          "[store][events][migration]") {
  // tests/fixtures/store/schema-v2.db was written by the CLI at schema version 2: case C-1 with
  // four events (one a correction), a record and a closure; case C-2 with one event, erased.
  const fs::path path = fs::path(test::temp_dir()) / "v2.db";
  fs::copy_file(fs::path(WAYMARK_FIXTURES) / "store" / "schema-v2.db", path);
  {
    Store store(path);
    const ChainReport report = store.verify();
    INFO(report.problem);
    REQUIRE(report.ok);
    CHECK(report.entries == 3 + 4);  // record, closure, erasure, then the four events of C-1
    const auto entries = store.entries("C-1");
    std::vector<nlohmann::json> chained;
    for (const auto& e : entries)
      if (e.kind == "event") chained.push_back(nlohmann::json::parse(e.body));
    REQUIRE(chained.size() == 4);
    CHECK(chained[0]["id"] == 1);
    CHECK(chained[0]["note"] == "refused lunch");
    CHECK(chained[2]["supersedes"] == 1);
    CHECK_THAT(chained[0]["chained_later"].get<std::string>(),
               Contains("schema version 2") && Contains("migration to schema version 3"));
    // What was stored is unchanged, and new events are chained without the note.
    CHECK(store.events("C-1").size() == 4);
    store.append_event("C-1", event("refusal", "2026-11-12"));
    CHECK_FALSE(nlohmann::json::parse(store.entries("C-1").back().body).contains("chained_later"));
    CHECK(store.verify().ok);
  }
  // From now on a change to a migrated event is found.
  REQUIRE(raw_sql(path, "DROP TRIGGER events_no_update; UPDATE events SET note = 'x' WHERE id = 2") == SQLITE_OK);
  const ChainReport report = Store(path).verify();
  CHECK_FALSE(report.ok);
  CHECK_THAT(report.problem, Contains("event 2") && Contains("altered"));
}

TEST_CASE("a version 2 store holding invalid UTF-8 in a note still migrates and verifies",
          "[store][events][migration]") {
  const fs::path path = fs::path(test::temp_dir()) / "v2.db";
  fs::copy_file(fs::path(WAYMARK_FIXTURES) / "store" / "schema-v2.db", path);
  REQUIRE(raw_sql(path, "DROP TRIGGER events_no_update; UPDATE events SET note = 'bad ' || x'fffe' WHERE id = 2; "
                        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, "
                        "'events are append-only: record a correction instead'); END;") == SQLITE_OK);
  Store store(path);
  const ChainReport report = store.verify();
  INFO(report.problem);
  CHECK(report.ok);
}
