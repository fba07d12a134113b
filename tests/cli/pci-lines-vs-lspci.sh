#!/usr/bin/env bash
# vdisc pci's one-line listing must equal lspci's, with names (-), -n and -nn,
# on every dump we have (the QEMU fixtures and ../shared/corpus) and on the
# live machine.  lspci is the established tool: agreement with it is the test.
#
# Usage: pci-lines-vs-lspci.sh VDISC ROOT [--fixtures-only]
# --fixtures-only (the sanitizer rerun): the corpus's first lines pass through the same printer
# in pci-agreement there, whose -v output starts each function with this line.
set -uo pipefail
vdisc=$1 root=$2 scope=${3:-}
if ! command -v lspci >/dev/null; then
  echo "SKIP: lspci not installed (Debian package pciutils); nothing to compare against"
  exit 77
fi
shopt -s nullglob
dumps=("$root"/tests/fixtures/pci/*.lspci-x.txt)
corpus="$root/../shared/corpus/pci-real"
if [ "$scope" = --fixtures-only ]; then
  echo "note: --fixtures-only: the corpus is left to pci-agreement"
elif [ -d "$corpus" ]; then
  dumps+=("$corpus"/*.lspci-x.txt)
else
  echo "note: $corpus absent: checking the repo's own fixtures only"
fi
pass=0 fail=0
check() { # check LABEL -- lspci-args -- vdisc-args
  local label=$1; shift
  local largs=() vargs=()
  while [ "$1" != -- ]; do largs+=("$1"); shift; done; shift
  vargs=("$@")
  if diff <(lspci "${largs[@]}" 2>/dev/null) <("$vdisc" pci "${vargs[@]}" 2>/dev/null) >/tmp/vdisc-lines.$$; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL $label"; head -6 /tmp/vdisc-lines.$$
  fi
}
for d in "${dumps[@]}"; do
  for o in "" -n -nn; do
    check "$(basename "$d") $o" -F "$d" $o -- -F "$d" $o
  done
done
# Live: only where both see the same functions (sysfs readable).
if [ -d /sys/bus/pci/devices ]; then
  for o in "" -n -nn; do check "live $o" $o -- $o; done
fi
rm -f /tmp/vdisc-lines.$$
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
