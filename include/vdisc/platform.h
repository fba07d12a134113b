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
};

#ifdef __cplusplus
}
#endif

#endif
