// Saving and resuming sessions. The saved file names the policy's content hash, so a session is
// never resumed against a policy that changed underneath it.
#include <fmt/format.h>

#include "answer_json.h"
#include "json_words.h"
#include "session_impl.h"

namespace waymark {

namespace {

using nlohmann::json;

constexpr int session_format_version = 1;

std::string short_hash(const std::string& hash) { return hash.substr(0, 12); }

json optional_answer(const std::optional<Answer>& a) { return a ? detail::answer_to_json(*a) : json(nullptr); }

}  // namespace

std::string Session::to_json() const {
  const Impl& s = *impl_;
  json doc;
  doc["format"] = "waymark-session";
  doc["format_version"] = session_format_version;
  doc["policy"] = {
      {"id", s.policy->id()}, {"version", s.policy->info().version}, {"content_sha256", s.policy->content_hash()}};
  doc["date"] = s.date.iso();
  doc["case_reference"] = s.case_reference;
  if (!s.role.empty()) doc["role"] = s.role;
  // Kept so a resumed session evaluates against the same events; absent when there are none.
  if (s.chronology) {
    json events = json::array();
    for (const Event& e : s.chronology->events()) events.push_back(detail::event_to_json(e));
    doc["events"] = events;
  }
  json answers = json::array();
  for (std::size_t i = 0; i < s.answers.size(); ++i)
    if (s.answers[i])
      answers.push_back({{"question", s.policy->questions()[i].id},
                         {"value", detail::answer_to_json(*s.answers[i])},
                         {"at", s.answered_at[i]}});
  doc["answers"] = answers;
  json history = json::array();
  for (const auto& h : s.history)
    history.push_back({{"kind", to_string(h.kind)},
                       {"question", h.question_id},
                       {"from", optional_answer(h.from)},
                       {"to", optional_answer(h.to)},
                       {"at", h.at}});
  doc["history"] = history;
  // The file keeps the key "decisions" for the judgements: it is a saved format.
  json judgements = json::array();
  for (const auto& d : s.judgements)
    judgements.push_back(
        {{"action", d.action_id}, {"judgement", to_string(d.judgement)}, {"reason", d.reason}, {"at", d.at}});
  doc["decisions"] = judgements;
  json added = json::array();
  for (const auto& a : s.added)
    added.push_back({{"text", a.text}, {"owner", a.owner}, {"reason", a.reason}, {"at", a.at}});
  doc["added_actions"] = added;
  return doc.dump(2);
}

Session Session::from_json(std::string_view text, std::shared_ptr<const Policy> policy) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw RecordError("the saved session is not valid JSON");
  if (!doc.is_object())
    throw RecordError(
        fmt::format("this file is not a saved Waymark session (it holds a JSON {}, not a session)", doc.type_name()));
  if (doc.value("format", "") != "waymark-session") throw RecordError("this file is not a saved Waymark session");
  if (doc.value("format_version", 0) != session_format_version)
    throw RecordError(fmt::format("saved session format version {} is not supported (this Waymark reads version {})",
                                  doc.value("format_version", 0), session_format_version));
  try {
    const json& p = doc.at("policy");
    const std::string id = p.at("id").get<std::string>();
    const std::string version = p.at("version").get<std::string>();
    const std::string hash = p.at("content_sha256").get<std::string>();
    if (id != policy->id())
      throw RecordError(fmt::format("this session was saved for policy '{}', not '{}'", id, policy->id()));
    if (hash != policy->content_hash())
      throw RecordError(
          fmt::format("this session was saved with '{}' version {} (content {}), but the policy "
                      "loaded now is version {} "
                      "(content {}); its questions may have changed, so the session cannot be "
                      "resumed against it",
                      id, version, short_hash(hash), policy->info().version, short_hash(policy->content_hash())));
    auto date = Date::parse(doc.at("date").get<std::string>());
    if (!date) throw RecordError("the saved session's date is not a date");
    Session session(policy, *date);
    session.set_case_reference(doc.value("case_reference", ""));
    session.set_role(doc.value("role", ""));
    if (doc.contains("events")) {
      std::vector<Event> events;
      for (const json& e : doc.at("events")) events.push_back(detail::event_from_json(e));
      session.set_chronology(std::make_shared<const Chronology>(std::move(events)));
    }
    Impl& s = *session.impl_;
    for (const json& entry : doc.at("answers")) {
      const std::string qid = entry.at("question").get<std::string>();
      const int index = s.index_of(qid);
      if (index < 0) throw RecordError(fmt::format("the saved session answers unknown question '{}'", qid));
      if (!s.applicable_now(static_cast<std::size_t>(index)))
        throw RecordError(fmt::format("the saved answer to '{}' does not apply given the answers before it", qid));
      s.set(index, detail::answer_from_json(policy->questions()[index], entry.at("value")), entry.value("at", ""));
    }
    auto optional = [&](const json& v, const std::string& qid) -> std::optional<Answer> {
      const Question* q = policy->find_question(qid);
      if (v.is_null() || !q) return std::nullopt;
      return detail::answer_from_json(*q, v);
    };
    for (const json& h : doc.at("history")) {
      HistoryEntry entry;
      const std::string kind = h.at("kind").get<std::string>();
      bool known_kind = false;
      for (auto k : {HistoryEntry::Kind::answered, HistoryEntry::Kind::changed, HistoryEntry::Kind::dropped,
                     HistoryEntry::Kind::undone})
        if (to_string(k) == kind) entry.kind = k, known_kind = true;
      if (!known_kind) throw RecordError(fmt::format("unknown history entry kind '{}'", kind));
      entry.question_id = h.at("question").get<std::string>();
      entry.from = optional(h.at("from"), entry.question_id);
      entry.to = optional(h.at("to"), entry.question_id);
      entry.at = h.value("at", "");
      s.history.push_back(std::move(entry));
    }
    for (const json& d : doc.at("decisions")) {
      auto judgement = parse<Judgement>(d.at("judgement").get<std::string>());
      if (!judgement) throw RecordError("unknown judgement in the saved session");
      session.judge(d.at("action").get<std::string>(), *judgement, d.value("reason", ""), d.value("at", ""));
    }
    for (const json& a : doc.at("added_actions"))
      session.add_action({a.at("text").get<std::string>(), a.value("owner", ""), a.at("reason").get<std::string>(),
                          a.value("at", "")});
    return session;
  } catch (const json::exception& e) {
    throw RecordError(fmt::format("the saved session is incomplete or damaged: {}", detail::json_error_words(e)));
  } catch (const AnswerError& e) {
    throw RecordError(fmt::format("the saved session holds an answer that does not fit: {}", e.what()));
  }
}

std::optional<Session> Session::from_json_any(std::string_view json,
                                              const std::vector<std::shared_ptr<const Policy>>& versions) {
  // Latest first: most walk-throughs are under the version in force today.
  for (auto version = versions.rbegin(); version != versions.rend(); ++version) {
    try {
      return from_json(json, *version);
    } catch (const Error&) {
      // Saved under another version: try the next.
    }
  }
  return std::nullopt;
}

}  // namespace waymark
