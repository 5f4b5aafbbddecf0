// An answers file for the adult non-engagement policy: read, started as a session (its events
// as the chronology), walked to an outcome and a record.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace waymark;
  try {
    const AnswersFile file = parse_answers_text(fuzz::as_text(data, size), "answers.toml", *fuzz::bundled_policy());
    Session session = start_session(fuzz::bundled_policy(), file, *Date::from_ymd(2026, 11, 25), "2026-11-25T10:00:00Z");
    fuzz::walk_to_record(session);
  } catch (const Error&) {
  }
  return 0;
}
