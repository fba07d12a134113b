#!/usr/bin/env bash
# One case of the boot-test matrix: boots the vdisc boot kernel for ARCH under
# QEMU with the devices CASE names, then checks what the freestanding library
# reported against what QEMU was given:
#   - exit status (0 pass; the fault cases must fail),
#   - per disk: the virtio line (type=block, the expected transport) and the
#     blk line (capacity = image bytes / 512, blk_size, ro, serial, check),
#   - per disk whose check passes: the irq line of its interrupt-driven run
#     (chip and line, check=ok, by_irq > 0 and equal to completions),
#   - the done line (virtio, blk and failure counts),
#   - the irq timer line: every one of the kernel's short sleeps ended by its
#     one-shot timer's interrupt (check=ok; the kernel's own failure otherwise),
#   - every disk image byte for byte unchanged afterwards (sha256).
#
# Cases:
#   mmio-modern       virtio-blk-device, virtio-mmio.force-legacy=false
#   mmio-legacy       virtio-blk-device, force-legacy=true (mmio-v1)
#                     (x86: on QEMU's microvm, the PVH image, the devices from virtio_mmio.device=)
#   pci-modern        virtio-blk-pci disable-legacy=on
#   pci-transitional  virtio-blk-pci disable-legacy=off (driven through the modern interface)
#   pci-legacy        virtio-blk-pci disable-modern=on (the I/O BAR)
#   multi             three disks at once, over every transport the machine has, one without serial
#   readonly          a pci-modern disk with readonly=on: ro=1, a read-only check
#   bridges           a modern disk behind a PCIe root port, a legacy one behind a PCI bridge
#   others            a disk plus virtio rng, net and console: identified, left alone (features=0x0)
#   blkdebug-read     QEMU's blkdebug fails reads of the middle sector: FAIL:read, image intact
#   blkdebug-write    blkdebug fails writes of the middle sector: FAIL:write, image intact
#   stall             a read-only disk throttled to 1 byte/s never completes a read:
#                     FAIL with error -17 (timed out) and the device reset, not a hang
#   irq-masked        an mmio disk whose line the kernel leaves masked (kernel option
#                     vdisc.irq=masked, in /chosen/bootargs or the loader's command line):
#                     the polled check passes, the interrupt-driven run times out
#   gicv3             (aarch64) -machine virt,gic-version=3: an mmio and a PCI disk by interrupt
#   packed-pci        a modern PCI disk with packed=on (RING_PACKED accepted) beside a split one
#   packed-mmio       the same over virtio-mmio v2 (x86: microvm)
# Every disk whose check passes also runs interrupt-driven: its irq line must say by_irq > 0
# and equal to completions, at the controller the architecture has (riscv64 plic, aarch64
# gicv2/gicv3, x86 ioapic for mmio, msix for PCI).
#
# Usage: tests/boot/boot-case.sh ARCH CASE [BUILD_DIR]
# Exit: 0 passed, 1 failed, 77 skipped (QEMU or the kernel missing, or a case the machine lacks).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
arch=${1:-}
case_name=${2:-}
build=${3:-$root/build}
build=$(cd "$build" 2>/dev/null && pwd) || {
	echo "boot-case: no build directory $3"
	exit 77
}

case "$arch" in
riscv64 | aarch64) has_mmio=1 ;;
x86) has_mmio=0 ;;
*)
	echo "usage: boot-case.sh riscv64|aarch64|x86 CASE [BUILD_DIR]" >&2
	exit 2
	;;
esac
if [ ! -f "$build/boot/vdisc-boot-$arch.elf" ]; then
	echo "boot-case: skipped: $build/boot/vdisc-boot-$arch.elf not built (tests/boot/build.sh $arch)"
	exit 77
fi
export VDISC_BOOT_MACHINE=${VDISC_BOOT_MACHINE:-}

work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-boot-$arch-$case_name.XXXXXX")
trap 'rm -rf "$work"' EXIT

