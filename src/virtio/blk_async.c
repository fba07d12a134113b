/* SPDX-License-Identifier: MIT */
/*
 * virtio-blk requests (virtio 1.3, 5.2.6), asynchronously: submit into a
 * free slot, kick, poll or wait for completions.
 *
 * A request is a chain: the 16-byte header (device reads), the data
 * segments, and one status byte (device writes) that is preset to a value
 * no device sends, so a device that completes without writing it has
 * failed the request.  Each slot of DMA memory holds one request's header,
 * status, discard segment, GET_ID answer and indirect table; a queue has a
 * slot per request its ring can carry.  After a timeout, a lost peer or a
 * device caught lying, the device is failed and reset and the driver is
 * dead: requests in flight are abandoned, every later call is -VDISC_EIO.
 * In interrupt mode (blk_irq.c) the handler takes completions off the rings
 * and poll hands them back; the ring sections both touch run with the
 * handler kept out (the platform's irq_save).
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

#include "blk_internal.h"

/* How often a waiting driver asks the transport whether the device is still there. */
#define ALIVE_PERIOD_NS_ 250000ull
/* The longest single sleep in wait_irq: bounds what a completion whose interrupt came just
 * before the sleep can cost. */
#define IRQ_SLICE_NS_ 1000000ull

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

static uint8_t *blk_slot_(const struct vdisc_blk_queue *q, unsigned i)
{
	return (uint8_t *)q->req_mem + (size_t)i * VDISC_BLK_SLOT_;
}

static struct vdisc_blk_queue *blk_queue_(const struct vdisc_blk *blk, uint16_t queue)
{
	if (!blk || !blk->dev || !blk->queues || queue >= blk->nqueues)
		return NULL;
	return &blk->queues[queue];
}

/* The device timed out, lied or went away: fail it, and free the queues once it stopped. */
static int blk_fatal_(struct vdisc_blk *blk, int err)
{
	uint8_t status = 0xff;
	unsigned i;

	blk->last_status = VDISC_BLK_STATUS_PRESET_;
	if (blk->dead)
		return err;
	blk->dead = true;
	vdisc_virtio_fail(blk->dev);
	if (blk->dev->ops->get_status(blk->dev, &status) == 0 && status == 0) {
		vdisc_blk_free_queues_(blk);
		return err;
	}
	for (i = 0; i < blk->nqueues; i++) { /* still in the device's hands: never freed */
		blk->queues[i].vq.desc = NULL;
		blk->queues[i].req_mem = NULL;
	}
	return err;
}

static int blk_check_range_(const struct vdisc_blk *blk, const struct vdisc_blk_req *req,
			    uint32_t limit)
{
	uint32_t unit = blk->blk_size / VDISC_BLK_SECTOR;

	if (req->count == 0 || req->count > limit)
		return -VDISC_EINVAL;
	if (req->sector > blk->capacity || req->count > blk->capacity - req->sector)
		return -VDISC_ERANGE;
	/* A device with larger logical blocks fails requests that split one (5.2.5). */
	if ((req->sector & (unit - 1)) || (req->count & (unit - 1)))
		return -VDISC_EINVAL;
	return 0;
}

static int blk_check_req_(const struct vdisc_blk *blk, const struct vdisc_blk_req *req)
{
	switch (req->type) {
	case VDISC_VIRTIO_BLK_T_IN:
	case VDISC_VIRTIO_BLK_T_OUT:
		if (!req->buf)
			return -VDISC_EINVAL;
		if (req->type == VDISC_VIRTIO_BLK_T_OUT && blk->read_only)
			return -VDISC_EPERM;
		return blk_check_range_(blk, req, blk->max_req_sectors);
	case VDISC_VIRTIO_BLK_T_FLUSH:
		return blk->flush ? 0 : -VDISC_ENOTSUP;
	case VDISC_VIRTIO_BLK_T_GET_ID:
		return req->buf ? 0 : -VDISC_EINVAL;
	case VDISC_VIRTIO_BLK_T_DISCARD:
	case VDISC_VIRTIO_BLK_T_WRITE_ZEROES:
		if (!(req->type == VDISC_VIRTIO_BLK_T_DISCARD ? blk->discard : blk->write_zeroes))
			return -VDISC_ENOTSUP;
		if (blk->read_only)
			return -VDISC_EPERM;
		return blk_check_range_(blk, req,
					req->type == VDISC_VIRTIO_BLK_T_DISCARD
						? blk->max_discard_sectors
						: blk->max_write_zeroes_sectors);
	default:
		return -VDISC_EINVAL;
	}
}

