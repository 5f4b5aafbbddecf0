#include <waymark/outcome_batch.h>

#include "action_table.h"
#include "outcome_groups.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

namespace waymark {

namespace {

template <class T>
std::uint32_t index_in(const std::vector<T>& items, const T* item) {
  return static_cast<std::uint32_t>(item - items.data());
}

std::uint32_t count_of(const auto& items) { return static_cast<std::uint32_t>(items.size()); }

constexpr std::size_t words_for(std::size_t bits) { return (bits + 63) / 64; }

}  // namespace

OutcomeBatch::OutcomeBatch(std::shared_ptr<const Policy> policy, Date date) : policy_(std::move(policy)), date_(date) {
  const auto& entries = policy_->action_table().entries;
  action_words_ = words_for(entries.size());
  table_position_.resize(policy_->actions().size());
  for (std::size_t i = 0; i < entries.size(); ++i)
    table_position_[index_in(policy_->actions(), entries[i].action)] = static_cast<std::uint32_t>(i);
}

std::uint64_t* OutcomeBatch::allocate(std::size_t count) {
  constexpr std::size_t block_words = std::size_t{1} << 17;  // 1 MiB
  if (count > block_free_) {
    const std::size_t size = std::max(count, block_words);
    blocks_.push_back(std::make_unique_for_overwrite<std::uint64_t[]>(size));
    block_free_ = size;
    block_end_ = blocks_.back().get() + size;
  }
  block_free_ -= count;
  return block_end_ - block_free_ - count;
}

void OutcomeBatch::add(Outcome outcome) {
  Entry& entry = entries_.emplace_back();
  entry.complete = outcome.complete;
  entry.reasons = outcome.reasons;
  if (outcome.reasons == Reasons::include) {
    entry.whole = static_cast<std::int32_t>(whole_.size());
    whole_.push_back(std::move(outcome));
    return;
  }
  const Policy& policy = *policy_;
  entry.note_count = count_of(outcome.notes);
  entry.unanswered_count = count_of(outcome.unanswered);
  // The indices after the action bits, a word each (an outcome has few notes and unanswered questions).
  std::uint64_t* words = allocate(action_words_ + entry.note_count + entry.unanswered_count);
  std::memset(words, 0, action_words_ * sizeof(std::uint64_t));
  for (const Recommendation& r : outcome.actions) {
    const std::uint32_t at = table_position_[index_in(policy.actions(), r.action)];
    words[at / 64] |= std::uint64_t{1} << (at % 64);
  }
  std::uint64_t* index = words + action_words_;
  for (const Note* note : outcome.notes) *index++ = index_in(policy.notes(), note);
  for (const std::string& id : outcome.unanswered) *index++ = static_cast<std::uint32_t>(policy.question_index(id));
  entry.words = words;
  entry.first_pathway = count_of(pathways_);
  for (PathwayPlace& place : outcome.pathways) pathways_.push_back(std::move(place));
  entry.pathway_count = count_of(outcome.pathways);
  entry.reasons_later = std::move(outcome.reasons_later);
}

Outcome OutcomeBatch::at(std::size_t index) const {
  const Entry& entry = entries_.at(index);
  if (entry.whole >= 0) return whole_[static_cast<std::size_t>(entry.whole)];
  const Policy& policy = *policy_;
  Outcome outcome;
  outcome.policy = policy_;
  outcome.date = date_;
  outcome.complete = entry.complete;
  outcome.reasons = entry.reasons;
  outcome.reasons_later = entry.reasons_later;
  // As detail::build_outcome builds it: the actions in the table's order, then grouped.
  const auto& table = policy.action_table().entries;
  for (std::size_t w = 0; w < action_words_; ++w)
    for (std::uint64_t bits = entry.words[w]; bits != 0; bits &= bits - 1) {
      Recommendation& r = outcome.actions.emplace_back();  // field by field, as build_outcome does
      r.action = table[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))].action;
      r.due = r.action->urgency.due(date_);
    }
  const std::uint64_t* in = entry.words + action_words_;
  for (std::uint32_t i = 0; i < entry.note_count; ++i) outcome.notes.push_back(&policy.notes()[*in++]);
  for (std::uint32_t i = 0; i < entry.unanswered_count; ++i) outcome.unanswered.push_back(policy.questions()[*in++].id);
  outcome.pathways.assign(pathways_.begin() + entry.first_pathway,
                          pathways_.begin() + entry.first_pathway + entry.pathway_count);
  detail::group_actions(outcome);
  return outcome;
}

std::vector<std::size_t> OutcomeBatch::action_counts() const {
  std::vector<std::size_t> counts(policy_->actions().size(), 0);
  const auto& table = policy_->action_table().entries;
  for (const Entry& entry : entries_) {
    if (entry.whole >= 0) {
      for (const Recommendation& r : whole_[static_cast<std::size_t>(entry.whole)].actions)
        ++counts[index_in(policy_->actions(), r.action)];
      continue;
    }
    for (std::size_t w = 0; w < action_words_; ++w)
      for (std::uint64_t bits = entry.words[w]; bits != 0; bits &= bits - 1)
        ++counts[index_in(policy_->actions(), table[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))].action)];
  }
  return counts;
}

}  // namespace waymark
