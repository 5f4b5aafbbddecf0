/// What a policy recommends given the answers so far.
#pragma once

#include <waymark/date.h>
#include <waymark/enum_text.h>
#include <waymark/export.h>
#include <waymark/policy.h>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

namespace detail {
struct ReasonsLater;
struct ReasonStore;
}

/// Why a question in a reason has no answer. Either way its value is unknown in a condition
/// (docs/authoring.md, "Unanswered and not-asked questions"); only `answered(q)` can tell.
enum class NoAnswer : std::uint8_t {
  none,          ///< it was answered
  not_answered,  ///< it applied but was not answered (the outcome is incomplete)
  not_asked,     ///< it did not apply given the earlier answers (its ask_if was not true)
};

/// One answer or fact that made an action's condition true. Its id, text, section, source and
/// option texts are the question's or fact's own, viewed in the policy (which the outcome keeps
/// alive, as it keeps the actions that Recommendation::action points to): a reason is copied once
/// per action it explains, and copying views rather than strings halved what reasons add to an outcome.
struct Because {
  bool is_fact = false;
  std::string_view id;
  /// The question's text, or the fact's description.
  std::string_view text;
  /// The whole answer or fact value in words ("No", "Calls; Letters", "3"); "not answered" or
  /// "not asked" for a question with no answer.
  std::string value;
  std::string_view section;
  std::string_view source;
  /// When the condition turned on single options of a multiple-choice answer rather than the
  /// whole answer (`'calls' in tried`, `not ('calls' in tried)`): the texts of those options that
  /// were chosen, and of those that were not. Both empty when the whole answer mattered.
  std::vector<std::string_view> chosen;
  std::vector<std::string_view> not_chosen;
  NoAnswer no_answer = NoAnswer::none;
};

/// A reason in a practitioner's words, e.g. `you answered "No" to "Have you ...?"`,
/// `you did not choose "Calls" in answer to "Which ...?": you chose "Letters"`,
/// `"Question" was not asked (it did not apply)`, or `"the next steps apply" is Yes`.
WAYMARK_EXPORT std::string because_words(const Because& because);

/// because_words followed by where the question or fact comes from: ` (Section; source: 001: x)`.
WAYMARK_EXPORT std::string because_sentence(const Because& because);

/// "not_answered" or "not_asked" (the spelling in evidence records); empty for NoAnswer::none.
template <>
struct EnumWords<NoAnswer> {
  static constexpr std::pair<NoAnswer, std::string_view> table[] = {{NoAnswer::none, ""}, {NoAnswer::not_answered, "not_answered"}, {NoAnswer::not_asked, "not_asked"}};
};
[[deprecated("use parse<NoAnswer>(text).value_or(NoAnswer::none)")]] inline NoAnswer no_answer_from_string(
    std::string_view text) {
  return parse<NoAnswer>(text).value_or(NoAnswer::none);
}

/// Whether an outcome says why each action fired. Working out the reasons costs more than deciding
/// which actions fire, so bulk evaluation can leave them out, or keep the answers and work the
/// reasons out only for the outcomes and actions someone looks at (reasons_for, add_reasons).
enum class Reasons : std::uint8_t { include, omit, on_demand };
template <>
struct EnumWords<Reasons> {
  static constexpr std::pair<Reasons, std::string_view> table[] = {{Reasons::include, "include"}, {Reasons::omit, "omit"}, {Reasons::on_demand, "on_demand"}};
};

/// The reasons one action fired: Because values the outcome keeps, in order, each answer or fact
/// explained the same way for several actions kept once (one allocation per outcome, not one per
/// action, and no copy per action: a reason list costs a few indices). Read it as a
/// `std::vector<Because>` (size, [], at, range-for); make one, `{list.begin(), list.end()}`, to keep
/// the reasons beyond the outcome.
class BecauseList {
 public:
  class iterator {
   public:
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Because;
    using difference_type = std::ptrdiff_t;
    using pointer = const Because*;
    using reference = const Because&;

    iterator() = default;
    iterator(const Because* made, const std::uint32_t* at) : made_(made), at_(at) {}
    reference operator*() const { return made_[*at_]; }
    pointer operator->() const { return &made_[*at_]; }
    reference operator[](difference_type n) const { return made_[at_[n]]; }
    iterator& operator++() { return ++at_, *this; }
    iterator operator++(int) { return {made_, at_++}; }
    iterator& operator--() { return --at_, *this; }
    iterator operator--(int) { return {made_, at_--}; }
    iterator& operator+=(difference_type n) { return at_ += n, *this; }
    iterator& operator-=(difference_type n) { return at_ -= n, *this; }
    friend iterator operator+(iterator i, difference_type n) { return i += n; }
    friend iterator operator+(difference_type n, iterator i) { return i += n; }
    friend iterator operator-(iterator i, difference_type n) { return i -= n; }
    friend difference_type operator-(const iterator& a, const iterator& b) { return a.at_ - b.at_; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.at_ == b.at_; }
    friend auto operator<=>(const iterator& a, const iterator& b) { return a.at_ <=> b.at_; }

