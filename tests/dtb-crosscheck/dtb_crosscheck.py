#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Cross-check `vdisc dtb` against the device-tree compiler's own tools.

usage: dtb_crosscheck.py VDISC DTB

Runs `VDISC dtb --json --tree -v DTB` and compares what it reports with what
fdtget(1) and dtc(1) say about the same blob.  Nothing vdisc prints is used
to decide what the right answer is; the expected values all come from the
tools:

  * node paths          -- a walk of `fdtget -l` from "/";
  * property names      -- `fdtget -p` per node (order-insensitive);
  * property bytes      -- `fdtget -t bx`, batched (see fetch_values); the
                           decoded "value" must also follow from them, with
                           phandles resolved through the tool's bytes;
  * device list + order -- nodes fdtget says carry reg, interrupts,
                           interrupts-extended or compatible, in the node
                           order of `dtc -I dtb -O dts`;
  * reg cells           -- the raw `reg` bytes split with the parent's
                           #address-cells/#size-cells: its own, else (an
                           I2C bus: 1/0, as Linux's I2C core reads reg) the
                           nearest ancestor's as Linux's of_n_addr_cells()
                           reads them, else 2/1.

Prints one `MISMATCH path: what: vdisc=... tool=...` line per disagreement,
then exactly one `N passed, M failed` line.  Exit status: 0 all agreed,
1 some check failed, 2 usage or tool error, 77 fdtget/dtc missing (a ctest
SKIP).  Python 3 standard library only.
"""

import collections
import concurrent.futures
import json
import os
import shutil
import re
import subprocess
import sys

EXIT_SKIP = 77
EXIT_ERROR = 2

# What vdisc documents it can decode: at most 4 address cells (Linux's
# OF_MAX_ADDR_CELLS) and sizes of at most 64 bits.  A bus beyond that, or a
# reg whose length is not a whole number of entries, may be declined: the
# device then reports no reg entries and a diagnostic names the node's reg or
# the bus's #address-cells/#size-cells.  These limits only decide whether
# declining is acceptable; the cells themselves always come from fdtget.
MAX_ADDR_CELLS = 4
MAX_SIZE_CELLS = 2
# vdisc prints null for the value of a cell list longer than this.
MAX_DECODED_CELLS = 4096

DEVICE_PROPS = ("reg", "interrupts", "interrupts-extended", "compatible")

# A line fdtget prints between two batched values.  It cannot be confused
# with a value: values are printed as hex bytes.
SEPARATOR = "@@crosscheck-separator@@"
ABSENT_PROP = "@@crosscheck-absent@@"

MAX_ARG_BYTES = 64 * 1024  # per batched fdtget command line
SHOW_CHARS = 160


class ToolError(Exception):
    pass


def decode(b):
    return b.decode("utf-8", errors="surrogateescape")


def run(argv, what):
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise ToolError("%s: cannot run %s: %s" % (what, argv[0], e))
    return p.returncode, decode(p.stdout), decode(p.stderr)


def fdtget(dtb, opts, *args):
    """Run fdtget; raise ToolError unless it succeeds."""
    # Options first, then "--" so that no node or property name can ever be
    # taken for an option.
    argv = ["fdtget"] + list(opts) + ["--", dtb] + list(args)
    rc, out, err = run(argv, "fdtget")
    if rc != 0:
        raise ToolError("fdtget %s %s failed (%d): %s"
                        % (" ".join(opts), " ".join(args[:2]), rc, err.strip()))
    return out


def parse_hex_bytes(text):
    """fdtget -t bx output (any line wrapping) -> bytes."""
    return bytes(int(tok, 16) for tok in text.split())


# --------------------------------------------------------------------------
# What the tools say.

def child_path(parent, name):
    return "/" + name if parent == "/" else parent + "/" + name


def walk_fdtget(dtb):
    """{path: (subnode names, property names)} and the preorder path list."""
    info = {}

    def ask(path):
        subs = [l for l in fdtget(dtb, ["-l"], path).split("\n") if l != ""]
        props = [l for l in fdtget(dtb, ["-p"], path).split("\n") if l != ""]
        return path, subs, props

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        level = ["/"]
        seen = set()
        while level:
            nxt = []
            for path, subs, props in pool.map(ask, level):
                info[path] = (subs, props)
                for s in subs:
                    c = child_path(path, s)
                    # Sibling nodes with the same name cannot be told apart
                    # by path; fdtget would answer for the first each time.
                    if c not in seen:
                        seen.add(c)
                        nxt.append(c)
            level = nxt

    order = []

    def dfs(path):
        order.append(path)
        for s in info[path][0]:
            dfs(child_path(path, s))

    dfs("/")
    return info, order


def fetch_values(dtb, queries):
    """Raw bytes of (path, prop) pairs, as few fdtget calls as possible.

    fdtget takes many NODE PROP pairs and prints each value on its own line,
    but an empty property prints an empty line in some versions and nothing
    in others.  So between every two queries we ask for a property that does
    not exist at "/" with `-d SEPARATOR`: the lines between two separators
    are exactly one value, whatever the version does with empty values.
    If the separator count is off (a property went missing), fall back to
    one call per property.
    """
    values = {}
    chunk, size = [], 0
    chunks = []
    for q in queries:
        n = len(q[0]) + len(q[1]) + len(ABSENT_PROP) + 8
        if chunk and size + n > MAX_ARG_BYTES:
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(q)
        size += n
    if chunk:
        chunks.append(chunk)

    def one_chunk(chunk):
        args = []
        for i, (path, prop) in enumerate(chunk):
            if i:
                args += ["/", ABSENT_PROP]
            args += [path, prop]
        res = {}
        try:
            out = fdtget(dtb, ["-d", SEPARATOR, "-t", "bx"], *args)
            parts = [[]]
            for line in out.split("\n"):
                if line == SEPARATOR:
                    parts.append([])
                else:
                    parts[-1].append(line)
            if len(parts) != len(chunk):
                raise ToolError("separator count")
            for q, lines in zip(chunk, parts):
                res[q] = parse_hex_bytes(" ".join(lines))
            return res
        except (ToolError, ValueError):
            pass
        for path, prop in chunk:
            rc, out, err = run(["fdtget", "-t", "bx", "--", dtb, path, prop], "fdtget")
            if rc != 0:
                res[(path, prop)] = ToolError(err.strip() or "fdtget failed")
            else:
                try:
                    res[(path, prop)] = parse_hex_bytes(out)
                except ValueError:
                    res[(path, prop)] = ToolError("unparsable fdtget output %r" % out[:80])
        return res

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for res in pool.map(one_chunk, chunks):
            values.update(res)
    return values


def dtc_node_order(dtb):
    """Node paths in the order `dtc -I dtb -O dts` prints them, or None."""
    rc, out, err = run(["dtc", "-q", "-f", "-I", "dtb", "-O", "dts", dtb], "dtc")
    if rc != 0:
        return None, err.strip()
    order, stack = [], []
    for line in out.split("\n"):
        s = line.strip()
        if s == "};":
            if stack:
                stack.pop()
            continue
        if not s.endswith("{") or "=" in s or s.startswith("/dts-v1/") or s.startswith("/memreserve/"):
            continue
        name = s[:-1].split()[-1] if s[:-1].split() else ""
        if not stack:
            path = "/"
        else:
            path = child_path(stack[-1], name)
        stack.append(path)
        order.append(path)
    return order, None


# --------------------------------------------------------------------------
# What vdisc says.

def run_vdisc(vdisc, dtb):
    argv = [vdisc, "dtb", "--json", "--tree", "-v", dtb]
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        return None, "cannot run %s: %s" % (vdisc, e)
    out = decode(p.stdout)
    dups = []

    def pairs(kv):
        seen = collections.Counter(k for k, _ in kv)
        dups.extend(k for k, n in seen.items() if n > 1)
        return dict(kv)

    try:
        doc = json.loads(out, object_pairs_hook=pairs)
    except ValueError as e:
        return None, "exit %d, output is not JSON (%s): %s" % (
            p.returncode, e, decode(p.stderr).strip()[:200])
    if not isinstance(doc, dict):
        return None, "exit %d, JSON is not an object" % p.returncode
    doc["_exit"] = p.returncode
    doc["_duplicate_keys"] = dups
    return doc, None


def vdisc_tree_nodes(tree):
    """[(path, node)] in vdisc's tree order."""
    out = []

    def walk(n):
        out.append((n.get("path"), n))
        for c in n.get("children") or []:
            walk(c)

    walk(tree)
    return out


