// `waymark user`, `waymark audit` and `case add --team` on every backend (an SQLite file, and
// PostgreSQL when ctest's cluster is up).
#include <waymark/store.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/store_backends.h"

using namespace waymark;
using Catch::Matchers::Contains;
using waymark::testing::sql_value_on;
using waymark::testing::store_backends;

TEST_CASE("waymark user adds, lists, disables and resets accounts, reading passwords from stdin only",
          "[cli][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    const std::string db = backend.locator;
    const std::string password = "correct horse battery";
    const auto added = test::run_waymark(
        {"user", "add", "sw0142", "--role", "practitioner", "--team", "north", "--db", db}, password + "\n");
    REQUIRE(added.exit_code == 0);
    CHECK_THAT(added.out, Contains("Account sw0142 added") && Contains("practitioner") && Contains("north"));
    CHECK_THAT(added.out + added.err, !Contains(password));
    CHECK(test::run_waymark({"user", "add", "proxy1", "--role", "auditor", "--no-password", "--db", db}).exit_code ==
          0);

    // A password is never an option, so it never reaches the shell's history or `ps`.
    const auto in_argv = test::run_waymark(
        {"user", "add", "tm0007", "--role", "team_manager", "--password", password, "--db", db}, password + "\n");
    CHECK(in_argv.exit_code == 2);
    const auto short_one =
        test::run_waymark({"user", "add", "tm0007", "--role", "team_manager", "--db", db}, "short\n");
    CHECK(short_one.exit_code == 2);
    CHECK_THAT(short_one.err, Contains("at least 12 characters"));
    const auto none = test::run_waymark({"user", "add", "tm0007", "--role", "team_manager", "--db", db});
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.err, Contains("no password on stdin"));
    const auto bad_role = test::run_waymark({"user", "add", "tm0007", "--role", "boss", "--db", db}, password + "\n");
    CHECK(bad_role.exit_code == 2);
    const auto taken = test::run_waymark({"user", "add", "sw0142", "--role", "auditor", "--db", db}, password + "\n");
    CHECK(taken.exit_code == 2);
    CHECK_THAT(taken.err, Contains("already"));

    const auto list = test::run_waymark({"user", "list", "--db", db});
    REQUIRE(list.exit_code == 0);
    CHECK_THAT(list.out, Contains("sw0142") && Contains("proxy1") && Contains("north"));
    CHECK_THAT(list.out, !Contains("tm0007") && !Contains("argon2"));
    const auto json_list = test::run_waymark({"user", "list", "--format", "json", "--db", db});
    REQUIRE(json_list.exit_code == 0);
    const auto accounts = nlohmann::json::parse(json_list.out);
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[1]["name"] == "sw0142");
    CHECK(accounts[1]["role"] == "practitioner");
    CHECK(accounts[1]["teams"] == nlohmann::json::array({"north"}));
    CHECK(accounts[1]["has_password"] == true);
    CHECK(accounts[0]["has_password"] == false);
    CHECK_THAT(json_list.out, !Contains("argon2"));

    CHECK(test::run_waymark({"user", "disable", "sw0142", "--db", db}).exit_code == 0);
    CHECK(Store(db).sign_in("sw0142", password).outcome == SignInResult::Outcome::disabled);
    CHECK(test::run_waymark({"user", "enable", "sw0142", "--db", db}).exit_code == 0);
    const std::string old_hash = sql_value_on(backend, "SELECT password_hash FROM accounts WHERE name = 'sw0142'");
    const auto reset = test::run_waymark({"user", "reset", "sw0142", "--db", db}, "another long passphrase\n");
    CHECK(reset.exit_code == 0);
    CHECK_THAT(reset.out, !Contains("another long passphrase"));
    CHECK(sql_value_on(backend, "SELECT password_hash FROM accounts WHERE name = 'sw0142'") != old_hash);
    CHECK(Store(db).sign_in("sw0142", "another long passphrase").outcome == SignInResult::Outcome::signed_in);
    const auto unknown = test::run_waymark({"user", "disable", "nobody", "--db", db});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Contains("no account 'nobody'"));
  }
}

