// Turns the actions that fire into an outcome a practitioner can act on: where the case is on each
// pathway, what comes next if nothing changes, and which few steps to do now.
#include "outcome_groups.h"

#include "action_table.h"
#include "thread_scratch.h"

#include <algorithm>
#include <optional>

namespace waymark {

std::string_view heading(OutcomeGroup group) {
  switch (group) {
    case OutcomeGroup::do_now: return "Do now";
    case OutcomeGroup::also_recommended: return "Also recommended";
    case OutcomeGroup::keep_in_mind: return "Keep in mind";
  }
  return "?";
}

namespace detail {

namespace {

// When the next step follows: the source's words for the move, else its actions' timescales.
std::string next_step_timescale(const PathwayStep& previous, const std::vector<const Action*>& actions) {
  if (!previous.later.empty()) return previous.later;
  std::vector<std::string> labels;
  for (const Action* a : actions) {
    std::string label = a->urgency.label();
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(std::move(label));
  }
  std::string out;
  for (const auto& label : labels) out += (out.empty() ? "" : "; ") + label;
  return out;
}

// The answers as they may stand once the case has moved on. What the current step works on may
// still change (the single-agency approach may stop working), and so may a "no", an unanswered
// question, a choice, a number, a date or a text ("not yet" becomes "yes", "accepted" becomes
// "still declining"), and events may be added. A "yes" to anything else, or an option chosen, is
// a circumstance of the case that holds: Children's Social Care already involved stays involved.
struct LaterAnswers {
  // Lent per thread (ThreadScratch), as evaluate's is: a copy of every answer is the size of the
  // policy, and allocating it for each outcome was a visible share of a batch's time.
  struct Scratch {
    std::vector<AnswerSlot> slots;
    FactCache facts;
  };

  std::vector<AnswerSlot>& slots;
  FactCache& facts;
  EvalEnv env;

  // `live`: the questions the current step works on (ActionTable::step_reads).
  LaterAnswers(const EvalEnv& now, const std::vector<std::uint8_t>& live, Scratch& scratch)
      : slots(scratch.slots), facts(scratch.facts) {
    const Policy& policy = *now.policy;
    const auto& questions = policy.questions();
    slots.assign(now.answers, now.answers + questions.size());
    for (std::size_t q = 0; q < slots.size(); ++q) {
      Value& v = slots[q].value;
      if (!live[q] && questions[q].kind == QuestionKind::multi_choice && v.state == State::known) {
        v = Value::of_set(v.bits, v.bits);  // the options chosen are decided; the rest may follow
        v.state = State::pending;
      } else if (live[q] || !v.is_true()) {
        slots[q] = AnswerSlot{Value::pending(), {}};
      }
    }
    facts.reset(policy.facts().size());
    env = now;
    env.answers = slots.data();
    env.facts = &facts;
    env.chronology_open = true;
    env.windows = nullptr;
  }

