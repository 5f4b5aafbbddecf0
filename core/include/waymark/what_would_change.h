/// What would change the advice: for an action the policy does not recommend now, the smallest
/// change of circumstances (other answers, more events in the case's chronology) after which it
/// would; for a recommended action, the smallest change after which it would not. A bounded
/// search over the answers the action's condition depends on; see docs/cli.md ("What would change
/// the advice").
#pragma once

#include <waymark/answer.h>
#include <waymark/chronology.h>
#include <waymark/export.h>
#include <waymark/outcome.h>
#include <waymark/session.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// One change of circumstances: a question answered differently (or answered for the first time),
/// or more events of one kind in the chronology.
struct CircumstanceChange {
  enum class Kind { answer, events };
  Kind kind = Kind::answer;

  /// For an answer: the question, its answer now (nothing when it has none, and why) and the
  /// answer that would change the advice.
  std::string question_id;
  std::string question_text;
  std::optional<Answer> from;
  NoAnswer from_missing = NoAnswer::none;
  std::optional<Answer> to;
  /// `from` and `to` in words, as reasons show answers ("Yes", "Calls; Letters").
  std::string from_words;
  std::string to_words;

  /// For events: the kind, its label from the policy's `[event_kinds]` (the id when it has none),
  /// and how many more events of that kind, recorded up to the session date, would change it.
  std::string event_kind;
  std::string event_label;
  int events_added = 0;
  /// The window the policy's condition counted over once they are added, as its function
  /// reports it (count included), and what it counted there before; nothing when the function
  /// reports no window.
  std::optional<CountedWindow> window;
  double count_now = 0;
};

/// How a search for what would change an action ended.
enum class WhatIfStatus {
  found,           ///< `ways` holds the smallest changes
  none,            ///< no change of answers or events tried makes the difference
  not_worked_out,  ///< the search ran out of its budget first
};

/// What would change whether one action is recommended.
struct WhatWouldChange {
  const Action* action = nullptr;  ///< points into the session's policy
  /// Whether it is recommended now: if so, `ways` remove it; if not, they bring it in.
  bool recommended = false;
  WhatIfStatus status = WhatIfStatus::none;
  /// Each way is one smallest set of changes (all ways have the same number of changes); the
  /// first is the one shown first.
  std::vector<std::vector<CircumstanceChange>> ways;
  /// False when numbers, dates or text were tried only at the values the conditions compare
  /// them with, so "none" means none among those.
  bool exhaustive = true;
  /// Search states used.
  std::size_t states = 0;
};

struct WhatIfOptions {
  /// Search states allowed per action; past it the answer is "not worked out".
  std::size_t max_states = 20'000;
  /// At most this many different smallest ways are returned.
  std::size_t max_ways = 3;
  /// At most this many more events of one kind are tried.
  int max_events = 5;
};

/// What would change whether `action_id` is recommended, given the session's answers and
/// chronology. Throws AnswerError when the policy has no such action.
WAYMARK_EXPORT WhatWouldChange what_would_change(const Session& session, std::string_view action_id,
                                                 const WhatIfOptions& options = {});

/// what_would_change for every action the session's outcome does not recommend, in the policy's
/// order.
WAYMARK_EXPORT std::vector<WhatWouldChange> what_would_change_not_recommended(const Session& session,
                                                                             const WhatIfOptions& options = {});

/// One change in a practitioner's words, e.g. `the answer to "Is this refusal repeated?" were
/// "Yes" (it is "No")`, or `2 more "Medication refused" events were recorded (3 in 2026-11-27 to
/// 2026-12-03; now 1)`.
WAYMARK_EXPORT std::string change_words(const CircumstanceChange& change);

/// The whole answer in words: `Would be recommended if the answer to ... were ...; or if ...`,
/// `Would no longer be recommended if ...`, or why it could not be said (including "not worked
/// out" when the search ran out of budget).
WAYMARK_EXPORT std::string what_would_change_words(const WhatWouldChange& what);

}  // namespace waymark
