// The three policy plugins: each loads with its embedded policy, and the chronology functions
// they provide count refusals in a window, find refusals at the same time of day, spot bare
// refusal notes and find repeat referrals. Lint treats the chronology as open.
#include <fmt/format.h>
#include <waymark/lint.h>
#include <waymark/plugin.h>
#include <waymark/store.h>
#include <waymark/timeline.h>
#include <waymark/waymark.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "support/policy_text.h"

using namespace waymark;
namespace fs = std::filesystem;

namespace {

const PluginRegistry& bundled_plugins() {
  static const PluginRegistry plugins = [] {
    PluginRegistry p;
    p.add_directory(WAYMARK_BUILD_PLUGINS);
    return p;
  }();
  return plugins;
}

// A policy whose actions are the given conditions, named a0, a1, ...
std::shared_ptr<const Policy> policy_with(const std::vector<std::string>& conditions) {
  std::string text =
      test::policy_header_using("uses-chronology", R"("cqc-refusal-pathway", "childrens-persistent-non-engagement")") +
      R"(
[[question]]
id = "note"
text = "The note?"
help = "h"
kind = "text"
source = "s"
)";
  for (std::size_t i = 0; i < conditions.size(); ++i)
    text += "\n[[action]]\nid = \"a" + std::to_string(i) +
            "\"\nkind = \"flag\"\ntext = \"t\"\nowner = \"worker\"\nurgency = \"same_day\"\nwhen = \"" + conditions[i] +
            "\"\nwhy = \"w\"\nsource = \"s\"\n";
  return load_policy_text(text, "chronology.toml", bundled_plugins().functions());
}

Event event(const char* kind, const char* date, const char* time = nullptr, const char* note = "",
            const char* reason = "") {
  Event e;
  e.kind = kind;
  e.date = *Date::parse(date);
  if (time) e.minute_of_day = (time[0] - '0') * 600 + (time[1] - '0') * 60 + (time[3] - '0') * 10 + (time[4] - '0');
  e.note = note;
  e.reason = reason;
  return e;
}

// Whether condition i of `conditions` holds on 2026-11-25 for these events and this note.
std::vector<bool> holds(const std::vector<std::string>& conditions, std::vector<Event> events,
                        const std::string& note = "n") {
  const auto policy = policy_with(conditions);
  Session session(policy, *Date::parse("2026-11-25"));
  if (!events.empty()) session.set_chronology(std::make_shared<const Chronology>(std::move(events)));
  session.answer("note", Answer::of_text(note), "t");
  std::vector<bool> out(conditions.size());
  for (const auto& r : session.outcome().actions) out[std::stoul(r.action->id.substr(1))] = true;
  return out;
}

}  // namespace

TEST_CASE("the three policy plugins load, each providing its policy", "[plugins][policies]") {
  const PluginRegistry& plugins = bundled_plugins();
  CHECK(plugins.problems().empty());
  for (const char* id : {"adult-non-engagement", "childrens-persistent-non-engagement", "cqc-refusal-pathway"}) {
    INFO(id);
    const LoadedPlugin* plugin = plugins.find(id);
    REQUIRE(plugin);
    CHECK(plugin->info->policies == std::vector<std::string>{id});
  }
  // The policy files are identical to the embedded copies, so each of these comes from its plugin;
  // the board-authored policies beside them are TOML only.
  PolicyRegistry policies(plugins);
  policies.add_directory(WAYMARK_POLICIES);
  CHECK(policies.problems().empty());
  for (const auto& entry : policies.policies()) {
    INFO(entry.policy->id());
    if (!plugins.find(entry.policy->id())) {
      CHECK_FALSE(entry.plugin);
      continue;
    }
    REQUIRE(entry.plugin);
    CHECK(entry.plugin->id == entry.policy->id());
    // The policy knows its plugin, so the evidence record can name it.
    REQUIRE(entry.policy->provided_by());
    CHECK(entry.policy->provided_by()->plugin_id == entry.plugin->id);
    // Each plugin declares its policy's version (the CQC policy moved to pathways in 1.1.0).
    CHECK(entry.policy->provided_by()->plugin_version == entry.policy->info().version);
    const std::string record = evidence_record_json(Session(entry.policy, *Date::parse("2026-11-25")), "t");
    CHECK(record.find("\"plugin\": {") != std::string::npos);
  }
  CHECK_FALSE(load_policy_file(fs::path(WAYMARK_POLICIES) / "adult-non-engagement.toml")->provided_by());
}

