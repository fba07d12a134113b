#!/usr/bin/env python3
"""vdisc's virtio decoders against real QEMU devices.

tests/fixtures/pci/NAME.virtio-cfg.txt holds, per virtio-pci function of the
QEMU machines, the offered feature words and the device configuration bytes
the bare-metal probe read (capture-virtio.sh).  This test decodes them with
`vdisc virtio features` and `vdisc virtio config` and checks the result
against what QEMU was told and reports itself (NAME.qemu-info-qtree.txt,
NAME.qemu-info-virtio.txt): every MAC address, the block devices' queue
counts and capacities, the number of feature bits, and QEMU's fixed limits.
"""
import json
import os
import re
import subprocess
import sys

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "pci")
DISK_SECTORS = 2048  # capture.sh gives every drive 1 MiB


def blocks(path):
    """The probe's blocks: slot, virtio type, offered feature words, configuration bytes."""
    out, cur = [], None
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("slot "):
            m = re.match(r"slot (\S+) type (\d+)", line)
            cur = {"slot": m.group(1), "type": int(m.group(2))}
            out.append(cur)
        elif cur is not None and line.startswith("features "):
            lo, hi = line.split()[1:3]
            cur["features"] = (int(lo, 16), int(hi, 16))
        elif cur is not None and line.startswith("config"):
            cur["config"] = line.split()[1:]
    return out


def vdisc(binary, *args):
    p = subprocess.run([binary] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    if p.returncode != 0:
        raise RuntimeError("vdisc %s: exit %d: %s" % (" ".join(args[:3]), p.returncode, p.stderr.decode()[:200]))
    return json.loads(p.stdout)


def qtree_values_of(path, key, pci_device):
    """Values of @key inside QEMU's qtree blocks of one PCI device model (nested devices included)."""
    vals, current = [], None
    for line in open(path):
        m = re.match(r"\s*dev: (\S+),", line)
        # A PCI device model starts a block; nested virtio-*-device lines belong to it.
        if m and not m.group(1).endswith("-device") and not m.group(1).startswith("virtio-"):
            current = m.group(1)
        elif m and m.group(1).endswith("-pci"):
            current = m.group(1)
        m = re.match(r'\s*%s = "?([^"\n]+)"?$' % re.escape(key), line)
        if m and current == pci_device:
            vals.append(m.group(1))
    return vals


def qtree_values(path, key):
    return [m.group(1) for m in re.finditer(r'^\s*%s = "?([^"\n]+)"?$' % re.escape(key), open(path).read(), re.M)]


def main():
    binary = sys.argv[1]
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("MISMATCH " + what)

    for name in ("q35-virtio", "i440fx-legacy"):
        cfg = os.path.join(FIX, name + ".virtio-cfg.txt")
        if not os.path.exists(cfg):
            print("SKIP: %s absent" % cfg)
            return 77
        macs, blk_queues = [], []
        for b in blocks(cfg):
            lo, hi = b["features"]
            feat = vdisc(binary, "virtio", "features", "--json", "--type", str(b["type"]),
                         "0x%x" % lo, "0x%x" % hi)[0]
            bits = bin(lo).count("1") + bin(hi).count("1")
            check(len(feat["features"]) == bits, "%s %s: %d names for %d offered bits"
                  % (name, b["slot"], len(feat["features"]), bits))
            check(int(feat["raw"], 16) == lo | hi << 64, "%s %s: raw %s" % (name, b["slot"], feat["raw"]))
            if not b.get("config") or b["type"] == 4:
                continue
            fields = vdisc(binary, "virtio", "config", "--json", "--type", str(b["type"]),
                           "--features", "0x%x:0x%x" % (lo, hi), *b["config"])
            where = "%s %s" % (name, b["slot"])
            if b["type"] == 1:
                macs.append(fields.get("mac"))
                if lo >> 16 & 1:  # STATUS offered: the link is up in QEMU
                    check(fields.get("status") == 1, where + ": net status %s" % fields.get("status"))
            elif b["type"] == 2:
                check(fields.get("capacity") == DISK_SECTORS, where + ": capacity %s" % fields.get("capacity"))
                check(fields.get("blk_size") == 512, where + ": blk_size %s" % fields.get("blk_size"))
                if lo >> 12 & 1:  # MQ
                    blk_queues.append(fields.get("num_queues"))
                else:
                    check("num_queues" not in fields, where + ": num_queues shown without MQ")
            elif b["type"] == 8:
                check(fields.get("max_target") == 255 and fields.get("max_lun") == 16383,
                      where + ": scsi limits %s" % fields)
            elif b["type"] == 16:
                check(fields.get("num_scanouts") == 1, where + ": gpu scanouts %s" % fields)
            elif b["type"] == 3 and lo >> 1 & 1:  # MULTIPORT
                ports = qtree_values(os.path.join(FIX, name + ".qemu-info-qtree.txt"), "max_ports")
                check(str(fields.get("max_nr_ports")) in [p.split()[0] for p in ports],
                      where + ": max_nr_ports %s, QEMU says %s" % (fields.get("max_nr_ports"), ports))
        qtree = os.path.join(FIX, name + ".qemu-info-qtree.txt")
        want_macs = qtree_values_of(qtree, "mac", "virtio-net-pci")
        check(sorted(macs) == sorted(want_macs), "%s: MACs %s, QEMU %s" % (name, sorted(macs), sorted(want_macs)))
        mq = [int(v.split()[0]) for v in qtree_values_of(qtree, "num-queues", "virtio-blk-pci")]
        check(all(q in mq for q in blk_queues), "%s: blk num_queues %s, QEMU %s" % (name, blk_queues, mq))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
