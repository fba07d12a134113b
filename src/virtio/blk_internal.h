/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_BLK_INTERNAL_H
#define VDISC_VIRTIO_BLK_INTERNAL_H

/*
 * What blk.c (set-up, configuration, release), blk_async.c (requests),
 * blk_irq.c (interrupt-driven completion) and blk_sync.c (the synchronous
 * calls) share: the layout of a request slot, and the hand-over of completions.
 */
#include <vdisc/virtio_blk.h>

#define VDISC_BLK_MAX_SEGS_ 16u /* data segments per request (the slot's indirect table) */

/* One request's DMA memory: header, discard/write-zeroes segment, id, status, and the
 * indirect table (header + segments + status descriptors) when INDIRECT_DESC is in use. */
#define VDISC_BLK_SLOT_ 384u
#define VDISC_BLK_SLOT_HDR_ 0u
#define VDISC_BLK_SLOT_SEG_ 16u
#define VDISC_BLK_SLOT_ID_ 32u
#define VDISC_BLK_SLOT_STATUS_ 56u
#define VDISC_BLK_SLOT_TABLE_ 64u
_Static_assert(VDISC_BLK_SLOT_TABLE_ + VDISC_VIRTQ_INDIRECT_BYTES(VDISC_BLK_MAX_SEGS_ + 2) <=
		       VDISC_BLK_SLOT_,
	       "the indirect table fits in a slot");
_Static_assert(VDISC_BLK_SLOT_ % VDISC_VIRTQ_DESC_ALIGN == 0, "every slot's table is aligned");

/* A status no device sends: "the device never wrote it" (the preset, 5.2.6). */
#define VDISC_BLK_STATUS_PRESET_ 0xffu

/* Free every queue's rings and slots (in reverse order of allocation); no device access. */
void vdisc_blk_free_queues_(struct vdisc_blk *blk);

/* Completion of the request in the slot whose memory is @token: its status, result and
 * GET_ID answer set, and its complete hook called.  The slot stays taken. */
struct vdisc_blk_req *vdisc_blk_finish_(struct vdisc_blk_queue *q, void *token);

/* Keep this CPU's interrupt handler out (the platform's irq_save; 0 without one). */
unsigned long vdisc_blk_irq_save_(const struct vdisc_blk *blk);
void vdisc_blk_irq_restore_(const struct vdisc_blk *blk, unsigned long flags);

#endif
