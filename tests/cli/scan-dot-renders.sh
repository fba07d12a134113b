#!/usr/bin/env bash
# Every checked-in `vdisc scan --graph=dot` golden is a graph Graphviz's dot draws, with one
# node per device of the JSON golden beside it and an edge per child.
#   scan-dot-renders.sh FIXTURE_DIR      (exit 77 without dot: Debian's graphviz)
set -uo pipefail
dir=$1
command -v dot >/dev/null || { echo "SKIP: no dot (Debian: graphviz)"; exit 77; }
failed=0 n=0
for g in "$dir"/*.scan.dot; do
  name=$(basename "$g" .scan.dot)
  n=$((n + 1))
  # the golden ends with vdisc's exit line: the graph is what comes before it
  sed '/^exit [0-9]*$/d' "$g" >"${TMPDIR:-/tmp}/scan-dot-$$.dot"
  if ! dot -Tsvg "${TMPDIR:-/tmp}/scan-dot-$$.dot" -o /dev/null; then
    echo "FAIL $name: dot refuses the graph"
    failed=$((failed + 1))
    continue
  fi
  devices=$(python3 -c 'import json,sys
t=open(sys.argv[1]).read().rsplit("exit",1)[0]
d=json.loads(t)["devices"]
print(len(d), sum(1 for x in d if x["parent"]))' "$dir/$name.scan.json")
  nodes=$(grep -cE '^  d[0-9]+ \[label=' "${TMPDIR:-/tmp}/scan-dot-$$.dot")
  edges=$(grep -cE '^  d[0-9]+ -> d[0-9]+;$' "${TMPDIR:-/tmp}/scan-dot-$$.dot")
  if [ "$nodes $edges" != "$devices" ]; then
    echo "FAIL $name: $nodes nodes and $edges tree edges, the JSON has $devices (devices, children)"
    failed=$((failed + 1))
  else
    echo "ok $name: $nodes nodes, $edges tree edges, drawn by dot"
  fi
done
rm -f "${TMPDIR:-/tmp}/scan-dot-$$.dot"
[ $n -gt 0 ] || { echo "FAIL: no *.scan.dot in $dir"; exit 1; }
exit $((failed > 0))
