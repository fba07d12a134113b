#!/usr/bin/env bash
# Boots the vdisc boot-test kernel (riscv64) with a virtio-blk disk on
# virtio-mmio and checks what the freestanding library did with it:
#   modern    -global virtio-mmio.force-legacy=false   transport=mmio-v2
#   legacy    -global virtio-mmio.force-legacy=true    transport=mmio-v1
#   readonly  modern, the drive readonly=on            ro=1
# Each must print the blk line (capacity=8192 for 4 MiB, serial=vdisc-s1,
# check=ok), "vdisc: done ... failures=0", power off with pass (exit 0), and
# leave the image byte for byte as it was (sha256).  QEMU 7.2's default is
# force-legacy=true, so both settings are named explicitly.
#
# Usage: tests/boot/boot-blk-test.sh [BUILD_DIR]
# Exit: 0 all passed, 1 a case failed, 77 qemu-system-riscv64 or
# riscv64-unknown-elf-gcc missing.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
mkdir -p "$build"
build=$(cd "$build" && pwd)

for tool in qemu-system-riscv64 riscv64-unknown-elf-gcc; do
	if ! command -v "$tool" >/dev/null; then
		echo "boot-blk-test: skipped: $tool not found"
		exit 77
	fi
done

if ! "$here/build.sh" riscv64 "$build"; then
	echo "boot-blk-test: the kernel did not build"
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-boot.XXXXXX")
trap 'rm -rf "$work"' EXIT
img=$work/disk.img
# 4 MiB of known content: each 512-byte sector starts with its own number.
python3 - "$img" <<'PY' || exit 1
import struct, sys
with open(sys.argv[1], "wb") as f:
    for s in range(8192):
        head = b"vdisc-sector-%08d " % s
        body = bytes((s * 7 + i) & 0xff for i in range(512 - len(head)))
        f.write(head + body)
PY
sum_before=$(sha256sum "$img" | cut -d' ' -f1)

passed=0 failed=0
run_case() { # name transport ro drive-extra qemu-extra...
	local name=$1 transport=$2 ro=$3 drive_extra=$4
	shift 4
	local out=$work/$name.out rc problems=()
	VDISC_BUILD_DIR=$build "$here/run-qemu" riscv64 \
		-drive "if=none,id=d0,file=$img,format=raw$drive_extra" \
		-device virtio-blk-device,drive=d0,serial=vdisc-s1 -d guest_errors "$@" >"$out" 2>&1
	rc=$?
	tr -d '\r' <"$out" >"$out.txt"
	[ "$rc" -eq 0 ] || problems+=("exit status $rc")
	grep -qE "^vdisc: virtio \S+ type=block transport=$transport " "$out.txt" ||
		problems+=("no 'vdisc: virtio ... type=block transport=$transport' line")
	grep -qE "^vdisc: blk \S+ capacity=8192 blk_size=512 ro=$ro serial=vdisc-s1 check=ok$" "$out.txt" ||
		problems+=("no 'vdisc: blk ... capacity=8192 blk_size=512 ro=$ro serial=vdisc-s1 check=ok' line")
	grep -qE "^vdisc: done devices=[0-9]+ virtio=1 blk=1 failures=0$" "$out.txt" ||
		problems+=("no 'vdisc: done ... virtio=1 blk=1 failures=0' line")
	local sum_after
	sum_after=$(sha256sum "$img" | cut -d' ' -f1)
	[ "$sum_after" = "$sum_before" ] || problems+=("the image changed (sha256 $sum_after)")
	if [ ${#problems[@]} -eq 0 ]; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name: $(IFS=';'; echo "${problems[*]}")"
		grep -vE '^vdisc: dev ' "$out.txt" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
}

run_case modern mmio-v2 0 "" -global virtio-mmio.force-legacy=false
run_case legacy mmio-v1 0 "" -global virtio-mmio.force-legacy=true
run_case readonly mmio-v2 1 ",readonly=on" -global virtio-mmio.force-legacy=false

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
