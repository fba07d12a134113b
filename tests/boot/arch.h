/* SPDX-License-Identifier: MIT */
#ifndef VDISC_BOOT_ARCH_H
#define VDISC_BOOT_ARCH_H

/* What kernel.c needs from an architecture (tests/boot/<arch>/arch.c). */
#include <stdint.h>

uint8_t arch_read8(uint64_t addr);
uint16_t arch_read16(uint64_t addr);
uint32_t arch_read32(uint64_t addr);
uint64_t arch_read64(uint64_t addr);
void arch_write8(uint64_t addr, uint8_t v);
void arch_write16(uint64_t addr, uint16_t v);
void arch_write32(uint64_t addr, uint32_t v);
void arch_write64(uint64_t addr, uint64_t v);
void arch_mb(void);
/* The free-running counter the DT's timebase-frequency counts. */
uint64_t arch_ticks(void);
/* Write the poweroff device at @test_base (0: none known) and never return. */
void arch_poweroff(uint64_t test_base, int pass, unsigned code) __attribute__((noreturn));
void arch_halt(void) __attribute__((noreturn));

#endif
