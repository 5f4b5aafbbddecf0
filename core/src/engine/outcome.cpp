#include "action_table.h"
#include "answer_slot.h"
#include "outcome_groups.h"
#include "reasons.h"
#include "thread_scratch.h"

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

// Whether an action's condition holds, by the fastest form it was compiled to.
// `codes`: those of table.distinct_tests for these answers.
bool fires(const ActionTable& table, const ActionTable::Entry& entry, const EvalEnv& env, const std::uint8_t* codes) {
  if (entry.in_table)
    return holds_by_table(table.test_index.data() + entry.first_test, entry.test_count,
                          table.holds.data() + entry.first_row, codes);
  const TruthNode* nodes = table.nodes.data() + entry.first_node;
  if (entry.plain) return holds_plain(nodes, entry.node_count, env);
  if (entry.when->truth.empty()) return evaluate(*entry.when, env).is_true();
  return holds(*entry.when, nodes, env);
}

// Lists reused from outcome to outcome on a thread (a batch builds one after another).
struct OutcomeScratch {
  std::vector<std::uint32_t> fired;
  std::vector<std::uint8_t> not_answered;
  PlaceMarks places;
};

}  // namespace

void find_fired(const ActionTable& table, const EvalEnv& env, std::vector<std::uint32_t>& fired) {
  // Lent, not thread_local: a plugin's function may evaluate again while these are being found.
  ThreadScratch<std::vector<std::uint8_t>> lent_codes;
  std::vector<std::uint8_t>& codes = *lent_codes;
  codes.resize(table.distinct_tests.size());
  test_codes(table.distinct_tests.data(), codes.size(), env, codes.data());
  fired.clear();
  for (std::uint32_t at = 0; at < table.entries.size(); ++at) {
    const ActionTable::Entry& entry = table.entries[at];
    if (entry.when && fires(table, entry, env, codes.data())) fired.push_back(at);
  }
}

bool note_applies(const Note& note, const EvalEnv& env) {
  const CompiledExpr* when = note.when.compiled();
  return !when || evaluate(*when, env).is_true();
}

Outcome build_outcome(const std::shared_ptr<const Policy>& policy, const EvalEnv& env, Date date,
                      const std::vector<std::optional<Answer>>& answers, const std::vector<std::size_t>& unanswered,
                      Reasons with) {
  Outcome outcome;
  outcome.policy = policy;
  outcome.date = date;
  outcome.complete = unanswered.empty();
  outcome.reasons = with;
  for (std::size_t q : unanswered) outcome.unanswered.push_back(policy->questions()[q].id);
  const ActionTable& table = policy->action_table();  // already in outcome order
  ThreadScratch<OutcomeScratch> scratch;
  std::vector<std::uint32_t>& fired = scratch->fired;
  find_fired(table, env, fired);
  outcome.actions.reserve(fired.size());
  for (std::uint32_t at : fired) {
    // Field by field: a Recommendation made on the stack and copied in was read back before its
    // due date's last byte had landed, a stall that took most of an outcome of many actions.
    Recommendation& r = outcome.actions.emplace_back();
    r.action = table.entries[at].action;
    r.due = r.action->urgency.due(date);
  }
  if (with == Reasons::include) {
    std::vector<std::uint8_t>& not_answered = scratch->not_answered;
    not_answered.assign(policy->questions().size(), 0);
    for (std::size_t q : unanswered) not_answered[q] = 1;
    ReasonWriter reasons(*policy, env, answers, not_answered);
    for (std::size_t i = 0; i < fired.size(); ++i) {
      const ActionTable::Entry& entry = table.entries[fired[i]];
      outcome.actions[i].because = reasons(*entry.when, table.nodes.data() + entry.first_node, entry.node_count);
    }
  }
  for (const Note& note : policy->notes())
    if (note_applies(note, env)) outcome.notes.push_back(&note);
  scratch->places.clear();
  mark_pathway_places(*policy, env, scratch->places);
  add_places(*policy, scratch->places, 0, scratch->places.places.size(), outcome.pathways);
  group_actions(outcome);
  return outcome;
}

}  // namespace waymark::detail
