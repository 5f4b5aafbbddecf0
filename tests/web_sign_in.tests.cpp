// `waymark serve` for a team: sign-in with the store's accounts or a trusted proxy, what each role
// may see, and every read of case content (and every refusal) in the audit trail. On every store
// backend: the accounts and the audit live in the store.
#include <waymark/store.h>
#include <waymark/web/server.h>

#include <catch2/catch.hpp>

#include "support/raw_connection.h"
#include "support/store_backends.h"
#include "support/web_client.h"

using namespace waymark;
using Catch::Matchers::Contains;
using test::Browser;
using test::WebServer;

namespace {

constexpr const char* password = "correct horse battery";

// Two teams' cases and one account of each role.
void set_up_team_store(Store& store) {
  for (const auto& [reference, team] : {std::pair{"N-1", "north"}, std::pair{"S-1", "south"}}) {
    store.add_case(reference);
    store.set_case_team(reference, team);
  }
  store.add_account({"sw1", AccessRole::practitioner, {"north"}, false, false}, password);
  store.add_account({"sw2", AccessRole::practitioner, {"south"}, false, false}, password);
  store.add_account({"tm1", AccessRole::team_manager, {"north"}, false, false}, password);
  store.add_account({"aud1", AccessRole::auditor, {}, false, false}, password);
  store.add_account({"ba1", AccessRole::board_author, {}, false, false}, password);
}

web::SignInOptions accounts_sign_in() {
  web::SignInOptions options;
  options.mode = web::SignInOptions::Mode::accounts;
  return options;
}

web::SignInOptions proxy_sign_in(const std::string& trusted) {
  web::SignInOptions options;
  options.mode = web::SignInOptions::Mode::proxy;
  options.trusted_proxies = {trusted};
  return options;
}

// Signs in through the form; returns the response to the form.
httplib::Result sign_in(Browser& browser, const std::string& account, const std::string& typed_password,
                        const std::string& next = "/") {
  REQUIRE(browser.get("/sign-in?next=" + next)->status == 200);
  return browser.post("/sign-in", {{"account", account}, {"password", typed_password}, {"next", next}});
}

// The audit entries about `reference` (or all), as "account action allowed|refused" lines.
std::vector<std::string> audit_lines(const Store& store, const std::string& reference = {}) {
  AuditFilter filter;
  filter.case_reference = reference;
  std::vector<std::string> lines;
  for (const AuditEntry& entry : store.audit_entries(filter))
    lines.push_back(entry.account + " " + entry.action + " " + (entry.allowed ? "allowed" : "refused"));
  return lines;
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST_CASE("without sign-in the page listens only on this computer", "[web][sign-in]") {
  PolicyRegistry registry;
  web::ServerOptions options;
  options.port = 0;
  options.bind = "0.0.0.0";
  options.session_dir = test::temporary_folder("waymark-web-bind");
  web::Server server(registry, options);
  CHECK_THROWS_WITH(server.bind(), Contains("refusing to listen on 0.0.0.0 without sign-in"));
  CHECK(web::is_loopback_address("127.0.0.1"));
  CHECK_FALSE(web::is_loopback_address("10.0.0.5"));
  std::filesystem::remove_all(options.session_dir);
}

TEST_CASE("a team's page asks who you are, and shows each role only what is theirs", "[web][sign-in][backends]") {
  for (const auto& backend : waymark::testing::store_backends()) {
    INFO(backend.name);
    const auto dir = test::temporary_folder("waymark-web-sign-in-" + backend.name);
    Store store(backend.locator);
    set_up_team_store(store);
    WebServer server(dir / "sessions", &store, {}, {}, accounts_sign_in());

    SECTION("a request without a sign-in goes to the sign-in page, and comes back after") {
      Browser browser(server.port());
      const auto first = browser.get("/cases/N-1");
      CHECK(first->status == 303);
      CHECK(first->get_header_value("Location") == "/sign-in?next=/cases/N-1");
      const auto signed_in = sign_in(browser, "sw1", password, "/cases/N-1");
      CHECK(signed_in->status == 303);
      CHECK(signed_in->get_header_value("Location") == "/cases/N-1");
      CHECK_THAT(signed_in->get_header_value("Set-Cookie"), Contains("HttpOnly") && Contains("SameSite=Strict"));
      const auto page = browser.get("/cases/N-1");
      CHECK(page->status == 200);
      CHECK_THAT(page->body, Contains("sw1 (Practitioner)") && Contains("Sign out"));
      CHECK(has_line(audit_lines(store, "N-1"), "sw1 read case allowed"));
    }

    SECTION("a wrong password is refused without saying which part was wrong, and is audited") {
      Browser browser(server.port());
      const auto refused = sign_in(browser, "sw1", "not the password");
      CHECK(refused->status == 422);
      CHECK_THAT(refused->body, Contains("Enter the account name and password your administrator gave you"));
      CHECK_FALSE(Contains("not the password").match(refused->body));
      CHECK(browser.get("/")->status == 303);
      // An unknown name is not written down: it may be a person's name, or a password.
      sign_in(browser, "Jane Smith", password);
      const auto lines = audit_lines(store);
      CHECK(has_line(lines, "sw1 sign in refused"));
      CHECK(has_line(lines, "(unknown account) sign in refused"));
    }

    SECTION("repeated failures lock the account for a while") {
      Browser browser(server.port());
      for (int attempt = 0; attempt < failures_before_lock; ++attempt) sign_in(browser, "tm1", "guess " + std::to_string(attempt));
      const auto locked = sign_in(browser, "tm1", password);
      CHECK(locked->status == 429);
      // The first lock lasts first_lock_seconds, counted from the last failure.
      const int retry_after = std::stoi(locked->get_header_value("Retry-After"));
      CHECK(retry_after > 0);
      CHECK(retry_after <= first_lock_seconds);
      CHECK_THAT(locked->body, Contains("Try again in " + std::to_string(retry_after) + " seconds"));
    }

    SECTION("a practitioner sees their team's cases only, and a refusal is audited") {
      Browser browser(server.port());
      sign_in(browser, "sw1", password);
      CHECK(browser.get("/cases/N-1")->status == 200);
      const auto other = browser.get("/cases/S-1");
      CHECK(other->status == 403);
      CHECK_THAT(other->body, Contains("belongs to a team you are not in"));
      CHECK(has_line(audit_lines(store, "S-1"), "sw1 read case refused"));
      // Starting a walk-through on the other team's case would read its chronology: refused too.
      REQUIRE(browser.get("/policies/web-fixture")->status == 200);
      CHECK(browser.post("/policies/web-fixture/start", {{"case", "S-1"}})->status == 403);
      CHECK(has_line(audit_lines(store, "S-1"), "sw1 read chronology refused"));
    }

    SECTION("an auditor reads every case but cannot change anything") {
      Browser browser(server.port());
      sign_in(browser, "aud1", password);
      CHECK(browser.get("/cases/S-1")->status == 200);
      CHECK(browser.get("/due")->status == 200);
      REQUIRE(browser.get("/policies/web-fixture")->status == 200);
      CHECK(browser.post("/policies/web-fixture/start", {{"case", "N-1"}})->status == 403);
      const auto lines = audit_lines(store);
      CHECK(has_line(lines, "aud1 read case allowed"));
      CHECK(has_line(lines, "aud1 read due list allowed"));
      CHECK(has_line(lines, "aud1 change refused"));
    }

    SECTION("a board author sees policies and no case content") {
      Browser browser(server.port());
      sign_in(browser, "ba1", password);
      CHECK(browser.get("/")->status == 200);
      CHECK(browser.get("/cases/N-1")->status == 403);
      CHECK(browser.get("/due")->status == 403);
      CHECK(has_line(audit_lines(store), "ba1 read case content refused"));
    }

    SECTION("signing out ends the sign-in, and its cookie is worth nothing after") {
      Browser browser(server.port());
      sign_in(browser, "sw1", password);
      const std::string cookie = browser.cookie();
      REQUIRE(browser.get("/")->status == 200);  // the page's sign-out button carries the form token
      const auto out = browser.post("/sign-out", {});
      CHECK(out->status == 303);
      CHECK_THAT(out->get_header_value("Set-Cookie"), Contains("Max-Age=0"));
      Browser replay(server.port());
      replay.set_cookie(cookie);
      CHECK(replay.get("/cases/N-1")->status == 303);
    }

    SECTION("another account's form token is refused (CSRF holds across accounts)") {
      Browser first(server.port()), second(server.port());
      sign_in(first, "sw1", password);
      sign_in(second, "tm1", password);
      REQUIRE(first.get("/policies/web-fixture")->status == 200);
      REQUIRE(second.get("/policies/web-fixture")->status == 200);
      second.set_cookie(first.cookie());  // first's sign-in, second's form token
      CHECK(second.post("/policies/web-fixture/start", {})->status == 403);
    }

    SECTION("disabling an account signs it out at once") {
      Browser browser(server.port());
      sign_in(browser, "sw1", password);
      CHECK(browser.get("/cases/N-1")->status == 200);
      store.set_account_disabled("sw1", true);
      CHECK(browser.get("/cases/N-1")->status == 303);
    }

    SECTION("a team manager's due list holds only their teams' cases; an auditor's holds every case") {
      for (const auto& [account, reference] : {std::pair{"sw1", "N-1"}, std::pair{"sw2", "S-1"}}) {
        Browser practitioner(server.port());
        sign_in(practitioner, account, password);
        const std::string base = test::walk_web_fixture(practitioner, {{"case", reference}});
        REQUIRE(practitioner.post(base + "/file", {{"confirm", "yes"}})->status == 303);
      }
      Browser manager(server.port());
      sign_in(manager, "tm1", password);
      const auto due = manager.get("/due");
      CHECK_THAT(due->body, Contains("href=\"/cases/N-1\""));
      CHECK_FALSE(Contains("href=\"/cases/S-1\"").match(due->body));
      CHECK(has_line(audit_lines(store), "tm1 read due list allowed"));
      Browser auditor(server.port());
      sign_in(auditor, "aud1", password);
      CHECK_THAT(auditor.get("/due")->body, Contains("href=\"/cases/N-1\"") && Contains("href=\"/cases/S-1\""));
    }
  }
}

TEST_CASE("behind HTTPS the sign-in cookie is Secure and browsers are told to keep to HTTPS", "[web][sign-in]") {
  const auto dir = test::temporary_folder("waymark-web-secure");
  Store store(dir / "cases.db");
  set_up_team_store(store);
  web::SignInOptions options = accounts_sign_in();
  options.secure_cookie = true;
  WebServer server(dir / "sessions", &store, {}, {}, options);
  Browser browser(server.port());
  const auto signed_in = sign_in(browser, "sw1", password);
  CHECK_THAT(signed_in->get_header_value("Set-Cookie"), Contains("; Secure"));
  CHECK(signed_in->get_header_value("Strict-Transport-Security") == "max-age=31536000");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a sign-in left unused past the idle time is refused", "[web][sign-in]") {
  const auto dir = test::temporary_folder("waymark-web-idle");
  Store store(dir / "cases.db");
  set_up_team_store(store);
  web::SignInOptions options = accounts_sign_in();
  options.idle_timeout = std::chrono::minutes(0);
  WebServer server(dir / "sessions", &store, {}, {}, options);
  Browser browser(server.port());
  CHECK(sign_in(browser, "sw1", password)->status == 303);
  CHECK(browser.get("/cases/N-1")->status == 303);
  std::filesystem::remove_all(dir);
}

TEST_CASE("behind a trusted proxy the page believes only the proxy's user header", "[web][sign-in]") {
  const auto dir = test::temporary_folder("waymark-web-proxy");
  Store store(dir / "cases.db");
  set_up_team_store(store);
  store.add_account({"sso-user", AccessRole::practitioner, {"south"}, false, false}, std::nullopt);
  const web::SignInOptions options = proxy_sign_in("127.0.0.1");
  WebServer server(dir / "sessions", &store, {}, {}, options);
  httplib::Client client("127.0.0.1", server.port());

  const auto named = client.Get("/cases/S-1", {{"X-Remote-User", "sso-user"}, {"Host", "waymark.council.example"}});
  CHECK(named->status == 200);
  CHECK_THAT(named->body, Contains("sso-user (Practitioner)"));
  CHECK(client.Get("/cases/N-1", {{"X-Remote-User", "sso-user"}})->status == 403);
  CHECK(client.Get("/cases/S-1")->status == 403);
  const auto unknown = client.Get("/", {{"X-Remote-User", "nobody"}});
  CHECK(unknown->status == 403);
  CHECK_THAT(unknown->body, Contains("Waymark has no account for you"));
  CHECK(has_line(audit_lines(store), "nobody sign in refused"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a proxy not in the trusted list cannot name the user", "[web][sign-in]") {
  const auto dir = test::temporary_folder("waymark-web-untrusted");
  Store store(dir / "cases.db");
  set_up_team_store(store);
  const web::SignInOptions options = proxy_sign_in("10.9.9.9");
  WebServer server(dir / "sessions", &store, {}, {}, options);
  httplib::Client client("127.0.0.1", server.port());
  const auto refused = client.Get("/", {{"X-Remote-User", "sw1"}});
  CHECK(refused->status == 403);
  CHECK_THAT(refused->body, Contains("This page is reached only through your organisation&#39;s sign-in"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("several serve processes sharing a PostgreSQL store serve one signed-in practitioner",
          "[web][sign-in][backends]") {
  // Two servers, each with its own connection, as two processes behind a load balancer would be.
  const std::string locator = waymark::testing::fresh_postgresql();
  if (locator.empty()) return;  // needs ctest's PostgreSQL cluster: the store.postgresql test runs this
  const auto dir = test::temporary_folder("waymark-web-shared");
  Store first_store(locator), second_store(locator);
  set_up_team_store(first_store);
  WebServer first(dir / "first", &first_store, {}, {}, accounts_sign_in());
  WebServer second(dir / "second", &second_store, {}, {}, accounts_sign_in());

  Browser on_first(first.port());
  sign_in(on_first, "sw1", password);
  REQUIRE(on_first.get("/policies/web-fixture")->status == 200);
  const std::string question =
      on_first.post("/policies/web-fixture/start", {{"case", "N-1"}})->get_header_value("Location");
  REQUIRE_THAT(question, Contains("/questions/"));

  // The next page from the other server: the same sign-in, the same walk-through.
  Browser on_second(second.port());
  on_second.set_cookie(on_first.cookie());
  REQUIRE(on_second.get(question)->status == 200);
  const std::string base = test::finish_web_fixture(on_second, question);
  CHECK(on_second.post(base + "/file", {{"confirm", "yes"}})->status == 303);
  // Filed once, whichever server the second press reaches.
  REQUIRE(on_first.get(base + "/outcome")->status == 200);
  CHECK(on_first.post(base + "/file", {{"confirm", "yes"}})->get_header_value("Location") == base + "/outcome#filing");
  std::size_t records = 0;
  for (const auto& entry : first_store.entries("N-1")) records += entry.kind == "record";
  CHECK(records == 1);

  // Signing out on one server signs out on both.
  CHECK(on_first.post("/sign-out", {})->status == 303);
  CHECK(on_second.get(base + "/outcome")->status == 303);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a trusted proxy's connections are not held to the cap for one client", "[web][sign-in][limits]") {
  // Every practitioner's connection arrives from the proxy's address: a per-address cap would cap
  // the whole team.
  const auto dir = test::temporary_folder("waymark-web-proxy-cap");
  Store store(dir / "cases.db");
  set_up_team_store(store);
  web::ConnectionLimits limits;
  limits.per_address = 2;
  limits.total = 8;
  const web::SignInOptions options = proxy_sign_in("127.0.0.3");
  WebServer server(dir / "sessions", &store, limits, {}, options);
  const std::string request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server.port()) +
                              "\r\nX-Remote-User: sw1\r\n\r\n";
  std::vector<test::RawConnection> held;
  for (int i = 0; i < 4; ++i) {
    held.emplace_back(server.port(), 3);
    held.back().send(request);
    CHECK_THAT(held.back().read_response(), Catch::Matchers::StartsWith("HTTP/1.1 200"));
  }
  // Another address is still held to its cap: two connections answered (403, as it is no proxy)
  // and kept open hold its places, so a third is refused.
  std::vector<test::RawConnection> other;
  for (int i = 0; i < 2; ++i) {
    other.emplace_back(server.port(), 4);
    other.back().send(test::get_request(server.port()));
    CHECK_THAT(other.back().read_response(), Catch::Matchers::StartsWith("HTTP/1.1 403"));
  }
  other.emplace_back(server.port(), 4);
  other.back().send(test::get_request(server.port()));
  CHECK_THAT(other.back().read_response(), Catch::Matchers::StartsWith("HTTP/1.1 503"));
  held.clear();
  other.clear();
  std::filesystem::remove_all(dir);
}

TEST_CASE("a case shared with another team is theirs to see until the share ends", "[web][sign-in][backends]") {
  for (const auto& backend : waymark::testing::store_backends()) {
    INFO(backend.name);
    const auto dir = test::temporary_folder("waymark-web-share-" + backend.name);
    Store store(backend.locator);
    set_up_team_store(store);
    WebServer server(dir / "sessions", &store, {}, {}, accounts_sign_in());
    Browser south(server.port());
    sign_in(south, "sw2", password);
    CHECK(south.get("/cases/N-1")->status == 403);

    store.share_case("N-1", "south", "joint strategy meeting on 2026-12-10", "team_manager");
    const auto shared = south.get("/cases/N-1");
    CHECK(shared->status == 200);
    CHECK_THAT(shared->body, Contains("Team: <strong>north</strong>") && Contains("joint strategy meeting"));
    CHECK(has_line(audit_lines(store, "N-1"), "sw2 read case allowed"));

    store.end_share("N-1", "south", "meeting held", "team_manager");
    CHECK(south.get("/cases/N-1")->status == 403);
    CHECK(store.verify().ok);
  }
}

TEST_CASE("a team manager shares their team's case on its page, and ends the share", "[web][sign-in][backends]") {
  for (const auto& backend : waymark::testing::store_backends()) {
    INFO(backend.name);
    const auto dir = test::temporary_folder("waymark-web-share-page-" + backend.name);
    Store store(backend.locator);
    set_up_team_store(store);
    WebServer server(dir / "sessions", &store, {}, {}, accounts_sign_in());

    // A practitioner sees the case but no form, and a share sent anyway is refused and audited.
    Browser practitioner(server.port());
    sign_in(practitioner, "sw1", password);
    CHECK_FALSE(Contains("Share this case").match(practitioner.get("/cases/N-1")->body));
    CHECK(practitioner.post("/cases/N-1/shares", {{"team", "south"}, {"purpose", "a meeting"}})->status == 403);
    CHECK(has_line(audit_lines(store, "N-1"), "sw1 share case refused"));

    Browser manager(server.port());
    sign_in(manager, "tm1", password);
    CHECK_THAT(manager.get("/cases/N-1")->body, Contains("Share this case with another team"));
    const auto no_purpose = manager.post("/cases/N-1/shares", {{"team", "south"}, {"purpose", " "}});
    CHECK(no_purpose->status == 422);
    CHECK_THAT(no_purpose->body, Contains("Enter what the other team needs the case for"));
    const auto own_team = manager.post("/cases/N-1/shares", {{"team", "north"}, {"purpose", "a meeting"}});
    CHECK(own_team->status == 422);
    CHECK_THAT(own_team->body, Contains("already belongs to team"));
    CHECK(store.shared_with("N-1").empty());

    const auto shared = manager.post("/cases/N-1/shares", {{"team", "south"}, {"purpose", "joint visit"}});
    CHECK(shared->status == 303);
    CHECK(store.shared_with("N-1") == std::vector<std::string>{"south"});
    CHECK(has_line(audit_lines(store, "N-1"), "tm1 share case allowed"));
    Browser south(server.port());
    sign_in(south, "sw2", password);
    CHECK(south.get("/cases/N-1")->status == 200);

    const auto page = manager.get("/cases/N-1");
    CHECK_THAT(page->body, Contains("End the share with south") && Contains("joint visit"));
    CHECK(manager.post("/cases/N-1/shares/south/end", {{"reason", ""}})->status == 422);
    CHECK(manager.post("/cases/N-1/shares/east/end", {{"reason", "done"}})->status == 422);
    CHECK(manager.post("/cases/N-1/shares/south/end", {{"reason", "visit made"}})->status == 303);
    CHECK(south.get("/cases/N-1")->status == 403);
    CHECK(store.verify().ok);
  }
}

TEST_CASE("a team manager countersigns a record of their team on its page; no other role can",
          "[web][sign-in][backends]") {
  for (const auto& backend : waymark::testing::store_backends()) {
    INFO(backend.name);
    const auto dir = test::temporary_folder("waymark-web-countersign-" + backend.name);
    Store store(backend.locator);
    set_up_team_store(store);
    WebServer server(dir / "sessions", &store, {}, {}, accounts_sign_in());
    Browser practitioner(server.port());
    sign_in(practitioner, "sw1", password);
    const std::string base = test::walk_web_fixture(practitioner, {{"case", "N-1"}});
    const auto filed = practitioner.post(base + "/file", {{"confirm", "yes"}});
    REQUIRE(filed->status == 303);
    const std::string seq = filed->get_header_value("Location").substr(std::string("/cases/N-1?filed=").size());
    const std::string record = "/cases/N-1/records/" + seq;

    // The practitioner who filed it sees no form, and a form sent anyway is refused and audited.
    CHECK_FALSE(Contains("Countersign this record").match(practitioner.get(record)->body));
    CHECK(practitioner.post(record + "/countersign", {{"comment", "Agreed"}})->status == 403);
    CHECK(has_line(audit_lines(store, "N-1"), "sw1 countersign record refused"));

    Browser manager(server.port());
    sign_in(manager, "tm1", password);
    CHECK_THAT(manager.get(record)->body, Contains("Countersign this record"));
    const auto blank = manager.post(record + "/countersign", {{"comment", "  "}});
    CHECK(blank->status == 422);
    CHECK_THAT(blank->body, Contains("Enter what you checked, and whether you agree"));
    CHECK(countersignatures(store.entries("N-1")).empty());

    const auto signed_ = manager.post(record + "/countersign", {{"comment", "Checked the chronology; agreed"}});
    CHECK(signed_->status == 303);
    CHECK(signed_->get_header_value("Location") == record);
    const auto signatures = countersignatures(store.entries("N-1"));
    REQUIRE(signatures.size() == 1);
    CHECK(signatures[0].role == "team_manager");
    CHECK(std::to_string(signatures[0].record_seq) == seq);
    CHECK_THAT(manager.get(record)->body, Contains("Checked the chronology; agreed"));
    CHECK(has_line(audit_lines(store, "N-1"), "tm1 countersign record allowed"));

    // A manager of another team cannot see the record, so cannot sign it.
    store.add_account({"tm2", AccessRole::team_manager, {"south"}, false, false}, password);
    Browser other(server.port());
    sign_in(other, "tm2", password);
    CHECK(other.post(record + "/countersign", {{"comment", "Agreed"}})->status == 403);
    CHECK(store.verify().ok);
  }
}
