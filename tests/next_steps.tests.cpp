// "If this continues" lists only what can still happen: a later step or action that an answer
// already given rules out is not shown, while steps that wait on answers not yet given, on a "no"
// that may become "yes", or on events still to come are.
#include <waymark/plugin_registry.h>
#include <waymark/policy_registry.h>
#include <waymark/session.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace waymark;

namespace {

std::shared_ptr<const Policy> childrens_policy() {
  static const auto policy = [] {
    static PluginRegistry plugins;
    plugins.add_directory(WAYMARK_BUILD_PLUGINS);
    PolicyRegistry policies(plugins);
    policies.add_directory(WAYMARK_POLICIES);
    const auto* entry = policies.find("childrens-persistent-non-engagement");
    REQUIRE(entry);
    return entry->policy;
  }();
  return policy;
}

// The Team Around the Child meeting has set an engagement plan, not yet reviewed; whether
// non-engagement continues is not answered yet.
Outcome after_the_meeting(const std::string& csc_involved) {
  Session s(childrens_policy(), *Date::parse("2026-11-25"));
  const std::vector<std::pair<std::string, std::string>> answers = {
      {"situation", "not_engaging"}, {"tac_meeting_held", "yes"}, {"plan_set", "yes"},
      {"family_attended_tac", "yes"}, {"plan_reviewed", "no"},     {"csc_involved", csc_involved}};
  for (const auto& [id, typed] : answers)
    if (s.is_applicable(id)) s.answer_text(id, typed, "2026-11-25T10:00:00Z");
  return s.outcome();
}

// "step id: action ids" for each next step of the children's protocol.
std::vector<std::string> if_this_continues(const Outcome& outcome) {
  std::vector<std::string> out;
  for (const PathwayPlace& place : outcome.pathways) {
    if (place.pathway->id != "protocol") continue;
    for (const NextStep& next : place.next) {
      std::string line = next.step->id + ":";
      for (const Action* a : next.actions) line += " " + a->id;
      out.push_back(std::move(line));
    }
  }
  return out;
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("children's policy: where Children's Social Care is involved, 4.4's invitation is not a next step",
          "[pathways][policies]") {
  const Outcome outcome = after_the_meeting("yes");
  REQUIRE(outcome.pathways.size() == 1);
  CHECK(outcome.pathways[0].pathway->steps[outcome.pathways[0].current].id == "engagement_plan");
  const auto lines = if_this_continues(outcome);
  INFO(lines.size() << " lines");
  CHECK_FALSE(mentions(lines, "invite_csc"));
  // 4.5 still follows if non-engagement continues, with Children's Social Care still attending.
  CHECK(mentions(lines, "consider_cp_conference: csc_continue_attending_reviews consider_cp_conference_referral"));
  CHECK(mentions(lines, "cp_conference:"));
}

TEST_CASE("children's policy: where Children's Social Care is not involved, both 4.4 and 4.5 may follow",
          "[pathways][policies]") {
  // "No" may become "yes": Children's Social Care may still become involved (4.5's trigger).
  const auto lines = if_this_continues(after_the_meeting("no"));
  CHECK(mentions(lines, "invite_csc: invite_csc_to_review"));
  CHECK(mentions(lines, "consider_cp_conference: csc_continue_attending_reviews consider_cp_conference_referral"));
}