qemu_args=()
images=()
expect_exit=0
expect_failures=0
expect_virtio=0
expect_blk=0
irq_masked=
gic=
blk_checks=() # "serial|capacity|ro|transport|check-regex"
extra_checks=()

# disk NAME MiB: an image whose every 512-byte sector starts with its own number.
disk() {
	python3 - "$work/$1.img" "$2" <<'PY' || exit 1
import sys
sectors = int(sys.argv[2]) * 2048
with open(sys.argv[1], "wb") as f:
    for s in range(sectors):
        head = b"vdisc-sector-%08d " % s
        f.write(head + bytes((s * 7 + i) & 0xff for i in range(512 - len(head))))
PY
	images+=("$work/$1.img")
	sha256sum "$work/$1.img" >>"$work/sums"
}

# blk NAME MiB BUS SERIAL RO TRANSPORT CHECK [drive options] [device options]
#   BUS: mmio | pci-modern | pci-transitional | pci-legacy;  SERIAL '-' for none
blk() {
	local name=$1 mib=$2 bus=$3 serial=$4 ro=$5 transport=$6 check=$7 dopts=${8:-} devopts=${9:-}
	disk "$name" "$mib"
	local drive="if=none,id=$name,format=raw,file=$work/$name.img$dopts" dev
	[ "$ro" = 1 ] && drive+=",readonly=on"
	case "$bus" in
	mmio) dev=virtio-blk-device ;;
	pci-modern) dev=virtio-blk-pci,disable-legacy=on,disable-modern=off ;;
	pci-transitional) dev=virtio-blk-pci,disable-legacy=off,disable-modern=off ;;
	pci-legacy) dev=virtio-blk-pci,disable-legacy=off,disable-modern=on ;;
	esac
	dev+=",drive=$name$devopts"
	[ "$serial" != - ] && dev+=",serial=$serial"
	qemu_args+=(-drive "$drive" -device "$dev")
	local packed=0
	[[ $devopts == *packed=on* ]] && packed=1
	blk_checks+=("$serial|$((mib * 2048))|$ro|$transport|$check|$packed")
	expect_virtio=$((expect_virtio + 1))
	expect_blk=$((expect_blk + 1))
}

# A blkdebug drive: one rule injecting EIO for IOTYPE at SECTOR.
blkdebug_drive() { # NAME IOTYPE SECTOR
	cat >"$work/$1.conf" <<EOF
[inject-error]
event = "none"
iotype = "$2"
errno = "5"
sector = "$3"
EOF
}

mmio_bus() { [ "$has_mmio" = 1 ] && echo mmio || echo pci-modern; }
# x86's virtio-mmio is QEMU's microvm (no PCI there).
mmio_machine() {
	if [ "$has_mmio" = 0 ]; then
		export VDISC_BOOT_MACHINE=microvm
		has_mmio=1
	fi
}
mmio_transport() { [ "$has_mmio" = 1 ] && echo mmio-v2 || echo pci-modern; }

case "$case_name" in
mmio-modern | mmio-legacy)
	mmio_machine
	legacy=false transport=mmio-v2
	[ "$case_name" = mmio-legacy ] && legacy=true transport=mmio-v1
	qemu_args+=(-global "virtio-mmio.force-legacy=$legacy")
	blk d0 4 mmio vdisc-s1 0 "$transport" ok
	;;
irq-masked)
	# The kernel leaves the disk's line masked at the controller: its interrupt-driven
	# run must end in a timeout, not a hang; the polled check before it passes.
	mmio_machine
	qemu_args+=(-global virtio-mmio.force-legacy=false -append vdisc.irq=masked)
	blk d0 4 mmio vdisc-mask 0 mmio-v2 ok
	irq_masked=1 expect_failures=1 expect_exit=1
	;;
gicv3)
	if [ "$arch" != aarch64 ]; then
		echo "boot-case: skipped: the GICv3 case is aarch64's"
		exit 77
	fi
	gic=gicv3
	qemu_args+=(-machine virt,gic-version=3 -global virtio-mmio.force-legacy=false)
	blk d0 2 mmio vdisc-g0 0 mmio-v2 ok
	blk d1 4 pci-modern vdisc-g1 0 pci-modern ok
	;;
