#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The stack budget check can fail: stack-report.py on planted call graphs.

Each case writes GCC -fcallgraph-info=su files (.ci) by hand into a
temporary build directory, runs stack-report.py --budget on it and checks
the exit status and what the report names: a chain over the budget, a chain
just within it, a recursion nobody declared, a declared one counted at its
depth, the same with its guard gone from the source or entered from a file
the declaration does not list, and an indirect call said to be uncounted.

Usage: stack-report-selftest.py   (exit 0 when every case behaves)
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REPORT = os.path.join(HERE, "stack-report.py")
OVERLAY = os.path.join(ROOT, "src/fdt/overlay.c")


def write_ci(directory, unit, frames, edges):
    """@frames: {name: bytes}; @edges: [(caller, callee, call site file)]."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, unit + ".c.ci"), "w", encoding="utf-8") as fh:
        fh.write('graph: { title: "%s.c"\n' % unit)
        for name, size in frames.items():
            fh.write('node: { title: "%s" label: "%s\\n%s.c:1:1\\n%d bytes (static)" }\n'
                     % (name, name, unit, size))
        for src, dst, site in edges:
            fh.write('edge: { sourcename: "%s" targetname: "%s" label: "%s:10:5" }\n' % (src, dst, site))
        fh.write("}\n")


def run(frames, edges, budget, source_root=ROOT):
    with tempfile.TemporaryDirectory() as tmp:
        write_ci(os.path.join(tmp, "CMakeFiles", "planted.dir"), "planted", frames, edges)
        p = subprocess.run([sys.executable, REPORT, tmp, "--budget", str(budget), "--entries", "20",
                            "--source-root", source_root], capture_output=True, text=True)
        return p.returncode, p.stdout + p.stderr


FAILURES = []


def expect(name, result, rc, *needles, absent=()):
    got_rc, out = result
    missing = [n for n in needles if n not in out]
    present = [n for n in absent if n in out]
    if got_rc != rc or missing or present:
        FAILURES.append(name)
        print("FAIL %s: exit %d (want %d), missing %s, unexpected %s\n%s"
              % (name, got_rc, rc, missing, present, out))
    else:
        print("ok   %s" % name)


CHAIN = {"vdisc_deep": 100, "deep_mid_": 1000, "deep_leaf_": 1000, "vdisc_small": 64}
CHAIN_EDGES = [("vdisc_deep", "deep_mid_", "x.c"), ("deep_mid_", "deep_leaf_", "x.c"),
               ("vdisc_small", "deep_leaf_", "x.c")]
# libfdt's alias recursion, entered from overlay.c as in the library.
CYCLE = {"vdisc_fixup": 80, "fdt_path_offset_namelen": 80, "fdt_get_alias_namelen": 48,
         "fdt_path_offset": 32, "fdt_next_tag": 80}
CYCLE_EDGES = [("vdisc_fixup", "fdt_path_offset_namelen", OVERLAY),
               ("fdt_path_offset_namelen", "fdt_get_alias_namelen", "fdt_ro.c"),
               ("fdt_get_alias_namelen", "fdt_path_offset", "fdt_ro.c"),
               ("fdt_path_offset", "fdt_path_offset_namelen", "fdt_ro.c"),
               ("fdt_path_offset_namelen", "fdt_next_tag", "fdt_ro.c")]


def main():
    expect("over-budget chain fails, named with its chain", run(CHAIN, CHAIN_EDGES, 2048), 1,
           "vdisc_deep needs 2100 bytes, over the budget of 2048: vdisc_deep 100 > deep_mid_ 1000 > "
           "deep_leaf_ 1000", "1 of 2 entry points over 2048", absent=("vdisc_small needs",))
    expect("the same chain within a budget of its size passes", run(CHAIN, CHAIN_EDGES, 2100), 0,
           "within 2100 bytes (the deepest: vdisc_deep, 2100)")
    expect("undeclared recursion fails", run(
        {"vdisc_walk": 16, "walk_self_": 32},
        [("vdisc_walk", "walk_self_", "x.c"), ("walk_self_", "walk_self_", "x.c")], 2048), 1,
        "recursion not declared (no bound): walk_self_")
    expect("undeclared mutual recursion fails", run(
        {"vdisc_walk": 16, "walk_a_": 32, "walk_b_": 32},
        [("vdisc_walk", "walk_a_", "x.c"), ("walk_a_", "walk_b_", "x.c"), ("walk_b_", "walk_a_", "x.c")],
        2048), 1, "recursion not declared (no bound): walk_a_ -> walk_b_")
    expect("declared recursion counted at its depth (80 + 1 x 160 + 80)", run(CYCLE, CYCLE_EDGES, 2048), 0,
           "320  vdisc_fixup 80 > {fdt_get_alias_namelen 48, fdt_path_offset 32, fdt_path_offset_namelen 80} "
           "x1 160 > fdt_next_tag 80", "recursion counted at depth 1")
    expect("declared recursion over the budget fails", run(CYCLE, CYCLE_EDGES, 300), 1,
           "vdisc_fixup needs 320 bytes")
    with tempfile.TemporaryDirectory() as fake_root:
        os.makedirs(os.path.join(fake_root, "src/fdt"))
        with open(OVERLAY, encoding="utf-8") as fh:
            text = fh.read().replace("s[0] != '/'", "0")
        with open(os.path.join(fake_root, "src/fdt/overlay.c"), "w", encoding="utf-8") as fh:
            fh.write(text)
        edges = [(a, b, s.replace(ROOT, fake_root)) for a, b, s in CYCLE_EDGES]
        expect("declared recursion whose guard left the source fails",
               run(CYCLE, edges, 2048, fake_root), 1, "is no longer in src/fdt/overlay.c")
    edges = [(a, b, s.replace("overlay.c", "lookup.c")) for a, b, s in CYCLE_EDGES]
    expect("declared recursion entered from an unlisted file fails", run(CYCLE, edges, 2048), 1,
           "entered from vdisc_fixup", "src/fdt/lookup.c")
    expect("indirect calls are said to be uncounted", run(
        {"vdisc_hooked": 48}, [("vdisc_hooked", "__indirect_call", "x.c")], 2048), 0,
        "indirect calls not counted")
    if FAILURES:
        print("stack-report-selftest: %d case(s) failed" % len(FAILURES))
        return 1
    print("stack-report-selftest: every case behaved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
