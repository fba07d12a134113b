/* SPDX-License-Identifier: MIT */
/*
 * Interrupt-driven virtio-blk completion (vdisc_blk_irq_mode,
 * vdisc_blk_interrupt) against sw_blk.c, whose device raises interrupts as
 * a device does (honouring the driver's suppression flags and used_event)
 * and whose platform holds them off under irq_save and delivers them when
 * it ends: completions in handler context, the synchronous calls and the
 * check unchanged in interrupt mode, the re-check after re-arming (a
 * completion landing inside the handler's ring walk), suppression while
 * polling and EVENT_IDX's single interrupt, a wired line's ISR, a
 * configuration change, a handler inside submit, a masked line ending in a
 * timeout, a hostile device met in the handler, and several queues at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "blk_fixture.h"

struct irqfix {
	struct fixture f; /* first: the shared teardown frees this pointer */
	bool wired;	  /* deliver as a wired line: VDISC_BLK_IRQ_WIRED, the ISR read */
	bool submitting;  /* the test is inside vdisc_blk_submit */
	unsigned calls, in_submit, config_seen, errors;
	int last;
};

static void on_irq(struct sw_blk *sw, uint16_t vector, void *arg)
{
	struct irqfix *x = arg;
	uint16_t q = vector == SW_IRQ_CONFIG ? VDISC_BLK_IRQ_CONFIG : vector;
	bool cfg = false;

	(void)sw;
	x->calls++;
	x->in_submit += x->submitting;
	x->last = vdisc_blk_interrupt(&x->f.blk, x->wired ? VDISC_BLK_IRQ_WIRED : q, &cfg);
	x->errors += x->last < 0;
	x->config_seen += cfg;
}

static int irq_setup(void **state, bool legacy, bool event_idx, bool wired)
{
	struct irqfix *x = calloc(1, sizeof(*x));

	sw_blk_init(&x->f.sw, SECTORS, legacy);
	sw_blk_offer(&x->f.sw, SW_F_EVENT_IDX, event_idx);
	x->f.buf = calloc(1, 1u << 20);
	x->f.sw.irq = on_irq;
	x->f.sw.irq_arg = x;
	x->wired = wired;
	*state = x;
	return 0;
}

static int setup_m(void **state)
{
	return irq_setup(state, false, false, false);
}

static int setup_me(void **state)
{
	return irq_setup(state, false, true, false);
}

static int setup_l(void **state)
{
	return irq_setup(state, true, false, false);
}

static int setup_mw(void **state)
{
	return irq_setup(state, false, false, true);
}

static int setup_lw(void **state)
{
	return irq_setup(state, true, false, true);
}

static int setup_mew(void **state)
{
	return irq_setup(state, false, true, true);
}

static void read_req(struct fixture *f, struct vdisc_blk_req *r, uint64_t sector)
{
	*r = (struct vdisc_blk_req){.type = VDISC_VIRTIO_BLK_T_IN,
				    .sector = sector,
				    .count = 1,
				    .buf = f->buf + sector * 512};
}

/* The synchronous calls and the check, unchanged, complete by interrupt. */
static void test_sync_by_irq(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_check_report rep;
	uint8_t *scratch = calloc(4, 512);

	init_ok(f);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 512), 0);
	assert_memory_equal(f->buf, f->sw.disk, 512 * 512);
	fill(f->buf, 64 * 512, 3);
	assert_int_equal(vdisc_blk_write(&f->blk, 100, f->buf, 64), 0);
	assert_memory_equal(f->sw.disk + 100 * 512, f->buf, 64 * 512);
	assert_int_equal(vdisc_blk_check(&f->blk, scratch, &rep), 0);
	/* every completion came through the handler; none by polling */
	assert_int_equal(f->blk.irq_completions, f->sw.completions);
	assert_int_equal(x->errors, 0);
	/* the device completed inside the kick, with interrupts held off: delivered after */
	assert_true(f->sw.irqs_deferred > 0);
	assert_int_equal(f->sw.irq_depth, 0);
	assert_true(f->sw.irq_saves > 0);
	if (x->wired)
		assert_true(f->sw.isr_reads >= x->calls);
	else
		assert_int_equal(f->sw.isr_reads, 0); /* a vector says which: no ISR read */
	free(scratch);
}

