// The case store: append-only events and records, the hash chain, migrations, concurrency,
// export audit, erasure and action tracking.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <waymark/store.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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

// Runs SQL on the file directly, as someone bypassing Waymark would. Returns SQLite's result code.
int raw_sql(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return code;
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
  CHECK_THROWS_WITH(store.append_event("C-9", event("refusal", "2026-11-01")),
                    Contains("no case 'C-9'"));
}

TEST_CASE("events are appended; a correction supersedes an earlier event and both stay visible",
          "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  const auto first = store.append_event("C-1", event("refusal", "2026-11-03", "refused tablets"));
  store.append_event("C-1", event("missed_appointment", "2026-11-01"));
  const auto fix =
      store.append_event("C-1", event("refusal", "2026-11-04", "date was wrong"), first);
  CHECK_THROWS_WITH(store.append_event("C-1", event("refusal", "2026-11-05"), first),
                    Contains("already corrected"));
  CHECK_THROWS_WITH(store.append_event("C-1", event("Refusal!", "2026-11-05")),
                    Contains("lower case"));

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
  CHECK(store.count_events("C-1", "refusal", *Date::parse("2026-11-01"),
                           *Date::parse("2026-11-30")) == 1);
  CHECK(store.count_events("C-1", "refusal", *Date::parse("2026-11-04"),
                           *Date::parse("2026-11-04")) == 1);
  CHECK(store.count_events("C-1", "refusal", *Date::parse("2026-11-05"),
                           *Date::parse("2026-11-30")) == 0);
  CHECK_THROWS_WITH(
      store.count_events("C-9", "refusal", *Date::parse("2026-11-01"), *Date::parse("2026-11-30")),
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

TEST_CASE("verify finds an altered or removed record and a store rolled back to an older copy",
          "[store]") {
  const fs::path dir = test::temp_dir();
  const fs::path path = dir / "cases.db";
  std::string head_after_two;
  {
    Store store(path);
    store.add_case("C-1");
    for (int i = 0; i < 4; ++i) store.add_record("C-1", record("C-1"));
    const ChainReport report = store.verify();
    CHECK(report.ok);
    CHECK(report.entries == 4);
    CHECK(report.head.size() == 64);
    CHECK(store.verify(report.head).ok);
  }

  SECTION("an altered record") {
    REQUIRE(
        raw_sql(
            path,
            "DROP TRIGGER bodies_no_update; UPDATE bodies SET body = replace(body, 'line_manager', "
            "'worker') WHERE seq = 2") == SQLITE_OK);
    const ChainReport report = Store(path).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("entry 2") && Contains("altered"));
  }
  SECTION("a removed record") {
    REQUIRE(raw_sql(path,
                    "DROP TRIGGER bodies_no_delete; DROP TRIGGER chain_no_delete; "
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

TEST_CASE(
    "a store from a newer Waymark, another application's database or a non-database is refused",
    "[store]") {
  const fs::path dir = test::temp_dir();
  SECTION("newer schema") {
    { Store store(dir / "cases.db"); }
    REQUIRE(raw_sql(dir / "cases.db", "PRAGMA user_version = 99") == SQLITE_OK);
    CHECK_THROWS_WITH(Store(dir / "cases.db"), Contains("newer Waymark") && Contains("cases.db"));
  }
  SECTION("not a database: refused and left untouched") {
    const std::string text(5000, 'x');
    std::ofstream(dir / "notes.db") << text;
    CHECK_THROWS_WITH(Store(dir / "notes.db"),
                      Contains("notes.db") && Contains("not an SQLite database"));
    CHECK(read(dir / "notes.db") == text);
  }
  SECTION("another application's database") {
    REQUIRE(raw_sql(dir / "other.db", "CREATE TABLE t(x)") == SQLITE_OK);
    CHECK_THROWS_WITH(Store(dir / "other.db"), Contains("another application"));
  }
}

TEST_CASE("a new store is marked as Waymark's, in WAL mode, and keeps both across reopening",
          "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  { Store(path).add_case("C-1"); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  auto pragma = [&](const char* sql) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    std::string value = sqlite3_step(s) == SQLITE_ROW
                            ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0))
                            : "";
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
  CHECK(report.entries == 2 * per_process / 10);
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
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  Store store(path);
  for (int child = 0; child < 4; ++child)
    CHECK(store.events("C-" + std::to_string(child)).size() == 1);
}

TEST_CASE("an export needs a purpose and is recorded in the audit", "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  store.append_event("C-1", event("refusal", "2026-11-03"));
  store.add_record("C-1", record("C-1"));
  CHECK_THROWS_WITH(store.export_case("C-1", " ", "GP surgery", "worker"), Contains("purpose"));
  CHECK(store.entries("C-1").size() == 1);

  const auto exported =
      nlohmann::json::parse(store.export_case("C-1", "subject access", "the adult", "worker"));
  CHECK(exported["events"].size() == 1);
  CHECK(exported["records"].size() == 1);
  CHECK(exported["actions"].size() == 1);
  REQUIRE(exported["disclosures"].size() == 1);
  CHECK(exported["disclosures"][0]["export"]["purpose"] == "subject access");
  const auto entries = store.entries("C-1");
  REQUIRE(entries.size() == 2);
  CHECK(entries[1].kind == "export");
  CHECK_THAT(entries[1].body, Contains("the adult"));
  CHECK(store.verify().ok);
}

TEST_CASE("erasing a case removes its content, keeps the chain checkable and is itself recorded",
          "[store]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  store.add_case("C-2");
  store.append_event("C-1", event("refusal", "2026-11-03"));
  store.add_record("C-1", record("C-1"));
  store.add_record("C-2", record("C-2"));
  const ChainEntry erasure =
      store.erase_case("C-1", "registered_manager", "retention period ended");
  CHECK(erasure.kind == "erasure");
  CHECK_FALSE(store.has_case("C-1"));
  CHECK(store.open_actions().size() == 1);
  const ChainReport report = store.verify();
  CHECK(report.ok);
  CHECK(report.entries == 3);
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
  CHECK_THROWS_WITH(store.close_action("C-1", "visit", "done", "worker"),
                    Contains("no open action"));
  const auto closed =
      store.close_action("C-1", "review", "Reviewed at supervision, see note 14", "line_manager");
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].closed_note == "Reviewed at supervision, see note 14");
  CHECK(store.open_actions().size() == 1);
  CHECK_THROWS_WITH(store.close_action("C-1", "review", "again", "worker"),
                    Contains("no open action"));
}
