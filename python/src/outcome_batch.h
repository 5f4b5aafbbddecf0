// The outcomes of evaluate_many(), kept small until one is looked at.
#pragma once

#include <waymark/waymark.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace waymark::python {

// An outcome of a large policy is mostly its recommendations (48 bytes each, hundreds of them):
// kept whole, a batch of 20,000 answer sets on the generated 200-question policy held 390 MB, and
// writing that into fresh memory was half the batch's time. Here an outcome is the indices of the
// actions that fired with their groups, of its notes and of its unanswered questions, all in
// shared arrays; its pathway places and the answers kept for on-demand reasons are kept as they
// are. at() remakes the Outcome as evaluated (a due date is the action's urgency from the date).
// An outcome with its reasons worked out (Reasons::include) is kept whole.
class OutcomeBatch {
 public:
  OutcomeBatch(std::shared_ptr<const Policy> policy, Date date);

  void reserve(std::size_t outcomes) { entries_.reserve(outcomes); }
  // `outcome`: of this batch's policy and date.
  void add(Outcome outcome);
  std::size_t size() const { return entries_.size(); }
  Outcome at(std::size_t index) const;
  // Action id -> how many of the outcomes recommend it.
  std::map<std::string, std::size_t> action_counts() const;

 private:
  struct Entry {
    // The indices of its actions (index * 4 + OutcomeGroup, in the order shown), then of its
    // notes, then of its unanswered questions: in one of blocks_.
    const std::uint32_t* indices = nullptr;
    std::uint32_t action_count = 0, note_count = 0, unanswered_count = 0;
    std::uint32_t first_pathway = 0, pathway_count = 0;  // into pathways_
    std::int32_t whole = -1;                             // into whole_, for an outcome kept as it is
    bool complete = false;
    Reasons reasons = Reasons::omit;
    std::shared_ptr<const detail::ReasonsLater> reasons_later;
  };
  // Room for `count` more indices, in a block that never moves (growing one array for all of
  // them copied it at every doubling: a tenth of a batch on the generated policy).
  std::uint32_t* allocate(std::size_t count);

  std::shared_ptr<const Policy> policy_;
  Date date_;
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<std::uint32_t[]>> blocks_;
  std::uint32_t* block_end_ = nullptr;
  std::size_t block_free_ = 0;  // room left before block_end_
  std::vector<PathwayPlace> pathways_;
  std::vector<Outcome> whole_;
};

}  // namespace waymark::python
