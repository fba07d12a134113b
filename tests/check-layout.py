#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Keep the tree's rooms as docs/ARCHITECTURE.md draws them.

1. The core folders (src/discover, src/fdt, src/irq, src/pci, src/virtio,
   src/registry) include nothing from src/hosted or src/cli: the OS sits
   above them.
2. No file-static function name is used in two files of src/: stack and size
   reports print bare names, and a name should say which file it lives in.

usage: check-layout.py REPO        (exit 1 and one line per problem)
"""
import os
import re
import sys

CORE = ("discover", "fdt", "irq", "pci", "virtio", "machine", "registry")
UPPER = ("hosted", "cli")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
STATIC_FN = re.compile(r"^static\s+[^=;(]*?[\s*]([a-z_][a-z0-9_]*)\s*\(")


def sources(src, folder):
    for root, _, files in os.walk(os.path.join(src, folder)):
        for name in sorted(files):
            if name.endswith((".c", ".h")):
                yield os.path.join(root, name)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    repo = argv[1]
    src = os.path.join(repo, "src")
    problems = []
    owners = {}
    for folder in sorted(os.listdir(src)):
        if not os.path.isdir(os.path.join(src, folder)):
            continue
        for path in sources(src, folder):
            rel = os.path.relpath(path, repo)
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if m and folder in CORE:
                        target = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1)))
                        top = os.path.relpath(target, src).split(os.sep)[0]
                        if top in UPPER or m.group(1).split("/")[0] in UPPER:
                            problems.append(f"{rel}:{n}: the core includes {m.group(1)}")
                    m = STATIC_FN.match(line)
                    if m and m.group(1) != "__attribute__":
                        owners.setdefault(m.group(1), set()).add(rel)
    for name, files in sorted(owners.items()):
        if len(files) > 1:
            problems.append(f"static {name}() in {len(files)} files: {', '.join(sorted(files))}")
    for p in problems:
        print(p)
    print(f"layout: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
