/* SPDX-License-Identifier: MIT */
/*
 * Interrupts in the boot kernel: kernel_irq (entered from start.S with
 * interrupts off), the counters platform.c's wait_irq watches, the
 * one-shot timer that bounds every wait, found from the device tree
 * (riscv64: the CLINT; aarch64: the generic timer's PPI at the GIC) or the
 * CPU (x86: the local APIC), and the proof that it works: a few short
 * sleeps, each ended by the timer's interrupt.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "boot.h"
#include "console.h"

volatile struct boot_irq_stats boot_irq_stats;
static bool timer_ok_;

/*
 * A minimal GICv2 for the timer PPI until the library's irqchip driver is
 * wired: distributor and CPU interface enabled, the PPI enabled at a
 * middle priority, acknowledge/EOI through the CPU interface (ARM IHI 0048B,
 * 4.3 and 4.4).  Interrupts stay in group 0, which QEMU's GIC without
 * security extensions signals as IRQ.
 */
#define GIC2_TMP_DIST_CTLR 0x000u
#define GIC2_TMP_DIST_ISENABLER 0x100u
#define GIC2_TMP_DIST_IPRIORITYR 0x400u
#define GIC2_TMP_CPU_CTLR 0x000u
#define GIC2_TMP_CPU_PMR 0x004u
#define GIC2_TMP_CPU_IAR 0x00cu
#define GIC2_TMP_CPU_EOIR 0x010u
#define GIC2_TMP_INTID_MASK 0x3ffu
#define GIC2_TMP_FIRST_SPURIOUS 1020u

static uint64_t gic_dist_, gic_cpu_;

static bool gic2_init_(void)
{
	for (const struct vdisc_device *d = boot_model.devices; d; d = d->next)
		if ((vdisc_strlist_contains(&d->dt.compatible, "arm,cortex-a15-gic") ||
		     vdisc_strlist_contains(&d->dt.compatible, "arm,gic-400")) &&
		    d->nregs >= 2 && d->regs[0].translated && d->regs[1].translated) {
			gic_dist_ = d->regs[0].address;
			gic_cpu_ = d->regs[1].address;
			arch_write32(gic_dist_ + GIC2_TMP_DIST_CTLR, 1);
			arch_write32(gic_cpu_ + GIC2_TMP_CPU_PMR, 0xf0);
			arch_write32(gic_cpu_ + GIC2_TMP_CPU_CTLR, 1);
			return true;
		}
	return false;
}

static void gic2_enable_(uint32_t intid)
{
	arch_write8(gic_dist_ + GIC2_TMP_DIST_IPRIORITYR + intid, 0xa0);
	arch_write32(gic_dist_ + GIC2_TMP_DIST_ISENABLER + intid / 32 * 4, 1u << (intid % 32));
}

static bool chip_claim_(uint32_t *line)
{
	if (!gic_cpu_)
		return false;
	uint32_t iar = arch_read32(gic_cpu_ + GIC2_TMP_CPU_IAR);
	*line = iar & GIC2_TMP_INTID_MASK;
	if (*line >= GIC2_TMP_FIRST_SPURIOUS)
		return false;
	return true;
}

static void chip_complete_(uint32_t line)
{
	arch_write32(gic_cpu_ + GIC2_TMP_CPU_EOIR, line);
}

/* The timer's own interrupt: disarm it (which lowers a level-triggered one). */
static void timer_fired_(void)
{
	arch_timer_stop();
	boot_irq_stats.timer++;
}

/* A line nobody owns. */
static void stray_(uint32_t line)
{
	(void)line;
	boot_irq_stats.spurious++;
}

/* Bounded: a line that keeps coming back is handled again on the next entry. */
#define CLAIMS_PER_ENTRY_ 16

void kernel_irq(uint64_t cause)
{
	uint32_t line;

	boot_irq_stats.taken++;
	if (arch_timer_cause(cause)) {
		timer_fired_();
	} else if (gic_cpu_) {
		unsigned n = 0;
		while (n < CLAIMS_PER_ENTRY_ && chip_claim_(&line)) {
			n++;
			if (line == arch_timer_line())
				timer_fired_();
			else
				stray_(line);
			chip_complete_(line);
		}
		if (!n)
			boot_irq_stats.spurious++;
	} else {
		stray_((uint32_t)cause);
	}
	arch_irq_done(cause);
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

void boot_irq_init(bool have_dt, uint64_t lapic_base)
{
	uint64_t base = have_dt ? timer_base_() : lapic_base;

	timer_ok_ = arch_timer_init(base);
	if (timer_ok_ && arch_timer_line()) {
		if (gic2_init_())
			gic2_enable_(arch_timer_line());
		else
			timer_ok_ = false;
	}
	con_puts("vdisc: log irq timer=");
	con_puts(timer_ok_ ? arch_timer_name() : "none");
	if (arch_timer_line()) {
		con_puts(" line=");
		con_putu(arch_timer_line());
	}
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
