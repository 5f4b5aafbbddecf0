// Lint: searches answer combinations to find questions no answers reach, actions no answers fire,
// and answers after which nothing fires. The search evaluates conditions over partly chosen
// answers ("pending"): a condition already true or false under every completion prunes the
// branch, so most policies are covered exhaustively without enumerating every path.
#include <fmt/format.h>
#include <waymark/lint.h>
#include <waymark/loader.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "answer_slot.h"
#include "expr.h"
#include "function_table.h"

namespace waymark {

namespace {

using detail::AnswerSlot;
using detail::CompiledExpr;
using detail::State;
using detail::Value;

struct BudgetExceeded {};

// The answers lint tries for each question: every option for choices, and for numbers, dates and
// text the values the policy's conditions compare against (and their neighbours).
struct Domains {
  std::vector<std::vector<AnswerSlot>> values;  // per question (multi_choice handled bit by bit)
  bool approximate = false;                     // some question has an infinite domain
};

void collect_constants(const CompiledExpr& e, std::set<double>& numbers, std::set<int>& dates,
                       std::set<std::string>& texts) {
  for (const auto& n : e.nodes) {
    if (n.op != detail::Op::constant) continue;
    if (n.type == ValueType::number) numbers.insert(n.constant.number);
    if (n.type == ValueType::date) dates.insert(n.constant.integer);
    if (n.type == ValueType::text) texts.emplace(n.constant.text);
  }
  for (const auto& list : e.lists) texts.insert(list.begin(), list.end());
}

Domains make_domains(const Policy& policy, int today) {
  std::set<double> numbers{0};
  std::set<int> dates{today};
  std::set<std::string> texts{"(any other text)"};
  auto scan = [&](const Condition& c) {
    if (c.compiled()) collect_constants(*c.compiled(), numbers, dates, texts);
  };
  for (const auto& q : policy.questions()) scan(q.ask_if);
  for (const auto& f : policy.facts()) scan(f.value);
  for (const auto& a : policy.actions()) scan(a.when);
  std::set<int> date_candidates;
  for (int d : dates)
    for (int k : {-1, 0, 1}) date_candidates.insert(d + k);
  for (double c : numbers)  // "days_since(q) > 42" compares a date with a number of days
    for (double k : {-1.0, 0.0, 1.0}) date_candidates.insert(today - static_cast<int>(c + k));

  Domains out;
  for (const auto& q : policy.questions()) {
    std::vector<AnswerSlot> values;
    auto push = [&](const Answer& a) {
      AnswerSlot slot;
      detail::fill_slot(q, a, slot);
      values.push_back(std::move(slot));
    };
    switch (q.kind) {
      case QuestionKind::yes_no:
        push(Answer::of_yes_no(true));
        push(Answer::of_yes_no(false));
        break;
      case QuestionKind::choice:
        for (const auto& o : q.options) push(Answer::of_choice(o.id));
        break;
      case QuestionKind::multi_choice: break;
      case QuestionKind::number: {
        out.approximate = true;
        std::set<double> candidates;
        for (double c : numbers)
          for (double k : {-1.0, 0.0, 1.0}) candidates.insert(c + k);
        if (q.min) candidates.insert(*q.min);
        if (q.max) candidates.insert(*q.max);
        for (double c : candidates)
          if ((!q.min || c >= *q.min) && (!q.max || c <= *q.max)) push(Answer::of_number(c));
        break;
      }
      case QuestionKind::date:
        out.approximate = true;
        for (int d : date_candidates) push(Answer::of_date(Date{std::chrono::sys_days{std::chrono::days{d}}}));
        break;
      case QuestionKind::text:
        out.approximate = true;
        for (const auto& t : texts) push(Answer::of_text(t));
        break;
    }
    out.values.push_back(std::move(values));
  }
  return out;
}

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
  std::vector<AnswerSlot> example_;
  std::size_t shallowest_finished_ = static_cast<std::size_t>(-1);
};

// The questions a condition depends on, directly, through facts, and through the ask_if of each.
std::vector<int> closure(const Policy& policy, const CompiledExpr* start) {
  std::set<int> questions;
  std::set<int> facts_seen;
  std::vector<const CompiledExpr*> work{start};
  while (!work.empty()) {
    const CompiledExpr* e = work.back();
    work.pop_back();
    if (!e) continue;
    for (int q : e->questions_used)
      if (questions.insert(q).second) work.push_back(policy.questions()[q].ask_if.compiled());
    for (int f : e->facts_used)
      if (facts_seen.insert(f).second) work.push_back(policy.facts()[f].value.compiled());
  }
  return {questions.begin(), questions.end()};
}

bool has_infinite_domain(const Policy& policy, const std::vector<int>& questions) {
  return std::any_of(questions.begin(), questions.end(), [&](int q) {
    const auto kind = policy.questions()[q].kind;
    return kind == QuestionKind::number || kind == QuestionKind::date || kind == QuestionKind::text;
  });
}

enum class Found { yes, no, unknown };

// Is there any answers under which `target` is true? Searches only what it depends on.
Found satisfiable(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                  const CompiledExpr& target) {
  const std::size_t reserve = budget;
  std::size_t local = std::min<std::size_t>(budget, 200'000);
  Search search(policy, domains, today, local);
  const std::vector<const CompiledExpr*> targets{&target};
  search.remember_failures_of(targets);
  try {
    const bool found = search.run(closure(policy, &target), [&](bool leaf) {
      const Value v = search.eval(target);
      // Pending once every answer is chosen: it hangs on the chronology, which could make it true.
      if (leaf && v.state == State::pending) return Verdict::stop;
      return v.is_true() ? Verdict::stop : v.is_false() ? Verdict::prune : Verdict::descend;
    });
    budget = reserve - search.states();
    return found ? Found::yes : Found::no;
  } catch (const BudgetExceeded&) {
    budget = reserve - search.states();
    return Found::unknown;
  }
}

// Answers under which every target is true (in words), nothing if there are none, or an empty
// string if the search ran out of budget. Searches only what the targets depend on.
std::optional<std::string> witness(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                                   const std::vector<const CompiledExpr*>& targets, bool& undecided) {
  std::set<int> questions;
  for (const CompiledExpr* t : targets)
    for (int q : closure(policy, t)) questions.insert(q);
  const std::size_t reserve = budget;
  std::size_t local = std::min<std::size_t>(budget, 200'000);
  Search search(policy, domains, today, local);
  search.remember_failures_of(targets);
  std::optional<std::string> found;
  try {
    search.run({questions.begin(), questions.end()}, [&](bool) {
      bool all = true;
      for (const CompiledExpr* t : targets) {
        const Value v = search.eval(*t);
        if (v.is_false()) return Verdict::prune;
        all &= v.is_true();
      }
      if (!all) return Verdict::descend;
      found = search.describe();
      return Verdict::stop;
    });
  } catch (const BudgetExceeded&) {
    undecided = true;
  }
  budget = reserve - search.states();
  return found;
}

// Declared conflicts (`conflicts_with`): answers that fire both actions, each pair reported once.
void check_conflicts(const Policy& policy, const Domains& domains, int today, std::size_t& budget, bool& undecided,
                     std::vector<Diagnostic>& out) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const Action& a : policy.actions())
    for (const auto& other_id : a.conflicts_with) {
      const Action* b = policy.find_action(other_id);
      if (!b || !a.when.compiled() || !b->when.compiled()) continue;
      if (!seen.insert(std::minmax(a.id, b->id)).second) continue;
      const auto example = witness(policy, domains, today, budget, {a.when.compiled(), b->when.compiled()}, undecided);
      if (example)
        out.push_back(
            {Severity::error, policy.origin(), a.position,
             fmt::format("actions '{}' and '{}' conflict but both fire after these answers: {}", a.id, b->id, *example),
             ""});
    }
}

// `waymark new` writes "Replace with ..." where the board's own words belong; a policy still
// holding one is not ready to publish, though it loads and its tests pass.
constexpr std::string_view placeholder = "Replace with";

void warn_placeholders(const Policy& policy, const std::function<void(SourcePosition, std::string)>& warn) {
  const auto check = [&](SourcePosition at, std::string_view what, std::initializer_list<std::string_view> texts) {
    std::vector<std::string_view> found;
    for (const std::string_view text : texts)
      if (text.find(placeholder) != std::string_view::npos) found.push_back(text);
    if (!found.empty())
      warn(at, fmt::format("{} still holds {} placeholder{} from `waymark new` (\"{}\"): write the policy's own "
                           "words",
                           what, found.size(), found.size() == 1 ? "" : "s", found.front()));
  };
  const PolicyInfo& info = policy.info();
  std::string sources;
  for (const auto& source : info.sources) sources += source;
  check({}, "[policy]", {info.title, info.owner, info.applies_to, info.summary, sources});
  for (const Role& role : policy.roles()) check({}, fmt::format("role '{}'", role.id), {role.title});
  for (const Question& q : policy.questions()) {
    std::string options;
    for (const Option& option : q.options) options += option.text;
    check(q.position, fmt::format("question '{}'", q.id), {q.text, q.help, q.section, q.source, options});
  }
  for (const Fact& f : policy.facts()) check(f.position, fmt::format("fact '{}'", f.id), {f.text, f.source});
  for (const Action& a : policy.actions())
    check(a.position, fmt::format("action '{}'", a.id), {a.text, a.why, a.record, a.timescale, a.section, a.source});
  for (const Note& n : policy.notes()) check(n.position, fmt::format("note '{}'", n.id), {n.text, n.source});
}

// Pathways: every step can be the current one (its condition holds and no later step's does),
// and each of its actions can fire while the case is at that step, so the ladder never hides a
// step and never shows a step's action while the case has not reached it.
void check_pathways(const Policy& policy, const Domains& domains, int today, std::size_t& budget,
                    std::vector<std::string>& unsettled, std::vector<Diagnostic>& out) {
  for (const Pathway& p : policy.pathways())
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
      const PathwayStep& step = p.steps[i];
      const CompiledExpr* current = step.is_current.compiled();
      if (!current) continue;
      const Found found = satisfiable(policy, domains, today, budget, *current);
      if (found == Found::unknown) {
        unsettled.push_back(fmt::format("whether step '{}' of pathway '{}' can be reached", step.id, p.id));
        continue;
      }
      if (found == Found::no) {
        out.push_back({Severity::error, policy.origin(), step.position,
                       fmt::format("step '{}' of pathway '{}' can never be the current step: no answers make its "
                                   "'when' true ({}) while every later step's is false; put the steps in the order "
                                   "the case reaches them",
                                   step.id, p.id, step.when.text()),
                       ""});
        continue;
      }
      for (const auto& id : step.actions) {
        const Action* a = policy.find_action(id);
        if (!a || !a->when.compiled()) continue;
        bool undecided = false;
        const auto example = witness(policy, domains, today, budget, {current, a->when.compiled()}, undecided);
        if (undecided)
          unsettled.push_back(fmt::format("whether action '{}' can fire at step '{}'", id, step.id));
        else if (!example)
          out.push_back({Severity::error, policy.origin(), step.position,
                         fmt::format("action '{}' of step '{}' (pathway '{}') never fires while the case is at that "
                                     "step: no answers make both its 'when' ({}) and the step's true",
                                     id, step.id, p.id, a->when.text()),
                         ""});
      }
    }
}

