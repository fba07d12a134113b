#!/usr/bin/env bash
# What an embedder does with an installed vdisc, checked against this build:
#   - "cmake --install" to a temporary prefix (and once through DESTDIR): vdisc.pc and
#     vdisc-freestanding.pc name that prefix and the files are where they say;
#   - every installed header compiles alone as C11 and as C++11/17/20 (-Wall -Wextra -pedantic
#     -Werror), and every function the headers declare links from C++ (extern "C");
#   - pkg-config: consumer.cc (g++) and README.md's example (C), run over the fixtures, print
#     what "vdisc dtb --json" says (expect.py); a no-libc program links via vdisc-freestanding.pc;
#   - find_package(vdisc CONFIG): the same programs again (cmake-consumer/), and a version the
#     package does not satisfy is refused.
# Usage: install-consumers.sh CMAKE BUILD_DIR SOURCE_DIR VDISC CC FIXTURE_DIR
set -euo pipefail

cmake=$1 build=$2 src=$3 vdisc=$4 cc=$5 fixtures=$6
here=$src/tests/install
fail() {
	echo "install-consumers: $*" >&2
	exit 1
}
for tool in gcc:gcc g++:g++ pkg-config:pkg-config python3:python3; do
	command -v "${tool%%:*}" >/dev/null ||
		fail "${tool%%:*} not found: install the Debian package '${tool#*:}' (scripts/bootstrap.sh does)"
done

work=$build/tests/install-consumers
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log"
pc=$(find "$prefix" -name vdisc.pc)
[ -f "$pc" ] || fail "no vdisc.pc installed under $prefix"
export PKG_CONFIG_PATH=${pc%/*}

# The .pc files: the prefix installed to, and directories that hold what they should.
for mod in vdisc vdisc-freestanding; do
	[ "$(pkg-config --variable=prefix $mod)" = "$prefix" ] || fail "$mod.pc: prefix is not $prefix"
	libdir=$(pkg-config --variable=libdir $mod)
	includedir=$(pkg-config --variable=includedir $mod)
	[ -f "$includedir/vdisc/vdisc.h" ] || fail "$mod.pc: no vdisc/vdisc.h in $includedir"
done
for a in libvdisc.a libvdisc-freestanding.a; do
	[ -f "$libdir/$a" ] || fail "$a is not in libdir $libdir"
done
version=$(sed -n 's/^#define VDISC_VERSION_STRING "\(.*\)"$/\1/p' "$includedir/vdisc/vdisc.h")
said=$(pkg-config --modversion vdisc) told=$("$vdisc" --version | head -1)
[[ "$said" = "$version" && "$told" == "vdisc $version"* ]] ||
	fail "versions differ: header $version, vdisc.pc $said, vdisc --version '$told'"
DESTDIR=$work/stage "$cmake" --install "$build" --prefix /opt/vdisc-staged >/dev/null
grep -qx 'prefix=/opt/vdisc-staged' "$work/stage/opt/vdisc-staged/${pc#"$prefix"/}" ||
	fail "a DESTDIR install's vdisc.pc does not name its prefix /opt/vdisc-staged"

# Each header alone, in C and in C++.
for h in "$includedir"/vdisc/*.h; do
	name=vdisc/${h##*/}
	printf '#include <%s>\ntypedef int not_empty;\n' "$name" >"$work/one.c"
	"$cc" -std=c11 -pedantic -Wall -Wextra -Werror -I"$includedir" -fsyntax-only "$work/one.c" ||
		fail "$name does not compile alone as C11"
	for std in c++11 c++17 c++20; do
		g++ -std=$std -pedantic -Wall -Wextra -Werror -I"$includedir" -fsyntax-only -x c++ \
			"$work/one.c" || fail "$name does not compile alone as $std"
	done
done

# Every function the headers declare, referenced from C (which proves the archive has it)
# and from C++ (which links only with C linkage).
printf '#include <vdisc/vdisc.h>\n' >"$work/all.c"
# -aux-info (every prototype a unit sees, with its file) is GCC's, whatever CC the build used.
gcc -I"$includedir" -fsyntax-only -aux-info "$work/aux.txt" "$work/all.c"
grep -F "/* $includedir/vdisc/" "$work/aux.txt" | grep -v ' static ' |
	sed -n 's/^.*\*\/ extern [^(]*[ *]\([a-z_][a-z0-9_]*\) (.*$/\1/p' | sort -u >"$work/functions.txt"
nfunc=$(wc -l <"$work/functions.txt")
[ "$nfunc" -ge 50 ] || fail "only $nfunc functions found in the headers (-aux-info)"
{
	printf '#include <vdisc/vdisc.h>\nint main(void)\n{\n\tvoid (*volatile keep)(void);\n'
	sed 's/.*/\tkeep = (void (*)(void))\&&;/' "$work/functions.txt"
	printf '\t(void)keep;\n\treturn 0;\n}\n'
} >"$work/refs.c"
{
	printf '#include <vdisc/vdisc.h>\ntemplate <typename F> static void keep(F *f)\n{\n'
	printf '\tstatic F *volatile kept;\n\tkept = f;\n}\nint main()\n{\n'
	sed 's/.*/\tkeep(\&&);/' "$work/functions.txt"
	printf '\treturn 0;\n}\n'
} >"$work/refs.cc"
# shellcheck disable=SC2046 # pkg-config's words are meant to split
"$cc" -o "$work/refs_c" "$work/refs.c" $(pkg-config --cflags --libs vdisc) ||
	fail "the $nfunc functions the headers declare do not all link from C"