/* The device completes only while the CPU sleeps in wait_irq. */
static void test_async_by_irq(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_req reqs[64], *done[64];
	unsigned n = 0, got = 0, i;
	int k;

	f->sw.on_sleep = true;
	assert_int_equal(vdisc_blk_init_mq(&f->blk, &f->sw.dev, &f->blk.queue0, 1, 0, NULL), 0);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	for (n = 0; n < 40; n++) {
		read_req(f, &reqs[n], n);
		assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[n]), 0);
	}
	assert_int_equal(vdisc_blk_kick(&f->blk, 0), 0);
	while (got < n) {
		k = vdisc_blk_wait(&f->blk, 0, done, 64);
		assert_true(k > 0);
		for (i = 0; i < (unsigned)k; i++)
			assert_int_equal(done[i]->result, 0);
		got += (unsigned)k;
	}
	assert_memory_equal(f->buf, f->sw.disk, n * 512);
	assert_int_equal(f->blk.irq_completions, n);
	assert_true(f->sw.wait_irqs >= n);
	assert_int_equal(vdisc_blk_inflight(&f->blk, 0), 0);
}

/* Polled, the driver suppresses every interrupt; in interrupt mode it wants them. */
static void test_suppressed_while_polling(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	unsigned raised;

	init_ok(f);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 256), 0);
	assert_int_equal(f->sw.irqs_raised, 0);
	assert_int_equal(f->sw.irqs_suppressed, f->sw.completions);
	assert_int_equal(x->calls, 0);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 256), 0);
	assert_true(f->sw.irqs_raised > 0);
	raised = f->sw.irqs_raised;
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, false), 0);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 256), 0);
	assert_int_equal(f->sw.irqs_raised, raised); /* off again */
	assert_memory_equal(f->buf, f->sw.disk, 256 * 512);
}

/*
 * Four completions while interrupts are held off: with EVENT_IDX only the one that
 * crosses used_event raises an interrupt; without, each does (and they merge into
 * one delivery).  The one handler run takes all four.
 */
static void test_one_interrupt_at_used_event(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_req reqs[4], *done[4];
	unsigned long flags;
	unsigned i;

	f->sw.async = true; /* nothing completes unless the test says so */
	init_ok(f);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	for (i = 0; i < 4; i++) {
		read_req(f, &reqs[i], i);
		assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[i]), 0);
	}
	assert_int_equal(vdisc_blk_kick(&f->blk, 0), 0);
	flags = f->sw.platform.irq_save(f->sw.platform.ctx);
	sw_blk_take(&f->sw);
	for (i = 0; i < 4; i++)
		assert_true(sw_blk_complete_one(&f->sw));
	assert_int_equal(x->calls, 0); /* held off */
	if (f->blk.queue0.vq.event_idx) {
		assert_int_equal(f->sw.irqs_raised, 1);
		assert_int_equal(f->sw.irqs_suppressed, 3);
	} else {
		assert_int_equal(f->sw.irqs_raised, 4);
	}
	f->sw.platform.irq_restore(f->sw.platform.ctx, flags);
	assert_int_equal(x->calls, 1);
	assert_int_equal(x->last, 4);
	assert_int_equal(vdisc_blk_poll(&f->blk, 0, done, 4), 4);
	for (i = 0; i < 4; i++)
		assert_ptr_equal(done[i], &reqs[i]); /* oldest first */
}

/*
 * A second completion lands at each point of the handler's walk of the ring in
 * turn.  Where it lands while notifications are off (after the last look, before
 * re-arming) it raises nothing: only the look after re-arming finds it.  Whatever
 * the point, both requests are handed back without another interrupt.
 */
static void test_recheck_race(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_req reqs[2], *done[2];
	unsigned pos, caught_while_suppressed = 0, delivered, suppressed;

	f->sw.async = true;
	init_ok(f);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	for (pos = 1; pos <= 12; pos++) {
		read_req(f, &reqs[0], 2 * pos);
		read_req(f, &reqs[1], 2 * pos + 1);
		assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[0]), 0);
		assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[1]), 0);
		assert_int_equal(vdisc_blk_kick(&f->blk, 0), 0);
		sw_blk_take(&f->sw);
		f->sw.race_mb = pos;
		f->sw.mb_in_irq = 0;
		delivered = f->sw.irqs_delivered;
		suppressed = f->sw.irqs_suppressed;
		assert_true(sw_blk_complete_one(&f->sw)); /* the interrupt; the race inside */
		f->sw.race_mb = 0;
		if (f->sw.nheld) /* the walk was shorter than pos: complete it after */
			assert_true(sw_blk_complete_one(&f->sw));
		else if (f->sw.irqs_suppressed > suppressed &&
			 f->sw.irqs_delivered == delivered + 1)
			caught_while_suppressed++;
		assert_int_equal(vdisc_blk_poll(&f->blk, 0, done, 2), 2);
		assert_int_equal(done[0]->result, 0);
		assert_int_equal(done[1]->result, 0);
		assert_int_equal(vdisc_blk_inflight(&f->blk, 0), 0);
	}
	assert_true(caught_while_suppressed > 0); /* the race was really run */
	assert_int_equal(x->errors, 0);
	assert_int_equal(f->blk.irq_completions, 24);
}

