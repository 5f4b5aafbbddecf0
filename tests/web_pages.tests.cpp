// `waymark serve`: Back keeping later answers, the bundled assets, and headers on every response.
#include <algorithm>
#include <waymark/store.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <thread>

#include "support/web_client.h"

using Catch::Matchers::Contains;
using test::Browser;
using test::WebServer;

namespace {
const std::string adult = "/policies/adult-non-engagement";
}

TEST_CASE("Back and a re-sent earlier answer keep every later answer", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    REQUIRE(browser.get(adult)->status == 200);
    const std::string started = browser.post(adult + "/start", {})->get_header_value("Location");
    const std::string base = started.substr(0, started.rfind("/questions/"));
    REQUIRE(started == base + "/questions/aged_18_or_over");
    auto first = browser.post(base + "/questions/aged_18_or_over", {{"answer", "yes"}});
    REQUIRE(first->get_header_value("Location") == base + "/questions/risk_basis");
    auto second = browser.post(base + "/questions/risk_basis", {{"answer", "only_not_engaging"}});
    const std::string third = second->get_header_value("Location");
    REQUIRE(third.find("/questions/") != std::string::npos);

    // The third question's Back link leads to the second, which shows its answer.
    CHECK_THAT(browser.get(third)->body,
               Contains("href=\"" + base + "/questions/risk_basis\" class=\"govuk-back-link\""));
    auto back = browser.get(base + "/questions/risk_basis");
    CHECK_THAT(back->body, Contains("value=\"only_not_engaging\" checked"));
    CHECK_THAT(back->body, Contains("href=\"" + base + "/questions/aged_18_or_over\" class=\"govuk-back-link\""));

    // Sending the first answer again skips the second: it is still answered.
    auto again = browser.post(base + "/questions/aged_18_or_over", {{"answer", "yes"}});
    CHECK(again->get_header_value("Location") == third);
    CHECK_THAT(browser.get(base + "/questions/risk_basis")->body, Contains("value=\"only_not_engaging\" checked"));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the assets are govuk-frontend's, built into the binary, without GOV.UK-only fonts", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    auto css = browser.get("/assets/waymark.css");
    REQUIRE(css->status == 200);
    CHECK_THAT(css->get_header_value("Content-Type"), Contains("text/css"));
    CHECK_THAT(css->body,
               Contains("govuk-frontend") && Contains(".govuk-radios__input") && Contains(".waymark-action"));
    CHECK(css->body.find("GDS Transport") == std::string::npos);
    CHECK(css->body.find("@font-face") == std::string::npos);
    CHECK(css->body.find("url(http") == std::string::npos);  // nothing from elsewhere, not even a font
    CHECK(css->body.find("@import") == std::string::npos);

    auto script = browser.get("/assets/govuk-frontend.min.js");
    REQUIRE(script->status == 200);
    CHECK_THAT(script->get_header_value("Content-Type"), Contains("javascript"));
    CHECK_THAT(browser.get("/assets/waymark.js")->body, Contains("initAll"));
    CHECK(browser.get("/assets/no-such-file.css")->status == 404);
    const int traversal = browser.get("/assets/../policies")->status;
    CHECK((traversal == 400 || traversal == 404));

    // Pages load only the binary's own files, and scripts only from a file (strict CSP).
    auto list = browser.get("/");
    CHECK_THAT(list->body, Contains("<script type=\"module\" src=\"/assets/waymark.js\"></script>"));
    CHECK(list->body.find("<script>") == std::string::npos);
    CHECK(list->body.find("style=") == std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("error pages carry the same strict headers as every page", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    REQUIRE(browser.get(adult)->status == 200);
    for (const auto& result : {browser.get("/no/such/page"), browser.post(adult + "/start", {}, false),
                               browser.post(adult + "/start", {{"case", std::string(100 * 1024, 'x')}})}) {
      REQUIRE(result);
      CHECK(result->status >= 400);
      CHECK(result->status < 500);
      CHECK_THAT(result->get_header_value("Content-Security-Policy"), Contains("default-src 'self'"));
      CHECK(result->get_header_value("Cache-Control") == "no-store");
      CHECK_THAT(result->body, Contains("govuk-heading-l"));
    }
    CHECK(browser.post("/policies/no-such-policy/start", {})->status == 404);
    const std::string started = browser.post(adult + "/start", {})->get_header_value("Location");
    const std::string base = started.substr(0, started.rfind("/questions/"));
    CHECK(browser.post(base + "/actions/no_such_action", {{"judgement", "accept"}})->status == 404);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("pages and assets are sent uncompressed, even to a browser accepting Brotli", "[web]") {
  // Compressing each page at Brotli's slowest setting cost more than the whole walk-through's
  // other server work; over loopback nothing is gained.
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    httplib::Client client("127.0.0.1", server.port());
    const httplib::Headers accepts = {{"Accept-Encoding", "gzip, deflate, br"}};
    for (const char* path : {"/", "/assets/waymark.css", "/policies/no-such-policy"}) {
      auto result = client.Get(path, accepts);
      REQUIRE(result);
      CHECK_FALSE(result->has_header("Content-Encoding"));
      CHECK(result->get_header_value("Content-Length") == std::to_string(result->body.size()));
    }
    CHECK_THAT(client.Get("/", accepts)->body, Contains("<!DOCTYPE html>"));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("an answer of the wrong type or out of range gets the question again with 422", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    const std::string fixture = "/policies/web-fixture";
    REQUIRE(browser.get(fixture)->status == 200);
    const std::string started = browser.post(fixture + "/start", {})->get_header_value("Location");
    const std::string base = started.substr(0, started.rfind("/questions/"));
    REQUIRE(started == base + "/questions/spoke");
    REQUIRE(browser.post(base + "/questions/spoke", {{"answer", "yes"}})->status == 303);

    const auto refused = [&](const std::string& question, const httplib::Params& params) {
      auto result = browser.post(base + "/questions/" + question, params);
      REQUIRE(result);
      CHECK(result->status == 422);
      CHECK_THAT(result->body, Contains("There is a problem") && Contains("href=\"#answer\""));
    };
    refused("spoke", {{"answer", "yes"}, {"answer", "no"}});  // two answers to one question
    refused("tried", {{"answer", "no-such-option"}});
    refused("tried",
            {{"answer", "none"},
             {"answer", server.registry().find("web-fixture")->policy->find_question("tried")->options.front().id}});
    REQUIRE(browser.post(base + "/questions/tried", {{"answer", "none"}})->status == 303);
    refused("missed", {{"answer", "several"}});
    refused("missed", {{"answer", "101"}});
    refused("missed", {{"answer", "-1"}});
    REQUIRE(browser.post(base + "/questions/missed", {{"answer", "4"}})->status == 303);
    refused("last_contact", {{"answer-day", "31"}, {"answer-month", "2"}, {"answer-year", "2026"}});
    refused("last_contact", {{"answer-day", "x"}, {"answer-month", "2"}, {"answer-year", "2026"}});
    // A refused answer is shown again as typed, so it can be corrected.
    CHECK_THAT(browser.post(base + "/questions/missed", {{"answer", "lots"}})->body, Contains("value=\"lots\""));
    // Refusals are worded for a form, not the terminal.
    const auto reason = [&](const std::string& question, const httplib::Params& params) {
      return browser.post(base + "/questions/" + question, params)->body;
    };
    CHECK_THAT(reason("missed", {{"answer", "101"}}), Contains("Enter a number that is 100 or less"));
    CHECK_THAT(reason("missed", {{"answer", "lots"}}), Contains("Enter a number, like 3"));
    CHECK_THAT(reason("tried", {{"answer", "bogus"}}), Contains("Select the answers that apply"));
    const std::string date =
        reason("last_contact", {{"answer-day", "0x"}, {"answer-month", "2"}, {"answer-year", "2026"}});
    CHECK_THAT(date, Contains("Enter a real date, for example 27 3 2026"));
    CHECK(date.find("YYYY-MM-DD") == std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a browser id the server did not sign is not taken", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    REQUIRE(browser.get("/")->status == 200);
    const std::string given = browser.cookie();
    CHECK(given.size() == std::string("waymark_session=").size() + 64);

    // The same browser keeps its id; a made-up one is replaced, and its forms are refused.
    CHECK(browser.get("/")->get_header_value("Set-Cookie").empty());
    Browser forger(server.port());
    forger.set_cookie("waymark_session=" + std::string(64, 'a'));
    CHECK_THAT(forger.get(adult)->get_header_value("Set-Cookie"), Contains("waymark_session="));
    forger.set_cookie("waymark_session=" + std::string(64, 'a'));
    CHECK(forger.post(adult + "/start", {})->status == 403);
  }
  std::filesystem::remove_all(dir);
}

namespace {

// Starts the fixture and answers up to (not including) its free-text question; returns its path.
std::string walk_fixture_to_notes(Browser& browser) {
  const std::string fixture = "/policies/web-fixture";
  REQUIRE(browser.get(fixture)->status == 200);
  std::string at = browser.post(fixture + "/start", {{"case", "CASE-A"}})->get_header_value("Location");
  const std::string base = at.substr(0, at.rfind("/questions/"));
  REQUIRE(browser.post(at, {{"answer", "yes"}})->status == 303);
  REQUIRE(browser.post(base + "/questions/tried", {{"answer", "none"}})->status == 303);
  REQUIRE(browser.post(base + "/questions/missed", {{"answer", "4"}})->status == 303);
  auto dated = browser.post(base + "/questions/last_contact",
                            {{"answer-day", "7"}, {"answer-month", "11"}, {"answer-year", "2026"}});
  REQUIRE(dated->status == 303);
  REQUIRE(dated->get_header_value("Location") == base + "/questions/notes");
  return base + "/questions/notes";
}

std::string base_of(const std::string& question_path) {
  return question_path.substr(0, question_path.rfind("/questions/"));
}

}  // namespace

TEST_CASE("text that is not UTF-8 is refused with 422 and leaves the walk-through as it was", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    const std::string notes = walk_fixture_to_notes(browser);
    const std::string base = base_of(notes);

    auto bad = browser.post(notes, {{"answer", "bad\xFF\xFE"}});
    REQUIRE(bad);
    CHECK(bad->status == 422);
    CHECK_THAT(bad->body, Contains("There is a problem") && Contains("cannot be read as text"));
    // An overlong "/", a UTF-16 surrogate and a code point past U+10FFFF: shaped like UTF-8, but
    // not it.
    for (const char* forged : {"a\xC0\xAF", "a\xED\xA0\x80", "a\xF4\x90\x80\x80"}) {
      auto refused = browser.post(notes, {{"answer", forged}});
      REQUIRE(refused);
      CHECK(refused->status == 422);
      CHECK_THAT(refused->body, Contains("cannot be read as text"));
    }
    REQUIRE(browser.post(notes, {{"answer", "Said she was fine"}})->status == 303);
    CHECK(browser.get(base + "/record.json")->status == 200);

    auto reason = browser.post(base + "/actions/review", {{"judgement", "adapt"}, {"reason", "bad\xC3\x28"}});
    REQUIRE(reason);
    CHECK(reason->status == 422);
    CHECK_THAT(reason->body, Contains("There is a problem") && Contains("cannot be read as text"));
    // Nothing half-applied: the record still downloads, with no judgement, and the same after a
    // restart.
    auto record = browser.get(base + "/record.json");
    REQUIRE(record->status == 200);
    CHECK(record->body.find("\"adapt\"") == std::string::npos);
    CHECK(browser.get(base + "/record.md")->status == 200);
    const std::string cookie = browser.cookie();
    WebServer restarted(dir);
    Browser same(restarted.port());
    same.set_cookie(cookie);
    CHECK(same.get(base + "/record.json")->status == 200);

    // A case reference that is not text starts nothing, and is not shown back.
    const std::string walks_before = same.get("/policies/web-fixture")->body;
    auto start = same.post("/policies/web-fixture/start", {{"case",
                                                            "C-\xFF"
                                                            "1"}});
    REQUIRE(start);
    CHECK(start->status == 422);
    CHECK_THAT(start->body, Contains("There is a problem"));
    CHECK(start->body.find("C-\xFF") == std::string::npos);
    CHECK(same.get("/policies/web-fixture")->body == walks_before);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a free-text answer of about 10 KiB is taken, well under the 64 KiB limit", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    const std::string notes = walk_fixture_to_notes(browser);
    std::string long_text;
    for (int i = 0; i < 1800; ++i) long_text += "\xC3\xA9";  // "é": 6 bytes each once url-encoded, over 10 KiB
    auto answered = browser.post(notes, {{"answer", long_text}});
    REQUIRE(answered);
    CHECK(answered->status == 303);
    CHECK(browser.get(base_of(notes) + "/record.json")->body.find(long_text) != std::string::npos);
    // A judgement's reason of the same length is taken too.
    CHECK(browser.post(base_of(notes) + "/actions/review", {{"judgement", "adapt"}, {"reason", long_text}})->status ==
          303);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a request cannot write lines or NUL bytes of its own into the log", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    httplib::Client client("127.0.0.1", server.port());
    CHECK(client.Get("/policies/x%0APOST%20/policies/forged%20303")->status == 404);
    CHECK(client.Get("/policies/y%00z%0D")->status == 404);
    // Each request may be logged by its own server thread, in either order: wait for both.
    server.log_once_logged("GET /policies/x");
    const std::string log = server.log_once_logged("GET /policies/y");
    CHECK(log.find('\0') == std::string::npos);
    CHECK(log.find('\r') == std::string::npos);
    CHECK_THAT(log, Contains("GET /policies/x\\x0APOST /policies/forged 303 404\n"));
    CHECK_THAT(log, Contains("GET /policies/y\\x00z\\x0D 404\n"));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("methods other than GET and POST get 405", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    httplib::Client client("127.0.0.1", server.port());
    CHECK(client.Put("/", "x", "text/plain")->status == 405);
    CHECK(client.Delete("/policies/adult-non-engagement")->status == 405);
    auto options = client.Options("/");
    CHECK(options->status == 405);
    CHECK(options->get_header_value("Allow") == "GET, HEAD, POST");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("two walk-throughs of one policy in one browser keep their own answers", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    const std::string fixture = "/policies/web-fixture";
    // Tab A walks case CASE-A to its free-text question; tab B starts CASE-B.
    const std::string notes_a = walk_fixture_to_notes(browser);
    const std::string started_b = browser.post(fixture + "/start", {{"case", "CASE-B"}})->get_header_value("Location");
    REQUIRE(base_of(started_b) != base_of(notes_a));
    // Tab A, still open, sends its answer: it goes to case A, not B.
    REQUIRE(browser.post(notes_a, {{"answer", "Answer for A"}})->status == 303);
    const std::string record_a = browser.get(base_of(notes_a) + "/record.json")->body;
    CHECK_THAT(record_a, Contains("CASE-A") && Contains("Answer for A"));
    auto b = browser.get(started_b);
    CHECK(b->status == 200);
    CHECK_THAT(b->body, Contains("Have you spoken to the adult?"));
    // The start page lists both, and starting again adds a third instead of wiping one.
    auto start = browser.get(fixture);
    CHECK_THAT(start->body, Contains("CASE-A") && Contains("CASE-B") && Contains("Start a new walk-through"));
    CHECK_THAT(start->body, Contains(base_of(notes_a) + "/outcome"));
    REQUIRE(browser.post(fixture + "/start", {})->status == 303);
    CHECK_THAT(browser.get(base_of(notes_a) + "/record.json")->body, Contains("Answer for A"));
    // Each walk-through is saved as the CLI's session file, one per walk id.
    std::size_t files = 0;
    for (const auto& file : std::filesystem::recursive_directory_iterator(dir))
      if (file.path().extension() == ".json") ++files;
    CHECK(files == 3);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a bad case reference shows the start page again with an error summary", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    REQUIRE(browser.get(adult)->status == 200);
    auto refused = browser.post(adult + "/start", {{"case", "Jane Smith"}});
    CHECK(refused->status == 422);
    CHECK_THAT(refused->body, Contains("There is a problem") && Contains("href=\"#case\"") &&
                                  Contains("Case reference (optional)") && Contains("value=\"Jane Smith\""));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the outcome and record pages show every action's details, named for screen readers", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    const std::string notes = walk_fixture_to_notes(browser);
    REQUIRE(browser.post(notes, {{"answer", "fine"}})->status == 303);
    const std::string base = base_of(notes);
    auto outcome = browser.get(base + "/outcome");
    CHECK_THAT(outcome->body, Contains("Your judgement<span class=\"govuk-visually-hidden\"> on: "
                                       "Review the case.</span></legend>"));
    CHECK_THAT(outcome->body, Contains("Evidence to record") && Contains("Not stated by the source"));
    REQUIRE(
        browser.post(base + "/actions/review", {{"judgement", "adapt"}, {"reason", "Sooner than six weeks"}})->status ==
        303);
    auto record = browser.get(base + "/record");
    REQUIRE(record->status == 200);
    for (const char* row : {"Why", "Source", "Evidence to record", "Practitioner&#39;s judgement", "Status", "Made with", "Complete"})
      CHECK_THAT(record->body, Contains(std::string(">") + row));
    CHECK_THAT(record->body, Contains("adapt: Sooner than six weeks"));
    auto markdown = browser.get(base + "/record.md");
    REQUIRE(markdown->status == 200);
    CHECK_THAT(markdown->body, Contains("Sooner than six weeks"));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the scripts served carry no reference to a source map that is not served", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    for (const char* asset : {"/assets/govuk-frontend.min.js", "/assets/waymark.css"}) {
      auto result = browser.get(asset);
      REQUIRE(result->status == 200);
      CHECK(result->body.find("sourceMappingURL") == std::string::npos);
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("with the case store the page shows a case's timeline, the due list, and files records", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    waymark::Store store(dir / "cases.db");
    store.add_case("C-7");
    waymark::Event refusal;
    refusal.kind = "refusal";
    refusal.date = *waymark::Date::parse("2026-11-02");
    refusal.note = "Declined the visit";
    refusal.recorded_by = "social_worker";
    store.append_event("C-7", refusal);
    waymark::Event visit = refusal;
    visit.kind = "home_visit";
    store.append_event("C-7", visit);
    WebServer server(dir / "sessions", &store);
    Browser browser(server.port());

    auto list = browser.get("/");
    CHECK_THAT(list->body, Contains("href=\"/cases\"") && Contains("href=\"/due\""));
    auto timeline = browser.get("/cases/C-7");
    REQUIRE(timeline->status == 200);
    CHECK_THAT(timeline->body, Contains("2026-11-02") && Contains("refusal") && Contains("Declined the visit") &&
                                   Contains("social_worker") && Contains("govuk-table"));
    // The timeline picture is in the page: one mark for the event, today's date, no script.
    CHECK_THAT(timeline->body, Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"waymark-timeline\"") &&
                                   Contains("data-kind=\"refusal\" data-date=\"2026-11-02\"") &&
                                   Contains("class=\"wm-today\""));
    // "refusal" is no loaded policy's kind: it counts for nothing, and the page says so.
    CHECK_THAT(timeline->body, Contains("Case C-7 has events no loaded policy reads: 1 <code>refusal</code>") &&
                                   Contains("No loaded policy reads this kind") &&
                                   Contains("<code>home_visit</code>: Home visit (read by web-fixture)"));
    CHECK(timeline->body.find("No loaded policy reads this kind") ==
          timeline->body.rfind("No loaded policy reads this kind"));
    CHECK(browser.get("/cases?case=C-7")->get_header_value("Location") == "/cases/C-7");
    CHECK(browser.get("/cases?case=C-99")->status == 404);
    CHECK(browser.get("/cases?case=Jane%20Smith")->status == 422);
    CHECK(browser.get("/cases/C-99")->status == 404);
    CHECK_THAT(browser.get("/due")->body, Contains("No open actions"));

    // A finished walk-through of case C-7 is filed with it; its action is then due.
    const std::string base = test::walk_web_fixture(browser, {{"case", "C-7"}});
    auto outcome = browser.get(base + "/outcome");
    CHECK_THAT(outcome->body, Contains("File the record with case C-7"));
    // As `run --case` says on stderr: what the policy read of the chronology, and what nothing reads.
    CHECK_THAT(outcome->body,
               Contains("The chronology of case C-7 holds 2 events. This policy read 1 event: 1 Home visit "
                        "(<code>home_visit</code>).") &&
                   Contains("Case C-7 has events no loaded policy reads: 1 <code>refusal</code>."));
    // The record page draws the chronology the walk-through read.
    CHECK_THAT(browser.get(base + "/record")->body,
               Contains(">Chronology</h2>") && Contains("data-kind=\"refusal\" data-date=\"2026-11-02\""));
    auto filed = browser.post(base + "/file", {{"confirm", "yes"}});
    REQUIRE(filed->status == 303);
    CHECK_THAT(filed->get_header_value("Location"), Contains("/cases/C-7?filed="));
    // Events are chain entries too: one record, filed once.
    const auto entries = store.entries("C-7");
    CHECK(std::count_if(entries.begin(), entries.end(), [](const auto& e) { return e.kind == "record"; }) == 1);
    CHECK_THAT(browser.get("/cases/C-7")->body, Contains("Review the case.") && Contains("record") &&
                                                    Contains("class=\"wm-action\""));
    auto due = browser.get("/due");
    CHECK_THAT(due->body, Contains("Review the case.") && Contains("href=\"/cases/C-7\"") && Contains("1 open action"));
    // The owner is named as the policy names the role, not by its id.
    const std::string role_id_cell = "<td class=\"govuk-table__cell\">worker</td>";
    CHECK_THAT(due->body, Contains("<td class=\"govuk-table__cell\">The worker</td>"));
    CHECK(due->body.find(role_id_cell) == std::string::npos);
    auto case_with_record = browser.get("/cases/C-7");
    CHECK_THAT(case_with_record->body, Contains("<td class=\"govuk-table__cell\">The worker</td>"));
    CHECK(case_with_record->body.find(role_id_cell) == std::string::npos);
    // A record made under a version of the policy this server has not loaded keeps the role id.
    std::string old_record = store.entries("C-7").back().body;
    const std::string version = "\"version\": \"1.0.0\"";
    REQUIRE(old_record.find(version) != std::string::npos);
    old_record.replace(old_record.find(version), version.size(), "\"version\": \"0.9.0\"");
    store.add_record("C-7", old_record);
    due = browser.get("/due");
    CHECK_THAT(due->body, Contains("2 open actions") && Contains(role_id_cell) &&
                              Contains("<td class=\"govuk-table__cell\">The worker</td>"));
    CHECK_THAT(browser.get("/cases/C-7")->body,
               Contains(role_id_cell) && Contains("<td class=\"govuk-table__cell\">The worker</td>"));

    // A walk-through without a case in the store cannot be filed.
    const std::string other = test::walk_web_fixture(browser, {{"case", "C-8"}});
    CHECK_THAT(browser.get(other + "/outcome")->body, Contains("holds no case"));
    CHECK(browser.post(other + "/file", {{"confirm", "yes"}})->status == 409);
  }
  std::filesystem::remove_all(dir);
}

namespace {

// Starts the fixture for `reference` and answers every question; returns the walk's address.
std::string walk_fixture_for_case(Browser& browser, const std::string& reference) {
  return test::walk_web_fixture(browser, {{"case", reference}});
}

std::size_t records_of(const waymark::Store& store, const std::string& reference) {
  std::size_t records = 0;
  for (const auto& entry : store.entries(reference)) records += entry.kind == "record";
  return records;
}

}  // namespace

TEST_CASE("a walk-through's record is filed once, however often the button is pressed", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    waymark::Store store(dir / "cases.db");
    store.add_case("C-7");
    std::string base, cookie;
    {
      WebServer server(dir / "sessions", &store);
      Browser browser(server.port());
      base = walk_fixture_for_case(browser, "C-7");
      cookie = browser.cookie();
      REQUIRE_THAT(browser.get(base + "/outcome")->body, Contains("File the record with case C-7"));
      auto first = browser.post(base + "/file", {{"confirm", "yes"}});
      REQUIRE(first->status == 303);
      CHECK_THAT(first->get_header_value("Location"), Contains("/cases/C-7?filed="));
      CHECK(records_of(store, "C-7") == 1);

      // Reload-resubmit, or Back and press again: the outcome page says where it is filed.
      auto again = browser.post(base + "/file", {{"confirm", "yes"}});
      REQUIRE(again->status == 303);
      CHECK(again->get_header_value("Location") == base + "/outcome#filing");
      auto outcome = browser.get(base + "/outcome");
      CHECK_THAT(outcome->body, Contains("This record is filed with case") && Contains("href=\"/cases/C-7\""));
      CHECK(outcome->body.find("File the record with case C-7") == std::string::npos);
      CHECK(records_of(store, "C-7") == 1);

      // A double click: two presses at once.
      Browser other(server.port());
      other.set_cookie(cookie);
      REQUIRE(other.get(base + "/outcome")->status == 200);
      std::thread click([&] { other.post(base + "/file", {{"confirm", "yes"}}); });
      browser.post(base + "/file", {{"confirm", "yes"}});
      click.join();
      CHECK(records_of(store, "C-7") == 1);
      CHECK_THAT(browser.get("/due")->body, Contains("1 open action"));
    }
    // The walk-through stays filed after a restart.
    {
      WebServer restarted(dir / "sessions", &store);
      Browser same(restarted.port());
      same.set_cookie(cookie);
      CHECK_THAT(same.get(base + "/outcome")->body, Contains("This record is filed with case"));
      CHECK(same.post(base + "/file", {{"confirm", "yes"}})->status == 303);
      CHECK(records_of(store, "C-7") == 1);
    }
    // A store that does not hold the record (another one, or one restored from before the
    // filing) can have it filed.
    waymark::Store fresh(dir / "fresh.db");
    fresh.add_case("C-7");
    WebServer other_store(dir / "sessions", &fresh);
    Browser same(other_store.port());
    same.set_cookie(cookie);
    CHECK_THAT(same.get(base + "/outcome")->body, Contains("File the record with case C-7"));
    CHECK(same.post(base + "/file", {{"confirm", "yes"}})->status == 303);
    CHECK(same.post(base + "/file", {{"confirm", "yes"}})->get_header_value("Location") == base + "/outcome#filing");
    CHECK(records_of(fresh, "C-7") == 1);
    CHECK(records_of(store, "C-7") == 1);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the outcome page adds an action of the practitioner's, and filing unjudged actions asks first", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    waymark::Store store(dir / "cases.db");
    store.add_case("C-7");
    WebServer server(dir / "sessions", &store);
    Browser browser(server.port());
    const std::string base = walk_fixture_for_case(browser, "C-7");

    // An action the policy did not recommend: refused without a reason, kept with one.
    auto outcome = browser.get(base + "/outcome");
    REQUIRE_THAT(outcome->body, Contains("Add an action the policy did not recommend"));
    auto refused = browser.post(base + "/added-actions", {{"text", "Ask the GP for a joint visit"}, {"owner", "worker"}});
    CHECK(refused->status == 422);
    CHECK_THAT(refused->body, Contains("govuk-error-summary") && Contains("href=\"#added-text\"") &&
                                  Contains("Enter a reason") && Contains("value=\"Ask the GP for a joint visit\""));
    auto added = browser.post(base + "/added-actions", {{"text", "Ask the GP for a joint visit"},
                                                        {"owner", "worker"},
                                                        {"reason", "The GP sees her monthly"}});
    REQUIRE(added->status == 303);
    CHECK(added->get_header_value("Location") == base + "/outcome#added-actions");
    CHECK_THAT(browser.get(base + "/outcome")->body, Contains("Ask the GP for a joint visit") &&
                                                         Contains("The GP sees her monthly"));
    CHECK_THAT(browser.get(base + "/record")->body,
               Contains("Ask the GP for a joint visit") && Contains("The practitioner, not the policy"));

    // A changed answer is in the record page's history, from and to.
    REQUIRE(browser.post(base + "/questions/missed", {{"answer", "6"}, {"return", "check"}})->status == 303);
    auto record = browser.get(base + "/record");
    CHECK_THAT(record->body, Contains("Changes to answers") && Contains("How many appointments were missed?") &&
                                 Contains(">changed<") && Contains(">4<") && Contains(">6<"));

    // Filing with the recommended action unjudged says how many and asks; nothing is filed yet.
    CHECK_THAT(browser.get(base + "/outcome")->body, Contains("1 action has no judgement yet"));
    auto asked = browser.post(base + "/file", {});
    CHECK(asked->status == 200);
    CHECK_THAT(asked->body, Contains("1 recommended action has no judgement yet") &&
                                Contains("name=\"confirm\" value=\"yes\"") && Contains("File the record anyway"));
    CHECK(records_of(store, "C-7") == 0);
    auto filed = browser.post(base + "/file", {{"confirm", "yes"}});
    REQUIRE(filed->status == 303);
    CHECK(records_of(store, "C-7") == 1);
    // The added action is filed with the record and tracked.
    CHECK_THAT(browser.get("/due")->body, Contains("Ask the GP for a joint visit"));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a record whose actions are all judged is filed without asking", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    waymark::Store store(dir / "cases.db");
    store.add_case("C-7");
    WebServer server(dir / "sessions", &store);
    Browser browser(server.port());
    const std::string base = walk_fixture_for_case(browser, "C-7");
    REQUIRE(browser.post(base + "/actions/review", {{"judgement", "accept"}})->status == 303);
    CHECK(browser.get(base + "/outcome")->body.find("no judgement yet") == std::string::npos);
    CHECK(browser.post(base + "/file", {})->status == 303);
    CHECK(records_of(store, "C-7") == 1);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the case page links each record to its printable page, with its countersignature", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    waymark::Store store(dir / "cases.db");
    store.add_case("C-7");
    WebServer server(dir / "sessions", &store);
    Browser browser(server.port());

    // The role that completes the walk-through: a role id, never a name.
    REQUIRE(browser.get("/policies/web-fixture")->status == 200);
    auto named = browser.post("/policies/web-fixture/start", {{"case", "C-7"}, {"role", "Jane Smith"}});
    CHECK(named->status == 422);
    CHECK_THAT(named->body, Contains("href=\"#role\"") && Contains("Enter your role") &&
                                Contains("value=\"Jane Smith\""));
    const std::string base = test::finish_web_fixture(
        browser, browser.post("/policies/web-fixture/start", {{"case", "C-7"}, {"role", "social_worker"}})
                     ->get_header_value("Location"));
    auto record_page = browser.get(base + "/record");
    CHECK_THAT(record_page->body, Contains("Completed by (role)") && Contains("social_worker"));
    // The jargon is at the end, under its own heading.
    const auto technical = record_page->body.find("Technical details");
    REQUIRE(technical != std::string::npos);
    CHECK(record_page->body.find("Policy content hash") > technical);
    CHECK(record_page->body.find(">Answers<") < technical);

    REQUIRE(browser.post(base + "/file", {{"confirm", "yes"}})->status == 303);
    const auto entries = store.entries("C-7");
    REQUIRE(entries.size() == 1);
    const std::string seq = std::to_string(entries[0].seq);
    store.countersign("C-7", entries[0].seq, "team_manager", "Agreed at supervision");

    auto case_page = browser.get("/cases/C-7");
    CHECK_THAT(case_page->body, Contains("href=\"/cases/C-7/records/" + seq + "\">Record " + seq + "</a>") &&
                                    Contains("completed by social_worker") &&
                                    Contains("Countersignature of <a class=\"govuk-link\" href=\"/cases/C-7/records/" +
                                             seq + "\">record " + seq + "</a> by team_manager"));
    auto printable = browser.get("/cases/C-7/records/" + seq);
    REQUIRE(printable->status == 200);
    CHECK_THAT(printable->body, Contains("Evidence record: Fixture for the web page") && Contains("Review the case.") &&
                                    Contains("Countersignatures") && Contains("team_manager") &&
                                    Contains("Agreed at supervision") && Contains("Technical details") &&
                                    Contains("Case store chain entry"));
    CHECK(printable->body.find("Your judgement") == std::string::npos);
    CHECK(browser.get("/cases/C-7/records/99")->status == 404);
    CHECK(browser.get("/cases/C-99/records/" + seq)->status == 404);

    // The due list's filters, as `waymark due` takes them.
    CHECK_THAT(browser.get("/due?case=C-7&owner=worker")->body, Contains("1 open action") && Contains("Review the case."));
    CHECK_THAT(browser.get("/due?owner=line_manager")->body, Contains("No open actions match the filter"));
    CHECK_THAT(browser.get("/due?overdue=yes")->body, Contains("No open actions match the filter"));
    CHECK_THAT(browser.get("/due?case=C-8")->body, Contains("No open actions match the filter"));
    auto bad_owner = browser.get("/due?owner=Jane%20Smith");
    CHECK(bad_owner->status == 422);
    CHECK_THAT(bad_owner->body, Contains("href=\"#due-owner\""));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("without the case store the case pages say how to use one", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    for (const char* page : {"/cases", "/due", "/cases/C-7"}) {
      auto result = browser.get(page);
      CHECK(result->status == 200);
      CHECK_THAT(result->body, Contains("waymark serve --db"));
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a walk-through saved before walk ids is listed on its start page and carries on", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    std::string cookie;
    std::string saved;
    {
      WebServer server(dir);
      Browser browser(server.port());
      const std::string notes = walk_fixture_to_notes(browser);
      cookie = browser.cookie();
      // Put the walk-through where the earlier layout kept it: <browser>/<policy>.json.
      const std::string browser_id = cookie.substr(cookie.find('=') + 1);
      const auto walk_file =
          dir / browser_id / "web-fixture" / (base_of(notes).substr(base_of(notes).rfind('/') + 1) + ".json");
      REQUIRE(std::filesystem::exists(walk_file));
      std::filesystem::rename(walk_file, dir / browser_id / "web-fixture.json");
    }
    WebServer restarted(dir);
    Browser same(restarted.port());
    same.set_cookie(cookie);
    auto start = same.get("/policies/web-fixture");
    REQUIRE(start->status == 200);
    CHECK_THAT(start->body, Contains("CASE-A") && Contains("In progress"));
    const std::string marker = "/walks/";
    const auto at = start->body.find(marker);
    REQUIRE(at != std::string::npos);
    const std::string next = "/policies/web-fixture" + start->body.substr(at, marker.size() + 8) + "/next";
    CHECK_THAT(same.get(next)->get_header_value("Location"), Contains("/questions/notes"));
  }
  std::filesystem::remove_all(dir);
}
