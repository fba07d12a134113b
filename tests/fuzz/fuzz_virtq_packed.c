/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: a hostile device against the packed virtqueue (virtio
 * 1.3, 2.8) and virtio-blk on it.  The device is sw_blk.c in manual mode,
 * RING_PACKED offered; the input decides, step by step, whether it serves
 * a request honestly (in order or newest first), writes a used descriptor
 * with any id, length, and flags at its next used slot or at any slot at
 * all (over descriptors the driver made available, too), or rewrites
 * either event suppression area.
 *
 * Nothing may crash or touch memory out of bounds.  At the virtqueue:
 * vdisc_virtq_get hands back only a token in flight, once, with a length
 * within its writable buffers; once a call said -VDISC_EIO every later one
 * does and nothing comes back; while alive, the free slots plus the slots
 * of the requests in flight are the ring; enable_notify's 1 means get finds
 * something (or the lie) at once, its 0 that get finds nothing.  In blk
 * mode (sync or async, fuzz_blk_ops.c) the device acts on every clock tick.
 *
 * Input: byte 0 picks the set-up (bit 0 EVENT_IDX, bit 1 INDIRECT_DESC,
 * bit 2 blk mode, bits 3-4 the queue size 4/8/16/128, bit 5 async blk
 * mode); the rest is a stream of driver operations and device actions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_blk_ops.h"
#include "sw_blk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NTOKENS_ 64
#define MAXSG_ 6
#define POOL_ 4096

struct fuzz {
	struct fuzz_src in;
	struct sw_blk *sw;
	struct vdisc_virtq *q;
	bool outstanding[NTOKENS_];
	uint64_t writable[NTOKENS_];
	unsigned slots[NTOKENS_]; /* ring slots the request took */
	unsigned inflight_slots;
	bool dead;
	uint8_t pool[POOL_];
	uint8_t tables[NTOKENS_][MAXSG_ * 16] __attribute__((aligned(16)));
};

/* A used descriptor as a device would write one (any id and length) at its next used slot. */
static void device_used_(struct fuzz *z)
{
	struct sw_blk *sw = z->sw;
	uint32_t id, len;

	sw_blk_take(sw);
	if (fuzz_byte(&z->in) & 1 && sw->nheld)
		id = sw->held[fuzz_byte(&z->in) % sw->nheld];
	else
		id = fuzz_byte(&z->in) & 1 ? fuzz_word(&z->in) & 0xffff : fuzz_byte(&z->in);
	len = fuzz_byte(&z->in) & 1 ? fuzz_word(&z->in) : fuzz_byte(&z->in);
	sw_blk_push_used(sw, id, len, 1);
}

/*
 * Lies the driver must catch: a used-looking descriptor (AVAIL == USED, either lap, any
 * other flags, id and length) at the next used slot or any slot; any flags at all at the
 * driver's next used slot once the model has taken that slot's request; or either event
 * suppression area rewritten.  The model itself only ever serves descriptors the driver
 * wrote (a used-looking one is never available to it), so its own walks stay sane.
 */
static void device_scribble_(struct fuzz *z)
{
	struct sw_blk *sw = z->sw;
	unsigned what = fuzz_byte(&z->in);
	uint16_t slot = (uint16_t)(fuzz_byte(&z->in) % sw->qsize), id = (uint16_t)fuzz_byte(&z->in);
	uint32_t len = fuzz_word(&z->in), v;
	uint16_t flags = (uint16_t)(fuzz_word(&z->in) & 0x7f7f);

	if (what & 8)
		flags |= SW_PACKED_USED(1); /* AVAIL and USED both set, or (above) both clear */
	switch (what % 4) {
	case 0:
		sw_blk_packed_write(sw, sw->p_used, id, len, flags);
		break;
	case 1:
		sw_blk_packed_write(sw, slot, id, len, flags);
		break;
	case 2: /* the device's area: what the driver reads at a kick; or the driver's own */
		v = fuzz_word(&z->in);
		memcpy(what & 4 ? sw->used : sw->avail, &v, 4);
		break;
	default:
		sw_blk_take(sw);
		slot = z->q->last_used_idx;
		if (sw->nheld && slot != sw->p_avail)
			sw_blk_packed_write(sw, slot, id, len,
					    (uint16_t)(fuzz_word(&z->in) & 0xffff));
		break;
	}
}

