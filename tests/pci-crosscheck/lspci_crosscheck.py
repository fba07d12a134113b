#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Cross-check `vdisc pci -F DUMP --json` against lspci(8) on the same dump.

usage: lspci_crosscheck.py VDISC DUMP [--lspci-vvv FILE] [--use-saved] [--lspci PATH]

Nothing vdisc prints decides what the right answer is.  The expectation is
lspci's own decode of DUMP:

  * `lspci -F DUMP -vvv -nn` (or, where lspci is not installed, the saved
    output of exactly that command given with --lspci-vvv) gives the slots
    in lspci's order, ids, class, prog-if, revision, subsystem, the BAR and
    expansion ROM lines and both capability lists;
  * `lspci -F DUMP -x` gives the header-type byte (0x0e): the layout and the
    multifunction bit.  Without lspci the same bytes are read from DUMP
    itself with lspci's dump-file grammar (the dump *is* `lspci -x` text).

Per function it compares: presence and order of slots, vendor_id,
device_id, class (24-bit, prog-if included), revision, header_type,
multifunction, subsystem ids, each BAR (type, prefetchable, address, size)
and the expansion ROM, the standard and extended capability chains
(offsets in chain order, ids, ext versions).  vdisc must stop a chain where
lspci stops it (<chain looped>, <chain broken>, <access denied>).

How lspci's text maps back to numbers, from pciutils' lspci.c, ls-caps.c
and ls-ecaps.c (3.9 and later):

  * lspci -F prints no [size=] (a dump cannot be sized), so vdisc's size
    must be null unless lspci shows one;
  * lspci (without the kernel's I/O flags, as with -F) prints the upper
    dword of a 64-bit BAR as a region of its own when it is non-zero
    ("Region 1: Memory at <unassigned> (64-bit|type 3, ...)"): such a line
    is the second half of the BAR before it and is not a BAR;
  * a BAR register of 0 or 0xffffffff is not shown (libpci treats both as
    unimplemented); a 64-bit BAR in the last slot has no upper half
    (libpci warns, lspci shows it "<unassigned>"): its address is not
    compared;
  * "<ignored>" (an expansion ROM register of 0xffffffff) means lspci has no
    address: vdisc may list that ROM or not;
  * capability names are printed, not ids: CAP_NAMES / ECAP_NAMES below map
    them back ("Virtual Channel" is id 2 or 9; a PCI-X capability of a
    CardBus bridge and an unreadable SSVID capability print no text);
  * extended capabilities are shown only after a PCI Express or PCI-X
    capability in the standard chain, so vdisc must not report them
    otherwise;
  * the top-level "Subsystem:" line appears only for a subsystem vendor
    other than 0 and 0xffff (type 1: from the SSVID capability only);
    without it vdisc's subsystem_vendor_id must be null, 0 or 0xffff.
  * lspci follows a next pointer into the header (below 0x40; below 0x100
    for the extended list) and decodes header bytes as a capability; vdisc
    may follow it too or stop the chain there as broken (a NOTE says so);
  * a memory BAR of the reserved type ("type 3") has no JSON type: only
    its other fields are compared;
  * "enabled" (not in the JSON contract of docs/ARCHITECTURE.md) is compared where vdisc
    emits it: a BAR's "[disabled]" is the command register's decode bit, an
    expansion ROM's is its own enable bit ("[disabled by cmd]": enabled).

Slots are compared in lspci's order, which is sorted (domain, bus, device,
function) whatever the order in the dump.

Prints one `MISMATCH slot: field: vdisc=... lspci=...` line per
disagreement, then exactly one `N passed, M failed` line (N = comparisons
that agreed).  Exit status: 0 all agreed, 1 some check failed, 2 usage or
tool error, 77 neither lspci nor a saved --lspci-vvv file (a ctest SKIP).
Python 3 standard library only.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

EXIT_SKIP = 77
EXIT_ERROR = 2
TIMEOUT = 120  # seconds per command
SHOW_CHARS = 200

