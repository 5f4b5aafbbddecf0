// The answers that take the web fixture (tests/fixtures/web/web-fixture.toml) from its first
// question to its check page, in order: for the tests' browser, and for the threads and the load
// benchmark that walk it without Catch.
#pragma once

#include <httplib.h>

#include <vector>

namespace test {

inline const std::vector<httplib::Params>& web_fixture_answers() {
  static const std::vector<httplib::Params> answers{{{"answer", "yes"}},
                                                    {{"answer", "none"}},
                                                    {{"answer", "4"}},
                                                    {{"answer-day", "7"}, {"answer-month", "11"}, {"answer-year", "2026"}},
                                                    {{"answer", "fine"}}};
  return answers;
}

}  // namespace test
