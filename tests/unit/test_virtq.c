/* SPDX-License-Identifier: MIT */
/*
 * Device initialisation (vdisc_virtio_negotiate, _driver_ok, _fail) and the
 * virtqueue (vdisc_virtq_*), split and packed, against the software device
 * of sw_blk.c: every negotiation step failing, ring layout held against the
 * kernel's <linux/virtio_ring.h>, chains, notification suppression, index
 * and wrap-counter wrap, and a hostile device's used ring or used
 * descriptors (manual mode: the test writes them).  Cases that do not look
 * at a ring's own layout run on both (setup_packed: RING_PACKED offered).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <linux/virtio_ring.h>

#include "sw_blk.h"

static int setup_modern(void **state)
{
	struct sw_blk *sw = calloc(1, sizeof(*sw));

	sw_blk_init(sw, 64, false);
	*state = sw;
	return 0;
}

static int setup_legacy(void **state)
{
	struct sw_blk *sw = calloc(1, sizeof(*sw));

	sw_blk_init(sw, 64, true);
	*state = sw;
	return 0;
}

static int setup_packed(void **state)
{
	struct sw_blk *sw = calloc(1, sizeof(*sw));

	sw_blk_init(sw, 64, false);
	sw_blk_offer(sw, SW_F_RING_PACKED, true);
	*state = sw;
	return 0;
}

static int teardown(void **state)
{
	struct sw_blk *sw = *state;

	assert_int_equal(sw->bad, 0);
	sw_blk_free(sw);
	free(sw);
	return 0;
}

static void supported_all(struct vdisc_virtio_features *f)
{
	memset(f, 0, sizeof(*f));
	f->word[0] = 1u << SW_F_SEG_MAX | 1u << SW_F_FLUSH | 1u << SW_F_EVENT_IDX |
		     1u << SW_F_INDIRECT_DESC;
	f->word[1] = 1u << (SW_F_VERSION_1 - 32) | 1u << (SW_F_RING_PACKED - 32);
	f->nwords = 2;
}

/* ---- negotiation ------------------------------------------------------------ */

static void test_negotiate_modern(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtio_features sup;
	enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_QUEUES;

	supported_all(&sup);
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, &step), 0);
	assert_int_equal(step, VDISC_VIRTIO_STEP_NONE);
	assert_int_equal(sw->status, SW_S_ACKNOWLEDGE | SW_S_DRIVER | SW_S_FEATURES_OK);
	assert_int_equal(sw->resets, 1);
	/* offered & supported: GEOMETRY, MQ, DISCARD... were offered but are not accepted */
	assert_int_equal(sw->accepted.word[0], 1u << SW_F_SEG_MAX | 1u << SW_F_FLUSH);
	assert_int_equal(sw->accepted.word[1], 1u);
	assert_true(vdisc_virtio_has(&sw->dev.offered, SW_F_MQ));
	assert_false(vdisc_virtio_has(&sw->dev.accepted, SW_F_MQ));
	assert_int_equal(vdisc_virtio_driver_ok(&sw->dev), 0);
	assert_true(sw->status & SW_S_DRIVER_OK);
	assert_false(sw->saw_failed);
}

static void test_negotiate_legacy(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtio_features sup;
	enum vdisc_virtio_init_step step;

	supported_all(&sup);
	sw_blk_offer(sw, SW_F_EVENT_IDX, true);
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, &step), 0);
	/* 3.1.2: no FEATURES_OK, and VERSION_1 never accepted on a legacy device */
	assert_int_equal(sw->status, SW_S_ACKNOWLEDGE | SW_S_DRIVER);
	assert_int_equal(sw->accepted.word[1], 0);
	assert_false(vdisc_virtio_has(&sw->dev.accepted, SW_F_VERSION_1));
	assert_true(vdisc_virtio_has(&sw->dev.accepted, SW_F_EVENT_IDX));
	assert_int_equal(vdisc_virtio_driver_ok(&sw->dev), 0);
	assert_int_equal(sw->status, SW_S_ACKNOWLEDGE | SW_S_DRIVER | SW_S_DRIVER_OK);
}

static void test_negotiate_no_version_1(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtio_features sup;
	enum vdisc_virtio_init_step step;

	supported_all(&sup);
	sw_blk_offer(sw, SW_F_VERSION_1, false);
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, &step), -VDISC_ENOTSUP);
	assert_int_equal(step, VDISC_VIRTIO_STEP_FEATURES);
	assert_true(sw->saw_failed);
	assert_int_equal(sw->status, 0); /* FAILED, then reset */
}

static void test_negotiate_refused(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtio_features sup;
	enum vdisc_virtio_init_step step;

	supported_all(&sup);
	sw->refuse_features_ok = true;
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, &step), -VDISC_EIO);
	assert_int_equal(step, VDISC_VIRTIO_STEP_FEATURES_OK);
	assert_true(sw->saw_failed);
}

static void test_negotiate_reset_timeout(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtio_features sup;
	enum vdisc_virtio_init_step step;

	supported_all(&sup);
	sw->status = SW_S_ACKNOWLEDGE;
	sw->stuck_reset = true;
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, &step), -VDISC_ETIMEDOUT);
	assert_int_equal(step, VDISC_VIRTIO_STEP_RESET);
	assert_true(sw->clock >= 1000000000ull);
	assert_true(sw->clock < 5000000000ull);
	assert_true(sw->saw_failed);
}

struct step_case {
	enum sw_op op;
	unsigned after;
	uint8_t bits;
	enum vdisc_virtio_init_step step;
};