   private:
    const Because* made_ = nullptr;
    const std::uint32_t* at_ = nullptr;
  };

  BecauseList() = default;
  /// The reasons `made[at[0]]`, `made[at[1]]`, ... `made[at[size - 1]]`.
  BecauseList(const Because* made, const std::uint32_t* at, std::size_t size) : made_(made), at_(at), size_(size) {}

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Because& operator[](std::size_t i) const { return made_[at_[i]]; }
  /// operator[], checked: throws std::out_of_range past the end.
  WAYMARK_EXPORT const Because& at(std::size_t i) const;
  iterator begin() const { return {made_, at_}; }
  iterator end() const { return {made_, at_ + size_}; }

 private:
  const Because* made_ = nullptr;
  const std::uint32_t* at_ = nullptr;
  std::size_t size_ = 0;
};

/// Where an action is shown: the few to do now, the rest folded under them, and what to bear in
/// mind throughout (prohibitions and flags). Every front end shows the groups in this order.
enum class OutcomeGroup : std::uint8_t { do_now, also_recommended, keep_in_mind };
/// "do_now", "also_recommended" or "keep_in_mind" (the spelling in records and JSON).
template <>
struct EnumWords<OutcomeGroup> {
  static constexpr std::pair<OutcomeGroup, std::string_view> table[] = {{OutcomeGroup::do_now, "do_now"}, {OutcomeGroup::also_recommended, "also_recommended"}, {OutcomeGroup::keep_in_mind, "keep_in_mind"}};
};
[[deprecated("use parse<OutcomeGroup>")]] inline std::optional<OutcomeGroup> parse_outcome_group(
    std::string_view text) {
  return parse<OutcomeGroup>(text);
}
/// The heading a practitioner sees: "Do now", "Also recommended", "Keep in mind".
WAYMARK_EXPORT std::string_view heading(OutcomeGroup group);

/// At most this many steps go in "Do now"; the rest are "Also recommended".
inline constexpr std::size_t do_now_limit = 5;

/// An action whose condition holds, with its due date and the reasons it fired.
struct Recommendation {
  const Action* action = nullptr;  ///< points into Outcome::policy
  std::optional<Date> due;
  /// Empty when the outcome was built with Reasons::omit, and with Reasons::on_demand until
  /// add_reasons: reasons_for gives them either way. Views Outcome::reason_store, as `action`
  /// points into the policy: both last as long as the outcome (or a copy of it).
  BecauseList because;
  OutcomeGroup group = OutcomeGroup::do_now;
};

/// A step the pathway gives in advance: what happens if the situation does not change.
struct NextStep {
  const PathwayStep* step = nullptr;  ///< points into Outcome::policy
  /// The words in which the case moves on to it (the previous step's `moves_on`).
  std::string trigger;
  /// When, in words: the previous step's `later`, else its actions' timescales.
  std::string timescale;
  /// The step's actions, in the pathway's order.
  std::vector<const Action*> actions;
};

/// Where the case is on one pathway that applies, and what comes next if nothing changes.
struct PathwayPlace {
  const Pathway* pathway = nullptr;  ///< points into Outcome::policy
  std::size_t current = 0;           ///< index of the current step in pathway->steps
  std::vector<NextStep> next;        ///< the later steps, in order
};

/// The recommended actions in the order they are shown: "Do now" (at most do_now_limit steps,
/// the most urgent, in pathway order within a pathway), then "Also recommended", then "Keep in
/// mind" (prohibitions and flags, most urgent first).
struct Outcome {
  std::shared_ptr<const Policy> policy;  ///< keeps the actions and notes pointed to alive
  Date date;
  /// False while an applicable question is unanswered: more actions may still fire.
  bool complete = false;
  std::vector<Recommendation> actions;
  std::vector<const Note*> notes;
  /// The pathways that apply, each with its current step and what comes next ("If this continues").
  std::vector<PathwayPlace> pathways;
  /// Applicable questions not yet answered, in order.
  std::vector<std::string> unanswered;
  /// How the reasons were asked for (Reasons::include again after add_reasons).
  Reasons reasons = Reasons::include;
  /// What the actions' `because` lists view (shared by copies of the outcome).
  std::shared_ptr<const detail::ReasonStore> reason_store;
  /// Built with Reasons::on_demand and not yet explained: the answers the reasons come from.
  std::shared_ptr<const detail::ReasonsLater> reasons_later;
};

/// Why `recommendation` (one of outcome.actions) fired: its `because`, or, for an outcome built with
/// Reasons::on_demand, the same reasons worked out now. Empty for an outcome built with Reasons::omit.
WAYMARK_EXPORT std::vector<Because> reasons_for(const Outcome& outcome, const Recommendation& recommendation);

/// Fills in every action's `because` of an outcome built with Reasons::on_demand, as if it had been
/// built with Reasons::include (does nothing for other outcomes, or a second time).
WAYMARK_EXPORT void add_reasons(Outcome& outcome);

}  // namespace waymark