# ---------------------------------------------------------------------------
# Capability names as lspci prints them -> ids.  Derived from the switch
# statements of pciutils' show_caps() (ls-caps.c) and show_ext_caps()
# (ls-ecaps.c) and the cap_*() functions they call: each entry is the text
# a capability's line starts with.  Longest prefix wins.
# ---------------------------------------------------------------------------
CAP_NAMES = [
    ("Null", 0x00),
    ("Power Management version", 0x01),
    ("AGP version", 0x02),
    ("Vital Product Data", 0x03),
    ("Slot ID:", 0x04),
    ("MSI:", 0x05),
    ("CompactPCI hot-swap", 0x06),
    ("PCI-X non-bridge device", 0x07),
    ("PCI-X bridge device", 0x07),
    ("HyperTransport:", 0x08),
    ("Vendor Specific Information:", 0x09),  # also "...: VirtIO: ..."
    ("Debug port:", 0x0A),
    ("CompactPCI central resource control", 0x0B),
    ("Hot-plug capable", 0x0C),
    ("Subsystem:", 0x0D),
    ("AGP3", 0x0E),
    ("Secure device", 0x0F),
    ("Express ", 0x10),
    ("MSI-X:", 0x11),
    ("SATA HBA", 0x12),
    ("PCI Advanced Features", 0x13),
    ("Enhanced Allocation (EA)", 0x14),
]
# Printed by lspci with the id itself.
CAP_UNKNOWN_RE = re.compile(r"^Capability ID (0x[0-9a-f]+|0)\b")
# An empty text: cap_pcix() prints nothing for a CardBus bridge (header
# type 2); cap_ssvid() prints nothing when it cannot read the capability.
CAP_EMPTY_IDS = {0x07, 0x0D}

ECAP_NAMES = [
    ("Null", {0x00}),
    ("Advanced Error Reporting", {0x01}),
    ("Virtual Channel", {0x02, 0x09}),  # VC and VC9 share cap_vc()
    ("Device Serial Number", {0x03}),
    ("Power Budgeting", {0x04}),
    ("Root Complex Link", {0x05}),
    ("Root Complex Internal Link", {0x06}),
    ("Root Complex Event Collector Endpoint Association", {0x07}),
    ("Multi-Function Virtual Channel", {0x08}),
    ("Root Complex Register Block", {0x0A}),
    ("Vendor Specific Information:", {0x0B}),
    ("Access Control Services", {0x0D}),
    ("Alternative Routing-ID Interpretation", {0x0E}),
    ("Address Translation Service", {0x0F}),
    ("Single Root I/O Virtualization", {0x10}),
    ("Multi-Root I/O Virtualization", {0x11}),
    ("Multicast", {0x12}),
    ("Page Request Interface", {0x13}),
    ("Physical Resizable BAR", {0x15}),
    ("Dynamic Power Allocation", {0x16}),
    ("Transaction Processing Hints", {0x17}),
    ("Latency Tolerance Reporting", {0x18}),
    ("Secondary PCI Express", {0x19}),
    ("Protocol Multiplexing", {0x1A}),
    ("Process Address Space ID", {0x1B}),
    ("LN Requester", {0x1C}),
    ("Downstream Port Containment", {0x1D}),
    ("L1 PM Substates", {0x1E}),
    ("Precision Time Measurement", {0x1F}),
    ("PCI Express over M_PHY", {0x20}),
    ("FRS Queueing", {0x21}),
    ("Readiness Time Reporting", {0x22}),
    ("Designated Vendor-Specific:", {0x23}),
    ("Virtual Resizable BAR", {0x24}),
    ("Data Link Feature", {0x25}),
    ("Physical Layer 16.0 GT/s", {0x26}),
    ("Lane Margining at the Receiver", {0x27}),
    ("Hierarchy ID", {0x28}),
    ("Native PCIe Enclosure Management", {0x29}),
    ("Physical Layer 32.0 GT/s", {0x2A}),  # pciutils >= 3.10
    ("Data Object Exchange", {0x2E}),
    ("Device 3", {0x2F}),
    ("Integrity & Data Encryption", {0x30}),
    ("Physical Layer 64.0 GT/s", {0x31}),
    ("Flit Logging", {0x32}),
    ("Flit Error Injection", {0x34}),
    ("MMIO Register Block Locator", {0x36}),
]
ECAP_UNKNOWN_RE = re.compile(r"^Extended Capability ID (0x[0-9a-f]+|0)\b")

CAP_ID_PCIX = 0x07
CAP_ID_EXP = 0x10

BAR_TYPES = {"32-bit": "mem32", "64-bit": "mem64", "low-1M": "mem1m", "type 3": None}
SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
BAR_COUNT = {0: 6, 1: 2, 2: 1}  # BAR registers per header layout
ROM_INDEX = 6