packed-pci)
	# The packed ring (QEMU's packed=on) beside a split one, each checked polled and by interrupt.
	blk d0 4 pci-modern vdisc-pk 0 pci-modern ok "" ",packed=on"
	blk d1 2 pci-modern vdisc-sp 0 pci-modern ok
	;;
packed-mmio)
	mmio_machine
	qemu_args+=(-global virtio-mmio.force-legacy=false)
	blk d0 4 mmio vdisc-pk 0 mmio-v2 ok "" ",packed=on"
	blk d1 2 mmio vdisc-sp 0 mmio-v2 ok
	;;
iothread)
	# The disks' requests in a QEMU iothread (virtio-blk dataplane): QEMU's own thread reads
	# the rings while the vCPU writes them, the case run-qemu's maxcpus=2 is for.  Split and
	# packed, each checked polled and by interrupt, with EVENT_IDX.
	qemu_args+=(-object iothread,id=io0)
	blk d0 4 pci-modern vdisc-io 0 pci-modern ok "" ",iothread=io0"
	blk d1 2 pci-modern vdisc-iop 0 pci-modern ok "" ",iothread=io0,packed=on"
	;;
pci-modern) blk d0 4 pci-modern vdisc-s1 0 pci-modern ok ;;
pci-transitional) blk d0 4 pci-transitional vdisc-s1 0 pci-modern ok ;;
pci-legacy) blk d0 4 pci-legacy vdisc-s1 0 pci-legacy ok ;;
multi)
	if [ "$has_mmio" = 1 ]; then
		qemu_args+=(-global virtio-mmio.force-legacy=false)
		blk d0 2 mmio vdisc-m0 0 mmio-v2 ok
	else
		blk d0 2 pci-transitional vdisc-m0 0 pci-modern ok
	fi
	blk d1 4 pci-modern vdisc-m1 0 pci-modern ok
	blk d2 6 pci-legacy - 0 pci-legacy ok
	;;
readonly) blk d0 4 pci-modern vdisc-ro 1 pci-modern ok ;;
bridges)
	# Behind a PCIe root port and a conventional PCI-to-PCI bridge: on riscv64 and aarch64
	# the kernel numbers the buses and programs the bridges' windows itself; the legacy
	# disk's I/O BAR is reached through the bridge's I/O window.
	qemu_args+=(-device pcie-root-port,id=rp1,chassis=1,slot=1
		-device pci-bridge,id=br1,chassis_nr=2)
	blk d0 4 pci-modern vdisc-rp 0 pci-modern ok "" ",bus=rp1"
	blk d1 2 pci-legacy vdisc-br 0 pci-legacy ok "" ",bus=br1,addr=3"
	;;
others)
	[ "$has_mmio" = 1 ] && qemu_args+=(-global virtio-mmio.force-legacy=false)
	blk d0 4 "$(mmio_bus)" vdisc-s1 0 "$(mmio_transport)" ok
	qemu_args+=(-device virtio-rng-pci -netdev hubport,id=n0,hubid=0
		-device virtio-net-pci,netdev=n0 -device virtio-serial-pci)
	expect_virtio=$((expect_virtio + 3))
	extra_checks+=("^vdisc: virtio \S+ type=entropy transport=pci-modern features=0x0 offered=0x[0-9a-f]*[1-9a-f][0-9a-f]*$"
		"^vdisc: virtio \S+ type=network transport=pci-modern features=0x0 offered=0x[0-9a-f]*[1-9a-f][0-9a-f]*$"
		"^vdisc: virtio \S+ type=console transport=pci-modern features=0x0 offered=0x[0-9a-f]*[1-9a-f][0-9a-f]*$")
	if [ "$has_mmio" = 1 ]; then
		qemu_args+=(-device virtio-rng-device)
		expect_virtio=$((expect_virtio + 1))
		extra_checks+=("^vdisc: virtio \S+ type=entropy transport=mmio-v2 features=0x0 ")
	fi
	;;
