#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""lspci's other output forms against vdisc's, byte for byte.

The tree (-tv, -tn, -tvnn, filtered), bridge paths (-P, -PP) and selection
by class and prog-if (-d ::CC[xx][:PP]) on every dump (the repo's fixtures
and the real-hardware corpus); the machine formats (-m, -vm, -vvmm, with
-n/-nn/-nnn/-D/-k/-x), -nnn and -D on the fixtures and every third corpus
dump; -m, -mm, -vmm and -t alone are pci-agreement's on every dump.  Then
the live-only keys of -vmm (Driver, NUMANode, IOMMUGroup, DTNode, PhySlot)
on a sysfs tree built from a fixture, read by both through
-O sysfs.path=DIR; -i with a pci.ids whose names need quoting; the live
machine.

A difference is a failure unless KNOWN lists it with its reason; a listed
difference that has gone away is a failure too (the list stays true).
lspci's outputs on dumps are cached by content in CACHE_DIR when given (the
runner is pci-agreement's); the runs go in parallel, one per CPU.

usage: formats-vs-lspci.py VDISC SOURCE_DIR [CORPUS_DIR] [CACHE_DIR]
"""
import concurrent.futures
import glob
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pci-agreement"))
import agreement  # noqa: E402  (the cached lspci runner, written once)

# What depends on the machine's shape (the tree, bridge paths, selection): every dump.
OPTS = [
    "-m -t", "-tv", "-tn", "-tvnn", "-tvv -D", "-t -d ::0604", "-tv -d ::01xx", "-t -s 00:",
    "-P", "-PP", "-mm -P", "-vmm -PP -D",
    "-d ::0604", "-d ::06xx", "-d ::0c03:30", "-d ::0101:8a", "-mm -d 8086::0c03",
]
# How a function is written (numbers, names, -D, -x, -k): the fixtures and every third corpus
# dump, since pci-agreement already compares -m, -mm and -vmm, names and all, on every one.
FORMAT_OPTS = ["-m -n", "-mm -nn", "-vm", "-vvmm -k", "-vmm -n", "-vm -nnn", "-mm -D",
               "-mm -x", "-nnn", "-D -nn"]

# (dump file name, options) -> why vdisc is right to differ.
KNOWN = {}
# A bridge whose secondary bus is its own (hostile-caps 01:01.0): lspci's path recursion never
# ends and it dies of SIGSEGV; vdisc starts the path where it would repeat.
for _o in ("-P", "-PP", "-mm -P", "-vmm -PP -D"):
    KNOWN[("hostile-caps.lspci-x.txt", _o)] = \
        "lspci crashes on the looped bridge 01:01.0; vdisc cuts the loop"

SYSFS_OPTS = ["-vmm", "-vmmk", "-vm -nn", "-vvmmk -D", "-mm", "-t", "-PP", "-vmm -d ::0200"]
IDS_OPTS = ["", "-mm", "-vmm -nn", "-tv", "-vm -n"]
LIVE_OPTS = ["-mm", "-vmm", "-vmmk", "-vm -nn", "-t", "-tv", "-PP", "-D"]
# A tiny pci.ids whose names need quoting, and whose silence about most ids shows lspci's
# fall-backs ("Device 1042", "Class 0600").
IDS = '1af4  Test Vendor\n\t1000  Test Net "quoted" \\\\ back\n\t\t1af4 0001  Sub Thing\n' \
      'C 02  Network\n\t00  Eth\n'


def run_plain(cmd):
    env = dict(os.environ, LC_ALL="C")
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                           timeout=60)
    except subprocess.TimeoutExpired:
        return "", "timed out"
    died = "killed by signal %d" % -p.returncode if p.returncode < 0 else None
    return p.stdout.decode("utf-8", errors="surrogateescape"), died


def compare(job, vdisc, cache):
    """One case: (label, known reason or None, lspci args, vdisc args, dump or None)."""
    label, reason, largs, vargs, dump = job
    if dump and cache:
        lout, ldied = agreement.run(["lspci"] + largs, cache, dump)
    else:
        lout, ldied = run_plain(["lspci"] + largs)
    vout, vdied = run_plain([vdisc, "pci"] + vargs)
    same = lout == vout and not ldied
    if vdied:
        return "fail", "FAIL %s: vdisc %s" % (label, vdied)
    if same and reason:
        return "fail", "FAIL %s: listed as a known difference, but now agrees: drop it" % label
    if same:
        return "pass", None
    if reason:
        return "known", "known %s (lspci %s): %s" % (label, ldied or "exit 0", reason)
    diff = [("- " + a, "+ " + b) for a, b in zip(lout.split("\n"), vout.split("\n")) if a != b]
    lines = [x for pair in diff[:3] for x in pair]
    return "fail", "FAIL %s (lspci %s)\n  %s" % (label, ldied or "exit 0", "\n  ".join(lines))


def dump_jobs(fixtures, corpus):
    for n, d in enumerate(fixtures + corpus):
        base = os.path.basename(d)
        every = n < len(fixtures) or (n - len(fixtures)) % 3 == 0
        for o in OPTS + (FORMAT_OPTS if every else []):
            args = ["-F", d] + o.split()
            yield ("%s %s" % (base, o), KNOWN.get((base, o)), args, args, d)


def sysfs_jobs(src, work, python):
    for f in ("q35-virtio", "i440fx-legacy"):
        fs = os.path.join(work, "sysfs-" + f)
        dump = os.path.join(src, "tests/fixtures/pci/%s.lspci-x.txt" % f)
        if subprocess.run([python, os.path.join(os.path.dirname(__file__), "fake_sysfs.py"),
                           dump, fs]).returncode != 0:
            yield ("fake_sysfs.py %s" % f, None, ["--version"], ["--no-such-option"], None)
            continue
        for o in SYSFS_OPTS:
            yield ("sysfs(%s) %s" % (f, o), None,
                   ["-A", "linux-sysfs", "-O", "sysfs.path=" + fs] + o.split(),
                   ["-O", "sysfs.path=" + fs] + o.split(), None)


def ids_jobs(src, work):
    ids = os.path.join(work, "pci.ids")
    with open(ids, "w", encoding="ascii") as f:
        f.write(IDS)
    for f in ("q35-virtio", "i440fx-legacy"):
        d = os.path.join(src, "tests/fixtures/pci/%s.lspci-x.txt" % f)
        for o in IDS_OPTS:
            args = ["-F", d, "-i", ids] + o.split()
            yield ("%s -i %s" % (f, o), None, args, args, None)


def live_jobs():
    root = "/sys/bus/pci/devices"
    if os.path.isdir(root) and os.listdir(root):
        for o in LIVE_OPTS:
            yield ("live %s" % o, None, o.split(), o.split(), None)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("lspci"):
        print("SKIP: lspci not installed (Debian package pciutils); nothing to compare against")
        return 77
    vdisc, src = os.path.abspath(argv[1]), argv[2]
    corpus = argv[3] if len(argv) > 3 else os.path.join(src, "../shared/corpus/pci-real")
    cache = argv[4] if len(argv) > 4 else None
    agreement.LSPCI_ID = agreement.lspci_identity("lspci")
    version = agreement.lspci_version("lspci")
    if version != "lspci version 3.9.0":
        print("note: the reference is lspci 3.9.0; this is '%s'" % version)
    if cache:
        os.makedirs(cache, exist_ok=True)
    fixtures = sorted(glob.glob(os.path.join(src, "tests/fixtures/pci/*.lspci-x.txt")))
    dumps = []
    if os.path.isdir(corpus):
        dumps = sorted(glob.glob(os.path.join(corpus, "*.lspci-x.txt")))
    else:
        print("note: %s absent: fixtures only" % corpus)
    counts = {"pass": 0, "known": 0, "fail": 0}
    with tempfile.TemporaryDirectory() as work:
        jobs = list(dump_jobs(fixtures, dumps)) + list(sysfs_jobs(src, work, sys.executable))
        jobs += list(ids_jobs(src, work)) + list(live_jobs())
        with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
            for verdict, text in ex.map(lambda j: compare(j, vdisc, cache), jobs):
                counts[verdict] += 1
                if text:
                    print(text)
    print("%d agree, %d known differences (listed with their reasons), %d failed"
          % (counts["pass"], counts["known"], counts["fail"]))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
