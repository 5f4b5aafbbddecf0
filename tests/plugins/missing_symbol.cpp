// Calls a function no library defines, so the system loader refuses it.
#include <waymark/plugin.h>

extern "C" int waymark_fixture_nowhere(void);

extern "C" WAYMARK_PLUGIN_EXPORT const WaymarkPluginDescriptor* waymark_plugin_descriptor(void) {
  static int n = waymark_fixture_nowhere();
  (void)n;
  return nullptr;
}
