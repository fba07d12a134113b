#!/usr/bin/env bash
# Builds examples/riscv64-virt-blk.c and boots it on QEMU riscv64 virt with a
# 1 MiB disk whose sector 0 starts "vdisc-sector-00000000": the example must
# print that text and power off with success, over virtio-mmio v2 and v1.
# Usage: examples/test-riscv64.sh [BUILD_DIR]   Exit: 0, 1, 77 (no compiler/QEMU).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
command -v qemu-system-riscv64 >/dev/null || { echo "skipped: no qemu-system-riscv64"; exit 77; }
"$here/build-riscv64.sh" "$build" || exit $?
work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-example.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf 'vdisc-sector-00000000 ' >"$work/disk.img"
truncate -s 1M "$work/disk.img"
fail=0
for legacy in false true; do
	out=$(timeout 60 qemu-system-riscv64 -machine virt -bios none -nographic -m 128M \
		-kernel "$build/examples/riscv64-virt-blk.elf" -global virtio-mmio.force-legacy=$legacy \
		-drive "if=none,id=d0,file=$work/disk.img,format=raw" -device virtio-blk-device,drive=d0 \
		</dev/null 2>&1)
	rc=$?
	echo "$out"
	if [ $rc -ne 0 ] || ! grep -q '^example: /soc/virtio_mmio@[0-9a-f]* sector0=vdisc-sector-00000000 ' <<<"$out"; then
		echo "FAIL force-legacy=$legacy (exit $rc)"
		fail=1
	fi
done
exit $fail