static void test_negotiate_each_step(void **state)
{
	static const struct step_case cases[] = {
		{SW_OP_SET_STATUS, 0, 0, VDISC_VIRTIO_STEP_RESET},
		{SW_OP_GET_STATUS, 0, 0, VDISC_VIRTIO_STEP_RESET},
		{SW_OP_SET_STATUS, 0, SW_S_ACKNOWLEDGE, VDISC_VIRTIO_STEP_ACKNOWLEDGE},
		{SW_OP_GET_STATUS, 1, 0, VDISC_VIRTIO_STEP_ACKNOWLEDGE},
		{SW_OP_SET_STATUS, 0, SW_S_DRIVER, VDISC_VIRTIO_STEP_DRIVER},
		{SW_OP_GET_FEATURES, 0, 0, VDISC_VIRTIO_STEP_FEATURES},
		{SW_OP_SET_FEATURES, 0, 0, VDISC_VIRTIO_STEP_FEATURES},
		{SW_OP_SET_STATUS, 0, SW_S_FEATURES_OK, VDISC_VIRTIO_STEP_FEATURES_OK},
		{SW_OP_GET_STATUS, 4, 0, VDISC_VIRTIO_STEP_FEATURES_OK},
	};
	struct sw_blk *sw = *state;
	struct vdisc_virtio_features sup;
	unsigned i;

	supported_all(&sup);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_NONE;

		sw_blk_free(sw);
		sw_blk_init(sw, 8, false);
		sw->fail_op = cases[i].op;
		sw->fail_op_after = cases[i].after;
		sw->fail_set_status_bits = cases[i].bits;
		assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, &step), -VDISC_EIO);
		assert_int_equal(step, cases[i].step);
		assert_true(sw->saw_failed || cases[i].op == SW_OP_SET_STATUS);
		sw->fail_op = SW_OP_NONE;
		/* with get_status failing the driver cannot know which bits to keep */
		if (cases[i].op == SW_OP_GET_STATUS)
			sw->bad = 0;
		assert_int_equal(sw->bad, 0);
	}
}

static void test_negotiate_args(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtio_features sup;

	supported_all(&sup);
	assert_int_equal(vdisc_virtio_negotiate(NULL, &sup, NULL), -VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, NULL, NULL), -VDISC_EINVAL);
	sw->platform.now_ns = NULL;
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, NULL), -VDISC_ENOTSUP);
	assert_int_equal(sw->resets, 0);
}

static void test_driver_ok_needs_reset(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtio_features sup;

	supported_all(&sup);
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, NULL), 0);
	sw->status |= SW_S_NEEDS_RESET;
	assert_int_equal(vdisc_virtio_driver_ok(&sw->dev), -VDISC_EIO);
	assert_true(sw->saw_failed);
	assert_int_equal(sw->status, 0);
}

/* ---- layout and setup --------------------------------------------------------- */

static void test_layout(void **state)
{
	static const uint16_t sizes[] = {1, 2, 4, 16, 128, 256, 1024, 32768};
	size_t avail, used, n;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint16_t s = sizes[i];

		/* legacy: exactly the kernel's vring_size() and vring_init() placement */
		n = vdisc_virtq_layout(s, true, 4096, &avail, &used);
		assert_int_equal(n, vring_size(s, 4096)); /* avail_event included */
		assert_int_equal(avail, 16u * s);
		assert_int_equal(used % 4096, 0);
		assert_true(used >= avail + 6u + 2u * s);
		assert_true(used < avail + 6u + 2u * s + 4096);
		/* modern: 16/2/4 alignment (2.7), packed */
		n = vdisc_virtq_layout(s, false, 0, &avail, &used);
		assert_int_equal(avail, 16u * s);
		assert_int_equal(used, (16u * s + 6u + 2u * s + 3u) & ~(size_t)3);
		assert_int_equal(n, used + 6u + 8u * s);
	}
	assert_int_equal(vdisc_virtq_layout(0, false, 0, NULL, NULL), 0);
	assert_int_equal(vdisc_virtq_layout(16, true, 0, NULL, NULL), 0);
	assert_int_equal(vdisc_virtq_layout(16, true, 3000, NULL, NULL), 0);
}

static struct vdisc_virtq *new_queue(struct sw_blk *sw, int expect)
{
	struct vdisc_virtq *q = calloc(1, sizeof(*q));
	struct vdisc_virtio_features sup;

	supported_all(&sup);
	assert_int_equal(vdisc_virtio_negotiate(&sw->dev, &sup, NULL), 0);
	assert_int_equal(vdisc_virtq_init(q, &sw->dev, 0, 0), expect);
	if (expect == 0) {
		assert_int_equal(vdisc_virtio_driver_ok(&sw->dev), 0);
		assert_int_equal(q->packed, sw->packed); /* both sides agree on the format */
		assert_int_equal(q->packed, vdisc_virtio_has(&sw->offered, SW_F_RING_PACKED));
	}
	return q;
}

static void free_queue(struct vdisc_virtq *q)
{
	vdisc_virtq_release(q);
	free(q);
}

static void test_setup_sizes(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;

	sw->qmax = 100; /* modern: the largest power of two that fits */
	q = new_queue(sw, 0);
	assert_int_equal(q->size, 64);
	assert_int_equal(sw->qsize, 64);
	assert_int_equal(q->num_free, 64);
	assert_int_equal(sw->dma_live, 1);
	free_queue(q);
	assert_int_equal(sw->dma_live, 0);
	assert_false(sw->q_ready);

	sw->qmax = 1024; /* capped at VDISC_VIRTQ_MAX_SIZE */
	q = new_queue(sw, 0);
	assert_int_equal(q->size, VDISC_VIRTQ_MAX_SIZE);
	free_queue(q);
}

