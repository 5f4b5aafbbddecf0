#include "answer_json.h"

#include <waymark/build_info.h>
#include <waymark/record.h>

#include <nlohmann/json.hpp>

namespace waymark {

namespace {

using nlohmann::json;

// `chosen`, `not_chosen` and `no_answer` are written only when they say something, so a record
// without them (every record before they existed) means the same: the whole answer mattered.
json because_json(const Because& b) {
  json out = {{"kind", b.is_fact ? "fact" : "answer"},
              {"id", b.id},
              {"text", b.text},
              {"value", b.value},
              {"section", b.section},
              {"source", b.source}};
  if (!b.chosen.empty()) out["chosen"] = b.chosen;
  if (!b.not_chosen.empty()) out["not_chosen"] = b.not_chosen;
  if (b.no_answer != NoAnswer::none) out["no_answer"] = to_string(b.no_answer);
  return out;
}

json decision_json(const ActionJudgement* d) {
  if (!d) return nullptr;
  return {{"judgement", to_string(d->judgement)}, {"reason", d->reason}, {"at", d->at}};
}

// Where the case is on each pathway and what comes next ("If this continues"), so a record read
// later shows the ladder as the practitioner saw it.
json pathways_json(const Policy& policy, const Outcome& outcome) {
  json out = json::array();
  for (const PathwayPlace& place : outcome.pathways) {
    const PathwayStep& current = place.pathway->steps[place.current];
    json next = json::array();
    for (const NextStep& n : place.next) {
      json actions = json::array();
      for (const Action* a : n.actions)
        actions.push_back({{"id", a->id},
                           {"text", a->text},
                           {"owner_title", policy.role_title(a->owner)},
                           {"urgency_label", a->urgency.label()},
                           {"timescale", a->timescale}});
      next.push_back({{"step_id", n.step->id},
                      {"title", n.step->title},
                      {"trigger", n.trigger},
                      {"timescale", n.timescale},
                      {"source", n.step->source},
                      {"actions", actions}});
    }
    // The steps done, so the record's ladder shows the whole way up to where the case is.
    json earlier = json::array();
    for (std::size_t i = 0; i < place.current; ++i) {
      const PathwayStep& s = place.pathway->steps[i];
      earlier.push_back({{"step_id", s.id},
                         {"title", s.title},
                         {"trigger", i > 0 ? place.pathway->steps[i - 1].moves_on : std::string()},
                         {"source", s.source}});
    }
    const std::string reached_when = place.current > 0 ? place.pathway->steps[place.current - 1].moves_on : "";
    out.push_back({{"id", place.pathway->id},
                   {"title", place.pathway->title},
                   {"source", place.pathway->source},
                   {"earlier_steps", earlier},
                   {"current_step",
                    {{"id", current.id}, {"title", current.title}, {"trigger", reached_when}, {"source", current.source}}},
                   {"step_number", place.current + 1},
                   {"step_count", place.pathway->steps.size()},
                   {"next", next}});
  }
  return out;
}

json quotes_json(const Policy& policy, const std::vector<std::string>& cites) {
  json out = json::array();
  for (const std::string& id : cites)
    if (const SourceQuote* quote = policy.find_source_quote(id))
      out.push_back({{"id", quote->id}, {"title", quote->title}, {"text", quote->text}});
  return out;
}

}  // namespace

std::string evidence_record_json(const Session& session, std::string_view created_at) {
  const Policy& policy = session.policy();
  const PolicyInfo& info = policy.info();
  const Outcome outcome = session.outcome();
  json doc;
  doc["format"] = "waymark-evidence-record";
  doc["format_version"] = record_format_version;
  doc["waymark_version"] = build::version;
  doc["created_at"] = created_at;
  doc["policy"] = {{"id", info.id},
                   {"title", info.title},
                   {"version", info.version},
                   {"owner", info.owner},
                   {"effective", info.effective.iso()},
                   {"review_by", info.review_by.iso()},
                   {"sources", info.sources},
                   {"content_sha256", policy.content_hash()}};
  if (const auto& provider = policy.provided_by())
    doc["policy"]["plugin"] = {{"id", provider->plugin_id}, {"version", provider->plugin_version}};
  doc["session"] = {
      {"date", session.date().iso()},
      {"case_reference", session.case_reference().empty() ? json(nullptr) : json(session.case_reference())},
      {"complete", outcome.complete}};
  // Who completed it, by role only; absent when not given (and in records made before roles).
  if (!session.role().empty()) doc["session"]["completed_by_role"] = session.role();
  json answers = json::array();
  for (const Question* q : session.answered_questions()) {
    const Answer& a = *session.answer_of(q->id);
    answers.push_back({{"question_id", q->id},
                       {"question", q->text},
                       {"section", q->section},
                       {"source", q->source},
                       {"kind", to_string(q->kind)},
                       {"value", detail::answer_to_json(a)},
                       {"answer", describe_answer(*q, a)},
                       {"answered_at", session.answered_at(q->id)}});
  }
  doc["answers"] = answers;
  // The events the conditions read: an action may fire on them rather than on any answer.
  if (session.chronology()) {
    json events = json::array();
    for (const Event& e : session.chronology()->events()) events.push_back(detail::event_to_json(e));
    doc["events"] = events;
    // The windows the conditions counted over, so the record's timeline shows what they saw.
    json windows = json::array();
    for (const CountedWindow& w : session.counted_windows())
      windows.push_back(
          {{"function", w.function}, {"kind", w.kind}, {"from", w.from.iso()}, {"to", w.to.iso()}, {"count", w.count}});
    doc["windows"] = windows;
    // The policy's names for the kinds it reads, so the record's timeline says them as it does.
    json kinds = json::object();
    for (const EventKind& k : policy.event_kinds()) kinds[k.id] = k.label;
    if (!kinds.empty()) doc["event_kinds"] = kinds;
  }
  json unanswered = json::array();
  for (const auto& id : outcome.unanswered) {
    const Question* q = policy.find_question(id);
    unanswered.push_back({{"question_id", id}, {"question", q ? q->text : id}});
  }
  doc["unanswered"] = unanswered;
  json history = json::array();
  for (const auto& h : session.history()) {
    const Question* q = policy.find_question(h.question_id);
    auto words = [&](const std::optional<Answer>& a) { return a && q ? json(describe_answer(*q, *a)) : json(nullptr); };
    history.push_back({{"kind", to_string(h.kind)},
                       {"question_id", h.question_id},
                       {"from", words(h.from)},
                       {"to", words(h.to)},
                       {"at", h.at}});
  }
  doc["history"] = history;
  json actions = json::array();
  for (const Recommendation& r : outcome.actions) {
    const Action& a = *r.action;
    json because = json::array();
    for (const auto& b : r.because) because.push_back(because_json(b));
    actions.push_back({{"id", a.id},
                       {"text", a.text},
                       {"kind", to_string(a.kind)},
                       {"owner", a.owner},
                       {"owner_title", policy.role_title(a.owner)},
                       {"urgency", a.urgency.spelling()},
                       {"urgency_label", a.urgency.label()},
                       {"timescale", a.timescale},
                       {"due", r.due ? json(r.due->iso()) : json(nullptr)},
                       {"record", a.record},
                       {"why", a.why},
                       {"section", a.section},
                       {"source", a.source},
                       {"because", because},
                       {"decision", decision_json(session.judgement_for(a.id))}});
    actions.back()["group"] = to_string(r.group);
    // The passages it rests on, word for word, so the record shows them without the policy.
    if (!a.cites.empty()) actions.back()["quotes"] = quotes_json(policy, a.cites);
  }
  json notes = json::array();
  for (const Note* n : outcome.notes) notes.push_back({{"id", n->id}, {"text", n->text}, {"source", n->source}});
  json added = json::array();
  for (const auto& a : session.added_actions())
    added.push_back({{"text", a.text}, {"owner", a.owner}, {"reason", a.reason}, {"at", a.at}});
  doc["outcome"] = {{"complete", outcome.complete}, {"actions", actions}, {"notes", notes}, {"added_actions", added}};
  // Written only when the policy has pathways; records without them read as they always did.
  if (!policy.pathways().empty()) doc["outcome"]["pathways"] = pathways_json(policy, outcome);
  return doc.dump(2);
}

}  // namespace waymark
