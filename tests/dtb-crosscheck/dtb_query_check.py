#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The query forms of `vdisc dtb FILE NODE [PROP...]` against fdtget on one blob.

    dtb_query_check.py VDISC BLOB [SOURCE.dts]

For every node and every property of BLOB (read here by a small walker of
the structure block, independent of both tools):
  * `vdisc dtb --type T` prints byte for byte what `fdtget -t T` prints, for
    x, u, i, hhx, hx (values of even length) and s (values fdtget takes as
    strings: empty, or ending in a NUL); r (raw, newer than the installed
    fdtget) equals the bytes themselves and a newline;
  * `-l` and `-p` print what fdtget's -l and -p print, for every node;
  * every alias of /aliases lists the same properties and subnodes as in
    fdtget and resolves, in vdisc, to a node whose every value fdtget reads
    alike through the alias;
  * with SOURCE (a .dts fixture), compiled here with `dtc -@`, every label of
    __symbols__ resolves, as &label and bare where no alias has the name, to
    the path __symbols__ gives.
Calls are batched (fdtget takes many node/property pairs, vdisc many NODE
groups) so that a blob costs a dozen processes.  Exit 77 without fdtget.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


def walk(blob):
    """[(path, [(name, bytes)], [child names])] in tree order."""
    magic, _, off_struct, off_strings = struct.unpack(">IIII", blob[:16])
    if magic != 0xD00DFEED:
        raise SystemExit("not a blob")
    nodes, stack, pos = [], [], off_struct
    while True:
        (tag,) = struct.unpack(">I", blob[pos:pos + 4])
        pos += 4
        if tag == FDT_BEGIN_NODE:
            end = blob.index(b"\0", pos)
            name = blob[pos:end].decode("latin-1")
            pos = (end + 4) & ~3
            parent = stack[-1] if stack else None
            path = "/" if parent is None else (nodes[parent][0].rstrip("/") + "/" + name)
            if parent is not None:
                nodes[parent][2].append(name)
            nodes.append((path, [], []))
            stack.append(len(nodes) - 1)
        elif tag == FDT_END_NODE:
            stack.pop()
        elif tag == FDT_PROP:
            length, nameoff = struct.unpack(">II", blob[pos:pos + 8])
            pos += 8
            sname = blob[off_strings + nameoff:blob.index(b"\0", off_strings + nameoff)]
            nodes[stack[-1]][1].append((sname.decode("latin-1"), blob[pos:pos + length]))
            pos = (pos + length + 3) & ~3
        elif tag == FDT_NOP:
            continue
        elif tag == FDT_END:
            return nodes
        else:
            raise SystemExit("bad tag %d" % tag)


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


def first_line_diff(a, b, labels):
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            where = labels[i] if i < len(labels) else "line %d" % (i + 1)
            return "%s: fdtget %r, vdisc %r" % (where, x[:120], y[:120])
    return "lengths differ (%d and %d lines)" % (len(la), len(lb))


class Report:
    def __init__(self):
        self.failures = 0

    def check(self, ok, what):
        if not ok:
            self.failures += 1
            print("FAIL " + what)


def compare_types(rep, vdisc, dtb, nodes):
    plain = [(p, [n for n, _ in props]) for p, props, _ in nodes]
    values = {(p, n): v for p, props, _ in nodes for n, v in reversed(props)}  # first wins
    cases = [("x", None), ("u", None), ("i", None), ("hhx", None),
             ("hx", lambda v: len(v) % 2 == 0),
             ("s", lambda v: len(v) == 0 or v[-1] == 0)]
    for t, keep in cases:
        pairs, groups, labels = [], [], []
        for path, names in plain:
            names = [n for n in dict.fromkeys(names) if not keep or keep(values[(path, n)])]
            if not names:
                continue
            groups += [path] + names
            for n in names:
                pairs += [path, n]
                labels.append("%s %s" % (path, n))
        if not pairs:
            continue
        rc1, want, err1 = run(["fdtget", "-t", t, dtb] + pairs)
        rc2, got, err2 = run([vdisc, "dtb", "--type", t, dtb] + groups)
        rep.check(rc1 == 0 and rc2 == 0, "-t %s: exit fdtget %d, vdisc %d: %s %s" %
                  (t, rc1, rc2, err1.decode()[:200], err2.decode()[:200]))
        rep.check(want == got, "-t %s: %s" % (t, first_line_diff(want, got, labels)))
    # r: the bytes and a newline (the installed fdtget may predate -t r)
    groups, want = [], b""
    for path, names in plain:
        names = list(dict.fromkeys(names))
        if names:
            groups += [path] + names
            want += b"".join(values[(path, n)] + b"\n" for n in names)
    rc, got, err = run([vdisc, "dtb", "-T", "r", dtb] + groups)
    rep.check(rc == 0 and got == want, "-t r: exit %d, %s" % (rc, err.decode()[:200]))


def compare_lists(rep, vdisc, dtb, names, what):
    for opt in ("-l", "-p"):
        rc1, want, _ = run(["fdtget", opt, dtb] + names)
        rc2, got, err = run([vdisc, "dtb", opt, dtb] + names)
        rep.check(rc1 == rc2 == 0 and want == got,
                  "%s %s: exit fdtget %d, vdisc %d (%s); %s" %
                  (opt, what, rc1, rc2, err.decode()[:200],
                   first_line_diff(want, got, [])))


