#!/usr/bin/env bash
# One command to fuzz a parser: builds with clang + libFuzzer + ASan + UBSan
# into build-fuzz/, seeds from the repo's fixtures (and ../shared/corpus where
# present), and runs for SECONDS (default 600).
#   tests/fuzz/run-fuzz.sh [fdt_scan|fdt_overlay|dtb_props|pci_dump|pci_decode|pci_assign|virtio_config|virtio_cmdline|virtq_used|virtq_packed|vhost_user_reply] [SECONDS]
# Crashes land in build-fuzz/crashes-TARGET/; the corpus grows in build-fuzz/corpus-TARGET/.
set -euo pipefail
shopt -s nullglob
target=fdt_scan
case "${1:-}" in fdt_scan|fdt_overlay|dtb_props|pci_dump|pci_decode|pci_assign|virtio_config|virtio_cmdline|virtq_used|virtq_packed|vhost_user_reply) target=$1; shift ;; esac
seconds=${1:-600}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${VDISC_FUZZ_DIR:-$root/build-fuzz}
corpus=$out/corpus-$target crashes=$out/crashes-$target

CC=clang cmake -S "$root" -B "$out" -DVDISC_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$out" --target "fuzz_$target" -j"$(nproc)" >/dev/null
mkdir -p "$corpus" "$crashes"
dumps=("$root"/tests/fixtures/pci/*.lspci-x.txt "$root"/../shared/corpus/pci-real/*.lspci-x.txt)
case "$target" in
  fdt_scan|dtb_props)
    for f in "$root"/tests/fixtures/dtb/*.dtb "$root"/tests/fuzz/regressions/fdt-* "$root"/tests/fuzz/regressions/dtb-props-*; do cp -n "$f" "$corpus/"; done
    for f in "$root"/tests/fixtures/dtb/*.dts; do
      dtc -q -I dts -O dtb -o "$corpus/$(basename "$f" .dts).dtb" "$f" 2>/dev/null || true
    done
    maxlen=65536 ;;
  fdt_overlay)
    # Overlays compiled from the test cases, Debian's real ones, the committed seeds, the trees.
    for f in "$root"/tests/dtb-overlay/real/* "$root"/tests/fuzz/regressions/fdt-overlay-* \
             "$root"/tests/fixtures/dtb/*.dtb; do cp -n "$f" "$corpus/"; done
    for f in "$root"/tests/dtb-overlay/cases/*.dtso; do
      dtc -q -@ -I dts -O dtb -o "$corpus/$(basename "$f" .dtso).dtbo" "$f" 2>/dev/null || true
    done
    maxlen=65536 ;;
  pci_dump)
    for f in "${dumps[@]}"; do cp -n "$f" "$corpus/"; done
    maxlen=65536 ;;
  pci_decode)
    # One binary config space per dumped function.
    python3 - "$corpus" "${dumps[@]}" <<'PY'
import re, sys
out, files = sys.argv[1], sys.argv[2:]
n = 0
for path in files:
    cur = None
    for line in open(path, errors="replace"):
        if re.match(r"^([0-9a-f]{4,6}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] ", line):
            cur = bytearray(); blobs = cur
            open_name = "%s/fn%05d.bin" % (out, n); n += 1
            cur_name = open_name
        m = re.match(r"^([0-9a-f]{2,3}): ((?:[0-9a-f]{2} ?)+)$", line.strip())
        if cur is not None and m:
            cur.extend(bytes.fromhex(m.group(2).replace(" ", "")))
            open(cur_name, "wb").write(cur)
PY
    for f in "$root"/tests/fuzz/regressions/pci-decode-*; do cp -n "$f" "$corpus/"; done
    maxlen=4096 ;;
  pci_assign)
    for f in "$root"/tests/fuzz/regressions/pci-assign-*; do cp -n "$f" "$corpus/"; done
    maxlen=4096 ;;
  virtio_config)
    for f in "$root"/tests/fuzz/regressions/virtio-config-*; do cp -n "$f" "$corpus/"; done
    maxlen=4096 ;;
  vhost_user_reply)
    # Seeds from tests/fuzz/gen-vhost-user-seeds.py, committed as regressions.
    for f in "$root"/tests/fuzz/regressions/vhost-user-*; do cp -n "$f" "$corpus/"; done
    maxlen=4096 ;;
  virtq_used)
    head -c 64 /dev/zero > "$corpus/zero"
    # Committed regressions, the async-blk set (first byte's bit 5) among them.
    for f in "$root"/tests/fuzz/regressions/virtq-used-*; do cp -n "$f" "$corpus/"; done
    maxlen=4096 ;;
  virtq_packed)
    # Seeds from tests/fuzz/gen-virtq-packed-seeds.py, committed as regressions.
    head -c 64 /dev/zero > "$corpus/zero"
    for f in "$root"/tests/fuzz/regressions/virtq-packed-*; do cp -n "$f" "$corpus/"; done
    maxlen=4096 ;;
  virtio_cmdline)
    printf 'console=ttyS0 virtio_mmio.device=4K@0x10001000:1 virtio_mmio.device=0x200@0xa000000:48:3' > "$corpus/qemu"
    maxlen=4096 ;;
esac
exec "$out/tests/fuzz/fuzz_$target" "$corpus" -artifact_prefix="$crashes/" \
  -max_total_time="$seconds" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
