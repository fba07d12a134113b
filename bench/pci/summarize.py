#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Summarise bench/pci/run.sh's raw samples: prints the table (stdout) and
appends the medians and ratios to the results file.

Usage: summarize.py RESULTS
"""

import math
import statistics
import sys

LEVELS = ["default", "-v", "-vv", "-vvv", "-nn"]
VDISC_LEVEL = {"-vvv": "-vv"}  # what vdisc runs against lspci's level


def num(s):
    return None if s == "-" else float(s)


def main():
    path = sys.argv[1]
    inputs = []  # (kind, name, functions, bytes)
    samples = {}  # (input, level, tool) -> ([wall], [rss])
    header = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                header.append(line)
                continue
            col = line.split("\t")
            if col[0] == "input":
                inputs.append((col[1], col[2], int(col[3]), int(col[4])))
            elif col[0] == "sample":
                w, r = num(col[5]), num(col[6])
                ent = samples.setdefault((col[1], col[2], col[3]), ([], []))
                if w is not None:
                    ent[0].append(w)
                if r is not None:
                    ent[1].append(r)

    def med(key):
        ent = samples.get(key)
        if not ent or not ent[0] or not ent[1]:
            return None
        return statistics.median(ent[0]), statistics.median(ent[1])

    out = []  # lines appended to the results file
    rows = {}  # (input, level) -> (lw, lr, vw, vr)
    for kind, name, fns, size in inputs:
        for level in LEVELS:
            lm, vm = med((name, level, "lspci")), med((name, level, "vdisc"))
            if lm is None or vm is None:
                continue
            rows[(name, level)] = (lm[0], lm[1], vm[0], vm[1])
            out.append("median\t%s\t%s\tlspci\t%.3f\t%d" % (name, level, lm[0], lm[1]))
            out.append("median\t%s\t%s\tvdisc\t%.3f\t%d" % (name, level, vm[0], vm[1]))
            out.append("ratio\t%s\t%s\t%.3f\t%.3f" % (name, level, vm[0] / lm[0], vm[1] / lm[1]))

    kinds = {name: kind for kind, name, _, _ in inputs}
    nruns = {}
    for (name, _, _), (_, rss) in samples.items():
        if name in kinds:
            k = "synthetic dump" if kinds[name] == "synthetic" else "fixtures, corpus"
            nruns[k] = max(nruns.get(k, 0), len(rss))
    base = samples.get(("baseline", "-", "true"), ([], []))[0]
    print("vdisc pci -F DUMP vs lspci -F DUMP: whole process, median of %s" %
          "; ".join("%d runs (%s)" % (n, k) for k, n in nruns.items()))
    print("time in ms (wall clock), RSS = peak resident set in KiB; x = vdisc / lspci "
          "(below 1: vdisc better)")
    print("vdisc -vv stands in for lspci -vvv (vdisc's most verbose level is -vv)")
    if base:
        print("harness start-up (fork + exec of /usr/bin/time and /bin/true): %.2f ms"
              % statistics.median(base))
    for h in header:
        if "SKIPPED" in h:
            print(h.lstrip("# "))
    print()

    misses = []
    fmt = "%-34s %6s  %-8s %9s %9s %6s  %8s %8s %5s"
    print(fmt % ("INPUT", "FNS", "LEVEL", "LSPCI ms", "VDISC ms", "TIME x",
                 "LSPCI KB", "VDISC KB", "RSS x"))
    for kind, name, fns, size in inputs:
        if kind == "corpus":
            continue
        first = True
        label = name if kind == "synthetic" else "fixture " + name
        for level in LEVELS:
            r = rows.get((name, level))
            if not r:
                continue
            lw, lr, vw, vr = r
            lv = level if level not in VDISC_LEVEL else "%s/%s" % (level, VDISC_LEVEL[level])
            print(fmt % (label[:34] if first else "", fns if first else "", lv,
                         "%.1f" % lw, "%.1f" % vw, "%.2f" % (vw / lw), "%d" % lr, "%d" % vr,
                         "%.2f" % (vr / lr)))
            if vw >= lw:
                misses.append("%s %s (%.2f)" % (label, level, vw / lw))
            first = False
        if kind == "synthetic":
            print("%-34s %s" % ("", "(%.1f MB dump)" % (size / 1e6)))

    corpus = [(n, fns) for kind, n, fns, _ in inputs if kind == "corpus"]
    if corpus:
        total_fns = sum(f for _, f in corpus)
        print()
        print("real-world corpus: %d dumps, %d functions; per level: sum of the per-dump "
              "medians, ratio of the sums," % (len(corpus), total_fns))
        print("geometric mean and worst of the per-dump ratios, dumps where vdisc is not "
              "faster, largest peak RSS of each tool")
        cfmt = "%-8s %9s %9s %6s %7s %6s  %-36s %5s  %8s %8s %6s"
        print(cfmt % ("LEVEL", "LSPCI ms", "VDISC ms", "TIME x", "GEOMEAN", "WORST",
                      "(dump)", "SLOW", "LSPCI KB", "VDISC KB", "RSS x"))
        for level in LEVELS:
            rs = [(n, rows[(n, level)]) for n, _ in corpus if (n, level) in rows]
            if not rs:
                continue
            lsum = sum(r[0] for _, r in rs)
            vsum = sum(r[2] for _, r in rs)
            ratios = [(r[2] / r[0], n) for n, r in rs]
            geo = math.exp(sum(math.log(x) for x, _ in ratios) / len(ratios))
            worst = max(ratios)
            slow = sum(1 for x, _ in ratios if x >= 1)
            lmax = max(r[1] for _, r in rs)
            vmax = max(r[3] for _, r in rs)
            rgeo = math.exp(sum(math.log(r[3] / r[1]) for _, r in rs) / len(rs))
            lv = level if level not in VDISC_LEVEL else "%s/%s" % (level, VDISC_LEVEL[level])
            print(cfmt % (lv, "%.1f" % lsum, "%.1f" % vsum, "%.2f" % (vsum / lsum),
                          "%.2f" % geo, "%.2f" % worst[0], worst[1][:36], slow,
                          "%d" % lmax, "%d" % vmax, "%.2f" % rgeo))
            out.append("corpus\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%d\t%d\t%d\t%.3f" %
                       (level, lsum, vsum, vsum / lsum, geo, worst[0], worst[1], slow, lmax,
                        vmax, rgeo))
            if slow:
                misses.append("corpus %s (%d of %d dumps, worst %.2f %s)" %
                              (level, slow, len(rs), worst[0], worst[1]))
        print("(corpus RSS x is the geometric mean of the per-dump RSS ratios)")

    print()
    if misses:
        print("time target (vdisc faster than lspci, x < 1, everywhere): NOT MET at:")
        for m in misses:
            print("  " + m)
    else:
        print("time target (vdisc faster than lspci, x < 1, everywhere): met")

    with open(path, "a", encoding="utf-8") as f:
        f.write("# medians: median INPUT LEVEL TOOL WALL_MS RSS_KB; "
                "ratio INPUT LEVEL TIME_X RSS_X (vdisc/lspci)\n")
        f.write("# corpus LEVEL LSPCI_SUM_MS VDISC_SUM_MS SUM_X GEOMEAN_X WORST_X WORST_DUMP "
                "SLOW_DUMPS LSPCI_MAX_KB VDISC_MAX_KB RSS_GEOMEAN_X\n")
        for line in out:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
