#!/usr/bin/env python3
"""vdisc's virtio view of this machine against the kernel's own, read here independently.

For every /sys/bus/virtio/devices/virtioN:
  - `vdisc virtio features --sysfs --json` reports the same device type and exactly
    the bits set in sysfs's "features" (bit for bit: raw word and one name per bit);
  - `vdisc pci --virtio --json` finds the PCI function that carries it (its parent
    directory), with the same device type, and the same negotiated bits.
Exit 77 (skip) where the machine has no virtio devices.
"""
import json
import os
import subprocess
import sys

ROOT = "/sys/bus/virtio/devices"


def read(path):
    with open(path) as f:
        return f.read().strip()


def sysfs_devices():
    devs = []
    for name in sorted(os.listdir(ROOT), key=lambda n: int(n[6:]) if n[6:].isdigit() else 0):
        d = os.path.join(ROOT, name)
        bits = read(os.path.join(d, "features"))
        parent = os.path.basename(os.path.dirname(os.path.realpath(d)))
        devs.append({"name": name, "type": int(read(os.path.join(d, "device")), 0),
                     "bits": {i for i, c in enumerate(bits) if c == "1"}, "parent": parent})
    return devs


def vdisc_json(vdisc, *args):
    p = subprocess.run([vdisc] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("vdisc %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()[:200]))
    return json.loads(p.stdout)


def main():
    vdisc = sys.argv[1]
    if not os.path.isdir(ROOT) or not os.listdir(ROOT):
        print("SKIP: no virtio devices on this machine (%s is empty or absent)" % ROOT)
        return 77
    want = sysfs_devices()
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("MISMATCH " + what)

    feats = {e["name"]: e for e in vdisc_json(vdisc, "virtio", "features", "--sysfs", "--json")}
    pci = vdisc_json(vdisc, "pci", "--virtio", "--json")["devices"]
    by_slot = {d["slot"]: d for d in pci}
    for w in want:
        e = feats.get(w["name"])
        check(e is not None, "%s: absent from vdisc virtio features --sysfs" % w["name"])
        if e is None:
            continue
        check(e["device_type"] == w["type"], "%s: type %s, sysfs %d" % (w["name"], e["device_type"], w["type"]))
        raw = int(e["raw"], 16)
        got = {i for i in range(128) if raw >> i & 1}
        check(got == w["bits"], "%s: raw bits %s, sysfs %s" % (w["name"], sorted(got), sorted(w["bits"])))
        check(len(e["features"]) == len(w["bits"]),
              "%s: %d names for %d set bits" % (w["name"], len(e["features"]), len(w["bits"])))
        if ":" not in w["parent"]:
            continue  # an MMIO transport: not on PCI
        d = by_slot.get(w["parent"])
        check(d is not None, "%s: its PCI function %s not listed by vdisc pci --virtio" % (w["name"], w["parent"]))
        if d is None:
            continue
        v = d.get("virtio") or {}
        check(v.get("device_type") == w["type"],
              "%s: vdisc pci says type %s, sysfs %d" % (w["parent"], v.get("device_type"), w["type"]))
        neg = (v.get("features") or {}).get("negotiated")
        check(neg is not None and len(neg) == len(w["bits"]),
              "%s: negotiated %s, sysfs has %d bits" % (w["parent"], neg, len(w["bits"])))
        check(v.get("sysfs_name") == w["name"], "%s: sysfs_name %s" % (w["parent"], v.get("sysfs_name")))
    # Nothing extra: every virtio function vdisc lists is one the kernel knows, or unbound.
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
