#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The link group's extended capabilities under vdisc pci -v, -vv, -vvv against lspci.

For every dump (the repo's fixtures, the one tests/pci-ecap/gen-ecap-link.py writes and, when
present, ../shared/corpus/pci-real) and each level, the block of each capability of the
group (LTR, Secondary PCI Express, L1 PM Substates, PTM, DPC, (VF) Resizable BAR, DLF,
16/32 GT/s, lane margining, NPEM, IDE, DOE, VSEC, DVSEC) is compared line by line with
lspci's; the "[xxx vN]" prefix is the dispatcher's and is compared without the version.
Prints lines reproduced per capability and level.  Fails on any difference except the
documented ones: function 00:1f.0 of ecap-link.lspci-x.txt, built of values lspci 3.9
misreads, and a DOE status whose Busy or IntSta bit lspci reports as Error.

usage: pci-ecap-link-vs-lspci.py VDISC REPO WORKDIR    (exit 77 without lspci)
"""
import collections
import glob
import os
import re
import shutil
import subprocess
import sys

GROUP = [("LTR", "Latency Tolerance Reporting"), ("SecPCIe", "Secondary PCI Express"),
         ("L1PM", "L1 PM Substates"), ("PTM", "Precision Time Measurement"),
         ("DPC", "Downstream Port Containment"), ("ReBAR", "Physical Resizable BAR"),
         ("VFReBAR", "Virtual Resizable BAR"), ("DLF", "Data Link Feature"),
         ("16GT", "Physical Layer 16.0 GT/s"), ("LMR", "Lane Margining at the Receiver"),
         ("NPEM", "Native PCIe Enclosure Management"), ("DOE", "Data Object Exchange"),
         ("DVSEC", "Designated Vendor-Specific"), ("VSEC", "Vendor Specific Information: ID="),
         ("VSEC", "Vendor Specific Information: <unreadable>"),
         ("32GT", "Extended Capability ID 0x2a"), ("IDE", "Extended Capability ID 0x30")]
CAP = re.compile(r"^\tCapabilities: \[([0-9a-f]{3})(?: v\d+)?\] (.*)$")
LEVELS = ("-v", "-vv", "-vvv")


def blocks(text):
    """{(slot, offset): [lines]} of the extended capabilities in one listing."""
    out, slot, cur = {}, None, None
    for line in text.split("\n"):
        if line and not line.startswith("\t"):
            slot, cur = line.split(" ")[0], None
            continue
        m = CAP.match(line)
        if m:
            cur = (slot, m.group(1))
            out[cur] = ["\tCapabilities: [%s] %s" % (m.group(1), m.group(2))]
        elif cur and line.startswith("\t\t"):
            out[cur].append(line)
        else:
            cur = None
    return out


def kind(first):
    body = first.split("] ", 1)[1]
    for name, prefix in GROUP:
        # lspci's line for an id it does not know ends at the id: 0x2a, not 0x2a14.
        if body == prefix or (body.startswith(prefix) and "Capability ID" not in prefix):
            return name
    return None


def doe_error_only(a, b):
    """lspci 3.9 tests Busy|IntSta (0x3) for Error; vdisc tests bit 2."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        if not x.startswith("\t\tDOESta:"):
            return False
        flags = dict(re.findall(r"(\w+)([+-])", x))
        if flags.get("Error") != ("+" if "+" in (flags.get("Busy"), flags.get("IntSta")) else "-"):
            return False
        if re.sub(r"Error[+-]", "", x) != re.sub(r"Error[+-]", "", y):
            return False
    return True


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace").stdout


def main():
    vdisc, repo, work = sys.argv[1], sys.argv[2], sys.argv[3]
    # --no-corpus (the sanitizer rerun): the corpus's blocks pass through the same printers in
    # pci-agreement there; the generated dump is what only this test has.
    corpus = "--no-corpus" not in sys.argv[4:]
    if not shutil.which("lspci"):
        print("SKIP: lspci not installed (Debian package pciutils)")
        return 77
    dumps = sorted(glob.glob(os.path.join(repo, "tests/fixtures/pci/*.lspci-x.txt")))
    os.makedirs(work, exist_ok=True)
    own = os.path.join(work, "ecap-link.lspci-x.txt")
    subprocess.run([sys.executable, os.path.join(repo, "tests/pci-ecap/gen-ecap-link.py"), own],
                   check=True)
    dumps.append(own)
    if corpus:
        dumps += sorted(glob.glob(os.path.join(repo, "../shared/corpus/pci-real/*.lspci-x.txt")))
    total, same = collections.Counter(), collections.Counter()
    bad = documented = 0
    for level in LEVELS:
        for dump in dumps:
            lb = blocks(run(["lspci", "-F", dump, level]))
            vb = blocks(run([vdisc, "pci", "-F", dump, level]))
            for key, lines in lb.items():
                name = kind(lines[0])
                if not name:
                    continue
                got = vb.get(key, [])
                total[level, name] += len(lines)
                same[level, name] += sum(1 for i, x in enumerate(lines)
                                         if i < len(got) and got[i] == x)
                if lines == got:
                    continue
                if (dump == own and key[0] == "00:1f.0") or doe_error_only(lines, got):
                    documented += 1
                    continue
                bad += 1
                print("DIFF %s %s %s" % (level, os.path.basename(dump), key))
                for x in lines:
                    print("  lspci|" + x)
                for x in got:
                    print("  vdisc|" + x)
    for level in LEVELS:
        print(level, " ".join("%s=%d/%d" % (n, same[lv, n], total[lv, n])
                              for lv, n in sorted(total) if lv == level))
    print("lines reproduced: %d/%d; blocks with documented differences: %d"
          % (sum(same.values()), sum(total.values()), documented))
    print("%d passed, %d failed" % (1 if not bad else 0, 1 if bad else 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