def vdisc_path(vdisc, dtb, node):
    rc, out, err = run([vdisc, "dtb", "--json", dtb, node])
    return json.loads(out)["path"] if rc == 0 else "exit %d: %s" % (rc, err.decode().strip())


def compare_aliases(rep, vdisc, dtb, nodes):
    aliases = next((props for p, props, _ in nodes if p == "/aliases"), [])
    names = [n for n, _ in aliases]
    if not names:
        return
    compare_lists(rep, vdisc, dtb, names, "aliases")
    byname = {p: props for p, props, _ in nodes}
    pairs, groups = [], []
    for alias in names:
        path = vdisc_path(vdisc, dtb, alias)
        props = list(dict.fromkeys(n for n, _ in byname.get(path, [])))
        rep.check(path in byname, "alias %s: vdisc resolves it to %s" % (alias, path))
        if props:
            pairs += [x for n in props for x in (alias, n)]
            groups += [path] + props
    # Every value fdtget reads through each alias, read by vdisc at the path it resolved.
    rc1, want, _ = run(["fdtget", "-t", "hhx", dtb] + pairs)
    rc2, got, _ = run([vdisc, "dtb", "-T", "hhx", dtb] + groups)
    rep.check(rc1 == rc2 == 0 and want == got,
              "aliases: fdtget reads other nodes than vdisc resolves: %s" %
              first_line_diff(want, got, []))


def compare_labels(rep, vdisc, source):
    tmp = tempfile.mkdtemp()
    try:
        dtb = os.path.join(tmp, "labels.dtb")
        rc, _, err = run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", dtb, source])
        if rc != 0:
            rep.check(False, "dtc -@ %s: %s" % (source, err.decode()[:200]))
            return
        nodes = walk(open(dtb, "rb").read())
        aliases = {n for p, props, _ in nodes if p == "/aliases" for n, _ in props}
        symbols = next((props for p, props, _ in nodes if p == "/__symbols__"), [])
        for label, value in symbols:
            want = value.rstrip(b"\0").decode()
            got = vdisc_path(vdisc, dtb, "&" + label)
            rep.check(got == want, "&%s: vdisc %s, __symbols__ %s" % (label, got, want))
            if label not in aliases:
                got = vdisc_path(vdisc, dtb, label)
                rep.check(got == want, "label %s: vdisc %s, __symbols__ %s" % (label, got, want))
    finally:
        shutil.rmtree(tmp)


def check_errors(rep, vdisc, dtb, nodes):
    """A NODE or PROP that is not there: one line, exit 1; -d stands in; - is standard input."""
    base = os.path.basename(dtb)
    path, props, _ = max(nodes, key=lambda n: len(n[1]))
    cases = [
        ([dtb, "/no-such-node"], 1, "vdisc: %s: /no-such-node: no such node" % dtb),
        ([dtb, path, "no-such-prop"], 1, "vdisc: %s: %s: no-such-prop: no such property" % (dtb, path)),
        (["-d", "DEF", dtb, "/no-such-node", "a", "b"], 0, None),
        (["-d", "DEF", dtb, path, "no-such-prop"], 0, None),
    ]
    for args, want_rc, want_err in cases:
        rc, out, err = run([vdisc, "dtb"] + args)
        lines = err.decode().splitlines()
        ok = rc == want_rc and (want_err is None and not lines or
                                want_err is not None and len(lines) == 1 and
                                lines[0].startswith(want_err))
        rep.check(ok, "vdisc dtb %s: exit %d, stderr %r" % (" ".join(args), rc, lines[:3]))
        if want_err is None:
            rep.check(out == b"DEF\n" * (2 if "a" in args else 1),
                      "vdisc dtb %s: printed %r" % (" ".join(args), out[:80]))
    names = [n for n, _ in props]
    rc1, want, _ = run([vdisc, "dtb", "-T", "x", dtb, path] + names)
    with open(dtb, "rb") as f:
        p = subprocess.run([vdisc, "dtb", "-T", "x", "-", path] + names, stdin=f,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    rep.check(rc1 == p.returncode == 0 and want == p.stdout, "%s from standard input differs" % base)


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__)
        return 2
    if not shutil.which("fdtget"):
        print("fdtget not installed: skipped")
        return 77
    vdisc, dtb = argv[1], argv[2]
    nodes = walk(open(dtb, "rb").read())
    rep = Report()
    compare_types(rep, vdisc, dtb, nodes)
    compare_lists(rep, vdisc, dtb, [p for p, _, _ in nodes], "every node")
    compare_aliases(rep, vdisc, dtb, nodes)
    check_errors(rep, vdisc, dtb, nodes)
    if len(argv) == 4:
        compare_labels(rep, vdisc, argv[3])
    nprops = sum(len(props) for _, props, _ in nodes)
    print("%s: %d nodes, %d properties: %d failures" %
          (os.path.basename(dtb), len(nodes), nprops, rep.failures))
    return 1 if rep.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
