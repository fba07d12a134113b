#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Times `vdisc pci -F DUMP` against `lspci -F DUMP`: whole-process wall time and
# peak RSS, median of several runs, and the ratio vdisc/lspci, at every
# verbosity level, on a large synthetic dump (gen-dump.py), the repo's PCI
# fixtures and the real-world corpus (../shared/corpus/pci-real).  See
# bench/README.md.
#
# Usage: bench/pci/run.sh [VDISC] [--quick]
#   VDISC    the binary to time (default: build/vdisc under the repo root)
#   --quick  3 runs, a 300-function dump, the 6 largest corpus dumps (CI smoke)
# Environment:
#   BENCH_OUT     where the dump and results go (default /tmp/vdisc-bench-pci)
#   BENCH_RUNS    runs per command on the synthetic dump (default 9; 3 with --quick)
#   BENCH_RUNS_SMALL  runs per command on the fixtures and the corpus, whose few-ms
#                 runs are at the mercy of scheduling noise (default 21; 3 with --quick)
#   BENCH_FUNCS   functions in the synthetic dump (default 4000; 300 with --quick)
#   BENCH_SEED    the dump's seed (default 1)
#   BENCH_TIMER   time (default: around /usr/bin/time, interleaved) or hyperfine
# Exit status: 0 when every run worked and the synthetic dump validated (whatever
# the ratios), 1 when a run or the validation failed, 2 on a usage/set-up error.
set -u -o pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

# shellcheck source=../args.sh
. "$root/bench/args.sh"

if [ $quick = 1 ]; then
	runs=${BENCH_RUNS:-3}
	small_runs=${BENCH_RUNS_SMALL:-3}
	funcs=${BENCH_FUNCS:-300}
	corpus_max=6
else
	runs=${BENCH_RUNS:-9}
	small_runs=${BENCH_RUNS_SMALL:-21}
	funcs=${BENCH_FUNCS:-4000}
	corpus_max=0
fi
seed=${BENCH_SEED:-1}
out=${BENCH_OUT:-/tmp/vdisc-bench-pci}
results=$out/results-latest.txt

die() {
	echo "run.sh: $*" >&2
	exit 2
}

# -- tools ------------------------------------------------------------------

[ -x "$vdisc" ] || die "no vdisc at $vdisc: build it (cmake -S . -B build && cmake --build build) or pass its path"
command -v lspci >/dev/null || die "lspci not found: install Debian's pciutils package (apt-get install pciutils)"
command -v python3 >/dev/null || die "python3 not found: install Debian's python3 package"
if ! /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
	echo "run.sh: GNU time (/usr/bin/time) is missing; it measures peak RSS." >&2
	echo "run.sh: install Debian's time package:  apt-get install time" >&2
	exit 2
fi
# Wall time: by default around GNU time, lspci and vdisc alternating run by run,
# so a burst of background load hits both; hyperfine (-N, sub-ms) runs all of
# one command, then all of the other, which a noisy machine skews.
timer=${BENCH_TIMER:-time}
if [ "$timer" = time ] && [ -z "${BENCH_TIMER:-}" ] && command -v hyperfine >/dev/null; then
	echo "run.sh: hyperfine is installed; BENCH_TIMER=hyperfine uses it for wall time" >&2
fi
case $timer in
hyperfine) command -v hyperfine >/dev/null || die "BENCH_TIMER=hyperfine but hyperfine is not installed" ;;
time) ;;
*) die "BENCH_TIMER must be hyperfine or time" ;;
esac
[ "$runs" -ge 1 ] 2>/dev/null || die "BENCH_RUNS must be a positive number"
[ "$small_runs" -ge 1 ] 2>/dev/null || die "BENCH_RUNS_SMALL must be a positive number"
[ "$runs" -ge 7 ] && [ "$small_runs" -ge 7 ] || [ $quick = 1 ] ||
	echo "run.sh: note: fewer than 7 runs per command (7 or more wanted for a report)" >&2

