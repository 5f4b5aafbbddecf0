// Accounts, sign-in, a case's team and the audit of reads, on every backend (an SQLite file, and
// PostgreSQL when ctest's cluster is up: the store.postgresql test runs the [backends] tests).
#include <waymark/store.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "support/run_command.h"
#include "support/store_backends.h"
#include "support/store_fixtures.h"

using namespace waymark;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using waymark::testing::raw_sql_on;
using waymark::testing::sql_value_on;
using waymark::testing::store_backends;
using SignIn = SignInResult::Outcome;
namespace fs = std::filesystem;

namespace {

const std::string password = "correct horse battery";

Account account(std::string name, AccessRole role, std::vector<std::string> teams = {}) {
  Account a;
  a.name = std::move(name);
  a.role = role;
  a.teams = std::move(teams);
  return a;
}

AuditEntry read_of(std::string reference, std::string account, std::string action = "read case") {
  AuditEntry e;
  e.account = std::move(account);
  e.role = "practitioner";
  e.action = std::move(action);
  e.case_reference = std::move(reference);
  return e;
}

// As if the lock had run out: accounts are not history, so their owner may change them.
void lift_lock(const waymark::testing::StoreBackend& backend) {
  REQUIRE(raw_sql_on(backend, "UPDATE accounts SET locked_until = 0") == "");
}

}  // namespace

TEST_CASE("accounts are added, found and listed, never with their password", "[store][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    store.add_account(account("sw0142", AccessRole::practitioner, {"north", "east", "north"}), password);
    store.add_account(account("audit1", AccessRole::auditor), std::nullopt);
    const auto found = store.find_account("sw0142");
    REQUIRE(found);
    CHECK(found->role == AccessRole::practitioner);
    CHECK(found->teams == std::vector<std::string>{"east", "north"});
    CHECK(found->has_password);
    CHECK_FALSE(found->disabled);
    CHECK_FALSE(store.find_account("nobody"));
    const auto all = store.accounts();
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "audit1");
    CHECK_FALSE(all[0].has_password);

    const std::string hash = sql_value_on(backend, "SELECT password_hash FROM accounts WHERE name = 'sw0142'");
    CHECK_THAT(hash, StartsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    CHECK_THAT(hash, !Contains(password));

    CHECK_THROWS_WITH(store.add_account(account("sw0142", AccessRole::auditor), password), Contains("already"));
    CHECK_THROWS_WITH(store.add_account(account("Jane Smith", AccessRole::auditor), password),
                      Contains("'Jane Smith' is not acceptable"));
    CHECK_THROWS_WITH(store.add_account(account("-x", AccessRole::auditor), password), Contains("not acceptable"));
    CHECK_THROWS_WITH(store.add_account(account("tm1", AccessRole::team_manager, {"North Team"}), password),
                      Contains("team name 'North Team'"));
    CHECK_THROWS_WITH(store.add_account(account("tm1", AccessRole::team_manager), std::string("short")),
                      Contains("at least 12 characters"));
    CHECK_FALSE(store.find_account("tm1"));
    CHECK_THROWS_WITH(store.set_password("nobody", password), Contains("no account 'nobody'"));
    CHECK_THROWS_WITH(store.set_account_disabled("nobody", true), Contains("no account 'nobody'"));
    CHECK(valid_account_name("a.b_c-1"));
    CHECK_FALSE(valid_account_name(std::string(65, 'a')));
    CHECK_FALSE(valid_account_name("a@b"));
  }
}