TEST_CASE("case add --team sets the case's team; waymark audit lists who read what", "[cli][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    const std::string db = backend.locator;
    const auto added = test::run_waymark({"case", "add", "C-7", "--team", "north", "--db", db});
    REQUIRE(added.exit_code == 0);
    CHECK_THAT(added.out, Contains("team north"));
    CHECK(Store(db).case_team("C-7") == "north");
    const auto bad_team = test::run_waymark({"case", "add", "C-8", "--team", "North Team", "--db", db});
    CHECK(bad_team.exit_code == 2);
    CHECK_FALSE(Store(db).has_case("C-8"));

    CHECK_THAT(test::run_waymark({"audit", "--db", db}).out, Contains("No audit entries"));
    {
      Store store(db);
      AuditEntry read;
      read.account = "sw0142";
      read.role = "practitioner";
      read.action = "read case";
      read.case_reference = "C-7";
      store.append_audit(read);
      read.account = "sw0999";
      read.allowed = false;
      read.purpose = "a referral";
      store.append_audit(read);
      read.case_reference = "C-9";
      store.append_audit(read);
    }
    const auto json_out = test::run_waymark({"audit", "--case", "C-7", "--format", "json", "--db", db});
    REQUIRE(json_out.exit_code == 0);
    const auto entries = nlohmann::json::parse(json_out.out);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0]["seq"] == 1);
    CHECK(entries[0]["account"] == "sw0142");
    CHECK(entries[0]["allowed"] == true);
    CHECK(entries[1]["allowed"] == false);
    CHECK(entries[1]["purpose"] == "a referral");
    CHECK(entries[1]["prev_hash"] == entries[0]["hash"]);
    for (const char* field : {"at", "role", "action", "case_reference", "detail", "hash"})
      CHECK(entries[0].contains(field));

    const auto by_account = test::run_waymark({"audit", "--account", "sw0999", "--db", db});
    REQUIRE(by_account.exit_code == 0);
    CHECK_THAT(by_account.out, Contains("2 audit entries") && Contains("REFUSED") && Contains("C-9"));
    CHECK_THAT(by_account.out, !Contains("sw0142"));
    CHECK_THAT(test::run_waymark({"audit", "--to", "2020-01-01", "--db", db}).out, Contains("No audit entries"));
    const auto bad_date = test::run_waymark({"audit", "--from", "yesterday", "--db", db});
    CHECK(bad_date.exit_code == 2);
    CHECK_THAT(bad_date.err, Contains("--from 'yesterday'"));
    const auto verified = test::run_waymark({"verify", "--db", db});
    CHECK(verified.exit_code == 0);
    CHECK_THAT(verified.out, Contains("audit intact, 3 entries"));
  }
}

TEST_CASE("case share and unshare record who a case is shared with, and why; case show lists them",
          "[cli][backends][access]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    const std::string db = backend.locator;
    REQUIRE(test::run_waymark({"case", "add", "C-7", "--team", "north", "--db", db}).exit_code == 0);
    const auto missing_purpose =
        test::run_waymark({"case", "share", "C-7", "--team", "south", "--role", "team_manager", "--db", db});
    CHECK(missing_purpose.exit_code != 0);
    CHECK_THAT(missing_purpose.err, Contains("--purpose"));
    const auto shared = test::run_waymark({"case", "share", "C-7", "--team", "south", "--purpose",
                                           "joint strategy meeting", "--role", "team_manager", "--db", db});
    REQUIRE(shared.exit_code == 0);
    CHECK_THAT(shared.out, Contains("shared with team south"));
    const auto again = test::run_waymark({"case", "share", "C-7", "--team", "south", "--purpose", "again", "--role",
                                          "team_manager", "--db", db});
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Contains("already shared with team 'south'"));

    const auto show = test::run_waymark({"case", "show", "C-7", "--db", db});
    CHECK_THAT(show.out, Contains("Team: north") && Contains("shared with team south") &&
                             Contains("joint strategy meeting"));
    REQUIRE(test::run_waymark({"case", "unshare", "C-7", "--team", "south", "--reason", "meeting held", "--role",
                               "team_manager", "--db", db})
                .exit_code == 0);
    const auto json_out = test::run_waymark({"case", "show", "C-7", "--format", "json", "--db", db});
    REQUIRE(json_out.exit_code == 0);
    const auto doc = nlohmann::json::parse(json_out.out);
    CHECK(doc["team"] == "north");
    REQUIRE(doc["shares"].size() == 1);
    CHECK(doc["shares"][0]["team"] == "south");
    CHECK(doc["shares"][0]["end_reason"] == "meeting held");
    CHECK(Store(db).shared_with("C-7").empty());
    CHECK(test::run_waymark({"verify", "--db", db}).exit_code == 0);
  }
}
