// Scenario tests for the bundled adult non-engagement checklist (seed 001): what a worker
// is told to do, and not do, for the situations the flowchart describes.
#include <waymark/loader.h>
#include <waymark/session.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

using namespace waymark;

namespace {

std::shared_ptr<const Policy> adult_policy() {
  static const auto policy = load_policy_file(std::filesystem::path(WAYMARK_POLICIES) / "adult-non-engagement.toml");
  return policy;
}

using Answers = std::vector<std::pair<std::string, std::string>>;

// Answers in the order given (as typed at the prompt), then returns the session.
Session walk(const Answers& answers) {
  Session s(adult_policy(), *Date::parse("2026-11-25"));
  for (const auto& [id, typed] : answers) s.answer_text(id, typed, "2026-11-25T10:00:00Z");
  return s;
}

std::vector<std::string> fired(const Session& s) {
  std::vector<std::string> ids;
  for (const auto& r : s.outcome().actions) ids.push_back(r.action->id);
  return ids;
}

bool fires(const Session& s, const std::string& id) {
  const auto ids = fired(s);
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A worker who answers "no" to every self-check question: nothing points to collusion.
const Answers no_collusion = {{"taking_family_word", "no"},         {"minimising_negative_information", "no"},
                              {"hesitant_to_share_concerns", "no"}, {"sharing_concerns", "sharing_with_line_manager"},
                              {"relieved_no_answer", "no"},         {"focusing_on_family_needs", "no"},
                              {"worker_feels_at_risk", "no"}};

const char* all_strategies =
    "calls, home_visit, letters, appointments, other_agencies, gp_contact, trusted_family_member, "
    "carers_assessment, line_manager_discussion, safeguarding_link";

Answers with(Answers head, const Answers& tail = no_collusion) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

const std::vector<std::string> next_steps = {"do_not_close",
                                             "discuss_with_line_manager",
                                             "risk_assessment",
                                             "consider_mental_health_assessment",
                                             "consider_mental_capacity_assessment",
                                             "multi_agency_meeting",
                                             "communicate_do_not_assume",
                                             "seek_legal_advice",
                                             "seek_partner_agency_advice",
                                             "consider_safeguarding_alert"};

}  // namespace

TEST_CASE(
    "adult policy: evidence that non-engagement increases risk leads to every next step, 'Do not close' kept in mind",
    "[policies][adult]") {
  const Session s = walk(with({{"aged_18_or_over", "yes"},
                               {"risk_basis", "evidence"},
                               {"strategies_tried", all_strategies},
                               {"concerns_raised", "none"},
                               {"considering_closure", "no"}}));
  REQUIRE(s.is_complete());
  const auto ids = fired(s);
  REQUIRE_FALSE(ids.empty());
  // The case is at the flowchart's next steps: they open the outcome, at most five to do now,
  // and 'Do not close the case' is the first thing to keep in mind.
  const Outcome outcome = s.outcome();
  REQUIRE(outcome.pathways.size() == 1);
  CHECK(outcome.pathways[0].pathway->steps[outcome.pathways[0].current].id == "next_steps");
  CHECK(ids.front() == "risk_assessment");
  std::size_t do_now = 0;
  for (const auto& r : outcome.actions) do_now += r.group == OutcomeGroup::do_now;
  CHECK(do_now == 5);
  const auto keep = std::find_if(outcome.actions.begin(), outcome.actions.end(),
                                 [](const Recommendation& r) { return r.group == OutcomeGroup::keep_in_mind; });
  REQUIRE(keep != outcome.actions.end());
  CHECK(keep->action->id == "do_not_close");
  for (const auto& step : next_steps) {
    INFO(step);
    CHECK(fires(s, step));
  }
  CHECK_FALSE(fires(s, "try_calls"));  // every strategy has been tried
  CHECK_FALSE(fires(s, "do_not_close_before_checks"));
}

TEST_CASE("adult policy: concern about non-engagement alone points to the strategies not yet tried",
          "[policies][adult]") {
  const Session s = walk(with({{"aged_18_or_over", "yes"},
                               {"risk_basis", "only_not_engaging"},
                               {"strategies_tried", "calls, letters"},
                               {"concerns_raised", "none"},
                               {"considering_closure", "no"}}));
  REQUIRE(s.is_complete());
  for (const auto* tried : {"try_calls", "try_letters"}) CHECK_FALSE(fires(s, tried));
  for (const auto* untried : {"try_home_visit", "try_appointments", "try_other_agencies", "try_gp_contact",
                              "try_trusted_family_member", "try_carers_assessment", "try_safeguarding_link"})
    CHECK(fires(s, untried));
  CHECK(fires(s, "discuss_with_line_manager"));  // a strategy not yet tried
  CHECK_FALSE(fires(s, "do_not_close"));
  CHECK_FALSE(fires(s, "multi_agency_meeting"));
  CHECK_FALSE(fires(s, "seek_legal_advice"));
}

TEST_CASE("adult policy: when every strategy has been tried, 'Take action' leads to the next steps",
          "[policies][adult]") {
  const Session s = walk(with({{"aged_18_or_over", "yes"},
                               {"risk_basis", "only_not_engaging"},
                               {"strategies_tried", all_strategies},
                               {"concerns_raised", "none"},
                               {"considering_closure", "no"}}));
  for (const auto& step : next_steps) {
    INFO(step);
    CHECK(fires(s, step));
  }
}

TEST_CASE("adult policy: closing for non-engagement needs a risk assessment and checks with other agencies first",
          "[policies][adult]") {
  const Session s = walk(with({{"aged_18_or_over", "yes"},
                               {"risk_basis", "only_not_engaging"},
                               {"strategies_tried", "calls"},
                               {"concerns_raised", "none"},
                               {"considering_closure", "yes"}}));
  CHECK(fires(s, "risk_assessment"));
  CHECK(fires(s, "check_with_other_agencies"));
  const Outcome outcome = s.outcome();
  // The closure rule is the first thing to keep in mind.
  const auto keep = std::find_if(outcome.actions.begin(), outcome.actions.end(),
                                 [](const Recommendation& r) { return r.group == OutcomeGroup::keep_in_mind; });
  REQUIRE(keep != outcome.actions.end());
  const auto& first = *keep;
  CHECK(first.action->id == "do_not_close_before_checks");
  CHECK(first.action->source.find("A2 SCR 2012") != std::string::npos);
  CHECK(first.due == Date::parse("2026-11-25"));  // a prohibition applies now
}

TEST_CASE("adult policy: each 'Am I colluding?' answer raises its own flag and sends you to your line manager",
          "[policies][adult]") {
  const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases = {
      {{"taking_family_word", "yes"}, "collusion_family_word"},
      {{"minimising_negative_information", "yes"}, "collusion_minimising"},
      {{"hesitant_to_share_concerns", "yes"}, "collusion_avoiding_confrontation"},
      {{"sharing_concerns", "keeping_to_myself"}, "collusion_keeping_concerns"},
      {{"relieved_no_answer", "yes"}, "collusion_relieved"},
      {{"focusing_on_family_needs", "yes"}, "collusion_family_needs"}};
  // Line manager discussion already tried and no evidence of risk: only collusion can ask for it.
  const Answers start = {{"aged_18_or_over", "yes"},
                         {"risk_basis", "only_not_engaging"},
                         {"strategies_tried", "line_manager_discussion"},
                         {"concerns_raised", "none"},
                         {"considering_closure", "no"}};
  CHECK_FALSE(fires(walk(with(start)), "discuss_with_line_manager"));
  for (const auto& [answer, flag] : cases) {
    DYNAMIC_SECTION(flag) {
      Session s = walk(with(start));
      s.answer_text(answer.first, answer.second, "2026-11-25T10:05:00Z");
      CHECK(fires(s, flag));
      CHECK(fires(s, "discuss_with_line_manager"));
      std::size_t collusion_flags = 0;
      for (const auto& id : fired(s)) collusion_flags += id.rfind("collusion_", 0) == 0;
      CHECK(collusion_flags == 1);
    }
  }
}

TEST_CASE("adult policy: concerns about capacity, duress and family raise flags and assessments", "[policies][adult]") {
  const Session s = walk(with({{"aged_18_or_over", "yes"},
                               {"risk_basis", "only_not_engaging"},
                               {"strategies_tried", "line_manager_discussion"},
                               {"concerns_raised", "situational_capacity, duress, family_gatekeeper, mental_health"},
                               {"considering_closure", "no"}}));
  CHECK(fires(s, "consider_mental_capacity_assessment"));
  CHECK(fires(s, "consider_mental_health_assessment"));
  CHECK(fires(s, "possible_duress"));
  CHECK(fires(s, "family_pressure_or_gatekeeping"));
  CHECK_FALSE(fires(s, "capacity_but_vulnerable"));
  CHECK_FALSE(fires(s, "consider_safeguarding_alert"));
}

TEST_CASE("adult policy: a person under 18 is out of scope and nothing else is asked", "[policies][adult]") {
  const Session s = walk({{"aged_18_or_over", "no"}});
  CHECK(s.is_complete());
  CHECK(fired(s) == std::vector<std::string>{"out_of_scope"});
  std::set<std::string> notes;
  const Outcome outcome = s.outcome();
  for (const auto* n : outcome.notes) notes.insert(n->id);
  CHECK(notes.count("under_18_not_covered") == 1);
}

TEST_CASE("adult policy: changing the opening answer takes 'Do not close' away again", "[policies][adult]") {
  Session s = walk(with({{"aged_18_or_over", "yes"},
                         {"risk_basis", "evidence"},
                         {"strategies_tried", "calls"},
                         {"concerns_raised", "none"},
                         {"considering_closure", "no"}}));
  REQUIRE(fires(s, "do_not_close"));
  s.answer_text("risk_basis", "only_not_engaging", "2026-11-25T10:10:00Z");
  CHECK_FALSE(fires(s, "do_not_close"));
  CHECK(s.is_complete());  // later answers still apply and are kept
}

TEST_CASE("adult policy: every question, action and note cites seed 001, and the self-check is complete",
          "[policies][adult]") {
  const Policy& p = *adult_policy();
  for (const auto& q : p.questions()) {
    INFO(q.id);
    CHECK(q.source.rfind("001: ", 0) == 0);
    CHECK_FALSE(q.help.empty());
  }
  for (const auto& a : p.actions()) {
    INFO(a.id);
    CHECK(a.source.rfind("001: ", 0) == 0);
    CHECK_FALSE(a.why.empty());
  }
  for (const auto& n : p.notes()) CHECK(n.source.rfind("001: ", 0) == 0);
  std::size_t self_check = 0;
  for (const auto& q : p.questions()) self_check += q.section == "Am I colluding?";
  CHECK(self_check == 6);  // the six questions overleaf
}