TEST_CASE("events_within counts events of a kind in the days ending on the session date", "[plugins][events]") {
  const std::vector<Event> three = {
      event("medication_refusal", "2026-11-19"), event("medication_refusal", "2026-11-22"),
      event("medication_refusal", "2026-11-25"), event("personal_care_refusal", "2026-11-24")};
  SECTION("three in the last week") {
    CHECK(holds({"events_within('medication_refusal', 7) == 3"}, three) == std::vector<bool>{true});
  }
  SECTION("the window starts days - 1 before the session date") {
    CHECK(holds({"events_within('medication_refusal', 6) == 2", "events_within('medication_refusal', 1) == 1"},
                three) == std::vector<bool>{true, true});
  }
  SECTION("events after the session date are not counted") {
    CHECK(holds({"events_within('medication_refusal', 7) == 1"},
                {event("medication_refusal", "2026-11-25"), event("medication_refusal", "2026-11-26")}) ==
          std::vector<bool>{true});
  }
  SECTION("no chronology: nothing to count") {
    CHECK(holds({"events_within('medication_refusal', 7) == 0"}, {}) == std::vector<bool>{true});
  }
}

TEST_CASE("refusals_same_time_of_day counts the days, in the window, with refusals at one time of day",
          "[plugins][events]") {
  const std::vector<Event> evenings = {
      event("medication_refusal", "2026-11-19", "19:10"), event("medication_refusal", "2026-11-21", "19:50"),
      event("medication_refusal", "2026-11-23", "08:00"), event("medication_refusal", "2026-11-24", "19:30"),
      event("medication_refusal", "2026-11-24")};  // untimed: not counted
  CHECK(holds({"refusals_same_time_of_day('medication_refusal', 28, 60) == 3",
               "refusals_same_time_of_day('medication_refusal', 28, 30) == 2",
               "refusals_same_time_of_day('medication_refusal', 28, 0) == 1",
               "refusals_same_time_of_day('medication_refusal', 5, 60) == 2",  // 19:10 on the 19th
                                                                               // is 7 days back
               "refusals_same_time_of_day('personal_care_refusal', 28, 60) == 0"},
              evenings) == std::vector<bool>{true, true, true, true, true});
  SECTION("a re-offer refused the same evening is one day, not two") {
    CHECK(holds({"refusals_same_time_of_day('medication_refusal', 28, 60) == 1"},
                {event("medication_refusal", "2026-11-25", "20:10"),
                 event("medication_refusal", "2026-11-25", "20:40")}) == std::vector<bool>{true});
    CHECK(holds({"refusals_same_time_of_day('medication_refusal', 28, 60) == 2"},
                {event("medication_refusal", "2026-11-24", "20:10"), event("medication_refusal", "2026-11-25", "20:10"),
                 event("medication_refusal", "2026-11-25", "20:40")}) == std::vector<bool>{true});
  }
  SECTION("refusals months apart, or after the session date, are outside the window") {
    CHECK(holds({"refusals_same_time_of_day('medication_refusal', 28, 60) == 1",
                 "refusals_same_time_of_day('medication_refusal', 3660, 60) == 2"},
                {event("medication_refusal", "2025-01-25", "20:00"), event("medication_refusal", "2026-11-25", "20:10"),
                 event("medication_refusal", "2026-11-26", "20:10")}) == std::vector<bool>{true, true});
  }
}

TEST_CASE("bare_refusal_note spots a note that records only the refusal", "[plugins][events]") {
  const std::vector<std::string> conditions = {"bare_refusal_note(note)"};
  SECTION("bare notes: the refusal, and nothing of an approach, a presentation or a trigger") {
    for (const char* note :
         {"Refused personal care.", "refused personal care", "Declined support again today", "REFUSED",
          "Resident refused all personal care!", "Refused personal care this morning",
          "Service user refused personal care", "Refused personal care x2", "Refused personal care, no reason given",
          "Said no to personal care.", "Refused personal care. No alternatives tried.",
          "Declined medication, no obvious trigger"}) {
      INFO(note);
      CHECK(holds(conditions, {}, note) == std::vector<bool>{true});
    }
  }
  SECTION("notes that record an approach, a presentation or a trigger") {
    for (const char* note :
         {"Refused personal care; appeared tired and in pain.",
          "Refused personal care. Returned after 10 minutes with a familiar worker and accepted.",
          "Declined: said the water was too cold", "Refused personal care this morning, re-offered after breakfast",
          "Service user refused personal care, turned away and became tense",
          "Refused personal care x2; offered choice of shower or wash",
          "Refused personal care because the bathroom was cold", "Declined medication; anxious"}) {
      INFO(note);
      CHECK(holds(conditions, {}, note) == std::vector<bool>{false});
    }
  }
  SECTION("bare_refusal_notes counts bare notes in the chronology, in the window") {
    CHECK(holds({"bare_refusal_notes('personal_care_refusal', 1) == 1",
                 "bare_refusal_notes('personal_care_refusal', 7) == 2"},
                {event("personal_care_refusal", "2026-11-25", "08:30", "Refused personal care."),
                 event("personal_care_refusal", "2026-11-25", "09:00", "Refused personal care; distressed by noise."),
                 event("personal_care_refusal", "2026-11-20", "08:30", "")}) == std::vector<bool>{true, true});
  }
}