def cap_ids(text, extended, header_type):
    """The set of ids lspci's capability TEXT can stand for, or None."""
    m = (ECAP_UNKNOWN_RE if extended else CAP_UNKNOWN_RE).match(text)
    if m:
        return {int(m.group(1), 16)}
    if not text.strip():
        if extended:
            return None
        return CAP_EMPTY_IDS if header_type in (2, None) else {0x0D}
    best = None
    for prefix, ids in ECAP_NAMES if extended else CAP_NAMES:
        if text.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, ids)
    if best is None:
        return None
    ids = best[1]
    return set(ids) if isinstance(ids, set) else {ids}


# ---------------------------------------------------------------------------
# Dump / `lspci -x` text: lspci's own grammar (pciutils lib/dump.c).
# ---------------------------------------------------------------------------
DUMP_SLOT_RE = re.compile(
    r"^(?:([0-9a-fA-F]{4,5}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-9a-fA-F]) ")
DUMP_DATA_RE = re.compile(r"^([0-9a-fA-F]{2,8}): ")
HEX = "0123456789abcdefABCDEF"


class DumpError(Exception):
    pass


def parse_dump(text):
    """{slot: (bytearray(4096) with 0xff beyond the data, length)}, in file order."""
    devs = {}
    cur = None
    for line in text.split("\n"):
        if line.endswith("\r"):
            line = line[:-1]
        m = DUMP_SLOT_RE.match(line)
        if m:
            dom = int(m.group(1), 16) if m.group(1) else 0
            slot = "%04x:%02x:%02x.%d" % (dom, int(m.group(2), 16), int(m.group(3), 16),
                                          int(m.group(4), 16))
            cur = [bytearray(b"\xff" * 4096), 0]
            devs.setdefault(slot, cur)  # lspci lists a repeated slot twice; first wins here
            continue
        if not line:
            cur = None
            continue
        m = DUMP_DATA_RE.match(line)
        if cur is None or not m:
            continue
        pos = int(m.group(1), 16)
        z = line.index(" ") + 1
        while (z + 1 < len(line) and line[z] in HEX and line[z + 1] in HEX
               and (z + 2 == len(line) or line[z + 2] == " ")):
            if pos >= 4096:
                raise DumpError("at most 4096 bytes of config space are supported")
            cur[0][pos] = int(line[z:z + 2], 16)
            pos += 1
            cur[1] = max(cur[1], pos)
            z += 2
            if z < len(line):
                z += 1
        if z < len(line):
            raise DumpError("malformed line: %r" % line[:80])
    return devs


# ---------------------------------------------------------------------------
# `lspci -vvv -nn` text.
# ---------------------------------------------------------------------------
SLOT_RE = re.compile(r"^(?:([0-9a-f]{4,}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$")
# "Ethernet controller [0200]: " (-nn), "Class [ff00]: " (no pci.ids), "0200: " (-n)
CLASS_RE = re.compile(r"^(?:.*? \[([0-9a-f]{4})\]|([0-9a-f]{4})): (.*)$")
TAIL_RE = re.compile(r"^(.*?)(?: \(rev ([0-9a-f]{2})\))?"
                     r"(?: \(prog-if ([0-9a-f]{2})(?: \[.*\])?\))?$")
IDS_END_RE = re.compile(r"(?:\[([0-9a-f]{4}):([0-9a-f]{4})\]|(?:^|\s)([0-9a-f]{4}):([0-9a-f]{4}))$")
REGION_RE = re.compile(
    r"^Region (\d+): (?:(?P<io>I/O ports at )|Memory at )(?P<addr><[a-z0-9-]+>|[0-9a-f]+)"
    r"(?: \((?P<type>32-bit|64-bit|low-1M|type 3), (?P<nonpf>non-)?prefetchable\))?"
    r"(?P<flags>(?: \[[^\]]*\])*)$")
ROM_RE = re.compile(r"^Expansion ROM at (?P<addr><[a-z0-9-]+>|[0-9a-f]+)"
                    r"(?P<flags>(?: \[[^\]]*\])*)$")
CAPLINE_RE = re.compile(
    r"^Capabilities: (?:\[(?P<off>[0-9a-f]+)(?: v(?P<ver>\d+))?\] ?(?P<text>.*)|<access denied>)$")
SIZE_RE = re.compile(r"\[size=(\d+)([KMGT]?)\]")
UNKNOWN_HT_RE = re.compile(r"^!!! Unknown header type ([0-9a-f]+)")


class LspciError(Exception):
    pass


def norm_slot(text):
    m = SLOT_RE.match(text)
    if not m:
        return None
    dom = int(m.group(1), 16) if m.group(1) else 0
    return "%04x:%02x:%02x.%d" % (dom, int(m.group(2), 16), int(m.group(3), 16), int(m.group(4)))


