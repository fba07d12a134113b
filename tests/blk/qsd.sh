#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# qemu-storage-daemon exports for the `vdisc blk` tests and the benchmark:
# one daemon per NAME, serving a temporary image over vhost-user-blk on a
# short UNIX socket, with its state (pid, image, sha256, socket, command line,
# log) in STATE/NAME so that parallel ctest fixtures never collide.
#
#   qsd.sh [--state=DIR] start NAME [options]   serve a fresh image; ready when it returns
#   qsd.sh [--state=DIR] silent NAME            a socket that accepts and never answers
#   qsd.sh [--state=DIR] stop NAME              TERM (KILL after 5 s), remove socket and image
#   qsd.sh [--state=DIR] kill NAME              SIGKILL, nothing else (the fault tests)
#   qsd.sh [--state=DIR] verify NAME [--untouched]
#                                               the image's sha256 is the recorded one;
#                                               --untouched: its mtime too (nothing was written)
#   qsd.sh [--state=DIR] get NAME KEY           print sock, image, pid, size, sha256, log, dir
#
# start options:
#   --size=BYTES        image size (default 8M; K/M suffixes).  Not a multiple of 512 is
#                       allowed: QSD 7.2 rounds the capacity up, and the file grows when
#                       the last, partial sector is written.
#   --image=PATH        serve this existing file instead (not filled, not removed by stop)
#   --ro                writable=off
#   --lbs=N             logical-block-size=N
#   --queues=N          num-queues=N
#   --aio=MODE          threads | io_uring | native (native needs --direct=on)
#   --direct=on|off     cache.direct (default off: tmpfs has no O_DIRECT before Linux 6.6)
#   --blkdebug=read|write:SECTOR[:once]
#                       a blkdebug node between file and raw failing that I/O type with
#                       EIO on any request touching SECTOR (every time, or only once)
#
# The image is filled so that every 512-byte sector differs from every other and
# from zeros (a restore of the wrong bytes shows); its sha256 and mtime are
# recorded.  The daemon's stderr is kept in STATE/NAME/log, its command line in
# STATE/NAME/cmdline (to rerun by hand).  $QEMU_STORAGE_DAEMON overrides the binary.
# STATE is --state=DIR, else $VDISC_BLK_STATE, else ${TMPDIR:-/tmp}/vdisc-blk-$(id -u).
# The socket is /tmp/vd-TAG-NAME.sock, TAG a checksum of STATE: UNIX socket paths
# are limited to 108 bytes, and two build trees on one machine must not share one.
# Exit: 0 done, 1 failed (one line on stderr), 2 usage, 77 qemu-storage-daemon absent.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
qsd_bin=${QEMU_STORAGE_DAEMON:-qemu-storage-daemon}

die() { # CODE MESSAGE
	echo "qsd.sh: $2" >&2
	exit "$1"
}

state=${VDISC_BLK_STATE:-${TMPDIR:-/tmp}/vdisc-blk-$(id -u)}
case "${1:-}" in
--state=*)
	state=${1#--state=}
	shift
	;;
esac
cmd=${1:-}
name=${2:-}
[ -n "$cmd" ] && [ -n "$name" ] || die 2 "usage: qsd.sh [--state=DIR] start|silent|stop|kill|verify|get NAME ..."
case "$name" in
*[!A-Za-z0-9_-]*) die 2 "NAME '$name' may hold only letters, digits, '-' and '_'" ;;
esac
shift 2
mkdir -p "$state" || die 1 "cannot create the state directory $state"
state=$(cd "$state" && pwd)
dir=$state/$name
tag=$(printf %s "$state" | cksum | cut -d' ' -f1)
sock=/tmp/vd-$tag-$name.sock
[ ${#sock} -lt 108 ] || die 2 "socket path $sock is too long for a UNIX socket"

# bytes: 8M, 4K or a plain number.
to_bytes() {
	case "$1" in
	*[Kk]) echo $((${1%?} * 1024)) ;;
	*[Mm]) echo $((${1%?} * 1024 * 1024)) ;;
	*[!0-9]* | '') return 1 ;;
	*) echo "$1" ;;
	esac
}

