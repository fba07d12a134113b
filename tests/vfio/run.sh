#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Boot a guest with a spare virtio-blk disk behind intel-iommu and run
# vfio_blk_probe on it (tests/vfio/guest-case.sh), then check on the host
# that the disk image is unchanged.
#
#   run.sh BUILD_DIR [--guest-dir DIR] [--read-only] [--no-iommu] [--iommu-platform=off]
#          [--readonly-disk] [--intremap=off] [--append KERNEL-ARGS] [--qemu ARG]...
#          [--slot SLOT] [--root-port]
#
#   The spare disk is 0000:00:05.0 (--root-port: 0000:01:00.0, behind a
#   pcie-root-port), a 16 MiB image of random bytes; --slot
#   probes another function, which --qemu arguments may add.
#
#   --probe-arg ARG  an argument for vfio_blk_probe (--reads N)
#   --guest-opt ARG  an option for guest-case.sh (--user UID, --memlock KIB, --no-chown,
#                    --no-bind)
#   --expect-exit N  the probe must exit N (then run.sh exits 0)
#   --expect REGEX   a line of the guest's console must match (grep -E; repeatable)
#   --guest-dir DIR  the guest runner's scripts (default $VDISC_GUEST_DIR, else tests/guest
#                    of this tree)
#   BUILD_DIR        holds tests/vfio_blk_probe; the initramfs is written there
#
# Exit: the probe's status (0 pass), or the runner's (77 skip, 124 timeout, 125 crash);
# with --expect-exit, 0 when everything expected was seen, else 1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [options]}" && pwd)
shift
guest=${VDISC_GUEST_DIR:-$here/../guest}
probe_args=()
# Under a loaded host TCG can miss the boot-time check that the timer interrupt
# arrives through the remapped IO-APIC, and the kernel panics: skip that check.
runner_args=(--append no_timer_check)
platform=on
drive_ro=
qemu_extra=()
slot=0000:00:05.0
expect_exit=
root_port=
guest_opts=()
expects=()
while [[ $# -gt 0 ]]; do
    case $1 in
    --guest-dir) guest=$2; shift 2 ;;
    --read-only) probe_args+=(--read-only); shift ;;
    --probe-arg) probe_args+=("$2"); shift 2 ;;
    --no-iommu | --intremap=off) runner_args+=("$1"); shift ;;
    --qemu) qemu_extra+=("$2"); shift 2 ;;
    --slot) slot=$2; shift 2 ;;
    --guest-opt) guest_opts+=("$2"); shift 2 ;;
    --expect-exit) expect_exit=$2; shift 2 ;;
    --expect) expects+=("$2"); shift 2 ;;
    --iommu-platform=off) platform=off; shift ;;
    --readonly-disk) drive_ro=,readonly=on; shift ;;
    --root-port) root_port=1; slot=0000:01:00.0; shift ;;
    --append) runner_args+=(--append "$2"); shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -x $guest/run-guest.sh ]] || { echo "SKIP: no guest runner in $guest" >&2; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-vfio.XXXXXX")
trap 'rm -rf "$work"' EXIT
initrd=$build/vfio-guest/initramfs.cpio.gz
mkdir -p "$(dirname "$initrd")"
if [[ ! -f $initrd || $build/tests/vfio_blk_probe -nt $initrd ]]; then
    "$guest/mkinitramfs.sh" "$initrd" --bin "$build/tests/vfio_blk_probe" ${VDISC_GUEST_CACHE:+--cache "$VDISC_GUEST_CACHE"}
fi

# The spare disk: at 00:05.0 (a transitional device cannot have iommu_platform=on, so
# legacy is off), or behind a PCIe root port at 01:00.0 (where legacy is off by default).
if [[ -n $root_port ]]; then
    place=(-device pcie-root-port,id=rp,chassis=1,addr=0x7
           -device "virtio-blk-pci,drive=spare,bus=rp,iommu_platform=$platform")
else
    place=(-device "virtio-blk-pci,drive=spare,addr=0x5,iommu_platform=$platform,disable-legacy=on")
fi
img=$work/spare.img
head -c $((16 << 20)) /dev/urandom >"$img"
before=$(sha256sum <"$img")
set +e
"$guest/run-guest.sh" ${VDISC_GUEST_CACHE:+--cache "$VDISC_GUEST_CACHE"} --initrd "$initrd" --timeout 180 --log "$work/console.log" "${runner_args[@]}" \
    -- -drive "file=$img,if=none,id=spare,format=raw,cache=unsafe$drive_ro" \
    "${place[@]}" \
    "${qemu_extra[@]}" \
    -- "$here/guest-case.sh" "${guest_opts[@]}" "$slot" "${probe_args[@]}"
rc=$?
set -e
after=$(sha256sum <"$img")
if [[ $before != "$after" ]]; then
    echo "run.sh: the disk image changed" >&2
    exit 1
fi
echo "run.sh: image unchanged (sha256 ${after%% *})"
# Linux's own driver, given the spare disk back, must read what the host wrote.
seen=$(tr -d '\r' <"$work/console.log" | sed -n 's/.*first 4 KiB md5 \([0-9a-f]*\).*/\1/p' | tail -n1)
want=$(head -c 4096 "$img" | md5sum | cut -d' ' -f1)
if [[ ($slot == 0000:00:05.0 || -n $root_port) && -n $seen ]]; then
    if [[ $seen != "$want" ]]; then
        echo "run.sh: virtio-pci read $seen after the probe, the image holds $want" >&2
        exit 1
    fi
    echo "run.sh: virtio-pci reads the image's first 4 KiB after the probe (md5 $want)"
fi
[[ -n $expect_exit ]] || exit "$rc"
[[ $rc == 77 ]] && exit 77
if [[ $rc != "$expect_exit" ]]; then
    echo "run.sh: FAIL: the guest exited $rc, not $expect_exit" >&2
    exit 1
fi
for re in "${expects[@]}"; do
    if ! tr -d '\r' <"$work/console.log" | grep -Eq -- "$re"; then
        echo "run.sh: FAIL: nothing on the console matches: $re" >&2
        exit 1
    fi
done
echo "run.sh: PASS (exit $rc${expects[*]:+, every expected line seen})"
