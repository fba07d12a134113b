# SPDX-License-Identifier: MIT
#
# Guest side of the guest-iommu-smoke test (busybox sh, run by the initramfs'
# /init through run-guest.sh): the ground every VFIO case stands on.
#
#   iommu-vfio-smoke.sh
#
# Expects exactly one modern virtio-blk function (1af4:1042) booted with
# iommu_platform=on,disable-legacy=on behind QEMU's intel-iommu.  Checks, in
# order: the IOMMU is on (/sys/kernel/iommu_groups has groups); the function
# sits alone in its group; `vdisc pci -n -k --virtio` lists it with the vendor,
# device and class ids its sysfs files give, as a virtio block device bound to
# virtio-pci; vfio-pci takes it (driver_override, unbind, drivers_probe) and
# /dev/vfio/GROUP appears; vdisc then names vfio-pci as its driver.
# Exit 0 when all hold, 1 at the first that does not (the reason on stdout).

fail() {
    echo "FAIL: $*"
    exit 1
}
ok() { echo "ok: $*"; }

ngroups=$(find /sys/kernel/iommu_groups -mindepth 1 -maxdepth 1 | wc -l)
[ "$ngroups" -gt 0 ] || fail "no IOMMU groups: intel-iommu is off"
ok "IOMMU on, $ngroups groups"

dev=
for d in /sys/bus/pci/devices/*; do
    if [ "$(cat "$d/vendor")" = 0x1af4 ] && [ "$(cat "$d/device")" = 0x1042 ]; then
        [ -z "$dev" ] || fail "two virtio-blk functions: ${dev##*/} and ${d##*/}"
        dev=$d
    fi
done
[ -n "$dev" ] || fail "no modern virtio-blk function (1af4:1042) in /sys/bus/pci/devices"
bdf=${dev##*/}
group=$(readlink "$dev/iommu_group")
group=${group##*/}
members=$(ls "$dev/iommu_group/devices")
[ "$members" = "$bdf" ] || fail "$bdf shares IOMMU group $group with: $members"
ok "$bdf alone in IOMMU group $group"

# vdisc's line for the function: "BB:DD.F CCCC: VVVV:DDDD (rev RR)"; sysfs
# gives 0xVVVV, 0xDDDD and a 24-bit class 0xCCCCPP.
short=${bdf#0000:}
vendor=$(cat "$dev/vendor")
device=$(cat "$dev/device")
class=$(cat "$dev/class")
want="$short ${class#0x}"
want="${want%??}: ${vendor#0x}:${device#0x}"
vdisc_check() { # DRIVER: vdisc lists the function, a virtio block device bound to DRIVER
    out=$(vdisc pci -n -k --virtio) || fail "vdisc pci -n -k --virtio exited $?"
    echo "$out" | grep -q "^$want " || {
        echo "$out"
        fail "vdisc does not list '$want'"
    }
    block=$(echo "$out" | sed -n "/^$short /,/^[0-9a-f]/p")
    echo "$block" | grep -q "Virtio: block (device type 2)" || {
        echo "$block"
        fail "vdisc does not decode $short as a virtio block device"
    }
    echo "$block" | grep -q "Kernel driver in use: $1\$" || {
        echo "$block"
        fail "vdisc does not show $1 bound to $short"
    }
    ok "vdisc lists $want, virtio block, driver $1"
}
vdisc_check virtio-pci

echo vfio-pci >"$dev/driver_override" || fail "cannot write $dev/driver_override"
echo "$bdf" >"$dev/driver/unbind" || fail "cannot unbind $bdf"
echo "$bdf" >/sys/bus/pci/drivers_probe || fail "drivers_probe $bdf failed"
driver=$(readlink "$dev/driver")
[ "${driver##*/}" = vfio-pci ] || fail "$bdf bound to '${driver##*/}', not vfio-pci"
[ -c "/dev/vfio/$group" ] || fail "no /dev/vfio/$group after binding vfio-pci"
ok "vfio-pci bound, /dev/vfio/$group present"
vdisc_check vfio-pci
