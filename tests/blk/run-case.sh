#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# One `vdisc blk` test case against a qemu-storage-daemon export started by a
# ctest fixture (tests/blk/qsd.sh start EXPORT ...): runs vdisc, checks its exit
# status and the key facts in its output, and that the image is byte for byte
# what it was (sha256), or that it was not even written (mtime).
#
# Usage: tests/blk/run-case.sh VDISC CASE EXPORT
#   VDISC_BLK_STATE (environment) is the fixture's state directory.
#
# Cases (EXPORT is the fixture the case runs against):
#   info             exit 0, the capacity in sectors; nothing written
#   info-ro          ... and read-only
#   info-lbs4k       ... and a block size of 4096
#   info-mq2         ... and 2 queues
#   check            exit 0, image identical afterwards
#   check-ro         exit 0 on a writable=off export; nothing written
#   check-read-only  --read-only on a writable export: exit 0, nothing written
#   bench-qd1 | bench-qd32
#                    4 KiB random reads for 1 s at that depth: exit 0, the JSON's numbers sane
#   bench-mq2        the same with --queues=2
#   bench-sleep      bench and check with --spin=1: woken by the daemon's notifications
#   bench-size       --size=1 MiB of sequential 4 KiB reads: exactly 256 I/Os
#   bench-write-noallow  --rw=write without --allow-write: exit 2 (usage), nothing written
#   bench-bs-small   --bs=512 on a 4096-byte-block export: exit 2 (usage), nothing written
#   sectors-past-end check --sectors past the device's end: exit 2 (usage), nothing written
#   bench-write-ro   --rw=write --allow-write on a writable=off export: exit 3 (not
#                    permitted), nothing written
#   blkdebug-read    check on an export whose reads of sector S fail (EIO): exit 1,
#                    output names S; image identical
#   blkdebug-write   check on an export whose first write of sector S fails: exit 1,
#                    output names S and says it restored; image identical
#   kill-bench       the daemon SIGKILLed 0.5 s into a 10 s bench: exit 1 within 2 s
#   kill-check       the daemon SIGKILLed while the check's pattern is on the disk
#                    (VDISC_BLK_CHECK_PAUSE_MS holds it there): exit 1 within 2 s
#   silent           a socket that accepts and never answers: a timeout message, exit 1
#                    (failed), no hang
#   busy             another front-end holds the export (qemu-storage-daemon accepts a
#                    second connection and never answers it): a timeout message, exit 1
#   sigint-check     SIGINT to vdisc while the check's pattern is on the disk: it
#                    restores, says so, exits 1; image identical
#   no-socket        a path where nothing is: exit 4 (unreadable), "no such socket"
#   not-a-socket     the export's image file as the socket: exit 4, "not a socket"
#   eacces           the export as user nobody (the socket is root's, mode 0750): exit 3
#                    (not permitted), "permission denied"
#   refused          a bound socket nobody listens on: exit 4, "connection refused"
# (The exit statuses are the contract of vdisc(1), EXIT STATUS.)
# Exit: 0 pass, 1 fail (the reasons on stdout), 77 skip (no qemu-storage-daemon).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
vdisc=${1:?usage: run-case.sh VDISC CASE EXPORT}
case_name=${2:?usage: run-case.sh VDISC CASE EXPORT}
export_name=${3:?usage: run-case.sh VDISC CASE EXPORT}
qsd() { bash "$here/qsd.sh" "$@"; }

if ! command -v "${QEMU_STORAGE_DAEMON:-qemu-storage-daemon}" >/dev/null && [ "$case_name" != silent ]; then
	echo "SKIP: qemu-storage-daemon not installed (Debian package qemu-system-common)"
	exit 77
fi
sock=$(qsd get "$export_name" sock) || {
	echo "FAIL: export $export_name was never started (fixture blk_$export_name)"
	exit 1
}
work=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-blk-case.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/out
problems=()

