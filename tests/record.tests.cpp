// Evidence records: what a manager or inspector reads later, and what `explain` says.
#include "support/policy_text.h"
#include "support/question_kinds.h"

#include <waymark/record.h>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using namespace waymark;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

Session answered_session() {
  const std::string body = test::all_kinds() + R"(
[[action]]
id = "do_not_close"
text = "Do not close the case."
kind = "prohibition"
owner = "worker"
urgency = "immediate"
record = "The decision not to close, in the case notes."
why = "Inaction could lead to abuse, neglect, injury or death."
when = "risk == 'evidence'"
section = "Next Steps"
source = "001: Next Steps"

[[action]]
id = "speak_to_adult"
text = "Speak to the adult themselves."
kind = "flag"
owner = "line_manager"
urgency = "within 2 weeks"
why = "Taking a family member's word is a sign of collusion."
when = "not spoke"
source = "001: Am I colluding?"

[[note]]
id = "silent"
text = "The source gives no timescales."
source = "001"
)";
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.set_case_reference("C-77");
  s.answer_text("risk", "evidence", "2026-11-25T09:00:00Z");
  s.answer_text("spoke", "yes", "2026-11-25T09:01:00Z");
  s.answer_text("spoke", "no", "2026-11-25T09:02:00Z");
  s.judge("speak_to_adult", Judgement::adapt, "Joint visit with the district nurse", "2026-11-25T09:05:00Z");
  return s;
}

}  // namespace

TEST_CASE("the JSON record holds policy identity, answers with times, and the outcome", "[record]") {
  Session s = answered_session();
  const json record = json::parse(evidence_record_json(s, "2026-11-25T09:10:00Z"));
  CHECK(record["format_version"] == record_format_version);
  CHECK(record["policy"]["id"] == "test-policy");
  CHECK(record["policy"]["version"] == "1.0.0");
  CHECK(record["policy"]["content_sha256"] == s.policy().content_hash());
  CHECK(record["session"]["date"] == "2026-11-25");
  CHECK(record["session"]["case_reference"] == "C-77");
  CHECK(record["session"]["complete"] == false);
  CHECK(record["answers"][1]["question_id"] == "spoke");
  CHECK(record["answers"][1]["answer"] == "No");
  CHECK(record["answers"][1]["answered_at"] == "2026-11-25T09:02:00Z");
  CHECK(record["history"][2]["kind"] == "changed");
  CHECK(record["history"][2]["from"] == "Yes");
  const json& actions = record["outcome"]["actions"];
  REQUIRE(actions.size() == 2);
  CHECK(actions[0]["id"] == "do_not_close");
  CHECK(actions[0]["due"] == "2026-11-25");
  CHECK(actions[1]["due"] == "2026-12-09");
  CHECK(actions[1]["owner_title"] == "Line manager");
  CHECK(actions[1]["decision"]["judgement"] == "adapt");
  CHECK(actions[0]["decision"].is_null());
  CHECK(record["outcome"]["notes"][0]["text"] == "The source gives no timescales.");
  CHECK(record["waymark_version"].is_string());
}

TEST_CASE("the Markdown record reads as a document a practitioner can file", "[record]") {
  const std::string md = render_record(evidence_record_json(answered_session(), "2026-11-25T09:10:00Z"));
  CHECK_THAT(md, Contains("# Evidence record: Test policy"));
  CHECK_THAT(md, Contains("INCOMPLETE"));
  CHECK_THAT(md, Contains("### 1. Do not close the case."));
  CHECK_THAT(md, Contains("Immediately, due 2026-11-25"));
  CHECK_THAT(md, Contains("**Practitioner's judgement**: adapt: Joint visit with the district nurse"));
  CHECK_THAT(md, Contains("\"Have you spoken to the adult themselves?\" changed from \"Yes\" to \"No\""));
  // Grouped: the prohibition and then the policy's notes are under "Keep in mind".
  const auto keep = md.find("\n## Keep in mind");
  REQUIRE(keep != std::string::npos);
  CHECK(md.find("### 1. Do not close the case.") > keep);
  CHECK(md.find("\n### Notes from the policy") > keep);
  CHECK(md.find("\n## Notes from the policy") == std::string::npos);
  SECTION("a record made before outcomes were grouped reads as one list, its notes apart") {
    json old = json::parse(evidence_record_json(answered_session(), "2026-11-25T09:10:00Z"));
    for (auto& a : old["outcome"]["actions"]) a.erase("group");
    const std::string before = render_record(old.dump());
    CHECK_THAT(before, Contains("## Recommended actions") && Contains("\n## Notes from the policy") &&
                           !Contains("Keep in mind"));
  }
}

TEST_CASE("explain speaks a practitioner's language, from the record alone", "[record][explain]") {
  const std::string text = explain_record(evidence_record_json(answered_session(), "now"));
  CHECK_THAT(text, Contains("1. Do not close the case.\n   Because you answered \"Evidence of risk\" to "
                            "\"Evidence of risk, or only not engaging?\""));
  CHECK_THAT(text, Contains("The policy says why: Inaction could lead to abuse, neglect, injury or death."));
  CHECK_THAT(text, Contains("This record is incomplete"));
}

TEST_CASE("a corrupt or foreign record is refused with a reason", "[record]") {
  CHECK_THROWS_WITH(render_record("{not json"), Contains("not valid JSON"));
  CHECK_THROWS_WITH(explain_record("{\"format\": \"waymark-session\"}"), Contains("not a Waymark evidence record"));
  json record = json::parse(evidence_record_json(answered_session(), "now"));
  record["format_version"] = 99;
  CHECK_THROWS_WITH(explain_record(record.dump()), Contains("format version 99 is not supported"));
  record["format_version"] = record_format_version;
  record["outcome"].erase("actions");
  CHECK_THROWS_WITH(explain_record(record.dump()), Contains("incomplete or damaged"));
}

