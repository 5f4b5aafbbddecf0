// The store's guarantees on every backend: the same tests run against an SQLite file and, when
// ctest's PostgreSQL cluster is up (the store.postgresql test), a PostgreSQL database.
#include <waymark/store.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/run_command.h"
#include "support/store_backends.h"
#include "support/store_fixtures.h"

using namespace waymark;
using waymark::testing::event;
using waymark::testing::raw_sql_on;
using waymark::testing::store_backends;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::string record(const std::string& reference) {
  return nlohmann::json(
             {{"format", "waymark-evidence-record"},
              {"format_version", 1},
              {"session", {{"case_reference", reference}, {"date", "2026-11-01"}}},
              {"outcome",
               {{"actions",
                 {{{"id", "review"}, {"kind", "step"}, {"text", "Review."}, {"owner", "line_manager"}, {"due", "2026-11-20"}},
                  {{"id", "visit"}, {"kind", "step"}, {"text", "Visit."}, {"owner", "worker"}}}}}}})
      .dump();
}

// A store with one of everything the chain holds, and a second, erased case.
void fill(Store& store) {
  store.add_case("C-1042");
  const auto first = store.append_event("C-1042", event("missed_visit", "2026-11-02", "No answer"));
  store.append_event("C-1042", event("missed_visit", "2026-11-03", "No answer at 10:00"), first);
  const ChainEntry filed = store.add_record("C-1042", record("C-1042"));
  store.countersign("C-1042", filed.seq, "team_manager", "Checked and agreed");
  store.close_action("C-1042", "review", "Reviewed at supervision, see file note 12", "line_manager");
  store.export_case("C-1042", "Section 42 enquiry", "Adult social care", "worker");
  store.add_case("C-7");
  store.append_event("C-7", event("missed_visit", "2026-11-04"));
  store.erase_case("C-7", "data_protection_officer", "added in error");
}

}  // namespace

TEST_CASE("every backend keeps cases, events, records, actions, exports and erasures in one verified chain",
          "[store][backends]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    CHECK(store.is_postgresql() == (backend.name == "postgresql"));
    fill(store);
    const auto events = store.events("C-1042");
    REQUIRE(events.size() == 2);
    CHECK(events[0].superseded_by == events[1].id);
    CHECK(load_chronology(store, "C-1042").events().size() == 1);
    CHECK(store.count_events("C-1042", "missed_visit", *Date::parse("2026-11-01"), *Date::parse("2026-11-30")) == 1);
    const auto actions = store.actions("C-1042");
    REQUIRE(actions.size() == 2);
    CHECK(actions[0].action_id == "review");  // the record's order
    CHECK(actions[0].closed_at);
    REQUIRE(store.open_actions().size() == 1);
    CHECK(store.open_actions()[0].action_id == "visit");
    CHECK(countersignatures(store.entries("C-1042")).size() == 1);
    CHECK_FALSE(store.has_case("C-7"));
    CHECK_THROWS_WITH(store.require_case("C-7"), Contains("erased"));
    CHECK_THROWS_WITH(store.add_case("C-7"), Contains("erased"));
    const ChainReport report = store.verify();
    CHECK(report.ok);
    CHECK(report.problem.empty());
    CHECK(report.entries == 8);
    CHECK(store.verify(report.head).ok);
    CHECK_FALSE(store.verify(std::string(64, 'a')).ok);
    // Reopened, nothing is migrated twice and the head is the same.
    CHECK(Store(backend.locator).verify().head == report.head);
  }
}

TEST_CASE("on every backend the due list keeps a record's actions due the same day in the record's order",
          "[store][backends][actions]") {
  auto step = [](const char* id, const char* due) {
    nlohmann::json a = {{"id", id}, {"kind", "step"}, {"text", "Do it."}, {"owner", "worker"}};
    if (*due) a["due"] = due;
    return a;
  };
  auto record_of = [](nlohmann::json actions) {
    return nlohmann::json({{"format", "waymark-evidence-record"},
                           {"format_version", 1},
                           {"session", {{"case_reference", "C-1"}, {"date", "2026-11-01"}}},
                           {"outcome", {{"actions", std::move(actions)}}}})
        .dump();
  };
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    store.add_case("C-1");
    // Ids out of alphabetical order, so an order by id would show.
    store.add_record("C-1", record_of({step("write", "2026-11-20"), step("call", "2026-11-20"),
                                       step("alpha", "2026-11-10"), step("visit", ""), step("book", "")}));
    store.add_record("C-1", record_of({step("call", "2026-11-20")}));
    const std::vector<std::pair<std::string, std::int64_t>> expected = {{"alpha", 1}, {"write", 1}, {"call", 1},
                                                                        {"call", 2},  {"visit", 1}, {"book", 1}};
    for (const auto& open : {store.open_actions(), store.open_actions("C-1")}) {
      std::vector<std::pair<std::string, std::int64_t>> listed;
      for (const auto& a : open) listed.emplace_back(a.action_id, a.record_seq);
      CHECK(listed == expected);
    }
  }
}

