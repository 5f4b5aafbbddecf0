#include "action_table.h"
#include "answer_slot.h"
#include "firing.h"
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

bool fill_common_slot(const Question& q, const Answer& a, AnswerSlot& slot) {
  if (a.kind != q.kind) return false;
  if (q.kind == QuestionKind::yes_no) {
    slot.text.clear();
    slot.value = Value::of_bool(a.yes);
    return true;
  }
  if (q.kind != QuestionKind::choice) return false;
  const int option = q.option_index(a.choice);
  if (option < 0) return false;
  slot.text.clear();
  slot.value = Value::of_integer(option);
  return true;
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

// Lists reused from outcome to outcome on a thread (a batch builds one after another).
struct OutcomeScratch {
  std::vector<const ActionTable::Entry*> fired;
  std::vector<std::uint8_t> fired_rows;  // each fired action's firing_row
  std::vector<std::uint8_t> not_answered;
  std::vector<std::uint8_t> test_codes;
  std::vector<std::uint32_t> reason_ends;
  PlaceMarks places;
};

}  // namespace

bool note_applies(const Note& note, const EvalEnv& env) {
  const CompiledExpr* when = note.when.compiled();
  return !when || condition_holds(*when, env);
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
  std::vector<const ActionTable::Entry*>& fired = scratch->fired;
  std::vector<std::uint8_t>& rows = scratch->fired_rows;
  fired.clear();
  rows.clear();
  for_each_fired(table, env, scratch->test_codes,
                 [&](std::uint32_t, const ActionTable::Entry& entry, std::uint8_t row) {
                   fired.push_back(&entry);
                   rows.push_back(row);
                 });
  outcome.actions.reserve(fired.size());
  for (const ActionTable::Entry* entry : fired) {
    // Field by field: a Recommendation made on the stack and copied in was read back before its
    // due date's last byte had landed, a stall that took most of an outcome of many actions.
    Recommendation& r = outcome.actions.emplace_back();
    r.action = entry->action;
    r.due = entry->action->urgency.due(date);
  }
  if (with == Reasons::include) {
    std::vector<std::uint8_t>& not_answered = scratch->not_answered;
    not_answered.assign(policy->questions().size(), 0);
    for (std::size_t q : unanswered) not_answered[q] = 1;
    auto store = std::make_shared<ReasonStore>();
    ReasonWriter reasons(*policy, env, answers, not_answered, *store);
    std::vector<std::uint32_t>& ends = scratch->reason_ends;
    ends.clear();
    // Room enough, mostly, not to move the reasons made while growing: most conditions name a few
    // answers, and few outcomes name every question.
    store->order.reserve(fired.size() * 4);
    store->made.reserve(std::min(policy->questions().size() + policy->facts().size(), fired.size() * 2 + 8));
    for (std::size_t i = 0; i < fired.size(); ++i) {
      reasons(table, *fired[i], rows[i], scratch->test_codes.data());
      ends.push_back(static_cast<std::uint32_t>(store->order.size()));
    }
    attach_reasons(outcome, std::move(store), ends);
  }
  for (const Note& note : policy->notes())
    if (note_applies(note, env)) outcome.notes.push_back(&note);
  scratch->places.clear();
  mark_pathway_places(*policy, env, scratch->places);
  add_places(*policy, scratch->places, outcome.pathways);
  group_actions(outcome);
  return outcome;
}

}  // namespace waymark::detail
