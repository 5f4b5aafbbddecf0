// Policy text: loaded (or refused with diagnostics), then walked to an outcome and a record.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace waymark;
  const LoadResult loaded = try_load_policy_text(fuzz::as_text(data, size), "fuzz.toml");
  for (const Diagnostic& diagnostic : loaded.diagnostics) (void)diagnostic.format();
  if (!loaded) return 0;
  try {
    Session session(loaded.policy, *Date::from_ymd(2026, 11, 25));
    fuzz::walk_to_record(session);
  } catch (const Error&) {
  }
  return 0;
}
