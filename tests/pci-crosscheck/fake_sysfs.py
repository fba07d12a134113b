#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Build a Linux-like sysfs PCI tree (the bus/pci level) from an lspci -x dump.

Usage: fake_sysfs.py DUMP DIR

DIR/devices/DDDD:BB:DD.F/ gets config (the dump's bytes) and the attribute
files libpci's and vdisc's sysfs backends read (vendor, device, class,
revision, subsystem_*, irq, resource).  So that what only a live machine has
is exercised too, functions get, by a rule on their address (not at random):
a driver link, a numa_node, an iommu_group link, an of_node link, and
DIR/slots/NAME/address entries (one naming a bus only, which libpci skips).
Then `lspci -A linux-sysfs -O sysfs.path=DIR` and `vdisc pci -O
sysfs.path=DIR` read the same machine.
"""
import os
import re
import sys

LINE = re.compile(r"^(?:([0-9a-f]{4,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7]) ")
HEX = re.compile(r"^([0-9a-f]{2,3}):((?: [0-9a-f]{2}){16})\s*$")


def parse(path):
    funcs = []
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if m:
                dom = int(m.group(1) or "0", 16)
                funcs.append(((dom, int(m.group(2), 16), int(m.group(3), 16), int(m.group(4), 16)),
                              bytearray()))
                continue
            h = HEX.match(line)
            if h and funcs:
                funcs[-1][1].extend(bytes.fromhex(h.group(2).replace(" ", "")))
    return [(a, c) for a, c in funcs if len(c) >= 64]


def link(target, name):
    """A relative link, as sysfs makes them (libpci resolves them relative to the device)."""
    os.symlink(os.path.relpath(target, os.path.dirname(name)), name)


def put(path, text):
    with open(path, "w") as f:
        f.write(text)


def le16(c, off):
    return c[off] | c[off + 1] << 8


def main():
    dump, root = sys.argv[1], sys.argv[2]
    devices = os.path.join(root, "devices")
    os.makedirs(devices)
    os.makedirs(os.path.join(root, "slots"))
    for n, ((dom, bus, dev, fn), cfg) in enumerate(parse(dump)):
        name = "%04x:%02x:%02x.%x" % (dom, bus, dev, fn)
        d = os.path.join(devices, name)
        os.makedirs(d)
        with open(os.path.join(d, "config"), "wb") as f:
            f.write(cfg)
        put(os.path.join(d, "vendor"), "0x%04x\n" % le16(cfg, 0))
        put(os.path.join(d, "device"), "0x%04x\n" % le16(cfg, 2))
        put(os.path.join(d, "class"), "0x%02x%02x%02x\n" % (cfg[11], cfg[10], cfg[9]))
        put(os.path.join(d, "revision"), "0x%02x\n" % cfg[8])
        layout = cfg[14] & 0x7f
        if layout == 0:
            put(os.path.join(d, "subsystem_vendor"), "0x%04x\n" % le16(cfg, 0x2c))
            put(os.path.join(d, "subsystem_device"), "0x%04x\n" % le16(cfg, 0x2e))
        put(os.path.join(d, "irq"), "%d\n" % cfg[0x3c])
        put(os.path.join(d, "resource"), "0x0000000000000000 0x0000000000000000 0x0000000000000000\n" * 13)
        if n % 3 != 2:  # a driver for two functions in three
            drv = os.path.join(root, "drivers", "drv%x" % (dev % 4))
            os.makedirs(drv, exist_ok=True)
            link(drv, os.path.join(d, "driver"))
        if n % 4 != 3:  # -1 is what Linux writes where there is no NUMA
            put(os.path.join(d, "numa_node"), "%d\n" % (n % 3 - 1))
        if n % 2 == 0:
            grp = os.path.join(root, "kernel", "iommu_groups", str(n // 2))
            os.makedirs(grp, exist_ok=True)
            link(grp, os.path.join(d, "iommu_group"))
        if n % 5 == 1:
            node = os.path.join(root, "firmware", "devicetree", "base", "pcie@0", "dev@%x,%x" % (dev, fn))
            os.makedirs(node, exist_ok=True)
            link(node, os.path.join(d, "of_node"))
        if fn == 0 and dev % 2 == 1:  # a physical slot per odd device
            slot = os.path.join(root, "slots", "%d-%x" % (bus, dev))
            os.makedirs(slot, exist_ok=True)
            put(os.path.join(slot, "address"), "%04x:%02x:%02x\n" % (dom, bus, dev))
    empty = os.path.join(root, "slots", "empty")  # a slot with no card: bus only
    os.makedirs(empty)
    put(os.path.join(empty, "address"), "0000:07\n")


if __name__ == "__main__":
    main()
