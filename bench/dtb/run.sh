#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Races `vdisc dtb` in each output mode (table, -v, --tree, --json, --compatible
# matching one node) against `fdtdump` and `dtc -q -I dtb -O dts` on synthetic
# trees of four shapes (wide, deep, nexus, phandle: gen-tree.py) at 1k, 10k and
# 100k nodes: whole-process wall time and peak RSS, medians of alternating
# runs, the ratios, vdisc's time per node at 10k against 100k, and whether the
# targets of issue 12 are met.  See bench/README.md.
#
# Usage: bench/dtb/run.sh [VDISC] [--quick] [--runs N] [--timeout S]
#   VDISC        the binary to time (default: $VDISC, else build/vdisc under the repo root)
#   --quick      1k and 10k nodes, 1 run each (a smoke run; its ratios are not a measurement)
#   --runs N     runs per command and file (default 5; BENCH_RUNS)
#   --timeout S  kill a run after S seconds and skip that command's other runs on
#                that file (default 60; BENCH_TIMEOUT)
# Environment:
#   BENCH_OUT     where the trees (cached by generator version) and results go
#                 (default /tmp/vdisc-bench-dtb)
#   BENCH_SHAPES  the shapes (default "wide deep nexus phandle")
#   BENCH_SIZES   the node counts (default "1k 10k 100k"; "1k 10k" with --quick)
# Exit status: 0 when every run exited 0 or timed out (whatever the ratios),
# 1 when a run or a tree's generation failed, 2 on a usage/set-up error.
set -u -o pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

die() {
	echo "run.sh: $*" >&2
	exit 2
}

# Our own options first; the rest is the command line every bench/*/run.sh takes.
runs=${BENCH_RUNS:-}
timeout=${BENCH_TIMEOUT:-60}
rest=()
positional=0
while [ $# -gt 0 ]; do
	case $1 in
	--runs=*) runs=${1#--runs=} ;;
	--timeout=*) timeout=${1#--timeout=} ;;
	--runs | --timeout)
		[ $# -ge 2 ] || die "$1 needs a value (try --help)"
		if [ "$1" = --runs ]; then runs=$2; else timeout=$2; fi
		shift
		;;
	-*) rest+=("$1") ;;
	*)
		rest+=("$1")
		positional=1
		;;
	esac
	shift
