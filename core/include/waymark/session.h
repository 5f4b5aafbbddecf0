/// A walk-through of one policy: answers in, next question and outcome out. No I/O.
#pragma once

#include <waymark/answer.h>
#include <waymark/chronology.h>
#include <waymark/enum_text.h>
#include <waymark/export.h>
#include <waymark/outcome.h>
#include <waymark/policy.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// The practitioner's judgement on a recommended action: the outcome is advice, not a decision.
enum class Judgement { accept, adapt, decline };
template <>
struct EnumWords<Judgement> {
  static constexpr std::pair<Judgement, std::string_view> table[] = {{Judgement::accept, "accept"}, {Judgement::adapt, "adapt"}, {Judgement::decline, "decline"}};
};
[[deprecated("use parse<Judgement>")]] inline std::optional<Judgement> parse_judgement(std::string_view text) {
  return parse<Judgement>(text);
}

/// The practitioner's judgement on one recommended action: accepted, adapted or declined, with
/// why and when. (Files keep the older word: "decisions" in records, saved sessions and answers.)
struct ActionJudgement {
  std::string action_id;
  Judgement judgement = Judgement::accept;
  /// Required for adapt and decline.
  std::string reason;
  std::string at;
};
/// The old name: the outcome is advice, and what the practitioner does with it is a judgement.
using Decision [[deprecated("use ActionJudgement")]] = ActionJudgement;

/// An action the practitioner adds that the policy did not recommend.
struct AddedAction {
  std::string text;
  std::string owner;
  std::string reason;
  std::string at;
};

/// One change to the answers, kept so nothing is silently lost.
struct HistoryEntry {
  enum class Kind { answered, changed, dropped, undone };
  Kind kind = Kind::answered;
  std::string question_id;
  std::optional<Answer> from;
  std::optional<Answer> to;
  std::string at;
};
template <>
struct EnumWords<HistoryEntry::Kind> {
  static constexpr std::pair<HistoryEntry::Kind, std::string_view> table[] = {{HistoryEntry::Kind::answered, "answered"}, {HistoryEntry::Kind::changed, "changed"}, {HistoryEntry::Kind::dropped, "dropped"}, {HistoryEntry::Kind::undone, "undone"}};
};

/// The current time as an ISO 8601 UTC timestamp (`2026-11-25T10:04:00Z`), for `at` arguments.
WAYMARK_EXPORT std::string timestamp_now();

/// A pure state machine over a loaded policy. Questions are asked in file order, skipping those
/// whose `ask_if` is not true; any earlier answer can be changed, and answers that no longer
/// apply are dropped (and reported). Timestamps are passed in, so the session does no I/O.
class WAYMARK_EXPORT Session {
 public:
  Session(std::shared_ptr<const Policy> policy, Date date);
  ~Session();
  Session(const Session&);
  Session& operator=(const Session&);
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  const Policy& policy() const;
  const std::shared_ptr<const Policy>& policy_ptr() const;
  /// The session date: due dates are counted from it.
  Date date() const;

  /// A pseudonymous case reference (never a name). Letters, digits, '-', '_', '/', '.' only.
  const std::string& case_reference() const;
  /// Throws AnswerError when the reference holds other characters or is over 64 long.
  void set_case_reference(std::string reference);

  /// The role of whoever completes the walk-through (e.g. social_worker), never a name; empty
  /// when not given.
  const std::string& role() const;
  /// Throws AnswerError unless `role` is empty or a role id: lower case letters, digits and _,
  /// at most 64.
  void set_role(std::string role);

  /// The case's events, which condition functions read (null: none). Set it before answering:
  /// if it changes after, answers whose questions no longer apply are dropped (and reported).
  /// Throws AnswerError, changing nothing, when an event's text is not valid UTF-8.
  void set_chronology(std::shared_ptr<const Chronology> chronology, std::string_view at = {});
  const std::shared_ptr<const Chronology>& chronology() const;

