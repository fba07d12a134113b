/* SPDX-License-Identifier: MIT */
/* The virtio-blk calls the virtqueue fuzz targets drive: see fuzz_blk_ops.h. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_blk_ops.h"

#define NTOKENS_ 64

void fuzz_check(int ok)
{
	if (!ok)
		abort();
}

unsigned fuzz_byte(struct fuzz_src *z)
{
	if (!z->left)
		return 0;
	z->left--;
	return *z->p++;
}

uint32_t fuzz_word(struct fuzz_src *z)
{
	uint32_t v = fuzz_byte(z);

	v |= (uint32_t)fuzz_byte(z) << 8;
	v |= (uint32_t)fuzz_byte(z) << 16;
	return v | (uint32_t)fuzz_byte(z) << 24;
}

void fuzz_blk_sync_ops(struct fuzz_src *z, struct vdisc_blk *blk)
{
	static uint8_t buf[128 * 512];
	unsigned steps;
	char id[21];

	blk->timeout_ns = 5000000; /* 5 ticks */
	for (steps = 0; z->left && steps < 64; steps++) {
		unsigned op = fuzz_byte(z), count = 1 + fuzz_byte(z) % 128;
		uint64_t sector = (fuzz_byte(z) % 40) * 8u; /* some past the end */
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
				fuzz_check(strlen(id) <= 20);
			break;
		default:
			r = vdisc_blk_write_zeroes(blk, sector, count);
			break;
		}
		fuzz_check(r <= 0);
	}
}

/* Requests handed back: ours, in flight, once, with the result their status says. */
static unsigned fuzz_blk_took_(struct vdisc_blk_req *reqs, bool *busy, struct vdisc_blk_req **done,
			       int n)
{
	int i;

	for (i = 0; i < n; i++) {
		size_t k = (size_t)(done[i] - reqs);

		fuzz_check(k < NTOKENS_ && busy[k]);
		busy[k] = false;
		fuzz_check(done[i]->result == (done[i]->status == 0   ? 0
					       : done[i]->status == 2 ? -VDISC_ENOTSUP
								      : -VDISC_EIO));
	}
	return (unsigned)(n > 0 ? n : 0);
}

void fuzz_blk_async_ops(struct fuzz_src *z, struct vdisc_blk *blk)
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
		unsigned op = fuzz_byte(z);

		switch (op % 4) {
		case 0:
		case 1:
			k = fuzz_byte(z) % NTOKENS_;
			if (busy[k])
				break;
			reqs[k] = (struct vdisc_blk_req){.type = types[fuzz_byte(z) % 4],
							 .sector = fuzz_byte(z) % 260,
							 .count = 1 + fuzz_byte(z) % 4,
							 .buf = buf[k]};
			r = vdisc_blk_submit(blk, 0, &reqs[k]);
			fuzz_check(r == 0 || r == -VDISC_EAGAIN || r == -VDISC_ERANGE ||
				   r == -VDISC_EIO || r == -VDISC_ENOTSUP || r == -VDISC_EINVAL);
			if (r == 0) {
				busy[k] = true;
				inflight++;
			}
			break;
		case 2:
			r = vdisc_blk_poll(blk, 0, done, 1 + fuzz_byte(z) % 8);
			fuzz_check(r >= -VDISC_EIO);
			inflight -= fuzz_blk_took_(reqs, busy, done, r);
			break;
		default:
			r = vdisc_blk_wait(blk, 0, done, 1 + fuzz_byte(z) % 8);
			inflight -= fuzz_blk_took_(reqs, busy, done, r);
			break;
		}
		if (blk->dead) { /* abandoned: never handed back */
			memset(busy, 0, sizeof(busy));
			inflight = 0;
		}
		fuzz_check(vdisc_blk_inflight(blk, 0) == inflight);
	}
}
