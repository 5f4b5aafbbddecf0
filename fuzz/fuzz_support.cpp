#include "fuzz_support.h"

namespace waymark::fuzz {

std::filesystem::path policies_folder() { return WAYMARK_POLICIES; }

const std::shared_ptr<const Policy>& bundled_policy() {
  static const std::shared_ptr<const Policy> policy =
      load_policy_file(policies_folder() / "adult-non-engagement.toml");
  return policy;
}

namespace {

std::string first_answer(const Question& question, const Session& session) {
  switch (question.kind) {
    case QuestionKind::yes_no: return "yes";
    case QuestionKind::choice: return question.options.empty() ? "1" : question.options.front().id;
    case QuestionKind::multi_choice: return "none";
    case QuestionKind::number: return "1";
    case QuestionKind::date: return session.date().iso();
    case QuestionKind::text: return "text";
  }
  return {};
}

}  // namespace

void walk_to_record(Session& session) {
  const std::string at = "2026-11-25T10:00:00Z";
  for (int asked = 0; asked < 200; ++asked) {
    const Question* question = session.next_question();
    if (!question) break;
    try {
      session.answer_text(question->id, first_answer(*question, session), at);
    } catch (const AnswerError&) {
      break;  // an answer the policy's own rules refuse (a range, a pattern): stop there
    }
  }
  (void)session.outcome();
  const std::string record = evidence_record_json(session, at);
  (void)render_record(record, RecordStyle::markdown);
  (void)render_record(record, RecordStyle::text);
  (void)explain_record(record);
}

}  // namespace waymark::fuzz
