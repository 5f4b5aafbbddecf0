#include "plugin_library.h"

#include <boost/dll/shared_library.hpp>

#include <fmt/format.h>

#include <dlfcn.h>

#include <array>
#include <exception>
#include <fstream>

namespace waymark::detail {

namespace {

bool has_elf_header(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<char, 4> magic{};
  in.read(magic.data(), magic.size());
  return in && magic == std::array<char, 4>{'\x7f', 'E', 'L', 'F'};
}

// Boost.DLL keeps only an error code; the system loader's own words say what is wrong (a missing
// dependency, an undefined symbol, another architecture), so ask it once more.
std::string loader_reason(const std::filesystem::path& file) {
  if (void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL)) {
    dlclose(handle);
    return "the system loader refused it";
  }
  const char* text = dlerror();
  std::string reason = text ? text : "the system loader refused it";
  if (const std::string prefix = file.string() + ": "; reason.starts_with(prefix)) reason.erase(0, prefix.size());
  return reason;
}

}  // namespace

std::string_view library_suffix() {
  static const std::string suffix = boost::dll::shared_library::suffix().string();
  return suffix;
}

std::variant<OpenedPlugin, std::string> open_plugin(const std::filesystem::path& file) {
  std::error_code error_code;
  if (!std::filesystem::is_regular_file(file, error_code)) return std::string("there is no such file");
  if (!has_elf_header(file)) return std::string("it is not a loadable library (not an ELF shared object)");
  boost::dll::fs::error_code error;
  // rtld_now: an undefined symbol is a refusal now, not a crash in the middle of a session.
  auto library = std::make_shared<boost::dll::shared_library>(
      file, error, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (error) return fmt::format("it is not a loadable library: {}", loader_reason(file));
  if (!library->has(WAYMARK_PLUGIN_ENTRY_POINT))
    return fmt::format("it has no entry point '{}' (a plugin defines it with WAYMARK_PLUGIN(...))",
                       WAYMARK_PLUGIN_ENTRY_POINT);
  auto& entry = library->get<const WaymarkPluginDescriptor*()>(WAYMARK_PLUGIN_ENTRY_POINT);
  OpenedPlugin opened;
  std::string escaped;
  try {
    opened.descriptor = entry();
  } catch (const std::exception& e) {
    escaped = e.what();
  } catch (...) {
    escaped = "an exception that is not a std::exception";
  }
  if (!escaped.empty()) return fmt::format("its entry point threw: {}", escaped);
  if (!opened.descriptor) return std::string("its entry point returned no descriptor");
  opened.library = std::move(library);
  return opened;
}

void keep_loaded(const std::filesystem::path& file) {
  // RTLD_NOLOAD | RTLD_NODELETE promotes the already loaded library: dlclose will never unmap it.
  if (void* handle = dlopen(file.c_str(), RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE)) dlclose(handle);
}

}  // namespace waymark::detail
