#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# A busybox initramfs for the guest runner (run-guest.sh), from the cache
# fetch.sh fills.
#
#   mkinitramfs.sh OUT.cpio[.gz] [--cache DIR] [--bin PATH]... [--file SRC:DST]...
#                              [--module NAME]...
#
#   --cache DIR     the guest cache (default $VDISC_GUEST_CACHE, else build/guest-cache)
#   --bin PATH      an executable, copied to /bin/NAME, with every shared library
#                   `ldd` names and the dynamic loader, at their host paths
#   --file SRC:DST  any file, copied to DST (an absolute path in the guest)
#   --module NAME   a kernel module to load at boot besides the default ones
#   --virtio-only   not the vfio modules (the other architectures' guests test no VFIO)
#   --sysroot DIR   the --bin executables are another architecture's: their shared
#                   libraries (readelf's NEEDED, followed) and loader come from DIR, the
#                   cache fetch-cross.sh made (CACHE/root), not from ldd
#
# Kernel modules: vfio, vfio_pci, vfio_iommu_type1, virtio_pci, virtio_blk
# (all modules in Debian's 6.1 config; intel-iommu and irq remapping are built
# in) and everything they depend on.  The package carries no modules.dep
# (depmod runs at install time), so dependencies come from each module's own
# .modinfo "depends=" entry; /etc/vdisc-modules lists the files in load order
# (dependencies first) and /init loads them with insmod.
#
# /init mounts proc, sysfs and devtmpfs, installs busybox's applets, loads the
# modules, then runs the case: the script named by vdisc.case=PATH on the
# kernel command line, else /case/run (run-guest.sh adds it in a small second
# archive appended to this one).  It prints "VDISC-GUEST-EXIT=<status>" on the
# console and powers off (poweroff -f; with vdisc.debugexit on the command line first
# through QEMU's isa-debug-exit, for machines without ACPI).  The archive is written with the
# cache's static busybox (`cpio -o -H newc`), so the host needs no cpio.
# OUT ending in .gz is gzipped (3 MB rather than 6 MB); the plain archive
# boots 0.5 to 1 s sooner under TCG (the guest's gunzip is emulated), and is
# what the tests use.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=
cache=${VDISC_GUEST_CACHE:-$here/../../build/guest-cache}
bins=()
files=()
modules=(vfio vfio_iommu_type1 vfio_pci virtio_pci virtio_blk)
sysroot=
while [[ $# -gt 0 ]]; do
    case $1 in
    --cache) cache=$2; shift 2 ;;
    --bin) bins+=("$2"); shift 2 ;;
    --file) files+=("$2"); shift 2 ;;
    --module) modules+=("$2"); shift 2 ;;
    --virtio-only) modules=("${modules[@]/vfio*/}"); shift ;;
    --sysroot) sysroot=$2; shift 2 ;;
    -*) echo "mkinitramfs.sh: unknown option $1" >&2; exit 2 ;;
    *) [[ -z $out ]] || { echo "mkinitramfs.sh: one output only" >&2; exit 2; }
       out=$1; shift ;;
    esac
done
[[ -n $out ]] || { echo "usage: mkinitramfs.sh OUT.cpio[.gz] [--cache DIR] [--bin PATH]... [--file SRC:DST]..." >&2; exit 2; }
if [[ ! -f $cache/stamp ]]; then
    echo "SKIP: no guest cache in $cache (run tests/guest/fetch.sh first)" >&2
    exit 77
fi
cache=$(cd "$cache" && pwd) # the cpio below runs in another directory
kver=$(cat "$cache/kernel-version")
moddir=$cache/root/lib/modules/$kver
busybox=$cache/busybox