TEST_CASE("repeat_referrals counts earlier referrals within months of the latest one", "[plugins][events]") {
  const std::vector<Event> referrals = {
      event("referral", "2025-11-24", nullptr, "",
            "neglect"),                                         // 12 months and a day before: outside
      event("referral", "2025-11-25", nullptr, "", "neglect"),  // exactly 12 months before: inside
      event("referral", "2026-06-01", nullptr, "", "school attendance"),
      event("referral", "2026-11-25", nullptr, "", "neglect"),  // the latest, the one being checked
  };
  CHECK(holds({"repeat_referrals('same', 12) == 1", "repeat_referrals('any', 12) == 2",
               "repeat_referrals('school attendance', 12) == 1", "repeat_referrals('same', 24) == 2",
               "events_on_record('referral') == 4", "events_on_record('no_access_visit') == 0"},
              referrals) == std::vector<bool>{true, true, true, true, true, true});
  SECTION("days_since_last counts from the latest event up to the session date, -1 for none") {
    CHECK(holds({"days_since_last('referral') == 0", "days_since_last('no_access_visit') == -1"},
                {event("referral", "2026-11-01"), event("referral", "2026-11-25"), event("referral", "2026-12-01")}) ==
          std::vector<bool>{true, true});
  }
  SECTION("no referral on record: no repeats") {
    CHECK(holds({"repeat_referrals('any', 12) == 0"}, {}) == std::vector<bool>{true});
  }
}

TEST_CASE("a chronology function's bad argument fails the evaluation with its reason", "[plugins][events]") {
  const auto policy = policy_with({"events_within('refusal', 0) > 1"});
  Session session(policy, *Date::parse("2026-11-25"));
  session.answer("note", Answer::of_text("n"), "t");
  CHECK_THROWS_WITH(session.outcome(), Catch::Matchers::Contains("days must be a whole number"));
}

TEST_CASE("lint treats the chronology as open: a condition on it can fire", "[plugins][lint]") {
  const auto policy =
      policy_with({"events_within('refusal', 7) >= 3", "repeat_referrals('same', 12) >= 1 and note == 'x'"});
  const LintReport report = lint_policy(*policy, LintOptions{*Date::parse("2026-11-25")});
  for (const auto& d : report.diagnostics) {
    INFO(d.format());
    CHECK(d.severity != Severity::error);
  }
}