TEST_CASE("sign-in checks the password, locks after repeated failures and doubles the lock",
          "[store][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    store.add_account(account("sw0142", AccessRole::practitioner, {"north"}), password);

    const SignInResult in = store.sign_in("sw0142", password);
    REQUIRE(in.outcome == SignIn::signed_in);
    REQUIRE(in.account);
    CHECK(in.account->teams == std::vector<std::string>{"north"});
    // An unknown name answers as a wrong password does, and is never locked.
    for (int i = 0; i < failures_before_lock + 1; ++i)
      CHECK(store.sign_in("nobody", password).outcome == SignIn::wrong_password);

    for (int i = 1; i < failures_before_lock; ++i)
      CHECK(store.sign_in("sw0142", "wrong").outcome == SignIn::wrong_password);
    SignInResult locked = store.sign_in("sw0142", "wrong");
    CHECK(locked.outcome == SignIn::locked);
    CHECK(locked.retry_after_seconds == first_lock_seconds);
    // While locked, even the right password is not considered.
    locked = store.sign_in("sw0142", password);
    CHECK(locked.outcome == SignIn::locked);
    CHECK(locked.retry_after_seconds > first_lock_seconds - 3);
    CHECK(locked.retry_after_seconds <= first_lock_seconds);
    lift_lock(backend);
    CHECK(store.sign_in("sw0142", "wrong").retry_after_seconds == 2 * first_lock_seconds);
    lift_lock(backend);
    CHECK(store.sign_in("sw0142", "wrong").retry_after_seconds == 4 * first_lock_seconds);
    // A success resets the count: the next failures start again.
    lift_lock(backend);
    CHECK(store.sign_in("sw0142", password).outcome == SignIn::signed_in);
    CHECK(store.sign_in("sw0142", "wrong").outcome == SignIn::wrong_password);
    // A new password lifts a lock.
    for (int i = 0; i < failures_before_lock; ++i) store.sign_in("sw0142", "wrong");
    CHECK(store.sign_in("sw0142", password).outcome == SignIn::locked);
    store.set_password("sw0142", "another long passphrase");
    CHECK(store.sign_in("sw0142", password).outcome == SignIn::wrong_password);
    CHECK(store.sign_in("sw0142", "another long passphrase").outcome == SignIn::signed_in);

    // Disabled: said only to someone who knows the password; enabled again, it signs in.
    store.set_account_disabled("sw0142", true);
    CHECK(store.find_account("sw0142")->disabled);
    CHECK(store.sign_in("sw0142", "another long passphrase").outcome == SignIn::disabled);
    CHECK(store.sign_in("sw0142", "wrong").outcome == SignIn::wrong_password);
    store.set_account_disabled("sw0142", false);
    CHECK(store.sign_in("sw0142", "another long passphrase").outcome == SignIn::signed_in);
    // An account without a password never signs in with one.
    store.add_account(account("proxy1", AccessRole::auditor), std::nullopt);
    CHECK(store.sign_in("proxy1", "").outcome == SignIn::wrong_password);
  }
}

TEST_CASE("the lock grows to the longest and no further", "[store][access]") {
  const waymark::testing::StoreBackend backend{"sqlite", (fs::path(test::temp_dir()) / "cases.db").string()};
  Store store(backend.locator);
  store.add_account(account("sw0142", AccessRole::practitioner), password);
  REQUIRE(raw_sql_on(backend, "UPDATE accounts SET failed_sign_ins = 60") == "");
  CHECK(store.sign_in("sw0142", "wrong").retry_after_seconds == longest_lock_seconds);
}

TEST_CASE("a case's team is set once", "[store][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    store.add_case("C-7");
    CHECK_FALSE(store.case_team("C-7"));
    store.set_case_team("C-7", "north");
    store.set_case_team("C-7", "north");  // again, the same: nothing changes
    CHECK(store.case_team("C-7") == "north");
    CHECK_THROWS_WITH(store.set_case_team("C-7", "south"), Contains("belongs to team 'north'"));
    CHECK_THROWS_WITH(store.set_case_team("C-8", "north"), Contains("no case 'C-8'"));
    CHECK_THROWS_WITH(store.set_case_team("C-7", "North Team"), Contains("not acceptable"));
    CHECK_THAT(raw_sql_on(backend, "UPDATE case_teams SET team = 'south'"), Contains("set once"));
    CHECK_THAT(raw_sql_on(backend, "DELETE FROM case_teams"), Contains("set once"));
    // An erased case takes its team with it.
    store.erase_case("C-7", "data_protection_officer", "added in error");
    CHECK_FALSE(store.case_team("C-7"));
    CHECK(store.verify().ok);
  }
}

TEST_CASE("sharing a case with another team is recorded in the chain, with its purpose and its end",
          "[store][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    store.add_case("C-7");
    CHECK_THROWS_WITH(store.share_case("C-7", "south", "strategy meeting", "team_manager"),
                      Contains("belongs to no team"));
    store.set_case_team("C-7", "north");
    CHECK(store.shared_with("C-7").empty());
    CHECK_THROWS_WITH(store.share_case("C-7", "north", "strategy meeting", "team_manager"),
                      Contains("already belongs to team 'north'"));
    CHECK_THROWS_WITH(store.share_case("C-7", "south", " ", "team_manager"), Contains("purpose"));
    CHECK_THROWS_WITH(store.share_case("C-7", "south", "strategy meeting", "Ann Jones"), Contains("role"));
    CHECK_THROWS_WITH(store.share_case("C-7", "South Team", "strategy meeting", "team_manager"),
                      Contains("not acceptable"));
    CHECK_THROWS_WITH(store.share_case("C-9", "south", "strategy meeting", "team_manager"), Contains("no case 'C-9'"));

    const ChainEntry shared = store.share_case("C-7", "south", "strategy meeting", "team_manager");
    CHECK(shared.kind == "share");
    CHECK(store.shared_with("C-7") == std::vector<std::string>{"south"});
    CHECK_THROWS_WITH(store.share_case("C-7", "south", "again", "team_manager"), Contains("already shared"));
    CHECK_THROWS_WITH(store.end_share("C-7", "east", "done", "team_manager"), Contains("not shared with team 'east'"));
    CHECK_THROWS_WITH(store.end_share("C-7", "south", "", "team_manager"), Contains("reason"));
    store.end_share("C-7", "south", "meeting held", "team_manager");
    CHECK(store.shared_with("C-7").empty());
    // Shared again later: a new share, the first one kept with its end.
    store.share_case("C-7", "south", "review", "team_manager");
    const auto shares = case_shares(store.entries("C-7"));
    REQUIRE(shares.size() == 2);
    CHECK(shares[0].purpose == "strategy meeting");
    CHECK(shares[0].end_reason == "meeting held");
    CHECK(shares[1].purpose == "review");
    CHECK_FALSE(shares[1].ended_at);
    CHECK(store.verify().ok);
  }
}