def parse_first_line(line):
    slot_text, _, rest = line.partition(" ")
    slot = norm_slot(slot_text)
    m = CLASS_RE.match(rest)
    if slot is None or not m:
        raise LspciError("unparsed device line: %r" % line[:SHOW_CHARS])
    cls = int(m.group(1) or m.group(2), 16)
    t = TAIL_RE.match(m.group(3))
    ids = IDS_END_RE.search(t.group(1))
    if not ids:
        raise LspciError("no [vendor:device] in: %r" % line[:SHOW_CHARS])
    ven = ids.group(1) or ids.group(3)
    dev = ids.group(2) or ids.group(4)
    return {
        "slot": slot,
        "vendor_id": int(ven, 16),
        "device_id": int(dev, 16),
        "class16": cls,
        "revision": int(t.group(2), 16) if t.group(2) else 0,
        "prog_if": int(t.group(3), 16) if t.group(3) else 0,
        "subsystem": None,
        "regions": [],  # (index, dict) as printed
        "rom": None,
        "caps": [],  # (offset, text)
        "caps_stop": None,  # "<chain looped>" etc.
        "ecaps": [],  # (offset, version, text)
        "ecaps_stop": None,
        "bus_line": False,
        "cardbus_windows": False,
        "unknown_htype": None,
    }


def parse_size(flags):
    m = SIZE_RE.search(flags)
    if not m:
        return None
    return int(m.group(1)) * SIZE_UNITS[m.group(2)]


def flag_enabled(flags, rom):
    """What lspci's markers say of decoding, or None where they cannot say.

    A BAR is "[disabled]" when the command register's I/O or memory decode
    bit is off; an expansion ROM is "[disabled]" when its own enable bit is
    clear and "[disabled by cmd]" when only memory decode is off (its enable
    bit is set).  "[virtual]" lines (live systems only) carry no such bit."""
    if "[virtual]" in flags:
        return None
    if rom:
        return "[disabled]" not in flags
    return "[disabled]" not in flags


def parse_lspci_vvv(text):
    """The devices of `lspci -vvv -nn` output, in lspci's order."""
    devices = []
    cur = None
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if not line.strip():
            cur = None
            continue
        if not line[0].isspace():
            cur = parse_first_line(line)
            devices.append(cur)
            continue
        if cur is None:
            raise LspciError("text outside a device: %r" % line[:SHOW_CHARS])
        # Only the function's own lines (one tab); deeper ones belong to a
        # capability (SR-IOV VF "Region N:", EA entries, VPD, ...).
        if not line.startswith("\t") or line.startswith("\t\t"):
            continue
        # A capability printing no text leaves no newline: split glued lines.
        for part in re.split(r"(?=\tCapabilities: )", line):
            if part:
                parse_attr(cur, part[1:] if part.startswith("\t") else part)
    return devices


def parse_attr(dev, s):
    m = CAPLINE_RE.match(s)
    if m:
        if m.group("off") is None:  # <access denied>: the standard walk stops
            dev["caps_stop"] = "<access denied>"
            return
        off = int(m.group("off"), 16)
        text = m.group("text")
        extended = m.group("ver") is not None or len(m.group("off")) >= 3
        if extended:
            if text.startswith("<chain"):
                dev["ecaps_stop"] = text
            else:
                dev["ecaps"].append((off, int(m.group("ver")) if m.group("ver") else None, text))
        else:
            if text.startswith("<chain"):
                dev["caps_stop"] = text
            else:
                dev["caps"].append((off, text))
        return
    if s.startswith("Capabilities:"):
        raise LspciError("%s: unparsed capability line: %r" % (dev["slot"], s[:SHOW_CHARS]))
    m = REGION_RE.match(s)
    if m:
        addr = m.group("addr")
        dev["regions"].append((int(m.group(1)), {
            "io": bool(m.group("io")),
            "type": None if m.group("io") else BAR_TYPES[m.group("type") or "type 3"],
            "type_text": "io" if m.group("io") else m.group("type"),
            "prefetchable": False if m.group("io") else not m.group("nonpf"),
            "address": None if addr.startswith("<") else int(addr, 16),
            "address_text": addr,
            "size": parse_size(m.group("flags")),
            "enabled": flag_enabled(m.group("flags"), rom=False),
        }))
        return
    if s.startswith("Region "):
        raise LspciError("%s: unparsed region line: %r" % (dev["slot"], s[:SHOW_CHARS]))
    m = ROM_RE.match(s)
    if m:
        addr = m.group("addr")
        dev["rom"] = {
            "address": None if addr.startswith("<") else int(addr, 16),
            "address_text": addr,
            "size": parse_size(m.group("flags")),
            "enabled": flag_enabled(m.group("flags"), rom=True),
        }
        return
    if s.startswith("Expansion ROM"):
        raise LspciError("%s: unparsed ROM line: %r" % (dev["slot"], s[:SHOW_CHARS]))
    # "Subsystem:" (possibly glued after a "DeviceName:" label, which lspci
    # prints without a newline).
    m = re.search(r"(?:^|\t)Subsystem: (.*)$", s)
    if m and not s.startswith("Capabilities"):
        ids = IDS_END_RE.search(m.group(1))
        if not ids:
            raise LspciError("%s: no ids in Subsystem line: %r" % (dev["slot"], s[:SHOW_CHARS]))
        dev["subsystem"] = (int(ids.group(1) or ids.group(3), 16),
                            int(ids.group(2) or ids.group(4), 16))
        return
    if s.startswith("Bus: primary="):
        dev["bus_line"] = True
    elif re.match(r"^(Memory|I/O) window \d+:", s):
        dev["cardbus_windows"] = True
    else:
        m = UNKNOWN_HT_RE.match(s)
        if m:
            dev["unknown_htype"] = int(m.group(1), 16)