/* Data segments of a read or write (each at most seg_bytes, virtually contiguous). */
static unsigned blk_nsegs_(const struct vdisc_blk *blk, const struct vdisc_blk_req *req)
{
	uint32_t bytes = req->count * VDISC_BLK_SECTOR;

	if (req->type != VDISC_VIRTIO_BLK_T_IN && req->type != VDISC_VIRTIO_BLK_T_OUT)
		return req->type == VDISC_VIRTIO_BLK_T_FLUSH ? 0 : 1;
	return (bytes + blk->seg_bytes - 1) / blk->seg_bytes;
}

/* The request's payload after the header: data segments, a discard segment or the id. */
static unsigned blk_build_payload_(const struct vdisc_blk *blk, const struct vdisc_blk_req *req,
				   uint8_t *s, uint64_t s_phys, struct vdisc_sg *sg)
{
	uint32_t bytes = req->count * VDISC_BLK_SECTOR, off, len;
	bool in = req->type == VDISC_VIRTIO_BLK_T_IN;
	unsigned k = 0;

	switch (req->type) {
	case VDISC_VIRTIO_BLK_T_IN:
	case VDISC_VIRTIO_BLK_T_OUT:
		for (off = 0; off < bytes; off += len) {
			len = bytes - off < blk->seg_bytes ? bytes - off : blk->seg_bytes;
			sg[k++] =
				(struct vdisc_sg){.addr = blk_phys_(blk, (uint8_t *)req->buf + off),
						  .len = len,
						  .device_writes = in};
		}
		break;
	case VDISC_VIRTIO_BLK_T_DISCARD:
	case VDISC_VIRTIO_BLK_T_WRITE_ZEROES:
		blk_put64_(blk, s + VDISC_BLK_SLOT_SEG_, req->sector);
		blk_put32_(blk, s + VDISC_BLK_SLOT_SEG_ + 8, req->count);
		blk_put32_(blk, s + VDISC_BLK_SLOT_SEG_ + 12, 0); /* no unmap: zeroes read back */
		sg[k++] = (struct vdisc_sg){.addr = s_phys + VDISC_BLK_SLOT_SEG_,
					    .len = VDISC_VIRTIO_BLK_SEG_SIZE};
		break;
	case VDISC_VIRTIO_BLK_T_GET_ID:
		memset(s + VDISC_BLK_SLOT_ID_, 0, VDISC_VIRTIO_BLK_ID_BYTES);
		sg[k++] = (struct vdisc_sg){.addr = s_phys + VDISC_BLK_SLOT_ID_,
					    .len = VDISC_VIRTIO_BLK_ID_BYTES,
					    .device_writes = true};
		break;
	default:
		break;
	}
	return k;
}

/* Build @req into slot @i and @sg; returns the buffer count, *@nout the device-read ones. */
static unsigned blk_build_(const struct vdisc_blk *blk, const struct vdisc_blk_queue *q, unsigned i,
			   const struct vdisc_blk_req *req, struct vdisc_sg *sg, unsigned *nout)
{
	uint8_t *s = blk_slot_(q, i);
	uint64_t s_phys = q->req_phys + (uint64_t)i * VDISC_BLK_SLOT_;
	bool has_sector =
		req->type != VDISC_VIRTIO_BLK_T_FLUSH && req->type != VDISC_VIRTIO_BLK_T_GET_ID;
	unsigned k;

	blk_put32_(blk, s + VDISC_BLK_SLOT_HDR_, req->type);
	blk_put32_(blk, s + VDISC_BLK_SLOT_HDR_ + 4, 0);
	blk_put64_(blk, s + VDISC_BLK_SLOT_HDR_ + 8, has_sector ? req->sector : 0);
	s[VDISC_BLK_SLOT_STATUS_] = VDISC_BLK_STATUS_PRESET_;
	sg[0] = (struct vdisc_sg){.addr = s_phys + VDISC_BLK_SLOT_HDR_,
				  .len = VDISC_VIRTIO_BLK_REQ_HDR_SIZE};
	k = 1 + blk_build_payload_(blk, req, s, s_phys, sg + 1);
	*nout = req->type == VDISC_VIRTIO_BLK_T_IN || req->type == VDISC_VIRTIO_BLK_T_GET_ID ? 1
											     : k;
	sg[k++] = (struct vdisc_sg){
		.addr = s_phys + VDISC_BLK_SLOT_STATUS_, .len = 1, .device_writes = true};
	return k;
}