# shellcheck disable=SC2046
g++ -std=c++11 -o "$work/refs_cxx" "$work/refs.cc" $(pkg-config --cflags --libs vdisc) ||
	fail "the functions the headers declare do not link from C++ (extern \"C\" missing?)"

# README.md's example, as the file has it.
awk '/^## For embedders/ {on = 1} on && /^```c$/ {code = 1; next} code && /^```$/ {exit}
     code {print}' "$src/README.md" >"$work/readme_snippet.c"
grep -q 'list_devices' "$work/readme_snippet.c" ||
	fail "README.md's \"For embedders\" section has no C example defining list_devices()"

boards=("$fixtures"/board-*.dtb)
[ -f "${boards[0]}" ] || fail "no board-*.dtb in $fixtures"
consumer_trees=("$fixtures/riscv64-virt.dtb" "$fixtures/arm-virt.dtb" "${boards[@]}")
for dtb in "${consumer_trees[@]}"; do
	base=${dtb##*/}
	"$vdisc" dtb --json "$dtb" >"$work/$base.json"
	python3 "$here/expect.py" consumer "$work/$base.json" >"$work/$base.consumer.expected"
done
for dtb in "${boards[@]}"; do
	python3 "$here/expect.py" readme "$work/${dtb##*/}.json" "$dtb"
done >"$work/readme.expected"

# run_consumers CXX_PROGRAM README_PROGRAM HOW: both over the trees, against vdisc's answers.
run_consumers() {
	for dtb in "${consumer_trees[@]}"; do
		base=${dtb##*/}
		"$1" "$dtb" >"$work/$base.consumer.out" || fail "$3: consumer.cc failed on $base"
		diff -u "$work/$base.consumer.expected" "$work/$base.consumer.out" ||
			fail "$3: consumer.cc's $base differs from vdisc dtb --json"
	done
	"$2" "${boards[@]}" >"$work/readme.out" || fail "$3: README.md's example failed"
	diff -u "$work/readme.expected" "$work/readme.out" ||
		fail "$3: README.md's example differs from vdisc dtb --json"
}

# pkg-config: g++ for C++, the build's compiler for C and for the program with no C library.
# shellcheck disable=SC2046
g++ -std=c++17 -Wall -Wextra -Werror -pedantic -o "$work/consumer_pc" "$here/consumer.cc" \
	$(pkg-config --cflags --libs vdisc) || fail "consumer.cc does not build with pkg-config vdisc"
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Wextra -Werror -pedantic -o "$work/readme_pc" "$work/readme_snippet.c" \
	"$here/readme_main.c" $(pkg-config --cflags --libs vdisc) ||
	fail "README.md's example does not build with pkg-config vdisc"
run_consumers "$work/consumer_pc" "$work/readme_pc" pkg-config

# The freestanding archive calls nothing but libfdt and the set its .pc names ...
libc=$(pkg-config --variable=libc_symbols vdisc-freestanding)
fs=$libdir/libvdisc-freestanding.a
extra=$(comm -23 <(nm -u "$fs" | awk 'NF >= 2 {print $2}' | sort -u) \
	<(nm --defined-only -g "$fs" | awk 'NF == 3 {print $3}' | sort -u) |
	grep -Ev '^fdt_' | grep -Fvx -f <(tr ' ' '\n' <<<"$libc") || true)
[ -z "$extra" ] || fail "libvdisc-freestanding.a calls what vdisc-freestanding.pc does not name: $extra"
# ... and a program with no C library links with what the .pc gives (and minimal_libc.c's set).
# shellcheck disable=SC2046
"$cc" -ffreestanding -fno-builtin -fno-stack-protector -nostdlib -static -o "$work/freestanding_pc" \
	"$src/tests/freestanding/link_check.c" "$src/tests/freestanding/minimal_libc.c" \
	$(pkg-config --cflags --libs vdisc-freestanding) -lgcc ||
	fail "a program with no C library does not link with pkg-config vdisc-freestanding"

# find_package(vdisc CONFIG), C and C++, and the version file.
consumer_cmake() {
	"$cmake" -S "$here/cmake-consumer" -B "$work/cmake-$1" -DCMAKE_PREFIX_PATH="$prefix" \
		-DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER=g++ -DVDISC_WANT_VERSION="$2" \
		-DREADME_SNIPPET="$work/readme_snippet.c" -DFREESTANDING_DIR="$src/tests/freestanding" \
		>"$work/cmake-$1.log" 2>&1
}
consumer_cmake ok "$version" || { cat "$work/cmake-ok.log"; fail "find_package(vdisc $version CONFIG) failed"; }
"$cmake" --build "$work/cmake-ok" >"$work/cmake-ok-build.log" 2>&1 ||
	{ cat "$work/cmake-ok-build.log"; fail "the find_package consumers do not build"; }
run_consumers "$work/cmake-ok/consumer_cxx" "$work/cmake-ok/readme_c" find_package
minor=${version#*.}
newer=${version%%.*}.$((${minor%%.*} + 1))
if consumer_cmake newer "$newer" || ! grep -q "vdiscConfig.cmake, version: $version" "$work/cmake-newer.log"; then
	fail "find_package(vdisc $newer CONFIG) did not refuse version $version for its version"
fi

echo "install-consumers: $nfunc functions link from C++; consumers agree with vdisc on ${#consumer_trees[@]} trees; README example on ${#boards[@]} boards"
rm -rf "$work"
