/// "Did you mean ...?" for a name a user typed: an id, an event kind, a command.
#pragma once

#include <waymark/export.h>

#include <string>
#include <string_view>
#include <vector>

namespace waymark {

/// The candidate closest to `typed` when it is close enough to be a likely slip (at most two
/// edits away); empty otherwise.
WAYMARK_EXPORT std::string closest_match(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace waymark
