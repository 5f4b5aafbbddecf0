#include "outcome_batch.h"

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
  entry.first_action = size_of(actions_);
  for (const Recommendation& r : outcome.actions)
    actions_.push_back(index_in(policy.actions(), r.action) * 4 + static_cast<std::uint32_t>(r.group));
  entry.action_count = size_of(outcome.actions);
  entry.first_note = size_of(notes_);
  for (const Note* note : outcome.notes) notes_.push_back(index_in(policy.notes(), note));
  entry.note_count = size_of(outcome.notes);
  entry.first_unanswered = size_of(unanswered_);
  for (const std::string& id : outcome.unanswered)
    unanswered_.push_back(static_cast<std::uint32_t>(policy.question_index(id)));
  entry.unanswered_count = size_of(outcome.unanswered);
  entry.first_pathway = size_of(pathways_);
  for (PathwayPlace& place : outcome.pathways) pathways_.push_back(std::move(place));
  entry.pathway_count = size_of(outcome.pathways);
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
  outcome.actions.reserve(entry.action_count);
  for (std::uint32_t i = 0; i < entry.action_count; ++i) {
    const std::uint32_t code = actions_[entry.first_action + i];
    const Action& action = policy.actions()[code / 4];
    outcome.actions.push_back({&action, action.urgency.due(date_), {}, static_cast<OutcomeGroup>(code % 4)});
  }
  for (std::uint32_t i = 0; i < entry.note_count; ++i)
    outcome.notes.push_back(&policy.notes()[notes_[entry.first_note + i]]);
  for (std::uint32_t i = 0; i < entry.unanswered_count; ++i)
    outcome.unanswered.push_back(policy.questions()[unanswered_[entry.first_unanswered + i]].id);
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
    for (std::uint32_t i = 0; i < entry.action_count; ++i) ++by_action[actions_[entry.first_action + i] / 4];
  }
  std::map<std::string, std::size_t> counts;
  for (std::size_t a = 0; a < by_action.size(); ++a)
    if (by_action[a] > 0) counts[policy_->actions()[a].id] = by_action[a];
  return counts;
}

}  // namespace waymark::python
