// The example plugin: adds `percent(part, whole)` to conditions and ships one small policy.
#include <waymark/plugin.h>

#include <stdexcept>

namespace {

// What share of `whole` `part` is, in percent; 0 when there is nothing to share.
double percent(double part, double whole) {
  if (part < 0 || whole < 0) throw std::invalid_argument("counts cannot be negative");
  return whole == 0 ? 0 : 100 * part / whole;
}

constexpr WaymarkFunction functions[] = {
    waymark::plugin::function<percent>("percent",
                                       "What share of the second number the first is, in percent (0 "
                                       "when the second is 0)."),
};

}  // namespace

// id, name, version, functions; the policies are those listed in CMakeLists.txt under POLICIES.
WAYMARK_PLUGIN("example", "Example plugin", "1.0.0", functions);
