/* SPDX-License-Identifier: MIT */
/*
 * Interrupt-driven virtio-blk completion.  In interrupt mode the device
 * notifies on used buffers (virtio 1.3, 2.7.7 and 2.7.10), the embedder's
 * handler calls vdisc_blk_interrupt(), which takes completions off the ring
 * into the queue's completion list, and vdisc_blk_poll()/_wait() only hand
 * them back.
 *
 * The handler must be safe wherever it interrupts the thread: it allocates
 * nothing, waits for nothing, takes at most a ring's worth of completions,
 * and never fails the device itself (a reset waits and frees memory): it
 * records the fault for the thread's next call.  What it shares with the
 * thread (the ring's free list and indexes, the completion list) the thread
 * touches only with the handler kept out (the platform's irq_save).
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

#include "blk_internal.h"

unsigned long vdisc_blk_irq_save_(const struct vdisc_blk *blk)
{
	const struct vdisc_platform *p = blk->dev->platform;

	return p->irq_save ? p->irq_save(p->ctx) : 0;
}

void vdisc_blk_irq_restore_(const struct vdisc_blk *blk, unsigned long flags)
{
	const struct vdisc_platform *p = blk->dev->platform;

	if (p->irq_restore)
		p->irq_restore(p->ctx, flags);
}

/* The device broke the ring: the queue is dead; the thread fails the device later. */
static int blkirq_fault_(struct vdisc_blk *blk)
{
	blk->irq_fault = -VDISC_EIO;
	return -VDISC_EIO;
}

/* Queue the completed request whose slot is @token for the thread to take. */
static int blkirq_push_(struct vdisc_blk *blk, struct vdisc_blk_queue *q, void *token)
{
	struct vdisc_blk_req *req;

	/* Each busy slot completes once (the ring checks ids): the list cannot fill. */
	if (q->ndone >= q->nslots)
		return blkirq_fault_(blk);
	req = vdisc_blk_finish_(q, token);
	q->done_slot[(q->done_head + q->ndone) % VDISC_VIRTQ_MAX_SIZE] = req->slot_;
	q->ndone++;
	return 0;
}

/* Take what is on the ring now; bounded by the ring's size (no more is ever in flight). */
static int blkirq_drain_(struct vdisc_blk *blk, struct vdisc_blk_queue *q, unsigned *taken)
{
	uint32_t len;
	void *token;
	unsigned i;
	int r;

	for (i = 0; i <= q->vq.size; i++) {
		r = vdisc_virtq_get(&q->vq, &token, &len);
		if (r <= 0)
			return r < 0 ? blkirq_fault_(blk) : 0;
		if (blkirq_push_(blk, q, token) < 0)
			return -VDISC_EIO;
		++*taken;
	}
	return blkirq_fault_(blk); /* more completions than requests in flight */
}

/*
 * Notifications off while draining (fewer interrupts), then back on, then one
 * more look: a completion that landed after the drain's last look but before
 * re-arming raised no interrupt (the device saw them suppressed, or used_event
 * behind), so it is taken now.  Every round takes at least one completion.
 */
static int blkirq_queue_(struct vdisc_blk *blk, struct vdisc_blk_queue *q)
{
	unsigned rounds, taken = 0;
	int r;

	if (!q->req_mem || !q->vq.desc)
		return 0;
	for (rounds = 0; rounds <= q->vq.size; rounds++) {
		vdisc_virtq_disable_notify(&q->vq);
		r = blkirq_drain_(blk, q, &taken);
		if (r < 0)
			return r;
		r = vdisc_virtq_enable_notify(&q->vq);
		if (r < 0)
			return blkirq_fault_(blk);
		if (r == 0)
			return (int)taken;
	}
	return blkirq_fault_(blk);
}

int vdisc_blk_irq_mode(struct vdisc_blk *blk, bool on)
{
	unsigned long flags;
	unsigned i;
	int r = 0;

	if (!blk || !blk->dev || !blk->queues)
		return -VDISC_EINVAL;
	if (blk->dead)
		return -VDISC_EIO;
	flags = vdisc_blk_irq_save_(blk);
	blk->irq_mode = on;
	for (i = 0; i < blk->nqueues && r >= 0; i++) {
		if (on)
			r = blkirq_queue_(blk, &blk->queues[i]); /* what completed while polled */
		else
			vdisc_virtq_disable_notify(&blk->queues[i].vq);
	}
	vdisc_blk_irq_restore_(blk, flags);
	return r < 0 ? r : 0;
}

/* What the interrupt says: the ISR for a wired line, else the vector's meaning. */
static int blkirq_cause_(struct vdisc_blk *blk, uint16_t queue, uint8_t *isr)
{
	const struct vdisc_virtio_transport_ops *ops = blk->dev->ops;

	*isr = VDISC_VIRTIO_ISR_QUEUE;
	if (queue == VDISC_BLK_IRQ_WIRED)
		return ops->isr_ack ? ops->isr_ack(blk->dev, isr) : -VDISC_ENOTSUP;
	if (queue == VDISC_BLK_IRQ_CONFIG)
		*isr = VDISC_VIRTIO_ISR_CONFIG;
	else if (queue >= blk->nqueues)
		return -VDISC_EINVAL;
	return 0;
}

int vdisc_blk_interrupt(struct vdisc_blk *blk, uint16_t queue, bool *config_changed)
{
	unsigned long flags;
	unsigned i, first = queue, end = queue + 1u;
	uint8_t isr = 0;
	int n = 0, r;

	if (config_changed)
		*config_changed = false;
	if (!blk || !blk->dev || !blk->queues)
		return -VDISC_EINVAL;
	if (blk->dead)
		return -VDISC_EIO;
	r = blkirq_cause_(blk, queue, &isr);
	if (r < 0)
		return r;
	if (isr & VDISC_VIRTIO_ISR_CONFIG) {
		blk->config_changes++;
		if (config_changed)
			*config_changed = true;
	}
	if (!(isr & VDISC_VIRTIO_ISR_QUEUE) || !blk->irq_mode)
		return 0;
	if (queue == VDISC_BLK_IRQ_WIRED) {
		first = 0;
		end = blk->nqueues;
	}
	flags = vdisc_blk_irq_save_(blk); /* nests: a thread may call this too */
	for (i = first; i < end && r >= 0; i++) {
		r = blkirq_queue_(blk, &blk->queues[i]);
		n += r > 0 ? r : 0;
	}
	blk->irq_completions += (uint32_t)n;
	vdisc_blk_irq_restore_(blk, flags);
	return r < 0 ? r : n;
}
