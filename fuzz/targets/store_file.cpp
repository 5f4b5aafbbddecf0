// A case store file as someone might hand one over: damaged, truncated, edited with sqlite3 or
// written by an older Waymark. Opened (migrating it forward), verified, and read the way the
// commands read it: the due list, and for each seed case its events, chronology, chain entries
// (records rendered and explained), actions, timeline and an export. A store that cannot be read
// must say so with a StoreError (a waymark::Error); nothing else may leave.
#include <waymark/store.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "fuzz_support.h"

namespace {

namespace fs = std::filesystem;

// The references the committed seeds hold (fuzz/README.md says how they were made).
constexpr const char* seed_cases[] = {"C-1042", "C-7", "C-1"};

void read_case(const waymark::Store& store, const std::string& reference) {
  using namespace waymark;
  if (!store.has_case(reference)) return;
  (void)store.events(reference);
  (void)load_chronology(store, reference);
  for (const ChainEntry& entry : store.entries(reference)) {
    if (entry.kind != "record" || entry.body.empty()) continue;
    try {
      (void)render_record(entry.body, RecordStyle::markdown);
      (void)explain_record(entry.body);
    } catch (const Error&) {
    }
  }
  (void)store.actions(reference);
  (void)case_timeline(store, reference, *Date::from_ymd(2026, 12, 3));
}

void read_store(const fs::path& path) {
  using namespace waymark;
  Store store(path);
  (void)store.verify();
  (void)store.open_actions();
  for (const char* reference : seed_cases) {
    try {
      read_case(store, reference);
      if (store.has_case(reference))
        (void)store.export_case(reference, "fuzzing", "nobody", "records_officer");
    } catch (const Error&) {
    }
  }
}

// The store file and the files SQLite keeps beside it.
void remove_store(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path path = fs::temp_directory_path() / ("waymark-fuzz-store-" + std::to_string(::getpid()) + ".db");
  remove_store(path);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    read_store(path);
  } catch (const waymark::Error&) {
  }
  remove_store(path);
  return 0;
}
