/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PLATFORM_H
#define VDISC_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The platform, as the core reaches it: every hardware access goes through
 * these hooks, so the same code runs in a kernel (real ports and MMIO),
 * in the CLI (/dev/port, a mapped BAR) and in tests (an array).
 *
 * MMIO hooks must give device-memory semantics (no caching, no merging,
 * ordered with each other), which on most CPUs means a barrier or a
 * volatile access of exactly the width asked.  Any hook the platform lacks
 * is NULL; the access methods that need it then refuse with -VDISC_ENOTSUP.
 */
/*
 * The CPU system registers the core may ask the platform to read or write
 * (Arm ARM, D19: the GICv3 CPU interface, and the affinity a redistributor
 * is matched by).  An embedder maps each to its instruction.
 */
enum vdisc_sysreg {
	VDISC_SYSREG_ICC_SRE_EL1 = 1, /* system register interface enable */
	VDISC_SYSREG_ICC_PMR_EL1,     /* priority mask */
	VDISC_SYSREG_ICC_BPR1_EL1,    /* binary point, group 1 */
	VDISC_SYSREG_ICC_CTLR_EL1,    /* control (EOImode) */
	VDISC_SYSREG_ICC_IGRPEN1_EL1, /* group 1 enable */
	VDISC_SYSREG_ICC_IAR1_EL1,    /* acknowledge (read) */
	VDISC_SYSREG_ICC_EOIR1_EL1,   /* end of interrupt (write) */
	VDISC_SYSREG_MPIDR_EL1,	      /* this CPU's affinity (read) */
};

struct vdisc_platform {
	void *ctx;

	uint8_t (*mmio_read8)(void *ctx, uint64_t addr);
	uint16_t (*mmio_read16)(void *ctx, uint64_t addr);
	uint32_t (*mmio_read32)(void *ctx, uint64_t addr);
	uint64_t (*mmio_read64)(void *ctx, uint64_t addr);
	void (*mmio_write8)(void *ctx, uint64_t addr, uint8_t value);
	void (*mmio_write16)(void *ctx, uint64_t addr, uint16_t value);
	void (*mmio_write32)(void *ctx, uint64_t addr, uint32_t value);
	void (*mmio_write64)(void *ctx, uint64_t addr, uint64_t value);

	/* x86 port I/O; NULL elsewhere.  Return 0 or -VDISC_E* (a hosted /dev/port can fail). */
	int (*pio_read)(void *ctx, uint16_t port, unsigned width, uint32_t *value);
	int (*pio_write)(void *ctx, uint16_t port, unsigned width, uint32_t value);

	/*
	 * For drivers (virtio).  DMA memory: zeroed, physically contiguous,
	 * aligned as asked, with the address a device uses for it in *@phys.
	 * NULL when the platform has none (discovery still works).
	 */
	void *(*dma_alloc)(void *ctx, size_t size, size_t align, uint64_t *phys);
	void (*dma_free)(void *ctx, void *p, size_t size);
	/* The device address of any buffer a caller hands a driver (identity on most boards). */
	uint64_t (*virt_to_phys)(void *ctx, const void *p);
	/* A monotonic clock in nanoseconds, for timeouts: a dead device is an error, not a hang. */
	uint64_t (*now_ns)(void *ctx);
	/* Ordering between memory and device accesses; NULL: a full compiler/CPU fence is used. */
	void (*mb)(void *ctx);
	/* A line of text for a log (no newline); NULL: silent. */
	void (*log)(void *ctx, const char *line);

	/*
	 * For interrupt-driven drivers; all NULL where the embedder polls.
	 *
	 * wait_irq: sleep until this CPU has taken an interrupt, or about @max_ns have
	 * passed (the platform arms its own timer first, so an interrupt that never comes
	 * costs a timeout, never a hang); may return early.  Called with nothing held.
	 *
	 * irq_save/irq_restore: keep this CPU's interrupt handlers out of a short
	 * section (state a driver shares with its handler), then put back the state
	 * irq_save returned.  Nest like a stack.
	 */
	void (*wait_irq)(void *ctx, uint64_t max_ns);
	unsigned long (*irq_save)(void *ctx);
	void (*irq_restore)(void *ctx, unsigned long flags);

	/*
	 * CPU system registers an interrupt controller reaches only through
	 * instructions (the GICv3 CPU interface); NULL elsewhere.
	 */
	uint64_t (*sysreg_read)(void *ctx, enum vdisc_sysreg reg);
	void (*sysreg_write)(void *ctx, enum vdisc_sysreg reg, uint64_t value);
};

#ifdef __cplusplus
}
#endif

#endif
