/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: a hostile device's used ring against the split
 * virtqueue and virtio-blk.  The device is sw_blk.c in manual mode; the
 * input decides, tick by tick, what it writes to the used ring (any id,
 * any length, any index step) or whether it completes a request honestly.
 * Nothing may crash or touch memory out of bounds, and vdisc_virtq_get may
 * only ever hand back a token that is in flight, once, with a length
 * within the chain's writable buffers.
 *
 * In async blk mode many requests are in flight at once, completed in
 * whatever order and with whatever ids the input says: each request may
 * come back only while in flight, once, with a result that matches its
 * status byte, and the in-flight count must always equal the driver's.
 * There the stream may also switch interrupt mode on and off and call the
 * interrupt handler (by vector or as a wired line with any ISR), and the
 * device's interrupts, raised as its suppression state says, run the
 * handler in the middle of a wait: completions it takes stay in flight
 * until poll or wait hands them back.
 *
 * Input: byte 0 picks the set-up (bit 0 legacy, bit 1 EVENT_IDX, bit 2
 * blk mode, bits 3-4 the queue size 4/8/16/128, bit 5 async blk mode, bit
 * 6 INDIRECT_DESC); the rest is a stream of driver operations and device
 * actions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw_blk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NTOKENS_ 64
#define POOL_ 4096

struct fuzz {
	const uint8_t *p;
	size_t left;
	struct sw_blk *sw;
	struct vdisc_blk *blk; /* async blk mode: what interrupts are delivered to */
	bool outstanding[NTOKENS_];
	uint64_t writable[NTOKENS_];
	uint8_t pool[POOL_];
};

static void check(int ok)
{
	if (!ok)
		abort();
}

static unsigned byte_(struct fuzz *z)
{
	if (!z->left)
		return 0;
	z->left--;
	return *z->p++;
}

static uint32_t word_(struct fuzz *z)
{
	uint32_t v = byte_(z);

	v |= (uint32_t)byte_(z) << 8;
	v |= (uint32_t)byte_(z) << 16;
	return v | (uint32_t)byte_(z) << 24;
}

/* One device action, on every clock tick (blk mode) or when the stream says so. */
static void device_(struct fuzz *z)
{
	struct sw_blk *sw = z->sw;
	unsigned op = byte_(z);
	uint32_t id, len;

	if (!z->left || !sw->q_ready)
		return;
	switch (op % 6) {
	case 0:
		sw_blk_take(sw);
		(void)sw_blk_complete_one(sw);
		break;
	case 1:
		id = (uint16_t)word_(z);
		len = word_(z);
		sw_blk_push_used(sw, id, len, 1);
		break;
	case 2:
		sw_blk_take(sw);
		id = sw->nheld ? sw->held[byte_(z) % sw->nheld] : byte_(z);
		len = byte_(z) & 1 ? word_(z) : byte_(z);
		sw_blk_push_used(sw, id, len, 1);
		break;
	case 3:
		sw_blk_push_used(sw, byte_(z), byte_(z), (uint16_t)byte_(z));
		break;
	case 4:
		sw_blk_take(sw);
		break;
	default:
		break;
	}
}

static void tick_hook_(struct sw_blk *sw, void *arg)
{
	(void)sw;
	device_(arg);
}

static void virtq_ops_(struct fuzz *z, struct vdisc_virtq *q)
{
	unsigned steps;

	for (steps = 0; z->left && steps < 4096; steps++) {
		unsigned op = byte_(z), k, nout, nin, i;
		struct vdisc_sg sg[8];
		void *token;
		uint32_t len;
		int r;

		switch (op % 4) {
		case 0: /* add */
			k = byte_(z) % NTOKENS_;
			nout = byte_(z) % 4;
			nin = byte_(z) % 4;
			if (z->outstanding[k] || nout + nin == 0)
				break;
			z->writable[k] = 0;
			for (i = 0; i < nout + nin; i++) {
				sg[i].addr = (uintptr_t)(z->pool + 64 * ((k + i) % (POOL_ / 64)));
				sg[i].len = 1 + byte_(z) % 64;
				sg[i].device_writes = i >= nout;
				if (sg[i].device_writes)
					z->writable[k] += sg[i].len;
			}
			r = vdisc_virtq_add(q, sg, nout, nin, &z->outstanding[k]);
			check(r == 0 || r == -VDISC_ENOMEM || r == -VDISC_EIO);
			if (r == 0)
				z->outstanding[k] = true;
			break;
		case 1:
			r = vdisc_virtq_kick(q);
			check(r == 0 || r == -VDISC_EIO);
			break;
		case 2:
			r = vdisc_virtq_get(q, &token, &len);
			check(r == 0 || r == 1 || r == -VDISC_EIO);
			if (r == 1) {
				bool *t = token;

				check(t >= z->outstanding && t < z->outstanding + NTOKENS_);
				check(*t);
				check(len <= z->writable[t - z->outstanding]);
				*t = false;
			}
			break;
		default:
			device_(z);
			break;
		}
	}
}