TEST_CASE("a plugin sees no events from a host older than the chronology functions", "[plugins][events]") {
  WaymarkCall old_host{};
  old_host.struct_size = static_cast<std::uint32_t>(offsetof(WaymarkCall, host));
  old_host.today = 20'000;
  const waymark::plugin::Context context{waymark::plugin::Days{20'000}, &old_host};
  CHECK(context.events().empty());
}

namespace {

// The windows a session's conditions counted over, for these conditions and events on 2026-11-25.
std::vector<CountedWindow> windows_of(const std::vector<std::string>& conditions, std::vector<Event> events) {
  Session session(policy_with(conditions), *Date::parse("2026-11-25"));
  if (!events.empty()) session.set_chronology(std::make_shared<const Chronology>(std::move(events)));
  session.answer("note", Answer::of_text("n"), "t");
  return session.counted_windows();
}

CountedWindow window(const char* function, const char* kind, const char* from, const char* to, double count) {
  return {function, kind, *Date::parse(from), *Date::parse(to), count};
}

}  // namespace

TEST_CASE("the windows a session reports are the ones its conditions counted, with their counts",
          "[plugins][events][windows]") {
  const std::vector<Event> refusals = {
      event("medication_refusal", "2026-11-01", "19:00"), event("medication_refusal", "2026-11-19", "19:10"),
      event("medication_refusal", "2026-11-22", "19:30"), event("medication_refusal", "2026-11-25", "08:00"),
      event("personal_care_refusal", "2026-11-24", "08:30", "Refused personal care.")};
  SECTION("each window covers the days the function counted, ending on the session date") {
    const std::vector<std::string> conditions = {"events_within('medication_refusal', 7) == 3",
                                                 "events_within('medication_refusal', 28) == 4",
                                                 "refusals_same_time_of_day('medication_refusal', 28, 60) == 3",
                                                 "bare_refusal_notes('personal_care_refusal', 7) == 1"};
    // The conditions hold, so the counts below are the values the conditions compared.
    CHECK(holds(conditions, refusals) == std::vector<bool>{true, true, true, true});
    const auto windows = windows_of(conditions, refusals);
    CHECK(windows == std::vector<CountedWindow>{
                         window("events_within", "medication_refusal", "2026-11-19", "2026-11-25", 3),
                         window("events_within", "medication_refusal", "2026-10-29", "2026-11-25", 4),
                         window("refusals_same_time_of_day", "medication_refusal", "2026-10-29", "2026-11-25", 3),
                         window("bare_refusal_notes", "personal_care_refusal", "2026-11-19", "2026-11-25", 1)});
    // An events_within window holds exactly the events it counted.
    const Chronology chronology(refusals);
    for (const auto& w : windows)
      if (w.function == "events_within") CHECK(static_cast<double>(chronology.count(w.kind, w.from, w.to)) == w.count);
  }
  SECTION("a repeat referral's window is the months before the latest referral") {
    const std::vector<Event> referrals = {event("referral", "2025-11-19", nullptr, "", "neglect"),  // outside
                                          event("referral", "2025-11-20", nullptr, "", "neglect"),
                                          event("referral", "2026-11-20", nullptr, "", "neglect")};
    const auto windows = windows_of({"repeat_referrals('same', 12) == 1", "events_on_record('referral') == 3"}, referrals);
    CHECK(windows == std::vector<CountedWindow>{window("repeat_referrals", "referral", "2025-11-20", "2026-11-20", 1),
                                                window("events_on_record", "referral", "2025-11-19", "2026-11-25", 3)});
  }
  SECTION("a condition settled before the function is reached reports no window") {
    CHECK(windows_of({"note == 'x' and events_within('medication_refusal', 7) > 0"}, refusals).empty());
  }
  SECTION("no chronology, no windows") {
    CHECK(windows_of({"events_within('medication_refusal', 7) == 0"}, {}).empty());
  }
}

TEST_CASE("a record keeps the windows its conditions counted, and draws them with its chronology",
          "[plugins][windows][record]") {
  Session session(policy_with({"events_within('medication_refusal', 7) >= 2"}), *Date::parse("2026-11-25"));
  session.set_chronology(std::make_shared<const Chronology>(std::vector<Event>{
      event("medication_refusal", "2026-11-19"), event("medication_refusal", "2026-11-22", nullptr, "<b>x</b>")}));
  session.answer("note", Answer::of_text("n"), "t");
  const std::string record = evidence_record_json(session, "2026-11-25T10:00:00Z");
  const TimelineData timeline = record_timeline(record);
  CHECK(timeline.windows == session.counted_windows());
  REQUIRE(timeline.windows.size() == 1);
  CHECK(timeline.windows[0].count == 2);
  CHECK(timeline.events.size() == 2);
  CHECK(timeline.today == *Date::parse("2026-11-25"));
  REQUIRE(timeline.actions.size() == 1);  // the flag that fired
  const std::string markdown = render_record(record);
  CHECK_THAT(markdown, Catch::Matchers::Contains("## Chronology") &&
                           Catch::Matchers::Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") &&
                           Catch::Matchers::Contains("data-function=\"events_within\"") &&
                           Catch::Matchers::Contains("2 medication refusal from 2026-11-19 to 2026-11-25") &&
                           Catch::Matchers::Contains("&lt;b&gt;x&lt;/b&gt;"));
  CHECK(markdown.find("<b>x</b>") == std::string::npos);
  // In a terminal: the words, not the picture.
  const std::string text = render_record(record, RecordStyle::text);
  CHECK_THAT(text, Catch::Matchers::Contains("The policy counted 2 medication refusal from 2026-11-19 to 2026-11-25."));
  CHECK(text.find("<svg") == std::string::npos);
  // A session's own timeline is the same as its record's.
  CHECK(session_timeline(session, "t").windows == timeline.windows);
}

TEST_CASE("the bundled scenarios with chronologies report windows that hold what they counted",
          "[plugins][windows][scenarios]") {
  PolicyRegistry policies(bundled_plugins());
  policies.add_directory(WAYMARK_POLICIES);
  std::size_t scenarios_with_windows = 0;
  for (const auto& entry : policies.policies()) {
    const fs::path tests = fs::path(WAYMARK_POLICIES) / (entry.policy->id() + ".tests.toml");
    if (!fs::exists(tests)) continue;
    const ScenarioFile file = load_scenario_file(tests);
    for (const Scenario& scenario : file.scenarios) {
      if (scenario.events.empty()) continue;
      INFO(entry.policy->id() << " scenario " << scenario.id);
      Session session(entry.policy, scenario_date(file, scenario));
      const auto chronology = std::make_shared<const Chronology>(scenario.events);
      session.set_chronology(chronology);
      for (const IndexedAnswer& a : scenario_answers(file, scenario, *entry.policy)) {
        const std::string& id = entry.policy->questions()[static_cast<std::size_t>(a.question)].id;
        if (session.is_applicable(id)) session.answer(id, a.answer, "t");
      }
      const auto windows = session.counted_windows();
      scenarios_with_windows += !windows.empty();
      const std::string svg = timeline_svg(session_timeline(session, "scenario"));
      for (const CountedWindow& w : windows) {
        INFO(w.function << " " << w.kind << " " << w.from.iso() << ".." << w.to.iso() << " = " << w.count);
        CHECK(w.from <= w.to);
        CHECK(w.to <= session.date());
        // These two count every event of the kind in their window: the window holds exactly them.
        if (w.function == "events_within" || w.function == "events_on_record")
          CHECK(static_cast<double>(chronology->count(w.kind, w.from, w.to)) == w.count);
        CHECK_THAT(svg, Catch::Matchers::Contains(fmt::format(
                            "data-function=\"{}\" data-kind=\"{}\" data-from=\"{}\" data-to=\"{}\"", w.function,
                            w.kind, w.from.iso(), w.to.iso())));
      }
      // One mark per event, by kind and date.
      for (const Event& e : scenario.events)
        CHECK_THAT(svg, Catch::Matchers::Contains(
                            fmt::format("data-kind=\"{}\" data-date=\"{}\"", e.kind, e.date.iso())));
    }
  }
  CHECK(scenarios_with_windows >= 3);
}

TEST_CASE("lint treats the chronology as open in a pathway: a step's action that reads it can fire there",
          "[plugins][lint][pathways]") {
  // As in the children's protocol: the step is worked out from the chronology or an answer, and
  // an action of the step reads the chronology too.
  std::string text =
      test::policy_header_using("ladder-on-chronology", R"("childrens-persistent-non-engagement")") + R"(
[[question]]
id = "meeting_held"
text = "Has the meeting been held?"
help = "h"
kind = "yes_no"
ask_if = "events_on_record('engagement_plan') == 0"
source = "s"

[[fact]]
id = "held"
text = "The meeting has been held"
value = "events_on_record('engagement_plan') > 0 or meeting_held"
source = "s"

[[action]]
id = "arrange"
kind = "step"
text = "Arrange the meeting."
owner = "worker"
urgency = "not_stated"
when = "not held"
why = "w"
source = "s"

[[action]]
id = "overdue"
kind = "flag"
text = "The review is overdue."
owner = "worker"
urgency = "not_stated"
when = "held and days_since_last('engagement_plan') > 42"
why = "w"
source = "s"

[[pathway]]
id = "ladder"
title = "Ladder"
source = "s"

[[pathway.step]]
id = "before"
title = "Before the meeting"
actions = ["arrange"]
when = "not held"
moves_on = "Once the meeting is held"
source = "s"

[[pathway.step]]
id = "after"
title = "After the meeting"
actions = ["overdue"]
when = "held"
source = "s"
)";
  const auto policy = load_policy_text(text, "ladder.toml", bundled_plugins().functions());
  const LintReport report = lint_policy(*policy, LintOptions{*Date::parse("2026-11-25")});
  for (const auto& d : report.diagnostics) {
    INFO(d.format());
    CHECK(d.severity != Severity::error);
  }
  SECTION("an action that cannot fire at its step is still an error") {
    // 'arrange' (not held) at a step reached once the meeting is answered as held.
    std::string wrong = text;
    wrong.replace(wrong.find("actions = [\"arrange\"]"), 21, "actions = [\"overdue\"]");
    const std::string after = "actions = [\"overdue\"]\nwhen = \"held\"";
    wrong.replace(wrong.find(after), after.size(), "actions = [\"arrange\"]\nwhen = \"meeting_held\"");
    const auto bad = load_policy_text(wrong, "ladder.toml", bundled_plugins().functions());
    const LintReport r = lint_policy(*bad, LintOptions{*Date::parse("2026-11-25")});
    CHECK(std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) {
      return d.severity == Severity::error &&
             d.message.find("action 'arrange' of step 'after' (pathway 'ladder') never fires") != std::string::npos;
    }));
  }
}