blkdebug-read | blkdebug-write)
	iotype=${case_name#blkdebug-}
	blkdebug_drive bd "$iotype" 4096
	# sector 0 is checked (and restored) first; the middle one fails; the last is never reached
	if [ "$iotype" = read ]; then
		check="FAIL:read error=-16 sector=4096 blk_status=0x1 dev_status=0x[0-9a-f]+ sectors=0:restored,4096:untouched,8191:untouched"
	else
		check="FAIL:write error=-16 sector=4096 blk_status=0x1 dev_status=0x[0-9a-f]+ sectors=0:restored,4096:write-failed,8191:untouched"
	fi
	disk d0 4
	qemu_args+=(-drive "if=none,id=d0,format=raw,file.driver=blkdebug,file.config=$work/bd.conf,file.image.filename=$work/d0.img"
		-device "virtio-blk-pci,disable-legacy=on,drive=d0,serial=vdisc-bd")
	blk_checks+=("vdisc-bd|8192|0|pci-modern|$check")
	expect_virtio=1 expect_blk=1 expect_failures=1 expect_exit=1
	;;
stall)
	# At 1 byte/s a 512-byte read would take 512 s (QEMU 7.2 holds even the first one);
	# the driver's 5 s timeout ends it, and the device reset drains it.
	disk d0 4
	qemu_args+=(-drive "if=none,id=d0,format=raw,file=$work/d0.img,readonly=on,throttling.bps-total=1"
		-device "virtio-blk-pci,disable-legacy=on,drive=d0,serial=vdisc-stall")
	blk_checks+=("vdisc-stall|8192|1|pci-modern|FAIL:read error=-17 sector=[0-9]+ blk_status=0xff dev_status=0x0 sectors=.*")
	expect_virtio=1 expect_blk=1 expect_failures=1 expect_exit=1
	;;
*)
	echo "boot-case: unknown case '$case_name'" >&2
	exit 2
	;;
esac

out=$work/serial.txt
VDISC_BUILD_DIR=$build VDISC_BOOT_TIMEOUT=${VDISC_BOOT_TIMEOUT:-90} \
	"$here/run-qemu" "$arch" "${qemu_args[@]}" >"$work/serial.raw" 2>&1
rc=$?
tr -d '\r' <"$work/serial.raw" >"$out"

problems=()
# Disk NAME's accepted features: RING_PACKED (bit 34) exactly when QEMU offered it (packed=on).
check_ring() {
	local name=$1 want=$2 features
	features=$(grep -E "^vdisc: virtio $(sed 's/[.]/[.]/g' <<<"$name") " "$out" | sed -nE 's/.* features=0x([0-9a-f]+) .*/\1/p')
	[ -n "$features" ] || return
	[ $(((0x$features >> 34) & 1)) = "$want" ] ||
		problems+=("$name: RING_PACKED accepted is $(((0x$features >> 34) & 1)), expected $want")
}
# The interrupt-driven run of disk NAME: its irq line, by_irq > 0 and by_irq == completions
# (or, with vdisc.irq=masked, a timeout).
check_irq() {
	local name=$1 transport=$2 line ok re irq_chip
	case "$arch:$transport" in
	riscv64:*) irq_chip=plic ;;
	aarch64:*) irq_chip=${gic:-gicv2} ;;
	x86:mmio-*) irq_chip=ioapic ;;
	x86:*) irq_chip=msix ;;
	esac
	line=$(grep -E "^vdisc: irq $(sed 's/[.]/[.]/g' <<<"$name") " "$out" | head -1)
	if [ -n "$irq_masked" ]; then
		re="^vdisc: irq \\S+ chip=$irq_chip line=[0-9]+ masked check=FAIL:timeout error=-17 completions=0 by_irq=0 spurious=[0-9]+$"
		grep -qE "$re" <<<"$line" || problems+=("$name: '$line' is not a masked line's timeout")
		return
	fi
	re="^vdisc: irq \\S+ chip=$irq_chip line=[0-9]+ check=ok completions=([0-9]+) by_irq=([0-9]+) spurious=[0-9]+$"
	ok=$(sed -nE "s/$re/\\1 \\2/p" <<<"$line")
	if [ -z "$ok" ]; then
		problems+=("$name: no 'irq ... chip=$irq_chip ... check=ok' line (${line:-none})")
	elif [ "${ok% *}" != "${ok#* }" ] || [ "${ok#* }" -eq 0 ]; then
		problems+=("$name: completions and by_irq differ or are 0: $line")
	fi
}
if [ "$expect_exit" = 0 ]; then
	[ "$rc" -eq 0 ] || problems+=("exit status $rc, expected 0")
