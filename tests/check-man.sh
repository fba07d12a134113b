#!/usr/bin/env bash
# The man page must format without a single groff warning, and document every long option the CLI has.
set -uo pipefail
man=$1 vdisc=$2
warnings=$(groff -man -ww -z "$man" 2>&1)
if [ -n "$warnings" ]; then echo "groff warnings:"; echo "$warnings"; exit 1; fi
missing=0
# The names listed under "Commands:" or "Subcommands:" in a --help text.
listed() { awk '/^(Sub)?[Cc]ommands:$/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}'; }
for cmd in $("$vdisc" --help | listed); do
  [ "$cmd" = help ] && continue
  for sub in "" $("$vdisc" "$cmd" --help | listed); do
    for opt in $("$vdisc" $cmd $sub --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
      case "$opt" in --help|--usage|--version) continue ;; esac
      if ! grep -q -- "$(echo "$opt" | sed 's/-/\\\\-/g')" "$man"; then
        echo "man page does not document 'vdisc $cmd${sub:+ $sub} $opt'"; missing=1
      fi
    done
  done
done
# The version is written once, in include/vdisc/vdisc.h; the page's .TH line must name the same.
want=$("$vdisc" --version | head -n 1)
have=$(sed -n 's/^\.TH [^"]*"[^"]*" "\([^"]*\)".*/\1/p' "$man")
if [ "$have" != "$want" ]; then
  echo "man page .TH says '$have', 'vdisc --version' says '$want'"; missing=1
fi
[ $missing -eq 0 ] && echo "man page clean and complete"
exit $missing
