// The case store: append-only events and records, the hash chain, migrations, concurrency,
// export audit, erasure and action tracking.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <waymark/sha256.h>
#include <waymark/store.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_command.h"
#include "support/store_fixtures.h"

using namespace waymark;
using waymark::testing::event;
using waymark::testing::raw_sql;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::string record(const std::string& reference, const char* due = "2026-11-20") {
  nlohmann::json r = {{"format", "waymark-evidence-record"},
                      {"format_version", 1},
                      {"session", {{"case_reference", reference}, {"date", "2026-11-01"}}},
                      {"outcome",
                       {{"actions",
                         {{{"id", "do_not_close"},
                           {"kind", "prohibition"},
                           {"text", "Do not close."},
                           {"owner", "worker"},
                           {"due", "2026-11-01"}},
                          {{"id", "review"},
                           {"kind", "step"},
                           {"text", "Review the plan."},
                           {"owner", "line_manager"},
                           {"due", due}}}}}}};
  return r.dump();
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("cases are added by pseudonymous reference only", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1042");
  CHECK(store.has_case("C-1042"));
  CHECK_FALSE(store.has_case("C-9"));
  CHECK_THROWS_WITH(store.add_case("C-1042"), Contains("already"));
  CHECK_THROWS_WITH(store.add_case("Jane Smith"), Contains("never a name"));
  CHECK_THROWS_WITH(store.append_event("C-9", event("refusal", "2026-11-01")), Contains("no case 'C-9'"));
}

TEST_CASE("events are appended; a correction supersedes an earlier event and both stay visible", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  const auto first = store.append_event("C-1", event("refusal", "2026-11-03", "refused tablets"));
  store.append_event("C-1", event("missed_appointment", "2026-11-01"));
  const auto fix = store.append_event("C-1", event("refusal", "2026-11-04", "date was wrong"), first);
  CHECK_THROWS_WITH(store.append_event("C-1", event("refusal", "2026-11-05"), first), Contains("already corrected"));
  CHECK_THROWS_WITH(store.append_event("C-1", event("Refusal!", "2026-11-05")), Contains("lower case"));

  const auto events = store.events("C-1");
  REQUIRE(events.size() == 3);
  CHECK(events[0].event.kind == "missed_appointment");
  CHECK(events[1].id == first);
  CHECK(events[1].superseded_by == fix);
  CHECK(events[2].supersedes == first);

  const Chronology chronology = load_chronology(store, "C-1");
  REQUIRE(chronology.events().size() == 2);
  CHECK(chronology.count("refusal", *Date::parse("2026-11-04"), *Date::parse("2026-11-04")) == 1);
  CHECK(chronology.count("refusal", *Date::parse("2026-11-03"), *Date::parse("2026-11-03")) == 0);

  // Counted in the database, the corrected event is left out the same way.
  CHECK(store.count_events("C-1", "refusal", *Date::parse("2026-11-01"), *Date::parse("2026-11-30")) == 1);
  CHECK(store.count_events("C-1", "refusal", *Date::parse("2026-11-04"), *Date::parse("2026-11-04")) == 1);
  CHECK(store.count_events("C-1", "refusal", *Date::parse("2026-11-05"), *Date::parse("2026-11-30")) == 0);
  CHECK_THROWS_WITH(store.count_events("C-9", "refusal", *Date::parse("2026-11-01"), *Date::parse("2026-11-30")),
                    Contains("no case 'C-9'"));
}

TEST_CASE("the database itself refuses to edit or delete events and records", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  {
    Store store(path);
    store.add_case("C-1");
    store.append_event("C-1", event("refusal", "2026-11-03"));
    store.add_record("C-1", record("C-1"));
  }
  CHECK(raw_sql(path, "UPDATE events SET note = 'changed'") != SQLITE_OK);
  CHECK(raw_sql(path, "DELETE FROM events") != SQLITE_OK);
  CHECK(raw_sql(path, "UPDATE chain SET case_reference = 'X'") != SQLITE_OK);
  CHECK(raw_sql(path, "DELETE FROM chain") != SQLITE_OK);
  CHECK(raw_sql(path, "UPDATE bodies SET body = '{}'") != SQLITE_OK);
  CHECK(raw_sql(path, "DELETE FROM bodies") != SQLITE_OK);
  Store store(path);
  CHECK(store.events("C-1").size() == 1);
  CHECK(store.verify().ok);
}

TEST_CASE("verify finds an altered or removed record and a store rolled back to an older copy", "[store]") {
  const fs::path dir = test::temp_dir();
  const fs::path path = dir / "cases.db";
  std::string head_after_two;
  {
    Store store(path);
    store.add_case("C-1");
    for (int i = 0; i < 4; ++i) store.add_record("C-1", record("C-1"));
    const ChainReport report = store.verify();
    INFO(report.problem);
    CHECK(report.ok);
    CHECK(report.entries == 4);
    CHECK(report.head.size() == 64);
    CHECK(store.verify(report.head).ok);
  }

  SECTION("an altered record") {
    REQUIRE(raw_sql(path,
                    "DROP TRIGGER bodies_no_update; UPDATE bodies SET body = replace(body, 'line_manager', "
                    "'worker') WHERE seq = 2") == SQLITE_OK);
    const ChainReport report = Store(path).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("entry 2") && Contains("altered"));
  }
  SECTION("a removed record") {
    REQUIRE(raw_sql(path,
                    "DROP TRIGGER bodies_no_delete; DROP TRIGGER chain_no_delete; DROP TRIGGER "
                    "actions_no_delete; "
                    "DELETE FROM actions WHERE record_seq = 3; DELETE FROM bodies WHERE seq = 3; "
                    "DELETE FROM chain WHERE seq = 3") == SQLITE_OK);
    const ChainReport report = Store(path).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("entry 3 is missing"));
  }
  SECTION("a store restored from an older copy") {
    fs::copy_file(path, dir / "older.db");
    std::string head;
    {
      Store store(path);
      store.add_record("C-1", record("C-1"));
      head = store.verify().head;
    }
    fs::copy_file(dir / "older.db", path, fs::copy_options::overwrite_existing);
    Store restored(path);
    CHECK(restored.verify().ok);  // consistent in itself...
    const ChainReport report = restored.verify(head);
    CHECK_FALSE(report.ok);  // ...but the head kept elsewhere is not in it
    CHECK_THAT(report.problem, Contains("older copy"));
  }
}

