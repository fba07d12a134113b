#!/usr/bin/env bash
# Golden test of one fixture: vdisc's outputs must equal the reviewed files
# checked in beside the fixture.
#   check-golden.sh VDISC dtb|pci|scan INPUT EXPECTED_DIR NAME           compare
#   check-golden.sh --update VDISC dtb|pci|scan INPUT EXPECTED_DIR NAME  rewrite (then review git diff)
# dtb: NAME.txt, NAME.verbose.txt, NAME.tree.txt, NAME.json
# pci: NAME.vdisc.txt (-nn), NAME.vdisc-vv.txt, NAME.vdisc-tree.txt, NAME.vdisc.json,
#      NAME.vdisc-walk.txt (-n --scan bridges)
# scan: INPUT is a path without its suffix: INPUT.dtb and INPUT.lspci-x.txt, whichever exist,
#      are joined; NAME.scan.txt, NAME.scan-v.txt (-v --wide), NAME.scan.json, NAME.scan.dot
set -uo pipefail
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
[ $# -eq 5 ] || { echo "usage: $0 [--update] VDISC dtb|pci|scan INPUT EXPECTED_DIR NAME" >&2; exit 2; }
vdisc=$1 cmd=$2 input=$3 expected=$4 name=$5
# The default table fits $COLUMNS where it is set (and the terminal, never one here): 120 then.
unset COLUMNS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Run beside the input and name it by its basename, so outputs carry no build paths.
run() {
  local out=$1; shift
  local base
  base=$(basename "$input")
  if [ "$cmd" = pci ]; then
    (cd "$(dirname "$input")" && "$vdisc" pci "$@" -F "$base") >"$work/$out" 2>"$work/$out.err"
  elif [ "$cmd" = scan ]; then
    local files=()
    [ -f "$input.dtb" ] && files+=(--dtb "$base.dtb")
    [ -f "$input.lspci-x.txt" ] && files+=(--pci-dump "$base.lspci-x.txt")
    (cd "$(dirname "$input")" && "$vdisc" scan "$@" "${files[@]}") >"$work/$out" 2>"$work/$out.err"
  else
    (cd "$(dirname "$input")" && "$vdisc" dtb "$@" "$base") >"$work/$out" 2>"$work/$out.err"
  fi
  local rc=$?
  cp "$work/$out" "$work/$out.stdout"
  cat "$work/$out.err" >>"$work/$out"
  echo "exit $rc" >>"$work/$out"
}
case "$cmd" in
  dtb)
    outputs=("$name.txt" "$name.verbose.txt" "$name.tree.txt" "$name.json")
    run "${outputs[0]}"; run "${outputs[1]}" -v; run "${outputs[2]}" --tree; run "${outputs[3]}" --json ;;
  pci)
    outputs=("$name.vdisc.txt" "$name.vdisc-vv.txt" "$name.vdisc-tree.txt" "$name.vdisc.json"
             "$name.vdisc-walk.txt")
    run "${outputs[0]}" -nn; run "${outputs[1]}" -vv; run "${outputs[2]}" -t; run "${outputs[3]}" --json
    # The dump as a live bus: the bridge walk must find the same functions, and stop on loops.
    run "${outputs[4]}" -n --scan bridges ;;
  scan)
    outputs=("$name.scan.txt" "$name.scan-v.txt" "$name.scan.json" "$name.scan.dot")
    run "${outputs[0]}"; run "${outputs[1]}" -v --wide; run "${outputs[2]}" --json
    run "${outputs[3]}" --graph=dot ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac

failed=0
# The default listing fits 120 columns (issue 13); -v and the tree may be wider, and an error
# line on stderr is one line however long.
if [ "$cmd" = dtb ] && [ $update -eq 0 ]; then
  wide=$(awk 'length($0) > 120 { n++ } END { print n + 0 }' "$work/${outputs[0]}.stdout")
  if [ "$wide" -gt 0 ]; then
    echo "FAIL ${outputs[0]}: $wide lines wider than 120 columns"
    failed=$((failed + 1))
  fi
fi
# shellcheck source=compare.sh
. "$(dirname "$0")/compare.sh"
golden_compare "$update" "$work" "$expected" "${outputs[@]}"
exit $((failed > 0))
