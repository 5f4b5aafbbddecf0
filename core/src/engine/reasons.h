// Why each action of an outcome fired, worked out with scratch space shared by all its actions, and
// what an outcome keeps to work its reasons out only when asked (Reasons::on_demand).
#pragma once

#include "action_table.h"
#include "expr.h"
#include "thread_scratch.h"

#include <waymark/answer.h>
#include <waymark/chronology.h>
#include <waymark/outcome.h>

#include <memory>
#include <optional>
#include <vector>

namespace waymark::detail {

// The answers an outcome was decided on, kept (moved, not copied, for a batch) until its reasons
// are asked for.
struct ReasonsLater {
  std::vector<AnswerSlot> slots;
  std::vector<std::optional<Answer>> answers;
  std::vector<std::uint8_t> not_answered;  // applicable questions without an answer
  std::shared_ptr<const Chronology> chronology;
  // True when `slots` are just what fill_slot makes of `answers` (default where there is none), as
  // evaluate_answer_set keeps them: an OutcomeBatch then keeps the answers alone, in a few words
  // each, and remakes the slots (a session's slots need not be).
  bool slots_from_answers = false;
};

// An outcome's reasons: each made once into `made` (a whole answer or a fact, named by any number
// of actions; an answer whose options mattered, for its action alone), and each action's in turn
// in `order`, as places in `made`. Recommendation::because views its part.
struct ReasonStore {
  std::vector<Because> made;
  std::vector<std::uint32_t> order;
};

// Points the `because` of outcome.actions[i] at order[ends[i - 1] .. ends[i]) of `store` and makes
// the outcome keep the store.
void attach_reasons(Outcome& outcome, std::shared_ptr<ReasonStore> store, const std::vector<std::uint32_t>& ends);

// Names the answers and facts behind conditions, one condition after another, over the same
// answers, appending each condition's reasons to `store.order`. Scratch is sized to the policy
// once; each condition then costs only what it names.
class ReasonWriter {
 public:
  // `many`: scratch indexed by question and fact, sized to the policy once, for an outcome's
  // actions; otherwise (one condition, reasons_for) small lists searched instead, so one action's
  // reasons cost what its condition names whatever the policy's size.
  ReasonWriter(const Policy& policy, const EvalEnv& env, const std::vector<std::optional<Answer>>& answers,
               const std::vector<std::uint8_t>& not_answered, ReasonStore& store, bool many = true);
  // `nodes`, `count`: the compact form of `when` kept elsewhere (the action table); else null.
  void operator()(const CompiledExpr& when, const TruthNode* nodes = nullptr, std::size_t count = 0);
  // The same for a fired action of the policy's table, given its firing_row and its distinct tests'
  // codes for these answers (test_codes): a condition kept as a table names the tests its row
  // gives, without evaluating it again; any other is explained as above.
  void operator()(const ActionTable& table, const ActionTable::Entry& entry, std::uint8_t row,
                  const std::uint8_t* codes);

 private:
  static constexpr std::uint32_t none = ~std::uint32_t{0};
  // A range of one of the lists below.
  struct Range {
    std::uint32_t first = none, count = 0;
  };

  // The place in store.made of a question's or fact's reason: made once per outcome (`many`) and
  // shared by every action that names it, else made now.
  std::uint32_t question_reason(int index);
  std::uint32_t fact_reason(int index);
  // Make a reason at the end of store.made; return its place.
  std::uint32_t make_question_because(int index);
  std::uint32_t make_fact_because(int index);
  // Appends the reasons for the answers and facts in found_ (what made one condition true).
  void name_found();
  // Puts in found_ what made fact `index` come out as it did (worked out once per outcome, `many`).
  void explain_fact(int index);
  // When `many`: the reasons naming fact `index` adds, as name_found would make them (the fact's,
  // then depth first those behind it), as a range of whole_fact_reasons_; worked out once per
  // outcome. `count` is `none` when single options of an answer matter (only name_found merges them).
  const Range& whole_fact_reasons(int index);
  std::uint32_t& question_slot(int index);  // into touched_questions_, or `none`
  bool fact_named(int index) const;

  const Policy& policy_;
  const EvalEnv& env_;
  const std::vector<std::optional<Answer>>& answers_;
  const std::vector<std::uint8_t>& not_answered_;
  ReasonStore& store_;
  bool many_;
  std::uint32_t no_slot_ = none;

  // The working lists, kept per thread and reused from writer to writer (a batch makes one per
  // outcome, and allocating them afresh each time was a tenth of its time with reasons).
  struct Scratch {
    // Each question's and fact's reason as first worked out (its place in the store's `made`),
    // reused by later actions.
    std::vector<std::uint32_t> question_made, fact_made;
    // Per condition, reset through the `touched` lists: each named question's place in
    // touched_questions (when `many`), where its reason is in `order`, whether its whole answer
    // mattered and whether the reason is this action's own (to add options to); whether a fact is
    // named yet (when `many`; else touched_facts is searched).
    std::vector<std::uint32_t> question_slot;
    std::vector<std::uint8_t> fact_named;
    std::vector<int> touched_questions, touched_facts;
    std::vector<std::uint32_t> touched_at;
    std::vector<std::uint8_t> touched_whole, touched_own;
    std::vector<Contribution> pending, found;
    // Each fact's explanation as first worked out (into `fact_found`, from fact_found_at), when
    // `many`: an outcome's actions name the same facts again and again.
    std::vector<Range> fact_found_at;
    std::vector<Contribution> fact_found;
    // The same made into reasons (whole_fact_reasons), from whole_fact_at.
    std::vector<Range> whole_fact_at;
    std::vector<std::uint32_t> whole_fact_reasons;
  };
  ThreadScratch<Scratch> scratch_;
  std::vector<std::uint32_t>&question_made_ = scratch_->question_made, &fact_made_ = scratch_->fact_made;
  std::vector<std::uint32_t>& question_slot_ = scratch_->question_slot;
  std::vector<std::uint8_t>& fact_named_ = scratch_->fact_named;
  std::vector<int>&touched_questions_ = scratch_->touched_questions, &touched_facts_ = scratch_->touched_facts;
  std::vector<std::uint32_t>& touched_at_ = scratch_->touched_at;
  std::vector<std::uint8_t>&touched_whole_ = scratch_->touched_whole, &touched_own_ = scratch_->touched_own;
  std::vector<Contribution>&pending_ = scratch_->pending, &found_ = scratch_->found;
  std::vector<Range>&fact_found_at_ = scratch_->fact_found_at, &whole_fact_at_ = scratch_->whole_fact_at;
  std::vector<Contribution>& fact_found_ = scratch_->fact_found;
  std::vector<std::uint32_t>& whole_fact_reasons_ = scratch_->whole_fact_reasons;
};

// Makes `outcome` (built without reasons) keep what reasons_for and add_reasons need.
void keep_for_reasons(Outcome& outcome, std::vector<AnswerSlot> slots, std::vector<std::optional<Answer>> answers,
                      const std::vector<std::size_t>& unanswered, std::shared_ptr<const Chronology> chronology,
                      bool slots_from_answers = false);

}  // namespace waymark::detail
