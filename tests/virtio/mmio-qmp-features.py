#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""virtio-mmio offered features: vdisc in a guest against QEMU's own account.

    mmio-qmp-features.py VERSION CTEST_STEP CACHE INITRD CASE

1. QEMU (microvm, paused, nothing booted) is started with the devices the
   guest case gets, and asked over QMP (x-query-virtio-status) which features
   each device offers.  QEMU names them (VIRTIO_BLK_F_SEG_MAX, ...); the names
   become bit numbers through Linux's uapi headers (/usr/include/linux), not
   through vdisc's tables, and "unknown-dev-features" adds the bits QEMU does
   not name.
2. The guest case (tests/guest/cases/virtio-mmio.sh, through ctest-step.sh
   run) reads the same devices with no driver and prints each one's offered
   words as "OFFERED <type> <word0> <word1>"; it also checks the driver's
   view from sysfs itself.
3. The words must be QEMU's: register version 2 shows all 64 bits except the
   three that exist only on the legacy interface (virtio 1.3, 6.3:
   NOTIFY_ON_EMPTY 24, ANY_LAYOUT 27, UNUSED 30), which QMP still lists and
   a modern transport does not offer; version 1 (QEMU's legacy virtio-mmio)
   answers 0 for DeviceFeaturesSel 1, so its second word must be 0 and the
   first the low half.

Exit 77 (skip) where the guest step skips or QEMU, its QMP or the headers are missing.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

DEVICES = ["-blockdev", "driver=null-co,node-name=n1,size=8388608",
           "-device", "virtio-blk-device,drive=n1", "-device", "virtio-rng-device"]
LEGACY_ONLY = (1 << 24) | (1 << 27) | (1 << 30)  # virtio 1.3, 6.3
UAPI = ["virtio_config.h", "virtio_ring.h", "virtio_blk.h", "virtio_rng.h"]
QEMU_NAMES = {"virtio-blk": "block", "virtio-rng": "entropy"}


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def uapi_bits():
    """Every VIRTIO_*_F_* macro of the uapi headers: name -> bit."""
    bits = {}
    for h in UAPI:
        path = os.path.join("/usr/include/linux", h)
        if not os.path.exists(path):
            skip(path + " missing (Debian package linux-libc-dev)")
        for m in re.finditer(r"^#define\s+(VIRTIO_\w*F_\w+)\s+(\d+)\b", open(path).read(), re.M):
            bits[m.group(1)] = int(m.group(2))
    return bits


def qmp_features(extra):
    """QEMU's offered features of each device, as a 64-bit mask, keyed by vdisc's type name."""
    cmds = ['{"execute":"qmp_capabilities"}', '{"execute":"x-query-virtio"}']
    args = ["qemu-system-x86_64", "-M", "microvm,accel=tcg", "-S", "-nodefaults", "-display",
            "none", "-no-user-config", "-qmp", "stdio"] + DEVICES + extra
    try:
        out = subprocess.run(args, input="\n".join(cmds + ['{"execute":"quit"}']) + "\n",
                             capture_output=True, text=True, timeout=60).stdout
    except FileNotFoundError:
        skip("qemu-system-x86_64 not found")
    devs = [r["return"] for r in map(json.loads, out.splitlines())
            if isinstance(r.get("return"), list)]
    if not devs:
        skip("QEMU's QMP has no x-query-virtio")
    cmds = ['{"execute":"qmp_capabilities"}'] + [
        json.dumps({"execute": "x-query-virtio-status", "arguments": {"path": d["path"]}})
        for d in devs[0]]
    out = subprocess.run(args, input="\n".join(cmds + ['{"execute":"quit"}']) + "\n",
                         capture_output=True, text=True, timeout=60).stdout
    bits = uapi_bits()
    result = {}
    for r in map(json.loads, out.splitlines()):
        ret = r.get("return")
        if not isinstance(ret, dict) or "host-features" not in ret:
            continue
        hf = ret["host-features"]
        mask = hf.get("unknown-dev-features", 0)
        for text in hf.get("transports", []) + hf.get("dev-features", []):
            name = text.split(":")[0]
            if name not in bits:
                sys.exit("FAIL: QEMU names %s, which Linux's uapi headers do not" % name)
            mask |= 1 << bits[name]
        result[QEMU_NAMES.get(ret["name"], ret["name"])] = mask
    return result


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    version, step, cache, initrd, case = sys.argv[1:]
    extra = ["-global", "virtio-mmio.force-legacy=false"] if version == "2" else []
    want = qmp_features(extra)
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "console.log")
        qemu = []
        for a in DEVICES + extra:
            qemu += ["--qemu", a]
        rc = subprocess.run(["bash", step, "run", cache, initrd, "--guest-opt", "--microvm",
                             "--guest-opt", "--log", "--guest-opt", log] + qemu +
                            ["--", case, version]).returncode
        if rc != 0:
            sys.exit(rc)
        console = open(log, errors="replace").read().replace("\r", "")
    got = {m.group(1): (int(m.group(2), 16), int(m.group(3), 16))
           for m in re.finditer(r"^OFFERED (\w+) (0x[0-9a-f]+) (0x[0-9a-f]+)$", console, re.M)}
    fail = 0
    for typ, mask in sorted(want.items()):
        if version == "2":
            mask &= ~LEGACY_ONLY
        expect = (mask & 0xffffffff, mask >> 32 if version == "2" else 0)
        if got.get(typ) != expect:
            print("FAIL: %s: vdisc read %s, QEMU offers %s" %
                  (typ, got.get(typ) and tuple(map(hex, got[typ])), tuple(map(hex, expect))))
            fail = 1
        else:
            print("ok: %s offers 0x%08x 0x%08x, as QEMU says" % ((typ,) + expect))
    if set(got) != set(want):
        print("FAIL: vdisc found %s, QEMU has %s" % (sorted(got), sorted(want)))
        fail = 1
    sys.exit(fail)


if __name__ == "__main__":
    main()
