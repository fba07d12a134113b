#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The default `vdisc dtb` table fitted to a width, and its filters, on every fixture.

    check_table.py VDISC DTB...

For each blob and each width in WIDTHS (as $COLUMNS):
  - no line of the table is wider than the width (from 100 columns up; a
    narrower one may not fit at the cells' floors, but must not get wider
    than the table at 100);
  - every row is the --wide row of the same device: the same path whole,
    each other cell either equal or a prefix of it ending in "...", and the
    interrupts shown plus the "(+N)" left out equal to the whole list;
  - the controllers' short names are unique, and the legend maps each to a
    controller path the JSON output names.
Filters: --enabled shows exactly the JSON devices whose status is okay,
--compatible with a pattern exactly those fnmatch selects, and --tree with a
filter exactly the selected nodes and their ancestors.
"""
import fnmatch
import json
import os
import re
import subprocess
import sys

WIDTHS = [60, 80, 100, 120, 160]
PATTERNS = 12  # --compatible patterns tried per tree
MARK = "..."
COLS = ["PATH", "COMPATIBLE", "ADDRESS", "INTERRUPTS", "STATUS"]


args_dtb = [None]


def run(vdisc, args, columns=None):
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    # Beside the blob, named by its basename: the heading line carries the name given.
    args = [os.path.basename(a) if a.endswith(".dtb") else a for a in args]
    p = subprocess.run([os.path.abspath(vdisc), "dtb"] + args, capture_output=True, text=True,
                       env=env, cwd=os.path.dirname(os.path.abspath(args_dtb[0])))
    if p.returncode not in (0, 2):
        raise SystemExit(f"vdisc dtb {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p.stdout


def table(out):
    """The table's rows as [path, compat, address, irqs, status], and the legend."""
    lines = out.split("\n")
    head = next(i for i, l in enumerate(lines) if l.startswith("PATH "))
    starts = [lines[head].index(c) for c in COLS]
    rows, legend, i = [], {}, head + 1
    while i < len(lines) and lines[i]:
        line = lines[i]
        if i + 1 < len(lines) and lines[i + 1].startswith(" "):
            # A path longer than its column: the row continues on the next line.
            path, line, i = line, lines[i + 1], i + 1
        else:
            path = line[:starts[1]]
        cells = [line[starts[k]:starts[k + 1]].rstrip() for k in range(1, 4)]
        cells.append(line[starts[4]:].rstrip())
        rows.append([path.rstrip()] + cells)
        i += 1
    while i < len(lines) and not lines[i].startswith("Interrupt controllers:"):
        if lines[i].startswith("Memory:") or lines[i].startswith("CPUs:"):
            break
        i += 1
    if i < len(lines) and lines[i].startswith("Interrupt controllers:"):
        i += 1
        while i < len(lines) and lines[i].startswith("  "):
            name, path = lines[i].split()
            legend[name] = path
            i += 1
    return rows, legend


def irq_items(cell):
    """The interrupts of a cell, and how many it says it left out."""
    more = 0
    m = re.search(r" \(\+(\d+)\)$", cell)
    if m:
        more, cell = int(m.group(1)), cell[:m.start()]
    if cell == "-":
        return [], more
    items, group = [], None
    for tok in re.findall(r"[^ ,<]*:?<[^>]*>|[^ ,]+", cell):
        if ":" in tok and not tok.startswith("<"):
            group, tok = tok.split(":", 1)
        items.append((group, tok) if tok != "?" else (None, "?"))
    return items, more


