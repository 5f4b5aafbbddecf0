// An evidence record (JSON): rendered as Markdown and text and explained, as `waymark explain`
// and Python's render_record do with a file someone hands them.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace waymark;
  const std::string_view record = fuzz::as_text(data, size);
  for (const RecordStyle style : {RecordStyle::markdown, RecordStyle::text}) {
    try {
      (void)render_record(record, style);
    } catch (const Error&) {
    }
  }
  try {
    (void)explain_record(record);
  } catch (const Error&) {
  }
  return 0;
}
