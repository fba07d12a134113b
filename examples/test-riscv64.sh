#!/usr/bin/env bash
# Builds the two examples and boots each on QEMU riscv64 virt, over virtio-mmio v2 and v1,
# with a 1 MiB disk whose sectors 0-7 start "vdisc-sector-0000000N ":
#  - riscv64-virt-blk.elf (polled) must print sector 0's text;
#  - riscv64-virt-blk-irq.elf must print sectors 0-3 in order, one read request each, and
#    irq_completions equal to those requests (so every completion came by interrupt);
# and both must power off with success.
# Usage: examples/test-riscv64.sh [BUILD_DIR]   Exit: 0, 1, 77 (no compiler/QEMU).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
command -v qemu-system-riscv64 >/dev/null || { echo "skipped: no qemu-system-riscv64"; exit 77; }
"$here/build-riscv64.sh" "$build" || exit $?
work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-example.XXXXXX")
trap 'rm -rf "$work"' EXIT
for i in 0 1 2 3 4 5 6 7; do
	printf 'vdisc-sector-%08d ' "$i" | dd of="$work/disk.img" bs=512 seek="$i" conv=notrunc status=none
done
truncate -s 1M "$work/disk.img"

# boot ELF FORCE_LEGACY: the kernel's output in $out, QEMU's exit status in $rc.
boot() {
	out=$(timeout 60 qemu-system-riscv64 -machine virt -bios none -nographic -m 128M \
		-kernel "$build/examples/$1" -global virtio-mmio.force-legacy="$2" \
		-drive "if=none,id=d0,file=$work/disk.img,format=raw" -device virtio-blk-device,drive=d0 \
		</dev/null 2>&1)
	rc=$?
	echo "$out"
}

# The irq example's line: "example-irq: TEXT... irq_completions=N".
irq_line_ok() {
	local line texts n
	line=$(grep '^example-irq: ' <<<"$1") || return 1
	texts=$(sed -E 's/^example-irq:((  *vdisc-sector-[0-9]{8})*) irq_completions=[0-9]+\r?$/\1/;t;d' <<<"$line")
	[ "$(echo $texts)" = "vdisc-sector-00000000 vdisc-sector-00000001 vdisc-sector-00000002 vdisc-sector-00000003" ] || return 1
	n=$(sed -E 's/.* irq_completions=([0-9]+)\r?$/\1/' <<<"$line")
	[ "$n" -gt 0 ] && [ "$n" -eq "$(wc -w <<<"$texts")" ] # one request per sector read
}

fail=0
for legacy in false true; do
	boot riscv64-virt-blk.elf $legacy
	if [ $rc -ne 0 ] || ! grep -q '^example: /soc/virtio_mmio@[0-9a-f]* sector0=vdisc-sector-00000000 ' <<<"$out"; then
		echo "FAIL riscv64-virt-blk force-legacy=$legacy (exit $rc)"
		fail=1
	fi
	boot riscv64-virt-blk-irq.elf $legacy
	if [ $rc -ne 0 ] || ! irq_line_ok "$out"; then
		echo "FAIL riscv64-virt-blk-irq force-legacy=$legacy (exit $rc)"
		fail=1
	fi
done
exit $fail
