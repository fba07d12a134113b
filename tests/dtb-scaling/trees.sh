# SPDX-License-Identifier: MIT
#
# Sourced by the dtb-scaling checks: generated trees of N virtio-mmio devices
# (bench/dtb/gen-tree.py, compiled by dtc) in a temporary directory $work
# that is removed on exit.  Skips (exit 77) without dtc.
command -v dtc >/dev/null || { echo "SKIP: no dtc (device-tree-compiler)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# dtb_tree N: $work/N.dtb, or exit 1
dtb_tree() {
	python3 "$(dirname "${BASH_SOURCE[0]}")/../../bench/dtb/gen-tree.py" --devices "$1" "$work/$1.dts" &&
		dtc -q -I dts -O dtb -o "$work/$1.dtb" "$work/$1.dts" ||
		{ echo "cannot generate the $1-device tree"; exit 1; }
}
