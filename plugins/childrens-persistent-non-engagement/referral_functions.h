// Chronology functions for the children's protocol: repeat referrals (5.1) and what is on record.
#pragma once

#include <waymark/plugin.h>

#include <string_view>

namespace waymark::childrens {

// Events of `kind` dated on or before the session date.
double events_on_record(plugin::Context context, std::string_view kind);

// Days from the latest event of `kind` (on or before the session date) to the session date, or
// -1 when there is none.
double days_since_last(plugin::Context context, std::string_view kind);

// Earlier referrals within `months` calendar months before the latest referral (on or before the
// session date). `reason` is "same" (the latest referral's presenting reason, as 5.1 defines a
// repeat), "any", or a presenting reason.
double repeat_referrals(plugin::Context context, std::string_view reason, double months);

}  // namespace waymark::childrens
