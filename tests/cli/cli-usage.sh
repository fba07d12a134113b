#!/usr/bin/env bash
# argp behaviour and exit codes a user relies on (the contract: vdisc(1), EXIT STATUS;
# tests/cli/exit-codes.sh tests it class by class).
set -uo pipefail
vdisc=$1
pass=0 fail=0
expect() { # expect WANT_RC PATTERN -- ARGS...
  local want=$1 pattern=$2; shift 3
  local out rc
  out=$("$vdisc" "$@" 2>&1); rc=$?
  if [ "$rc" -eq "$want" ] && grep -qE -- "$pattern" <<<"$out"; then
    pass=$((pass + 1))
  else
    echo "FAIL: vdisc $* -> exit $rc (want $want), output:"; echo "$out" | head -5
    fail=$((fail + 1))
  fi
}
expect 0 'Usage: vdisc .*COMMAND' -- --help
expect 0 '^vdisc [0-9]+\.[0-9]+' -- --version
expect 0 'Usage: vdisc ' -- --usage
expect 0 'Usage: vdisc dtb .*FILE' -- dtb --help
expect 0 'compatible=STR' -- dtb --usage
expect 2 'no command given' --
expect 2 "unknown command 'frobnicate'" -- frobnicate
expect 2 "unrecognized option" -- dtb --bogus
expect 4 '^vdisc: a.dtb: No such file or directory$' -- dtb a.dtb /soc reg
expect 2 'two questions' -- dtb -l -p a.dtb /
expect 2 'ask about a NODE' -- dtb --list
expect 2 'not a type' -- dtb -T q a.dtb / reg
expect 2 'name at least one PROP' -- dtb -T x a.dtb /
expect 2 'takes no --tree' -- dtb --tree a.dtb /
expect 2 'takes no PROP' -- dtb --json a.dtb / reg
expect 4 '^vdisc: /nonexistent/x.dtb: No such file or directory$' -- dtb /nonexistent/x.dtb
expect 4 '^vdisc: /: Is a directory$' -- dtb /
expect 5 'bad magic \(not a flattened device tree\): found 0x7f454c46' -- dtb "$vdisc"
expect 5 'truncated: the file is too short' -- dtb /dev/null
# Arguments and options a command would ignore are usage errors, not silently dropped.
expect 2 '--compatible needs a string' -- dtb --compatible= /dev/null
expect 2 "virtio types: unexpected argument 'extra'" -- virtio types extra
expect 2 'features --sysfs .* takes no feature words, --bits or --type' -- virtio features --sysfs --type block 0x1
expect 2 'as --bits or as HEX words, not both' -- virtio features --type block --bits 01 0x1
expect 2 '--size-bars .* needs -A devport, not -A sysfs' -- pci -A sysfs --size-bars
expect 2 '--size-bars .* needs -A devport, not -A dump' -- pci -F /dev/null --size-bars
src=$(mktemp) && trap 'rm -f "$src"' EXIT
# A file too large for a device tree is refused by its size (a sparse file: nothing to read).
truncate -s 65M "$src"
expect 5 "^vdisc: $src: larger than 64 MiB, too large for a device tree\$" -- dtb "$src"
truncate -s 0 "$src"
# Device-tree source given by mistake: said so, with the command that compiles it.
printf '// SPDX-License-Identifier: MIT\n/* a board */\n/dts-v1/;\n/ { };\n' >"$src"
expect 5 "^vdisc: $src: this is device-tree source, not a blob: compile it with dtc first \\(dtc -I dts -O dtb -o FILE.dtb $src\\)\$" -- dtb "$src"
printf '#include <dt-bindings/gpio/gpio.h>\n/ { };\n' >"$src"
expect 5 'this is device-tree source, not a blob' -- dtb "$src"
expect 0 'Usage: vdisc pci ' -- pci --help
expect 0 'Access methods \(-A\):' -- pci -A help
expect 2 'unknown access method' -- pci -A frobnicate
expect 2 'not \[\[\[\[domain' -- pci -s zz:qq
expect 2 'not \[vendor\]' -- pci -d 12345
expect 2 'Invalid programming interface code' -- pci -d ::0604:zz
expect 2 'Invalid class code' -- pci -d ::06yz
expect 2 'Too many fields' -- pci -s 0:0:0:0
expect 0 'Access parameters \(-O' -- pci -O help
expect 2 '^vdisc pci: -O frob: unknown parameter' -- pci -O frob=1
expect 2 'proc.path: a parameter of one of libpci' -- pci -O proc.path=/proc/bus/pci
expect 2 'not NAME=VALUE' -- pci -O sysfs.path
expect 2 'mechanism #2 is not supported' -- pci -H2
expect 2 'unknown hardware configuration type' -- pci -H3
expect 4 '^vdisc: /nonexistent/pci.ids: No such file or directory$' -- pci -i /nonexistent/pci.ids
expect 4 '^vdisc: /nonexistent/dump.txt: No such file or directory$' -- pci -F /nonexistent/dump.txt
expect 2 'needs a file' -- pci -A dump
expect 2 'cannot be combined' -- pci -A sysfs -F /dev/null
expect 2 'has no access method' -- pci -A libpci:bogus
expect 2 'needs a file' -- pci -A libpci:dump
# "-" is standard input, named <stdin> as dtc names it; a pipe and a redirected file alike.
fixture=$(dirname "$0")/../fixtures/dtb/arm-virt.dtb
for how in pipe file; do
  if [ $how = pipe ]; then out=$(cat "$fixture" | "$vdisc" dtb - 2>&1); rc=$?
  else out=$("$vdisc" dtb - <"$fixture" 2>&1); rc=$?; fi
  if [ $rc -eq 0 ] && [ "$(head -1 <<<"$out")" = "<stdin>: linux,dummy-virt [linux,dummy-virt], 56 nodes, 47 devices" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL: vdisc dtb - ($how) -> exit $rc: $(head -2 <<<"$out")"; fail=$((fail + 1))
  fi
done
out=$(printf '/dts-v1/;\n/ { };\n' | "$vdisc" dtb - 2>&1); rc=$?
if [ $rc -eq 5 ] && [ "$out" = "vdisc: <stdin>: this is device-tree source, not a blob: compile it with dtc first (dtc -I dts -O dtb | vdisc dtb -)" ]; then
  pass=$((pass + 1))
else
  echo "FAIL: device-tree source on stdin -> exit $rc: $out"; fail=$((fail + 1))
fi
# A failed write is said once on stderr and fails the run, for every command; SIGPIPE ends quietly.
fixture_pci=$(dirname "$0")/../fixtures/pci/hostile-caps.lspci-x.txt
for args in "dtb $fixture" "dtb --json -v $fixture" "dtb --tree $fixture" "pci -F $fixture_pci -vv" \
            "pci -F $fixture_pci --json" "virtio types" "virtio features --type block 0x1" "--help"; do
  err=$("$vdisc" $args 2>&1 >/dev/full); rc=$?
  if [ $rc -eq 1 ] && [ "$err" = "vdisc: standard output: write error: No space left on device" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL: vdisc $args >/dev/full -> exit $rc: $err"; fail=$((fail + 1))
  fi
done
big=$(dirname "$0")/../fixtures/dtb/board-sdm845-db845c.dtb
"$vdisc" dtb -v "$big" 2>"$src" | head -c 1 >/dev/null; rc=${PIPESTATUS[0]}
if [ $rc -eq 141 ] && [ ! -s "$src" ]; then pass=$((pass + 1)); else
  echo "FAIL: vdisc dtb -v | head: exit $rc (want 141, quiet): $(cat "$src")"; fail=$((fail + 1)); fi
(trap '' PIPE; "$vdisc" dtb -v "$big" 2>"$src" | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}); rc=$?
if [ $rc -eq 1 ] && [ "$(cat "$src")" = "vdisc: standard output: write error: Broken pipe" ]; then
  pass=$((pass + 1))
else
  echo "FAIL: SIGPIPE ignored, vdisc dtb -v | head: exit $rc: $(cat "$src")"; fail=$((fail + 1))
fi
# devport: works as root on x86 with /dev/port, else exit 3 saying why.
out=$("$vdisc" pci -A devport 2>&1); rc=$?
if [ "$rc" -eq 0 ] || { [ "$rc" -eq 3 ] && grep -qE 'not available here|needs root|ioperm|not an x86' <<<"$out"; }; then
  pass=$((pass + 1))
else
  echo "FAIL: vdisc pci -A devport -> exit $rc: $out"; fail=$((fail + 1))
fi
# The live tree: present (0), or absent/unreadable here (3) with a message saying so.
out=$("$vdisc" dtb 2>&1); rc=$?
if [ "$rc" -eq 0 ] || { [ "$rc" -eq 3 ] && grep -qE 'no flattened device tree|needs root' <<<"$out"; }; then
  pass=$((pass + 1))
else
  echo "FAIL: vdisc dtb (live) -> exit $rc: $out"; fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