TEST_CASE("a store from a newer Waymark, another application's database or a non-database is refused", "[store]") {
  const fs::path dir = test::temp_dir();
  SECTION("newer schema") {
    { Store store(dir / "cases.db"); }
    REQUIRE(raw_sql(dir / "cases.db", "PRAGMA user_version = 99") == SQLITE_OK);
    CHECK_THROWS_WITH(Store(dir / "cases.db"), Contains("newer Waymark") && Contains("cases.db"));
  }
  SECTION("a negative schema version (a damaged header, found by fuzzing)") {
    { Store store(dir / "cases.db"); }
    REQUIRE(raw_sql(dir / "cases.db", "PRAGMA user_version = -1862271012") == SQLITE_OK);
    CHECK_THROWS_WITH(Store(dir / "cases.db"), Contains("damaged") && Contains("cases.db"));
  }
  SECTION("not a database: refused and left untouched") {
    const std::string text(5000, 'x');
    std::ofstream(dir / "notes.db") << text;
    CHECK_THROWS_WITH(Store(dir / "notes.db"), Contains("notes.db") && Contains("not an SQLite database"));
    CHECK(read(dir / "notes.db") == text);
  }
  SECTION("another application's database") {
    REQUIRE(raw_sql(dir / "other.db", "CREATE TABLE t(x)") == SQLITE_OK);
    CHECK_THROWS_WITH(Store(dir / "other.db"), Contains("another application"));
  }
}

