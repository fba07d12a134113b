/* SPDX-License-Identifier: MIT */
/*
 * The asynchronous virtio-blk API (vdisc_blk_submit, _kick, _poll, _wait)
 * against sw_blk.c: a queue filled to its last slot (far beyond the 16 the
 * synchronous calls use), EAGAIN when full, completions in any order each
 * handed back once with its own status, the per-request checks, GET_ID
 * into plain memory, a dead peer ending a wait at once, and MQ asked of a
 * device that has one queue.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "blk_fixture.h"

#define MAXQ 256u

/* The driver with every slot the ring holds (vdisc_blk_init stops at 16). */
static void init_deep(struct fixture *f)
{
	assert_int_equal(vdisc_blk_init_mq(&f->blk, &f->sw.dev, &f->blk.queue0, 1, 0, NULL), 0);
}

/* Submit single-sector reads of sectors 0, 1, 2, ... until the queue is full. */
static unsigned fill_queue(struct fixture *f, struct vdisc_blk_req *reqs)
{
	unsigned n = 0;
	int r;

	for (;;) {
		assert_true(n < MAXQ);
		reqs[n] = (struct vdisc_blk_req){.type = VDISC_VIRTIO_BLK_T_IN,
						 .sector = n,
						 .count = 1,
						 .buf = f->buf + (size_t)n * 512,
						 .user = &reqs[n]};
		r = vdisc_blk_submit(&f->blk, 0, &reqs[n]);
		if (r == -VDISC_EAGAIN)
			return n;
		assert_int_equal(r, 0);
		n++;
	}
}

/* Wait for all @n, checking each comes back once, intact and successful. */
static void drain(struct fixture *f, struct vdisc_blk_req *reqs, unsigned n)
{
	struct vdisc_blk_req *done[8];
	bool seen[MAXQ] = {false};
	unsigned got = 0;
	int k, i;

	while (got < n) {
		k = vdisc_blk_wait(&f->blk, 0, done, 8);
		assert_true(k > 0);
		for (i = 0; i < k; i++) {
			size_t at = (size_t)(done[i] - reqs);

			assert_true(at < n);
			assert_false(seen[at]);
			seen[at] = true;
			assert_ptr_equal(done[i]->user, done[i]);
			assert_int_equal(done[i]->result, 0);
			assert_int_equal(done[i]->status, VDISC_VIRTIO_BLK_S_OK);
		}
		got += (unsigned)k;
	}
	assert_int_equal(vdisc_blk_inflight(&f->blk, 0), 0);
	assert_int_equal(vdisc_blk_wait(&f->blk, 0, done, 8), 0); /* nothing left to wait for */
}

static void test_deep_indirect(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_req reqs[MAXQ];
	unsigned n;

	f->sw.async = true;
	f->sw.lifo = true;
	sw_blk_offer(&f->sw, SW_F_INDIRECT_DESC, true);
	init_deep(f);
	n = fill_queue(f, reqs);
	assert_int_equal(n, 128); /* one ring descriptor a request: the whole ring */
	assert_int_equal(vdisc_blk_inflight(&f->blk, 0), 128);
	drain(f, reqs, n);
	assert_int_equal(f->sw.max_inflight, 128);
	assert_memory_equal(f->buf, f->sw.disk, (size_t)n * 512);
}

static void test_deep_chains(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_req reqs[MAXQ];
	unsigned n;

	f->sw.async = true;
	init_deep(f);
	n = fill_queue(f, reqs);
	assert_int_equal(n, 128 / 3); /* three ring descriptors a request */
	drain(f, reqs, n);
	assert_memory_equal(f->buf, f->sw.disk, (size_t)n * 512);
	/* and the slots come back: a second round fills the queue again */
	assert_int_equal(fill_queue(f, reqs), n);
	drain(f, reqs, n);
}

static void test_depth(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_req reqs[MAXQ];

	sw_blk_offer(&f->sw, SW_F_INDIRECT_DESC, true);
	init_ok(f); /* the synchronous calls' depth: 16 slots, whatever the ring */
	assert_int_equal(fill_queue(f, reqs), VDISC_BLK_MAX_INFLIGHT);
	drain(f, reqs, VDISC_BLK_MAX_INFLIGHT);
	vdisc_blk_release(&f->blk);
	assert_int_equal(vdisc_blk_init_mq(&f->blk, &f->sw.dev, &f->blk.queue0, 1, 40, NULL), 0);
	assert_int_equal(fill_queue(f, reqs), 40);
	drain(f, reqs, 40);
}

