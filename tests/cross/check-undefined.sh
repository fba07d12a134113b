#!/usr/bin/env bash
# The cross targets' boundary, as tests/check-freestanding.sh is the host's:
# what the given archives leave undefined, once each has supplied what it
# defines, may only be
#   - the mem/str set libfdt itself needs (the embedder provides it), and
#   - the compiler's runtime, libgcc (which a -nostdlib link names itself),
# and, when no libfdt archive is among them, libfdt's fdt_* functions.
# Anything else is a C library dependency, or a libfdt function the
# libfdt archive does not have.
#
# Usage: tests/cross/check-undefined.sh ARCH LIB...   (ARCH: riscv64 | aarch64 | i686)
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: check-undefined.sh riscv64|aarch64|i686 LIB..." >&2
	exit 2
fi
arch=$1
shift
case "$arch" in
riscv64)
	prefix=riscv64-unknown-elf-
	flags=(-march=rv64imac -mabi=lp64)
	;;
aarch64)
	prefix=aarch64-linux-gnu-
	flags=()
	;;
i686)
	prefix=i686-linux-gnu-
	flags=()
	;;
*)
	echo "check-undefined.sh: unknown ARCH '$arch' (riscv64, aarch64, i686)" >&2
	exit 2
	;;
esac
nm=${prefix}nm
command -v "$nm" >/dev/null || {
	echo "check-undefined.sh: $nm not found: install the Debian package 'gcc-${prefix%-}' (scripts/bootstrap.sh cross does)" >&2
	exit 77
}

mem_str='memcpy|memmove|memset|memcmp|memchr|strlen|strnlen|strcmp|strncmp|strchr|strrchr'
defined=$("$nm" --defined-only -g "$@" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u)
undefined=$("$nm" -u "$@" | awk 'NF>=2 {print $2}' | sort -u)
external=$(comm -23 <(echo "$undefined") <(echo "$defined") | grep . || true)

# libgcc: what the target's libgcc.a (the multilib these flags select) defines.
libgcc=$("${prefix}gcc" "${flags[@]}" -print-libgcc-file-name)
runtime=$("$nm" --defined-only -g "$libgcc" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u)

allowed="^($mem_str)\$"
if ! grep -qx 'fdt_next_tag' <<<"$defined"; then
	allowed="^($mem_str|fdt_[a-z0-9_]+)\$"
fi
from_libgcc=$(comm -12 <(echo "$external") <(echo "$runtime") | grep . || true)
bad=$(comm -23 <(echo "$external") <(echo "$runtime") | grep -Ev "$allowed" || true)

count=$(echo "$external" | grep -c . || true)
if [ -n "$bad" ]; then
	echo "$arch: undefined symbols beyond mem/str, libgcc and what the given archives define:"
	echo "$bad" | sed 's/^/  /'
	echo "0 passed, 1 failed"
	exit 1
fi
echo "$arch: $count external symbols, all mem/str${from_libgcc:+ or libgcc}$(grep -q '^fdt_' <<<"$external" && echo ' or libfdt')"
echo "$external" | tr '\n' ' '
echo
[ -z "$from_libgcc" ] || echo "$arch: from libgcc: $(echo "$from_libgcc" | tr '\n' ' ')"
