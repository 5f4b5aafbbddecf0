// What would change the advice: the smallest change of answers and chronology after which an
// action's condition flips. Lint's three-valued search (answer_search.h) decides the questions the
// condition depends on, starting from the session's own answers; changes are counted as it goes
// (a question answered otherwise, or answered for the first time, is one change; several more
// events of one kind are one change), and the bound on changes is raised one at a time, so the
// first ways found are the smallest. A shared budget of search states keeps it bounded.
#include <waymark/what_would_change.h>
#include <waymark/error.h>

#include "answer_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <set>

namespace waymark {

namespace {

using detail::AnswerSlot;
using detail::CompiledExpr;
using detail::State;
using detail::Value;

// How many changes a question's answer in the search is from the session's: a different answer is
// one, and so is each option ticked or unticked in a multiple choice (ticking two more options is
// a bigger change than ticking one, and counting them keeps the search from trying every pattern
// of options once one has changed). Leaving a question without an answer (not asked once earlier
// answers change, or still unanswered) is not a change the practitioner makes.
int change_cost(const Question& q, const AnswerSlot& now, const AnswerSlot& was) {
  const Value& v = now.value;
  const Value& w = was.value;
  if (v.state == State::unknown) return 0;
  if (q.kind == QuestionKind::multi_choice) {
    if (v.known == 0) return 0;
    if (w.state != State::known) return std::max(1, std::popcount(v.bits & v.known));
    return std::popcount((v.bits ^ w.bits) & v.known);
  }
  if (v.state == State::pending) return 0;
  if (w.state != State::known) return 1;
  switch (q.kind) {
    case QuestionKind::yes_no: return v.boolean != w.boolean;
    case QuestionKind::choice:
    case QuestionKind::date: return v.integer != w.integer;
    case QuestionKind::multi_choice: return 0;
    case QuestionKind::number: return v.number != w.number;
    case QuestionKind::text: return now.text != was.text;
  }
  return 0;
}

// The answer a (decided) slot holds; a multiple choice still part-way through keeps the session's
// choice for the options not decided yet.
Answer answer_in(const Question& q, const AnswerSlot& now, const AnswerSlot& was) {
  const Value& v = now.value;
  switch (q.kind) {
    case QuestionKind::yes_no: return Answer::of_yes_no(v.boolean);
    case QuestionKind::choice: return Answer::of_choice(q.options[static_cast<std::size_t>(v.integer)].id);
    case QuestionKind::multi_choice: {
      std::uint64_t bits = v.bits;
      if (v.state == State::pending) bits = (v.bits & v.known) | (was.value.state == State::known ? was.value.bits & ~v.known : 0);
      std::vector<std::string> ids;
      for (std::size_t b = 0; b < q.options.size(); ++b)
        if ((bits >> b) & 1) ids.push_back(q.options[b].id);
      return Answer::of_choices(std::move(ids));
    }
    case QuestionKind::number: return Answer::of_number(v.number);
    case QuestionKind::date: return Answer::of_date(Date{std::chrono::sys_days{std::chrono::days{v.integer}}});
    case QuestionKind::text: return Answer::of_text(now.text);
  }
  return {};
}

// The kinds of event a condition can count: the text arguments of the functions from outside the
// core (the only ones that read the chronology) in the condition, the facts it uses and the
// ask_if of the questions it depends on; all declared kinds when those name none.
std::vector<std::string> event_kinds_read(const Policy& policy, const CompiledExpr& target) {
  std::set<const CompiledExpr*> seen;
  std::vector<const CompiledExpr*> work{&target};
  std::set<std::string> named;
  bool reads = false;
  while (!work.empty()) {
    const CompiledExpr* e = work.back();
    work.pop_back();
    if (!e || !seen.insert(e).second) continue;
    for (int q : e->questions_used) work.push_back(policy.questions()[q].ask_if.compiled());
    for (int f : e->facts_used) work.push_back(policy.facts()[f].value.compiled());
    for (const auto& n : e->nodes) {
      if (n.op != detail::Op::call || e->functions->functions[n.ref].is_builtin()) continue;
      reads = true;
      for (std::uint32_t child : e->children_of(n))
        if (const auto& c = e->nodes[child]; c.op == detail::Op::constant && c.type == ValueType::text)
          named.emplace(e->constant_of(c).text);
    }
  }
  std::vector<std::string> out;
  if (!reads) return out;
  for (const EventKind& k : policy.event_kinds())
    if (named.contains(k.id) || named.empty()) out.push_back(k.id);
  if (policy.event_kinds().empty())
    for (const auto& text : named)
      if (is_event_kind(text)) out.push_back(text);
  return out;
}

// The case's chronology with `added[i]` more events of `kinds[i]`: one a day back from the session
// date, at the time of day of the latest timed event of that kind (patterns by time of day are
// then continued, not broken).
Chronology with_more_events(const Chronology* base, const std::vector<std::string>& kinds,
                            const std::vector<int>& added, Date date) {
  Chronology out = base ? *base : Chronology{};
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    std::optional<std::int32_t> minute;
    if (base)
      for (const Event& e : base->events())
        if (e.kind == kinds[i] && !(date < e.date) && e.minute_of_day) minute = e.minute_of_day;
    for (int n = 0; n < added[i]; ++n)
      out.add(Event{kinds[i], date.plus_days(-n), minute, {}, {}, {}, {}});
  }
  return out;
}

// The window a condition counted `kind` over, as its functions report it (the last one reported).
std::optional<CountedWindow> window_of(const Policy& policy, const CompiledExpr& when, std::vector<AnswerSlot> slots,
                                       const Chronology* chronology, Date date, const std::string& kind) {
  detail::FactCache facts;
  facts.reset(policy.facts().size());
  std::vector<CountedWindow> windows;
  detail::EvalEnv env{&policy, slots.data(), &facts, date.days_since_epoch(), chronology};
  env.windows = &windows;
  detail::evaluate(when, env);
  for (auto w = windows.rbegin(); w != windows.rend(); ++w)
    if (w->kind == kind) return *w;
  return std::nullopt;
}

class WhatIf {
 public:
  WhatIf(const Session& session, const detail::Domains& domains, const WhatIfOptions& options)
      : session_(session), policy_(session.policy()), domains_(domains), options_(options) {
    const auto& questions = policy_.questions();
    current_.resize(questions.size());
    unanswered_.assign(questions.size(), 0);
    for (std::size_t q = 0; q < questions.size(); ++q) {
      if (const Answer* a = session.answer_of(questions[q].id))
        detail::fill_slot(questions[q], *a, current_[q]);
      else
        unanswered_[q] = 1;
    }
  }

