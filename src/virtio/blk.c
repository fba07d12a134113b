/* SPDX-License-Identifier: MIT */
/*
 * virtio-blk (virtio 1.3, 5.2) over one split virtqueue, polled.
 *
 * A request is a chain: the 16-byte header (device reads), the data
 * segments, and one status byte (device writes) that is preset to an
 * error value, so a device that completes without writing it has failed
 * the request.  Up to VDISC_BLK_MAX_INFLIGHT requests are in flight; each
 * wait for a completion is bounded by timeout_ns.  After a timeout or a
 * device caught lying the device is failed and reset, and the queue is
 * gone: every later request returns -VDISC_EIO.
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

#define S_PRESET_ 0xffu /* not a status any device sends: "not completed" */

#define MAX_SEGS_ 16u /* data segments per request (stack sg array) */

/* One request's DMA memory: header, discard/write-zeroes segment, id, status, and the
 * indirect table (header + segments + status descriptors) when INDIRECT_DESC is in use. */
#define SLOT_ 512u
#define SLOT_HDR_ 0u
#define SLOT_SEG_ 16u
#define SLOT_ID_ 32u
#define SLOT_STATUS_ 56u
#define SLOT_TABLE_ 64u
_Static_assert(SLOT_TABLE_ + VDISC_VIRTQ_INDIRECT_BYTES(MAX_SEGS_ + 2) <= SLOT_,
	       "the indirect table fits in a slot");
#define MAX_REQ_BYTES_ (1u << 20) /* larger transfers become several requests in flight */
#define MAX_BLK_SIZE_ 65536u	  /* larger logical blocks than this are not believed */
#define GEN_TRIES_ 16u		  /* config generation retries (2.5.1) */
#define DEFAULT_TIMEOUT_NS_ 5000000000ull

static bool blk_legacy_(const struct vdisc_blk *blk)
{
	return blk->dev->ops->legacy;
}

/* Header fields: little-endian for modern devices, native for legacy ones (5.2.6 legacy). */
static void blk_put32_(const struct vdisc_blk *blk, uint8_t *p, uint32_t v)
{
	unsigned i;

	if (blk_legacy_(blk)) {
		memcpy(p, &v, 4);
		return;
	}
	for (i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void blk_put64_(const struct vdisc_blk *blk, uint8_t *p, uint64_t v)
{
	if (blk_legacy_(blk)) {
		memcpy(p, &v, 8);
		return;
	}
	blk_put32_(blk, p, (uint32_t)v);
	blk_put32_(blk, p + 4, (uint32_t)(v >> 32));
}

static uint64_t blk_phys_(const struct vdisc_blk *blk, const void *p)
{
	const struct vdisc_platform *pl = blk->dev->platform;

	return pl->virt_to_phys ? pl->virt_to_phys(pl->ctx, p) : (uint64_t)(uintptr_t)p;
}

static uint8_t *blk_slot_(const struct vdisc_blk *blk, unsigned i)
{
	return (uint8_t *)blk->req_mem + (size_t)i * SLOT_;
}

/* ---- configuration ---------------------------------------------------------- */

static int blk_cfg32_(struct vdisc_blk *blk, uint16_t off, uint32_t *v)
{
	uint64_t value = 0;
	int err = blk->dev->ops->config_read(blk->dev, off, 4, &value);

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
			err = blk_cfg32_(blk, VDISC_VIRTIO_BLK_CFG_CAPACITY, &lo);
		if (err == 0)
			err = blk_cfg32_(blk, VDISC_VIRTIO_BLK_CFG_CAPACITY + 4, &hi);
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

static int blk_read_config_(struct vdisc_blk *blk)
{
	const struct vdisc_virtio_features *acc = &blk->dev->accepted;
	uint32_t v;
	int err = blk_read_capacity_(blk);

	if (err < 0)
		return err;
	blk->blk_size = VDISC_BLK_SECTOR;
	if (vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_BLK_SIZE)) {
		err = blk_cfg32_(blk, VDISC_VIRTIO_BLK_CFG_BLK_SIZE, &v);
		if (err < 0)
			return err;
		if (v < VDISC_BLK_SECTOR || v > MAX_BLK_SIZE_ || (v & (v - 1)))
			return -VDISC_EIO;
		blk->blk_size = v;
	}
	blk->seg_max = 1; /* as Linux: without SEG_MAX, one data segment per request */
	if (vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_SEG_MAX)) {
		err = blk_cfg32_(blk, VDISC_VIRTIO_BLK_CFG_SEG_MAX, &v);
		if (err < 0)
			return err;
		blk->seg_max = v ? v : 1;
	}
	blk->size_max = 0; /* no limit */
	if (vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_SIZE_MAX)) {
		err = blk_cfg32_(blk, VDISC_VIRTIO_BLK_CFG_SIZE_MAX, &blk->size_max);
		if (err < 0)
			return err;
	}
	blk->read_only = vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_RO);
	blk->flush = vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_FLUSH);
	blk->discard = vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_DISCARD);
	blk->write_zeroes = vdisc_virtio_has(acc, VDISC_VIRTIO_BLK_F_WRITE_ZEROES);
	return 0;
}