TEST_CASE("the children's plugin reports the days since the engagement plan as a window, for the timeline",
          "[plugins][policies][timeline]") {
  // The plan was set 8 weeks before the session and never reviewed: the overdue review (4.3) is
  // worked out over the days from the plan to the session date, and the timeline draws them.
  PolicyRegistry policies(bundled_plugins());
  policies.add_directory(WAYMARK_POLICIES);
  const PolicyEntry* entry = policies.find("childrens-persistent-non-engagement", *Date::parse("2027-01-18"));
  REQUIRE(entry);
  Session session(entry->policy, *Date::parse("2027-01-18"));
  session.set_chronology(std::make_shared<const Chronology>(std::vector<Event>{event("engagement_plan", "2026-11-23")}));
  session.answer_text("situation", "not_engaging", "t");
  const auto windows = session.counted_windows();
  const CountedWindow since_plan{"days_since_last", "engagement_plan", *Date::parse("2026-11-23"),
                                 *Date::parse("2027-01-18"), 1};
  CHECK(std::find(windows.begin(), windows.end(), since_plan) != windows.end());
  // No review on record: nothing was counted for it, so nothing is drawn for it.
  CHECK(std::none_of(windows.begin(), windows.end(),
                     [](const CountedWindow& w) { return w.kind == "engagement_plan_review" && w.function == "days_since_last"; }));
}

