// The chronology's vocabulary: the event kinds the loaded policies declare they read, for
// `case event` (which refuses any other kind) and `run --case` (which says what it read).
#pragma once

#include <waymark/event_kinds_read.h>
#include <waymark/waymark.h>

#include <map>
#include <string>
#include <vector>

namespace waymark::cli {

// Throws an exit-2 Failure for a kind no loaded policy reads, with a did-you-mean and the list.
void require_known_event_kind(const std::string& kind, const PolicyRegistry& registry);

// For `run --case`, on stderr: how many of the case's events of which kinds `policy` read, and a
// warning for events of kinds no loaded policy reads (found with `all`).
void report_chronology_read(const Policy& policy, const std::string& case_reference, const std::vector<Event>& events,
                            const PolicyRegistry& all);

}  // namespace waymark::cli
