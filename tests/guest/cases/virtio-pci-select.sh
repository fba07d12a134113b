# SPDX-License-Identifier: MIT
# Runs inside the guest (q35) with one virtio-blk-pci disk (transitional), bound to
# virtio-pci at boot.  vdisc pci --virtio --read-bars --virtio-select:
# 1. with the driver bound: no selector written (the driver named as the reason, or the
#    BAR not mappable at all);
# 2. the driver unbound (device reset, status 0): the offered features and each queue's
#    size, vector and notify offset read through the selectors; the negotiated features
#    the driver had are within the offered ones;
# 3. rebound: the driver starts again and the disk reads (the selectors were left at 0).
fail=0
ps_fail() {
    echo "FAIL: $*"
    fail=1
}
slot=$(for d in /sys/bus/pci/devices/*; do
    [ "$(cat "$d/vendor")" = 0x1af4 ] && [ "$(cat "$d/device")" = 0x1001 ] && basename "$d"
done | head -n1)
[ -n "$slot" ] || { echo "FAIL: no virtio-blk-pci"; exit 1; }
short=${slot#0000:}
neg=$(cat /sys/bus/virtio/devices/virtio0/features)
out=$(vdisc pci --virtio --read-bars --virtio-select -s "$short") || ps_fail "bound: exit $?"
echo "$out"
# Debian's kernel (CONFIG_IO_STRICT_DEVMEM) refuses to map a BAR a driver holds; a kernel
# that maps it shows the status and names the owner as the reason for reading no more.
if echo "$out" | grep -q '^	Common configuration: not readable (the kernel refuses to map a BAR a driver holds (CONFIG_IO_STRICT_DEVMEM))$'; then
    :
else
    echo "$out" | grep -q '^	Common configuration: num_queues 1, config_msix_vector [0-9]*, device_status ACKNOWLEDGE DRIVER DRIVER_OK FEATURES_OK$' ||
        ps_fail "bound: common configuration"
    echo "$out" | grep -q "^	Queues: 1; sizes and MSI-X vectors not read (driver virtio-pci owns the device)$" ||
        ps_fail "bound: the owner not named"
fi
echo "$out" | grep -q "^	Offered features: [A-Z]" && ps_fail "bound: offered features read"
echo "$slot" >/sys/bus/pci/drivers/virtio-pci/unbind || ps_fail "unbind"
out=$(vdisc pci --virtio --read-bars --virtio-select -s "$short") || ps_fail "unbound: exit $?"
echo "$out"
# unbinding leaves ACKNOWLEDGE (virtio_dev_remove acknowledges the device again)
echo "$out" | grep -q '^	Common configuration: num_queues 1, config_msix_vector none, device_status ACKNOWLEDGE$' ||
    ps_fail "unbound: common configuration"
echo "$out" | grep -q '^		queue 0: size [1-9][0-9]*, msix_vector none, not enabled, notify_off 0 (notify at 0x' ||
    ps_fail "unbound: queue 0 not read"
w0=$(echo "$out" | awk '/device_feature_select 0$/ {print $5}')
w1=$(echo "$out" | awk '/device_feature_select 1$/ {print $5}')
[ -n "$w0" ] && [ -n "$w1" ] || ps_fail "offered words not read"
# the driver's negotiated bits (sysfs, bit 0 first) must be offered
i=0
for b in $(echo "$neg" | sed 's/./& /g'); do
    if [ "$b" = 1 ]; then
        if [ $i -lt 32 ]; then w=$w0; s=$i; else w=$w1; s=$((i - 32)); fi
        [ $(((w >> s) & 1)) = 1 ] || ps_fail "negotiated bit $i not offered ($w0 $w1)"
    fi
    i=$((i + 1))
done
echo "$out" | grep -q 'VERSION_1' || ps_fail "VERSION_1 not offered by a modern interface"
json=$(vdisc pci --virtio --read-bars --virtio-select --json -s "$short") || ps_fail "json: exit $?"
echo "$json" | grep -q '"notify_address": ' || ps_fail "json: no queues"
echo "$json" | grep -q '"name": "VERSION_1"' || ps_fail "json: no device_bits"
echo "$json" | grep -q '"not_read": null' || ps_fail "json: not_read not null"
# a second read: the same words (selectors left at 0 by the first)
again=$(vdisc pci --virtio --read-bars --virtio-select -s "$short" | grep device_feature_select)
[ "$again" = "$(echo "$out" | grep device_feature_select)" ] || ps_fail "second read differs"
echo "$slot" >/sys/bus/pci/drivers/virtio-pci/bind || ps_fail "bind"
i=0
while [ ! -e /sys/block/vda ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
dd if=/dev/vda of=/dev/null bs=4k count=16 2>/dev/null || ps_fail "the disk does not work after the read"
exit $fail
