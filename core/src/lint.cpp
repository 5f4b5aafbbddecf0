// Lint: searches answer combinations to find questions no answers reach, actions no answers fire,
// and answers after which nothing fires. The search evaluates conditions over partly chosen
// answers ("pending"): a condition already true or false under every completion prunes the
// branch, so most policies are covered exhaustively without enumerating every path.
#include "answer_slot.h"
#include "expr.h"

#include <waymark/lint.h>
#include <waymark/loader.h>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <unordered_map>

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
      case QuestionKind::yes_no: push(Answer::of_yes_no(true)); push(Answer::of_yes_no(false)); break;
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

  // Counts the complete answers below this node after which no action fires, reporting each one
  // found through `found`. Two nodes at the same depth whose answers agree on every question an
  // open condition (a pending action, or the ask_if of a question still to come) reads have the
  // same subtree, so it is counted once and remembered: this keeps a policy of many questions
  // with local conditions polynomial instead of 2^n.
  template <typename Found>
  std::size_t count_dead_ends(const std::vector<int>& order, const std::vector<std::vector<int>>& action_reads,
                              const std::vector<std::vector<int>>& ask_if_reads_from, Found& found) {
    std::unordered_map<std::string, std::size_t> memo;
    return dead_ends_below(order, 0, 0, action_reads, ask_if_reads_from, found, memo);
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

  // The answers to `questions`, exactly, as part of a memo key.
  // Raw bytes, not text: the key is built at every node, so it must be cheap.
  template <typename T>
  static void append(std::string& key, const T& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void key_of(const std::set<int>& questions, std::string& key) const {
    for (int q : questions) {
      const AnswerSlot& slot = slots_[q];
      const Value& v = slot.value;
      append(key, q);
      append(key, v.state);
      append(key, v.boolean);
      append(key, v.number);
      append(key, v.integer);
      append(key, v.bits);
      append(key, v.known);
      key += slot.text;
      key += '\0';
    }
  }

  template <typename Found>
  std::size_t dead_ends_below(const std::vector<int>& order, std::size_t pos, std::size_t bit,
                              const std::vector<std::vector<int>>& action_reads,
                              const std::vector<std::vector<int>>& ask_if_reads_from, Found& found,
                              std::unordered_map<std::string, std::size_t>& memo) {
    if (budget_ == 0) throw BudgetExceeded{};
    --budget_;
    ++states_;
    const bool leaf = pos == order.size();
    std::string key;
    append(key, pos);
    append(key, bit);
    std::set<int> reads;
    const auto& actions = policy_.actions();
    for (std::size_t a = 0; a < actions.size(); ++a) {
      if (!actions[a].when.compiled()) continue;
      const Value v = eval(*actions[a].when.compiled());
      // At a leaf, pending means "fires for some chronology": not a dead end.
      if (v.is_true() || (leaf && v.state == State::pending)) return 0;
      if (!v.is_false()) {
        append(key, a);
        reads.insert(action_reads[a].begin(), action_reads[a].end());
      }
    }
    if (leaf) {
      found();
      return 1;
    }
    reads.insert(ask_if_reads_from[pos].begin(), ask_if_reads_from[pos].end());
    reads.insert(order[pos]);  // a multiple choice part-way through its options
    key_of(reads, key);
    if (const auto hit = memo.find(key); hit != memo.end()) return hit->second;

    std::size_t count = 0;
    const int q = order[pos];
    const Question& question = policy_.questions()[q];
    auto below = [&](std::size_t next_pos, std::size_t next_bit) {
      count += dead_ends_below(order, next_pos, next_bit, action_reads, ask_if_reads_from, found, memo);
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
    memo.emplace(std::move(key), count);
    return count;
  }

  const Policy& policy_;
  const Domains& domains_;
  std::size_t& budget_;
  std::vector<AnswerSlot> slots_;
  mutable detail::FactCache facts_;
  detail::EvalEnv env_;
  std::size_t states_ = 0;
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
        out.push_back({Severity::error, policy.origin(), a.position,
                       fmt::format("actions '{}' and '{}' conflict but both fire after these answers: {}", a.id, b->id,
                                   *example),
                       ""});
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
    add(Severity::warning, {}, fmt::format("the review-by date {} has passed: the policy is due for review",
                                           policy.info().review_by.iso()));

  const Domains domains = make_domains(policy, today);
  std::size_t budget = options.max_states;
  bool undecided = false;

  for (const Question& q : policy.questions()) {
    const CompiledExpr* ask_if = q.ask_if.compiled();
    if (!ask_if) continue;
    const Found found = satisfiable(policy, domains, today, budget, *ask_if);
    const bool approximate = has_infinite_domain(policy, closure(policy, ask_if));
    if (found == Found::no)
      add(approximate ? Severity::warning : Severity::error, q.position,
          fmt::format("question '{}' can never be asked: no answers make its ask_if true ({}){}", q.id, q.ask_if.text(),
                      approximate ? " among the values lint tried" : ""));
    undecided |= found == Found::unknown;
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
    undecided |= found == Found::unknown;
  }

  check_conflicts(policy, domains, today, budget, undecided, report.diagnostics);

  // Dead ends: complete answers after which no action fires. A branch where some action is
  // already certain to fire cannot hold one, so it is cut.
  std::vector<int> all(policy.questions().size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  constexpr std::size_t shown = 3;
  std::size_t reported = 0;
  // What each action's condition reads, and what the ask_ifs of the questions from each position on read.
  std::vector<std::vector<int>> action_reads;
  for (const Action& a : policy.actions()) action_reads.push_back(closure(policy, a.when.compiled()));
  std::vector<std::vector<int>> ask_if_reads_from(all.size() + 1);
  for (std::size_t pos = all.size(); pos-- > 0;) {
    std::set<int> reads(ask_if_reads_from[pos + 1].begin(), ask_if_reads_from[pos + 1].end());
    for (int q : closure(policy, policy.questions()[all[pos]].ask_if.compiled())) reads.insert(q);
    ask_if_reads_from[pos] = {reads.begin(), reads.end()};
  }
  std::size_t local = budget;
  Search search(policy, domains, today, local);
  bool complete_search = true;
  std::size_t dead_ends = 0;
  try {
    auto found = [&] {
      if (++reported <= shown)
        add(Severity::warning, search.last_answered_position(),
            fmt::format("no action fires after these answers: {}", search.describe()));
    };
    dead_ends = search.count_dead_ends(all, action_reads, ask_if_reads_from, found);
  } catch (const BudgetExceeded&) {
    complete_search = false;
    dead_ends = reported;
  }
  const std::size_t listed = std::min(reported, shown);
  if (dead_ends > listed)
    add(Severity::warning, {},
        fmt::format("{} more combinations of answers after which no action fires", dead_ends - listed));

  report.exhaustive = complete_search && !undecided;
  const std::string method = domains.approximate
                                 ? "number, date and text answers were tried at the values the conditions compare "
                                   "them with"
                                 : "every yes/no, choice and multiple-choice answer was covered";
  if (report.exhaustive)
    report.summary = fmt::format("checked exhaustively ({} search states; {})", search.states(), method);
  else
    report.summary = fmt::format(
        "NOT checked exhaustively: the policy is too large to search within {} states; the checks above cover only "
        "the combinations visited",
        options.max_states);
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
    if (d.excerpt.empty() && d.position.line > 0 && d.position.line <= lines.size()) d.excerpt = lines[d.position.line - 1];
  return report;
}

}  // namespace waymark
