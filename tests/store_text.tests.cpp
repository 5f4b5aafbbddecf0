// Text entering the case store is valid UTF-8 without control characters; text an older store
// holds anyway is shown escaped, and the case can still be run and exported.
#include <sqlite3.h>
#include <waymark/store.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/run_command.h"

using namespace waymark;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

Event event(std::string note, std::string agency = "", std::string reason = "") {
  Event e;
  e.kind = "refusal";
  e.date = *Date::parse("2026-11-03");
  e.note = std::move(note);
  e.agency = std::move(agency);
  e.reason = std::move(reason);
  e.recorded_by = "worker";
  return e;
}

}  // namespace

TEST_CASE("the store refuses invalid UTF-8 and control characters in every text it keeps", "[store][text]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  Store store(path);
  store.add_case("C-1");
  for (const std::string& bad : {std::string("\xff\xfe bad"), std::string("a\x1b[2Jb"), std::string("nul\0", 4)}) {
    CHECK_THROWS_AS(store.append_event("C-1", event(bad)), Error);  // StoreError is a core Error
    CHECK_THROWS_WITH(store.append_event("C-1", event(bad)), Contains("an event's note"));
    CHECK_THROWS_WITH(store.append_event("C-1", event("", bad)), Contains("an event's agency"));
    CHECK_THROWS_WITH(store.append_event("C-1", event("", "", bad)), Contains("an event's presenting reason"));
    CHECK_THROWS_WITH(store.export_case("C-1", bad, "the adult", "worker"), Contains("an export's purpose"));
    CHECK_THROWS_WITH(store.export_case("C-1", "subject access", bad, "worker"), Contains("an export's recipient"));
    CHECK_THROWS_WITH(store.erase_case("C-1", "registered_manager", bad), Contains("an erasure's reason"));
  }
  CHECK_THROWS_WITH(store.append_event("C-1", event("a\x1b[2Jb")), Contains("control character (U+001B)"));
  CHECK_NOTHROW(store.append_event("C-1", event("two lines\nand\ta tab")));
  const nlohmann::json record = {{"format", "waymark-evidence-record"},
                                 {"session", {{"case_reference", "C-1"}}},
                                 {"outcome", {{"actions", {{{"id", "x"}, {"text", "\x1b[31mred"}}}}}}};
  CHECK_THROWS_WITH(store.add_record("C-1", record.dump()), Contains("a text in the record holds a control"));
  CHECK(store.events("C-1").size() == 1);
  CHECK(store.entries("C-1").size() == 1);  // nothing refused reached the chain
}

TEST_CASE("text an older store holds is escaped on reading, and the case still exports", "[store][text]") {
  const fs::path path = fs::path(test::temp_dir()) / "cases.db";
  {
    Store store(path);
    store.add_case("C-1");
    store.append_event("C-1", event("fine"));
  }
  // What an older Waymark let in: invalid UTF-8 and an escape sequence in a note.
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  REQUIRE(sqlite3_exec(db,
                       "DROP TRIGGER events_no_update; UPDATE events SET note = x'fffe20626164', "
                       "agency = 'a' || char(27) || '[2J' WHERE id = 1",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  Store store(path);
  const auto events = store.events("C-1");
  REQUIRE(events.size() == 1);
  CHECK(events[0].event.note == "\\xff\\xfe bad");
  CHECK(events[0].event.agency == "a\\u{1b}[2J");
  CHECK(load_chronology(store, "C-1").events().size() == 1);
  const auto exported = nlohmann::json::parse(store.export_case("C-1", "subject access", "the adult", "worker"));
  CHECK(exported["events"][0]["note"] == "\\xff\\xfe bad");
}
