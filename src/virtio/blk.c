/* SPDX-License-Identifier: MIT */
/*
 * virtio-blk (virtio 1.3, 5.2): negotiation, the configuration, the
 * request queues and their slot memory, and release.  Requests are
 * blk_async.c's; the synchronous calls blk_sync.c's.
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

#include "blk_internal.h"

#define MAX_REQ_BYTES_ (1u << 20) /* larger transfers become several requests */
#define MAX_BLK_SIZE_ 65536u	  /* larger logical blocks than this are not believed */
#define GEN_TRIES_ 16u		  /* config generation retries (2.5.1) */
#define DEFAULT_TIMEOUT_NS_ 5000000000ull

/* ---- configuration ---------------------------------------------------------- */

static int blk_cfg_(struct vdisc_blk *blk, uint16_t off, unsigned width, uint32_t *v)
{
	uint64_t value = 0;
	int err = blk->dev->ops->config_read(blk->dev, off, width, &value);

	*v = (uint32_t)value;
	return err < 0 ? err : 0;
}

static int blk_generation_(struct vdisc_blk *blk, uint32_t *gen)
{
	*gen = 0;
	if (!blk->dev->ops->config_generation)
		return 0;
	return blk->dev->ops->config_generation(blk->dev, gen);
}

/* 64-bit capacity as two 32-bit reads, retried until the generation holds still (2.5.1). */
static int blk_read_capacity_(struct vdisc_blk *blk)
{
	uint32_t before, after, lo = 0, hi = 0;
	unsigned tries;
	int err;

	for (tries = 0; tries < GEN_TRIES_; tries++) {
		err = blk_generation_(blk, &before);
		if (err == 0)
			err = blk_cfg_(blk, VDISC_VIRTIO_BLK_CFG_CAPACITY, 4, &lo);
		if (err == 0)
			err = blk_cfg_(blk, VDISC_VIRTIO_BLK_CFG_CAPACITY + 4, 4, &hi);
		if (err == 0)
			err = blk_generation_(blk, &after);
		if (err < 0)
			return err;
		if (before == after) {
			blk->capacity = (uint64_t)hi << 32 | lo;
			return 0;
		}
	}
	return -VDISC_EIO;
}

int vdisc_blk_refresh_capacity(struct vdisc_blk *blk)
{
	if (!blk || !blk->dev || !blk->queues)
		return -VDISC_EINVAL;
	if (blk->dead)
		return -VDISC_EIO;
	return blk_read_capacity_(blk);
}

/* A field gated by @feature: @fallback when it was not negotiated. */
static int blk_cfg_opt_(struct vdisc_blk *blk, unsigned feature, uint16_t off, unsigned width,
			uint32_t fallback, uint32_t *v)
{
	*v = fallback;
	if (!vdisc_virtio_has(&blk->dev->accepted, feature))
		return 0;
	return blk_cfg_(blk, off, width, v);
}

/* A discard or write-zeroes limit in sectors, whole logical blocks; 0 in the config: none. */
static uint32_t blk_zeroing_limit_(const struct vdisc_blk *blk, uint32_t max)
{
	uint32_t unit = blk->blk_size / VDISC_BLK_SECTOR;

	return max ? max / unit * unit : UINT32_MAX / unit * unit;
}

