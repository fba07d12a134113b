#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Inside a guest (tests/guest/run-guest.sh): bind one function to vfio-pci,
# then drive it with vfio_blk_probe through the VFIO platform.
#
#   guest-case.sh SLOT [vfio_blk_probe ARGS...]
#
# Exit: vfio_blk_probe's status; 1 when the function is missing or will not bind.
slot=$1
shift
dev=/sys/bus/pci/devices/$slot
if [ ! -d "$dev" ]; then
    echo "guest-case: no PCI function $slot; there are: $(ls /sys/bus/pci/devices | tr '\n' ' ')"
    exit 1
fi
echo "guest-case: $slot $(cat "$dev/vendor"):$(cat "$dev/device"), driver $(basename "$(readlink "$dev/driver" 2>/dev/null)" 2>/dev/null), group $(basename "$(readlink "$dev/iommu_group" 2>/dev/null)" 2>/dev/null)"
echo vfio-pci >"$dev/driver_override"
[ -e "$dev/driver" ] && echo "$slot" >"$dev/driver/unbind"
echo "$slot" >/sys/bus/pci/drivers_probe
driver=$(basename "$(readlink "$dev/driver" 2>/dev/null)" 2>/dev/null)
echo "guest-case: now bound to ${driver:-nothing}"
[ "$driver" = vfio-pci ] || echo "guest-case: not bound to vfio-pci; the probe says why"
ls -l /dev/vfio
vfio_blk_probe "$slot" "$@"
