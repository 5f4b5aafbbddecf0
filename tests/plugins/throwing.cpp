// Functions that fail in each way a plugin function can: an error status, an exception thrown
// through the C boundary, an exception caught by the helper, and a result of the wrong type.
#include <waymark/plugin.h>

#include <stdexcept>

namespace {

int refuses(const WaymarkValue*, size_t, WaymarkValue*, WaymarkCall* call) {
  waymark::plugin::set_error(call, "the chronology is not available");
  return 1;
}

// Deliberately breaks the rule: the host must still stop this exception.
int escapes(const WaymarkValue*, size_t, WaymarkValue*, WaymarkCall*) {
  throw std::runtime_error("escaped from the plugin");
}

bool throws(double) { throw std::logic_error("thrown inside the helper"); }

int wrong_type(const WaymarkValue*, size_t, WaymarkValue* result, WaymarkCall*) {
  *result = WaymarkValue{WAYMARK_NUMBER, 0, 1, 0, nullptr, 0};
  return 0;
}

constexpr int32_t one_number[] = {WAYMARK_NUMBER};

constexpr WaymarkFunction functions[] = {
    {"refuses", nullptr, one_number, 1, 0, WAYMARK_BOOLEAN, refuses},
    {"escapes", nullptr, one_number, 1, 0, WAYMARK_BOOLEAN, escapes},
    waymark::plugin::function<throws>("throws", nullptr),
    {"wrong_type", nullptr, one_number, 1, 0, WAYMARK_BOOLEAN, wrong_type},
};

}  // namespace

WAYMARK_PLUGIN("throwing-fixture", "Throwing fixture", "1.0.0", functions);
