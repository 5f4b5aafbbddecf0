// "What would change the advice" for one action, in the terminal: `waymark run --answers ...
// --what-if ACTION` and the walk-through's 'why not ACTION'.
#pragma once

#include <waymark/session.h>

#include <string>
#include <string_view>

namespace waymark::cli {

// The action, whether it is recommended now, and what would change that, as lines to print.
// Throws AnswerError (naming the policy's actions) when the policy has no such action.
std::string what_if_text(const Session& session, std::string_view action_id);

// The actions not recommended now, one a line with its id, for 'why not' on its own.
std::string not_recommended_text(const Session& session);

}  // namespace waymark::cli