static void test_setup_legacy(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;

	q = new_queue(sw, 0); /* the device checks the contiguous legacy layout */
	assert_int_equal(q->size, 128);
	assert_int_equal(q->used_phys % 4096, 0);
	free_queue(q);
	sw->qmax = 100; /* legacy sizes cannot be chosen: not a power of two, refused */
	q = new_queue(sw, -VDISC_ENOTSUP);
	free(q);
	sw->qmax = 512; /* larger than the driver's shadow */
	q = new_queue(sw, -VDISC_ENOTSUP);
	free(q);
	assert_int_equal(sw->dma_live, 0);
}

static void test_setup_errors(void **state)
{
	struct sw_blk *sw = *state;

	sw->qmax = 0;
	free(new_queue(sw, -VDISC_ENOTFOUND));
	sw->qmax = 16;
	sw->dma_fail = 1;
	free(new_queue(sw, -VDISC_ENOMEM));
	sw->fail_op = SW_OP_QUEUE_SETUP;
	free(new_queue(sw, -VDISC_EIO));
	assert_int_equal(sw->dma_live, 0); /* freed on the failed setup */
	sw->fail_op = SW_OP_QUEUE_MAX;
	free(new_queue(sw, -VDISC_EIO));
	sw->fail_op = SW_OP_NONE;
	sw->platform.dma_alloc = NULL;
	free(new_queue(sw, -VDISC_ENOTSUP));
}

/* ---- add, kick, get --------------------------------------------------------- */

static uint8_t bufs[4][64];

static void sg3(struct vdisc_sg *sg)
{
	sg[0] = (struct vdisc_sg){.addr = (uintptr_t)bufs[0], .len = 16};
	sg[1] = (struct vdisc_sg){.addr = (uintptr_t)bufs[1], .len = 32};
	sg[2] = (struct vdisc_sg){.addr = (uintptr_t)bufs[2], .len = 40, .device_writes = true};
}

static uint64_t le(const void *p, unsigned n)
{
	const uint8_t *b = p;
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

static void test_add_get(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	const uint8_t *d;
	void *token = NULL;
	uint32_t len = 0;
	int tok;

	sw->manual = true;
	sw->qmax = 8;
	q = new_queue(sw, 0);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), 0);
	assert_int_equal(q->num_free, 5);
	/* the chain in the ring, little-endian, linked, the last one writable */
	d = q->desc;
	assert_int_equal(le(d + 0, 8), (uintptr_t)bufs[0]);
	assert_int_equal(le(d + 8, 4), 16);
	assert_int_equal(le(d + 12, 2), VRING_DESC_F_NEXT);
	assert_int_equal(le(d + 16 * le(d + 14, 2) + 12, 2), VRING_DESC_F_NEXT);
	assert_int_equal(le(d + 16 * 2 + 12, 2), VRING_DESC_F_WRITE);
	/* not visible to the device before the kick */
	assert_int_equal(le((const uint8_t *)q->avail + 2, 2), 0);
	assert_int_equal(le(q->avail, 2), VRING_AVAIL_F_NO_INTERRUPT);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	assert_int_equal(le((const uint8_t *)q->avail + 2, 2), 1);
	assert_int_equal(le((const uint8_t *)q->avail + 4, 2), 0);
	assert_int_equal(sw->notifies, 1);
	assert_int_equal(vdisc_virtq_kick(q), 0); /* nothing new: no notify */
	assert_int_equal(sw->notifies, 1);

	sw_blk_push_used(sw, 0, 40, 1);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	assert_ptr_equal(token, &tok);
	assert_int_equal(len, 40);
	assert_int_equal(q->num_free, 8);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 0);
	free_queue(q);
}

static void test_add_errors(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	int tok;

	sw->manual = true;
	sw->qmax = 4;
	q = new_queue(sw, 0);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add(q, sg, 1, 2, &tok), -VDISC_EINVAL);	 /* sg[1] is out */
	assert_int_equal(vdisc_virtq_add(q, sg + 1, 2, 0, &tok), -VDISC_EINVAL); /* sg[2] is in */
	assert_int_equal(vdisc_virtq_add(q, sg, 0, 0, &tok), -VDISC_EINVAL);
	assert_int_equal(vdisc_virtq_add(q, sg + 2, 0, 1, &tok), 0);
	sg[1].len = 0;
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), -VDISC_EINVAL);
	sg[1].len = 32;
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), 0);
	assert_int_equal(vdisc_virtq_add(q, sg, 1, 0, &tok), -VDISC_ENOMEM); /* full */
	assert_int_equal(q->num_free, 0);
	free_queue(q);
}

/* Through the real device: out-of-order completion, ring wrap past 65535. */
static void test_wrap(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	unsigned i;

	sw->manual = true;
	sw->qmax = 4;
	q = new_queue(sw, 0);
	sg3(sg);
	for (i = 0; i < 70000; i++) {
		void *token;
		uint32_t len;

		assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &bufs[i % 2]), 0);
		assert_int_equal(vdisc_virtq_kick(q), 0);
		sw_blk_take(sw);
		assert_int_equal(sw->nheld, 1);
		sw_blk_push_used(sw, sw->held[0], 1, 1);
		sw->nheld = 0;
		assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
		assert_ptr_equal(token, &bufs[i % 2]);
	}
	/* split: the 16-bit avail index; packed: the slot after 70000 chains of 3 on 4 */
	assert_int_equal(q->avail_idx, q->packed ? 70000u * 3 % 4 : (uint16_t)70000);
	assert_int_equal(q->num_free, 4);
	free_queue(q);
}

static void test_no_notify(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];

	sw->manual = true;
	sw->set_no_notify = true;
	q = new_queue(sw, 0);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	assert_int_equal(sw->notifies, 0);
	free_queue(q);
}

