#!/bin/sh
# Every policy file in the folder ($1) has its scenario tests beside it (<id>.tests.toml).
status=0
for policy in "$1"/*.toml; do
  case "$policy" in *.tests.toml) continue ;; esac
  tests="${policy%.toml}.tests.toml"
  [ -f "$tests" ] || { echo "$policy has no scenario tests: write $tests"; status=1; }
done
exit $status
