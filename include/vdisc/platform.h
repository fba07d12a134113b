/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PLATFORM_H
#define VDISC_PLATFORM_H

#include <stdint.h>

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
};

#endif
