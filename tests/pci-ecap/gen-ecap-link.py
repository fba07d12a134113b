#!/usr/bin/env python3
"""Writes ecap-link.lspci-x.txt (to the path given, else beside itself): 4096-byte spaces holding every extended capability of
the link group (LTR, Secondary PCIe, L1 PM Substates, PTM, DPC, (VF) Resizable BAR, DLF,
16/32 GT/s, lane margining, NPEM, IDE, DOE, VSEC, DVSEC with each CXL DVSEC lspci 3.9
decodes) in the field values that choose lspci's branches, and the same capabilities cut by
the end of the space.  lspci -x format, so lspci reads the same bytes and the cross-check
(pci-ecap-link-vs-lspci.py) compares vdisc with it.  Function 00:1f.0 holds the values
lspci 3.9 misreads (see docs: the documented differences).  Deterministic.
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


class Space:
    def __init__(self, port_type=0, width=16):
        self.b = bytearray(4096)
        cls = 0x060400 if port_type == 4 else 0x058000
        struct.pack_into("<HHHH", self.b, 0, 0x1af4, 0x10f0, 0x0006, 0x0010)
        struct.pack_into("<I", self.b, 8, cls << 8 | 1)
        self.b[0x0e] = 1 if port_type == 4 else 0
        self.b[0x34] = 0x40
        # PCI Express capability v2: port type, link capabilities with the maximum width.
        struct.pack_into("<BBH", self.b, 0x40, 0x10, 0x00, 2 | port_type << 4)
        struct.pack_into("<I", self.b, 0x4c, 4 | width << 4)
        self.last = None

    def ecap(self, at, cid, regs=b"", ver=1):
        if self.last is not None:
            h = struct.unpack_from("<I", self.b, self.last)[0]
            struct.pack_into("<I", self.b, self.last, h | at << 20)
        struct.pack_into("<I", self.b, at, cid | ver << 16)
        self.b[at + 4:at + 4 + len(regs)] = regs[:4096 - at - 4]
        self.last = at

    def dvsec(self, at, vendor, dvid, rev, length, body=b""):
        regs = struct.pack("<IH", vendor | rev << 16 | length << 20, dvid) + body
        self.ecap(at, 0x23, regs)


def le(*words, fmt="I"):
    return struct.pack("<" + fmt * len(words), *words)


def root_port():
    s = Space(port_type=4, width=16)
    s.ecap(0x100, 0x18, le(3 << 10 | 0x123, 5 << 10 | 0x3ff, fmt="H"))            # LTR
    s.ecap(0x108, 0x19, le(0x3, 0x8005) + bytes(range(1, 33)))                     # SecPCIe
    s.ecap(0x140, 0x1e, le(0x1f | 0x28 << 8 | 1 << 16 | 5 << 19,
                           0xf | 0x3c << 8 | 0x50 << 16 | 2 << 29, 1 | 6 << 3))   # L1SS
    s.ecap(0x150, 0x1f, le(0x7 | 0x10 << 8, 0x3 | 0xff << 8))                     # PTM
    s.ecap(0x160, 0x1d, le(0x1000 | 0x0400 | 0x80 | 0x20 | 0x05,
                           0x00fe, 0x1f7f, 0x0108, fmt="H"))                     # DPC
    s.ecap(0x180, 0x15, le(0x3f << 4, 3 << 5 | 2 << 8, 0xfffffff0,
                           2 | 27 << 8 | 0xffff << 16, 0, 4 | 45 << 8))          # ReBAR x3
    s.ecap(0x1a0, 0x24, le(0x10, 1 << 5))                                          # VF ReBAR
    s.ecap(0x1b0, 0x2e, le(0x1 | 0x7ff << 1, 0x2, 0x80000000))                    # DOE
    s.ecap(0x1d0, 0x0b, le(0x1234 | 3 << 16 | 0x40 << 20))                        # VSEC
    for at, cid in ((0x210, 0x25), (0x220, 0x26), (0x230, 0x27), (0x240, 0x29),
                    (0x250, 0x2a), (0x260, 0x30)):
        s.ecap(at, cid, le(0xffffffff, 0x5a5a5a5a))                               # <?> ones
    s.dvsec(0x270, 0x8086, 0x23, 1, 0x14)                                          # not CXL
    s.dvsec(0x290, 0x1e98, 0x0, 1, 8)                                              # too short
    return s


def cxl_device():
    s = Space(port_type=0, width=8)
    rng1 = le(0x1, 0x10000000 | 0x3 | 1 << 2 | 1 << 5 | 3 << 8 | 2 << 13, 0x0, 0x20000000)
    s.dvsec(0x100, 0x1e98, 0, 1, 0x38,
            le(0x4000 | 0x10 | 0xf, 0x4000 | 0x800 | 0x200 | 0x18 | 0x5, 0x4000, 0, 0x8006,
               0, 0x0402, fmt="H") + rng1 + bytes(16))
    s.dvsec(0x138, 0x1e98, 0, 0, 0x10)                                             # rev 0
    s.dvsec(0x148, 0x1e98, 2, 0, 0x2c, b"\0\0" + le(*range(0x11, 0x19)))           # func map
    s.dvsec(0x174, 0x1e98, 3, 0, 0x28, le(0x0, 0x400f, fmt="H") + bytes([0x10, 0x1f]) +
            le(0x1234, 0x5678, fmt="H"))                                           # port
    s.dvsec(0x19c, 0x1e98, 4, 0, 0x10, b"\0\0" + le(0x0205, 0x0603, fmt="H"))     # GPF port
    s.dvsec(0x1ac, 0x1e98, 5, 0, 0x10, le(0x0409, fmt="H") + le(1234))            # GPF dev
    fb = le(0x6067, 0x63ff, 0x6075, fmt="H") + le(0xabcdef12, 1, 0, 3)
    s.dvsec(0x1bc, 0x1e98, 7, 2, 0x20, fb)                                         # Flex Bus
    s.dvsec(0x1dc, 0x1e98, 7, 1, 0x20, fb)
    s.dvsec(0x1fc, 0x1e98, 7, 0, 0x20, fb)
    s.dvsec(0x21c, 0x1e98, 8, 0, 0x24, b"\0\0" +
            le(2 | 1 << 8 | 0x0001 << 16, 0, 0, 0, 0xff << 8, 1))                 # locator
    s.dvsec(0x240, 0x1e98, 9, 0, 0x10, le(4, fmt="H"))                             # MLD
    s.dvsec(0x250, 0x1e98, 6, 0, 0x10)                                             # unknown
    s.dvsec(0x260, 0x1e98, 9, 0, 0x10, le(20, fmt="H"))                            # MLD > 16
    s.dvsec(0x270, 0x1e98, 4, 0, 0x10, b"\0\0" + le(0x0805, 0x0002, fmt="H"))     # reserved
    s.dvsec(0x280, 0x1e98, 0, 1, 0x38,
            le(0, 0, 0, 0, 0x0301, fmt="H") + le(0, 0, 0, 0) + le(0, 0, 0, 0))     # unit 3
    s.dvsec(0x2b8, 0x1e98, 0, 1, 0x38, le(0, 0, 0, 0, 0x0801, fmt="H") + bytes(32))
    s.dvsec(0x2f0, 0x1e98, 0, 1, 0x30)                                             # short
    s.dvsec(0x320, 0x1e98, 3, 0, 0x20)                                             # short port
    s.ecap(0x340, 0x2e, le(0, 0, 0))                                               # DOE
    return s


def odd_values():
    s = Space()
    s.ecap(0x100, 0x1e, le(0x1a, 0xf, 0))                                          # no L1.2
    s.ecap(0x110, 0x1e, le(0x04 | 3 << 16 | 31 << 19, 0x3ff << 16 | 6 << 29, 3))  # <error>s
    s.ecap(0x120, 0x1e, le(0x01 | 2 << 16 | 31 << 19, 7 << 29, 2 | 31 << 3))      # PM L1.2
    s.ecap(0x130, 0x18, le(0, 0))                                                  # LTR 0
    s.ecap(0x138, 0x1f, le(0xfe << 8, 0x7 << 8))                                   # PTM
    s.ecap(0x144, 0x15, le(0, 0))                                                  # nbars 0
    s.ecap(0x150, 0x15, le(0, 7 << 5))                                             # nbars 7
    s.ecap(0x160, 0x24, le(0xfffffff0, 6 << 5 | 5 | 43 << 8 | 0xffff << 16) +
           le(0x80, 1, 0x100, 2, 0x200, 3, 0x400, 4, 0x800, 5 | 63 << 8))          # 6 BARs
    s.ecap(0x1a0, 0x19, le(0, 0))                                                  # no errors
    s.ecap(0x1b0, 0x0b, le(0xffffffff))
    return s


def cut(cid, at, regs=b"", dvsec=None):
    s = Space()
    s.ecap(0x100, 0x18, le(0, 0))
    if dvsec:
        s.dvsec(at, *dvsec)
    else:
        s.ecap(at, cid, regs)
    return s


def differences():
    """Values lspci 3.9 misreads; vdisc prints the registers (docs: documented differences)."""
    s = Space(port_type=4, width=32)
    s.ecap(0x100, 0x2e, le(0, 0, 0x3))                     # DOE Error is bit 2, not bits 0-1
    s.ecap(0x118, 0x19, le(0, 0x80010000))                  # lanes 16 and 31 in error
    s.ecap(0x128, 0x1d, le(0x2000 | 0x0300, 0, 0, 0, fmt="H"))  # RP PIO log size bit 4
    s.ecap(0x138, 0x18, le(7 << 10 | 1, 7 << 10 | 0x3ff, fmt="H"))  # scale 7, not permitted
    s.dvsec(0x140, 0x1e98, 3, 0, 0x28, le(0x0a, 0, fmt="H"))         # port status bits 1, 3
    s.dvsec(0x168, 0x1e98, 4, 0, 0x10, b"\0\0" + le(0x0703, 0x0701, fmt="H"))  # 10 s unit
    s.dvsec(0x178, 0x1e98, 2, 0, 0x2c, b"\0\0" + le(*[0x10001 << i for i in range(8)]))
    # Not here: a CXL range of reserved type, class or interleave, which lspci 3.9 indexes its
    # name tables with and crashes on (vdisc prints "<?>").
    return s


def functions():
    f = [("00:01.0", root_port()), ("00:02.0", cxl_device()), ("00:03.0", odd_values())]
    cuts = [(0x18, 0xffc), (0x19, 0xff4), (0x1e, 0xff8), (0x1f, 0xffc), (0x1d, 0xff8),
            (0x2e, 0xff0), (0x0b, 0xffc), (0x23, 0xffc)]
    for i, (cid, at) in enumerate(cuts):
        f.append(("00:%02x.0" % (4 + i), cut(cid, at)))
    s = cut(0x15, 0xff0, le(0x10, 2 << 5))                  # second entry past the end
    f.append(("00:0c.0", s))
    f.append(("00:0d.0", cut(0, 0xfe0, dvsec=(0x1e98, 0, 1, 0x38))))  # CXL body past the end
    f.append(("00:0e.0", cut(0, 0xff4, dvsec=(0x1e98, 8, 0, 0x24))))
    f.append(("00:1f.0", differences()))
    return f


def main():
    lines = []
    for slot, s in functions():
        b = s.b
        lines.append("%s %04x: %04x:%04x" % (slot, struct.unpack_from("<H", b, 10)[0],
                                             *struct.unpack_from("<HH", b, 0)))
        for off in range(0, 4096, 16):
            lines.append("%03x: %s" % (off, " ".join("%02x" % x for x in b[off:off + 16])))
        lines.append("")
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "ecap-link.lspci-x.txt")
    with open(path, "w") as out:
        out.write("\n".join(lines))


if __name__ == "__main__":
    main()
