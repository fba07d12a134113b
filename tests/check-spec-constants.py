#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fail when a spec number that a public header names is defined again privately.

The public headers (include/vdisc/pci_regs.h, virtio_spec.h and the rest)
are the one home of the PCI and virtio specifications' numbers.  A private
copy is a #define or an enum member in src/, tests/boot/ or examples/ whose
name ends like a public constant's (ignoring VDISC_ and a trailing '_') and
whose value is the same: `#define F_VERSION_1_ 32u` beside
VDISC_VIRTIO_F_VERSION_1 32.  Bare numbers compared with a device type
(`device_type != 2`) are copies too.

usage: check-spec-constants.py REPO      (exit 1 and one line per copy)
       check-spec-constants.py --self-test REPO
"""
import os
import re
import sys
import tempfile

DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)\s+\(?\s*((?:0x[0-9a-fA-F]+|[0-9]+)[uUlL]*)\s*\)?\s*(?:/[*/].*)?$")
ENUM = re.compile(r"^\s*([A-Z_][A-Z0-9_]*)\s*=\s*((?:0x[0-9a-fA-F]+|[0-9]+)[uUlL]*)\s*,?\s*(?:/[*/].*)?$")
SHIFT = re.compile(r"^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)\s+\(\s*1[uU]?[lL]*\s*<<\s*([0-9]+)\s*\)")
# A device type compared with a bare number: the ids have names.
BARE_TYPE = re.compile(r"(device_type|virtio_type|->type)\s*[!=]=\s*[1-9][0-9]*\b")  # 0 is "no device": unnamed in the spec


def value_of(text):
    return int(text.rstrip("uUlL"), 0)


def tokens(name):
    name = name.strip("_")
    if name.startswith("VDISC_"):
        name = name[len("VDISC_"):]
    return [t for t in name.upper().split("_") if t]


def constants(path):
    """(name, value, line) for every integer #define or enum member of a file."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            for rx in (DEFINE, ENUM):
                m = rx.match(line)
                if m:
                    out.append((m.group(1), value_of(m.group(2)), n))
                    break
            else:
                m = SHIFT.match(line)
                if m:
                    out.append((m.group(1), 1 << int(m.group(2)), n))
    return out


def public_table(repo):
    table = {}
    inc = os.path.join(repo, "include", "vdisc")
    for name in sorted(os.listdir(inc)):
        if name.endswith(".h"):
            for const, value, _ in constants(os.path.join(inc, name)):
                toks = tokens(const)
                if toks and toks[-1] != "H":
                    table.setdefault(value, []).append((const, toks))
    return table


def is_copy(private_toks, public_toks):
    # The private name, or its last two words, end the public name.
    tail = private_toks[-2:] if len(private_toks) >= 2 else private_toks
    if len(tail) < 2 and len(public_toks) > 1:
        return False  # one word ("SLOT_", "MAX_") says too little to call it a copy
    return public_toks[-len(tail):] == tail


def private_files(repo):
    for top in ("src", os.path.join("tests", "boot"), "examples"):
        for root, _, files in os.walk(os.path.join(repo, top)):
            for name in sorted(files):
                if name.endswith((".c", ".h")):
                    yield os.path.join(root, name)


def check(repo, files):
    table = public_table(repo)
    problems = []
    for path in files:
        rel = os.path.relpath(path, repo)
        for const, value, line in constants(path):
            toks = tokens(const)
            for pub, ptoks in table.get(value, []):
                if const != pub and is_copy(toks, ptoks):
                    problems.append(f"{rel}:{line}: {const} copies {pub} ({value:#x})")
                    break
        with open(path, encoding="utf-8", errors="replace") as f:
            for n, text in enumerate(f, 1):
                if BARE_TYPE.search(text):
                    problems.append(f"{rel}:{n}: a device type compared with a bare number")
    return problems


def self_test(repo):
    """The check must be able to fail: plant copies and expect each one caught."""
    planted = (
        "#define F_VERSION_1_ 32u\n"
        "#define MMIO_STATUS_ 0x070\n"
        "static int f(unsigned device_type) { return device_type != 2; }\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "planted.c")
        with open(path, "w") as f:
            f.write(planted)
        found = check(repo, [path])
    want = 3
    if len(found) != want:
        print(f"self-test: {len(found)} of {want} planted copies caught:", *found, sep="\n  ")
        return 1
    print(f"self-test: all {want} planted copies caught")
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(argv[2])
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(argv[1], private_files(argv[1]))
    for p in problems:
        print(p)
    print(f"spec constants: {len(problems)} private copies")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
