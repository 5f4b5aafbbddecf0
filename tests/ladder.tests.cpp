// The pathway as a ladder: parsed as XML (expat), its steps are the pathway's steps in order, its
// current step is the outcome's, a record draws the same ladder, and text cannot add markup.
#include <waymark/ladder.h>
#include <waymark/plugin_registry.h>
#include <waymark/record.h>
#include <waymark/waymark.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "support/svg_xml.h"

using namespace waymark;
using test::parse_xml;
using test::with_class;
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

// Every bundled scenario walked to its outcome (the scenario's answers, where their questions apply).
template <typename Check>
void for_each_scenario(Check check) {
  PolicyRegistry policies(bundled_plugins());
  policies.add_directory(WAYMARK_POLICIES);
  for (const auto& entry : policies.policies()) {
    const fs::path tests = fs::path(WAYMARK_POLICIES) / (entry.policy->id() + ".tests.toml");
    if (!fs::exists(tests)) continue;
    const ScenarioFile file = load_scenario_file(tests);
    for (const Scenario& scenario : file.scenarios) {
      INFO(entry.policy->id() << " scenario " << scenario.id);
      Session session(entry.policy, scenario_date(file, scenario));
      if (!scenario.events.empty()) session.set_chronology(std::make_shared<const Chronology>(scenario.events));
      for (const IndexedAnswer& a : scenario_answers(file, scenario, *entry.policy)) {
        const std::string& id = entry.policy->questions()[static_cast<std::size_t>(a.question)].id;
        if (session.is_applicable(id)) session.answer(id, a.answer, "t");
      }
      check(session);
    }
  }
}

std::string state_at(std::size_t i, std::size_t current) {
  return i < current ? "done" : i == current ? "current" : "next";
}

Ladder hand_made() {
  Ladder ladder{"refusals", "Refusals <b>&amp; \"more\"</b>", "src", {}, 1, 2, 3};
  ladder.steps = {{"s1", "Offer <i>support</i>", "001: Step 1", LadderState::done, "", "", {}},
                  {"s2", "Try again & again", "001: Step 2", LadderState::current, "If they say \"no\"", "", {}},
                  {"s3",
                   "Tell the <lead>",
                   "001: Step 3",
                   LadderState::next,
                   "If still <declining>",
                   "Same shift",
                   {"Inform the shift lead (Shift lead)"}}};
  return ladder;
}

}  // namespace

TEST_CASE("every bundled scenario's ladders draw their pathway's steps, the outcome's current one marked",
          "[ladder][scenarios]") {
  std::size_t ladders_checked = 0;
  for_each_scenario([&](const Session& session) {
    const Outcome outcome = session.outcome();
    const std::vector<Ladder> ladders = outcome_ladders(outcome);
    REQUIRE(ladders.size() == outcome.pathways.size());
    const std::vector<Ladder> from_record = record_ladders(evidence_record_json(session, "2026-11-25T10:00:00Z"));
    REQUIRE(from_record.size() == ladders.size());
    for (std::size_t p = 0; p < ladders.size(); ++p) {
      const PathwayPlace& place = outcome.pathways[p];
      const auto parsed = parse_xml(ladder_svg(ladders[p]));
      INFO(parsed.error);
      REQUIRE(parsed.well_formed);
      const auto steps = with_class(parsed, "wm-step");
      REQUIRE(steps.size() == place.pathway->steps.size());
      for (std::size_t i = 0; i < steps.size(); ++i) {
        CHECK(steps[i].attributes.at("data-step") == place.pathway->steps[i].id);
        CHECK(steps[i].attributes.at("data-state") == state_at(i, place.current));
      }
      // The record draws the same ladder the practitioner saw.
      CHECK(ladder_svg(from_record[p]) == ladder_svg(ladders[p]));
      CHECK(ladder_text(from_record[p]) == ladder_text(ladders[p]));
      ++ladders_checked;
    }
  });
  CHECK(ladders_checked >= 3);  // the CQC policy's three pathways at least
}

