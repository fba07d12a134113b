#!/usr/bin/env bash
# The README's picture: QEMU's riscv64 virt machine with PCI devices (the scan fixtures of
# tests/fixtures/scan, made by gen-scan-fixtures.sh) as `vdisc scan --graph=dot` draws it,
# rendered by Graphviz's dot into docs/scan-riscv64-virt.svg.
#   scripts/scan-picture.sh [BUILD_DIR]      (needs dot: Debian's graphviz)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
command -v dot >/dev/null || { echo "scan-picture.sh: no dot (apt-get install graphviz)" >&2; exit 2; }
cd "$root/tests/fixtures/scan"
"$build/vdisc" scan --graph=dot --dtb riscv64-virt-pci.dtb --pci-dump riscv64-virt-pci.lspci-x.txt |
	dot -Tsvg -o "$root/docs/scan-riscv64-virt.svg"
echo "scan-picture.sh: wrote docs/scan-riscv64-virt.svg"
