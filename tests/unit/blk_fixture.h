/* SPDX-License-Identifier: MIT */
#ifndef VDISC_TESTS_BLK_FIXTURE_H
#define VDISC_TESTS_BLK_FIXTURE_H

/*
 * The cmocka fixture test_blk and test_blk_async share: a software
 * virtio-blk device of SECTORS sectors (sw_blk.c: modern, legacy, or modern
 * offering the packed ring), the driver, a 1 MiB
 * buffer; teardown releases the driver and fails the test on any driver
 * error the device saw or DMA memory left allocated.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sw_blk.h"

#define SECTORS 2048u

struct fixture {
	struct sw_blk sw;
	struct vdisc_blk blk;
	uint8_t *buf; /* 1 MiB */
};

int setup_modern(void **state);
int setup_legacy(void **state);
int setup_packed(void **state); /* modern, offering RING_PACKED: the packed ring */
int teardown(void **state);
/* vdisc_blk_init, which must succeed and leave DRIVER_OK set. */
void init_ok(struct fixture *f);
/* A pattern that differs with @seed, and within each sector. */
void fill(uint8_t *p, size_t n, unsigned seed);

#endif
