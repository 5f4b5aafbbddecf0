/// Many outcomes of one policy and date, kept small: what a batch run holds.
#pragma once

#include <waymark/chronology.h>
#include <waymark/date.h>
#include <waymark/evaluate.h>
#include <waymark/export.h>
#include <waymark/outcome.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace waymark {

namespace detail {
struct PlaceMarks;
}  // namespace detail

/// The outcomes of many answer sets evaluated on one policy and date, in the order added.
///
/// An outcome of a large policy is mostly its recommendations (56 bytes each, hundreds of them):
/// kept whole, 20,000 outcomes of the generated 200-question policy held 450 MB, and writing that
/// into fresh memory was half of a batch's time. Here each outcome is a bit per action that fired
/// (125 bytes for 1,000 actions), its notes and unanswered questions by index, its pathway places
/// as they are, and for reasons on demand its answers in a word or two each (kept as they were,
/// about 40 kB an outcome on that policy); at() remakes the Outcome exactly as it was built. An
/// outcome with its reasons worked out (Reasons::include) is kept whole.
class WAYMARK_EXPORT OutcomeBatch {
 public:
  OutcomeBatch(std::shared_ptr<const Policy> policy, Date date);

  void reserve(std::size_t outcomes) { entries_.reserve(outcomes); }
  /// Adds an outcome built on this batch's policy and date (evaluate_answer_set).
  void add(Outcome outcome);
  /// Evaluates one answer set as evaluate_answer_set() does (the answers may be moved from) and
  /// adds its outcome, written straight into the batch's form without building the Outcome (a
  /// fifth of a batch's time went on building one only to take it apart). Throws AnswerError, adding
  /// nothing, when the answers do not fit. With Reasons::include the outcome is built and kept whole.
  void evaluate(std::span<IndexedAnswer> answers, std::shared_ptr<const Chronology> chronology, Reasons reasons);
  std::size_t size() const noexcept { return entries_.size(); }
  /// The outcome added `index`-th (std::out_of_range past the end).
  Outcome at(std::size_t index) const;
  /// How many of the outcomes recommend each action, by its index in policy.actions().
  std::vector<std::size_t> action_counts() const;
  const std::shared_ptr<const Policy>& policy() const noexcept { return policy_; }

 private:
  // 40 bytes: a batch writes hundreds of thousands, into fresh memory.
  struct Entry {
    // Its actions, a bit each in the action table's order, then the indices of its notes and of
    // its unanswered questions, a word each: in one of blocks_.
    const std::uint64_t* words = nullptr;
    // For reasons on demand: its answers, in words (encode_answers).
    const std::uint64_t* answers = nullptr;
    std::uint32_t note_count = 0, unanswered_count = 0;
    std::uint32_t pathway_count = 0;  // its pathway places, in words after the indices
    std::int32_t whole = -1;          // into whole_, for an outcome kept as it is
    std::int32_t kept = -1;           // into kept_, for reasons on demand
    bool complete = false;
    Reasons reasons = Reasons::omit;
  };
  // For reasons on demand: the chronology an outcome's reasons read, or (when its answers could
  // not be kept in words) what the outcome itself kept. Outcomes in a row share one.
  struct Kept {
    std::shared_ptr<const Chronology> chronology;
    std::shared_ptr<const detail::ReasonsLater> reasons_later;
  };
  std::int32_t keep(std::shared_ptr<const Chronology> chronology,
                    std::shared_ptr<const detail::ReasonsLater> reasons_later);
  // Writes an outcome's words, in the layout at() reads: its action bits (in the action table's
  // order), its notes' and unanswered questions' indices, then its pathway places.
  void store(Entry& entry, std::span<const std::uint64_t> action_bits, std::span<const std::uint32_t> notes,
             std::span<const std::size_t> unanswered, const detail::PlaceMarks& places);
  // `answer_of(q)`: question q's answer, or null; `option_of(q)`: the index of the option a choice
  // answer to question q names (settled answers know it, saving a look-up by id).
  template <class AnswerOf, class OptionOf>
  const std::uint64_t* encode_answers(const AnswerOf& answer_of, const OptionOf& option_of);
  std::shared_ptr<const detail::ReasonsLater> decode_answers(const Entry& entry) const;
  // Room for `count` more words, in a block that never moves (growing one array for all of them
  // would copy it at every doubling).
  std::uint64_t* allocate(std::size_t count);

  std::shared_ptr<const Policy> policy_;
  Date date_;
  std::size_t action_words_ = 0;               // words of action bits per outcome
  std::vector<std::uint32_t> table_position_;  // by action index: its place in the action table
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<std::uint64_t[], void (*)(void*)>> blocks_;  // freed with std::free
  std::uint64_t* block_end_ = nullptr;
  std::size_t block_free_ = 0;      // words left before block_end_
  std::vector<std::string> texts_;  // the answers to text questions
  std::vector<Outcome> whole_;
  std::vector<Kept> kept_;
};

}  // namespace waymark
