/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_VIRTQ_INTERNAL_H
#define VDISC_VIRTIO_VIRTQ_INTERNAL_H

/*
 * What virtq.c (the public calls, and the split ring) and virtq_packed.c
 * (the packed ring, 2.8) share.  virtq.c checks the arguments and the
 * queue's life, then hands a packed queue to the calls below.
 */
#include <vdisc/virtqueue.h>

/* num_free of a queue whose device misbehaved: nothing more goes in or out. */
#define VDISC_VIRTQ_DEAD_ 0xffffu

/* The bytes the device may write into a request's @nin buffers (after @nout), capped. */
uint32_t vdisc_virtq_writable_(const struct vdisc_sg *sg, unsigned nout, unsigned nin);

/* Rings in DMA memory and the driver's state for packed queue @q (size chosen). */
int vdisc_virtq_packed_setup_(struct vdisc_virtq *q);
int vdisc_virtq_packed_add_(struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout,
			    unsigned nin, void *token);
int vdisc_virtq_packed_add_indirect_(struct vdisc_virtq *q, const struct vdisc_sg *sg,
				     unsigned nout, unsigned nin, void *token, void *table,
				     uint64_t table_phys);
int vdisc_virtq_packed_kick_(struct vdisc_virtq *q);
int vdisc_virtq_packed_get_(struct vdisc_virtq *q, void **token, uint32_t *len);
int vdisc_virtq_packed_enable_notify_(struct vdisc_virtq *q);
void vdisc_virtq_packed_disable_notify_(struct vdisc_virtq *q);

#endif
