/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTQUEUE_H
#define VDISC_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio_spec.h"
#include "virtio_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The middle layer of the virtio driver stack: one virtqueue, driver side,
 * split (virtio 1.3, 2.7) or packed (2.8, when VIRTIO_F_RING_PACKED was
 * accepted), which knows its transport only through queue_max,
 * queue_setup, queue_notify and queue_disable.  The rings live in the
 * platform's DMA memory; the driver's decisions come from its own shadow
 * of them, never from what the device could have rewritten.  The calls
 * below are the same for both formats.
 */

/* The largest ring vdisc sets up (its shadow arrays are this long). */
#define VDISC_VIRTQ_MAX_SIZE 256

struct vdisc_sg {
	uint64_t addr; /* device address */
	uint32_t len;
	bool device_writes; /* the device writes this buffer (VIRTQ_DESC_F_WRITE) */
};

/*
 * Split and packed share the fields; where their meaning differs, the
 * packed one is in brackets.  A packed chain is named by a buffer id
 * (2.8.13) from a driver-private free list, not by its descriptor's slot.
 */
struct vdisc_virtq {
	struct vdisc_virtio_dev *dev;
	uint16_t index, size;
	/* The rings, in DMA memory (little-endian for modern, guest-endian for legacy).
	 * [packed: the descriptor ring, and the driver and device event suppression areas] */
	void *desc, *avail, *used;
	uint64_t desc_phys, avail_phys, used_phys;
	/* The driver's own copy of what it put in the descriptors: never trust the device's view.
	 * [packed, per buffer id: next links the free ids, then the batch not yet kicked;
	 * flags holds the id's state] */
	struct {
		uint64_t addr;
		uint32_t len;
		uint16_t flags, next;
	} shadow[VDISC_VIRTQ_MAX_SIZE];
	void *token[VDISC_VIRTQ_MAX_SIZE]; /* per chain head [id]: what the caller gets back */
	uint16_t chain_len[VDISC_VIRTQ_MAX_SIZE]; /* ring descriptors (1 for an indirect table) */
	uint32_t writable[VDISC_VIRTQ_MAX_SIZE];  /* bytes the device may write, per head [id] */
	uint16_t free_head, num_free;		  /* [free_head: the first free id] */
	uint16_t avail_idx;			  /* our next avail index [the next slot we fill] */
	uint16_t last_used_idx;			  /* the next used entry we will read [the slot] */
	bool event_idx;				  /* VIRTIO_F_EVENT_IDX accepted */
	bool indirect;				  /* VIRTIO_F_INDIRECT_DESC accepted */
	bool packed; /* VIRTIO_F_RING_PACKED accepted: the packed format (2.8) */
	/* Packed only: the ring wrap counters (2.8.1), and the batch added since the last kick,
	 * whose first descriptor's flags the kick writes (so the batch appears at once). */
	bool avail_wrap, used_wrap;
	uint16_t batch_head, batch_flags, batch_descs;
	uint16_t batch_first_id, batch_last_id; /* the batch's ids, linked through shadow.next */
};

/**
 * vdisc_virtq_layout - the DMA memory a queue of @size needs, and where avail and used go
 * @size: the queue size, 1 to VDISC_VIRTIO_QUEUE_SIZE_MAX
 * @legacy: lay the rings out as a legacy device expects (one area, used at @legacy_align)
 * @legacy_align: the used ring's alignment for legacy, a power of 2 of at least 4
 * @avail_off: out (may be NULL): the avail ring's offset from the descriptor table
 * @used_off: out (may be NULL): the used ring's offset
 *
 * returns:
 *	the bytes needed, from the descriptor table to the end of the used ring
 *	0, for a size out of range or a bad @legacy_align
 */
size_t vdisc_virtq_layout(uint16_t size, bool legacy, uint32_t legacy_align, size_t *avail_off,
			  size_t *used_off);

/**
 * vdisc_virtq_layout_packed - the DMA memory a packed queue of @size needs (virtio 1.3, 2.8.10.1)
 * @size: the queue size, 1 to VDISC_VIRTIO_QUEUE_SIZE_MAX
 * @driver_off: out (may be NULL): the driver event suppression area's offset from the ring
 * @device_off: out (may be NULL): the device event suppression area's offset
 *
 * The descriptor ring (16 bytes a descriptor, 16-aligned) comes first, then
 * the two 4-byte event suppression areas (4-aligned).
 *
 * returns:
 *	the bytes needed, from the descriptor ring to the end of the device area
 *	0, for a size out of range
 */
size_t vdisc_virtq_layout_packed(uint16_t size, size_t *driver_off, size_t *device_off);

/**
 * vdisc_virtq_init - allocate queue @index in DMA memory and give it to the device
 * @q: the queue, filled here
 * @dev: the device, negotiated (the accepted features choose EVENT_IDX, INDIRECT_DESC and
 *       RING_PACKED: the packed format when accepted, else split)
 * @index: the queue's index
 * @max_size: the largest size wanted (0: VDISC_VIRTQ_MAX_SIZE)
 *
 * The size is the largest power of 2 within the device's maximum and
 * @max_size, or exactly the device's size where the transport fixes it.
 * Packed rings could have any size (2.8.10.1), but the transports' queue
 * set-up takes powers of 2 only, so they get one too.
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @q, @dev, @dev->ops or @dev->platform
 *	-VDISC_ENOTFOUND, the device has no such queue
 *	-VDISC_ENOTSUP, a fixed queue size larger than @max_size or not a power of 2, or a
 *	platform without DMA memory
 *	-VDISC_ENOMEM, the DMA memory could not be had
 *	or a transport hook's error
 */