/* A wired line: the ISR says whether it was ours; reading it clears it. */
static void test_wired_isr(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_req r, *done;
	bool cfg = true;

	f->sw.async = true;
	init_ok(f);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	/* another device's interrupt on a shared line: ISR 0, nothing taken */
	read_req(f, &r, 5);
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), 0);
	assert_int_equal(vdisc_blk_kick(&f->blk, 0), 0);
	f->sw.irq = NULL; /* the completion's interrupt is not delivered */
	sw_blk_take(&f->sw);
	assert_true(sw_blk_complete_one(&f->sw));
	assert_int_equal(f->sw.isr, VDISC_VIRTIO_ISR_QUEUE);
	f->sw.isr = 0;
	assert_int_equal(vdisc_blk_interrupt(&f->blk, VDISC_BLK_IRQ_WIRED, &cfg), 0);
	assert_false(cfg);
	assert_int_equal(vdisc_blk_poll(&f->blk, 0, &done, 1), 0);
	/* now the device's own: ISR read, cleared, completion taken */
	f->sw.isr = VDISC_VIRTIO_ISR_QUEUE;
	assert_int_equal(vdisc_blk_interrupt(&f->blk, VDISC_BLK_IRQ_WIRED, &cfg), 1);
	assert_int_equal(f->sw.isr, 0);
	assert_int_equal(vdisc_blk_poll(&f->blk, 0, &done, 1), 1);
	assert_ptr_equal(done, &r);
	/* a bad queue number */
	assert_int_equal(vdisc_blk_interrupt(&f->blk, 1, NULL), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_interrupt(NULL, 0, NULL), -VDISC_EINVAL);
}

/* A configuration change: by its vector or the ISR's bit; the capacity re-read. */
static void test_config_change(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;

	init_ok(f);
	assert_int_equal(f->blk.capacity, SECTORS);
	sw_blk_config_change(&f->sw, SECTORS * 2); /* counted even while polling */
	assert_int_equal(x->config_seen, 1);
	assert_int_equal(f->blk.config_changes, 1);
	assert_int_equal(f->blk.irq_completions, 0);
	assert_int_equal(vdisc_blk_refresh_capacity(&f->blk), 0);
	assert_int_equal(f->blk.capacity, SECTORS * 2);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	sw_blk_config_change(&f->sw, SECTORS);
	assert_int_equal(x->config_seen, 2);
	assert_int_equal(f->blk.config_changes, 2);
	assert_int_equal(vdisc_blk_refresh_capacity(&f->blk), 0);
	assert_int_equal(f->blk.capacity, SECTORS);
	assert_int_equal(vdisc_blk_read(&f->blk, SECTORS - 8, f->buf, 8), 0);
	assert_int_equal(vdisc_blk_read(&f->blk, SECTORS, f->buf, 8), -VDISC_ERANGE);
	assert_int_equal(vdisc_blk_refresh_capacity(NULL), -VDISC_EINVAL);
}

/* The handler runs in the middle of a submit (between slot choice and ring). */
static void test_handler_inside_submit(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_req reqs[8], *done[8];
	unsigned i, got = 0;
	int k;

	f->sw.async = true;
	assert_int_equal(vdisc_blk_init_mq(&f->blk, &f->sw.dev, &f->blk.queue0, 1, 4, NULL), 0);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	for (i = 0; i < 3; i++) {
		read_req(f, &reqs[i], i);
		assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[i]), 0);
	}
	assert_int_equal(vdisc_blk_kick(&f->blk, 0), 0);
	f->sw.irq_in_v2p = true;
	read_req(f, &reqs[3], 3);
	x->submitting = true;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[3]), 0);
	x->submitting = false;
	assert_int_equal(x->in_submit, 1);
	assert_int_equal(f->blk.irq_completions, 1);
	assert_int_equal(vdisc_blk_inflight(&f->blk, 0), 4); /* full: the taken one not back */
	read_req(f, &reqs[4], 4);
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &reqs[4]), -VDISC_EAGAIN);
	while (got < 4) {
		k = vdisc_blk_wait(&f->blk, 0, done, 8);
		assert_true(k > 0);
		got += (unsigned)k;
	}
	assert_memory_equal(f->buf, f->sw.disk, 4 * 512);
	assert_int_equal(f->sw.irq_depth, 0);
	assert_true(f->sw.irq_max_depth >= 1);
}

