#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Stack report for a freestanding cross build (scripts/cross-build.sh).

Reads the GCC call-graph files (-fcallgraph-info=su, one .ci per object:
every function's own frame and its direct calls) of a build directory and
prints:
  - the largest single frames;
  - for each public entry point (vdisc_* without a trailing underscore), the
    worst-case stack of its deepest call chain through the core and libfdt.

What the estimate leaves out, and says so: calls through a function pointer
(the platform hooks and struct vdisc_pci_ops: the embedder's own code), the
mem/str functions and libgcc helpers (the embedder's or the compiler's), and
recursion (reported, never summed: there is none today).

Usage: stack-report.py BUILD_DIR [--top N] [--entries N]
"""
import argparse
import os
import re
import sys

NODE = re.compile(r'^node: \{ title: "([^"]*)" label: "([^"]*)"')
EDGE = re.compile(r'^edge: \{ sourcename: "([^"]*)" targetname: "([^"]*)"')
BYTES = re.compile(r'\\n(\d+) bytes \(([a-z,]+)\)')
INDIRECT = "__indirect_call"


def load(build_dir):
    frames = {}  # title -> (name, bytes, qualifier, unit)
    calls = {}  # title -> set of callee titles
    units = 0
    for top, _dirs, files in os.walk(os.path.join(build_dir, "CMakeFiles")):
        if "link_check" in top:
            continue
        for f in files:
            if not f.endswith(".ci"):
                continue
            units += 1
            unit = f[: -len(".c.ci")]
            with open(os.path.join(top, f), encoding="utf-8") as fh:
                for line in fh:
                    m = NODE.match(line)
                    if m:
                        title, label = m.groups()
                        b = BYTES.search(label)
                        if b:
                            frames[title] = (label.split("\\n")[0], int(b.group(1)), b.group(2), unit)
                        continue
                    m = EDGE.match(line)
                    if m:
                        calls.setdefault(m.group(1), set()).add(m.group(2))
    return frames, calls, units


def worst(title, frames, calls, memo, onstack, notes):
    """Deepest stack from @title: (bytes, path).  @notes collects what was left out."""
    if title in memo:
        return memo[title]
    if title in onstack:
        notes.add("recursion: " + " -> ".join(frames.get(t, (t,))[0] for t in onstack + [title]))
        return (0, [])
    if title == INDIRECT:
        notes.add("indirect calls (platform hooks, PCI ops) not counted")
        return (0, [])
    if title not in frames:
        notes.add("external: " + title)
        return (0, [])
    onstack.append(title)
    best = (0, [])
    for callee in sorted(calls.get(title, ())):
        cand = worst(callee, frames, calls, memo, onstack, notes)
        if cand[0] > best[0]:
            best = cand
    onstack.pop()
    result = (frames[title][1] + best[0], [title] + best[1])
    memo[title] = result
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build_dir")
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--entries", type=int, default=8)
    args = ap.parse_args()

    frames, calls, units = load(args.build_dir)
    if not frames:
        print("stack-report: no .ci files under %s (built with -fcallgraph-info=su?)" % args.build_dir)
        return 1
    quals = {q for (_n, _b, q, _u) in frames.values()}
    if "dynamic" in quals:
        print("note: some frames are unbounded (alloca/VLA): their sizes are lower bounds")
    elif "dynamic,bounded" in quals:
        print("note: some frames vary (i686 pushes call arguments): their sizes are upper bounds")

    print("largest frames (%d functions in %d objects):" % (len(frames), units))
    for title, (name, size, qual, unit) in sorted(frames.items(), key=lambda kv: -kv[1][1])[: args.top]:
        print("  %6d  %s (%s)" % (size, name, unit))

    entries = [t for t in frames if re.fullmatch(r"vdisc_[a-z0-9_]*[a-z0-9]", t)]
    memo, notes, rows = {}, set(), []
    for t in entries:
        rows.append((t,) + worst(t, frames, calls, memo, [], notes))
    rows.sort(key=lambda r: -r[1])
    print("worst call chains from the public entry points (%d entries):" % len(entries))
    for t, depth, path in rows[: args.entries]:
        chain = " > ".join("%s %d" % (frames[p][0], frames[p][1]) for p in path)
        print("  %6d  %s" % (depth, chain))
    ext = sorted(n[len("external: "):] for n in notes if n.startswith("external: "))
    for n in sorted(n for n in notes if not n.startswith("external: ")):
        print("  note: " + n)
    if ext:
        print("  note: not counted (the embedder's or libgcc's): " + " ".join(ext))
    return 0


if __name__ == "__main__":
    sys.exit(main())
