#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# usage: exit-codes.sh VDISC
#
# The exit-code contract (vdisc(1), EXIT STATUS; 'vdisc --help'), class by
# class for every command and subcommand: each case provokes one class and
# checks the status and stderr:
#   0 ok           nothing on stderr, or warnings only
#   1 failed       one line "vdisc: NAME: ..." (a write error, a silent or lying peer)
#   2 usage        a first line "vdisc...: ..." naming the option or argument; argp
#                  may add its "Try `vdisc ... --help'" line, nothing else
#   3 unavailable  one line naming what was refused or is missing (as uid 65534 where
#                  this runs as root: root reads a mode-000 file)
#   4 unreadable   one line naming the input that is not there or not one
#   5 malformed    one line naming the input (or, for a tree whose nodes are broken,
#                  every line names it and the listing is still printed)
# Cases that need a running back-end (blk ok, a failed check) are in tests/blk
# (ctest -L blk).  A table of command x class is printed at the end: "ok" every
# case held, "FAIL", "skip" not provokable here, "blk" in tests/blk, "-" no
# such case for that command.
# Exit: 0 all held, 1 a case failed.
set -uo pipefail
vdisc=${1:?usage: exit-codes.sh VDISC}
here=$(cd "$(dirname "$0")" && pwd)
dtbs=$here/../fixtures/dtb
pcis=$here/../fixtures/pci
hostile=$here/../pci-dump/hostile
work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-exit.XXXXXX")
chmod 755 "$work" # uid 65534 must reach the files that are its to be refused
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

declare -A code=([ok]=0 [failed]=1 [usage]=2 [unavailable]=3 [unreadable]=4 [malformed]=5)
classes=(ok failed usage unavailable unreadable malformed)
commands=(dtb pci "virtio types" "virtio features" "virtio config" "virtio mmio"
          "blk info" "blk check" "blk bench")
declare -A cell
pass=0 fail=0

mark() { # COMMAND CLASS ok|FAIL|skip|blk: a FAIL stays, an ok replaces a skip
  local k="$1|$2"
  case "${cell[$k]:-}:$3" in
    FAIL:*) ;;
    ok:skip | ok:blk) ;;
    *) cell[$k]=$3 ;;
  esac
}

