/* SPDX-License-Identifier: MIT */
/*
 * Interrupts in the boot kernel: the controllers (the library's drivers:
 * the tree's PLIC or GIC through the registry, x86's local and I/O APICs
 * from the firmware tables), kernel_irq (entered from start.S with
 * interrupts off: claim, dispatch to the line's owner, complete), the
 * counters platform.c's wait_irq watches, the one-shot timer that bounds
 * every wait (riscv64: the CLINT; aarch64: the generic timer's PPI at the
 * GIC; x86: the local APIC's), and the proof that it works: a few short
 * sleeps, each ended by the timer's interrupt.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "boot.h"
#include "console.h"

#include <vdisc/irq.h>

volatile struct boot_irq_stats boot_irq_stats;
static bool timer_ok_;

/*
 * The controllers: every interrupt-controller node of the tree bound by
 * the library's registry driver from this pool (the PLIC or GIC is the one
 * kernel_irq claims from), or on x86 the local APIC (vectors: no claim)
 * and the I/O APICs the firmware tables list, pin n of I/O APIC i raising
 * vector IOAPIC_VECTOR_BASE_ + i * IOAPIC_VECTOR_STRIDE_ + n.
 */
#define MAX_CHIPS_ 8
#define IOAPIC_VECTOR_BASE_ 0x30u
#define IOAPIC_VECTOR_STRIDE_ 0x20u
static struct vdisc_irqchip chips_[MAX_CHIPS_];
static struct vdisc_irqchip_pool pool_;
static struct vdisc_driver chip_driver_;
static struct vdisc_irqchip *claim_chip_; /* PLIC, GIC */
static struct vdisc_irqchip lapic_;	  /* x86 */
static struct vdisc_irqchip ioapic_[BOOT_ACPI_MAX_IOAPICS];
static bool have_lapic_;

/* Who owns a line of the claiming controller, or (x86) a vector. */
#define MAX_HANDLERS_ 32
struct handler_ {
	uint32_t line;
	void (*fn)(void *arg);
	void *arg;
};
static struct handler_ handler_[MAX_HANDLERS_];
static unsigned nhandlers_;

bool boot_irq_attach(uint32_t line, void (*fn)(void *arg), void *arg)
{
	unsigned long f = arch_irq_save();
	bool ok = nhandlers_ < MAX_HANDLERS_;

	if (ok)
		handler_[nhandlers_++] = (struct handler_){.line = line, .fn = fn, .arg = arg};
	arch_irq_restore(f);
	return ok;
}

void boot_irq_detach(uint32_t line)
{
	unsigned long f = arch_irq_save();

	for (unsigned i = 0; i < nhandlers_; i++)
		if (handler_[i].line == line) {
			handler_[i] = handler_[--nhandlers_];
			break;
		}
	arch_irq_restore(f);
}

/* The timer's own interrupt: disarm it (which lowers a level-triggered one). */
static void timer_fired_(void)
{
	arch_timer_stop();
	boot_irq_stats.timer++;
}

static void dispatch_(uint32_t line)
{
	if (line == arch_timer_line() && arch_timer_line()) {
		timer_fired_();
		return;
	}
	for (unsigned i = 0; i < nhandlers_; i++)
		if (handler_[i].line == line) {
			boot_irq_stats.device++;
			handler_[i].fn(handler_[i].arg);
			return;
		}
	boot_irq_stats.spurious++; /* a line nobody owns */
}

/* Bounded: a line that keeps coming back is handled again on the next entry. */
#define CLAIMS_PER_ENTRY_ 16

void kernel_irq(uint64_t cause)
{
	uint32_t line;
	unsigned n = 0;

	boot_irq_stats.taken++;
	if (arch_timer_cause(cause)) {
		timer_fired_();
		if (have_lapic_)
			vdisc_irq_complete(&lapic_, (uint32_t)cause);
		return;
	}
	if (have_lapic_) {
		/* x86: the vector is the line; the spurious vector takes no EOI (SDM 11.9) */
		if (cause == VDISC_SPURIOUS_APIC_VECTOR) {
			boot_irq_stats.spurious++;
			return;
		}
		dispatch_((uint32_t)cause);
		vdisc_irq_complete(&lapic_, (uint32_t)cause);
		return;
	}
	while (claim_chip_ && n < CLAIMS_PER_ENTRY_ && vdisc_irq_claim(claim_chip_, &line) == 1) {
		n++;
		dispatch_(line);
		vdisc_irq_complete(claim_chip_, line);
	}
	if (!n)
		boot_irq_stats.spurious++;
}