TEST_CASE("every case's team and open shares are read in one go, as a list over many cases needs them",
          "[store][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    for (const char* reference : {"C-1", "C-2", "C-3", "C-4"}) store.add_case(reference);
    store.set_case_team("C-1", "north");
    store.set_case_team("C-2", "north");
    store.set_case_team("C-3", "south");
    store.share_case("C-1", "south", "strategy meeting", "team_manager");
    store.share_case("C-1", "east", "joint visit", "team_manager");
    store.share_case("C-2", "south", "review", "team_manager");
    store.end_share("C-2", "south", "review held", "team_manager");

    const auto teams = store.teams_of_cases();
    CHECK(teams.size() == 3);  // C-4 has no team
    CHECK(teams.at("C-1").team == "north");
    CHECK(teams.at("C-1").shared_with == std::vector<std::string>{"south", "east"});
    CHECK(teams.at("C-2").shared_with.empty());
    CHECK(teams.at("C-3").team == "south");
    for (const auto& [reference, held] : teams) CHECK(held.shared_with == store.shared_with(reference));
  }
}

TEST_CASE("the audit of reads is append-only, chained, filtered and checked by verify", "[store][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    std::string head;
    {
      Store store(backend.locator);
      store.add_case("C-7");
      head = store.verify().head;
      const AuditEntry first = store.append_audit(read_of("C-7", "sw0142"));
      CHECK(first.seq == 1);
      CHECK(first.prev_hash.empty());
      CHECK(first.hash.size() == 64);
      CHECK(first.at.size() == 20);
      AuditEntry refused = read_of("C-8", "sw0142");
      refused.allowed = false;
      refused.purpose = "checking a referral";
      CHECK(store.append_audit(refused).prev_hash == first.hash);
      store.append_audit(read_of("C-7", "tm0007", "read chronology"));
      CHECK_THROWS_WITH(store.append_audit(read_of("C-7", "sw0142", "")), Contains("action"));
      CHECK_THROWS_WITH(store.append_audit(read_of("C-7", "sw0142", "read\x1b[2J")), Contains("action"));

      CHECK(store.audit_entries().size() == 3);
      const auto c7 = store.audit_entries({"C-7", "", {}, {}});
      REQUIRE(c7.size() == 2);
      CHECK(c7[1].account == "tm0007");
      CHECK(c7[1].action == "read chronology");
      const auto by_account = store.audit_entries({"", "sw0142", {}, {}});
      REQUIRE(by_account.size() == 2);
      CHECK_FALSE(by_account[1].allowed);
      CHECK(by_account[1].purpose == "checking a referral");
      const Date today = *Date::parse(first.at.substr(0, 10));
      CHECK(store.audit_entries({"", "", today, today}).size() == 3);
      CHECK(store.audit_entries({"", "", {}, Date::parse("2020-01-01")}).empty());
      CHECK(store.audit_entries({"", "", Date::parse("2999-01-01"), {}}).empty());

      const ChainReport report = store.verify();
      CHECK(report.ok);
      CHECK(report.audit_entries == 3);
      CHECK(report.head == head);  // the records' head: the audit does not move it
    }
    CHECK_THAT(raw_sql_on(backend, "UPDATE audit SET account = 'someone'"), Contains("append-only"));
    CHECK_THAT(raw_sql_on(backend, "DELETE FROM audit WHERE seq = 2"), Contains("append-only"));
    if (backend.name == "postgresql") CHECK_THAT(raw_sql_on(backend, "TRUNCATE audit"), Contains("append-only"));
    const std::string on_audit = backend.name == "postgresql" ? " ON audit" : "";

    // The database's owner can drop the triggers; the chain still finds the change.
    REQUIRE(raw_sql_on(backend, "DROP TRIGGER audit_no_update" + on_audit) == "");
    REQUIRE(raw_sql_on(backend, "UPDATE audit SET account = 'someone' WHERE seq = 3") == "");
    ChainReport report = Store(backend.locator).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("audit entry 3") && Contains("does not match"));
    REQUIRE(raw_sql_on(backend, "DROP TRIGGER audit_no_delete" + on_audit) == "");
    REQUIRE(raw_sql_on(backend, "DELETE FROM audit WHERE seq = 2") == "");
    report = Store(backend.locator).verify();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.problem, Contains("audit entry 2 is missing"));
  }
}