nobody=()
[ "$(id -u)" = 0 ] && nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# check COMMAND CLASS NAME [OPTIONS] -- ARGS...: vdisc ARGS (bounded, stdin /dev/null).
#   NAME: what every stderr line must name; OPTIONS:
#   --as-nobody     run as uid 65534 (when this runs as root)
#   --needs-root    skip unless root (what uid 65534 is refused is this user's own)
#   --full          standard output is /dev/full
#   --lines         several stderr lines allowed (each naming NAME), and a listing on stdout
check() {
  local cmd=$1 class=$2 name=$3
  shift 3
  local as=() out=$work/stdout lines=1 rc err first why=()
  while [ "$1" != -- ]; do
    case $1 in
      --as-nobody) as=("${nobody[@]}") ;;
      --needs-root) [ "$(id -u)" = 0 ] || { mark "$cmd" "$class" skip; return; } ;;
      --full) out=/dev/full ;;
      --lines) lines=many ;;
    esac
    shift
  done
  shift
  local stdout=$work/stdout stderr=$work/stderr
  : >"$stdout"
  timeout 20 "${as[@]}" "$vdisc" "$@" </dev/null >"$out" 2>"$stderr"
  rc=$?
  err=$(cat "$stderr")
  first=$(head -n 1 "$stderr")
  [ "$rc" = "${code[$class]}" ] || why+=("exit $rc, want ${code[$class]} ($class)")
  case $class in
    ok)
      # Warnings alone exit 0; anything else on stderr is not "ok".
      if grep -qv ': warning: ' "$stderr"; then why+=("stderr not empty: $first"); fi ;;
    usage)
      [[ $first == vdisc* ]] || why+=("stderr does not start with 'vdisc': $first")
      grep -qF -- "$name" <<<"$first" || why+=("first stderr line does not name '$name': $first")
      # After the one line, only argp's "Try ..." hint, which argp wraps at 79 columns
      # (a subcommand's longer name makes it two lines).
      if sed -n '2,$p' "$stderr" | tr '\n' ' ' | grep -qv '^Try `vdisc[^`]*'"'"' or `vdisc[^`]*'"'"' for more *information\. *$' &&
        [ "$(wc -l <"$stderr")" -gt 1 ]; then
        why+=("more on stderr than one line and argp's 'Try' hint")
      fi ;;
    *)
      if [ $lines = 1 ] && [ "$(wc -l <"$stderr")" != 1 ]; then
        why+=("$(wc -l <"$stderr") stderr lines, want 1")
      fi
      [ -n "$err" ] || why+=("nothing on stderr")
      if grep -qvF -- "vdisc: $name" "$stderr"; then
        why+=("a stderr line not starting 'vdisc: $name': $(grep -vF -- "vdisc: $name" "$stderr" | head -n 1)")
      fi
      if [ $lines = many ] && [ ! -s "$stdout" ]; then why+=("no listing on stdout"); fi ;;
  esac
  if [ ${#why[@]} -eq 0 ]; then
    pass=$((pass + 1))
    mark "$cmd" "$class" ok
  else
    fail=$((fail + 1))
    mark "$cmd" "$class" FAIL
    printf 'FAIL [%s / %s] vdisc %s\n' "$cmd" "$class" "$*"
    printf '  %s\n' "${why[@]}"
  fi
}

# --- inputs ----------------------------------------------------------------------------
good_dtb=$dtbs/arm-virt.dtb
good_dump=$pcis/q35-virtio.lspci-x.txt
head -c 200 "$good_dtb" >"$work/truncated.dtb"
truncate -s 65M "$work/huge.dtb" # sparse: refused by its size, nothing read
printf '/dts-v1/;\n/ { };\n' >"$work/source.dts"
cp "$good_dtb" "$work/secret.dtb" && chmod 000 "$work/secret.dtb"
cp "$good_dump" "$work/secret.txt" && chmod 000 "$work/secret.txt"
mkdir "$work/dir"
head -c 100 "$good_dump" >"$work/odd.bin" # 100 bytes: no whole configuration space
touch "$work/plain"
mkdir -m 700 "$work/private" # a socket in here is refused to uid 65534
mkdir -m 700 "$work/private-sysfs"

# Sockets: bound with nobody listening; silent (accepts, never answers); lying (answers
# every message with a reply to another request).
python3 - "$work" <<'PY' &
import os, select, socket, struct, sys
work = sys.argv[1]
for path in ("refused.sock", "private/root.sock"):
    socket.socket(socket.AF_UNIX).bind(os.path.join(work, path))
servers = {}
for kind in ("silent", "lying"):
    s = socket.socket(socket.AF_UNIX)
    s.bind(os.path.join(work, kind + ".sock"))
    s.listen(8)
    servers[s] = kind
open(os.path.join(work, "sockets.ready"), "w").close()
conns = {}
while True:
    ready, _, _ = select.select(list(servers) + list(conns), [], [])
    for r in ready:
        if r in servers:
            c, _ = r.accept()
            conns[c] = servers[r]
            continue
        try:
            data = r.recv(4096)
        except OSError:
            data = b""
        if not data:
            del conns[r]
            r.close()
        elif conns[r] == "lying":  # version 1, reply flag: the answer to request 0x7777
            try:
                r.sendall(struct.pack("<III", 0x7777, 0x5, 8) + b"\0" * 8)
            except OSError:  # vdisc saw the lie and hung up first: this peer must live on
                del conns[r]
                r.close()
PY
pids+=($!)
for _ in $(seq 100); do [ -e "$work/sockets.ready" ] && break; sleep 0.05; done

# Trees from source: one with warnings only (absent #...-cells, inherited), one whose
# nodes are broken (a reg of the wrong length: listed, every error named).
dtc_out() { # SOURCE NAME: the compiled tree's path, or nothing without dtc
  command -v dtc >/dev/null && dtc -q -I dts -O dtb -o "$work/$2.dtb" "$1" 2>/dev/null &&
    echo "$work/$2.dtb"
}
warn_dtb=$(dtc_out "$dtbs/cells-inherit.dts" cells-inherit)
node_dtb=$(dtc_out "$here/../dtb-malformed/dts/reg-length.dts" reg-length)

# --- dtb -------------------------------------------------------------------------------
check dtb ok '' -- dtb "$good_dtb"
[ -z "$warn_dtb" ] || check dtb ok '' -- dtb "$warn_dtb" # warnings only
check dtb failed 'standard output' --full -- dtb "$good_dtb"
check dtb usage --bogus -- dtb --bogus
check dtb usage 'two questions' -- dtb -l -p "$good_dtb" /
# A query that finds nothing failed, as fdtget's does.
check dtb failed "$good_dtb: /no-such-node: no such node" -- dtb "$good_dtb" /no-such-node
check dtb failed "$good_dtb: /: no-such-property: no such property" -- dtb "$good_dtb" / no-such-property
check dtb usage --probe -- dtb --probe "$good_dtb"
check dtb unavailable "$work/secret.dtb" --as-nobody -- dtb "$work/secret.dtb"
if [ ! -e /sys/firmware/fdt ]; then
  check dtb unavailable /sys/firmware/fdt -- dtb # no live tree on this machine
fi
check dtb unreadable /nonexistent/x.dtb -- dtb /nonexistent/x.dtb
check dtb unreadable "$work/dir" -- dtb "$work/dir"
check dtb malformed "$work/truncated.dtb" -- dtb "$work/truncated.dtb"
check dtb malformed "$work/huge.dtb" -- dtb "$work/huge.dtb"
check dtb malformed "$work/source.dts" -- dtb "$work/source.dts"
check dtb malformed "$vdisc" -- dtb "$vdisc" # an ELF file: bad magic
if [ -n "$node_dtb" ]; then
  check dtb malformed "$node_dtb" --lines -- dtb "$node_dtb"
else
  mark dtb malformed skip
fi

# --- pci -------------------------------------------------------------------------------
check pci ok '' -- pci -F "$good_dump"
check pci failed 'standard output' --full -- pci -F "$good_dump" -vv
check pci usage --bogus -- pci --bogus
check pci usage frobnicate -- pci -A frobnicate
check pci usage --size-bars -- pci -A sysfs --size-bars
check pci usage 'cannot be combined' -- pci -A sysfs -F "$good_dump"
check pci usage zz:qq -- pci -s zz:qq
check pci unavailable "$work/secret.txt" --as-nobody -- pci -F "$work/secret.txt"
check pci unavailable "$work/secret.txt" --as-nobody -- pci -A libpci:dump -F "$work/secret.txt"
# Port I/O: no /dev/port off x86 (or in a container), and root's only where it is.
check pci unavailable /dev/port --as-nobody -- pci -A devport
check pci unavailable /dev/port --as-nobody -- pci -A devport --size-bars
check pci unreadable /nonexistent/dump.txt -- pci -F /nonexistent/dump.txt
check pci unreadable "$work/dir" -- pci -F "$work/dir"
check pci unreadable /nonexistent/dump.txt -- pci -A libpci:dump -F /nonexistent/dump.txt
check pci unreadable /nonexistent/sysfs -- pci --sysfs-root /nonexistent/sysfs
for f in garbage-token nul-byte truncated-last-line duplicate-slot; do
  check pci malformed "$hostile/$f.txt" -- pci -F "$hostile/$f.txt"
done
check pci malformed "$hostile/garbage-token.txt" -- pci -A libpci:dump -F "$hostile/garbage-token.txt"
check pci malformed "$work/odd.bin" -- pci -F "$work/odd.bin" --binary-slot 00:00.0

# --- virtio ----------------------------------------------------------------------------
check "virtio types" ok '' -- virtio types
check "virtio types" failed 'standard output' --full -- virtio types
check "virtio types" usage "'extra'" -- virtio types extra
check "virtio types" usage --bogus -- virtio types --bogus
check "virtio features" ok '' -- virtio features --type block 0x130000064
check "virtio features" failed 'standard output' --full -- virtio features --type block 0x1
check "virtio features" usage 0xzz -- virtio features --type block 0xzz
check "virtio features" usage frobnicator -- virtio features --type frobnicator 0x1
check "virtio features" usage --sysfs -- virtio features --sysfs --type block 0x1
check "virtio features" unavailable "$work/private-sysfs" --as-nobody --needs-root -- virtio features --sysfs --sysfs-root "$work/private-sysfs"
check "virtio features" unreadable /nonexistent/virtio -- virtio features --sysfs --sysfs-root /nonexistent/virtio
check "virtio config" ok '' -- virtio config --type block 00 00 10 00 00 00 00 00
check "virtio config" failed 'standard output' --full -- virtio config --type block 00 00 10 00 00 00 00 00
check "virtio config" usage 'hex bytes' -- virtio config --type block 0g
check "virtio config" usage '--type' -- virtio config 00
check "virtio mmio" ok '' -- virtio mmio --cmdline=quiet # no virtio_mmio.device= to probe
check "virtio mmio" usage zz -- virtio mmio zz
check "virtio mmio" usage --scan -- virtio mmio --scan 0x2000-0x1000
check "virtio mmio" usage 'ADDR' -- virtio mmio
check "virtio mmio" unavailable /dev/mem --as-nobody -- virtio mmio 0xfeb00000
check "virtio mmio" malformed --cmdline -- virtio mmio --cmdline=virtio_mmio.device=@0x1000:1
# A probe that finds nothing: only where device memory can be read (the BIOS area).
if [ "$(id -u)" = 0 ] && [ -r /dev/mem ] && [ "$(uname -m)" = x86_64 ]; then
  check "virtio mmio" failed 0x0 -- virtio mmio 0x0
else
  mark "virtio mmio" failed skip
fi

# --- blk -------------------------------------------------------------------------------
for sub in info check bench; do
  c="blk $sub"
  check "$c" usage --bogus -- blk "$sub" --bogus
  check "$c" usage 'give one device' -- blk "$sub"
  check "$c" usage "'zz'" -- blk "$sub" --pci zz
  check "$c" usage --bind -- blk "$sub" --vhost-user "$work/silent.sock" --bind
  check "$c" unreadable "$work/absent.sock" -- blk "$sub" --vhost-user "$work/absent.sock"
  check "$c" unreadable "$work/plain" -- blk "$sub" --vhost-user "$work/plain"
  check "$c" unreadable "$work/refused.sock" -- blk "$sub" --vhost-user "$work/refused.sock"
  # No such PCI function (domain ffff): nothing is bound or unbound.
  check "$c" unreadable ffff:ff:1f.7 -- blk "$sub" --pci ffff:ff:1f.7 --bind
  # A function that is there but no virtio-blk (00:00.0, a host bridge): refused before
  # anything is bound, as not the kind of input asked for.
  if [ -e /sys/bus/pci/devices/0000:00:00.0 ] &&
    ! grep -qx 0x1af4 /sys/bus/pci/devices/0000:00:00.0/vendor; then
    check "$c" unreadable 0000:00:00.0 -- blk "$sub" --pci 00:00.0
  fi
  check "$c" unavailable "$work/private/root.sock" --as-nobody --needs-root -- blk "$sub" --vhost-user "$work/private/root.sock"
  check "$c" failed "$work/silent.sock" -- blk "$sub" --vhost-user "$work/silent.sock" --timeout=300
  check "$c" failed "$work/lying.sock" -- blk "$sub" --vhost-user "$work/lying.sock" --timeout=2000
  mark "$c" ok blk
  mark "$c" malformed -
done
check "blk bench" usage --allow-write -- blk bench --vhost-user "$work/silent.sock" --rw=write

# --- the table -------------------------------------------------------------------------
printf '\n%-16s' "command"
for cl in "${classes[@]}"; do printf ' %-12s' "${code[$cl]} $cl"; done
printf '\n'
for cmd in "${commands[@]}"; do
  printf '%-16s' "$cmd"
  for cl in "${classes[@]}"; do printf ' %-12s' "${cell[$cmd|$cl]:--}"; done
  printf '\n'
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
