#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check include/vdisc/irq_regs.h against Linux's own definitions.

Every VDISC_<NAME> of irq_regs.h whose <NAME> Linux defines in the
interrupt-controller headers (include/linux/irqchip/arm-gic.h,
arm-gic-v3.h, arm-gic-common.h, arch/x86/include/asm/apicdef.h) must have
Linux's value.  The headers are read from Debian's linux-source-6.1 tarball
(the one the cross build takes libfdt from); without it the test is
skipped (exit 77).  Names Linux lacks (the PLIC's, which irq-sifive-plic.c
keeps private; the I/O APIC's, gone from 6.1's headers) are not checked,
and at least MIN_CHECKED names must be, so the test cannot pass by
checking nothing.

usage: check-irq-vs-linux.py REPO [TARBALL]
"""
import os
import re
import subprocess
import sys
import tempfile

TARBALL = "/usr/src/linux-source-6.1.tar.xz"
HEADERS = (
    "include/linux/irqchip/arm-gic.h",
    "include/linux/irqchip/arm-gic-v3.h",
    "include/linux/irqchip/arm-gic-common.h",
    "arch/x86/include/asm/apicdef.h",
)
# Files whose names vdisc carries with a prefix: VDISC_PLIC_PRIORITY_BASE is the
# PLIC driver's PRIORITY_BASE, VDISC_RISCV_IRQ_S_EXT is csr.h's IRQ_S_EXT.
PREFIXED = (
    ("drivers/irqchip/irq-sifive-plic.c", "PLIC_"),
    ("arch/riscv/include/asm/csr.h", "RISCV_"),
)
MIN_CHECKED = 90
DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)\s+(.+?)\s*(?:/\*.*)?$")


def evaluate(expr, table, depth=0):
    """An integer from a #define's text, following names; None if not plain arithmetic."""
    if depth > 8:
        return None
    expr = re.sub(r"\b(0x[0-9a-fA-F]+|[0-9]+)[uUlL]+\b", r"\1", expr.strip())
    if expr in table:
        return evaluate(table[expr], table, depth + 1)
    names = re.findall(r"(?<![0-9A-Za-z_])[A-Za-z_][A-Za-z0-9_]*", expr)
    for n in names:
        if n not in table:
            return None
        v = evaluate(table[n], table, depth + 1)
        if v is None:
            return None
        expr = re.sub(r"(?<![0-9A-Za-z_])%s\b" % n, str(v), expr)
    if not re.fullmatch(r"[0-9a-fA-Fx()<>|&~+\-* ]+", expr):
        return None
    try:
        return eval(expr, {"__builtins__": {}}, {})  # digits and operators only
    except Exception:
        return None


def table_of(paths):
    table = {}
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = DEFINE.match(line)
                if m and "(" not in m.group(1):
                    table.setdefault(m.group(1), m.group(2))
    return table


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    repo = argv[1]
    tarball = argv[2] if len(argv) == 3 else TARBALL
    if not os.path.exists(tarball):
        print(f"irq-vs-linux: {tarball} absent: skipped")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        members = [f"linux-source-6.1/{h}" for h in HEADERS + tuple(f for f, _ in PREFIXED)]
        subprocess.run(["tar", "-xJf", tarball, "-C", tmp] + members, check=True)
        linux = table_of(os.path.join(tmp, "linux-source-6.1", h) for h in HEADERS)
        for path, prefix in PREFIXED:
            for k, v in table_of([os.path.join(tmp, "linux-source-6.1", path)]).items():
                linux.setdefault(prefix + k, v)
    ours = table_of([os.path.join(repo, "include", "vdisc", "irq_regs.h")])
    checked, problems = 0, []
    for name, text in sorted(ours.items()):
        if not name.startswith("VDISC_"):
            continue
        bare = name[len("VDISC_"):]
        if bare not in linux:
            continue
        mine, theirs = evaluate(text, ours), evaluate(linux[bare], linux)
        if theirs is None:
            continue
        checked += 1
        if mine != theirs:
            problems.append(f"{name} = {mine} but Linux's {bare} = {theirs}")
    for p in problems:
        print(p)
    print(f"irq-vs-linux: {checked} constants checked, {len(problems)} differ")
    if checked < MIN_CHECKED:
        print(f"irq-vs-linux: fewer than {MIN_CHECKED} checked: the headers were not read")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
