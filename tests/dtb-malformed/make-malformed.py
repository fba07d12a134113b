#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write structurally malformed variants of a valid flattened device tree.

usage: make-malformed.py GOOD.dtb OUTDIR

Every variant is GOOD.dtb with a few bytes patched (or, for the nesting
cases, a small tree built from scratch), named for what it breaks.  The
header is parsed (big-endian, 40-byte v17 header) and the structure block
walked to find where to patch, so any valid DTB works as input.

OUTDIR/cases.tsv gets one line per file written:

    NAME <TAB> FILE <TAB> STDOUT <TAB> REGEX <TAB> WHAT

STDOUT is "empty" (a structural problem is fatal: no listing) and REGEX is a
case-insensitive Python regular expression that vdisc's stderr must match.
Where more than one wording is defensible (libfdt calls a block outside the
blob "truncated", vdisc's enum calls it "bad block layout") the regex accepts
each of them, but never a wording that would describe another problem class.

Python 3 standard library only.
"""

import os
import struct
import sys

FDT_MAGIC = 0xD00DFEED
FDT_BEGIN_NODE = 1
FDT_END_NODE = 2
FDT_PROP = 3
FDT_NOP = 4
FDT_END = 9

HDR_SIZE = 40
HDR_FIELDS = ("magic", "totalsize", "off_dt_struct", "off_dt_strings",
              "off_mem_rsvmap", "version", "last_comp_version",
              "boot_cpuid_phys", "size_dt_strings", "size_dt_struct")
HDR_OFF = {name: 4 * i for i, name in enumerate(HDR_FIELDS)}

# Expected stderr, by problem class.
RE_TRUNC = r"truncated|exceeds"
RE_TINY = r"truncated|exceeds|bad magic"
RE_MAGIC = r"bad magic"
RE_VERSION = r"unsupported version"
RE_OUTSIDE = r"bad block layout|truncated|exceeds"   # a block outside the blob
RE_OVERLAP = r"bad block layout|overlap"              # blocks inside, but overlapping
RE_STRUCT = r"malformed structure block"
RE_STRUCT_RUNS_OFF = r"malformed structure block|truncated|exceeds"
RE_PROPLEN = r"malformed structure block|truncated|exceeds|bad property length"
RE_STRINGS = r"string offset out of range"
RE_DEPTH = r"nesting too deep"


class BadInput(Exception):
    pass


def be32(buf, off):
    return struct.unpack_from(">I", buf, off)[0]


def put32(buf, off, val):
    struct.pack_into(">I", buf, off, val & 0xFFFFFFFF)


def align4(n):
    return (n + 3) & ~3


class Fdt:
    """A parsed, validated good blob: header fields and structure-block tokens."""

    def __init__(self, data):
        if len(data) < HDR_SIZE:
            raise BadInput("shorter than a v17 header")
        self.data = bytes(data)
        self.h = dict(zip(HDR_FIELDS, struct.unpack_from(">10I", data, 0)))
        h = self.h
        if h["magic"] != FDT_MAGIC:
            raise BadInput("bad magic")
        if h["version"] < 17 or h["last_comp_version"] > 17:
            raise BadInput("need a version 17 blob (dtc -O dtb writes one)")
        if h["totalsize"] > len(data):
            raise BadInput("totalsize exceeds the file")
        for off, size in ((h["off_dt_struct"], h["size_dt_struct"]),
                          (h["off_dt_strings"], h["size_dt_strings"])):
            if off < HDR_SIZE or off + size > h["totalsize"]:
                raise BadInput("block outside the blob")
        self.sbase = h["off_dt_struct"]
        self.send = self.sbase + h["size_dt_struct"]
        self.tokens = list(self._walk())

    def _walk(self):
        """Yield dicts describing each tag, offsets absolute in the blob."""
        d, off, end, depth = self.data, self.sbase, self.send, 0
        while off + 4 <= end:
            tag = be32(d, off)
            t = {"tag": tag, "off": off, "depth": depth}
            if tag == FDT_BEGIN_NODE:
                nul = d.index(b"\0", off + 4, end)
                t["name_off"], t["name_end"] = off + 4, nul
                off = align4(nul + 1)
                depth += 1
            elif tag == FDT_PROP:
                plen, nameoff = struct.unpack_from(">II", d, off + 4)
                t["len"], t["nameoff"], t["val_off"] = plen, nameoff, off + 12
                off = align4(off + 12 + plen)
            elif tag == FDT_END_NODE:
                depth -= 1
                off += 4
            elif tag == FDT_NOP:
                off += 4
            elif tag == FDT_END:
                off += 4
                t["next"] = off
                yield t
                if depth != 0:
                    raise BadInput("FDT_END inside a node")
                return
            else:
                raise BadInput("unknown tag 0x%x at 0x%x" % (tag, off))
            t["next"] = off
            yield t
        raise BadInput("no FDT_END in the structure block")

    def first(self, tag, pred=None):
        for t in self.tokens:
            if t["tag"] == tag and (pred is None or pred(t)):
                return t
        return None

    def copy(self):
        return bytearray(self.data)

    def set_hdr(self, buf, **fields):
        for name, val in fields.items():
            put32(buf, HDR_OFF[name], val)
        return buf


def build_fdt(struct_block, strings_block=b"", rsv=()):
    """A v17 blob from parts: header, reservation map, structure, strings."""
    rsvmap = b"".join(struct.pack(">QQ", a, s) for a, s in rsv) + bytes(16)
    off_rsv = HDR_SIZE
    off_struct = off_rsv + len(rsvmap)
    off_strings = off_struct + len(struct_block)
    total = off_strings + len(strings_block)
    hdr = struct.pack(">10I", FDT_MAGIC, total, off_struct, off_strings, off_rsv,
                      17, 16, 0, len(strings_block), len(struct_block))
    return hdr + rsvmap + struct_block + strings_block


def nested_struct(levels):
    """levels nested nodes (the root counts as one), nothing else."""
    begin_root = struct.pack(">I", FDT_BEGIN_NODE) + b"\0\0\0\0"
    begin_child = struct.pack(">I", FDT_BEGIN_NODE) + b"n\0\0\0"
    end = struct.pack(">I", FDT_END_NODE)
    return (begin_root + begin_child * (levels - 1) + end * levels
            + struct.pack(">I", FDT_END))


def cases(f):
    """Yield (name, regex, what, bytes-or-None).  None: cannot be made from this blob."""
    h, d = f.h, f.data
    total = h["totalsize"]
    root = f.tokens[0]
    prop = f.first(FDT_PROP)
    child = f.first(FDT_BEGIN_NODE, lambda t: t["depth"] >= 1)
    end_tag = f.first(FDT_END)

    # --- sizes of the file itself -------------------------------------------
    yield "empty-file", RE_TINY, "a zero-byte file", b""
    yield "three-bytes", RE_TINY, "the first 3 bytes of the magic only", d[:3]
    yield ("trunc-in-header", RE_TRUNC, "file cut inside the 40-byte header",
           d[:HDR_SIZE // 2])
    yield ("trunc-in-struct", RE_TRUNC, "file cut in the middle of the structure block",
           d[:f.sbase + align4(h["size_dt_struct"] // 2)])
    s0, s1 = h["off_dt_strings"], h["off_dt_strings"] + h["size_dt_strings"]
    yield ("trunc-in-strings", RE_TRUNC, "file cut in the middle of the strings block",
           d[:s0 + max(1, (s1 - s0) // 2)] if s1 - s0 >= 2 else None)
    yield "trunc-last-byte", RE_TRUNC, "file one byte shorter than totalsize", d[:total - 1]

    # --- header fields --------------------------------------------------------
    b = f.copy()
    b[0] ^= 0xFF
    yield "bad-magic", RE_MAGIC, "first magic byte flipped", b
    yield ("bad-magic-byteswapped", RE_MAGIC, "magic written little-endian",
           f.set_hdr(f.copy(), magic=0xEDFE0DD0))
    yield ("totalsize-beyond-file", RE_TRUNC, "totalsize 4 KiB larger than the file",
           f.set_hdr(f.copy(), totalsize=len(d) + 4096))
    yield ("totalsize-huge", RE_TRUNC, "totalsize 0xffffffff",
           f.set_hdr(f.copy(), totalsize=0xFFFFFFFF))
    yield ("totalsize-below-header", RE_OUTSIDE,
           "totalsize 20, smaller than the header",
           f.set_hdr(f.copy(), totalsize=HDR_SIZE // 2))
    yield ("totalsize-cuts-strings", RE_OUTSIDE,
           "totalsize ends inside the strings block (file still full length)",
           f.set_hdr(f.copy(), totalsize=s0 + (s1 - s0) // 2) if s1 - s0 >= 2 else None)
    yield ("version-1", RE_VERSION, "version 1, last_comp_version 1",
           f.set_hdr(f.copy(), version=1, last_comp_version=1))
    yield ("version-99", RE_VERSION, "version 99, last_comp_version 99",
           f.set_hdr(f.copy(), version=99, last_comp_version=99))
    yield ("last-comp-version-18", RE_VERSION, "version 18, last_comp_version 18",
           f.set_hdr(f.copy(), version=18, last_comp_version=18))
    yield ("last-comp-above-version", RE_VERSION,
           "version 17 but last_comp_version 99 (> version, > 17)",
           f.set_hdr(f.copy(), last_comp_version=99))

    # --- block layout ---------------------------------------------------------
    yield ("struct-beyond-totalsize", RE_OUTSIDE, "off_dt_struct = totalsize + 16",
           f.set_hdr(f.copy(), off_dt_struct=align4(total) + 16))
    yield ("struct-size-beyond-totalsize", RE_OUTSIDE,
           "size_dt_struct runs 64 bytes past totalsize",
           f.set_hdr(f.copy(), size_dt_struct=total - f.sbase + 64))
    yield ("struct-offset-wraps", RE_OUTSIDE,
           "off_dt_struct 0xfffffff0: off + size wraps 32 bits",
           f.set_hdr(f.copy(), off_dt_struct=0xFFFFFFF0))
    yield ("strings-beyond-totalsize", RE_OUTSIDE, "off_dt_strings = totalsize + 16",
           f.set_hdr(f.copy(), off_dt_strings=align4(total) + 16))
    yield ("strings-size-wraps", RE_OUTSIDE, "size_dt_strings 0xfffffff8 (wraps)",
           f.set_hdr(f.copy(), size_dt_strings=0xFFFFFFF8))
    # Strings block moved to start inside the structure block (sizes unchanged
    # and both still inside the blob): the only fault is the overlap.
    yield ("strings-overlap-struct", RE_OVERLAP,
           "off_dt_strings points 8 bytes into the structure block",
           f.set_hdr(f.copy(), off_dt_strings=f.sbase + 8)
           if h["size_dt_struct"] > 8 and f.sbase + 8 + h["size_dt_strings"] <= total else None)
    # Structure block grown to cover the strings block.
    yield ("struct-overlap-strings", RE_OVERLAP,
           "size_dt_struct grown to end at totalsize, over the strings block",
           f.set_hdr(f.copy(), size_dt_struct=total - f.sbase)
           if s0 >= f.send and s1 > s0 else None)
    yield ("struct-overlap-header", RE_OVERLAP,
           "off_dt_struct 16: the structure block starts inside the header",
           f.set_hdr(f.copy(), off_dt_struct=16))
    yield ("strings-overlap-header", RE_OVERLAP,
           "off_dt_strings 8: the strings block starts inside the header",
           f.set_hdr(f.copy(), off_dt_strings=8))
    yield ("rsvmap-overlap-header", RE_OVERLAP,
           "off_mem_rsvmap 8: the reservation map starts inside the header",
           f.set_hdr(f.copy(), off_mem_rsvmap=8))
    yield ("rsvmap-beyond-totalsize", RE_OUTSIDE, "off_mem_rsvmap = totalsize + 64",
           f.set_hdr(f.copy(), off_mem_rsvmap=align4(total) + 64))
    # The reservation map moved to the very end of the blob, holding a single
    # non-zero entry and no terminating (0, 0) entry: reading it runs off the end.
    # (8-byte aligned, as the specification requires of the map.)
    at = (total + 7) & ~7
    b = bytearray(d[:total]) + bytes(at - total) + struct.pack(">QQ", 0x80000000, 0x1000)
    f.set_hdr(b, off_mem_rsvmap=at, totalsize=at + 16)
    yield ("rsvmap-unterminated", RE_OUTSIDE,
           "reservation map at the end of the blob, one entry, no (0,0) terminator", b)
    yield ("size-dt-struct-zero", RE_STRUCT + "|" + RE_OUTSIDE, "size_dt_struct = 0",
           f.set_hdr(f.copy(), size_dt_struct=0))

    # --- structure block contents --------------------------------------------
    if prop is None:
        for n in ("nameoff-at-strings-end", "nameoff-huge", "prop-len-past-struct",
                  "prop-len-huge", "prop-len-wraps-to-self"):
            yield n, "", "", None
    else:
        b = f.copy()
        put32(b, prop["off"] + 8, h["size_dt_strings"])
        yield ("nameoff-at-strings-end", RE_STRINGS,
               "first property's nameoff = size_dt_strings (one past the last byte)", b)
        b = f.copy()
        put32(b, prop["off"] + 8, 0xFFFFFFF0)
        yield "nameoff-huge", RE_STRINGS, "first property's nameoff = 0xfffffff0", b
        b = f.copy()
        put32(b, prop["off"] + 4, f.send - prop["val_off"] + 4)
        yield ("prop-len-past-struct", RE_PROPLEN,
               "first property's len runs 4 bytes past the structure block", b)
        b = f.copy()
        put32(b, prop["off"] + 4, 0xFFFFFFF8)
        yield "prop-len-huge", RE_PROPLEN, "first property's len = 0xfffffff8 (wraps)", b
        # 12 + 0xfffffff4 wraps to 0: libfdt 1.6's fdt_next_tag() then returns the
        # same offset as the next one, and any walker that trusts it spins forever.
        b = f.copy()
        put32(b, prop["off"] + 4, 0xFFFFFFF4)
        yield ("prop-len-wraps-to-self", r"wraps around the structure block",
               "first property's len = 0xfffffff4 (next tag offset = this one)", b)

    # A node name whose bytes run, without NUL, to the end of the structure
    # block (the strings block after it does hold NULs).
    node = child or root
    b = f.copy()
    b[node["name_off"]:f.send] = b"A" * (f.send - node["name_off"])
    yield ("name-unterminated", RE_STRUCT_RUNS_OFF,
           "a node name with no NUL before the end of the structure block", b)
    # ... and to the end of the file: struct and strings blocks all non-NUL.
    # The root's name, so that no property (whose name the overwritten strings
    # block held) comes before it in walk order: the name is the first fault.
    tail = max(f.send, s1)
    b = f.copy()
    b[root["name_off"]:tail] = b"A" * (tail - root["name_off"])
    yield ("name-unterminated-to-eof", RE_STRUCT_RUNS_OFF,
           "a node name with no NUL before the end of the blob", b[:max(tail, total)])

    b = f.copy()
    put32(b, end_tag["off"], FDT_NOP)
    yield "fdt-end-nop", RE_STRUCT_RUNS_OFF, "FDT_END replaced by FDT_NOP", b
    yield ("fdt-end-cut", RE_STRUCT_RUNS_OFF, "size_dt_struct shortened to drop FDT_END",
           f.set_hdr(f.copy(), size_dt_struct=end_tag["off"] - f.sbase))
    after_root = f.tokens[1]
    b = f.copy()
    put32(b, after_root["off"], 0x0000000A)
    yield "unknown-tag-0a", RE_STRUCT, "the tag after the root node's name = 0x0a", b
    b = f.copy()
    put32(b, after_root["off"], 0xFFFFFFFF)
    yield "unknown-tag-ffffffff", RE_STRUCT, "the tag after the root node's name = 0xffffffff", b
    # Root closed early: an FDT_END_NODE at depth 0 directly after the root's
    # FDT_END_NODE, where FDT_END belongs.
    b = f.copy()
    put32(b, end_tag["off"], FDT_END_NODE)
    b[end_tag["off"] + 4:end_tag["off"] + 4] = struct.pack(">I", FDT_END)
    b = f.set_hdr(b, size_dt_struct=h["size_dt_struct"] + 4)
    b = fix_after_insert(f, b, end_tag["off"] + 4, 4)
    yield "end-node-underflow", RE_STRUCT, "one FDT_END_NODE more than FDT_BEGIN_NODE", b
    # The root never closed: its FDT_END_NODE replaced by FDT_NOP.
    root_end = [t for t in f.tokens if t["tag"] == FDT_END_NODE][-1]
    b = f.copy()
    put32(b, root_end["off"], FDT_NOP)
    yield ("node-unclosed", RE_STRUCT_RUNS_OFF,
           "root's FDT_END_NODE replaced by FDT_NOP: FDT_END inside a node", b)
    b = f.copy()
    put32(b, f.sbase, FDT_PROP)
    yield ("struct-starts-with-prop", RE_PROPLEN + "|" + RE_STRINGS,
           "first tag FDT_PROP instead of FDT_BEGIN_NODE", b)

    # No root node at all: dtc refuses it; a walker starting at the root reads past the block.
    yield ("struct-no-root", RE_STRUCT + ".*no root node",
           "a structure block of FDT_END alone", build_fdt(struct.pack(">I", FDT_END)))
    yield ("struct-prop-before-root", RE_STRUCT + ".*no root node|" + RE_STRINGS,
           "an empty property before the root node",
           build_fdt(struct.pack(">III", FDT_PROP, 0, 0) + nested_struct(1), b"x\0"))

    # --- nesting, built from scratch ------------------------------------------
    yield ("nesting-66", RE_DEPTH, "66 nested nodes (limit 64 levels below the root)",
           build_fdt(nested_struct(66)))
    yield "nesting-200", RE_DEPTH, "200 nested nodes", build_fdt(nested_struct(200))
    yield ("nesting-20000", RE_DEPTH, "20000 nested nodes (a recursive walk would overflow)",
           build_fdt(nested_struct(20000)))


def fix_after_insert(f, b, at, n):
    """Shift header offsets of blocks that start at or after byte @at by @n."""
    for field in ("off_dt_strings", "off_mem_rsvmap", "off_dt_struct"):
        if f.h[field] >= at:
            put32(b, HDR_OFF[field], f.h[field] + n)
    put32(b, HDR_OFF["totalsize"], f.h["totalsize"] + n)
    return b


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: make-malformed.py GOOD.dtb OUTDIR\n")
        return 2
    with open(argv[1], "rb") as fp:
        data = fp.read()
    try:
        f = Fdt(data)
    except (BadInput, ValueError, struct.error) as e:
        sys.stderr.write("make-malformed.py: %s: not a usable good DTB: %s\n" % (argv[1], e))
        return 2
    if len(f.tokens) < 3:
        sys.stderr.write("make-malformed.py: %s: tree too small (need a property)\n" % argv[1])
        return 2
    outdir = argv[2]
    os.makedirs(outdir, exist_ok=True)
    rows, skipped = [], []
    for name, regex, what, blob in cases(f):
        if blob is None:
            skipped.append(name)
            continue
        fname = name + ".dtb"
        with open(os.path.join(outdir, fname), "wb") as fp:
            fp.write(bytes(blob))
        rows.append("\t".join((name, fname, "empty", regex, what)))
    with open(os.path.join(outdir, "cases.tsv"), "w") as fp:
        fp.write("# name\tfile\tstdout\tstderr-regex (python re, case-insensitive)\twhat\n")
        fp.write("\n".join(rows) + "\n")
    for name in skipped:
        sys.stderr.write("make-malformed.py: skipped %s: input blob lacks what it patches\n" % name)
    print("%d cases written to %s" % (len(rows), outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
