/* SPDX-License-Identifier: MIT */
/*
 * Device initialisation (vdisc_virtio_negotiate, _driver_ok, _fail) and the
 * split virtqueue (vdisc_virtq_*) against the software device of sw_blk.c:
 * every negotiation step failing, ring layout held against the kernel's
 * <linux/virtio_ring.h>, chains, notification suppression, index wrap, and
 * a hostile device's used ring (manual mode: the test writes it).
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
	f->word[1] = 1u << (SW_F_VERSION_1 - 32);
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
	if (expect == 0)
		assert_int_equal(vdisc_virtio_driver_ok(&sw->dev), 0);
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
	assert_int_equal(q->avail_idx, (uint16_t)70000);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
