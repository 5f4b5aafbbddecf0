// A record's answers and events replayed into a session of the policy it names. The record keeps
// the content hash, so a session is never rebuilt against a policy that changed since.
#include <waymark/error.h>
#include <waymark/record_session.h>

#include <fmt/format.h>

#include "answer_json.h"
#include "json_words.h"
#include "record_read.h"

namespace waymark {

using nlohmann::json;

RecordPolicy record_policy(std::string_view record_json) {
  const json doc = detail::read_record(record_json);
  try {
    const json& p = doc.at("policy");
    auto date = Date::parse(doc.at("session").at("date").get<std::string>());
    if (!date) throw RecordError("the record's session date is not a date");
    return {p.at("id").get<std::string>(), p.at("version").get<std::string>(),
            p.at("content_sha256").get<std::string>(), *date};
  } catch (const json::exception& e) {
    throw RecordError(fmt::format("the record is incomplete or damaged: {}", detail::json_error_words(e)));
  }
}

Session session_from_record(std::string_view record_json, std::shared_ptr<const Policy> policy) {
  const RecordPolicy made_under = record_policy(record_json);
  if (made_under.id != policy->id())
    throw RecordError(fmt::format("the record was made under policy '{}', not '{}'", made_under.id, policy->id()));
  if (made_under.content_sha256 != policy->content_hash())
    throw RecordError(fmt::format(
        "the record was made under '{}' version {} (content {}), but the policy loaded now is version {} (content "
        "{}); load the version the record names",
        made_under.id, made_under.version, made_under.content_sha256.substr(0, 12), policy->info().version,
        policy->content_hash().substr(0, 12)));
  const json doc = detail::read_record(record_json);
  try {
    Session session(policy, made_under.date);
    const json& s = doc.at("session");
    if (s.contains("case_reference") && s.at("case_reference").is_string())
      session.set_case_reference(s.at("case_reference").get<std::string>());
    session.set_role(s.value("completed_by_role", ""));
    if (doc.contains("events")) {
      std::vector<Event> events;
      for (const json& e : doc.at("events")) events.push_back(detail::event_from_json(e));
      session.set_chronology(std::make_shared<const Chronology>(std::move(events)));
    }
    // Answers are in the order they were asked, so each one's question applies when it is replayed.
    for (const json& a : doc.at("answers")) {
      const std::string id = a.at("question_id").get<std::string>();
      const Question* q = policy->find_question(id);
      if (!q) throw RecordError(fmt::format("the record answers question '{}', which the policy does not have", id));
      session.answer(id, detail::answer_from_json(*q, a.at("value")), a.value("answered_at", ""));
    }
    return session;
  } catch (const json::exception& e) {
    throw RecordError(fmt::format("the record is incomplete or damaged: {}", detail::json_error_words(e)));
  } catch (const AnswerError& e) {
    throw RecordError(fmt::format("the record holds an answer that does not fit: {}", e.what()));
  }
}

}  // namespace waymark
