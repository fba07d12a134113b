# SPDX-License-Identifier: MIT
#
# Guest side of the guest-vfio-* tests (busybox sh, run by the initramfs' /init
# through run-guest.sh): `vdisc blk --pci` on the virtio-blk functions QEMU gave
# the guest, through VFIO behind intel-iommu.
#
#   vfio-blk.sh main | mounted | rootport-ro | no-iommu-platform | no-iommu
#
#   main               one spare disk (the host checks its image is unchanged):
#                      a slot where nothing is (exit 4); the host bridge refused with
#                      --bind (not virtio-blk: exit 4, not the input asked for);
#                      refused while bound to virtio-pci (exit 3, says how to bind);
#                      --bind info; --bind check; a held-open disk refused; bench;
#                      after each run virtio-pci has it again and /dev/vdX reads;
#                      SIGTERM while the check's pattern is on the disk: restored
#   mounted            one disk, formatted here: refused while mounted, then while swap
#   rootport-ro        a disk behind a pcie-root-port and a read-only disk: check
#                      both (the read-only one read-only)
#   no-iommu-platform  a disk without iommu_platform=on: a clear error, no hang
#   no-iommu           no intel-iommu: "no IOMMU group", exit 3
# Exit 0 when all hold, 1 at the first that does not (the reason on stdout).

fail() {
    echo "FAIL: $*"
    exit 1
}
ok() { echo "ok: $*"; }

# The modern virtio-blk functions (1af4:1042), by slot, in bus order.
disks() {
    for d in /sys/bus/pci/devices/*; do
        [ "$(cat "$d/vendor")" = 0x1af4 ] && [ "$(cat "$d/device")" = 0x1042 ] && echo "${d##*/}"
    done
}

driver_of() {
    d=$(readlink "/sys/bus/pci/devices/$1/driver")
    echo "${d##*/}"
}

# Run vdisc; "$out" holds its output, "$rc" its exit status.
run() {
    echo "\$ vdisc $*"
    out=$(vdisc "$@" 2>&1)
    rc=$?
    echo "$out" | sed 's/^/  | /'
    echo "  -> exit $rc"
}

want_rc() { [ "$rc" = "$1" ] || fail "exit $rc, expected $1"; }
want_out() { echo "$out" | grep -qi -- "$1" || fail "output does not say '$1'"; }

# The function is virtio-pci's again and its disk reads.
given_back() {
    [ "$(driver_of "$1")" = virtio-pci ] || fail "$1 bound to '$(driver_of "$1")', not virtio-pci again"
    blk=$(ls /sys/bus/pci/devices/"$1"/virtio*/block 2>/dev/null | head -n 1)
    [ -n "$blk" ] || fail "$1 has no block device after it was given back"
    dd if="/dev/$blk" of=/dev/null bs=4096 count=16 2>/dev/null || fail "/dev/$blk does not read"
    ok "$1 back with virtio-pci, /dev/$blk reads"
}

case_main() {
    bdf=$(disks | head -n 1)
    [ -n "$bdf" ] || fail "no virtio-blk function"
    # No such function; not a virtio-blk function (the host bridge): refused before
    # anything is unbound.  (The exit statuses: vdisc(1), EXIT STATUS.)
    run blk info --pci 00:1f.7 --bind
    want_rc 4
    want_out "no such PCI function"
    run blk info --pci 00:00.0 --bind
    want_rc 4
    want_out "not a virtio-blk function"
    run blk info --pci "$bdf"
    want_rc 3
    want_out "not vfio-pci"
    want_out "--bind"
    [ "$(driver_of "$bdf")" = virtio-pci ] || fail "a refused run changed the driver"
    run blk info --pci "$bdf" --bind
    want_rc 0
    want_out "Capacity: 16384 sectors"
    want_out "IOMMU group"
    given_back "$bdf"
    run blk check --pci "$bdf" --bind
    want_rc 0
    want_out "check passed: 3 blocks written, restored and verified"
    given_back "$bdf"
    blk=$(ls /sys/bus/pci/devices/"$bdf"/virtio*/block | head -n 1)
    sleep 30 </dev/"$blk" &
    holder=$!
    run blk check --pci "$bdf" --bind
    kill "$holder"
    want_rc 3
    want_out "is open in process"
    given_back "$bdf"
    run blk bench --pci "$bdf" --bind --iodepth=8 --runtime=1 --json
    want_rc 0
    want_out '"iops"'
    given_back "$bdf"
    # SIGTERM while the pattern is on the disk: the block goes back first.
    VDISC_BLK_CHECK_PAUSE_MS=3000 vdisc blk check --pci "$bdf" --bind >/tmp/check.out 2>&1 &
    pid=$!
    sleep 2
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    sed 's/^/  | /' /tmp/check.out
    [ "$rc" = 1 ] || fail "SIGTERM mid-check: exit $rc, expected 1"
    grep -q "stopped by signal 15" /tmp/check.out || fail "the check does not say it stopped"
    grep -q "restored" /tmp/check.out || fail "the check does not say it restored"
    given_back "$bdf"
    ok "main"
}

case_mounted() {
    bdf=$(disks | head -n 1)
    blk=$(ls /sys/bus/pci/devices/"$bdf"/virtio*/block | head -n 1)
    mke2fs -q "/dev/$blk" || fail "mke2fs /dev/$blk"
    mkdir -p /mnt
    mount -t ext2 "/dev/$blk" /mnt || fail "mount /dev/$blk"
    run blk check --pci "$bdf" --bind
    want_rc 3
    want_out "$blk is mounted on /mnt"
    umount /mnt
    mkswap "/dev/$blk" >/dev/null && swapon "/dev/$blk" || fail "swapon /dev/$blk"
    run blk check --pci "$bdf" --bind
    want_rc 3
    want_out "$blk is swap"
    swapoff "/dev/$blk"
    [ "$(driver_of "$bdf")" = virtio-pci ] || fail "a refused run changed the driver"
    ok "mounted"
}

case_rootport_ro() {
    n=0
    for bdf in $(disks); do
        n=$((n + 1))
        run blk check --pci "$bdf" --bind
        want_rc 0
        ro=$(cat /sys/bus/pci/devices/"$bdf"/virtio*/block/*/ro)
        if [ "$ro" = 1 ]; then
            want_out "read-only check"
            want_out "check passed: 3 blocks read"
        else
            want_out "check passed: 3 blocks written, restored and verified"
        fi
        given_back "$bdf"
    done
    [ "$n" = 2 ] || fail "$n virtio-blk functions, expected 2"
    ok "rootport-ro"
}

case_no_iommu_platform() {
    bdf=$(disks | head -n 1)
    run blk info --pci "$bdf" --bind --timeout=2000
    [ "$rc" != 0 ] || fail "a device that ignores the IOMMU was driven"
    [ "$rc" != 124 ] || fail "hung"
    want_out "ACCESS_PLATFORM\|IOMMU\|timed out\|did not answer"
    given_back "$bdf"
    ok "no-iommu-platform"
}

case_no_iommu() {
    bdf=$(disks | head -n 1)
    run blk info --pci "$bdf" --bind
    want_rc 3
    want_out "no IOMMU group"
    [ "$(driver_of "$bdf")" = virtio-pci ] || fail "a refused run changed the driver"
    ok "no-iommu"
}

case "$1" in
main) case_main ;;
mounted) case_mounted ;;
rootport-ro) case_rootport_ro ;;
no-iommu-platform) case_no_iommu_platform ;;
no-iommu) case_no_iommu ;;
*) fail "unknown case '$1'" ;;
esac
