#!/usr/bin/env bash
# Copy Debian 12's real overlays, and real bases, out of the arm64 kernel package into real/, byte
# for byte (never edited).  The package is fetched and unpacked into CACHE_DIR by
# tests/fixtures/dtb/gen-board-dtbs.sh (same pinned version, same private apt state).
#
#   tests/dtb-overlay/gen-real.sh [CACHE_DIR]
#
# Debian 6.1.192-3 ships two overlays (*.dtbo), both Renesas LVDS panels, whose boards it does not
# ship; cases/renesas-panel-base.dts is a base for them.  The real bases: the Gateworks Venice
# GW72xx-0x tree, which the kernel compiles with -@ for its own overlays (cases/venice-serial.dtso
# is applied to it), and an RZ/G2M HiHope tree compiled without -@ (the error case).
# Exit status: 0 written, 77 cannot fetch here, 1 anything else.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
cache=${1:-${VDISC_BOARD_CACHE:-$HOME/.cache/vdisc/boards}}
files=(
    renesas/salvator-panel-aa104xd12.dtbo      # fragments by target-path and by label, local fixups
    renesas/draak-ebisu-panel-aa104xd12.dtbo   # the same panel for another encoder (lvds1)
    freescale/imx8mm-venice-gw72xx-0x.dtb      # a real base with __symbols__
    renesas/r8a774a1-hihope-rzg2m-ex.dtb       # a real base without __symbols__
)
rc=0
"$here/../fixtures/dtb/gen-board-dtbs.sh" "$cache" >/dev/null || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
dir=$(ls -d "$cache"/root-*/usr/lib/linux-image-*/ | head -n1)
mkdir -p "$here/real"
for f in "${files[@]}"; do
    [ -f "$dir/$f" ] || { echo "gen-real: $f is not in the package" >&2; exit 1; }
    cp "$dir/$f" "$here/real/$(basename "$f")"
done
(cd "$here/real" && sha256sum -- *)
