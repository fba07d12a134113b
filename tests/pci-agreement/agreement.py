#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How much of lspci's text does `vdisc pci` reproduce, byte for byte?

usage: agreement.py VDISC [--root DIR] [--corpus DIR|--no-corpus] [--lspci PATH]
                    [--mode M]... [--set fixtures|corpus] [--json] [--diff CAP]
                    [--check BASELINE] [--write-baseline BASELINE]
                    [--differences FILE] [--cache DIR] [--jobs N]

For every PCI dump (ROOT/tests/fixtures/pci/*.lspci-x.txt, and the real-hardware
corpus ROOT/../shared/corpus/pci-real/*.lspci-x.txt where it exists) and every
mode (-v, -vv, -vvv, -t, -k, -b -vv, -m, -mm, -vmm) it runs
`lspci -F DUMP MODE` and `VDISC pci -F DUMP MODE` and counts the lines of
lspci's output that vdisc prints identically.  lspci (pciutils 3.9) is the
reference; nothing vdisc prints decides what is right.

The Markdown report: a summary per set and mode, a table per set with the
capability decoding modes side by side, then per set and mode a table per
capability (lspci lines, reproduced, %, documented, extras), then the
documented differences with the lines each covered.

Matching (see docs/pci-agreement.md):
  * outputs are cut into functions: a line that starts without white space
    opens a function (its slot, normalised to domain:bus:dev.fn, is the key);
    in -m/-mm each line is a function, in -vmm each blank-line separated
    record (keyed by its Slot: line); -t is one unit, "tree";
  * inside a function the lines are cut into blocks: a "\tCapabilities: [xx]"
    line and the lines indented deeper below it form the block of the
    capability at offset xx ([xxx ...] for the extended list); lines
    starting "\tKernel " are "kernel"; every other line (the slot line
    included) is "header".  Blank lines separate and are not counted;
  * the two outputs' blocks with the same (function, block) key are compared
    IN ORDER, by longest common subsequence: a line counts as reproduced
    only where it also stands in the same order among the block's lines.
    Unmatched vdisc lines are "extras";
  * a capability block is reported under its id, read from the dump's bytes
    at that offset (byte 0 of a standard capability, bits 15:0 of an extended
    one): "cap 10 PCI Express", "ecap 0001 Advanced Error Reporting".
    Where the dump has no byte there, the name lspci printed is used.

Lines that differ for a reason stated in the differences file
(tests/pci-agreement/differences.txt) are counted as "documented": not
reproduced, not failing, listed separately.  share = reproduced /
(lspci lines - documented).

--check BASELINE fails (exit 1) when, for any (set, mode, capability) row,
the share falls below the baseline's or the extras rise above it (a row the
baseline lacks counts as share 0, extras 0), or when vdisc dies on a signal
or times out.  It is skipped (77) when the baseline was measured with another
lspci version.  --write-baseline writes the
numbers reached.  Exit: 0 fine, 1 check failed, 2 usage/tool error, 77 lspci
missing (a ctest SKIP).  Python 3 standard library only.
"""

import argparse
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys

EXIT_SKIP = 77
EXIT_ERROR = 2
TIMEOUT = 120

# (label, arguments, how the output is cut into functions)
MODES = [
    ("-v", ["-v"], "func"),
    ("-vv", ["-vv"], "func"),
    ("-vvv", ["-vvv"], "func"),
    ("-t", ["-t"], "tree"),
    ("-k", ["-k"], "func"),
    ("-b -vv", ["-b", "-vv"], "func"),
    ("-m", ["-m"], "mline"),
    ("-mm", ["-mm"], "mline"),
    ("-vmm", ["-vmm"], "mrec"),
]
MODE_BY_LABEL = {m[0]: m for m in MODES}

# Capability names by id, from the PCI Local Bus 3.0 and PCI Express 6.0
# capability id assignments (only used to label the report's rows).
STD_NAMES = {
    0x00: "Null", 0x01: "Power Management", 0x02: "AGP", 0x03: "VPD",
    0x04: "Slot Identification", 0x05: "MSI", 0x06: "CompactPCI Hot Swap",
    0x07: "PCI-X", 0x08: "HyperTransport", 0x09: "Vendor Specific",
    0x0A: "Debug port", 0x0B: "CompactPCI Central Resource Control",
    0x0C: "PCI Hot-Plug", 0x0D: "Bridge Subsystem ID", 0x0E: "AGP 8x",
    0x0F: "Secure Device", 0x10: "PCI Express", 0x11: "MSI-X",
    0x12: "SATA Data/Index", 0x13: "Advanced Features", 0x14: "Enhanced Allocation",
    0x15: "Flattening Portal Bridge", 0xFF: "(id ff: chain broken)",
}
EXT_NAMES = {
    0x0000: "Null", 0x0001: "Advanced Error Reporting", 0x0002: "Virtual Channel",
    0x0003: "Device Serial Number", 0x0004: "Power Budgeting",
    0x0005: "Root Complex Link Declaration", 0x0006: "Root Complex Internal Link Control",
    0x0007: "Root Complex Event Collector Endpoint Association",
    0x0008: "Multi-Function Virtual Channel", 0x0009: "Virtual Channel (MFVC present)",
    0x000A: "RCRB Header", 0x000B: "Vendor-Specific Extended",
    0x000C: "Configuration Access Correlation", 0x000D: "Access Control Services",
    0x000E: "Alternative Routing-ID", 0x000F: "Address Translation Services",
    0x0010: "SR-IOV", 0x0011: "MR-IOV", 0x0012: "Multicast", 0x0013: "Page Request",
    0x0014: "Reserved for AMD", 0x0015: "Resizable BAR",
    0x0016: "Dynamic Power Allocation", 0x0017: "TPH Requester",
    0x0018: "Latency Tolerance Reporting", 0x0019: "Secondary PCI Express",
    0x001A: "Protocol Multiplexing", 0x001B: "PASID", 0x001C: "LN Requester",
    0x001D: "Downstream Port Containment", 0x001E: "L1 PM Substates",
    0x001F: "Precision Time Measurement", 0x0020: "M-PCIe",
    0x0021: "FRS Queueing", 0x0022: "Readiness Time Reporting",
    0x0023: "Designated Vendor-Specific", 0x0024: "VF Resizable BAR",
    0x0025: "Data Link Feature", 0x0026: "Physical Layer 16.0 GT/s",
    0x0027: "Lane Margining at the Receiver", 0x0028: "Hierarchy ID",
    0x0029: "Native PCIe Enclosure Management", 0x002A: "Physical Layer 32.0 GT/s",
    0x002B: "Alternate Protocol", 0x002C: "System Firmware Intermediary",
    0x002D: "Shadow Functions", 0x002E: "Data Object Exchange",
    0x002F: "Device 3", 0x0030: "Integrity and Data Encryption",
    0x0031: "Physical Layer 64.0 GT/s",
}

SLOT_RE = re.compile(r"^(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])(?=\s|$)")
HEX_RE = re.compile(r"^([0-9a-fA-F]{1,3}):((?: [0-9a-fA-F]{2})+)\s*$")
CAP_RE = re.compile(r"^\tCapabilities: \[([0-9a-fA-F]+)")


def mode_arg(text):
    """A --mode value: "-vvv", "vvv", "b -vv" or "-b -vv"."""
    text = " ".join(text.split())
    if not text.startswith("-"):
        text = "-" + text
    if text not in MODE_BY_LABEL:
        raise argparse.ArgumentTypeError("unknown mode %r (one of: %s)" % (
            text, ", ".join(m[0] for m in MODES)))
    return text


def slot_key(text):
    """domain:bus:dev.fn of a slot at the start of text, or None."""
    m = SLOT_RE.match(text)
    if not m:
        return None
    dom = int(m.group(1), 16) if m.group(1) else 0
    return "%04x:%02x:%02x.%x" % (dom, int(m.group(2), 16), int(m.group(3), 16), int(m.group(4)))


def read_dump(path):
    """The config bytes of each function of an lspci -x dump: {slot: {offset: byte}}."""
    funcs = {}
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            h = HEX_RE.match(line)
            if h and cur is not None:
                base = int(h.group(1), 16)
                for i, b in enumerate(h.group(2).split()):
                    cur[base + i] = int(b, 16)
                continue
            key = slot_key(line)
            if key is not None:
                cur = funcs.setdefault(key, {})
    return funcs


def is_virtio(cfg):
    """A virtio PCI function (vendor 1af4, device 1000-107f: virtio 1.2 4.1.2)."""
    ven = cfg.get(0, 0) | cfg.get(1, 0) << 8
    dev = cfg.get(2, 0) | cfg.get(3, 0) << 8
    return ven == 0x1AF4 and 0x1000 <= dev <= 0x107F


def cap_label(cfg, kind, off, text):
    """The report row of the capability block at off, by its id in the dump."""
    if kind == "std":
        if off is None:
            return "cap list"
        if off in cfg:
            i = cfg[off]
            label = "cap %02x %s" % (i, STD_NAMES.get(i, "(unknown id)"))
            if i == 0x09 and is_virtio(cfg):
                label += " (virtio)"  # a decoder of its own, so a row of its own
            return label
    else:
        if off in cfg and off + 1 in cfg:
            i = cfg[off] | cfg[off + 1] << 8
            return "ecap %04x %s" % (i, EXT_NAMES.get(i, "(unknown id)"))
    name = re.sub(r"^\tCapabilities: \[[^]]*\] ?", "", text).split(":")[0]
    return "%s ?? %s" % ("cap" if kind == "std" else "ecap", name)


def block_of(line, block):
    """The block key of a function-mode line, given the block it follows."""
    if line.startswith("\tCapabilities: "):
        m = CAP_RE.match(line)
        if not m:
            return ("std", None)
        digits = m.group(1)
        return ("ext" if len(digits) >= 3 else "std", int(digits, 16))
    if line.startswith("\t\t"):
        return block
    if line.startswith("\tKernel "):
        return "kernel"
    return "header"


def split_output(text, how):
    """{(slot, block): [lines]} in output order; slot None for the tree."""
    units = {}
    lines = text.split("\n")
    if how == "tree":
        units[(None, "tree")] = [l for l in lines if l.strip()]
        return units
    slot = None
    block = "header"
    rec_lines = []

    def add(key, line):
        units.setdefault(key, []).append(line)

    if how == "mrec":
        for line in lines + [""]:
            if line.strip():
                rec_lines.append(line)
                continue
            if rec_lines:
                s = next((slot_key(l[5:].strip()) for l in rec_lines if l.startswith("Slot:")), None)
                for l in rec_lines:
                    add((s or "?", "machine"), l)
                rec_lines = []
        return units
    for line in lines:
        if not line.strip():
            continue
        if how == "mline":
            add((slot_key(line) or "?", "machine"), line)
            continue
        if not line[0].isspace():
            slot = slot_key(line) or "?"
            block = "header"
        else:
            block = block_of(line, block)
        add((slot or "?", block), line)
    return units


def lcs_match(a, b):
    """(indices of a matched, indices of b matched) of a longest common subsequence."""
    lo = 0
    while lo < len(a) and lo < len(b) and a[lo] == b[lo]:
        lo += 1
    hi_a, hi_b = len(a), len(b)
    while hi_a > lo and hi_b > lo and a[hi_a - 1] == b[hi_b - 1]:
        hi_a -= 1
        hi_b -= 1
    ma = set(range(lo)) | set(range(hi_a, len(a)))
    mb = set(range(lo)) | set(range(hi_b, len(b)))
    x, y = a[lo:hi_a], b[lo:hi_b]
    if x and y:
        n, m = len(x), len(y)
        t = [[0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            ti, tn = t[i], t[i + 1]
            xi = x[i]
            for j in range(m - 1, -1, -1):
                ti[j] = tn[j + 1] + 1 if xi == y[j] else max(tn[j], ti[j + 1])
        i = j = 0
        while i < n and j < m:
            if x[i] == y[j]:
                ma.add(lo + i)
                mb.add(lo + j)
                i += 1
                j += 1
            elif t[i + 1][j] >= t[i][j + 1]:
                i += 1
            else:
                j += 1
    return ma, mb


# ---------------------------------------------------------------- differences

class Difference:
    def __init__(self, fields, where):
        self.where = where
        self.capability = fields.get("capability", "")
        modes = fields.get("modes", "")
        self.modes = [m.strip() for m in modes.split(",") if m.strip()] or None
        self.lspci = re.compile(fields["lspci"]) if "lspci" in fields else None
        self.vdisc = re.compile(fields["vdisc"]) if "vdisc" in fields else None
        self.reason = fields.get("reason", "")
        self.condition = fields.get("if") or None
        self.used_lspci = 0
        self.used_vdisc = 0

    def applies(self, group, mode):
        if self.modes is not None and mode not in self.modes:
            return False
        return group == self.capability or group.startswith(self.capability + " ")


def load_differences(path):
    """Entries of the differences file: paragraphs of `key: value` lines."""
    entries = []
    if not path or not os.path.exists(path):
        return entries
    fields, start = {}, None
    with open(path, encoding="utf-8") as f:
        numbered = list(enumerate(f.read().split("\n"), 1)) + [(0, "")]
    for no, line in numbered:
        if line.startswith("#"):
            continue
        if not line.strip():
            if fields:
                where = "%s:%d" % (path, start)
                for need in ("capability", "reason"):
                    if not fields.get(need):
                        raise ValueError("%s: entry without %s" % (where, need))
                if "lspci" not in fields and "vdisc" not in fields:
                    raise ValueError("%s: entry without an lspci or vdisc pattern" % where)
                if fields.get("if") and fields["if"] not in CONDITIONS:
                    raise ValueError("%s: unknown condition %r (known: %s)" % (
                        where, fields["if"], ", ".join(sorted(CONDITIONS))))
                for m in [m.strip() for m in fields.get("modes", "").split(",") if m.strip()]:
                    if m not in MODE_BY_LABEL:
                        raise ValueError("%s: unknown mode %r" % (where, m))
                entries.append(Difference(fields, where))
            fields, start = {}, None
            continue
        key, sep, value = line.partition(":")
        if not sep or key.strip() not in ("capability", "modes", "if", "lspci", "vdisc", "reason"):
            raise ValueError("%s:%d: expected `key: value`, got %r" % (path, no, line))
        if start is None:
            start = no
        key = key.strip()
        value = value[1:] if value.startswith(" ") else value
        fields[key] = (fields[key] + " " + value) if key == "reason" and key in fields else value
    return entries


def documented(entries, group, mode, line, side, holds):
    """Whether an unmatched line is covered by an entry; holds(cond) tests its `if:`."""
    for e in entries:
        pat = e.lspci if side == "lspci" else e.vdisc
        if pat is None or not e.applies(group, mode) or not pat.search(line):
            continue
        if e.condition is None or holds(e.condition):
            if side == "lspci":
                e.used_lspci += 1
            else:
                e.used_vdisc += 1
            return True
    return False


# Conditions an entry may require (`if: NAME`), computed from the dump's bytes
# so that an entry covers only the lines its reason is about.

REGION_RE = re.compile(r"^\t(?:Region ([0-9]+): )?(?:Memory at|I/O ports at) ")


def dword(cfg, off):
    if not all(off + i in cfg for i in range(4)):
        return None
    return cfg[off] | cfg[off + 1] << 8 | cfg[off + 2] << 16 | cfg[off + 3] << 24


def bar_upper_halves(cfg):
    """(indices of BAR registers that are a 64-bit memory BAR's upper dword,
    indices lspci shows a Region line for), as libpci fills base_addr[]."""
    htype = cfg.get(0x0E, 0) & 0x7F
    cnt = {0: 6, 1: 2, 2: 1}.get(htype, 0)
    raw = [dword(cfg, 0x10 + 4 * i) for i in range(cnt)]
    upper, i = set(), 0
    while i < cnt:
        x = raw[i]
        if x not in (None, 0, 0xFFFFFFFF) and not x & 1 and x & 6 == 4 and i < cnt - 1:
            upper.add(i + 1)
            i += 2
        else:
            i += 1
    shown = [i for i in range(cnt) if raw[i] not in (None, 0, 0xFFFFFFFF)]
    return upper, shown


def upper_half_lines(cfg, lines):
    """Indices of lines (a function's header block in lspci's output) that
    are lspci's Region line for the upper dword of a 64-bit BAR.  Without
    "Region N:" (at -v) the k-th address line is the k-th BAR lspci shows."""
    upper, shown = bar_upper_halves(cfg)
    found, k = set(), 0
    for idx, line in enumerate(lines):
        m = REGION_RE.match(line)
        if not m:
            continue
        bar = int(m.group(1)) if m.group(1) is not None else (shown[k] if k < len(shown) else -1)
        k += 1
        if bar in upper:
            found.add(idx)
    return found


CONDITIONS = {"bar-upper-half"}


# ---------------------------------------------------------------- running

def run(cmd, cache_dir, dump):
    """(stdout of cmd with stderr dropped, None or how it died); lspci's outputs
    are cached by content when asked."""
    key = None
    if cache_dir:
        h = hashlib.sha256()
        with open(dump, "rb") as f:
            h.update(f.read())
        h.update("\0".join(cmd[1:]).encode())
        h.update(LSPCI_ID.encode())
        key = os.path.join(cache_dir, h.hexdigest() + ".txt")
        if os.path.exists(key):
            with open(key, encoding="utf-8", errors="surrogateescape") as f:
                return f.read(), None
    env = dict(os.environ, LC_ALL="C")
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                           timeout=TIMEOUT)
        out = p.stdout.decode("utf-8", errors="surrogateescape")
        died = "killed by signal %d" % -p.returncode if p.returncode < 0 else None
    except subprocess.TimeoutExpired:
        out, died = "", "timed out after %d s" % TIMEOUT
    if died:
        key = None
    if key:
        tmp = key + ".%d" % os.getpid()
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(out)
        os.replace(tmp, key)
    return out, died


LSPCI_ID = ""
LSPCI_VERSION = ""


def lspci_identity(lspci):
    """What makes lspci's output what it is: its version, binary and pci.ids."""
    path = shutil.which(lspci) or lspci
    parts = [path]
    try:
        parts.append(subprocess.run([path, "--version"], stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, timeout=10).stdout.decode())
    except (OSError, subprocess.TimeoutExpired):
        pass
    for p in (path, "/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids", "/usr/share/pci.ids"):
        try:
            st = os.stat(p)
            parts.append("%s %d %d" % (p, st.st_size, st.st_mtime_ns))
        except OSError:
            pass
    return "\n".join(parts)


def lspci_version(lspci):
    try:
        out = subprocess.run([lspci, "--version"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=10).stdout.decode()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.strip().split("\n")[0] or "unknown"


def new_counts():
    return {"lines": 0, "reproduced": 0, "documented": 0, "extras": 0, "documented_extras": 0}


def compare_dump(dump, mode, lspci_out, vdisc_out, entries, want_diff, stats, diffs):
    label, _, how = MODE_BY_LABEL[mode]
    cfg_all = read_dump(dump)
    lu = split_output(lspci_out, how)
    vu = split_output(vdisc_out, how)
    keys = list(lu) + [k for k in vu if k not in lu]
    for key in keys:
        slot, block = key
        a, b = lu.get(key, []), vu.get(key, [])
        if isinstance(block, tuple):
            text = (a or b or [""])[0]
            group = cap_label(cfg_all.get(slot, {}), block[0], block[1], text)
        else:
            group = block
        ma, mb = lcs_match(a, b)
        cfg = cfg_all.get(slot, {})
        upper = upper_half_lines(cfg, a) if group == "header" else set()
        c = stats.setdefault(group, new_counts())
        c["lines"] += len(a)
        c["reproduced"] += len(ma)
        for i, line in enumerate(a):
            if i in ma:
                continue
            holds = lambda cond, i=i: cond == "bar-upper-half" and i in upper
            if documented(entries, group, label, line, "lspci", holds):
                c["documented"] += 1
                if want_diff(group):
                    diffs.append((os.path.basename(dump), label, slot, group, "~", line))
            elif want_diff(group):
                diffs.append((os.path.basename(dump), label, slot, group, "-", line))
        for j, line in enumerate(b):
            if j in mb:
                continue
            if documented(entries, group, label, line, "vdisc", lambda cond: False):
                c["documented_extras"] += 1
            else:
                c["extras"] += 1
                if want_diff(group):
                    diffs.append((os.path.basename(dump), label, slot, group, "+", line))


# ---------------------------------------------------------------- reporting

def group_order(g):
    if g == "header":
        return (0, 0, g)
    if g.startswith("cap "):
        return (1, 0, g)
    if g.startswith("ecap "):
        return (2, 0, g)
    return (3, 0, g)


def share(c):
    n = c["lines"] - c["documented"]
    return (c["reproduced"], n)


def pct(r, n):
    if n == 0:
        return "-"
    if r == n:
        return "100%"
    return "%.1f%%" % (100.0 * r / n) if 100.0 * r / n < 99.95 else "99.9%"


def total(groups):
    t = new_counts()
    for c in groups.values():
        for k in t:
            t[k] += c[k]
    return t


def markdown(results, sets_info):
    out = []
    out.append("## Summary: lspci lines vdisc reproduces, per mode\n")
    out.append("| set | mode | lspci lines | reproduced | % | documented | extras |")
    out.append("|---|---|---:|---:|---:|---:|---:|")
    for sname, modes in results.items():
        for mode, groups in modes.items():
            t = total(groups)
            out.append("| %s | `%s` | %d | %d | %s | %d | %d |" % (
                sname, mode, t["lines"], t["reproduced"], pct(*share(t)), t["documented"], t["extras"]))
    out.append("")
    for sname, modes in results.items():
        out.extend(matrix(sname, modes, sets_info[sname]))
    for sname, modes in results.items():
        for mode, groups in modes.items():
            out.append("## %s, `%s` (%s)\n" % (sname, mode, sets_info[sname]))
            out.append("| capability | lspci lines | reproduced | % | documented | extras |")
            out.append("|---|---:|---:|---:|---:|---:|")
            for g in sorted(groups, key=group_order):
                c = groups[g]
                out.append("| %s | %d | %d | %s | %d | %d |" % (
                    g, c["lines"], c["reproduced"], pct(*share(c)), c["documented"], c["extras"]))
            t = total(groups)
            out.append("| **all** | %d | %d | %s | %d | %d |" % (
                t["lines"], t["reproduced"], pct(*share(t)), t["documented"], t["extras"]))
            out.append("")
    return "\n".join(out)


def matrix(sname, modes, info):
    """One table of the capability decoding modes side by side: reproduced/lines (%)."""
    cols = [m for m in modes if MODE_BY_LABEL[m][2] == "func" and m != "-k"]
    if not cols:
        return []
    rows = sorted({g for m in cols for g in modes[m]}, key=group_order)
    out = ["## %s: per capability and level (%s)\n" % (sname, info),
           "| capability | " + " | ".join("`%s`" % m for m in cols) + " |",
           "|---|" + "---:|" * len(cols)]
    for g in rows + ["all"]:
        cells = []
        for m in cols:
            c = total(modes[m]) if g == "all" else modes[m].get(g)
            if c is None:
                cells.append("")
                continue
            r, n = share(c)
            cells.append("%d/%d (%s)" % (r, n, pct(r, n)))
        out.append("| %s | %s |" % ("**all**" if g == "all" else g, " | ".join(cells)))
    out.append("")
    return out


def documented_report(entries):
    out = ["## Documented differences (not counted as failures)\n"]
    if not entries:
        out.append("(none)")
    for e in entries:
        pats = []
        if e.lspci is not None:
            pats.append("lspci `%s`" % e.lspci.pattern)
        if e.vdisc is not None:
            pats.append("vdisc `%s`" % e.vdisc.pattern)
        out.append("- %s%s, %s: %d lspci / %d vdisc lines this run. %s" % (
            e.capability, " (" + ", ".join(e.modes) + ")" if e.modes else "",
            "; ".join(pats), e.used_lspci, e.used_vdisc, e.reason))
    return "\n".join(out) + "\n"


def baseline_rows(results):
    rows = {}
    for sname, modes in results.items():
        for mode, groups in modes.items():
            for g, c in list(groups.items()) + [("all", total(groups))]:
                r, n = share(c)
                rows[(sname, mode, g)] = (r, n, c["extras"])
    return rows


def write_baseline(path, results):
    rows = baseline_rows(results)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# pci-agreement ratchet (tests/pci-agreement/agreement.py --write-baseline).\n"
                "# set<TAB>mode<TAB>capability<TAB>reproduced<TAB>lines<TAB>extras; lines = lspci's\n"
                "# lines less the documented differences.  The test fails when a share\n"
                "# reproduced/lines falls below the one here or extras rise above it.\n"
                "# Raising these numbers is a reviewed change; lowering them needs a reason.\n"
                "# lspci: %s\n" % LSPCI_VERSION)
        for (s, m, g) in sorted(rows, key=lambda k: (k[0], [x[0] for x in MODES].index(k[1]),
                                                     group_order(k[2]))):
            r, n, e = rows[(s, m, g)]
            f.write("%s\t%s\t%s\t%d\t%d\t%d\n" % (s, m, g, r, n, e))


def read_baseline(path):
    """({(set, mode, capability): (reproduced, lines, extras)}, lspci version or None)."""
    rows, version = {}, None
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("# lspci: "):
                version = line[len("# lspci: "):]
            if not line or line.startswith("#"):
                continue
            p = line.split("\t")
            if len(p) != 6:
                raise ValueError("%s:%d: expected 6 tab-separated fields" % (path, no))
            rows[(p[0], p[1], p[2])] = (int(p[3]), int(p[4]), int(p[5]))
    return rows, version


def check_baseline(path, results, base):
    cur = baseline_rows(results)
    failures, raised = [], []
    for key, (r, n, e) in sorted(cur.items()):
        br, bn, be = base.get(key, (0, 0, 0))
        name = "%s %s %s" % key
        if n and bn and r * bn < br * n:
            failures.append("%s: reproduced %d/%d (%s) < baseline %d/%d (%s)" % (
                name, r, n, pct(r, n), br, bn, pct(br, bn)))
        elif n and bn == 0 and br and r == 0:
            failures.append("%s: reproduced 0/%d, baseline %d" % (name, n, br))
        elif n and (not bn or r * bn > br * n):
            raised.append("%s: %d/%d (%s), baseline %s" % (
                name, r, n, pct(r, n), "%d/%d" % (br, bn) if key in base else "none"))
        if e > be:
            failures.append("%s: %d extra lines vdisc prints that lspci does not, baseline %d" % (
                name, e, be))
        elif e < be:
            raised.append("%s: extras %d, baseline %d" % (name, e, be))
    sets_run = {k[0] for k in cur}
    modes_run = {k[1] for k in cur}
    missing = [k for k in base if k[0] in sets_run and k[1] in modes_run and k not in cur
               and base[k][1] > 0]
    for k in sorted(missing):
        print("note: baseline row %s %s %s has no lspci lines this run" % k)
    return failures, raised


# ---------------------------------------------------------------- main

def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the report quietly
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("vdisc", help="the vdisc binary (run as VDISC pci ...)")
    ap.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..")))
    ap.add_argument("--corpus", help="real-hardware dumps (default ROOT/../shared/corpus/pci-real)")
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--dump", action="append", default=[], help="only these dumps (set 'dumps')")
    ap.add_argument("--lspci", default=os.environ.get("LSPCI", "lspci"))
    ap.add_argument("--mode", action="append", type=mode_arg,
                    help="only this mode (repeatable): --mode=-vvv or --mode vvv; one of "
                    + ", ".join(m[0] for m in MODES))
    ap.add_argument("--set", choices=["fixtures", "corpus"], action="append")
    ap.add_argument("--json", action="store_true", help="JSON instead of Markdown")
    ap.add_argument("--diff", metavar="CAP", help="show the differing lines of one capability "
                    "(a row name or its prefix: 'cap 10', 'ecap 0001', 'header', 'tree')")
    ap.add_argument("--differences", default=os.path.join(here, "differences.txt"))
    ap.add_argument("--check", metavar="BASELINE")
    ap.add_argument("--write-baseline", metavar="BASELINE")
    ap.add_argument("--cache", metavar="DIR", help="keep lspci's outputs here (keyed by dump, "
                    "arguments and lspci's identity)")
    ap.add_argument("--jobs", type=int, default=max(2, min(8, (os.cpu_count() or 2) * 2)))
    args = ap.parse_args(argv)

    if not shutil.which(args.lspci):
        print("SKIP: %s not found (Debian package pciutils): nothing to compare against" % args.lspci)
        return EXIT_SKIP
    if not os.access(args.vdisc, os.X_OK):
        print("error: %s is not executable" % args.vdisc, file=sys.stderr)
        return EXIT_ERROR
    global LSPCI_ID, LSPCI_VERSION
    LSPCI_ID = lspci_identity(args.lspci)
    LSPCI_VERSION = lspci_version(args.lspci)
    try:
        entries = load_differences(args.differences)
    except (ValueError, re.error, KeyError) as e:
        print("error: differences file: %s" % e, file=sys.stderr)
        return EXIT_ERROR

    baseline = None
    if args.check:
        try:
            baseline, version = read_baseline(args.check)
        except (OSError, ValueError) as e:
            print("error: baseline: %s" % e, file=sys.stderr)
            return EXIT_ERROR
        if version is not None and version != LSPCI_VERSION:
            print("SKIP: %s was measured with %r; this lspci is %r: its lines differ, so the "
                  "numbers are not comparable" % (args.check, version, LSPCI_VERSION))
            return EXIT_SKIP

    sets, sets_info = {}, {}
    if args.dump:
        sets["dumps"] = args.dump
        sets_info["dumps"] = "%d dumps given" % len(args.dump)
    else:
        if not args.set or "fixtures" in args.set:
            fx = sorted(glob.glob(os.path.join(args.root, "tests", "fixtures", "pci", "*.lspci-x.txt")))
            sets["fixtures"] = fx
            sets_info["fixtures"] = "%d QEMU and hand-made fixtures" % len(fx)
        if not args.no_corpus and (not args.set or "corpus" in args.set):
            corpus = args.corpus or os.path.join(args.root, "..", "shared", "corpus", "pci-real")
            cx = sorted(glob.glob(os.path.join(corpus, "*.lspci-x.txt")))
            if cx:
                sets["corpus"] = cx
                sets_info["corpus"] = "%d real-hardware dumps" % len(cx)
            else:
                print("note: no corpus at %s: fixtures only" % os.path.normpath(corpus),
                      file=sys.stderr)
    modes = args.mode or [m[0] for m in MODES]
    if args.cache:
        os.makedirs(args.cache, exist_ok=True)

    jobs = []
    for sname, dumps in sets.items():
        for d in dumps:
            for m in modes:
                jobs.append((sname, d, m))
    outputs, crashes = {}, []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = {}
        for (sname, d, m) in jobs:
            margs = MODE_BY_LABEL[m][1]
            futs[ex.submit(run, [args.lspci, "-F", d] + margs, args.cache, d)] = (d, m, "lspci")
            futs[ex.submit(run, [args.vdisc, "pci", "-F", d] + margs, None, d)] = (d, m, "vdisc")
        for f in concurrent.futures.as_completed(futs):
            outputs[futs[f]], died = f.result()
            if died:
                d, m, prog = futs[f]
                crashes.append("%s %s -F %s %s" % (prog, died, d, m))

    if args.diff:
        want = lambda g: g == args.diff or g.startswith(args.diff + " ")
    else:
        want = lambda g: False
    results, diffs = {}, []
    for sname, dumps in sets.items():
        results[sname] = {}
        for m in modes:
            groups = results[sname].setdefault(m, {})
            for d in dumps:
                compare_dump(d, m, outputs[(d, m, "lspci")], outputs[(d, m, "vdisc")],
                             entries, want, groups, diffs)

    if args.diff:
        for (dump, mode, slot, group, sign, line) in diffs:
            print("%s %s %s [%s] %s%s" % (dump, mode, slot or "-", group, sign, line))
        print("%d differing lines (- lspci only, + vdisc only, ~ lspci only but documented)"
              % len(diffs))
    elif args.json:
        doc = {"sets": {s: {"description": sets_info[s], "modes": {
            m: {"total": total(g), "capabilities": g} for m, g in ms.items()}}
            for s, ms in results.items()},
            "documented": [{"capability": e.capability, "modes": e.modes,
                            "lspci": e.lspci.pattern if e.lspci else None,
                            "vdisc": e.vdisc.pattern if e.vdisc else None,
                            "reason": e.reason, "lspci_lines": e.used_lspci,
                            "vdisc_lines": e.used_vdisc} for e in entries]}
        json.dump(doc, sys.stdout, indent=1, sort_keys=True)
        print()
    elif not args.check:
        print(markdown(results, sets_info))
        print(documented_report(entries))

    if not args.check:
        for c in sorted(crashes):
            print("CRASH %s" % c, file=sys.stderr)

    if args.write_baseline:
        if crashes:
            print("error: not writing a baseline from runs that died", file=sys.stderr)
            return EXIT_ERROR
        write_baseline(args.write_baseline, results)
        print("wrote %s" % args.write_baseline, file=sys.stderr)
    if args.check:
        failures, raised = check_baseline(args.check, results, baseline)
        for s, ms in results.items():
            for m, g in ms.items():
                t = total(g)
                r, n = share(t)
                print("%-8s %-7s %6d/%-6d lspci lines reproduced (%s), %d documented, %d extras" % (
                    s, m, r, n, pct(r, n), t["documented"], t["extras"]))
        for line in raised:
            print("better than baseline: %s" % line)
        failures += ["%s (a run that dies fails whatever the numbers)" % c for c in sorted(crashes)]
        for line in failures:
            print("FAIL %s" % line)
        if raised and not failures:
            print("note: the baseline can be raised: agreement.py VDISC --write-baseline %s" % args.check)
        if failures:
            print("%d failures against the baseline (%s)" % (len(failures), args.check))
            print("the lines: %s %s --diff ROW --mode=MODE [--set SET]" % (
                os.path.relpath(os.path.abspath(__file__)), args.vdisc))
            return 1
        print("agreement at or above the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