stage=$(mktemp -d "${TMPDIR:-/tmp}/vdisc-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,mnt,case,lib/modules}
cp "$busybox" "$stage/bin/busybox"

# Module files by name: the kernel treats - and _ in module names alike.
declare -A mi_path=()
while IFS= read -r ko; do
    name=${ko##*/}
    name=${name%.xz}
    name=${name%.ko}
    mi_path[${name//-/_}]=$ko
done < <(cd "$moddir" && find kernel -name '*.ko' -o -name '*.ko.xz')

# Debian 13's modules are xz-compressed (.ko.xz): busybox's insmod wants them plain.
mi_cat() { if [[ $1 == *.xz ]]; then xz -dc "$1"; else cat "$1"; fi; }
declare -A mi_done=()
order=()
mi_add() { # depth-first: a module goes in after what it depends on
    local name=${1//-/_} dep deps
    [[ -z ${mi_done[$name]:-} ]] || return 0
    mi_done[$name]=1
    if [[ -z ${mi_path[$name]:-} ]]; then
        if grep -q "/${name}.ko\$\|/${name//_/-}.ko\$" "$moddir/modules.builtin"; then
            return 0 # built in: nothing to load
        fi
        echo "mkinitramfs.sh: no module $name in $moddir" >&2
        exit 1
    fi
    deps=$(mi_cat "$moddir/${mi_path[$name]}" | tr '\0' '\n' | sed -n 's/^depends=//p' | head -n1)
    for dep in ${deps//,/ }; do
        mi_add "$dep"
    done
    order+=("${mi_path[$name]}")
}
for m in "${modules[@]}"; do
    [[ -z $m ]] || mi_add "$m"
done
for ko in "${order[@]}"; do
    mkdir -p "$stage/lib/modules/$(dirname "$ko")"
    mi_cat "$moddir/$ko" >"$stage/lib/modules/${ko%.xz}"
    echo "/lib/modules/${ko%.xz}" >>"$stage/etc/vdisc-modules"
done

mi_copy() { # SRC DST: a file at DST in the guest, keeping it executable
    mkdir -p "$stage$(dirname "$2")"
    cp -L "$1" "$stage$2"
}
# Another architecture's executable: its loader and NEEDED libraries, followed, found in
# the sysroot's library directories and put at the same paths in the guest.
declare -A mi_libs=()
mi_cross_libs() { # FILE
    local lib dir found
    for lib in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        [[ -z ${mi_libs[$lib]:-} ]] || continue
        mi_libs[$lib]=1
        found=
        for dir in /lib /usr/lib /lib/*-linux-gnu /usr/lib/*-linux-gnu; do
            for f in "$sysroot"$dir/"$lib"; do
                [[ -e $f ]] && found=${f#"$sysroot"} && break 2
            done
        done
        [[ -n $found ]] || { echo "mkinitramfs.sh: $lib (needed by $1) not in $sysroot" >&2; exit 1; }
        mi_copy "$sysroot$found" "$found"
        mi_cross_libs "$sysroot$found"
    done
}
for bin in "${bins[@]}"; do
    mi_copy "$bin" "/bin/${bin##*/}"
    if [[ -n $sysroot ]]; then
        interp=$(readelf -l "$bin" | sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p')
        [[ -z $interp ]] || mi_copy "$sysroot$interp" "$interp"
        mi_cross_libs "$bin"
        continue
    fi
    # "lib => /path (addr)" and the loader's "/lib64/ld-linux-x86-64.so.2 (addr)"
    while IFS= read -r lib; do
        mi_copy "$lib" "$lib"
    done < <(ldd "$bin" | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p')
done
for f in "${files[@]}"; do
    mi_copy "${f%%:*}" "${f#*:}"
done

cat >"$stage/init" <<'EOF'
#!/bin/busybox sh
# vdisc guest init (tests/guest/mkinitramfs.sh): set up, run the case, report, power off.
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/ TERM=dumb
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
while read -r ko; do
    insmod "$ko" || echo "vdisc-init: insmod $ko failed"
done </etc/vdisc-modules
case_script=/case/run
for arg in $(cat /proc/cmdline); do
    case $arg in vdisc.case=*) case_script=${arg#vdisc.case=} ;; esac
done
if [ -f "$case_script" ]; then
    sh "$case_script"
    rc=$?
else
    echo "vdisc-init: no case script $case_script"
    rc=125
fi
sync
echo "VDISC-GUEST-EXIT=$rc"
# Without ACPI (microvm,acpi=off) poweroff only halts: vdisc.debugexit asks for QEMU's
# isa-debug-exit at port 0xf4, which ends QEMU at once.
if grep -qw vdisc.debugexit /proc/cmdline && [ -e /dev/port ]; then
    printf '\000' | dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null
fi
poweroff -f
EOF
chmod 755 "$stage/init"

tmp=$out.tmp.$$
compress=(cat)
[[ $out != *.gz ]] || compress=(gzip -1)
# The cache's busybox writes the archive where it runs here; another architecture's cannot.
if "$busybox" true 2>/dev/null; then
    (cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | "$busybox" cpio -o -H newc -R 0:0 2>/dev/null)
else
    python3 "$here/newc.py" "$stage"
fi | "${compress[@]}" >"$tmp"
mv "$tmp" "$out"
echo "initramfs $out: $(du -h "$out" | cut -f1), modules: $(tr '\n' ' ' <"$stage/etc/vdisc-modules" |
    sed 's|/lib/modules/kernel/[^ ]*/||g; s|\.ko||g')"