done
set -- "${rest[@]+"${rest[@]}"}"
# shellcheck source=../args.sh
. "$root/bench/args.sh"
if [ $positional = 0 ] && [ -n "${VDISC:-}" ]; then
	vdisc=$VDISC
	case $vdisc in /*) ;; *) vdisc=$PWD/$vdisc ;; esac
fi

if [ $quick = 1 ]; then
	runs=${runs:-1}
	sizes=${BENCH_SIZES:-1k 10k}
else
	runs=${runs:-5}
	sizes=${BENCH_SIZES:-1k 10k 100k}
fi
shapes=${BENCH_SHAPES:-wide deep nexus phandle}
out=${BENCH_OUT:-/tmp/vdisc-bench-dtb}
results=$out/results-latest.txt
needle=vdisc,bench-needle

[ "$runs" -ge 1 ] 2>/dev/null || die "--runs must be a positive number"
awk -v t="$timeout" 'BEGIN { exit !(t + 0 > 0) }' || die "--timeout must be a positive number of seconds"

# -- tools ------------------------------------------------------------------

[ -x "$vdisc" ] || die "no vdisc at $vdisc: build it (cmake -S . -B build && cmake --build build) or pass its path"
command -v python3 >/dev/null || die "python3 not found: install Debian's python3 package"
command -v dtc >/dev/null || die "dtc not found: install Debian's device-tree-compiler package"
command -v fdtdump >/dev/null || die "fdtdump not found: install Debian's device-tree-compiler package"

mkdir -p "$out" || die "cannot create $out"
tmp=$(mktemp -d "$out/tmp.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

# -- trees ------------------------------------------------------------------
# Cached per generator version: dtc takes minutes on the 100k deep tree.

gen_id=$(sha256sum "$here/gen-tree.py" | cut -c1-12)
trees=$out/trees/gen-$gen_id
mkdir -p "$trees" || die "cannot create $trees"

# dtc checks each phandle argument list (interrupts, clocks, ...) with a walk of
# the whole tree per reference: on the 100k phandle tree that takes hours.
# Those checks only warn, and -q hides warnings: without them dtc accepts the
# same trees and writes the same bytes (checked on the 1k and 10k trees).
dtc_fast=(-Wno-interrupts_property -Wno-interrupts_extended_property -Wno-clocks_property
	-Wno-resets_property -Wno-phys_property -Wno-gpios_property)

count() { # 1k -> 1000, 100k -> 100000, 1234 -> 1234
	case $1 in
	*[kK]) echo $((${1%?} * 1000)) ;;
	*) echo $(($1)) ;;
	esac
}

fail=0
inputs=() # "name|shape|nodes|path"
for shape in $shapes; do
	for size in $sizes; do
		nodes=$(count "$size") || die "not a size: $size"
		name=$shape-$size
		dtb=$trees/$name.dtb
		if [ ! -s "$dtb" ] || [ ! -e "$trees/$name.ok" ]; then
			echo "== generating $name ($nodes nodes)" >&2
			t0=$SECONDS
			if ! python3 "$here/gen-tree.py" --shape "$shape" --nodes "$nodes" "$tmp/t.dts" ||
				! dtc -q "${dtc_fast[@]}" -I dts -O dtb -o "$tmp/t.dtb" "$tmp/t.dts" 2>"$tmp/dtc.err"; then
				head -n 5 "$tmp/dtc.err" >&2
				echo "run.sh: cannot generate $name" >&2
				fail=1
				continue
			fi
			# Every tree has the node count asked for and one needle for --compatible.
			got=$(fdtdump "$tmp/t.dtb" 2>/dev/null | grep -c '{$')
			hits=$(fdtdump "$tmp/t.dtb" 2>/dev/null | grep -c "\"$needle\"")
			if [ "$got" != "$nodes" ] || [ "$hits" != 1 ]; then
				echo "run.sh: $name: $got nodes (not $nodes), $hits \"$needle\" (not 1)" >&2
				fail=1
				continue
			fi
			mv "$tmp/t.dtb" "$dtb" && touch "$trees/$name.ok"
			echo "   $(wc -c <"$dtb") bytes, $((SECONDS - t0)) s" >&2
		fi
		inputs+=("$name|$shape|$nodes|$dtb")
	done
done
[ ${#inputs[@]} -gt 0 ] || die "no trees to time"

# -- the race ---------------------------------------------------------------

# mode | vdisc's arguments
modes=("table|" "-v|-v" "--tree|--tree" "--json|--json" "--compatible|--compatible=$needle")
: >"$tmp/cmds"
for entry in "${inputs[@]}"; do
	IFS='|' read -r name shape nodes dtb <<<"$entry"
	printf '%s\tfdtdump\t-\tfdtdump\t%s\n' "$name" "$dtb" >>"$tmp/cmds"
	printf '%s\tdtc\t-\tdtc\t-q\t-I\tdtb\t-O\tdts\t%s\n' "$name" "$dtb" >>"$tmp/cmds"
	for m in "${modes[@]}"; do
		IFS='|' read -r mode args <<<"$m"
		if [ -n "$args" ]; then
			printf '%s\tvdisc\t%s\t%s\tdtb\t%s\t%s\n' "$name" "$mode" "$vdisc" "$args" "$dtb"
		else
			printf '%s\tvdisc\t%s\t%s\tdtb\t%s\n' "$name" "$mode" "$vdisc" "$dtb"
		fi >>"$tmp/cmds"
	done
done

{
	echo "# vdisc bench/dtb results, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(uname -srm), $(nproc) CPUs"
	echo "# vdisc: $vdisc ($("$vdisc" --version 2>&1 | head -n1)); dtc: $(dtc --version 2>&1 | head -n1)"
	echo "# trees: $trees (gen-tree.py $gen_id); runs per command: $runs; mode: $([ $quick = 1 ] && echo quick || echo full)"
	echo "# columns: input NAME SHAPE NODES BYTES PATH"
	echo "#          sample INPUT TOOL MODE RUN STATUS(ok|fail|timeout|skip) WALL_MS RSS_KB"
	printf 'timeout\t%s\n' "$timeout"
	for entry in "${inputs[@]}"; do
		IFS='|' read -r name shape nodes dtb <<<"$entry"
		printf 'input\t%s\t%s\t%s\t%s\t%s\n' "$name" "$shape" "$nodes" "$(wc -c <"$dtb")" "$dtb"
	done
} >"$results"

# Page cache warm for every file and the three binaries before the first timed run.
for entry in "${inputs[@]}"; do
	IFS='|' read -r _ _ _ dtb <<<"$entry"
	cat "$dtb" >/dev/null
done
"$vdisc" --version >/dev/null 2>&1
fdtdump --version >/dev/null 2>&1
dtc --version >/dev/null 2>&1

echo "== timing ${#inputs[@]} trees, $runs runs per command, $timeout s timeout per run" >&2
python3 "$here/race.py" "$runs" "$timeout" "$tmp/cmds" >>"$results" || fail=1

echo "" >&2
python3 "$here/summarize.py" "$results" || fail=1
echo ""
echo "results: $results"
echo "trees: $trees"
exit $fail
