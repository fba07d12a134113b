/* SPDX-License-Identifier: MIT */
/*
 * vdisc boot test, x86 (32-bit, paging off; QEMU q35 or pc with SeaBIOS):
 * device access, port I/O, the TSC calibrated against the PIT, the IDT, the
 * local APIC and its timer, the loader's information (Multiboot or PVH) and
 * poweroff through isa-debug-exit.
 *
 * MMIO is plain volatile loads and stores: with paging off, physical ==
 * virtual, and SeaBIOS's MTRRs make the PCI hole uncached.  Only the low
 * 4 GiB is reachable: an access above it calls
 * kernel_trap(X86_TRAP_MMIO_ABOVE_4G, caller, address) rather than touching
 * the wrong address.  arch_read64/arch_write64 are two 32-bit accesses, low
 * half first (virtio allows that for its 64-bit fields; i686 has no single
 * 64-bit general-register access).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../arch.h"

/* kernel_trap's cause for an MMIO address the CPU cannot reach without paging. */
#define X86_TRAP_MMIO_ABOVE_4G 0x100u

#define BARRIER() __asm__ volatile("" ::: "memory")

static volatile void *mmio_(uint64_t a)
{
	if (a >> 32)
		kernel_trap(X86_TRAP_MMIO_ABOVE_4G, (uintptr_t)__builtin_return_address(0), a);
	uintptr_t p = (uintptr_t)a;
	/* Hide the constant from GCC, which warns about small fixed addresses (0x400). */
	__asm__("" : "+r"(p));
	return (volatile void *)p;
}

uint8_t arch_read8(uint64_t a)
{
	BARRIER();
	uint8_t v = *(volatile uint8_t *)mmio_(a);
	BARRIER();
	return v;
}
uint16_t arch_read16(uint64_t a)
{
	BARRIER();
	uint16_t v = *(volatile uint16_t *)mmio_(a);
	BARRIER();
	return v;
}
uint32_t arch_read32(uint64_t a)
{
	BARRIER();
	uint32_t v = *(volatile uint32_t *)mmio_(a);
	BARRIER();
	return v;
}
uint64_t arch_read64(uint64_t a)
{
	uint32_t lo = arch_read32(a);
	uint32_t hi = arch_read32(a + 4);
	return ((uint64_t)hi << 32) | lo;
}
void arch_write8(uint64_t a, uint8_t v)
{
	BARRIER();
	*(volatile uint8_t *)mmio_(a) = v;
	BARRIER();
}
void arch_write16(uint64_t a, uint16_t v)
{
	BARRIER();
	*(volatile uint16_t *)mmio_(a) = v;
	BARRIER();
}
void arch_write32(uint64_t a, uint32_t v)
{
	BARRIER();
	*(volatile uint32_t *)mmio_(a) = v;
	BARRIER();
}
void arch_write64(uint64_t a, uint64_t v)
{
	arch_write32(a, (uint32_t)v);
	arch_write32(a + 4, (uint32_t)(v >> 32));
}

/* A full fence without SSE2's mfence (i686 may lack it): a locked RMW on the stack. */
void arch_mb(void)
{
	__asm__ volatile("lock; orl $0, (%%esp)" ::: "memory", "cc");
}

/* ---- port I/O ---- */

