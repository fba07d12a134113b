#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# vdisc for a guest of another architecture: this source tree built with Debian's cross
# compiler against the sysroot fetch-cross.sh unpacked (glibc, json-c, libfdt, libpci).
#
#   cross-vdisc.sh ARCH CACHE_DIR BUILD_DIR      (then BUILD_DIR/vdisc)
#
# Exit status: 0 built, 77 no cross compiler (Debian: gcc-aarch64-linux-gnu,
# gcc-riscv64-linux-gnu) or no cache,
# 1 the build failed.
set -euo pipefail

arch=$1 cache=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $arch in
aarch64) triplet=aarch64-linux-gnu ;;
riscv64) triplet=riscv64-linux-gnu ;;
*) echo "usage: cross-vdisc.sh aarch64|riscv64 CACHE_DIR BUILD_DIR" >&2; exit 2 ;;
esac
command -v "$triplet-gcc" >/dev/null ||
    { echo "SKIP: no $triplet-gcc (Debian: gcc-$triplet)"; exit 77; }
[[ -f $cache/stamp ]] || { echo "SKIP: no guest cache $cache (fetch-cross.sh)"; exit 77; }
sysroot=$(cd "$cache/root" && pwd)
mkdir -p "$out"
cat >"$out/toolchain.cmake" <<EOF
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR $arch)
set(CMAKE_C_COMPILER $triplet-gcc)
set(CMAKE_SYSROOT $sysroot)
set(CMAKE_LIBRARY_ARCHITECTURE $triplet)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,-rpath-link,$sysroot/usr/lib/$triplet -Wl,-rpath-link,$sysroot/lib/$triplet")
EOF
export PKG_CONFIG_LIBDIR=$sysroot/usr/lib/$triplet/pkgconfig:$sysroot/usr/share/pkgconfig
export PKG_CONFIG_SYSROOT_DIR=$sysroot
cmake -S "$root" -B "$out" -DCMAKE_TOOLCHAIN_FILE="$out/toolchain.cmake" -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS=-O0 >"$out/configure.log" 2>&1 ||
    { cat "$out/configure.log"; exit 1; }
cmake --build "$out" --target vdisc -j"$(nproc)" >"$out/build.log" 2>&1 ||
    { tail -30 "$out/build.log"; exit 1; }
echo "vdisc for $arch: $out/vdisc"
