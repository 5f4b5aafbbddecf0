// Crash safety while a store is being created, opened and migrated: a child process is killed
// with SIGKILL at random moments during each, and the store must still open afterwards, hold
// everything acknowledged (or, for a migration, everything the old store held) and pass SQLite's
// integrity check and Waymark's chain check.
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <waymark/store.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <random>
#include <string>

#include "support/run_command.h"

using namespace waymark;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string pragma(const fs::path& path, const char* statement) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* query = nullptr;
    if (sqlite3_prepare_v2(db, statement, -1, &query, nullptr) == SQLITE_OK && sqlite3_step(query) == SQLITE_ROW)
      value = reinterpret_cast<const char*>(sqlite3_column_text(query, 0));
    sqlite3_finalize(query);
  }
  sqlite3_close(db);
  return value;
}

// Runs `work` in a child killed with SIGKILL after `delay`; returns what it acknowledged on its
// pipe (one character per step) before it died.
template <typename Work>
std::string kill_during(Work work, std::chrono::microseconds delay) {
  int pipe_ends[2];
  REQUIRE(pipe(pipe_ends) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(pipe_ends[0]);
    try {
      work([&](char step) {
        if (write(pipe_ends[1], &step, 1) != 1) _exit(3);
      });
    } catch (...) {
      _exit(2);
    }
    pause();  // wait for the kill, so the parent always sees SIGKILL
    _exit(0);
  }
  close(pipe_ends[1]);
  usleep(static_cast<useconds_t>(delay.count()));
  kill(pid, SIGKILL);
  std::string acked;
  char buffer[256];
  for (ssize_t n; (n = read(pipe_ends[0], buffer, sizeof buffer)) > 0;) acked.append(buffer, static_cast<std::size_t>(n));
  close(pipe_ends[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  return acked;
}

Event refusal() {
  Event e;
  e.kind = "refusal";
  e.date = *Date::parse("2026-11-03");
  e.recorded_by = "worker";
  return e;
}

std::chrono::microseconds time_to(const auto& work) {
  const auto start = Clock::now();
  work();
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

}  // namespace

TEST_CASE("a store killed while it is created or opened opens afterwards with everything acknowledged",
          "[store][crash]") {
  const fs::path dir = test::temp_dir();
  // How long creating a store, adding a case and an event, and reopening it take here: kills
  // fall anywhere from before the first step to after the last.
  const auto whole = time_to([&] {
    Store store(dir / "timing.db");
    store.add_case("C-1");
    store.append_event("C-1", refusal());
    Store again(dir / "timing.db");
  });
  std::mt19937 random(20261203);
  std::uniform_int_distribution<long> delay_us(0, whole.count() * 3 / 2);
  int killed_while_creating = 0;
  for (int round = 0; round < 25; ++round) {
    const fs::path path = dir / fmt::format("cases-{}.db", round);
    const std::string acked = kill_during(
        [&](const auto& ack) {
          {
            Store store(path);
            ack('o');
            store.add_case("C-1");
            ack('c');
            store.append_event("C-1", refusal());
            ack('e');
          }
          for (;;) Store reopened(path);  // killed while opening an existing store
        },
        std::chrono::microseconds(delay_us(random)));
    killed_while_creating += acked.empty();
    INFO("round " << round << ", acknowledged '" << acked << "'");
    Store store(path);  // opens whatever the kill left, creating the store if it was never made
    if (acked.find('c') != std::string::npos) CHECK(store.has_case("C-1"));
    if (acked.find('e') != std::string::npos) CHECK(store.events("C-1").size() == 1);
    CHECK(store.verify().ok);
    CHECK(pragma(path, "PRAGMA integrity_check") == "ok");
  }
  INFO(killed_while_creating << " of 25 kills came before the store was created");
  CHECK(killed_while_creating > 0);
}

TEST_CASE("a store killed while it migrates from schema version 2 loses nothing it held", "[store][crash][migration]") {
  const fs::path dir = test::temp_dir();
  const fs::path fixture = fs::path(WAYMARK_FIXTURES) / "store" / "schema-v2.db";
  // The fixture holds case C-1 with four events, a record and a closure, and case C-2 erased
  // (tests/store_events_chain.tests.cpp); migrated, its chain has seven entries.
  fs::copy_file(fixture, dir / "timing.db");
  const auto migration = time_to([&] { Store migrated(dir / "timing.db"); });
  std::mt19937 random(20261204);
  std::uniform_int_distribution<long> delay_us(0, migration.count() * 3);
  int killed_before_done = 0, left_at_version_2 = 0;
  for (int round = 0; round < 25; ++round) {
    const fs::path path = dir / fmt::format("v2-{}.db", round);
    fs::copy_file(fixture, path);
    const std::string acked = kill_during(
        [&](const auto& ack) {
          Store store(path);
          ack('m');
        },
        std::chrono::microseconds(delay_us(random)));
    killed_before_done += acked.empty();
    const std::string version_after_kill = pragma(path, "PRAGMA user_version");
    left_at_version_2 += version_after_kill == "2";
    INFO("round " << round << ", schema version after the kill " << version_after_kill);
    Store store(path);  // finishes (or redoes) the migration
    const ChainReport report = store.verify();
    INFO(report.problem);
    CHECK(report.ok);
    CHECK(report.entries == 7);
    CHECK(store.events("C-1").size() == 4);
    CHECK(store.entries("C-1").size() == 6);
    CHECK(pragma(path, "PRAGMA integrity_check") == "ok");
  }
  INFO(killed_before_done << " of 25 kills came before the migration finished, " << left_at_version_2
                           << " left the store at version 2");
  CHECK(killed_before_done > 0);
}
