// Chronology as session input: [[event]] tables in answers files (and their errors, with
// positions), Session::set_chronology, and events kept in saved sessions.
#include <waymark/answers_file.h>
#include <waymark/loader.h>
#include <waymark/record.h>
#include <waymark/session.h>

#include <catch2/catch.hpp>

using namespace waymark;
using Catch::Matchers::Contains;

namespace {

std::shared_ptr<const Policy> fixture_policy() {
  static const auto policy = load_policy_file(std::string(WAYMARK_FIXTURES) + "/answers_policy.toml");
  return policy;
}

const std::string answers = "[answers]\nrisk = \"only\"\ntried = []\nmissed = 0\nlast_contact = 2026-10-01\n\n";

// The first error reading `text` as an answers file, as file:line:column: message.
std::string first_error(const std::string& text) {
  try {
    parse_answers_text(text, "events.toml", *fixture_policy());
  } catch (const PolicyError& e) {
    return e.diagnostics().front().format();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("an answers file's [[event]] tables become the session's chronology", "[events]") {
  const std::string text = answers + R"([[event]]
kind = "refusal"
date = 2026-11-20
time = "19:30"
agency = "home care"
reason = "evening medication"
note = "Refused; said she had already taken it."
recorded_by = "care worker"

[[event]]
kind = "referral"
date = 2026-11-02
)";
  const AnswersFile file = parse_answers_text(text, "events.toml", *fixture_policy());
  REQUIRE(file.events.size() == 2);
  CHECK(file.events[0].minute_of_day == 19 * 60 + 30);
  CHECK(file.events[0].recorded_by == "care worker");
  CHECK_FALSE(file.events[1].minute_of_day);

  const Session session = start_session(fixture_policy(), file, *Date::parse("2026-11-25"), "t");
  REQUIRE(session.chronology());
  // Kept in date order, whatever the file's order.
  CHECK(session.chronology()->events().front().kind == "referral");
  CHECK(session.chronology()->events().back().note == "Refused; said she had already taken it.");
}

TEST_CASE("bad [[event]] tables are refused with file, line and column", "[events]") {
  SECTION("an unknown key") {
    CHECK_THAT(first_error(answers + "[[event]]\nkind = \"refusal\"\ndate = 2026-11-20\nwho = \"Jane\"\n"),
               Contains("events.toml:10:1") && Contains("who"));
  }
  SECTION("a time not written HH:MM") {
    CHECK_THAT(first_error(answers + "[[event]]\nkind = \"refusal\"\ndate = 2026-11-20\ntime = \"7pm\"\n"),
               Contains("events.toml:10:8") && Contains("\"HH:MM\""));
  }
  SECTION("a kind that is not an identifier") {
    CHECK_THAT(first_error(answers + "[[event]]\nkind = \"Missed Visit\"\ndate = 2026-11-20\n"),
               Contains("events.toml:8:8") && Contains("lower case"));
  }
  SECTION("a missing date") {
    CHECK_THAT(first_error(answers + "[[event]]\nkind = \"refusal\"\n"), Contains("required date 'date'"));
  }
  SECTION("a date in quotes") {
    CHECK_THAT(first_error(answers + "[[event]]\nkind = \"refusal\"\ndate = \"2026-11-20\"\n"),
               Contains("events.toml:9:8"));
  }
}

TEST_CASE("a saved session keeps its chronology", "[events][session]") {
  Session session(fixture_policy(), *Date::parse("2026-11-25"));
  Event e;
  e.kind = "refusal";
  e.date = *Date::parse("2026-11-20");
  e.minute_of_day = 600;
  e.note = "Refused personal care.";
  session.set_chronology(std::make_shared<const Chronology>(std::vector<Event>{e}));
  session.answer("risk", Answer::of_choice("only"), "t");

  const Session resumed = Session::from_json(session.to_json(), fixture_policy());
  REQUIRE(resumed.chronology());
  REQUIRE(resumed.chronology()->events().size() == 1);
  const Event& back = resumed.chronology()->events().front();
  CHECK(back.kind == "refusal");
  CHECK(back.date == e.date);
  CHECK(back.minute_of_day == 600);
  CHECK(back.note == e.note);
  CHECK(resumed.answer_of("risk") != nullptr);

  SECTION("the evidence record lists the events the conditions read") {
    const std::string record = evidence_record_json(session, "2026-11-25T10:00:00Z");
    CHECK_THAT(record,
               Contains("\"events\"") && Contains("\"minute_of_day\": 600") && Contains("Refused personal care."));
  }
  SECTION("a session without events saves none") {
    const Session plain(fixture_policy(), *Date::parse("2026-11-25"));
    CHECK(plain.to_json().find("\"events\"") == std::string::npos);
    CHECK_FALSE(Session::from_json(plain.to_json(), fixture_policy()).chronology());
  }
}