  WhatWouldChange run(const Action& action) {
    WhatWouldChange out;
    out.action = &action;
    const CompiledExpr* when = action.when.compiled();
    if (!when) return out;
    out.recommended = holds_now(*when);
    const std::vector<int> order = detail::closure(policy_, when);
    const std::vector<std::string> kinds = event_kinds_read(policy_, *when);
    out.exhaustive = !detail::has_infinite_domain(policy_, order) && kinds.empty();

    // The session's answer first, so a search that keeps it is tried before one that changes it.
    detail::Domains domains = domains_;
    for (int q : order) {
      auto& values = domains.values[q];
      const auto same = std::find_if(values.begin(), values.end(), [&](const AnswerSlot& s) {
        return change_cost(policy_.questions()[q], s, current_[q]) == 0 && s.value.state == State::known &&
               current_[q].value.state == State::known;
      });
      if (same != values.end())
        std::rotate(values.begin(), same, same + 1);
      else if (current_[q].value.state == State::known && policy_.questions()[q].kind != QuestionKind::multi_choice)
        values.insert(values.begin(), current_[q]);
    }

    std::size_t budget = options_.max_states;
    detail::Search search(policy_, domains, session_.date().days_since_epoch(), budget);
    search.leave_unanswered(unanswered_);
    std::size_t most = kinds.size();  // the most changes a way can need
    for (int q : order) {
      const Question& question = policy_.questions()[q];
      most += question.kind == QuestionKind::multi_choice ? std::max<std::size_t>(1, question.options.size()) : 1;
    }
    try {
      for (std::size_t k = 1; k <= most && out.ways.empty(); ++k) search_within(search, *when, order, kinds, k, out);
      out.status = out.ways.empty() ? WhatIfStatus::none : WhatIfStatus::found;
    } catch (const detail::BudgetExceeded&) {
      out.status = out.ways.empty() ? WhatIfStatus::not_worked_out : WhatIfStatus::found;
    } catch (const EvaluationError&) {
      // A plugin function refused the answers or events tried: say it was not worked out.
      out.status = out.ways.empty() ? WhatIfStatus::not_worked_out : WhatIfStatus::found;
    }
    out.states = options_.max_states - budget;
    return out;
  }

 private:
  bool holds_now(const CompiledExpr& when) const {
    detail::FactCache facts;
    facts.reset(policy_.facts().size());
    const detail::EvalEnv env{&policy_, current_.data(), &facts, session_.date().days_since_epoch(),
                              session_.chronology().get()};
    return detail::condition_holds(when, env);
  }

  // Every way with exactly `changes` changes: each choice of more events (a kind given more events
  // is one change), then answers within what is left.
  void search_within(detail::Search& search, const CompiledExpr& when, const std::vector<int>& order,
                     const std::vector<std::string>& kinds, std::size_t changes, WhatWouldChange& out) {
    std::vector<int> added(kinds.size(), 0);
    const auto each = [&](auto& self, std::size_t i, std::size_t used) -> void {
      if (out.ways.size() >= options_.max_ways) return;
      if (i == kinds.size()) {
        search_answers(search, when, order, kinds, added, changes - used, out);
        return;
      }
      added[i] = 0;
      self(self, i + 1, used);
      if (used < changes)
        for (int n = 1; n <= options_.max_events; ++n) {
          added[i] = n;
          self(self, i + 1, used + 1);
        }
      added[i] = 0;
    };
    each(each, 0, 0);
  }