/* ---- setup ---------------------------------------------------------------- */

static void blk_supported_(struct vdisc_virtio_features *f)
{
	memset(f, 0, sizeof(*f));
	f->word[0] = 1u << VDISC_VIRTIO_BLK_F_SIZE_MAX | 1u << VDISC_VIRTIO_BLK_F_SEG_MAX |
		     1u << VDISC_VIRTIO_BLK_F_RO | 1u << VDISC_VIRTIO_BLK_F_BLK_SIZE |
		     1u << VDISC_VIRTIO_BLK_F_FLUSH | 1u << VDISC_VIRTIO_BLK_F_DISCARD |
		     1u << VDISC_VIRTIO_BLK_F_WRITE_ZEROES | 1u << VDISC_VIRTIO_F_INDIRECT_DESC |
		     1u << VDISC_VIRTIO_F_EVENT_IDX;
	/* ACCESS_PLATFORM: our device addresses already come from the platform. */
	f->word[1] =
		1u << (VDISC_VIRTIO_F_VERSION_1 - 32) | 1u << (VDISC_VIRTIO_F_ACCESS_PLATFORM - 32);
	f->nwords = 2;
}

static void blk_free_req_mem_(struct vdisc_blk *blk)
{
	const struct vdisc_platform *p = blk->dev->platform;

	if (blk->req_mem && p->dma_free)
		p->dma_free(p->ctx, blk->req_mem, (size_t)SLOT_ * VDISC_BLK_MAX_INFLIGHT);
	blk->req_mem = NULL;
}

static int blk_setup_queue_(struct vdisc_blk *blk)
{
	const struct vdisc_platform *p = blk->dev->platform;
	int err = blk_read_config_(blk);

	if (err < 0)
		return err;
	err = vdisc_virtq_init(&blk->vq, blk->dev, 0, 0);
	if (err < 0)
		return err;
	if (blk->vq.size < 3)
		return -VDISC_ENOTSUP; /* header, data, status (an indirect chain counts too) */
	if (!p->dma_alloc)
		return -VDISC_ENOTSUP;
	blk->req_mem =
		p->dma_alloc(p->ctx, (size_t)SLOT_ * VDISC_BLK_MAX_INFLIGHT, SLOT_, &blk->req_phys);
	return blk->req_mem ? 0 : -VDISC_ENOMEM;
}

int vdisc_blk_init(struct vdisc_blk *blk, struct vdisc_virtio_dev *dev,
		   enum vdisc_virtio_init_step *failed_step)
{
	enum vdisc_virtio_init_step ignored;
	struct vdisc_virtio_features supported;
	int err;

	if (!failed_step)
		failed_step = &ignored;
	*failed_step = VDISC_VIRTIO_STEP_NONE;
	if (!blk || !dev || !dev->ops || !dev->platform)
		return -VDISC_EINVAL;
	memset(blk, 0, sizeof(*blk));
	blk->dev = dev;
	blk->timeout_ns = DEFAULT_TIMEOUT_NS_;
	if (dev->device_type != VDISC_VIRTIO_ID_BLOCK)
		return -VDISC_ENOTSUP;
	blk_supported_(&supported);
	err = vdisc_virtio_negotiate(dev, &supported, failed_step);
	if (err < 0)
		return err;
	*failed_step = VDISC_VIRTIO_STEP_QUEUES; /* configuration, queue and request memory */
	err = blk_setup_queue_(blk);
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

void vdisc_blk_release(struct vdisc_blk *blk)
{
	if (!blk || !blk->dev)
		return;
	/* The ring and request memory may be freed only once the device no longer uses them. */
	if (blk->vq.desc && vdisc_virtio_reset(blk->dev) != 0)
		return; /* a device that will not reset keeps its memory: leaked, not reused */
	vdisc_virtq_release(&blk->vq);
	blk_free_req_mem_(blk);
}

/* ---- requests ------------------------------------------------------------- */

/* A sequence of requests of one type, handed out a chunk at a time. */
struct job_ {
	uint32_t type;
	uint64_t sector;
	uint8_t *buf;	    /* data (IN/OUT) */
	uint32_t left;	    /* sectors, or 1 for FLUSH and GET_ID */
	uint32_t per_req;   /* sectors per request */
	uint32_t seg_bytes; /* bytes per data segment */
	uint16_t max_desc;  /* descriptors the largest request of the job takes */
	uint8_t *id;	    /* GET_ID destination */
	int error;	    /* the first failure */
};

/* Build the next request of @job into slot @s's memory and @sg; returns the descriptor count. */
static unsigned blk_prepare_(struct vdisc_blk *blk, struct job_ *job, uint8_t *s,
			     struct vdisc_sg *sg, unsigned *nout)
{
	uint32_t n = job->left < job->per_req ? job->left : job->per_req;
	unsigned k = 1;

