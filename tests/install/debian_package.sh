#!/bin/sh
# The Debian packages as an administrator gets them: one `cpack -G DEB` from the build, the
# waymark package unpacked into a temporary root (dpkg-deb -x), and from there the installed
# `waymark list`, `run` with an answers file, `serve` (one page fetched) and `import waymark`;
# then lintian, which must report no error for either package.
#   debian_package.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$2
work=$(mktemp -d)
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$work"/out/waymark_*_amd64.deb)
dev=$(ls "$work"/out/waymark-dev_*_amd64.deb)
echo "Built $(basename "$deb") and $(basename "$dev")"
version=$(dpkg-deb -f "$deb" Version)
[ "$version" = "$(dpkg-parsechangelog -l "$source/packaging/changelog" -S Version)" ] ||
  fail "the package is version $version but packaging/changelog's latest entry is not: add an entry"
dpkg-deb -f "$deb" Depends | grep -q "libc6" || fail "no runtime dependencies declared: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -f "$deb" Depends | grep -q "python3" || fail "the Python package's interpreter is not a dependency"

root=$work/root
dpkg-deb -x "$deb" "$root"
for file in usr/bin/waymark usr/lib/waymark/waymark-serve.so usr/lib/waymark/waymark-postgresql.so \
            usr/share/man/man1/waymark.1.gz \
            usr/share/man/man1/waymark-run.1.gz usr/lib/systemd/system/waymark.service \
            usr/share/doc/waymark/copyright usr/share/doc/waymark/changelog.Debian.gz \
            usr/share/waymark/policies/adult-non-engagement.toml usr/lib/python3/dist-packages/waymark/__init__.py; do
  [ -e "$root/$file" ] || fail "the package has no /$file"
done
ls "$root"/usr/lib/waymark/plugins/*.so >/dev/null || fail "the package has no bundled plugins"

# The unpacked command, with nothing from the build tree or the environment to lean on.
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" WAYMARK_POLICY_PATH= WAYMARK_PLUGIN_PATH= WAYMARK_DB=
mkdir -p "$HOME"
waymark="$root/usr/bin/waymark"
"$waymark" list >"$work/list.txt" 2>&1 || { cat "$work/list.txt"; fail "waymark list"; }
grep -q "adult-non-engagement" "$work/list.txt" || fail "waymark list does not show the bundled policies"
grep -q "cqc-refusal-pathway" "$work/list.txt" || fail "waymark list does not show the plugins' policies"
if grep -q "$build\|$source" "$work/list.txt"; then fail "the packaged command reads from the build or source tree"; fi

"$waymark" run adult-non-engagement --answers "$source/tests/install/son-at-the-door.answers.toml" >"$work/run.txt" 2>&1 ||
  { cat "$work/run.txt"; fail "waymark run --answers"; }
grep -q "Do not close the case" "$work/run.txt" || fail "waymark run does not recommend what the policy says"

"$waymark" serve --port 0 --session-dir "$work/sessions" >"$work/serve.txt" 2>&1 &
server=$!
address=""
for _ in $(seq 1 100); do
  address=$(sed -n 's|.*Open \(http://[^ ]*\) in your browser.*|\1|p' "$work/serve.txt")
  [ -n "$address" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.txt"; fail "waymark serve stopped"; }
  sleep 0.1
done
[ -n "$address" ] || { cat "$work/serve.txt"; fail "waymark serve printed no address"; }
curl -sf "$address" >"$work/page.html" || fail "no page from $address"
grep -q "adult-non-engagement\|Adults who are not engaging" "$work/page.html" || fail "the served page lists no policies"
kill "$server"
wait "$server" 2>/dev/null || true
server=""

PYTHONPATH="$root/usr/lib/python3/dist-packages" PYTHONDONTWRITEBYTECODE=1 python3 -c "
import waymark, sys
assert waymark.__file__.startswith('$root'), waymark.__file__
ids = waymark.PolicyRegistry.from_search_path().ids()
assert 'adult-non-engagement' in ids and 'cqc-refusal-pathway' in ids, ids
print('import waymark:', len(ids), 'policies')
" || fail "python3 -c 'import waymark' from the package"

lintian --fail-on error --tag-display-limit 0 "$deb" "$dev" || fail "lintian reports errors"
echo "PASS: the packages install, run, serve, import and pass lintian"