static void test_mixed_status(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_req reqs[4], *done[4];
	unsigned i, got = 0;
	int k;

	f->sw.async = true;
	f->sw.ioerr_sector = 2;
	f->sw.ioerr_read = true;
	init_ok(f);
	for (i = 0; i < 4; i++) {
		reqs[i] = (struct vdisc_blk_req){.type = VDISC_VIRTIO_BLK_T_IN,
						 .sector = i,
						 .count = 1,
						 .buf = f->buf + i * 512};
		assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[i]), 0);
	}
	while (got < 4) {
		k = vdisc_blk_wait(&f->blk, 0, done, 4);
		assert_true(k > 0);
		got += (unsigned)k;
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(reqs[i].result, i == 2 ? -VDISC_EIO : 0);
		assert_int_equal(reqs[i].status,
				 i == 2 ? VDISC_VIRTIO_BLK_S_IOERR : VDISC_VIRTIO_BLK_S_OK);
	}
	/* one failed request does not end the driver */
	assert_false(f->blk.dead);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 2), 0);
}

static void test_checks(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_req r = {.type = VDISC_VIRTIO_BLK_T_IN, .count = 1, .buf = f->buf};

	init_ok(f);
	assert_int_equal(vdisc_blk_submit(&f->blk, 1, &r), -VDISC_EINVAL); /* one queue */
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, NULL), -VDISC_EINVAL);
	r.count = 0;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), -VDISC_EINVAL);
	r.count = f->blk.max_req_sectors + 1;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), -VDISC_EINVAL);
	r.count = 2;
	r.sector = SECTORS - 1;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), -VDISC_ERANGE);
	r.sector = 0;
	r.buf = NULL;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), -VDISC_EINVAL);
	r.type = 99;
	r.buf = f->buf;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_inflight(&f->blk, 0), 0);
	assert_int_equal(vdisc_blk_kick(&f->blk, 3), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_poll(&f->blk, 0, NULL, 1), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_wait(&f->blk, 0, (struct vdisc_blk_req **)&r.buf, 0),
			 -VDISC_EINVAL);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_req r = {.type = VDISC_VIRTIO_BLK_T_OUT, .count = 1, .buf = f->buf};

	f->sw.read_only = true;
	sw_blk_offer(&f->sw, SW_F_RO, true);
	sw_blk_offer(&f->sw, SW_F_FLUSH, false);
	init_ok(f);
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), -VDISC_EPERM);
	r.type = VDISC_VIRTIO_BLK_T_DISCARD;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), -VDISC_EPERM);
	r.type = VDISC_VIRTIO_BLK_T_FLUSH;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), -VDISC_ENOTSUP);
}

static void test_get_id_plain_memory(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_req r, *done;
	char id[20]; /* not DMA memory: the answer is copied out of the slot */

	init_ok(f);
	memset(id, 'x', sizeof(id));
	r = (struct vdisc_blk_req){.type = VDISC_VIRTIO_BLK_T_GET_ID, .buf = id};
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), 0);
	assert_int_equal(vdisc_blk_wait(&f->blk, 0, &done, 1), 1);
	assert_ptr_equal(done, &r);
	assert_int_equal(r.result, 0);
	assert_memory_equal(id, f->sw.id, 20);
}

static void test_dead_peer(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_req reqs[MAXQ], *done;
	uint64_t t0;

	init_deep(f);
	f->sw.fault = SW_FAULT_STALL;
	f->sw.alive_after = 3;
	f->sw.alive_error = -VDISC_EIO;
	fill_queue(f, reqs);
	t0 = f->sw.clock;
	assert_int_equal(vdisc_blk_wait(&f->blk, 0, &done, 1), -VDISC_EIO);
	/* ended by the hook after a few periods, not by the 5 s timeout */
	assert_true(f->sw.clock - t0 < 100000000ull);
	assert_int_equal(f->sw.alive_checks, 4);
	assert_true(f->blk.dead);
	assert_true(f->sw.saw_failed);
	assert_int_equal(f->sw.status, 0);
	assert_int_equal(vdisc_blk_inflight(&f->blk, 0), 0); /* abandoned */
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[0]), -VDISC_EIO);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), -VDISC_EIO);
	assert_int_equal(f->blk.last_status, 0xff);
}

