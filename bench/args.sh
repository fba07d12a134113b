# SPDX-License-Identifier: MIT
# The command line every bench/*/run.sh takes: [VDISC] [--quick] [--help].
# Sourced after `root` is set; sets `vdisc` (an absolute path, build/vdisc by
# default) and `quick` (0 or 1).  --help prints the caller's header from its
# "# Usage:" line to its "# Exit status" paragraph.
vdisc=
quick=0
for arg in "$@"; do
	case $arg in
	--quick) quick=1 ;;
	-h | --help)
		sed -n '/^# Usage:/,/^# Exit status/p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "run.sh: unknown option $arg (try --help)" >&2
		exit 2
		;;
	*)
		if [ -n "$vdisc" ]; then
			echo "run.sh: one VDISC only (try --help)" >&2
			exit 2
		fi
		vdisc=$arg
		;;
	esac
done
vdisc=${vdisc:-$root/build/vdisc}
case $vdisc in /*) ;; *) vdisc=$PWD/$vdisc ;; esac
