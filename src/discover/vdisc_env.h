/* SPDX-License-Identifier: MIT */
#ifndef VDISC_ENV_H
#define VDISC_ENV_H

/*
 * The core's only door to the C library, in the manner of libfdt_env.h.
 * Every core .c file includes this first.  A freestanding embedder who
 * has its own mem and str functions can define VDISC_ENV_H and provide
 * these names before including any vdisc header.
 *
 * The core uses nothing beyond what libfdt itself needs: memcpy, memset,
 * memcmp, memchr, strlen, strnlen, strcmp, strncmp.  The build checks that
 * the freestanding library's undefined symbols stay within that set.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define VDISC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
