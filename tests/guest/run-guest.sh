#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Boot a Linux guest under QEMU (q35, TCG, intel-iommu with interrupt
# remapping), run one script inside it, exit with that script's status.
#
#   run-guest.sh [options] [-- QEMU ARGS...] -- SCRIPT [ARGS...]
#   run-guest.sh [options] SCRIPT [ARGS...]
#
#   --initrd FILE     the initramfs from mkinitramfs.sh (default $VDISC_GUEST_INITRD,
#                     else build/guest/initramfs.cpio)
#   --cache DIR       the guest cache (default $VDISC_GUEST_CACHE, else build/guest-cache)
#   --file SRC:DST    also put SRC at DST in the guest (repeatable)
#   --log FILE        keep the console here too (default: a temporary file, removed)
#   --timeout SEC     kill QEMU after SEC seconds (default 120; exit 124)
#   --mem SIZE        guest memory (default 512M)
#   --cpu MODEL       QEMU's -cpu (default max)
#   --append ARGS     more kernel command line
#   --bzimage         boot the compressed bzImage rather than the ELF vmlinux (slower)
#   --no-iommu        no intel-iommu device (the "no IOMMU group" cases)
#   (a cache of another architecture, fetch-cross.sh's, boots QEMU's virt board for it:
#   aarch64 with a cortex-a57 and the PL011 console, riscv64 under OpenSBI; no IOMMU)
#   --microvm         QEMU's microvm machine instead of q35 (no PCI, no IOMMU): virtio-mmio
#                     transports described by ACPI (LNRO0005), e.g. -device virtio-blk-device
#   --intremap=on|off intel-iommu's interrupt remapping (default on: VFIO needs it)
#   --quiet           console only in the log, not on stdout
#
# Everything between a first `--` and a second `--` goes to QEMU as is, e.g.
#   -drive file=IMG,if=none,id=d1,format=raw
#   -device virtio-blk-pci,drive=d1,iommu_platform=on,disable-legacy=on
#
# SCRIPT runs under busybox sh as root, with /proc, /sys, /dev mounted, the
# vfio and virtio modules loaded, and the initramfs' binaries (e.g. vdisc) in
# PATH; ARGS are its arguments.  It and its arguments travel in a small cpio
# appended to the initramfs (the kernel unpacks concatenated archives).  The
# guest's /init prints "VDISC-GUEST-EXIT=<n>" after the script; this runner
# reads it back from the console.  No marker (the guest crashed or hung)
# exits 125, a timeout 124.  2 = usage.  The cache and initramfs missing: 77.
#
# Kernel: the cache's vmlinux booted through its PVH entry note, which skips
# the bzImage's in-guest xz decompression.  Measured on a shared 2-core host
# (QEMU 7.2, TCG, Debian 6.1.0-57), QEMU start to exit for an empty script:
# PVH 2.6 to 3.2 s, bzImage 6.2 to 7.3 s.  Also measured: an uncompressed
# initramfs boots 0.5 to 1 s sooner than a gzipped one, mitigations=off about
# 0.5 s sooner (no alternatives patching to emulate); -cpu qemu64 or
# Skylake-Server instead of max made no difference beyond the noise.  One
# vCPU: a second one only adds SMP bring-up to a boot that runs one script.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${VDISC_GUEST_CACHE:-$here/../../build/guest-cache}
initrd=${VDISC_GUEST_INITRD:-$here/../../build/guest/initramfs.cpio}
files=()
qemu_args=()
log=
timeout=120
mem=512M
cpu=max
append=
kernel=vmlinux
iommu=1
microvm=0
intremap=on
quiet=0

rg_usage() {
    sed -n '/^#   run-guest.sh/,/^#   --quiet/p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
while [[ $# -gt 0 ]]; do
    case $1 in
    --initrd) initrd=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --file) files+=("$2"); shift 2 ;;
    --log) log=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    --append) append="$append $2"; shift 2 ;;
    --bzimage) kernel=bzImage; shift ;;
    --no-iommu) iommu=0; shift ;;
    --microvm) microvm=1; iommu=0; shift ;;
    --intremap=on | --intremap=off) intremap=${1#--intremap=}; shift ;;
    --quiet) quiet=1; shift ;;
    --)
        shift
        # QEMU's arguments up to a second --, if there is one
        rest=("$@")
        for ((i = 0; i < ${#rest[@]}; i++)); do
            if [[ ${rest[i]} == -- ]]; then
                qemu_args=("${rest[@]:0:i}")
                set -- "${rest[@]:i+1}"
                break
            fi
        done
        break
        ;;
    -h | --help) rg_usage ;;
    -*) echo "run-guest.sh: unknown option $1" >&2; rg_usage ;;
    *) break ;;
    esac
