#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# usage: run-malformed.sh VDISC_BINARY WORKDIR
#
# Feeds `vdisc dtb` malformed device trees and checks that it refuses each
# one the way the exit-code contract says (vdisc(1), EXIT STATUS):
#
#   structural cases (made by make-malformed.py from a good DTB built here):
#     exit 5, exactly one stderr line "vdisc: CASEFILE: ...", matching the
#     case's regex, nothing on stdout;
#   node-level cases (dts/*.dts, compiled with dtc):
#     exit 5, every stderr line "vdisc: CASEFILE: /node/path: property: ...",
#     stderr matching the regex in the file's "// expect:" line, the listing
#     still printed on stdout;
#   the good DTB itself (control "good"): exit 0, stdout, no stderr, so that a
#     vdisc which rejects everything does not pass.
#
# Every case runs twice, as `vdisc dtb FILE` and `vdisc dtb --json FILE`, each
# under `timeout 10` with stdin from /dev/null and a 10 MiB output limit, and
# both runs get all of the checks above.  Besides: exit 124 (timeout) is a
# hang, > 128 a crash, any sanitizer report (ERROR: AddressSanitizer,
# runtime error:, ...) a failure, and with --json stdout, if any, must parse
# as JSON.  The regex is matched against stderr with the "vdisc: CASEFILE: "
# prefixes removed, so a file name like "interrupt-map-loop" cannot match
# "loop" by itself.
#
# WORKDIR afterwards: all-cases.tsv (name, kind, file, regex, note),
# cases/ (the DTBs and make-malformed.py's cases.tsv), out/NAME.{text,json}.
# {stdout,stderr,rc} and log/ (dtc and generator output) for a failure's
# post-mortem.
#
# Prints "ok NAME" or "FAIL NAME: reason" per case, then "N passed, M failed";
# exits 1 if anything failed, 2 if the suite itself could not be set up.
# Needs bash, python3, dtc and coreutils' timeout.

set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 VDISC_BINARY WORKDIR" >&2
	exit 2
fi
vdisc=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)

die() { echo "run-malformed.sh: $*" >&2; exit 2; }

command -v dtc >/dev/null || die "dtc not found"
command -v python3 >/dev/null || die "python3 not found"
command -v timeout >/dev/null || die "timeout not found"
[ -x "$vdisc" ] || command -v "$vdisc" >/dev/null || die "$vdisc: not an executable"

rm -rf "$work/cases" "$work/out" "$work/log"
mkdir -p "$work/cases" "$work/out" "$work/log" || die "cannot create $work"

# --- the good tree everything structural is patched from --------------------
cat >"$work/good.dts" <<'EOF'
/dts-v1/;
/memreserve/ 0x80000000 0x10000;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	model = "vdisc malformed-suite base";
	compatible = "vdisc,malformed-base";

	chosen {
		bootargs = "console=ttyS0";
	};

	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x8000000>;
	};

	soc {
		#address-cells = <2>;
		#size-cells = <2>;
		compatible = "simple-bus";
		ranges;

		plic: interrupt-controller@c000000 {
			compatible = "riscv,plic0";
			reg = <0x0 0xc000000 0x0 0x4000000>;
			interrupt-controller;
			#interrupt-cells = <1>;
			#address-cells = <0>;
		};

		virtio_mmio@10008000 {
			compatible = "virtio,mmio";
			reg = <0x0 0x10008000 0x0 0x1000>;
			interrupt-parent = <&plic>;
			interrupts = <8>;
		};
	};
};
EOF
dtc -I dts -O dtb -o "$work/good.dtb" "$work/good.dts" 2>"$work/log/good.dtc" ||
	die "dtc could not compile the good tree: $(cat "$work/log/good.dtc")"
python3 "$here/make-malformed.py" "$work/good.dtb" "$work/cases" >"$work/log/make-malformed" 2>&1 ||
	die "make-malformed.py failed: $(cat "$work/log/make-malformed")"
cp "$work/good.dtb" "$work/cases/good.dtb"

# --- all cases in one table ----------------------------------------------------
# name <TAB> kind (fatal|node|control|broken) <TAB> file <TAB> regex <TAB> note
all="$work/all-cases.tsv"
# file is the path exactly as passed to vdisc (and expected in its messages).
c="$work/cases"
printf 'good\tcontrol\t%s/good.dtb\t\tthe unbroken base tree\n' "$c" >"$all"
grep -v '^#' "$c/cases.tsv" |
	awk -F'\t' -v c="$c" 'NF >= 4 { printf "%s\tfatal\t%s/%s\t%s\t%s\n", $1, c, $2, $4, $5 }' >>"$all"