TEST_CASE("many writers auditing at once leave one audit chain without gaps or forks",
          "[store][backends][access][concurrency]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store(backend.locator).add_case("C-7");
    constexpr int writers = 6;
    constexpr int each = 10;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
      threads.emplace_back([&, w] {
        try {
          Store store(backend.locator);  // each its own connection, as separate `serve` processes have
          for (int i = 0; i < each; ++i) {
            store.append_audit(read_of("C-7", "sw" + std::to_string(w)));
            // Records and audit entries interleaved: each chain stays whole.
            if (i % 5 == 0) store.append_event("C-7", waymark::testing::event("missed_visit", "2026-11-02"));
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
    CHECK(report.audit_entries == writers * each);
    CHECK(report.entries == writers * 2);
    const auto audit = store.audit_entries();
    REQUIRE(audit.size() == writers * each);
    for (std::size_t i = 0; i < audit.size(); ++i) CHECK(audit[i].seq == static_cast<std::int64_t>(i + 1));
  }
}

TEST_CASE("a store copy keeps accounts, teams and the audit as they are", "[store][backends][access]") {
  const auto backends = store_backends();
  Store original(backends.front().locator);
  original.add_case("C-7");
  original.set_case_team("C-7", "north");
  original.add_account(account("sw0142", AccessRole::practitioner, {"north"}), password);
  original.append_audit(read_of("C-7", "sw0142"));
  original.append_audit(read_of("C-7", "sw0142", "read record"));
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
    CHECK(copied.audit_entries == 2);
    CHECK(copy.case_team("C-7") == "north");
    CHECK(copy.sign_in("sw0142", password).outcome == SignIn::signed_in);
    const auto audit = copy.audit_entries();
    REQUIRE(audit.size() == 2);
    CHECK(audit[1].hash == original.audit_entries()[1].hash);
    // The copy's audit goes on from the copied entries.
    CHECK(copy.append_audit(read_of("C-7", "sw0142")).prev_hash == audit[1].hash);
    CHECK(copy.verify().ok);
    CHECK_THROWS_WITH(original.copy_into(copy), Contains("already holds"));
  }
}

TEST_CASE("a store at schema version 4 migrates forward to accounts, teams and the audit",
          "[store][backends][access][migration]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    std::string head;
    {
      Store store(backend.locator);
      store.add_case("C-7");
      store.add_record("C-7", R"({"format": "waymark-evidence-record"})");
      head = store.verify().head;
    }
    // What Waymark wrote at version 4: the same tables without these three (nor version 6's).
    const std::string back_to_4 = backend.name == "postgresql"
                                      ? "DROP TABLE web_walks, web_secret, web_sign_ins; "
                                        "DROP TABLE audit, case_teams, accounts; DROP FUNCTION "
                                        "waymark_case_teams_no_delete(); UPDATE waymark_schema SET version = 4"
                                      : "DROP TABLE web_walks; DROP TABLE web_secret; DROP TABLE web_sign_ins; "
                                        "DROP TABLE audit; DROP TABLE case_teams; DROP TABLE accounts; "
                                        "PRAGMA user_version = 4";
    REQUIRE(raw_sql_on(backend, back_to_4) == "");
    Store store(backend.locator);
    const ChainReport report = store.verify();
    CHECK(report.ok);
    CHECK(report.head == head);
    store.set_case_team("C-7", "north");
    store.add_account(account("sw0142", AccessRole::practitioner, {"north"}), password);
    store.append_audit(read_of("C-7", "sw0142"));
    CHECK(store.verify().audit_entries == 1);
    const std::string version = backend.name == "postgresql"
                                    ? sql_value_on(backend, "SELECT max(version) FROM waymark_schema")
                                    : sql_value_on(backend, "PRAGMA user_version");
    CHECK(version == std::to_string(store_schema_version));
    CHECK_THAT(raw_sql_on(backend, "DELETE FROM audit"), Contains("append-only"));
  }
}
