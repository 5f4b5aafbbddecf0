#include "postgres_module.h"

#include <fmt/format.h>
#include <waymark/store.h>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <mutex>

namespace waymark::detail {

namespace {

namespace fs = std::filesystem;

// Installed in <libdir>/waymark beside this library's own folder, else the one in the build tree.
fs::path module_path() {
  const fs::path installed =
      fs::path(boost::dll::this_line_location().parent_path()) / "waymark" / "waymark-postgresql.so";
  std::error_code error;
  return fs::exists(installed, error) ? installed : fs::path(WAYMARK_BUILD_POSTGRESQL_MODULE);
}

// Opened once and kept for the life of the process: backends made by it may live that long.
const boost::dll::shared_library& postgresql_module() {
  static std::once_flag opened;
  static boost::dll::shared_library module;
  static std::string failure;
  std::call_once(opened, [] {
    const fs::path path = module_path();
    try {
      module = boost::dll::shared_library(path, boost::dll::load_mode::rtld_now);
    } catch (const std::exception& e) {
      failure = fmt::format("the PostgreSQL module {} cannot be opened: {} (is Waymark fully installed?)",
                            path.string(), e.what());
    }
  });
  if (!failure.empty()) throw StoreError(failure);
  return module;
}

}  // namespace

std::unique_ptr<Backend> open_postgresql_backend(const std::string& locator, const std::string& display) {
  using Open = Backend*(const char*, const char*);
  const auto& open = postgresql_module().get<Open>("waymark_open_postgresql");
  return std::unique_ptr<Backend>(open(locator.c_str(), display.c_str()));
}

}  // namespace waymark::detail