TEST_CASE("a record keeps which options decided an action, and says so in words", "[record][explain]") {
  const std::string body = test::all_kinds() + R"toml(
[[action]]
id = "try_calls"
text = "Consider calls."
kind = "step"
owner = "worker"
urgency = "not_stated"
why = "Calls come first."
when = "not ('calls' in tried) and not answered(missed)"
section = "Strategies"
source = "001: Strategies"
)toml";
  Session s(test::load(body), *Date::parse("2026-11-25"));
  s.answer_text("tried", "letters,visits", "2026-11-25T09:00:00Z");
  const std::string record = evidence_record_json(s, "now");
  const json because = json::parse(record)["outcome"]["actions"][0]["because"];
  REQUIRE(because.size() == 2);
  CHECK(because[0]["not_chosen"] == json::array({"Calls"}));
  CHECK_FALSE(because[0].contains("chosen"));  // left out when empty
  CHECK_FALSE(because[0].contains("no_answer"));
  CHECK(because[1]["no_answer"] == "not_answered");

  const std::string words =
      "you did not choose \"Calls\" in answer to \"What have you tried?\": you chose "
      "\"Letters; Visits\" (source: 001: strategies)";
  CHECK_THAT(explain_record(record), Contains("Because " + words +
                                              ".\n   and \"How many appointments were "
                                              "missed?\" was not answered (source: 001: appointments)."));
  CHECK_THAT(render_record(record), Contains("- **Because**: " + words + "\n"));
  CHECK_THAT(render_record(record, RecordStyle::text), Contains("- Because: " + words + "\n"));
}

TEST_CASE("a record made before reasons named options still reads", "[record][explain]") {
  json record = json::parse(evidence_record_json(answered_session(), "now"));
  for (json& action : record["outcome"]["actions"])
    for (json& b : action["because"]) {
      b.erase("chosen");
      b.erase("not_chosen");
      b.erase("no_answer");
    }
  CHECK_THAT(explain_record(record.dump()),
             Contains("Because you answered \"No\" to \"Have you spoken to the adult themselves?\" (Am I colluding?; source: 001: Am I colluding?)."));
  json odd = record;  // fields of the wrong type are ignored, not a crash
  odd["outcome"]["actions"][0]["because"][0]["not_chosen"] = 7;
  odd["outcome"]["actions"][0]["because"][0]["no_answer"] = json::array();
  CHECK_THAT(explain_record(odd.dump()), Contains("Because you answered \"Evidence of risk\""));
}

TEST_CASE("a record edited by hand cannot drive the terminal or the document it is rendered into", "[record]") {
  json record = json::parse(evidence_record_json(answered_session(), "now"));
  record["outcome"]["actions"][0]["text"] = "\x1b[2J\x1b[31mNo action needed";
  record["answers"][0]["answer"] = std::string("nul\0here", 8);
  for (const std::string& shown : {render_record(record.dump(), RecordStyle::text),
                                   render_record(record.dump(), RecordStyle::markdown), explain_record(record.dump())}) {
    CHECK(shown.find('\x1b') == std::string::npos);
    CHECK_THAT(shown, Contains("\\u{1b}[2J\\u{1b}[31mNo action needed"));
  }
  CHECK_THAT(render_record(record.dump(), RecordStyle::text), Contains("nul\\u{00}here"));
}

TEST_CASE("a change in a record's history without 'from' or 'to' reads as no answer", "[record]") {
  json record = json::parse(evidence_record_json(answered_session(), "now"));
  bool changed = false;
  for (json& h : record["history"])
    if (h["kind"] != "answered") {
      h.erase("from");
      h.erase("to");
      changed = true;
    }
  REQUIRE(changed);
  CHECK_THAT(render_record(record.dump(), RecordStyle::text), Contains("from \"no answer\" to \"no answer\""));
}

TEST_CASE("text a practitioner typed stays text in the Markdown record: no markup, links or HTML", "[record]") {
  Session s = answered_session();
  const std::string typed = "Said <img src=x onerror=alert(1)> **never** [click](javascript:x) `code` & left\n# Heading";
  s.answer_text("summary", typed, "2026-11-25T09:03:00Z");
  s.judge("do_not_close", Judgement::decline, "See <b>notes</b> _here_", "2026-11-25T09:06:00Z");
  const std::string markdown = render_record(evidence_record_json(s, "2026-11-25T09:10:00Z"), RecordStyle::markdown);
  CHECK_THAT(markdown, Contains("Said &lt;img src=x onerror=alert(1)&gt; \\*\\*never\\*\\* \\[click\\](javascript:x) "
                                "\\`code\\` &amp; left \\# Heading"));
  CHECK_THAT(markdown, Contains("decline: See &lt;b&gt;notes&lt;/b&gt; \\_here\\_"));
  CHECK(markdown.find("<img") == std::string::npos);
  CHECK(markdown.find("<b>") == std::string::npos);
  CHECK(markdown.find("\n# Heading") == std::string::npos);
  // Plain text for a terminal keeps the words as typed.
  CHECK_THAT(render_record(evidence_record_json(s, "2026-11-25T09:10:00Z"), RecordStyle::text),
             Contains("**never** [click](javascript:x)"));
}