for dts in "$here"/dts/*.dts; do
	[ -e "$dts" ] || continue
	name=$(basename "$dts" .dts)
	regex=$(sed -n 's|^// expect: *||p' "$dts" | head -n 1)
	flags=$(sed -n 's|^// dtc-flags: *||p' "$dts" | head -n 1)
	# $flags is deliberately split into words.
	# shellcheck disable=SC2086
	if [ -z "$regex" ]; then
		printf '%s\tbroken\t%s/%s.dtb\t\tno "// expect:" line in %s\n' "$name" "$c" "$name" "$dts" >>"$all"
	elif dtc -I dts -O dtb $flags -o "$c/$name.dtb" "$dts" >"$work/log/$name.dtc" 2>&1; then
		printf '%s\tnode\t%s/%s.dtb\t%s\t%s\n' "$name" "$c" "$name" "$regex" "dts/$name.dts" >>"$all"
	else
		printf '%s\tbroken\t%s/%s.dtb\t\tdtc failed: %s\n' "$name" "$c" "$name" \
			"$(tr '\n\t' '  ' <"$work/log/$name.dtc" | cut -c1-200)" >>"$all"
	fi
done

# --- run ------------------------------------------------------------------------
while IFS=$'\t' read -r name kind file _; do
	[ "$kind" = broken ] && continue
	for mode in text json; do
		o="$work/out/$name.$mode"
		if [ $mode = json ]; then set -- --json; else set --; fi
		# The subshell (not exec'd: timeout re-raises a child's fatal signal)
		# keeps bash's "Segmentation fault" notices out of the case's stderr.
		(
			ulimit -f 10240 2>/dev/null
			timeout -k 5 10 "$vdisc" dtb "$@" "$file" </dev/null >"$o.stdout" 2>"$o.stderr"
			echo $? >"$o.rc"
		) 2>>"$work/log/shell"
	done
done <"$all"

# --- judge ----------------------------------------------------------------------
exec python3 - "$work" <<'PYEOF'
import json
import os
import re
import sys

work = sys.argv[1]
SANITIZER = re.compile(r"(ERROR|SUMMARY): \w*Sanitizer|runtime error:")


def read(path):
    with open(path, "rb") as fp:
        return fp.read().decode("utf-8", "replace")


def status_problem(rc, want):
    if rc == 124:
        return "hang (killed by timeout after 10 s)"
    if rc == 137:
        return "hang (SIGKILLed after ignoring the timeout's SIGTERM)"
    if rc in (125, 126, 127):
        return "could not be run (exit %d)" % rc
    if rc == 153:
        return "wrote more than 10 MiB (SIGXFSZ)"
    if rc > 128:
        return "crash (signal %d)" % (rc - 128)
    if rc != want:
        return "exit status %d, want %d" % (rc, want)
    return None


def check_run(name, kind, casefile, regex, mode):
    o = os.path.join(work, "out", "%s.%s" % (name, mode))
    rc = int(read(o + ".rc").strip() or -1)
    out, err = read(o + ".stdout"), read(o + ".stderr")
    lines = err.splitlines()
    why = []
    want = 0 if kind == "control" else 5  # the contract's "malformed"
    p = status_problem(rc, want)
    if p:
        why.append(p)
    m = SANITIZER.search(err)
    if m:
        line = err[err.rfind("\n", 0, m.start()) + 1:].split("\n", 1)[0]
        why.append("sanitizer report: %s" % line.strip()[:160])
    prefix = "vdisc: %s: " % casefile
    if kind == "control":
        if err:
            why.append("stderr not empty: %r" % lines[0][:160])
        if not out.strip():
            why.append("no listing on stdout")
    else:
        if not lines:
            why.append("nothing on stderr")
        bad = [l for l in lines if not l.startswith(prefix)]
        if bad:
            why.append("stderr line without %r prefix: %r" % (prefix, bad[0][:160]))
        elif kind == "node":
            fmt = re.compile(re.escape(prefix) + r"/[^:]*: [^:\s][^:]*: \S")
            bad = [l for l in lines if not fmt.match(l)]
            if bad:
                why.append("stderr line not 'FILE: /node/path: property: message': %r"
                           % bad[0][:160])
        # Match after the prefix, so that the file's own name cannot match.
        said = "\n".join(l[len(prefix):] if l.startswith(prefix) else l for l in lines)
        if lines and not re.search(regex, said, re.IGNORECASE):
            why.append("stderr does not match /%s/: %r" % (regex, lines[0][:160]))
        if kind == "fatal":
            if len(lines) > 1:
                why.append("%d stderr lines, want 1 for a fatal error" % len(lines))
            if out:
                why.append("stdout not empty for a fatal error: %r" % out[:80])
        if kind == "node" and not out.strip():
            why.append("no listing on stdout (a node-level problem must not stop it)")
    if mode == "json" and out.strip():
        try:
            json.loads(out)
        except ValueError as e:
            why.append("stdout is not valid JSON (%s)" % e)
    if mode == "json":
        why = [w + " [--json]" for w in why]
    return why


passed = failed = 0
with open(os.path.join(work, "all-cases.tsv")) as fp:
    for row in fp:
        name, kind, fname, regex, note = (row.rstrip("\n").split("\t") + [""] * 5)[:5]
        if kind == "broken":
            why = ["case could not be built: " + note]
        else:
            why = check_run(name, kind, fname, regex, "text")
            why += check_run(name, kind, fname, regex, "json")
        if why:
            failed += 1
            print("FAIL %s: %s" % (name, "; ".join(why)))
        else:
            passed += 1
            print("ok %s" % name)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PYEOF
