#include "action_table.h"
#include "answer_slot.h"
#include "outcome_groups.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace waymark::detail {

void fill_slot(const Question& q, const Answer& a, AnswerSlot& slot) {
  slot.text.clear();
  switch (q.kind) {
    case QuestionKind::yes_no: slot.value = Value::of_bool(a.yes); break;
    case QuestionKind::choice: slot.value = Value::of_integer(q.option_index(a.choice)); break;
    case QuestionKind::multi_choice: {
      std::uint64_t bits = 0;
      for (const auto& id : a.choices) bits |= std::uint64_t{1} << q.option_index(id);
      slot.value = Value::of_set(bits, ~std::uint64_t{0});
      break;
    }
    case QuestionKind::number: slot.value = Value::of_number(a.number); break;
    case QuestionKind::date: slot.value = Value::of_integer(a.date.days_since_epoch()); break;
    case QuestionKind::text:
      slot.text = a.text;
      slot.value = Value::of_text({});
      break;
  }
}

std::string describe_value(const Policy& policy, const Fact& fact, const Value& v) {
  if (v.state != State::known) return "not known";
  switch (fact.type) {
    case ValueType::boolean: return v.boolean ? "Yes" : "No";
    case ValueType::number: return fmt::format("{}", v.number);
    case ValueType::date: return Date{std::chrono::sys_days{std::chrono::days{v.integer}}}.iso();
    case ValueType::text: return std::string(v.text);
    case ValueType::option: {
      const int q = fact.value.compiled()->option_question;
      return q >= 0 ? policy.questions()[q].options[v.integer].text : std::to_string(v.integer);
    }
    case ValueType::option_set: {
      const int q = fact.value.compiled()->option_question;
      std::string out;
      for (std::size_t i = 0; q >= 0 && i < policy.questions()[q].options.size(); ++i)
        if ((v.bits >> i) & 1) out += (out.empty() ? "" : "; ") + policy.questions()[q].options[i].text;
      return out.empty() ? "None" : out;
    }
    case ValueType::text_list: break;
  }
  return "?";
}

namespace {

// The answers and facts behind a condition, each named once: a fact, then the answers behind
// it (a fact is only a summary). Walked with a stack rather than recursion, as facts can chain.
// A question met again adds the options it turned on; if its whole answer mattered anywhere, the
// whole answer is the reason. `not_answered` marks applicable questions without an answer.
std::vector<Because> reasons(const Policy& policy, const CompiledExpr& when, const EvalEnv& env,
                             const std::vector<std::optional<Answer>>& answers,
                             const std::vector<std::uint8_t>& not_answered) {
  std::vector<Because> out;
  constexpr std::size_t none = ~std::size_t{0};
  std::vector<std::uint8_t> fact_named(policy.facts().size(), 0), whole(policy.questions().size(), 0);
  std::vector<std::size_t> question_at(policy.questions().size(), none);  // index into out
  std::vector<Contribution> pending;                                      // the next to name is at the back
  auto push_reversed = [&](std::vector<Contribution> found) {
    pending.insert(pending.end(), found.rbegin(), found.rend());
  };
  push_reversed(explain(when, env));
  while (!pending.empty()) {
    const Contribution c = pending.back();
    pending.pop_back();
    if (c.is_fact) {
      if (std::exchange(fact_named[c.index], 1)) continue;
      const Fact& f = policy.facts()[c.index];
      Because b;
      b.is_fact = true;
      b.id = f.id;
      b.text = f.text;
      b.value = describe_value(policy, f, evaluate_fact(c.index, env));
      b.source = f.source;
      out.push_back(std::move(b));
      push_reversed(explain(*f.value.compiled(), env));
      continue;
    }
    const Question& q = policy.questions()[c.index];
    if (question_at[c.index] == none) {
      question_at[c.index] = out.size();
      const auto& a = answers[c.index];
      Because b;
      b.id = q.id;
      b.text = q.text;
      b.section = q.section;
      b.source = q.source;
      if (a) {
        b.value = describe_answer(q, *a);
      } else {
        b.no_answer = not_answered[c.index] ? NoAnswer::not_answered : NoAnswer::not_asked;
        b.value = b.no_answer == NoAnswer::not_answered ? "not answered" : "not asked";
      }
      out.push_back(std::move(b));
    }
    if (c.option < 0) {
      whole[c.index] = 1;
      continue;
    }
    Because& b = out[question_at[c.index]];
    auto& list = c.chosen ? b.chosen : b.not_chosen;
    const std::string& option = q.options[static_cast<std::size_t>(c.option)].text;
    if (std::find(list.begin(), list.end(), option) == list.end()) list.push_back(option);
  }
  for (std::size_t i = 0; i < whole.size(); ++i)
    if (whole[i] && question_at[i] != none) {
      out[question_at[i]].chosen.clear();
      out[question_at[i]].not_chosen.clear();
    }
  return out;
}

// Whether an action's condition holds, by the fastest form it was compiled to.
bool fires(const ActionTable& table, const ActionTable::Entry& entry, const EvalEnv& env) {
  if (entry.in_table)
    return holds_by_table(table.tests.data() + entry.first_test, entry.test_count, table.holds.data() + entry.first_row,
                          env);
  const TruthNode* nodes = table.nodes.data() + entry.first_node;
  if (entry.plain) return holds_plain(nodes, entry.node_count, env);
  if (entry.when->truth.empty()) return evaluate(*entry.when, env).is_true();
  return holds(*entry.when, nodes, env);
}

}  // namespace

Outcome build_outcome(const std::shared_ptr<const Policy>& policy, const EvalEnv& env, Date date,
                      const std::vector<std::optional<Answer>>& answers, const std::vector<std::size_t>& unanswered,
                      Reasons with) {
  Outcome outcome;
  outcome.policy = policy;
  outcome.date = date;
  outcome.complete = unanswered.empty();
  for (std::size_t q : unanswered) outcome.unanswered.push_back(policy->questions()[q].id);
  const ActionTable& table = policy->action_table();  // already in outcome order
  std::vector<const ActionTable::Entry*> fired;
  fired.reserve(table.entries.size());
  for (const auto& entry : table.entries) {
    if (!entry.when) continue;
    if (fires(table, entry, env)) fired.push_back(&entry);
  }
  outcome.actions.reserve(fired.size());
  std::vector<std::uint8_t> not_answered;  // for the reasons only
  if (with == Reasons::include) {
    not_answered.resize(policy->questions().size(), 0);
    for (std::size_t q : unanswered) not_answered[q] = 1;
  }
  for (const ActionTable::Entry* entry : fired) {
    const Action* action = entry->action;
    outcome.actions.push_back({action, action->urgency.due(date), {}});
    if (with == Reasons::include)
      outcome.actions.back().because = reasons(*policy, *entry->when, env, answers, not_answered);
  }
  for (const Note& note : policy->notes()) {
    const CompiledExpr* when = note.when.compiled();
    if (!when || evaluate(*when, env).is_true()) outcome.notes.push_back(&note);
  }
  place_on_pathways(outcome, env);
  group_actions(outcome);
  return outcome;
}

}  // namespace waymark::detail
