# The Debian packages, made by `cpack -G DEB` in the build folder (docs/install.md):
#   waymark      the command, its web page module, the bundled plugins and policies, the Python
#                package (dist-packages), man pages, docs and a systemd unit (not enabled)
#   waymark-dev  the plugin SDK: headers, the linker's libwaymark.so and find_package(Waymark)
# Both are built from the ordinary build: every installed file finds the others relative to its
# own location, so the package installs under /usr what `cmake --install` puts under any prefix.

set(waymark_packaging "${PROJECT_SOURCE_DIR}/packaging")

# Man pages: generated from the command's own help by help2man (packaging/update-man-pages),
# kept in the tree so building needs no help2man; the test packaging.man_pages_current checks
# them against the built command.
# Installed compressed, as Debian's policy asks (gzip -9n: the same bytes every build).
file(GLOB waymark_man_pages CONFIGURE_DEPENDS "${waymark_packaging}/man/*.1")
set(waymark_man_gz "")
foreach(page IN LISTS waymark_man_pages)
  cmake_path(GET page FILENAME name)
  set(compressed "${PROJECT_BINARY_DIR}/packaging/man/${name}.gz")
  add_custom_command(OUTPUT "${compressed}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${PROJECT_BINARY_DIR}/packaging/man"
    COMMAND gzip -9n -c "${page}" > "${compressed}"
    DEPENDS "${page}")
  list(APPEND waymark_man_gz "${compressed}")
endforeach()
install(FILES ${waymark_man_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The service: /usr/lib/systemd/system in the package, where systemd looks; under another prefix
# it lands beside the rest, for an administrator to copy.
install(FILES "${waymark_packaging}/waymark.service" DESTINATION lib/systemd/system)

# Documentation, with Debian's copyright and changelog in each package's doc folder.
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/waymark)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/waymark FILES_MATCHING PATTERN "*.md")
set(waymark_changelog "${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz")
add_custom_command(OUTPUT "${waymark_changelog}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${PROJECT_BINARY_DIR}/packaging"
  COMMAND gzip -9n -c "${waymark_packaging}/changelog" > "${waymark_changelog}"
  DEPENDS "${waymark_packaging}/changelog"
  COMMENT "Compressing the Debian changelog")
add_custom_target(waymark_debian_files ALL DEPENDS "${waymark_changelog}" ${waymark_man_gz})
install(FILES "${waymark_packaging}/copyright" "${waymark_changelog}"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/waymark COMPONENT runtime)
install(FILES "${waymark_packaging}/copyright" "${waymark_changelog}"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/waymark-dev COMPONENT sdk)

# cpack (like `make install`) first runs the preinstall target, which by default builds all of
# Waymark again, checking ~200 targets: 15-25 s on a busy machine. Packages are made from a
# finished build (docs/install.md: build, then cpack), so installing does not depend on `all`.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_PACKAGE_NAME waymark)
set(CPACK_PACKAGE_VENDOR "Waymark")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# A Debian revision: the package is built from an upstream release (packaging/changelog).
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "Waymark maintainers (placeholder, no address chosen yet) <maintainers@waymark.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime sdk)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Our own libwaymark.so, which dpkg-shlibdeps is told about rather than looking for it installed.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}/core")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
# ldconfig runs once after dpkg has finished, for the shared libraries in /usr/lib.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA "${waymark_packaging}/triggers")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME waymark)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION misc)
# Beyond what dpkg-shlibdeps finds in the ELF files: libsodium is opened at run time, not linked
# (core/src/support/sha256.cpp; its file name libsodium.so.N is in package libsodiumN), and the
# Python package is built for this Python's ABI.
string(REGEX MATCH "[0-9]+$" waymark_sodium_major "${waymark_sodium_soname}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "libsodium${waymark_sodium_major}")
if(WAYMARK_PYTHON AND NOT WAYMARK_SANITIZE)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  string(APPEND CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS
         ", python3 (>= ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}), python3 (<< ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}.100)")
endif()
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "python3-pandas")
# CPack indents these and turns the empty line into " .": the first line is the synopsis.
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION "guided walk-throughs of safeguarding policies
Waymark walks a practitioner through a safeguarding policy's questions,
including the reflective 'Am I colluding?' prompts, and returns the
recommended next steps: who owns each, how urgent it is, why, and which
passage of the policy says so. The result is an evidence record that a
manager, a board or an inspector can read later.

This package has the waymark command, its local web page (waymark serve,
with a systemd unit that is installed but not enabled), the bundled
policies and plugins, and the Python module waymark for trainers.")

set(CPACK_DEBIAN_SDK_PACKAGE_NAME waymark-dev)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "waymark (= ${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}), libfmt-dev, cmake (>= 3.25)")
set(CPACK_DEBIAN_SDK_PACKAGE_SHLIBDEPS OFF)
set(CPACK_COMPONENT_SDK_DESCRIPTION "plugin SDK for Waymark
Headers, the core library to link and a CMake package (find_package(Waymark)
with Waymark::core and waymark_add_plugin()) for safeguarding boards that
build compiled Waymark plugins outside Waymark's own source tree.")

include(CPack)
