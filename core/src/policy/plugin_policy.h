// Loading a policy a plugin embeds, remembering which plugin provides it.
#pragma once

#include <waymark/loader.h>

namespace waymark::detail {

LoadResult try_load_plugin_policy(std::string_view toml_text, std::string origin, const FunctionRegistry& functions,
                                  PolicyProvider provider);

}  // namespace waymark::detail
