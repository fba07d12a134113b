#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a large synthetic `lspci -xxxx` dump, the same for the same seed.

The machine it describes is a server: one or more PCI domains, each made of
root complexes (Intel Sky Lake-SP IIO stacks with a C620 PCH, or AMD EPYC
root complexes with GPP bridges), root ports with slots, PCIe switches
(upstream port, downstream ports with hot-plug slots), and cards behind them:
NVMe drives, SR-IOV NICs with their virtual functions enabled (ARI, VFs on the
PF's bus), GPUs (multi-function), SAS HBAs, a BMC's VGA behind a PCIe-to-PCI
bridge, and a few devices whose ids pci.ids does not know.

Every bridge's secondary/subordinate bus numbers and memory/prefetchable/I/O
windows enclose what is behind it (addresses are given out depth first), BARs
are aligned to their size, and each PCIe function has a 4096-byte
configuration space with a standard capability chain (PM, MSI, PCIe, MSI-X,
vendor-specific, subsystem, SATA) and an extended chain (AER, ACS, ARI,
SR-IOV, DSN, LTR, L1SS, Secondary PCIe, VC, Power Budgeting, ATS, PASID, PRI,
TPH, PTM, Resizable BAR, DPC, VSEC, Data Link Feature, 16 GT/s, Lane
Margining).  Conventional functions (PCH, BMC VGA, AMD data fabric) have 256
bytes, as `lspci -xxxx` prints them.

The text is what `lspci -n -xxxx` prints: "DDDD:BB:DD.F CCCC: VVVV:DDDD
(rev RR)" then 16-byte hex lines, a blank line after each function, sorted by
address.  Python 3 standard library only.

Usage: gen-dump.py [--seed N] [--functions N] [-o FILE]
Prints a one-line summary (functions, buses, domains, bytes) on stderr.
"""

import argparse
import random
import sys

CFG_STD = 256
CFG_EXT = 4096

# PCIe device/port types (PCIe capability, bits 7:4)
PT_EP, PT_LEG, PT_RP, PT_UP, PT_DOWN, PT_PCIBR, PT_RCIEP = 0, 1, 4, 5, 6, 7, 9


def align(v, a):
    return (v + a - 1) // a * a


class Cfg:
    """One function's configuration space and its two capability chains."""

    def __init__(self, rng, size=CFG_EXT):
        self.rng = rng
        self.b = bytearray(size)
        self.std_last = None
        self.std_next = 0x40
        self.ext_last = None
        self.ext_next = 0x100

    def w8(self, off, v):
        self.b[off] = v & 0xFF

    def w16(self, off, v):
        self.b[off:off + 2] = (v & 0xFFFF).to_bytes(2, "little")

    def w32(self, off, v):
        self.b[off:off + 4] = (v & 0xFFFFFFFF).to_bytes(4, "little")

    def w64(self, off, v):
        self.b[off:off + 8] = (v & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little")

    def r32(self, off):
        return int.from_bytes(self.b[off:off + 4], "little")

    def rand_bytes(self, off, n):
        self.b[off:off + n] = bytes(self.rng.getrandbits(8) for _ in range(n))

    def cap(self, cid, size):
        """Appends a standard capability of @size bytes; returns its offset."""
        off = self.std_next
        if self.std_last is not None and self.rng.random() < 0.25:
            off = align(off + 8, 8)  # vendors leave holes
        if off + size > CFG_STD:
            off = self.std_next
        assert off + size <= CFG_STD, "standard capabilities overflow"
        if self.std_last is None:
            self.w8(0x34, off)
            self.b[0x06] |= 0x10  # Status: capability list
        else:
            self.w8(self.std_last + 1, off)
        self.w8(off, cid)
        self.w8(off + 1, 0)
        self.std_last = off
        self.std_next = align(off + size, 8)
        return off

    def ecap(self, cid, ver, size):
        """Appends an extended capability of @size bytes; returns its offset."""
        assert len(self.b) == CFG_EXT
        off = self.ext_next
        if self.ext_last is not None and self.rng.random() < 0.3:
            off = align(off + self.rng.choice((0x10, 0x20, 0x40)), 0x10)
        if off + size > CFG_EXT:
            off = self.ext_next
        assert off + size <= CFG_EXT, "extended capabilities overflow"
        if self.ext_last is not None:
            hdr = self.r32(self.ext_last)
            self.w32(self.ext_last, (hdr & 0xFFFFF) | off << 20)
        self.w32(off, cid | ver << 16)
        self.ext_last = off
        self.ext_next = align(off + size, 0x10)
        return off


class Fn:
    __slots__ = ("dom", "bus", "dev", "fn", "cfg")

    def __init__(self, dom, bus, dev, fn, cfg):
        self.dom, self.bus, self.dev, self.fn, self.cfg = dom, bus, dev, fn, cfg


class Domain:
    def __init__(self, num):
        self.num = num
        self.next_bus = 0
        self.mem32 = 0x90000000
        self.mem64 = (0x200000000000 + num * 0x40000000000) if num else 0x380000000000
        self.io = 0x2000

    def bus_left(self):
        return 256 - self.next_bus

    def take_bus(self):
        assert self.next_bus < 256
        b = self.next_bus
        self.next_bus += 1
        return b

    def alloc(self, kind, size):
        """Address for a BAR of @size bytes (a power of two) from pool @kind, or 0
        where the pool is used up (firmware leaves such a BAR unassigned)."""
        if kind == "io":
            a = align(self.io, size)
            if a + size > 0x10000:
                return 0
            self.io = a + size
        elif kind == "mem32":
            a = align(self.mem32, size)
            if a + size > 0xFC000000:
                return 0
            self.mem32 = a + size
        else:
            a = align(self.mem64, size)
            self.mem64 = a + size
        return a


class Gen:
    def __init__(self, seed, target):
        self.rng = random.Random(seed)
        self.target = target
        self.fns = []
        self.domains = []
        self.serial = self.rng.getrandbits(40)
        self.slot_no = 1

    # -- bookkeeping ---------------------------------------------------

    def full(self):
        return len(self.fns) >= self.target

    def add(self, dom, bus, dev, fn, cfg):
        self.fns.append(Fn(dom.num, bus, dev, fn, cfg))

    def new_cfg(self, ext=True):
        return Cfg(self.rng, CFG_EXT if ext else CFG_STD)

    # -- headers -------------------------------------------------------

    def header0(self, c, vid, did, cls, rev, ss=None, multi=False, cmd=0x0406, pin=1):
        c.w16(0x00, vid)
        c.w16(0x02, did)
        c.w16(0x04, cmd)
        c.w16(0x06, 0x0010 if self.rng.random() < 0.9 else 0x0018)
        c.w8(0x08, rev)
        c.w32(0x08, cls << 8 | rev)
        c.w8(0x0C, self.rng.choice((0x00, 0x10)))
        c.w8(0x0E, 0x80 if multi else 0x00)
        if ss:
            c.w16(0x2C, ss[0])
            c.w16(0x2E, ss[1])
        if pin:
            c.w8(0x3C, self.rng.choice((0xFF, 0x0B, 0x0A, 0x05, 0x10, 0x1A)))
            c.w8(0x3D, pin)

    def bars(self, c, dom, spec):
        """spec: list of (kind, size); kinds io, mem32, mem64 (64-bit, non-prefetchable,
        below 4G), pref64 (64-bit prefetchable); None skips a register.  Fills BAR0 on."""
        reg = 0x10
        for item in spec:
            if item is None:
                reg += 4
                continue
            kind, size = item
            a = dom.alloc("mem32" if kind == "mem64" else kind, size)
            if kind == "io":
                c.w32(reg, a | 1)
                reg += 4
            elif kind == "mem32":
                c.w32(reg, a)
                reg += 4
            else:
                c.w64(reg, a | (0x0C if kind == "pref64" else 0x04))
                reg += 8

    def rom(self, c, dom, size):
        c.w32(0x30, dom.alloc("mem32", size))  # disabled: bit 0 clear

    def header1(self, c, vid, did, rev, pri, sec, multi=False, cls=0x060400):
        c.w16(0x00, vid)
        c.w16(0x02, did)
        c.w16(0x04, 0x0547 if self.rng.random() < 0.7 else 0x0407)
        c.w16(0x06, 0x0010)
        c.w32(0x08, cls << 8 | rev)
        c.w8(0x0C, 0x10)
        c.w8(0x0E, 0x81 if multi else 0x01)
        c.w8(0x18, pri)
        c.w8(0x19, sec)
        c.w8(0x1A, sec)
        c.w16(0x1E, 0x2000 if self.rng.random() < 0.4 else 0x0000)
        c.w8(0x3C, 0xFF)
        c.w8(0x3D, 1)
        c.w16(0x3E, 0x0010 if self.rng.random() < 0.3 else 0x0000)

    def open_windows(self, dom):
        dom.mem32 = align(dom.mem32, 1 << 20)
        dom.mem64 = align(dom.mem64, 1 << 20)
        dom.io = align(dom.io, 1 << 12)
        return (dom.mem32, dom.mem64, dom.io)

    def close_windows(self, c, dom, start, sub):
        """Sets a bridge's subordinate bus and windows around what was allocated."""
        m32, m64, io = start
        c.w8(0x1A, sub)
        e32, e64, eio = self.open_windows(dom)
        if e32 > m32:
            c.w16(0x20, (m32 >> 16) & 0xFFF0)
            c.w16(0x22, ((e32 - 1) >> 16) & 0xFFF0)
        else:
            c.w16(0x20, 0xFFF0)
            c.w16(0x22, 0x0000)
        if e64 > m64:
            c.w16(0x24, ((m64 >> 16) & 0xFFF0) | 1)
            c.w16(0x26, (((e64 - 1) >> 16) & 0xFFF0) | 1)
            c.w32(0x28, m64 >> 32)
            c.w32(0x2C, (e64 - 1) >> 32)
        else:
            c.w16(0x24, 0xFFF1)
            c.w16(0x26, 0x0001)
        if eio > io:
            c.w8(0x1C, (io >> 8) & 0xF0)
            c.w8(0x1D, ((eio - 1) >> 8) & 0xF0)
        else:
            c.w8(0x1C, 0xF0)
            c.w8(0x1D, 0x00)

    # -- standard capabilities -----------------------------------------

    def cap_pm(self, c, bridge=False):
        o = c.cap(0x01, 8)
        pmc = 0x0003 | self.rng.choice((0x0000, 0xC800, 0xF800, 0xC980, 0x4800))
        if self.rng.random() < 0.3:
            pmc |= 0x0600  # D1 D2
        c.w16(o + 2, pmc)
        c.w16(o + 4, 0x0008)  # D0, NoSoftRst+
        if bridge and self.rng.random() < 0.3:
            c.w8(o + 6, 0x40)
        return o

    def cap_msi(self, c, vectors_log2=0, is64=True, mask=False, enabled=True):
        size = (0x0E if is64 else 0x0A) + (0x0A if mask else 0)
        o = c.cap(0x05, align(size, 4))
        ctl = vectors_log2 << 1 | (0x80 if is64 else 0) | (0x100 if mask else 0)
        if enabled:
            ctl |= 1
        c.w16(o + 2, ctl)
        if enabled:
            c.w32(o + 4, 0xFEE00000 | self.rng.randrange(0, 0x100) << 12 | 0x18)
            data = o + (0x0C if is64 else 0x08)
            c.w16(data, 0x4020 + self.rng.randrange(0, 0xC0))
        return o

    def cap_msix(self, c, n, bir=0, table=0x2000, pba=0x3000, enabled=True):
        o = c.cap(0x11, 12)
        c.w16(o + 2, (n - 1) | (0x8000 if enabled else 0))
        c.w32(o + 4, table | bir)
        c.w32(o + 8, pba | bir)
        return o

    def cap_vndr(self, c, length=0x14):
        o = c.cap(0x09, length)
        c.w8(o + 2, length)
        c.rand_bytes(o + 3, length - 3)
        return o

    def cap_ssvid(self, c, ss):
        o = c.cap(0x0D, 8)
        c.w16(o + 4, ss[0])
        c.w16(o + 6, ss[1])
        return o

    def cap_sata(self, c):
        o = c.cap(0x12, 8)
        c.w16(o + 2, 0x0010)
        c.w32(o + 4, 0x00000048)
        return o

    def cap_pcie(self, c, ptype, speed=3, width=4, slot=None, port=0, flr=False,
                 link_up=True, present=True):
        """The PCI Express capability (version 2)."""
        rng = self.rng
        o = c.cap(0x10, 0x3C)
        c.w16(o + 2, 0x0002 | ptype << 4 | (0x0100 if slot is not None else 0))
        endpoint = ptype in (PT_EP, PT_LEG, PT_RCIEP)
        mps = rng.choice((1, 2)) if endpoint else 2
        devcap = mps | 1 << 5 | (rng.randrange(8) << 6 if endpoint else 0)
        devcap |= (rng.randrange(8) << 9 if endpoint else 0) | 1 << 15
        if ptype == PT_UP:
            devcap |= 0x19 << 18 | 1 << 26  # slot power limit 25W x 0.1?
        if flr:
            devcap |= 1 << 28
        c.w32(o + 0x04, devcap)
        devctl = 0x000F if rng.random() < 0.6 else 0x0000
        devctl |= 0x0010 | min(mps, 1) << 5 | 0x0100 | 0x0800 | rng.choice((0, 2, 5)) << 12
        c.w16(o + 0x08, devctl)
        c.w16(o + 0x0A, 0x0020 if rng.random() < 0.2 else 0x0000)
        if ptype != PT_RCIEP:
            lnkcap = speed | width << 4 | rng.choice((0, 2, 3)) << 10
            lnkcap |= rng.randrange(8) << 12 | rng.randrange(8) << 15 | port << 24
            if ptype in (PT_RP, PT_DOWN):
                lnkcap |= 1 << 19 | 1 << 20 | 1 << 21
            if rng.random() < 0.5:
                lnkcap |= 1 << 22
            c.w32(o + 0x0C, lnkcap)
            lnkctl = rng.choice((0, 2)) | 0x0040 if rng.random() < 0.8 else 0
            if ptype in (PT_RP, PT_DOWN):
                lnkctl |= rng.choice((0, 0x0400, 0x0C00))
            c.w16(o + 0x10, lnkctl)
            if link_up:
                cur_speed = speed if rng.random() < 0.8 else max(1, speed - 1)
                cur_width = width if rng.random() < 0.85 else max(1, width // 2)
                lnksta = cur_speed | cur_width << 4 | 0x1000
                if ptype in (PT_RP, PT_DOWN):
                    lnksta |= 0x2000
            else:
                lnksta = 0x0001 | (0x1000 if rng.random() < 0.5 else 0)
            c.w16(o + 0x12, lnksta)
        if slot is not None:
            hp = ptype == PT_DOWN
            sltcap = (0x007B if hp else 0x0060) | rng.choice((0x19, 0x4B, 0xFA)) << 7
            sltcap |= rng.choice((0, 1)) << 15 | (1 << 18 if hp else 0) | slot << 19
            c.w32(o + 0x14, sltcap)
            c.w16(o + 0x18, (0x1028 if hp else 0x0000) | (0x02C0 if hp else 0))
            c.w16(o + 0x1A, (0x0040 if present else 0x0000) | (0x0100 if link_up else 0))
        if ptype == PT_RP:
            c.w16(o + 0x1C, 0x0000)
            c.w16(o + 0x1E, 0x0001)
        devcap2 = 0x0000001F if endpoint else 0x00000000
        if ptype in (PT_RP, PT_DOWN):
            devcap2 |= 1 << 5 | (1 << 6 if rng.random() < 0.5 else 0)
        if rng.random() < 0.7:
            devcap2 |= 1 << 11
        if rng.random() < 0.3:
            devcap2 |= 0x380  # AtomicOp 32/64/128
        if speed >= 4:
            devcap2 |= 1 << 16 | (1 << 17 if endpoint else 0)
        devcap2 |= rng.choice((0, 1, 2)) << 18
        c.w32(o + 0x24, devcap2)
        devctl2 = rng.choice((0, 5, 6)) | (1 << 10 if devcap2 & 1 << 11 else 0)
        if ptype in (PT_RP, PT_DOWN):
            devctl2 |= 1 << 5
        c.w16(o + 0x28, devctl2)
        if ptype != PT_RCIEP:
            c.w32(o + 0x2C, ((1 << speed) - 1) << 1)
            c.w16(o + 0x30, speed)
            c.w16(o + 0x32, 0x001E if speed >= 3 and link_up else 0x0000)
        return o

    # -- extended capabilities -----------------------------------------

    def ecap_aer(self, c, root=False):
        o = c.ecap(0x0001, 2, 0x48)
        rng = self.rng
        c.w32(o + 0x04, 0x00100000 if rng.random() < 0.05 else 0)
        c.w32(o + 0x08, rng.choice((0x00000000, 0x00400000, 0x00180000)))
        c.w32(o + 0x0C, 0x00062030 | (0x00400000 if rng.random() < 0.3 else 0))
        c.w32(o + 0x10, 0x00000001 if rng.random() < 0.08 else 0x00000000)
        c.w32(o + 0x14, 0x00002000 | (0x0000E000 if rng.random() < 0.2 else 0))
        c.w32(o + 0x18, rng.choice((0x000000A0, 0x000001E0, 0x00000000)))
        if root:
            c.w32(o + 0x2C, 0x00000007)
        return o

    def ecap_acs(self, c, port=True):
        o = c.ecap(0x000D, 1, 8)
        cap = 0x005F if port else 0x0040
        c.w16(o + 4, cap)
        c.w16(o + 6, (cap & 0x001D) if self.rng.random() < 0.7 else 0)
        return o

    def ecap_ari(self, c, next_fn):
        o = c.ecap(0x000E, 1, 8)
        c.w16(o + 4, next_fn << 8)
        return o

    def ecap_sriov(self, c, dom, total, num, offset, stride, vf_did, vf_bars):
        o = c.ecap(0x0010, 1, 0x40)
        c.w32(o + 0x04, 0x00000000)
        c.w16(o + 0x08, 0x0019 if num else 0x0010)
        c.w16(o + 0x0C, total)
        c.w16(o + 0x0E, total)
        c.w16(o + 0x10, num)
        c.w16(o + 0x14, offset)
        c.w16(o + 0x16, stride)
        c.w16(o + 0x1A, vf_did)
        c.w32(o + 0x1C, 0x00000553)
        c.w32(o + 0x20, 0x00000001)
        reg = o + 0x24
        for size in vf_bars:
            base = dom.alloc("pref64", size * total)
            c.w64(reg, base | 0x0C)
            reg += 8
        return o

    def ecap_dsn(self, c, oui=0x001B21):
        o = c.ecap(0x0003, 1, 0x0C)
        self.serial += 1
        c.w64(o + 4, oui << 40 | 0xFFFF << 24 | (self.serial & 0xFFFFFF))
        return o

    def ecap_ltr(self, c):
        o = c.ecap(0x0018, 1, 8)
        c.w16(o + 4, self.rng.choice((0x1003, 0x0846, 0x100F)))
        c.w16(o + 6, self.rng.choice((0x1003, 0x0846, 0x100F)))
        return o

    def ecap_l1ss(self, c):
        o = c.ecap(0x001E, 1, 0x10)
        c.w32(o + 4, 0x00280A1F if self.rng.random() < 0.5 else 0x0028281F)
        c.w32(o + 8, 0x4006000F if self.rng.random() < 0.5 else 0x00000000)
        c.w32(o + 12, 0x00000028)
        return o

    def ecap_sec_pcie(self, c, width):
        o = c.ecap(0x0019, 1, align(0x0C + 2 * width, 4))
        for lane in range(width):
            c.w16(o + 0x0C + 2 * lane, 0x7F7F if self.rng.random() < 0.5 else 0x4F4F)
        return o

    def ecap_vc(self, c):
        o = c.ecap(0x0002, 1, 0x1C)
        c.w32(o + 0x10, 0x00000000)
        c.w32(o + 0x14, 0x800000FF)
        return o

    def ecap_pwr(self, c):
        o = c.ecap(0x0004, 1, 0x10)
        c.w32(o + 0x0C, 0x00000001)
        return o

    def ecap_ats(self, c):
        o = c.ecap(0x000F, 1, 8)
        c.w16(o + 4, 0x0020)
        c.w16(o + 6, 0x8000 if self.rng.random() < 0.5 else 0)
        return o

    def ecap_pasid(self, c):
        o = c.ecap(0x001B, 1, 8)
        c.w16(o + 4, 0x1406)
        return o

    def ecap_pri(self, c):
        o = c.ecap(0x0013, 1, 0x10)
        c.w16(o + 6, 0x8100)
        c.w32(o + 8, 0x00000200)
        return o

    def ecap_tph(self, c):
        o = c.ecap(0x0017, 1, 0x0C)
        c.w32(o + 4, 0x003F0405)
        return o

    def ecap_ptm(self, c, root=False):
        o = c.ecap(0x001F, 1, 0x0C)
        c.w32(o + 4, (0x0007 if root else 0x0001) | 0x0400)
        c.w32(o + 8, 0x00000003 if root else 0x00000000)
        return o

    def ecap_rebar(self, c, nbars=1):
        o = c.ecap(0x0015, 1, 4 + 8 * nbars)
        for i in range(nbars):
            c.w32(o + 4 + 8 * i, 0x0003FFF0)
            c.w32(o + 8 + 8 * i, (i if i else (nbars << 5)) | 8 << 8)
        return o

    def ecap_dpc(self, c):
        o = c.ecap(0x001D, 1, 0x0C)
        c.w16(o + 4, 0x0000)
        c.w16(o + 6, 0x0000)
        return o

    def ecap_vsec(self, c, vid=0x0004, length=0x10):
        o = c.ecap(0x000B, 1, length)
        c.w32(o + 4, vid | 1 << 16 | length << 20)
        c.rand_bytes(o + 8, length - 8)
        return o

    def ecap_gen4(self, c, width):
        o = c.ecap(0x0025, 1, 0x0C)
        c.w32(o + 4, 0x80000001)
        o = c.ecap(0x0026, 1, align(0x20 + width, 4))
        c.w32(o + 0x0C, 0x0000001F)
        o = c.ecap(0x0027, 1, 8 + 4 * width)
        return o

    def link_ecaps(self, c, speed, width):
        if speed >= 3:
            self.ecap_sec_pcie(c, width)
        if speed >= 4:
            self.ecap_gen4(c, width)

    # -- functions -----------------------------------------------------

    def rciep(self, dom, bus, dev, fn, vid, did, cls, rev, multi=False, msix=0, bars=()):
        c = self.new_cfg()
        self.header0(c, vid, did, cls, rev, ss=(vid, 0x0000), multi=multi, pin=1 if msix else 0)
        self.bars(c, dom, bars)
        self.cap_pcie(c, PT_RCIEP)
        if msix:
            self.cap_msix(c, msix)
        self.cap_pm(c)
        self.ecap_aer(c)
        if self.rng.random() < 0.5:
            self.ecap_vsec(c)
        self.add(dom, bus, dev, fn, c)

    def legacy(self, dom, bus, dev, fn, vid, did, cls, rev, multi=False, caps=(), bars=(),
               ss=None, pin=1):
        """A conventional function: 256 bytes."""
        c = self.new_cfg(ext=False)
        self.header0(c, vid, did, cls, rev, ss=ss or (0x15D9, 0x095D), multi=multi, pin=pin)
        self.bars(c, dom, bars)
        for cap in caps:
            if cap == "pm":
                self.cap_pm(c)
            elif cap == "msi":
                self.cap_msi(c, is64=True)
            elif cap == "sata":
                self.cap_sata(c)
            elif cap == "vndr":
                self.cap_vndr(c, 0x0C)
        self.add(dom, bus, dev, fn, c)

    def port(self, dom, bus, dev, fn, vid, did, rev, ptype, speed, width, slot=None,
             multi=False, link_up=True, present=True, ss=None, cls=0x060400):
        """A PCIe bridge function; returns (cfg, window start, secondary bus)."""
        c = self.new_cfg()
        sec = dom.take_bus()
        self.header1(c, vid, did, rev, bus, sec, multi=multi, cls=cls)
        rng = self.rng
        if rng.random() < 0.5:
            self.cap_ssvid(c, ss or (vid, 0x0000))
            self.cap_msi(c, 0, is64=True, mask=rng.random() < 0.5)
            self.cap_pcie(c, ptype, speed, width, slot, port=dev if ptype != PT_UP else 0,
                          link_up=link_up, present=present)
            self.cap_pm(c, bridge=True)
        else:
            self.cap_pm(c, bridge=True)
            self.cap_msi(c, 0, is64=True, mask=rng.random() < 0.5)
            self.cap_pcie(c, ptype, speed, width, slot, port=dev if ptype != PT_UP else 0,
                          link_up=link_up, present=present)
            self.cap_ssvid(c, ss or (vid, 0x0000))
        if ptype in (PT_RP, PT_DOWN) and rng.random() < 0.3:
            self.cap_vndr(c)
        if rng.random() < 0.4:
            self.ecap_vsec(c)
        self.ecap_aer(c, root=ptype == PT_RP)
        if ptype in (PT_RP, PT_DOWN):
            self.ecap_acs(c)
        if ptype in (PT_UP, PT_DOWN) and rng.random() < 0.5:
            self.ecap_vc(c)
        if ptype == PT_UP and rng.random() < 0.5:
            self.ecap_pwr(c)
        self.link_ecaps(c, speed, width)
        if ptype in (PT_RP, PT_DOWN) and rng.random() < 0.6:
            self.ecap_dpc(c)
        if ptype == PT_RP and rng.random() < 0.5:
            self.ecap_ptm(c, root=True)
        if rng.random() < 0.5:
            self.ecap_l1ss(c)
        self.add(dom, bus, dev, fn, c)
        return c, self.open_windows(dom), sec

    def next_slot(self):
        self.slot_no += 1
        return self.slot_no

    # -- cards (what sits on a port's secondary bus) ---------------------

    NVME = (
        (0x144D, 0xA808, 0x00, 3, 4, (0x144D, 0xA801)),
        (0x144D, 0xA824, 0x00, 4, 4, (0x144D, 0xA812)),
        (0x8086, 0x0A54, 0x00, 3, 4, (0x8086, 0x4702)),
        (0x8086, 0x0B60, 0x00, 4, 4, (0x8086, 0x8008)),
        (0x8086, 0x2701, 0x00, 3, 4, (0x8086, 0x3907)),
        (0x1CC1, 0x8201, 0x03, 3, 4, (0x1CC1, 0x8201)),
        (0x1F9A, 0x0101, 0x01, 4, 4, (0x1F9A, 0x0001)),  # vendor unknown to pci.ids
    )

    def card_nvme(self, dom, bus):
        rng = self.rng
        vid, did, rev, speed, width, ss = rng.choice(self.NVME)
        c = self.new_cfg()
        self.header0(c, vid, did, 0x010802, rev, ss=ss)
        self.bars(c, dom, (("mem64", 0x4000),))
        self.cap_pm(c)
        self.cap_msi(c, 5, is64=True, mask=True, enabled=False)
        self.cap_pcie(c, PT_EP, speed, width, flr=True)
        self.cap_msix(c, rng.choice((33, 65, 129)), table=0x2000, pba=0x3000)
        if rng.random() < 0.3:
            self.cap_vndr(c)
        self.ecap_aer(c)
        self.ecap_dsn(c, 0x002538)
        if rng.random() < 0.5:
            self.ecap_pwr(c)
        self.link_ecaps(c, speed, width)
        if rng.random() < 0.6:
            self.ecap_ltr(c)
            self.ecap_l1ss(c)
        self.add(dom, bus, 0, 0, c)

    NICS = (
        # vid, did, rev, speed, width, pfs, vf did, total VFs, ss, dsn oui
        (0x8086, 0x1572, 0x01, 3, 8, 4, 0x154C, 32, (0x8086, 0x0001), 0x3CFDFE),
        (0x8086, 0x1592, 0x02, 4, 16, 2, 0x1889, 128, (0x8086, 0x0002), 0xB49691),
        (0x8086, 0x1563, 0x01, 3, 4, 2, 0x1565, 63, (0x8086, 0x0001), 0xA0369F),
        (0x15B3, 0x1017, 0x00, 3, 16, 2, 0x1018, 16, (0x15B3, 0x0007), 0x98039B),
        (0x15B3, 0x101D, 0x00, 4, 16, 2, 0x101E, 64, (0x15B3, 0x0016), 0x0C42A1),
        (0x14E4, 0x16D8, 0x01, 3, 8, 2, 0x16DC, 64, (0x14E4, 0x4163), 0x00109B),
        (0x14E4, 0x1751, 0x11, 4, 16, 2, 0x1806, 64, (0x14E4, 0x5045), 0x84160C),
    )

    def card_nic(self, dom, bus):
        rng = self.rng
        vid, did, rev, speed, width, pfs, vf_did, total, ss, oui = rng.choice(self.NICS)
        room = 240
        nums = []
        for _ in range(pfs):
            n = rng.choice((0, 0, 0, 0, 4, 4, 8, 8, 16, 32))
            n = min(n, total, room)
            room -= n
            nums.append(n)
        base = 16
        for pf in range(pfs):
            c = self.new_cfg()
            self.header0(c, vid, did, 0x020000, rev, ss=ss, multi=pfs > 1, pin=pf % 4 + 1)
            self.bars(c, dom, (("pref64", rng.choice((1 << 23, 1 << 25))), None,
                               ("pref64", 1 << 15)))
            if rng.random() < 0.3:
                self.rom(c, dom, 1 << 19)
            self.cap_pm(c)
            self.cap_msi(c, 0, is64=True, mask=True, enabled=False)
            self.cap_msix(c, rng.choice((64, 129, 1024)), bir=3, table=0, pba=0x1000)
            self.cap_pcie(c, PT_EP, speed, width, flr=True)
            if vid == 0x15B3:
                self.cap_vndr(c, 0x18)
            self.ecap_aer(c)
            self.ecap_ari(c, pf + 1 if pf + 1 < pfs else 0)
            offset = base - pf
            vf_bars = (1 << 16, 1 << 14)
            self.ecap_sriov(c, dom, total, nums[pf], offset, 1, vf_did, vf_bars)
            if pfs > 1:
                self.ecap_acs(c, port=False)
            if rng.random() < 0.5:
                self.ecap_ats(c)
            if vid == 0x8086:
                self.ecap_tph(c)
            if speed >= 4 and rng.random() < 0.5:
                self.ecap_ptm(c)
            self.ecap_dsn(c, oui)
            self.link_ecaps(c, speed, width)
            self.add(dom, bus, 0, pf, c)
            for v in range(nums[pf]):
                rid = base + v
                self.vf(dom, bus, rid >> 3, rid & 7, vid, vf_did, rev, ss)
            base += nums[pf]

    def vf(self, dom, bus, dev, fn, vid, did, rev, ss):
        c = self.new_cfg()
        self.header0(c, vid, did, 0x020000, rev, ss=ss, cmd=0x0000, pin=0)
        self.cap_msix(c, self.rng.choice((3, 5, 8)), bir=3, table=0, pba=0x2000, enabled=False)
        self.cap_pcie(c, PT_EP, 1, 1, flr=True)
        self.ecap_aer(c)
        self.ecap_ari(c, 0)
        self.add(dom, bus, dev, fn, c)

    GPUS = (
        # vid, did, class, rev, speed, extra functions, bar1 size, ss
        (0x10DE, 0x1DB6, 0x030200, 0xA1, 3, (), 1 << 35, (0x10DE, 0x124A)),
        (0x10DE, 0x2236, 0x030200, 0xA1, 4, (), 1 << 35, (0x10DE, 0x1482)),
        (0x10DE, 0x1E87, 0x030000, 0xA1, 3, ((0x10F8, 0x040300), (0x1AD8, 0x0C0330),
                                              (0x1AD9, 0x0C8000)), 1 << 28, (0x1043, 0x8789)),
    )

    def card_gpu(self, dom, bus):
        rng = self.rng
        vid, did, cls, rev, speed, extra, bar1, ss = rng.choice(self.GPUS)
        multi = bool(extra)
        c = self.new_cfg()
        self.header0(c, vid, did, cls, rev, ss=ss, multi=multi, cmd=0x0507)
        self.bars(c, dom, (("mem32", 1 << 24), ("pref64", bar1), ("pref64", 1 << 25),
                           ("io", 0x80)))
        self.rom(c, dom, 1 << 19)
        c.w8(0x34, 0)
        c.std_next = 0x60
        self.cap_pm(c)
        self.cap_msi(c, 0, is64=True, enabled=True)
        self.cap_pcie(c, PT_LEG if cls == 0x030000 else PT_EP, speed, 16)
        self.cap_vndr(c, 0x14)
        self.ecap_vc(c)
        self.ecap_pwr(c)
        self.ecap_ltr(c)
        self.ecap_l1ss(c)
        self.ecap_vsec(c, 0x0001, 0x18)
        self.link_ecaps(c, speed, 16)
        self.ecap_rebar(c, 1)
        if cls == 0x030200:
            self.ecap_ats(c)
            self.ecap_pasid(c)
            self.ecap_pri(c)
            self.ecap_ari(c, 0)
        self.add(dom, bus, 0, 0, c)
        for fn, (edid, ecls) in enumerate(extra, 1):
            c = self.new_cfg()
            self.header0(c, vid, edid, ecls, rev, ss=ss, multi=True, pin=fn % 4 + 1)
            self.bars(c, dom, (("mem32", 1 << 14),) if ecls != 0x0C0330 else
                      (("mem32", 1 << 18), None, None, ("mem32", 1 << 16)))
            self.cap_pm(c)
            self.cap_msi(c, 0, is64=True)
            self.cap_pcie(c, PT_EP, speed, 16)
            if ecls == 0x0C0330:
                self.cap_msix(c, 8, bir=3, table=0, pba=0x800)
            self.ecap_aer(c)
            self.add(dom, bus, 0, fn, c)

    def card_hba(self, dom, bus):
        rng = self.rng
        vid, did, rev = rng.choice(((0x1000, 0x0097, 0x02), (0x1000, 0x00AF, 0x01),
                                    (0x1000, 0x10E2, 0x00), (0x1000, 0x0085, 0x05)))
        c = self.new_cfg()
        self.header0(c, vid, did, 0x010700 if did != 0x10E2 else 0x010400, rev,
                     ss=(0x1000, 0x3090 + rng.randrange(8)))
        self.bars(c, dom, (("io", 0x100), ("mem64", 1 << 16), ("mem64", 1 << 20)))
        self.rom(c, dom, 1 << 20)
        c.std_next = 0x50
        self.cap_pm(c)
        self.cap_pcie(c, PT_EP, 3, 8, flr=True)
        self.cap_msi(c, 0, is64=True, enabled=False)
        self.cap_msix(c, 96, bir=1, table=0xE000, pba=0xF000)
        self.ecap_aer(c)
        self.ecap_pwr(c)
        self.ecap_ari(c, 0)
        self.link_ecaps(c, 3, 8)
        self.add(dom, bus, 0, 0, c)

    def card_fpga(self, dom, bus):
        """Accelerator with an id pci.ids knows the vendor but not the device of."""
        c = self.new_cfg()
        self.header0(c, 0x8086, 0x0BAD, 0x120000, 0x01, ss=(0x8086, 0x0000))
        self.bars(c, dom, (("pref64", 1 << 18), ("pref64", 1 << 20)))
        self.cap_pm(c)
        self.cap_msi(c, 2, is64=True)
        self.cap_pcie(c, PT_EP, 3, 8)
        self.cap_msix(c, 4, bir=2, table=0x3000, pba=0x2000)
        self.ecap_aer(c)
        self.ecap_vsec(c, 0x0020, 0x14)
        self.ecap_vsec(c, 0x0021, 0x10)
        self.link_ecaps(c, 3, 8)
        self.add(dom, bus, 0, 0, c)

    SWITCHES = (
        (0x10B5, 0x8747, 0xCA, 3, 16, 4, 8),
        (0x1000, 0xC010, 0xB0, 4, 16, 8, 16),
        (0x11F8, 0x8546, 0x00, 3, 16, 6, 12),
    )

    def card_switch(self, dom, bus, depth):
        """Upstream port on @bus, downstream ports on its secondary bus, a card
        (or an empty hot-plug slot) on each downstream port's bus."""
        rng = self.rng
        vid, did, rev, speed, width, lo, hi = rng.choice(self.SWITCHES)
        ndown = rng.randint(lo, hi)
        ndown = max(1, min(ndown, dom.bus_left() - 2, 32))
        up, upwin, ubus = self.port(dom, bus, 0, 0, vid, did, rev, PT_UP, speed, width,
                                    multi=vid == 0x1000)
        if vid == 0x1000:  # the switch's management endpoint
            c = self.new_cfg()
            self.header0(c, vid, 0x00B2, 0x058000, rev, multi=True, ss=(vid, 0xA064))
            self.bars(c, dom, (("mem32", 1 << 18),))
            self.cap_pm(c)
            self.cap_msi(c, 0, is64=True)
            self.cap_pcie(c, PT_EP, speed, width)
            self.ecap_aer(c)
            self.ecap_dsn(c, 0x000AF7)
            self.add(dom, bus, 0, 1, c)
        for d in range(ndown):
            if dom.bus_left() < 1:
                break
            present = not self.full() and rng.random() < 0.85
            dc, dwin, dbus = self.port(dom, ubus, d, 0, vid, did, rev, PT_DOWN, speed,
                                       rng.choice((4, 8, 16)), slot=self.next_slot(),
                                       link_up=present, present=present)
            if present:
                self.card(dom, dbus, depth + 1, leaf=True)
            self.close_windows(dc, dom, dwin, dom.next_bus - 1)
        self.close_windows(up, dom, upwin, dom.next_bus - 1)

    def card_bmc(self, dom, bus):
        """ASPEED PCIe-to-PCI bridge and the BMC's VGA behind it (conventional)."""
        c, win, sec = self.port(dom, bus, 0, 0, 0x1A03, 0x1150, 0x04, PT_PCIBR, 1, 1)
        self.legacy(dom, sec, 0, 0, 0x1A03, 0x2000, 0x030000, 0x41, caps=("pm", "msi"),
                    bars=(("mem32", 1 << 24), ("mem32", 1 << 17), ("io", 0x80)),
                    ss=(0x15D9, 0x1B95))
        self.close_windows(c, dom, win, dom.next_bus - 1)

    def card(self, dom, bus, depth, leaf=False):
        r = self.rng.random()
        if leaf:
            r *= 0.8  # no switch below a switch
        if r < 0.34:
            self.card_nvme(dom, bus)
        elif r < 0.60:
            self.card_nic(dom, bus)
        elif r < 0.68:
            self.card_gpu(dom, bus)
        elif r < 0.76:
            self.card_hba(dom, bus)
        elif r < 0.80:
            self.card_fpga(dom, bus)
        elif dom.bus_left() >= 4 and depth == 0:
            self.card_switch(dom, bus, depth)
        else:
            self.card_nvme(dom, bus)

    def root_port(self, dom, bus, dev, fn, vid, did, rev, speed, width, multi=False):
        present = not self.full() and self.rng.random() < 0.9 and dom.bus_left() > 1
        c, win, sec = self.port(dom, bus, dev, fn, vid, did, rev, PT_RP, speed, width,
                                slot=self.next_slot(), multi=multi, link_up=present,
                                present=present)
        if present:
            self.card(dom, sec, 0)
        self.close_windows(c, dom, win, dom.next_bus - 1)

    # -- root complexes ------------------------------------------------

    def intel_pch(self, dom, bus):
        L = self.legacy
        L(dom, bus, 0x11, 5, 0x8086, 0xA1D2, 0x010601, 0x09, caps=("msi", "pm", "sata"),
          bars=(("mem32", 0x2000), ("mem32", 0x100), ("io", 8), ("io", 4), ("io", 0x20),
                ("mem32", 0x800)), multi=True)
        L(dom, bus, 0x14, 0, 0x8086, 0xA1AF, 0x0C0330, 0x09, caps=("pm", "msi"),
          bars=(("mem64", 1 << 16),), multi=True)
        L(dom, bus, 0x14, 2, 0x8086, 0xA1B1, 0x118000, 0x09, caps=("pm", "msi"),
          bars=(("mem64", 1 << 12),), multi=True, pin=3)
        L(dom, bus, 0x16, 0, 0x8086, 0xA1BA, 0x078000, 0x09, caps=("pm", "msi"),
          bars=(("mem64", 1 << 12),), multi=True)
        L(dom, bus, 0x16, 1, 0x8086, 0xA1BB, 0x078000, 0x09, caps=("pm", "msi"),
          bars=(("mem64", 1 << 12),), multi=True, pin=2)
        L(dom, bus, 0x17, 0, 0x8086, 0xA182, 0x010601, 0x09, caps=("msi", "pm", "sata"),
          bars=(("mem32", 0x2000), ("mem32", 0x100), ("io", 8), ("io", 4), ("io", 0x20),
                ("mem32", 0x800)))
        self.root_bridge_bmc(dom, bus, 0x1C, 0, 0xA190)
        self.root_port(dom, bus, 0x1C, 4, 0x8086, 0xA194, 0xF9, 1, 1, multi=True)
        self.root_port(dom, bus, 0x1C, 5, 0x8086, 0xA195, 0xF9, 2, 1, multi=True)
        L(dom, bus, 0x1F, 0, 0x8086, 0xA1C2, 0x060100, 0x09, multi=True, pin=0,
          caps=("vndr",))
        L(dom, bus, 0x1F, 2, 0x8086, 0xA1A1, 0x058000, 0x09, multi=True, pin=0,
          bars=(("mem32", 1 << 14),))
        L(dom, bus, 0x1F, 4, 0x8086, 0xA1A3, 0x0C0500, 0x09, multi=True,
          bars=(("mem64", 0x100), None, None, ("io", 0x20)))
        L(dom, bus, 0x1F, 5, 0x8086, 0xA1A4, 0x0C8000, 0x09, multi=True, pin=0,
          bars=(("mem32", 1 << 12),))

    def root_bridge_bmc(self, dom, bus, dev, fn, did):
        c, win, sec = self.port(dom, bus, dev, fn, 0x8086, did, 0xF9, PT_RP, 1, 1,
                                slot=self.next_slot(), multi=True)
        self.card_bmc(dom, sec)
        self.close_windows(c, dom, win, dom.next_bus - 1)

    def intel_stack(self, dom, first):
        bus = dom.take_bus()
        if first:
            self.rciep(dom, bus, 0, 0, 0x8086, 0x2020, 0x060000, 0x04)
            for fn in range(8):
                self.rciep(dom, bus, 4, fn, 0x8086, 0x2021, 0x088000, 0x04, multi=True,
                           msix=1, bars=(("mem64", 1 << 14),))
            ids = (0x2024, 0x2025, 0x2026)
        else:
            for dev, did in enumerate((0x2030, 0x2031, 0x2032, 0x2033)):
                if dom.bus_left() < 2:
                    break
                self.root_port(dom, bus, dev, 0, 0x8086, did, 0x04, 3, 16 if dev else 8)
            ids = (0x2034, 0x2035, 0x2036)
        for fn, did in zip((0, 2, 4), ids):
            self.rciep(dom, bus, 5, fn, 0x8086, did, 0x088000 if fn < 4 else 0x080020, 0x04,
                       multi=True)
        if first:
            for fn, did in enumerate((0x2014, 0x2015, 0x2016)):
                self.rciep(dom, bus, 8, fn, 0x8086, did, 0x088000, 0x04, multi=True)
            self.intel_pch(dom, bus)

    def amd_rc(self, dom, first):
        bus = dom.take_bus()
        L = self.legacy
        L(dom, bus, 0, 0, 0x1022, 0x1480, 0x060000, 0x00, multi=True, pin=0,
          ss=(0x1022, 0x1480))
        L(dom, bus, 0, 2, 0x1022, 0x1481, 0x080600, 0x00, multi=True, caps=("msi",),
          ss=(0x1022, 0x1481))
        for dev in (1, 3):
            L(dom, bus, dev, 0, 0x1022, 0x1482, 0x060000, 0x00, multi=True, pin=0, ss=None)
            for fn in range(1, 5):
                if dom.bus_left() < 2:
                    break
                self.root_port(dom, bus, dev, fn, 0x1022, 0x1483, 0x00, 4, 16 if fn == 1 else 4,
                               multi=True)
        for dev in (2, 4, 5):
            L(dom, bus, dev, 0, 0x1022, 0x1482, 0x060000, 0x00, pin=0)
        if dom.bus_left() >= 3:
            L(dom, bus, 7, 0, 0x1022, 0x1482, 0x060000, 0x00, multi=True, pin=0)
            c, win, sec = self.port(dom, bus, 7, 1, 0x1022, 0x1484, 0x00, PT_RP, 4, 16,
                                    multi=True)
            self.amd_internal(dom, sec, ((0, 0x148A, 0x130000), (2, 0x1498, 0x108000)))
            self.close_windows(c, dom, win, dom.next_bus - 1)
            L(dom, bus, 8, 0, 0x1022, 0x1482, 0x060000, 0x00, multi=True, pin=0)
            c, win, sec = self.port(dom, bus, 8, 1, 0x1022, 0x1484, 0x00, PT_RP, 4, 16,
                                    multi=True)
            self.amd_internal(dom, sec, ((0, 0x1485, 0x130000), (1, 0x1486, 0x108000),
                                         (3, 0x148C, 0x0C0330)))
            self.close_windows(c, dom, win, dom.next_bus - 1)
        if first:
            L(dom, bus, 0x14, 0, 0x1022, 0x790B, 0x0C0500, 0x61, multi=True, pin=0)
            L(dom, bus, 0x14, 3, 0x1022, 0x790E, 0x060100, 0x51, multi=True, pin=0)
            for fn in range(8):
                L(dom, bus, 0x18, fn, 0x1022, 0x1490 + fn, 0x060000, 0x00, multi=True, pin=0,
                  ss=(0, 0))

    def amd_internal(self, dom, bus, fns):
        for fn, did, cls in fns:
            c = self.new_cfg()
            self.header0(c, 0x1022, did, cls, 0x00, ss=(0x1022, did), multi=len(fns) > 1,
                         pin=fn % 4 + 1 if cls != 0x130000 else 0)
            if cls != 0x130000:
                self.bars(c, dom, (("mem32", 1 << 20),))
            c.std_next = 0x48
            self.cap_vndr(c, 0x08)
            self.cap_pm(c)
            self.cap_pcie(c, PT_EP, 4, 16)
            if cls != 0x130000:
                self.cap_msi(c, 0, is64=True)
                self.cap_msix(c, 8, bir=0 if cls != 0x0C0330 else 0, table=0xC0000,
                              pba=0xC1000)
            self.ecap_vsec(c, 0x0001, 0x10)
            if cls != 0x130000:
                self.ecap_aer(c)
            self.add(dom, bus, 0, fn, c)

    # -- the machine -----------------------------------------------------

    def run(self):
        num = 0
        while not self.full():
            dom = Domain(num)
            self.domains.append(dom)
            intel = self.rng.random() < 0.6
            first = True
            # a root complex needs its bus plus room for what hangs below it
            while not self.full() and dom.bus_left() >= (24 if intel else 40):
                if intel:
                    self.intel_stack(dom, first)
                else:
                    self.amd_rc(dom, first)
                first = False
            num += 1
            if num > 0xFFFF:
                break
        self.fns.sort(key=lambda f: (f.dom, f.bus, f.dev, f.fn))

    def write(self, out):
        domains = len(self.domains) > 1
        total = 0
        for f in self.fns:
            b = f.cfg.b
            cls = b[0x0B] << 8 | b[0x0A]
            head = "%04x:%02x:%02x.%d" % (f.dom, f.bus, f.dev, f.fn) if domains else \
                "%02x:%02x.%d" % (f.bus, f.dev, f.fn)
            line = "%s %04x: %04x:%04x" % (head, cls, b[1] << 8 | b[0], b[3] << 8 | b[2])
            if b[8]:
                line += " (rev %02x)" % b[8]
            if b[9]:
                line += " (prog-if %02x)" % b[9]
            rows = [line]
            for off in range(0, len(b), 16):
                rows.append("%02x: %s" % (off, b[off:off + 16].hex(" ")))
            rows.append("")
            text = "\n".join(rows) + "\n"
            out.write(text)
            total += len(text)
        return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--functions", type=int, default=4000,
                    help="stop adding devices once this many functions exist (default 4000)")
    ap.add_argument("-o", "--output", default="-", help="file to write (default stdout)")
    args = ap.parse_args()
    if args.functions < 1:
        ap.error("--functions must be at least 1")
    g = Gen(args.seed, args.functions)
    g.run()
    if args.output == "-":
        size = g.write(sys.stdout)
    else:
        with open(args.output, "w", encoding="ascii", newline="\n") as out:
            size = g.write(out)
    buses = len({(f.dom, f.bus) for f in g.fns})
    big = sum(1 for f in g.fns if len(f.cfg.b) == CFG_EXT)
    print("gen-dump: seed %d: %d functions (%d with 4096-byte config space) on %d buses in "
          "%d domain(s), %d bytes" % (args.seed, len(g.fns), big, buses, len(g.domains), size),
          file=sys.stderr)


if __name__ == "__main__":
    main()
