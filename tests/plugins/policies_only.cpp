// A plugin that provides policies only; its id comes from the build (FIXTURE_ID).
#include <waymark/plugin.h>

WAYMARK_PLUGIN(FIXTURE_ID, "Policies-only fixture", "1.0.0", waymark::plugin::no_functions);