# ---------------------------------------------------------------------------
# Expectations.
# ---------------------------------------------------------------------------
def htype_hint(dev):
    """Header layout as the -vvv text shows it (a consistency check only)."""
    if dev["unknown_htype"] is not None:
        return dev["unknown_htype"]
    if dev["cardbus_windows"]:
        return 2
    if dev["bus_line"]:
        return 1
    return 0


def expected_bars(dev, header_type):
    """{index: expectation} from lspci's Region / Expansion ROM lines."""
    bars = {}
    consumed = set()
    last = BAR_COUNT.get(header_type, 6) - 1
    for index, r in dev["regions"]:
        if index in consumed:
            continue  # upper dword of the 64-bit BAR before it
        e = {"type": "io" if r["io"] else r["type"], "type_text": r["type_text"],
             "prefetchable": r["prefetchable"], "address": r["address"], "size": r["size"],
             "enabled": r["enabled"], "optional": False, "show": r["address_text"]}
        if r["address_text"] == "<unassigned>":
            e["address"] = 0
        if r["type"] == "mem64":
            if index >= last:
                e["address"] = None  # no upper half: libpci drops the address
            else:
                consumed.add(index + 1)
        bars[index] = e
    rom = dev["rom"]
    if rom is not None:
        e = {"type": "rom", "type_text": "rom", "prefetchable": False, "address": rom["address"],
             "size": rom["size"], "enabled": rom["enabled"], "optional": False,
             "show": rom["address_text"]}
        if rom["address_text"] == "<unassigned>":
            e["address"] = 0
        elif rom["address_text"].startswith("<"):
            e["optional"] = True  # <ignored>: lspci has no address
        bars[ROM_INDEX] = e
    return bars


# ---------------------------------------------------------------------------
# Running things.
# ---------------------------------------------------------------------------
def run(argv, what):
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT)
    except OSError as e:
        raise LspciError("%s: cannot run %s: %s" % (what, argv[0], e))
    except subprocess.TimeoutExpired:
        raise LspciError("%s: %s timed out after %d s" % (what, " ".join(argv), TIMEOUT))
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def lspci_output(lspci, dump, opts):
    """lspci on the dump, or on the live machine when dump is None."""
    source = ["-F", dump] if dump else []
    rc, out, err = run([lspci] + source + opts, "lspci")
    if rc != 0:
        raise LspciError("lspci %s %s: exit %d: %s"
                         % (" ".join(source), " ".join(opts), rc, err.strip()[:SHOW_CHARS]))
    return out


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def fail(self, slot, field, vdisc, lspci):
        self.failed += 1
        print("MISMATCH %s: %s: vdisc=%s lspci=%s" % (slot, field, show(vdisc), show(lspci)))

    def eq(self, slot, field, vdisc, lspci):
        if vdisc is lspci or (type(vdisc) is type(lspci) and vdisc == lspci):
            self.passed += 1
            return True
        self.fail(slot, field, vdisc, lspci)
        return False

    def ok(self, cond, slot, field, vdisc, lspci):
        if cond:
            self.passed += 1
        else:
            self.fail(slot, field, vdisc, lspci)
        return cond


class Missing:
    def __repr__(self):
        return "<missing>"


MISSING = Missing()


class Text(str):
    """A value shown as is (not JSON-quoted)."""


