#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Synthetic device trees for the dtb benchmark and the suite's scaling check.

Usage: gen-tree.py [--shape wide] --devices N OUT.dts
       gen-tree.py --shape SHAPE --nodes N OUT.dts     (N: 1000, 10k, 100k, ...)

Every shape makes each device need address translation and interrupt
resolution.  With --nodes the tree has exactly N nodes, the root included,
and exactly one node whose compatible is "vdisc,bench-needle" (for timing a
filtered listing); the same arguments give the same bytes.  Compile with
`dtc -q -I dts -O dtb`.

wide: buses of 500 virtio-mmio devices each, every bus with its own `ranges`
  (an address above 4 GiB: two parent cells), its own interrupt controller and
  `interrupt-parent`.  `--devices N` is the suite's original form (byte for
  byte; tests/dtb-scaling/check.sh uses it); with --nodes the device count is
  the largest that fits and the rest are root-level pad nodes.
deep: chains of simple-bus nodes 60 levels deep (nodes down to depth 61;
  vdisc and Linux refuse more than 64), every level with its own `ranges`
  (child 0 is 1 MiB further up the parent) and two devices; interrupts
  inherit the `interrupt-parent` of the chain's top, 60 levels up.
nexus: PCI host bridges (pci-host-ecam-generic, buses 0-7) each with a
  1024-entry `interrupt-map` (bus, device and pin under the mask) to one of
  two GIC-like controllers (#address-cells 0 and 1), and 512 PCI device
  nodes behind each (named ethB@D,F for bus B; 3-cell `reg`: config address, then a 32-bit memory
  BAR translated through the host's `ranges`; `interrupts` = pin 1..4).
phandle: every node has a phandle; buses of 500 devices with an interrupt
  controller, a GPIO/interrupt controller, clock, reset and PHY providers;
  every device has `interrupts-extended` to three controllers (1, 2 and 3
  cells), `clocks`, `resets`, `phys` and `reset-gpios`, half of them to the
  providers of a distant bus.
"""
import argparse

PER_BUS = 500
NEEDLE = 'vdisc,bench-needle'


def wide(devices, pad=0, needle=None):
    """The original wide tree; pad root-level nodes and a needle device for --nodes."""
    out = ['/dts-v1/;', '/ {',
           '  #address-cells = <2>; #size-cells = <2>;',
           '  compatible = "vdisc,synthetic-wide"; model = "synthetic wide tree";']
    buses = (devices + PER_BUS - 1) // PER_BUS
    left = devices
    n = 0
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
            compat = NEEDLE if n == needle else 'virtio,mmio'
            out.append('    virtio_mmio@%x { compatible = "%s"; reg = <%#x 0x1000>;'
                       ' interrupts = <%d>; };' % (addr, compat, addr, d % 64 + 1))
            n += 1
        left -= PER_BUS
        out.append('  };')
    out += pad_nodes(pad)
    out.append('};')
    return '\n'.join(out) + '\n'


def wide_nodes(nodes):
    """wide sized by nodes: root + per bus (bus, intc) + devices, padded to exactly nodes."""
    def count(d):
        return 1 + 2 * ((d + PER_BUS - 1) // PER_BUS) + d

    lo, hi = 0, nodes
    while lo < hi:  # the largest device count that fits
        mid = (lo + hi + 1) // 2
        if count(mid) <= nodes:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        raise SystemExit('gen-tree.py: wide needs at least 4 nodes')
    return wide(lo, nodes - count(lo), lo // 2)


def pad_nodes(pad, phandle=None, indent='  '):
    """Root-level nodes that make the node count exact: a reg, nothing else to resolve."""
    out = []
    for i in range(pad):
        ph = '' if phandle is None else ' phandle = <%d>;' % (phandle + i)
        out.append('%spad@%x { compatible = "vdisc,bench-pad"; reg = <0xf %#x 0 0x1000>;%s };'
                   % (indent, 0xf << 32 | i * 0x1000, i * 0x1000, ph))
    return out


def plan(nodes, fixed, overhead, per_unit):
    """Split nodes into units of overhead + up to per_unit devices.

    Returns the device counts of the units and the pad nodes left over (a tail
    too small for a unit with one device)."""
    left = nodes - fixed
    units = []
    while left >= overhead + 1:
        d = min(per_unit, left - overhead)
        units.append(d)
        left -= overhead + d
    if not units:
        raise SystemExit('gen-tree.py: at least %d nodes needed' % (fixed + overhead + 1))
    return units, left


DEEP_LEVELS = 60
DEEP_PER_LEVEL = 2
DEEP_STEP = 0x100000  # each level's child window starts 1 MiB up its parent's


def deep(nodes):
    """Chains: intc + DEEP_LEVELS x (bus + DEEP_PER_LEVEL devices), the last chain cut short."""
    per_chain = DEEP_LEVELS * (1 + DEEP_PER_LEVEL)
    units, pad = plan(nodes, 1, 1, per_chain)
    needle_chain = len(units) // 2
    out = ['/dts-v1/;', '/ {',
           '  #address-cells = <2>; #size-cells = <2>;',
           '  compatible = "vdisc,synthetic-deep"; model = "synthetic deep tree";']
    for c, budget in enumerate(units):
        phandle = c + 1
        base = (c + 1) << 32
        window = 0x10000000
        out.append('  intc@%x { compatible = "riscv,plic0"; reg = <%#x 0xfff00000 0 0x1000>;'
                   ' interrupt-controller; #interrupt-cells = <1>; phandle = <%d>; };'
                   % ((c + 1) << 32 | 0xfff00000, c + 1, phandle))
        out.append('  chain%d { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>;'
                   ' ranges = <0 %#x 0 %#x>; interrupt-parent = <%d>;'
                   % (c, base >> 32, window, phandle))
        depth = 1
        left = budget - 1  # the chain's top is its first level
        while left > 0:
            ind = '  ' * (depth + 1)
            ndev = min(DEEP_PER_LEVEL, left)
            for j in range(ndev):
                compat = NEEDLE if (c == needle_chain and left - j == 1) else 'vdisc,bench-dev'
                out.append('%sdev@%x { compatible = "%s"; reg = <%#x 0x100>; interrupts = <%d>; };'
                           % (ind, (j + 1) * 0x1000, compat, (j + 1) * 0x1000,
                              (depth * DEEP_PER_LEVEL + j) % 64 + 1))
            left -= ndev
            if left == 0:
                break
            window -= DEEP_STEP
            out.append('%sbus { compatible = "simple-bus"; #address-cells = <1>;'
                       ' #size-cells = <1>; ranges = <0 %#x %#x>;' % (ind, DEEP_STEP, window))
            left -= 1
            depth += 1
        for d in range(depth, 0, -1):
            out.append('  ' * d + '};')
    out += pad_nodes(pad)
    out.append('};')
    return '\n'.join(out) + '\n'


NEXUS_BUSES = 8	       # buses 0-7 behind each host: 8 MiB of ECAM
NEXUS_PER_HOST = 512   # devices: 256 slots (bus, device) x functions 0 and 1
GIC_PHANDLES = (1, 2)  # #address-cells 0 and 1


def gic_node(name, addr, phandle, address_cells):
    return ('  %s@%x { compatible = "arm,gic-v3"; interrupt-controller; #interrupt-cells = <3>;'
            ' #address-cells = <%d>; reg = <%#x %#x 0 0x10000>; phandle = <%d>; };'
            % (name, addr, address_cells, addr >> 32, addr & 0xffffffff, phandle))


def nexus_map(host):
    """1024 entries: (bus, device) x pin INTA..INTD to a GIC SPI."""
    gic = GIC_PHANDLES[host % 2]
    unit = ' 0' if host % 2 else ''  # the GIC's #address-cells
    ent = []
    for slot in range(NEXUS_BUSES * 32):
        hi = (slot // 32) << 16 | (slot % 32) << 11
        for pin in range(1, 5):
            spi = (host * 37 + slot * 4 + pin - 1) % 988
            ent.append('%#x 0 0 %d %d%s 0 %d 4' % (hi, pin, gic, unit, spi))
    return '\n      '.join(ent)


def nexus(nodes):
    """Root, two GICs, then hosts with up to NEXUS_PER_HOST devices each."""
    units, pad = plan(nodes, 1 + len(GIC_PHANDLES), 1, NEXUS_PER_HOST)
    needle_host = len(units) // 2
    out = ['/dts-v1/;', '/ {',
           '  #address-cells = <2>; #size-cells = <2>;',
           '  compatible = "vdisc,synthetic-nexus"; model = "synthetic nexus-heavy tree";',
           gic_node('interrupt-controller', 0x8000000, GIC_PHANDLES[0], 0),
           gic_node('interrupt-controller', 0x9000000, GIC_PHANDLES[1], 1)]
    for h, ndev in enumerate(units):
        ecam = 0x4000000000 + h * 0x10000000
        win = (0x100 + h) << 32  # io at win, mem32 at win + 1 GiB, mem64 at win + 2 GiB
        out.append('  pcie@%x { compatible = "pci-host-ecam-generic"; device_type = "pci";' % ecam)
        out.append('    #address-cells = <3>; #size-cells = <2>; #interrupt-cells = <1>;'
                   ' bus-range = <0 %d>; linux,pci-domain = <%d>;' % (NEXUS_BUSES - 1, h))
        out.append('    reg = <%#x %#x 0 %#x>;' % (ecam >> 32, ecam & 0xffffffff,
                                                     NEXUS_BUSES << 20))
        out.append('    ranges = <0x1000000 0 0 %#x 0 0 0x10000>,'
                   ' <0x2000000 0 0x40000000 %#x 0x40000000 0 0x40000000>,'
                   ' <0x43000000 0x80 0 %#x 0x80000000 0 0x80000000>;'
                   % (win >> 32, win >> 32, win >> 32))
        out.append('    interrupt-map-mask = <0xfff800 0 0 7>;')
        out.append('    interrupt-map = <%s>;' % nexus_map(h))
        for i in range(ndev):
            slot, fn = i // 2, i % 2
            bus, dev = slot // 32, slot % 32
            hi = bus << 16 | dev << 11 | fn << 8
            bar = 0x40000000 + i * 0x10000
            compat = NEEDLE if (h == needle_host and i == ndev // 2) else 'pci1af4,1041'
            unit = '%x,%x' % (dev, fn) if fn else '%x' % dev
            out.append('    eth%d@%s { compatible = "%s"; reg = <%#x 0 0 0 0>,'
                       ' <%#x 0 %#x 0 0x4000>; interrupts = <%d>; };'
                       % (bus, unit, compat, hi, 0x82000000 | hi | 0x10, bar,
                          (dev + fn) % 4 + 1))
        out.append('  };')
    out += pad_nodes(pad)
    out.append('};')
    return '\n'.join(out) + '\n'


# phandle: the providers of bus b, at fixed phandles so any device can name any bus's.
PH_PROVIDERS = ('intc', 'gpio', 'clk', 'rst', 'phy')
PH_OVERHEAD = 1 + len(PH_PROVIDERS)
PH_GIC = 2


def ph_provider(b, kind):
    return 3 + b * len(PH_PROVIDERS) + PH_PROVIDERS.index(kind)


def ph_providers(b, phandle):
    spi = b % 988
    return [
        '    interrupt-controller@0 { compatible = "sifive,plic-1.0.0"; reg = <0 0x1000>;'
        ' interrupt-controller; #interrupt-cells = <1>; #address-cells = <0>;'
        ' interrupts-extended = <%d 0 %d 4>; phandle = <%d>; };'
        % (PH_GIC, spi, phandle('intc')),
        '    gpio@1000 { compatible = "vdisc,bench-gpio"; reg = <0x1000 0x1000>;'
        ' gpio-controller; #gpio-cells = <2>; interrupt-controller; #interrupt-cells = <2>;'
        ' interrupts-extended = <%d 0 %d 4>; phandle = <%d>; };'
        % (PH_GIC, (spi + 1) % 988, phandle('gpio')),
        '    clock-controller@2000 { compatible = "vdisc,bench-clk"; reg = <0x2000 0x1000>;'
        ' #clock-cells = <1>; phandle = <%d>; };' % phandle('clk'),
        '    reset-controller@3000 { compatible = "vdisc,bench-rst"; reg = <0x3000 0x1000>;'
        ' #reset-cells = <1>; phandle = <%d>; };' % phandle('rst'),
        '    phy@4000 { compatible = "vdisc,bench-phy"; reg = <0x4000 0x1000>;'
        ' #phy-cells = <1>; phandle = <%d>; };' % phandle('phy'),
    ]


def phandle(nodes):
    """Root, a GIC, then buses of PH_OVERHEAD nodes + up to PER_BUS devices."""
    units, pad = plan(nodes, 2, PH_OVERHEAD, PER_BUS)
    nbus = len(units)
    needle_bus = nbus // 2
    nxt = ph_provider(nbus, 'intc')  # phandles of buses, devices and pads from here on
    out = ['/dts-v1/;', '/ {',
           '  #address-cells = <2>; #size-cells = <2>; phandle = <1>;',
           '  compatible = "vdisc,synthetic-phandle"; model = "synthetic phandle-heavy tree";',
           gic_node('interrupt-controller', 0x8000000, PH_GIC, 0)]
    for b, ndev in enumerate(units):
        base = 0x10000000 * (b + 1)
        out.append('  bus@%x { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>;'
                   ' ranges = <0 %#x %#x 0x10000000>; interrupt-parent = <%d>; phandle = <%d>;'
                   % (base, base >> 32, base & 0xffffffff, ph_provider(b, 'intc'), nxt))
        nxt += 1
        out += ph_providers(b, lambda kind, b=b: ph_provider(b, kind))
        for d in range(ndev):
            far = (b + 1 + (d * 7919) % max(nbus - 1, 1)) % nbus  # another bus, when there is one
            addr = 0x10000 + d * 0x1000
            compat = NEEDLE if (b == needle_bus and d == ndev // 2) else 'vdisc,bench-dev'
            out.append(
                '    dev@%x { compatible = "%s"; reg = <%#x 0x1000>; phandle = <%d>;'
                ' interrupts-extended = <%d %d>, <%d %d 4>, <%d 0 %d 4>;'
                ' clocks = <%d %d>, <%d %d>; resets = <%d %d>; phys = <%d %d>;'
                ' reset-gpios = <%d %d 0>; };'
                % (addr, compat, addr, nxt,
                   ph_provider(b, 'intc'), d % 64 + 1, ph_provider(far, 'gpio'), d % 32,
                   PH_GIC, (d + 32) % 988,
                   ph_provider(b, 'clk'), d % 8, ph_provider(far, 'clk'), d % 8 + 8,
                   ph_provider(far, 'rst'), d % 16, ph_provider(b, 'phy'), d % 4,
                   ph_provider(far, 'gpio'), d % 32 + 32))
            nxt += 1
        out.append('  };')
    out += pad_nodes(pad, nxt)
    out.append('};')
    return '\n'.join(out) + '\n'


SHAPES = {'wide': wide_nodes, 'deep': deep, 'nexus': nexus, 'phandle': phandle}


def count_arg(s):
    """1000, 10k, 100k, 1M."""
    mult = {'k': 1000, 'm': 1000000}.get(s[-1:].lower(), 1)
    try:
        n = int(s[:-1] if mult > 1 else s) * mult
    except ValueError:
        raise argparse.ArgumentTypeError('not a count: %r' % s) from None
    if n < 1:
        raise argparse.ArgumentTypeError('not a positive count: %r' % s)
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shape', default='wide', choices=sorted(SHAPES))
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument('--devices', type=count_arg, help='wide only: N devices (the original form)')
    size.add_argument('--nodes', type=count_arg, help='exactly N nodes, the root included')
    ap.add_argument('out')
    args = ap.parse_args()
    if args.devices is not None and args.shape != 'wide':
        ap.error('--devices is for --shape wide; use --nodes')
    text = wide(args.devices) if args.devices is not None else SHAPES[args.shape](args.nodes)
    with open(args.out, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
