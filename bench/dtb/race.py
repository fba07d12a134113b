#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run bench/dtb/run.sh's commands, alternating, and print one sample per run.

Usage: race.py RUNS TIMEOUT_S CMDFILE >> RESULTS

CMDFILE has one command per line, tab separated: INPUT TOOL MODE ARGV... .
For each input in turn, RUNS rounds; in each round every command of that
input runs once, in the file's order, so that a burst of background load hits
every tool alike.  Each run: stdout to /dev/null, stderr discarded (dtc warns
a lot), wall time from before the fork to after wait4(), peak RSS from GNU
time's %M (ru_maxrss, KiB) around the command: a child forked from this
Python process would report the interpreter's RSS, inherited through fork,
as its own peak (Linux keeps the larger of the old and the new image's);
/usr/bin/time is small, and is inside every run of every tool alike.  A run still going after
TIMEOUT_S is killed and recorded as a timeout; the command's remaining rounds
on that input are skipped (recorded as "skip"), so a slow mode costs one
timeout per input, not RUNS of them.

Output lines (tab separated): sample INPUT TOOL MODE RUN STATUS WALL_MS RSS_KB
with STATUS ok, fail (exit status not 0: WALL_MS and RSS_KB are '-'),
timeout or skip.  Progress goes to stderr.
"""
import os
import signal
import subprocess
import sys
import threading
import time


def run_once(argv, timeout, rss_file):
    """One run: (status, wall_ms, rss_kb)."""
    argv = ['/usr/bin/time', '-f', '%M', '-o', rss_file] + argv
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    killed = []

    def kill():
        killed.append(True)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    _, status, _ = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen quiet
    if killed:
        return 'timeout', wall, None
    if proc.returncode != 0:
        return 'fail', None, None
    with open(rss_file, encoding='utf-8') as f:
        return 'ok', wall, int(f.read().split()[-1])


def main():
    runs, timeout, cmdfile = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    rss_file = cmdfile + '.rss'
    # The harness itself: fork and exec of /usr/bin/time and /bin/true.
    for r in range(1, 6):
        _, wall, rss = run_once(['/bin/true'], timeout, rss_file)
        print('sample\tbaseline\ttrue\t-\t%d\tok\t%.3f\t%s' % (r, wall, rss))
    inputs = {}  # input -> [(tool, mode, argv)], in the file's order
    with open(cmdfile, encoding='utf-8') as f:
        for line in f:
            col = line.rstrip('\n').split('\t')
            inputs.setdefault(col[0], []).append((col[1], col[2], col[3:]))
    failed = False
    for name, cmds in inputs.items():
        dead = set()  # (tool, mode) that timed out on this input
        t0 = time.monotonic()
        for r in range(1, runs + 1):
            for tool, mode, argv in cmds:
                if (tool, mode) in dead:
                    status, wall, rss = 'skip', None, None
                else:
                    status, wall, rss = run_once(argv, timeout, rss_file)
                if status == 'timeout':
                    dead.add((tool, mode))
                    print('race.py: %s: %s %s: killed after %g s; its other runs skipped'
                          % (name, tool, mode, timeout), file=sys.stderr)
                elif status == 'fail':
                    failed = True
                    print('race.py: %s: %s %s failed: %s' % (name, tool, mode, ' '.join(argv)),
                          file=sys.stderr)
                print('sample\t%s\t%s\t%s\t%d\t%s\t%s\t%s' % (
                    name, tool, mode, r, status,
                    '-' if wall is None else '%.3f' % wall, '-' if rss is None else rss))
                sys.stdout.flush()
        print('race.py: %s: %d rounds in %.1f s' % (name, runs, time.monotonic() - t0),
              file=sys.stderr)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
