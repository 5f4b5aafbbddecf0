// A case's chronology: events kept in time order, counted in a window, the latest found.
#include <waymark/chronology.h>

#include <catch2/catch.hpp>

using namespace waymark;

namespace {
Event event(std::string kind, const char* date, std::optional<int> minute = std::nullopt) {
  Event e;
  e.kind = std::move(kind);
  e.date = *Date::parse(date);
  e.minute_of_day = minute;
  return e;
}
}  // namespace

TEST_CASE("a chronology counts events of a kind in a window, ends included", "[chronology]") {
  Chronology c({event("refusal", "2026-11-20", 18 * 60), event("refusal", "2026-11-18", 18 * 60),
                event("missed_appointment", "2026-11-19"), event("refusal", "2026-11-10")});
  CHECK(c.count("refusal", *Date::parse("2026-11-18"), *Date::parse("2026-11-24")) == 2);
  CHECK(c.count("refusal", *Date::parse("2026-11-01"), *Date::parse("2026-11-30")) == 3);
  CHECK(c.count("no_access_visit", *Date::parse("2026-11-01"), *Date::parse("2026-11-30")) == 0);
}

TEST_CASE("a chronology keeps events in time order and finds the latest before a date", "[chronology]") {
  Chronology c;
  c.add(event("refusal", "2026-11-20", 9 * 60));
  c.add(event("refusal", "2026-11-20"));
  c.add(event("refusal", "2026-11-02"));
  REQUIRE(c.events().size() == 3);
  CHECK(c.events()[0].date == *Date::parse("2026-11-02"));
  CHECK_FALSE(c.events()[1].minute_of_day.has_value());  // untimed first on the same day
  CHECK(c.last("refusal", *Date::parse("2026-11-19"))->date == *Date::parse("2026-11-02"));
  CHECK(c.last("refusal", *Date::parse("2026-11-01")) == nullptr);
}