static void test_event_idx(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	uint8_t *avail_event;

	sw->manual = true;
	sw_blk_offer(sw, SW_F_EVENT_IDX, true);
	q = new_queue(sw, 0);
	assert_true(q->event_idx);
	assert_int_equal(le(q->avail, 2), 0); /* 2.7.7.1: flags 0 with EVENT_IDX */
	assert_int_equal(le((const uint8_t *)q->avail + 4 + 2 * q->size, 2), 0xffff);
	avail_event = (uint8_t *)q->used + 4 + 8u * q->size;
	sg3(sg);
	/* avail_event 0: the device wants to hear of entry 0 -> notify */
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	assert_int_equal(sw->notifies, 1);
	/* the device said it will look at entry 5 by itself: 1..2 need no notify */
	avail_event[0] = 5;
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	assert_int_equal(sw->notifies, 1);
	/* crossing it (entries 3..5 published at once) notifies */
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	assert_int_equal(sw->notifies, 2);
	free_queue(q);
}

/* ---- a hostile used ring ---------------------------------------------------------- */

struct hostile {
	uint32_t id;
	uint32_t len;
	uint16_t inc;
	bool second_completion; /* complete the same head twice */
};

static void run_hostile(struct sw_blk *sw, const struct hostile *h)
{
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	void *token;
	uint32_t len;
	int tok;

	sw->manual = true;
	sw->qmax = 8;
	q = new_queue(sw, 0);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), 0);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	if (h->second_completion) {
		sw_blk_push_used(sw, 0, 1, 1);
		assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	}
	sw_blk_push_used(sw, h->id, h->len, h->inc);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), -VDISC_EIO);
	/* dead: nothing goes in or comes out any more */
	assert_int_equal(vdisc_virtq_get(q, &token, &len), -VDISC_EIO);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), -VDISC_EIO);
	assert_int_equal(vdisc_virtq_kick(q), -VDISC_EIO);
	free_queue(q);
	assert_int_equal(sw->dma_live, 0);
}

static void test_hostile_id_range(void **state)
{
	const struct hostile h = {.id = 8, .len = 1, .inc = 1};

	run_hostile(*state, &h);
}

static void test_hostile_id_huge(void **state)
{
	const struct hostile h = {.id = 0xffffffffu, .len = 0, .inc = 1};

	run_hostile(*state, &h);
}

static void test_hostile_not_head(void **state)
{
	const struct hostile h = {.id = 1, .len = 1, .inc = 1}; /* the chain's second descriptor */

	run_hostile(*state, &h);
}

static void test_hostile_free_desc(void **state)
{
	const struct hostile h = {.id = 7, .len = 1, .inc = 1}; /* never used */

	run_hostile(*state, &h);
}

static void test_hostile_twice(void **state)
{
	const struct hostile h = {.id = 0, .len = 1, .inc = 1, .second_completion = true};

	run_hostile(*state, &h);
}

static void test_hostile_idx_jump(void **state)
{
	const struct hostile h = {.id = 0, .len = 1, .inc = 3};

	run_hostile(*state, &h);
}

static void test_hostile_idx_backwards(void **state)
{
	const struct hostile h = {.id = 0, .len = 1, .inc = 0xffff};

	run_hostile(*state, &h);
}

static void test_hostile_len(void **state)
{
	const struct hostile h = {.id = 0, .len = 41, .inc = 1}; /* 40 writable bytes */

	run_hostile(*state, &h);
}

static void test_len_exact(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	void *token;
	uint32_t len;

	sw->manual = true;
	q = new_queue(sw, 0);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	sw_blk_push_used(sw, 0, 40, 1);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	assert_int_equal(len, 40);
	free_queue(q);
}

/* INDIRECT_DESC (2.7.5.3): one ring descriptor, the chain in the caller's table. */
static void test_indirect(void **state)
{
	struct sw_blk *sw = *state;
	static uint8_t table[4 * 16] __attribute__((aligned(16)));
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	const uint8_t *d;
	void *token;
	uint32_t len;
	bool legacy;
	int tok;

	sw->manual = true;
	sw->qmax = 2; /* a chain of 3 only fits as a table */
	sw_blk_offer(sw, SW_F_INDIRECT_DESC, true);
	q = new_queue(sw, 0);
	assert_true(q->indirect);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), -VDISC_ENOMEM);
	assert_int_equal(
		vdisc_virtq_add_indirect(q, sg, 2, 1, &tok, table + 8, (uintptr_t)table + 8),
		-VDISC_EINVAL); /* misaligned */
	assert_int_equal(vdisc_virtq_add_indirect(q, sg, 2, 1, &tok, table, (uintptr_t)table),
			 -VDISC_EINVAL); /* 3 buffers: longer than the queue size of 2 */
	free_queue(q);

	legacy = sw->legacy;
	sw_blk_free(sw);
	sw_blk_init(sw, 64, legacy);
	sw->manual = true;
	sw->qmax = 4;
	sw_blk_offer(sw, SW_F_INDIRECT_DESC, true);
	q = new_queue(sw, 0);
	assert_int_equal(vdisc_virtq_add_indirect(q, sg, 2, 1, &tok, table, (uintptr_t)table), 0);
	assert_int_equal(q->num_free, 3);
	d = q->desc;
	assert_int_equal(le(d + 0, 8), (uintptr_t)table);
	assert_int_equal(le(d + 8, 4), 48);
	assert_int_equal(le(d + 12, 2), VRING_DESC_F_INDIRECT); /* never with NEXT */
	assert_int_equal(le(table + 0, 8), (uintptr_t)bufs[0]);
	assert_int_equal(le(table + 12, 2), VRING_DESC_F_NEXT);
	assert_int_equal(le(table + 14, 2), 1);
	assert_int_equal(le(table + 16 + 14, 2), 2);
	assert_int_equal(le(table + 32 + 8, 4), 40);
	assert_int_equal(le(table + 32 + 12, 2), VRING_DESC_F_WRITE);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	sw_blk_push_used(sw, 0, 40, 1);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	assert_ptr_equal(token, &tok);
	assert_int_equal(q->num_free, 4);
	/* a length past the table's writable 40 bytes is a lie */
	assert_int_equal(vdisc_virtq_add_indirect(q, sg, 2, 1, &tok, table, (uintptr_t)table), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	sw_blk_push_used(sw, 0, 41, 1);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), -VDISC_EIO);
	free_queue(q);
}

