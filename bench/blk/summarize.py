#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Summarise bench/blk/run.sh's raw samples: prints the table of medians and
ratios (stdout) and appends the medians and ratios to the results file.

Usage: summarize.py RESULTS
"""

import statistics
import sys

# The targets of issue 10, checked where the numbers exist.
TARGET_VS_QEMU_IMG = 1.3  # vdisc / qemu-img IOPS at depth 32, same aio mode
TARGET_QD_SCALING = 2.0  # vdisc depth 32 / depth 1
TARGET_OVER_RAW = 0.10  # what the library may add to the raw loop's depth-1 round trip


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(v, digits=0):
    if v is None:
        return "-"
    return "%.*f" % (digits, v)


def main():
    path = sys.argv[1]
    samples = {}  # (aio, rw, bs, depth, tool) -> [iops]
    p50s = {}  # (aio, rw, bs, depth, tool) -> [p50 ns]
    aios, configs = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if col[0] != "sample":
                continue
            aio, rw, bs, depth, tool = col[1], col[2], int(col[3]), int(col[4]), col[5]
            samples.setdefault((aio, rw, bs, depth, tool), []).append(float(col[7]))
            if col[9] != "-":
                p50s.setdefault((aio, rw, bs, depth, tool), []).append(float(col[9]))
            if aio != "kernel" and aio not in aios:
                aios.append(aio)
            if (rw, bs, depth) not in configs:
                configs.append((rw, bs, depth))

    def med(aio, cfg, tool):
        v = samples.get((aio,) + cfg + (tool,))
        return statistics.median(v) if v else None

    out = []
    head = "%-9s %-11s %5s %6s %10s %10s %10s %10s %7s %7s %7s" % (
        "aio", "workload", "depth", "unit", "vdisc", "qemu-img", "fio", "raw",
        "v/qemu", "v/fio", "v/raw")
    out.append(head)
    out.append("-" * len(head))
    for aio in aios:
        for cfg in configs:
            rw, bs, depth = cfg
            scale = 1.0 if bs <= 65536 else bs / 1048576.0  # MiB/s for large blocks
            unit = "IOPS" if bs <= 65536 else "MiB/s"
            # fio ran once per configuration, as aio "kernel": the same in every aio row.
            meds = (med(aio, cfg, "vdisc"), med(aio, cfg, "qemu-img"), med("kernel", cfg, "fio"),
                    med(aio, cfg, "raw"))
            v, q, k, r = (x * scale if x is not None else None for x in meds)
            out.append("%-9s %-11s %5d %6s %10s %10s %10s %10s %7s %7s %7s" % (
                aio, "%s %s" % (rw, "%dk" % (bs // 1024) if bs < 1048576 else "%dM" % (bs // 1048576)),
                depth, unit, fmt(v), fmt(q), fmt(k), fmt(r),
                fmt(ratio(v, q), 2), fmt(ratio(v, k), 2), fmt(ratio(v, r), 2)))
    out.append("")
    verdicts = []
    for aio in aios:
        c1, c32 = ("randread", 4096, 1), ("randread", 4096, 32)
        v1, v32 = med(aio, c1, "vdisc"), med(aio, c32, "vdisc")
        q1, q32 = med(aio, c1, "qemu-img"), med(aio, c32, "qemu-img")
        r1, r32 = med(aio, c1, "raw"), med(aio, c32, "raw")
        out.append("%-9s depth 32 / depth 1: vdisc %s, qemu-img %s, raw %s" % (
            aio, fmt(ratio(v32, v1), 2), fmt(ratio(q32, q1), 2), fmt(ratio(r32, r1), 2)))
        lat_v = p50s.get((aio,) + c1 + ("vdisc",))
        lat_r = p50s.get((aio,) + c1 + ("raw",))
        if lat_v and lat_r:
            lv, lr = statistics.median(lat_v), statistics.median(lat_r)
            added = lv / lr - 1
            verdicts.append("%s: depth-1 p50 round trip vdisc %.1f us, raw %.1f us: +%.0f%% "
                            "(target <= %.0f%%): %s" % (
                                aio, lv / 1e3, lr / 1e3, added * 100, TARGET_OVER_RAW * 100,
                                "met" if added <= TARGET_OVER_RAW else "NOT met"))
        if v32 is not None and q32:
            ok = v32 / q32 >= TARGET_VS_QEMU_IMG
            verdicts.append("%s: vdisc/qemu-img at depth 32 = %.2f (target >= %.1f): %s" % (
                aio, v32 / q32, TARGET_VS_QEMU_IMG, "met" if ok else "NOT met"))
        if v32 is not None and v1:
            ok = v32 / v1 >= TARGET_QD_SCALING
            verdicts.append("%s: vdisc depth 32 / depth 1 = %.2f (target >= %.1f): %s" % (
                aio, v32 / v1, TARGET_QD_SCALING, "met" if ok else "NOT met"))
    out.append("")
    if verdicts:
        out.extend(verdicts)
    else:
        out.append("no vdisc samples: the table is the qemu-img/fio/raw baseline only")
    out.append("(medians; ratios above 1 mean vdisc is faster; fio is the kernel's io_uring, "
               "the same number in every aio row; raw is bench/blk/raw_roundtrip.c, the "
               "simplest request loop on vdisc's own ring set-up, depth 1 only)")
    text = "\n".join(out)
    print(text)
    with open(path, "a", encoding="utf-8") as f:
        f.write("".join("# " + line + "\n" for line in out))


if __name__ == "__main__":
    main()
