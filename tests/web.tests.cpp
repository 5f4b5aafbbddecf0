// `waymark serve`: the pages over HTTP, the CSRF and origin checks, bad requests, and the log.
#include <waymark/answer.h>

#include <unistd.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/web_client.h"

using namespace waymark;
using Catch::Matchers::Contains;
using nlohmann::json;
using test::Browser;
using test::WebServer;

namespace {

const std::string adult = "/policies/adult-non-engagement";
const std::string fixture = "/policies/web-fixture";
const std::string canary = "CANARY-7f3a9-said-the-kettle";

// A form answer for a question: the first option, "yes", "none", or the canary for free text.
httplib::Params answer_for(const Question& question) {
  switch (question.kind) {
    case QuestionKind::yes_no: return {{"answer", "yes"}};
    case QuestionKind::choice: return {{"answer", question.options.front().id}};
    case QuestionKind::multi_choice: return {{"answer", "none"}};
    case QuestionKind::number: return {{"answer", "3"}};
    case QuestionKind::date: return {{"answer-day", "7"}, {"answer-month", "11"}, {"answer-year", "2026"}};
    case QuestionKind::text: return {{"answer", canary}};
  }
  return {};
}

// The GOV.UK class each kind of question's field is drawn with.
std::string govuk_field_class(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::yes_no:
    case QuestionKind::choice: return "class=\"govuk-radios__item\"";
    case QuestionKind::multi_choice: return "class=\"govuk-checkboxes__item\"";
    case QuestionKind::number: return "class=\"govuk-input govuk-input--width-5\"";
    case QuestionKind::date: return "class=\"govuk-date-input__item\"";
    case QuestionKind::text: return "class=\"govuk-textarea\"";
  }
  return {};
}

// The walk-through's address from one of its pages' addresses.
std::string base_of(const std::string& location) {
  const auto walks = location.find("/walks/");
  return location.substr(0, location.find('/', walks + 7));
}

// Starts a walk-through and answers every question it is asked; returns the last redirect.
std::string walk(Browser& browser, const WebServer& server, const std::string& policy) {
  REQUIRE(browser.get(policy)->status == 200);
  auto started = browser.post(policy + "/start", {{"case", "C-1042"}});
  REQUIRE(started->status == 303);
  std::string location = started->get_header_value("Location");
  const Policy& loaded = *server.registry().find(policy.substr(10))->policy;
  for (int asked = 0; asked < 100 && location.find("/questions/") != std::string::npos; ++asked) {
    auto page = browser.get(location);
    REQUIRE(page->status == 200);
    const Question* question = loaded.find_question(location.substr(location.rfind('/') + 1));
    REQUIRE(question != nullptr);
    CHECK_THAT(page->body, Contains(question->text.substr(0, 20)));
    CHECK_THAT(page->body, Contains(govuk_field_class(question->kind)));
    auto answered = browser.post(location, answer_for(*question));
    REQUIRE(answered->status == 303);
    location = answered->get_header_value("Location");
  }
  return location;
}

}  // namespace