done
[[ $# -ge 1 ]] || rg_usage
script=$1
shift

# A cache of another architecture (fetch-cross.sh) says which; fetch.sh's is x86.
guest_arch=x86_64
[[ ! -f $cache/arch ]] || guest_arch=$(cat "$cache/arch")
qemu=$(command -v "qemu-system-$guest_arch" || true)
if [[ -z $qemu ]]; then
    echo "SKIP: qemu-system-$guest_arch not found (Debian package qemu-system-x86 or -arm)" >&2
    exit 77
fi
if [[ ! -f $cache/stamp ]]; then
    echo "SKIP: no guest cache in $cache (run tests/guest/fetch.sh)" >&2
    exit 77
fi
if [[ ! -f $initrd ]]; then
    echo "SKIP: no initramfs $initrd (run tests/guest/mkinitramfs.sh)" >&2
    exit 77
fi

cache=$(cd "$cache" && pwd) # the cpio below runs in another directory
work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-guest.XXXXXX")
trap 'rm -rf "$work"' EXIT
[[ -n $log ]] || log=$work/console.log

# The case archive: /case/script, /case/run calling it with ARGS quoted for sh.
mkdir -p "$work/root/case"
cp "$script" "$work/root/case/script"
rg_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
{
    printf 'cd /case && exec sh /case/script'
    for a in "$@"; do printf ' %s' "$(rg_quote "$a")"; done
    printf '\n'
} >"$work/root/case/run"
for f in "${files[@]}"; do
    mkdir -p "$work/root$(dirname "${f#*:}")"
    cp -L "${f%%:*}" "$work/root${f#*:}"
done
if "$cache/busybox" true 2>/dev/null; then
    (cd "$work/root" && find . -mindepth 1 | LC_ALL=C sort |
         "$cache/busybox" cpio -o -H newc -R 0:0 2>/dev/null) >"$work/case.cpio"
else # another architecture's busybox
    python3 "$here/newc.py" "$work/root" >"$work/case.cpio"
fi
# Linux 6.1 unpacks a plain archive after a gzipped one as garbage ("invalid
# magic at start of compressed archive"): the case archive follows the base's lead.
if [[ $(od -An -t x1 -N 2 "$initrd" | tr -d ' ') == 1f8b ]]; then
    gzip -1 "$work/case.cpio"
    mv "$work/case.cpio.gz" "$work/case.cpio"
fi
cat "$initrd" "$work/case.cpio" >"$work/initrd.cpio"

machine=q35,accel=tcg
devices=()
if [[ $iommu == 1 ]]; then
    # Interrupt remapping needs the IOAPIC in QEMU (split irqchip).
    machine=$machine,kernel-irqchip=split
    devices=(-device "intel-iommu,intremap=$intremap")
    # Debian's 6.1 (INTEL_IOMMU_DEFAULT_ON_INTGPU_OFF) turns it on anyway: said for clarity.
    append="intel_iommu=on $append"
fi
if [[ $microvm == 1 ]]; then
    # microvm's TCG timers give the kernel no TSC calibration (it then hangs): the PIT
    # and the TSC's rate given.  ACPI (on by default) describes the virtio-mmio slots.
    machine=microvm,accel=tcg,pit=on,pic=on,rtc=on
    append="tsc_early_khz=2000000 $append"
fi
# no_timer_check: on a loaded host TCG is slow enough that the kernel's check of the
# timer through the interrupt-remapped IO-APIC fails and it panics.
console=ttyS0
kernel_file=$cache/$kernel
if [[ $guest_arch == aarch64 ]]; then
    # QEMU's virt board: its tree is the guest's, a GICv2 with v2m for MSI, the PL011 console.
    machine=virt,accel=tcg devices=() console=ttyAMA0 kernel_file=$cache/kernel
    [[ $cpu != max ]] || cpu=cortex-a57
elif [[ $guest_arch == riscv64 ]]; then
    # QEMU's virt board under its OpenSBI: a PLIC, the 16550 console.
    machine=virt,accel=tcg devices=() kernel_file=$cache/kernel
    [[ $cpu != max ]] || cpu=rv64
fi
# One CPU with room for two: with one possible CPU, TCG drops the guest's memory barriers
# while QEMU's device threads read the rings (tests/boot/run-qemu says more).
# shellcheck disable=SC2054 # QEMU's option values have commas
cmd=("$qemu" -machine "$machine" -cpu "$cpu" -smp 1,maxcpus=2 -m "$mem"
     -nodefaults -display none -no-user-config -no-reboot
     -chardev stdio,id=con,signal=off -serial chardev:con
     "${devices[@]}"
     -kernel "$kernel_file" -initrd "$work/initrd.cpio"
     -append "console=$console quiet panic=-1 mitigations=off no_timer_check rdinit=/init $append"
     "${qemu_args[@]}")

start=$(date +%s.%N)
set +e
if [[ $quiet == 1 ]]; then
    timeout -k 5 "$timeout" "${cmd[@]}" </dev/null >"$log" 2>&1
else
    timeout -k 5 "$timeout" "${cmd[@]}" </dev/null 2>&1 | tee "$log"
    test "${PIPESTATUS[0]}" -eq 0
fi
qrc=$?
set -e
secs=$(echo "$(date +%s.%N) - $start" | bc)
rc=$(tr -d '\r' <"$log" | sed -n 's/^VDISC-GUEST-EXIT=\([0-9]*\)$/\1/p' | tail -n1)
if [[ -z $rc ]]; then
    if [[ $qrc == 124 || $qrc == 137 ]]; then
        echo "run-guest.sh: the guest did not finish in ${timeout} s (killed)" >&2
        exit 124
    fi
    echo "run-guest.sh: the guest stopped without a result (QEMU status $qrc); console:" >&2
    tail -n 20 "$log" >&2
    exit 125
fi
printf 'run-guest.sh: guest exit %s after %.1f s\n' "$rc" "$secs" >&2
exit "$rc"
