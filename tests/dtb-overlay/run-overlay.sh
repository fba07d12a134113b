#!/usr/bin/env bash
# vdisc dtb --overlay against fdtoverlay, and the overlay errors.
#   run-overlay.sh VDISC SRC_DIR WORK_DIR
#
# Round trips: for each case, `vdisc dtb MODE BASE --overlay O...` must print exactly what
# `vdisc dtb MODE OUT` prints for OUT = `fdtoverlay -i BASE -o OUT O...` (the file name aside),
# with the same exit status, in every mode (table, -v, --tree, --json); and it must differ from the
# base's own listing (the overlay did something).  Error cases: exit 2, nothing on stdout, one line
# on stderr naming the file and the cause, and fdtoverlay refusing the same inputs.
set -uo pipefail
[ $# -eq 3 ] || { echo "usage: $0 VDISC SRC_DIR WORK_DIR" >&2; exit 2; }
vdisc=$1 src=$2 work=$3
command -v fdtoverlay >/dev/null || { echo "SKIP: fdtoverlay not found (device-tree-compiler)"; exit 77; }
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failed=0 passed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

# Bases with and without -@, the overlays with -@ (dtc's /plugin/ output), Debian's real blobs.
dtc -q -@ -o base.dtb "$src/cases/base.dts" || exit 1
dtc -q -o base-nosym.dtb "$src/cases/base.dts" || exit 1
dtc -q -@ -o renesas-base.dtb "$src/cases/renesas-panel-base.dts" || exit 1
dtc -q -o bad-fixup.dtbo "$src/cases/bad-fixup.dts" || exit 1
dtc -q -o alias-loop-fixup.dtbo "$src/cases/alias-loop-fixup.dts" 2>/dev/null || exit 1
for f in "$src"/cases/*.dtso; do
    dtc -q -@ -o "$(basename "$f" .dtso).dtbo" "$f" || exit 1
done
cp "$src"/real/* "$src"/../fuzz/regressions/fdt-overlay-bad-local.dtbo .
head -c 300 sensors.dtbo >truncated.dtbo
# A fixup offset past its property: the __fixups__ string's offset digit turned from 0 to 9.
python3 - <<'PY' || exit 1
data = bytearray(open("sensors.dtbo", "rb").read())
i = data.index(b"/fragment@0:target:0\0")
data[i + len("/fragment@0:target:")] = ord("9")
open("bad-offset.dtbo", "wb").write(data)
PY

# Where a listing's heading wraps depends on the file name's length, which differs between the
# two sides: give them room enough never to wrap.
export COLUMNS=100000
roundtrip() {
    local base=$1; shift
    local args=() o m
    for o in "$@"; do args+=(--overlay "$o"); done
    if ! fdtoverlay -i "$base" -o fdtoverlay-out.dtb "$@" 2>fdtoverlay.err; then
        fail "fdtoverlay -i $base $*: $(cat fdtoverlay.err)"
        return
    fi
    for m in "" -v --tree --json; do
        "$vdisc" dtb $m "$base" "${args[@]}" >ours.txt 2>&1
        echo "exit $?" >>ours.txt
        "$vdisc" dtb $m fdtoverlay-out.dtb 2>&1 | sed "s/fdtoverlay-out\.dtb/$base/g" >theirs.txt
        echo "exit ${PIPESTATUS[0]}" >>theirs.txt
        "$vdisc" dtb $m "$base" >plain.txt 2>&1
        echo "exit $?" >>plain.txt
        if ! diff -u theirs.txt ours.txt >diff.txt; then
            fail "$base + $* ${m:-table}: differs from fdtoverlay's result:"
            head -20 diff.txt
        elif cmp -s plain.txt ours.txt; then
            fail "$base + $* ${m:-table}: the listing equals the base's own (nothing applied?)"
        else
            pass
        fi
    done
}

roundtrip base.dtb sensors.dtbo                    # by label, nested nodes, fixups, local fixups
roundtrip base.dtb path.dtbo                       # target-path, a new node at /, a base label
roundtrip base.dtb sensors.dtbo second.dtbo        # in order: the second targets the first's labels
roundtrip base.dtb path.dtbo sensors.dtbo second.dtbo
roundtrip renesas-base.dtb salvator-panel-aa104xd12.dtbo    # Debian's real overlays
roundtrip renesas-base.dtb draak-ebisu-panel-aa104xd12.dtbo
roundtrip imx8mm-venice-gw72xx-0x.dtb venice-serial.dtbo    # Debian's real base (-@)

# error CASE_NAME STATUS PATTERN [fdtoverlay] -- ARGS...: one line matching PATTERN, exit STATUS
# (1: the files do not fit together, 2: usage, 4: unreadable, 5: malformed), no stdout.
error() {
    local name=$1 want=$2 pattern=$3 also=$4; shift 5
    "$vdisc" dtb "$@" >err-out.txt 2>err.txt </dev/null
    local rc=$? lines
    lines=$(wc -l <err.txt)
    if [ "$rc" -ne "$want" ] || [ -s err-out.txt ] || [ "$lines" -ne 1 ] || ! grep -qE -- "$pattern" err.txt; then
        fail "$name: exit $rc, $(wc -c <err-out.txt) bytes out, $lines lines: $(cat err.txt)"
        return
    fi
    # The same inputs through fdtoverlay must fail too: the error is real, not ours.
    if [ "$also" = fdtoverlay ]; then
        local base=$1 overlays=()
        shift
        while [ $# -gt 0 ]; do [ "$1" = --overlay ] && overlays+=("$2"); shift 2; done
        if fdtoverlay -i "$base" -o never.dtb "${overlays[@]}" 2>/dev/null; then
            fail "$name: fdtoverlay applies it"
            return
        fi
    fi
    pass
}

error no-symbols 1 '^vdisc: sensors\.dtbo: refers to labels of the base \(i2c1, intc, gpio0\), but base-nosym\.dtb has no __symbols__: compile the base with dtc -@$' \
    fdtoverlay -- base-nosym.dtb --overlay sensors.dtbo
error real-no-symbols 1 '^vdisc: salvator-panel-aa104xd12\.dtbo: refers to labels of the base \(backlight, lvds0\), but r8a774a1-hihope-rzg2m-ex\.dtb has no __symbols__' \
    fdtoverlay -- r8a774a1-hihope-rzg2m-ex.dtb --overlay salvator-panel-aa104xd12.dtbo
error missing-label 1 "^vdisc: missing-label\.dtbo: the base base\.dtb has no label 'dma0' \(used at /fragment@0/__overlay__, property dmas\)$" \
    fdtoverlay -- base.dtb --overlay missing-label.dtbo
error real-missing-label 1 "^vdisc: draak-ebisu-panel-aa104xd12\.dtbo: the base base\.dtb has no label 'backlight'" \
    fdtoverlay -- base.dtb --overlay draak-ebisu-panel-aa104xd12.dtbo
error missing-path 1 '^vdisc: missing-path\.dtbo: /fragment@0: target-path "/soc/nothing@7000" is not a node of the base base\.dtb$' \
    fdtoverlay -- base.dtb --overlay missing-path.dtbo
error order 1 "^vdisc: second\.dtbo: the base base\.dtb has no label '(tmp|mux)'" \
    fdtoverlay -- base.dtb --overlay second.dtbo --overlay sensors.dtbo
error truncated 5 '^vdisc: truncated\.dtbo: truncated: totalsize exceeds the bytes available \([0-9]+, limit 300\)$' \
    fdtoverlay -- base.dtb --overlay truncated.dtbo
error bad-fixup 5 '^vdisc: bad-fixup\.dtbo: __fixups__: i2c1: "/fragment@9:target:0": the overlay has no such node or property$' \
    fdtoverlay -- base.dtb --overlay bad-fixup.dtbo
error bad-offset 5 '^vdisc: bad-offset\.dtbo: __fixups__: i2c1: "/fragment@0:target:9": the offset is past the property.s end$' \
    fdtoverlay -- base.dtb --overlay bad-offset.dtbo
# fdtoverlay "applies" a plain tree as a no-op; a tree given as an overlay is a mistake to say.
error not-an-overlay 5 '^vdisc: base\.dtb: not an overlay \(no fragment with an __overlay__ node, no __fixups__\)' \
    - -- base.dtb --overlay base.dtb
error no-file 4 '^vdisc: absent\.dtbo: No such file or directory$' - -- base.dtb --overlay absent.dtbo
error stdin-twice 2 '^vdisc: standard input \(-\) can be read once' - -- - --overlay -
# Listing a broken overlay: the entry named, no listing.
error list-bad-fixup 5 '^vdisc: bad-fixup\.dtbo: __fixups__: i2c1: "/fragment@9:target:0": the overlay has no such node or property$' - -- bad-fixup.dtbo
# A fixup path through an alias (here one naming itself) is refused, not followed.
error list-alias-loop-fixup 5 '^vdisc: alias-loop-fixup\.dtbo: __fixups__: i2c1: not of the form path:property:offset' - -- alias-loop-fixup.dtbo
error list-bad-offset 5 '^vdisc: bad-offset\.dtbo: __fixups__: i2c1: "/fragment@0:target:9": the offset' - -- --json bad-offset.dtbo
error list-bad-local 5 '^vdisc: fdt-overlay-bad-local\.dtbo: __local_fixups__: names /fragment@0/__overlay__/c, a node the overlay does not have$' - -- fdt-overlay-bad-local.dtbo
error list-truncated 5 '^vdisc: truncated\.dtbo: truncated: ' - -- truncated.dtbo

# A base read from standard input takes overlays from files.
if "$vdisc" dtb --json - --overlay sensors.dtbo <base.dtb | sed 's/"<stdin>"/"base.dtb"/' >stdin.txt &&
    "$vdisc" dtb --json base.dtb --overlay sensors.dtbo | cmp -s - stdin.txt; then
    pass
else
    fail "stdin base: differs from the file base"
fi

echo "dtb-overlay: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
