# The freestanding-only build (VDISC_FREESTANDING_ONLY=ON), normally with a
# cross toolchain from cmake/toolchains/ (scripts/cross-build.sh ARCH does
# both).  It replaces VdiscDeps.cmake: no json-c, libpci or host libfdt, and
# gives the root CMakeLists.txt
#   LIBFDT_INCLUDE_DIR   libfdt's headers, extracted from linux-source-6.1
#   libfdt_freestanding  libfdt-freestanding.a, compiled from those sources
# and, outside the default build, vdisc_cross_link_check: a program with no C
# library (tests/cross/link_check.c) linked against both archives.
#
# Every object is compiled with -fstack-usage and -fcallgraph-info=su, which
# scripts/cross-build.sh turns into the stack report.

set(VDISC_LIBFDT_SOURCE_DIR "${PROJECT_BINARY_DIR}/libfdt-src" CACHE PATH
    "Where scripts/libfdt-source.sh extracts libfdt (a build directory, never the source tree)")

find_program(VDISC_BASH bash REQUIRED)
execute_process(
  COMMAND ${VDISC_BASH} ${PROJECT_SOURCE_DIR}/scripts/libfdt-source.sh ${VDISC_LIBFDT_SOURCE_DIR}
  RESULT_VARIABLE vdisc_libfdt_rc
  OUTPUT_VARIABLE vdisc_libfdt_dir OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_VARIABLE vdisc_libfdt_err ERROR_STRIP_TRAILING_WHITESPACE)
if(NOT vdisc_libfdt_rc EQUAL 0)
  message(FATAL_ERROR "libfdt sources for the freestanding build: ${vdisc_libfdt_err}")
endif()
set(LIBFDT_INCLUDE_DIR ${vdisc_libfdt_dir})

# linux-source-6.1's libfdt, less fdt_overlay.c (it calls strtoul(), which
# the freestanding set does not have; the core applies no overlays).  Linux
# leaves dtc's fdt_check.c out of its copy: taken if a source has it.
set(VDISC_LIBFDT_SOURCES)
foreach(f fdt.c fdt_addresses.c fdt_empty_tree.c fdt_ro.c fdt_rw.c fdt_strerror.c fdt_sw.c
          fdt_wip.c fdt_check.c)
  if(EXISTS ${LIBFDT_INCLUDE_DIR}/${f})
    list(APPEND VDISC_LIBFDT_SOURCES ${LIBFDT_INCLUDE_DIR}/${f})
  elseif(NOT f STREQUAL "fdt_check.c")
    message(FATAL_ERROR "libfdt source ${LIBFDT_INCLUDE_DIR}/${f} missing: reinstall the Debian package 'linux-source-6.1'")
  endif()
endforeach()

# Stack use of every function, for scripts/cross-build.sh's report.
add_compile_options(-fstack-usage -fcallgraph-info=su)

add_library(libfdt_freestanding STATIC ${VDISC_LIBFDT_SOURCES})
# The headers come from the build tree: an installed libfdt-freestanding.a carries none (vdisc's
# headers do not include libfdt's), so the include directory is for this build only.
target_include_directories(libfdt_freestanding SYSTEM PUBLIC $<BUILD_INTERFACE:${LIBFDT_INCLUDE_DIR}>)
# libfdt is not our code: its own warnings stay warnings, but calling a
# function nothing declares (a C library one) is an error.
target_compile_options(libfdt_freestanding PRIVATE -ffreestanding -fno-builtin -nostdlib
  -fno-stack-protector -Werror=implicit-function-declaration)
set_target_properties(libfdt_freestanding PROPERTIES OUTPUT_NAME fdt-freestanding)

# A program with no C library at all: a _start that scans a blob, the two
# archives whole (every object of both must resolve), the mem/str set from
# tests/freestanding/minimal_libc.c, and the compiler's libgcc.
add_executable(vdisc_cross_link_check EXCLUDE_FROM_ALL
  ${PROJECT_SOURCE_DIR}/tests/cross/link_check.c
  ${PROJECT_SOURCE_DIR}/tests/freestanding/minimal_libc.c)
target_include_directories(vdisc_cross_link_check PRIVATE ${PROJECT_SOURCE_DIR}/include)
target_compile_options(vdisc_cross_link_check PRIVATE -ffreestanding -fno-builtin
  -fno-stack-protector)
target_link_options(vdisc_cross_link_check PRIVATE -nostdlib -static LINKER:--no-warn-rwx-segments)
# CMake defines WHOLE_ARCHIVE per operating system; a Generic one has none.
set(CMAKE_C_LINK_LIBRARY_USING_WHOLE_ARCHIVE
    "LINKER:--whole-archive" "<LINK_ITEM>" "LINKER:--no-whole-archive")
set(CMAKE_C_LINK_LIBRARY_USING_WHOLE_ARCHIVE_SUPPORTED TRUE)
target_link_libraries(vdisc_cross_link_check PRIVATE
  "$<LINK_LIBRARY:WHOLE_ARCHIVE,vdisc_core_freestanding,libfdt_freestanding>" gcc)
set_target_properties(vdisc_cross_link_check PROPERTIES OUTPUT_NAME link_check)
