#!/usr/bin/env bash
# The freestanding core may call nothing outside itself but libfdt and the
# mem/str functions libfdt itself needs.  Anything else is a libc dependency.
set -euo pipefail
lib=$1
allowed='^(memcpy|memmove|memset|memcmp|memchr|strlen|strnlen|strcmp|strncmp|strchr|strrchr|fdt_[a-z0-9_]+)$'
defined=$(nm --defined-only -g "$lib" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u)
undefined=$(nm -u "$lib" | awk 'NF>=2 {print $2}' | sort -u)
bad=$(comm -23 <(echo "$undefined") <(echo "$defined") | grep -Ev "$allowed" || true)
count=$(echo "$undefined" | grep -c . || true)
if [ -n "$bad" ]; then
  echo "libc (or other) symbols used by the freestanding core:"
  echo "$bad"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "freestanding core: $count external symbols, all libfdt or mem/str"
echo "$undefined" | tr '\n' ' '; echo
