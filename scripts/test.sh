#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: install what is
# missing, build with GCC, and run ctest.  The suite itself also rebuilds
# with clang (-Werror) and reruns everything under ASan+UBSan, so ctest's
# summary line is the last line printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/bootstrap.sh test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON -DVDISC_NESTED_BUILDS=ON >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure --no-tests=error -j"$(nproc)"
