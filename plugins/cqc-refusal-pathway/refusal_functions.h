// Refusal patterns in a chronology: how many in a window, clustered at one time of day, and
// notes that say no more than "refused personal care" (the source's named failure).
#pragma once

#include <waymark/plugin.h>

#include <string_view>

namespace waymark::cqc {

// Events of `kind` dated in the `days` days ending on the session date (the session date included).
double events_within(plugin::Context context, std::string_view kind, double days);

// The most distinct days, in the `days` days ending on the session date, with a timed event of
// `kind` whose times of day all lie within `window_minutes` of each other. Several on one day (a
// re-offer after ten minutes, Step 2 of the source's pathway) count as that one day.
double refusals_same_time_of_day(plugin::Context context, std::string_view kind, double days, double window_minutes);

// True when a refusal note records nothing beyond the refusal: no sign of an approach or
// alternative tried, of how the person presented, or of a trigger (the word lists are in
// refusal_functions.cpp and docs/authoring.md). "Refused personal care this morning" is bare;
// "Refused personal care; appeared tired" is not.
bool bare_refusal_note(std::string_view note);

// Events of `kind` in the `days` days ending on the session date whose note is bare (or empty).
double bare_refusal_notes(plugin::Context context, std::string_view kind, double days);

}  // namespace waymark::cqc