/* One device action, on every clock tick (blk mode) or when the stream says so. */
static void device_(struct fuzz *z)
{
	struct sw_blk *sw = z->sw;
	unsigned op = fuzz_byte(&z->in);

	if (!z->in.left || !sw->q_ready)
		return;
	switch (op % 6) {
	case 0:
		sw->lifo = op & 0x80;
		sw_blk_take(sw);
		(void)sw_blk_complete_one(sw);
		break;
	case 1:
	case 2:
		device_used_(z);
		break;
	case 3:
		device_scribble_(z);
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

/* A result that says the queue is dead must stay so; a live queue's accounting must add up. */
static void alive_(struct fuzz *z, int r)
{
	if (r == -VDISC_EIO)
		z->dead = true;
	else
		fuzz_check(!z->dead);
	if (!z->dead) {
		fuzz_check(z->q->num_free + z->inflight_slots == z->q->size);
		fuzz_check(z->q->avail_idx < z->q->size && z->q->last_used_idx < z->q->size);
	}
}

static void add_(struct fuzz *z, bool indirect)
{
	unsigned k = fuzz_byte(&z->in) % NTOKENS_, nout = fuzz_byte(&z->in) % 4,
		 nin = fuzz_byte(&z->in) % 3, i;
	struct vdisc_sg sg[MAXSG_];
	int r;

	if (z->outstanding[k] || nout + nin == 0)
		return;
	z->writable[k] = 0;
	for (i = 0; i < nout + nin; i++) {
		sg[i].addr = (uintptr_t)(z->pool + 64 * ((k + i) % (POOL_ / 64)));
		sg[i].len = 1 + fuzz_byte(&z->in) % 64;
		sg[i].device_writes = i >= nout;
		if (sg[i].device_writes)
			z->writable[k] += sg[i].len;
	}
	if (indirect)
		r = vdisc_virtq_add_indirect(z->q, sg, nout, nin, &z->outstanding[k], z->tables[k],
					     (uintptr_t)z->tables[k]);
	else
		r = vdisc_virtq_add(z->q, sg, nout, nin, &z->outstanding[k]);
	fuzz_check(r == 0 || r == -VDISC_ENOMEM || r == -VDISC_EIO ||
		   (indirect && (r == -VDISC_ENOTSUP || r == -VDISC_EINVAL)));
	if (r == 0) {
		z->outstanding[k] = true;
		z->slots[k] = indirect ? 1 : nout + nin;
		z->inflight_slots += z->slots[k];
	}
	alive_(z, r);
}

static void get_(struct fuzz *z)
{
	void *token;
	uint32_t len;
	int r = vdisc_virtq_get(z->q, &token, &len);

	fuzz_check(r == 0 || r == 1 || r == -VDISC_EIO);
	if (r == 1) {
		bool *t = token;
		size_t k = (size_t)(t - z->outstanding);

		fuzz_check(t >= z->outstanding && k < NTOKENS_);
		fuzz_check(*t);
		fuzz_check(len <= z->writable[k]);
		*t = false;
		z->inflight_slots -= z->slots[k];
	}
	alive_(z, r);
}

/* Arming must re-check: 1 means a used descriptor (or a lie) is there, 0 that none is. */
static void enable_(struct fuzz *z)
{
	void *token;
	uint32_t len;
	int r = vdisc_virtq_enable_notify(z->q), g;

	fuzz_check(r == 0 || r == 1 || r == -VDISC_EIO);
	alive_(z, r);
	if (r < 0)
		return;
	g = vdisc_virtq_get(z->q, &token, &len);
	fuzz_check(r == 1 ? g != 0 : g == 0);
	if (g == 1) {
		size_t k = (size_t)((bool *)token - z->outstanding);

		fuzz_check(k < NTOKENS_ && z->outstanding[k] && len <= z->writable[k]);
		z->outstanding[k] = false;
		z->inflight_slots -= z->slots[k];
	}
	alive_(z, g);
}

static void virtq_ops_(struct fuzz *z)
{
	unsigned steps;
	int r;

	for (steps = 0; z->in.left && steps < 4096; steps++) {
		switch (fuzz_byte(&z->in) % 7) {
		case 0:
			add_(z, false);
			break;
		case 1:
			add_(z, true);
			break;
		case 2:
			r = vdisc_virtq_kick(z->q);
			fuzz_check(r == 0 || r == -VDISC_EIO);
			alive_(z, r);
			break;
		case 3:
			get_(z);
			break;
		case 4:
			enable_(z);
			break;
		case 5:
			vdisc_virtq_disable_notify(z->q);
			break;
		default:
			device_(z);
			break;
		}
	}
}

static void run_blk_(struct fuzz *z, bool async)
{
	struct vdisc_blk *blk = calloc(1, sizeof(*blk));

	if (!blk)
		abort();
	if (vdisc_blk_init(blk, &z->sw->dev, NULL) == 0) {
		fuzz_check(blk->queue0.vq.packed);
		z->q = &blk->queue0.vq;
		z->sw->manual = true;
		z->sw->tick_hook = tick_hook_;
		z->sw->hook_arg = z;
		if (async)
			fuzz_blk_async_ops(&z->in, blk);
		else
			fuzz_blk_sync_ops(&z->in, blk);
		z->sw->tick_hook = NULL;
	}
	vdisc_blk_release(blk);
	free(blk);
	z->q = NULL;
}

static void run_virtq_(struct fuzz *z)
{
	struct vdisc_virtio_features sup = {
		.word = {1u << SW_F_EVENT_IDX | 1u << SW_F_INDIRECT_DESC,
			 1u | 1u << (SW_F_RING_PACKED - 32)},
		.nwords = 2};

	z->q = calloc(1, sizeof(*z->q));
	if (!z->q)
		abort();
	z->sw->manual = true;
	if (vdisc_virtio_negotiate(&z->sw->dev, &sup, NULL) == 0 &&
	    vdisc_virtq_init(z->q, &z->sw->dev, 0, 0) == 0) {
		fuzz_check(z->q->packed);
		virtq_ops_(z);
		z->sw->ops.set_status(&z->sw->dev, 0); /* reset before the ring goes */
	}
	vdisc_virtq_release(z->q);
	free(z->q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t qsizes[] = {4, 8, 16, 128};
	struct fuzz *z;
	unsigned setup;

	if (size < 1)
		return 0;
	z = calloc(1, sizeof(*z));
	if (!z)
		abort();
	z->sw = calloc(1, sizeof(*z->sw));
	if (!z->sw)
		abort();
	z->in.p = data + 1;
	z->in.left = size - 1;
	setup = data[0];
	sw_blk_init(z->sw, 256, false);
	sw_blk_offer(z->sw, SW_F_RING_PACKED, true);
	z->sw->qmax = qsizes[(setup >> 3) & 3];
	z->sw->seg_max = 2;
	sw_blk_offer(z->sw, SW_F_EVENT_IDX, setup & 1);
	sw_blk_offer(z->sw, SW_F_INDIRECT_DESC, setup & 2);
	sw_blk_offer(z->sw, SW_F_SIZE_MAX, true);
	z->sw->size_max = 2048;
	if (setup & 0x24)
		run_blk_(z, setup & 0x20);
	else
		run_virtq_(z);
	sw_blk_free(z->sw);
	free(z->sw);
	free(z);
	return 0;
}
