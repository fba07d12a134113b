/* SPDX-License-Identifier: MIT */
/* vdisc boot test, riscv64: device access, the clock and the poweroff write. */
#include <stdbool.h>
#include <stdint.h>

#include "../arch.h"

#define FENCE() __asm__ volatile("fence iorw,iorw" ::: "memory")

uint8_t arch_read8(uint64_t a)
{
	FENCE();
	uint8_t v = *(volatile uint8_t *)(uintptr_t)a;
	FENCE();
	return v;
}
uint16_t arch_read16(uint64_t a)
{
	FENCE();
	uint16_t v = *(volatile uint16_t *)(uintptr_t)a;
	FENCE();
	return v;
}
uint32_t arch_read32(uint64_t a)
{
	FENCE();
	uint32_t v = *(volatile uint32_t *)(uintptr_t)a;
	FENCE();
	return v;
}
uint64_t arch_read64(uint64_t a)
{
	FENCE();
	uint64_t v = *(volatile uint64_t *)(uintptr_t)a;
	FENCE();
	return v;
}
void arch_write8(uint64_t a, uint8_t v)
{
	FENCE();
	*(volatile uint8_t *)(uintptr_t)a = v;
	FENCE();
}
void arch_write16(uint64_t a, uint16_t v)
{
	FENCE();
	*(volatile uint16_t *)(uintptr_t)a = v;
	FENCE();
}
void arch_write32(uint64_t a, uint32_t v)
{
	FENCE();
	*(volatile uint32_t *)(uintptr_t)a = v;
	FENCE();
}
void arch_write64(uint64_t a, uint64_t v)
{
	FENCE();
	*(volatile uint64_t *)(uintptr_t)a = v;
	FENCE();
}

void arch_mb(void)
{
	FENCE();
}

uint64_t arch_ticks(void)
{
	uint64_t t;
	__asm__ volatile("csrr %0, time" : "=r"(t));
	return t;
}

void arch_halt(void)
{
	for (;;)
		__asm__ volatile("wfi");
}

/* sifive,test0/test1 (QEMU's sifive_test): 0x5555 pass, (code << 16) | 0x3333 fail. */
void arch_poweroff(uint64_t test_base, int pass, unsigned code)
{
	if (test_base) {
		/* QEMU keeps 8 bits of the status: clamp, so that 256 cannot read as a pass. */
		uint32_t c = code == 0 ? 1 : code > 255 ? 255 : code;
		uint32_t v = pass ? 0x5555u : ((c << 16) | 0x3333u);
		arch_write32(test_base, v);
	}
	arch_halt();
}

bool arch_has_pio(void)
{
	return false;
}

uint32_t arch_pio_read(uint16_t port, unsigned width)
{
	(void)port;
	(void)width;
	return 0xffffffffu;
}

void arch_pio_write(uint16_t port, unsigned width, uint32_t v)
{
	(void)port;
	(void)width;
	(void)v;
}

/* /cpus timebase-frequency says it. */
uint64_t arch_timebase_hz(void)
{
	return 0;
}

uint16_t arch_legacy_console_port(void)
{
	return 0;
}
