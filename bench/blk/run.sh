#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# `vdisc blk bench` over vhost-user against qemu-storage-daemon, compared with
# `qemu-img bench` (QEMU's own block layer on the same image, same aio mode and
# depth), fio (the kernel's io_uring on the same file) and, at depth 1, raw
# (bench/blk/raw_roundtrip.c: the simplest request loop on the same ring,
# built with vdisc): 4 KiB random reads at several depths and 1 MiB reads, for
# aio=io_uring and aio=threads.
# Medians of alternating runs; one table of ratios.  See bench/README.md.
#
# Usage: bench/blk/run.sh [VDISC] [--quick]
#   VDISC    the binary to time (default: build/vdisc under the repo root); when it
#            has no `blk` command yet, only qemu-img and fio are measured (a baseline)
#   --quick  2 runs of 1 s, a 64 MiB image: shows that everything runs (CI smoke)
# Environment:
#   BENCH_OUT      results and daemon state (default /tmp/vdisc-bench-blk)
#   BENCH_RUNS     alternating runs per command (default 5; 2 with --quick)
#   BENCH_SECONDS  length of each run (default 2; 1 with --quick)
#   BENCH_MIB      image size in MiB, a power of two (default 256; 64 with --quick)
#   BENCH_AIO      qemu aio modes (default "io_uring threads")
#   BENCH_DEPTHS   depths of the 4 KiB random reads (default "1 32 128")
#   BENCH_SEQ_DEPTH  depth of the 1 MiB sequential reads (default 4)
#   BENCH_SHM      directory of the image (default /dev/shm)
# Exit status: 0 when every run worked (whatever the ratios), 1 when a run
# failed, 2 on a usage/set-up error (qemu-storage-daemon, qemu-img, fio or
# python3 missing, no room for the image).
set -u -o pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
qsd="$root/tests/blk/qsd.sh"

# shellcheck source=../args.sh
. "$root/bench/args.sh"

if [ $quick = 1 ]; then
	runs=${BENCH_RUNS:-2} secs=${BENCH_SECONDS:-1} mib=${BENCH_MIB:-64}
else
	runs=${BENCH_RUNS:-5} secs=${BENCH_SECONDS:-2} mib=${BENCH_MIB:-256}
fi
aio_modes=${BENCH_AIO:-io_uring threads}
depths=${BENCH_DEPTHS:-1 32 128}
seq_depth=${BENCH_SEQ_DEPTH:-4}
shm=${BENCH_SHM:-/dev/shm}
out=${BENCH_OUT:-/tmp/vdisc-bench-blk}
results=$out/results-latest.txt
image=$shm/vdisc-bench-blk-$$.img
export VDISC_BLK_STATE=$out/state

die() {
	echo "run.sh: $*" >&2
	exit 2
}

# -- tools ------------------------------------------------------------------

command -v qemu-storage-daemon >/dev/null || die "qemu-storage-daemon not found: install Debian's qemu-system-common (scripts/bootstrap.sh test)"
command -v qemu-img >/dev/null || die "qemu-img not found: install Debian's qemu-utils (scripts/bootstrap.sh test)"
command -v fio >/dev/null || die "fio not found: install Debian's fio package (scripts/bootstrap.sh test)"
command -v python3 >/dev/null || die "python3 not found: install Debian's python3 package"
# raw_roundtrip is built with vdisc (cmake target vdisc_bench_raw_roundtrip), beside it.
mkdir -p "$out" || die "cannot create $out"
raw=$(dirname "$vdisc")/vdisc_bench_raw_roundtrip
have_raw=0
if [ -x "$raw" ]; then
	have_raw=1
else
	echo "run.sh: NOTE: no $raw (build the vdisc_bench_raw_roundtrip target): no raw column" >&2
fi
have_vdisc=0
if [ -x "$vdisc" ] && "$vdisc" blk bench --help >/dev/null 2>&1; then
	have_vdisc=1
