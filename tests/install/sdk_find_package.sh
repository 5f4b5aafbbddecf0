#!/bin/sh
# A board's plugin built outside Waymark's tree: install Waymark into a temporary prefix, move
# the prefix (the install must not care where it is), build examples/plugin/ as its own CMake
# project with find_package(Waymark), then load it into the installed `waymark` and run the
# plugin's scenario tests.
#   sdk_find_package.sh BUILD_DIR SOURCE_DIR [COMPILER_LAUNCHER]
set -eu
build=$1
source=$2
launcher=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/installed" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
mv "$work/installed" "$work/prefix"
prefix=$work/prefix

for file in include/waymark/plugin.h include/waymark/export.h lib/cmake/Waymark/WaymarkConfig.cmake \
            lib/cmake/Waymark/WaymarkConfigVersion.cmake lib/cmake/Waymark/WaymarkSdk.cmake; do
  [ -f "$prefix/$file" ] || fail "the SDK does not install $file"
done
grep -q "PACKAGE_WAYMARK_PLUGIN_ABI_VERSION [0-9]" "$prefix/lib/cmake/Waymark/WaymarkConfigVersion.cmake" ||
  fail "the package version file does not record the plugin ABI version"

cmake -S "$source/examples/plugin" -B "$work/plugin" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=$launcher} >"$work/configure.log" ||
  { cat "$work/configure.log"; fail "find_package(Waymark) against the installed SDK"; }
cmake --build "$work/plugin" >"$work/build.log" || { cat "$work/build.log"; fail "building the plugin"; }
[ -f "$work/plugin/plugins/example.so" ] || fail "no example.so built"

# The installed command, moved: it finds its bundled plugins and policies beside itself.
waymark="$prefix/bin/waymark"
"$waymark" --plugin-dir "$work/plugin/plugins" plugins >"$work/plugins.txt" 2>&1 || { cat "$work/plugins.txt"; fail "waymark plugins"; }
cat "$work/plugins.txt"
grep -q "^example 1.0.0" "$work/plugins.txt" || fail "the plugin built outside the tree is not loaded"
grep -q "$prefix/lib/waymark/plugins" "$work/plugins.txt" || fail "the moved install does not search its own plugin folder"
if grep -q "$build" "$work/plugins.txt"; then fail "the installed command searches the build tree"; fi
"$waymark" list >"$work/list.txt" || fail "waymark list"
grep -q "adult-non-engagement" "$work/list.txt" || fail "the moved install does not find its bundled policies"
"$waymark" --plugin-dir "$work/plugin/plugins" test "$source/examples/plugin/example-missed-contacts.tests.toml" ||
  fail "the plugin's scenario tests"
echo "PASS: plugin built against the installed SDK, loaded and tested"
