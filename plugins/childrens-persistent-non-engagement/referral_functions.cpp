#include "referral_functions.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace waymark::childrens {

namespace {

using namespace std::chrono;

// The same day `months` calendar months earlier, clamped to the month's end (31 March -> 28 Feb).
std::int32_t months_before(std::int32_t day, int months) {
  const year_month_day ymd{sys_days{days{day}}};
  year_month_day back = ymd - std::chrono::months{months};
  if (!back.ok()) back = back.year() / back.month() / last;
  return static_cast<std::int32_t>(sys_days{back}.time_since_epoch().count());
}

}  // namespace

double events_on_record(plugin::Context context, std::string_view kind) {
  double n = 0;
  plugin::Days first = context.today;
  for (const auto& e : context.events())
    if (e.kind == kind && e.date.since_epoch <= context.today.since_epoch) {
      if (n == 0) first = e.date;  // date order: the first one is the earliest
      ++n;
    }
  context.counted(kind, first, context.today, n);
  return n;
}

double days_since_last(plugin::Context context, std::string_view kind) {
  // Kept in a variable: `last` points into it after the loop.
  const auto events = context.events();
  const plugin::Event* last = nullptr;
  for (const auto& e : events)
    if (e.kind == kind && e.date.since_epoch <= context.today.since_epoch) last = &e;  // date order: the last wins
  if (!last) return -1;
  // The days counted: from the latest event to the session date (the 6 weeks to the engagement
  // plan's review are measured over this window), so the timeline can draw it.
  context.counted(kind, last->date, context.today, 1);
  return context.today.since_epoch - last->date.since_epoch;
}

double repeat_referrals(plugin::Context context, std::string_view reason, double months) {
  if (months < 1 || months > 120 || std::floor(months) != months)
    throw std::invalid_argument("months must be a whole number from 1 to 120");
  const auto events = context.events();
  const plugin::Event* latest = nullptr;
  for (const auto& e : events)
    if (e.kind == "referral" && e.date.since_epoch <= context.today.since_epoch) latest = &e;
  if (!latest) return 0;
  const std::string_view wanted = reason == "same" ? latest->reason : reason;
  const std::int32_t from = months_before(latest->date.since_epoch, static_cast<int>(months));
  double n = 0;
  // Events are in date order, so every referral before `latest` is earlier (or the same day).
  for (const auto* e = events.data(); e != latest; ++e)
    n += e->kind == "referral" && e->date.since_epoch >= from && (reason == "any" || e->reason == wanted);
  context.counted("referral", {from}, latest->date, n);
  return n;
}

}  // namespace waymark::childrens