TEST_CASE("a ladder says where the case is and what comes next, in the picture and in words", "[ladder]") {
  const Ladder ladder = hand_made();
  const auto parsed = parse_xml(ladder_svg(ladder));
  INFO(parsed.error);
  REQUIRE(parsed.well_formed);
  std::string texts;
  for (const auto& e : parsed.elements)
    if (e.name == "text") texts += e.text + "\n";
  SECTION("the steps' numbers and states are words, not colour") {
    CHECK_THAT(texts, Catch::Matchers::Contains("Done\n"));
    CHECK_THAT(texts, Catch::Matchers::Contains("You are here\n"));
    CHECK_THAT(texts, Catch::Matchers::Contains("If this continues: If still <declining>. When: Same shift"));
  }
  SECTION("text is escaped: the parsed picture holds it as text, not markup") {
    for (const auto& e : parsed.elements) CHECK((e.name != "b" && e.name != "i" && e.name != "lead"));
    CHECK(parsed.elements[1].name == "title");
    CHECK(parsed.elements[1].text == "Pathway: Refusals <b>&amp; \"more\"</b>");
    CHECK_THAT(texts, Catch::Matchers::Contains("Offer <i>support</i>"));
    CHECK_THAT(ladder_list_html(ladder), Catch::Matchers::Contains("Tell the &lt;lead&gt;"));
    CHECK(ladder_list_html(ladder).find("<lead>") == std::string::npos);
  }
  SECTION("the picture names itself for screen readers, with the summary as its description") {
    const auto& svg = parsed.elements.front();
    CHECK(svg.attributes.at("role") == "img");
    CHECK(svg.attributes.at("aria-labelledby") == "wm-ladder-refusals-title wm-ladder-refusals-desc");
    CHECK(parsed.elements[2].text == ladder_summary(ladder));
    CHECK(ladder_summary(ladder) ==
          "Refusals <b>&amp; \"more\"</b>: the case is at step 2 of 3, Try again & again. Done: Offer <i>support</i>. "
          "If this continues: Tell the <lead> (If still <declining>. When: Same shift).");
  }
  SECTION("the list says the same, step by step, with the actions to come") {
    const std::string list = ladder_list_html(ladder);
    CHECK_THAT(list, Catch::Matchers::Contains("data-step=\"s2\" data-state=\"current\""));
    CHECK_THAT(list, Catch::Matchers::Contains("You are here"));
    CHECK_THAT(list, Catch::Matchers::Contains("<li>Inform the shift lead (Shift lead)</li>"));
    CHECK_THAT(ladder_html(ladder), Catch::Matchers::StartsWith("<figure class=\"waymark-ladder-figure\">"));
  }
  SECTION("the terminal's ladder marks each step") {
    CHECK(ladder_text(ladder) ==
          "Refusals <b>&amp; \"more\"</b>: step 2 of 3\n"
          "  [x] Offer <i>support</i>\n"
          "  [>] Try again & again   <- you are here\n"
          "  [ ] Tell the <lead>\n"
          "        if this continues: If still <declining>. When: Same shift\n");
  }
}

TEST_CASE("a long step title wraps onto more lines rather than running off the picture", "[ladder]") {
  Ladder ladder = hand_made();
  ladder.steps[0].title = std::string(40, 'a') + " " + std::string(40, 'b') + " " + std::string(40, 'c');
  const auto parsed = parse_xml(ladder_svg(ladder));
  REQUIRE(parsed.well_formed);
  std::vector<std::string> lines;
  for (const auto& e : parsed.elements)
    if (e.name == "text" && e.attributes.count("font-weight") && e.text.find_first_of("abc") == 0 &&
        e.text.size() >= 40)
      lines.push_back(e.text);
  CHECK(lines.size() >= 2);
  for (const auto& l : lines) CHECK(l.size() <= 80);
}