  /// The next question to ask, or nullptr when every applicable question is answered.
  const Question* next_question() const;
  bool is_complete() const { return next_question() == nullptr; }
  /// Whether the question is asked given the current answers.
  bool is_applicable(std::string_view question_id) const;
  /// The current answer, or nullptr.
  const Answer* answer_of(std::string_view question_id) const;
  /// When the current answer was given.
  std::string answered_at(std::string_view question_id) const;
  /// The answered questions, in the order they are asked.
  std::vector<const Question*> answered_questions() const;
  /// The answered question asked just before `question` (or before the end, for nullptr).
  const Question* previous_question(const Question* question) const;
  /// How many questions this walk-through may ask in all, for "Question 3 of about 12": those
  /// answered, plus those not yet answered that the answers so far do not rule out (an unanswered
  /// question counts as any answer it could still get). An estimate: later answers can rule more out.
  std::size_t questions_expected() const;
  /// The number "Question N" shows for `question`: its place among the answered questions in the
  /// order they are asked (one past those before it when it is not answered), so a question that
  /// comes to apply after an earlier answer changed is numbered where it is asked.
  std::size_t question_number(const Question& question) const;

  /// Answers a question, or changes its answer. Throws AnswerError if the question is unknown,
  /// not asked given the other answers, or the answer does not fit (text must be valid UTF-8,
  /// at most max_text_answer characters). Returns the ids of answers
  /// dropped because their questions no longer apply.
  std::vector<std::string> answer(std::string_view question_id, const Answer& answer, std::string_view at);
  /// Parses typed input, then answers.
  std::vector<std::string> answer_text(std::string_view question_id, std::string_view input, std::string_view at);
  /// Reverts the last answer or change (restoring anything it dropped). False if there is none.
  bool undo(std::string_view at);

  /// The outcome now; `complete` is false until every applicable question is answered.
  /// Reasons::omit skips the explanations, for bulk evaluation.
  Outcome outcome(Reasons reasons = Reasons::include) const;

  /// The windows of the chronology the policy's conditions count over given the answers so far
  /// (each function reports its own, e.g. "refusals in the 7 days to the session date: 3"), for
  /// drawing on the case's timeline. Empty without a chronology function.
  std::vector<CountedWindow> counted_windows() const;

  /// Records the practitioner's judgement on a recommended action. Throws AnswerError when the
  /// action is not recommended now, or a reason is missing for adapt or decline or is not
  /// valid UTF-8.
  void judge(std::string_view action_id, Judgement judgement, std::string reason, std::string_view at);
  /// The old names of judge(), judgement_for() and judgements(), kept (and still exported from
  /// libwaymark, so programs linked against an older one keep running) for code written before.
  [[deprecated("use judge")]] void decide(std::string_view action_id, Judgement judgement, std::string reason,
                                          std::string_view at);
  /// Accepts, as recommended, every recommended action that has no judgement yet (after the
  /// practitioner has gone through "Do now"), and returns their ids. Adapting or declining still
  /// takes one judge() per action, each with its reason.
  std::vector<std::string> accept_rest(std::string_view at);
  /// The ids of the recommended actions that have no judgement yet, in the outcome's order
  /// (filing a record with some asks the practitioner to confirm).
  std::vector<std::string> unjudged_actions() const;
  /// Adds an action the policy did not recommend; throws AnswerError without text or reason,
  /// or when any of its text is not valid UTF-8.
  void add_action(AddedAction action);
  /// The judgement on an action, or nullptr.
  const ActionJudgement* judgement_for(std::string_view action_id) const;
  /// Every judgement so far, in the order they were made.
  const std::vector<ActionJudgement>& judgements() const;
  [[deprecated("use judgement_for")]] const ActionJudgement* decision_for(std::string_view action_id) const;
  [[deprecated("use judgements")]] const std::vector<ActionJudgement>& decisions() const;
  const std::vector<AddedAction>& added_actions() const;
  const std::vector<HistoryEntry>& history() const;

  /// Saves everything needed to resume, as JSON.
  std::string to_json() const;
  /// Resumes a saved session. Throws RecordError if the file is corrupt or was made with
  /// another policy or version (both are named).
  static Session from_json(std::string_view json, std::shared_ptr<const Policy> policy);
  /// Resumes a saved session under whichever of `versions` (of one policy, oldest first) it was
  /// saved with, trying the latest first; nothing when none of them reads it.
  static std::optional<Session> from_json_any(std::string_view json,
                                              const std::vector<std::shared_ptr<const Policy>>& versions);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace waymark
