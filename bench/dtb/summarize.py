#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Summarise bench/dtb/run.sh's raw samples: prints the tables and the targets
(stdout) and appends the medians to the results file.

Usage: summarize.py RESULTS
"""

import statistics
import sys

MODES = ["table", "-v", "--tree", "--json", "--compatible"]
TARGET_TIME_X = 1.0   # every mode at 100k nodes within fdtdump's time
TARGET_SCALING = 1.3  # time per node at 100k within 1.3x that at 10k
RSS_SLACK_KB = 8 * 1024


def main():
    path = sys.argv[1]
    inputs = []  # (name, shape, nodes, bytes)
    samples = {}  # (input, tool, mode) -> {"ok": [(wall, rss)], "timeout": n, "fail": n}
    timeout_s = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if col[0] == "input":
                inputs.append((col[1], col[2], int(col[3]), int(col[4])))
            elif col[0] == "timeout":
                timeout_s = float(col[1])
            elif col[0] == "sample":
                ent = samples.setdefault((col[1], col[2], col[3]),
                                         {"ok": [], "timeout": 0, "fail": 0, "skip": 0})
                if col[5] == "ok":
                    ent["ok"].append((float(col[6]), int(col[7])))
                else:
                    ent[col[5]] += 1

    def med(name, tool, mode):
        """(wall_ms, rss_kb, note): note is '' or why there is no median."""
        ent = samples.get((name, tool, mode))
        if ent is None:
            return None, None, "not run"
        if ent["fail"]:
            return None, None, "FAILED"
        if ent["timeout"]:
            return None, None, "TIMEOUT"
        if not ent["ok"]:
            return None, None, "no sample"
        return (statistics.median(w for w, _ in ent["ok"]),
                statistics.median(r for _, r in ent["ok"]), "")

    out = []  # lines appended to the results file
    misses, met = [], []
    per_node = {}  # (shape, nodes, mode) -> us per node
    runs = max((len(e["ok"]) + e["timeout"] + e["skip"] + e["fail"]
                for k, e in samples.items() if k[0] != "baseline"), default=0)
    print("vdisc dtb FILE against fdtdump FILE and dtc -q -I dtb -O dts FILE: whole process, "
          "stdout to /dev/null,")
    print("median of %d alternating runs; time = wall clock, RSS = peak resident set; "
          "x = vdisc / the other (below 1: vdisc better)" % runs)
    base = samples.get(("baseline", "true", "-"))
    if base and base["ok"]:
        print("harness start-up (fork + exec of /usr/bin/time and /bin/true, inside every "
              "run): %.2f ms, %d KB" % (statistics.median(w for w, _ in base["ok"]),
                                         statistics.median(r for _, r in base["ok"])))
    if timeout_s is not None:
        print("a run still going after %g s is killed: TIMEOUT, and the command's other runs "
              "on that file are skipped" % timeout_s)
    fmt = "  %-8s %-13s %10s %9s %10s %7s %9s %8s"
    for name, shape, nodes, size in inputs:
        rss_limit = 2 * size / 1024 + RSS_SLACK_KB
        print()
        print("== %s, %d nodes, %.2f MB blob (RSS target: 2 x blob + 8 MB = %.1f MB)"
              % (shape, nodes, size / 1e6, rss_limit / 1024))
        print(fmt % ("TOOL", "MODE", "TIME ms", "RSS MB", "us/node", "x fdtd", "x dtc",
                     "RSS x fd"))
        fw, fr, fnote = med(name, "fdtdump", "-")
        dw, dr, dnote = med(name, "dtc", "-")
        for tool, mode, w, r, note in (("fdtdump", "-", fw, fr, fnote),
                                       ("dtc", "-I dtb -O dts", dw, dr, dnote)):
            print(fmt % (tool, mode, note or "%.1f" % w, "" if note else "%.1f" % (r / 1024),
                         "" if note else "%.3f" % (w * 1000 / nodes), "", "", ""))
            if not note:
                out.append("median\t%s\t%s\t-\t%.3f\t%d" % (name, tool, w, r))
        for mode in MODES:
            w, r, note = med(name, "vdisc", mode)
            if note:
                shown = note
                if note == "TIMEOUT":
                    shown = ">%d TIMEOUT" % (timeout_s * 1000) if timeout_s else note
                print(fmt % ("vdisc", mode, shown, "", "", "", "", ""))
                if nodes >= 100000:
                    misses.append("%s %dk %s: %s" % (shape, nodes // 1000, mode, note))
                continue
            tx = w / fw if fw else None
            print(fmt % ("vdisc", mode, "%.1f" % w, "%.1f" % (r / 1024),
                         "%.3f" % (w * 1000 / nodes),
                         "%.2f" % tx if tx else "", "%.2f" % (w / dw) if dw else "",
                         "%.2f" % (r / fr) if fr else ""))
            out.append("median\t%s\tvdisc\t%s\t%.3f\t%d" % (name, mode, w, r))
            per_node[(shape, nodes, mode)] = w * 1000 / nodes
            where = "%s %dk %s" % (shape, nodes // 1000, mode)
            if r > rss_limit:
                misses.append("%s: RSS %.1f MB > %.1f MB" % (where, r / 1024, rss_limit / 1024))
            if nodes >= 100000:
                if tx is None:
                    misses.append("%s: no fdtdump time to compare with" % where)
                elif tx > TARGET_TIME_X:
                    misses.append("%s: %.2f x fdtdump's time" % (where, tx))
                else:
                    met.append(where)

    shapes = []
    for _, shape, _, _ in inputs:
        if shape not in shapes:
            shapes.append(shape)
    print()
    print("scaling: vdisc's time per node (us) at 10k and 100k nodes, and their ratio "
          "(target <= %.1f)" % TARGET_SCALING)
    sfmt = "  %-8s %-13s %10s %10s %7s"
    print(sfmt % ("SHAPE", "MODE", "10k us/n", "100k us/n", "x"))
    for shape in shapes:
        for mode in MODES:
            a, b = per_node.get((shape, 10000, mode)), per_node.get((shape, 100000, mode))
            if not any(sh == shape and n in (10000, 100000) for _, sh, n, _ in inputs):
                continue
            x = b / a if a and b else None
            print(sfmt % (shape, mode, "%.3f" % a if a else "-", "%.3f" % b if b else "-",
                          "%.2f" % x if x else "-"))
            if x is not None:
                out.append("scaling\t%s\t%s\t%.4f\t%.4f\t%.3f" % (shape, mode, a, b, x))
                if x > TARGET_SCALING:
                    misses.append("%s %s: time per node at 100k is %.2f x that at 10k"
                                  % (shape, mode, x))
            elif any(sh == shape and n == 100000 for _, sh, n, _ in inputs):
                misses.append("%s %s: no %s time for the scaling check"
                              % (shape, mode, "10k" if a is None else "100k"))

    print()
    print("targets (issue 12):")
    print("  at 100k nodes every mode <= %.1f x fdtdump's time;" % TARGET_TIME_X)
    print("  peak RSS <= 2 x blob + 8 MB (every size);")
    print("  time per node at 100k <= %.1f x that at 10k" % TARGET_SCALING)
    if not any(n >= 100000 for _, _, n, _ in inputs):
        print("  (no 100k inputs in this run: the time and scaling targets are not checked)")
    if misses:
        print("NOT MET (%d):" % len(misses))
        for m in misses:
            print("  " + m)
    else:
        print("all met" + (" (%d mode/shape pairs at 100k)" % len(met) if met else ""))

    with open(path, "a", encoding="utf-8") as f:
        f.write("# medians: median INPUT TOOL MODE WALL_MS RSS_KB; "
                "scaling SHAPE MODE US_PER_NODE_10K US_PER_NODE_100K RATIO\n")
        for line in out:
            f.write(line + "\n")
        for m in misses:
            f.write("miss\t%s\n" % m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
