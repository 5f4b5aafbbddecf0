/// The policy model: what a loaded policy file contains. Immutable once loaded.
#pragma once

#include <waymark/date.h>
#include <waymark/error.h>
#include <waymark/enum_text.h>
#include <waymark/export.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace waymark {

namespace detail {
struct CompiledExpr;
class PolicyBuilder;
struct ActionTable;

// Ids to positions, found by a string_view without first copying it into a std::string.
struct IdHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view id) const noexcept { return std::hash<std::string_view>{}(id); }
};
using IdIndex = std::unordered_map<std::string, int, IdHash, std::equal_to<>>;
}  // namespace detail

/// The kinds of answer a question takes; the words are the TOML spelling (`kind = "yes_no"`).
enum class QuestionKind { yes_no, choice, multi_choice, number, date, text };
template <>
struct EnumWords<QuestionKind> {
  static constexpr std::pair<QuestionKind, std::string_view> table[] = {{QuestionKind::yes_no, "yes_no"}, {QuestionKind::choice, "choice"}, {QuestionKind::multi_choice, "multi_choice"}, {QuestionKind::number, "number"}, {QuestionKind::date, "date"}, {QuestionKind::text, "text"}};
};

/// The type of a value inside conditions (a question's answer, a fact, a literal); the words are
/// the ones messages use ("expected yes/no").
enum class ValueType { boolean, number, text, date, option, option_set, text_list };
template <>
struct EnumWords<ValueType> {
  static constexpr std::pair<ValueType, std::string_view> table[] = {{ValueType::boolean, "yes/no"}, {ValueType::number, "number"}, {ValueType::text, "text"}, {ValueType::date, "date"}, {ValueType::option, "option"}, {ValueType::option_set, "options"}, {ValueType::text_list, "list"}};
};

/// A compiled `ask_if` / `when` / fact expression, with the text it was written as.
class WAYMARK_EXPORT Condition {
 public:
  Condition() = default;
  /// True when the policy gave no condition (which means "always").
  bool empty() const noexcept { return compiled_ == nullptr; }
  const std::string& text() const noexcept { return text_; }
  /// Where the expression starts in the policy file.
  SourcePosition position() const noexcept { return position_; }
  /// The compiled form; internal to the engine.
  const detail::CompiledExpr* compiled() const noexcept { return compiled_.get(); }

 private:
  friend class detail::PolicyBuilder;
  std::string text_;
  SourcePosition position_;
  std::shared_ptr<const detail::CompiledExpr> compiled_;
};

/// One choice offered by a `choice` or `multi_choice` question.
struct Option {
  std::string id;
  std::string text;
};

/// A passage of a source document, quoted word for word (`[[source]]`), so that what a question or
/// an action rests on can be read beside it. Questions and actions cite passages by id (`cites`).
struct SourceQuote {
  std::string id;
  /// Which document and where in it, e.g. "CQC article, Operational Example 1, Step 3".
  std::string title;
  /// The source's own words.
  std::string text;
  SourcePosition position;
};

/// A question put to the practitioner.
struct WAYMARK_EXPORT Question {
  std::string id;
  std::string text;
  /// Why the question is asked (shown on `why`).
  std::string help;
  QuestionKind kind = QuestionKind::yes_no;
  std::vector<Option> options;
  /// Bounds for `number` questions.
  std::optional<double> min;
  std::optional<double> max;
  /// Asked only when this is true; empty means always asked.
  Condition ask_if;
  /// The heading it is shown under, e.g. "Am I colluding?".
  std::string section;
  /// The passage of the source document it comes from.
  std::string source;
  /// Ids of the quoted passages ([[source]]) it rests on.
  std::vector<std::string> cites;
  SourcePosition position;

  /// Index of an option by id, or -1.
  int option_index(std::string_view option_id) const;
};

/// A named value derived from answers and other facts.
struct Fact {
  std::string id;
  /// What the fact means, in words (used in explanations).
  std::string text;
  Condition value;
  ValueType type = ValueType::boolean;
  std::string source;
  SourcePosition position;
};

