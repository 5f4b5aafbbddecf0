// `waymark serve` on PostgreSQL while its database server is killed and restarted, with
// practitioners filing records all the while: every record acknowledged is there after, the chain
// verifies, the page answers with error pages (never a crash) while the server is down, and it
// works again once the server is back. Run by ctest's store.postgresql_restart on a cluster of
// its own (this test kills it), hidden from the other runs.
#include <waymark/store.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "support/store_backends.h"
#include "support/web_fixture_answers.h"
#include "support/web_client.h"

using namespace waymark;

namespace {

// What the practitioners saw: the chain entries of the records acknowledged as filed, the error
// pages, and anything else (a failed connection, an unexpected status).
struct Outcomes {
  std::mutex mutex;
  std::set<std::int64_t> acknowledged;
  int error_pages = 0;
  int unexpected = 0;
  std::string unexpected_seen;  // status and title of each, for the message
};

// One walk-through of the web fixture on case C-7, filed; no Catch assertions here (they are not
// safe off the main thread): what happened goes into `outcomes`.
void walk_and_file(test::Browser& browser, Outcomes& outcomes) {
  auto counted = [&](const httplib::Result& result, int expected) {
    std::lock_guard lock(outcomes.mutex);
    if (result && result->status == expected) return true;
    // The page says what went wrong: the store could not be reached (500), or, while failures come
    // fast, too many connections at once (503 with Retry-After).
    if (result && ((result->status == 500 && result->body.find("Something went wrong") != std::string::npos) ||
                   (result->status == 503 && result->has_header("Retry-After"))))
      ++outcomes.error_pages;
    else {
      ++outcomes.unexpected;
      outcomes.unexpected_seen += result ? std::to_string(result->status) + " " +
                                               result->body.substr(result->body.find("<h1") + 1, 80) + "\n"
                                         : "no response\n";
    }
    return false;
  };
  if (!counted(browser.get("/policies/web-fixture"), 200)) return;
  auto at = browser.post("/policies/web-fixture/start", {{"case", "C-7"}});
  if (!counted(at, 303)) return;
  std::string next = at->get_header_value("Location");
  for (const auto& answer : test::web_fixture_answers()) {
    auto answered = browser.post(next, answer);
    if (!counted(answered, 303)) return;
    next = answered->get_header_value("Location");
  }
  const std::string base = next.substr(0, next.rfind("/check"));
  auto filed = browser.post(base + "/file", {{"confirm", "yes"}});
  if (!counted(filed, 303)) return;
  const std::string location = filed->get_header_value("Location");
  const auto at_seq = location.find("filed=");
  std::lock_guard lock(outcomes.mutex);
  if (at_seq == std::string::npos)
    ++outcomes.unexpected;
  else
    outcomes.acknowledged.insert(std::stoll(location.substr(at_seq + 6)));
}

void control_cluster(const std::string& action) {
  const std::string command = std::string("sh ") + std::getenv("WAYMARK_TEST_PG_SCRIPT") + " " + action + " " +
                              std::getenv("WAYMARK_TEST_PGHOST") + " " + std::getenv("WAYMARK_TEST_PG_BIN");
  REQUIRE(std::system(command.c_str()) == 0);
}

}  // namespace

TEST_CASE("the web page keeps every acknowledged record through a PostgreSQL restart", "[.pg-restart]") {
  REQUIRE(std::getenv("WAYMARK_TEST_PG_SCRIPT"));
  const std::string locator = waymark::testing::fresh_postgresql();
  REQUIRE_FALSE(locator.empty());
  const auto dir = test::temporary_folder("waymark-web-outage");
  Store store(locator);
  store.add_case("C-7");
  test::WebServer server(dir / "sessions", &store);

  Outcomes outcomes;
  std::atomic<bool> stop{false};
  std::vector<std::thread> practitioners;
  for (int i = 0; i < 4; ++i)
    practitioners.emplace_back([&] {
      test::Browser browser(server.port());
      while (!stop) walk_and_file(browser, outcomes);
    });
  std::this_thread::sleep_for(std::chrono::seconds(2));
  control_cluster("kill");
  std::this_thread::sleep_for(std::chrono::seconds(2));
  control_cluster("restart");
  std::this_thread::sleep_for(std::chrono::seconds(2));
  stop = true;
  for (auto& practitioner : practitioners) practitioner.join();

  INFO("acknowledged " << outcomes.acknowledged.size() << ", error pages " << outcomes.error_pages << "\n"
                        << outcomes.unexpected_seen);
  CHECK(outcomes.unexpected == 0);
  CHECK(outcomes.error_pages > 0);  // the outage was seen, as error pages
  // Every record acknowledged is in the store, and the chain verifies.
  std::set<std::int64_t> stored;
  for (const ChainEntry& entry : store.entries("C-7"))
    if (entry.kind == "record") stored.insert(entry.seq);
  for (const std::int64_t seq : outcomes.acknowledged) CHECK(stored.contains(seq));
  CHECK(store.verify().ok);
  // Working again: a walk-through after the restart files its record.
  const std::size_t before = outcomes.acknowledged.size();
  test::Browser after(server.port());
  walk_and_file(after, outcomes);
  CHECK(outcomes.acknowledged.size() == before + 1);
  std::filesystem::remove_all(dir);
}
