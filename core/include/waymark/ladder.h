/// A pathway as a ladder: its steps from the first to the last, the steps done, "you are here" at
/// the current step, and the steps beyond with the words that move the case on to them and when.
/// A practitioner sees at a glance where the case is on its policy's ladder and what comes next if
/// nothing changes.
///
/// The picture is SVG text for embedding in a page (no script, no style sheet, nothing loaded from
/// elsewhere) and prints in black and white: a step done is a filled circle with a tick and the
/// word "Done", the current step a double ring with "You are here", a step to come a hollow circle
/// with its number, joined by a dashed line. Every picture comes with a text alternative and an
/// equivalent list.
#pragma once

#include <waymark/enum_text.h>
#include <waymark/export.h>
#include <waymark/outcome.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// Where a step stands relative to the case.
enum class LadderState { done, current, next };

/// "done", "current" or "next" (the spelling in the picture's `data-state`).
template <>
struct EnumWords<LadderState> {
  static constexpr std::pair<LadderState, std::string_view> table[] = {{LadderState::done, "done"}, {LadderState::current, "current"}, {LadderState::next, "next"}};
};

/// One rung of the ladder.
struct LadderStep {
  std::string id;
  std::string title;
  std::string source;
  LadderState state = LadderState::next;
  /// The words in which the case moves on to this step (the previous step's `moves_on`); empty for
  /// the first step and when the source gives none.
  std::string trigger;
  /// For a step to come: when it follows, in words (the previous step's `later`, else its actions'
  /// timescales). Empty for steps done and the current step.
  std::string timescale;
  /// For a step to come: its actions, each as "text (owner)".
  std::vector<std::string> actions;
};

/// One pathway that applies to the case, as a ladder.
struct Ladder {
  std::string pathway_id;
  std::string title;
  std::string source;
  /// Every step of the pathway, in order. A record made before ladders were drawn holds only the
  /// current step and those after it, so its ladder starts at the current step.
  std::vector<LadderStep> steps;
  /// Index of the current step in `steps`.
  std::size_t current = 0;
  /// The current step's number on the pathway (1-based), and how many steps the pathway has.
  std::size_t step_number = 1;
  std::size_t step_count = 1;
};

/// The ladders of the pathways that apply to an outcome, in the policy's order.
WAYMARK_EXPORT std::vector<Ladder> outcome_ladders(const Outcome& outcome);

/// The ladders an evidence record holds (its `outcome.pathways`), so a record filed long ago
/// draws the ladder as the practitioner saw it. Throws RecordError when the JSON is not a readable
/// record.
WAYMARK_EXPORT std::vector<Ladder> record_ladders(std::string_view record_json);

/// The ladder as an `<svg>` element. Every step carries `data-step` (its id) and `data-state`
/// attributes, so its data can be checked. All text is XML-escaped; ids inside the picture are
/// made from the pathway's id, so several ladders can share a page.
WAYMARK_EXPORT std::string ladder_svg(const Ladder& ladder);

/// The picture's text alternative: one paragraph saying where the case is, what was done and
/// what comes next, e.g. "Single refusal of personal care: step 3 of 5, ...".
WAYMARK_EXPORT std::string ladder_summary(const Ladder& ladder);

/// The same steps as an HTML ordered list (GOV.UK Frontend classes), each with its state, trigger,
/// timescale and actions in words.
WAYMARK_EXPORT std::string ladder_list_html(const Ladder& ladder);

/// The picture and its text alternative as a `<figure>`, followed by its list.
WAYMARK_EXPORT std::string ladder_html(const Ladder& ladder);

/// A compact ladder for a terminal, one line a step, the current one marked:
/// ```
///   [x] 1. Offer and record
///   [>] 2. Try the agreed alternative   <- you are here
///   [ ] 3. Inform the shift lead: if they are still declining (within the same shift)
/// ```
WAYMARK_EXPORT std::string ladder_text(const Ladder& ladder);

}  // namespace waymark