LintReport search_policy(const Policy& policy, const LintOptions& options) {
  LintReport report;
  const std::string file = policy.origin();
  const int today = options.today.days_since_epoch();
  auto add = [&](Severity severity, SourcePosition at, std::string message) {
    report.diagnostics.push_back({severity, file, at, std::move(message), ""});
  };
  if (policy.overdue_for_review(options.today))
    add(Severity::warning, {},
        fmt::format("the review-by date {} has passed: the policy is due for review", policy.info().review_by.iso()));
  warn_placeholders(policy, [&](SourcePosition at, std::string message) { add(Severity::warning, at, message); });
  // A quoted passage nothing cites is never shown: a misspelt id in `cites` fails to load, and one
  // left out of every `cites` is found here.
  for (const SourceQuote& quote : policy.source_quotes()) {
    const auto cites = [&](const auto& items) {
      return std::any_of(items.begin(), items.end(), [&](const auto& item) {
        return std::find(item.cites.begin(), item.cites.end(), quote.id) != item.cites.end();
      });
    };
    if (!cites(policy.questions()) && !cites(policy.actions()))
      add(Severity::warning, quote.position,
          fmt::format("[[source]] '{}' is cited by no question or action (add its id to their `cites`)", quote.id));
  }

  const Domains domains = make_domains(policy, today);
  std::size_t budget = options.max_states;
  std::vector<std::string> unsettled;  // the checks the budget did not let lint finish

  for (const Question& q : policy.questions()) {
    const CompiledExpr* ask_if = q.ask_if.compiled();
    if (!ask_if) continue;
    const Found found = satisfiable(policy, domains, today, budget, *ask_if);
    const bool approximate = has_infinite_domain(policy, closure(policy, ask_if));
    if (found == Found::no)
      add(approximate ? Severity::warning : Severity::error, q.position,
          fmt::format("question '{}' can never be asked: no answers make its ask_if true ({}){}", q.id, q.ask_if.text(),
                      approximate ? " among the values lint tried" : ""));
    if (found == Found::unknown) unsettled.push_back(fmt::format("whether question '{}' can be asked", q.id));
  }
  for (const Action& a : policy.actions()) {
    const CompiledExpr* when = a.when.compiled();
    if (!when) continue;
    const Found found = satisfiable(policy, domains, today, budget, *when);
    const bool approximate = has_infinite_domain(policy, closure(policy, when));
    if (found == Found::no)
      add(approximate ? Severity::warning : Severity::error, a.position,
          fmt::format("action '{}' can never fire: no answers make its 'when' true ({}){}", a.id, a.when.text(),
                      approximate ? " among the values lint tried" : ""));
    if (found == Found::unknown) unsettled.push_back(fmt::format("whether action '{}' can fire", a.id));
  }

  check_pathways(policy, domains, today, budget, unsettled, report.diagnostics);

  bool conflicts_undecided = false;
  check_conflicts(policy, domains, today, budget, conflicts_undecided, report.diagnostics);
  if (conflicts_undecided) unsettled.push_back("whether declared conflicts can both fire");

  // Dead ends: complete answers after which no action fires. A branch where some action is
  // already certain to fire cannot hold one, so it is cut.
  std::vector<int> all(policy.questions().size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  struct DeadEnd {
    std::string answers;
    SourcePosition at;
    std::string shape;  // the yes/no and choice answers, and which other questions were answered
  };
  std::vector<DeadEnd> dead;
  const std::size_t keep = options.all_dead_ends ? options.max_states : 10'000;
  std::size_t local = budget;
  Search search(policy, domains, today, local);
  bool complete_search = true;
  std::size_t dead_ends = 0;
  auto record = [&] {
    if (dead.size() < keep) dead.push_back({search.describe(), search.last_answered_position(), search.shape()});
  };
  try {
    dead_ends = search.count_dead_ends(all, record, options.all_dead_ends);
  } catch (const BudgetExceeded&) {
    complete_search = false;
    // The search ran out before finishing: the extremes (all yes, all no, every first option...)
    // are tried on their own, so an obvious dead end is reported however large the policy is.
    std::size_t widest = 0;
    for (const auto& values : domains.values) widest = std::max(widest, values.size());
    std::size_t probe_budget = 1'000'000;
    Search probe(policy, domains, today, probe_budget);
    std::set<std::string> seen;
    for (const auto& d : dead) seen.insert(d.answers);
    for (std::size_t k = 0; k < std::max<std::size_t>(widest, 2); ++k) {
      if (probe.probe_dead_end(k) && seen.insert(probe.describe()).second)
        dead.push_back({probe.describe(), probe.last_answered_position(), probe.shape()});
      probe.reset();
    }
    dead_ends = dead.size();
  }

  // Structurally distinct dead ends first: ones that differ in a yes/no or choice answer (or in
  // which questions were asked), not only in a number, date or text lint tried.
  std::vector<const DeadEnd*> ordered;
  std::set<std::string> shapes;
  for (const auto& d : dead)
    if (shapes.insert(d.shape).second) ordered.push_back(&d);
  const std::size_t distinct = ordered.size();
  for (const auto& d : dead)
    if (std::find(ordered.begin(), ordered.end(), &d) == ordered.end()) ordered.push_back(&d);
  const std::size_t shown = options.all_dead_ends ? ordered.size() : std::min<std::size_t>(3, distinct);
  for (std::size_t i = 0; i < shown; ++i)
    add(Severity::warning, ordered[i]->at, fmt::format("no action fires after these answers: {}", ordered[i]->answers));
  if (dead_ends > shown) {
    const std::size_t more_distinct = distinct > shown ? distinct - shown : 0;
    add(Severity::warning, {},
        fmt::format("{} more combinations of answers after which no action fires{}", dead_ends - shown,
                    options.all_dead_ends ? ""
                    : more_distinct
                        ? fmt::format(" ({} more of them differ from those shown in a yes/no or choice answer; "
                                      "`waymark lint --all-dead-ends` lists every one)",
                                      more_distinct)
                        : " (they differ from those shown only in numbers, dates or text; `waymark lint "
                          "--all-dead-ends` lists every one)"));
  }

  if (!complete_search) {
    const std::size_t from = search.shallowest_finished();
    std::string covered = from >= all.size()
                              ? "no subtree was finished"
                              : fmt::format(
                                    "every combination of the last {} question(s) "
                                    "({} to {}) was covered under the earlier "
                                    "answers it reached",
                                    all.size() - from, policy.questions()[from].id, policy.questions().back().id);
    unsettled.push_back(
        fmt::format("which answers leave nothing to do ({}; then all-first, all-last and each k-th "
                    "candidate answer were tried "
                    "for every question, e.g. all yes and all no)",
                    covered));
  }
  report.exhaustive = complete_search && unsettled.empty();
  const std::string method = domains.approximate
                                 ? "number, date and text answers were tried at the values the conditions compare "
                                   "them with"
                                 : "every yes/no, choice and multiple-choice answer was covered";
  if (report.exhaustive)
    report.summary = fmt::format("checked exhaustively ({} search states; {})", search.states(), method);
  else
    report.summary = fmt::format(
        "NOT checked exhaustively within {} search states: lint could not settle {} (the other "
        "checks are complete)",
        options.max_states, fmt::join(unsettled, "; "));
  return report;
}

}  // namespace

LintReport lint_policy(const Policy& policy, const LintOptions& options) {
  try {
    return search_policy(policy, options);
  } catch (const EvaluationError& e) {
    // A plugin function failed on answers lint tried: report it rather than stop.
    LintReport report;
    report.diagnostics.push_back({Severity::error, policy.origin(), {}, e.what(), ""});
    report.exhaustive = false;
    report.summary = "NOT checked: a plugin function failed while lint evaluated the conditions";
    return report;
  }
}

LintReport lint_policy_file(const std::filesystem::path& path, const LintOptions& options,
                            const FunctionRegistry& functions) {
  LoadResult loaded = try_load_policy_file(path, functions);
  if (!loaded) {
    LintReport report;
    report.diagnostics = std::move(loaded.diagnostics);
    report.exhaustive = false;
    return report;
  }
  LintReport report = lint_policy(*loaded.policy, options);
  report.diagnostics.insert(report.diagnostics.begin(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  // Show the line each finding points at, as load errors do.
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  for (auto& d : report.diagnostics)
    if (d.excerpt.empty() && d.position.line > 0 && d.position.line <= lines.size())
      d.excerpt = lines[d.position.line - 1];
  return report;
}

}  // namespace waymark
