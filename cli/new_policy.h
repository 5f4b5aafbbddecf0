// The starting files `waymark new` writes: a small policy and its scenario tests, with comments
// that teach the format. Both pass `waymark lint` and `waymark test` as written.
#pragma once

#include <waymark/date.h>

#include <string>

namespace waymark::cli {

std::string starter_policy(const std::string& id, Date today);
std::string starter_tests(const std::string& id, Date today);

}  // namespace waymark::cli