def show(v):
    if isinstance(v, Text):
        s = str(v)
    elif v is MISSING:
        s = "<missing>"
    elif v is None:
        s = "null"
    elif isinstance(v, bool):
        s = "true" if v else "false"
    elif isinstance(v, int):
        s = "0x%x" % v
    elif isinstance(v, (list, tuple)):
        s = "[" + ",".join(show(x) for x in v) + "]"
    elif isinstance(v, (set, frozenset)):
        s = "{" + "|".join(show(x) for x in sorted(v)) + "}"
    else:
        s = json.dumps(v)
    return s if len(s) <= SHOW_CHARS else s[:SHOW_CHARS] + "..."


def is_int(v):
    return type(v) is int


def get(obj, key):
    return obj.get(key, MISSING) if isinstance(obj, dict) else MISSING


def compare_device(ck, slot, exp, v, raw):
    """exp: parsed lspci -vvv device; v: vdisc's device; raw: (bytes, len) from -x or None."""
    if raw is not None and raw[1] >= 0x10:
        ht_byte = raw[0][0x0E]
        header_type, multifunction = ht_byte & 0x7F, bool(ht_byte & 0x80)
        hint = htype_hint(exp)
        if hint != header_type and not (hint == 1 and header_type == 2):
            print("WARNING %s: lspci -x header type %d but the -vvv text looks like %d"
                  % (slot, header_type, hint), file=sys.stderr)
    else:
        header_type, multifunction = htype_hint(exp), None

    ck.eq(slot, "vendor_id", get(v, "vendor_id"), exp["vendor_id"])
    ck.eq(slot, "device_id", get(v, "device_id"), exp["device_id"])
    ck.eq(slot, "class", get(v, "class"), (exp["class16"] << 8) | exp["prog_if"])
    ck.eq(slot, "revision", get(v, "revision"), exp["revision"])
    ck.eq(slot, "header_type", get(v, "header_type"), header_type)
    if multifunction is not None:
        ck.eq(slot, "multifunction", get(v, "multifunction"), multifunction)

    svid, sid = get(v, "subsystem_vendor_id"), get(v, "subsystem_id")
    if exp["subsystem"] is not None:
        ck.eq(slot, "subsystem_vendor_id", svid, exp["subsystem"][0])
        ck.eq(slot, "subsystem_id", sid, exp["subsystem"][1])
    else:
        ck.ok(svid is None or (is_int(svid) and svid in (0, 0xFFFF)), slot,
              "subsystem_vendor_id", svid, Text("<none shown: null, 0 or 0xffff>"))
        ck.ok(sid is None or is_int(sid), slot, "subsystem_id", sid, Text("<null or int>"))

    compare_bars(ck, slot, expected_bars(exp, header_type), get(v, "bars"))
    compare_caps(ck, slot, exp, v, header_type)


def bar_desc(b):
    return Text("%s@%s" % (b.get("type"), show(b.get("address"))))


def compare_bars(ck, slot, want, got):
    if not isinstance(got, list):
        ck.fail(slot, "bars", got, Text("<list>"))
        return
    have = {}
    for b in got:
        idx = get(b, "index")
        if not is_int(idx) or idx in have:
            ck.fail(slot, "bars.index", idx, Text("<unique 0..6>"))
            continue
        have[idx] = b
    for idx in sorted(set(want) | set(have)):
        f = "bars[%d]" % idx
        w, h = want.get(idx), have.get(idx)
        if h is None:
            if w["optional"]:
                ck.passed += 1
            else:
                ck.fail(slot, f, Text("<absent>"), Text("%s at %s" % (w["type_text"], w["show"])))
            continue
        if w is None:
            ck.fail(slot, f, bar_desc(h), Text("<absent>"))
            continue
        if w["type"] is not None:
            ck.eq(slot, f + ".type", get(h, "type"), w["type"])
        ck.eq(slot, f + ".prefetchable", get(h, "prefetchable"), w["prefetchable"])
        if w["address"] is not None and not w["optional"]:
            ck.eq(slot, f + ".address", get(h, "address"), w["address"])
        # A dump cannot be sized: lspci -F shows no [size=], vdisc says null.
        ck.eq(slot, f + ".size", get(h, "size"), w["size"])
        # "enabled" is not in the JSON contract: checked where vdisc has it.
        if "enabled" in h and w["enabled"] is not None:
            ck.eq(slot, f + ".enabled", h["enabled"], w["enabled"])