/* A line masked at the controller: the device completes, no interrupt comes: a timeout. */
static void test_masked_line_times_out(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	uint64_t t0;

	f->sw.async = true;
	init_ok(f);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	f->sw.irq = NULL;
	t0 = f->sw.clock;
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), -VDISC_ETIMEDOUT);
	assert_true(f->sw.completions >= 1); /* the device did its part */
	assert_true(f->sw.wait_irqs > 0);
	assert_true(f->sw.clock - t0 >= f->blk.timeout_ns);
	assert_true(f->sw.clock - t0 < 3 * f->blk.timeout_ns);
	assert_true(f->blk.dead);
	assert_int_equal(x->calls, 0);
}

/* A used id the driver never gave, met in the handler: the thread fails the device. */
static void test_hostile_in_handler(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_req r, *done;

	f->sw.async = true;
	init_ok(f);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	f->sw.fault = SW_FAULT_ID_RANGE;
	read_req(f, &r, 0);
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), 0);
	assert_int_equal(vdisc_blk_kick(&f->blk, 0), 0);
	sw_blk_take(&f->sw);
	assert_true(sw_blk_complete_one(&f->sw));
	assert_int_equal(x->last, -VDISC_EIO);
	assert_int_equal(f->blk.irq_fault, -VDISC_EIO);
	assert_false(f->blk.dead); /* the handler does not reset the device itself */
	assert_int_equal(vdisc_blk_wait(&f->blk, 0, &done, 1), -VDISC_EIO);
	assert_true(f->blk.dead);
	assert_true(f->sw.saw_failed);
	assert_int_equal(vdisc_blk_interrupt(&f->blk, 0, NULL), -VDISC_EIO);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), -VDISC_EIO);
}

/* Completions on the ring when interrupt mode starts are taken then, not lost. */
static void test_mode_takes_pending(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_req r, *done;

	init_ok(f);
	read_req(f, &r, 7);
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), 0);
	assert_int_equal(vdisc_blk_kick(&f->blk, 0), 0); /* the device completes at once */
	assert_int_equal(f->sw.completions, 1);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	assert_int_equal(f->blk.irq_completions, 0); /* taken by the switch, not an interrupt */
	assert_int_equal(vdisc_blk_poll(&f->blk, 0, &done, 1), 1);
	assert_ptr_equal(done, &r);
	assert_int_equal(x->calls, 0);
	assert_int_equal(vdisc_blk_irq_mode(NULL, true), -VDISC_EINVAL);
}

static void count_done(struct vdisc_blk_req *req)
{
	(*(unsigned *)req->user)++;
}

/* The per-request hook runs in the handler, once, before the request is handed back. */
static void test_complete_hook(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_req r, *done;
	unsigned hits = 0;

	f->sw.async = true;
	init_ok(f);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	read_req(f, &r, 9);
	r.user = &hits;
	r.complete = count_done;
	assert_int_equal(vdisc_blk_submit(&f->blk, 0, &r), 0);
	assert_int_equal(vdisc_blk_kick(&f->blk, 0), 0);
	sw_blk_take(&f->sw);
	assert_true(sw_blk_complete_one(&f->sw));
	assert_int_equal(hits, 1);
	assert_int_equal(r.result, 0);
	assert_int_equal(vdisc_blk_poll(&f->blk, 0, &done, 1), 1);
	assert_int_equal(hits, 1);
	assert_int_equal(x->calls, 1);
}

#define NQ 3u
#define PER_Q 5u

/*
 * Requests in flight on three queues; the device completes some on each while
 * interrupts are held off, then they are delivered.  By vector, each handler run
 * takes exactly its own queue's; by a wired line, the first run takes every
 * queue's (the ISR read once), the rest find the ISR clear.  All are handed back,
 * on their own queue, oldest first, and the rest complete by interrupt too.
 */
