#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The kernel's view under -v and -k, against lspci on the same fake sysfs tree.

On a live sysfs source lspci shows what the kernel says, not only what
configuration space says: CPU addresses and sizes from "resource" (and a
region the kernel placed but the device's register does not hold as
[virtual]), the IRQ from "irq", bridge windows from the resource file's
window lines, "DeviceName:" from "label", the physical slot from
/sys/bus/pci/slots, NUMA node, IOMMU group and the bound driver.  A tree
built here is read by both tools (lspci -A linux-sysfs -O sysfs.path=,
vdisc --sysfs-root) and their output must be the same, every byte.
usage: pci-kernel-view-vs-lspci.py VDISC
"""
import os
import shutil
import subprocess
import sys
import tempfile

OPTS = (["-v"], ["-vv"], ["-vvv"], ["-vvnn"], ["-k"])
NONE = (0, 0, 0)
# Linux IORESOURCE_* flags as sysfs shows them.
MEM64_PREF, IO, ROM, MEM64, MEM, PREF64_WIN = 0x14220C, 0x40101, 0x46200, 0x140204, 0x200, 0x102201


def write(path, text, mode="w"):
    with open(path, mode) as f:
        f.write(text)


def config0(device, cls, bars, rom=0, cmd=7, pin=1, line=10):
    c = bytearray(256)
    c[0:4] = (0x8086 | device << 16).to_bytes(4, "little")
    c[4] = cmd
    c[8] = 1
    c[9:12] = cls.to_bytes(3, "little")
    for i, b in enumerate(bars):
        c[0x10 + 4 * i:0x14 + 4 * i] = b.to_bytes(4, "little")
    c[0x2c:0x30] = (0x8086 | 0x1234 << 16).to_bytes(4, "little")
    c[0x30:0x34] = rom.to_bytes(4, "little")
    c[0x3c], c[0x3d] = line, pin
    return c


def bridge_config():
    c = bytearray(256)
    c[0:4] = (0x8086 | 0x1c10 << 16).to_bytes(4, "little")
    c[4], c[8], c[9:12], c[0x0e] = 7, 5, b"\x00\x04\x06", 1
    c[0x18:0x1c] = b"\x00\x03\x03\x00"
    c[0x1c], c[0x1d] = 0xf1, 0x01  # a 32-bit I/O window
    c[0x20:0x24] = b"\x00\xfe\x00\xfe"
    c[0x24:0x28] = b"\xf1\xff\x01\x00"  # 64-bit prefetchable, empty
    c[0x3c], c[0x3d] = 0xff, 1
    return c


def add_function(root, name, cfg, resources, **attrs):
    d = os.path.join(root, "devices", name)
    os.makedirs(d)
    write(os.path.join(d, "config"), bytes(cfg), "wb")
    write(os.path.join(d, "vendor"), "0x%04x\n" % (cfg[0] | cfg[1] << 8))
    write(os.path.join(d, "device"), "0x%04x\n" % (cfg[2] | cfg[3] << 8))
    write(os.path.join(d, "class"), "0x%06x\n" % int.from_bytes(cfg[9:12], "little"))
    write(os.path.join(d, "revision"), "0x%02x\n" % cfg[8])
    if cfg[0x0e] & 0x7f == 0:
        write(os.path.join(d, "subsystem_vendor"), "0x%04x\n" % (cfg[0x2c] | cfg[0x2d] << 8))
        write(os.path.join(d, "subsystem_device"), "0x%04x\n" % (cfg[0x2e] | cfg[0x2f] << 8))
    write(os.path.join(d, "resource"),
          "".join("0x%016x 0x%016x 0x%016x\n" % r for r in resources))
    for attr, value in attrs.items():
        if attr in ("driver", "iommu_group"):
            os.symlink(value, os.path.join(d, attr))
        else:
            write(os.path.join(d, attr), value)


def build_tree(root):
    os.makedirs(os.path.join(root, "slots", "5"))
    write(os.path.join(root, "slots", "5", "address"), "0000:00:01\n")
    os.makedirs(os.path.join(root, "drivers", "e1000e"))
    os.makedirs(os.path.join(root, "iommu_groups", "7"))
    # A NIC whose kernel addresses are not its bus addresses, with a label and a slot.
    add_function(root, "0000:00:01.0",
                 config0(0x10d3, 0x020000, [0xfebc000c, 0, 0xc001, 0, 0, 0], rom=0xfeb00000),
                 [(0x80febc0000, 0x80febdffff, MEM64_PREF), NONE, (0xc000, 0xc01f, IO), NONE,
                  NONE, NONE, (0xfeb00000, 0xfeb3ffff, ROM)] + [NONE] * 6,
                 irq="33\n", label="Onboard LAN\n", numa_node="0\n",
                 driver="../../drivers/e1000e", iommu_group="../../iommu_groups/7")
    # A virtual function: the kernel placed its BARs, its registers read zero.
    add_function(root, "0000:00:02.0", config0(0x10ca, 0x020000, [0] * 6, cmd=0, pin=0, line=0),
                 [(0xfe000000, 0xfe003fff, MEM64), NONE, NONE, (0xfe100000, 0xfe103fff, MEM64),
                  NONE, NONE, NONE] + [NONE] * 6, irq="0\n", numa_node="-1\n")
    # A bridge: the windows come from the resource file's last four lines.
    add_function(root, "0000:00:1c.0", bridge_config(),
                 [NONE] * 7 + [(0x1000, 0x1fff, MEM), (0xfe000000, 0xfe0fffff, MEM),
                               (0, 0, PREF64_WIN), NONE], irq="16\n")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("lspci"):
        print("SKIP: lspci not installed (Debian package pciutils)")
        return 77
    fails = 0
    with tempfile.TemporaryDirectory() as root:
        build_tree(root)
        for opts in OPTS:
            a = subprocess.run(["lspci", "-A", "linux-sysfs", "-O", "sysfs.path=" + root] + opts,
                               capture_output=True).stdout
            b = subprocess.run([argv[1], "pci", "--sysfs-root", os.path.join(root, "devices")] +
                               opts, capture_output=True).stdout
            if a != b:
                fails += 1
                print("FAIL " + " ".join(opts))
                print(a.decode("latin-1"))
                print("--- vdisc:")
                print(b.decode("latin-1"))
            else:
                print("same " + " ".join(opts))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
