// The three-valued search over answers that lint uses to check a policy and the engine uses to
// work out what would change an outcome: questions are decided one by one, conditions are
// evaluated over partly chosen answers ("pending"), and a condition already settled under every
// completion cuts the branch (docs/architecture.md, "Conditions").
#pragma once

#include <fmt/format.h>
#include <waymark/chronology.h>
#include <waymark/policy.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "answer_slot.h"
#include "expr.h"
#include "function_table.h"

namespace waymark::detail {

// Thrown when a search has used every state its budget allowed.
struct BudgetExceeded {};

// The answers lint tries for each question: every option for choices, and for numbers, dates and
// text the values the policy's conditions compare against (and their neighbours).
struct Domains {
  std::vector<std::vector<AnswerSlot>> values;  // per question (multi_choice handled bit by bit)
  bool approximate = false;                     // some question has an infinite domain
};

// Every candidate answer of every question, for a search whose session date is `today`.
Domains make_domains(const Policy& policy, int today);

// The questions a condition depends on, directly, through facts, and through the ask_if of each
// (ascending, so each question comes after the questions its ask_if reads).
std::vector<int> closure(const Policy& policy, const CompiledExpr* start);

// Whether any of the questions takes a number, date or text (searched only at candidate values).
bool has_infinite_domain(const Policy& policy, const std::vector<int>& questions);

// What a search does after visiting a node: stop everything, cut this branch, or go deeper.
enum class Verdict { stop, prune, descend };

class Search {
 public:
  Search(const Policy& policy, const Domains& domains, int today, std::size_t& budget)
      : policy_(policy), domains_(domains), budget_(budget), slots_(policy.questions().size()) {
    facts_.reset(policy.facts().size());
    for (auto& slot : slots_) slot.value = Value::pending();
    env_ = {&policy_, slots_.data(), &facts_, today, nullptr, true};
  }

  Value eval(const CompiledExpr& e) const { return detail::evaluate(e, env_); }

  // Starts from given answers instead of every question pending: the questions in `open` are
  // pending (run decides them), the rest keep `answers`. What would change a session's outcome
  // is searched from the session's own answers.
  void start_from(const std::vector<AnswerSlot>& answers, const std::vector<int>& open) {
    for (std::size_t q = 0; q < slots_.size(); ++q) slots_[q] = answers[q];
    for (int q : open) slots_[q] = AnswerSlot{Value::pending(), {}};
    facts_.invalidate();
  }
  // Reads this chronology (null: no events) instead of treating every chronology as possible.
  void use_chronology(const Chronology* chronology) {
    env_.chronology = chronology;
    env_.chronology_open = false;
    facts_.invalidate();
  }
  // Where functions report the windows of the chronology they counted over (null: nowhere).
  void report_windows(std::vector<CountedWindow>* windows) { env_.windows = windows; }
  // Questions that may also be left without an answer when asked (`which[q]` set): a session's
  // unanswered questions stay unanswered unless a change answers them.
  void leave_unanswered(std::vector<std::uint8_t> which) { leave_unanswered_ = std::move(which); }
  // Every question's answer as the search stands (pending: not decided yet).
  const std::vector<AnswerSlot>& slots() const { return slots_; }

  // Decides the questions in `order` (ascending) one by one. `visit` is called at every node and
  // returns true to stop the whole search, false to go deeper; `prune` cuts a branch.
  template <typename Visit>
  bool run(const std::vector<int>& order, Visit&& visit) {
    return step(order, 0, 0, visit);
  }

  // The answers chosen so far, in words, for a counterexample.
  std::string describe() const {
    std::string out;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      const Question& q = policy_.questions()[i];
      const Value& v = slots_[i].value;
      if (v.state == State::unknown && !(q.kind == QuestionKind::multi_choice && v.known)) continue;
      if (v.state == State::pending && !(q.kind == QuestionKind::multi_choice && v.known)) continue;
      std::string value;
      switch (q.kind) {
        case QuestionKind::yes_no: value = v.boolean ? "true" : "false"; break;
        case QuestionKind::choice: value = fmt::format("'{}'", q.options[v.integer].id); break;
        case QuestionKind::multi_choice: {
          std::vector<std::string> ids;
          for (std::size_t b = 0; b < q.options.size(); ++b)
            if ((v.bits >> b) & 1) ids.push_back("'" + q.options[b].id + "'");
          value = fmt::format("[{}]", fmt::join(ids, ", "));
          break;
        }
        case QuestionKind::number: value = fmt::format("{}", v.number); break;
        case QuestionKind::date: value = Date{std::chrono::sys_days{std::chrono::days{v.integer}}}.iso(); break;
        case QuestionKind::text: value = fmt::format("'{}'", slots_[i].text); break;
      }
      out += fmt::format("{}{} = {}", out.empty() ? "" : ", ", q.id, value);
    }
    return out.empty() ? "(no answers)" : out;
  }

