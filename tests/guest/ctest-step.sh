#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The ctest side of the guest tests (tests/guest/guest_tests.cmake): each
# subcommand is one test, and exits 77 (skip) with a reason where this host
# cannot run guests.
#
#   ctest-step.sh fetch CACHE
#       fill the guest cache (fetch.sh); skip without qemu-system-x86_64 or
#       without Debian's archive
#   ctest-step.sh initramfs CACHE INITRD VDISC
#       build INITRD (mkinitramfs.sh) with the vdisc binary VDISC in it
#   ctest-step.sh cross ARCH CACHE INITRD BUILD_DIR
#       another architecture's guest (aarch64): fill CACHE (fetch-cross.sh), build vdisc
#       for it in BUILD_DIR (cross-vdisc.sh), then INITRD with it; skip without
#       qemu-system-ARCH, the cross compiler or Debian's archive
#   ctest-step.sh run CACHE INITRD [--disk DEVICE_OPTS]... [--qemu ARG]... [--guest-opt OPT]...
#                     [--untouched] -- SCRIPT [ARGS...]
#       boot a guest (run-guest.sh) running SCRIPT; each --disk is a fresh
#       8 MiB image of random bytes on "-device virtio-blk-pci,drive=dN,DEVICE_OPTS"
#       (d1, d2, ... in order; the guest sees them in that order on bus 0).
#       --untouched: fail if the guest changed an image (sha256 before/after).
#       --ro-disk DEVICE_OPTS: the same, read-only (the device offers VIRTIO_BLK_F_RO).
#       --qemu ARG: one more QEMU argument (a pcie-root-port); --guest-opt OPT: one
#       more run-guest.sh option (--no-iommu).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
step=${1:-}
shift || true

cs_need_qemu() {
    if ! command -v qemu-system-x86_64 >/dev/null; then
        echo "SKIP: qemu-system-x86_64 not found (Debian package qemu-system-x86): no guest tests" >&2
        exit 77
    fi
}

case $step in
fetch)
    cs_need_qemu
    # Several build trees (the suite's nested ASan build among them) share one cache:
    # one fetch at a time, the others find it done.
    mkdir -p "$1"
    exec flock "$1/.lock" "$here/fetch.sh" "$1"
    ;;
initramfs)
    cs_need_qemu
    mkdir -p "$(dirname "$2")"
    # ext4 (which mounts ext2; it wants the crc32c hash) for the case that mounts a disk
    # to see vdisc refuse it.
    # virtio_mmio goes in unloaded: the virtio-mmio cases load it themselves, after reading
    # the devices with no driver.
    kver=$(cat "$1/kernel-version")
    exec "$here/mkinitramfs.sh" "$2" --cache "$1" --bin "$3" --module ext4 --module crc32c_generic \
        --file "$1/root/lib/modules/$kver/kernel/drivers/virtio/virtio_mmio.ko:/lib/modules/virtio_mmio.ko"
    ;;
cross)
    arch=$1 cache=$2 initrd=$3 out=$4
    command -v "qemu-system-$arch" >/dev/null ||
        { echo "SKIP: qemu-system-$arch not found (Debian package qemu-system-arm)" >&2; exit 77; }
    mkdir -p "$cache" "$(dirname "$initrd")"
    flock "$cache/.lock" "$here/fetch-cross.sh" "$arch" "$cache"
    "$here/cross-vdisc.sh" "$arch" "$cache" "$out"
    exec "$here/mkinitramfs.sh" "$initrd" --cache "$cache" --bin "$out/vdisc" --sysroot "$cache/root" \
        --virtio-only
    ;;
run)
    cache=$1
    initrd=$2
    shift 2
    cs_need_qemu
    if [[ ! -f $cache/stamp || ! -f $initrd ]]; then
        echo "SKIP: no guest cache $cache or initramfs $initrd (guest-fetch or guest-initramfs skipped)" >&2
        exit 77
    fi
    work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-guest-case.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    qemu_args=()
    guest_opts=()
    images=()
    untouched=0
    while [[ $# -gt 0 && $1 != -- ]]; do
        case $1 in
        --disk | --ro-disk)
            n=$((${#images[@]} + 1))
            img=$work/d$n.img
            head -c 8M /dev/urandom >"$img"
            images+=("$img")
            ro=
            [[ $1 == --ro-disk ]] && ro=,readonly=on
            qemu_args+=(-drive "file=$img,if=none,id=d$n,format=raw$ro"
                        -device "virtio-blk-pci,drive=d$n,$2")
            shift 2
            ;;
        --untouched) untouched=1; shift ;;
        --qemu) qemu_args+=("$2"); shift 2 ;;
        --guest-opt) guest_opts+=("$2"); shift 2 ;;
        *) echo "ctest-step.sh run: unknown option $1" >&2; exit 2 ;;
        esac
    done
    shift # --
    cs_sums() { [[ ${#images[@]} -eq 0 ]] || sha256sum "${images[@]}"; }
    before=$(cs_sums)
    set +e
    "$here/run-guest.sh" --cache "$cache" --initrd "$initrd" "${guest_opts[@]}" -- "${qemu_args[@]}" -- "$@"
    rc=$?
    set -e
    after=$(cs_sums)
    if [[ $untouched == 1 && $before != "$after" ]]; then
        echo "FAIL: the guest changed a disk image:" >&2
        diff <(echo "$before") <(echo "$after") >&2 || true
        exit 1
    fi
    exit "$rc"
    ;;
*)
    sed -n '/^#   ctest-step.sh/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
