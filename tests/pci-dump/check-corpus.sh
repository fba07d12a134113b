#!/usr/bin/env bash
# Every real-world dump in ../shared/corpus/pci-real must parse, listing the
# same functions in the same order as lspci: against the committed lspci 3.9.0
# decode beside each dump (NAME.lspci-vvv.txt) always, and, where lspci is
# installed, against a live `lspci -F FILE -n` and byte for byte against
# `lspci -F FILE -xxxx`.
#
# usage: check-corpus.sh TEST_DUMP_PARSE [ROOT]   (ROOT: the repository; default: from this path)
# Exit: 0 pass, 1 a mismatch, 77 the corpus is absent (ctest: skipped).
set -uo pipefail
bin=$1
root=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
corpus=$root/../shared/corpus/pci-real
shopt -s nullglob
files=("$corpus"/*.lspci-x.txt)
if [ ${#files[@]} -eq 0 ]; then
  echo "SKIP: no dumps in $corpus (the corpus lives in shared/ beside the checkout)"
  exit 77
fi
lspci=$(command -v lspci || true)
[ -n "$lspci" ] || echo "note: lspci not installed; checking against the committed decodes only"

# A slot as lspci prints it (domain only when some device has one) -> dddd:bb:dd.f
slots() {
  awk '/^([0-9a-fA-F]+:)?[0-9a-fA-F][0-9a-fA-F]:[0-9a-fA-F][0-9a-fA-F]\.[0-9]( |$)/ {
         s = $1; if (split(s, p, ":") == 2) s = "0000:" s; print tolower(s) }'
}
hexdump_norm() {
  awk 'NF == 0 { next }
       /^[0-9a-fA-F]+: / { print; next }
       { s = $1; if (split(s, p, ":") == 2) s = "0000:" s; print tolower(s) }'
}

fail=0 nfiles=0 nfns=0
for f in "${files[@]}"; do
  name=$(basename "$f" .lspci-x.txt)
  ours=$("$bin" --list "$f") || { echo "FAIL $name: does not parse"; fail=1; continue; }
  nfiles=$((nfiles + 1))
  nfns=$((nfns + $(printf '%s\n' "$ours" | grep -c .)))
  ref=${f%.lspci-x.txt}.lspci-vvv.txt
  if [ -f "$ref" ]; then
    if [ "$ours" != "$(slots < "$ref")" ]; then
      echo "FAIL $name: functions differ from $(basename "$ref")"
      diff <(printf '%s\n' "$ours") <(slots < "$ref") | head -5
      fail=1
    fi
  fi
  [ -n "$lspci" ] || continue
  if [ "$ours" != "$("$lspci" -F "$f" -n 2>/dev/null | slots)" ]; then
    echo "FAIL $name: functions differ from lspci -F -n"
    fail=1
  fi
  if ! cmp -s <("$bin" --hex "$f") <("$lspci" -F "$f" -n -xxxx 2>/dev/null | hexdump_norm); then
    echo "FAIL $name: bytes differ from lspci -F -xxxx"
    diff <("$bin" --hex "$f") <("$lspci" -F "$f" -n -xxxx 2>/dev/null | hexdump_norm) | head -5
    fail=1
  fi
done
echo "corpus: $nfiles files, $nfns functions${lspci:+, compared with $("$lspci" --version)}"
exit $fail
