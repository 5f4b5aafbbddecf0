// Crash safety: a child process appends events and records and is killed with SIGKILL at
// random moments. Every write that had returned success must still be there afterwards, and the
// store must pass SQLite's integrity check and Waymark's chain check.
#include <fmt/format.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <waymark/store.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>

#include "support/run_command.h"

using namespace waymark;
namespace fs = std::filesystem;

namespace {

std::string minimal_record() {
  return nlohmann::json{
      {"format", "waymark-evidence-record"},
      {"session", {{"case_reference", "C-1"}}},
      {"outcome",
       {{"actions",
         {{{"id", "review"}, {"kind", "step"}, {"text", "Review."}, {"owner", "worker"}, {"due", "2026-12-01"}}}}}}}
      .dump();
}

// The child: append forever, reporting each write only after it returned. Events are acked as
// "e<id>\n", records as "r<seq>\n". Never returns.
[[noreturn]] void write_until_killed(const fs::path& path, int write_end) {
  try {
    Store store(path);
    const std::string record = minimal_record();
    Event e;
    e.kind = "refusal";
    e.date = *Date::parse("2026-11-03");
    e.recorded_by = "worker";
    for (std::int64_t i = 0;; ++i) {
      // (Built with fmt: GCC 12 warns falsely about "r" + std::to_string(...).)
      const std::string ack = i % 5 == 4 ? fmt::format("r{}\n", store.add_record("C-1", record).seq)
                                         : fmt::format("e{}\n", store.append_event("C-1", e));
      if (write(write_end, ack.data(), ack.size()) != static_cast<ssize_t>(ack.size())) _exit(3);
    }
  } catch (...) {
    _exit(2);
  }
}

// Reads whole ack lines from the pipe into the sets; returns false at end of input.
bool read_acks(int fd, std::string& pending, std::set<std::int64_t>& events, std::set<std::int64_t>& records,
               int& commits) {
  char buffer[4096];
  const ssize_t n = read(fd, buffer, sizeof buffer);
  if (n <= 0) return false;
  pending.append(buffer, static_cast<std::size_t>(n));
  for (std::size_t end; (end = pending.find('\n')) != std::string::npos; pending.erase(0, end + 1)) {
    const std::int64_t id = std::stoll(pending.substr(1, end - 1));
    (pending[0] == 'e' ? events : records).insert(id);
    ++commits;
  }
  return true;
}

}  // namespace

TEST_CASE("every acknowledged write survives SIGKILL at random moments", "[store][crash]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  { Store(path).add_case("C-1"); }
  // The bar by default; WAYMARK_CRASH_KILLS lowers it for a quick local run.
  const char* kills_env = std::getenv("WAYMARK_CRASH_KILLS");
  const int wanted_kills = kills_env ? std::atoi(kills_env) : 1000;
  const int wanted_commits = wanted_kills * 10;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);  // ~1 minute on a busy 2-core VM

  std::mt19937 random(20261125);
  std::uniform_int_distribution<int> acks_before_kill(0, 20), extra_delay_us(0, 3000);
  std::set<std::int64_t> events, records;
  int kills = 0, commits = 0, child_failures = 0;
  while ((kills < wanted_kills || commits < wanted_commits) && std::chrono::steady_clock::now() < deadline) {
    int pipe_ends[2];
    REQUIRE(pipe(pipe_ends) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(pipe_ends[0]);
      write_until_killed(path, pipe_ends[1]);
    }
    close(pipe_ends[1]);
    // Let it commit a random number of writes, then kill it a random moment later, most
    // likely in the middle of the next commit.
    std::string pending;
    const int before = commits, target = acks_before_kill(random);
    bool open = true;
    while (open && commits - before < target) open = read_acks(pipe_ends[0], pending, events, records, commits);
    usleep(static_cast<useconds_t>(extra_delay_us(random)));
    kill(pid, SIGKILL);
    // Writes acknowledged before the kill landed are still in the pipe: read them all.
    while (open) open = read_acks(pipe_ends[0], pending, events, records, commits);
    close(pipe_ends[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) ++child_failures;
    ++kills;
  }
  INFO(kills << " kills, " << commits << " acknowledged commits");
  CHECK(child_failures == 0);
  CHECK(kills >= wanted_kills);
  CHECK(commits >= wanted_commits);

  Store store(path);
  std::set<std::int64_t> stored_events;
  for (const auto& e : store.events("C-1")) stored_events.insert(e.id);
  std::set<std::int64_t> stored_records;
  for (const auto& e : store.entries("C-1")) stored_records.insert(e.seq);
  std::size_t lost_events = 0, lost_records = 0;
  for (auto id : events) lost_events += !stored_events.contains(id);
  for (auto seq : records) lost_records += !stored_records.contains(seq);
  CHECK(lost_events == 0);
  CHECK(lost_records == 0);
  CHECK(store.verify().ok);

  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
  REQUIRE(sqlite3_step(check) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))) == "ok");
  sqlite3_finalize(check);
  sqlite3_close(db);
}