def tolerate_header_pointer(slot, what, got, want, start):
    """The offsets vdisc is held to.

    lspci follows a next pointer into the header (below 0x40, or below 0x100
    for the extended list) and decodes header bytes as a capability; vdisc
    may instead stop the chain there as broken.  Either is accepted: when
    vdisc's list is exactly lspci's up to that pointer, that is the
    expectation."""
    cut = next((i for i, o in enumerate(want) if o < start), None)
    if cut is not None and got == want[:cut]:
        print("NOTE %s: %s: vdisc stops at the pointer into the header [%x] that lspci follows"
              % (slot, what, want[cut]), file=sys.stderr)
        return want[:cut]
    return want


def compare_caps(ck, slot, exp, v, header_type):
    # Standard list.
    got = get(v, "capabilities")
    want = exp["caps"]
    if got is None and not want:
        ck.passed += 1
    elif not isinstance(got, list):
        ck.fail(slot, "capabilities", got, Text("<list>"))
    else:
        offs = [get(c, "offset") for c in got]
        want_offs = tolerate_header_pointer(slot, "capabilities", offs,
                                            [o for o, _ in want], 0x40)
        if not ck.eq(slot, "capabilities.offsets", offs, want_offs) and exp["caps_stop"]:
            print("  (lspci stopped the chain with %s)" % exp["caps_stop"])
        byoff = {get(c, "offset"): c for c in got}
        for off, text in want:
            c = byoff.get(off)
            if c is None:
                continue
            ids = cap_ids(text, False, header_type)
            if ids is None:
                print("WARNING %s: capability [%02x] text not recognised: %r (id not compared)"
                      % (slot, off, text[:80]), file=sys.stderr)
                continue
            cid = get(c, "id")
            ck.ok(is_int(cid) and cid in ids, slot, "capabilities[0x%02x].id" % off, cid,
                  ids if len(ids) > 1 else next(iter(ids)))
    # Extended list.
    got = get(v, "ext_capabilities")
    want = exp["ecaps"]
    if got is None and not want:
        ck.passed += 1
        return
    if not isinstance(got, list):
        ck.fail(slot, "ext_capabilities", got, Text("<list>"))
        return
    offs = [get(c, "offset") for c in got]
    want_offs = tolerate_header_pointer(slot, "ext_capabilities", offs,
                                        [o for o, _, _ in want], 0x100)
    if not ck.eq(slot, "ext_capabilities.offsets", offs, want_offs) and exp["ecaps_stop"]:
        print("  (lspci stopped the chain with %s)" % exp["ecaps_stop"])
    byoff = {get(c, "offset"): c for c in got}
    for off, ver, text in want:
        c = byoff.get(off)
        if c is None:
            continue
        ids = cap_ids(text, True, header_type)
        f = "ext_capabilities[0x%03x]" % off
        if ids is None:
            print("WARNING %s: ext capability [%03x] text not recognised: %r (id not compared)"
                  % (slot, off, text[:80]), file=sys.stderr)
        else:
            cid = get(c, "id")
            ck.ok(is_int(cid) and cid in ids, slot, f + ".id", cid,
                  ids if len(ids) > 1 else next(iter(ids)))
        if ver is not None:
            ck.eq(slot, f + ".version", get(c, "version"), ver)


def compare(ck, lspci_devs, raw, doc, source="dump"):
    if not isinstance(doc, dict):
        ck.fail("*", "json", Text(type(doc).__name__), Text("<object>"))
        return
    ck.eq("*", "source", get(doc, "source"), source)
    vdevs = get(doc, "devices")
    if not isinstance(vdevs, list):
        ck.fail("*", "devices", vdevs, Text("<list>"))
        return
    vmap, vorder = {}, []
    for d in vdevs:
        s = get(d, "slot")
        if not isinstance(s, str) or s in vmap:
            ck.fail(str(s), "slot", s, Text("<unique dddd:bb:dd.f>"))
            continue
        vmap[s] = d
        vorder.append(s)
    lorder = []
    for e in lspci_devs:
        if e["slot"] in lorder:
            continue  # a slot repeated in the dump: lspci lists it twice
        lorder.append(e["slot"])
        d = vmap.get(e["slot"])
        if ck.ok(d is not None, e["slot"], "present", Text("<absent>"), Text("<present>")):
            compare_device(ck, e["slot"], e, d, raw.get(e["slot"]))
    for s in vorder:
        if s not in lorder:
            ck.fail(s, "present", Text("<present>"), Text("<absent>"))
    common_v = [s for s in vorder if s in lorder]
    common_l = [s for s in lorder if s in vmap]
    if common_v == common_l:
        ck.passed += 1
    else:
        i = next(i for i, (a, b) in enumerate(zip(common_v, common_l)) if a != b)
        ck.fail("*", "order", Text("#%d %s" % (i, common_v[i])), Text("#%d %s" % (i, common_l[i])))


