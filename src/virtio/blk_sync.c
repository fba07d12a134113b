/* SPDX-License-Identifier: MIT */
/*
 * The synchronous virtio-blk calls, built on the asynchronous API: a range
 * is cut into requests the device accepts (seg_max, size_max, the discard
 * limits), up to VDISC_BLK_MAX_INFLIGHT of them in flight on queue 0, and
 * the call returns once all are back.  After the first failed request no
 * new one is sent; those in flight are still collected.
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

/* Every one of the call's VDISC_BLK_MAX_INFLIGHT requests is free. */
#define ALL_FREE_ ((uint32_t)((1ull << VDISC_BLK_MAX_INFLIGHT) - 1u))
_Static_assert(VDISC_BLK_MAX_INFLIGHT <= 32, "the free mask is 32 bits");

/* A range of one request type, handed out a request at a time. */
struct blk_job_ {
	uint32_t type;
	uint64_t sector;
	uint8_t *buf;	  /* IN/OUT data; GET_ID's 20 bytes */
	uint32_t left;	  /* sectors, or 1 for FLUSH and GET_ID */
	uint32_t per_req; /* sectors per request */
};

/* The job's next request into @req; the job moves on only once it was submitted. */
static uint32_t blk_sync_next_(const struct blk_job_ *job, struct vdisc_blk_req *req)
{
	uint32_t n = job->left < job->per_req ? job->left : job->per_req;
	bool has_count =
		job->type != VDISC_VIRTIO_BLK_T_FLUSH && job->type != VDISC_VIRTIO_BLK_T_GET_ID;

	*req = (struct vdisc_blk_req){.type = job->type,
				      .sector = job->sector,
				      .count = has_count ? n : 0,
				      .buf = job->buf};
	return n;
}

static void blk_sync_advance_(struct blk_job_ *job, uint32_t n)
{
	if (job->type == VDISC_VIRTIO_BLK_T_IN || job->type == VDISC_VIRTIO_BLK_T_OUT)
		job->buf += (size_t)n * VDISC_BLK_SECTOR;
	job->sector += n;
	job->left -= n;
}

/* Collect one batch of completions into the free mask; the first failure is kept in *@err
 * and last_status. */
static int blk_sync_collect_(struct vdisc_blk *blk, const struct vdisc_blk_req *reqs,
			     uint32_t *free_mask, int *err)
{
	struct vdisc_blk_req *done[VDISC_BLK_MAX_INFLIGHT];
	int n = vdisc_blk_wait(blk, 0, done, VDISC_BLK_MAX_INFLIGHT), i;

	for (i = 0; i < n; i++) {
		if (done[i]->result < 0 && *err == 0) {
			*err = done[i]->result;
			blk->last_status = done[i]->status;
		}
		*free_mask |= 1u << (done[i] - reqs);
	}
	return n < 0 ? n : 0;
}

/* Submit what fits; 0, or the error that ends the job at once (the driver is dead). */
static int blk_sync_fill_(struct vdisc_blk *blk, struct blk_job_ *job, struct vdisc_blk_req *reqs,
			  uint32_t *free_mask)
{
	unsigned i;
	uint32_t n;
	int r;

	while (job->left && *free_mask) {
		for (i = 0; !(*free_mask & (1u << i)); i++)
			; /* the lowest free request (no ctz: libgcc has it on some targets) */
		n = blk_sync_next_(job, &reqs[i]);
		r = vdisc_blk_submit(blk, 0, &reqs[i]);
		if (r == -VDISC_EAGAIN && *free_mask != ALL_FREE_)
			return 0; /* room comes back with the next completion */
		if (r < 0)
			return r == -VDISC_EAGAIN ? -VDISC_EIO : r;
		blk_sync_advance_(job, n);
		*free_mask &= ~(1u << i);
	}
	return 0;
}

static int blk_sync_run_(struct vdisc_blk *blk, struct blk_job_ *job)
{
	struct vdisc_blk_req reqs[VDISC_BLK_MAX_INFLIGHT];
	uint32_t free_mask = ALL_FREE_;
	int err = 0, r;

	if (blk->dead)
		return -VDISC_EIO;
	blk->last_status = VDISC_VIRTIO_BLK_S_OK;
	for (;;) {
		if (err == 0) {
			r = blk_sync_fill_(blk, job, reqs, &free_mask);
			if (r < 0)
				return r;
		}
		if (free_mask == ALL_FREE_)
			return err;
		r = blk_sync_collect_(blk, reqs, &free_mask, &err);
		if (r < 0)
			return r;
	}
}

