#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The boot kernels' own virtio-blk driver under QEMU (TCG): 4 KiB random reads
# at queue depth 1 and 32, polled and interrupt-driven, split and packed ring,
# on virtio-mmio and virtio-pci disks of every architecture, all reading the
# same raw image.  The kernel measures (tests/boot/bench_boot.c: completed
# requests over a fixed window on its own clock, every read's data checked);
# this script boots it, alternating the order of the combinations run by run,
# and summarize.py prints medians as one table of ratios (QD32/QD1,
# packed/split, irq/poll), flagging QD32/QD1 below the target of 4.
# See bench/README.md.
#
# Usage: bench/boot/run.sh [BUILD_DIR] [--quick]
#   BUILD_DIR  where tests/boot/build.sh puts the kernels (default: build under the repo root);
#              a kernel older than its sources (src, include, tests/boot, ...) is rebuilt first
#   --quick    3 runs of a 100 ms window per combination: shows that everything runs
#              (about a minute); its ratios are not a measurement
# Environment:
#   BENCH_OUT      results (default /tmp/vdisc-bench-boot)
#   BENCH_RUNS     boots per target, alternating the order (default 7; 3 with --quick)
#   BENCH_MS       window per combination, ms on the kernel's clock (default 400; 100 with
#                  --quick), after a warm-up of a quarter of it
#   BENCH_MIB      image size in MiB (default 64)
#   BENCH_TARGETS  "ARCH:TRANSPORT ..." (default: riscv64:mmio riscv64:pci aarch64:mmio
#                  aarch64:pci x86:mmio x86:pci; x86 mmio is QEMU's microvm, x86 pci q35)
#   BENCH_DRIVE    extra -drive options (default ",aio=io_uring,cache.direct=off")
#   BENCH_IOTHREAD 1: the pci disks' requests in an iothread (default 0; QEMU 7.2's
#                  virtio-mmio cannot have one under TCG)
#   BENCH_IMAGE_DIR directory of the image (default BENCH_OUT): on a disk file system, whose
#                  page cache serves io_uring's buffered reads at once; tmpfs hands each
#                  read to an io_uring worker thread, a cost per request that depth pays
#                  more often (see bench/README.md)
# Exit status: 0 when every boot worked and every combination reported check=ok
# (whatever the ratios), 1 when one did not, 2 on a set-up error (no python3, no
# room for the image, no kernel could be built).
set -u -o pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

build='' quick=0
for arg in "$@"; do
	case $arg in
	--quick) quick=1 ;;
	-h | --help)
		sed -n '/^# Usage:/,/^# Exit status/p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "run.sh: unknown option $arg (try --help)" >&2
		exit 2
		;;
	*) build=$arg ;;
	esac
done
build=${build:-$root/build}
mkdir -p "$build" && build=$(cd "$build" && pwd)

if [ $quick = 1 ]; then
	runs=${BENCH_RUNS:-3} ms=${BENCH_MS:-100}
else
	runs=${BENCH_RUNS:-7} ms=${BENCH_MS:-400}
fi
mib=${BENCH_MIB:-64}
targets=${BENCH_TARGETS:-riscv64:mmio riscv64:pci aarch64:mmio aarch64:pci x86:mmio x86:pci}
drive_opts=${BENCH_DRIVE:-,aio=io_uring,cache.direct=off}
iothread=${BENCH_IOTHREAD:-0}
out=${BENCH_OUT:-/tmp/vdisc-bench-boot}
imgdir=${BENCH_IMAGE_DIR:-$out}
results=$out/results-latest.txt
image=$imgdir/vdisc-bench-boot-$$.img

die() {
	echo "run.sh: $*" >&2
	exit 2
}

command -v python3 >/dev/null || die "python3 not found: install Debian's python3 package"
for dir in "$out" "$imgdir"; do
	mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || die "$dir: not a directory this user can write"
done
avail=$(df -Pk "$imgdir" | awk 'NR == 2 { print int($4 / 1024) }')
[ "${avail:-0}" -gt $((mib + 16)) ] || die "$imgdir has ${avail:-0} MiB free, the image needs $mib"
fstype=$(stat -f -c %T "$imgdir" 2>/dev/null || echo unknown)
trap 'rm -f "$image"' EXIT
trap 'exit 1' INT TERM

# -- the kernels and the image, side by side --------------------------------------

# A kernel older than any source it is built from is built again (tests/boot/build.sh:
# the library's incremental cross build, its checks, the kernel), several at once:
# mostly waiting on a busy machine.  Not at once while libfdt's sources, which the
# cross builds share, are still to be extracted.
stale() { # ARCH
	local elf=$build/boot/vdisc-boot-$1.elf
	[ ! -f "$elf" ] || [ -n "$(find "$root/src" "$root/include" "$root/tests/boot" \
		"$root/tests/freestanding" "$root/cmake" "$root/scripts" "$root/CMakeLists.txt" \
		-newer "$elf" -print -quit)" ]
}
declare -A built
declare -a builder
for t in $targets; do
	arch=${t%%:*}
	[ -n "${built[$arch]:-}" ] && continue
	built[$arch]=1
	stale "$arch" || continue
	"$root/tests/boot/build.sh" "$arch" "$build" >"$out/build-$arch.log" 2>&1 &
	builder[$!]=$arch
	[ -f "$build/cross-libfdt/libfdt/libfdt.h" ] || wait $!
done

# Every 512-byte sector starts with its number (little-endian): bench_boot.c checks it.
python3 - "$image" "$mib" <<'PY' || die "cannot write $image"
import os, struct, sys
sectors = int(sys.argv[2]) * 2048
data = bytearray(os.urandom(sectors * 512))
for s in range(sectors):
    struct.pack_into("<Q", data, s * 512, s)
