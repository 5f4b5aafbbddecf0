// Opening a plugin library with Boost.DLL and finding its descriptor. Nothing here reads the
// descriptor beyond the pointer: checking it is plugin_descriptor.h's job.
#pragma once

#include <waymark/plugin.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace waymark::detail {

struct OpenedPlugin {
  // A boost::dll::shared_library, type-erased so that Boost stays out of every other file.
  std::shared_ptr<const void> library;
  const WaymarkPluginDescriptor* descriptor = nullptr;
};

// The file name ending of a loadable library on this platform (".so").
std::string_view library_suffix();

// The opened library, or why it cannot be used (in words that follow "plugin refused: ").
std::variant<OpenedPlugin, std::string> open_plugin(const std::filesystem::path& file);

// Marks the library so that it is never unloaded, even after the last handle to it closes.
void keep_loaded(const std::filesystem::path& file);

}  // namespace waymark::detail