image=
size=0
if [ "$case_name" != silent ]; then
	image=$(qsd get "$export_name" image)
	size=$(qsd get "$export_name" size)
	mtime_before=$(stat -c %y "$image")
fi
sectors=$(((size + 511) / 512))
# vdisc_blk_check's middle block (512-byte logical blocks).
middle=$((sectors / 2))

# run EXPECTED_EXIT ARGS...: vdisc blk ARGS, bounded, output to $out.
run() {
	local want=$1
	shift
	local as=()
	# The tests run as root; a user without write permission on the socket is nobody.
	[ "${run_as_nobody:-0}" = 1 ] && as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	timeout 20 "${as[@]}" "$vdisc" blk "$@" >"$out" 2>&1
	rc=$? # global: the silent case reads it
	echo "\$ vdisc blk $* -> exit $rc"
	sed 's/^/  | /' "$out"
	if [ $rc = 124 ]; then
		problems+=("vdisc hung (killed after 20 s)")
	elif [ "$want" != any ] && [ $rc != "$want" ]; then
		problems+=("exit $rc, expected $want")
	fi
	return 0
}

expect() { # EXTENDED-REGEX WHAT: the output must match (case-insensitive)
	grep -qiE -- "$1" "$out" || problems+=("output does not show $2 (/$1/)")
}

image_same() { # the image's sha256 is the one recorded at start
	local msg
	msg=$(qsd verify "$export_name" 2>&1) || problems+=("$msg")
}

image_untouched() { # ... and it was not even written to
	image_same
	[ "$(stat -c %y "$image")" = "$mtime_before" ] || problems+=("the image was written to (mtime moved)")
}

# The checks of every bench --json: keys, ordered percentiles, bytes = ios * bs, and $2.
read -r -d '' bench_json_py <<'PY'
import json, sys
text = open(sys.argv[1]).read()
try:
    j = json.loads(text[text.index("{"):text.rindex("}") + 1])
except ValueError as e:
    sys.exit("no JSON object in the output (%s)" % e)
for k in ("rw", "bs", "iodepth", "queues", "ios", "bytes", "seconds", "iops", "mb_per_s", "latency_ns"):
    if k not in j:
        sys.exit("no key " + k)
lat = j["latency_ns"]
if not 0 < lat["p50"] <= lat["p99"] <= lat["p999"]:
    sys.exit("latency percentiles not 0 < p50 <= p99 <= p999: %s" % lat)
if j["bytes"] != j["ios"] * j["bs"]:
    sys.exit("bytes %d != ios %d * bs %d" % (j["bytes"], j["ios"], j["bs"]))
sys.exit(0 if eval(sys.argv[2], {"j": j}) else "%s does not hold" % sys.argv[2])
PY

bench_json() { # PYTHON-CONDITION on j (the parsed --json), e.g. 'j["ios"] > 0'
	local why
	why=$(python3 -c "$bench_json_py" "$out" "$1" 2>&1) || problems+=("bench JSON: $why")
}

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

# Wait (up to 5 s) for the image to differ from its recorded checksum: the
# check's pattern is on the disk.  QSD writes through the page cache, so a
# pattern write is visible in the file at once.
wait_pattern_written() {
	local i
	for ((i = 0; i < 250; i++)); do
		qsd verify "$export_name" >/dev/null 2>&1 || return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.02
	done
	return 1
}

# Wait (up to 5 s) until vdisc ($1) is connected: /proc/net/unix lists the
# socket's path once for the listener and once more per accepted connection.
wait_connected() {
	local i
	for ((i = 0; i < 250; i++)); do
		[ "$(grep -cF " $sock" /proc/net/unix)" -ge 2 ] && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.02
	done
	return 1
}

