#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Seeds for the pci_assign fuzzer (tests/fuzz/fuzz_pci_assign.c): hostile-hardware scenarios
in the fuzzer's input format (QEMU-like buses, bridges, faults, odd windows).
Usage: gen-pci-assign-seeds.py OUTDIR   (writes pci-assign-seed-*.bin; the committed ones live in
tests/fuzz/regressions/)."""
import struct, sys, os
out = sys.argv[1]
def u8(v): return bytes([v & 0xff])
def u32(v): return struct.pack('<I', v & 0xffffffff)
def u64(v): return struct.pack('<Q', v & 0xffffffffffffffff)
def qemu(shift=0): return u8(7) + u8(shift)
def absent(): return u8(0)
def raw(base, size, present=True): return u8(2 if present else 1) + u64(base) + u64(size)
def top(exp, ceil_sel, past=False): return u8(4 | (8 if past else 0)) + u8(ceil_sel) + u8(exp)
def overlap(off4k, exp): return u8(6) + struct.pack('<H', off4k) + u8(exp)
def header(g, root, last, io, mem, pref): return u8(g) + u8(root) + u8(last) + io + mem + pref
NONE = u8(0) + u8(0)
def io(e, upper16=False): return u8(1 | (0x20 if upper16 else 0)) + u8(e)      # size 1 << (2 + e)
def mem32(e, pref=False): return u8(2 | (0x10 if pref else 0)) + u8(e)        # size 1 << (4 + e)
def mem64(e, pref=True): return u8(3 | (0x10 if pref else 0)) + u8(e)         # size 1 << (4 + e)
def regs(bars, n):
    used = 0
    for b in bars:
        used += 2 if (b[0] & 3) == 3 and used + 1 < n else 1
    return used
def fn(bus, dev, f, hdr, bars, flags=0, cmd=0, bridge=b'', faults=b''):
    lay = hdr & 3
    n = {0: 6, 1: 2, 2: 1}.get(lay, 0)
    bars = list(bars)
    assert regs(bars, n) <= n, (bars, n)
    while regs(bars, n) < n:
        bars.append(NONE)
    return u8(bus) + u8(dev | f << 5) + u8(hdr) + u8(flags | (len(faults) // 8)) + u8(cmd) + b''.join(bars) + bridge + faults
def dev0(bus, dev, bars, f=0, hdr=0, **kw):
    bars = list(bars)
    return fn(bus, dev, f, hdr, bars, **kw)
def bridge(bus, dev, bf=0x1d, bars=(NONE, NONE), f=0, hdr=1, extra=b'', **kw):
    return fn(bus, dev, f, hdr, list(bars), bridge=u8(bf) + extra, **kw)
def fault(kind, dw, skip=0, times=0, x=0): return u8(kind - 1) + u8(dw) + u8(skip) + u8(times) + u32(x)
R_ERR, W_ERR, W_IGN, LIE, FLIP = 1, 2, 3, 4, 5
virtio = [io(3), mem32(8), NONE, NONE, mem64(10)]
seeds = {}
Q = header(1, 0, 0xff, qemu(), qemu(), qemu())
seeds['qemu-one-bus'] = Q + dev0(0, 0, [NONE]*6) + dev0(0, 1, virtio) + \
    dev0(0, 2, [mem32(16), mem64(12, pref=False), NONE, NONE, NONE], hdr=0x80) + dev0(0, 2, [io(6)], f=1) + \
    dev0(0, 2, [mem32(9, pref=True)] + [NONE]*5, f=3) + dev0(0, 4, [NONE]*6) + dev0(0, 4, [mem32(8)] + [NONE]*5, f=1)
seeds['bridges'] = Q + dev0(0, 0, [NONE]*6) + bridge(0, 1) + dev0(1, 0, virtio) + bridge(1, 1, bf=0x15) + \
    dev0(2, 3, virtio) + bridge(0, 2, bf=0x14) + dev0(3, 0, [mem64(20), io(2)]) + dev0(0, 3, virtio)
seeds['deep-chain'] = Q + b''.join(bridge(i, 0) for i in range(12)) + b''.join(dev0(i, 1, virtio) for i in range(12))
seeds['bus-exhaustion'] = header(0, 4, 6, qemu(), qemu(), qemu()) + bridge(0, 1) + bridge(0, 2) + bridge(1, 0) + bridge(0, 3) + dev0(2, 0, virtio)
seeds['top-windows'] = header(1, 0, 0xff, top(12, 0), top(20, 1), top(33, 2)) + bridge(0, 1) + dev0(1, 0, virtio) + dev0(0, 5, [mem64(50), NONE, mem32(27), io(20)])
seeds['overlap-windows'] = header(1, 0, 0xff, qemu(), qemu(4), overlap(0x10, 26)) + dev0(0, 1, virtio) + dev0(0, 2, [mem64(8), mem32(8)])
seeds['wrap-window'] = header(0, 0, 0xff, qemu(), raw(0xfffff000, 0x2000), qemu()) + dev0(0, 1, virtio)
seeds['bad-bus-range'] = header(2, 9, 3, qemu(), qemu(), qemu()) + dev0(0, 1, virtio)
seeds['tiny-windows'] = header(1, 0, 0xff, u8(5) + u32(0x1000) + u8(15), u8(5) + u32(0x100000) + u8(3), absent()) + dev0(0, 1, virtio) + bridge(0, 2) + dev0(1, 0, [io(0), mem32(0)])
seeds['no-io-window'] = header(1, 0, 0xff, absent(), qemu(), absent()) + bridge(0, 1, bf=0x10) + dev0(1, 0, virtio) + dev0(0, 2, virtio)
seeds['many-functions'] = Q + b''.join(dev0(0, d, [mem32(0)] * 6, hdr=0x80, f=0) + b''.join(dev0(0, d, [mem32(0)] * 6, f=k) for k in range(1, 3)) for d in range(24))
seeds['faults'] = Q + dev0(0, 1, virtio, faults=fault(R_ERR, 5, 1, 1)) + dev0(0, 2, virtio, faults=fault(W_IGN, 4, 2, 1)) + \
    dev0(0, 3, virtio, faults=fault(LIE, 1, 3, 1, 0x1000) + fault(FLIP, 0, 0, 0, 0xffff0000)) + \
    bridge(0, 4, faults=fault(W_ERR, 6, 1, 1)) + dev0(1, 0, virtio) + dev0(0, 5, virtio, flags=0x10, cmd=3)
seeds['stale-firmware'] = header(0, 0, 0xff, qemu(), qemu(), qemu()) + \
    bridge(0, 1, bf=0x3d | 0x80, extra=u32(0x00050501) + u32(0x40004000) + u32(0x00010001)) + dev0(1, 0, [u8(0x82) + u8(8) + u32(0x40001000)], cmd=7) + \
    bridge(0, 2, bf=0x3d, extra=u32(0x00050500), faults=fault(R_ERR, 4, 0, 0)) + dev0(2, 0, virtio) + \
    dev0(0, 3, [u8(0x80) + u8(0) + u32(0x12345678), u8(0x42) + u8(0) + u32(0xf0f0f000), u8(0x40) + u8(0) + u32(0xffffffff), u8(0xc3) + u8(0) + u32(0xffffff00) + u32(0xffffffff) + u32(0xfe000000) + u32(0)])
seeds['cardbus-unknown'] = Q + dev0(0, 1, [mem32(2)], hdr=2, cmd=3) + dev0(0, 2, [], hdr=3 | (5 << 2), cmd=3) + dev0(0, 3, virtio)
seeds['segment-root'] = header(1 | 4, 0x20, 0x30, qemu(), qemu(), qemu()) + bridge(0, 0) + dev0(1, 0, virtio)
seeds['opt-null'] = header(8, 0, 0, qemu(), qemu(), qemu()) + bridge(0, 0) + dev0(1, 0, virtio)
seeds['huge-bars'] = header(1, 0, 0xff, qemu(), qemu(), raw(1 << 32, 0xffffffff00000000)) + bridge(0, 1) + dev0(1, 0, [mem64(58), mem64(58), mem64(59)]) + dev0(1, 1, [mem64(59)]) + dev0(0, 2, [mem64(59), mem64(58)])
seeds['no-report'] = header(0x31, 0, 0xff, qemu(), qemu(), qemu()) + bridge(0, 1) + dev0(1, 0, virtio) + dev0(0, 2, virtio, faults=fault(R_ERR, 4, 0, 1))
os.makedirs(out, exist_ok=True)
for k, v in seeds.items():
    open(os.path.join(out, 'pci-assign-seed-%s.bin' % k), 'wb').write(v)
print(len(seeds), 'seeds')