static void test_indirect_not_negotiated(void **state)
{
	struct sw_blk *sw = *state;
	static uint8_t table[3 * 16] __attribute__((aligned(16)));
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];

	sw->manual = true;
	q = new_queue(sw, 0); /* the device does not offer it */
	assert_false(q->indirect);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add_indirect(q, sg, 2, 1, NULL, table, (uintptr_t)table),
			 -VDISC_ENOTSUP);
	free_queue(q);
}

/* ---- the packed ring (2.8) ------------------------------------------------------ */

static uint16_t pflags(const struct vdisc_virtq *q, uint16_t slot)
{
	return (uint16_t)le((const uint8_t *)q->desc + 16u * slot + 14, 2);
}

static uint16_t pevent(const void *area, unsigned off)
{
	return (uint16_t)le((const uint8_t *)area + off, 2);
}

static void test_packed_layout(void **state)
{
	static const uint16_t sizes[] = {1, 2, 4, 16, 100, 256, 32768};
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	size_t drv, dev;
	unsigned i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		/* 2.8.10.1: ring 16 * size (16-aligned), then two 4-byte areas (4-aligned) */
		assert_int_equal(vdisc_virtq_layout_packed(sizes[i], &drv, &dev),
				 16u * sizes[i] + 8u);
		assert_int_equal(drv, 16u * sizes[i]);
		assert_int_equal(dev, 16u * sizes[i] + 4u);
		assert_int_equal(sizeof(struct vring_packed_desc), 16);
		assert_int_equal(sizeof(struct vring_packed_desc_event), 4);
	}
	assert_int_equal(vdisc_virtq_layout_packed(0, NULL, NULL), 0);
	assert_int_equal(vdisc_virtq_layout_packed(32769, NULL, NULL), 0);
	sw->qmax = 16;
	q = new_queue(sw, 0);
	assert_true(q->packed);
	assert_int_equal(q->desc_phys % 16, 0);
	assert_int_equal(q->avail_phys, q->desc_phys + 16u * 16);
	assert_int_equal(q->used_phys, q->avail_phys + 4);
	assert_int_equal(sw->dma_size[0], 16u * 16 + 8);
	/* polling: the driver asks for no used buffer notifications */
	assert_int_equal(pevent(q->avail, 2), VRING_PACKED_EVENT_FLAG_DISABLE);
	free_queue(q);
	assert_int_equal(sw->dma_live, 0);
}

static void test_packed_add_get(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	const uint8_t *d;
	void *token = NULL;
	uint32_t len = 0;
	int tok, tok2;

	sw->manual = true;
	sw->qmax = 8;
	q = new_queue(sw, 0);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), 0);
	assert_int_equal(q->num_free, 5);
	d = q->desc;
	assert_int_equal(le(d + 0, 8), (uintptr_t)bufs[0]);
	assert_int_equal(le(d + 8, 4), 16);
	assert_int_equal(le(d + 16 + 8, 4), 32);
	assert_int_equal(le(d + 32 + 8, 4), 40);
	assert_int_equal(le(d + 32 + 12, 2), 0); /* the buffer id, in the last at least */
	/* the rest of the chain is written, AVAIL = wrap counter 1, USED clear ... */
	assert_int_equal(pflags(q, 1), VRING_DESC_F_NEXT | 1u << VRING_PACKED_DESC_F_AVAIL);
	assert_int_equal(pflags(q, 2), VRING_DESC_F_WRITE | 1u << VRING_PACKED_DESC_F_AVAIL);
	/* ... but its first descriptor is not available before the kick */
	assert_int_equal(pflags(q, 0), 0);
	sw_blk_take(sw);
	assert_int_equal(sw->nheld, 0);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 0);
	assert_int_equal(vdisc_virtq_add(q, sg + 2, 0, 1, &tok2), 0); /* same batch */
	assert_int_equal(pflags(q, 3), VRING_DESC_F_WRITE | 1u << VRING_PACKED_DESC_F_AVAIL);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	assert_int_equal(pflags(q, 0), VRING_DESC_F_NEXT | 1u << VRING_PACKED_DESC_F_AVAIL);
	assert_int_equal(sw->notifies, 1);
	assert_int_equal(vdisc_virtq_kick(q), 0); /* nothing new: no notify */
	assert_int_equal(sw->notifies, 1);
	sw_blk_take(sw);
	assert_int_equal(sw->nheld, 2); /* both appeared at once */
	/* out of order: the second request's used descriptor lands in slot 0 */
	sw_blk_push_used(sw, sw->held[1], 40, 1);
	assert_int_equal(pflags(q, 0), VRING_DESC_F_WRITE | 1u << VRING_PACKED_DESC_F_AVAIL |
					       1u << VRING_PACKED_DESC_F_USED);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	assert_ptr_equal(token, &tok2);
	assert_int_equal(len, 40);
	assert_int_equal(q->last_used_idx, 1); /* past the one slot that request took */
	sw_blk_push_used(sw, sw->held[0], 7, 1);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	assert_ptr_equal(token, &tok);
	assert_int_equal(len, 7);
	assert_int_equal(q->last_used_idx, 4);
	assert_int_equal(q->num_free, 8);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 0);
	free_queue(q);
}