TEST_CASE("every backend refuses to edit or delete history in the database itself", "[store][backends]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    {
      Store store(backend.locator);
      fill(store);
    }
    CHECK_THAT(raw_sql_on(backend, "UPDATE events SET note = 'x'"), Contains("append-only"));
    CHECK_THAT(raw_sql_on(backend, "DELETE FROM events WHERE case_reference = 'C-1042'"), Contains("append-only"));
    CHECK_THAT(raw_sql_on(backend, "UPDATE chain SET kind = 'export' WHERE seq = 3"), Contains("append-only"));
    CHECK_THAT(raw_sql_on(backend, "DELETE FROM chain WHERE seq = 8"), Contains("append-only"));
    CHECK_THAT(raw_sql_on(backend, "DELETE FROM bodies WHERE seq = 3"), Contains("append-only"));
    CHECK_THAT(raw_sql_on(backend, "UPDATE actions SET owner = 'x'"), Contains("never edited"));
    CHECK_THAT(raw_sql_on(backend, "DELETE FROM closures"), Contains("append-only"));
    if (backend.name == "postgresql")
      CHECK_THAT(raw_sql_on(backend, "TRUNCATE chain CASCADE"), Contains("append-only"));
    CHECK(Store(backend.locator).verify().ok);
  }
}

TEST_CASE("on every backend verify names an entry altered behind the triggers' back", "[store][backends]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    {
      Store store(backend.locator);
      fill(store);
    }
    // The database's owner can drop a trigger; the chain still finds the change.
    REQUIRE(raw_sql_on(backend, "DROP TRIGGER bodies_no_update" +
                                    std::string(backend.name == "postgresql" ? " ON bodies" : "")) == "");
    REQUIRE(raw_sql_on(backend, "UPDATE bodies SET body = '{}' WHERE seq = 3") == "");
    const ChainReport report = Store(backend.locator).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("entry 3") && Contains("altered"));
  }
}

TEST_CASE("many writers at once on every backend leave one chain without gaps or forks",
          "[store][backends][concurrency]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store(backend.locator).add_case("C-1");
    constexpr int writers = 8;
    constexpr int each = 15;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int w = 0; w < writers; ++w)
      threads.emplace_back([&, w] {
        try {
          Store store(backend.locator);  // each writer its own connection, as separate processes have
          for (int i = 0; i < each; ++i) {
            if (i % 5 == 0)
              store.add_record("C-1", record("C-1"));
            else
              store.append_event("C-1", event("missed_visit", "2026-11-02", "writer " + std::to_string(w)));
          }
        } catch (const std::exception&) {
          ++failures;
        }
      });
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    Store store(backend.locator);
    const ChainReport report = store.verify();
    CHECK(report.ok);
    CHECK(report.problem.empty());
    CHECK(report.entries == writers * each);
    const auto entries = store.entries("C-1");
    REQUIRE(entries.size() == writers * each);
    for (std::size_t i = 0; i < entries.size(); ++i) CHECK(entries[i].seq == static_cast<std::int64_t>(i + 1));
    CHECK(store.events("C-1").size() == writers * (each - 3));
  }
}

TEST_CASE("a whole store copies across backends with every entry and the same head", "[store][backends]") {
  const auto backends = store_backends();
  const auto& from = backends.front();
  Store original(from.locator);
  fill(original);
  const ChainReport before = original.verify();
  REQUIRE(before.ok);
  for (const auto& backend : backends) {
    INFO(backend.name);
    const std::string target = backend.name == "sqlite" ? (fs::path(test::temp_dir()) / "copy.db").string()
                                                        : waymark::testing::fresh_postgresql();
    Store copy(target);
    const ChainReport copied = original.copy_into(copy);
    CHECK(copied.ok);
    CHECK(copied.head == before.head);
    CHECK(copied.entries == before.entries);
    CHECK(copy.entries("C-1042").size() == original.entries("C-1042").size());
    CHECK(copy.entries("C-7").size() == 2);
    CHECK(copy.events("C-1042").size() == 2);
    CHECK(copy.actions("C-1042").size() == 2);
    CHECK(copy.open_actions().size() == 1);
    // A second copy into it would merge two chains: refused, nothing added.
    CHECK_THROWS_WITH(original.copy_into(copy), Contains("already holds"));
    // The copy goes on as a store: a new event is numbered after the copied ones.
    const auto added = copy.append_event("C-1042", event("missed_visit", "2026-11-05"));
    CHECK(added > copy.events("C-1042").front().id);
    CHECK(copy.events("C-1042").size() == 3);
    CHECK(copy.verify(before.head).ok);
    // And back again (a backup out of PostgreSQL) with the copy's new head.
    const std::string back = (fs::path(test::temp_dir()) / "back.db").string();
    Store restored(back);
    CHECK(copy.copy_into(restored).head == copy.verify().head);
  }
}

