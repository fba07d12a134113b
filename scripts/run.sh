#!/usr/bin/env bash
# The main job, from a fresh Debian 12 machine: install what is missing, build,
# and show what vdisc finds in the bundled QEMU riscv64 virt device tree and on
# this machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/bootstrap.sh build
cmake -S . -B build -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
set -x
./build/vdisc dtb tests/fixtures/dtb/riscv64-virt.dtb
# This machine's virtio PCI functions, decoded, and everything else on its PCI bus.
./build/vdisc pci --virtio && ./build/vdisc pci -k || echo "(no PCI bus visible through sysfs here)"
