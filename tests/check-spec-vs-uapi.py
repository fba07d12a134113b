#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The specs' numbers in include/vdisc/ against Linux's uapi headers.

Every VDISC_ constant of pci_regs.h and virtio_spec.h whose Linux name
exists (VDISC_ dropped; VIRTIO_STATUS_ read as VIRTIO_CONFIG_S_, VIRTQ_ as
VRING_) is compiled beside it and must have the same value: a name Linux
uses for something else is as wrong as a wrong number.  Linux is the
independent reading here: both follow the same specifications.  At least
MIN_COMPARED pairs must be found, so a renamed header cannot make the check
pass by comparing nothing.

usage: check-spec-vs-uapi.py REPO CC
"""
import os
import re
import subprocess
import sys
import tempfile

HEADERS = ("pci_regs.h", "virtio_spec.h")
LINUX = [
    "linux/pci_regs.h", "linux/virtio_config.h", "linux/virtio_ids.h", "linux/virtio_ring.h",
    "linux/virtio_mmio.h", "linux/virtio_pci.h", "linux/virtio_blk.h", "linux/virtio_net.h",
    "linux/virtio_console.h", "linux/virtio_balloon.h", "linux/virtio_scsi.h",
    "linux/virtio_9p.h", "linux/virtio_gpu.h", "linux/virtio_input.h", "linux/virtio_iommu.h",
    "linux/virtio_mem.h", "linux/virtio_fs.h", "linux/virtio_snd.h", "linux/virtio_vsock.h",
    "linux/virtio_crypto.h", "linux/virtio_rng.h", "linux/virtio_pmem.h", "linux/virtio_i2c.h",
    "linux/virtio_gpio.h", "linux/virtio_scmi.h", "linux/virtio_bt.h",
]
MIN_COMPARED = 200
DEFINE = re.compile(r"^\s*#\s*define\s+(VDISC_[A-Z0-9_]+)\s+\S")
RENAMES = (("VIRTIO_STATUS_", "VIRTIO_CONFIG_S_"), ("VIRTQ_", "VRING_"))


def linux_names(ours):
    name = ours[len("VDISC_"):]
    yield name
    for old, new in RENAMES:
        if name.startswith(old):
            yield new + name[len(old):]


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    repo, cc = argv[1], argv[2]
    ours = []
    for h in HEADERS:
        with open(os.path.join(repo, "include", "vdisc", h), encoding="utf-8") as f:
            for line in f:
                m = DEFINE.match(line)
                if m and not m.group(1).endswith("_H") and "(" not in line.split(m.group(1))[1][:1]:
                    ours.append(m.group(1))
    body = []
    for name in ours:
        for theirs in linux_names(name):
            body.append(f"#ifdef {theirs}\n\tshow(\"{name}\", \"{theirs}\", "
                        f"(unsigned long long)({name}), (unsigned long long)({theirs}));\n#endif")
    src = "".join(f"#include <{h}>\n" for h in LINUX)
    src += "".join(f"#include <vdisc/{h}>\n" for h in HEADERS)
    src += ("#include <stdio.h>\n"
            "static void show(const char *a, const char *b, unsigned long long x,"
            " unsigned long long y)\n{\n\tprintf(\"%s %s %llu %llu\\n\", a, b, x, y);\n}\n"
            "int main(void)\n{\n" + "\n".join(body) + "\n\treturn 0;\n}\n")
    with tempfile.TemporaryDirectory() as tmp:
        c, exe = os.path.join(tmp, "spec.c"), os.path.join(tmp, "spec")
        with open(c, "w") as f:
            f.write(src)
        subprocess.run([cc, "-w", "-I", os.path.join(repo, "include"), "-o", exe, c], check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    compared, bad = 0, []
    for line in out.splitlines():
        a, b, x, y = line.split()
        x, y = int(x), int(y)
        compared += 1
        # Linux writes some register masks as ~0x0fUL: equal at the register's width.
        if x != y and not (y > x and y & ((1 << x.bit_length()) - 1) == x):
            bad.append(f"{a} = {x:#x}, but Linux's {b} = {y:#x}")
    for b in bad:
        print(b)
    print(f"spec vs uapi: {compared} constants compared with Linux's, {len(bad)} differ")
    if compared < MIN_COMPARED:
        print(f"spec vs uapi: fewer than {MIN_COMPARED} compared: did a header or a name scheme change?")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