/* Laps: chains that straddle the ring's end, completed newest first, 20000 times. */
static void test_packed_laps(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	unsigned i, k;

	sw->manual = true;
	sw->qmax = 8;
	q = new_queue(sw, 0);
	sg3(sg);
	for (i = 0; i < 20000; i++) {
		void *token;
		uint32_t len;

		assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &bufs[0]), 0);
		assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &bufs[1]), 0);
		assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &bufs[2]),
				 -VDISC_ENOMEM); /* 2 free */
		assert_int_equal(vdisc_virtq_kick(q), 0);
		sw_blk_take(sw);
		assert_int_equal(sw->nheld, 2);
		for (k = 2; k-- > 0;) {
			sw_blk_push_used(sw, sw->held[k], 1, 1);
			assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
			assert_ptr_equal(token, &bufs[k]);
		}
		assert_int_equal(vdisc_virtq_get(q, &token, &len), 0);
		assert_int_equal(sw->bad, 0);
	}
	assert_int_equal(q->num_free, 8);
	assert_int_equal(q->avail_idx, 20000u * 6 % 8);
	assert_int_equal(q->avail_wrap, (20000u * 6 / 8) % 2 == 0);
	assert_int_equal(q->used_wrap, q->avail_wrap);
	free_queue(q);
}

/* One-descriptor requests on the packed ring, 8 slots, EVENT_IDX as offered. */
static void padd(struct vdisc_virtq *q, unsigned n)
{
	struct vdisc_sg sg = {.addr = (uintptr_t)bufs[3], .len = 8, .device_writes = true};

	while (n--)
		assert_int_equal(vdisc_virtq_add(q, &sg, 0, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
}

static void pdevice_event(struct sw_blk *sw, uint16_t flags, uint16_t off, bool wrap)
{
	uint8_t *e = (uint8_t *)(uintptr_t)sw->used;

	e[0] = (uint8_t)off;
	e[1] = (uint8_t)(off >> 8 | (wrap ? 0x80 : 0));
	e[2] = (uint8_t)flags;
	e[3] = 0;
}

/* Complete everything made available, in order, and take it back. */
static void pdrain(struct sw_blk *sw, struct vdisc_virtq *q)
{
	void *token;
	uint32_t len;

	sw_blk_take(sw);
	while (sw->nheld) {
		sw_blk_push_used(sw, sw->held[0], 0, 1);
		assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	}
}

/* 2.8.10: the device's suppression area decides each kick's notification. */
static void test_packed_event_idx(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;

	sw->manual = true;
	sw->qmax = 8;
	sw_blk_offer(sw, SW_F_EVENT_IDX, true);
	q = new_queue(sw, 0);
	assert_true(q->event_idx);
	padd(q, 1); /* slot 0; the zeroed area says ENABLE */
	assert_int_equal(sw->notifies, 1);
	pdevice_event(sw, VRING_PACKED_EVENT_FLAG_DISABLE, 0, true);
	padd(q, 1); /* slot 1 */
	assert_int_equal(sw->notifies, 1);
	pdevice_event(sw, VRING_PACKED_EVENT_FLAG_DESC, 3, true);
	padd(q, 1); /* slot 2: not the one it asked for */
	assert_int_equal(sw->notifies, 1);
	padd(q, 2); /* slots 3 and 4: 3 is in the batch */
	assert_int_equal(sw->notifies, 2);
	pdevice_event(sw, VRING_PACKED_EVENT_FLAG_DESC, 1, false);
	padd(q, 3); /* slots 5-7: slot 1 of the next lap is still to come */
	assert_int_equal(sw->notifies, 2);
	pdrain(sw, q);
	padd(q, 2); /* slots 0-1 of lap 2 */
	assert_int_equal(sw->notifies, 3);
	pdevice_event(sw, VRING_PACKED_EVENT_FLAG_DESC, 7, false);
	padd(q, 4); /* slots 2-5, in lap 2: slot 7 of lap 2 is still to come */
	assert_int_equal(sw->notifies, 3);
	pdrain(sw, q);
	pdevice_event(sw, VRING_PACKED_EVENT_FLAG_DESC, 7, false);
	padd(q, 3); /* slots 6, 7 (lap 2) and 0 (lap 3): 7 of lap 2 is in it */
	assert_int_equal(sw->notifies, 4);
	pdrain(sw, q);
	pdevice_event(sw, VRING_PACKED_EVENT_FLAG_DESC, 6, false);
	padd(q, 2); /* slots 1-2 of lap 3: slot 6 of lap 2 is long past */
	assert_int_equal(sw->notifies, 4);
	free_queue(q);
}

/* Without EVENT_IDX only ENABLE and DISABLE count: DESC (reserved then) notifies. */
static void test_packed_no_event_idx(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;

	sw->manual = true;
	sw->qmax = 8;
	q = new_queue(sw, 0);
	assert_false(q->event_idx);
	pdevice_event(sw, VRING_PACKED_EVENT_FLAG_DESC, 6, true);
	padd(q, 1);
	assert_int_equal(sw->notifies, 1);
	pdevice_event(sw, VRING_PACKED_EVENT_FLAG_DISABLE, 0, true);
	padd(q, 1);
	assert_int_equal(sw->notifies, 1);
	free_queue(q);
}

/* Arming used buffer notifications, and the re-check that keeps a wake-up from being lost. */
static void run_packed_notify(struct sw_blk *sw, bool event_idx)
{
	struct vdisc_virtq *q;
	void *token;
	uint32_t len;
	uint16_t want;

	sw->manual = true;
	sw->qmax = 4;
	sw_blk_offer(sw, SW_F_EVENT_IDX, event_idx);
	q = new_queue(sw, 0);
	want = event_idx ? VRING_PACKED_EVENT_FLAG_DESC : VRING_PACKED_EVENT_FLAG_ENABLE;
	assert_int_equal(pevent(q->avail, 2), VRING_PACKED_EVENT_FLAG_DISABLE);
	assert_int_equal(vdisc_virtq_enable_notify(q), 0); /* nothing in flight */
	assert_int_equal(pevent(q->avail, 2), want);
	padd(q, 3);
	assert_int_equal(vdisc_virtq_enable_notify(q), 0);
	if (event_idx) /* the next used descriptor: slot 0, wrap counter 1 */
		assert_int_equal(pevent(q->avail, 0), 0x8000);
	sw_blk_take(sw);
	sw_blk_push_used(sw, sw->held[0], 0, 1);
	assert_int_equal(vdisc_virtq_enable_notify(q), 1); /* one is already there */
	vdisc_virtq_disable_notify(q);
	assert_int_equal(pevent(q->avail, 2), VRING_PACKED_EVENT_FLAG_DISABLE);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	sw_blk_push_used(sw, sw->held[0], 0, 1);
	sw_blk_push_used(sw, sw->held[0], 0, 1);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	padd(q, 2); /* slots 3 and 0: the next used one is slot 3 of lap 1 */
	assert_int_equal(vdisc_virtq_enable_notify(q), 0);
	if (event_idx)
		assert_int_equal(pevent(q->avail, 0), 0x8003);
	pdrain(sw, q); /* now slot 1 of lap 2 */
	assert_int_equal(vdisc_virtq_enable_notify(q), 0);
	if (event_idx)
		assert_int_equal(pevent(q->avail, 0), 0x0001);
	free_queue(q);
}

static void test_packed_notify(void **state)
{
	run_packed_notify(*state, false);
}

static void test_packed_notify_event_idx(void **state)
{
	run_packed_notify(*state, true);
}

/* ---- a hostile device on the packed ring ------------------------------------------- */

struct phostile {
	bool request;	     /* request A (3 slots, id 0) kicked */
	bool complete_first; /* A used honestly first */
	bool batch;	     /* request B (id 1) added, not kicked */
	bool via_enable;     /* the lie is found by enable_notify, not get */
	uint16_t slot, id, flags;
	uint32_t len;
};

#define PUSED_ (SW_PACKED_USED(1) | VRING_DESC_F_WRITE)

static void run_packed_hostile(struct sw_blk *sw, const struct phostile *h)
{
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	void *token;
	uint32_t len;
	int tok;

	sw->manual = true;
	sw->qmax = 8;
	q = new_queue(sw, 0);
	sg3(sg);
	if (h->request) {
		assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), 0);
		assert_int_equal(vdisc_virtq_kick(q), 0);
	}
	if (h->complete_first) {
		sw_blk_push_used(sw, 0, 1, 1);
		assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	}
	if (h->batch)
		assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), 0);
	sw_blk_packed_write(sw, h->slot, h->id, h->len, h->flags);
	if (h->via_enable)
		assert_int_equal(vdisc_virtq_enable_notify(q), -VDISC_EIO);
	else
		assert_int_equal(vdisc_virtq_get(q, &token, &len), -VDISC_EIO);
	/* dead: nothing goes in or comes out any more, nothing is handed back */
	assert_int_equal(vdisc_virtq_get(q, &token, &len), -VDISC_EIO);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, &tok), -VDISC_EIO);
	assert_int_equal(vdisc_virtq_kick(q), -VDISC_EIO);
	assert_int_equal(vdisc_virtq_enable_notify(q), -VDISC_EIO);
	free_queue(q);
	assert_int_equal(sw->dma_live, 0);
}

