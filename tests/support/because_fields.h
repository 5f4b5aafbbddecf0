// Every field of a reason, for tests that check two ways of working reasons out agree.
#pragma once

#include <waymark/outcome.h>

#include <tuple>

namespace waymark::test {

inline auto because_fields(const Because& b) {
  return std::tie(b.is_fact, b.id, b.text, b.value, b.section, b.source, b.chosen, b.not_chosen, b.no_answer);
}

}  // namespace waymark::test