static int blk_read_config_(struct vdisc_blk *blk)
{
	const struct vdisc_virtio_features *acc = &blk->dev->accepted;
	uint32_t v;
	int err = blk_read_capacity_(blk);

	if (err == 0)
		err = blk_cfg_opt_(blk, VDISC_VIRTIO_BLK_F_BLK_SIZE, VDISC_VIRTIO_BLK_CFG_BLK_SIZE,
				   4, VDISC_BLK_SECTOR, &blk->blk_size);
	if (err < 0)
		return err;
	if (blk->blk_size < VDISC_BLK_SECTOR || blk->blk_size > MAX_BLK_SIZE_ ||
	    (blk->blk_size & (blk->blk_size - 1)))
		return -VDISC_EIO;
	/* As Linux: without SEG_MAX, one data segment per request. */
	err = blk_cfg_opt_(blk, VDISC_VIRTIO_BLK_F_SEG_MAX, VDISC_VIRTIO_BLK_CFG_SEG_MAX, 4, 1,
			   &blk->seg_max);
	if (err == 0)
		err = blk_cfg_opt_(blk, VDISC_VIRTIO_BLK_F_SIZE_MAX, VDISC_VIRTIO_BLK_CFG_SIZE_MAX,
				   4, 0, &blk->size_max);
	if (err == 0)
		err = blk_cfg_opt_(blk, VDISC_VIRTIO_BLK_F_MQ, VDISC_VIRTIO_BLK_CFG_NUM_QUEUES, 2,
				   1, &v);
	if (err < 0)
		return err;
	blk->seg_max = blk->seg_max ? blk->seg_max : 1;
	blk->num_queues = (uint16_t)(v ? v : 1);
	blk->read_only = vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_RO);
	blk->flush = vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_FLUSH);
	blk->discard = vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_DISCARD);
	blk->write_zeroes = vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_WRITE_ZEROES);
	err = blk_cfg_opt_(blk, VDISC_VIRTIO_BLK_F_DISCARD,
			   VDISC_VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS, 4, 0, &v);
	blk->max_discard_sectors = blk_zeroing_limit_(blk, v);
	if (err == 0)
		err = blk_cfg_opt_(blk, VDISC_VIRTIO_BLK_F_WRITE_ZEROES,
				   VDISC_VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SECTORS, 4, 0, &v);
	blk->max_write_zeroes_sectors = blk_zeroing_limit_(blk, v);
	return err;
}

/* Bytes per data segment and sectors per read/write, from seg_max, size_max and the queue. */
static void blk_limits_(struct vdisc_blk *blk)
{
	uint32_t nseg = blk->seg_max, unit = blk->blk_size / VDISC_BLK_SECTOR, seg, bytes;

	if (nseg > VDISC_BLK_MAX_SEGS_)
		nseg = VDISC_BLK_MAX_SEGS_;
	if (nseg > blk->queues[0].vq.size - 2u)
		nseg = blk->queues[0].vq.size - 2u;
	seg = blk->size_max && blk->size_max < MAX_REQ_BYTES_ ? blk->size_max : MAX_REQ_BYTES_;
	bytes = (uint64_t)nseg * seg < MAX_REQ_BYTES_ ? nseg * seg : MAX_REQ_BYTES_;
	blk->seg_bytes = seg;
	blk->max_req_sectors = bytes / VDISC_BLK_SECTOR / unit * unit;
}

/* ---- setup ---------------------------------------------------------------- */

static void blk_supported_(struct vdisc_virtio_features *f, bool mq)
{
	memset(f, 0, sizeof(*f));
	f->word[0] = 1u << VDISC_VIRTIO_BLK_F_SIZE_MAX | 1u << VDISC_VIRTIO_BLK_F_SEG_MAX |
		     1u << VDISC_VIRTIO_BLK_F_RO | 1u << VDISC_VIRTIO_BLK_F_BLK_SIZE |
		     1u << VDISC_VIRTIO_BLK_F_FLUSH | 1u << VDISC_VIRTIO_BLK_F_DISCARD |
		     1u << VDISC_VIRTIO_BLK_F_WRITE_ZEROES | 1u << VDISC_VIRTIO_F_INDIRECT_DESC |
		     1u << VDISC_VIRTIO_F_EVENT_IDX;
	if (mq)
		f->word[0] |= 1u << VDISC_VIRTIO_BLK_F_MQ;
	/* ACCESS_PLATFORM: our device addresses already come from the platform. */
	f->word[1] =
		1u << (VDISC_VIRTIO_F_VERSION_1 - 32) | 1u << (VDISC_VIRTIO_F_ACCESS_PLATFORM - 32);
	f->nwords = 2;
}

void vdisc_blk_free_queues_(struct vdisc_blk *blk)
{
	const struct vdisc_platform *p = blk->dev->platform;
	struct vdisc_blk_queue *q;
	unsigned i;

	for (i = blk->nqueues; i-- > 0;) {
		q = &blk->queues[i];
		if (q->req_mem && p->dma_free)
			p->dma_free(p->ctx, q->req_mem, (size_t)VDISC_BLK_SLOT_ * q->nslots);
		q->req_mem = NULL;
		q->nfree = 0;
		vdisc_virtq_release(&q->vq);
	}
}

