#!/usr/bin/env bash
# The main job, from a fresh Debian 12 machine: install what is missing, build,
# show what vdisc finds in the bundled QEMU riscv64 virt device tree and on
# this machine, and drive a disk served by qemu-storage-daemon over vhost-user
# (info, the check that restores what it writes, a short benchmark).
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

# A 64 MiB disk of random bytes served over vhost-user; its checksum must not move.
set +x
work=$(mktemp -d)
sock=/tmp/vdisc-run-$$.sock
trap '[ -f "$work/qsd.pid" ] && kill "$(cat "$work/qsd.pid")" 2>/dev/null; rm -rf "$work"' EXIT
head -c 64M /dev/urandom >"$work/disk.img"
before=$(sha256sum <"$work/disk.img")
qemu-storage-daemon --daemonize --pidfile "$work/qsd.pid" \
  --blockdev driver=file,node-name=file0,filename="$work/disk.img" \
  --blockdev driver=raw,node-name=disk0,file=file0 \
  --export type=vhost-user-blk,id=exp0,node-name=disk0,addr.type=unix,addr.path="$sock",writable=on
set -x
./build/vdisc blk info --vhost-user "$sock"
./build/vdisc blk check --vhost-user "$sock"
./build/vdisc blk bench --vhost-user "$sock" --rw=randread --bs=4k --iodepth=32 --runtime=2
set +x
[ "$(sha256sum <"$work/disk.img")" = "$before" ] && echo "disk image unchanged by the check"
