#include "answer_search.h"

#include <waymark/answer.h>

#include <set>

namespace waymark::detail {

namespace {

void collect_constants(const CompiledExpr& e, std::set<double>& numbers, std::set<int>& dates,
                       std::set<std::string>& texts) {
  for (const auto& n : e.nodes) {
    if (n.op != detail::Op::constant) continue;
    const Value& value = e.constant_of(n);
    if (n.type == ValueType::number) numbers.insert(value.number);
    if (n.type == ValueType::date) dates.insert(value.integer);
    if (n.type == ValueType::text) texts.emplace(value.text);
  }
  for (const auto& list : e.lists) texts.insert(list.begin(), list.end());
}

}  // namespace

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

}  // namespace waymark::detail