TEST_CASE("a case's timeline draws the windows of each policy's latest record, side by side",
          "[plugins][timeline][store]") {
  PolicyRegistry policies(bundled_plugins());
  policies.add_directory(WAYMARK_POLICIES);
  const Date today = *Date::parse("2027-01-18");
  const auto chronology = std::make_shared<const Chronology>(std::vector<Event>{
      event("engagement_plan", "2026-11-23"), event("personal_care_refusal", "2027-01-14"),
      event("personal_care_refusal", "2027-01-16"), event("personal_care_refusal", "2027-01-18")});
  auto record_of = [&](const char* policy_id, std::vector<std::pair<const char*, const char*>> answers) {
    Session session(policies.find(policy_id, today)->policy, today);
    session.set_chronology(chronology);
    for (const auto& [id, typed] : answers)
      if (session.is_applicable(id)) session.answer_text(id, typed, "t");
    return ChainEntry{0, "record", "C-1", "t", evidence_record_json(session, "t"), "", ""};
  };
  const ChainEntry cqc = record_of("cqc-refusal-pathway", {{"pathway", "personal_care"}});
  const ChainEntry older_children = record_of("childrens-persistent-non-engagement", {{"situation", "no_access"}});
  const ChainEntry children = record_of("childrens-persistent-non-engagement", {{"situation", "not_engaging"}});
  const auto drawn = case_timeline("C-1", {}, {older_children, cqc, children}, {}, today).windows;
  auto has = [&](const CountedWindow& w) { return std::find(drawn.begin(), drawn.end(), w) != drawn.end(); };
  // Both policies' windows, each once, though the children's policy was walked twice.
  for (const ChainEntry* entry : {&cqc, &children})
    for (const CountedWindow& w : record_timeline(entry->body).windows) {
      INFO(w.function << " " << w.kind);
      CHECK(has(w));
    }
  CHECK(has({"days_since_last", "engagement_plan", *Date::parse("2026-11-23"), today, 1}));
  CHECK(std::any_of(drawn.begin(), drawn.end(), [](const CountedWindow& w) { return w.kind == "personal_care_refusal"; }));
  for (std::size_t i = 0; i < drawn.size(); ++i)
    for (std::size_t j = i + 1; j < drawn.size(); ++j) CHECK_FALSE(drawn[i] == drawn[j]);
}
