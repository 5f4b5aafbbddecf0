// A descriptor written by hand, broken in the way the build asks for: another ABI version
// (FIXTURE_ABI), a short struct (FIXTURE_SIZE), a missing name (FIXTURE_NAME) or an entry point
// that throws (FIXTURE_THROW).
#include <waymark/plugin.h>

#include <stdexcept>

#ifndef FIXTURE_ABI
#define FIXTURE_ABI WAYMARK_PLUGIN_ABI_VERSION
#endif
#ifndef FIXTURE_SIZE
#define FIXTURE_SIZE sizeof(WaymarkPluginDescriptor)
#endif
#ifndef FIXTURE_NAME
#define FIXTURE_NAME "Handmade fixture"
#endif

namespace {
constexpr WaymarkPluginDescriptor descriptor = {FIXTURE_ABI, FIXTURE_SIZE, "handmade", FIXTURE_NAME, "1.0.0", nullptr,
                                                0,           nullptr,      0};
}

extern "C" WAYMARK_PLUGIN_EXPORT const WaymarkPluginDescriptor* waymark_plugin_descriptor(void) {
#ifdef FIXTURE_THROW
  throw std::runtime_error("the entry point failed");
#endif
  return &descriptor;
}
