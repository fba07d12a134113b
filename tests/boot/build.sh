#!/usr/bin/env bash
# Builds the vdisc boot-test kernel for ARCH (riscv64, aarch64 or x86):
#   BUILD_DIR/boot/vdisc-boot-ARCH.elf
# (x86 also vdisc-boot-x86-pvh.elf: the same objects without the Multiboot
# header, for QEMU's microvm, which boots it through its PVH note)
# from tests/boot/ARCH/start.S, every ARCH/*.c and the arch-neutral kernel
# (every tests/boot/*.c: kernel.c and its parts), linked with no C
# library against BUILD_DIR/cross-LIBARCH/libvdisc-freestanding.a,
# libfdt-freestanding.a, tests/freestanding/minimal_libc.c and libgcc, where
# LIBARCH is ARCH except for x86, whose 32-bit kernel (a Multiboot ELF32)
# links the i686 library.  scripts/cross-build.sh LIBARCH is run first
# (incremental), so the kernel links the current library.  The compiler flags
# are the library's own (cmake/toolchains/LIBARCH-elf.cmake).
#
# Usage: tests/boot/build.sh ARCH [BUILD_DIR]   (BUILD_DIR default: ROOT/build)
# Exit: 0 built, 1 failed, 77 the cross compiler is not installed.
# shellcheck disable=SC2054 # linker options hold commas
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
arch=${1:-}
build=${2:-$root/build}
mkdir -p "$build"
build=$(cd "$build" && pwd)

libarch=$arch
ldflags=()
case "$arch" in
riscv64)
	cc=riscv64-unknown-elf-gcc
	flags=(-march=rv64imac -mabi=lp64 -mcmodel=medany)
	# start.S and arch.c read CSRs: binutils >= 2.38 wants Zicsr named.
	archflags=(-march=rv64imac_zicsr)
	;;
aarch64)
	cc=aarch64-linux-gnu-gcc
	# The MMU stays off (all data accesses Device): nothing unaligned, no FP/SIMD.
	flags=(-mcpu=cortex-a53 -mgeneral-regs-only -mstrict-align)
	archflags=()
	ldflags=(-no-pie -Wl,--build-id=none)
	;;
x86)
	cc=i686-linux-gnu-gcc
	libarch=i686
	flags=(-m32 -march=i686 -mgeneral-regs-only)
	archflags=()
	# The Multiboot header must lie in the file's first 8 KiB.
	ldflags=(-no-pie -Wl,--build-id=none -Wl,-z,max-page-size=0x1000)
	;;
*)
	echo "usage: build.sh riscv64|aarch64|x86 [BUILD_DIR]" >&2
	exit 2
	;;
esac

if ! command -v "$cc" >/dev/null; then
	echo "build.sh: $cc not found (scripts/bootstrap.sh cross)" >&2
	exit 77
fi

cross=$build/cross-$libarch
# Always: the cross build is incremental, and a stale library would test old code.
VDISC_CROSS_BUILD_ROOT=$build "$root/scripts/cross-build.sh" "$libarch" >/dev/null || {
	echo "build.sh: scripts/cross-build.sh $libarch failed (log: $cross.log)" >&2
	exit 1
}
libfdt_inc=$build/cross-libfdt/libfdt
[ -f "$libfdt_inc/libfdt.h" ] || {
	echo "build.sh: $libfdt_inc/libfdt.h missing (scripts/cross-build.sh $libarch)" >&2
	exit 1
}

gcc_inc=$("$cc" "${flags[@]}" -print-file-name=include)
cflags=("${flags[@]}" -ffreestanding -nostdlib -nostdinc -isystem "$gcc_inc"
	-isystem "$root/cmake/toolchains/freestanding-include" -isystem "$libfdt_inc"
	-I "$root/include" -O2 -g -std=c11 -Wall -Wextra -Werror -fno-stack-protector -fno-pic -fno-pie
	-ffunction-sections -fdata-sections -fno-builtin)

out=$build/boot
obj=$out/obj-$arch
mkdir -p "$obj"
"$cc" "${cflags[@]}" "${archflags[@]}" -c "$here/$arch/start.S" -o "$obj/start.o"
objs=()
rm -f "$obj/$arch"-*.o
for src in "$here/$arch"/*.c; do
	o=$obj/$arch-$(basename "$src" .c).o
	"$cc" "${cflags[@]}" "${archflags[@]}" -c "$src" -o "$o"
	objs+=("$o")
done
rm -f "$obj"/kernel-*.o
for src in "$here"/*.c; do
	o=$obj/kernel-$(basename "$src" .c).o
	"$cc" "${cflags[@]}" -c "$src" -o "$o"
	objs+=("$o")
done
"$cc" "${cflags[@]}" -c "$root/tests/freestanding/minimal_libc.c" -o "$obj/minimal_libc.o"
link() { # ELF START_OBJECT
	"$cc" "${flags[@]}" -nostdlib -static -T "$here/$arch/link.ld" -Wl,--gc-sections \
		-Wl,--no-warn-rwx-segments "${ldflags[@]}" -o "$1" "$2" \
		"${objs[@]}" "$obj/minimal_libc.o" \
		"$cross/libvdisc-freestanding.a" "$cross/libfdt-freestanding.a" -lgcc
	echo "built $1"
}
link "$out/vdisc-boot-$arch.elf" "$obj/start.o"
if [ "$arch" = x86 ]; then
	# QEMU boots an ELF with a Multiboot header as Multiboot even on microvm, whose
	# firmware alone passes the virtio_mmio.device= command line (PVH's start info):
	# the PVH image is the same link without that header.
	"${cc%gcc}objcopy" --remove-section=.multiboot "$obj/start.o" "$obj/start-pvh.o"
	link "$out/vdisc-boot-$arch-pvh.elf" "$obj/start-pvh.o"
fi