# The daemon SIGKILLed while vdisc ($1, a background pid) works: vdisc must exit 1
# within 2 s of the kill (the issue asks for "within a second"; 2 s leaves room for
# a loaded machine).
kill_daemon_under() { # PID
	local t0 rc ms
	t0=$(date +%s%N)
	qsd kill "$export_name" || problems+=("could not kill the daemon")
	wait "$1"
	rc=$?
	ms=$(ms_since "$t0")
	echo "vdisc exited $rc, $ms ms after the daemon was killed"
	sed 's/^/  | /' "$out"
	[ $rc = 1 ] || problems+=("exit $rc after the daemon died, expected 1")
	[ "$ms" -le 2000 ] || problems+=("took $ms ms to notice the dead daemon (limit 2000)")
}

# Background jobs of a script ignore SIGINT unless job control is on.
set -m
case "$case_name" in
info)
	run 0 info --vhost-user "$sock"
	expect "\\b($sectors|$size)\\b" "the capacity ($sectors sectors)"
	image_untouched
	;;
no-socket)
	run 4 info --vhost-user "$sock.absent"
	expect 'no such socket' "no such socket"
	;;
not-a-socket)
	run 4 info --vhost-user "$image"
	expect 'not a socket' "not a socket"
	image_untouched
	;;
eacces)
	[ "$(id -u)" = 0 ] || {
		echo "SKIP: only root can run vdisc as another user"
		exit 77
	}
	run_as_nobody=1 run 3 info --vhost-user "$sock"
	expect 'permission denied' "permission denied"
	image_untouched
	;;
refused)
	python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$sock.bound"
	run 4 info --vhost-user "$sock.bound"
	rm -f "$sock.bound"
	expect 'connection refused' "connection refused"
	;;
info-ro)
	run 0 info --vhost-user "$sock"
	expect 'read-only|\bRO\b' "read-only"
	image_untouched
	;;
info-lbs4k)
	run 0 info --vhost-user "$sock"
	expect '\b4096\b' "the 4096-byte block size"
	expect "\\b($sectors|$size)\\b" "the capacity ($sectors sectors)"
	image_untouched
	;;
info-mq2)
	run 0 info --vhost-user "$sock"
	expect 'queues?[^0-9]{0,20}2\b' "2 queues"
	image_untouched
	;;
check)
	run 0 check --vhost-user "$sock"
	image_same
	;;
check-ro)
	run 0 check --vhost-user "$sock"
	expect 'read-only|\bRO\b' "that the device is read-only"
	image_untouched
	;;
check-read-only)
	run 0 check --vhost-user "$sock" --read-only
	image_untouched
	;;
bench-qd1 | bench-qd32)
	qd=${case_name#bench-qd}
	run 0 bench --vhost-user "$sock" --rw=randread --bs=4096 --iodepth="$qd" --runtime=1 --json
	bench_json "j['iodepth'] == $qd and j['bs'] == 4096 and j['ios'] > 0 and j['iops'] > 0 and 0.5 < j['seconds'] < 5"
	image_untouched
	;;
bench-sleep)
	# --spin=1: nearly every wait sleeps until the daemon signals the ring's call eventfd
	run 0 bench --vhost-user "$sock" --rw=randread --bs=4096 --iodepth=4 --runtime=1 --spin=1 --json
	bench_json "j['ios'] > 100"
	run 0 check --vhost-user "$sock" --spin=1
	image_same
	;;
bench-mq2)
	run 0 bench --vhost-user "$sock" --rw=randread --bs=4096 --iodepth=16 --queues=2 --runtime=1 --json
	bench_json "j['queues'] == 2 and j['ios'] > 0"
	image_untouched
	;;
bench-size)
	run 0 bench --vhost-user "$sock" --rw=read --bs=4096 --iodepth=8 --size=1048576 --json
	bench_json "j['ios'] == 256 and j['bytes'] == 1048576"
	image_untouched
	;;
bench-write-noallow)
	run 2 bench --vhost-user "$sock" --rw=write --bs=4096 --iodepth=1 --size=65536
	expect 'allow-write' "the --allow-write it needs"
	image_untouched
	;;
