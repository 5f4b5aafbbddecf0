// Ships policies/adult-non-engagement.toml, so the checklist travels with a known content hash.
#include <waymark/plugin.h>

WAYMARK_PLUGIN("adult-non-engagement", "Adults who are not engaging with services", "1.1.0",
               waymark::plugin::no_functions);