# --------------------------------------------------------------------------

class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, path, what, vdisc_val, tool_val):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("MISMATCH %s: %s: vdisc=%s tool=%s" % (path, what, show(vdisc_val), show(tool_val)))
        return ok

    def fail(self, path, what, vdisc_val, tool_val):
        return self.check(False, path, what, vdisc_val, tool_val)


def show(v):
    if isinstance(v, (bytes, bytearray)):
        s = v.hex()
        if len(s) > SHOW_CHARS:
            s = s[:SHOW_CHARS] + "...(%d bytes)" % len(v)
        return s if s else "(empty)"
    if isinstance(v, str):
        s = v
    else:
        s = json.dumps(v, sort_keys=True)
    if len(s) > SHOW_CHARS:
        s = s[:SHOW_CHARS] + "..."
    return s


def be32(b):
    return int.from_bytes(b, "big")


def cells_of(b):
    return [be32(b[i:i + 4]) for i in range(0, len(b) - len(b) % 4, 4)]


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def raw_of(prop):
    """A vdisc property's "raw" as bytes, or None if it is not lowercase hex."""
    raw = prop.get("raw") if isinstance(prop, dict) else None
    if not isinstance(raw, str) or len(raw) % 2 or raw != raw.lower():
        return None
    try:
        return bytes.fromhex(raw)
    except ValueError:
        return None