TEST_CASE("a new store is marked as Waymark's, in WAL mode, and keeps both across reopening", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  { Store(path).add_case("C-1"); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  auto pragma = [&](const char* sql) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    std::string value = sqlite3_step(s) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) : "";
    sqlite3_finalize(s);
    return value;
  };
  CHECK(pragma("PRAGMA journal_mode") == "wal");
  CHECK(pragma("PRAGMA application_id") == std::to_string(0x57594d4b));
  CHECK(pragma("PRAGMA user_version") == std::to_string(store_schema_version));
  sqlite3_close(db);
}

TEST_CASE("two processes writing at once both succeed", "[store][concurrency]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  { Store(path).add_case("C-1"); }
  constexpr int per_process = 100;
  std::vector<pid_t> children;
  for (int child = 0; child < 2; ++child) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int code = 0;
      try {
        Store store(path);
        for (int i = 0; i < per_process; ++i) {
          store.append_event("C-1", event("refusal", "2026-11-03"));
          if (i % 10 == 0) store.add_record("C-1", record("C-1"));
        }
      } catch (...) {
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  Store store(path);
  CHECK(store.events("C-1").size() == 2 * per_process);
  const ChainReport report = store.verify();
  CHECK(report.ok);
  CHECK(report.entries == 2 * per_process + 2 * per_process / 10);  // every event, every tenth a record
}

TEST_CASE("processes creating the same new store at once all succeed", "[store][concurrency]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  std::vector<pid_t> children;
  for (int child = 0; child < 4; ++child) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int code = 0;
      try {
        Store store(path);  // the first creates the schema; the others wait, then find it there
        store.add_case("C-" + std::to_string(child));
        store.append_event("C-" + std::to_string(child), event("refusal", "2026-11-03"));
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child %d: %s\n", child, e.what());  // shown when the check fails
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  Store store(path);
  for (int child = 0; child < 4; ++child) CHECK(store.events("C-" + std::to_string(child)).size() == 1);
}

TEST_CASE("an export needs a purpose and is recorded in the audit", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  store.append_event("C-1", event("refusal", "2026-11-03"));
  store.add_record("C-1", record("C-1"));
  CHECK_THROWS_WITH(store.export_case("C-1", " ", "GP surgery", "worker"), Contains("purpose"));
  CHECK(store.entries("C-1").size() == 2);  // the event and the record, no export

  const auto exported = nlohmann::json::parse(store.export_case("C-1", "subject access", "the adult", "worker"));
  CHECK(exported["events"].size() == 1);
  CHECK(exported["records"].size() == 1);
  CHECK(exported["actions"].size() == 1);
  REQUIRE(exported["disclosures"].size() == 1);
  CHECK(exported["disclosures"][0]["export"]["purpose"] == "subject access");
  const auto entries = store.entries("C-1");
  REQUIRE(entries.size() == 3);
  CHECK(entries[2].kind == "export");
  CHECK_THAT(entries[2].body, Contains("the adult"));
  CHECK(store.verify().ok);
}

TEST_CASE("erasing a case removes its content, keeps the chain checkable and is itself recorded", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  store.add_case("C-2");
  store.append_event("C-1", event("refusal", "2026-11-03"));
  store.add_record("C-1", record("C-1"));
  store.add_record("C-2", record("C-2"));
  const ChainEntry erasure = store.erase_case("C-1", "registered_manager", "retention period ended");
  CHECK(erasure.kind == "erasure");
  CHECK_FALSE(store.has_case("C-1"));
  CHECK(store.open_actions().size() == 1);
  const ChainReport report = store.verify();
  CHECK(report.ok);
  CHECK(report.entries == 4);  // the event, two records and the erasure
  CHECK(report.head == erasure.hash);
  CHECK_THROWS_WITH(store.add_case("C-1"), Contains("erased"));
  // The other case is untouched.
  CHECK(store.entries("C-2").front().body == record("C-2"));
}

TEST_CASE("actions are tracked until closed with an evidence note", "[store][actions]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  store.add_case("C-2");
  store.add_record("C-2", record("C-2", "2026-12-01"));
  store.add_record("C-1", record("C-1", "2026-11-10"));
  auto open = store.open_actions();
  REQUIRE(open.size() == 2);  // prohibitions are standing instructions, not tracked tasks
  CHECK(open[0].case_reference == "C-1");
  CHECK(open[0].owner == "line_manager");
  CHECK(open[1].due == Date::parse("2026-12-01"));

  CHECK_THROWS_WITH(store.close_action("C-1", "review", "  ", "worker"), Contains("evidence note"));
  CHECK_THROWS_WITH(store.close_action("C-1", "visit", "done", "worker"), Contains("no action 'visit'"));
  // One case's open actions, as the case page and `due --case` list them.
  REQUIRE(store.open_actions("C-1").size() == 1);
  CHECK(store.open_actions("C-1")[0].action_id == open[0].action_id);
  CHECK(store.open_actions("C-3").empty());
  const auto closed = store.close_action("C-1", "review", "Reviewed at supervision, see note 14", "line_manager");
  CHECK(closed.closed_note == "Reviewed at supervision, see note 14");
  CHECK(store.open_actions().size() == 1);
  CHECK(store.open_actions("C-1").empty());
  CHECK(store.open_actions("C-2").size() == 1);
  CHECK_THROWS_WITH(store.close_action("C-1", "review", "again", "worker"),
                    Contains("already closed on") && Contains("by line_manager"));
}

namespace waymark::detail {
// From the store library (chain.cpp): to build a version 1 store by hand.
std::string entry_hash(const ChainEntry& entry, const std::string& body_sha256);
}  // namespace waymark::detail

namespace {

// The version 1 schema exactly as Waymark 0.1 wrote it, so migrating forward is tested on the
// real thing.
const char* const schema_v1 = R"sql(
CREATE TABLE cases (
  reference TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  case_reference TEXT NOT NULL REFERENCES cases(reference),
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  minute_of_day INTEGER,
  agency TEXT NOT NULL,
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  supersedes INTEGER UNIQUE REFERENCES events(id)
);
CREATE INDEX events_by_case ON events(case_reference, kind, date);

-- The hash chain: evidence records, export audit entries and erasures, in order.
CREATE TABLE chain (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('record', 'export', 'erasure')),
  case_reference TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX chain_by_case ON chain(case_reference);
-- Bodies apart from the chain, so erasing a case removes its content but keeps the chain checkable.
CREATE TABLE bodies (
  seq INTEGER PRIMARY KEY REFERENCES chain(seq),
  body TEXT NOT NULL
);

CREATE TABLE actions (
  record_seq INTEGER NOT NULL REFERENCES chain(seq),
  case_reference TEXT NOT NULL,
  action_id TEXT NOT NULL,
  text TEXT NOT NULL,
  owner TEXT NOT NULL,
  due TEXT,
  PRIMARY KEY (record_seq, action_id)
);
-- In `due` order, so listing open actions reads the index instead of sorting.
CREATE INDEX actions_by_due ON actions(due, case_reference, record_seq);
CREATE TABLE closures (
  record_seq INTEGER NOT NULL,
  action_id TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  note TEXT NOT NULL CHECK (length(note) > 0),
  closed_by TEXT NOT NULL,
  PRIMARY KEY (record_seq, action_id),
  FOREIGN KEY (record_seq, action_id) REFERENCES actions(record_seq, action_id)
);

-- Append-only, enforced here as well as in the code. Deletion is allowed only for a case whose
-- erasure is already in the chain.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: record a correction instead'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'erasure' AND case_reference = OLD.case_reference)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER bodies_no_update BEFORE UPDATE ON bodies
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER bodies_no_delete BEFORE DELETE ON bodies
WHEN NOT EXISTS (SELECT 1 FROM chain c JOIN chain e ON e.case_reference = c.case_reference
                 WHERE c.seq = OLD.seq AND e.kind = 'erasure')
BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions
BEGIN SELECT RAISE(ABORT, 'actions are closed by a closure, never edited'); END;
CREATE TRIGGER closures_no_update BEFORE UPDATE ON closures
BEGIN SELECT RAISE(ABORT, 'closures are append-only'); END;
)sql";

// A record with a step, a declined step and an added action.
std::string record_with_judgements(const std::string& reference) {
  nlohmann::json r = nlohmann::json::parse(record(reference));
  r["outcome"]["actions"].push_back(
      {{"id", "visit"},
       {"kind", "step"},
       {"text", "Visit at home."},
       {"owner", "worker"},
       {"due", "2026-11-05"},
       {"decision", {{"judgement", "decline"}, {"reason", "visited yesterday"}, {"at", "2026-11-01T10:00:00Z"}}}});
  r["outcome"]["added_actions"] = {
      {{"text", "Ring the GP."}, {"owner", "worker"}, {"reason", "new symptom"}, {"at", ""}}};
  return r.dump();
}

std::string sql_text(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

TEST_CASE("a version 1 store migrates forward: closures chained, declined and added actions", "[store][migration]") {
  const fs::path path = fs::path(test::temp_dir()) / "v1.db";
  const std::string body = record_with_judgements("C-1");
  ChainEntry e{1, "record", "C-1", "2026-11-01T10:00:00Z", body, "", ""};
  e.hash = detail::entry_hash(e, sha256_hex(body));
  // What Waymark 0.1 stored: both steps tracked, the added action not, the closure unchained.
  REQUIRE(raw_sql(path, std::string(schema_v1) +
                            "PRAGMA application_id = 1465470283; PRAGMA user_version = 1;"
                            "INSERT INTO cases VALUES ('C-1', '2026-11-01T09:00:00Z');"
                            "INSERT INTO chain VALUES (1, 'record', 'C-1', '2026-11-01T10:00:00Z', " +
                            sql_text(sha256_hex(body)) + ", '', " + sql_text(e.hash) +
                            ");"
                            "INSERT INTO bodies VALUES (1, " +
                            sql_text(body) +
                            ");"
                            "INSERT INTO actions VALUES (1, 'C-1', 'review', 'Review the plan.', "
                            "'line_manager', '2026-11-20');"
                            "INSERT INTO actions VALUES (1, 'C-1', 'visit', 'Visit at home.', "
                            "'worker', '2026-11-05');"
                            "INSERT INTO closures VALUES (1, 'review', '2026-11-02T10:00:00Z', "
                            "'Reviewed, see note 3', 'line_manager');") == SQLITE_OK);
  {
    Store store(path);
    const ChainReport report = store.verify();
    INFO(report.problem);
    CHECK(report.ok);
    CHECK(report.entries == 2);  // the record and its closure, now chained
    const auto open = store.open_actions();
    REQUIRE(open.size() == 1);  // review closed, visit declined: only the added action is open
    CHECK(open[0].action_id == "added_1");
    CHECK(open[0].text == "Ring the GP.");
    CHECK_THROWS_WITH(store.close_action("C-1", "review", "again", "worker"),
                      Contains("already closed on 2026-11-02T10:00:00Z by line_manager"));
  }
  CHECK(raw_sql(path, "DELETE FROM closures") != SQLITE_OK);
  CHECK(raw_sql(path, "DELETE FROM actions") != SQLITE_OK);
  Store again(path);  // opening a migrated store again changes nothing
  CHECK(again.verify().entries == 2);
}

TEST_CASE("actions and closures cannot be deleted, and verify finds one forged or removed", "[store][actions]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  {
    Store store(path);
    store.add_case("C-1");
    store.add_record("C-1", record("C-1"));
    store.add_record("C-1", record("C-1"));
    store.close_action("C-1", "review", "Reviewed at supervision", "line_manager", 1);
    REQUIRE(store.verify().ok);
  }
  CHECK(raw_sql(path, "DELETE FROM closures") != SQLITE_OK);
  CHECK(raw_sql(path, "DELETE FROM actions") != SQLITE_OK);
  CHECK(Store(path).open_actions().size() == 1);

  SECTION("a forged closure") {
    REQUIRE(raw_sql(path,
                    "INSERT INTO closures VALUES (2, 'review', '2026-11-02T10:00:00Z', 'done', "
                    "'worker')") == SQLITE_OK);
    const ChainReport report = Store(path).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("closure of action 'review' on record 2") && Contains("not in the chain"));
  }
  SECTION("a closure removed past the triggers") {
    REQUIRE(raw_sql(path, "DROP TRIGGER closures_no_delete; DELETE FROM closures") == SQLITE_OK);
    const ChainReport report = Store(path).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("record 1") && Contains("reopening the action"));
  }
  SECTION("an altered closure") {
    REQUIRE(raw_sql(path, "DROP TRIGGER closures_no_update; UPDATE closures SET note = 'x'") == SQLITE_OK);
    CHECK_THAT(Store(path).verify().problem, Contains("does not match chain entry 3"));
  }
  SECTION("a closure altered to bytes that are not UTF-8 (found by the store_file fuzz target)") {
    REQUIRE(raw_sql(path, "DROP TRIGGER closures_no_update; UPDATE closures SET note = CAST(X'C328' AS TEXT)") ==
            SQLITE_OK);
    CHECK_THAT(Store(path).verify().problem, Contains("does not match chain entry 3"));
  }
  SECTION("an action removed past the triggers") {
    REQUIRE(raw_sql(path,
                    "DROP TRIGGER actions_no_delete; DELETE FROM actions WHERE record_seq "
                    "= 2") == SQLITE_OK);
    const ChainReport report = Store(path).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("action 'review' of record 2") && Contains("missing"));
  }
  SECTION("a forged action") {
    REQUIRE(raw_sql(path, "INSERT INTO actions VALUES (2, 'C-1', 'extra', 'x', 'worker', NULL, 0)") == SQLITE_OK);
    CHECK_THAT(Store(path).verify().problem, Contains("'extra'") && Contains("added outside"));
  }
}

