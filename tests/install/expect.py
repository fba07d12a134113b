#!/usr/bin/env python3
"""What the install-consumers programs must print for a tree, from "vdisc dtb --json".

usage: expect.py consumer JSON      lines of consumer.cc (devices, then "bound N")
       expect.py readme JSON NAME   "== NAME", then the README example's lines
"""
import json
import sys

# consumer.cc's driver table: these strings, PCI class 0x010802 and virtio type 2 (no DT
# device matches the last two).
BOUND = {"virtio,mmio", "arm,pl011", "ns16550a"}


def hexval(v):
    return "-" if v is None else "0x%x" % v


def consumer(tree):
    bound = 0
    for d in tree["devices"]:
        compat = d["compatible"]
        regs = ",".join(hexval(r["address"]) + "+" + hexval(r["size"]) for r in d["reg"])
        irqs = ",".join("%s:%s" % (i["parent"] or "-", "-" if i["line"] is None else i["line"])
                        for i in d["interrupts"])
        print("%s %s reg=%s irq=%s" % (d["path"], compat[0] if compat else "-", regs, irqs))
        bound += bool(BOUND & set(compat))
    print("bound %d" % bound)


def readme(tree, name):
    print("== %s" % name)
    for d in tree["devices"]:
        print("%s regs=%d irqs=%d" % (d["path"], len(d["reg"]), len(d["interrupts"])))


def main():
    with open(sys.argv[2]) as f:
        tree = json.load(f)
    if sys.argv[1] == "consumer":
        consumer(tree)
    else:
        readme(tree, sys.argv[3])


main()
