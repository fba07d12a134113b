#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""vdisc scan inside a Linux guest against the guest kernel's own account of itself.

    scan-vs-sysfs.py MACHINE CTEST_STEP CACHE INITRD CASE

MACHINE is one of
  q35     PCI: a disk on the root bus, a disk behind a PCIe root port, a network
          device behind a PCI-to-PCI bridge, an rng; Linux's sysfs and busybox's lspci
  aarch64 QEMU's virt board with Debian's arm64 kernel (tests/guest/fetch-cross.sh) and
          vdisc cross-built for it: the live tree and PCI behind the ECAM host, the same
          devices as q35 on a root port and a PCIe-to-PCI bridge; with pci=nomsi each
          function's INTx, as Linux mapped it to the GIC, against vdisc's route, and the
          driver of every tree node's platform or AMBA device
  riscv64 the same on QEMU's riscv64 virt board (PLIC) with Debian 13's riscv64 kernel:
          Debian 12 has no riscv64 port
  microvm virtio-mmio transports that ACPI describes (LNRO0005), virtio_mmio loaded.
          With acpi=off QEMU names them on the kernel command line instead
          (virtio_mmio.device=), which Debian 12's kernel ignores: it is built without
          CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES, so no Linux here can show that form

The guest case (tests/guest/cases/scan.sh) prints `vdisc scan --json -v` and, read
with the shell alone, each PCI function's slot, parent directory in /sys/devices,
driver, ids and class, each virtio device's type, transport, driver and feature
bits, each virtio-mmio platform device and its driver.  Compared field by field:

  - the PCI functions are the same set; each one's parent in the tree is the
    directory sysfs puts it in (a bridge's slot, or pci0000:00); vendor, device,
    class and driver are sysfs's; lspci -mk (busybox) agrees on ids and driver
  - each virtio device hangs below the transport sysfs puts it under, with the
    type, driver and negotiated feature bits sysfs gives
  - each virtio-mmio platform device (LNRO0005:NN) is a device of the tree, with
    the driver the platform bus gives it
  - on q35, `vdisc scan -A devport` (configuration mechanism #1 through /dev/port)
    finds the same functions with the same ids, class and parents

Exit 0 when every field agrees, 1 with one line per disagreement, 77 to skip.
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def pci_machine(bridge, guest=(), **extra):
    """A disk on the root bus and one behind a PCIe root port, virtio-net behind BRIDGE, an rng."""
    return dict({
        "guest": list(guest),
        "qemu": ["-device", "pcie-root-port,id=rp1,chassis=1,slot=1",
                 "-device", bridge + ",id=br1",
                 "-device", "virtio-net-pci,netdev=n1,bus=br1,addr=3",
                 "-netdev", "user,id=n1", "-device", "virtio-rng-pci"],
        "disks": ["--disk", "disable-legacy=on", "--disk", "bus=rp1"],
        "modules": [],
    }, **extra)


# The virt boards (aarch64: GIC; riscv64: PLIC), PCI behind the ECAM host their tree
# describes.  pci=nomsi: each function interrupts through INTx, which Linux maps through the
# host's interrupt-map to the controller: each line is held against vdisc's route.
ECAM_VIRT = pci_machine("pcie-pci-bridge", guest=["--append", "pci=nomsi"], intx=True)

MACHINES = {
    "q35": pci_machine("pci-bridge,chassis_nr=2"),
    "aarch64": ECAM_VIRT,
    "riscv64": ECAM_VIRT,  # Debian 13's kernel: Debian 12 has no riscv64 port
    "microvm": {
        "guest": ["--microvm"],
        "qemu": ["-blockdev", "driver=null-co,node-name=b1,size=8388608",
                 "-device", "virtio-blk-device,drive=b1", "-device", "virtio-rng-device"],
        "disks": [],
        "modules": ["virtio_mmio"],
    },
}


def between(text, name):
    m = re.search(r"^%s-BEGIN\n(.*?)^%s-END" % (name, name), text, re.S | re.M)
    return m.group(1) if m else None


def sysfs_words(bits):
    """The features file's bit string (bit 0 first) as 32-bit words."""
    words = [0] * ((len(bits) + 31) // 32)
    for i, c in enumerate(bits):
        if c == "1":
            words[i // 32] |= 1 << (i % 32)
    while words and not words[-1]:
        words.pop()
    return words


def trim(words):
    words = list(words or [])
    while words and not words[-1]:
        words.pop()
    return words


def compare(doc, sysfs, lspci, irqs_checked, intx):
    problems = []
    devs = {d["path"]: d for d in doc["devices"]}
    pci = {d["pci"]["slot"]: d for d in doc["devices"] if d["kind"] == "pci"}
    seen_pci = set()
    for line in sysfs.splitlines():
        f = line.split()
        if f[0] == "pci":
            slot, parent, driver, vendor, device, cls = f[1:7]
            seen_pci.add(slot)
            d = pci.get(slot)
            if not d:
                problems.append("%s: in sysfs, not in vdisc scan" % slot)
                continue
            if parent.startswith("of:"):
                parent = parent[3:]
            want = {"parent": parent, "vendor_id": int(vendor, 16), "device_id": int(device, 16),
                    "class": int(cls, 16), "driver": None if driver == "-" else driver}
            got = {"parent": d["parent"], "vendor_id": d["pci"]["vendor_id"],
                   "device_id": d["pci"]["device_id"], "class": d["pci"]["class"],
                   "driver": d["driver"]}
            for k in want:
                if want[k] != got[k]:
                    problems.append("%s %s: vdisc %r, sysfs %r" % (slot, k, got[k], want[k]))
        elif f[0] == "virtio":
            name, typ, parent, driver, bits = f[1], int(f[2], 16), f[3], f[4], f[5]
            path = parent + "/virtio"
            d = devs.get(path)
            if not d:
                problems.append("%s (under %s): in sysfs, no %s in vdisc scan" % (name, parent, path))
                continue
            v = d["virtio"]
            if v["device_type"] != typ:
                problems.append("%s: type %r, sysfs %d" % (path, v["device_type"], typ))
            if d["driver"] != (None if driver == "-" else driver):
                problems.append("%s: driver %r, sysfs %s" % (path, d["driver"], driver))
            if trim(v["negotiated_words"]) != sysfs_words(bits):
                problems.append("%s: negotiated %r, sysfs %r" %
                                (path, v["negotiated_words"], sysfs_words(bits)))
            if d["parent"] != parent:
                problems.append("%s: parent %r, sysfs %s" % (path, d["parent"], parent))
        elif f[0] == "pciirq" and not intx:
            continue  # x86: the firmware's routing (ACPI _PRT) is not vdisc's to know
        elif f[0] == "pciirq":
            slot, hwirq, chip = f[1], int(f[3]), " ".join(f[4:])
            d = pci.get(slot)
            routed = [q["line"] for q in (d or {}).get("interrupts", []) if q["controller"]]
            if not d or routed != [hwirq]:
                problems.append("%s INTx: vdisc routes it to %r, Linux mapped %s %d" %
                                (slot, routed, chip, hwirq))
            else:
                irqs_checked.append(slot)
        elif f[0] == "dtdrv":
            node, driver = f[1] or "/", f[2]
            d = devs.get(node)
            if not d:
                problems.append("%s: Linux bound %s to it, vdisc scan has no such device" %
                                (node, driver))
            elif d["driver"] != driver:
                problems.append("%s: driver %r, sysfs %s" % (node, d["driver"], driver))
        elif f[0] == "mmio":
            name, driver = f[1], f[2]
            d = devs.get(name)
            if not d:
                problems.append("%s: a platform device, not in vdisc scan" % name)
            elif d["driver"] != (None if driver == "-" else driver):
                problems.append("%s: driver %r, sysfs %s" % (name, d["driver"], driver))
    for slot in sorted(set(pci) - seen_pci):
        problems.append("%s: in vdisc scan, not in sysfs" % slot)
    # busybox lspci -mk: "00:02.0" "Class 0100" "1af4" "1042" "1af4" "1100" "virtio-pci"
    for line in (lspci or "").splitlines():
        q = re.findall(r'"([^"]*)"', line)
        slot = line.split()[0]
        slot = slot if slot.count(":") == 2 else "0000:" + slot
        d = pci.get(slot)
        if not d:
            problems.append("lspci %s: not in vdisc scan" % slot)
            continue
        ids = (int(q[1], 16), int(q[2], 16))
        if ids != (d["pci"]["vendor_id"], d["pci"]["device_id"]):
            problems.append("lspci %s: ids %04x:%04x, vdisc %04x:%04x" %
                            ((slot,) + ids + (d["pci"]["vendor_id"], d["pci"]["device_id"])))
        drv = q[5] if len(q) > 5 and q[5] else None
        if drv != d["driver"]:
            problems.append("lspci %s: driver %r, vdisc %r" % (slot, drv, d["driver"]))
    return problems


def same_pci_tree(a, b):
    """The PCI part of two scans of one machine (sysfs, /dev/port): the same functions, ids,
    class and parents."""
    def pci(doc):
        return {d["path"]: (d["parent"], d["pci"]["vendor_id"], d["pci"]["device_id"],
                            d["pci"]["class"]) for d in doc["devices"] if d["kind"] == "pci"}
    pa, pb = pci(a), pci(b)
    problems = ["%s: sysfs scan %r, devport scan %r" % (k, pa.get(k), pb.get(k))
                for k in sorted(set(pa) | set(pb)) if pa.get(k) != pb.get(k)]
    if b["sources"]["pci"] != "devport":
        problems.append("the devport scan's PCI source is %r" % b["sources"]["pci"])
    return problems


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in MACHINES:
        sys.exit(__doc__)
    machine, step, cache, initrd, case = sys.argv[1:]
    m = MACHINES[machine]
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "console.log")
        args = ["bash", step, "run", cache, initrd, "--guest-opt", "--log", "--guest-opt", log]
        for g in m["guest"]:
            args += ["--guest-opt", g]
        for a in m["qemu"]:  # before the disks, which may sit on a bus these make
            args += ["--qemu", a]
        args += m["disks"]
        rc = subprocess.run(args + ["--", case] + m["modules"]).returncode
        if rc == 77:
            sys.exit(77)
        console = open(log, errors="replace").read().replace("\r", "")
    scan, sysfs = between(console, "SCAN-JSON"), between(console, "SYSFS")
    if rc != 0 or scan is None or sysfs is None:
        print("FAIL: the guest case ended with %d (scan %s, sysfs %s)" %
              (rc, scan is not None, sysfs is not None))
        sys.exit(1)
    doc = json.loads(scan)
    irqs_checked = []
    problems = compare(doc, sysfs, between(console, "LSPCI"), irqs_checked,
                       MACHINES[machine].get("intx", False))
    if MACHINES[machine].get("intx") and not irqs_checked:
        problems.append("no PCI function's INTx was compared (pci=nomsi not in effect?)")
    devport = between(console, "SCAN-DEVPORT")
    if machine == "q35":
        if devport is None:
            problems.append("no vdisc scan -A devport in the guest")
        else:
            problems += same_pci_tree(doc, json.loads(devport))
    for p in problems:
        print("FAIL: " + p)
    kinds = {}
    for d in doc["devices"]:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    checked = len([l for l in sysfs.splitlines() if l.strip()])
    if not checked:
        print("FAIL: the guest listed nothing to compare")
        sys.exit(1)
    print("%s: %d sysfs entries compared with vdisc scan (%s; %d INTx routes)%s" %
          (machine, checked, ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items())),
           len(irqs_checked), ": all agree" if not problems else ""))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
