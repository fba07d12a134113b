/* SPDX-License-Identifier: MIT */
#ifndef VDISC_BOOT_ARCH_H
#define VDISC_BOOT_ARCH_H

/*
 * What kernel.c needs from an architecture (tests/boot/<arch>/arch.c).
 *
 * Entry: <arch>/start.S sets up a stack, zeroes .bss and calls
 * kernel_main(dtb) with the device tree blob the architecture's boot
 * convention gives (riscv64: a1 from QEMU's reset vector; aarch64: the
 * start of RAM), or NULL where there is none (x86: the kernel finds PCI
 * through port 0xCF8 instead).  A trap calls kernel_trap().
 */
#include <stdbool.h>
#include <stdint.h>

void kernel_main(const void *dtb);
void kernel_trap(uint64_t cause, uint64_t pc, uint64_t val);

uint8_t arch_read8(uint64_t addr);
uint16_t arch_read16(uint64_t addr);
uint32_t arch_read32(uint64_t addr);
uint64_t arch_read64(uint64_t addr);
void arch_write8(uint64_t addr, uint8_t v);
void arch_write16(uint64_t addr, uint16_t v);
void arch_write32(uint64_t addr, uint32_t v);
void arch_write64(uint64_t addr, uint64_t v);
void arch_mb(void);

/* x86 port I/O (width 1, 2 or 4); false: the architecture has none (the call does nothing). */
bool arch_has_pio(void);
uint32_t arch_pio_read(uint16_t port, unsigned width);
void arch_pio_write(uint16_t port, unsigned width, uint32_t v);

/* The free-running counter the kernel measures time with. */
uint64_t arch_ticks(void);
/* Its frequency when the architecture knows it (aarch64 CNTFRQ_EL0, x86 a
 * calibrated TSC); 0: take /cpus timebase-frequency from the device tree. */
uint64_t arch_timebase_hz(void);
/* Without a device tree: the I/O port of the first serial port the firmware
 * found (x86: the BIOS data area); 0 when unknown or not applicable. */
uint16_t arch_legacy_console_port(void);

/*
 * Power off with @pass and never return.  @test_base is the DT's
 * sifive,test device (0: none known), used where the architecture has it
 * (riscv64); aarch64 uses semihosting SYS_EXIT (ADP_Stopped_ApplicationExit) and then PSCI
 * SYSTEM_OFF, x86 the isa-debug-exit port.  A failure passes @code (1..255)
 * as QEMU's exit status where the mechanism allows.
 */
void arch_poweroff(uint64_t test_base, int pass, unsigned code) __attribute__((noreturn));
void arch_halt(void) __attribute__((noreturn));

#endif
