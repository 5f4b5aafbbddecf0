# Installs the CMake package boards build plugins against: find_package(Waymark) gives the target
# Waymark::core and the function waymark_add_plugin() (WaymarkSdk.cmake). The package version is
# Waymark's; the plugin ABI version (WAYMARK_PLUGIN_ABI_VERSION in waymark/plugin.h) is recorded
# beside it, since a plugin built against one ABI loads only into a Waymark of the same ABI.
include(CMakePackageConfigHelpers)

set(WAYMARK_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/Waymark")
file(STRINGS "${PROJECT_SOURCE_DIR}/core/include/waymark/plugin.h" abi_line
     REGEX "^#define WAYMARK_PLUGIN_ABI_VERSION [0-9]+u?$")
string(REGEX MATCH "[0-9]+" WAYMARK_PLUGIN_ABI_VERSION "${abi_line}")
if(NOT WAYMARK_PLUGIN_ABI_VERSION)
  message(FATAL_ERROR "No WAYMARK_PLUGIN_ABI_VERSION found in core/include/waymark/plugin.h")
endif()

install(EXPORT WaymarkTargets NAMESPACE Waymark:: DESTINATION "${WAYMARK_CMAKE_INSTALL_DIR}" COMPONENT sdk)
configure_package_config_file(cmake/WaymarkConfig.cmake.in "${PROJECT_BINARY_DIR}/WaymarkConfig.cmake"
  INSTALL_DESTINATION "${WAYMARK_CMAKE_INSTALL_DIR}")
# Before 1.0 a minor release may change the C++ API, so only the same major.minor is compatible.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/WaymarkConfigVersion.cmake.base"
  COMPATIBILITY SameMinorVersion)
file(READ "${PROJECT_BINARY_DIR}/WaymarkConfigVersion.cmake.base" version_file)
file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/WaymarkConfigVersion.cmake" @ONLY CONTENT
"${version_file}
# The plugin ABI this Waymark loads (WAYMARK_PLUGIN_ABI_VERSION in waymark/plugin.h).
set(PACKAGE_WAYMARK_PLUGIN_ABI_VERSION @WAYMARK_PLUGIN_ABI_VERSION@)
")
install(FILES
  "${PROJECT_BINARY_DIR}/WaymarkConfig.cmake"
  "${PROJECT_BINARY_DIR}/WaymarkConfigVersion.cmake"
  cmake/WaymarkSdk.cmake
  cmake/waymark_embed_policy.cmake
  DESTINATION "${WAYMARK_CMAKE_INSTALL_DIR}" COMPONENT sdk)
