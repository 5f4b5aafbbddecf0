// The timeline picture: parsed as XML (expat), its marks are the chronology's events by kind and
// date, its windows are the ones the conditions counted with their counts, and text from the case
// cannot add markup.
#include <waymark/timeline.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/svg_xml.h"

using namespace waymark;
using test::Element;
using test::Parsed;
using test::parse_xml;
using test::with_class;

namespace {

Date day(const char* iso) { return *Date::parse(iso); }

TimelineEvent event(const char* kind, const char* date, std::int64_t id = 0, std::string note = {}) {
  TimelineEvent e;
  e.event.kind = kind;
  e.event.date = day(date);
  e.event.note = std::move(note);
  e.id = id;
  return e;
}

Parsed parse_svg(const TimelineData& data) {
  const Parsed parsed = parse_xml(timeline_svg(data));
  INFO(parsed.error);
  REQUIRE(parsed.well_formed);
  return parsed;
}

}  // namespace

TEST_CASE("the timeline draws one mark per event, in its kind's row and on its date", "[timeline]") {
  TimelineData data;
  data.title = "Case C-1";
  data.today = day("2026-11-25");
  data.events = {event("refusal", "2026-11-19", 1), event("refusal", "2026-11-19", 2),
                 event("missed_appointment", "2026-11-20", 3), event("referral", "2026-10-02", 4)};
  data.events[3].event.reason = "neglect";
  const Parsed svg = parse_svg(data);
  std::multiset<std::pair<std::string, std::string>> drawn, recorded;
  for (const auto& mark : with_class(svg, "wm-event")) {
    CHECK(mark.attributes.at("data-count") == "1");
    drawn.insert({mark.attributes.at("data-kind"), mark.attributes.at("data-date")});
  }
  for (const auto& e : data.events) recorded.insert({e.event.kind, e.event.date.iso()});
  CHECK(drawn == recorded);
  // Each kind's row is labelled in words with its count; today is marked.
  const std::string text = timeline_svg(data);
  CHECK(text.find(">refusal (2)<") != std::string::npos);
  CHECK(text.find(">missed appointment (1)<") != std::string::npos);
  CHECK(with_class(svg, "wm-today").at(0).attributes.at("data-date") == "2026-11-25");
  // No script, nothing fetched: the picture is self-contained.
  for (const auto& e : svg.elements) {
    CHECK(e.name != "script");
    CHECK(e.name != "image");
    CHECK(e.name != "foreignObject");
    for (const auto& [name, value] : e.attributes) {
      CHECK(name.substr(0, 2) != "on");
      CHECK(name != "style");
      if (name != "xmlns") CHECK(value.find("http") != 0);
    }
  }
  // The referral's reason is in its mark's title and the equivalent table.
  CHECK(text.find("Reason: neglect") != std::string::npos);
  CHECK(timeline_tables_html(data).find("Reason: neglect") != std::string::npos);
}

TEST_CASE("the timeline draws the counted windows with their counts", "[timeline][windows]") {
  TimelineData data;
  data.today = day("2026-11-25");
  data.events = {event("refusal", "2026-11-19"), event("refusal", "2026-11-22"), event("refusal", "2026-11-25")};
  data.windows = {{"events_within", "refusal", day("2026-11-19"), day("2026-11-25"), 3},
                  {"repeat_referrals", "referral", day("2025-11-20"), day("2026-11-20"), 0}};
  const Parsed svg = parse_svg(data);
  const auto windows = with_class(svg, "wm-window");
  REQUIRE(windows.size() == 2);
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const auto& a = windows[i].attributes;
    const CountedWindow& w = data.windows[i];
    CHECK(a.at("data-function") == w.function);
    CHECK(a.at("data-kind") == w.kind);
    CHECK(a.at("data-from") == w.from.iso());
    CHECK(a.at("data-to") == w.to.iso());
    CHECK(a.at("data-count") == (i == 0 ? "3" : "0"));
  }
  // A kind counted but never recorded still gets its row, so the empty window has somewhere to be.
  CHECK(timeline_svg(data).find(">referral (0)<") != std::string::npos);
  CHECK(timeline_summary(data).find("The policy counted 3 refusal from 2026-11-19 to 2026-11-25.") !=
        std::string::npos);
  CHECK(timeline_tables_html(data).find("Windows the policy counted") != std::string::npos);
}

