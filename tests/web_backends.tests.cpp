// `waymark serve --db` on every store backend: a walk-through of a stored case reads its
// chronology, files its record once, and the case page and due list show it, on an SQLite file
// and, when ctest's PostgreSQL cluster is up (the store.postgresql test), on PostgreSQL.
#include <waymark/store.h>

#include <catch2/catch.hpp>

#include "support/store_backends.h"
#include "support/web_client.h"

using namespace waymark;
using Catch::Matchers::Contains;
using test::Browser;
using test::WebServer;

TEST_CASE("the web page files a record with a stored case on every backend", "[web][backends]") {
  for (const auto& backend : waymark::testing::store_backends()) {
    INFO(backend.name);
    const auto dir = test::temporary_folder("waymark-web-" + backend.name);
    Store store(backend.locator);
    store.add_case("C-7");
    Event visit;
    visit.kind = "home_visit";
    visit.date = *Date::parse("2026-11-02");
    visit.note = "No answer at the door";
    visit.recorded_by = "social_worker";
    store.append_event("C-7", visit);
    {
      WebServer server(dir / "sessions", &store);
      Browser browser(server.port());
      const std::string base = test::walk_web_fixture(browser, {{"case", "C-7"}});
      CHECK_THAT(browser.get(base + "/outcome")->body,
                 Contains("This policy read 1 event: 1 Home visit") && Contains("File the record with case C-7"));
      // Filed once, however often the button is pressed.
      for (int press = 0; press < 2; ++press) {
        auto filed = browser.post(base + "/file", {{"confirm", "yes"}});
        CHECK(filed->status == 303);
      }
      std::size_t records = 0;
      for (const auto& entry : store.entries("C-7")) records += entry.kind == "record";
      CHECK(records == 1);
      CHECK_THAT(browser.get("/cases/C-7")->body,
                 Contains("No answer at the door") && Contains("Review the case.") && Contains("/cases/C-7/records/"));
      CHECK_THAT(browser.get("/due")->body, Contains("1 open action") && Contains("href=\"/cases/C-7\""));
    }
    CHECK(store.verify().ok);
    std::filesystem::remove_all(dir);
  }
}