def main_live(args):
    lspci = shutil.which(args.lspci)
    if not lspci:
        print("SKIP: lspci is not installed (Debian package 'pciutils'): no live cross-check",
              file=sys.stderr)
        return EXIT_SKIP
    if not os.path.isdir("/sys/bus/pci/devices") or not os.listdir("/sys/bus/pci/devices"):
        print("SKIP: no PCI functions visible through sysfs on this machine", file=sys.stderr)
        return EXIT_SKIP
    try:
        lspci_devs = parse_lspci_vvv(lspci_output(lspci, None, ["-vvv", "-nn"]))
        raw = parse_dump(lspci_output(lspci, None, ["-x"]))
        rc, out, err = run([args.vdisc, "pci", "--json"], "vdisc")
    except (LspciError, DumpError, OSError) as e:
        print("lspci_crosscheck: %s" % e, file=sys.stderr)
        return EXIT_ERROR
    ck = Checker()
    if rc != 0:
        ck.fail("*", "exit status", Text(str(rc)), Text("0"))
    else:
        compare(ck, lspci_devs, raw, json.loads(out), source="sysfs")
    print("%d passed, %d failed" % (ck.passed, ck.failed))
    return 1 if ck.failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("vdisc")
    ap.add_argument("dump", nargs="?", help="an lspci -x dump (omit with --live)")
    ap.add_argument("--live", action="store_true",
                    help="compare on this machine: vdisc pci (sysfs) against lspci (no -F)")
    ap.add_argument("--lspci-vvv", metavar="FILE",
                    help="saved `lspci -F DUMP -vvv -nn` output, used when lspci is absent")
    ap.add_argument("--use-saved", action="store_true",
                    help="use the --lspci-vvv file even where lspci is installed")
    ap.add_argument("--lspci", default=os.environ.get("LSPCI", "lspci"),
                    help="the lspci to run (default: $LSPCI or lspci on PATH)")
    args = ap.parse_args()

    if args.live:
        return main_live(args)
    if not args.dump or not os.path.isfile(args.dump):
        print("lspci_crosscheck: %s: no such dump" % args.dump, file=sys.stderr)
        return EXIT_ERROR
    lspci = shutil.which(args.lspci)
    if args.use_saved and not args.lspci_vvv:
        print("lspci_crosscheck: --use-saved needs --lspci-vvv FILE", file=sys.stderr)
        return EXIT_ERROR
    try:
        if lspci and not args.use_saved:
            vvv_text = lspci_output(lspci, args.dump, ["-vvv", "-nn"])
            raw = parse_dump(lspci_output(lspci, args.dump, ["-x"]))
        elif args.lspci_vvv:
            with open(args.lspci_vvv, encoding="utf-8", errors="replace") as f:
                vvv_text = f.read()
            # `lspci -x` prints the bytes the dump holds, in the dump's own
            # format: read them straight from the dump.
            with open(args.dump, encoding="utf-8", errors="replace") as f:
                raw = parse_dump(f.read())
        else:
            print("SKIP: lspci is not installed (Debian package 'pciutils') and no --lspci-vvv "
                  "file was given", file=sys.stderr)
            return EXIT_SKIP
        lspci_devs = parse_lspci_vvv(vvv_text)
    except (LspciError, DumpError, OSError) as e:
        print("lspci_crosscheck: %s" % e, file=sys.stderr)
        return EXIT_ERROR

    ck = Checker()
    try:
        rc, out, err = run([args.vdisc, "pci", "-F", args.dump, "--json"], "vdisc")
    except LspciError as e:
        print("lspci_crosscheck: %s" % e, file=sys.stderr)
        return EXIT_ERROR
    if rc != 0:
        ck.fail("*", "exit status", Text(str(rc)), Text("0"))
        if err.strip():
            print("  vdisc stderr: %s" % err.strip().splitlines()[0][:SHOW_CHARS])
    else:
        try:
            doc = json.loads(out)
        except ValueError as e:
            ck.fail("*", "json", Text("unparsable (%s)" % e), Text("<JSON>"))
        else:
            compare(ck, lspci_devs, raw, doc)
    print("%d passed, %d failed" % (ck.passed, ck.failed))
    return 1 if ck.failed else 0


if __name__ == "__main__":
    sys.exit(main())