TEST_CASE("corrections, erasures and actions are drawn in shapes and words, not colour alone", "[timeline]") {
  TimelineData data;
  data.today = day("2026-11-25");
  data.events = {event("refusal", "2026-11-10", 1), event("refusal", "2026-11-11", 2)};
  data.events[0].corrected_by = 2;
  data.events[1].corrects = 1;
  data.actions = {{"review", "Review the care plan", day("2026-11-20")},
                  {"visit", "Visit again", day("2026-12-01")},
                  {"note", "Undated", std::nullopt}};
  data.gaps = {{day("2026-11-01"), day("2026-11-05"), "Erased on 2026-11-06"}};
  const Parsed svg = parse_svg(data);
  const auto marks = with_class(svg, "wm-event");
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].attributes.at("data-corrected") == "true");
  CHECK(marks[0].attributes.at("fill") == "#ffffff");  // hollow, and struck through
  CHECK_FALSE(marks[1].attributes.contains("data-corrected"));
  REQUIRE(with_class(svg, "wm-correction").size() == 1);
  const auto actions = with_class(svg, "wm-action");
  REQUIRE(actions.size() == 2);  // the undated one is in the table only
  CHECK(actions[0].attributes.at("data-overdue") == "true");
  CHECK(actions[1].attributes.at("data-overdue") == "false");
  const std::string text = timeline_svg(data);
  CHECK(text.find(">overdue<") != std::string::npos);
  CHECK(text.find("Erased on 2026-11-06") != std::string::npos);
  REQUIRE(with_class(svg, "wm-gap").size() == 1);
  const std::string tables = timeline_tables_html(data);
  CHECK(tables.find("Overdue") != std::string::npos);
  CHECK(tables.find("Undated") != std::string::npos);
  CHECK(tables.find("Corrected by event 2") != std::string::npos);
  CHECK(timeline_summary(data).find("3 open actions, 1 overdue.") != std::string::npos);
}

TEST_CASE("text from the case cannot add markup to the timeline", "[timeline][escaping]") {
  TimelineData data;
  data.title = "C-1 </title><script>alert(1)</script>";
  data.today = day("2026-11-25");
  const std::string hostile = "</title><script>alert('x')</script>\"onload=\"x\" & \x01 \xff";
  data.events = {event("refusal", "2026-11-19", 1, hostile)};
  data.events[0].event.agency = "<b>agency</b>";
  data.events[0].event.reason = "]]><!--";
  data.actions = {{"a", hostile, day("2026-11-20")}};
  data.gaps = {{day("2026-11-01"), day("2026-11-02"), hostile}};
  const std::string svg_text = timeline_svg(data);
  const Parsed svg = parse_svg(data);
  for (const auto& e : svg.elements) CHECK(e.name != "script");
  CHECK(svg_text.find("<script") == std::string::npos);
  CHECK(svg_text.find("&lt;/title&gt;&lt;script&gt;") != std::string::npos);
  // The note is still there for the reader, as text.
  bool note_shown = false;
  for (const auto& e : svg.elements)
    note_shown |= e.name == "title" && e.text.find("<script>alert('x')") != std::string::npos;
  CHECK(note_shown);
  // The HTML around it is escaped as well: wrapped in a root element, it parses too.
  const std::string html = timeline_html(data);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(parse_xml("<div>" + html + "</div>").well_formed);
}

TEST_CASE("a dense chronology is drawn as counts per week or month", "[timeline][dense]") {
  TimelineData data;
  data.today = day("2026-11-30");
  // 400 refusals over 4 weeks, 2 a day with a few extra, and a corrected one.
  for (int i = 0; i < 400; ++i)
    data.events.push_back(event("refusal", day("2026-11-02").plus_days(i % 28).iso().c_str(), i + 1));
  data.events[5].corrected_by = 401;
  data.events.push_back(event("refusal", "2026-11-07", 401));
  data.events.back().corrects = 6;
  REQUIRE(timeline_grouping(data) == TimelineGrouping::week);
  const Parsed svg = parse_svg(data);
  std::map<std::string, long> per_week;
  for (const auto& mark : with_class(svg, "wm-event"))
    per_week[mark.attributes.at("data-date")] += std::stol(mark.attributes.at("data-count"));
  // Weeks start on Monday; the corrected event is left out, its correction counted.
  long total = 0;
  for (const auto& [week, n] : per_week) total += n;
  CHECK(total == 400);
  CHECK(per_week.size() == 4);
  CHECK(per_week.begin()->first == "2026-11-02");
  CHECK(timeline_summary(data).find("Drawn as counts per week.") != std::string::npos);
  CHECK(timeline_tables_html(data).find("Week of 2026-11-02") != std::string::npos);

  SECTION("years of events: by month") {
    data.events.clear();
    for (int i = 0; i < 1000; ++i)
      data.events.push_back(event("missed_appointment", day("2022-01-01").plus_days(i * 3).iso().c_str()));
    REQUIRE(timeline_grouping(data) == TimelineGrouping::month);
    long months_total = 0;
    for (const auto& mark : with_class(parse_svg(data), "wm-event")) {
      CHECK(mark.attributes.at("data-date").substr(8) == "01");
      months_total += std::stol(mark.attributes.at("data-count"));
    }
    CHECK(months_total == 1000);
  }
}