  // False only when the answers that hold rule the condition out whatever else happens.
  bool possible(const CompiledExpr* when) const { return !when || !evaluate(*when, env).is_false(); }
};

// group_actions' lists, lent per thread: an outcome is grouped every time one is built.
struct GroupScratch {
  std::vector<Recommendation> kept;
  std::vector<std::uint32_t> order, shown;
  std::vector<const Action*> at_current;
  std::vector<std::uint8_t> taken;
  std::vector<std::size_t> same;
};

}  // namespace

void mark_pathway_places(const Policy& policy, const EvalEnv& env, PlaceMarks& marks) {
  ThreadScratch<LaterAnswers::Scratch> scratch;
  const auto& step_actions = policy.action_table().step_actions;
  const auto& step_reads = policy.action_table().step_reads;
  for (std::size_t p = 0; p < policy.pathways().size(); ++p) {
    const Pathway& pathway = policy.pathways()[p];
    int current = -1;
    for (std::size_t i = 0; i < pathway.steps.size(); ++i)
      if (const CompiledExpr* when = pathway.steps[i].when.compiled(); when && condition_holds(*when, env))
        current = static_cast<int>(i);
    if (current < 0) continue;
    PlaceMarks::Place place{static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(current),
                            static_cast<std::uint32_t>(marks.nexts.size()), 0};
    std::optional<LaterAnswers> later;  // built only when the pathway has a next step
    for (std::size_t j = static_cast<std::size_t>(current) + 1; j < pathway.steps.size(); ++j) {
      // "If this continues" lists only what can still happen: a step or an action that an answer
      // already given rules out (4.4's invitation where Children's Social Care is involved) is not.
      if (!later) later.emplace(env, step_reads[p][static_cast<std::size_t>(current)], *scratch);
      if (!later->possible(pathway.steps[j].when.compiled())) continue;
      const auto& actions = step_actions[p][j];
      const auto first_action = static_cast<std::uint32_t>(marks.actions.size());
      for (std::uint32_t k = 0; k < actions.size(); ++k)
        if (later->possible(actions[k]->when.compiled())) marks.actions.push_back(k);
      const auto action_count = static_cast<std::uint32_t>(marks.actions.size()) - first_action;
      if (action_count == 0 && !pathway.steps[j].actions.empty()) continue;
      marks.nexts.push_back({static_cast<std::uint32_t>(j), first_action, action_count});
      ++place.next_count;
    }
    marks.places.push_back(place);
  }
}

void add_places(const Policy& policy, const PlaceMarks& marks, std::vector<PathwayPlace>& places) {
  const auto& step_actions = policy.action_table().step_actions;
  for (const PlaceMarks::Place& mark : marks.places) {
    const Pathway& pathway = policy.pathways()[mark.pathway];
    PathwayPlace& place = places.emplace_back(PathwayPlace{&pathway, mark.current, {}});
    place.next.reserve(mark.next_count);
    for (std::size_t n = mark.first_next; n < mark.first_next + mark.next_count; ++n) {
      const PlaceMarks::Next& next_mark = marks.nexts[n];
      NextStep& next = place.next.emplace_back();
      next.step = &pathway.steps[next_mark.step];
      next.trigger = pathway.steps[next_mark.step - 1].moves_on;
      for (std::size_t a = next_mark.first_action; a < next_mark.first_action + next_mark.action_count; ++a)
        next.actions.push_back(step_actions[mark.pathway][next_mark.step][marks.actions[a]]);
      next.timescale = next_step_timescale(pathway.steps[next_mark.step - 1], next.actions);
    }
  }
}

void mark_places(const Policy& policy, const std::vector<PathwayPlace>& places, PlaceMarks& marks) {
  const auto& step_actions = policy.action_table().step_actions;
  for (const PathwayPlace& place : places) {
    const auto p = static_cast<std::uint32_t>(place.pathway - policy.pathways().data());
    marks.places.push_back({p, static_cast<std::uint32_t>(place.current),
                            static_cast<std::uint32_t>(marks.nexts.size()),
                            static_cast<std::uint32_t>(place.next.size())});
    for (const NextStep& next : place.next) {
      const auto j = static_cast<std::uint32_t>(next.step - place.pathway->steps.data());
      const auto first_action = static_cast<std::uint32_t>(marks.actions.size());
      // The next step's actions are some of the step's, in its order.
      const auto& all = step_actions[p][j];
      std::uint32_t k = 0;
      for (const Action* action : next.actions) {
        while (k < all.size() && all[k] != action) ++k;
        marks.actions.push_back(k++);
      }
      marks.nexts.push_back({j, first_action, static_cast<std::uint32_t>(next.actions.size())});
    }
  }
}

void group_actions(Outcome& outcome) {
  auto& actions = outcome.actions;  // most urgent first
  // Every policy's outcome is grouped: steps go to "Do now" (the few most urgent) and "Also
  // recommended"; prohibitions and flags (the reflective self-checks too) to "Keep in mind".
  const auto& pathways = outcome.policy->pathways();
  ThreadScratch<GroupScratch> scratch;
  if (pathways.empty()) {
    // In place (an outcome of a large policy is built often): steps keep their order, most
    // urgent first, and the prohibitions and flags move after them.
    std::vector<Recommendation>& kept = scratch->kept;
    kept.clear();
    std::size_t write = 0;
    for (std::size_t i = 0; i < actions.size(); ++i) {
      if (actions[i].action->kind == ActionKind::step) {
        actions[i].group = write < do_now_limit ? OutcomeGroup::do_now : OutcomeGroup::also_recommended;
        if (write != i) actions[write] = std::move(actions[i]);
        ++write;
      } else {
        actions[i].group = OutcomeGroup::keep_in_mind;
        kept.push_back(std::move(actions[i]));
      }
    }
    std::move(kept.begin(), kept.end(), actions.begin() + static_cast<std::ptrdiff_t>(write));
    return;
  }
  // Worked out on indices into `actions`, then each recommendation moved once into its place.
  std::vector<std::uint32_t>& order = scratch->order;  // the steps, then the prohibitions and flags
  order.clear();
  for (std::uint32_t i = 0; i < actions.size(); ++i)
    if (actions[i].action->kind == ActionKind::step) order.push_back(i);
  const std::size_t step_count = order.size();
  for (std::uint32_t i = 0; i < actions.size(); ++i)
    if (actions[i].action->kind != ActionKind::step) order.push_back(i);

  const ActionTable& table = outcome.policy->action_table();
  const Action* first_action = outcome.policy->actions().data();
  // Where each action first stands along a pathway (worked out at load).
  auto key = [&](std::uint32_t i) {
    return table.pathway_position[static_cast<std::size_t>(actions[i].action - first_action)];
  };
  {
    // Where the case is: at equal urgency, the current step's actions come before those of steps
    // the case has already passed, so "Do now" is about where the case is, not where it was.
    std::vector<const Action*>& at_current = scratch->at_current;  // the current steps' actions: a handful
    at_current.clear();
    for (const PathwayPlace& place : outcome.pathways) {
      const auto pathway = static_cast<std::size_t>(place.pathway - pathways.data());
      const auto& here = table.step_actions[pathway][place.current];
      at_current.insert(at_current.end(), here.begin(), here.end());
    }
    auto is_current = [&](std::uint32_t i) {
      return std::find(at_current.begin(), at_current.end(), actions[i].action) != at_current.end();
    };
    // The steps came most urgent first (the action table's order), so only each run of equal
    // urgency needs its current-step actions moved to the front, keeping their order.
    const auto steps_end = order.begin() + static_cast<std::ptrdiff_t>(step_count);
    for (auto run = order.begin(); run != steps_end;) {
      const int rank = actions[*run].action->urgency.rank();
      const auto run_end =
          std::find_if(run, steps_end, [&](std::uint32_t i) { return actions[i].action->urgency.rank() != rank; });
      std::stable_partition(run, run_end, is_current);
      run = run_end;
    }
  }
  for (std::size_t i = 0; i < order.size(); ++i)
    actions[order[i]].group = i >= step_count    ? OutcomeGroup::keep_in_mind
                              : i < do_now_limit ? OutcomeGroup::do_now
                                                 : OutcomeGroup::also_recommended;

  // Within a group, a pathway's steps come together, in the pathway's order, where its most
  // urgent one would stand: urgency decides what to do now, the source decides the order.
  std::vector<std::uint32_t>& shown = scratch->shown;  // indices into `actions`, in the order shown
  shown.clear();
  std::vector<std::uint8_t>& taken = scratch->taken;
  taken.assign(step_count, 0);
  std::vector<std::size_t>& same = scratch->same;
  for (std::size_t i = 0; i < step_count; ++i) {
    if (taken[i]) continue;
    const int pathway = key(order[i]).pathway;
    same.clear();
    if (pathway < 0) {
      same.push_back(i);
    } else {
      const OutcomeGroup group = actions[order[i]].group;
      for (std::size_t j = i; j < step_count; ++j)
        if (!taken[j] && actions[order[j]].group == group && key(order[j]).pathway == pathway) same.push_back(j);
      std::sort(same.begin(), same.end(),
                [&](std::size_t a, std::size_t b) { return key(order[a]).order < key(order[b]).order; });
    }
    for (std::size_t j : same) {
      taken[j] = 1;
      shown.push_back(order[j]);
    }
  }
  shown.insert(shown.end(), order.begin() + static_cast<std::ptrdiff_t>(step_count), order.end());
  // Each recommendation moved once into its place, following the cycles of the permutation
  // (a second array of recommendations would cost an allocation the size of the first).
  for (std::size_t start = 0; start < shown.size(); ++start) {
    if (shown[start] == start) continue;
    Recommendation held = std::move(actions[start]);
    std::size_t to = start;
    while (shown[to] != start) {
      const std::size_t from = shown[to];
      actions[to] = std::move(actions[from]);
      shown[to] = static_cast<std::uint32_t>(to);
      to = from;
    }
    actions[to] = std::move(held);
    shown[to] = static_cast<std::uint32_t>(to);
  }
}

}  // namespace detail
}  // namespace waymark
