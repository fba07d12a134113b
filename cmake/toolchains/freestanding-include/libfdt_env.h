/* SPDX-License-Identifier: MIT */
#ifndef LIBFDT_ENV_H
#define LIBFDT_ENV_H

/*
 * libfdt's environment header for vdisc's freestanding cross builds.
 *
 * libfdt reaches its surroundings only through "libfdt_env.h": fixed-width
 * types, the fdt16/32/64 byte-order conversions and the mem/str functions.
 * The copy shipped with the sources (linux-source-6.1:
 * scripts/dtc/libfdt/libfdt_env.h, dtc's own) is written for a hosted
 * build -- it includes <stdlib.h>, <string.h> and <limits.h> from a C
 * library -- so scripts/libfdt-source.sh leaves it out and this one, found
 * on the include path instead, takes its place.  Linux
 * (include/linux/libfdt_env.h) and U-Boot (include/linux/libfdt_env.h)
 * replace it the same way for their own freestanding builds.
 *
 * Only the compiler's freestanding headers are used; <string.h> is vdisc's
 * declarations-only one beside this file.  <limits.h> is avoided: GCC's
 * copy for a *-linux-gnu target chains to the C library's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef INT_MAX
#define INT_MAX __INT_MAX__
#endif
#ifndef UINT_MAX
#define UINT_MAX (__INT_MAX__ * 2U + 1U)
#endif

typedef uint16_t fdt16_t;
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

/*
 * A device tree is big-endian.  The conversions read bytes, whatever the
 * target's byte order; GCC turns the pattern into a byte-swap instruction
 * where the target has one (aarch64 rev, x86 bswap) and open-codes it on
 * rv64imac, so no libgcc helper (__bswapsi2) is called.
 */
#define LIBFDT_ENV_B_(x, n) ((uint64_t)((const uint8_t *)&(x))[n])

static inline uint16_t fdt16_to_cpu(fdt16_t x)
{
	return (uint16_t)(LIBFDT_ENV_B_(x, 0) << 8 | LIBFDT_ENV_B_(x, 1));
}

static inline uint32_t fdt32_to_cpu(fdt32_t x)
{
	return (uint32_t)(LIBFDT_ENV_B_(x, 0) << 24 | LIBFDT_ENV_B_(x, 1) << 16 |
			  LIBFDT_ENV_B_(x, 2) << 8 | LIBFDT_ENV_B_(x, 3));
}

static inline uint64_t fdt64_to_cpu(fdt64_t x)
{
	return LIBFDT_ENV_B_(x, 0) << 56 | LIBFDT_ENV_B_(x, 1) << 48 | LIBFDT_ENV_B_(x, 2) << 40 |
	       LIBFDT_ENV_B_(x, 3) << 32 | LIBFDT_ENV_B_(x, 4) << 24 | LIBFDT_ENV_B_(x, 5) << 16 |
	       LIBFDT_ENV_B_(x, 6) << 8 | LIBFDT_ENV_B_(x, 7);
}

/* The same swap both ways. */
static inline fdt16_t cpu_to_fdt16(uint16_t x)
{
	return fdt16_to_cpu(x);
}

static inline fdt32_t cpu_to_fdt32(uint32_t x)
{
	return fdt32_to_cpu(x);
}

static inline fdt64_t cpu_to_fdt64(uint64_t x)
{
	return fdt64_to_cpu(x);
}

#undef LIBFDT_ENV_B_

#endif
