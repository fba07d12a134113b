# 32-bit x86 bare metal with Debian's gcc-i686-linux-gnu (a Linux-targeted
# compiler used freestanding: -nostdinc/-nostdlib, see common.cmake).
# -mgeneral-regs-only: no x87/MMX/SSE state touched, as in a kernel.
set(VDISC_CROSS_ARCH i686)
set(VDISC_CROSS_PREFIX i686-linux-gnu-)
set(VDISC_CROSS_PACKAGE gcc-i686-linux-gnu)
set(VDISC_CROSS_FLAGS -m32 -march=i686 -mgeneral-regs-only)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