TEST_CASE("the same action left open by two runs is closed one record at a time", "[store][actions]") {
  Store store(fs::path(test::temp_dir()) / "cases.db");
  store.add_case("C-7");
  store.add_record("C-7", record("C-7", "2026-11-10"));
  store.add_record("C-7", record("C-7", "2026-11-20"));
  CHECK(store.open_actions().size() == 2);
  CHECK_THROWS_WITH(store.close_action("C-7", "review", "done", "worker"),
                    Contains("from 2 records") && Contains("record 1 (due 2026-11-10)") &&
                        Contains("record 2 (due 2026-11-20)") && Contains("--record"));
  CHECK_THROWS_WITH(store.close_action("C-7", "review", "done", "worker", 9),
                    Contains("no action 'review' from record 9"));
  CHECK(store.close_action("C-7", "review", "Reviewed", "worker", 2).record_seq == 2);
  const auto open = store.open_actions();
  REQUIRE(open.size() == 1);
  CHECK(open[0].record_seq == 1);
  // With only one left open, no record is needed.
  CHECK(store.close_action("C-7", "review", "Reviewed too", "worker").record_seq == 1);
  CHECK(store.open_actions().empty());
  CHECK(store.verify().ok);
}

TEST_CASE("declined actions are not open; added actions are tracked", "[store][actions]") {
  Store store(fs::path(test::temp_dir()) / "cases.db");
  store.add_case("C-1");
  store.add_record("C-1", record_with_judgements("C-1"));
  const auto open = store.open_actions();
  REQUIRE(open.size() == 2);
  CHECK(open[0].action_id == "review");
  CHECK(open[1].action_id == "added_1");
  CHECK_FALSE(open[1].due);
  CHECK_THROWS_WITH(store.close_action("C-1", "visit", "done", "worker"), Contains("declined"));
  CHECK(store.close_action("C-1", "added_1", "Rang the GP, see note 4", "worker").closed_at);
  const auto exported = nlohmann::json::parse(store.export_case("C-1", "supervision", "line manager", "worker"));
  CHECK(exported["actions"][2]["action_id"] == "visit");
  CHECK(exported["actions"][2]["declined"] == true);
  CHECK(store.verify().ok);
}

