#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# lspci's other output forms, byte for byte: the machine formats (-m, -mm, -vm,
# -vmm, with -n/-nn/-D/-k/-x), the tree (-t, -tv, -tn, -tvnn, filtered), bridge
# paths (-P, -PP), selection by class and prog-if (-d ::CC[xx][:PP]), -nnn and
# -D, on every dump (the repo's fixtures and the real-hardware corpus); then
# the live-only keys of -vmm (Driver, NUMANode, IOMMUGroup, DTNode, PhySlot) on
# a sysfs tree built from a fixture, read by both through -O sysfs.path=DIR;
# then the live machine.
#
# A difference is a failure unless it is listed in KNOWN below with its reason;
# a listed difference that has gone away is a failure too (the list stays true).
#
# Usage: formats-vs-lspci.sh VDISC SOURCE_DIR [CORPUS_DIR]
set -uo pipefail
vdisc=$1 src=$2 corpus=${3:-$2/../shared/corpus/pci-real}
here=$(dirname "$0")
if ! command -v lspci >/dev/null; then
  echo "SKIP: lspci not installed (Debian package pciutils); nothing to compare against"
  exit 77
fi
ver=$(lspci --version)
[ "$ver" = "lspci version 3.9.0" ] || echo "note: the reference is lspci 3.9.0; this is '$ver'"

# Option sets compared on every dump (each word splits into lspci's own arguments).
OPTS=(
  "-m" "-mm" "-vm" "-vmm" "-vvmm -k" "-m -n" "-mm -nn" "-vmm -n" "-vm -nnn" "-mm -D" "-mm -x"
  "-m -t" "-t" "-tv" "-tn" "-tvnn" "-tvv -D" "-t -d ::0604" "-tv -d ::01xx" "-t -s 00:"
  "-P" "-PP" "-mm -P" "-vmm -PP -D" "-nnn" "-D -nn"
  "-d ::0604" "-d ::06xx" "-d ::0c03:30" "-d ::0101:8a" "-mm -d 8086::0c03"
)

# KNOWN["dump-file-name|options"]=reason: differences with a reason, each checked to persist.
declare -A KNOWN=()
# A bridge whose secondary bus is its own (hostile-caps 01:01.0): lspci's path recursion never
# ends and it dies of SIGSEGV; vdisc starts the path where it would repeat.
for o in "-P" "-PP" "-mm -P" "-vmm -PP -D"; do
  KNOWN["hostile-caps.lspci-x.txt|$o"]="lspci crashes on the looped bridge 01:01.0; vdisc cuts the loop"
done

shopt -s nullglob
dumps=("$src"/tests/fixtures/pci/*.lspci-x.txt)
if [ -d "$corpus" ]; then dumps+=("$corpus"/*.lspci-x.txt); else echo "note: $corpus absent: fixtures only"; fi
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
pass=0 fail=0 known=0

# compare LABEL KEY LSPCI-ARGS... -- VDISC-ARGS...
compare() {
  local label=$1 key=$2; shift 2
  local largs=() vargs=() lrc
  while [ "$1" != -- ]; do largs+=("$1"); shift; done; shift
  vargs=("$@")
  # (in a subshell: lspci's crashes, listed below, are reported here, not by bash)
  lrc=$(timeout 60 lspci "${largs[@]}" >"$work/l" 2>/dev/null; echo $?) 2>/dev/null
  "$vdisc" pci "${vargs[@]}" >"$work/v" 2>/dev/null
  if cmp -s "$work/l" "$work/v" && [ "$lrc" -lt 128 ]; then
    if [ -n "${KNOWN[$key]+x}" ]; then
      fail=$((fail + 1)); echo "FAIL $label: listed as a known difference, but now agrees: drop it from KNOWN"
    else pass=$((pass + 1)); fi
  elif [ -n "${KNOWN[$key]+x}" ]; then
    known=$((known + 1)); echo "known $label (lspci exit $lrc): ${KNOWN[$key]}"
  else
    fail=$((fail + 1)); echo "FAIL $label (lspci exit $lrc)"; diff "$work/l" "$work/v" | head -6
  fi
}

for d in "${dumps[@]}"; do
  for o in "${OPTS[@]}"; do
    # shellcheck disable=SC2086 # each option set is meant to split into words
    compare "$(basename "$d") $o" "$(basename "$d")|$o" -F "$d" $o -- -F "$d" $o
  done
done

# The live-only keys, on a made-up sysfs tree both read (vdisc through lspci's -O).
for f in q35-virtio i440fx-legacy; do
  fs=$work/sysfs-$f
  if ! "${PYTHON:-python3}" "$here/fake_sysfs.py" "$src/tests/fixtures/pci/$f.lspci-x.txt" "$fs"; then
    fail=$((fail + 1)); echo "FAIL fake_sysfs.py $f"; continue
  fi
  for o in "-vmm" "-vmmk" "-vm -nn" "-vvmmk -D" "-mm" "-t" "-PP" "-vmm -d ::0200"; do
    # shellcheck disable=SC2086
    compare "sysfs($f) $o" "sysfs|$o" -A linux-sysfs -O "sysfs.path=$fs" $o -- -O "sysfs.path=$fs" $o
  done
done

# -i: another pci.ids, here a tiny one whose names need quoting, and whose silence about most
# ids shows lspci's fall-backs ("Device 1042", "Class 0600").
ids=$work/pci.ids
printf '1af4  Test Vendor\n\t1000  Test Net "quoted" \\\\ back\n\t\t1af4 0001  Sub Thing\nC 02  Network\n\t00  Eth\n' >"$ids"
for f in q35-virtio i440fx-legacy; do
  for o in "" "-mm" "-vmm -nn" "-tv" "-vm -n"; do
    d=$src/tests/fixtures/pci/$f.lspci-x.txt
    # shellcheck disable=SC2086
    compare "$f -i $o" "ids|$o" -F "$d" -i "$ids" $o -- -F "$d" -i "$ids" $o
  done
done

# The live machine, where its sysfs shows PCI functions.
if [ -d /sys/bus/pci/devices ] && [ -n "$(ls /sys/bus/pci/devices)" ]; then
  for o in "-mm" "-vmm" "-vmmk" "-vm -nn" "-t" "-tv" "-PP" "-D"; do
    # shellcheck disable=SC2086
    compare "live $o" "live|$o" $o -- $o
  done
fi

echo "$pass agree, $known known differences (listed with their reasons), $fail failed"
[ "$fail" -eq 0 ]