else
	[ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] || problems+=("exit status $rc, expected a failure code")
fi
for c in "${blk_checks[@]}"; do
	IFS='|' read -r serial cap ro transport check packed <<<"$c"
	line=$(grep -E "^vdisc: blk \S+ capacity=$cap blk_size=512 ro=$ro serial=$serial check=" "$out" | head -1)
	if [ -z "$line" ]; then
		problems+=("no blk line with capacity=$cap ro=$ro serial=$serial")
		continue
	fi
	name=$(awk '{print $3}' <<<"$line")
	grep -qE "^vdisc: blk \S+ capacity=$cap blk_size=512 ro=$ro serial=$serial check=$check$" <<<"$line" ||
		problems+=("$name: '${line#vdisc: blk }' does not end in check=$check")
	grep -qE "^vdisc: virtio $(sed 's/[.]/[.]/g' <<<"$name") type=block transport=$transport features=0x[0-9a-f]+ offered=0x[0-9a-f]+$" "$out" ||
		problems+=("$name: no 'virtio ... type=block transport=$transport' line")
	[ "$check" = ok ] && check_irq "$name" "$transport"
	[ -n "$packed" ] && check_ring "$name" "$packed"
done
for re in "${extra_checks[@]}"; do
	grep -qE "$re" "$out" || problems+=("no line matching $re")
done
grep -qE "^vdisc: done devices=[0-9]+ virtio=$expect_virtio blk=$expect_blk failures=$expect_failures$" "$out" ||
	problems+=("no 'done ... virtio=$expect_virtio blk=$expect_blk failures=$expect_failures' line")
[ "$(grep -c '^vdisc: dev ' "$out")" -gt 0 ] || problems+=("no 'vdisc: dev' line")
if [ "$arch" = x86 ] && [ "${VDISC_BOOT_MACHINE:-}" = microvm ]; then
	grep -qE '^vdisc: boot .* entry=pvh ' "$out" || problems+=("microvm: not entered through PVH")
	grep -qE '^vdisc: dev cmdline:virtio_mmio@[0-9a-f]+ virtio,mmio 0x[0-9a-f]+ irq=ioapic[0-9]:[0-9]+$' "$out" ||
		problems+=("microvm: no virtio-mmio device from the command line routed to an I/O APIC")
fi
grep -qE '^vdisc: irq timer wakeups=([0-9]+) sleeps=\1 asked_us=[0-9]+ min_us=[0-9]+ max_us=[0-9]+ timer=\S+ spurious=[0-9]+ check=ok$' "$out" ||
	problems+=("no 'irq timer wakeups=N sleeps=N ... check=ok' line")
grep -q 'TRAP' "$out" && problems+=("the kernel trapped")
if ! sha256sum --quiet -c "$work/sums" >/dev/null 2>&1; then
	problems+=("a disk image changed: $(sha256sum -c "$work/sums" 2>/dev/null | grep -v ': OK' | tr '\n' ' ')")
fi

if [ ${#problems[@]} -eq 0 ]; then
	grep -E '^vdisc: (virtio|blk|irq|done) ' "$out"
	echo "PASS $arch $case_name"
	exit 0
fi
echo "FAIL $arch $case_name:"
printf '  - %s\n' "${problems[@]}"
echo "--- serial output (dev lines omitted) ---"
grep -vE '^vdisc: dev ' "$out"
echo "--- qemu: ${qemu_args[*]}"
exit 1
