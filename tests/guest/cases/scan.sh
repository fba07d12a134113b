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
#                      above the function in /sys/devices: a bridge's slot or pci0000:00,
#                      or of:NODE, the host bridge's tree node)
#                  pciirq SLOT VIRQ HWIRQ CHIP   the INTx Linux mapped, at its controller
#                  dtdrv NODE DRIVER             a tree node's platform or AMBA device's driver
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
if [ "$(uname -m)" = x86_64 ] && [ -e /dev/port ] && [ -d /sys/bus/pci/devices ]; then
	echo "SCAN-DEVPORT-BEGIN"
	vdisc scan --json -A devport || rc=$?
	echo "SCAN-DEVPORT-END $rc"
fi
echo "SCAN-TEXT-BEGIN"
vdisc scan --wide
echo "SCAN-TEXT-END $?"
drv() { [ -e "$1/driver" ] && basename "$(readlink "$1/driver")" || echo -; }
echo "SYSFS-BEGIN"
# A root bus's directory (pci0000:00) sits under the host bridge's platform device where
# a tree describes it: the parent is then that device's node, "of:/pcie@10000000".
parent_of() {
	up=$(dirname "$(readlink -f "$1")")
	case $(basename "$up") in
	pci*:*) if [ -e "$(dirname "$up")/of_node" ]; then
			node=$(readlink -f "$(dirname "$up")/of_node")
			node=${node#/sys/firmware/devicetree/base}
			echo "of:${node:-/}"
			return
		fi ;;
	esac
	basename "$up"
}
for d in /sys/bus/pci/devices/*; do
	[ -e "$d" ] || continue
	echo "pci $(basename "$d") $(parent_of "$d") $(drv "$d") $(cat "$d/vendor") $(cat "$d/device") $(cat "$d/class")"
	# the interrupt Linux mapped for the function's pin: its number at the controller
	irq=$(cat "$d/irq")
	if [ "$irq" != 0 ] && [ -e "/sys/kernel/irq/$irq/hwirq" ]; then
		echo "pciirq $(basename "$d") $irq $(cat "/sys/kernel/irq/$irq/hwirq") $(cat "/sys/kernel/irq/$irq/chip_name")"
	fi
done
# each device Linux made from a tree node, and the driver bound to it
for d in /sys/bus/platform/devices/* /sys/bus/amba/devices/*; do
	[ -e "$d/of_node" ] && [ -e "$d/driver" ] || continue
	node=$(readlink -f "$d/of_node")
	echo "dtdrv ${node#/sys/firmware/devicetree/base} $(drv "$d")"
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
