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
 *
 * Input: byte 0 picks the set-up (bit 0 legacy, bit 1 EVENT_IDX, bit 2
 * blk mode, bits 3-4 the queue size 4/8/16/128, bit 5 async blk mode, bit
 * 6 INDIRECT_DESC); the rest is a stream of driver operations and device
 * actions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_blk_ops.h"
#include "sw_blk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NTOKENS_ 64
#define POOL_ 4096

struct fuzz {
	struct fuzz_src in; /* the blk calls read the same stream */
	struct sw_blk *sw;
	bool outstanding[NTOKENS_];
	uint64_t writable[NTOKENS_];
	uint8_t pool[POOL_];
};

/* One device action, on every clock tick (blk mode) or when the stream says so. */
static void device_(struct fuzz *z)
{
	struct sw_blk *sw = z->sw;
	unsigned op = fuzz_byte(&z->in);
	uint32_t id, len;

	if (!z->in.left || !sw->q_ready)
		return;
	switch (op % 6) {
	case 0:
		sw_blk_take(sw);
		(void)sw_blk_complete_one(sw);
		break;
	case 1:
		id = (uint16_t)fuzz_word(&z->in);
		len = fuzz_word(&z->in);
		sw_blk_push_used(sw, id, len, 1);
		break;
	case 2:
		sw_blk_take(sw);
		id = sw->nheld ? sw->held[fuzz_byte(&z->in) % sw->nheld] : fuzz_byte(&z->in);
		len = fuzz_byte(&z->in) & 1 ? fuzz_word(&z->in) : fuzz_byte(&z->in);
		sw_blk_push_used(sw, id, len, 1);
		break;
	case 3:
		sw_blk_push_used(sw, fuzz_byte(&z->in), fuzz_byte(&z->in),
				 (uint16_t)fuzz_byte(&z->in));
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

	for (steps = 0; z->in.left && steps < 4096; steps++) {
		unsigned op = fuzz_byte(&z->in), k, nout, nin, i;
		struct vdisc_sg sg[8];
		void *token;
		uint32_t len;
		int r;

		switch (op % 4) {
		case 0: /* add */
			k = fuzz_byte(&z->in) % NTOKENS_;
			nout = fuzz_byte(&z->in) % 4;
			nin = fuzz_byte(&z->in) % 4;
			if (z->outstanding[k] || nout + nin == 0)
				break;
			z->writable[k] = 0;
			for (i = 0; i < nout + nin; i++) {
				sg[i].addr = (uintptr_t)(z->pool + 64 * ((k + i) % (POOL_ / 64)));
				sg[i].len = 1 + fuzz_byte(&z->in) % 64;
				sg[i].device_writes = i >= nout;
				if (sg[i].device_writes)
					z->writable[k] += sg[i].len;
			}
			r = vdisc_virtq_add(q, sg, nout, nin, &z->outstanding[k]);
			fuzz_check(r == 0 || r == -VDISC_ENOMEM || r == -VDISC_EIO);
			if (r == 0)
				z->outstanding[k] = true;
			break;
		case 1:
			r = vdisc_virtq_kick(q);
			fuzz_check(r == 0 || r == -VDISC_EIO);
			break;
		case 2:
			r = vdisc_virtq_get(q, &token, &len);
			fuzz_check(r == 0 || r == 1 || r == -VDISC_EIO);
			if (r == 1) {
				bool *t = token;

				fuzz_check(t >= z->outstanding && t < z->outstanding + NTOKENS_);
				fuzz_check(*t);
				fuzz_check(len <= z->writable[t - z->outstanding]);
				*t = false;
			}
			break;
		default:
			device_(z);
			break;
		}
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
	z->in.p = data + 1;
	z->in.left = size - 1;
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
			if (setup & 0x20)
				fuzz_blk_async_ops(&z->in, blk);
			else
				fuzz_blk_sync_ops(&z->in, blk);
			z->sw->tick_hook = NULL;
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
