// One library, many broken descriptors: the entry point returns the one named by the
// WAYMARK_FIXTURE_CASE environment variable, so each descriptor check has a test without a
// library of its own. An unknown or missing case returns a sound descriptor.
#include <waymark/plugin.h>

#include <cstdlib>
#include <string_view>

namespace {

int one(const WaymarkValue*, size_t, WaymarkValue* result, WaymarkCall*) {
  *result = WaymarkValue{WAYMARK_NUMBER, 0, 1, 0, nullptr, 0};
  return 0;
}

constexpr int32_t number[] = {WAYMARK_NUMBER};
constexpr int32_t unknown[] = {WAYMARK_NUMBER, 7};

constexpr WaymarkFunction sound[] = {{"case_one", "One.", number, 1, 0, WAYMARK_NUMBER, one}};
constexpr WaymarkFunction unknown_type[] = {{"case_one", nullptr, unknown, 2, 0, WAYMARK_NUMBER, one}};
constexpr WaymarkFunction text_result[] = {{"case_one", nullptr, number, 1, 0, WAYMARK_TEXT, one}};
constexpr WaymarkFunction null_impl[] = {{"case_one", nullptr, number, 1, 0, WAYMARK_NUMBER, nullptr}};
constexpr WaymarkFunction variadic_empty[] = {{"case_one", nullptr, nullptr, 0, 1, WAYMARK_NUMBER, one}};
constexpr WaymarkFunction twice[] = {{"case_one", nullptr, number, 1, 0, WAYMARK_NUMBER, one},
                                     {"case_one", nullptr, number, 1, 0, WAYMARK_NUMBER, one}};
constexpr WaymarkFunction builtin[] = {{"count", nullptr, number, 1, 0, WAYMARK_NUMBER, one}};

constexpr char policy[] = R"([policy]
id = "case-policy"
title = "Case policy"
version = "1.0.0"
owner = "Waymark tests"
applies_to = "tests"
effective = 2026-01-01
review_by = 2030-01-01
sources = ["tests"]

[roles]
worker = "Worker"

[[question]]
id = "visits"
text = "How many visits?"
help = "Test."
kind = "number"
min = 0
source = "tests"

[[action]]
id = "many"
kind = "step"
text = "Many visits."
owner = "worker"
urgency = "same_day"
when = "visits >= 5"
why = "Test."
source = "tests"
)";
constexpr WaymarkPolicyText policy_twice[] = {{"case-policy.toml", policy, sizeof(policy) - 1},
                                              {"case-policy-again.toml", policy, sizeof(policy) - 1}};

constexpr WaymarkPluginDescriptor with(const char* id, const char* version, const WaymarkFunction* functions,
                                       size_t function_count, const WaymarkPolicyText* policies = nullptr,
                                       size_t policy_count = 0) {
  return {WAYMARK_PLUGIN_ABI_VERSION,
          sizeof(WaymarkPluginDescriptor),
          id,
          "Descriptor cases",
          version,
          policies,
          policy_count,
          functions,
          function_count};
}

constexpr WaymarkPluginDescriptor sound_descriptor = with("descriptor-cases", "1.0.0", sound, 1);

const WaymarkPluginDescriptor* pick(std::string_view name) {
  static constexpr struct {
    std::string_view name;
    WaymarkPluginDescriptor descriptor;
  } cases[] = {
      {"bad_id", with("Descriptor_Cases", "1.0.0", sound, 1)},
      {"empty_id", with("", "1.0.0", sound, 1)},
      {"bad_semver", with("descriptor-cases", "1.0", sound, 1)},
      {"leading_zero", with("descriptor-cases", "1.02.0", sound, 1)},
      {"unknown_parameter_type", with("descriptor-cases", "1.0.0", unknown_type, 1)},
      {"text_result", with("descriptor-cases", "1.0.0", text_result, 1)},
      {"null_impl", with("descriptor-cases", "1.0.0", null_impl, 1)},
      {"variadic_no_parameters", with("descriptor-cases", "1.0.0", variadic_empty, 1)},
      {"functions_without_pointer", with("descriptor-cases", "1.0.0", nullptr, 1)},
      {"policies_without_pointer", with("descriptor-cases", "1.0.0", sound, 1, nullptr, 2)},
      {"function_twice", with("descriptor-cases", "1.0.0", twice, 2)},
      {"policy_twice", with("descriptor-cases", "1.0.0", sound, 1, policy_twice, 2)},
      {"builtin_clash", with("descriptor-cases", "1.0.0", builtin, 1)},
  };
  for (const auto& c : cases)
    if (c.name == name) return &c.descriptor;
  return &sound_descriptor;
}

}  // namespace

extern "C" WAYMARK_PLUGIN_EXPORT const WaymarkPluginDescriptor* waymark_plugin_descriptor(void) {
  const char* name = std::getenv("WAYMARK_FIXTURE_CASE");
  return pick(name ? name : "");
}
