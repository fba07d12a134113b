/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "blk_fixture.h"

static int blk_fixture_setup_(void **state, bool legacy, bool packed)
{
	struct fixture *f = calloc(1, sizeof(*f));

	sw_blk_init(&f->sw, SECTORS, legacy);
	sw_blk_offer(&f->sw, SW_F_RING_PACKED, packed);
	f->buf = calloc(1, 1u << 20);
	*state = f;
	return 0;
}

int setup_modern(void **state)
{
	return blk_fixture_setup_(state, false, false);
}

int setup_packed(void **state)
{
	return blk_fixture_setup_(state, false, true);
}

int setup_legacy(void **state)
{
	return blk_fixture_setup_(state, true, false);
}

int teardown(void **state)
{
	struct fixture *f = *state;

	vdisc_blk_release(&f->blk);
	if (f->sw.bad)
		fail_msg("the device saw a driver error: %s", f->sw.bad_why);
	if (!f->sw.stuck_reset)
		assert_int_equal(f->sw.dma_live, 0);
	sw_blk_free(&f->sw);
	free(f->buf);
	free(f);
	return 0;
}

void init_ok(struct fixture *f)
{
	enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_RESET;

	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, &step), 0);
	assert_int_equal(step, VDISC_VIRTIO_STEP_NONE);
	assert_true(f->sw.status & SW_S_DRIVER_OK);
	/* the ring the device offered: packed when it offers RING_PACKED (never on legacy) */
	assert_int_equal(f->blk.queue0.vq.packed,
			 vdisc_virtio_has(&f->sw.offered, SW_F_RING_PACKED) && !f->sw.legacy);
	assert_int_equal(f->sw.packed, f->blk.queue0.vq.packed);
}

void fill(uint8_t *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + seed * 13 + (i >> 9));
}
