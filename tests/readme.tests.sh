#!/bin/sh
# Fails when the README's second command (the tests) and .ci/run's drift apart.
set -eu
root="$1"
command=$(grep -m1 -A1 '^<!-- test-command -->' "$root/README.md" | tail -n1 | sed 's/^ *//')
[ -n "$command" ] || { echo "README.md has no line after <!-- test-command -->"; exit 1; }
grep -qxF "$command" "$root/.ci/run" || { echo ".ci/run does not run the README's test command: $command"; exit 1; }
echo "ok: $command"
