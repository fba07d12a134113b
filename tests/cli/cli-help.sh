#!/usr/bin/env bash
# Help, names and versions: every subcommand's own --help naming what it takes, -h as --help,
# 'vdisc help', virtio type aliases with close matches, and --version against the libraries
# the binary really loads (ldd) and the files and tools that carry their versions.
set -uo pipefail
vdisc=$1
unset ARGP_HELP_FMT
export LC_ALL=C
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() { # expect WANT_RC PATTERN -- ARGS...: the exit status, and a line matching PATTERN
  local want=$1 pattern=$2; shift 3
  local out rc
  out=$("$vdisc" "$@" 2>&1); rc=$?
  if [ "$rc" -eq "$want" ] && grep -qE -- "$pattern" <<<"$out"; then ok; else
    bad "vdisc $* -> exit $rc (want $want, /$pattern/): $(head -3 <<<"$out")"; fi
}
same() { # same WHAT CMD1 -- CMD2: both print the same bytes and exit 0
  local what=$1 a b ra rb; shift
  local -a one=() two=()
  while [ "$1" != -- ]; do one+=("$1"); shift; done
  shift; two=("$@")
  a=$("$vdisc" "${one[@]}" 2>&1); ra=$?
  b=$("$vdisc" "${two[@]}" 2>&1); rb=$?
  if [ "$a" = "$b" ] && [ $ra -eq 0 ] && [ $rb -eq 0 ] && [ -n "$a" ]; then ok; else
    bad "$what: 'vdisc ${one[*]}' (exit $ra) and 'vdisc ${two[*]}' (exit $rb) differ"; fi
}

# Each subcommand's help is its own: its usage line names it, it lists its options and
# not another subcommand's.
declare -A own=(
  [virtio types]="--json" [virtio features]="--type --bits --sysfs" [virtio config]="--type --features"
  [virtio mmio]="--scan --cmdline" [blk info]="--vhost-user --pci" [blk check]="--sectors --read-only"
  [blk bench]="--rw --bs --iodepth --allow-write"
)
declare -A not=(
  [virtio types]="--type --scan" [virtio features]="--scan --features" [virtio config]="--bits --sysfs"
  [virtio mmio]="--type --bits" [blk info]="--sectors --rw" [blk check]="--rw --iodepth"
  [blk bench]="--sectors --read-only"
)
declare -A seen=()
for cs in "${!own[@]}"; do
  out=$("$vdisc" $cs --help 2>&1); rc=$?
  [ $rc -eq 0 ] || bad "vdisc $cs --help exits $rc"
  grep -q "^Usage: vdisc $cs " <<<"$out" || bad "vdisc $cs --help: usage line $(head -1 <<<"$out")"
  for o in ${own[$cs]}; do grep -qE -- "(^| )$o([= []|$)" <<<"$out" || bad "vdisc $cs --help lacks $o"; done
  for o in ${not[$cs]}; do
    grep -qE -- "^ +(-., )?$o([= ]|\$|\[)" <<<"$out" && bad "vdisc $cs --help lists $o, another's"
  done
  sum=$(md5sum <<<"$out")
  [ -n "${seen[$sum]:-}" ] && bad "vdisc $cs --help is the same text as vdisc ${seen[$sum]} --help"
  seen[$sum]=$cs
  ok
  same "-h" $cs -h -- $cs --help
  same "help" help $cs -- $cs --help
done
for c in "" dtb pci virtio blk; do
  same "-h" $c -h -- $c --help
  same "-?" $c '-?' -- $c --help
done
same "help" help -- --help
for c in dtb pci virtio blk; do same "help" help $c -- $c --help; done
same "-V" virtio mmio -V -- --version
expect 0 '^Usage: vdisc dtb ' -- dtb -v -h
expect 0 '^Usage: vdisc virtio features ' -- virtio features --usage
expect 2 "unknown command 'frob'" -- help frob
expect 2 "virtio frob: unknown subcommand" -- help virtio frob
expect 2 "help: unexpected argument 'x'" -- help dtb x
expect 2 "help: unexpected argument 'x'" -- help virtio mmio x
expect 2 'no subcommand given' -- virtio
expect 2 'no subcommand given' -- blk
expect 2 "unrecognized option '--json'" -- virtio --json types
expect 2 "unrecognized option '--scan" -- virtio features --scan 0-1
expect 2 "unrecognized option '--rw" -- blk info --rw read --vhost-user /nonexistent
expect 2 "unexpected argument 'x'" -- blk info x --vhost-user /nonexistent

# Option letters: one meaning each across commands (-t tree, -s slot, -T type, -j json).
expect 0 '^block: VERSION_1$' -- virtio features -T block 0x100000000
expect 2 "invalid option -- 't'" -- virtio features -t block 0x1
expect 0 '"device_type_name": "block"' -- virtio features -j -T 2 0x1
expect 2 'give one device' -- blk info -j
expect 2 'give one device' -- blk info -s 00:05.0 --vhost-user /x

