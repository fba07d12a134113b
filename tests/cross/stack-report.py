#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Stack report for a freestanding cross build (scripts/cross-build.sh).

Reads the GCC call-graph files (-fcallgraph-info=su, one .ci per object:
every function's own frame and its direct calls, with the call site) of a
build directory and prints:
  - the largest single frames;
  - for each public entry point (vdisc_* without a trailing underscore), the
    worst-case stack of its deepest call chain through the core and libfdt.

With --budget BYTES it is a check (the suite's stack-budget test): exit 1
naming every entry point whose worst chain exceeds BYTES, with the chain,
and for any recursion it cannot bound.

Recursion is counted, not skipped: each cycle of the call graph (a strongly
connected component) must be declared in RECURSION below with its depth
(how many times any function of it may be active at once) and the source
that enforces that depth, which is checked; its functions then count depth
times each, plus the deepest way out of the cycle.  A cycle that is not
declared, or whose guard is no longer in the source, fails the check.

What the estimate leaves out, and says so: calls through a function pointer
(the platform hooks, struct vdisc_pci_ops, transport ops and registry
probes: the embedder's code, whose deepest chain is to be added), the
mem/str functions and libgcc helpers (the embedder's or the compiler's).

Usage: stack-report.py BUILD_DIR [--top N] [--entries N] [--budget BYTES]
                       [--source-root DIR]
"""
import argparse
import os
import re
import sys

NODE = re.compile(r'^node: \{ title: "([^"]*)" label: "([^"]*)"')
EDGE = re.compile(r'^edge: \{ sourcename: "([^"]*)" targetname: "([^"]*)"(?: label: "([^"]*)")?')
BYTES = re.compile(r'\\n(\d+) bytes \(([a-z,]+)\)')
INDIRECT = "__indirect_call"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The recursion the library allows.  "functions": the cycle (every function of the strongly
# connected component must be named here); "depth": how many times any of them may be active
# at once; "entered_from": the only source files (relative to the source root) whose call
# sites may enter the cycle from a public entry point; "guard": (file, regex) that must match
# in the source, the code that keeps the depth; "why": the argument, printed with the count.
RECURSION = [
    {
        "functions": {"fdt_path_offset_namelen", "fdt_get_alias_namelen", "fdt_path_offset"},
        "depth": 1,
        "entered_from": {"src/fdt/overlay.c"},
        "guard": ("src/fdt/overlay.c", r"s\[0\] != '/'"),
        "why": "libfdt follows a path's leading alias by recursing (without end for an alias "
        "naming itself); overlay.c, its only caller here, refuses a path without a leading "
        "'/', so the alias branch is never taken",
    },
]


def load(build_dir):
    frames = {}  # title -> (name, bytes, qualifier, unit)
    calls = {}  # title -> {callee title: call site}
    units = 0
    cmake_files = os.path.join(build_dir, "CMakeFiles")
    for top, _dirs, files in os.walk(cmake_files if os.path.isdir(cmake_files) else build_dir):
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
                        calls.setdefault(m.group(1), {}).setdefault(m.group(2), m.group(3) or "")
    return frames, calls, units


def name_of(title, frames):
    return frames[title][0] if title in frames else title.rsplit(":", 1)[-1]


def components(nodes, calls):
    """Tarjan's strongly connected components, iteratively: title -> component index."""
    index, low, comp, stack, onstack = {}, {}, {}, [], set()
    counter, ncomp = 0, 0
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(calls.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        onstack.add(start)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    onstack.add(w)
                    work.append((w, iter(sorted(calls.get(w, ())))))
                    advanced = True
                    break
                if w in onstack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    onstack.discard(w)
                    comp[w] = ncomp
                    if w == v:
                        break
                ncomp += 1
    return comp


class Report:
    def __init__(self, frames, calls, source_root):
        self.frames, self.calls, self.root = frames, calls, source_root
        nodes = set(frames) | set(calls) | {t for c in calls.values() for t in c}
        self.comp = components(nodes, calls)
        self.members = {}
        for t, c in self.comp.items():
            self.members.setdefault(c, []).append(t)
        self.memo, self.notes, self.problems, self.cycles = {}, set(), [], {}

    def recursive(self, c):
        m = self.members[c]
        return len(m) > 1 or m[0] in self.calls.get(m[0], {})

    def declaration(self, c):
        """The declared bound of recursive component @c, or None (a problem is recorded)."""
        if c in self.cycles:
            return self.cycles[c]
        names = {name_of(t, self.frames) for t in self.members[c]}
        label = " -> ".join(sorted(names))
        decl = next((d for d in RECURSION if names <= d["functions"]), None)
        if decl is None:
            self.problems.append("recursion not declared (no bound): " + label)
        else:
            path, pattern = decl["guard"]
            try:
                with open(os.path.join(self.root, path), encoding="utf-8") as fh:
                    ok = re.search(pattern, fh.read()) is not None
            except OSError:
                ok = False
            if not ok:
                self.problems.append(
                    "recursion %s: its guard /%s/ is no longer in %s: the declared depth %d "
                    "does not hold" % (label, pattern, path, decl["depth"]))
                decl = None
            else:
                self.notes.add("recursion counted at depth %d: %s (%s)" % (decl["depth"], label, decl["why"]))
        self.cycles[c] = decl
        return decl

    def worst(self, title):
        """Deepest stack from @title: (bytes, [(label, bytes)...])."""
        return self.worst_comp(self.comp[title]) if title in self.comp else self.leaf(title)

    def leaf(self, title):
        if title == INDIRECT:
            self.notes.add("indirect calls not counted (platform hooks, PCI ops, transport ops, "
                           "registry probes: add the embedder's deepest)")
        elif ":" in title:
            self.notes.add("static functions inlined at every call (no frame of their own) "
                           "counted in their callers")
        else:
            self.notes.add("external: " + title)
        return (0, [])

    def worst_comp(self, c):
        if c in self.memo:
            return self.memo[c]
        members = self.members[c]
        if members[0] not in self.frames and len(members) == 1 and not self.recursive(c):
            self.memo[c] = self.leaf(members[0])
            return self.memo[c]
        own = sum(self.frames[t][1] for t in members if t in self.frames)
        if self.recursive(c):
            decl = self.declaration(c)
            depth = decl["depth"] if decl else 1
            step = (
                "{%s} x%d" % (", ".join("%s %d" % (name_of(t, self.frames), self.frames[t][1])
                                        for t in sorted(members) if t in self.frames), depth),
                own * depth,
            )
        else:
            depth = 1
            step = (name_of(members[0], self.frames), own)
        best = (0, [])
        for t in sorted(members):
            for callee in sorted(self.calls.get(t, {})):
                if self.comp.get(callee) == c:
                    continue
                cand = self.worst(callee)
                if cand[0] > best[0]:
                    best = cand
        result = (own * depth + best[0], [step] + best[1])
        self.memo[c] = result
        return result

    def check_entries_to_cycles(self, entries):
        """A declared cycle entered from a call site its declaration does not list: a problem."""
        seen, todo = set(), list(entries)
        while todo:
            t = todo.pop()
            if t in seen:
                continue
            seen.add(t)
            for callee, site in self.calls.get(t, {}).items():
                todo.append(callee)
                c = self.comp.get(callee)
                if c is None or not self.recursive(c) or self.comp.get(t) == c:
                    continue
                decl = self.declaration(c)
                if not decl:
                    continue
                src = os.path.relpath(site.rsplit(":", 2)[0], self.root) if site else "?"
                if src not in decl["entered_from"]:
                    self.problems.append(
                        "recursion %s entered from %s (%s), which its declaration does not list: "
                        "the depth bound is not known to hold there"
                        % (" -> ".join(sorted(decl["functions"])), name_of(t, self.frames), site))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build_dir")
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--entries", type=int, default=8)
    ap.add_argument("--budget", type=int, help="fail (exit 1) when an entry point needs more bytes")
    ap.add_argument("--source-root", default=ROOT, help="where the declared recursion guards are checked")
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

    rep = Report(frames, calls, os.path.abspath(args.source_root))
    entries = sorted(t for t in frames if re.fullmatch(r"vdisc_[a-z0-9_]*[a-z0-9]", t))
    rows = sorted(((t,) + rep.worst(t) for t in entries), key=lambda r: (-r[1], r[0]))
    rep.check_entries_to_cycles(entries)

    def chain(path):
        return " > ".join("%s %d" % step for step in path)

    print("worst call chains from the public entry points (%d entries):" % len(entries))
    for _t, depth, path in rows[: args.entries]:
        print("  %6d  %s" % (depth, chain(path)))
    ext = sorted(n[len("external: "):] for n in rep.notes if n.startswith("external: "))
    for n in sorted(n for n in rep.notes if not n.startswith("external: ")):
        print("  note: " + n)
    if ext:
        print("  note: not counted (the embedder's or libgcc's): " + " ".join(ext))
    for p in rep.problems:
        print("  problem: " + p)
    if args.budget is None:
        return 0
    over = [r for r in rows if r[1] > args.budget]
    for t, depth, path in over:
        print("stack-report: %s needs %d bytes, over the budget of %d: %s" % (t, depth, args.budget, chain(path)))
    for p in rep.problems:
        print("stack-report: " + p)
    if over or rep.problems:
        print("stack-report: FAILED: %d of %d entry points over %d bytes, %d recursion problem(s)"
              % (len(over), len(entries), args.budget, len(rep.problems)))
        return 1
    print("stack-report: every public entry point (%d) within %d bytes (the deepest: %s, %d)"
          % (len(entries), args.budget, rows[0][0] if rows else "-", rows[0][1] if rows else 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
