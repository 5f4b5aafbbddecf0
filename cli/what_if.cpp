#include "what_if.h"

#include <fmt/format.h>
#include <waymark/closest_match.h>
#include <waymark/error.h>
#include <waymark/what_would_change.h>

#include <set>

namespace waymark::cli {

std::string what_if_text(const Session& session, std::string_view action_id) {
  const Action* action = session.policy().find_action(action_id);
  if (!action) {
    std::vector<std::string> ids;
    for (const Action& a : session.policy().actions()) ids.push_back(a.id);
    const std::string near = closest_match(action_id, ids);
    throw AnswerError(std::string(action_id),
                      fmt::format("policy '{}' has no action '{}'{}", session.policy().id(), action_id,
                                  near.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", near)));
  }
  const WhatWouldChange what = what_would_change(session, action_id);
  return fmt::format("{} ({})\n  {}. {}\n", action->text, action->id,
                     what.recommended ? "Recommended now" : "Not recommended now", what_would_change_words(what));
}

std::string not_recommended_text(const Session& session) {
  const Outcome outcome = session.outcome(Reasons::omit);
  std::set<const Action*> recommended;
  for (const auto& r : outcome.actions) recommended.insert(r.action);
  std::string out = "  Not recommended now (type 'why not ID' for what would change that):\n";
  for (const Action& a : session.policy().actions())
    if (!recommended.contains(&a)) out += fmt::format("    {}: {}\n", a.id, a.text);
  return out;
}

}  // namespace waymark::cli
