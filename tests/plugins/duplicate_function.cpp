// Provides `times_two`, which the good fixture provides too.
#include <waymark/plugin.h>

namespace {
double times_two(double x) { return x + x; }
constexpr WaymarkFunction functions[] = {waymark::plugin::function<times_two>("times_two", "Twice, again.")};
}  // namespace

WAYMARK_PLUGIN("duplicate-function", "Duplicate function fixture", "1.0.0", functions);