TEST_CASE("after an erasure the audit of exports and erasures still cannot be removed", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  {
    Store store(path);
    store.add_case("C-1");
    store.add_record("C-1", record("C-1"));
    store.close_action("C-1", "review", "Reviewed", "worker");
    store.export_case("C-1", "referral", "GP", "worker");
    store.erase_case("C-1", "registered_manager", "retention ended");
    REQUIRE(store.verify().ok);  // the record's and the closure's content went with the case
  }
  CHECK(raw_sql(path, "DELETE FROM bodies WHERE seq IN (3, 4)") != SQLITE_OK);
  REQUIRE(raw_sql(path, "DROP TRIGGER bodies_no_delete; DELETE FROM bodies WHERE seq = 3") == SQLITE_OK);
  const ChainReport report = Store(path).verify();
  CHECK_FALSE(report.ok);
  CHECK_THAT(report.problem, Contains("entry 3 (export") && Contains("never removed"));
}

TEST_CASE("references and roles that could identify someone are refused", "[store]") {
  for (const char* name :
       {"JohnSmith", "Smith.John", "1980-03-12", "C-12/03/1980", "NN123456C", "C-AB123456", "", "Jane Smith"}) {
    INFO(name);
    CHECK_FALSE(Store::valid_reference(name));
  }
  for (const char* reference : {"C-1042", "2026/0042", "LA.77-3", "case_12"}) {
    INFO(reference);
    CHECK(Store::valid_reference(reference));
  }
  CHECK_THAT(Store::reference_rule(""), Contains("is needed"));
  CHECK_THAT(Store::reference_rule("JohnSmith"), Contains("at least one digit"));
  CHECK_THAT(Store::reference_rule("1980-03-12"), Contains("date"));
  CHECK_THAT(Store::reference_rule("NN123456C"), Contains("National Insurance"));
  for (const char* role : {"Jane Doe", "", "  ", "Line_Manager"}) CHECK_FALSE(Store::valid_role(role));
  CHECK(Store::valid_role("line_manager"));

  Store store(fs::path(test::temp_dir()) / "cases.db");
  store.add_case("C-1");
  store.add_record("C-1", record("C-1"));
  CHECK_THROWS_WITH(store.close_action("C-1", "review", "done", "  "), Contains("role id"));
  CHECK_THROWS_WITH(store.close_action("C-1", "review", std::string(1001, 'n'), "worker"),
                    Contains("at most 1000 characters; this one has 1001"));
  CHECK_THROWS_WITH(store.export_case("C-1", "referral", "GP", "Jane Doe"), Contains("role id"));
  Event e = event("refusal", "2026-11-03");
  e.recorded_by = "Jane Doe";
  CHECK_THROWS_WITH(store.append_event("C-1", e), Contains("role id"));
  e.recorded_by = "worker";
  e.agency = std::string(101, 'a');
  CHECK_THROWS_WITH(store.append_event("C-1", e), Contains("at most 100"));
}

TEST_CASE("verify takes a kept head in capitals", "[store]") {
  Store store(fs::path(test::temp_dir()) / "cases.db");
  store.add_case("C-1");
  store.add_record("C-1", record("C-1"));
  std::string head = store.verify().head;
  for (char& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(store.verify(head).ok);
}

TEST_CASE("erased content is overwritten in the file, not left in free pages", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  {
    Store store(path);
    store.add_case("C-1");
    store.append_event("C-1", event("refusal", "2026-11-03", "Refused-QX7-marker"));
    store.erase_case("C-1", "registered_manager", "retention ended");
  }
  // The last connection closed: the -wal file is checkpointed into the database and removed.
  CHECK(read(path).find("Refused-QX7-marker") == std::string::npos);
}

TEST_CASE("a store locked by another Waymark for 10 seconds says so", "[store][concurrency]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  { Store(path).add_case("C-1"); }
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  Store store(path);
  CHECK_THROWS_WITH(store.append_event("C-1", event("refusal", "2026-11-03")),
                    Contains("another Waymark is using the case store") && Contains("try again"));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
}
