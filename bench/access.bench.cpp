// Sign-in and the audit of reads (issue #18). A sign-in costs one Argon2id check (OWASP's minimum
// parameters: tens of milliseconds, on purpose), and an unknown name must cost the same as a
// known one, so names cannot be found by timing; an audit entry is one write like an event.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>
#include <waymark/store.h>

#include <filesystem>

namespace {

using namespace waymark;
namespace fs = std::filesystem;

const std::string password = "correct horse battery staple";

struct AccessStore {
  fs::path path = fs::temp_directory_path() / fmt::format("waymark-bench-access-{}.db", ::getpid());
  Store store{(fs::remove(path), path)};
  AccessStore() {
    Account a;
    a.name = "sw0142";
    store.add_account(a, password);
    store.add_case("C-7");
  }
  ~AccessStore() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix, ignored);
  }
};

AccessStore& access_store() {
  static AccessStore s;
  return s;
}

void BM_sign_in_known_account(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(access_store().store.sign_in("sw0142", password));
}
BENCHMARK(BM_sign_in_known_account)->Unit(benchmark::kMillisecond);

// A wrong password on a known name counts the failure (a write); the count is reset outside the
// timing, so the account never locks.
void BM_sign_in_known_account_wrong_password(benchmark::State& state) {
  sqlite3* db = nullptr;
  sqlite3_open(access_store().path.c_str(), &db);
  for (auto _ : state) {
    benchmark::DoNotOptimize(access_store().store.sign_in("sw0142", "wrong password"));
    state.PauseTiming();
    sqlite3_exec(db, "UPDATE accounts SET failed_sign_ins = 0, locked_until = 0", nullptr, nullptr, nullptr);
    state.ResumeTiming();
  }
  sqlite3_close(db);
}
BENCHMARK(BM_sign_in_known_account_wrong_password)->Unit(benchmark::kMillisecond);

void BM_sign_in_unknown_name(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(access_store().store.sign_in("nobody", password));
}
BENCHMARK(BM_sign_in_unknown_name)->Unit(benchmark::kMillisecond);

void BM_append_audit_entry(benchmark::State& state) {
  AuditEntry e;
  e.account = "sw0142";
  e.role = "practitioner";
  e.action = "read case";
  e.case_reference = "C-7";
  for (auto _ : state) benchmark::DoNotOptimize(access_store().store.append_audit(e));
}
BENCHMARK(BM_append_audit_entry)->Unit(benchmark::kMicrosecond);

}  // namespace
