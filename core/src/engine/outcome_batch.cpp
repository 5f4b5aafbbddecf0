#include <waymark/outcome_batch.h>

#include "action_table.h"
#include "answer_slot.h"
#include "firing.h"
#include "large_pages.h"
#include "outcome_groups.h"
#include "reasons.h"
#include "thread_scratch.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace waymark {

namespace {

template <class T>
std::uint32_t index_in(const std::vector<T>& items, const T* item) {
  return static_cast<std::uint32_t>(item - items.data());
}

std::uint32_t count_of(const auto& items) { return static_cast<std::uint32_t>(items.size()); }

constexpr std::size_t words_for(std::size_t bits) { return (bits + 63) / 64; }

// Calls f(i) for each bit i set in words[0, count), lowest first.
template <class F>
void for_each_bit(const std::uint64_t* words, std::size_t count, F&& f) {
  for (std::size_t w = 0; w < count; ++w)
    for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1)
      f(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
}

// Lists reused from outcome to outcome on a thread.
struct BatchScratch {
  std::vector<std::uint8_t> test_codes;
  std::vector<std::uint64_t> action_bits;  // an outcome's, until it is sure to be added
  std::vector<std::uint32_t> notes;
  std::vector<std::size_t> unanswered;
  detail::PlaceMarks places;
};

// An outcome's pathway places, after its indices: per place two words (its pathway and current
// step; how many next steps), per next step a word (the step, how many of its actions), then those
// actions' places in the step, a word each.
std::size_t words_for_places(const detail::PlaceMarks& marks) {
  return 2 * marks.places.size() + marks.nexts.size() + marks.actions.size();
}

void write_places(const detail::PlaceMarks& marks, std::uint64_t* out) {
  for (const auto& place : marks.places) {
    *out++ = place.pathway | std::uint64_t{place.current} << 32;
    *out++ = place.next_count;
    for (std::uint32_t n = place.first_next; n < place.first_next + place.next_count; ++n) {
      const auto& next = marks.nexts[n];
      *out++ = next.step | std::uint64_t{next.action_count} << 32;
      out = std::copy_n(marks.actions.begin() + next.first_action, next.action_count, out);
    }
  }
}

void read_places(const std::uint64_t* in, std::uint32_t count, detail::PlaceMarks& marks) {
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint64_t word = *in++;
    auto& place = marks.places.emplace_back();
    place.pathway = static_cast<std::uint32_t>(word);
    place.current = static_cast<std::uint32_t>(word >> 32);
    place.next_count = static_cast<std::uint32_t>(*in++);
    place.first_next = count_of(marks.nexts);
    for (std::uint32_t n = 0; n < place.next_count; ++n) {
      const std::uint64_t next_word = *in++;
      auto& next = marks.nexts.emplace_back();
      next.step = static_cast<std::uint32_t>(next_word);
      next.action_count = static_cast<std::uint32_t>(next_word >> 32);
      next.first_action = count_of(marks.actions);
      for (std::uint32_t a = 0; a < next.action_count; ++a) marks.actions.push_back(static_cast<std::uint32_t>(*in++));
    }
  }
}

}  // namespace

OutcomeBatch::OutcomeBatch(std::shared_ptr<const Policy> policy, Date date) : policy_(std::move(policy)), date_(date) {
  static_assert(sizeof(Entry) <= 40, "an Entry is written for every outcome of a batch");
  const auto& entries = policy_->action_table().entries;
  action_words_ = words_for(entries.size());
  table_position_.resize(policy_->actions().size());
  for (std::size_t i = 0; i < entries.size(); ++i)
    table_position_[index_in(policy_->actions(), entries[i].action)] = static_cast<std::uint32_t>(i);
}