/* ---- setting up ---------------------------------------------------------------- */

void boot_irq_driver(void)
{
	pool_ = (struct vdisc_irqchip_pool){.chips = chips_,
					    .count = MAX_CHIPS_,
					    .platform = &boot_platform,
					    .model = &boot_model,
					    .supervisor = false};
	if (vdisc_irq_hart_intc(&boot_model, arch_cpu_id(), &pool_.hart_intc_path) != 0)
		pool_.hart_intc_path = NULL; /* no RISC-V hart: no PLIC context to find */
	vdisc_irqchip_driver_init(&chip_driver_, &pool_);
	if (vdisc_registry_add_driver(&boot_registry, &chip_driver_) < 0)
		boot_fail();
}

struct vdisc_irqchip *boot_irq_chip(const char *controller)
{
	if (!controller)
		return NULL;
	for (unsigned i = 0; i < BOOT_ACPI_MAX_IOAPICS; i++)
		if (ioapic_[i].ops && ioapic_[i].path && strcmp(ioapic_[i].path, controller) == 0)
			return &ioapic_[i];
	return vdisc_registry_irqchip(&boot_registry, controller);
}

struct vdisc_irqchip *boot_irq_lapic(void)
{
	return have_lapic_ ? &lapic_ : NULL;
}

uint32_t boot_irq_vector(const struct vdisc_irqchip *chip, uint32_t line)
{
	return chip && chip->lapic ? chip->vector_base + line : line;
}

static void print_chip_(const struct vdisc_irqchip *c)
{
	con_puts("vdisc: log irqchip ");
	con_puts(c->ops->name);
	con_putc(' ');
	con_putw(c->path);
	con_puts(" base=");
	con_putx(c->base);
	con_puts(" lines=");
	con_putu(c->nlines);
	con_putc('\n');
}

/* x86: the local APIC (the CPU's own base; the tables' when they disagree is logged) and
 * the I/O APICs of ACPI's MADT or the MP table. */
static void x86_chips_(uint64_t table_lapic)
{
	static const char *const names[BOOT_ACPI_MAX_IOAPICS] = {"ioapic0", "ioapic1", "ioapic2",
								 "ioapic3"};
	uint64_t base = arch_local_apic_base();

	if (table_lapic && base && table_lapic != base) {
		con_puts("vdisc: log local APIC: the firmware table says ");
		con_putx(table_lapic);
		con_puts(", IA32_APIC_BASE ");
		con_putx(base);
		con_putc('\n');
	}
	if (!base || vdisc_irqchip_lapic_init(&lapic_, &boot_platform, base) != 0)
		return;
	have_lapic_ = true;
	print_chip_(&lapic_);
	for (unsigned i = 0; i < boot_acpi.nioapic && i < BOOT_ACPI_MAX_IOAPICS; i++) {
		uint8_t vb = (uint8_t)(IOAPIC_VECTOR_BASE_ + i * IOAPIC_VECTOR_STRIDE_);
		if (vdisc_irqchip_ioapic_init(&ioapic_[i], &boot_platform, boot_acpi.ioapic[i].base,
					      &lapic_, vb) != 0) {
			memset(&ioapic_[i], 0, sizeof(ioapic_[i]));
			continue;
		}
		ioapic_[i].path = names[i];
		if (ioapic_[i].nlines > IOAPIC_VECTOR_STRIDE_)
			ioapic_[i].nlines = IOAPIC_VECTOR_STRIDE_;
		print_chip_(&ioapic_[i]);
	}
}

static const struct vdisc_device *find_compatible_(const char *const *names)
{
	for (const struct vdisc_device *d = boot_model.devices; d; d = d->next)
		for (const char *const *n = names; *n; n++)
			if (vdisc_strlist_contains(&d->dt.compatible, *n))
				return d;
	return NULL;
}

/* The timer's place: the CLINT (riscv64), the virtual timer's PPI (aarch64, its third
 * interrupt in the arm,armv8-timer binding), nothing from the tree (x86). */
