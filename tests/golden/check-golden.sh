#!/usr/bin/env bash
# Golden test of one DTB fixture: vdisc's text, -v text, --tree text and
# JSON must equal the reviewed files checked in beside the fixture sources.
#   check-golden.sh VDISC DTB EXPECTED_DIR NAME          compare
#   check-golden.sh --update VDISC DTB EXPECTED_DIR NAME rewrite (then review git diff)
set -uo pipefail
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
[ $# -eq 4 ] || { echo "usage: $0 [--update] VDISC DTB EXPECTED_DIR NAME" >&2; exit 2; }
vdisc=$1 dtb=$2 expected=$3 name=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Run beside the blob and name it by its basename, so outputs do not carry build paths.
run() {
  local out=$1; shift
  (cd "$(dirname "$dtb")" && "$vdisc" dtb "$@" "$(basename "$dtb")") >"$work/$out" 2>"$work/$out.err"
  local rc=$?
  cat "$work/$out.err" >>"$work/$out"
  echo "exit $rc" >>"$work/$out"
}
run "$name.txt"
run "$name.verbose.txt" -v
run "$name.tree.txt" --tree
run "$name.json" --json

failed=0
for f in "$name.txt" "$name.verbose.txt" "$name.tree.txt" "$name.json"; do
  if [ $update -eq 1 ]; then
    cp "$work/$f" "$expected/$f"
    echo "updated $expected/$f"
  elif [ ! -f "$expected/$f" ]; then
    echo "FAIL $f: no expected file $expected/$f (create it with --update, then review it)"
    failed=$((failed + 1))
  elif ! diff -u "$expected/$f" "$work/$f"; then
    echo "FAIL $f differs from $expected/$f"
    failed=$((failed + 1))
  else
    echo "ok $f"
  fi
done
exit $((failed > 0))
