// Case store speed on a synthetic store: by default 1M events over 10k cases, one record with
// three actions per case (WAYMARK_BENCH_EVENTS / WAYMARK_BENCH_CASES to change).
// Targets (issue #5): windowed count for one case < 1 ms; appending an event (one full
// synchronous commit) < 1 ms; the `due` list < 50 ms. Issue #16: the `due` list < 10 ms, and one
// case's chronology < 1 ms with 4M events in the store (WAYMARK_BENCH_EVENTS=4000000).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>
#include <waymark/store.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace {

using namespace waymark;
namespace fs = std::filesystem;

long env_or(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::atol(value) : fallback;
}

void check(int code, sqlite3* db) {
  if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db));
}

std::string case_reference(long i) { return fmt::format("C-{:05}", i); }

// Builds the synthetic store once per process. The schema comes from Store; the rows go in
// through one raw transaction, since a million synchronous commits would take hours. The chain
// entries carry placeholder hashes: these benchmarks do not verify.
struct SyntheticStore {
  fs::path path;
  long cases = env_or("WAYMARK_BENCH_CASES", 10'000);
  long events = env_or("WAYMARK_BENCH_EVENTS", 1'000'000);

  SyntheticStore() {
    path = fs::temp_directory_path() / fmt::format("waymark-bench-{}.db", ::getpid());
    fs::remove(path);
    { Store create(path); }
    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db);
    check(sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN", nullptr, nullptr, nullptr), db);
    auto prepare = [&](const char* sql) {
      sqlite3_stmt* s = nullptr;
      check(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), db);
      return std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>(s, sqlite3_finalize);
    };
    auto add_case = prepare("INSERT INTO cases VALUES (?, '2026-01-01T00:00:00Z')");
    auto add_event = prepare(
        "INSERT INTO events(case_reference, kind, date, minute_of_day, agency, reason, note, "
        "recorded_by, "
        "recorded_at) VALUES (?, ?, ?, ?, 'care home', '', 'Synthetic event', 'worker', "
        "'2026-01-01T00:00:00Z')");
    auto add_entry = prepare(
        "INSERT INTO chain(seq, kind, case_reference, created_at, body_sha256, prev_hash, hash) "
        "VALUES (?, 'record', ?, '2026-01-01T00:00:00Z', '', '', ?)");
    auto add_action = prepare("INSERT INTO actions VALUES (?, ?, ?, 'Synthetic action', 'worker', ?, 0)");
    const char* kinds[] = {"refusal", "missed_appointment", "no_access_visit", "agency_contact", "referral"};
    for (long c = 0; c < cases; ++c) {
      const std::string ref = case_reference(c);
      sqlite3_bind_text(add_case.get(), 1, ref.c_str(), -1, SQLITE_TRANSIENT);
      check(sqlite3_step(add_case.get()), db);
      sqlite3_reset(add_case.get());
      sqlite3_bind_int64(add_entry.get(), 1, c + 1);
      sqlite3_bind_text(add_entry.get(), 2, ref.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(add_entry.get(), 3, fmt::format("{:064x}", c + 1).c_str(), -1, SQLITE_TRANSIENT);
      check(sqlite3_step(add_entry.get()), db);
      sqlite3_reset(add_entry.get());
      for (int a = 0; a < 3; ++a) {
        sqlite3_bind_int64(add_action.get(), 1, c + 1);
        sqlite3_bind_text(add_action.get(), 2, ref.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(add_action.get(), 3, fmt::format("action_{}", a).c_str(), -1, SQLITE_TRANSIENT);
        const std::string due = fmt::format("2026-{:02}-{:02}", 1 + (c + a) % 12, 1 + (c * 7 + a) % 28);
        sqlite3_bind_text(add_action.get(), 4, due.c_str(), -1, SQLITE_TRANSIENT);
        check(sqlite3_step(add_action.get()), db);
        sqlite3_reset(add_action.get());
      }
    }
    for (long e = 0; e < events; ++e) {
      const std::string ref = case_reference(e % cases);
      const std::string date = fmt::format("20{:02}-{:02}-{:02}", 24 + e % 3, 1 + (e / 3) % 12, 1 + (e / 7) % 28);
      sqlite3_bind_text(add_event.get(), 1, ref.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(add_event.get(), 2, kinds[(e / cases) % 5], -1, SQLITE_STATIC);
      sqlite3_bind_text(add_event.get(), 3, date.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(add_event.get(), 4, (e * 37) % 1440);
      check(sqlite3_step(add_event.get()), db);
      sqlite3_reset(add_event.get());
    }
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db);
    add_case.reset();
    add_event.reset();
    add_entry.reset();
    add_action.reset();
    sqlite3_close(db);
  }
  ~SyntheticStore() {
    fs::remove(path);
    fs::remove(path.string() + "-wal");
    fs::remove(path.string() + "-shm");
  }
};

SyntheticStore& synthetic() {
  static SyntheticStore store;  // built on first use, removed at exit
  return store;
}

void BM_WindowedCount(benchmark::State& state) {
  Store store(synthetic().path);
  const Date from = *Date::parse("2025-01-01"), to = *Date::parse("2025-03-31");
  long i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(store.count_events(case_reference(i++ % 1000), "refusal", from, to));
  state.counters["events"] = static_cast<double>(synthetic().events);
}
BENCHMARK(BM_WindowedCount)->Unit(benchmark::kMicrosecond);

void BM_LoadChronology(benchmark::State& state) {
  Store store(synthetic().path);
  long i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(load_chronology(store, case_reference(i++ % 1000)));
}
BENCHMARK(BM_LoadChronology)->Unit(benchmark::kMicrosecond);

void BM_AppendEvent(benchmark::State& state) {
  Store store(synthetic().path);
  Event e;
  e.kind = "refusal";
  e.date = *Date::parse("2026-11-03");
  e.minute_of_day = 18 * 60 + 30;
  e.note = "Refused evening medication";
  e.recorded_by = "care_staff";
  long i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(store.append_event(case_reference(i++ % 1000), e));
}
BENCHMARK(BM_AppendEvent)->Unit(benchmark::kMicrosecond);

void BM_DueList(benchmark::State& state) {
  Store store(synthetic().path);
  std::size_t open = 0;
  for (auto _ : state) open = store.open_actions().size();
  state.counters["open_actions"] = static_cast<double>(open);
}
BENCHMARK(BM_DueList)->Unit(benchmark::kMillisecond);

// One case's open actions among all of them: what a case page and `due --case` read.
void BM_CaseOpenActions(benchmark::State& state) {
  Store store(synthetic().path);
  long i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(store.open_actions(case_reference(i++ % 1000)));
}
BENCHMARK(BM_CaseOpenActions)->Unit(benchmark::kMicrosecond);

// A real chain: records appended through Store (one commit each), then verified.
void BM_VerifyChain(benchmark::State& state) {
  const fs::path path = fs::temp_directory_path() / fmt::format("waymark-bench-chain-{}.db", ::getpid());
  fs::remove(path);
  {
    Store store(path);
    store.add_case("C-1");
    const std::string record =
        R"({"format":"waymark-evidence-record","session":{"case_reference":"C-1"},"outcome":{"actions":[]}})";
    for (long i = 0; i < state.range(0); ++i) store.add_record("C-1", record);
  }
  Store store(path);
  for (auto _ : state) {
    const ChainReport report = store.verify();
    if (!report.ok) state.SkipWithError(report.problem.c_str());
  }
  state.counters["entries"] = static_cast<double>(state.range(0));
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
}
BENCHMARK(BM_VerifyChain)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