static int blk_setup_queue_(struct vdisc_blk *blk, struct vdisc_blk_queue *q, uint16_t index,
			    uint16_t depth)
{
	const struct vdisc_platform *p = blk->dev->platform;
	uint16_t i;
	int err;

	memset(q, 0, sizeof(*q));
	err = vdisc_virtq_init(&q->vq, blk->dev, index, 0);
	if (err < 0)
		return err;
	if (q->vq.size < 3)
		return -VDISC_ENOTSUP; /* header, data, status (an indirect chain counts too) */
	if (!p->dma_alloc)
		return -VDISC_ENOTSUP;
	/* A request takes one ring descriptor with an indirect table, else at least three. */
	q->nslots = q->vq.indirect ? q->vq.size : (uint16_t)(q->vq.size / 3);
	if (depth && depth < q->nslots)
		q->nslots = depth;
	q->req_mem = p->dma_alloc(p->ctx, (size_t)VDISC_BLK_SLOT_ * q->nslots,
				  VDISC_VIRTQ_DESC_ALIGN, &q->req_phys);
	if (!q->req_mem)
		return -VDISC_ENOMEM;
	for (i = 0; i < q->nslots; i++)
		q->free_slot[i] = (uint16_t)(q->nslots - 1u - i); /* slot 0 is taken first */
	q->nfree = q->nslots;
	return 0;
}

static int blk_setup_queues_(struct vdisc_blk *blk, uint16_t wanted, uint16_t depth)
{
	int err = blk_read_config_(blk);

	if (err < 0)
		return err;
	if (wanted > blk->num_queues)
		wanted = blk->num_queues;
	for (blk->nqueues = 0; blk->nqueues < wanted; blk->nqueues++) {
		err = blk_setup_queue_(blk, &blk->queues[blk->nqueues], blk->nqueues, depth);
		if (err < 0) {
			blk->nqueues++; /* so that what it got is freed */
			return err;
		}
	}
	blk_limits_(blk);
	return 0;
}

int vdisc_blk_init_mq(struct vdisc_blk *blk, struct vdisc_virtio_dev *dev,
		      struct vdisc_blk_queue *queues, uint16_t nqueues, uint16_t depth,
		      enum vdisc_virtio_init_step *failed_step)
{
	enum vdisc_virtio_init_step ignored;
	struct vdisc_virtio_features supported;
	int err;

	if (!failed_step)
		failed_step = &ignored;
	*failed_step = VDISC_VIRTIO_STEP_NONE;
	if (!blk || !dev || !dev->ops || !dev->platform || !queues || nqueues == 0)
		return -VDISC_EINVAL;
	memset(blk, 0, sizeof(*blk));
	blk->dev = dev;
	blk->queues = queues;
	blk->timeout_ns = DEFAULT_TIMEOUT_NS_;
	if (dev->device_type != VDISC_VIRTIO_ID_BLOCK)
		return -VDISC_ENOTSUP;
	blk_supported_(&supported, nqueues > 1);
	if (!dev->prefer_split_ring) /* 2.8; needs VERSION_1, so a legacy device never offers it */
		supported.word[1] |= 1u << (VDISC_VIRTIO_F_RING_PACKED - 32);
	err = vdisc_virtio_negotiate(dev, &supported, failed_step);
	if (err < 0)
		return err;
	*failed_step = VDISC_VIRTIO_STEP_QUEUES; /* configuration, queues and request memory */
	err = blk_setup_queues_(blk, nqueues, depth);
	if (err == 0) {
		*failed_step = VDISC_VIRTIO_STEP_DRIVER_OK;
		err = vdisc_virtio_driver_ok(dev);
	}
	if (err < 0) {
		vdisc_virtio_fail(dev); /* stop the device before its memory goes */
		vdisc_blk_release(blk);
		return err;
	}
	*failed_step = VDISC_VIRTIO_STEP_NONE;
	return 0;
}

int vdisc_blk_init(struct vdisc_blk *blk, struct vdisc_virtio_dev *dev,
		   enum vdisc_virtio_init_step *failed_step)
{
	return vdisc_blk_init_mq(blk, dev, blk ? &blk->queue0 : NULL, 1, VDISC_BLK_MAX_INFLIGHT,
				 failed_step);
}

void vdisc_blk_release(struct vdisc_blk *blk)
{
	unsigned i;
	bool live = false;

	if (!blk || !blk->dev || !blk->queues)
		return;
	for (i = 0; i < blk->nqueues; i++)
		live = live || blk->queues[i].vq.desc;
	/* The rings and slots may be freed only once the device no longer uses them. */
	if (live && vdisc_virtio_reset(blk->dev) != 0)
		return; /* a device that will not reset keeps its memory: leaked, not reused */
	vdisc_blk_free_queues_(blk);
}