static uint8_t inb_(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static void outb_(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

bool arch_has_pio(void)
{
	return true;
}

uint32_t arch_pio_read(uint16_t port, unsigned width)
{
	if (width == 1)
		return inb_(port);
	if (width == 2) {
		uint16_t v;
		__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
		return v;
	}
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

void arch_pio_write(uint16_t port, unsigned width, uint32_t v)
{
	if (width == 1)
		outb_(port, (uint8_t)v);
	else if (width == 2)
		__asm__ volatile("outw %0, %1" : : "a"((uint16_t)v), "Nd"(port) : "memory");
	else
		__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

/* ---- the clock ---- */

uint64_t arch_ticks(void)
{
	uint64_t t;
	__asm__ volatile("rdtsc" : "=A"(t)::"memory");
	return t;
}

#define PIT_HZ 1193182u
#define PIT_CH0 0x40
#define PIT_MODE 0x43
#define PIT_CH0_LOHI_MODE0 0x30u /* channel 0, lobyte/hibyte, mode 0, binary */
#define PIT_CH0_LATCH 0x00u
#define CALIBRATE_MS 20u

static uint16_t pit_ch0_count_(void)
{
	outb_(PIT_MODE, PIT_CH0_LATCH);
	uint8_t lo = inb_(PIT_CH0);
	return (uint16_t)(lo | inb_(PIT_CH0) << 8);
}

/*
 * The TSC against PIT channel 0, which every x86 machine QEMU builds has
 * (microvm has no port 0x61, whose channel 2 gate SeaBIOS-era code uses):
 * count down from 0xffff in mode 0 and read the latched count until
 * CALIBRATE_MS worth of PIT ticks went by.  Interrupts are off; IRQ0 goes
 * nowhere.  0 if the count never moves (no PIT): the kernel then reports no
 * timebase.
 */
static uint64_t calibrate_tsc(void)
{
	const uint32_t latch = PIT_HZ * CALIBRATE_MS / 1000u;
	uint32_t spins = 0;

	outb_(PIT_MODE, PIT_CH0_LOHI_MODE0);
	outb_(PIT_CH0, 0xff);
	outb_(PIT_CH0, 0xff);
	uint64_t t0 = arch_ticks(), t1;
	while (0xffffu - pit_ch0_count_() < latch)
		if (++spins > 20000000u)
			break;
	t1 = arch_ticks();
	if (spins > 20000000u || t1 <= t0)
		return 0;
	return (t1 - t0) * PIT_HZ / latch;
}

/* Calibrated once, at the first call. */
uint64_t arch_timebase_hz(void)
{
	static uint64_t hz;
	if (!hz)
		hz = calibrate_tsc();
	return hz;
}

/* ---- what the loader passed (start.S keeps eax and ebx) ---- */

extern uint32_t boot_magic, boot_info;

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002u
#define MULTIBOOT_INFO_CMDLINE (1u << 2) /* flags: cmdline (offset 16) valid */
#define MULTIBOOT_INFO_CMDLINE_OFFSET 16u
/* struct hvm_start_info (Xen's public/arch-x86/hvm/start_info.h): the fields read here. */
#define HVM_START_MAGIC_VALUE 0x336ec578u
#define HVM_START_CMDLINE_PADDR 24u
#define HVM_START_RSDP_PADDR 32u
#define COM1_PORT 0x3f8u /* the PC's first serial port: what PVH firmware leaves no BDA for */

/* PVH's start info says its magic; the Multiboot information structure starts with flags. */
static bool boot_pvh_(void)
{
	return boot_info && arch_read32(boot_info) == HVM_START_MAGIC_VALUE;
}

static bool boot_multiboot_(void)
{
	return !boot_pvh_() && boot_magic == MULTIBOOT_BOOTLOADER_MAGIC && boot_info;
}

const char *arch_boot_protocol(void)
{
	return boot_pvh_() ? "pvh" : boot_multiboot_() ? "multiboot" : "unknown";
}

/* A pointer the CPU can follow without paging, or NULL. */
static const char *low_string_(uint64_t paddr)
{
	if (!paddr || paddr >> 32)
		return NULL;
	return (const char *)(uintptr_t)mmio_(paddr);
}

const char *arch_boot_cmdline(void)
{
	if (boot_pvh_())
		return low_string_(arch_read64(boot_info + HVM_START_CMDLINE_PADDR));
	if (boot_multiboot_() && (arch_read32(boot_info) & MULTIBOOT_INFO_CMDLINE))
		return low_string_(arch_read32(boot_info + MULTIBOOT_INFO_CMDLINE_OFFSET));
	return NULL;
}

uint64_t arch_boot_rsdp(void)
{
	return boot_pvh_() ? arch_read64(boot_info + HVM_START_RSDP_PADDR) : 0;
}

/*
 * COM1's I/O port as the BIOS found it: the first word of the BIOS data
 * area (0x400).  PVH firmware (qboot) fills no BIOS data area: COM1's
 * fixed port, as Linux's early console takes ttyS0.
 */
uint16_t arch_legacy_console_port(void)
{
	uint16_t port = boot_pvh_() ? 0 : arch_read16(0x400);
	return port ? port : (uint16_t)COM1_PORT;
}

/* ---- exceptions and poweroff ---- */

struct idt_gate {
	uint16_t offset_lo, selector;
	uint8_t zero, type;
	uint16_t offset_hi;
};
extern struct idt_gate idt[256];
extern const uint32_t isr_table[32];
extern const char irq_stubs[];
#define IRQ_STUB_SIZE 16 /* start.S: one stub per vector from 32, 16 bytes apart */

void x86_idt_init_(void);
void x86_trap_(uint32_t vector, uint32_t eip, uint32_t error);

/* start.S: 256 interrupt gates (type 0x8e: present, ring 0) on code selector 0x08. */
void x86_idt_init_(void)
{
	for (unsigned i = 0; i < 256; i++) {
		uint32_t at = i < 32 ? isr_table[i]
				     : (uint32_t)(uintptr_t)(irq_stubs + (i - 32) * IRQ_STUB_SIZE);
		idt[i].offset_lo = (uint16_t)at;
		idt[i].selector = 0x08;
		idt[i].zero = 0;
		idt[i].type = 0x8e;
		idt[i].offset_hi = (uint16_t)(at >> 16);
	}
}

/* start.S, for CPU exceptions 0-31: cause = vector, pc = eip, val = error code (0 if none). */
void x86_trap_(uint32_t vector, uint32_t eip, uint32_t error)
{
	kernel_trap(vector, eip, error);
}

void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#define DEBUG_EXIT_PORT 0xf4

/*
 * isa-debug-exit (-device isa-debug-exit,iobase=0xf4,iosize=0x04): writing v
 * makes QEMU exit with status (v << 1) | 1, so 0 for pass (status 1) and the
 * code for a failure (status 2 * code + 1; tests/boot/run-qemu maps both
 * back).  The status is 8 bits: codes above 127 are sent as 127, which still
 * fails.  Without the device the write does nothing and the CPU halts.
 * @test_base (sifive,test) has no use here.
 */
void arch_poweroff(uint64_t test_base, int pass, unsigned code)
{
	(void)test_base;
	uint8_t v = 0;
	if (!pass)
		v = (uint8_t)(code == 0 ? 1 : code > 127 ? 127 : code);
	outb_(DEBUG_EXIT_PORT, v);
	arch_halt();
}

/* ---- interrupts: EFLAGS.IF, the local APIC and its timer ---- */

#define EFLAGS_IF 0x200u
#define MSR_APIC_BASE 0x1bu
#define MSR_APIC_BASE_ENABLE (1u << 11)
#define MSR_APIC_BASE_ADDR 0xfffff000u
/* Local APIC registers (Intel SDM vol. 3A, 11.4.1 table 11-1) and the vectors this kernel uses. */
#define LAPIC_LVT_TIMER 0x320u
#define LAPIC_LVT_MASKED (1u << 16)
#define LAPIC_TIMER_ICR 0x380u
#define LAPIC_TIMER_CCR 0x390u
#define LAPIC_TIMER_DCR 0x3e0u
#define LAPIC_DIVIDE_16 0x3u
#define X86_TIMER_VECTOR 0xefu
/* The 8259 pair's data ports: writing 0xff masks every line (the APIC takes over). */
#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1
#define LAPIC_CALIBRATE_DIV 100u /* 10 ms of TSC */

static uint64_t lapic_base;
static uint64_t lapic_hz; /* timer ticks per second after the divider */

static uint64_t rdmsr_(uint32_t msr)
{
	uint64_t v;
	__asm__ volatile("rdmsr" : "=A"(v) : "c"(msr));
	return v;
}

static void wrmsr_(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "A"(v) : "memory");
}

void arch_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

unsigned long arch_irq_save(void)
{
	unsigned long f;
	__asm__ volatile("pushfl; popl %0; cli" : "=r"(f)::"memory");
	return f & EFLAGS_IF;
}

void arch_irq_restore(unsigned long flags)
{
	if (flags & EFLAGS_IF)
		arch_irq_enable();
}

/* sti's one-instruction shadow: an interrupt pending at the sti wakes the hlt, never lost. */
void arch_irq_wait(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

/* The local APIC gates every source itself. */
void arch_irq_external(bool on)
{
	(void)on;
}

uint64_t arch_cpu_id(void)
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

uint64_t arch_local_apic_base(void)
{
	uint64_t msr = rdmsr_(MSR_APIC_BASE);

	if (!(msr & MSR_APIC_BASE_ENABLE))
		wrmsr_(MSR_APIC_BASE, msr | MSR_APIC_BASE_ENABLE);
	outb_(PIC1_DATA, 0xff);
	outb_(PIC2_DATA, 0xff);
	return msr & MSR_APIC_BASE_ADDR;
}

/* The timer counts down from 0xffffffff for 10 ms of TSC, masked: its rate after the divider. */
static uint64_t lapic_calibrate_(void)
{
	uint64_t tsc_hz = arch_timebase_hz();
	if (!tsc_hz)
		return 0;
	arch_write32(lapic_base + LAPIC_TIMER_DCR, LAPIC_DIVIDE_16);
	arch_write32(lapic_base + LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | X86_TIMER_VECTOR);
	uint64_t t0 = arch_ticks();
	arch_write32(lapic_base + LAPIC_TIMER_ICR, 0xffffffffu);
	while (arch_ticks() - t0 < tsc_hz / LAPIC_CALIBRATE_DIV)
		;
	uint32_t left = arch_read32(lapic_base + LAPIC_TIMER_CCR);
	arch_write32(lapic_base + LAPIC_TIMER_ICR, 0);
	return (uint64_t)(0xffffffffu - left) * LAPIC_CALIBRATE_DIV;
}

/*
 * @base: the local APIC (0: from IA32_APIC_BASE, see arch_local_apic_base),
 * which the kernel's irqchip driver has software-enabled; its timer is
 * calibrated against the TSC.
 */
bool arch_timer_init(uint64_t base)
{
	if (!base)
		base = arch_local_apic_base();
	if (!base || base >> 32)
		return false;
	lapic_base = base;
	lapic_hz = lapic_calibrate_();
	return lapic_hz != 0;
}

/* The TSC deadline as a one-shot count: at least 1, at most the 32-bit counter. */
void arch_timer_arm(uint64_t deadline)
{
	uint64_t now = arch_ticks(), tsc_hz = arch_timebase_hz(), delta, count;

	if (!lapic_hz || !tsc_hz)
		return;
	delta = deadline > now ? deadline - now : 0;
	count = delta / tsc_hz * lapic_hz + delta % tsc_hz * lapic_hz / tsc_hz;
	count = count < 1 ? 1 : count > 0xffffffffu ? 0xffffffffu : count;
	arch_write32(lapic_base + LAPIC_LVT_TIMER, X86_TIMER_VECTOR);
	arch_write32(lapic_base + LAPIC_TIMER_ICR, (uint32_t)count);
}

/* A zero initial count stops the timer (SDM 11.5.4). */
void arch_timer_stop(void)
{
	if (!lapic_base)
		return;
	arch_write32(lapic_base + LAPIC_TIMER_ICR, 0);
	arch_write32(lapic_base + LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | X86_TIMER_VECTOR);
}

bool arch_timer_cause(uint64_t cause)
{
	return cause == X86_TIMER_VECTOR;
}

uint32_t arch_timer_line(void)
{
	return 0;
}

const char *arch_timer_name(void)
{
	return "lapic-oneshot";
}
