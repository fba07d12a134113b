#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""vdisc pci -v/-vv/-vvv against lspci for everything but the capability bodies.

1. Every dump (the fixtures and ../shared/corpus/pci-real): the lines outside
   capability blocks, and each capability's "Capabilities: [xx]" prefix with
   the walk's own verdicts (<access denied>, <chain looped>, <chain broken>),
   must equal lspci's at -v, -vv, -vvv and -vvnn.  A capability block is a
   "\tCapabilities:" line and the lines indented deeper under it: its body is
   the capability decoders' business, checked by the cross-check.
2. Headers real hardware seldom has: configuration spaces made from a fixed
   seed (header types 0, 1, 2 and unknown, CardBus with 64 and 256 bytes,
   64-bit BARs in the last slot, upper halves that look like BARs, window
   registers of unknown type, BIST, odd interrupt pins), without capability
   lists, must print exactly what lspci prints, every byte, at -v, -vv,
   -vvv, -vnn and -k.
Documented differences are taken out of lspci's side first: lspci 3.9 reading a
dump prints a 64-bit BAR's non-zero upper dword as a region of its own, vdisc
does not (tests/pci-agreement/differences.txt, whose byte reading is reused).
usage: pci-header-vs-lspci.py VDISC REPO [--random-only]
(--random-only: part 2 alone, as the sanitizer rerun runs it.)
"""
import difflib
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

LEVELS = (["-v"], ["-vv"], ["-vvv"], ["-vvnn"])
RANDOM_OPTS = (["-v"], ["-vv"], ["-vvv"], ["-vnn"], ["-k"])
SEEDS = (1, 2, 3)
FUNCTIONS = 256

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pci-agreement"))
import agreement  # noqa: E402  (the dump reader and the upper-half rule, written once)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True)
    return r.stdout.decode("latin-1")


def without_upper_halves(text, dump):
    """lspci's text less its Region lines for 64-bit BARs' upper dwords."""
    cfgs = agreement.read_dump(dump)
    lines = text.split("\n")
    keep, start = [], 0
    for i in range(len(lines) + 1):
        if i < len(lines) and (i == start or lines[i].startswith(("\t", " ")) or not lines[i]):
            continue
        block = lines[start:i]
        key = agreement.slot_key(block[0]) if block else None
        drop = agreement.upper_half_lines(cfgs.get(key, {}), block) if key else set()
        keep += [line for j, line in enumerate(block) if j not in drop]
        start = i
    return "\n".join(keep)


def outside_caps(text):
    """The lines outside capability blocks, and each block's prefix."""
    out, inside = [], False
    for line in text.split("\n"):
        if line.startswith("\tCapabilities:"):
            inside = True
            m = re.match(r"\tCapabilities: (\[[0-9a-f]+( v\d+)?\] )?", line)
            rest = line[m.end():]
            out.append(m.group(0) + (rest if rest.startswith("<") else ""))
            continue
        if inside and line.startswith("\t\t"):
            continue
        inside = False
        out.append(line)
    return out


def show_diff(a, b, label):
    print("FAIL " + label)
    for line in list(difflib.unified_diff(a, b, lineterm="", n=1))[2:14]:
        print("  " + line)


def check_dumps(vdisc, repo):
    dumps = sorted(glob.glob(os.path.join(repo, "tests/fixtures/pci/*.lspci-x.txt")))
    dumps += sorted(glob.glob(os.path.join(repo, "../shared/corpus/pci-real/*.lspci-x.txt")))
    fails = total = same = 0
    for level in LEVELS:
        lt = ls = 0
        for d in dumps:
            a = outside_caps(without_upper_halves(run(["lspci", "-F", d] + level), d))
            b = outside_caps(run([vdisc, "pci", "-F", d] + level))
            sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            lt += len(a)
            ls += sum(x.size for x in sm.get_matching_blocks())
            if a != b:
                fails += 1
                show_diff(a, b, "%s %s" % (os.path.basename(d), " ".join(level)))
        print("%-6s %d/%d lines outside capability bodies identical (%d dumps)"
              % (" ".join(level), ls, lt, len(dumps)))
        total += lt
        same += ls
    return fails


def random_space(rng):
    """One function's bytes: a valid vendor, a layout, the rest half noise."""
    size = rng.choice([64, 256, 256])
    b = [rng.randrange(256) if rng.random() < 0.5 else rng.choice([0, 0xff, 1, 4, 0xc, 0x80])
         for _ in range(size)]
    b[0:2] = [0x86, 0x80]
    b[0x0e] = rng.choice([0, 1, 2, 0x80, 0x81, 0x82, 3, 0x7f])
    if rng.random() < 0.5:
        b[0x0b] = 6  # a bridge class, so that bridge layouts are mostly "valid"
    b[6] &= ~0x10  # no capability list: its bodies are not this test's
    return b


def write_dump(path, seed):
    rng = random.Random(seed)
    lines = []
    for i in range(FUNCTIONS):
        b = random_space(rng)
        lines.append("%02x:%02x.%d x" % (i // 32, i % 32, 0))
        for off in range(0, len(b), 16):
            lines.append("%02x: " % off + " ".join("%02x" % x for x in b[off:off + 16]))
        lines.append("")
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def check_random(vdisc, tmp):
    fails = 0
    for seed in SEEDS:
        path = os.path.join(tmp, "random-%d.txt" % seed)
        write_dump(path, seed)
        for opts in RANDOM_OPTS:
            a = without_upper_halves(run(["lspci", "-F", path] + opts), path).split("\n")
            b = run([vdisc, "pci", "-F", path] + opts).split("\n")
            if a != b:
                fails += 1
                show_diff(a, b, "random seed %d %s" % (seed, " ".join(opts)))
    print("random headers: %d seeds x %d functions x %d option sets, %d differing"
          % (len(SEEDS), FUNCTIONS, len(RANDOM_OPTS), fails))
    return fails


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != "--random-only"):
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("lspci"):
        print("SKIP: lspci not installed (Debian package pciutils)")
        return 77
    vdisc, repo = argv[1], argv[2]
    fails = 0 if len(argv) == 4 else check_dumps(vdisc, repo)
    with tempfile.TemporaryDirectory() as tmp:
        fails += check_random(vdisc, tmp)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
