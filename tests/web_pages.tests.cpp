// `waymark serve`: Back keeping later answers, the bundled assets, and headers on every response.
#include "support/web_client.h"

#include <catch2/catch.hpp>

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
    REQUIRE(browser.post(adult + "/start", {})->get_header_value("Location") == adult + "/questions/aged_18_or_over");
    auto first = browser.post(adult + "/questions/aged_18_or_over", {{"answer", "yes"}});
    REQUIRE(first->get_header_value("Location") == adult + "/questions/risk_basis");
    auto second = browser.post(adult + "/questions/risk_basis", {{"answer", "only_not_engaging"}});
    const std::string third = second->get_header_value("Location");
    REQUIRE(third.find("/questions/") != std::string::npos);

    // The third question's Back link leads to the second, which shows its answer.
    CHECK_THAT(browser.get(third)->body, Contains("href=\"" + adult + "/questions/risk_basis\" class=\"govuk-back-link\""));
    auto back = browser.get(adult + "/questions/risk_basis");
    CHECK_THAT(back->body, Contains("value=\"only_not_engaging\" checked"));
    CHECK_THAT(back->body, Contains("href=\"" + adult + "/questions/aged_18_or_over\" class=\"govuk-back-link\""));

    // Sending the first answer again skips the second: it is still answered.
    auto again = browser.post(adult + "/questions/aged_18_or_over", {{"answer", "yes"}});
    CHECK(again->get_header_value("Location") == third);
    CHECK_THAT(browser.get(adult + "/questions/risk_basis")->body, Contains("value=\"only_not_engaging\" checked"));
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
    CHECK_THAT(css->body, Contains("govuk-frontend") && Contains(".govuk-radios__input") && Contains(".waymark-action"));
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
    REQUIRE(browser.post(adult + "/start", {})->status == 303);
    CHECK(browser.post(adult + "/actions/no_such_action", {{"judgement", "accept"}})->status == 404);
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
    REQUIRE(browser.post(fixture + "/start", {})->get_header_value("Location") == fixture + "/questions/spoke");
    REQUIRE(browser.post(fixture + "/questions/spoke", {{"answer", "yes"}})->status == 303);

    const auto refused = [&](const std::string& question, const httplib::Params& params) {
      auto result = browser.post(fixture + "/questions/" + question, params);
      REQUIRE(result);
      CHECK(result->status == 422);
      CHECK_THAT(result->body, Contains("There is a problem") && Contains("href=\"#answer\""));
    };
    refused("spoke", {{"answer", "yes"}, {"answer", "no"}});  // two answers to one question
    refused("tried", {{"answer", "no-such-option"}});
    refused("tried", {{"answer", "none"}, {"answer", server.registry().find("web-fixture")->policy->find_question("tried")->options.front().id}});
    REQUIRE(browser.post(fixture + "/questions/tried", {{"answer", "none"}})->status == 303);
    refused("missed", {{"answer", "several"}});
    refused("missed", {{"answer", "101"}});
    refused("missed", {{"answer", "-1"}});
    REQUIRE(browser.post(fixture + "/questions/missed", {{"answer", "4"}})->status == 303);
    refused("last_contact", {{"answer-day", "31"}, {"answer-month", "2"}, {"answer-year", "2026"}});
    refused("last_contact", {{"answer-day", "x"}, {"answer-month", "2"}, {"answer-year", "2026"}});
    // A refused answer is shown again as typed, so it can be corrected.
    CHECK_THAT(browser.post(fixture + "/questions/missed", {{"answer", "lots"}})->body, Contains("value=\"lots\""));
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