	blk_put32_(blk, s + SLOT_HDR_, job->type);
	blk_put32_(blk, s + SLOT_HDR_ + 4, 0);
	blk_put64_(blk, s + SLOT_HDR_ + 8,
		   job->type == VDISC_VIRTIO_BLK_T_FLUSH || job->type == VDISC_VIRTIO_BLK_T_GET_ID
			   ? 0
			   : job->sector);
	s[SLOT_STATUS_] = S_PRESET_;
	sg[0] = (struct vdisc_sg){.addr = blk->req_phys + (uint64_t)(s - blk_slot_(blk, 0)) +
					  SLOT_HDR_,
				  .len = VDISC_VIRTIO_BLK_REQ_HDR_SIZE};
	if (job->type == VDISC_VIRTIO_BLK_T_IN || job->type == VDISC_VIRTIO_BLK_T_OUT) {
		uint32_t bytes = n * VDISC_BLK_SECTOR, off, len;

		for (off = 0; off < bytes; off += len) {
			len = bytes - off < job->seg_bytes ? bytes - off : job->seg_bytes;
			sg[k++] = (struct vdisc_sg){.addr = blk_phys_(blk, job->buf + off),
						    .len = len,
						    .device_writes =
							    job->type == VDISC_VIRTIO_BLK_T_IN};
		}
		job->buf += bytes;
	} else if (job->type == VDISC_VIRTIO_BLK_T_DISCARD ||
		   job->type == VDISC_VIRTIO_BLK_T_WRITE_ZEROES) {
		blk_put64_(blk, s + SLOT_SEG_, job->sector);
		blk_put32_(blk, s + SLOT_SEG_ + 8, n);
		blk_put32_(blk, s + SLOT_SEG_ + 12, 0); /* no unmap: the zeroes must read back */
		sg[k++] = (struct vdisc_sg){.addr = sg[0].addr + SLOT_SEG_,
					    .len = VDISC_VIRTIO_BLK_SEG_SIZE};
	} else if (job->type == VDISC_VIRTIO_BLK_T_GET_ID) {
		memset(s + SLOT_ID_, 0, VDISC_VIRTIO_BLK_ID_BYTES);
		sg[k++] = (struct vdisc_sg){.addr = sg[0].addr + SLOT_ID_,
					    .len = VDISC_VIRTIO_BLK_ID_BYTES,
					    .device_writes = true};
	}
	*nout = job->type == VDISC_VIRTIO_BLK_T_IN || job->type == VDISC_VIRTIO_BLK_T_GET_ID ? 1
											     : k;
	sg[k++] = (struct vdisc_sg){
		.addr = sg[0].addr + SLOT_STATUS_, .len = 1, .device_writes = true};
	job->sector += n;
	job->left -= n;
	return k;
}

static int blk_status_error_(uint8_t status)
{
	switch (status) {
	case VDISC_VIRTIO_BLK_S_OK:
		return 0;
	case VDISC_VIRTIO_BLK_S_UNSUPP:
		return -VDISC_ENOTSUP;
	case VDISC_VIRTIO_BLK_S_IOERR:
	default: /* the preset, or garbage: not a success */
		return -VDISC_EIO;
	}
}

/* The device timed out or lied: fail it, and let the queue go once it has stopped. */
static int blk_fatal_(struct vdisc_blk *blk, int err)
{
	uint8_t status = 0xff;

	blk->last_status = S_PRESET_;
	vdisc_virtio_fail(blk->dev);
	if (blk->dev->ops->get_status(blk->dev, &status) == 0 && status == 0)
		vdisc_virtq_release(&blk->vq);
	else /* still in the device's hands: never touched, never freed */
		blk->vq.desc = blk->req_mem = NULL;
	return err;
}

/* Wait for one completion; returns its slot, or a negative error (blk_fatal_ already done). */
static int blk_wait_one_(struct vdisc_blk *blk, struct job_ *job)
{
	const struct vdisc_platform *p = blk->dev->platform;
	uint64_t start = p->now_ns(p->ctx);
	void *token;
	uint32_t len;
	int r;

	for (;;) {
		r = vdisc_virtq_get(&blk->vq, &token, &len);
		if (r < 0)
			return blk_fatal_(blk, r);
		if (r == 1)
			break;
		if (p->now_ns(p->ctx) - start > blk->timeout_ns)
			return blk_fatal_(blk, -VDISC_ETIMEDOUT);
	}
	r = (int)(((uint8_t *)token - blk_slot_(blk, 0)) / SLOT_);
	if (job->type == VDISC_VIRTIO_BLK_T_GET_ID && job->id)
		memcpy(job->id, blk_slot_(blk, (unsigned)r) + SLOT_ID_, VDISC_VIRTIO_BLK_ID_BYTES);
	return r;
}

static unsigned blk_slots_(const struct vdisc_blk *blk)
{
	/* A request is one ring descriptor with an indirect table, else at least three. */
	unsigned n = (unsigned)blk->vq.size / (blk->vq.indirect ? 1 : 3);

	return n < VDISC_BLK_MAX_INFLIGHT ? n : VDISC_BLK_MAX_INFLIGHT;
}

/* Issue @job's requests, several in flight, and wait for all of them. */
static int blk_run_(struct vdisc_blk *blk, struct job_ *job)
{
	struct vdisc_sg sg[MAX_SEGS_ + 2];
	uint32_t busy = 0;
	unsigned nslots = blk_slots_(blk), i, n, nout;
	uint8_t status;
	int r;

	if (!blk->vq.desc || !blk->req_mem)
		return -VDISC_EIO;
	blk->last_status = VDISC_VIRTIO_BLK_S_OK;
	for (;;) {
		for (i = 0; i < nslots && job->left && !job->error; i++) {
			if (busy & (1u << i))
				continue;
			if (blk->vq.num_free < (blk->vq.indirect ? 1 : job->max_desc))
				break; /* descriptors come back with the next completion */
			n = blk_prepare_(blk, job, blk_slot_(blk, i), sg, &nout);
			if (blk->vq.indirect)
				r = vdisc_virtq_add_indirect(
					&blk->vq, sg, nout, n - nout, blk_slot_(blk, i),
					blk_slot_(blk, i) + SLOT_TABLE_,
					blk->req_phys + (uint64_t)i * SLOT_ + SLOT_TABLE_);
			else
				r = vdisc_virtq_add(&blk->vq, sg, nout, n - nout,
						    blk_slot_(blk, i));
			if (r < 0)
				return blk_fatal_(blk,
						  r); /* sized to fit: a failure here is a bug */
			busy |= 1u << i;
		}
		if (!busy)
			return job->left && !job->error ? -VDISC_EIO : job->error;
		r = vdisc_virtq_kick(&blk->vq);
		if (r < 0)
			return blk_fatal_(blk, r);
		r = blk_wait_one_(blk, job);
		if (r < 0)
			return r;
		busy &= ~(1u << r);
		status = *(volatile uint8_t *)(blk_slot_(blk, (unsigned)r) + SLOT_STATUS_);
		r = blk_status_error_(status);
		if (r < 0 && !job->error) {
			job->error = r;
			blk->last_status = status;
		}
	}
}

/* Sectors per request and bytes per segment, from seg_max, size_max and the queue size. */
static void blk_limits_(const struct vdisc_blk *blk, struct job_ *job)
{
	uint32_t nseg = blk->seg_max, unit = blk->blk_size / VDISC_BLK_SECTOR, seg, bytes;

	if (nseg > MAX_SEGS_)
		nseg = MAX_SEGS_;
	if (nseg > blk->vq.size - 2u)
		nseg = blk->vq.size - 2u;
	seg = blk->size_max && blk->size_max < MAX_REQ_BYTES_ ? blk->size_max : MAX_REQ_BYTES_;
	bytes = (uint64_t)nseg * seg < MAX_REQ_BYTES_ ? nseg * seg : MAX_REQ_BYTES_;
	job->seg_bytes = seg;
	job->per_req = bytes / VDISC_BLK_SECTOR / unit * unit;
	bytes = job->per_req * VDISC_BLK_SECTOR;
	job->max_desc = (uint16_t)((bytes + seg - 1) / seg + 2);
}

static int blk_range_(const struct vdisc_blk *blk, uint64_t sector, uint32_t count)
{
	uint32_t unit = blk->blk_size / VDISC_BLK_SECTOR;

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
	struct job_ job = {.type = type, .sector = sector, .buf = buf, .left = count};
	int err;

	if (!blk || !blk->dev || (!buf && count))
		return -VDISC_EINVAL;
	if (type == VDISC_VIRTIO_BLK_T_OUT && blk->read_only)
		return -VDISC_EPERM;
	err = blk_range_(blk, sector, count);
	if (err < 0 || count == 0)
		return err;
	blk_limits_(blk, &job);
	if (job.per_req == 0)
		return -VDISC_ENOTSUP; /* segments too small to carry one logical block */
	return blk_run_(blk, &job);
}

int vdisc_blk_read(struct vdisc_blk *blk, uint64_t sector, void *buf, uint32_t count)
{
	return blk_rw_(blk, VDISC_VIRTIO_BLK_T_IN, sector, buf, count);
}

int vdisc_blk_write(struct vdisc_blk *blk, uint64_t sector, const void *buf, uint32_t count)
{
	uint8_t *p;

	/* The device only reads the buffer; the job type keeps it that way. */
	memcpy(&p, &buf, sizeof(p));
	return blk_rw_(blk, VDISC_VIRTIO_BLK_T_OUT, sector, p, count);
}

int vdisc_blk_flush(struct vdisc_blk *blk)
{
	struct job_ job = {
		.type = VDISC_VIRTIO_BLK_T_FLUSH, .left = 1, .per_req = 1, .max_desc = 2};

	if (!blk || !blk->dev)
		return -VDISC_EINVAL;
	if (!blk->flush)
		return 0; /* 5.2.6.2: without FLUSH the device writes through */
	return blk_run_(blk, &job);
}

int vdisc_blk_get_id(struct vdisc_blk *blk, char id[21])
{
	uint8_t raw[VDISC_VIRTIO_BLK_ID_BYTES];
	struct job_ job = {.type = VDISC_VIRTIO_BLK_T_GET_ID,
			   .left = 1,
			   .per_req = 1,
			   .max_desc = 3,
			   .id = raw};
	int err;

	if (!blk || !blk->dev || !id)
		return -VDISC_EINVAL;
	err = blk_run_(blk, &job);
	if (err < 0)
		return err;
	/* 5.2.6: the string is NUL-padded, not terminated when it fills all 20 bytes. */
	memcpy(id, raw, VDISC_VIRTIO_BLK_ID_BYTES);
	id[VDISC_VIRTIO_BLK_ID_BYTES] = '\0';
	return 0;
}

static int blk_zeroing_(struct vdisc_blk *blk, uint32_t type, uint16_t max_off, uint64_t sector,
			uint32_t count)
{
	struct job_ job = {.type = type, .sector = sector, .left = count};
	uint32_t max, unit;
	int err;

	if (!blk || !blk->dev)
		return -VDISC_EINVAL;
	if (!(type == VDISC_VIRTIO_BLK_T_DISCARD ? blk->discard : blk->write_zeroes))
		return -VDISC_ENOTSUP;
	if (blk->read_only)
		return -VDISC_EPERM;
	err = blk_range_(blk, sector, count);
	if (err < 0 || count == 0)
		return err;
	err = blk_cfg32_(blk, max_off, &max);
	if (err < 0)
		return err;
	unit = blk->blk_size / VDISC_BLK_SECTOR;
	max = max ? max / unit * unit : UINT32_MAX / unit * unit;
	if (max == 0)
		return -VDISC_ENOTSUP;
	job.per_req = max;
	job.max_desc = 3;
	return blk_run_(blk, &job);
}

int vdisc_blk_discard(struct vdisc_blk *blk, uint64_t sector, uint32_t count)
{
	return blk_zeroing_(blk, VDISC_VIRTIO_BLK_T_DISCARD,
			    VDISC_VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS, sector, count);
}

int vdisc_blk_write_zeroes(struct vdisc_blk *blk, uint64_t sector, uint32_t count)
{
	return blk_zeroing_(blk, VDISC_VIRTIO_BLK_T_WRITE_ZEROES,
			    VDISC_VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SECTORS, sector, count);
}