# Every 512-byte sector starts with its own number and is otherwise a run of
# bytes that depends on it: no sector is zero, none equals another, so a
# restore that writes zeros or the wrong sector is caught.
fill_image() { # PATH BYTES
	python3 - "$1" "$2" <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2])
ramp = bytes(range(256)) * 4
with open(path, "wb") as f:
    for s in range((size + 511) // 512):
        head = b"vdisc-blk sector %010d\n" % s
        start = (s * 7) & 0xFF
        f.write((head + ramp[start:start + 512 - len(head)])[:size - s * 512])
PY
}

# The pid in FILE, if that process is still one of ours (qemu-storage-daemon or the silent peer).
live_pid() { # FILE
	local pid
	pid=$(cat "$1" 2>/dev/null) || return 1
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE 'qemu-storage-daemon|silent-peer' || return 1
	echo "$pid"
}

# A zombie counts as gone: whoever adopted the daemon (init, or a container's
# pid 1) may be slow to reap it, and it holds no socket or file any more.
running() { # PID
	[ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

wait_gone() { # PID TENTHS
	local i
	for ((i = 0; i < $2; i++)); do
		running "$1" || return 0
		sleep 0.1
	done
	return 1
}

# A second start of NAME replaces the first: a fixture rerun after a crash must not fail.
fresh_dir() {
	[ -d "$dir" ] && stop_any >/dev/null 2>&1
	rm -rf "$dir"
	mkdir -p "$dir" || die 1 "cannot create $dir"
	rm -f "$sock"
	echo "$sock" >"$dir/sock"
}

start_qsd() {
	local size=8M image="" own_image=1 writable=on lbs="" queues="" aio="" direct=off
	local blkdebug="" opt
	for opt in "$@"; do
		case "$opt" in
		--size=*) size=${opt#*=} ;;
		--image=*) image=${opt#*=} own_image=0 ;;
		--ro) writable=off ;;
		--lbs=*) lbs=${opt#*=} ;;
		--queues=*) queues=${opt#*=} ;;
		--aio=*) aio=${opt#*=} ;;
		--direct=on | --direct=off) direct=${opt#*=} ;;
		--blkdebug=*) blkdebug=${opt#*=} ;;
		*) die 2 "start: unknown option $opt" ;;
		esac
	done
	command -v "$qsd_bin" >/dev/null ||
		die 77 "SKIP: qemu-storage-daemon not installed (Debian package qemu-system-common; scripts/bootstrap.sh test)"
	fresh_dir
	if [ "$own_image" = 1 ]; then
		size=$(to_bytes "$size") && [ "$size" -gt 0 ] || die 2 "--size must be a positive number of bytes"
		image=$dir/disk.img
		fill_image "$image" "$size" || die 1 "cannot write $image"
	else
		[ -f "$image" ] || die 1 "no image $image"
		image=$(cd "$(dirname "$image")" && pwd)/$(basename "$image")
		size=$(stat -c %s "$image")
	fi
	echo "$image" >"$dir/image"
	echo "$own_image" >"$dir/own_image"
	echo "$size" >"$dir/size"
	sha256sum "$image" | cut -d' ' -f1 >"$dir/sha256"
	stat -c %y "$image" >"$dir/mtime"

	local file="driver=file,node-name=file0,filename=$image,cache.direct=$direct" below=file0
	[ -n "$aio" ] && file+=",aio=$aio"
	local args=(--pidfile "$dir/pid" --blockdev "$file")
	if [ -n "$blkdebug" ]; then
		local io sector once=""
		IFS=: read -r io sector once <<<"$blkdebug"
		case "$io:$once" in
		read: | write: | read:once | write:once) ;;
		*) die 2 "--blkdebug=read|write:SECTOR[:once], not $blkdebug" ;;
		esac
		# iotype too: a rule armed by the read_aio event alone also fails writes to
		# the sector from then on (and write_aio also reads), which no test wants.
		local rule="inject-error.0.event=${io}_aio,inject-error.0.iotype=$io"
		rule+=",inject-error.0.errno=5,inject-error.0.sector=$sector"
		[ "$once" = once ] && rule+=",inject-error.0.once=on"
		args+=(--blockdev "driver=blkdebug,node-name=dbg0,image=file0,$rule")
		below=dbg0
	fi
	args+=(--blockdev "driver=raw,node-name=disk0,file=$below")
	local export="type=vhost-user-blk,id=exp0,node-name=disk0,addr.type=unix,addr.path=$sock"
	export+=",writable=$writable"
	[ -n "$lbs" ] && export+=",logical-block-size=$lbs"
	[ -n "$queues" ] && export+=",num-queues=$queues"
	args+=(--export "$export")
	printf '%q ' "$qsd_bin" "${args[@]}" >"$dir/cmdline"
	echo >>"$dir/cmdline"
	# Not --daemonize: it sends the daemon's stderr to /dev/null, and that is where
	# libvhost-user says why it dropped a front-end ("vu_panic: ...").  The
	# pidfile is written once every export listens, so it is the readiness signal.
	"$qsd_bin" "${args[@]}" </dev/null >"$dir/log" 2>&1 &
	local pid=$! i
	for ((i = 0; i < 200; i++)); do
		[ -s "$dir/pid" ] && [ -S "$sock" ] && return 0
		running "$pid" || break
		sleep 0.05
	done
	running "$pid" && kill -KILL "$pid"
	die 1 "$name: qemu-storage-daemon did not start: $(tr '\n' ' ' <"$dir/log")(command in $dir/cmdline)"
}

