#!/usr/bin/env bash
# Builds the freestanding library for cross targets with Debian's cross
# compilers, one build directory each (build/cross-ARCH), and checks it:
#   build/cross-ARCH/libvdisc-freestanding.a   the core
#   build/cross-ARCH/libfdt-freestanding.a     libfdt from linux-source-6.1
#   build/cross-ARCH/link_check                tests/cross/link_check.c linked with no C library
# then prints per architecture the archives' .text/.data/.bss, the symbol
# check (tests/cross/check-undefined.sh), the largest stack frames and the
# worst call chains (tests/cross/stack-report.py), and the time taken.
#
# Usage: scripts/cross-build.sh [riscv64|aarch64|i686|all]...   (default: all)
# Exit: 0 all built and checked, 1 a build or check failed, 77 no requested
# architecture's cross compiler is installed (scripts/bootstrap.sh cross).
# Environment: VDISC_CROSS_BUILD_ROOT (default ROOT/build), JOBS.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_root=${VDISC_CROSS_BUILD_ROOT:-$root/build}
jobs=${JOBS:-$(nproc)}

arches=()
for a in "${@:-all}"; do
	case "$a" in
	all) arches+=(riscv64 aarch64 i686) ;;
	riscv64 | aarch64 | i686) arches+=("$a") ;;
	*)
		echo "usage: cross-build.sh [riscv64|aarch64|i686|all]..." >&2
		exit 2
		;;
	esac
done

prefix_of() {
	case "$1" in
	riscv64) echo riscv64-unknown-elf- ;;
	aarch64) echo aarch64-linux-gnu- ;;
	i686) echo i686-linux-gnu- ;;
	esac
}

built=0 failed=0 skipped=0
for arch in "${arches[@]}"; do
	prefix=$(prefix_of "$arch")
	if ! command -v "${prefix}gcc" >/dev/null; then
		echo "== $arch: skipped: ${prefix}gcc not found (Debian package 'gcc-${prefix%-}'; scripts/bootstrap.sh cross)"
		skipped=$((skipped + 1))
		continue
	fi
	dir=$build_root/cross-$arch
	log=$dir.log
	mkdir -p "$build_root"
	start=$(date +%s%N)
	if ! {
		cmake -S "$root" -B "$dir" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/$arch-elf.cmake" \
			-DVDISC_FREESTANDING_ONLY=ON -DVDISC_LIBFDT_SOURCE_DIR="$build_root/cross-libfdt" &&
			cmake --build "$dir" -j"$jobs" &&
			cmake --build "$dir" -j"$jobs" --target vdisc_cross_link_check
	} >"$log" 2>&1; then
		echo "== $arch: FAILED to build (log: $log)"
		grep -E ': (fatal )?error:|undefined reference|CMake Error|not found' "$log" | head -20 | sed 's/^/  /'
		failed=$((failed + 1))
		continue
	fi
	ms=$((($(date +%s%N) - start) / 1000000))
	printf '== %s: configured and built in %d.%01ds (%s)\n' "$arch" $((ms / 1000)) $((ms % 1000 / 100)) \
		"$("${prefix}gcc" --version | head -1)"

	for lib in libvdisc-freestanding.a libfdt-freestanding.a; do
		"${prefix}size" -t "$dir/$lib" | tail -1 |
			awk -v lib="$lib" '{printf "  %-26s text %7d  data %5d  bss %5d  (bytes)\n", lib, $1, $2, $3}'
	done
	if ! "$root/tests/cross/check-undefined.sh" "$arch" "$dir/libvdisc-freestanding.a" \
		"$dir/libfdt-freestanding.a" | sed 's/^/  /'; then
		failed=$((failed + 1))
		continue
	fi
	echo "  link_check: linked with no C library ($("${prefix}size" "$dir/link_check" | awk 'NR==2 {print $1 " bytes of text"}'))"
	if command -v python3 >/dev/null; then
		python3 "$root/tests/cross/stack-report.py" "$dir" | sed 's/^/  /'
	else
		echo "  stack report skipped: python3 not found"
	fi
	built=$((built + 1))
done

echo "cross-build: $built built, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || exit 1
[ "$built" -gt 0 ] || exit 77
exit 0
