#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# A guest cache for another architecture: Debian's kernel and busybox for it, and the
# libraries vdisc is built against and runs with, downloaded with `apt-get download`
# under a private apt state (the host's configuration, index and dpkg database are not
# touched; the archive addresses are the host's) and unpacked with `dpkg-deb -x`.
#
#   fetch-cross.sh ARCH CACHE_DIR        ARCH: aarch64 (Debian 12), riscv64 (Debian 13: 12 has
#                                        no riscv64 port)
#
# Layout, as fetch.sh's where it can be (mkinitramfs.sh and run-guest.sh read both):
#   CACHE/root/            every package unpacked: the kernel's modules, busybox, and a
#                          sysroot (libc6-dev, json-c, libfdt, libpci and what they need)
#   CACHE/kernel           the kernel image QEMU boots (Debian's arm64 vmlinuz: a gzipped
#                          Image, which QEMU unpacks; riscv64's vmlinux: a plain Image)
#   CACHE/busybox          symlink to root/bin/busybox (the guest's: it does not run here)
#   CACHE/arch             the architecture, for the scripts that read the cache
#   CACHE/kernel-version   the /lib/modules directory name
#   CACHE/packages         "package version" lines of what was fetched
#   CACHE/stamp            written last: the cache is complete
# A filled cache is left alone; to refresh it, remove the directory.
#
# Exit status: 0 ready, 77 cannot fetch here (no apt-get/dpkg-deb, or the archive is
# unreachable), 1 anything else.
set -euo pipefail

arch=${1:-}
cache=${2:-}
# Debian 12 has no riscv64 port: that guest is Debian 13's (trixie) kernel and userland.
sources=
case $arch in
aarch64) deb_arch=arm64 ;;
riscv64) deb_arch=riscv64 sources="deb http://deb.debian.org/debian trixie main" ;;
*) echo "usage: fetch-cross.sh aarch64|riscv64 CACHE_DIR" >&2; exit 2 ;;
esac
[[ -n $cache ]] || { echo "usage: fetch-cross.sh $arch CACHE_DIR" >&2; exit 2; }
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
if [[ -f $cache/stamp ]]; then
    echo "guest cache $cache: $arch, kernel $(cat "$cache/kernel-version")"
    exit 0
fi
for tool in apt-get apt-cache dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not found: not a Debian host" >&2; exit 77; }
done

apt=(-o "Dir::State::Lists=$cache/apt/lists" -o "Dir::Cache=$cache/apt/cache"
     -o "Dir::State::status=/dev/null" -o "APT::Architecture=$deb_arch"
     -o "APT::Architectures::=$deb_arch")
mkdir -p "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial" "$cache/debs"
if [[ -n $sources ]]; then
    echo "$sources" >"$cache/apt/sources.list"
    apt+=(-o "Dir::Etc::SourceList=$cache/apt/sources.list" -o "Dir::Etc::SourceParts=/nonexistent")
fi
chmod 755 "$cache/debs" # _apt writes into the directory it downloads to, or warns
apt-get "${apt[@]}" update >"$cache/apt-update.log" 2>&1 || {
    echo "SKIP: apt-get update for $deb_arch failed (no network to Debian's archive?): $cache/apt-update.log" >&2
    exit 77
}
kpkg=$(apt-cache "${apt[@]}" depends "linux-image-$deb_arch" 2>/dev/null |
       sed -n "s/^ *Depends: \(linux-image-[0-9].*-$deb_arch\)\$/\1/p" | head -n1)
[[ -n $kpkg ]] || { echo "SKIP: no linux-image-$deb_arch in the index" >&2; exit 77; }
# The sysroot: what vdisc is compiled and linked against, and what it runs with.
pkgs=("$kpkg" busybox-static libc6 libc6-dev linux-libc-dev libgcc-s1 libcrypt1 libcrypt-dev
      libjson-c5 libjson-c-dev libfdt1 libfdt-dev libpci3 libpci-dev libudev1 zlib1g libcap2)
(cd "$cache/debs" && apt-get "${apt[@]}" download "${pkgs[@]}") >"$cache/apt-download.log" 2>&1 || {
    echo "SKIP: apt-get download failed: $cache/apt-download.log" >&2
    exit 77
}
rm -rf "$cache/root"
mkdir -p "$cache/root"
: >"$cache/packages"
for deb in "$cache"/debs/*.deb; do
    dpkg-deb -x "$deb" "$cache/root"
    dpkg-deb -f "$deb" Package Version | paste -sd' ' >>"$cache/packages"
done
# Debian 13's packages put everything under /usr (merged /usr), and its libc.so names
# /lib/...: the links base-files would make, which this sysroot does not unpack.
for d in bin sbin lib; do
    [[ -e $cache/root/$d || ! -d $cache/root/usr/$d ]] || ln -s "usr/$d" "$cache/root/$d"
done
kver=${kpkg#linux-image-}
# arm64's is a gzipped Image (vmlinuz-), riscv64's a plain one (vmlinux-): QEMU boots either.
for k in "vmlinuz-$kver" "vmlinux-$kver"; do
    [[ -e $cache/root/boot/$k ]] && ln -sf "root/boot/$k" "$cache/kernel"
done
[[ -e $cache/kernel ]] || { echo "fetch-cross.sh: no kernel image in $kpkg" >&2; exit 1; }
ln -sf root/bin/busybox "$cache/busybox"
echo "$kver" >"$cache/kernel-version"
echo "$arch" >"$cache/arch"
touch "$cache/stamp"
echo "guest cache $cache: $arch, kernel $kver, $(du -sh "$cache/root" | cut -f1)"