/// A recommended step, a prohibition ("Do not close the case") or a flag ("Possible collusion").
enum class ActionKind { step, prohibition, flag };
template <>
struct EnumWords<ActionKind> {
  static constexpr std::pair<ActionKind, std::string_view> table[] = {{ActionKind::step, "step"}, {ActionKind::prohibition, "prohibition"}, {ActionKind::flag, "flag"}};
};

/// How soon an action is due, and the due date that follows from a session date.
struct WAYMARK_EXPORT Urgency {
  enum class Kind { immediate, same_shift, same_day, within, next_review, not_stated };
  enum class Unit { days, weeks, months };
  Kind kind = Kind::not_stated;
  int amount = 0;  ///< for `within`
  Unit unit = Unit::days;

  /// Parses the TOML spelling: `immediate`, `same_shift`, `same_day`, `within N days|weeks|months`,
  /// `next_review`, `not_stated`. Returns nothing if the text is none of these.
  static std::optional<Urgency> parse(std::string_view text);
  /// The TOML spelling, e.g. "within 6 weeks".
  std::string spelling() const;
  /// Words for a practitioner, e.g. "Within 6 weeks", "Immediately".
  std::string label() const;
  /// The date it is due when the session is dated `from`; nothing for next_review/not_stated.
  std::optional<Date> due(Date from) const {
    // Inline: an outcome asks for every action that fires, and the out-of-line call returned
    // its optional through the stack, where reading it back stalled (a sixth of an outcome).
    switch (kind) {
      case Kind::immediate:
      case Kind::same_shift:
      case Kind::same_day: return from;
      case Kind::within:
        if (unit == Unit::months) return from.plus_months(amount);
        return from.plus_days(unit == Unit::weeks ? amount * 7 : amount);
      default: return std::nullopt;
    }
  }
  /// Sort key: smaller is more urgent.
  int rank() const;
};

/// A role that can own an action (worker, line manager, ...), declared in `[roles]`.
struct Role {
  std::string id;
  std::string title;
};

/// A kind of chronology event the policy reads (`refusal`, `referral`, ...), declared in
/// `[event_kinds]` with a label for people: `waymark case event` accepts only kinds a loaded policy
/// declares, and `run --case` says which of a case's events the policy read.
struct EventKind {
  std::string id;
  std::string label;
};

/// Something the policy recommends, forbids or flags when its condition holds.
struct Action {
  std::string id;
  std::string text;
  ActionKind kind = ActionKind::step;
  /// Role id (see Policy::role).
  std::string owner;
  Urgency urgency;
  /// The source's own words for the timescale, when it gives more than `urgency` says.
  std::string timescale;
  /// What to record as evidence.
  std::string record;
  /// Why (the rationale).
  std::string why;
  Condition when;
  /// Actions that must never be recommended together with this one (lint looks for answers
  /// that fire both), e.g. a step that closes a case and "Do not close the case".
  std::vector<std::string> conflicts_with;
  std::string section;
  std::string source;
  /// Ids of the quoted passages ([[source]]) it rests on.
  std::vector<std::string> cites;
  SourcePosition position;
};

/// Guidance the policy shows with the outcome, including where the source is silent.
struct Note {
  std::string id;
  std::string text;
  Condition when;
  std::string source;
  SourcePosition position;
};

/// One rung of a pathway: the actions of that step, the condition under which the case has
/// reached it, and the words in which the case moves on from it to the next step.
struct PathwayStep {
  std::string id;
  std::string title;
  /// Ids of the step's actions, in the order the source gives them.
  std::vector<std::string> actions;
  /// True when the case has reached this step (the case is at the last step whose `when` holds).
  /// Empty for a step the source always places ahead (a later review): only ever shown as next.
  Condition when;
  /// The source's words for moving on to the next step ("if they are still declining at the end
  /// of the visit"); shown as the trigger of the next step's "if this continues" line.
  std::string moves_on;
  /// When the next step follows, in the source's words ("after 6 weeks"); empty when the source
  /// gives no timescale for the move (the next step's actions' own timescales are shown).
  std::string later;
  std::string source;
  SourcePosition position;
  /// Internal: `when` holds and no later step's does (built from the texts; for lint).
  Condition is_current;
};