def value_problem(prop, tb, phandle_node):
    """Why a vdisc property's decoded "value" does not say what the tool's
    bytes say, or None.  The type is vdisc's choice; the value it gives for
    that type must follow from the bytes."""
    kind, val = prop.get("type"), prop.get("value")
    if kind == "empty":
        return None if (tb == b"" and val is True) else "empty with %d bytes" % len(tb)
    if kind == "bytes":
        return None if val == list(tb) else "byte list differs"
    if kind == "strings":
        if not tb or tb[-1] != 0:
            return "strings without a final NUL"
        want = [decode(x) for x in tb[:-1].split(b"\0")]
        return None if val == want else "string list differs (tool: %s)" % show(want)
    if kind in ("cells", "phandles"):
        if len(tb) % 4:
            return "%s from %d bytes" % (kind, len(tb))
        cells = cells_of(tb)
        if val is None and len(cells) > MAX_DECODED_CELLS:
            return None  # vdisc summarises long cell lists rather than decode them
        if not isinstance(val, list) or len(val) != len(cells):
            return "%d values for %d cells" % (len(val) if isinstance(val, list) else -1,
                                               len(cells))
        for i, (v, c) in enumerate(zip(val, cells)):
            if isinstance(v, str):
                if kind != "phandles":
                    return "cell %d is %r in a plain cell list" % (i, v)
                if phandle_node.get(c) != v:
                    return "cell %d (%#x) shown as %s, but that phandle is %s" % (
                        i, c, show(v), show(phandle_node.get(c, "no node")))
            elif v != c:
                return "cell %d is %r, not %#x" % (i, v, c)
        return None
    return "unknown type %r" % (kind,)


def is_i2c_bus(values, bus):
    """An I2C controller as dtc recognises one: node name i2c, or device_type "i2c"."""
    base = bus.rsplit("/", 1)[-1].split("@", 1)[0]
    return base == "i2c" or values.get((bus, "device_type")) == b"i2c\0"


def cell_source(values, info, bus, name, i2c_value):
    """The node whose `name` counts for bus's children, or an int from a rule."""
    node = bus
    while True:
        if name in info.get(node, ([], []))[1]:
            return node
        if node == bus and is_i2c_bus(values, bus):
            return i2c_value
        if node == "/":
            return None
        node = node.rsplit("/", 1)[0] or "/"


def bus_cells(values, info, parent):
    """(#address-cells, #size-cells, problem) of a bus, from fdtget bytes."""
    res = []
    problem = None
    for name, default, i2c in (("#address-cells", 2, 1), ("#size-cells", 1, 0)):
        src = cell_source(values, info, parent, name, i2c)
        if src is None or isinstance(src, int):
            res.append(default if src is None else src)
            continue
        b = values.get((src, name))
        if not isinstance(b, bytes) or len(b) != 4:
            problem = "%s of %s is not one cell" % (name, src)
            res.append(None)
        else:
            res.append(be32(b))
    return res[0], res[1], problem