int vdisc_virtq_init(struct vdisc_virtq *q, struct vdisc_virtio_dev *dev, uint16_t index,
		     uint16_t max_size);

/**
 * vdisc_virtq_release - tell the transport to forget the queue and free its rings
 * @q: the queue (NULL, or one never set up: nothing happens)
 *
 * Call it only once the device no longer uses the rings (after a reset).
 */
void vdisc_virtq_release(struct vdisc_virtq *q);

/**
 * vdisc_virtq_add - queue one request, its buffers as a chain of ring descriptors
 * @q: the queue
 * @sg: @nout buffers the device reads, then @nin it writes
 * @nout: buffers the device reads
 * @nin: buffers the device writes
 * @token: what vdisc_virtq_get() gives back for this request
 *
 * The request is visible to the device only after vdisc_virtq_kick().
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, no buffers, a buffer of length 0, or one whose direction
 *	contradicts @nout
 *	-VDISC_ENOMEM, fewer free descriptors than buffers
 *	-VDISC_EIO, the queue is dead (the device misbehaved)
 */
int vdisc_virtq_add(struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout, unsigned nin,
		    void *token);

/* Bytes of indirect table a request of @n buffers needs (16-byte aligned). */
#define VDISC_VIRTQ_INDIRECT_BYTES(n) ((size_t)(n)*VDISC_VIRTQ_DESC_SIZE)

/**
 * vdisc_virtq_add_indirect - queue one request as an indirect table (virtio 1.3, 2.7.5.3)
 * @q: the queue; needs VIRTIO_F_INDIRECT_DESC accepted (q->indirect)
 * @sg: @nout buffers the device reads, then @nin it writes
 * @nout: buffers the device reads
 * @nin: buffers the device writes
 * @token: what vdisc_virtq_get() gives back for this request
 * @table: @nout + @nin descriptors' worth of DMA memory (VDISC_VIRTQ_INDIRECT_BYTES),
 *         16-byte aligned, which the caller leaves alone until the request completes
 * @table_phys: its device address
 *
 * The request takes one ring descriptor whatever its length, so more requests
 * fit in flight on a small ring.
 *
 * returns:
 *	0 on success
 *	-VDISC_ENOTSUP, INDIRECT_DESC was not negotiated
 *	-VDISC_EINVAL, bad buffers as for vdisc_virtq_add(), a misaligned table, or more
 *	buffers than the queue size
 *	-VDISC_ENOMEM, no free descriptor
 *	-VDISC_EIO, the queue is dead
 */
int vdisc_virtq_add_indirect(struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout,
			     unsigned nin, void *token, void *table, uint64_t table_phys);

/**
 * vdisc_virtq_kick - publish the added requests, and notify the device unless it said not to
 * @q: the queue
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @q
 *	-VDISC_EIO, the queue is dead
 *	or the transport's queue_notify error
 */
int vdisc_virtq_kick(struct vdisc_virtq *q);

/**
 * vdisc_virtq_get - take one completed request
 * @q: the queue
 * @token: out: the request's token
 * @len: out: the bytes the device says it wrote
 *
 * returns:
 *	1, with *@token and *@len set
 *	0, when no request has completed
 *	-VDISC_EINVAL, a NULL argument
 *	-VDISC_EIO, the device misbehaved (used index jumped past what was queued, id out of
 *	range or not a chain head, length larger than the chain's writable buffers; packed:
 *	an id not in flight or not yet kicked, a used descriptor where nothing was made
 *	available, wrap counter bits that match neither the driver's nor a used
 *	descriptor): the queue is dead from then on
 */
int vdisc_virtq_get(struct vdisc_virtq *q, void **token, uint32_t *len);

/**
 * vdisc_virtq_enable_notify - ask the device to notify once it uses the next buffer
 * @q: the queue
 *
 * The driver normally polls and keeps notifications off (2.7.7, 2.7.10;
 * packed: 2.8.10, DISABLE in the driver area); a driver about to sleep turns
 * them on here (packed with EVENT_IDX: DESC, naming the next used slot and
 * lap), sleeps only on 0, and turns them off again with
 * vdisc_virtq_disable_notify() when it wakes.
 *
 * returns:
 *	0 when armed and nothing has completed yet: sleeping is safe
 *	1 when a completion is already there (no notification may come for it)
 *	-VDISC_EINVAL, a NULL @q
 *	-VDISC_EIO, the queue is dead
 */
int vdisc_virtq_enable_notify(struct vdisc_virtq *q);

/**
 * vdisc_virtq_disable_notify - back to polling: ask the device not to notify
 * @q: the queue (NULL or dead: nothing happens)
 */
void vdisc_virtq_disable_notify(struct vdisc_virtq *q);

#ifdef __cplusplus
}
#endif

#endif
