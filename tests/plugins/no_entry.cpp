// A library that is not a plugin: it exports something, but not the entry point.
#include <waymark/plugin.h>

extern "C" WAYMARK_PLUGIN_EXPORT int something_else(void) { return 42; }
