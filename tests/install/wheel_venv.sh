#!/bin/sh
# The wheel as a trainer gets it: built offline from the build (python/wheel/build-wheel.sh),
# installed with pip into a fresh virtual environment with nothing else in it, and used from
# there: `import waymark`, `python -m waymark` (the walk-through, and any command) and
# `python -m waymark exercise` with the example cohort.
#   wheel_venv.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

sh "$source/python/wheel/build-wheel.sh" "$build" "$work/dist" >"$work/wheel.log" 2>&1 ||
  { cat "$work/wheel.log"; fail "building the wheel"; }
wheel=$(ls "$work"/dist/waymark-*.whl)
echo "Built $(basename "$wheel")"

/usr/bin/python3 -m venv "$work/venv"
python="$work/venv/bin/python"
"$python" -m pip install --no-index --disable-pip-version-check --quiet "$wheel" || fail "pip install $wheel"

# From elsewhere, with nothing from the build tree or the environment to lean on.
cd "$work"
unset WAYMARK_POLICY_PATH WAYMARK_PLUGIN_PATH PYTHONPATH
export HOME="$work/home" WAYMARK_DB="$work/home/cases.db"
mkdir -p "$HOME"
"$python" -c "
import waymark
assert waymark.__file__.startswith('$work/venv/'), waymark.__file__
ids = waymark.PolicyRegistry.from_search_path().ids()
assert 'adult-non-engagement' in ids and 'cqc-refusal-pathway' in ids, ids
print('import waymark:', len(ids), 'policies, from', waymark.__file__)
" || fail "import waymark from the venv"

"$python" -m waymark list >"$work/list.txt" 2>&1 || { cat "$work/list.txt"; fail "python -m waymark list"; }
grep -q "cqc-refusal-pathway" "$work/list.txt" || fail "python -m waymark list shows no plugin policies"
if grep -q "$build\|$source" "$work/list.txt"; then fail "the wheel's command reads from the build or source tree"; fi
"$python" -m waymark run adult-non-engagement --answers "$source/tests/install/son-at-the-door.answers.toml" \
  >"$work/run.txt" 2>&1 || { cat "$work/run.txt"; fail "python -m waymark run --answers"; }
grep -q "Do not close the case" "$work/run.txt" || fail "python -m waymark run does not recommend what the policy says"
# The walk-through: choose the first policy, then stop at its first question (end of input).
printf '1\n' | "$python" -m waymark >"$work/walk.txt" 2>&1 || true
grep -q "Which policy do you want to walk through?" "$work/walk.txt" || { cat "$work/walk.txt"; fail "python -m waymark offers no policies"; }
grep -q "Question 1" "$work/walk.txt" || { cat "$work/walk.txt"; fail "python -m waymark does not start the walk-through"; }

"$python" -m waymark exercise "$source/python/examples/scenarios/adult-non-engagement.toml" \
  "$source/python/examples/cohort-responses.csv" --out "$work/report" >"$work/exercise.txt" 2>&1 ||
  { cat "$work/exercise.txt"; fail "python -m waymark exercise"; }
grep -q "^T01: son-at-the-door" "$work/exercise.txt" || { cat "$work/exercise.txt"; fail "no feedback for trainee T01"; }
[ -s "$work/report/cohort.csv" ] && [ -s "$work/report/cohort.md" ] || fail "python -m waymark exercise --out wrote no reports"
echo "PASS: the wheel installs into a venv; import, python -m waymark and exercise work from there"
