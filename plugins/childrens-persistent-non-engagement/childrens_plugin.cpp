// Ships policies/childrens-persistent-non-engagement.toml and the functions its conditions call.
#include "referral_functions.h"

namespace {

using namespace waymark;

constexpr WaymarkFunction functions[] = {
    plugin::function<childrens::events_on_record>(
        "events_on_record", "How many events of the given kind the case chronology holds, up to the session date."),
    plugin::function<childrens::days_since_last>(
        "days_since_last",
        "Days from the latest event of the given kind to the session date, or -1 when the chronology has none."),
    plugin::function<childrens::repeat_referrals>(
        "repeat_referrals",
        "Earlier referrals within the given number of months before the latest referral: for the 'same' presenting "
        "reason as it, for 'any' reason, or for the reason named."),
};

}  // namespace

WAYMARK_PLUGIN("childrens-persistent-non-engagement", "Children's persistent non-engagement protocol", "1.1.0",
               functions);
