#!/usr/bin/env bash
# vdisc diff on real pairs against the reviewed outputs in tests/fixtures/diff (each
# NAME.diff.txt is stdout, stderr and "exit N"):
#   qemu-aarch64-gic  QEMU's aarch64 virt as gic-version=2 and as gic-version=3 with PCIe
#   qemu-riscv64-smp  QEMU's riscv64 virt with 4 harts and with 1 hart and PCI devices
#   overlay           a real Gateworks base and the same base with an overlay applied by
#                     fdtoverlay (cases/venice-serial.dtso of tests/dtb-overlay)
#   renumber          one tree with its phandles numbered two ways: no difference, exit 0
#   snapshot-*        `vdisc scan --json` snapshots against trees, with and without -v
#   bad-*             a missing input, not JSON, JSON that is no snapshot, one input
#   diff-goldens.sh VDISC SOURCE_DIR [--update]
set -uo pipefail
vdisc=$1 src=$2 update=${3:-}
fix=$src/tests/fixtures
expected=$fix/diff
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in dtc fdtoverlay; do
	command -v $tool >/dev/null || { echo "SKIP: no $tool (Debian: device-tree-compiler)"; exit 77; }
done

# Inputs under short names in one directory: the outputs carry no build paths.
cp "$fix/dtb/aarch64-virt-gicv2.dtb" "$work/gicv2.dtb"
cp "$fix/dtb/aarch64-virt-gicv3-pcie.dtb" "$work/gicv3-pcie.dtb"
cp "$fix/dtb/riscv64-virt.dtb" "$work/riscv64-smp4.dtb"
cp "$fix/scan/riscv64-virt-pci.dtb" "$work/riscv64-smp1-pci.dtb"
cp "$src/tests/dtb-overlay/real/imx8mm-venice-gw72xx-0x.dtb" "$work/venice.dtb"
dtc -q -@ -I dts -O dtb -o "$work/venice-serial.dtbo" "$src/tests/dtb-overlay/cases/venice-serial.dtso"
fdtoverlay -i "$work/venice.dtb" -o "$work/venice-applied.dtb" "$work/venice-serial.dtbo"
dtc -q -I dts -O dtb -o "$work/renumber-a.dtb" "$expected/renumber-a.dts"
dtc -q -I dts -O dtb -o "$work/renumber-b.dtb" "$expected/renumber-b.dts"
(cd "$work" && "$vdisc" scan --json -v --dtb riscv64-smp1-pci.dtb >snap-v.json &&
	"$vdisc" scan --json --dtb riscv64-smp1-pci.dtb --pci-dump \
		"$fix/scan/riscv64-virt-pci.lspci-x.txt" >snap-pci.json) ||
	{ echo "FAIL: vdisc scan --json did not run"; exit 1; }
printf 'not json at all\n' >"$work/garbage.txt"
printf '{"sources": {}, "devices": [{"parent": null}]}\n' >"$work/no-path.json"

run() { # NAME ARGS...
	local name=$1
	shift
	(cd "$work" && "$vdisc" diff "$@") >"$work/$name.diff.txt" 2>&1
	echo "exit $?" >>"$work/$name.diff.txt"
}
run qemu-aarch64-gic gicv2.dtb gicv3-pcie.dtb
run qemu-aarch64-gic-json --json gicv2.dtb gicv3-pcie.dtb
run qemu-riscv64-smp riscv64-smp4.dtb riscv64-smp1-pci.dtb
run overlay venice.dtb venice-applied.dtb
run renumber renumber-a.dtb renumber-b.dtb
run snapshot-same snap-v.json riscv64-smp1-pci.dtb
run snapshot-pci snap-pci.json riscv64-smp4.dtb
run bad-missing gicv2.dtb no-such.dtb
run bad-garbage garbage.txt gicv2.dtb
run bad-no-path gicv2.dtb no-path.json
run bad-one-input gicv2.dtb

failed=0
# shellcheck source=../golden/compare.sh
. "$src/tests/golden/compare.sh"
outputs=()
for out in "$work"/*.diff.txt; do outputs+=("$(basename "$out")"); done
golden_compare "$([ "$update" = --update ] && echo 1)" "$work" "$expected" "${outputs[@]}"
exit $((failed > 0))