TEST_CASE("an empty chronology still draws today and says there is nothing", "[timeline]") {
  TimelineData data;
  data.today = day("2026-11-25");
  const Parsed svg = parse_svg(data);
  CHECK(with_class(svg, "wm-event").empty());
  CHECK(timeline_svg(data).find("No events recorded.") != std::string::npos);
  CHECK(timeline_summary(data) == "No events recorded. Today is 2026-11-25.");
}

TEST_CASE("the timeline names kinds as the policies declare them", "[timeline][event_kinds]") {
  TimelineData data;
  data.today = day("2026-11-25");
  data.events = {event("personal_care_refusal", "2026-11-19"), event("personal_care_refusal", "2026-11-22"),
                 event("missed_appointment", "2026-11-20")};
  data.windows = {{"events_within", "personal_care_refusal", day("2026-11-19"), day("2026-11-25"), 2}};
  data.kind_labels = {{"personal_care_refusal", "Refusal of personal care"}, {"gp_visit", "GP visit"}};
  const std::string svg = timeline_svg(data);
  CHECK(svg.find(">Refusal of personal care (2)<") != std::string::npos);
  CHECK(svg.find(">missed appointment (1)<") != std::string::npos);  // declared by no policy: its id in words
  CHECK(svg.find("personal care refusal") == std::string::npos);
  const std::string summary = timeline_summary(data);
  CHECK_THAT(summary, Catch::Matchers::Contains("1 missed appointment, 2 refusal of personal care."));
  CHECK_THAT(summary, Catch::Matchers::Contains("The policy counted 2 refusal of personal care from 2026-11-19"));
  CHECK_THAT(timeline_tables_html(data), Catch::Matchers::Contains("<td class=\"govuk-table__cell\">Refusal of personal care</td>"));
  // An abbreviation keeps its capitals inside a sentence.
  data.events = {event("gp_visit", "2026-11-19")};
  data.windows.clear();
  CHECK_THAT(timeline_summary(data), Catch::Matchers::Contains("1 GP visit."));
}

TEST_CASE("a long chronology's recent weeks are enlarged in a second picture", "[timeline][recent]") {
  TimelineData data;
  data.title = "Case C-1";
  data.today = day("2026-11-25");
  data.events = {event("referral", "2025-02-02"), event("referral", "2026-03-10"), event("refusal", "2026-11-16"),
                 event("refusal", "2026-11-18"), event("refusal", "2026-11-21")};
  data.windows = {{"events_within", "refusal", day("2026-11-19"), day("2026-11-25"), 2},
                  {"repeat_referrals", "referral", day("2025-03-10"), day("2026-03-10"), 1}};
  data.actions = {{"visit", "Visit again", day("2026-11-20")}, {"review", "Review", day("2027-02-01")}};
  const auto recent = recent_timeline(data);
  REQUIRE(recent);
  CHECK(recent->events.size() == 3);
  REQUIRE(recent->windows.size() == 1);  // the year-long window stays on the whole picture
  CHECK(recent->windows[0].function == "events_within");
  REQUIRE(recent->actions.size() == 1);
  CHECK(recent->actions[0].action_id == "visit");
  const Parsed svg = parse_xml(timeline_svg(*recent));
  INFO(svg.error);
  REQUIRE(svg.well_formed);
  CHECK(svg.elements[0].attributes.at("class") == "waymark-timeline waymark-timeline--recent");
  CHECK(svg.elements[0].attributes.at("aria-labelledby") == "wm-timeline-recent-title wm-timeline-recent-desc");
  for (const auto& mark : with_class(svg, "wm-event")) CHECK(mark.attributes.at("data-date") >= "2026-10-01");
  CHECK(with_class(svg, "wm-event").size() == 3);
  // Both pictures on one page: two figures, no id twice.
  const std::string html = timeline_html(data);
  CHECK(html.find("id=\"wm-timeline-title\"") != std::string::npos);
  CHECK(html.find("id=\"wm-timeline-recent-title\"") != std::string::npos);
  CHECK(html.find("Recent events, enlarged") != std::string::npos);
  SECTION("a short chronology, or one quiet lately, has no enlargement") {
    data.events.erase(data.events.begin());
    data.events.erase(data.events.begin());
    CHECK_FALSE(recent_timeline(data));
    data.events = {event("referral", "2025-02-02"), event("referral", "2026-03-10")};
    CHECK_FALSE(recent_timeline(data));
  }
}
