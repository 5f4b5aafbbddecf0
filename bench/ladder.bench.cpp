// Ladder picture speed (issue #19): a pathway's ladder (SVG, text alternative and list) renders in
// well under the timeline's 50 ms target, for the CQC policy's five steps and for a long ladder of
// 50. Run with --benchmark_repetitions=9 --benchmark_report_aggregates_only=true for the median.
#include <benchmark/benchmark.h>
#include <waymark/ladder.h>

#include <string>

namespace {

using namespace waymark;

Ladder ladder_of(int steps) {
  Ladder ladder{"personal_care",
                "Single refusal of personal care (source Operational Example 1)",
                "000: Ex1",
                {},
                static_cast<std::size_t>(steps / 2),
                static_cast<std::size_t>(steps / 2 + 1),
                static_cast<std::size_t>(steps)};
  for (int i = 0; i < steps; ++i) {
    LadderStep s;
    s.id = "step" + std::to_string(i + 1);
    s.title = "Step " + std::to_string(i + 1) +
              ": give time, reduce pressure & try the agreed alternative approach <as the care plan says>";
    s.source = "000_5b3072d5fba0695d.txt: Ex1, Step 2 and Step 3";
    s.state = i < steps / 2 ? LadderState::done : i == steps / 2 ? LadderState::current : LadderState::next;
    if (i > 0) s.trigger = "If the person continues to decline support after the alternative approach";
    if (s.state == LadderState::next) {
      s.timescale = "Within the same shift";
      s.actions = {"Inform the shift lead (Shift lead)", "Record the escalation decision (Shift lead)"};
    }
    ladder.steps.push_back(std::move(s));
  }
  return ladder;
}

void BM_LadderRender(benchmark::State& state) {
  const Ladder ladder = ladder_of(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string html = ladder_html(ladder);
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_LadderRender)->Arg(5)->Arg(50)->Unit(benchmark::kMicrosecond);

}  // namespace