static void test_packed_hostile_nothing_offered(void **state)
{
	const struct phostile h = {.slot = 0, .id = 0, .len = 1, .flags = PUSED_};

	run_packed_hostile(*state, &h);
}

static void test_packed_hostile_nothing_offered_enable(void **state)
{
	const struct phostile h = {.slot = 0, .id = 0, .flags = PUSED_, .via_enable = true};

	run_packed_hostile(*state, &h);
}

static void test_packed_hostile_after_done(void **state)
{
	/* A is back: slot 3 was never made available, even with A's id in it */
	const struct phostile h = {
		.request = true, .complete_first = true, .slot = 3, .id = 0, .flags = PUSED_};

	run_packed_hostile(*state, &h);
}

static void test_packed_hostile_not_kicked(void **state)
{
	/* B's id, which the device cannot know: B is not kicked yet */
	const struct phostile h = {
		.request = true, .batch = true, .slot = 0, .id = 1, .len = 1, .flags = PUSED_};

	run_packed_hostile(*state, &h);
}

static void test_packed_hostile_wrap_used(void **state)
{
	/* used, but with lap 0's bits in lap 1 */
	const struct phostile h = {.request = true, .slot = 0, .id = 0, .flags = SW_PACKED_USED(0)};

	run_packed_hostile(*state, &h);
}

static void test_packed_hostile_wrap_avail(void **state)
{
	/* AVAIL rewritten to the other lap's value, USED set */
	const struct phostile h = {.request = true,
				   .slot = 0,
				   .id = 0,
				   .flags = 1u << VRING_PACKED_DESC_F_USED,
				   .via_enable = true};

	run_packed_hostile(*state, &h);
}

