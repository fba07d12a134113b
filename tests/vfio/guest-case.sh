#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Inside a guest (tests/guest/run-guest.sh): bind one function to vfio-pci,
# drive it with vfio_blk_probe through the VFIO platform, then give it back
# to virtio-pci and read its first block through Linux's own driver, which
# shows the platform left the function usable (reset, command register back).
#
#   guest-case.sh [--user UID] [--memlock KIB] [--no-chown] [--no-bind] SLOT [vfio_blk_probe ARGS...]
#
#   --user UID     run the probe as UID (no capabilities: RLIMIT_MEMLOCK applies),
#                  owning /dev/vfio/N unless --no-chown
#   --memlock KIB  the probe's RLIMIT_MEMLOCK (ulimit -l)
#   --no-bind      leave the function with its driver (the probe must refuse it)
#
# Exit: vfio_blk_probe's status; 1 when the function is missing, or it does
# not work under virtio-pci afterwards.
user=
memlock=
chown=1
bind=1
while :; do
    case $1 in
    --user) user=$2; shift 2 ;;
    --memlock) memlock=$2; shift 2 ;;
    --no-chown) chown=; shift ;;
    --no-bind) bind=; shift ;;
    *) break ;;
    esac
done
slot=$1
shift
dev=/sys/bus/pci/devices/$slot
gc_driver() { basename "$(readlink "$dev/driver" 2>/dev/null)" 2>/dev/null; }
gc_bind() { # DRIVER ("" = the default match)
    echo "$1" >"$dev/driver_override"
    [ -e "$dev/driver" ] && echo "$slot" >"$dev/driver/unbind"
    echo "$slot" >/sys/bus/pci/drivers_probe
}
if [ ! -d "$dev" ]; then
    echo "guest-case: no PCI function $slot; there are: $(ls /sys/bus/pci/devices | tr '\n' ' ')"
    exit 1
fi
echo "guest-case: $slot $(cat "$dev/vendor"):$(cat "$dev/device"), driver $(gc_driver)," \
    "group $(basename "$(readlink "$dev/iommu_group" 2>/dev/null)" 2>/dev/null)," \
    "command $(od -An -tx2 -j4 -N2 "$dev/config" | tr -d ' ')"
[ -z "$bind" ] || gc_bind vfio-pci
driver=$(gc_driver)
echo "guest-case: now bound to ${driver:-nothing}"
[ "$driver" = vfio-pci ] || echo "guest-case: not bound to vfio-pci; the probe says why"
if [ -n "$user" ]; then
    group=$(basename "$(readlink "$dev/iommu_group" 2>/dev/null)" 2>/dev/null)
    [ -n "$chown" ] && [ -e "/dev/vfio/$group" ] && chown "$user" "/dev/vfio/$group"
    (
        [ -z "$memlock" ] || ulimit -l "$memlock"
        echo "guest-case: as uid $user, RLIMIT_MEMLOCK $(ulimit -l) KiB"
        # busybox su: no password asked of root, no PAM resetting the limit
        grep -q "^root:" /etc/passwd 2>/dev/null || echo "root:x:0:0::/:/bin/sh" >>/etc/passwd
        echo "probe:x:$user:$user::/:/bin/sh" >>/etc/passwd
        exec su -s /bin/sh probe -c "vfio_blk_probe $slot $*"
    )
else
    vfio_blk_probe "$slot" "$@"
fi
rc=$?
[ "$driver" = vfio-pci ] || exit $rc
echo "guest-case: after the probe: command $(od -An -tx2 -j4 -N2 "$dev/config" | tr -d ' ')"
gc_bind ""
sleep 1
blk=$(ls "$dev"/virtio*/block 2>/dev/null | head -n1)
if [ "$(gc_driver)" != virtio-pci ] || [ -z "$blk" ]; then
    echo "guest-case: back to $(gc_driver), no block device: the function was left unusable"
    exit 1
fi
sum=$(dd if="/dev/$blk" bs=4096 count=1 2>/dev/null | md5sum | cut -d' ' -f1)
echo "guest-case: back under $(gc_driver) as /dev/$blk, first 4 KiB md5 $sum"
exit $rc
