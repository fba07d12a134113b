#!/usr/bin/env bash
# Builds the vdisc boot-test kernel for ARCH (riscv64 only, for now):
#   BUILD_DIR/boot/vdisc-boot-ARCH.elf
# from tests/boot/ARCH/start.S, ARCH/arch.c and kernel.c, linked with no C
# library against BUILD_DIR/cross-ARCH/libvdisc-freestanding.a,
# libfdt-freestanding.a, tests/freestanding/minimal_libc.c and libgcc.
# scripts/cross-build.sh ARCH is run first (incremental), so the kernel links the current library.
#
# Usage: tests/boot/build.sh ARCH [BUILD_DIR]   (BUILD_DIR default: ROOT/build)
# Exit: 0 built, 1 failed, 77 the cross compiler is not installed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
arch=${1:-}
build=${2:-$root/build}
mkdir -p "$build"
build=$(cd "$build" && pwd)

case "$arch" in
riscv64)
	cc=riscv64-unknown-elf-gcc
	flags=(-march=rv64imac -mabi=lp64 -mcmodel=medany)
	# start.S and arch.c read CSRs: binutils >= 2.38 wants Zicsr named.
	archflags=(-march=rv64imac_zicsr)
	;;
*)
	echo "usage: build.sh riscv64 [BUILD_DIR]" >&2
	exit 2
	;;
esac

if ! command -v "$cc" >/dev/null; then
	echo "build.sh: $cc not found (scripts/bootstrap.sh cross)" >&2
	exit 77
fi

cross=$build/cross-$arch
# Always: the cross build is incremental, and a stale library would test old code.
VDISC_CROSS_BUILD_ROOT=$build "$root/scripts/cross-build.sh" "$arch" >/dev/null || exit 1
libfdt_inc=$build/cross-libfdt/libfdt
[ -f "$libfdt_inc/libfdt.h" ] || {
	echo "build.sh: $libfdt_inc/libfdt.h missing (scripts/cross-build.sh $arch)" >&2
	exit 1
}

gcc_inc=$("$cc" "${flags[@]}" -print-file-name=include)
cflags=("${flags[@]}" -ffreestanding -nostdlib -nostdinc -isystem "$gcc_inc"
	-isystem "$root/cmake/toolchains/freestanding-include" -isystem "$libfdt_inc"
	-I "$root/include" -O2 -g -std=c11 -Wall -Wextra -fno-stack-protector -fno-pic -fno-pie
	-ffunction-sections -fdata-sections -fno-builtin)

out=$build/boot
obj=$out/obj-$arch
mkdir -p "$obj"
"$cc" "${cflags[@]}" "${archflags[@]}" -c "$here/$arch/start.S" -o "$obj/start.o"
"$cc" "${cflags[@]}" "${archflags[@]}" -c "$here/$arch/arch.c" -o "$obj/arch.o"
"$cc" "${cflags[@]}" -c "$here/kernel.c" -o "$obj/kernel.o"
"$cc" "${cflags[@]}" -c "$root/tests/freestanding/minimal_libc.c" -o "$obj/minimal_libc.o"
"$cc" "${flags[@]}" -nostdlib -static -T "$here/$arch/link.ld" -Wl,--gc-sections \
	-Wl,--no-warn-rwx-segments -o "$out/vdisc-boot-$arch.elf" \
	"$obj/start.o" "$obj/arch.o" "$obj/kernel.o" "$obj/minimal_libc.o" \
	"$cross/libvdisc-freestanding.a" "$cross/libfdt-freestanding.a" -lgcc
echo "built $out/vdisc-boot-$arch.elf"