TEST_CASE("a connection string with a password is refused without showing it", "[store][backends]") {
  for (const char* locator : {"postgresql://worker:s3cret-pw@localhost/waymark",
                              "postgres://localhost/waymark?user=worker&password=s3cret-pw"}) {
    try {
      Store store{fs::path(locator)};
      FAIL("a password in the connection string was accepted");
    } catch (const StoreError& e) {
      CHECK_THAT(e.what(), Contains("~/.pgpass") && Contains("***"));
      CHECK_THAT(std::string(e.what()), !Contains("s3cret-pw"));
    }
    CHECK_THAT(redacted_locator(locator), !Contains("s3cret-pw"));
  }
  CHECK(redacted_locator("cases.db") == "cases.db");
  CHECK(is_postgresql_locator("postgres://host/db"));
  CHECK_FALSE(is_postgresql_locator("postgresql.db"));
}

TEST_CASE("a PostgreSQL database of another application or from a newer Waymark is refused",
          "[store][backends][postgresql]") {
  const std::string other = waymark::testing::fresh_postgresql();
  if (other.empty()) return;  // only with ctest's PostgreSQL cluster (store.postgresql)
  const waymark::testing::StoreBackend pg{"postgresql", other};
  REQUIRE(raw_sql_on(pg, "CREATE TABLE payroll (id int)") == "");
  CHECK_THROWS_WITH(Store(other), Contains("another application") && Contains("left untouched"));

  const waymark::testing::StoreBackend newer{"postgresql", waymark::testing::fresh_postgresql()};
  { Store(newer.locator).add_case("C-1"); }
  REQUIRE(raw_sql_on(newer, "UPDATE waymark_schema SET version = 99") == "");
  CHECK_THROWS_WITH(Store(newer.locator), Contains("newer Waymark"));
}

TEST_CASE("the store commands work the same with --db a file or a postgresql:// connection string",
          "[store][backends][cli]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    const std::string db = backend.locator;
    CHECK(test::run_waymark({"case", "add", "C-1042", "--db", db}).exit_code == 0);
    const auto added = test::run_waymark({"case", "event", "C-1042", "--kind", "personal_care_refusal", "--date", "2026-11-03",
                                          "--note", "No answer", "--role", "care_staff", "--db", db});
    CHECK(added.exit_code == 0);
    CHECK_THAT(added.out, Contains("Event 1 recorded"));
    // WAYMARK_DB names it too.
    const auto events = test::run_waymark({"case", "events", "C-1042"}, "", {"WAYMARK_DB=" + db});
    CHECK(events.exit_code == 0);
    CHECK_THAT(events.out, Contains("No answer"));
    const auto verified = test::run_waymark({"verify", "--db", db});
    REQUIRE(verified.exit_code == 0);
    CHECK_THAT(verified.out, Contains("chain intact, 1 entries"));
    const std::string head = verified.out.substr(verified.out.find("head: ") + 6, 64);

    // A backup to a file, and back into a new store of this backend: the same head all round.
    const std::string backup = (fs::path(test::temp_dir()) / "backup.db").string();
    const auto copied = test::run_waymark({"store", "copy", db, backup});
    CHECK(copied.exit_code == 0);
    CHECK_THAT(copied.out, Contains("chain intact, 1 entries") && Contains(head));
    CHECK(test::run_waymark({"verify", "--db", backup, "--head", head}).exit_code == 0);
    const std::string restored = backend.name == "sqlite" ? (fs::path(test::temp_dir()) / "restored.db").string()
                                                          : waymark::testing::fresh_postgresql();
    CHECK(test::run_waymark({"store", "copy", backup, restored}).exit_code == 0);
    CHECK(test::run_waymark({"verify", "--db", restored, "--head", head}).exit_code == 0);
    // Copying into a store that already holds a chain is refused; it keeps what it holds.
    const auto again = test::run_waymark({"store", "copy", backup, restored});
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Contains("already holds"));
    CHECK(test::run_waymark({"verify", "--db", restored, "--head", head}).exit_code == 0);
  }
  // A password on the command line is refused, and not repeated back.
  const auto password = test::run_waymark({"verify", "--db", "postgresql://worker:s3cret-pw@localhost/cases"});
  CHECK(password.exit_code == 2);
  CHECK_THAT(password.err, Contains("~/.pgpass"));
  CHECK_THAT(password.err, !Contains("s3cret-pw"));
}