static void test_packed_hostile_len(void **state)
{
	const struct phostile h = {.request = true, .slot = 0, .id = 0, .len = 41, .flags = PUSED_};

	run_packed_hostile(*state, &h);
}

/* 2.8.4: a used descriptor without WRITE says nothing was written, whatever its length. */
static void test_packed_len_without_write(void **state)
{
	struct sw_blk *sw = *state;
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	void *token;
	uint32_t len = 99;

	sw->manual = true;
	q = new_queue(sw, 0);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add(q, sg, 2, 1, NULL), 0);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	sw_blk_packed_write(sw, 0, 0, 0xffffffffu, SW_PACKED_USED(1));
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	assert_int_equal(len, 0);
	free_queue(q);
}

/* INDIRECT_DESC on the packed ring (2.8.8): one slot, the table's entries in a row. */
static void test_packed_indirect(void **state)
{
	struct sw_blk *sw = *state;
	static uint8_t table[3 * 16] __attribute__((aligned(16)));
	struct vdisc_virtq *q;
	struct vdisc_sg sg[3];
	void *token;
	uint32_t len;
	int tok;

	sw->manual = true;
	sw->qmax = 4;
	sw_blk_offer(sw, SW_F_INDIRECT_DESC, true);
	q = new_queue(sw, 0);
	sg3(sg);
	assert_int_equal(vdisc_virtq_add_indirect(q, sg, 2, 1, &tok, table, (uintptr_t)table), 0);
	assert_int_equal(q->num_free, 3);
	assert_int_equal(le((const uint8_t *)q->desc + 0, 8), (uintptr_t)table);
	assert_int_equal(le((const uint8_t *)q->desc + 8, 4), 48);
	assert_int_equal(le(table + 0, 8), (uintptr_t)bufs[0]);
	assert_int_equal(le(table + 14, 2), 0); /* no NEXT: the entries simply follow */
	assert_int_equal(le(table + 16 + 14, 2), 0);
	assert_int_equal(le(table + 32 + 8, 4), 40);
	assert_int_equal(le(table + 32 + 14, 2), VRING_DESC_F_WRITE);
	assert_int_equal(vdisc_virtq_kick(q), 0);
	assert_int_equal(pflags(q, 0), VRING_DESC_F_INDIRECT | 1u << VRING_PACKED_DESC_F_AVAIL);
	sw_blk_push_used(sw, 0, 40, 1);
	assert_int_equal(vdisc_virtq_get(q, &token, &len), 1);
	assert_ptr_equal(token, &tok);
	assert_int_equal(q->last_used_idx, 1);
	assert_int_equal(q->num_free, 4);
	free_queue(q);
}

#define T(f, s) cmocka_unit_test_setup_teardown(f, s, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_negotiate_modern, setup_modern),
		T(test_negotiate_legacy, setup_legacy),
		T(test_negotiate_no_version_1, setup_modern),
		T(test_negotiate_refused, setup_modern),
		T(test_negotiate_reset_timeout, setup_modern),
		T(test_negotiate_each_step, setup_modern),
		T(test_negotiate_args, setup_modern),
		T(test_driver_ok_needs_reset, setup_modern),
		cmocka_unit_test(test_layout),
		T(test_setup_sizes, setup_modern),
		T(test_setup_legacy, setup_legacy),
		T(test_setup_errors, setup_modern),
		T(test_add_get, setup_modern),
		T(test_add_get, setup_legacy),
		T(test_add_errors, setup_modern),
		T(test_wrap, setup_modern),
		T(test_wrap, setup_legacy),
		T(test_no_notify, setup_modern),
		T(test_event_idx, setup_modern),
		T(test_hostile_id_range, setup_modern),
		T(test_hostile_id_huge, setup_modern),
		T(test_hostile_not_head, setup_modern),
		T(test_hostile_free_desc, setup_modern),
		T(test_hostile_twice, setup_modern),
		T(test_hostile_idx_jump, setup_modern),
		T(test_hostile_idx_backwards, setup_legacy),
		T(test_hostile_len, setup_modern),
		T(test_len_exact, setup_modern),
		T(test_indirect, setup_modern),
		T(test_indirect, setup_legacy),
		T(test_indirect_not_negotiated, setup_modern),
		/* the cases above that do not look at the split ring's layout, packed */
		T(test_setup_sizes, setup_packed),
		T(test_setup_errors, setup_packed),
		T(test_add_errors, setup_packed),
		T(test_wrap, setup_packed),
		T(test_no_notify, setup_packed),
		T(test_hostile_id_range, setup_packed),
		T(test_hostile_id_huge, setup_packed),
		T(test_hostile_free_desc, setup_packed),
		T(test_hostile_twice, setup_packed),
		T(test_hostile_len, setup_packed),
		T(test_len_exact, setup_packed),
		T(test_indirect_not_negotiated, setup_packed),
		/* the packed ring's own */
		T(test_packed_layout, setup_packed),
		T(test_packed_add_get, setup_packed),
		T(test_packed_laps, setup_packed),
		T(test_packed_event_idx, setup_packed),
		T(test_packed_no_event_idx, setup_packed),
		T(test_packed_notify, setup_packed),
		T(test_packed_notify_event_idx, setup_packed),
		T(test_packed_hostile_nothing_offered, setup_packed),
		T(test_packed_hostile_nothing_offered_enable, setup_packed),
		T(test_packed_hostile_after_done, setup_packed),
		T(test_packed_hostile_not_kicked, setup_packed),
		T(test_packed_hostile_wrap_used, setup_packed),
		T(test_packed_hostile_wrap_avail, setup_packed),
		T(test_packed_hostile_len, setup_packed),
		T(test_packed_len_without_write, setup_packed),
		T(test_packed_indirect, setup_packed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