static uint64_t timer_base_(void)
{
	static const char *const clint[] = {"riscv,clint0", "sifive,clint0", NULL};
	static const char *const armtimer[] = {"arm,armv8-timer", "arm,armv7-timer", NULL};
	const struct vdisc_device *d;

	if ((d = find_compatible_(clint)) && d->nregs && d->regs[0].translated)
		return d->regs[0].address;
	if ((d = find_compatible_(armtimer)) && d->nirqs >= 3 && d->irqs[2].has_line)
		return d->irqs[2].line;
	return 0;
}

/*
 * After the controllers are bound (boot_irq_driver, then the tree's
 * controller nodes): the claiming controller, x86's APICs, and the timer,
 * whose PPI (aarch64) is enabled at the GIC with the tree's trigger.
 */
void boot_irq_init(bool have_dt, uint64_t table_lapic)
{
	static const char *const armtimer[] = {"arm,armv8-timer", "arm,armv7-timer", NULL};
	const struct vdisc_device *t = find_compatible_(armtimer);
	uint64_t base = have_dt ? timer_base_() : 0;

	for (uint32_t i = 0; i < pool_.used && i < MAX_CHIPS_; i++) {
		print_chip_(&chips_[i]);
		if (!claim_chip_ && chips_[i].ops->claim)
			claim_chip_ = &chips_[i];
	}
	if (!have_dt)
		x86_chips_(table_lapic);
	arch_irq_external(claim_chip_ != NULL);
	timer_ok_ = arch_timer_init(base);
	if (timer_ok_ && arch_timer_line()) {
		uint32_t line;
		unsigned flags;
		timer_ok_ = claim_chip_ && t &&
			    vdisc_irq_line_of(&t->irqs[2], &line, &flags) == 0 &&
			    vdisc_irq_enable(claim_chip_, line, flags) == 0;
	}
	con_puts("vdisc: log irq timer=");
	con_puts(timer_ok_ ? arch_timer_name() : "none");
	if (arch_timer_line()) {
		con_puts(" line=");
		con_putu(arch_timer_line());
	}
	con_puts(" chip=");
	con_puts(claim_chip_ ? claim_chip_->ops->name : have_lapic_ ? "lapic" : "none");
	con_putc('\n');
}

bool boot_irq_timer_ready(void)
{
	return timer_ok_;
}

#define SLEEPS_ 5
#define SLEEP_NS_ 2000000ull
/* TCG runs late, never early: an upper bound only against a wait that nothing ended. */
#define SLEEP_SLACK_NS_ 200000000ull

/*
 * The timer proves itself: SLEEPS_ waits of SLEEP_NS_ with no device
 * interrupt enabled, each ended by the timer (a wake-up counted by
 * kernel_irq), none shorter than asked (less 10% for x86, whose local APIC
 * timer is calibrated against the TSC, itself against the PIT).
 */
void boot_irq_timer_check(void)
{
	uint64_t min = UINT64_MAX, max = 0;
	uint32_t before = boot_irq_stats.timer;
	bool ok = timer_ok_;

	for (unsigned i = 0; i < SLEEPS_ && ok; i++) {
		uint64_t t0 = boot_platform.now_ns(boot_platform.ctx);
		boot_platform.wait_irq(boot_platform.ctx, SLEEP_NS_);
		uint64_t dt = boot_platform.now_ns(boot_platform.ctx) - t0;
		min = dt < min ? dt : min;
		max = dt > max ? dt : max;
	}
	uint32_t wakeups = boot_irq_stats.timer - before;
	ok = ok && wakeups == SLEEPS_ && min >= SLEEP_NS_ / 10 * 9 &&
	     max <= SLEEP_NS_ + SLEEP_SLACK_NS_;
	con_puts("vdisc: irq timer wakeups=");
	con_putu(wakeups);
	con_puts(" sleeps=");
	con_putu(SLEEPS_);
	con_puts(" asked_us=");
	con_putu(SLEEP_NS_ / 1000);
	con_puts(" min_us=");
	con_putu(min == UINT64_MAX ? 0 : min / 1000);
	con_puts(" max_us=");
	con_putu(max / 1000);
	con_puts(" timer=");
	con_puts(timer_ok_ ? arch_timer_name() : "none");
	con_puts(" spurious=");
	con_putu(boot_irq_stats.spurious);
	con_puts(ok ? " check=ok\n" : " check=FAIL\n");
	if (!ok)
		boot_fail();
}
