# SPDX-License-Identifier: MIT
# Runs inside the guest (tests/guest/scan-vs-sysfs.py boots it): what `vdisc scan` says of
# this machine, and what the kernel says of it in its own words, for the host to compare
# field by field.
#
#   scan.sh [MODULE...]     the modules to load first (virtio_mmio on microvm)
#
# Between markers on the console:
#   SCAN-JSON      vdisc scan --json -v
#   SCAN-DEVPORT   vdisc scan --json -A devport (PCI through /dev/port's 0xCF8/0xCFC), on PCI
#   SCAN-TEXT      vdisc scan (the text, for the log)
#   SYSFS          one line a device, read here with the shell alone:
#                  pci SLOT PARENT DRIVER VENDOR DEVICE CLASS    (PARENT: the directory
#                      above the function in /sys/devices: a bridge's slot or pci0000:00)
#                  virtio NAME TYPE PARENT DRIVER FEATURES      (PARENT: the transport's
#                      device directory; FEATURES the bit string sysfs gives, bit 0 first)
#                  mmio NAME DRIVER                            (platform virtio-mmio devices:
#                      virtio-mmio.N from the command line, LNRO0005:NN from ACPI)
#   LSPCI          busybox lspci -mk where the applet exists
# Each with its MODULE.param= words of the kernel command line, as modprobe passes them
# (busybox's insmod does not): virtio_mmio.device= is how microvm names its transports.
for m in "$@"; do
	params=
	for a in $(cat /proc/cmdline); do
		case $a in "$m".*) params="$params ${a#"$m".}" ;; esac
	done
	# shellcheck disable=SC2086 # one word a parameter
	insmod "/lib/modules/$m.ko" $params || echo "FAIL: insmod $m"
done
sleep 0.3 # the virtio devices' probes
rc=0
echo "SCAN-JSON-BEGIN"
vdisc scan --json -v || rc=$?
echo "SCAN-JSON-END $rc"
if [ -e /dev/port ] && [ -d /sys/bus/pci/devices ]; then
	echo "SCAN-DEVPORT-BEGIN"
	vdisc scan --json -A devport || rc=$?
	echo "SCAN-DEVPORT-END $rc"
fi
echo "SCAN-TEXT-BEGIN"
vdisc scan --wide
echo "SCAN-TEXT-END $?"
drv() { [ -e "$1/driver" ] && basename "$(readlink "$1/driver")" || echo -; }
echo "SYSFS-BEGIN"
for d in /sys/bus/pci/devices/*; do
	[ -e "$d" ] || continue
	real=$(readlink -f "$d")
	echo "pci $(basename "$d") $(basename "$(dirname "$real")") $(drv "$d") $(cat "$d/vendor") $(cat "$d/device") $(cat "$d/class")"
done
for v in /sys/bus/virtio/devices/*; do
	[ -e "$v" ] || continue
	real=$(readlink -f "$v")
	echo "virtio $(basename "$v") $(cat "$v/device") $(basename "$(dirname "$real")") $(drv "$v") $(cat "$v/features")"
done
for p in /sys/bus/platform/devices/virtio-mmio.* /sys/bus/platform/devices/LNRO0005:*; do
	[ -e "$p" ] || continue
	echo "mmio $(basename "$p") $(drv "$p")"
done
echo "SYSFS-END"
if busybox --list | grep -qx lspci; then
	echo "LSPCI-BEGIN"
	busybox lspci -mk
	echo "LSPCI-END"
fi
cat /proc/interrupts
cat /proc/cmdline
exit $rc