std::uint64_t* OutcomeBatch::allocate(std::size_t count) {
  if (count > block_free_) {
    // A small batch stays small: its first block is ordinary memory. Later ones are whole huge
    // pages, each filled at the cost of one page fault.
    constexpr std::size_t first_block_words = std::size_t{1} << 15;  // 256 KiB
    constexpr std::size_t huge_page_words = detail::huge_page_bytes / sizeof(std::uint64_t);
    std::size_t size = std::max(count, first_block_words);
    void* memory = nullptr;
    if (blocks_.empty()) {
      memory = std::malloc(size * sizeof(std::uint64_t));
      if (!memory) throw std::bad_alloc();
    } else {
      size = (size + huge_page_words - 1) / huge_page_words * huge_page_words;
      memory = detail::allocate_in_huge_pages(size * sizeof(std::uint64_t));
    }
    blocks_.emplace_back(static_cast<std::uint64_t*>(memory), &std::free);
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
  detail::ThreadScratch<BatchScratch> scratch;
  std::vector<std::uint64_t>& bits = scratch->action_bits;
  bits.assign(action_words_, 0);
  for (const Recommendation& r : outcome.actions) {
    const std::uint32_t at = table_position_[index_in(policy.actions(), r.action)];
    bits[at / 64] |= std::uint64_t{1} << (at % 64);
  }
  scratch->notes.clear();
  for (const Note* note : outcome.notes) scratch->notes.push_back(index_in(policy.notes(), note));
  scratch->unanswered.clear();
  for (const std::string& id : outcome.unanswered)
    scratch->unanswered.push_back(static_cast<std::size_t>(policy.question_index(id)));
  scratch->places.clear();
  detail::mark_places(policy, outcome.pathways, scratch->places);
  store(entry, bits, scratch->notes, scratch->unanswered, scratch->places);
  if (outcome.reasons_later && outcome.reasons_later->slots_from_answers) {
    const auto& answers = outcome.reasons_later->answers;
    entry.answers =
        encode_answers([&](std::size_t q) { return answers[q] ? &*answers[q] : nullptr; },
                       [&](std::size_t q) { return policy.questions()[q].option_index(answers[q]->choice); });
    entry.kept = keep(outcome.reasons_later->chronology, nullptr);
  } else if (outcome.reasons_later) {
    entry.kept = keep(nullptr, std::move(outcome.reasons_later));
  }
}

void OutcomeBatch::evaluate(std::span<IndexedAnswer> answers, std::shared_ptr<const Chronology> chronology,
                            Reasons reasons) {
  if (reasons == Reasons::include) {
    add(evaluate_answer_set(policy_, answers, date_, std::move(chronology), reasons));
    return;
  }
  const Policy& policy = *policy_;
  // Everything that can throw comes first, so a failure adds nothing.
  detail::ThreadScratch<detail::EvaluationScratch> settled;
  const detail::EvalEnv env = detail::settle_answers(policy, answers, date_, chronology.get(), *settled);
  detail::ThreadScratch<BatchScratch> scratch;
  std::vector<std::uint64_t>& bits = scratch->action_bits;
  bits.assign(action_words_, 0);
  detail::for_each_fired(policy.action_table(), env, scratch->test_codes,
                         [&](std::uint32_t at, const detail::ActionTable::Entry&, std::uint8_t) {
                           bits[at / 64] |= std::uint64_t{1} << (at % 64);
                         });
  scratch->notes.clear();
  for (std::uint32_t n = 0; n < policy.notes().size(); ++n)
    if (detail::note_applies(policy.notes()[n], env)) scratch->notes.push_back(n);
  detail::PlaceMarks& places = scratch->places;
  places.clear();
  detail::mark_pathway_places(policy, env, places);

  Entry& entry = entries_.emplace_back();
  entry.complete = settled->unanswered.empty();
  entry.reasons = reasons;
  store(entry, bits, scratch->notes, settled->unanswered, places);
  if (reasons == Reasons::on_demand) {
    const std::vector<int>& given_at = settled->given_at;
    entry.answers = encode_answers(
        [&](std::size_t q) {
          return given_at[q] < 0 ? nullptr : &answers[static_cast<std::size_t>(given_at[q])].answer;
        },
        [&](std::size_t q) { return settled->slots[q].value.integer; });
    entry.kept = keep(std::move(chronology), nullptr);
  }
}

void OutcomeBatch::store(Entry& entry, std::span<const std::uint64_t> action_bits, std::span<const std::uint32_t> notes,
                         std::span<const std::size_t> unanswered, const detail::PlaceMarks& places) {
  entry.note_count = count_of(notes);
  entry.unanswered_count = count_of(unanswered);
  entry.pathway_count = count_of(places.places);
  std::uint64_t* words = allocate(action_words_ + notes.size() + unanswered.size() + words_for_places(places));
  std::uint64_t* index = std::copy(action_bits.begin(), action_bits.end(), words);
  index = std::copy(notes.begin(), notes.end(), index);
  write_places(places, std::copy(unanswered.begin(), unanswered.end(), index));
  entry.words = words;
}

std::int32_t OutcomeBatch::keep(std::shared_ptr<const Chronology> chronology,
                                std::shared_ptr<const detail::ReasonsLater> reasons_later) {
  if (!reasons_later && !kept_.empty() && !kept_.back().reasons_later && kept_.back().chronology == chronology)
    return static_cast<std::int32_t>(kept_.size() - 1);
  kept_.push_back({std::move(chronology), std::move(reasons_later)});
  return static_cast<std::int32_t>(kept_.size() - 1);
}

// The answers as words: a bit per question saying whether it has one, then each answer in
// question order: a yes/no, an option's index, a date's days or a number's bits in one word; a
// text's place in texts_; for a multiple choice, how many were chosen and then their indices, a
// byte each, in the order they were given (the order the reasons name them in).
template <class AnswerOf, class OptionOf>
const std::uint64_t* OutcomeBatch::encode_answers(const AnswerOf& answer_of, const OptionOf& option_of) {
  const auto& questions = policy_->questions();
  const std::size_t mask_words = words_for(questions.size());
  std::size_t count = mask_words;
  for (std::size_t q = 0; q < questions.size(); ++q)
    if (const Answer* a = answer_of(q))
      count += a->kind == QuestionKind::multi_choice ? 1 + words_for(8 * a->choices.size()) : 1;
  std::uint64_t* words = allocate(count);
  std::memset(words, 0, count * sizeof(std::uint64_t));
  std::uint64_t* out = words + mask_words;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    const Answer* a = answer_of(q);
    if (!a) continue;
    words[q / 64] |= std::uint64_t{1} << (q % 64);
    switch (a->kind) {
      case QuestionKind::yes_no: *out++ = a->yes ? 1 : 0; break;
      case QuestionKind::choice: *out++ = static_cast<std::uint64_t>(option_of(q)); break;
      case QuestionKind::multi_choice:
        *out++ = a->choices.size();
        for (std::size_t i = 0; i < a->choices.size(); ++i)
          out[i / 8] |= static_cast<std::uint64_t>(questions[q].option_index(a->choices[i])) << (8 * (i % 8));
        out += words_for(8 * a->choices.size());
        break;
      case QuestionKind::number: *out++ = std::bit_cast<std::uint64_t>(a->number); break;
      case QuestionKind::date:
        *out++ = static_cast<std::uint64_t>(static_cast<std::int64_t>(a->date.days_since_epoch()));
        break;
      case QuestionKind::text:
        *out++ = texts_.size();
        texts_.push_back(a->text);
        break;
    }
  }
  return words;
}

