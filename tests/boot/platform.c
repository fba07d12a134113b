/* SPDX-License-Identifier: MIT */
/*
 * The struct vdisc_platform of the boot kernel: identity-mapped MMIO
 * through the arch accessors, port I/O natively (x86) or through a DT
 * host bridge's I/O window, DMA memory from a static pool, and the
 * architecture's counter as the clock.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "boot.h"

static uint64_t timebase_hz;
static struct {
	uint64_t cpu_base, pci_base, size;
} pio_window;

void boot_set_timebase(uint64_t hz)
{
	timebase_hz = hz;
}

uint64_t boot_timebase(void)
{
	return timebase_hz;
}

void boot_set_pio_window(uint64_t cpu_base, uint64_t pci_base, uint64_t size)
{
	pio_window.cpu_base = cpu_base;
	pio_window.pci_base = pci_base;
	pio_window.size = size;
}

static uint8_t r8_(void *c, uint64_t a)
{
	(void)c;
	return arch_read8(a);
}
static uint16_t r16_(void *c, uint64_t a)
{
	(void)c;
	return arch_read16(a);
}
static uint32_t r32_(void *c, uint64_t a)
{
	(void)c;
	return arch_read32(a);
}
static uint64_t r64_(void *c, uint64_t a)
{
	(void)c;
	return arch_read64(a);
}
static void w8_(void *c, uint64_t a, uint8_t v)
{
	(void)c;
	arch_write8(a, v);
}
static void w16_(void *c, uint64_t a, uint16_t v)
{
	(void)c;
	arch_write16(a, v);
}
static void w32_(void *c, uint64_t a, uint32_t v)
{
	(void)c;
	arch_write32(a, v);
}
static void w64_(void *c, uint64_t a, uint64_t v)
{
	(void)c;
	arch_write64(a, v);
}

/* Where port @port of width @width sits in the MMIO I/O window; 0: outside it. */
static uint64_t pio_mmio_(uint16_t port, unsigned width)
{
	if (!pio_window.size || port < pio_window.pci_base ||
	    port + (uint64_t)width > pio_window.pci_base + pio_window.size)
		return 0;
	return pio_window.cpu_base + (port - pio_window.pci_base);
}

static int pio_read_(void *c, uint16_t port, unsigned width, uint32_t *value)
{
	(void)c;
	if (width != 1 && width != 2 && width != 4)
		return -VDISC_EINVAL;
	if (arch_has_pio()) {
		*value = arch_pio_read(port, width);
		return 0;
	}
	uint64_t a = pio_mmio_(port, width);
	if (!a)
		return -VDISC_ENOTSUP;
	*value = width == 1 ? arch_read8(a) : width == 2 ? arch_read16(a) : arch_read32(a);
	return 0;
}

static int pio_write_(void *c, uint16_t port, unsigned width, uint32_t value)
{
	(void)c;
	if (width != 1 && width != 2 && width != 4)
		return -VDISC_EINVAL;
	if (arch_has_pio()) {
		arch_pio_write(port, width, value);
		return 0;
	}
	uint64_t a = pio_mmio_(port, width);
	if (!a)
		return -VDISC_ENOTSUP;
	if (width == 1)
		arch_write8(a, (uint8_t)value);
	else if (width == 2)
		arch_write16(a, (uint16_t)value);
	else
		arch_write32(a, value);
	return 0;
}

/* DMA memory: a bump allocator over a static pool; physical == virtual. */
#define DMA_POOL_SIZE (512u * 1024u)
static unsigned char dma_pool[DMA_POOL_SIZE] __attribute__((aligned(4096)));
static size_t dma_used;

void boot_dma_reset(void)
{
	dma_used = 0;
}

static void *dma_alloc_(void *c, size_t size, size_t align, uint64_t *phys)
{
	(void)c;
	if (align < 16)
		align = 16;
	if (align & (align - 1) || align > 4096)
		return NULL;
	size_t at = (dma_used + align - 1) & ~(align - 1);
	if (at > DMA_POOL_SIZE || size > DMA_POOL_SIZE - at)
		return NULL;
	dma_used = at + size;
	memset(dma_pool + at, 0, size);
	if (phys)
		*phys = (uint64_t)(uintptr_t)(dma_pool + at);
	return dma_pool + at;
}

static void dma_free_(void *c, void *p, size_t size)
{
	(void)c;
	/* Only the most recent allocation can be given back. */
	if ((unsigned char *)p + size == dma_pool + dma_used)
		dma_used = (size_t)((unsigned char *)p - dma_pool);
}