TEST_CASE("the web page walks a policy to its outcome and record", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  WebServer server(dir);
  Browser browser(server.port());

  SECTION("the list of policies shows version, owner and review-by, and marks overdue ones") {
    auto list = browser.get("/");
    REQUIRE(list->status == 200);
    CHECK_THAT(list->body, Contains("Adults who are not engaging with services"));
    CHECK_THAT(list->body, Contains("Safeguarding Adults Board"));
    CHECK_THAT(list->body, Contains("2028-12-01"));
    CHECK_THAT(list->body,
               Contains("Overdue for review"));  // the fixture's review-by date has passed
    CHECK_THAT(list->get_header_value("Set-Cookie"), Contains("HttpOnly") && Contains("SameSite=Strict"));
    CHECK_THAT(list->get_header_value("Content-Security-Policy"),
               Contains("default-src 'self'") && Contains("frame-ancestors 'none'"));
    CHECK(list->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(browser.get("/assets/waymark.css")->status == 200);
  }

  SECTION("a walk-through, a changed answer, a judgement and the record") {
    const std::string checked = walk(browser, server, adult);
    const std::string base = base_of(checked);
    REQUIRE(checked == base + "/check");
    REQUIRE(base.starts_with(adult + "/walks/"));
    auto check = browser.get(base + "/check");
    REQUIRE(check->status == 200);
    CHECK_THAT(check->body, Contains("Check your answers"));
    CHECK_THAT(check->body, Contains(base + "/questions/considering_closure?return=check"));

    // Change an answer from "check your answers": back to the check page, later answers kept.
    auto change = browser.get(base + "/questions/considering_closure?return=check");
    REQUIRE(change->status == 200);
    CHECK_THAT(change->body, Contains("name=\"return\" value=\"check\""));
    CHECK_THAT(change->body, Contains("value=\"yes\" checked"));
    auto changed = browser.post(base + "/questions/considering_closure", {{"answer", "no"}, {"return", "check"}});
    REQUIRE(changed->status == 303);
    CHECK(changed->get_header_value("Location") == base + "/check");

    auto outcome = browser.get(base + "/outcome");
    REQUIRE(outcome->status == 200);
    CHECK_THAT(outcome->body, Contains("Do not close the case"));
    // Grouped: where the case is on the flowchart, at most five to do now, the rest folded, then
    // what comes next and what to keep in mind (the prohibition and the notes).
    const std::string& page = outcome->body;
    CHECK_THAT(page, Contains("<h2 class=\"govuk-heading-m\" id=\"where\">Where this case is</h2>") &&
                         Contains("Take action: the next steps") && Contains("You are here"));
    // Escaped once: the pathway's title keeps its quotes readable ('Take action').
    CHECK_THAT(page, Contains("then &#39;Take action&#39; and the next steps") && !Contains("&amp;#39;"));
    const auto do_now = page.find("id=\"do-now\">Do now</h2>");
    const auto also = page.find("id=\"also-recommended\">Also recommended</h2>");
    const auto keep = page.find("id=\"keep-in-mind\">Keep in mind</h2>");
    REQUIRE(do_now != std::string::npos);
    REQUIRE(also != std::string::npos);
    REQUIRE(keep != std::string::npos);
    CHECK(do_now < also);
    CHECK(also < keep);
    std::size_t first_actions = 0;
    for (auto at = page.find("class=\"waymark-action\"", do_now); at < also;
         at = page.find("class=\"waymark-action\"", at + 1))
      ++first_actions;
    CHECK(first_actions >= 1);
    CHECK(first_actions <= 5);
    CHECK(page.find("id=\"do_not_close\"") > keep);
    CHECK(page.find("Notes from the policy") > keep);
    // Each reason in the same words as `waymark explain`: the strategy not chosen, not the answer.
    const std::string not_calls =
        "<li>You did not choose &quot;Calls&quot; in answer to &quot;Which of these strategies "
        "have you already tried, or ruled out because they do not fit this person?&quot;: you "
        "chose &quot;None of these&quot;</li>";
    CHECK_THAT(outcome->body, Contains(not_calls));
    // Folded under the outcome: what would change the advice for each action not recommended.
    CHECK_THAT(outcome->body, Contains("<details class=\"govuk-details\" id=\"not-recommended\">") &&
                                  Contains("Not recommended now: what would change that") &&
                                  Contains("Would be recommended if the answer to &quot;"));

    SECTION("adapting without a reason is refused with an error summary") {
      auto refused = browser.post(base + "/actions/do_not_close", {{"judgement", "adapt"}, {"reason", ""}});
      CHECK(refused->status == 422);
      CHECK_THAT(refused->body, Contains("There is a problem"));
    }

    auto decided = browser.post(base + "/actions/do_not_close", {{"judgement", "adapt"}, {"reason", canary}});
    REQUIRE(decided->status == 303);
    auto record_page = browser.get(base + "/record");
    REQUIRE(record_page->status == 200);
    CHECK_THAT(record_page->body, Contains(not_calls));

    auto download = browser.get(base + "/record.json");
    REQUIRE(download->status == 200);
    CHECK_THAT(download->get_header_value("Content-Disposition"), Contains("attachment"));
    const json record = json::parse(download->body);
    CHECK(record["policy"]["id"] == "adult-non-engagement");
    CHECK(record["session"]["case_reference"] == "C-1042");
    bool changed_to_no = false;
    for (const auto& answer : record["answers"])
      if (answer["question_id"] == "considering_closure") changed_to_no = answer["answer"] == "No";
    CHECK(changed_to_no);
    bool adapted = false;
    for (const auto& action : record["outcome"]["actions"])
      if (action["id"] == "do_not_close") adapted = action["decision"]["judgement"] == "adapt";
    CHECK(adapted);

    auto markdown = browser.get(base + "/record.md");
    REQUIRE(markdown->status == 200);
    CHECK_THAT(markdown->get_header_value("Content-Disposition"), Contains("attachment") && Contains(".md"));

    SECTION("a restarted server resumes the walk-through from its saved session") {
      const std::string cookie = browser.cookie();
      WebServer restarted(dir);
      Browser same(restarted.port());
      same.set_cookie(cookie);
      CHECK(same.get(base + "/outcome")->status == 200);
    }
  }

  SECTION("free text typed into an answer appears nowhere in the log") {
    const std::string base = base_of(walk(browser, server, fixture));
    REQUIRE(browser.get(base + "/record.json")->body.find(canary) != std::string::npos);
    // The answer with the canary and the download that echoes it, both logged by now.
    server.log_once_logged("POST " + base + "/questions/notes 303");
    const std::string log = server.log_once_logged("GET " + base + "/record.json 200");
    CHECK_THAT(log, Contains("POST " + base + "/questions/notes 303"));
    CHECK_THAT(log, Contains("GET " + base + "/record.json 200"));
    CHECK(log.find(canary) == std::string::npos);
    CHECK(log.find("C-1042") == std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the web page refuses forged, foreign and malformed requests", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer server(dir);
    Browser browser(server.port());
    REQUIRE(browser.get(adult)->status == 200);

    SECTION("a form without its CSRF token, or with a wrong one, is refused") {
      CHECK(browser.post(adult + "/start", {}, false)->status == 403);
      CHECK(browser.post(adult + "/start", {{"csrf", std::string(64, 'a')}}, false)->status == 403);
      Browser stranger(server.port());
      CHECK(stranger.post(adult + "/start", {{"csrf", browser.csrf()}}, false)->status == 403);
    }
    SECTION("a form sent from another origin is refused") {
      CHECK(browser.post(adult + "/start", {}, true, {{"Origin", "http://evil.example"}})->status == 403);
      CHECK(browser.post(adult + "/start", {}, true, {{"Referer", "http://evil.example/page"}})->status == 403);
      const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
      CHECK(browser.post(adult + "/start", {}, true, {{"Origin", own}})->status == 303);
    }
    SECTION("a request for another host name is refused") {
      httplib::Client client("127.0.0.1", server.port());
      CHECK(client.Get("/", {{"Host", "evil.example:80"}})->status == 403);
    }
    SECTION("unknown policies and questions get a 404 page") {
      auto unknown = browser.get("/policies/no-such-policy");
      CHECK(unknown->status == 404);
      CHECK_THAT(unknown->body, Contains("Policy not found"));
      CHECK(browser.get("/no/such/page")->status == 404);
      const std::string base = base_of(browser.post(adult + "/start", {})->get_header_value("Location"));
      CHECK(browser.get(base + "/questions/no_such_question")->status == 404);
      CHECK(browser.post(base + "/questions/no_such_question", {{"answer", "yes"}})->status == 404);
    }
    SECTION("a wrong answer type gets the question again with an error summary") {
      const std::string base = base_of(browser.post(adult + "/start", {})->get_header_value("Location"));
      auto wrong = browser.post(base + "/questions/aged_18_or_over", {{"answer", "banana"}});
      CHECK(wrong->status == 422);
      CHECK_THAT(wrong->body, Contains("There is a problem"));
      CHECK_THAT(wrong->body, Contains("govuk-error-message"));
      CHECK_THAT(wrong->body, Contains("aria-describedby=\"answer-error\""));
      CHECK_THAT(wrong->body, Contains("Select yes or no"));
      CHECK(browser.post(base + "/questions/aged_18_or_over", {})->status == 422);
    }
    SECTION("an oversized body gets 413") {
      CHECK(browser.post(adult + "/start", {{"case", std::string(100 * 1024, 'x')}})->status == 413);
    }
    SECTION("a walk-through this browser does not hold gets a clear 404 page") {
      auto unknown = browser.get(fixture + "/walks/0123abcd/outcome");
      CHECK(unknown->status == 404);
      CHECK_THAT(unknown->body, Contains("Walk-through not found"));
      CHECK(browser.get(fixture + "/outcome")->status == 404);
      // Another browser's walk-through is not this one's.
      const std::string theirs = browser.post(adult + "/start", {})->get_header_value("Location");
      Browser other(server.port());
      REQUIRE(other.get(adult)->status == 200);
      CHECK(other.get(theirs)->status == 404);
      CHECK(other.post(theirs, {{"answer", "yes"}})->status == 404);
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a second server on a port already in use is refused, naming the listener", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  {
    WebServer first(dir);
    web::ServerOptions options;
    options.port = first.port();
    options.session_dir = dir;
    web::Server second(first.registry(), options);
    try {
      second.bind();
      FAIL("the second server bound the port the first listens on");
    } catch (const std::runtime_error& e) {
      const std::string message = e.what();
      CHECK_THAT(message, Contains("port " + std::to_string(first.port()) + " is already in use"));
      CHECK_THAT(message, Contains("process " + std::to_string(getpid()) + " ("));
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the start page takes a session date, as --date does", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  WebServer server(dir);
  Browser browser(server.port());
  auto start = browser.get(adult);
  REQUIRE(start->status == 200);
  CHECK_THAT(start->body, Contains("<label class=\"govuk-label\" for=\"date\">Session date (optional)</label>"));

  SECTION("a past date is the session date, shown with the walk-through") {
    auto started = browser.post(adult + "/start", {{"date", " 2026-11-03 "}});
    REQUIRE(started->status == 303);
    const std::string base = base_of(started->get_header_value("Location"));
    REQUIRE(!base.empty());
    // The start page lists the walk-through with its session date.
    CHECK_THAT(browser.get(adult)->body, Contains("2026-11-03"));
  }
  SECTION("a date that is not one is refused, keeping what was typed") {
    auto refused = browser.post(adult + "/start", {{"case", "C-77"}, {"date", "3/11/2026"}});
    CHECK(refused->status == 422);
    CHECK_THAT(refused->body, Contains("There is a problem") && Contains("href=\"#date\"") &&
                                  Contains("Enter the session date as year-month-day"));
    CHECK_THAT(refused->body, Contains("value=\"3/11/2026\"") && Contains("value=\"C-77\""));
    CHECK_THAT(refused->body, Contains("aria-describedby=\"date-hint date-error\""));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a past session date walks through the policy version in force on it, as run --date does", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  // Version 2.0.0 of the web fixture takes effect on 2026-06-01; 1.0.0 has been in force since 2026-01-01.
  std::ifstream in(std::filesystem::path(WAYMARK_FIXTURES) / "web" / "web-fixture.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("version = \"1.0.0\""), 17, "version = \"2.0.0\"");
  text.replace(text.find("effective = 2026-01-01"), 22, "effective = 2026-06-01");
  text.replace(text.find("review_by = 2026-01-02"), 22, "review_by = 2027-06-01");
  std::filesystem::create_directories(dir / "policies");
  std::ofstream(dir / "policies" / "web-fixture-2.toml") << text;
  const auto version_of = [](Browser& browser, const std::string& base) {
    return json::parse(browser.get(base + "/record.json")->body)["policy"]["version"].get<std::string>();
  };
  std::string past, today, cookie;
  {
    WebServer server(dir / "sessions", nullptr, {}, dir / "policies");
    REQUIRE(server.registry().versions("web-fixture").size() == 2);
    Browser browser(server.port());
    past = test::walk_web_fixture(browser, {{"date", "2026-03-01"}});
    today = test::walk_web_fixture(browser, {});
    CHECK(version_of(browser, past) == "1.0.0");
    CHECK(version_of(browser, today) == "2.0.0");
    cookie = browser.cookie();
  }
  {
    // After a restart, read from their saved files, each carries on under its own version.
    WebServer restarted(dir / "sessions", nullptr, {}, dir / "policies");
    Browser same(restarted.port());
    same.set_cookie(cookie);
    CHECK(version_of(same, past) == "1.0.0");
    CHECK(version_of(same, today) == "2.0.0");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("each question page says which question it is of about how many", "[web]") {
  const auto dir = test::temporary_folder("waymark-web");
  WebServer server(dir);
  Browser browser(server.port());
  REQUIRE(browser.get(adult)->status == 200);
  const std::string base = base_of(browser.post(adult + "/start", {})->get_header_value("Location"));
  auto first = browser.get(base + "/questions/aged_18_or_over");
  REQUIRE(first->status == 200);
  CHECK_THAT(first->body, Contains("id=\"progress\">Question 1 of about 12<"));
  // Under 18: the checklist does not apply, so the estimate falls to what can still be asked.
  REQUIRE(browser.post(base + "/questions/aged_18_or_over", {{"answer", "no"}})->status == 303);
  auto again = browser.get(base + "/questions/aged_18_or_over");
  CHECK_THAT(again->body, Contains("id=\"progress\">Question 1 of about "));
  CHECK_THAT(again->body, !Contains("Question 1 of about 12<"));
  std::filesystem::remove_all(dir);
}