with open(sys.argv[1], "wb") as f:
    f.write(data)
PY

for pid in "${!builder[@]}"; do
	wait "$pid" && continue
	built[${builder[$pid]}]=0
	echo "run.sh: NOTE: no ${builder[$pid]} kernel (tests/boot/build.sh: see $out/build-${builder[$pid]}.log)" >&2
done

# -- one boot ------------------------------------------------------------------

# The boots of a run: riscv64 and aarch64 carry their mmio and pci disks in one
# machine (measured one after the other); x86's mmio is QEMU's microvm, which has
# no PCI, so x86 boots once per transport.
boots=()
for arch in riscv64 aarch64 x86; do
	trs=
	for t in $targets; do [ "${t%%:*}" = "$arch" ] && trs+=" ${t#*:}"; done
	[ -n "$trs" ] || continue
	if [ "$arch" = x86 ]; then
		for tr in $trs; do boots+=("x86:$tr"); done
	else
		trs=${trs# }
		boots+=("$arch:${trs// /+}")
	fi
done

# QEMU's arguments for a disk on each of TRANSPORTS (read-only, the same image,
# packed=on so that the kernel can have either ring); VDISC_BOOT_MACHINE for
# run-qemu on the first line.
qemu_args() { # ARCH TRANSPORTS (mmio+pci)
	local dev tr n=0
	case "$1:$2" in
	x86:mmio) echo microvm ;;
	x86:*) echo q35 ;;
	*) echo ;;
	esac
	[[ "$2" == *mmio* ]] && printf '%s\n' -global virtio-mmio.force-legacy=false
	[ "$iothread" = 1 ] && [[ "$2" == *pci* ]] && printf '%s\n' -object iothread,id=bio
	for tr in ${2//+/ }; do
		n=$((n + 1))
		case $tr in
		mmio) dev=virtio-blk-device ;;
		pci) dev=virtio-blk-pci,disable-legacy=on ;;
		esac
		# QEMU 7.2's virtio-mmio has no ioeventfd under TCG, which an iothread needs.
		[ "$iothread" = 1 ] && [ "$tr" = pci ] && dev+=,iothread=bio
		printf '%s\n' -drive "if=none,id=bd$n,format=raw,readonly=on,file=$image$drive_opts" \
			-device "$dev,drive=bd$n,packed=on,serial=vdisc-bench-$tr"
	done
}

failed=0
boot() { # ARCH TRANSPORTS RUN
	local arch=$1 trs=$2 run=$3 order='' args log=$out/serial-$1.txt rc lines ndisks
	[ $((run % 2)) = 0 ] && order=,rev
	mapfile -t args < <(qemu_args "$arch" "$trs")
	ndisks=$(tr + '\n' <<<"$trs" | wc -l)
	VDISC_BOOT_MACHINE=${args[0]} VDISC_BUILD_DIR=$build \
		VDISC_BOOT_TIMEOUT=$((60 + ndisks * ms * 32 / 100)) \
		"$root/tests/boot/run-qemu" "$arch" -append "vdisc.bench=$ms$order" "${args[@]:1}" \
		2>&1 | tr -d '\r' >"$log"
	rc=${PIPESTATUS[0]}
	lines=$(grep -E '^vdisc: bench \S+ transport=' "$log")
	printf '%s\n' "$lines" | awk -v a="$arch" -v r="$run" '
		/check=ok$/ {
			for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			t = v["transport"]; sub(/-.*/, "", t)
			printf "sample\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a, t, r, v["ring"],
				v["mode"], v["qd"], v["ios"], v["ns"], v["iops"], v["irqs"]
		}' >>"$results"
	# Every disk measured: 8 combinations, or 4 where the kernel knows no interrupt route.
	if [ "$rc" != 0 ] || grep -q 'check=FAIL' <<<"$lines" ||
		[ "$(grep -cE '^vdisc: bench \S+ done combinations=(4|8) rounds=[0-9]+ failures=0$' "$log")" != "$ndisks" ]; then
		echo "run.sh: $arch $trs run $run: exit $rc; $(grep -c 'check=FAIL' <<<"$lines") failed combinations (serial: $out/serial-$arch-run$run.txt)" >&2
		cp "$log" "$out/serial-$arch-run$run.txt"
		failed=1
	fi
	cat "$log" >>"$out/serial-all.txt"
}

{
	echo "# bench/boot: the boot kernels' virtio-blk, 4 KiB random reads; $(date -u +%FT%TZ); $(uname -r); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "# $(qemu-system-riscv64 --version 2>/dev/null | head -1) (TCG)"
	echo "# image: $image, $mib MiB ($fstype, in the page cache: written just before); drive options: ${drive_opts#,}; iothread: $iothread"
	echo "# runs: $runs boots per target (even runs in reverse order), window $ms ms + warm-up $((ms / 4)) ms per combination"
	echo "# columns: sample ARCH TRANSPORT RUN RING MODE QD IOS NS IOPS IRQS   (tab separated)"
} >"$results"
: >"$out/serial-all.txt"

nboots=0
for ((run = 1; run <= runs; run++)); do
	echo "run.sh: run $run of $runs (${SECONDS}s)" >&2
	for b in "${boots[@]}"; do
		[ "${built[${b%%:*}]:-0}" = 1 ] || continue
		boot "${b%%:*}" "${b#*:}" "$run"
		nboots=$((nboots + 1))
	done
done
[ $nboots -gt 0 ] || die "no kernel could be built"

python3 "$here/summarize.py" "$results" || failed=1
echo "results: $results"
exit $failed
