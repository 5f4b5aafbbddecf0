// What `waymark serve` keeps in the store between requests (walk-throughs in progress, filed
// records, the form-token secret, sign-ins), on every backend: the store.postgresql test runs the
// [backends] tests against ctest's PostgreSQL cluster.
#include <waymark/sha256.h>
#include <waymark/store.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "support/store_backends.h"

using namespace waymark;
using Catch::Matchers::Contains;
using waymark::testing::raw_sql_on;
using waymark::testing::sql_value_on;
using waymark::testing::store_backends;

namespace {

WebWalkKey walk(std::string walk_id, std::string policy = "self_neglect") {
  return {"b-4f1c", std::move(policy), std::move(walk_id)};
}

bool is_lower_hex(const std::string& text) { return text.find_first_not_of("0123456789abcdef") == std::string::npos; }

// saved_at has millisecond precision: make sure two saves are told apart.
void next_millisecond() { std::this_thread::sleep_for(std::chrono::milliseconds(3)); }

}  // namespace

TEST_CASE("walk-throughs in progress are saved, replaced and listed latest first", "[store][backends][web-state]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    CHECK_FALSE(store.web_walk(walk("0000000a")));
    CHECK(store.web_walks("b-4f1c", "self_neglect").empty());

    store.save_web_walk(walk("0000000a"), R"({"answers": {}})");
    next_millisecond();
    store.save_web_walk(walk("0000000b"), R"({"answers": {"q1": true}})");
    next_millisecond();
    store.save_web_walk(walk("0000000c", "falls"), R"({"answers": {}})");

    const auto first = store.web_walk(walk("0000000a"));
    REQUIRE(first);
    CHECK(first->walk_id == "0000000a");
    CHECK(first->session_json == R"({"answers": {}})");
    CHECK_FALSE(first->filed_record);
    CHECK_THAT(first->saved_at, Contains("T") && Contains("Z"));

    auto listed = store.web_walks("b-4f1c", "self_neglect");
    REQUIRE(listed.size() == 2);  // the other policy's walk-through is not listed
    CHECK(listed[0].walk_id == "0000000b");
    CHECK(listed[1].walk_id == "0000000a");
    CHECK(store.web_walks("b-other", "self_neglect").empty());

    // Filed, then answered again (a practitioner going back): the record it was filed with stays.
    store.set_web_walk_filed(walk("0000000a"), std::string(R"({"format": "waymark-evidence-record"})"));
    next_millisecond();
    store.save_web_walk(walk("0000000a"), R"({"answers": {"q1": false}})");
    const auto replaced = store.web_walk(walk("0000000a"));
    REQUIRE(replaced);
    CHECK(replaced->session_json == R"({"answers": {"q1": false}})");
    CHECK(replaced->filed_record == R"({"format": "waymark-evidence-record"})");
    CHECK(replaced->saved_at > first->saved_at);
    listed = store.web_walks("b-4f1c", "self_neglect");
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].walk_id == "0000000a");  // saved last, so listed first
    CHECK(listed[0].filed_record);

    store.set_web_walk_filed(walk("0000000a"), std::nullopt);
    CHECK_FALSE(store.web_walk(walk("0000000a"))->filed_record);
    CHECK_THROWS_WITH(store.set_web_walk_filed(walk("0000000f"), std::string("{}")),
                      Contains("0000000f") && Contains("no walk-through"));
  }
}

TEST_CASE("every process gets the same web secret, made once", "[store][backends][web-state]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    const std::string secret = store.web_secret();
    CHECK(secret.size() == 64);
    CHECK(is_lower_hex(secret));
    CHECK(store.web_secret() == secret);
    Store another(backend.locator);  // as a second `waymark serve` would
    CHECK(another.web_secret() == secret);
    CHECK(sql_value_on(backend, "SELECT count(*) FROM web_secret") == "1");
    // Another store has its own.
    const auto fresh = store_backends();
    Store other_store(fresh.front().locator);
    CHECK(other_store.web_secret() != secret);
  }
}

TEST_CASE("serve processes asking for the secret at once all get the one secret",
          "[store][backends][web-state][concurrency]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store(backend.locator).add_case("C-7");  // the store exists; its secret does not yet
    constexpr int processes = 6;
    std::vector<std::string> secrets(processes);
    std::atomic<int> ready{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int p = 0; p < processes; ++p)
      threads.emplace_back([&, p] {
        try {
          Store store(backend.locator);  // each its own connection, as separate `serve` processes have
          ++ready;
          while (ready < processes) std::this_thread::yield();
          secrets[static_cast<std::size_t>(p)] = store.web_secret();
        } catch (const std::exception&) {
          ++failures;
        }
      });
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    for (const auto& secret : secrets) CHECK(secret == secrets.front());
    CHECK(secrets.front().size() == 64);
    CHECK(Store(backend.locator).web_secret() == secrets.front());
  }
}

