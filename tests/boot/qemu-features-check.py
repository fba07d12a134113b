#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Cross-check the boot kernel's virtio feature words against QEMU's own monitor.

Boots the kernel for ARCH paused (-S) with a QMP socket and a set of virtio
devices (block over PCI and, where the machine has it, virtio-mmio; rng; net),
asks QEMU through QMP (x-query-virtio, x-query-virtio-status) which features
each device offers, lets the kernel run, and compares every
  vdisc: virtio <name> type=<t> transport=<pci-modern|mmio-v2> ... offered=0x<hex>
line of its serial output with QEMU's answer for the device of that type and
transport.  The names of the kernel's bits come from `vdisc virtio features`
(the library's tables); QEMU's are its own, with the VIRTIO_F_ / VIRTIO_RING_F_ /
VIRTIO_<DEV>_F_ / VHOST_USER_F_ prefix taken off, plus the bits QEMU 7.2 has no
name for (unknown-dev-features).  A modern transport never offers the
legacy-only bits (virtio 1.3, 6.3 and 5.x "Legacy Interface: Feature bits"):
NOTIFY_ON_EMPTY (24), ANY_LAYOUT (27), bit 30, and block BARRIER (0) and SCSI
(7), network GSO (6); QEMU lists them as host features and masks them at the
transport, so they are taken out of its set before comparing.

Usage: qemu-features-check.py ARCH BUILD_DIR VDISC_BINARY
Exit: 0 agree, 1 disagree or the boot failed, 77 QEMU or the kernel missing.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QEMU = {"riscv64": "qemu-system-riscv64", "aarch64": "qemu-system-aarch64", "x86": "qemu-system-x86_64"}
LEGACY_ONLY = {"common": {24, 27, 30}, "block": {0, 7}, "network": {6}}
PREFIXES = ("VIRTIO_RING_F_", "VIRTIO_F_", "VHOST_USER_F_", "VIRTIO_BLK_F_", "VIRTIO_NET_F_",
            "VIRTIO_CONSOLE_F_", "VIRTIO_RNG_F_")


def names_of(vdisc, dev_type, value):
    out = subprocess.run([vdisc, "virtio", "features", "--type", dev_type, "--json", hex(value)],
                         check=True, capture_output=True, text=True).stdout
    return set(json.loads(out)[0]["features"])


def bits_to_int(bits):
    return sum(1 << b for b in bits)


class Qmp:
    def __init__(self, path):
        for _ in range(150):
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("no QMP socket")
        self.f = self.sock.makefile("rw")
        self.f.readline()  # greeting
        self.cmd("qmp_capabilities")

    def cmd(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.f.write(json.dumps(msg) + "\n")
        self.f.flush()
        while True:
            r = json.loads(self.f.readline())
            if "error" in r:
                raise RuntimeError(f"{name}: {r['error']}")
            if "return" in r:
                return r["return"]


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    arch, build, vdisc = sys.argv[1:]
    if not shutil.which(QEMU[arch]) or not os.path.exists(f"{build}/boot/vdisc-boot-{arch}.elf"):
        print(f"skipped: {QEMU[arch]} or {build}/boot/vdisc-boot-{arch}.elf missing")
        return 77
    work = tempfile.mkdtemp(prefix=f"vdisc-qmp-{arch}.")
    try:
        return run(arch, build, vdisc, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(arch, build, vdisc, work):
    img, img2, sock = f"{work}/disk.img", f"{work}/disk2.img", f"{work}/qmp.sock"
    for path in (img, img2):
        with open(path, "wb") as f:
            f.truncate(2 << 20)
    # (QMP id, vdisc type name, transport the kernel will report)
    devices = [("blkpci", "block", "pci-modern"), ("rngpci", "entropy", "pci-modern"),
               ("netpci", "network", "pci-modern")]
    args = ["-S", "-qmp", f"unix:{sock},server=on,wait=off",
            "-drive", f"if=none,id=d0,file={img},format=raw",
            "-device", "virtio-blk-pci,drive=d0,disable-legacy=on,id=blkpci",
            "-device", "virtio-rng-pci,disable-legacy=on,id=rngpci",
            "-netdev", "hubport,id=n0,hubid=0",
            "-device", "virtio-net-pci,netdev=n0,disable-legacy=on,id=netpci"]
    if arch != "x86":
        args += ["-global", "virtio-mmio.force-legacy=false",
                 "-drive", f"if=none,id=d1,file={img2},format=raw,readonly=on",
                 "-device", "virtio-blk-device,drive=d1,id=blkmmio"]
        devices.append(("blkmmio", "block", "mmio-v2"))
    env = dict(os.environ, VDISC_BUILD_DIR=build)
    qemu = subprocess.Popen([f"{HERE}/run-qemu", arch] + args, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        qmp = Qmp(sock)
    except RuntimeError as e:
        qemu.kill()
        print(f"FAIL {arch}: {e}: {qemu.communicate()[0]}")
        return 1
    paths = {d["path"].split("/")[3]: d["path"] for d in qmp.cmd("x-query-virtio")}
    expected = {}
    for qid, dev_type, transport in devices:
        hf = qmp.cmd("x-query-virtio-status", path=paths[qid])["host-features"]
        names = {n.split(":")[0] for n in hf.get("transports", []) + hf.get("dev-features", [])}
        stripped = set()
        for n in names:
            for p in PREFIXES:
                if n.startswith(p):
                    n = n[len(p):]
                    break
            stripped.add(n)
        legacy = names_of(vdisc, dev_type,
                          bits_to_int(LEGACY_ONLY["common"] | LEGACY_ONLY.get(dev_type, set())))
        unknown = names_of(vdisc, dev_type, hf.get("unknown-dev-features", 0))
        expected[(dev_type, transport)] = (qid, (stripped - legacy - {"PROTOCOL_FEATURES"}) | unknown)
    qmp.cmd("cont")
    out, _ = qemu.communicate(timeout=120)
    lines = [l.strip("\r") for l in out.splitlines()]
    problems, checked = [], 0
    if qemu.returncode != 0:
        problems.append(f"the kernel failed (exit {qemu.returncode})")
    for key, (qid, want) in expected.items():
        got_lines = [l for l in lines if l.startswith("vdisc: virtio ")
                     and f" type={key[0]} transport={key[1]} " in l]
        if len(got_lines) != 1:
            problems.append(f"{qid}: {len(got_lines)} 'virtio ... type={key[0]} transport={key[1]}' lines")
            continue
        offered = int(got_lines[0].split(" offered=")[1].split()[0], 16)
        got = names_of(vdisc, key[0], offered)
        checked += 1
        if got != want:
            problems.append(f"{qid}: kernel offered {sorted(got)}, QEMU {sorted(want)}: "
                            f"only kernel {sorted(got - want)}, only QEMU {sorted(want - got)}")
        else:
            print(f"agree {arch} {qid} ({key[0]} over {key[1]}): {len(got)} features, {hex(offered)}")
    if problems:
        print(f"FAIL {arch}:")
        for p in problems:
            print("  - " + p)
        print("\n".join(l for l in lines if not l.startswith("vdisc: dev ")))
        return 1
    print(f"PASS {arch}: {checked} devices' offered features equal QEMU's monitor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