static void blk_ops_(struct fuzz *z, struct vdisc_blk *blk)
{
	static uint8_t buf[128 * 512];
	unsigned steps;
	char id[21];

	blk->timeout_ns = 5000000; /* 5 ticks */
	for (steps = 0; z->left && steps < 64; steps++) {
		unsigned op = byte_(z), count = 1 + byte_(z) % 128;
		uint64_t sector = (byte_(z) % 40) * 8u; /* some past the end */
		int r = 0;

		switch (op % 5) {
		case 0:
			r = vdisc_blk_read(blk, sector, buf, count);
			break;
		case 1:
			r = vdisc_blk_write(blk, sector, buf, count);
			break;
		case 2:
			r = vdisc_blk_flush(blk);
			break;
		case 3:
			r = vdisc_blk_get_id(blk, id);
			if (r == 0)
				check(strlen(id) <= 20);
			break;
		default:
			r = vdisc_blk_write_zeroes(blk, sector, count);
			break;
		}
		check(r <= 0);
	}
}

/* An interrupt: the handler may take completions, never hand them back. */
static void irq_(struct fuzz *z, uint16_t vector)
{
	unsigned before = vdisc_blk_inflight(z->blk, 0);
	bool cfg;
	int r = vdisc_blk_interrupt(z->blk, vector, &cfg);

	check(r >= 0 || r == -VDISC_EIO);
	check(r <= (int)before);
	check(vdisc_blk_inflight(z->blk, 0) == before);
}

static void irq_hook_(struct sw_blk *sw, uint16_t vector, void *arg)
{
	(void)sw;
	irq_(arg, vector == SW_IRQ_CONFIG ? VDISC_BLK_IRQ_CONFIG : vector);
}

/* Interrupt mode on or off, or a handler run the stream asks for (any ISR on a wired line). */
static void blk_irq_op_(struct fuzz *z, unsigned op)
{
	int r;

	if (op & 1) {
		r = vdisc_blk_irq_mode(z->blk, op & 2);
		check(r == 0 || r == -VDISC_EIO);
		return;
	}
	z->sw->isr = (uint8_t)byte_(z);
	irq_(z, op & 2 ? VDISC_BLK_IRQ_WIRED : 0);
}

/* Requests handed back: ours, in flight, once, with the result their status says. */
static unsigned blk_async_took_(struct vdisc_blk_req *reqs, bool *busy, struct vdisc_blk_req **done,
				int n)
{
	int i;

	for (i = 0; i < n; i++) {
		size_t k = (size_t)(done[i] - reqs);

		check(k < NTOKENS_ && busy[k]);
		busy[k] = false;
		check(done[i]->result == (done[i]->status == 0	 ? 0
					  : done[i]->status == 2 ? -VDISC_ENOTSUP
								 : -VDISC_EIO));
	}
	return (unsigned)(n > 0 ? n : 0);
}

