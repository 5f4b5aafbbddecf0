// [[pathway]] tables: ordered ladders of steps, each naming its actions, the condition under
// which the case has reached it, and the words in which it moves on to the next step.
#include "policy_builder.h"

#include <fmt/format.h>

#include <set>

namespace waymark::detail {

void PolicyBuilder::read_pathways(const toml::table& root) {
  std::set<std::string> pathway_ids;
  for (const toml::table* table : entries(root, "pathway")) {
    TableReader r(*table, table->get_as<std::string>("id")
                              ? fmt::format("pathway '{}'", table->get_as<std::string>("id")->get())
                              : std::string("[[pathway]]"),
                  sink_);
    Pathway p;
    p.position = r.table_position();
    p.id = read_id(r, "pathway");
    p.title = r.text("title");
    p.source = r.text("source");
    if (!p.id.empty() && !pathway_ids.insert(p.id).second)
      sink_.report(DiagnosticCode::duplicate_id, p.position, fmt::format("duplicate pathway id '{}'", p.id));
    std::vector<const toml::node*> when_nodes;
    std::set<std::string> step_ids;
    std::set<std::string> step_actions;
    const toml::node* steps = r.node("step");
    const auto* array = steps ? steps->as_array() : nullptr;
    if (!array || array->empty())
      sink_.report(DiagnosticCode::bad_pathway_steps, steps ? position_of(*steps) : p.position,
                   fmt::format("pathway '{}' needs its steps, in order, as [[pathway.step]] tables", p.id));
    for (std::size_t i = 0; array && i < array->size(); ++i) {
      const auto* step_table = (*array)[i].as_table();
      if (!step_table) {
        sink_.report(DiagnosticCode::toml_table_shape, position_of((*array)[i]),
                     "each [[pathway.step]] must be a table");
        continue;
      }
      TableReader s(*step_table, fmt::format("step {} of pathway '{}'", i + 1, p.id), sink_);
      PathwayStep step;
      step.position = s.table_position();
      step.id = read_id(s, "step");
      step.title = s.text("title");
      step.actions = s.strings("actions");
      step.source = s.text("source");
      step.later = s.text("later", false);
      // Every step but the last says how the case moves on to the next one.
      const bool last = i + 1 == array->size();
      step.moves_on = s.text("moves_on", !last);
      if (last && !step.moves_on.empty())
        sink_.report(DiagnosticCode::bad_pathway_steps, s.position("moves_on"),
                     fmt::format("step '{}' is the last step of pathway '{}': there is no next "
                                 "step to move on to",
                                 step.id, p.id));
      if (last && !step.later.empty())
        sink_.report(DiagnosticCode::bad_pathway_steps, s.position("later"),
                     fmt::format("step '{}' is the last step of pathway '{}': 'later' says when the next step follows, "
                                 "and there is none",
                                 step.id, p.id));
      if (!step.id.empty() && !step_ids.insert(step.id).second)
        sink_.report(DiagnosticCode::duplicate_id, step.position,
                     fmt::format("duplicate step id '{}' in pathway '{}'", step.id, p.id));
      for (const auto& action : step.actions) {
        const Action* a = policy_->find_action(action);
        if (!a)
          sink_.report(
              DiagnosticCode::pathway_unknown_action, s.position("actions"),
              fmt::format("step '{}' lists action '{}', which is not an action of this policy", step.id, action));
        else if (!step_actions.insert(action).second)
          sink_.report(DiagnosticCode::pathway_unknown_action, s.position("actions"),
                       fmt::format("action '{}' is listed in more than one step of pathway '{}'", action, p.id));
      }
      // A step without `when` is one the source always places ahead (a later review): the answers
      // never reach it, so it is only ever shown as "If this continues". Such steps come last.
      const toml::node* when = s.node("when");
      if (when && !when->as_string()) {
        sink_.report(DiagnosticCode::condition_not_text, position_of(*when),
                     fmt::format("step '{}': 'when' must be a condition in quotes", step.id));
        when = nullptr;
      } else if (!when && i == 0) {
        sink_.report(DiagnosticCode::missing_condition, step.position,
                     fmt::format("the first step of pathway '{}' needs 'when', a condition in quotes "
                                 "saying when the case has reached it",
                                 p.id));
      } else if (when && !when_nodes.empty() && !when_nodes.back()) {
        sink_.report(DiagnosticCode::pathway_step_order, position_of(*when),
                     fmt::format("step '{}' has 'when' but comes after a step without one; steps "
                                 "the answers never reach (no 'when') go last",
                                 step.id));
      }
      when_nodes.push_back(when);
      s.finish({"id", "title", "actions", "when", "moves_on", "later", "source"});
      p.steps.push_back(std::move(step));
    }
    r.finish({"id", "title", "source", "step"});
    step_when_nodes_.push_back(std::move(when_nodes));
    policy_->pathways_.push_back(std::move(p));
  }
}

void PolicyBuilder::compile_pathways() {
  for (std::size_t p = 0; p < policy_->pathways_.size(); ++p) {
    Pathway& pathway = policy_->pathways_[p];
    for (std::size_t i = 0; i < pathway.steps.size(); ++i) {
      const toml::node* node = step_when_nodes_[p][i];
      if (!node) continue;
      pathway.steps[i].when = compile(*node, node->as_string()->get(), ValueType::boolean,
                                      fmt::format("'when' of step '{}' in pathway '{}'", pathway.steps[i].id, pathway.id));
    }
    if (sink_.has_errors()) continue;
    // "At this step": its condition holds and no later step's does. Written out in the condition
    // language from the steps' own texts, so lint searches it like any other condition.
    for (std::size_t i = 0; i < pathway.steps.size(); ++i) {
      if (!step_when_nodes_[p][i]) continue;
      std::string text = fmt::format("({})", pathway.steps[i].when.text());
      for (std::size_t j = i + 1; j < pathway.steps.size(); ++j)
        if (step_when_nodes_[p][j]) text += fmt::format(" and not ({})", pathway.steps[j].when.text());
      pathway.steps[i].is_current =
          compile(*step_when_nodes_[p][i], text, ValueType::boolean,
                  fmt::format("whether the case is at step '{}' of pathway '{}'", pathway.steps[i].id, pathway.id));
    }
  }
}

}  // namespace waymark::detail