/* Checks every synchronous call makes before the first request. */
static int blk_sync_check_(const struct vdisc_blk *blk, uint32_t type, uint64_t sector,
			   uint32_t count)
{
	uint32_t unit = blk->blk_size / VDISC_BLK_SECTOR;

	if (type != VDISC_VIRTIO_BLK_T_IN && blk->read_only)
		return -VDISC_EPERM;
	if (sector > blk->capacity || count > blk->capacity - sector)
		return -VDISC_ERANGE;
	/* A device with larger logical blocks fails requests that split one (5.2.5). */
	if ((sector & (unit - 1)) || (count & (unit - 1)))
		return -VDISC_EINVAL;
	return 0;
}

static int blk_rw_(struct vdisc_blk *blk, uint32_t type, uint64_t sector, uint8_t *buf,
		   uint32_t count)
{
	struct blk_job_ job = {.type = type, .sector = sector, .buf = buf, .left = count};
	int err;

	if (!blk || !blk->dev || (!buf && count))
		return -VDISC_EINVAL;
	err = blk_sync_check_(blk, type, sector, count);
	if (err < 0 || count == 0)
		return err;
	job.per_req = blk->max_req_sectors;
	if (job.per_req == 0)
		return -VDISC_ENOTSUP; /* segments too small to carry one logical block */
	return blk_sync_run_(blk, &job);
}

int vdisc_blk_read(struct vdisc_blk *blk, uint64_t sector, void *buf, uint32_t count)
{
	return blk_rw_(blk, VDISC_VIRTIO_BLK_T_IN, sector, buf, count);
}

int vdisc_blk_write(struct vdisc_blk *blk, uint64_t sector, const void *buf, uint32_t count)
{
	uint8_t *p;

	/* The device only reads the buffer; the request type keeps it that way. */
	memcpy(&p, &buf, sizeof(p));
	return blk_rw_(blk, VDISC_VIRTIO_BLK_T_OUT, sector, p, count);
}

int vdisc_blk_flush(struct vdisc_blk *blk)
{
	struct blk_job_ job = {.type = VDISC_VIRTIO_BLK_T_FLUSH, .left = 1, .per_req = 1};

	if (!blk || !blk->dev)
		return -VDISC_EINVAL;
	if (!blk->flush)
		return 0; /* 5.2.6.2: without FLUSH the device writes through */
	return blk_sync_run_(blk, &job);
}

int vdisc_blk_get_id(struct vdisc_blk *blk, char id[21])
{
	uint8_t raw[VDISC_VIRTIO_BLK_ID_BYTES];
	struct blk_job_ job = {
		.type = VDISC_VIRTIO_BLK_T_GET_ID, .left = 1, .per_req = 1, .buf = raw};
	int err;

	if (!blk || !blk->dev || !id)
		return -VDISC_EINVAL;
	err = blk_sync_run_(blk, &job);
	if (err < 0)
		return err;
	/* 5.2.6: the string is NUL-padded, not terminated when it fills all 20 bytes. */
	memcpy(id, raw, VDISC_VIRTIO_BLK_ID_BYTES);
	id[VDISC_VIRTIO_BLK_ID_BYTES] = '\0';
	return 0;
}

static int blk_zeroing_(struct vdisc_blk *blk, uint32_t type, uint64_t sector, uint32_t count)
{
	struct blk_job_ job = {.type = type, .sector = sector, .left = count};
	int err;

	if (!blk || !blk->dev)
		return -VDISC_EINVAL;
	if (!(type == VDISC_VIRTIO_BLK_T_DISCARD ? blk->discard : blk->write_zeroes))
		return -VDISC_ENOTSUP;
	err = blk_sync_check_(blk, type, sector, count);
	if (err < 0 || count == 0)
		return err;
	job.per_req = type == VDISC_VIRTIO_BLK_T_DISCARD ? blk->max_discard_sectors
							 : blk->max_write_zeroes_sectors;
	if (job.per_req == 0)
		return -VDISC_ENOTSUP;
	return blk_sync_run_(blk, &job);
}

int vdisc_blk_discard(struct vdisc_blk *blk, uint64_t sector, uint32_t count)
{
	return blk_zeroing_(blk, VDISC_VIRTIO_BLK_T_DISCARD, sector, count);
}

int vdisc_blk_write_zeroes(struct vdisc_blk *blk, uint64_t sector, uint32_t count)
{
	return blk_zeroing_(blk, VDISC_VIRTIO_BLK_T_WRITE_ZEROES, sector, count);
}
