#!/usr/bin/env bash
# The stack budget (ctest stack-budget): builds the freestanding library for ARCH
# (scripts/cross-build.sh, incremental: the cross-ARCH test's tree under BUILD_ROOT) and checks
# that every public entry point's worst-case stack, recursion counted at its declared bound,
# fits BUDGET bytes (tests/cross/stack-report.py --budget).
#
# Usage: stack-budget.sh BUILD_ROOT BUDGET [ARCH]   (ARCH: riscv64, the default, aarch64, i686)
# Exit: 0 within the budget, 1 over it (each entry point named with its chain) or a failed
# build, 77 without the cross compiler (scripts/bootstrap.sh cross) or python3.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build_root=$1 budget=$2 arch=${3:-riscv64}

command -v python3 >/dev/null || { echo "stack-budget: skipped: python3 not found"; exit 77; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
VDISC_CROSS_BUILD_ROOT=$build_root "$root/scripts/cross-build.sh" "$arch" >"$log" 2>&1
rc=$?
if [ "$rc" -eq 77 ]; then
	head -1 "$log"
	exit 77
fi
if [ "$rc" -ne 0 ]; then
	echo "stack-budget: the $arch cross build failed:"
	tail -20 "$log"
	exit 1
fi
python3 "$root/tests/cross/stack-report.py" "$build_root/cross-$arch" --budget "$budget" --entries 12
