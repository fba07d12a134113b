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
#include <stddef.h>
#include <stdint.h>

#include <vdisc/platform.h>

void kernel_main(const void *dtb);
void kernel_trap(uint64_t cause, uint64_t pc, uint64_t val);
/*
 * An interrupt, with interrupts disabled: @cause is riscv64's mcause code (7
 * machine timer, 11 machine external), aarch64's 0 (IRQ; the GIC says which),
 * x86's IDT vector (32..255).
 */
void kernel_irq(uint64_t cause);

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
 * How the loader entered (x86: "multiboot" or "pvh"; elsewhere "dtb"), the
 * kernel command line it passed (x86: the Multiboot cmdline or PVH's
 * hvm_start_info cmdline_paddr; NULL elsewhere: the device tree's
 * /chosen/bootargs holds it), and where it said the ACPI RSDP is (x86 PVH's
 * rsdp_paddr; 0: not given, scan for it).
 */
const char *arch_boot_protocol(void);
const char *arch_boot_cmdline(void);
uint64_t arch_boot_rsdp(void);

/*
 * Power off with @pass and never return.  @test_base is the DT's
 * sifive,test device (0: none known), used where the architecture has it
 * (riscv64); aarch64 uses semihosting SYS_EXIT (ADP_Stopped_ApplicationExit) and then PSCI
 * SYSTEM_OFF, x86 the isa-debug-exit port.  A failure passes @code (1..255)
 * as QEMU's exit status where the mechanism allows.
 */
void arch_poweroff(uint64_t test_base, int pass, unsigned code) __attribute__((noreturn));
void arch_halt(void) __attribute__((noreturn));

/* ---- interrupts ---- */

/* This CPU's interrupt enable: on, off, and off returning the state before (for restore). */
void arch_irq_enable(void);
void arch_irq_disable(void);
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
/*
 * Called with interrupts disabled: wait until an interrupt is pending, let
 * it be taken (kernel_irq runs), return with interrupts disabled again.  No
 * interrupt that became pending before the call is missed (riscv64/aarch64:
 * wfi wakes on a pending interrupt that is masked; x86: sti; hlt).  May
 * return early.
 */
void arch_irq_wait(void);
/*
 * The interrupt controller's input at the CPU: riscv64's mie.MEIE (the
 * PLIC), turned on once something claims from the controller, so that a
 * line nobody answers cannot storm; a no-op where the controller gates
 * itself (aarch64's GIC CPU interface, x86's local APIC).
 */
void arch_irq_external(bool on);
/* This CPU's id as the device tree's cpu nodes give it (riscv64: mhartid); 0 elsewhere. */
uint64_t arch_cpu_id(void);
/*
 * x86: the local APIC's base from IA32_APIC_BASE, after turning it on there
 * if the firmware left it off and masking both 8259 PICs (the APICs take
 * over); 0 elsewhere.
 */
uint64_t arch_local_apic_base(void);
/*
 * The CPU's system registers for a GICv3 CPU interface (aarch64: ICC_*_EL1,
 * MPIDR_EL1, with the ISB each write needs); reads 0 and ignores writes
 * elsewhere.
 */
uint64_t arch_sysreg_read(enum vdisc_sysreg reg);
void arch_sysreg_write(enum vdisc_sysreg reg, uint64_t value);

/*
 * The one-shot timer that bounds a wait.  arch_timer_init: @base is where
 * the timer lives when the architecture cannot know it (riscv64: the CLINT
 * from the device tree; x86: the local APIC, 0 = from IA32_APIC_BASE;
 * aarch64: the virtual timer's INTID from the device tree's
 * arm,armv8-timer node: the timer itself is a system register); false: no
 * timer, nothing is armed and waits poll.  arch_timer_arm: raise one
 * interrupt when arch_ticks() reaches @deadline (at once if it passed);
 * arch_timer_stop: disarm, and lower a raised one.  arch_timer_cause: true
 * when kernel_irq's @cause is the timer itself (riscv64's MTI, x86's
 * vector; aarch64's comes through the GIC as arch_timer_line()).
 * arch_timer_name: what the contract line calls it.
 */
bool arch_timer_init(uint64_t base);
void arch_timer_arm(uint64_t deadline);
void arch_timer_stop(void);
bool arch_timer_cause(uint64_t cause);
/* The timer's interrupt at the interrupt controller (aarch64: the PPI's INTID); 0: none. */
uint32_t arch_timer_line(void);
const char *arch_timer_name(void);

#endif
