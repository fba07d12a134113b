#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Run lspci_crosscheck.py over every real-world dump of the shared corpus.
#
# usage: run-corpus.sh VDISC [CORPUS_DIR]
#
# CORPUS_DIR defaults to ../shared/corpus/pci-real beside the checkout.  Each
# NAME.lspci-x.txt is checked against lspci run on it; where lspci is not
# installed (or VDISC_CROSSCHECK_USE_SAVED=1), against the saved
# NAME.lspci-vvv.txt beside it.  Prints one line per dump and the total
# "N passed, M failed".  Exit: 0 all agreed, 1 some check failed or errored,
# 2 usage, 77 corpus absent or nothing to compare against (a ctest SKIP).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 VDISC [CORPUS_DIR]" >&2
  exit 2
fi
vdisc=$1
if [ $# -eq 2 ]; then
  corpus=$2
else
  top=$(git -C "$here" rev-parse --show-toplevel 2>/dev/null) || top=$(cd "$here/../.." && pwd)
  corpus=$top/../shared/corpus/pci-real
fi
if [ ! -d "$corpus" ]; then
  echo "SKIP: PCI corpus not found at $corpus (it lives in shared/ beside the checkout)" >&2
  exit 77
fi
python=${PYTHON:-python3}

use_saved=${VDISC_CROSSCHECK_USE_SAVED:-0}
if [ "$use_saved" != 1 ] && ! command -v "${LSPCI:-lspci}" >/dev/null 2>&1; then
  echo "note: lspci not installed; comparing with the saved .lspci-vvv.txt files" >&2
  use_saved=1
fi

shopt -s nullglob
dumps=("$corpus"/*.lspci-x.txt)
if [ ${#dumps[@]} -eq 0 ]; then
  echo "SKIP: no *.lspci-x.txt in $corpus" >&2
  exit 77
fi

total_pass=0 total_fail=0 files_bad=0 files_skipped=0
for dump in "${dumps[@]}"; do
  name=$(basename "$dump" .lspci-x.txt)
  saved=${dump%.lspci-x.txt}.lspci-vvv.txt
  args=("$vdisc" "$dump")
  if [ -f "$saved" ]; then
    args+=(--lspci-vvv "$saved")
    [ "$use_saved" = 1 ] && args+=(--use-saved)
  fi
  out=$("$python" "$here/lspci_crosscheck.py" "${args[@]}" 2>&1)
  rc=$?
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' <<<"$out" | tail -n 1)
  if [ "$rc" -eq 77 ]; then
    echo "SKIP $name: $(tail -n 1 <<<"$out")"
    files_skipped=$((files_skipped + 1))
    continue
  fi
  if [ -n "$summary" ]; then
    p=${summary%% passed*}
    f=${summary#*, }; f=${f%% failed}
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
  fi
  if [ "$rc" -eq 0 ]; then
    echo "PASS $name: $summary"
  else
    files_bad=$((files_bad + 1))
    if [ -z "$summary" ]; then
      total_fail=$((total_fail + 1))
      summary="error (exit $rc)"
    fi
    echo "FAIL $name: $summary"
    # The first mismatches, indented, so a ctest log says what went wrong.
    grep -v -E '^[0-9]+ passed, [0-9]+ failed$' <<<"$out" | head -n 20 | sed 's/^/    /'
  fi
done

n=${#dumps[@]}
echo "$n dumps: $((n - files_bad - files_skipped)) agreed, $files_bad disagreed," \
     "$files_skipped skipped"
echo "$total_pass passed, $total_fail failed"
if [ "$files_skipped" -eq "$n" ]; then
  exit 77
fi
[ "$files_bad" -eq 0 ]
