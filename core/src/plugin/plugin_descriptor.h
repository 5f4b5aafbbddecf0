// Checking a plugin's descriptor before anything in it is used.
#pragma once

#include <waymark/plugin.h>

#include <optional>
#include <string>

namespace waymark::detail {

// The first thing wrong with a descriptor, in words that follow "plugin refused: ", or nothing if
// it is sound. The ABI version and size are checked before any other field is read.
std::optional<std::string> check_descriptor(const WaymarkPluginDescriptor& descriptor);

}  // namespace waymark::detail