def check_widths(vdisc, dtb, errors):
    wide_rows, legend = table(run(vdisc, ["--wide", dtb]))
    by_path = {r[0]: r for r in wide_rows}
    at100 = None
    for width in WIDTHS:
        out = run(vdisc, [dtb], width)
        # The whole listing fits 120 columns; at other widths the table does (the summary's
        # lines, such as a CPU's ISA string, are as long as they are).
        shown = out.split("\n")
        if width != 120:
            shown = shown[shown.index(next(l for l in shown if l.startswith("PATH "))):]
            shown = shown[:shown.index("")] if "" in shown else shown
        widest = max(len(l) for l in shown)
        if width >= 100 and widest > width:
            errors.append(f"{dtb}: COLUMNS={width}: a line of {widest} columns")
        if width == 100:
            at100 = widest
        rows, _ = table(out)
        if [r[0] for r in rows] != [r[0] for r in wide_rows]:
            errors.append(f"{dtb}: COLUMNS={width}: the rows' paths differ from --wide's")
            continue
        for r in rows:
            w = by_path[r[0]]
            for k in (1, 2, 4):
                if r[k] != w[k] and not (r[k].endswith(MARK) and w[k].startswith(r[k][:-len(MARK)])):
                    errors.append(f"{dtb}: COLUMNS={width}: {r[0]}: {COLS[k]} {r[k]!r} is not {w[k]!r} cut")
            got, more = irq_items(r[3])
            whole, wmore = irq_items(w[3])
            if r[3] != w[3] and r[3].endswith(MARK):
                continue  # not even one interrupt fits: cut as a cell
            if got != whole[:len(got)] or len(got) + more != len(whole) + wmore:
                errors.append(f"{dtb}: COLUMNS={width}: {r[0]}: interrupts {r[3]!r} are not {w[3]!r}")
    if at100 is not None:
        for width in (60, 80):
            out = run(vdisc, [dtb], width).split("\n")
            out = out[out.index(next(l for l in out if l.startswith("PATH "))):]
            widest = max(len(l) for l in out[:out.index("")])
            if widest > at100:
                errors.append(f"{dtb}: COLUMNS={width} is wider ({widest}) than COLUMNS=100 ({at100})")
    doc = json.loads(run(vdisc, ["--json", dtb]))
    controllers = {i["parent"] for d in doc["devices"] for i in d.get("interrupts", []) if i.get("parent")}
    if len(set(legend.values())) != len(legend):
        errors.append(f"{dtb}: two short names for one controller: {legend}")
    for name, path in legend.items():
        if path not in controllers:
            errors.append(f"{dtb}: legend {name} -> {path}, which no interrupt names")
    return doc


def tree_nodes(out):
    """The full paths of the nodes a --tree listing shows (from its "/" line to a blank one)."""
    lines = out.split("\n")
    start = lines.index("/")
    paths, stack = ["/"], []
    for line in lines[start + 1:]:
        if not line:
            break
        depth = (len(line) - len(line.lstrip(" "))) // 2
        stack = stack[:depth - 1] + [line.strip().split("  ")[0]]
        paths.append("/" + "/".join(stack))
    return paths


def check_filters(vdisc, dtb, doc, errors):
    devices = doc["devices"]
    enabled = [d["path"] for d in devices if d["status"] in (None, "okay", "ok")]
    rows, _ = table(run(vdisc, ["--enabled", "--wide", dtb]))
    if [r[0] for r in rows] != enabled:
        errors.append(f"{dtb}: --enabled lists {len(rows)} devices, JSON has {len(enabled)} okay")
    compats = sorted({c for d in devices for c in d["compatible"]})
    patterns = {c.split(",")[0] + ",*" for c in compats if "," in c} | {"*" + c[-3:] for c in compats[:5]}
    for pat in sorted(patterns)[:PATTERNS]:
        want = [d["path"] for d in devices if any(fnmatch.fnmatchcase(c, pat) for c in d["compatible"])]
        rows, _ = table(run(vdisc, ["--compatible", pat, "--wide", dtb])) if want else ([], {})
        if want and [r[0] for r in rows] != want:
            errors.append(f"{dtb}: --compatible {pat!r} lists {len(rows)}, fnmatch selects {len(want)}")
        if not want:
            continue
        shown = tree_nodes(run(vdisc, ["--tree", "--compatible", pat, dtb]))
        expect = set()
        for p in want:
            parts = p.split("/")
            expect |= {"/" + "/".join(parts[1:k]) if k > 1 else "/" for k in range(1, len(parts) + 1)}
        if set(shown) != expect or len(shown) != len(expect):
            errors.append(f"{dtb}: --tree --compatible {pat!r} shows {sorted(set(shown) ^ expect)[:4]} wrongly")


def main():
    global WIDTHS, PATTERNS
    vdisc, dtbs = sys.argv[1], sys.argv[2:]
    quick = "--quick" in dtbs
    if quick:
        # The sanitizer rerun: the narrowest width (every cell cut) and the 100-column rule on
        # every tree, three filter patterns per tree, the unset-width cases on the first; the
        # plain run does all.
        dtbs = [d for d in dtbs if d != "--quick"]
        WIDTHS = [60, 100]
        PATTERNS = 3
    errors = []
    for n, dtb in enumerate(dtbs):
        args_dtb[0] = dtb
        # A $COLUMNS that is no width counts as unset: 120 columns.
        default = run(vdisc, [dtb])
        for bad in ("abc", "0", "-5", "80x") if not quick or n == 0 else ():
            if run(vdisc, [dtb], bad) != default:
                errors.append(f"{dtb}: COLUMNS={bad!r} is not taken as unset")
        doc = check_widths(vdisc, dtb, errors)
        check_filters(vdisc, dtb, doc, errors)
    for e in errors[:40]:
        print("FAIL", e)
    print(f"{len(dtbs)} trees, widths {WIDTHS}: {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
