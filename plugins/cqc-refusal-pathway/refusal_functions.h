// Refusal patterns in a chronology: how many in a window, clustered at one time of day, and
// notes that say no more than "refused personal care" (the source's named failure).
#pragma once

#include <waymark/plugin.h>

#include <string_view>

namespace waymark::cqc {

// Events of `kind` dated in the `days` days ending on the session date (the session date included).
double events_within(plugin::Context context, std::string_view kind, double days);

// The most timed events of `kind` (up to the session date) whose times of day all lie within
// `window_minutes` of each other.
double refusals_same_time_of_day(plugin::Context context, std::string_view kind, double window_minutes);

// True when a refusal note records nothing but the refusal: no alternative tried, no
// presentation, no trigger ("Refused personal care.", "declined support again").
bool bare_refusal_note(std::string_view note);

// Events of `kind` in the `days` days ending on the session date whose note is bare (or empty).
double bare_refusal_notes(plugin::Context context, std::string_view kind, double days);

}  // namespace waymark::cqc
