# AArch64 bare metal with Debian's gcc-aarch64-linux-gnu (a Linux-targeted
# compiler used freestanding: -nostdinc/-nostdlib, see common.cmake).
# -mgeneral-regs-only: no FP/SIMD registers (usable before they are enabled
# and in exception handlers); -mstrict-align: no unaligned accesses, which
# fault while the MMU is off (all memory is Device then).
set(VDISC_CROSS_ARCH aarch64)
set(VDISC_CROSS_PREFIX aarch64-linux-gnu-)
set(VDISC_CROSS_PACKAGE gcc-aarch64-linux-gnu)
set(VDISC_CROSS_FLAGS -mcpu=cortex-a53 -mgeneral-regs-only -mstrict-align)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
