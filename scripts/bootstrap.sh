#!/usr/bin/env bash
# Installs what vdisc needs on Debian 12, and nothing that is already there.
# Idempotent: when every package is present it only runs dpkg-query and exits.
# Usage: scripts/bootstrap.sh [build|test|cross]
#   build includes qemu-system-common: its qemu-storage-daemon serves the main job's disk;
#   test adds the QEMU/fixture/test tools, g++ (tests/install builds a C++ embedder) and the
#   cross compilers (qemu-utils brings qemu-img and fio the in-kernel reference for bench/blk;
#   graphviz's dot renders vdisc scan --graph=dot in its test and the README's picture);
#   cross is build + the cross compilers and libfdt's sources (scripts/cross-build.sh);
#   gcc-riscv64-linux-gnu builds vdisc for the riscv64 Linux guest (tests/guest/cross-vdisc.sh)
set -euo pipefail

profile=${1:-test}

build_pkgs=(
  cmake make gcc clang pkg-config
  libfdt-dev device-tree-compiler
  libjson-c-dev libpci-dev pciutils
  qemu-system-common
)
test_pkgs=(
  libcmocka-dev groff-base python3 clang-format bash-completion
  g++
  qemu-system-misc qemu-system-arm qemu-system-x86 qemu-utils
  fio
  libclang-rt-14-dev
  graphviz
)
cross_pkgs=(
  gcc-riscv64-unknown-elf gcc-aarch64-linux-gnu gcc-i686-linux-gnu gcc-riscv64-linux-gnu
  linux-source-6.1
)

case "$profile" in
  build) want=("${build_pkgs[@]}") ;;
  test) want=("${build_pkgs[@]}" "${test_pkgs[@]}" "${cross_pkgs[@]}") ;;
  cross) want=("${build_pkgs[@]}" "${cross_pkgs[@]}") ;;
  *) echo "bootstrap.sh: unknown profile '$profile' (use build, test or cross)" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "bootstrap.sh: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "bootstrap.sh: need root (or sudo) to install ${missing[*]}" >&2; exit 3; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