# Aliases: each names its type, in any case and with virtio- before it.
for pair in net:network blk:block rng:entropy vsock:socket mem:memory snd:sound serial:console \
            clock:rtc virtiofs:fs 9p:9p scsi:scsi gpu:gpu input:input balloon:balloon \
            iommu:iommu crypto:crypto fs:fs console:console sound:sound VIRTIO-NET:network \
            virtio_blk:block Block:block 1:network 0x2:block; do
  expect 0 "^${pair#*:}: " -- virtio features --type "${pair%%:*}" 0x0
done
types=$("$vdisc" virtio types)
for pair in net:network blk:block rng:entropy vsock:socket mem:memory; do
  grep -qE "^ *[0-9]+  ${pair#*:} .*alias .*\\b${pair%%:*}\\b" <<<"$types" && ok ||
    bad "virtio types does not list ${pair%%:*} beside ${pair#*:}"
done
json=$("$vdisc" virtio types --json)
grep -q '"aliases": \[$' <<<"$json" && grep -q '"blk"' <<<"$json" && ok || bad "virtio types --json has no aliases"
expect 2 "^vdisc: --type netwrk: not a number or a type name; close: network \\(see 'vdisc virtio types'\\)$" -- virtio features --type netwrk 0x1
expect 2 "^vdisc: --type bl: not a number or a type name; close: block, bluetooth, blk " -- virtio config --type bl 00
expect 2 "^vdisc: --type frobnicator: not a number or a type name \\(see 'vdisc virtio types'\\)$" -- virtio features --type frobnicator 0x1
expect 2 "^vdisc: --type -1: not a number" -- virtio features --type -1 0x1
out=$("$vdisc" virtio features --type netwrk 0x1 2>&1)
[ "$(wc -l <<<"$out")" = 1 ] && ok || bad "unknown type: more than one line: $out"

# --version: each library as built and as loaded, checked against what ldd resolves, the
# ids file's own header, and pkg-config.
ver=$("$vdisc" --version)
[ "$(head -1 <<<"$ver")" = "vdisc $(sed -n 's/^#define VDISC_VERSION_STRING "\(.*\)"$/\1/p' \
  "$(dirname "$0")/../../include/vdisc/vdisc.h")" ] && ok || bad "first line: $(head -1 <<<"$ver")"
for lib in libfdt libpci; do
  file=$(ldd "$vdisc" | awk -v l="$lib" '$1 ~ "^" l "[.-]" {print $3}')
  if [ -z "$file" ]; then
    grep -q "^$lib .*linked in statically" <<<"$ver" && ok || bad "$lib: not in ldd, not said static"
    continue
  fi
  real=$(realpath "$file")
  base=$(basename "$real")
  v=$(sed -nE "s/^$lib-([0-9.]+)\\.so\$/\\1/p; s/^$lib\\.so\\.([0-9.]+)\$/\\1/p" <<<"$base")
  line=$(grep "^$lib " <<<"$ver")
  if [[ -n $v && $line == "$lib $v (build: "*"; running: $real)" ]]; then ok; else
    bad "'$line': want $lib $v ... running: $real"; fi
done
grep -qE "^libfdt [0-9.]+ \\(build: [0-9.]+ from " <<<"$ver" && ok || bad "libfdt build version: $(grep ^libfdt <<<"$ver")"
hdr=$(echo '#include <pci/pci.h>
PCI_LIB_VERSION' | cpp -P $(pkg-config --cflags libpci) - | tail -1)
grep -q "^libpci .*(build: PCI_LIB_VERSION $hdr, " <<<"$ver" && ok || bad "libpci header version $hdr: $(grep ^libpci <<<"$ver")"
# libpci names its ids file (pci.ids, or pci.ids.gz read as pci.ids where that is absent).
ids=$(grep '^pci.ids' <<<"$ver")
idsfile=$(sed -nE 's/^pci\.ids [^ ]+ \((.*)\)$/\1/p' <<<"$ids")
if [ -n "$idsfile" ]; then
  want=$(sed -n '1,40{s/^#[[:space:]]*Version:[[:space:]]*//p}' "$idsfile" | head -1)
  [ "$ids" = "pci.ids $want ($idsfile)" ] && ok || bad "'$ids': the file's header says $want"
else
  bad "pci.ids version not read: $ids"
fi
[ "$(grep '^json-c' <<<"$ver")" = "json-c $(pkg-config --modversion json-c) (build: $(pkg-config --modversion json-c))" ] &&
  ok || bad "json-c: $(grep ^json-c <<<"$ver") (pkg-config: $(pkg-config --modversion json-c))"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
