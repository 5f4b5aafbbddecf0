#include "reasons.h"

#include "answer_slot.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <utility>

namespace waymark::detail {

ReasonWriter::ReasonWriter(const Policy& policy, const EvalEnv& env, const std::vector<std::optional<Answer>>& answers,
                           const std::vector<std::uint8_t>& not_answered, ReasonStore& store, bool many)
    : policy_(policy), env_(env), answers_(answers), not_answered_(not_answered), store_(store), many_(many) {
  // Left as the last writer on this thread left them (the touched lists too, had it thrown).
  touched_questions_.clear();
  touched_at_.clear();
  touched_whole_.clear();
  touched_own_.clear();
  touched_facts_.clear();
  if (!many) return;
  question_made_.assign(policy.questions().size(), none);
  fact_made_.assign(policy.facts().size(), none);
  question_slot_.assign(policy.questions().size(), none);
  fact_named_.assign(policy.facts().size(), 0);
  fact_found_at_.assign(policy.facts().size(), {});
  fact_found_.clear();
  whole_fact_at_.assign(policy.facts().size(), {});
  whole_fact_reasons_.clear();
}

// Made in place in the store (made on the side and moved in cost a tenth of an outcome's reasons).
std::uint32_t ReasonWriter::make_question_because(int index) {
  const Question& q = policy_.questions()[static_cast<std::size_t>(index)];
  const auto& a = answers_[static_cast<std::size_t>(index)];
  Because& b = store_.made.emplace_back();
  b.id = q.id;
  b.text = q.text;
  b.section = q.section;
  b.source = q.source;
  if (a) {
    b.value = describe_answer(q, *a);
  } else {
    b.no_answer = not_answered_[static_cast<std::size_t>(index)] ? NoAnswer::not_answered : NoAnswer::not_asked;
    b.value = b.no_answer == NoAnswer::not_answered ? "not answered" : "not asked";
  }
  return static_cast<std::uint32_t>(store_.made.size() - 1);
}

std::uint32_t ReasonWriter::make_fact_because(int index) {
  const Fact& f = policy_.facts()[static_cast<std::size_t>(index)];
  Because& b = store_.made.emplace_back();
  b.is_fact = true;
  b.id = f.id;
  b.text = f.text;
  b.value = describe_value(policy_, f, evaluate_fact(index, env_));
  b.source = f.source;
  return static_cast<std::uint32_t>(store_.made.size() - 1);
}

std::uint32_t ReasonWriter::question_reason(int index) {
  if (!many_) return make_question_because(index);
  auto& at = question_made_[static_cast<std::size_t>(index)];
  if (at == none) at = make_question_because(index);
  return at;
}

std::uint32_t ReasonWriter::fact_reason(int index) {
  if (!many_) return make_fact_because(index);
  auto& at = fact_made_[static_cast<std::size_t>(index)];
  if (at == none) at = make_fact_because(index);
  return at;
}

std::uint32_t& ReasonWriter::question_slot(int index) {
  if (many_) return question_slot_[static_cast<std::size_t>(index)];
  const auto found = std::find(touched_questions_.begin(), touched_questions_.end(), index);
  no_slot_ = found == touched_questions_.end() ? none : static_cast<std::uint32_t>(found - touched_questions_.begin());
  return no_slot_;
}

bool ReasonWriter::fact_named(int index) const {
  if (many_) return fact_named_[static_cast<std::size_t>(index)] != 0;
  return std::find(touched_facts_.begin(), touched_facts_.end(), index) != touched_facts_.end();
}

// The answers and facts behind a condition, each named once: a fact, then the answers behind it (a
// fact is only a summary). Walked with a stack rather than recursion, as facts can chain. A
// question met again adds the options it turned on; if its whole answer mattered anywhere, the
// whole answer is the reason.
void ReasonWriter::operator()(const CompiledExpr& when, const TruthNode* nodes, std::size_t count) {
  explain_truth_into(when, nodes, count, env_, found_);
  name_found();
}

void ReasonWriter::operator()(const ActionTable& table, const ActionTable::Entry& entry, std::uint8_t row,
                              const std::uint8_t* codes) {
  if (!entry.in_table) return (*this)(*entry.when, table.nodes.data() + entry.first_node, entry.node_count);
  const std::uint32_t* tests = table.test_index.data() + entry.first_test;
  auto contribution = [&](unsigned mask) {
    const std::uint32_t test = tests[std::countr_zero(mask)];
    return test_contribution(table.distinct_tests[test], codes[test]);
  };
  // Most rows name a few whole answers: their reasons are the outcome's shared ones, each once, in
  // order, with nothing to merge (what name_found would make of them, without its bookkeeping).
  if (many_) {
    std::vector<std::uint32_t>& order = store_.order;
    const std::size_t begin = order.size();
    unsigned mask = explaining_tests(row);
    auto add = [&](std::uint32_t at) {
      if (std::find(order.begin() + static_cast<std::ptrdiff_t>(begin), order.end(), at) == order.end())
        order.push_back(at);
    };
    for (; mask != 0; mask &= mask - 1) {
      const Contribution c = contribution(mask);
      if (c.option >= 0) break;
      if (!c.is_fact) {
        add(question_reason(c.index));
        continue;
      }
      const Range& behind = whole_fact_reasons(c.index);
      if (behind.count == none) break;
      for (std::uint32_t i = 0; i < behind.count; ++i) add(whole_fact_reasons_[behind.first + i]);
    }
    if (mask == 0) return;
    order.resize(begin);
  }
  found_.clear();
  for (unsigned mask = explaining_tests(row); mask != 0; mask &= mask - 1) {
    const Contribution c = contribution(mask);
    if (std::find(found_.begin(), found_.end(), c) == found_.end()) found_.push_back(c);
  }
  name_found();
}

const ReasonWriter::Range& ReasonWriter::whole_fact_reasons(int index) {
  Range& at = whole_fact_at_[static_cast<std::size_t>(index)];
  if (at.first != none) return at;
  std::vector<std::uint32_t> reasons{fact_reason(index)};
  explain_fact(index);
  const std::vector<Contribution> behind = found_;  // found_ is reused by the facts behind it
  bool whole = true;
  for (const Contribution& c : behind) {
    if (c.option >= 0) {
      whole = false;
    } else if (!c.is_fact) {
      reasons.push_back(question_reason(c.index));
    } else if (const Range& more = whole_fact_reasons(c.index); more.count != none) {
      reasons.insert(reasons.end(), whole_fact_reasons_.begin() + more.first,
                     whole_fact_reasons_.begin() + more.first + more.count);
    } else {
      whole = false;
    }
    if (!whole) break;
  }
  at.first = static_cast<std::uint32_t>(whole_fact_reasons_.size());
  at.count = whole ? static_cast<std::uint32_t>(reasons.size()) : none;
  if (whole) whole_fact_reasons_.insert(whole_fact_reasons_.end(), reasons.begin(), reasons.end());
  return at;
}

void ReasonWriter::explain_fact(int index) {
  const auto i = static_cast<std::size_t>(index);
  if (many_ && fact_found_at_[i].first != none) {
    const auto from = fact_found_.begin() + fact_found_at_[i].first;
    found_.assign(from, from + fact_found_at_[i].count);
    return;
  }
  explain_truth_into(*policy_.facts()[i].value.compiled(), nullptr, 0, env_, found_);
  if (!many_) return;
  fact_found_at_[i] = {static_cast<std::uint32_t>(fact_found_.size()), static_cast<std::uint32_t>(found_.size())};
  fact_found_.insert(fact_found_.end(), found_.begin(), found_.end());
}

void ReasonWriter::name_found() {
  std::vector<Because>& made = store_.made;
  std::vector<std::uint32_t>& order = store_.order;
  auto push_found = [&] { pending_.insert(pending_.end(), found_.rbegin(), found_.rend()); };
  pending_.clear();
  push_found();
  while (!pending_.empty()) {
    const Contribution c = pending_.back();
    pending_.pop_back();
    const auto i = static_cast<std::size_t>(c.index);
    if (c.is_fact) {
      if (fact_named(c.index)) continue;
      if (many_) fact_named_[i] = 1;
      touched_facts_.push_back(c.index);
      order.push_back(fact_reason(c.index));
      explain_fact(c.index);
      push_found();
      continue;
    }
    std::uint32_t& slot = question_slot(c.index);
    if (slot == none) {
      slot = static_cast<std::uint32_t>(touched_questions_.size());
      touched_questions_.push_back(c.index);
      touched_at_.push_back(static_cast<std::uint32_t>(order.size()));
      touched_whole_.push_back(0);
      touched_own_.push_back(many_ ? 0 : 1);  // without `many`, every reason is made for its action
      order.push_back(question_reason(c.index));
    }
    const std::uint32_t s = slot;
    if (c.option < 0) {
      touched_whole_[s] = 1;
      continue;
    }
    std::uint32_t& at = order[touched_at_[s]];
    if (!touched_own_[s]) {  // the options are this action's: add them to its own copy
      Because copy = made[at];
      made.push_back(std::move(copy));
      at = static_cast<std::uint32_t>(made.size() - 1);
      touched_own_[s] = 1;
    }
    Because& b = made[at];
    auto& list = c.chosen ? b.chosen : b.not_chosen;
    const std::string_view option = policy_.questions()[i].options[static_cast<std::size_t>(c.option)].text;
    if (std::find(list.begin(), list.end(), option) == list.end()) list.push_back(option);
  }
  for (std::size_t s = 0; s < touched_questions_.size(); ++s) {
    if (touched_whole_[s] && touched_own_[s]) {
      made[order[touched_at_[s]]].chosen.clear();
      made[order[touched_at_[s]]].not_chosen.clear();
    }
    if (many_) question_slot_[static_cast<std::size_t>(touched_questions_[s])] = none;
  }
  if (many_)
    for (int f : touched_facts_) fact_named_[static_cast<std::size_t>(f)] = 0;
  touched_questions_.clear();
  touched_at_.clear();
  touched_whole_.clear();
  touched_own_.clear();
  touched_facts_.clear();
}

void attach_reasons(Outcome& outcome, std::shared_ptr<ReasonStore> store, const std::vector<std::uint32_t>& ends) {
  std::uint32_t begin = 0;
  for (std::size_t i = 0; i < outcome.actions.size(); ++i) {
    outcome.actions[i].because = BecauseList(store->made.data(), store->order.data() + begin, ends[i] - begin);
    begin = ends[i];
  }
  outcome.reason_store = std::move(store);
}

}  // namespace waymark::detail

