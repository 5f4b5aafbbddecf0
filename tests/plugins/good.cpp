// A well-formed plugin: one function of each argument type, the context, a variadic raw function,
// and an embedded policy (when built with POLICIES).
#include <waymark/plugin.h>

#include <string_view>

namespace {

double times_two(double x) { return 2 * x; }

bool mentions_refusal(std::string_view text) { return text.find("refused") != std::string_view::npos; }

// Days from the session date to `date` (negative when it is past).
double days_until(waymark::plugin::Context context, waymark::plugin::Days date) {
  return date.since_epoch - context.today.since_epoch;
}

waymark::plugin::Days day_after(waymark::plugin::Days date) { return {date.since_epoch + 1}; }

// Written against the C ABI directly: true when every argument is true.
int all_true(const WaymarkValue* args, size_t count, WaymarkValue* result, WaymarkCall*) {
  bool all = true;
  for (size_t i = 0; i < count; ++i) all = all && args[i].boolean;
  *result = WaymarkValue{WAYMARK_BOOLEAN, all ? 1 : 0, 0, 0, nullptr, 0};
  return 0;
}
constexpr int32_t all_true_parameters[] = {WAYMARK_BOOLEAN};

constexpr WaymarkFunction functions[] = {
    waymark::plugin::function<times_two>("times_two", "Twice the number."),
    waymark::plugin::function<mentions_refusal>("mentions_refusal", "True when the text says 'refused'."),
    waymark::plugin::function<days_until>("days_until", "Days from the session date to the date."),
    waymark::plugin::function<day_after>("day_after", nullptr),
    {"all_true", "True when every argument is true.", all_true_parameters, 1, 1, WAYMARK_BOOLEAN, all_true},
};

}  // namespace

WAYMARK_PLUGIN("good-fixture", "Good fixture", "2.1.0", functions);
