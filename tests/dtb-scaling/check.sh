#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The suite's guard against a quadratic path in `vdisc dtb`: the same tree
# shape at 2,000 and 20,000 devices (bench/dtb/gen-tree.py, compiled by dtc),
# each output mode timed (best of 3) on both, and the ratio must stay well
# below the square's 100: linear is about 10, the bound is 30.  A ratio of two
# sizes in one run, never an absolute time.
#
#   check.sh VDISC
set -uo pipefail
vdisc=$1
source "$(dirname "$0")/trees.sh"
dtb_tree 2000
dtb_tree 20000

best() { # MODE-ARGS... FILE: the best of 3 wall times, in ms
	local t0 t best=
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$vdisc" dtb "$@" >/dev/null || return 1
		t=$((($(date +%s%N) - t0) / 1000000))
		[[ -z $best || $t -lt $best ]] && best=$t
	done
	echo $((best > 0 ? best : 1))
}

fail=0
for mode in "" "--tree" "--json" "-v" "--compatible=virtio,mmio"; do
	small=$(best $mode "$work/2000.dtb") || { echo "vdisc dtb $mode failed"; exit 1; }
	large=$(best $mode "$work/20000.dtb") || { echo "vdisc dtb $mode failed"; exit 1; }
	ratio=$((large / small))
	echo "vdisc dtb ${mode:-(table)}: 2k devices $small ms, 20k devices $large ms, ratio $ratio"
	if [[ $ratio -gt 30 && $large -gt 200 ]]; then
		echo "FAIL: 10 times the devices cost $ratio times the time: not linear"
		fail=1
	fi
done
exit $fail