/*
 * Put slot @slot's chain on the ring.  The interrupt handler shares the ring's free
 * list and reads req[] for what it completes: it is kept out meanwhile.
 */
static int blk_add_(struct vdisc_blk *blk, struct vdisc_blk_queue *q, unsigned slot,
		    struct vdisc_blk_req *req, const struct vdisc_sg *sg, unsigned n, unsigned nout)
{
	unsigned long flags = vdisc_blk_irq_save_(blk);
	int err;

	q->req[slot] = req;
	if (q->vq.indirect)
		err = vdisc_virtq_add_indirect(&q->vq, sg, nout, n - nout, blk_slot_(q, slot),
					       blk_slot_(q, slot) + VDISC_BLK_SLOT_TABLE_,
					       q->req_phys + (uint64_t)slot * VDISC_BLK_SLOT_ +
						       VDISC_BLK_SLOT_TABLE_);
	else
		err = vdisc_virtq_add(&q->vq, sg, nout, n - nout, blk_slot_(q, slot));
	if (err < 0)
		q->req[slot] = NULL;
	vdisc_blk_irq_restore_(blk, flags);
	return err;
}

int vdisc_blk_submit(struct vdisc_blk *blk, uint16_t queue, struct vdisc_blk_req *req)
{
	struct vdisc_blk_queue *q = blk_queue_(blk, queue);
	struct vdisc_sg sg[VDISC_BLK_MAX_SEGS_ + 2];
	unsigned n, nout, slot;
	int err;

	if (!q || !req)
		return -VDISC_EINVAL;
	if (blk->dead || !q->req_mem)
		return -VDISC_EIO;
	err = blk_check_req_(blk, req);
	if (err < 0)
		return err;
	n = blk_nsegs_(blk, req) + 2;
	if (q->nfree == 0 || q->vq.num_free < (q->vq.indirect ? 1u : n))
		return -VDISC_EAGAIN;
	slot = q->free_slot[q->nfree - 1u];
	n = blk_build_(blk, q, slot, req, sg, &nout);
	req->slot_ = (uint16_t)slot;
	req->status = VDISC_BLK_STATUS_PRESET_;
	err = blk_add_(blk, q, slot, req, sg, n, nout);
	if (err < 0)
		return blk_fatal_(blk, -VDISC_EIO); /* checked to fit: the queue is dead */
	q->nfree--;
	return 0;
}

/* The kick, with the handler kept out of the ring's indexes meanwhile. */
static int blk_kick_(struct vdisc_blk *blk, struct vdisc_blk_queue *q)
{
	unsigned long flags = vdisc_blk_irq_save_(blk);
	int err = vdisc_virtq_kick(&q->vq);

	vdisc_blk_irq_restore_(blk, flags);
	return err;
}