/// An ordered ladder of steps the source gives in advance (`[[pathway]]`).
struct Pathway {
  std::string id;
  std::string title;
  std::vector<PathwayStep> steps;
  std::string source;
  SourcePosition position;
};

/// The compiled plugin a policy came from (its TOML embedded in the plugin).
struct PolicyProvider {
  std::string plugin_id;
  std::string plugin_version;
};

/// The `[policy]` table: identity, ownership and validity.
struct PolicyInfo {
  std::string id;
  std::string title;
  std::string version;
  std::string owner;
  std::string applies_to;
  Date effective;
  Date review_by;
  std::vector<std::string> sources;
  std::string summary;
  /// Ids of the plugins whose functions its conditions call; each must be loaded.
  std::vector<std::string> plugins;
};

/// A loaded, validated policy. Never half-loaded: construction either succeeds or throws.
class WAYMARK_EXPORT Policy {
 public:
  const PolicyInfo& info() const noexcept { return info_; }
  const std::string& id() const noexcept { return info_.id; }
  const std::vector<Question>& questions() const noexcept { return questions_; }
  const std::vector<Fact>& facts() const noexcept { return facts_; }
  const std::vector<Action>& actions() const noexcept { return actions_; }
  const std::vector<Note>& notes() const noexcept { return notes_; }
  const std::vector<Role>& roles() const noexcept { return roles_; }
  const std::vector<EventKind>& event_kinds() const noexcept { return event_kinds_; }
  /// The declared kind of event with this id, or null.
  const EventKind* find_event_kind(std::string_view id) const;
  const std::vector<Pathway>& pathways() const noexcept { return pathways_; }
  /// The quoted passages of its sources (`[[source]]`), in file order.
  const std::vector<SourceQuote>& source_quotes() const noexcept { return source_quotes_; }
  /// The quoted passage with this id, or null.
  const SourceQuote* find_source_quote(std::string_view id) const;

  /// Index of a question / fact / action by id, or -1.
  int question_index(std::string_view id) const;
  int fact_index(std::string_view id) const;
  int action_index(std::string_view id) const;
  const Question* find_question(std::string_view id) const;
  const Action* find_action(std::string_view id) const;
  /// The title of a role, or the id itself when unknown.
  std::string_view role_title(std::string_view role_id) const;

  /// Where the policy was read from (a file path, or `<name>` for text given directly).
  const std::string& origin() const noexcept { return origin_; }
  /// The plugin that provides it, or nothing for a policy file (not part of the content hash).
  const std::optional<PolicyProvider>& provided_by() const noexcept { return provided_by_; }
  /// SHA-256 (hex) of the canonical content: formatting and comments do not change it.
  /// Worked out on first use (thread-safe): listing policies never needs it.
  const std::string& content_hash() const;
  /// The canonical JSON text the hash is taken over.
  std::string canonical_json() const;
  /// Facts in an order where each comes after the facts it uses.
  const std::vector<int>& fact_order() const noexcept { return fact_order_; }

  /// Internal: every action's condition laid out together for fast outcomes.
  const detail::ActionTable& action_table() const noexcept { return *action_table_; }

  /// True if the policy's review-by date is before `on`.
  bool overdue_for_review(Date on) const { return info_.review_by < on; }
  /// False before the policy's effective date.
  bool in_force(Date on) const { return !(on < info_.effective); }

 private:
  friend class detail::PolicyBuilder;
  PolicyInfo info_;
  std::vector<Question> questions_;
  std::vector<Fact> facts_;
  std::vector<Action> actions_;
  std::vector<Note> notes_;
  std::vector<Role> roles_;
  std::vector<EventKind> event_kinds_;
  std::vector<Pathway> pathways_;
  std::vector<SourceQuote> source_quotes_;
  detail::IdIndex question_index_, fact_index_, action_index_;
  std::vector<int> fact_order_;
  std::string origin_;
  std::optional<PolicyProvider> provided_by_;
  std::shared_ptr<const detail::ActionTable> action_table_;
  mutable std::once_flag content_hash_once_;
  mutable std::string content_hash_;
};

}  // namespace waymark
