#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Synthetic device trees for the dtb benchmark and the suite's scaling check.

Usage: gen-tree.py [--shape wide] --devices N OUT.dts

wide: buses of 500 virtio-mmio devices each, every bus with its own `ranges`
(an address above 4 GiB: two parent cells), its own interrupt controller and
`interrupt-parent`, so that every device needs translation and interrupt
resolution.  Compile with `dtc -I dts -O dtb`.  (The deep, nexus-heavy and
phandle-heavy shapes of issue 12 are still to come.)
"""
import argparse

PER_BUS = 500


def wide(devices):
    out = ['/dts-v1/;', '/ {',
           '  #address-cells = <2>; #size-cells = <2>;',
           '  compatible = "vdisc,synthetic-wide"; model = "synthetic wide tree";']
    buses = (devices + PER_BUS - 1) // PER_BUS
    left = devices
    for b in range(buses):
        phandle = b + 1
        base = 0x10000000 * (b + 1)
        out.append('  bus%d { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>;'
                   ' ranges = <0 %#x %#x 0x10000000>; interrupt-parent = <%d>;'
                   % (b, base >> 32, base & 0xffffffff, phandle))
        out.append('    intc@0 { compatible = "riscv,plic0"; reg = <0 0x1000>;'
                   ' interrupt-controller; #interrupt-cells = <1>; phandle = <%d>; };' % phandle)
        for d in range(min(PER_BUS, left)):
            addr = 0x10000 + d * 0x1000
            out.append('    virtio_mmio@%x { compatible = "virtio,mmio"; reg = <%#x 0x1000>;'
                       ' interrupts = <%d>; };' % (addr, addr, d % 64 + 1))
        left -= PER_BUS
        out.append('  };')
    out.append('};')
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shape', default='wide', choices=['wide'])
    ap.add_argument('--devices', type=int, required=True)
    ap.add_argument('out')
    args = ap.parse_args()
    with open(args.out, 'w', encoding='utf-8') as f:
        f.write(wide(args.devices))


if __name__ == '__main__':
    main()