else
	echo "run.sh: NOTE: $vdisc has no 'blk bench': measuring qemu-img, fio and raw only (the baseline)" >&2
fi
[ $((mib & (mib - 1))) = 0 ] && [ "$mib" -ge 4 ] || die "BENCH_MIB must be a power of two (the random stride relies on it)"
avail=$(df -Pk "$shm" | awk 'NR == 2 { print int($4 / 1024) }')
[ "${avail:-0}" -gt $((mib + 64)) ] || die "$shm has ${avail:-0} MiB free, the image needs $mib"

cleanup() {
	for aio in $aio_modes; do
		bash "$qsd" stop "bench-$aio" >/dev/null 2>&1
	done
	rm -f "$image"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# -- the image and the daemons ---------------------------------------------

# Random contents, written once: a page cache full of real data, so that no
# tool reads holes.  tmpfs is RAM: every tool reads through the page cache
# (cache.direct=off, -t writeback, --direct=0); Debian 12's 6.1 kernel has no
# O_DIRECT on tmpfs at all (it came in 6.6).
head -c $((mib << 20)) /dev/urandom >"$image" || die "cannot write $image"
for aio in $aio_modes; do
	# Read-only exports: the benchmark never writes, and qemu-img opens the same file.
	bash "$qsd" start "bench-$aio" --image="$image" --ro --aio="$aio" --direct=off ||
		die "qemu-storage-daemon would not serve $image with aio=$aio"
done

# qemu-img bench is sequential with a step, wrapping at the end of the image.
# A step of an odd number of 4 KiB blocks visits every block of a power-of-two
# image once before repeating, in scattered order: 40499 (prime) is about
# 0.62 of 65536 blocks, so consecutive requests land far apart.
stride=$((40499 * 4096))

# -- one run of each tool ---------------------------------------------------

# Prints "IOPS MB_PER_S P50_NS" or fails.
run_vdisc() { # AIO RW BS DEPTH
	local sock
	sock=$(bash "$qsd" get "bench-$1" sock) || return 1
	"$vdisc" blk bench --vhost-user "$sock" --rw="$2" --bs="$3" --iodepth="$4" \
		--runtime="$secs" --json 2>>"$out/errors.log" |
		python3 -c 'import json, sys
text = sys.stdin.read()
j = json.loads(text[text.index("{"):text.rindex("}") + 1])
print(j["iops"], j["mb_per_s"], j["latency_ns"]["p50"])' 2>>"$out/errors.log"
}

# The simplest loop does one thing: 4 KiB random reads at depth 1 (the round trip).
run_raw() { # AIO RW BS DEPTH
	local sock
	sock=$(bash "$qsd" get "bench-$1" sock) || return 1
	"$raw" "$sock" "$secs" 2>>"$out/errors.log" |
		python3 -c 'import json, sys
j = json.load(sys.stdin)
print(j["iops"], j["mb_per_s"], j["latency_ns"]["p50"])' 2>>"$out/errors.log"
}

raw_applies() { # RW BS DEPTH
	[ "$1 $2 $3" = "randread 4096 1" ]
}

# qemu-img bench gives one number, "Run completed in X seconds."; COUNT is fixed per
# configuration (calibrated by the warm-up run) so each run lasts about BENCH_SECONDS.
run_qemu_img() { # AIO RW BS DEPTH COUNT
	local step=() t
	[ "$2" = randread ] && step=(-S "$stride")
	t=$(qemu-img bench -f raw -t writeback -i "$1" -d "$4" -s "$3" "${step[@]}" -c "$5" "$image" \
		2>>"$out/errors.log" | sed -n 's/^Run completed in \([0-9.]*\) seconds\.$/\1/p')
	[ -n "$t" ] || return 1
	awk -v c="$5" -v t="$t" -v bs="$3" 'BEGIN { printf "%.1f %.2f -\n", c / t, c * bs / t / 1e6 }'
}

run_fio() { # RW BS DEPTH SECONDS
	fio --name=vdisc-bench --filename="$image" --readonly --rw="$1" --bs="$2" --iodepth="$3" \
		--ioengine=io_uring --direct=0 --runtime="$4" --time_based --output-format=json \
		2>>"$out/errors.log" |
		python3 -c 'import json, sys
text = sys.stdin.read()
r = json.loads(text[text.index("{"):])["jobs"][0]["read"]
print(r["iops"], r["bw_bytes"] / 1e6, int(r["clat_ns"]["percentile"]["50.000000"]))' 2>>"$out/errors.log"
}

# -- configurations ---------------------------------------------------------

configs=() # "RW BS DEPTH"
for d in $depths; do configs+=("randread 4096 $d"); done
configs+=("read 1048576 $seq_depth")

{
	echo "# vdisc blk bench vs qemu-img bench vs fio; $(date -u +%FT%TZ); $(uname -r); $(nproc) CPUs"
	echo "# vdisc: $([ $have_vdisc = 1 ] && echo "$vdisc" || echo "absent ($vdisc has no blk bench)"); raw: $([ $have_raw = 1 ] && echo "$raw" || echo absent)"
	echo "# $(qemu-storage-daemon --version | head -1); $(qemu-img --version | head -1); $(fio --version)"
	echo "# image: $image, $mib MiB (tmpfs, page cache); runs: $runs x ${secs} s; qemu-img random step: $stride bytes"
	echo "# columns: sample AIO RW BS DEPTH TOOL RUN IOPS MB_PER_S P50_NS   (tab separated; fio is AIO 'kernel')"
} >"$results"
: >"$out/errors.log"

failed=0
record() { # AIO RW BS DEPTH TOOL RUN OUTPUT
	local aio=$1 rw=$2 bs=$3 d=$4 tool=$5 run=$6 line=$7
	if [ -z "$line" ]; then
		echo "run.sh: $tool $rw bs=$bs depth=$d aio=$aio run $run failed (see $out/errors.log)" >&2
		failed=1
		return
	fi
	printf 'sample\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$aio" "$rw" "$bs" "$d" "$tool" "$run" \
		"$(echo "$line" | tr ' ' '\t')" >>"$results"
}

# Warm-up: one untimed run of each, which also sizes qemu-img's request count.
declare -A count
for aio in $aio_modes; do
	for c in "${configs[@]}"; do
		set -- $c
		cal=$(((200 << 20) / $2))
		[ "$cal" -gt 20000 ] && cal=20000
		rate=$(run_qemu_img "$aio" "$1" "$2" "$3" "$cal" | cut -d' ' -f1)
		[ -n "$rate" ] || die "qemu-img bench failed (aio=$aio $c): see $out/errors.log"
		count[$aio $c]=$(awk -v r="$rate" -v s="$secs" 'BEGIN { printf "%d", r * s + 1 }')
		[ $have_vdisc = 1 ] && { run_vdisc "$aio" "$1" "$2" "$3" >/dev/null || true; }
		[ $have_raw = 1 ] && raw_applies "$1" "$2" "$3" && { run_raw "$aio" "$1" "$2" "$3" >/dev/null || true; }
	done
done

# Alternating: each run goes once through every configuration, the tools back to
# back, so that a burst of background load hits all of them alike.
for ((run = 1; run <= runs; run++)); do
	echo "run.sh: run $run of $runs" >&2
	for c in "${configs[@]}"; do
		set -- $c
		for aio in $aio_modes; do
			[ $have_vdisc = 1 ] && record "$aio" "$@" vdisc $run "$(run_vdisc "$aio" "$@")"
			[ $have_raw = 1 ] && raw_applies "$@" && record "$aio" "$@" raw $run "$(run_raw "$aio" "$@")"
			record "$aio" "$@" qemu-img $run "$(run_qemu_img "$aio" "$@" "${count[$aio $c]}")"
		done
		record kernel "$@" fio $run "$(run_fio "$@" "$secs")"
	done
done

python3 "$here/summarize.py" "$results" || failed=1
echo "results: $results"
exit $failed
