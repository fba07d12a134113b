/* SPDX-License-Identifier: MIT */
/* vdisc boot test, riscv64: device access, the clock and the poweroff write. */
#include <stdbool.h>
#include <stddef.h>
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

/* ---- interrupts: M-mode, mstatus.MIE and the CLINT's machine timer ---- */

#define MSTATUS_MIE (1ul << 3)
#define MIP_MTIP_BIT 7 /* machine timer: mcause code and mie/mip bit */
#define MIP_MEIP_BIT 11
/* CLINT (SiFive's layout, QEMU's riscv.aclint.mtimer behind "riscv,clint0"): hart n's mtimecmp. */
#define CLINT_MTIMECMP(base, hart) ((base) + 0x4000u + 8u * (hart))

static uint64_t mtimecmp_addr;

void arch_irq_enable(void)
{
	__asm__ volatile("csrs mstatus, %0" ::"r"(MSTATUS_MIE) : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("csrc mstatus, %0" ::"r"(MSTATUS_MIE) : "memory");
}

unsigned long arch_irq_save(void)
{
	unsigned long old;
	__asm__ volatile("csrrc %0, mstatus, %1" : "=r"(old) : "r"(MSTATUS_MIE) : "memory");
	return old & MSTATUS_MIE;
}

void arch_irq_restore(unsigned long flags)
{
	if (flags & MSTATUS_MIE)
		arch_irq_enable();
}

/*
 * wfi wakes on any interrupt pending and enabled in mie, whatever
 * mstatus.MIE says (privileged spec 3.3.3), so with MIE clear nothing can
 * slip in between the caller's check and the wait; opening MIE afterwards
 * takes what woke us.
 */
void arch_irq_wait(void)
{
	__asm__ volatile("wfi" ::: "memory");
	arch_irq_enable();
	__asm__ volatile("nop" ::: "memory");
	arch_irq_disable();
}

/* The PLIC's line into this hart (mie.MEIE): on once a driver claims from the PLIC. */
void arch_irq_external(bool on)
{
	if (on)
		__asm__ volatile("csrs mie, %0" ::"r"(1ul << MIP_MEIP_BIT) : "memory");
	else
		__asm__ volatile("csrc mie, %0" ::"r"(1ul << MIP_MEIP_BIT) : "memory");
}

uint64_t arch_cpu_id(void)
{
	uint64_t hart;
	__asm__ volatile("csrr %0, mhartid" : "=r"(hart));
	return hart;
}

uint64_t arch_local_apic_base(void)
{
	return 0;
}

uint64_t arch_sysreg_read(enum vdisc_sysreg reg)
{
	(void)reg;
	return 0;
}

void arch_sysreg_write(enum vdisc_sysreg reg, uint64_t value)
{
	(void)reg;
	(void)value;
}

bool arch_timer_init(uint64_t base)
{
	uint64_t hart;

	if (!base)
		return false;
	__asm__ volatile("csrr %0, mhartid" : "=r"(hart));
	mtimecmp_addr = CLINT_MTIMECMP(base, hart);
	arch_timer_stop();
	return true;
}

void arch_timer_arm(uint64_t deadline)
{
	if (!mtimecmp_addr)
		return;
	arch_write64(mtimecmp_addr, deadline);
	__asm__ volatile("csrs mie, %0" ::"r"(1ul << MIP_MTIP_BIT) : "memory");
}

/* MTIP follows mtime >= mtimecmp: only a compare value in the far future lowers it. */
void arch_timer_stop(void)
{
	__asm__ volatile("csrc mie, %0" ::"r"(1ul << MIP_MTIP_BIT) : "memory");
	if (mtimecmp_addr)
		arch_write64(mtimecmp_addr, UINT64_MAX);
}

bool arch_timer_cause(uint64_t cause)
{
	return cause == MIP_MTIP_BIT;
}

uint32_t arch_timer_line(void)
{
	return 0;
}

const char *arch_timer_name(void)
{
	return "clint-mtimecmp";
}

/* The device tree says everything: /chosen/bootargs, no ACPI. */
const char *arch_boot_protocol(void)
{
	return "dtb";
}

const char *arch_boot_cmdline(void)
{
	return NULL;
}

uint64_t arch_boot_rsdp(void)
{
	return 0;
}
