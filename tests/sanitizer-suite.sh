#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# usage: sanitizer-suite.sh CMAKE SOURCE_DIR BUILD_DIR EXCLUDE_REGEX
#
# Build the project again with clang, ASan and UBSan (-Werror, as every
# build: a warning fails it) in BUILD_DIR, and run its suite there, two tests
# at a time, less the tests EXCLUDE_REGEX names.  Prints the build's warnings
# and the rerun's summary; when a test fails, every failing test's output
# too (the whole log stays in BUILD_DIR/sanitizer-suite.log).
# Exit: 0 built and passed, 1 otherwise.
set -uo pipefail
cmake=$1 src=$2 build=$3 exclude=$4
log=$build/sanitizer-suite.log

CC=clang "$cmake" -S "$src" -B "$build" -DVDISC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DVDISC_NESTED_BUILDS=OFF >/dev/null || exit 1
"$cmake" --build "$build" -j2 2>&1 | grep -E 'warning|error'
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$src/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" -j2 --output-on-failure -E "$exclude" >"$log" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
  # --output-on-failure put each failing test's output after its result line.
  awk '/\*\*\*(Failed|Timeout|Exception)/ { show = 1 } /^ *Start [0-9]+:/ { show = 0 }
       /Test +#[0-9]+: .* Passed/ { show = 0 } show' "$log"
fi
tail -n 25 "$log"
[ "$rc" -eq 0 ]
