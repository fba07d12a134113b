# Shared by the vdisc cross toolchain files (riscv64-elf, aarch64-elf,
# i686-elf), which set, before including this:
#   VDISC_CROSS_ARCH     riscv64 | aarch64 | i686
#   VDISC_CROSS_PREFIX   the Debian cross tools' prefix, e.g. riscv64-unknown-elf-
#   VDISC_CROSS_PACKAGE  the Debian package that ships that compiler
#   VDISC_CROSS_FLAGS    the target's -march/-mabi/-mcpu and register flags
#
# Everything built with these files is freestanding: a bare-metal target
# (CMAKE_SYSTEM_NAME Generic), no C library headers (-nostdinc: only the
# compiler's own stddef.h, stdint.h, stdbool.h, ... and
# cmake/toolchains/freestanding-include/, whose string.h declares just the
# mem/str functions the core may call), no stack protector, no PIC, no
# unwind tables, each function and object in its own section.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR ${VDISC_CROSS_ARCH})

find_program(VDISC_CROSS_CC ${VDISC_CROSS_PREFIX}gcc)
if(NOT VDISC_CROSS_CC)
  message(FATAL_ERROR "${VDISC_CROSS_PREFIX}gcc not found: install the Debian package "
                      "'${VDISC_CROSS_PACKAGE}' (scripts/bootstrap.sh cross does)")
endif()
set(CMAKE_C_COMPILER ${VDISC_CROSS_CC})
foreach(tool ar ranlib nm objcopy objdump readelf)
  string(TOUPPER ${tool} TOOL)
  find_program(CMAKE_${TOOL} ${VDISC_CROSS_PREFIX}${tool})
endforeach()

# The compiler is tried by building a static library: there is no C library
# to link a test program against.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# The compiler's freestanding headers, without the C library directories
# the *-linux-gnu cross compilers would otherwise search (/usr/include is
# the *build* machine's glibc).
execute_process(COMMAND ${CMAKE_C_COMPILER} ${VDISC_CROSS_FLAGS} -print-file-name=include
                OUTPUT_VARIABLE VDISC_CROSS_GCC_INCLUDE OUTPUT_STRIP_TRAILING_WHITESPACE)
set(VDISC_CROSS_FREESTANDING_INCLUDE ${CMAKE_CURRENT_LIST_DIR}/freestanding-include)

string(JOIN " " CMAKE_C_FLAGS_INIT
  ${VDISC_CROSS_FLAGS}
  -ffreestanding -nostdinc
  -isystem ${VDISC_CROSS_GCC_INCLUDE} -isystem ${VDISC_CROSS_FREESTANDING_INCLUDE}
  -ffunction-sections -fdata-sections
  -fno-stack-protector -fno-pic -fno-pie
  -fno-asynchronous-unwind-tables -fno-unwind-tables)
# -Os whatever the build type (RelWithDebInfo, the project's default, keeps
# -g).  Cache entries, because CMake's GNU module appends -O2/-O3 to the
# *_INIT ones after this file has run.
set(CMAKE_C_FLAGS_DEBUG "-Og -g" CACHE STRING "")
set(CMAKE_C_FLAGS_RELEASE "-Os -DNDEBUG" CACHE STRING "")
set(CMAKE_C_FLAGS_MINSIZEREL "-Os -DNDEBUG" CACHE STRING "")
set(CMAKE_C_FLAGS_RELWITHDEBINFO "-Os -g -DNDEBUG" CACHE STRING "")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -static -no-pie")

# Never look for headers or libraries of the build machine.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