mkdir -p "$out" || die "cannot create $out"
tmp=$(mktemp -d "$out/tmp.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

lspci_version=$(lspci --version 2>&1 | head -n1)
vdisc_version=$("$vdisc" --version 2>&1 | head -n1)

# -- levels -----------------------------------------------------------------
# name | lspci flags | vdisc flags (vdisc's most verbose level is -vv)
levels=("default||" "-v|-v|-v" "-vv|-vv|-vv" "-vvv|-vvv|-vv" "-nn|-nn|-nn")

# -- inputs -----------------------------------------------------------------

gen=$out/gen-seed$seed-$funcs.lspci-x.txt
echo "== generating the synthetic dump: seed $seed, about $funcs functions" >&2
python3 "$here/gen-dump.py" --seed "$seed" --functions "$funcs" -o "$gen" 2>"$tmp/gen.err" || {
	cat "$tmp/gen.err" >&2
	echo "run.sh: gen-dump.py failed" >&2
	exit 1
}
cat "$tmp/gen.err" >&2

fail=0
count_fns() { grep -cE '^([0-9a-fA-F]{4,6}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7] ' "$1"; }

# Validation: lspci parses every function of the synthetic dump, and vdisc's
# listing is byte for byte lspci's (names and -nn), so both do the same work.
in_dump=$(count_fns "$gen")
lspci -F "$gen" >"$tmp/l.txt" 2>"$tmp/l.err" || fail=1
"$vdisc" pci -F "$gen" >"$tmp/v.txt" 2>"$tmp/v.err" || fail=1
listed=$(wc -l <"$tmp/l.txt")
if [ "$listed" != "$in_dump" ]; then
	echo "VALIDATION FAILED: the dump has $in_dump functions, lspci -F lists $listed" >&2
	fail=1
fi
if ! diff -u "$tmp/l.txt" "$tmp/v.txt" >"$tmp/diff" 2>&1; then
	echo "VALIDATION FAILED: vdisc pci -F and lspci -F list the synthetic dump differently:" >&2
	head -n 20 "$tmp/diff" >&2
	fail=1
fi
lspci -nn -F "$gen" >"$tmp/l.txt" 2>/dev/null
"$vdisc" pci -nn -F "$gen" >"$tmp/v.txt" 2>/dev/null
if ! cmp -s "$tmp/l.txt" "$tmp/v.txt"; then
	echo "VALIDATION FAILED: vdisc pci -nn -F and lspci -nn -F differ on the synthetic dump" >&2
	fail=1
fi
if [ $fail = 1 ]; then
	cat "$tmp/l.err" "$tmp/v.err" >&2
	exit 1
fi
echo "== validated: lspci -F lists all $in_dump functions; vdisc's listing (and -nn) is identical" >&2

inputs=()  # "kind|name|path"
inputs+=("synthetic|synthetic (seed $seed)|$gen")
for f in "$root"/tests/fixtures/pci/*.lspci-x.txt; do
	[ -e "$f" ] || continue
	inputs+=("fixture|$(basename "$f" .lspci-x.txt)|$f")
done
corpus=$(cd "$root/.." && pwd)/shared/corpus/pci-real
corpus_note=
if [ -d "$corpus" ] && ls "$corpus"/*.lspci-x.txt >/dev/null 2>&1; then
	if [ "$corpus_max" -gt 0 ]; then
		# shellcheck disable=SC2012 # the corpus's names are plain
		mapfile -t cfiles < <(ls -S "$corpus"/*.lspci-x.txt | head -n "$corpus_max" | sort)
	else
		mapfile -t cfiles < <(ls "$corpus"/*.lspci-x.txt)
	fi
	for f in "${cfiles[@]}"; do
		inputs+=("corpus|$(basename "$f" .lspci-x.txt)|$f")
	done
else
	corpus_note="SKIPPED: no real-world corpus at $corpus (../shared/corpus/pci-real beside the repo)"
	echo "" >&2
	echo "!! $corpus_note" >&2
	echo "!! only the synthetic dump and the repo's fixtures are timed" >&2
	echo "" >&2
fi

# -- measuring --------------------------------------------------------------

# One run under GNU time: prints "WALL_MS RSS_KB"; wall time is taken around it
# with $EPOCHREALTIME (time's own %e has 10 ms steps).
one_run() {
	local t0 t1 rc
	t0=${EPOCHREALTIME/./}
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
	rc=$?
	t1=${EPOCHREALTIME/./}
	if [ $rc != 0 ]; then
		echo "run.sh: exit status $rc: $*" >&2
		sed -n '1,3p' "$tmp/err" >&2
		return 1
	fi
	awk -v us=$((t1 - t0)) '{ printf "%.3f %s\n", us / 1000, $2 }' "$tmp/time"
}

# Start-up cost of the harness itself (fork, exec, GNU time) for reading the
# ratios of small inputs.
base=()
for ((r = 1; r <= small_runs; r++)); do
	read -r w _ < <(one_run /bin/true) && base+=("$w")
done

{
	echo "# vdisc bench/pci results, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(uname -srm), $(nproc) CPUs"
	echo "# vdisc: $vdisc ($vdisc_version); lspci: $(command -v lspci) ($lspci_version)"
	echo "# runs per command: $runs (synthetic), $small_runs (fixtures, corpus); wall time by: $timer; RSS by: /usr/bin/time %M; mode: $([ $quick = 1 ] && echo quick || echo full)"
	echo "# columns: sample INPUT LEVEL TOOL RUN WALL_MS RSS_KB (one of the two may be '-')"
	echo "#          input KIND NAME FUNCTIONS BYTES PATH"
	echo "#          median/ratio lines are appended by summarize.py"
	[ -n "$corpus_note" ] && echo "# $corpus_note"
	for w in "${base[@]}"; do printf 'sample\tbaseline\t-\ttrue\t-\t%s\t-\n' "$w"; done
} >"$results"

ninputs=${#inputs[@]}
i=0
for entry in "${inputs[@]}"; do
	IFS='|' read -r kind name path <<<"$entry"
	i=$((i + 1))
	nfn=$(lspci -F "$path" 2>/dev/null | wc -l)
	if [ "$kind" != synthetic ]; then
		if ! cmp -s <(lspci -F "$path" 2>&1) <("$vdisc" pci -F "$path" 2>&1); then
			echo "run.sh: warning: $name: vdisc's listing differs from lspci's (timed anyway)" >&2
			printf 'warning\t%s\tlisting differs from lspci\n' "$name" >>"$results"
		fi
	fi
	printf 'input\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$name" "$nfn" "$(wc -c <"$path")" "$path" >>"$results"
	n=$small_runs
	[ "$kind" = synthetic ] && n=$runs
	printf '== [%d/%d] %s (%s functions, %d runs)\n' "$i" "$ninputs" "$name" "$nfn" "$n" >&2
	for lv in "${levels[@]}"; do
		IFS='|' read -r level lflags vflags <<<"$lv"
		# shellcheck disable=SC2206 # flags are single words, or none
		lcmd=(lspci $lflags -F "$path")
		# shellcheck disable=SC2206
		vcmd=("$vdisc" pci $vflags -F "$path")
		# warm-up (page cache, pci.ids), not recorded
		"${lcmd[@]}" >/dev/null 2>&1
		"${vcmd[@]}" >/dev/null 2>&1
		# RSS (and, without hyperfine, wall time): runs interleaved so drift hits both
		for ((r = 1; r <= n; r++)); do
			for tool in lspci vdisc; do
				if [ $tool = lspci ]; then cmd=("${lcmd[@]}"); else cmd=("${vcmd[@]}"); fi
				if ! m=$(one_run "${cmd[@]}"); then
					fail=1
					continue
				fi
				read -r w rss <<<"$m"
				[ "$timer" = hyperfine ] && w=-
				printf 'sample\t%s\t%s\t%s\t%d\t%s\t%s\n' "$name" "$level" $tool $r "$w" "$rss" >>"$results"
			done
		done
		if [ "$timer" = hyperfine ]; then
			if hyperfine -N --style none --warmup 1 --runs "$n" \
				--export-json "$tmp/hf.json" \
				"$(printf '%q ' "${lcmd[@]}")" "$(printf '%q ' "${vcmd[@]}")" \
				>/dev/null 2>"$tmp/hf.err"; then
				python3 - "$tmp/hf.json" "$name" "$level" >>"$results" <<'EOF'
import json, sys
data = json.load(open(sys.argv[1]))
for tool, res in zip(("lspci", "vdisc"), data["results"]):
    for n, t in enumerate(res["times"], 1):
        print("sample\t%s\t%s\t%s\t%d\t%.3f\t-" % (sys.argv[2], sys.argv[3], tool, n, t * 1000))
EOF
			else
				echo "run.sh: hyperfine failed on $name $level:" >&2
				head -n 5 "$tmp/hf.err" >&2
				fail=1
			fi
		fi
	done
done

echo "" >&2
python3 "$here/summarize.py" "$results"
echo ""
echo "results: $results"
echo "synthetic dump: $gen"
[ -n "$corpus_note" ] && echo "$corpus_note"
exit $fail
