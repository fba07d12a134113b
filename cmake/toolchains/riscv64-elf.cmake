# RISC-V 64 bare metal with Debian's gcc-riscv64-unknown-elf.
# rv64imac/lp64: no floating-point registers (usable before the FPU is on and
# in trap handlers), a multilib Debian's libgcc has; medany: code may sit
# anywhere, e.g. at QEMU virt's 0x80000000.
set(VDISC_CROSS_ARCH riscv64)
set(VDISC_CROSS_PREFIX riscv64-unknown-elf-)
set(VDISC_CROSS_PACKAGE gcc-riscv64-unknown-elf)
set(VDISC_CROSS_FLAGS -march=rv64imac -mabi=lp64 -mcmodel=medany)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
