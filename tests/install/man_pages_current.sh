#!/bin/sh
# The man pages in packaging/man are what packaging/update-man-pages makes from the built
# command's help: a changed option or command description fails here until they are regenerated.
#   man_pages_current.sh WAYMARK SOURCE_DIR
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sh "$2/packaging/update-man-pages" "$1" "$work"
if ! diff -ru "$2/packaging/man" "$work"; then
  echo "FAIL: the man pages are out of date: run packaging/update-man-pages build/waymark" >&2
  exit 1
fi
echo "PASS: the man pages match the command's help"