  std::size_t states() const { return states_; }

  // The answers chosen so far, up to the numbers, dates and text lint tried: those count as one
  // class each, so dead ends that differ only in them (n = -1, 0, 1) have the same shape.
  std::string shape() const {
    std::string out;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      const Value& v = slots_[i].value;
      append(out, v.state);
      if (v.state != State::known) continue;
      switch (policy_.questions()[i].kind) {
        case QuestionKind::yes_no: append(out, v.boolean); break;
        case QuestionKind::choice: append(out, v.integer); break;
        case QuestionKind::multi_choice: append(out, v.bits); break;
        default: break;
      }
    }
    return out;
  }

  // Counts the complete answers below this node after which no action fires, reporting each one
  // found through `found`. Two nodes at the same depth whose open conditions (pending actions, and
  // the ask_if of each question still to come) have the same residual (see `signature`) have the
  // same subtree, so it is counted once and remembered: this keeps a policy of many questions with
  // local conditions, or with thresholds such as count_true(...) >= 20, polynomial instead of 2^n.
  // With `revisit`, remembered subtrees are walked again so that every dead end is reported.
  template <typename Found>
  std::size_t count_dead_ends(const std::vector<int>& order, Found& found, bool revisit) {
    std::unordered_map<std::string, Finished> memo;
    revisit_ = revisit;
    return dead_ends_below(order, 0, 0, found, memo);
  }

  // Remember the subtrees in which none of `targets` can be made true (satisfiable, witness).
  void remember_failures_of(const std::vector<const CompiledExpr*>& targets) { memo_targets_ = &targets; }

  // The shallowest position whose whole subtree the dead-end search finished (order.size() if
  // none).
  std::size_t shallowest_finished() const { return shallowest_finished_; }

  // Every question from `first` on gets its `k`-th candidate answer (the last if it has fewer),
  // where asked: "all yes", "all no", "every first option"... Returns true if no action fires.
  bool probe_dead_end(std::size_t k) {
    for (std::size_t q = 0; q < slots_.size(); ++q) {
      const Question& question = policy_.questions()[q];
      const CompiledExpr* ask_if = question.ask_if.compiled();
      const Value asked = ask_if ? eval(*ask_if) : Value::of_bool(true);
      AnswerSlot value;
      if (asked.state != State::unknown && !asked.is_false()) {
        if (question.kind == QuestionKind::multi_choice) {
          const std::size_t n = question.options.size();
          const std::uint64_t all = n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
          value.value = Value::of_set(k % 2 == 0 ? all : 0, ~std::uint64_t{0});
        } else if (!domains_.values[q].empty()) {
          value = domains_.values[q][std::min(k, domains_.values[q].size() - 1)];
        }
      }
      set(static_cast<int>(q), value);
    }
    bool dead = true;
    for (const Action& a : policy_.actions()) {
      if (!a.when.compiled()) continue;
      const Value v = eval(*a.when.compiled());
      if (v.is_true() || v.state == State::pending) dead = false;
    }
    return dead;
  }
  void reset() {
    for (std::size_t q = 0; q < slots_.size(); ++q) set(static_cast<int>(q), AnswerSlot{Value::pending(), {}});
  }

  // Where the last question answered on the current path is written (for dead-end reports).
  SourcePosition last_answered_position() const {
    for (std::size_t i = slots_.size(); i-- > 0;)
      if (slots_[i].value.state == State::known) return policy_.questions()[i].position;
    return {};
  }

 private:
  void set(int q, const AnswerSlot& value) {
    slots_[q] = value;
    facts_.invalidate();
  }

  template <typename Visit>
  bool step(const std::vector<int>& order, std::size_t pos, std::size_t bit, Visit& visit) {
    if (budget_ == 0) throw BudgetExceeded{};
    --budget_;
    ++states_;
    const Verdict verdict = visit(pos == order.size());
    if (verdict == Verdict::stop) return true;
    if (verdict == Verdict::prune || pos == order.size()) return false;
    if (!memo_targets_) return step_children(order, pos, bit, visit);
    std::string key;
    open_key(order, pos, bit, *memo_targets_, key);
    if (failed_.contains(key)) return false;
    if (step_children(order, pos, bit, visit)) return true;
    failed_.insert(std::move(key));
    return false;
  }

  template <typename Visit>
  bool step_children(const std::vector<int>& order, std::size_t pos, std::size_t bit, Visit& visit) {
    const int q = order[pos];
    const Question& question = policy_.questions()[q];
    if (bit == 0) {
      const CompiledExpr* ask_if = question.ask_if.compiled();
      const Value asked = ask_if ? eval(*ask_if) : Value::of_bool(true);
      if (!asked.is_true()) {
        set(q, AnswerSlot{});  // not asked: no answer
        const bool stop = step(order, pos + 1, 0, visit);
        set(q, AnswerSlot{Value::pending(), {}});
        // Earlier questions are decided, so `pending` here means the ask_if reads the chronology,
        // which may make it true: search the question asked as well.
        if (stop || asked.state != State::pending) return stop;
      } else if (!leave_unanswered_.empty() && leave_unanswered_[q]) {
        set(q, AnswerSlot{});
        const bool stop = step(order, pos + 1, 0, visit);
        set(q, AnswerSlot{Value::pending(), {}});
        if (stop) return true;
      }
    }
    if (question.kind == QuestionKind::multi_choice) {
      // Each option is its own yes/no decision; the set stays pending until all are made.
      const AnswerSlot saved = slots_[q];
      for (bool chosen : {true, false}) {
        AnswerSlot next = saved;
        next.value.known |= std::uint64_t{1} << bit;
        if (chosen) next.value.bits |= std::uint64_t{1} << bit;
        const bool last = bit + 1 == question.options.size();
        next.value.state = last ? State::known : State::pending;
        if (last) next.value.known = ~std::uint64_t{0};
        set(q, next);
        if (last ? step(order, pos + 1, 0, visit) : step(order, pos, bit + 1, visit)) return true;
      }
      set(q, saved);
      return false;
    }
    for (const AnswerSlot& value : domains_.values[q]) {
      set(q, value);
      if (step(order, pos + 1, 0, visit)) return true;
    }
    set(q, AnswerSlot{Value::pending(), {}});
    return false;
  }

  // Raw bytes, not text: keys are built at every node, so they must be cheap.
  template <typename T>
  static void append(std::string& key, const T& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  static void append_value(std::string& key, const Value& v) {
    append(key, v.state);
    if (v.state != State::known) return;
    append(key, v.boolean);
    append(key, v.number);
    append(key, v.integer);
    append(key, v.bits);
    append(key, v.text.size());
    key.append(v.text);
  }

  // What is left of a condition given the answers so far, as bytes: a sub-condition already
  // decided is replaced by its value, one still open keeps its shape. Two nodes whose open
  // conditions have the same residual behave alike under every way of answering the rest. The
  // arguments of count_true are summed, so a threshold over n questions has about n residuals
  // per depth instead of 2^depth.
  void signature(const CompiledExpr& e, std::uint32_t index, std::string& key) const {
    const Value v = detail::evaluate_node(e, index, env_);
    if (v.state != State::pending) {
      append_value(key, v);
      return;
    }
    const detail::Node& n = e.nodes[index];
    append(key, index);
    switch (n.op) {
      case detail::Op::question:
        append(key, v.known);  // a multiple choice part-way through its options
        append(key, v.bits);
        return;
      case detail::Op::fact: {
        const CompiledExpr& fact = *policy_.facts()[n.ref].value.compiled();
        signature(fact, fact.root, key);
        return;
      }
      case detail::Op::call:
        if (const auto& def = e.functions->functions[n.ref]; def.is_builtin() && def.info.name == "count_true") {
          std::int32_t known_true = 0;
          for (std::uint32_t child : e.children_of(n)) {
            const Value arg = detail::evaluate_node(e, child, env_);
            if (arg.state == State::pending) {
              append(key, child);
              signature(e, child, key);
            } else {
              known_true += arg.is_true();
            }
          }
          append(key, known_true);
          return;
        }
        break;
      default: break;
    }
    for (std::uint32_t child : e.children_of(n)) signature(e, child, key);
  }

  // The memo key of a node: its depth, and the residual of every condition its subtree can still
  // read: `conditions`, and the ask_if of each question from `pos` on.
  void open_key(const std::vector<int>& order, std::size_t pos, std::size_t bit,
                const std::vector<const CompiledExpr*>& conditions, std::string& key) const {
    append(key, pos);
    append(key, bit);
    for (const CompiledExpr* c : conditions) {
      append(key, c);
      signature(*c, c->root, key);
    }
    for (std::size_t p = pos; p < order.size(); ++p)
      if (const CompiledExpr* ask_if = policy_.questions()[order[p]].ask_if.compiled()) {
        append(key, p);
        signature(*ask_if, ask_if->root, key);
      }
    if (bit > 0) append_value(key, slots_[order[pos]].value);
  }

  // A finished subtree: how many dead ends it holds, and the answers of one of them.
  struct Finished {
    std::size_t count = 0;
    std::vector<AnswerSlot> example;
  };

  // Dead ends below this node; on return `example_` holds the answers of the first one.
  template <typename Found>
  std::size_t dead_ends_below(const std::vector<int>& order, std::size_t pos, std::size_t bit, Found& found,
                              std::unordered_map<std::string, Finished>& memo) {
    if (budget_ == 0) throw BudgetExceeded{};
    --budget_;
    ++states_;
    const bool leaf = pos == order.size();
    std::vector<const CompiledExpr*> open;
    for (const Action& action : policy_.actions()) {
      if (!action.when.compiled()) continue;
      const Value v = eval(*action.when.compiled());
      // At a leaf, pending means "fires for some chronology": not a dead end.
      if (v.is_true() || (leaf && v.state == State::pending)) return 0;
      if (!v.is_false()) open.push_back(action.when.compiled());
    }
    if (leaf) {
      found();
      example_ = slots_;
      return 1;
    }
    std::string key;
    open_key(order, pos, bit, open, key);
    if (const auto hit = memo.find(key); !revisit_ && hit != memo.end()) {
      // The same subtree as one already counted: its dead ends, under these earlier answers,
      // are reached by the same later answers, so one of them is reported as it stands.
      if (hit->second.count) {
        const std::vector<AnswerSlot> saved = slots_;
        for (std::size_t p = pos; p < order.size(); ++p) set(order[p], hit->second.example[order[p]]);
        found();
        example_ = slots_;
        for (std::size_t p = pos; p < order.size(); ++p) set(order[p], saved[order[p]]);
      }
      return hit->second.count;
    }

    std::size_t count = 0;
    const int q = order[pos];
    const Question& question = policy_.questions()[q];
    std::vector<AnswerSlot> example;
    auto below = [&](std::size_t next_pos, std::size_t next_bit) {
      const std::size_t n = dead_ends_below(order, next_pos, next_bit, found, memo);
      if (n && !count) example = example_;
      count += n;
    };
    bool searched = false;
    if (bit == 0) {
      const CompiledExpr* ask_if = question.ask_if.compiled();
      const Value asked = ask_if ? eval(*ask_if) : Value::of_bool(true);
      if (!asked.is_true()) {
        set(q, AnswerSlot{});
        below(pos + 1, 0);
        set(q, AnswerSlot{Value::pending(), {}});
        searched = asked.state != State::pending;
      }
    }
    if (!searched && question.kind == QuestionKind::multi_choice) {
      const AnswerSlot saved = slots_[q];
      for (bool chosen : {true, false}) {
        AnswerSlot next = saved;
        next.value.known |= std::uint64_t{1} << bit;
        if (chosen) next.value.bits |= std::uint64_t{1} << bit;
        const bool last = bit + 1 == question.options.size();
        next.value.state = last ? State::known : State::pending;
        if (last) next.value.known = ~std::uint64_t{0};
        set(q, next);
        last ? below(pos + 1, 0) : below(pos, bit + 1);
      }
      set(q, saved);
    } else if (!searched) {
      for (const AnswerSlot& value : domains_.values[q]) {
        set(q, value);
        below(pos + 1, 0);
      }
      set(q, AnswerSlot{Value::pending(), {}});
    }
    shallowest_finished_ = std::min(shallowest_finished_, pos);
    example_ = example;
    memo.emplace(std::move(key), Finished{count, std::move(example)});
    return count;
  }

  const Policy& policy_;
  const Domains& domains_;
  std::size_t& budget_;
  std::vector<AnswerSlot> slots_;
  mutable detail::FactCache facts_;
  detail::EvalEnv env_;
  std::size_t states_ = 0;
  const std::vector<const CompiledExpr*>* memo_targets_ = nullptr;
  std::unordered_set<std::string> failed_;
  bool revisit_ = false;
  std::vector<std::uint8_t> leave_unanswered_;
  std::vector<AnswerSlot> example_;
  std::size_t shallowest_finished_ = static_cast<std::size_t>(-1);
};

}  // namespace waymark::detail
