#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Summarise bench/boot/run.sh's raw samples: one table of ratios of median IOPS
per architecture and transport (stdout), appended to the results file with the
medians themselves.

Usage: summarize.py RESULTS
"""

import statistics
import sys

TARGET_QD_SCALING = 4.0  # issue 15: QD32 >= 4x QD1 on every architecture
RINGS = ("split", "packed")
MODES = ("poll", "irq")
QDS = (1, 32)


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(v, flag=False):
    if v is None:
        return "-"
    return "%.2f%s" % (v, "*" if flag and v < TARGET_QD_SCALING else "")


def load(path):
    samples = {}  # (arch, transport, ring, mode, qd) -> {run: iops}
    targets = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if col[0] != "sample" or len(col) < 11:
                continue
            arch, tr, run, ring, mode, qd = col[1], col[2], int(col[3]), col[4], col[5], int(col[6])
            samples.setdefault((arch, tr, ring, mode, qd), {})[run] = float(col[9])
            if (arch, tr) not in targets:
                targets.append((arch, tr))
    return samples, targets


def per_run_spread(samples, key_a, key_b):
    """min..max of the per-run ratios a/b (same boot): how much one boot's ratio moves."""
    a, b = samples.get(key_a, {}), samples.get(key_b, {})
    rs = [a[r] / b[r] for r in a if r in b and b[r]]
    return (min(rs), max(rs)) if rs else None


def main():
    path = sys.argv[1]
    samples, targets = load(path)

    def med(arch, tr, ring, mode, qd):
        v = samples.get((arch, tr, ring, mode, qd))
        return statistics.median(v.values()) if v else None

    out = []
    head1 = "%-8s %-5s | %-27s | %-27s | %-27s" % (
        "", "", "QD32 / QD1", "packed / split", "irq / poll")
    head2 = "%-8s %-5s | %6s %6s %6s %6s | %6s %6s %6s %6s | %6s %6s %6s %6s" % (
        "arch", "bus", "s-poll", "s-irq", "p-poll", "p-irq",
        "poll1", "poll32", "irq1", "irq32", "s-qd1", "s-qd32", "p-qd1", "p-qd32")
    out += [head1, head2, "-" * len(head2)]
    misses, medians = [], []
    for arch, tr in targets:
        m = {(r, mo, q): med(arch, tr, r, mo, q) for r in RINGS for mo in MODES for q in QDS}
        scaling = []
        for r in RINGS:
            for mo in MODES:
                v = ratio(m[r, mo, 32], m[r, mo, 1])
                scaling.append(fmt(v, True))
                if v is not None and v < TARGET_QD_SCALING:
                    misses.append("%s %s %s %s: %.2f" % (arch, tr, r, mo, v))
        packed = [fmt(ratio(m["packed", mo, q], m["split", mo, q])) for mo in MODES for q in QDS]
        irq = [fmt(ratio(m[r, "irq", q], m[r, "poll", q])) for r in RINGS for q in QDS]
        out.append("%-8s %-5s | %6s %6s %6s %6s | %6s %6s %6s %6s | %6s %6s %6s %6s" % (
            (arch, tr) + tuple(scaling) + tuple(packed) + tuple(irq)))
        for k, v in m.items():
            if v is not None:
                runs = len(samples[(arch, tr) + k])
                spread = per_run_spread(samples, (arch, tr, k[0], k[1], 32),
                                        (arch, tr, k[0], k[1], 1)) if k[2] == 32 else None
                medians.append("median\t%s\t%s\t%s\t%s\t%d\t%.0f\t%d runs%s" % (
                    arch, tr, k[0], k[1], k[2], v, runs,
                    "\tper-boot QD32/QD1 %.2f..%.2f" % spread if spread else ""))
    out.append("")
    out.append("(ratios of median IOPS; s/p: split/packed ring; poll1, s-qd1...: at that queue "
               "depth; * marks QD32/QD1 below the target of %.0f; '-': not measured, e.g. no "
               "interrupt route)" % TARGET_QD_SCALING)
    if misses:
        out.append("target QD32 >= %.0fx QD1: NOT met for %s" % (TARGET_QD_SCALING, "; ".join(misses)))
    elif targets:
        out.append("target QD32 >= %.0fx QD1: met everywhere measured" % TARGET_QD_SCALING)
    else:
        out.append("no samples")
    print("\n".join(out))
    with open(path, "a", encoding="utf-8") as f:
        f.write("# columns: median ARCH TRANSPORT RING MODE QD IOPS RUNS [per-boot spread]\n")
        f.write("".join(line + "\n" for line in medians))
        f.write("".join("# " + line + "\n" for line in out))


if __name__ == "__main__":
    main()
