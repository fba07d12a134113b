#!/usr/bin/env bash
# One command to fuzz vdisc_fdt_scan: builds with clang+libFuzzer+ASan+UBSan
# into build-fuzz/, seeds from every DTB fixture, and runs for SECONDS (default 600).
# Crashes land in build-fuzz/crashes/; the corpus grows in build-fuzz/corpus/.
set -euo pipefail
shopt -s nullglob
seconds=${1:-600}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${VDISC_FUZZ_DIR:-$root/build-fuzz}

CC=clang cmake -S "$root" -B "$out" -DVDISC_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$out" --target fuzz_fdt_scan -j"$(nproc)" >/dev/null
mkdir -p "$out/corpus" "$out/crashes"
for f in "$root"/tests/fixtures/dtb/*.dtb; do cp -n "$f" "$out/corpus/"; done
for f in "$root"/tests/fixtures/dtb/*.dts; do
  dtc -q -I dts -O dtb -o "$out/corpus/$(basename "$f" .dts).dtb" "$f" 2>/dev/null || true
done
exec "$out/tests/fuzz/fuzz_fdt_scan" "$out/corpus" -artifact_prefix="$out/crashes/" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
