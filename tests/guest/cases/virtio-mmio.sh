# SPDX-License-Identifier: MIT
# Runs inside the guest (tests/guest/run-guest.sh --microvm), with a virtio-blk and a
# virtio-rng on microvm's virtio-mmio transports and the virtio_mmio module NOT loaded:
#
#   virtio-mmio.sh VERSION
#
# 1. No driver: `vdisc virtio mmio --scan` finds both blocks (register VERSION), Status 0,
#    and reads their offered features through DeviceFeaturesSel (each word's source said).
# 2. virtio_mmio loaded: virtio_blk binds the disk (virtio_rng is not in the initramfs, so
#    the rng stays driverless).  /dev/mem now refuses the held ranges
#    (CONFIG_IO_STRICT_DEVMEM); vdisc shows the driver's view from /sys/bus/virtio: the
#    negotiated words must equal the sysfs features file as this script reads it, and be
#    a subset of what step 1 read as offered; the rng's negotiated features are "none yet".
# 3. The offered words of step 1 are printed as "OFFERED <type> <word0> <word1>" for the
#    host to hold against QEMU's own account (tests/virtio/mmio-qmp-features.py).
version=$1
fail=0
vm_fail() {
    echo "FAIL: $*"
    fail=1
}

scan=$(vdisc virtio mmio --scan 0xfeb00000-0xfeb03000) || vm_fail "scan exit $?"
echo "$scan"
blk=$(echo "$scan" | sed -n 's/^\(0x[0-9a-f]*\): virtio-mmio v.*, block (device type 2).*/\1/p')
rng=$(echo "$scan" | sed -n 's/^\(0x[0-9a-f]*\): virtio-mmio v.*, entropy (device type 4).*/\1/p')
[ -n "$blk" ] && [ -n "$rng" ] || vm_fail "scan did not find the block and the rng"
for a in $blk $rng; do
    one=$(vdisc virtio mmio "$a") || vm_fail "$a: exit $?"
    echo "$one" | grep -q "^$a: virtio-mmio v$version, " || vm_fail "$a: not register version $version"
    echo "$one" | grep -q '^	Status: (reset)$' || vm_fail "$a: Status not 0 without a driver"
    n=$(echo "$one" | grep -c 'DeviceFeatures, DeviceFeaturesSel [01]$')
    [ "$n" = 2 ] || vm_fail "$a: offered features not read from the registers ($n words)"
    echo "$one" | grep -q '^	Queues: 1, QueueNumMax [1-9]' || vm_fail "$a: queue 0 not sized"
done
# a second read gives the same words: the selectors were left where they were found (0)
w1=$(vdisc virtio mmio "$blk" | grep DeviceFeaturesSel)
w2=$(vdisc virtio mmio "$blk" | grep DeviceFeaturesSel)
[ "$w1" = "$w2" ] || vm_fail "offered words differ between two reads"
offered_lo=$(echo "$w1" | awk '/DeviceFeaturesSel 0$/ {print $5}')
offered_hi=$(echo "$w1" | awk '/DeviceFeaturesSel 1$/ {print $5}')
echo "OFFERED block $offered_lo $offered_hi"
rw=$(vdisc virtio mmio "$rng" | grep DeviceFeaturesSel)
echo "OFFERED entropy $(echo "$rw" | awk '/Sel 0$/ {print $5}') $(echo "$rw" | awk '/Sel 1$/ {print $5}')"
vdisc virtio mmio --json "$blk" | grep -q '"source": "DeviceFeatures (DeviceFeaturesSel 1)"' ||
    vm_fail "JSON words without their source"

insmod /lib/modules/virtio_mmio.ko || vm_fail "insmod virtio_mmio"
i=0
while [ ! -e /sys/block/vda ] && [ $i -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
done
[ -e /sys/block/vda ] || vm_fail "virtio_blk did not bind the disk"
ls -l /sys/bus/virtio/devices/
# the sysfs bit string (bit 0 first) as two hex words, by this script's own reading
vm_words() {
    awk '{
        for (w = 0; w < 2; w++) {
            v = 0
            for (b = 31; b >= 0; b--)
                v = v * 2 + (substr($0, 32 * w + b + 1, 1) == "1")
            printf "0x%08x ", v
        }
    }'
}
for d in /sys/bus/virtio/devices/*; do
    drv=$(basename "$(readlink "$d/driver" 2>/dev/null)" 2>/dev/null)
    dev=$(cat "$d/device")
    name=$(basename "$d")
    if [ "$dev" = 0x0002 ]; then
        set -- $(vm_words <"$d/features")
        out=$(vdisc virtio mmio "$blk") || vm_fail "$blk with a driver: exit $?"
        echo "$out"
        echo "$out" | grep -q "^	Negotiated features: " || vm_fail "no negotiated features"
        got_lo=$(echo "$out" | awk '/word 0 .*features \(driver/ {print $5}')
        got_hi=$(echo "$out" | awk '/word 1 .*features \(driver/ {print $5}')
        [ "$got_lo $got_hi" = "$1 $2" ] || vm_fail "negotiated $got_lo $got_hi, sysfs says $1 $2"
        echo "$out" | grep -q "word 0 (bits 0-31) .* /sys/bus/virtio/devices/$name/features (driver $drv)$" ||
            vm_fail "negotiated word without its source"
        [ $(($1 & ~offered_lo)) = 0 ] && [ $(($2 & ~offered_hi)) = 0 ] ||
            vm_fail "negotiated $1 $2 not within offered $offered_lo $offered_hi"
    elif [ "$dev" = 0x0004 ]; then
        out=$(vdisc virtio mmio "$rng") || vm_fail "$rng with no virtio driver: exit $?"
        echo "$out"
        echo "$out" | grep -q "Negotiated features: none yet ($name has no driver)" ||
            vm_fail "rng: driverless device not said"
    fi
done
exit $fail
