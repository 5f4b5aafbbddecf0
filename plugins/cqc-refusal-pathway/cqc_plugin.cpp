// Ships policies/cqc-refusal-pathway.toml and the refusal-pattern functions its conditions call.
#include "refusal_functions.h"

namespace {

using namespace waymark;

constexpr WaymarkFunction functions[] = {
    plugin::function<cqc::events_within>(
        "events_within",
        "How many events of the given kind fall in the given number of days ending on the session "
        "date."),
    plugin::function<cqc::refusals_same_time_of_day>(
        "refusals_same_time_of_day",
        "The most different days, in the given number of days ending on the session date, with "
        "events of the given kind at times of day within the given number of minutes of each other "
        "(several on one day count once)."),
    plugin::function<cqc::bare_refusal_note>(
        "bare_refusal_note",
        "Whether a note records only the refusal (like 'refused personal care'): no sign of an "
        "approach or alternative tried, of how the person presented, or of a trigger."),
    plugin::function<cqc::bare_refusal_notes>(
        "bare_refusal_notes",
        "How many events of the given kind in the given number of days ending on the session date "
        "have a bare or empty note."),
};

}  // namespace

WAYMARK_PLUGIN("cqc-refusal-pathway", "CQC refusal pathway", "1.1.1", functions);