bench-bs-small)
	run 2 bench --vhost-user "$sock" --rw=read --bs=512 --iodepth=1 --size=65536
	expect 'multiple of the 4096-byte block' "the block size the requests must be a multiple of"
	image_untouched
	;;
sectors-past-end)
	run 2 check --vhost-user "$sock" --sectors=$((sectors + 64))
	expect '--sectors' "the --sectors it refused"
	image_untouched
	;;
bench-write-ro)
	run 3 bench --vhost-user "$sock" --rw=write --bs=4096 --iodepth=1 --size=65536 --allow-write
	expect 'read-only' "that the device is read-only"
	image_untouched
	;;
blkdebug-read)
	run 1 check --vhost-user "$sock"
	expect "\\b$middle\\b" "the failing sector $middle"
	image_same
	;;
blkdebug-write)
	run 1 check --vhost-user "$sock"
	expect "\\b$middle\\b" "the failing sector $middle"
	expect 'restor' "what it restored"
	image_same
	;;
kill-bench)
	timeout 20 "$vdisc" blk bench --vhost-user "$sock" --rw=randread --bs=4096 --iodepth=32 \
		--runtime=10 >"$out" 2>&1 &
	pid=$!
	wait_connected "$pid" || problems+=("vdisc never connected, or ended at once")
	sleep 0.5 # well into the I/O loop
	kill -0 "$pid" 2>/dev/null || problems+=("the bench ended before the daemon was killed")
	kill_daemon_under "$pid"
	;;
kill-check)
	VDISC_BLK_CHECK_PAUSE_MS=300 timeout 20 "$vdisc" blk check --vhost-user "$sock" >"$out" 2>&1 &
	pid=$!
	if wait_pattern_written "$pid"; then
		kill_daemon_under "$pid"
	else
		problems+=("never saw the check's pattern on the disk (is VDISC_BLK_CHECK_PAUSE_MS honoured?)")
		kill "$pid" 2>/dev/null
		wait "$pid"
	fi
	;;
silent)
	t0=$(date +%s%N)
	run 1 info --vhost-user "$sock"
	echo "ended after $(ms_since "$t0") ms"
	expect 'time(d)? ?out' "a timeout message"
	;;
busy)
	python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
time.sleep(60)' "$sock" &
	holder=$!
	wait_connected "$holder" || problems+=("the first front-end did not connect")
	t0=$(date +%s%N)
	run 1 info --vhost-user "$sock"
	echo "ended after $(ms_since "$t0") ms"
	kill "$holder"
	wait "$holder" 2>/dev/null
	expect 'time(d)? ?out' "a timeout message"
	image_untouched
	;;
sigint-check)
	VDISC_BLK_CHECK_PAUSE_MS=2000 timeout 20 "$vdisc" blk check --vhost-user "$sock" >"$out" 2>&1 &
	pid=$!
	if wait_pattern_written "$pid"; then
		t0=$(date +%s%N)
		kill -INT "$pid"
		wait "$pid"
		rc=$?
		echo "vdisc exited $rc, $(ms_since "$t0") ms after SIGINT"
		sed 's/^/  | /' "$out"
		[ $rc = 1 ] || problems+=("exit $rc after SIGINT, expected 1 (failed)")
		expect 'restor' "what it restored"
		image_same
	else
		problems+=("never saw the check's pattern on the disk (is VDISC_BLK_CHECK_PAUSE_MS honoured?)")
		kill "$pid" 2>/dev/null
		wait "$pid"
	fi
	;;
*)
	echo "run-case.sh: unknown case $case_name" >&2
	exit 2
	;;
esac

if [ ${#problems[@]} -gt 0 ]; then
	printf 'FAIL %s: %s\n' "$case_name" "${problems[@]}"
	# Why the daemon dropped a connection, if it said (libvhost-user's vu_panic).
	qsd get "$export_name" log 2>/dev/null | sed 's/^/  daemon log | /'
	exit 1
fi
echo "PASS $case_name"