start_silent() {
	fresh_dir
	python3 "$here/silent-peer.py" "$sock" "$dir/pid" </dev/null >"$dir/log" 2>&1 &
	local i
	for ((i = 0; i < 50; i++)); do
		[ -s "$dir/pid" ] && [ -S "$sock" ] && return 0
		sleep 0.1
	done
	die 1 "$name: the silent peer did not come up: $(tr '\n' ' ' <"$dir/log")"
}

stop_any() {
	local pid
	if pid=$(live_pid "$dir/pid"); then
		kill -TERM "$pid" 2>/dev/null
		if ! wait_gone "$pid" 50; then
			kill -KILL "$pid" 2>/dev/null
			wait_gone "$pid" 10 || die 1 "$name: pid $pid survives SIGKILL"
		fi
	fi
	rm -f "$sock" "$dir/pid"
	if [ "$(cat "$dir/own_image" 2>/dev/null)" = 1 ]; then
		rm -f "$(cat "$dir/image")"
	fi
	return 0
}

kill_any() {
	local pid
	pid=$(live_pid "$dir/pid") || die 1 "$name: no running daemon to kill"
	kill -KILL "$pid"
}

verify_image() {
	[ -f "$dir/sha256" ] || die 1 "$name: never started (no $dir/sha256)"
	local image now want
	image=$(cat "$dir/image")
	want=$(cat "$dir/sha256")
	now=$(sha256sum "$image" | cut -d' ' -f1)
	[ "$now" = "$want" ] || die 1 "$name: image changed: $image sha256 $now, recorded $want"
	if [ "${1:-}" = --untouched ] && [ "$(stat -c %y "$image")" != "$(cat "$dir/mtime")" ]; then
		die 1 "$name: image was written (contents restored, but mtime moved): $image"
	fi
	return 0
}

case "$cmd" in
start) start_qsd "$@" ;;
silent) start_silent ;;
stop) stop_any ;;
kill) kill_any ;;
verify) verify_image "$@" ;;
get)
	case "${1:-}" in
	sock | image | pid | size | sha256 | log) cat "$dir/$1" 2>/dev/null || die 1 "$name: no $1 recorded" ;;
	dir) echo "$dir" ;;
	*) die 2 "get NAME sock|image|pid|size|sha256|log|dir" ;;
	esac
	;;
*) die 2 "unknown command $cmd (start, silent, stop, kill, verify, get)" ;;
esac
