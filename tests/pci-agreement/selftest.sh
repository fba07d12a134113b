#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# agreement.py must be able to pass and to fail.  Stand-in 'vdisc' programs
# that are lspci itself, lspci with lines changed, dropped or added, are
# measured on the repo's fixtures and on a generated dump, against a baseline
# made from lspci itself:
#   * lspci itself: 100% in every mode and row, no extras, the check passes;
#   * one decoded line changed (MSI "Enable-" -> "Enable?"): the check fails
#     naming the MSI capability;
#   * one line added to each function: the check fails on extras;
#   * the upper dword of a 64-bit BAR left out (a documented difference): the
#     check passes and the line is counted as documented;
#   * a real unassigned 64-bit BAR left out (not an upper dword, so not
#     documented): the check fails, the difference is not papered over.
#
# usage: selftest.sh PYTHON ROOT
set -uo pipefail
python=$1 root=$2
here=$root/tests/pci-agreement
agree=("$python" "$here/agreement.py")
if ! command -v lspci >/dev/null; then
  echo "SKIP: lspci not installed (Debian package pciutils)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# fake NAME: a 'vdisc' that runs lspci and passes its output through the sed
# script read from standard input.
fake() {
  cat >"$tmp/$1.sed"
  printf '#!/bin/sh\nshift\nlspci "$@" 2>/dev/null | sed -f "%s"\n' "$tmp/$1.sed" >"$tmp/$1"
  chmod +x "$tmp/$1"
}
fake same </dev/null
fake msi <<'EOF'
s/^\(\tCapabilities: \[[0-9a-f]*\] MSI: Enable\)[-+]/\1?/
EOF
fake extra <<'EOF'
/^[0-9a-f]/a\
\tExtra: a line lspci never prints
EOF
fake upper <<'EOF'
/I\/O ports at/d
EOF
fake lower <<'EOF'
/Memory at <unassigned> (64-bit, prefetchable)/d
EOF

# A dump of one function: BAR0 a 64-bit prefetchable memory BAR at 0x1fe000000
# whose upper dword reads 1 (so lspci 3.9 prints it as "I/O ports at 0000").
cat >"$tmp/upper.lspci-x.txt" <<'EOF'
00:03.0 Ethernet controller: Red Hat, Inc. Virtio network device
00: f4 1a 00 10 07 00 10 00 00 00 00 02 00 00 00 00
10: 0c 00 00 fe 01 00 00 00 00 00 00 00 00 00 00 00
20: 00 00 00 00 00 00 00 00 00 00 00 00 f4 1a 01 00
30: 00 00 00 00 00 00 00 00 00 00 00 00 0b 01 00 00

EOF
fixtures=("$root"/tests/fixtures/pci/*.lspci-x.txt)
dumps=()
for d in "${fixtures[@]}" "$tmp/upper.lspci-x.txt"; do dumps+=(--dump "$d"); done
modes=(--mode=-v --mode=-vv --mode=-m --mode=-vmm)
cache=(--cache "$tmp/cache")

"${agree[@]}" "$tmp/same" "${dumps[@]}" "${modes[@]}" "${cache[@]}" \
  --write-baseline "$tmp/baseline.txt" --json >"$tmp/same.json" || fail "lspci as vdisc: run failed"
"$python" - "$tmp/same.json" <<'EOF' || fail "lspci as vdisc: not 100%"
import json, sys
doc = json.load(open(sys.argv[1]))
bad = [(s, m, g, c) for s, sd in doc["sets"].items() for m, md in sd["modes"].items()
       for g, c in md["capabilities"].items()
       if c["reproduced"] != c["lines"] or c["extras"] or c["documented"]]
for b in bad:
    print("not reproduced:", b)
rows = sum(len(md["capabilities"]) for sd in doc["sets"].values() for md in sd["modes"].values())
print("lspci as vdisc: %d rows, all 100%%" % rows if not bad else "")
sys.exit(1 if bad or rows < 10 else 0)
EOF
"${agree[@]}" "$tmp/same" "${dumps[@]}" "${modes[@]}" "${cache[@]}" --check "$tmp/baseline.txt" \
  >"$tmp/same.out" || fail "lspci as vdisc: check against its own baseline failed"

# expect_fail NAME PATTERN: the check must fail and print PATTERN in a FAIL line.
expect_fail() {
  "${agree[@]}" "$tmp/$1" "${dumps[@]}" "${modes[@]}" "${cache[@]}" --check "$tmp/baseline.txt" \
    >"$tmp/$1.out"
  local rc=$?
  if [ $rc -ne 1 ]; then
    fail "$1: check exited $rc, expected 1"
  elif ! grep -q "^FAIL .*$2" "$tmp/$1.out"; then
    fail "$1: no FAIL line matching '$2'"; head -5 "$tmp/$1.out"
  else
    echo "ok: $1 fails as it should: $(grep -m1 "^FAIL .*$2" "$tmp/$1.out")"
  fi
}
expect_fail msi 'cap 05 MSI'
expect_fail extra 'header: [0-9]* extra lines'
expect_fail lower 'header'

# The upper dword left out: documented, so the check passes with documented lines counted.
if "${agree[@]}" "$tmp/upper" --dump "$tmp/upper.lspci-x.txt" "${modes[@]}" "${cache[@]}" \
    --check "$tmp/baseline.txt" >"$tmp/upper.out"; then
  if grep -q '^dumps    -vv .*100%), 1 documented' "$tmp/upper.out" &&
     grep -q '^dumps    -v  .*100%), 1 documented' "$tmp/upper.out"; then
    echo "ok: upper dword of a 64-bit BAR counted as documented at -v and -vv"
  else
    fail "upper: not counted as documented"; cat "$tmp/upper.out"
  fi
else
  fail "upper: a documented difference failed the check"; cat "$tmp/upper.out"
fi

if [ $fails -ne 0 ]; then
  echo "$fails self-test(s) failed"
  exit 1
fi
echo "agreement.py self-test passed"
