#!/usr/bin/env bash
# The bash completion (completion/vdisc.bash) driven in this bash as readline would drive it:
# bash-completion loaded, COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT set, _vdisc called,
# COMPREPLY checked -- for every command and subcommand, against what vdisc's own --help
# lists (read here by a parser of this test's own), and for option values.
# Usage: completion.sh VDISC COMPLETION_FILE
set -uo pipefail
vdisc=$(realpath "$1") completion=$2
bash_completion=/usr/share/bash-completion/bash_completion
if [ ! -r "$bash_completion" ]; then
  echo "FAIL: $bash_completion missing (the Debian package bash-completion; scripts/bootstrap.sh)"
  exit 1
fi
# bash-completion reads unset variables and returns non-zero on purpose: not under -u/-e.
set +u
# shellcheck source=/dev/null
source "$bash_completion"
# shellcheck source=/dev/null
source "$completion"
set -u
PATH=$(dirname "$vdisc"):$PATH
export LC_ALL=C
unset ARGP_HELP_FMT # this test reads --help in argp's default layout (the completion does too)

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# complete LINE: COMPREPLY for the cursor at LINE's end.  Words split as readline splits them:
# at blanks, and around COMP_WORDBREAKS' '=' and ':' (each run of them a word of its own).
complete_line() {
  local line=$1 token
  COMP_WORDS=()
  for token in $line; do
    while [[ $token =~ ^([^=:]*)([=:]+)(.*)$ ]]; do
      [ -n "${BASH_REMATCH[1]}" ] && COMP_WORDS+=("${BASH_REMATCH[1]}")
      COMP_WORDS+=("${BASH_REMATCH[2]}")
      token=${BASH_REMATCH[3]}
    done
    [ -n "$token" ] && COMP_WORDS+=("$token")
  done
  [[ $line == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE=$line COMP_POINT=${#line} COMPREPLY=()
  set +u
  _vdisc "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  set -u
  reply=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort -u)
}

# expect_set LINE WORD...: the completions are exactly these words.
expect_set() {
  local line=$1; shift
  complete_line "$line"
  local want; want=$(printf '%s\n' "$@" | sed '/^$/d' | sort -u)
  if [ "$reply" = "$want" ]; then ok; else
    bad "'$line' offers [$(echo $reply)], want [$(echo $want)]"; fi
}

# expect_has LINE WORD...: the completions include these words.
expect_has() {
  local line=$1 w missing=(); shift
  complete_line "$line"
  for w in "$@"; do grep -qxF -- "$w" <<<"$reply" || missing+=("$w"); done
  if [ ${#missing[@]} -eq 0 ]; then ok; else bad "'$line' does not offer: ${missing[*]}"; fi
}

# This test's reading of a --help text: names under "Commands:"/"Subcommands:" ...
listed() { sed -n '/^\(Sub\)\{0,1\}[Cc]ommands:$/,/^$/p' | grep -E '^  [a-z]' | sed 's/^  \([a-z0-9-]*\).*/\1/'; }
# ... and the option names of its option lines (column 2, or 6 for long-only options).
options_of() {
  grep -E '^(  |      )-' | sed 's/^ *//; s/   .*//' | grep -oE -- '(^|, )--?[A-Za-z0-9][A-Za-z0-9-]*' |
    sed 's/^[ ,]*//' | sort -u
}

# Commands, subcommands and help targets.
commands=$("$vdisc" --help | listed)
for c in dtb pci virtio blk help; do
  grep -qx "$c" <<<"$commands" || bad "vdisc --help lists no '$c' under Commands:"
done
expect_set "vdisc " $commands
expect_set "vdisc help " $(grep -vx help <<<"$commands")
expect_set "vdisc frob" # nothing is made up
for c in $commands; do
  [ "$c" = help ] && continue
  subs=$("$vdisc" "$c" --help | listed)
  case $c in
  virtio) [ "$(echo $subs)" = "types features config mmio" ] || bad "virtio --help lists [$(echo $subs)]" ;;
  blk) [ "$(echo $subs)" = "info check bench" ] || bad "blk --help lists [$(echo $subs)]" ;;
  esac
  if [ -n "$subs" ]; then
    expect_set "vdisc $c " $subs
    expect_set "vdisc help $c " $subs
    expect_set "vdisc $c zz" # no such subcommand
  fi
  # Every option each --help lists is offered, nothing else is, and no made-up option.
  for sub in "" $subs; do
    opts=$("$vdisc" $c $sub --help | options_of)
    [ "$(wc -l <<<"$opts")" -ge 4 ] || bad "vdisc $c $sub --help: options not read: [$(echo $opts)]"
    expect_set "vdisc $c${sub:+ $sub} -" $opts
    expect_set "vdisc $c${sub:+ $sub} --frobnicate"
    expect_set "vdisc $c${sub:+ $sub} -v --frobnicate"
  done
done
expect_has "vdisc dtb -" -h --help -V --version -v --verbose -j --json -t --tree -c --compatible
expect_has "vdisc pci -" -A -F -s -d -n -v -x -t -k -D -j --virtio
expect_has "vdisc virtio features -" -T --type --bits --sysfs --json
expect_has "vdisc blk bench -" --vhost-user -s --pci --iodepth --rw --bs --allow-write
expect_set "vdisc -" -h --help --usage -V --version
expect_set "vdisc virtio -" -h --help --usage -V --version

# Values: virtio types by name and alias, in both spellings of an option's value.
types=$("$vdisc" virtio types | awk '{print $2; for (i = 5; i <= NF; i++) if ($i != "alias") {sub(/,$/, "", $i); print $i}}')
for t in block network blk net rng vsock mem; do grep -qx "$t" <<<"$types" || bad "virtio types lacks $t"; done
expect_set "vdisc virtio features --type bl" $(grep '^bl' <<<"$types")
expect_set "vdisc virtio features --type=ne" $(grep '^ne' <<<"$types")
expect_set "vdisc virtio config -T " $types
expect_set "vdisc virtio features --type zzz"
# pci: access methods (with libpci's, after the colon as readline inserts them), --scan's list.
methods=$("$vdisc" pci -A help | awk '/^  [a-z]/ {m = $1; sub(/\[.*$/, "", m); print m} /^ +libpci:[^ ]+$/ {print $1}')
expect_set "vdisc pci -A " help $methods
expect_has "vdisc pci -A " help sysfs dump devport libpci
expect_set "vdisc pci --access=libpci:" $(grep '^libpci:' <<<"$methods" | sed 's/^libpci://')
expect_set "vdisc pci --scan " bridges all list
expect_set "vdisc pci -O " help sysfs.path= dump.name= hwdb.disable= net.cache_name= net.domain=
expect_set "vdisc pci --param=hw" hwdb.disable=
expect_set "vdisc pci --scan=b" bridges
expect_set "vdisc blk bench --rw rand" randread randwrite
# PCI functions from sysfs for -s and --pci (with and without domain 0000).
slots=$(ls /sys/bus/pci/devices 2>/dev/null)
if [ -n "$slots" ]; then
  first=$(head -1 <<<"$slots")
  expect_set "vdisc pci -s " $slots $(sed -n 's/^0000://p' <<<"$slots")
  expect_set "vdisc blk info --pci $first" "${first##*:}"
  expect_set "vdisc blk check -s $first" "${first##*:}"
else
  echo "note: no /sys/bus/pci/devices here: slot values not checked"
fi
# Paths: FILE arguments and FILE/SOCK option values; nothing for a hex word.
dir=$(mktemp -d) && trap 'rm -rf "$dir"' EXIT
touch "$dir/board.dtb" "$dir/board.dtbo" "$dir/other.txt"
mkdir "$dir/sub"
cd "$dir" || exit 1
expect_set "vdisc dtb bo" board.dtb board.dtbo
expect_set "vdisc dtb -v " board.dtb board.dtbo other.txt sub
expect_set "vdisc pci -F ot" other.txt
expect_set "vdisc pci --dump=bo" board.dtb board.dtbo
expect_set "vdisc blk info --vhost-user s" sub
expect_set "vdisc virtio features -T block " # HEX words: nothing to offer
# After the value of an option taking one, options again.
expect_has "vdisc blk bench --rw read --io" --iodepth
# The binary given by path, as words[0].
expect_set "$vdisc virtio " types features config mmio
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
