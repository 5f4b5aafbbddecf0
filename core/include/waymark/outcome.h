/// What a policy recommends given the answers so far.
#pragma once

#include <waymark/date.h>
#include <waymark/export.h>
#include <waymark/policy.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// Why a question in a reason has no answer. Either way its value is unknown in a condition
/// (docs/authoring.md, "Unanswered and not-asked questions"); only `answered(q)` can tell.
enum class NoAnswer : std::uint8_t {
  none,          ///< it was answered
  not_answered,  ///< it applied but was not answered (the outcome is incomplete)
  not_asked,     ///< it did not apply given the earlier answers (its ask_if was not true)
};

/// One answer or fact that made an action's condition true.
struct Because {
  bool is_fact = false;
  std::string id;
  /// The question's text, or the fact's description.
  std::string text;
  /// The whole answer or fact value in words ("No", "Calls; Letters", "3"); "not answered" or
  /// "not asked" for a question with no answer.
  std::string value;
  std::string section;
  std::string source;
  /// When the condition turned on single options of a multiple-choice answer rather than the
  /// whole answer (`'calls' in tried`, `not ('calls' in tried)`): the texts of those options that
  /// were chosen, and of those that were not. Both empty when the whole answer mattered.
  std::vector<std::string> chosen;
  std::vector<std::string> not_chosen;
  NoAnswer no_answer = NoAnswer::none;
};

/// A reason in a practitioner's words, e.g. `you answered "No" to "Have you ...?"`,
/// `you did not choose "Calls" in answer to "Which ...?": you chose "Letters"`,
/// `"Question" was not asked (it did not apply)`, or `"the next steps apply" is Yes`.
WAYMARK_EXPORT std::string because_words(const Because& because);

/// because_words followed by where the question or fact comes from: ` (Section; source: 001: x)`.
WAYMARK_EXPORT std::string because_sentence(const Because& because);

/// "not_answered" or "not_asked" (the spelling in evidence records); empty for NoAnswer::none.
WAYMARK_EXPORT std::string_view to_string(NoAnswer no_answer);
/// The reverse of to_string: NoAnswer::none for anything else.
WAYMARK_EXPORT NoAnswer no_answer_from_string(std::string_view text);

/// Whether an outcome says why each action fired. Working out the reasons costs far more than
/// deciding which actions fire, so bulk evaluation can leave them out.
enum class Reasons { include, omit };

/// An action whose condition holds, with its due date and the reasons it fired.
struct Recommendation {
  const Action* action = nullptr;  ///< points into Outcome::policy
  std::optional<Date> due;
  std::vector<Because> because;  ///< empty when the outcome was built with Reasons::omit
};

/// The recommended actions, most urgent first (prohibitions, then flags, then steps, at equal urgency).
struct Outcome {
  std::shared_ptr<const Policy> policy;  ///< keeps the actions and notes pointed to alive
  Date date;
  /// False while an applicable question is unanswered: more actions may still fire.
  bool complete = false;
  std::vector<Recommendation> actions;
  std::vector<const Note*> notes;
  /// Applicable questions not yet answered, in order.
  std::vector<std::string> unanswered;
};

}  // namespace waymark