  void search_answers(detail::Search& search, const CompiledExpr& when, const std::vector<int>& order,
                      const std::vector<std::string>& kinds, const std::vector<int>& added, std::size_t bound,
                      WhatWouldChange& out) {
    const Chronology chronology = with_more_events(session_.chronology().get(), kinds, added, session_.date());
    search.start_from(current_, order);
    search.use_chronology(&chronology);
    const auto& questions = policy_.questions();
    search.run(order, [&](bool) {
      std::size_t cost = 0;
      for (int q : order) cost += change_cost(questions[q], search.slots()[q], current_[q]);
      if (cost > bound) return detail::Verdict::prune;
      const Value v = search.eval(when);
      if (v.state == State::pending) return detail::Verdict::descend;
      // Recommended only when the condition is true: unknown removes it as surely as false.
      if (v.is_true() == out.recommended) return detail::Verdict::prune;
      add_way(when, order, kinds, added, chronology, search.slots(), out);
      return out.ways.size() >= options_.max_ways ? detail::Verdict::stop : detail::Verdict::prune;
    });
    search.use_chronology(nullptr);  // `chronology` ends here
  }

  void add_way(const CompiledExpr& when, const std::vector<int>& order, const std::vector<std::string>& kinds,
               const std::vector<int>& added, const Chronology& chronology, const std::vector<AnswerSlot>& slots,
               WhatWouldChange& out) {
    const auto& questions = policy_.questions();
    std::vector<CircumstanceChange> way;
    std::string key;  // ways that change the same questions and kinds are one way
    for (int q : order) {
      if (change_cost(questions[q], slots[q], current_[q]) == 0) continue;
      const Question& question = questions[q];
      CircumstanceChange c;
      c.question_id = question.id;
      c.question_text = question.text;
      if (const Answer* a = session_.answer_of(question.id)) {
        c.from = *a;
        c.from_words = describe_answer(question, *a);
      } else {
        c.from_missing = session_.is_applicable(question.id) ? NoAnswer::not_answered : NoAnswer::not_asked;
      }
      c.to = answer_in(question, slots[q], current_[q]);
      c.to_words = describe_answer(question, *c.to);
      key += question.id + ' ';
      way.push_back(std::move(c));
    }
    // The answers as they would stand, for the windows the functions count over.
    std::vector<AnswerSlot> settled = slots;
    for (std::size_t q = 0; q < settled.size(); ++q)
      if (settled[q].value.state == State::pending) settled[q] = current_[q];
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (!added[i]) continue;
      CircumstanceChange c;
      c.kind = CircumstanceChange::Kind::events;
      c.event_kind = kinds[i];
      const EventKind* declared = policy_.find_event_kind(kinds[i]);
      c.event_label = declared && !declared->label.empty() ? declared->label : kinds[i];
      c.events_added = added[i];
      c.window = window_of(policy_, when, settled, &chronology, session_.date(), kinds[i]);
      // The same answers with the case's own events: the same branch of the condition counts.
      if (const auto now = window_of(policy_, when, settled, session_.chronology().get(), session_.date(), kinds[i]))
        c.count_now = now->count;
      key += '#' + kinds[i];
      way.push_back(std::move(c));
    }
    if (!keys_.insert(key).second) return;
    out.ways.push_back(std::move(way));
  }

  const Session& session_;
  const Policy& policy_;
  const detail::Domains& domains_;
  const WhatIfOptions& options_;
  std::vector<AnswerSlot> current_;
  std::vector<std::uint8_t> unanswered_;
  std::set<std::string> keys_;
};

}  // namespace

WhatWouldChange what_would_change(const Session& session, std::string_view action_id, const WhatIfOptions& options) {
  const Action* action = session.policy().find_action(action_id);
  if (!action)
    throw AnswerError(std::string(action_id), fmt::format("policy '{}' has no action '{}'", session.policy().id(), action_id));
  const detail::Domains domains = detail::make_domains(session.policy(), session.date().days_since_epoch());
  return WhatIf(session, domains, options).run(*action);
}

std::vector<WhatWouldChange> what_would_change_not_recommended(const Session& session, const WhatIfOptions& options) {
  const Outcome outcome = session.outcome(Reasons::omit);
  std::set<const Action*> recommended;
  for (const auto& r : outcome.actions) recommended.insert(r.action);
  const detail::Domains domains = detail::make_domains(session.policy(), session.date().days_since_epoch());
  std::vector<WhatWouldChange> out;
  for (const Action& action : session.policy().actions())
    if (!recommended.contains(&action)) out.push_back(WhatIf(session, domains, options).run(action));
  return out;
}

}  // namespace waymark
