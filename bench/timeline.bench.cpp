// Timeline picture speed (issue #19): a case with 10,000 events over three years, with counted
// windows, open actions and corrections, renders (SVG, text alternative and tables) in < 50 ms.
// Run with --benchmark_repetitions=9 --benchmark_report_aggregates_only=true for the median.
#include <benchmark/benchmark.h>
#include <waymark/timeline.h>

#include <array>

namespace {

using namespace waymark;

TimelineData dense_case(int events) {
  static constexpr std::array<const char*, 7> kinds = {"refusal", "missed_appointment", "no_access_visit", "referral",
                                                       "agency_contact", "meeting", "review"};
  TimelineData data;
  data.title = "Case C-00001";
  data.today = *Date::parse("2026-11-25");
  const Date first = data.today.plus_days(-3 * 365);
  for (int i = 0; i < events; ++i) {
    TimelineEvent e;
    e.id = i + 1;
    e.event.kind = kinds[static_cast<std::size_t>(i * 7919) % kinds.size()];
    e.event.date = first.plus_days(i * 3 * 365 / events);
    e.event.minute_of_day = (i * 37) % 1440;
    e.event.note = "Refused personal care; offered again after lunch & <declined>";
    data.events.push_back(std::move(e));
  }
  for (int i = 10; i + 1 < events; i += 500) {
    data.events[static_cast<std::size_t>(i)].corrected_by = i + 2;
    data.events[static_cast<std::size_t>(i + 1)].corrects = i + 1;
  }
  data.windows = {{"events_within", "refusal", data.today.plus_days(-6), data.today, 9},
                  {"events_within", "refusal", data.today.plus_days(-27), data.today, 40},
                  {"repeat_referrals", "referral", data.today.plus_months(-12), data.today, 120}};
  data.actions = {{"review", "Review the plan", data.today.plus_days(-3)}, {"visit", "Visit", data.today.plus_days(4)}};
  return data;
}

void BM_TimelineRender(benchmark::State& state) {
  const TimelineData data = dense_case(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string html = timeline_html(data);
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_TimelineRender)->Arg(300)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