static void blk_async_ops_(struct fuzz *z, struct vdisc_blk *blk)
{
	static const uint32_t types[] = {VDISC_VIRTIO_BLK_T_IN, VDISC_VIRTIO_BLK_T_OUT,
					 VDISC_VIRTIO_BLK_T_FLUSH, VDISC_VIRTIO_BLK_T_GET_ID};
	static uint8_t buf[NTOKENS_][4 * 512];
	struct vdisc_blk_req reqs[NTOKENS_], *done[8];
	bool busy[NTOKENS_] = {false};
	unsigned steps, k, inflight = 0;
	int r;

	blk->timeout_ns = 5000000; /* 5 ticks */
	for (steps = 0; z->left && steps < 256; steps++) {
		unsigned op = byte_(z);

		if (op >= 0xf8) { /* nothing else this step */
			blk_irq_op_(z, op);
			op = 0xff;
		}
		switch (op == 0xff ? 4 : op % 4) {
		case 0:
		case 1:
			k = byte_(z) % NTOKENS_;
			if (busy[k])
				break;
			reqs[k] = (struct vdisc_blk_req){.type = types[byte_(z) % 4],
							 .sector = byte_(z) % 260,
							 .count = 1 + byte_(z) % 4,
							 .buf = buf[k]};
			r = vdisc_blk_submit(blk, 0, &reqs[k]);
			check(r == 0 || r == -VDISC_EAGAIN || r == -VDISC_ERANGE ||
			      r == -VDISC_EIO || r == -VDISC_ENOTSUP || r == -VDISC_EINVAL);
			if (r == 0) {
				busy[k] = true;
				inflight++;
			}
			break;
		case 2:
			r = vdisc_blk_poll(blk, 0, done, 1 + byte_(z) % 8);
			check(r >= -VDISC_EIO);
			inflight -= blk_async_took_(reqs, busy, done, r);
			break;
		case 3:
			r = vdisc_blk_wait(blk, 0, done, 1 + byte_(z) % 8);
			inflight -= blk_async_took_(reqs, busy, done, r);
			break;
		default:
			break;
		}
		if (blk->dead) { /* abandoned: never handed back */
			memset(busy, 0, sizeof(busy));
			inflight = 0;
		}
		check(vdisc_blk_inflight(blk, 0) == inflight);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t qsizes[] = {4, 8, 16, 128};
	struct fuzz *z;
	unsigned setup;

	if (size < 1)
		return 0;
	z = calloc(1, sizeof(*z));
	z->sw = calloc(1, sizeof(*z->sw));
	if (!z->sw)
		abort();
	z->p = data + 1;
	z->left = size - 1;
	setup = data[0];
	sw_blk_init(z->sw, 256, setup & 1);
	z->sw->qmax = qsizes[(setup >> 3) & 3];
	z->sw->seg_max = 2;
	sw_blk_offer(z->sw, SW_F_EVENT_IDX, setup & 2);
	sw_blk_offer(z->sw, SW_F_SIZE_MAX, true);
	z->sw->size_max = 2048;
	sw_blk_offer(z->sw, SW_F_INDIRECT_DESC, setup & 0x40);
	if (setup & 0x24) {
		struct vdisc_blk *blk = calloc(1, sizeof(*blk));

		if (vdisc_blk_init(blk, &z->sw->dev, NULL) == 0) {
			z->sw->manual = true;
			z->sw->tick_hook = tick_hook_;
			z->sw->hook_arg = z;
			z->blk = blk;
			z->sw->irq = irq_hook_;
			z->sw->irq_arg = z;
			if (setup & 0x20)
				blk_async_ops_(z, blk);
			else
				blk_ops_(z, blk);
			z->sw->tick_hook = NULL;
			z->sw->irq = NULL;
		}
		vdisc_blk_release(blk);
		free(blk);
	} else {
		struct vdisc_virtq *q = calloc(1, sizeof(*q));
		struct vdisc_virtio_features sup = {.word = {1u << SW_F_EVENT_IDX, 1}, .nwords = 2};

		z->sw->manual = true;
		if (vdisc_virtio_negotiate(&z->sw->dev, &sup, NULL) == 0 &&
		    vdisc_virtq_init(q, &z->sw->dev, 0, 0) == 0) {
			virtq_ops_(z, q);
			z->sw->ops.set_status(&z->sw->dev, 0); /* reset before the ring goes */
		}
		vdisc_virtq_release(q);
		free(q);
	}
	sw_blk_free(z->sw);
	free(z->sw);
	free(z);
	return 0;
}