/* After spin_ns of polling the driver sleeps, with notifications on, and wakes to finish. */
static void sleep_after_spin(struct fixture *f)
{
	struct vdisc_blk_req reqs[MAXQ];
	unsigned n;

	f->sw.manual = true; /* completes only in wait_notify: polling alone would time out */
	init_deep(f);
	f->blk.spin_ns = 3 * f->sw.tick_ns;
	n = fill_queue(f, reqs);
	drain(f, reqs, n);
	assert_true(f->sw.notify_waits >= n);
	assert_memory_equal(f->buf, f->sw.disk, (size_t)n * 512);
	/* and polling again: notifications back off */
	f->sw.manual = false;
	f->blk.spin_ns = 0;
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 8), 0);
}

static void test_sleep_after_spin(void **state)
{
	sleep_after_spin(*state);
}

/* The same with EVENT_IDX: used_event asks for the next completion, then looks away. */
static void test_sleep_after_spin_event_idx(void **state)
{
	struct fixture *f = *state;

	sw_blk_offer(&f->sw, SW_F_EVENT_IDX, true);
	sleep_after_spin(f);
	assert_true(f->blk.queue0.vq.event_idx);
}

static void test_alive_is_quiet(void **state)
{
	struct fixture *f = *state;

	f->sw.async = true;
	init_ok(f);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 64), 0);
	assert_memory_equal(f->buf, f->sw.disk, 64 * 512);
	assert_false(f->blk.dead);
}

static void test_mq_absent(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_queue *queues = calloc(4, sizeof(*queues));

	assert_int_equal(vdisc_blk_init_mq(&f->blk, &f->sw.dev, queues, 4, 0, NULL), 0);
	assert_int_equal(f->blk.nqueues, 1); /* the device's num_queues reads 0: one queue */
	assert_int_equal(f->blk.num_queues, 1);
	assert_ptr_equal(f->blk.queues, queues);
	assert_int_equal(vdisc_blk_read(&f->blk, 8, f->buf, 8), 0);
	assert_memory_equal(f->buf, f->sw.disk + 8 * 512, 8 * 512);
	vdisc_blk_release(&f->blk);
	f->blk.queues = NULL; /* teardown's release must not touch freed queues */
	free(queues);
	assert_int_equal(vdisc_blk_init_mq(&f->blk, &f->sw.dev, NULL, 1, 0, NULL), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_init_mq(&f->blk, &f->sw.dev, &f->blk.queue0, 0, 0, NULL),
			 -VDISC_EINVAL);
}

#define M(fn) cmocka_unit_test_setup_teardown(fn, setup_modern, teardown)
#define L(fn) cmocka_unit_test_setup_teardown(fn, setup_legacy, teardown)
#define P(fn) cmocka_unit_test_setup_teardown(fn, setup_packed, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		M(test_deep_indirect),
		P(test_deep_indirect),
		M(test_depth),
		P(test_depth),
		M(test_deep_chains),
		P(test_deep_chains),
		L(test_deep_chains),
		M(test_mixed_status),
		P(test_mixed_status),
		M(test_checks),
		P(test_checks),
		M(test_refusals),
		P(test_refusals),
		M(test_get_id_plain_memory),
		P(test_get_id_plain_memory),
		M(test_dead_peer),
		P(test_dead_peer),
		L(test_dead_peer),
		M(test_sleep_after_spin),
		P(test_sleep_after_spin),
		L(test_sleep_after_spin),
		M(test_sleep_after_spin_event_idx),
		P(test_sleep_after_spin_event_idx),
		L(test_sleep_after_spin_event_idx),
		M(test_alive_is_quiet),
		P(test_alive_is_quiet),
		M(test_mq_absent),
		P(test_mq_absent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
