#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a directory as a cpio archive in the kernel's "newc" format, as
`busybox cpio -o -H newc -R 0:0` does: every entry owned by root, in sorted
order.  For guest caches of another architecture, whose busybox does not run here.

    newc.py DIR > OUT.cpio
"""
import os
import stat
import sys


def entry(out, ino, name, st, data):
    nb = name.encode() + b"\0"
    head = "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x" % (
        ino, st.st_mode, 0, 0, 1, int(st.st_mtime), len(data), 0, 0, 0, 0, len(nb), 0)
    out.write(head.encode() + nb)
    out.write(b"\0" * ((4 - (110 + len(nb)) % 4) % 4))
    out.write(data)
    out.write(b"\0" * ((4 - len(data) % 4) % 4))


def main():
    root = sys.argv[1]
    out = sys.stdout.buffer
    paths = []
    for d, dirs, files in os.walk(root):
        for n in dirs + files:
            paths.append(os.path.relpath(os.path.join(d, n), root))
    ino = 1
    for rel in sorted(paths):
        full = os.path.join(root, rel)
        st = os.lstat(full)
        if stat.S_ISLNK(st.st_mode):
            data = os.readlink(full).encode()
        elif stat.S_ISREG(st.st_mode):
            data = open(full, "rb").read()
        else:
            data = b""
        entry(out, ino, rel, st, data)
        ino += 1
    entry(out, 0, "TRAILER!!!", os.stat(root), b"")
    out.write(b"\0" * ((512 - out.tell() % 512) % 512) if out.seekable() else b"")


if __name__ == "__main__":
    main()
