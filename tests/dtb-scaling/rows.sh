#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The table keeps the rows its first pass formatted, up to a budget, and its
# second pass prints those and decodes only the rest.  A tree of 40,000
# devices (bench/dtb/gen-tree.py, compiled by dtc) has more rows than the
# budget holds, so both halves of the second pass run; `-v` keeps no rows
# and decodes every device again.  The table, whole and filtered by
# --compatible, must be exactly -v's rows (less -v's properties and header); --wide, since
# -v shows every cell whole.
#
#   rows.sh VDISC
set -uo pipefail
vdisc=$1
source "$(dirname "$0")/trees.sh"
dtb_tree 40000

fail=0
for filter in "" "--compatible=virtio,mmio"; do
	"$vdisc" dtb --wide $filter "$work/40000.dtb" >"$work/table" 2>&1 || { echo "vdisc dtb $filter failed"; exit 1; }
	"$vdisc" dtb -v $filter "$work/40000.dtb" 2>&1 | grep -v '^    ' | sed '/^Header: /,+3d' >"$work/verbose"
	rows=$(grep -c '^/' "$work/table")
	if [[ $rows -lt 40000 ]]; then
		echo "FAIL: vdisc dtb $filter listed $rows devices, expected at least 40000"
		fail=1
	elif ! cmp -s "$work/table" "$work/verbose"; then
		echo "FAIL: vdisc dtb $filter differs from the rows of vdisc dtb -v $filter:"
		diff "$work/table" "$work/verbose" | head -5
		fail=1
	else
		echo "vdisc dtb $filter: $rows rows, the same as -v's"
	fi
done
exit $fail
