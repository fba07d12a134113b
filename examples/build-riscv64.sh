#!/usr/bin/env bash
# Builds examples/riscv64-virt-blk.c (polled) and riscv64-virt-blk-irq.c (interrupt-driven)
# into BUILD_DIR/examples/riscv64-virt-blk{,-irq}.elf against
# the riscv64 libvdisc-freestanding.a and libfdt-freestanding.a (scripts/cross-build.sh),
# with no C library: tests/freestanding/minimal_libc.c gives the mem/str functions.
# Usage: examples/build-riscv64.sh [BUILD_DIR]   Exit: 0, 1 failed, 77 no riscv64 compiler.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(mkdir -p "${1:-$root/build}" && cd "${1:-$root/build}" && pwd)
cc=riscv64-unknown-elf-gcc
command -v "$cc" >/dev/null || { echo "build-riscv64.sh: $cc not found (scripts/bootstrap.sh cross)" >&2; exit 77; }
log=$(VDISC_CROSS_BUILD_ROOT=$build "$root/scripts/cross-build.sh" riscv64 2>&1) || {
	echo "$log" >&2
	echo "build-riscv64.sh: scripts/cross-build.sh riscv64 failed" >&2
	exit 1
}
flags=(-march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -ffreestanding -nostdlib -nostdinc
	-isystem "$("$cc" -print-file-name=include)" -isystem "$root/cmake/toolchains/freestanding-include"
	-isystem "$build/cross-libfdt/libfdt" -I "$root/include" -Os -std=c11 -Wall -Wextra -Werror
	-fno-stack-protector -fno-pic -fno-pie -ffunction-sections -fdata-sections)
mkdir -p "$build/examples"
for name in riscv64-virt-blk riscv64-virt-blk-irq; do
	"$cc" "${flags[@]}" -static -T "$root/tests/boot/riscv64/link.ld" -Wl,--gc-sections \
		-Wl,--no-warn-rwx-segments -o "$build/examples/$name.elf" \
		"$root/examples/$name.c" "$root/tests/freestanding/minimal_libc.c" \
		"$build/cross-riscv64/libvdisc-freestanding.a" "$build/cross-riscv64/libfdt-freestanding.a" -lgcc
	echo "built $build/examples/$name.elf"
done