def vdisc_reg_cells(entries, na, ns):
    """Concatenate bus_cells + size split into ns cells, per vdisc entry."""
    cells = []
    for e in entries:
        if not isinstance(e, dict):
            return None, "entry is not an object"
        bc = e.get("bus_cells")
        if not isinstance(bc, list) or not all(isinstance(c, int) for c in bc):
            return None, "bus_cells missing"
        cells += bc
        size = e.get("size")
        if ns == 0:
            if size is not None:
                return None, "size %r given with #size-cells 0" % size
            continue
        if not isinstance(size, int) or size < 0:
            return None, "size %r not a number" % size
        if size >> (32 * ns):
            return None, "size %#x does not fit %d cells" % (size, ns)
        cells += [(size >> (32 * (ns - 1 - i))) & 0xffffffff for i in range(ns)]
    return cells, None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: %s VDISC DTB\n" % os.path.basename(argv[0]))
        return EXIT_ERROR
    vdisc, dtb = argv[1], argv[2]
    missing = [t for t in ("fdtget", "dtc") if shutil.which(t) is None]
    if missing:
        print("SKIP: %s not found (install device-tree-compiler)" % " and ".join(missing))
        return EXIT_SKIP
    if not os.path.isfile(dtb):
        sys.stderr.write("crosscheck: %s: no such file\n" % dtb)
        return EXIT_ERROR

    rep = Report()

    # The tools first: if they cannot read the blob there is nothing to
    # compare against, and that is not vdisc's fault.
    try:
        info, tool_order = walk_fdtget(dtb)
        queries = [(p, n) for p in tool_order for n in dict.fromkeys(info[p][1])]
        values = fetch_values(dtb, queries)
    except ToolError as e:
        sys.stderr.write("crosscheck: %s: %s\n" % (dtb, e))
        return EXIT_ERROR
    dtc_order, dtc_err = dtc_node_order(dtb)
    if dtc_order is None:
        sys.stderr.write("crosscheck: note: dtc could not read %s (%s); using fdtget's node order\n"
                         % (dtb, dtc_err))
        dtc_order = tool_order
    elif dtc_order != tool_order:
        sys.stderr.write("crosscheck: note: dtc and fdtget disagree on the node list; "
                         "using dtc's order for devices\n")

    doc, err = run_vdisc(vdisc, dtb)
    if doc is None:
        rep.fail(dtb, "vdisc dtb --json --tree -v", err, "a JSON document")
        print("%d passed, %d failed" % (rep.passed, rep.failed))
        return 1
    # vdisc's exit status is its own policy (2 when the blob has problems it
    # diagnoses); as long as it printed the document, compare the document.
    rep.check(not doc["_duplicate_keys"], dtb, "duplicate JSON keys (a property lost?)",
              sorted(set(doc["_duplicate_keys"])), [])
    tree = doc.get("tree")
    if not isinstance(tree, dict):
        rep.fail(dtb, "tree", "absent", "the node tree")
        print("%d passed, %d failed" % (rep.passed, rep.failed))
        return 1

    # 1. The set of node paths.
    vnodes = vdisc_tree_nodes(tree)
    vpaths = collections.Counter(p for p, _ in vnodes)
    tpaths = collections.Counter(tool_order)
    if vpaths == tpaths:
        rep.check(True, "/", "node paths", None, None)
    else:
        extra = sorted(map(str, (vpaths - tpaths).elements()))
        gone = sorted((tpaths - vpaths).elements())
        rep.fail("/", "node paths (%d vdisc-only, %d tool-only)" % (len(extra), len(gone)),
                 extra, gone)
    rep.check(doc.get("nodes") == len(tool_order), "/", "node count", doc.get("nodes"),
              len(tool_order))

    # Which node each phandle names, as libfdt resolves it: the first node,
    # in blob order, whose "phandle" (else "linux,phandle") holds it.
    phandle_node = {}
    for path in tool_order:
        for name in ("phandle", "linux,phandle"):
            b = values.get((path, name))
            if isinstance(b, bytes) and len(b) == 4:
                phandle_node.setdefault(be32(b), path)
                break

    # 2. Per node: property names and every property's bytes (and that the
    # decoded value says what the bytes say).
    vbypath = {}
    for p, n in vnodes:
        vbypath.setdefault(p, n)
    dup_paths = sorted(p for p, n in tpaths.items() if n > 1)
    if dup_paths:
        sys.stderr.write("crosscheck: note: sibling nodes share a name (%s); fdtget can only "
                         "show the first of each, so only that one is compared\n"
                         % ", ".join(dup_paths[:5]))
    for path in dict.fromkeys(tool_order):
        node = vbypath.get(path)
        if node is None:
            continue  # already reported by "node paths"
        tprops = info[path][1]
        vprops = node.get("properties")
        if not isinstance(vprops, dict):
            rep.fail(path, "properties", "absent", sorted(tprops))
            continue
        want_name = path.rsplit("/", 1)[-1]
        rep.check(node.get("name") == want_name, path, "node name", node.get("name"), want_name)
        vc, tc = collections.Counter(list(vprops)), collections.Counter(tprops)
        if vc == tc:
            rep.check(True, path, "property names", None, None)
        else:
            rep.fail(path, "property names", sorted((vc - tc).elements()) or "(nothing extra)",
                     sorted((tc - vc).elements()) or "(nothing extra)")
        for name in dict.fromkeys(tprops):
            if name not in vprops:
                continue
            tb = values.get((path, name))
            if isinstance(tb, ToolError):
                sys.stderr.write("crosscheck: note: %s %s: fdtget: %s\n" % (path, name, tb))
                continue
            vb = raw_of(vprops[name])
            if vb is None:
                rep.fail(path, "property %s raw (not lowercase hex)" % name,
                         vprops[name].get("raw") if isinstance(vprops[name], dict) else vprops[name],
                         tb)
            elif vb != tb:
                rep.fail(path, "property %s raw (first difference at byte %d)"
                         % (name, first_diff(vb, tb)), vb, tb)
            else:
                rep.check(True, path, name, None, None)
                why = value_problem(vprops[name], tb, phandle_node)
                rep.check(why is None, path, "property %s value (%s)" % (name, why),
                          vprops[name].get("value"), tb)

    # 3. The device list, in dtc's node order.
    tool_dev = [p for p in dtc_order
                if p != "/" and p in info and any(n in info[p][1] for n in DEVICE_PROPS)]
    devices = doc.get("devices")
    if not isinstance(devices, list):
        rep.fail("/", "devices", "absent", tool_dev)
        devices = []
    vdev = [d.get("path") if isinstance(d, dict) else None for d in devices]
    if vdev == tool_dev:
        rep.check(True, "/", "device list", None, None)
    elif collections.Counter(vdev) == collections.Counter(tool_dev):
        i = first_diff(vdev, tool_dev)
        rep.fail("/", "device order (first difference at index %d)" % i, vdev[i:i + 3],
                 tool_dev[i:i + 3])
    else:
        vc, tc = collections.Counter(vdev), collections.Counter(tool_dev)
        rep.fail("/", "device list (vdisc-only / tool-only)", sorted(map(str, (vc - tc).elements())),
                 sorted((tc - vc).elements()))

    # 4. Per device: the reg cells, and the raw bytes -v repeats there.
    diags = doc.get("diagnostics") if isinstance(doc.get("diagnostics"), list) else []
    diag_at = {(d.get("path"), d.get("property")) for d in diags if isinstance(d, dict)}
    for dev in devices:
        if not isinstance(dev, dict) or dev.get("path") not in info:
            continue
        path = dev["path"]
        parent = path.rsplit("/", 1)[0] or "/"
        tprops = info[path][1]
        entries = dev.get("reg")
        if not isinstance(entries, list):
            rep.fail(path, "reg", entries, "a list")
            continue
        if "reg" not in tprops:
            rep.check(entries == [], path, "reg entries without a reg property", entries, [])
        else:
            raw = values.get((path, "reg"))
            if isinstance(raw, ToolError):
                sys.stderr.write("crosscheck: note: %s reg: fdtget: %s\n" % (path, raw))
                raw = None
            na, ns, problem = bus_cells(values, info, parent)
            if raw is not None and problem is None:
                if na > MAX_ADDR_CELLS or ns > MAX_SIZE_CELLS:
                    problem = "#address-cells %d/#size-cells %d of %s beyond %d/%d" % (
                        na, ns, parent, MAX_ADDR_CELLS, MAX_SIZE_CELLS)
                elif na + ns == 0 or len(raw) % (4 * (na + ns)):
                    problem = "reg is %d bytes, not whole %d-cell entries" % (len(raw), na + ns)
            if raw is None:
                pass
            elif problem is not None:
                # The reg cannot be decoded as the spec says (or not within
                # vdisc's stated limits): no entries, and say so.
                said = ((path, "reg") in diag_at or (parent, "#address-cells") in diag_at
                        or (parent, "#size-cells") in diag_at)
                rep.check(entries == [] and said, path,
                          "undecodable reg (%s) must give no entries and a diagnostic" % problem,
                          {"entries": len(entries), "diagnostic": said},
                          {"entries": 0, "diagnostic": True})
            else:
                want = cells_of(raw)
                got, why = vdisc_reg_cells(entries, na, ns)
                if got is None:
                    rep.fail(path, "reg entries (%d/%d cells): %s" % (na, ns, why), entries,
                             ["%#x" % c for c in want])
                else:
                    rep.check(got == want, path,
                              "reg cells (bus_cells+size, %d/%d cells, %d entries vs %d)"
                              % (na, ns, len(entries), len(want) // (na + ns)),
                              ["%#x" % c for c in got], ["%#x" % c for c in want])
        # -v also repeats the node's properties under the device.
        dprops = dev.get("properties")
        if isinstance(dprops, dict):
            for name, prop in dprops.items():
                tb = values.get((path, name))
                if name not in tprops:
                    rep.fail(path, "device property %s" % name, "present", "absent")
                elif isinstance(tb, bytes):
                    vb = raw_of(prop)
                    rep.check(vb == tb, path, "device property %s raw" % name, vb if vb is not None
                              else prop, tb)

    check_header(rep, vdisc, dtb)
    check_aliases(rep, vdisc, dtb, info, values)
    print("%d passed, %d failed" % (rep.passed, rep.failed))
    return 1 if rep.failed else 0


HEADER_RE = re.compile(
    r"^Header: version (\d+) \(last compatible (\d+)\), boot CPU (0x[0-9a-f]+), "
    r"totalsize (0x[0-9a-f]+) \(\d+ bytes\)\n"
    r"  memory reservations  at (0x[0-9a-f]+) +\d+ entries\n"
    r"  structure block      at (0x[0-9a-f]+) +(?:(0x[0-9a-f]+) bytes|\(size not recorded[^)]*\))\n"
    r"  strings block        at (0x[0-9a-f]+) +(0x[0-9a-f]+) bytes$", re.M)
HEADER_KEYS = ("version", "last_comp_version", "boot_cpuid_phys", "totalsize", "off_mem_rsvmap",
               "off_dt_struct", "size_dt_struct", "off_dt_strings", "size_dt_strings")


def check_header(rep, vdisc, dtb):
    """5. The header fields -v shows, against fdtdump's own header lines."""
    if shutil.which("fdtdump") is None:
        sys.stderr.write("crosscheck: note: no fdtdump; header not compared\n")
        return
    rc, out, err = run(["fdtdump", dtb], "fdtdump")
    tool = {}
    for line in out.split("\n"):
        m = re.match(r"^// (\w+):\s+(\S+)", line)
        if m and m.group(1) in HEADER_KEYS:
            tool[m.group(1)] = int(m.group(2), 0)
    if rc != 0 or "totalsize" not in tool:
        sys.stderr.write("crosscheck: note: fdtdump could not read %s; header not compared\n" % dtb)
        return
    rc, out, err = run([vdisc, "dtb", "-v", dtb], "vdisc")
    m = HEADER_RE.search(out)
    if m is None:
        rep.fail("/", "vdisc dtb -v header block", "absent or malformed", "a Header: block")
        return
    ours = dict(zip(HEADER_KEYS, (int(v, 0) if v is not None else None for v in m.groups())))
    # fdtdump prints size_dt_struct only from version 17, as vdisc does.
    want = {k: tool.get(k) for k in HEADER_KEYS}
    rep.check(ours == want, "/", "header fields against fdtdump", ours, want)


def check_aliases(rep, vdisc, dtb, info, values):
    """6. The Aliases section of -v against fdtget's /aliases: every name, its path."""
    want = {}
    if "/aliases" in info:
        for name in info["/aliases"][1]:
            b = values.get(("/aliases", name))
            if isinstance(b, bytes) and len(b) > 1 and b.index(b"\0") == len(b) - 1:
                want[name] = decode(b[:-1])
            elif isinstance(b, bytes):
                want[name] = "(not a path string, %d bytes)" % len(b)
    rc, out, err = run([vdisc, "dtb", "-v", dtb], "vdisc")
    m = re.search(r"^Aliases:\n((?:  .*\n)*)", out, re.M)
    got = {}
    for line in (m.group(1).splitlines() if m else []):
        name, _, path = line.strip().partition(" ")
        got[name] = path.strip()
    rep.check(got == want, "/aliases", "aliases in -v against fdtget", got, want)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
