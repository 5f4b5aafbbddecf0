#include "outcome_batch.h"

#include <algorithm>
#include <utility>

namespace waymark::python {

namespace {

template <class T>
std::uint32_t index_in(const std::vector<T>& items, const T* item) {
  return static_cast<std::uint32_t>(item - items.data());
}

std::uint32_t size_of(const auto& items) { return static_cast<std::uint32_t>(items.size()); }

}  // namespace

OutcomeBatch::OutcomeBatch(std::shared_ptr<const Policy> policy, Date date) : policy_(std::move(policy)), date_(date) {}

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
  entry.action_count = size_of(outcome.actions);
  entry.note_count = size_of(outcome.notes);
  entry.unanswered_count = size_of(outcome.unanswered);
  std::uint32_t* out = allocate(std::size_t{entry.action_count} + entry.note_count + entry.unanswered_count);
  entry.indices = out;
  for (const Recommendation& r : outcome.actions)
    *out++ = index_in(policy.actions(), r.action) * 4 + static_cast<std::uint32_t>(r.group);
  for (const Note* note : outcome.notes) *out++ = index_in(policy.notes(), note);
  for (const std::string& id : outcome.unanswered) *out++ = static_cast<std::uint32_t>(policy.question_index(id));
  entry.first_pathway = size_of(pathways_);
  for (PathwayPlace& place : outcome.pathways) pathways_.push_back(std::move(place));
  entry.pathway_count = size_of(outcome.pathways);
  entry.reasons_later = std::move(outcome.reasons_later);
}

std::uint32_t* OutcomeBatch::allocate(std::size_t count) {
  constexpr std::size_t block_size = std::size_t{1} << 18;  // 1 MiB
  if (count > block_free_) {
    const std::size_t size = std::max(count, block_size);
    blocks_.push_back(std::make_unique_for_overwrite<std::uint32_t[]>(size));
    block_free_ = size;
    block_end_ = blocks_.back().get() + size;
  }
  block_free_ -= count;
  return block_end_ - block_free_ - count;
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
  const std::uint32_t* in = entry.indices;
  outcome.actions.reserve(entry.action_count);
  for (std::uint32_t i = 0; i < entry.action_count; ++i, ++in) {
    const Action& action = policy.actions()[*in / 4];
    outcome.actions.push_back({&action, action.urgency.due(date_), {}, static_cast<OutcomeGroup>(*in % 4)});
  }
  for (std::uint32_t i = 0; i < entry.note_count; ++i, ++in) outcome.notes.push_back(&policy.notes()[*in]);
  for (std::uint32_t i = 0; i < entry.unanswered_count; ++i, ++in)
    outcome.unanswered.push_back(policy.questions()[*in].id);
  outcome.pathways.assign(pathways_.begin() + entry.first_pathway,
                          pathways_.begin() + entry.first_pathway + entry.pathway_count);
  return outcome;
}

std::map<std::string, std::size_t> OutcomeBatch::action_counts() const {
  std::vector<std::size_t> by_action(policy_->actions().size(), 0);
  for (const Entry& entry : entries_) {
    if (entry.whole >= 0) {
      for (const Recommendation& r : whole_[static_cast<std::size_t>(entry.whole)].actions)
        ++by_action[index_in(policy_->actions(), r.action)];
      continue;
    }
    for (std::uint32_t i = 0; i < entry.action_count; ++i) ++by_action[entry.indices[i] / 4];
  }
  std::map<std::string, std::size_t> counts;
  for (std::size_t a = 0; a < by_action.size(); ++a)
    if (by_action[a] > 0) counts[policy_->actions()[a].id] = by_action[a];
  return counts;
}

}  // namespace waymark::python