TEST_CASE("sign-ins are kept by their token's hash, touched and ended", "[store][backends][web-state]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store store(backend.locator);
    const std::string morning = sha256_hex("token-1");
    const std::string afternoon = sha256_hex("token-2");
    const std::string colleague = sha256_hex("token-3");
    CHECK_FALSE(store.web_sign_in(morning));
    store.add_web_sign_in(morning, {"sw0142", 1000});
    store.add_web_sign_in(afternoon, {"sw0142", 2000});
    store.add_web_sign_in(colleague, {"tm0007", 1500});
    CHECK_THROWS_WITH(store.add_web_sign_in("token-1", {"sw0142", 1000}), Contains("never the token"));

    const auto found = store.web_sign_in(morning);
    REQUIRE(found);
    CHECK(found->account == "sw0142");
    CHECK(found->last_used == 1000);
    store.touch_web_sign_in(morning, 3000);
    CHECK(store.web_sign_in(morning)->last_used == 3000);

    // Unused since 2000: only the colleague's (1500); the morning one was touched at 3000.
    CHECK(store.end_web_sign_ins_unused_since(2000) == 1);
    CHECK_FALSE(store.web_sign_in(colleague));
    CHECK(store.end_web_sign_ins_unused_since(2000) == 0);

    store.end_web_sign_in(afternoon);
    CHECK_FALSE(store.web_sign_in(afternoon));
    CHECK(store.web_sign_in(morning));
    // Touching an ended sign-in does not bring it back.
    store.touch_web_sign_in(afternoon, 4000);
    CHECK_FALSE(store.web_sign_in(afternoon));

    store.add_web_sign_in(afternoon, {"sw0142", 4000});
    store.add_web_sign_in(colleague, {"tm0007", 4000});
    store.end_web_sign_ins_of("sw0142");  // disabled, or the password reset
    CHECK_FALSE(store.web_sign_in(morning));
    CHECK_FALSE(store.web_sign_in(afternoon));
    CHECK(store.web_sign_in(colleague));
  }
}

TEST_CASE("what serve keeps is not copied with the store", "[store][backends][web-state]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    Store original(backend.locator);
    original.add_case("C-7");
    original.save_web_walk(walk("0000000a"), "{}");
    original.add_web_sign_in(sha256_hex("token-1"), {"sw0142", 1000});
    const std::string secret = original.web_secret();
    const auto fresh = store_backends();
    Store copy(fresh.front().locator);
    REQUIRE(original.copy_into(copy).ok);
    CHECK(copy.has_case("C-7"));
    CHECK_FALSE(copy.web_walk(walk("0000000a")));
    CHECK_FALSE(copy.web_sign_in(sha256_hex("token-1")));
    CHECK(copy.web_secret() != secret);
  }
}

TEST_CASE("a store at schema version 5 migrates forward to what serve keeps",
          "[store][backends][web-state][migration]") {
  for (const auto& backend : store_backends()) {
    INFO(backend.name);
    std::string head;
    {
      Store store(backend.locator);
      store.add_case("C-7");
      store.add_record("C-7", R"({"format": "waymark-evidence-record"})");
      head = store.verify().head;
    }
    // What Waymark wrote at version 5: the same tables without these three.
    const std::string back_to_5 = backend.name == "postgresql"
                                      ? "DROP TABLE web_walks, web_secret, web_sign_ins; "
                                        "UPDATE waymark_schema SET version = 5"
                                      : "DROP TABLE web_walks; DROP TABLE web_secret; DROP TABLE web_sign_ins; "
                                        "PRAGMA user_version = 5";
    REQUIRE(raw_sql_on(backend, back_to_5) == "");
    Store store(backend.locator);
    const ChainReport report = store.verify();
    CHECK(report.ok);
    CHECK(report.head == head);
    store.save_web_walk(walk("0000000a"), "{}");
    CHECK(store.web_walk(walk("0000000a")));
    CHECK(store.web_secret().size() == 64);
    const std::string version = backend.name == "postgresql"
                                    ? sql_value_on(backend, "SELECT max(version) FROM waymark_schema")
                                    : sql_value_on(backend, "PRAGMA user_version");
    CHECK(version == std::to_string(store_schema_version));
  }
}
