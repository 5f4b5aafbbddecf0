/// What a policy recommends given the answers so far.
#pragma once

#include <waymark/date.h>
#include <waymark/export.h>
#include <waymark/policy.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace waymark {

/// One answer or fact that made an action's condition true.
struct Because {
  bool is_fact = false;
  std::string id;
  /// The question's text, or the fact's description.
  std::string text;
  /// The answer or fact value in words ("No", "Only that they are not engaging", "3").
  std::string value;
  std::string section;
  std::string source;
};

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