namespace waymark {

namespace {

// The same answers as when the outcome was decided, for working out its reasons.
struct LaterEnv {
  detail::FactCache facts;
  detail::EvalEnv env;
  LaterEnv(const Outcome& outcome, const detail::ReasonsLater& later) {
    facts.reset(outcome.policy->facts().size());
    env = {outcome.policy.get(), later.slots.data(), &facts, outcome.date.days_since_epoch(), later.chronology.get()};
  }
};

}  // namespace

std::vector<Because> reasons_for(const Outcome& outcome, const Recommendation& recommendation) {
  const detail::ReasonsLater* later = outcome.reasons_later.get();
  const detail::CompiledExpr* when = recommendation.action ? recommendation.action->when.compiled() : nullptr;
  if (!later || !when) return {recommendation.because.begin(), recommendation.because.end()};
  const LaterEnv at(outcome, *later);
  // The list of places is this thread's, reused; the reasons themselves are what is returned.
  detail::ThreadScratch<detail::ReasonStore> store;
  store->order.clear();
  store->made.clear();
  store->made.reserve(4);  // most conditions name a few answers
  detail::ReasonWriter(*outcome.policy, at.env, later->answers, later->not_answered, *store, false)(*when);
  // Made for this action alone, each reason is made where it goes: `made` is already in order.
  return std::move(store->made);
}

const Because& BecauseList::at(std::size_t i) const {
  if (i >= size_) throw std::out_of_range(fmt::format("an action has {} reasons: there is no reason {}", size_, i));
  return (*this)[i];
}

void add_reasons(Outcome& outcome) {
  if (outcome.reasons != Reasons::on_demand) return;
  if (!outcome.reasons_later) {  // no action to explain
    outcome.reasons = Reasons::include;
    return;
  }
  const detail::ReasonsLater& later = *outcome.reasons_later;
  {
    const LaterEnv at(outcome, later);
    auto store = std::make_shared<detail::ReasonStore>();
    detail::ReasonWriter reasons(*outcome.policy, at.env, later.answers, later.not_answered, *store);
    std::vector<std::uint32_t> ends;
    ends.reserve(outcome.actions.size());
    for (Recommendation& r : outcome.actions) {
      if (const detail::CompiledExpr* when = r.action->when.compiled()) reasons(*when);
      ends.push_back(static_cast<std::uint32_t>(store->order.size()));
    }
    detail::attach_reasons(outcome, std::move(store), ends);
  }
  outcome.reasons_later.reset();
  outcome.reasons = Reasons::include;
}

}  // namespace waymark

namespace waymark::detail {

void keep_for_reasons(Outcome& outcome, std::vector<AnswerSlot> slots, std::vector<std::optional<Answer>> answers,
                      const std::vector<std::size_t>& unanswered, std::shared_ptr<const Chronology> chronology,
                      bool slots_from_answers) {
  outcome.reasons = Reasons::on_demand;
  if (outcome.actions.empty()) return;  // nothing to explain
  auto later = std::make_shared<ReasonsLater>();
  later->slots = std::move(slots);
  later->answers = std::move(answers);
  later->not_answered.assign(later->answers.size(), 0);
  for (std::size_t q : unanswered) later->not_answered[q] = 1;
  later->chronology = std::move(chronology);
  later->slots_from_answers = slots_from_answers;
  outcome.reasons_later = std::move(later);
}

}  // namespace waymark::detail
