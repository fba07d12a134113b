#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The guest runner's cache: Debian 12's kernel and busybox, downloaded with
# `apt-get download` and unpacked with `dpkg-deb -x` (never installed on this
# host), plus the kernel's ELF image for a PVH boot.
#
#   fetch.sh [CACHE_DIR]
#
# CACHE_DIR is, in order: the argument, $VDISC_GUEST_CACHE, build/guest-cache
# in the source tree.  A filled cache is left alone (a second run only prints
# what is there); to refresh it, remove the directory.  Layout:
#
#   CACHE/root/              the two packages unpacked (boot/, lib/modules/, bin/busybox)
#   CACHE/vmlinux            the uncompressed kernel ELF (PVH entry note), see below
#   CACHE/bzImage            symlink to root/boot/vmlinuz-VERSION
#   CACHE/busybox            symlink to root/bin/busybox (static: also usable on the host)
#   CACHE/kernel-version     e.g. 6.1.0-57-amd64 (the /lib/modules directory name)
#   CACHE/packages           "package version" lines of what was fetched
#   CACHE/stamp              written last: the cache is complete
#
# The kernel package is the one linux-image-amd64 depends on in this host's
# apt index (linux-image-6.1.0-NN-amd64).  If the download fails, and we are
# root, the index is refreshed once (`apt-get update`) and the download retried.
#
# vmlinux: a bzImage is real-mode setup code, then a decompressor, then the
# compressed kernel (Debian: xz).  The boot protocol header says where that
# payload is: setup_sects at 0x1f1 (protected-mode code starts at
# (setup_sects + 1) * 512), payload_offset (0x248) and payload_length (0x24c)
# relative to that.  The payload ends with the 4-byte uncompressed size, which
# plain `xz -d` calls trailing garbage: --single-stream stops at the end of
# the xz stream.  Handing QEMU the ELF (-kernel vmlinux) boots it through its
# PVH note and skips the decompression in the guest (slow under TCG).
#
# Exit status: 0 ready, 77 cannot fetch here (no apt-get/dpkg-deb, or the
# archive is unreachable), 1 anything else.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${VDISC_GUEST_CACHE:-$here/../../build/guest-cache}}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

fg_report() {
    echo "guest cache $cache:"
    sed 's/^/  /' "$cache/packages"
    echo "  kernel $(cat "$cache/kernel-version"); vmlinux $(du -h "$cache/vmlinux" | cut -f1)," \
        "whole cache $(du -sh "$cache" | cut -f1)"
}

if [[ -f $cache/stamp ]]; then
    fg_report
    exit 0
fi

for tool in apt-get apt-cache dpkg-deb xz od; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool not found: the guest cache needs a Debian host (apt-get, dpkg-deb, xz)" >&2
        exit 77
    fi
done

kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
       sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n1)
if [[ -z $kpkg ]]; then
    echo "SKIP: apt-cache knows no linux-image-amd64 (not a Debian host, or no apt index)" >&2
    exit 77
fi

dl=$(mktemp -d "$cache/.download.XXXXXX")
trap 'rm -rf "$dl"' EXIT
chmod 755 "$dl" # _apt reads the directory it downloads into, or warns

fg_download() {
    (cd "$dl" && apt-get download "$kpkg" busybox-static) >"$dl/apt.log" 2>&1
}

if ! fg_download; then
    if [[ $(id -u) -eq 0 ]] && apt-get update >"$dl/update.log" 2>&1 && fg_download; then
        :
    else
        echo "SKIP: apt-get download $kpkg busybox-static failed (no network to Debian's archive?):" >&2
        tail -n 3 "$dl/apt.log" >&2
        exit 77
    fi
fi

rm -rf "$cache/root" "$cache/vmlinux" "$cache/.vmlinux.tmp"
: >"$cache/packages"
for deb in "$dl"/*.deb; do
    dpkg-deb -x "$deb" "$cache/root"
    printf '%s %s (%s)\n' "$(dpkg-deb -f "$deb" Package)" "$(dpkg-deb -f "$deb" Version)" \
        "$(du -h "$deb" | cut -f1)" >>"$cache/packages"
done

bz=$(ls "$cache"/root/boot/vmlinuz-*)
kver=${bz##*/vmlinuz-}
fg_le() { od -An -t "u$2" -j "$1" -N "$2" "$bz" | tr -d ' '; }
setup_sects=$(fg_le $((0x1f1)) 1)
payload_off=$(fg_le $((0x248)) 4)
payload_len=$(fg_le $((0x24c)) 4)
start=$(((setup_sects + 1) * 512 + payload_off))
magic=$(od -An -t x1 -j "$start" -N 6 "$bz" | tr -d ' ')
if [[ $magic != fd377a585a00 ]]; then
    echo "fetch.sh: $bz: payload at $start is not xz (magic $magic): Debian changed its compression" >&2
    exit 1
fi
# Without pipefail here: tail dies of SIGPIPE when head has its bytes; xz's status counts.
(set +o pipefail
 tail -c +$((start + 1)) "$bz" | head -c "$payload_len" | xz -dc --single-stream >"$cache/.vmlinux.tmp")
if [[ $(od -An -c -N 4 "$cache/.vmlinux.tmp" | tr -d ' ') != 177ELF ]]; then
    echo "fetch.sh: the payload of $bz is not an ELF image" >&2
    exit 1
fi
mv "$cache/.vmlinux.tmp" "$cache/vmlinux"
ln -sfn "root/boot/vmlinuz-$kver" "$cache/bzImage"
ln -sfn root/bin/busybox "$cache/busybox"
echo "$kver" >"$cache/kernel-version"
date -u +%FT%TZ >"$cache/stamp"
echo "fetched:"
fg_report
