#!/usr/bin/env bash
# Extracts libfdt's sources for the freestanding cross builds from Debian's
# linux-source-6.1 package (linux-source-6.1/scripts/dtc/libfdt/), into
# OUTDIR/libfdt.  Only libfdt's own *.c and *.h are taken, and not its
# libfdt_env.h: that one includes a hosted C library's <stdlib.h>, <string.h>
# and <limits.h>, so the cross builds use cmake/toolchains/freestanding-include/
# libfdt_env.h instead (it must not sit beside libfdt.h, whose
# #include "libfdt_env.h" would find it there first).
#
# Idempotent: a stamp records which tarball (path, size, mtime) the files came
# from; when it matches, nothing is done.  OUTDIR must be a build directory,
# never the source tree.
#
# Usage: scripts/libfdt-source.sh OUTDIR   (prints OUTDIR/libfdt)
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: libfdt-source.sh OUTDIR" >&2
	exit 2
fi
out=$1
tarball=${VDISC_LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
member=linux-source-6.1/scripts/dtc/libfdt

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "$out")
case "$out/" in
"$root"/build* | "$root"/out/*) ;; # build directories inside the checkout are fine
"$root"/*)
	echo "libfdt-source.sh: $out is inside the source tree; give a build directory" >&2
	exit 2
	;;
esac

if [ ! -r "$tarball" ]; then
	echo "libfdt-source.sh: $tarball not found: install the Debian package 'linux-source-6.1' (scripts/bootstrap.sh cross does)" >&2
	exit 3
fi

mkdir -p "$out"
# Parallel configures (one per architecture) may share OUTDIR: one at a time.
exec 9>"$out/.libfdt-source.lock"
flock 9
stamp="$out/libfdt/.vdisc-libfdt-source"
want="$tarball $(stat -c '%s %Y' "$tarball")"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	echo "$out/libfdt"
	exit 0
fi

tmp=$(mktemp -d "$out/.libfdt-src.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$tarball" -C "$tmp" --wildcards --no-wildcards-match-slash \
	--exclude="$member/libfdt_env.h" "$member/*.c" "$member/*.h"
for f in fdt.c fdt_ro.c libfdt.h fdt.h libfdt_internal.h; do
	if [ ! -f "$tmp/$member/$f" ]; then
		echo "libfdt-source.sh: $tarball has no $member/$f (is 'linux-source-6.1' complete?)" >&2
		exit 3
	fi
done
echo "$want" >"$tmp/$member/.vdisc-libfdt-source"
rm -rf "$out/libfdt"
mv "$tmp/$member" "$out/libfdt"
echo "$out/libfdt"