static void test_several_queues(void **state)
{
	struct irqfix *x = *state;
	struct fixture *f = &x->f;
	struct vdisc_blk_queue *queues = calloc(NQ, sizeof(*queues));
	struct vdisc_blk_req reqs[NQ][PER_Q], *done[PER_Q];
	unsigned long flags;
	unsigned q, i, got;
	int k;

	f->sw.nqueues = NQ;
	f->sw.async = true;
	assert_int_equal(vdisc_blk_init_mq(&f->blk, &f->sw.dev, queues, NQ, 0, NULL), 0);
	assert_int_equal(f->blk.nqueues, NQ);
	assert_int_equal(vdisc_blk_irq_mode(&f->blk, true), 0);
	for (q = 0; q < NQ; q++) {
		for (i = 0; i < PER_Q; i++) {
			read_req(f, &reqs[q][i], q * PER_Q + i);
			assert_int_equal(vdisc_blk_submit(&f->blk, (uint16_t)q, &reqs[q][i]), 0);
		}
		assert_int_equal(vdisc_blk_kick(&f->blk, (uint16_t)q), 0);
	}
	/* queue q: q + 1 completions, all while held off */
	flags = f->sw.platform.irq_save(f->sw.platform.ctx);
	for (q = 0; q < NQ; q++) {
		sw_blk_select(&f->sw, (uint16_t)q);
		sw_blk_take(&f->sw);
		for (i = 0; i <= q; i++)
			assert_true(sw_blk_complete_one(&f->sw));
	}
	assert_int_equal(x->calls, 0);
	f->sw.platform.irq_restore(f->sw.platform.ctx, flags);
	assert_int_equal(x->errors, 0);
	assert_int_equal(f->blk.irq_completions, 1 + 2 + 3);
	if (x->wired) {
		assert_int_equal(x->calls, NQ); /* one delivery per raised vector, as pended */
		assert_int_equal(x->last, 0);	/* the first run took all: the ISR was clear */
		assert_true(f->sw.isr_reads >= 1);
	} else {
		assert_int_equal(x->calls, NQ);
	}
	for (q = 0; q < NQ; q++) {
		assert_int_equal(queues[q].ndone, q + 1);
		k = vdisc_blk_poll(&f->blk, (uint16_t)q, done, PER_Q);
		assert_int_equal(k, (int)q + 1);
		for (i = 0; i <= q; i++)
			assert_ptr_equal(done[i], &reqs[q][i]);
	}
	/* the rest, completing on clock ticks, by interrupt */
	for (q = 0; q < NQ; q++) {
		for (got = q + 1; got < PER_Q; got += (unsigned)k) {
			k = vdisc_blk_wait(&f->blk, (uint16_t)q, done, PER_Q);
			assert_true(k > 0);
		}
		assert_int_equal(vdisc_blk_inflight(&f->blk, (uint16_t)q), 0);
	}
	assert_int_equal(f->blk.irq_completions, NQ * PER_Q);
	assert_memory_equal(f->buf, f->sw.disk, NQ * PER_Q * 512);
	vdisc_blk_release(&f->blk);
	f->blk.queues = NULL;
	free(queues);
}

#define T(fn, s) cmocka_unit_test_setup_teardown(fn, s, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sync_by_irq, setup_m),
		T(test_sync_by_irq, setup_me),
		T(test_sync_by_irq, setup_l),
		T(test_sync_by_irq, setup_mw),
		T(test_sync_by_irq, setup_lw),
		T(test_async_by_irq, setup_m),
		T(test_async_by_irq, setup_me),
		T(test_async_by_irq, setup_lw),
		T(test_suppressed_while_polling, setup_m),
		T(test_suppressed_while_polling, setup_me),
		T(test_suppressed_while_polling, setup_l),
		T(test_one_interrupt_at_used_event, setup_m),
		T(test_one_interrupt_at_used_event, setup_me),
		T(test_one_interrupt_at_used_event, setup_mew),
		T(test_recheck_race, setup_m),
		T(test_recheck_race, setup_me),
		T(test_recheck_race, setup_l),
		T(test_recheck_race, setup_mw),
		T(test_wired_isr, setup_m),
		T(test_config_change, setup_m),
		T(test_config_change, setup_mw),
		T(test_handler_inside_submit, setup_m),
		T(test_handler_inside_submit, setup_me),
		T(test_masked_line_times_out, setup_m),
		T(test_hostile_in_handler, setup_m),
		T(test_mode_takes_pending, setup_m),
		T(test_complete_hook, setup_m),
		T(test_several_queues, setup_m),
		T(test_several_queues, setup_me),
		T(test_several_queues, setup_mw),
		T(test_several_queues, setup_lw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
