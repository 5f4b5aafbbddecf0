#!/bin/sh
# Builds the waymark wheel from a build folder, offline:
#   python/wheel/build-wheel.sh BUILD_DIR OUT_DIR
# Installs the build's runtime into a staging prefix, lays the package folder out as that prefix
# (waymark/bin/waymark, waymark/lib/..., waymark/share/waymark/policies) and runs Debian's
# python3-build on it without isolation, so nothing is downloaded. The wheel is for the Python and
# platform the build was made for (cp311, linux_x86_64 on Debian 12).
set -eu
build=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
# Debian's interpreter, which has python3-build and which the module is built for (python/CMakeLists.txt).
python=${PYTHON:-/usr/bin/python3}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

cmake --install "$build" --prefix "$stage/prefix" --component runtime --strip >/dev/null
prefix=$stage/prefix
package=$stage/src/waymark
mkdir -p "$stage/src"
cp -r "$prefix/lib/python3/dist-packages/waymark" "$package"
rm -rf "$prefix/lib/python3" "$prefix/lib/systemd" "$prefix/share/doc" "$prefix/share/man"
cp -r "$prefix/bin" "$prefix/lib" "$prefix/share" "$package/"
# A wheel holds no symbolic links: keep each library once, under the name the loader asks for.
find "$package/lib" -type l | while read -r link; do
  target=$(readlink -f "$link")
  rm "$link"
  mv "$target" "$link"
done
find "$package" -name __pycache__ -prune -exec rm -rf {} +

cp "$here/pyproject.toml" "$here/setup.py" "$stage/src/"
cat > "$stage/src/README.md" <<'README'
# waymark

Guided walk-throughs of safeguarding policies (`python -m waymark`), and trainers' exercises
scored against them (`python -m waymark exercise`, `import waymark`). The wheel carries the
`waymark` command, its bundled policies and plugins. See docs/python.md in Waymark's source.
README
version=$("$prefix/bin/waymark" --version | sed 's/^waymark //')
mkdir -p "$out"
(cd "$stage/src" && WAYMARK_WHEEL_VERSION=$version "$python" -m build --no-isolation --wheel --outdir "$out" . >"$stage/build.log" 2>&1) ||
  { cat "$stage/build.log"; echo "build-wheel.sh: python3 -m build failed" >&2; exit 1; }
ls "$out"/waymark-"$version"-*.whl