int vdisc_blk_kick(struct vdisc_blk *blk, uint16_t queue)
{
	struct vdisc_blk_queue *q = blk_queue_(blk, queue);
	int err;

	if (!q)
		return -VDISC_EINVAL;
	if (blk->dead)
		return -VDISC_EIO;
	err = blk_kick_(blk, q);
	return err < 0 ? blk_fatal_(blk, -VDISC_EIO) : 0;
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

static unsigned blk_slot_of_(const struct vdisc_blk_queue *q, const void *token)
{
	return (unsigned)((size_t)((const uint8_t *)token - blk_slot_(q, 0)) / VDISC_BLK_SLOT_);
}

struct vdisc_blk_req *vdisc_blk_finish_(struct vdisc_blk_queue *q, void *token)
{
	unsigned slot = blk_slot_of_(q, token);
	struct vdisc_blk_req *req = q->req[slot];
	uint8_t *s = blk_slot_(q, slot);

	req->status = *(volatile uint8_t *)(s + VDISC_BLK_SLOT_STATUS_);
	req->result = blk_status_error_(req->status);
	if (req->type == VDISC_VIRTIO_BLK_T_GET_ID)
		memcpy(req->buf, s + VDISC_BLK_SLOT_ID_, VDISC_VIRTIO_BLK_ID_BYTES);
	if (req->complete)
		req->complete(req);
	return req;
}

/* Hand back the request in @slot: the slot is free again. */
static struct vdisc_blk_req *blk_handback_(struct vdisc_blk_queue *q, unsigned slot)
{
	struct vdisc_blk_req *req = q->req[slot];

	q->req[slot] = NULL;
	q->free_slot[q->nfree++] = (uint16_t)slot;
	return req;
}

/* Hand back, oldest first, what the interrupt handler took (the handler kept out). */
static unsigned blk_take_done_(struct vdisc_blk *blk, struct vdisc_blk_queue *q,
			       struct vdisc_blk_req **done, unsigned max)
{
	unsigned long flags = vdisc_blk_irq_save_(blk);
	unsigned n = 0;

	while (n < max && q->ndone) {
		done[n++] = blk_handback_(q, q->done_slot[q->done_head]);
		q->done_head = (uint16_t)((q->done_head + 1u) % VDISC_VIRTQ_MAX_SIZE);
		q->ndone--;
	}
	vdisc_blk_irq_restore_(blk, flags);
	return n;
}

int vdisc_blk_poll(struct vdisc_blk *blk, uint16_t queue, struct vdisc_blk_req **done, unsigned max)
{
	struct vdisc_blk_queue *q = blk_queue_(blk, queue);
	unsigned n;
	uint32_t len;
	void *token;
	int r;

	if (!q || (!done && max))
		return -VDISC_EINVAL;
	if (blk->dead)
		return -VDISC_EIO;
	if (blk->irq_fault)
		return blk_fatal_(blk, blk->irq_fault);
	if (blk_kick_(blk, q) < 0)
		return blk_fatal_(blk, -VDISC_EIO);
	n = blk_take_done_(blk, q, done, max);
	/* In interrupt mode only the handler takes completions off the ring. */
	while (n < max && !blk->irq_mode) {
		r = vdisc_virtq_get(&q->vq, &token, &len);
		if (r < 0)
			return blk_fatal_(blk, r);
		if (r == 0)
			break;
		(void)vdisc_blk_finish_(q, token);
		done[n++] = blk_handback_(q, blk_slot_of_(q, token));
	}
	return (int)n;
}

/* Polled for spin_ns: sleep until the device notifies (0 or 1), or its error. */
static int blk_sleep_(struct vdisc_blk *blk, struct vdisc_blk_queue *q, uint16_t queue,
		      uint64_t left_ns)
{
	int r = vdisc_virtq_enable_notify(&q->vq);

	if (r == 0)
		r = blk->dev->ops->wait_notify(blk->dev, queue, left_ns);
	vdisc_virtq_disable_notify(&q->vq);
	return r;
}

/*
 * Interrupt mode: sleep until an interrupt, in slices, so that one taken just
 * before the sleep (whose completion the last look missed) costs a slice at most.
 * Without the hook the wait polls the completion list.
 */
static void blk_wait_irq_(const struct vdisc_blk *blk, uint64_t left_ns)
{
	const struct vdisc_platform *p = blk->dev->platform;

	if (p->wait_irq)
		p->wait_irq(p->ctx, left_ns < IRQ_SLICE_NS_ ? left_ns : IRQ_SLICE_NS_);
}

int vdisc_blk_wait(struct vdisc_blk *blk, uint16_t queue, struct vdisc_blk_req **done, unsigned max)
{
	struct vdisc_blk_queue *q = blk_queue_(blk, queue);
	const struct vdisc_platform *p;
	uint64_t start, now, next_alive;
	int n;

	if (!q || !done || max == 0)
		return -VDISC_EINVAL;
	if (vdisc_blk_inflight(blk, queue) == 0)
		return blk->dead ? -VDISC_EIO : 0;
	p = blk->dev->platform;
	if (!p->now_ns)
		return -VDISC_ENOTSUP;
	start = next_alive = p->now_ns(p->ctx);
	for (;;) {
		n = vdisc_blk_poll(blk, queue, done, max);
		if (n != 0)
			return n;
		now = p->now_ns(p->ctx);
		if (now - start > blk->timeout_ns)
			return blk_fatal_(blk, -VDISC_ETIMEDOUT);
		if (blk->dev->ops->check_alive && now >= next_alive) {
			n = blk->dev->ops->check_alive(blk->dev);
			if (n < 0)
				return blk_fatal_(blk, n);
			next_alive = now + ALIVE_PERIOD_NS_;
		}
		if (blk->irq_mode) {
			blk_wait_irq_(blk, blk->timeout_ns - (now - start));
		} else if (blk->spin_ns && blk->dev->ops->wait_notify &&
			   now - start >= blk->spin_ns) {
			n = blk_sleep_(blk, q, queue, blk->timeout_ns - (now - start));
			if (n < 0)
				return blk_fatal_(blk, n);
		}
	}
}

unsigned vdisc_blk_inflight(const struct vdisc_blk *blk, uint16_t queue)
{
	const struct vdisc_blk_queue *q = blk_queue_(blk, queue);

	return q && q->req_mem ? (unsigned)(q->nslots - q->nfree) : 0u;
}