std::shared_ptr<const detail::ReasonsLater> OutcomeBatch::decode_answers(const Entry& entry) const {
  const auto& questions = policy_->questions();
  auto later = std::make_shared<detail::ReasonsLater>();
  later->slots.assign(questions.size(), {});
  later->answers.resize(questions.size());
  later->not_answered.assign(questions.size(), 0);
  const std::uint64_t* unanswered = entry.words + action_words_ + entry.note_count;
  for (std::uint32_t i = 0; i < entry.unanswered_count; ++i) later->not_answered[unanswered[i]] = 1;
  later->chronology = kept_[static_cast<std::size_t>(entry.kept)].chronology;
  later->slots_from_answers = true;
  const std::uint64_t* in = entry.answers + words_for(questions.size());
  for (std::size_t q = 0; q < questions.size(); ++q) {
    if (((entry.answers[q / 64] >> (q % 64)) & 1) == 0) continue;
    const Question& question = questions[q];
    Answer answer;
    switch (question.kind) {
      case QuestionKind::yes_no: answer = Answer::of_yes_no(*in++ != 0); break;
      case QuestionKind::choice: answer = Answer::of_choice(question.options[*in++].id); break;
      case QuestionKind::multi_choice: {
        const std::size_t chosen = *in++;
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < chosen; ++i)
          ids.push_back(question.options[(in[i / 8] >> (8 * (i % 8))) & 0xff].id);
        in += words_for(8 * chosen);
        answer = Answer::of_choices(std::move(ids));
        break;
      }
      case QuestionKind::number: answer = Answer::of_number(std::bit_cast<double>(*in++)); break;
      case QuestionKind::date:
        answer = Answer::of_date(Date{std::chrono::sys_days{std::chrono::days{static_cast<std::int64_t>(*in++)}}});
        break;
      case QuestionKind::text: answer = Answer::of_text(texts_[*in++]); break;
    }
    detail::fill_slot(question, answer, later->slots[q]);
    later->answers[q] = std::move(answer);
  }
  return later;
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
  if (entry.answers)
    outcome.reasons_later = decode_answers(entry);
  else if (entry.kept >= 0)
    outcome.reasons_later = kept_[static_cast<std::size_t>(entry.kept)].reasons_later;
  // As detail::build_outcome builds it: the actions in the table's order, then grouped.
  const auto& table = policy.action_table().entries;
  for_each_bit(entry.words, action_words_, [&](std::size_t at) {
    Recommendation& r = outcome.actions.emplace_back();  // field by field, as build_outcome does
    r.action = table[at].action;
    r.due = r.action->urgency.due(date_);
  });
  const std::uint64_t* in = entry.words + action_words_;
  for (std::uint32_t i = 0; i < entry.note_count; ++i) outcome.notes.push_back(&policy.notes()[*in++]);
  for (std::uint32_t i = 0; i < entry.unanswered_count; ++i) outcome.unanswered.push_back(policy.questions()[*in++].id);
  detail::ThreadScratch<BatchScratch> scratch;
  detail::PlaceMarks& places = scratch->places;
  places.clear();
  read_places(in, entry.pathway_count, places);
  detail::add_places(policy, places, outcome.pathways);
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
    for_each_bit(entry.words, action_words_,
                 [&](std::size_t at) { ++counts[index_in(policy_->actions(), table[at].action)]; });
  }
  return counts;
}

}  // namespace waymark
