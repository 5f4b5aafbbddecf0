// A scenario file for the adult non-engagement policy: read, checked against it, and every
// scenario run.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace waymark;
  try {
    const ScenarioFile file = parse_scenario_text(fuzz::as_text(data, size), "adult-non-engagement.tests.toml");
    if (!check_scenario_file(file, *fuzz::bundled_policy()).empty()) return 0;
    for (const Scenario& scenario : file.scenarios) {
      try {
        const ScenarioRun run = run_scenario(file, scenario, fuzz::bundled_policy());
        for (const Diagnostic& failure : run.failures) (void)failure.format();
      } catch (const Error&) {
      }
    }
  } catch (const Error&) {
  }
  return 0;
}