static uint64_t virt_to_phys_(void *c, const void *p)
{
	(void)c;
	return (uint64_t)(uintptr_t)p;
}

static uint64_t now_ns_(void *c)
{
	(void)c;
	if (!timebase_hz)
		return 0;
	uint64_t t = arch_ticks();
	return t / timebase_hz * 1000000000ull + t % timebase_hz * 1000000000ull / timebase_hz;
}

static void mb_(void *c)
{
	(void)c;
	arch_mb();
}

/* Longer waits are cut to this (the caller loops): keeps the tick arithmetic in 64 bits. */
#define WAIT_MAX_NS_ 10000000000ull
#define WAIT_GRACE_NS_ 100000000ull

static uint64_t ns_to_ticks_(uint64_t ns)
{
	return ns / 1000000000ull * timebase_hz + ns % 1000000000ull * timebase_hz / 1000000000ull;
}

/*
 * Interrupts off, the timer armed for @max_ns, then wait until kernel_irq
 * has run once (the timer's or any other interrupt) or the time is up; the
 * timer bounds every wait, so a device interrupt that never comes costs
 * @max_ns.  Without a timer (none found, no timebase) it returns at once:
 * the caller's loop polls.  The time check is only a net under a wfi that
 * woke for nothing: it allows the timer's interrupt a grace period, since
 * under QEMU on a busy host the counter passes the deadline well before the
 * interrupt arrives.
 */
static uint32_t wait_seen_; /* interrupts taken when wait_irq last returned */
void (*boot_wait_probe)(void);

static void wait_irq_(void *c, uint64_t max_ns)
{
	(void)c;
	if (!boot_irq_timer_ready() || !timebase_hz)
		return;
	unsigned long flags = arch_irq_save();
	/* An interrupt taken since the last return (after the driver last looked, before this
	 * call) may be the completion it waits for: no sleep then, or it would last the slice. */
	if (boot_irq_stats.taken != wait_seen_) {
		wait_seen_ = boot_irq_stats.taken;
		arch_irq_restore(flags);
		return;
	}
	if (boot_wait_probe)
		boot_wait_probe();
	uint32_t seen = boot_irq_stats.taken;
	uint64_t start = arch_ticks();
	uint64_t ticks = ns_to_ticks_(max_ns < WAIT_MAX_NS_ ? max_ns : WAIT_MAX_NS_);
	uint64_t grace = ticks / 4 + ns_to_ticks_(WAIT_GRACE_NS_);

	arch_timer_arm(start + ticks);
	while (boot_irq_stats.taken == seen && arch_ticks() - start < ticks + grace)
		arch_irq_wait();
	arch_timer_stop();
	wait_seen_ = boot_irq_stats.taken;
	arch_irq_restore(flags);
}

static unsigned long irq_save_(void *c)
{
	(void)c;
	return arch_irq_save();
}

static void irq_restore_(void *c, unsigned long flags)
{
	(void)c;
	arch_irq_restore(flags);
}

static uint64_t sysreg_read_(void *c, enum vdisc_sysreg reg)
{
	(void)c;
	return arch_sysreg_read(reg);
}

static void sysreg_write_(void *c, enum vdisc_sysreg reg, uint64_t value)
{
	(void)c;
	arch_sysreg_write(reg, value);
}

static void log_(void *c, const char *line);

const struct vdisc_platform boot_platform = {
	.mmio_read8 = r8_,
	.mmio_read16 = r16_,
	.mmio_read32 = r32_,
	.mmio_read64 = r64_,
	.mmio_write8 = w8_,
	.mmio_write16 = w16_,
	.mmio_write32 = w32_,
	.mmio_write64 = w64_,
	.pio_read = pio_read_,
	.pio_write = pio_write_,
	.dma_alloc = dma_alloc_,
	.dma_free = dma_free_,
	.virt_to_phys = virt_to_phys_,
	.now_ns = now_ns_,
	.mb = mb_,
	.log = log_,
	.wait_irq = wait_irq_,
	.irq_save = irq_save_,
	.irq_restore = irq_restore_,
	.sysreg_read = sysreg_read_,
	.sysreg_write = sysreg_write_,
};

#include "console.h"

static void log_(void *c, const char *line)
{
	(void)c;
	con_puts("vdisc: log ");
	con_puts(line);
	con_putc('\n');
}
