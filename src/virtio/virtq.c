/* SPDX-License-Identifier: MIT */
/*
 * The split virtqueue (virtio 1.3, 2.7), driver side, and the public calls,
 * which hand a packed queue (2.8) to virtq_packed.c once the arguments and
 * the queue's life are checked.  The rings live in
 * DMA memory the device can write; everything the driver needs to make a
 * decision (chain shape, lengths, which heads are in flight) is kept in
 * the driver-private shadow and never read back from the rings.  What the
 * device writes (used->idx, used elements, flags, avail_event) is checked
 * before use; a device caught lying kills the queue.
 *
 * Modern rings are little-endian (2.7.1); legacy rings are in the guest's
 * native order (2.7 "legacy interfaces").
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtqueue.h>

#include "virtq_internal.h"

#define RING_ALIGN_ 4096u /* one allocation: page-aligned serves modern and legacy alike */

#define DEAD_ VDISC_VIRTQ_DEAD_

static bool virtq_legacy_(const struct vdisc_virtq *q)
{
	return q->dev->ops->legacy;
}

static bool virtq_big_endian_(void)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return true;
#else
	return false;
#endif
}

/* Ring fields: native for legacy, little-endian for modern; volatile as the device shares them. */
static uint16_t virtq_swap16_(uint16_t v)
{
	return (uint16_t)(v << 8 | v >> 8);
}

static uint32_t virtq_swap32_(uint32_t v)
{
	return (uint32_t)virtq_swap16_((uint16_t)v) << 16 | virtq_swap16_((uint16_t)(v >> 16));
}

static uint64_t virtq_swap64_(uint64_t v)
{
	return (uint64_t)virtq_swap32_((uint32_t)v) << 32 | virtq_swap32_((uint32_t)(v >> 32));
}

static bool virtq_swap_(const struct vdisc_virtq *q)
{
	return !virtq_legacy_(q) && virtq_big_endian_();
}

static uint16_t virtq_rd16_(const struct vdisc_virtq *q, const void *base, size_t off)
{
	uint16_t v = *(const volatile uint16_t *)((const uint8_t *)base + off);

	return virtq_swap_(q) ? virtq_swap16_(v) : v;
}

static uint32_t virtq_rd32_(const struct vdisc_virtq *q, const void *base, size_t off)
{
	uint32_t v = *(const volatile uint32_t *)((const uint8_t *)base + off);

	return virtq_swap_(q) ? virtq_swap32_(v) : v;
}

static void virtq_wr16_(const struct vdisc_virtq *q, void *base, size_t off, uint16_t v)
{
	*(volatile uint16_t *)((uint8_t *)base + off) = virtq_swap_(q) ? virtq_swap16_(v) : v;
}

static void virtq_wr32_(const struct vdisc_virtq *q, void *base, size_t off, uint32_t v)
{
	*(volatile uint32_t *)((uint8_t *)base + off) = virtq_swap_(q) ? virtq_swap32_(v) : v;
}

static void virtq_wr64_(const struct vdisc_virtq *q, void *base, size_t off, uint64_t v)
{
	*(volatile uint64_t *)((uint8_t *)base + off) = virtq_swap_(q) ? virtq_swap64_(v) : v;
}

static void virtq_mb_(const struct vdisc_virtq *q)
{
	const struct vdisc_platform *p = q->dev->platform;

	if (p->mb)
		p->mb(p->ctx);
	else
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static size_t virtq_align_up_(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

size_t vdisc_virtq_layout(uint16_t size, bool legacy, uint32_t legacy_align, size_t *avail_off,
			  size_t *used_off)
{
	size_t desc_bytes = (size_t)size * VDISC_VIRTQ_DESC_SIZE;
	size_t avail_end = desc_bytes + VDISC_VIRTQ_RING_HDR + 2u * size + 2u; /* + used_event */
	size_t used;

	if (size == 0 || size > VDISC_VIRTIO_QUEUE_SIZE_MAX)
		return 0;
	if (legacy) {
		/* 2.7 legacy: avail right after desc, used at the next legacy_align boundary. */
		if (legacy_align < 4 || (legacy_align & (legacy_align - 1)))
			return 0;
		used = virtq_align_up_(avail_end, legacy_align);
	} else {
		used = virtq_align_up_(avail_end, VDISC_VIRTQ_USED_ALIGN);
	}
	if (avail_off)
		*avail_off = desc_bytes;
	if (used_off)
		*used_off = used;
	return used + VDISC_VIRTQ_RING_HDR + (size_t)VDISC_VIRTQ_USED_ELEM_SIZE * size +
	       2u; /* + avail_event */
}

static size_t virtq_used_event_off_(const struct vdisc_virtq *q)
{
	return VDISC_VIRTQ_RING_HDR + 2u * q->size;
}

static size_t virtq_avail_event_off_(const struct vdisc_virtq *q)
{
	return VDISC_VIRTQ_RING_HDR + (size_t)VDISC_VIRTQ_USED_ELEM_SIZE * q->size;
}

static size_t virtq_ring_bytes_(const struct vdisc_virtq *q)
{
	const struct vdisc_virtio_transport_ops *ops = q->dev->ops;

	if (q->packed)
		return vdisc_virtq_layout_packed(q->size, NULL, NULL);
	return vdisc_virtq_layout(q->size, ops->legacy, ops->legacy_align, NULL, NULL);
}

static uint16_t virtq_pick_size_(uint16_t max, uint16_t limit)
{
	uint16_t size = 1;

	if (max > limit)
		max = limit;
	while ((uint32_t)size * 2 <= max)
		size = (uint16_t)(size * 2);
	return size;
}

static int virtq_alloc_rings_(struct vdisc_virtq *q)
{
	const struct vdisc_platform *p = q->dev->platform;
	const struct vdisc_virtio_transport_ops *ops = q->dev->ops;
	size_t avail_off, used_off, bytes;
	uint64_t phys = 0;
	uint8_t *mem;

	bytes = vdisc_virtq_layout(q->size, ops->legacy, ops->legacy_align, &avail_off, &used_off);
	if (bytes == 0)
		return -VDISC_EINVAL;
	if (!p->dma_alloc)
		return -VDISC_ENOTSUP;
	mem = p->dma_alloc(p->ctx, bytes, RING_ALIGN_, &phys);
	if (!mem)
		return -VDISC_ENOMEM;
	memset(mem, 0, bytes);
	q->desc = mem;
	q->avail = mem + avail_off;
	q->used = mem + used_off;
	q->desc_phys = phys;
	q->avail_phys = phys + avail_off;
	q->used_phys = phys + used_off;
	return 0;
}

static int virtq_split_setup_(struct vdisc_virtq *q)
{
	uint16_t i;
	int err = virtq_alloc_rings_(q);

	if (err < 0)
		return err;
	for (i = 0; i < q->size; i++)
		q->shadow[i].next = (uint16_t)(i + 1);
	q->free_head = 0;
	q->num_free = q->size;
	return 0;
}

int vdisc_virtq_init(struct vdisc_virtq *q, struct vdisc_virtio_dev *dev, uint16_t index,
		     uint16_t max_size)
{
	uint16_t max = 0;
	int err;

	if (!q || !dev || !dev->ops || !dev->platform)
		return -VDISC_EINVAL;
	memset(q, 0, sizeof(*q));
	q->dev = dev;
	q->index = index;
	q->num_free = DEAD_;
	err = dev->ops->queue_max(dev, index, &max);
	if (err < 0)
		return err;
	if (max == 0)
		return -VDISC_ENOTFOUND;
	if (max_size == 0 || max_size > VDISC_VIRTQ_MAX_SIZE)
		max_size = VDISC_VIRTQ_MAX_SIZE;
	q->packed = vdisc_virtio_has(&dev->accepted, VDISC_VIRTIO_F_RING_PACKED);
	if (q->packed && dev->ops->legacy)
		return -VDISC_ENOTSUP; /* 2.8 needs VERSION_1: a legacy device has no packed rings
					*/
	if (dev->ops->fixed_queue_size) {
		/* Legacy PCI's queue size is read-only: the ring must be exactly what it says. */
		if (max > max_size || (max & (max - 1)))
			return -VDISC_ENOTSUP;
		q->size = max;
	} else {
		q->size = virtq_pick_size_(max, max_size); /* 2.7: a power of 2 */
	}
	err = q->packed ? vdisc_virtq_packed_setup_(q) : virtq_split_setup_(q);
	if (err < 0)
		return err;
	q->event_idx = vdisc_virtio_has(&dev->accepted, VDISC_VIRTIO_F_EVENT_IDX);
	q->indirect = vdisc_virtio_has(&dev->accepted, VDISC_VIRTIO_F_INDIRECT_DESC);
	vdisc_virtq_disable_notify(q);
	err = dev->ops->queue_setup(dev, index, q->size, q->desc_phys, q->avail_phys, q->used_phys);
	if (err < 0) {
		vdisc_virtq_release(q);
		return err;
	}
	return 0;
}

void vdisc_virtq_release(struct vdisc_virtq *q)
{
	const struct vdisc_platform *p;

	if (!q || !q->dev || !q->desc)
		return;
	p = q->dev->platform;
	if (q->dev->ops->queue_disable)
		(void)q->dev->ops->queue_disable(q->dev, q->index);
	if (p->dma_free)
		p->dma_free(p->ctx, q->desc, virtq_ring_bytes_(q));
	q->desc = q->avail = q->used = NULL;
	q->num_free = DEAD_;
}

static int virtq_check_sg_(const struct vdisc_sg *sg, unsigned nout, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (sg[i].len == 0 || sg[i].device_writes != (i >= nout))
			return -VDISC_EINVAL;
	return 0;
}

/* One descriptor (2.7.5) at @e, in the ring or an indirect table. */
static void virtq_write_desc_(const struct vdisc_virtq *q, void *e, uint64_t addr, uint32_t len,
			      uint16_t flags, uint16_t next)
{
	virtq_wr64_(q, e, 0, addr);
	virtq_wr32_(q, e, 8, len);
	virtq_wr16_(q, e, 12, flags);
	virtq_wr16_(q, e, 14, next);
}

/* Ring descriptor @d, and the driver's shadow of it (whose next is the free list's link). */
static void virtq_set_ring_desc_(struct vdisc_virtq *q, uint16_t d, uint64_t addr, uint32_t len,
				 uint16_t flags, uint16_t next)
{
	q->shadow[d].addr = addr;
	q->shadow[d].len = len;
	q->shadow[d].flags = flags;
	virtq_write_desc_(q, (uint8_t *)q->desc + (size_t)d * VDISC_VIRTQ_DESC_SIZE, addr, len,
			  flags, next);
}

/* Buffer @i of a chain of @n: device-writable or not, and linked to the next unless last. */
static uint16_t virtq_chain_flags_(const struct vdisc_sg *sg, unsigned i, unsigned n)
{
	return (uint16_t)((sg[i].device_writes ? VDISC_VIRTQ_DESC_F_WRITE : 0) |
			  (i + 1 < n ? VDISC_VIRTQ_DESC_F_NEXT : 0));
}

static int virtq_check_add_(const struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout,
			    unsigned nin)
{
	if (!q || !sg || nout + nin == 0 || nout > VDISC_VIRTQ_MAX_SIZE ||
	    nin > VDISC_VIRTQ_MAX_SIZE)
		return -VDISC_EINVAL;
	if (q->num_free == DEAD_ || !q->desc)
		return -VDISC_EIO;
	return virtq_check_sg_(sg, nout, nout + nin);
}

/* Record chain @head (@ndesc ring descriptors) and put it in the avail ring. */
uint32_t vdisc_virtq_writable_(const struct vdisc_sg *sg, unsigned nout, unsigned nin)
{
	uint64_t writable = 0;
	unsigned i;

	for (i = nout; i < nout + nin; i++)
		writable += sg[i].len;
	return writable > UINT32_MAX ? UINT32_MAX : (uint32_t)writable;
}

static void virtq_publish_(struct vdisc_virtq *q, uint16_t head, uint16_t ndesc,
			   const struct vdisc_sg *sg, unsigned nout, unsigned nin, void *token)
{
	q->num_free = (uint16_t)(q->num_free - ndesc);
	q->chain_len[head] = ndesc;
	q->writable[head] = vdisc_virtq_writable_(sg, nout, nin);
	q->token[head] = token;
	virtq_wr16_(q, q->avail, VDISC_VIRTQ_RING_HDR + 2u * (q->avail_idx & (q->size - 1u)), head);
	q->avail_idx++;
}

int vdisc_virtq_add(struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout, unsigned nin,
		    void *token)
{
	unsigned i, n = nout + nin;
	uint16_t head, d, last = 0;
	int err;

	err = virtq_check_add_(q, sg, nout, nin);
	if (err < 0)
		return err;
	if (q->packed)
		return vdisc_virtq_packed_add_(q, sg, nout, nin, token);
	if (n > q->num_free)
		return -VDISC_ENOMEM;
	head = d = q->free_head;
	for (i = 0; i < n; i++) {
		/* The free list links through shadow.next, so a chain is already linked. */
		virtq_set_ring_desc_(q, d, sg[i].addr, sg[i].len, virtq_chain_flags_(sg, i, n),
				     q->shadow[d].next);
		last = d;
		d = q->shadow[d].next;
	}
	q->free_head = q->shadow[last].next;
	virtq_publish_(q, head, (uint16_t)n, sg, nout, nin, token);
	return 0;
}

int vdisc_virtq_add_indirect(struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout,
			     unsigned nin, void *token, void *table, uint64_t table_phys)
{
	unsigned i, n = nout + nin;
	uint16_t head;
	int err;

	err = virtq_check_add_(q, sg, nout, nin);
	if (err < 0)
		return err;
	if (!q->indirect)
		return -VDISC_ENOTSUP;
	/* 2.7.5.3.1: the whole chain, table entries included, within the queue size. */
	if (!table || ((uintptr_t)table % VDISC_VIRTQ_DESC_ALIGN) ||
	    (table_phys % VDISC_VIRTQ_DESC_ALIGN) || n > q->size)
		return -VDISC_EINVAL;
	if (q->packed)
		return vdisc_virtq_packed_add_indirect_(q, sg, nout, nin, token, table, table_phys);
	if (q->num_free == 0)
		return -VDISC_ENOMEM;
	for (i = 0; i < n; i++)
		virtq_write_desc_(q, (uint8_t *)table + (size_t)i * VDISC_VIRTQ_DESC_SIZE,
				  sg[i].addr, sg[i].len, virtq_chain_flags_(sg, i, n),
				  (uint16_t)(i + 1 < n ? i + 1 : 0));
	/* One ring descriptor points at the table: INDIRECT, never with NEXT (2.7.5.3.1). */
	head = q->free_head;
	virtq_set_ring_desc_(q, head, table_phys, (uint32_t)(n * VDISC_VIRTQ_DESC_SIZE),
			     VDISC_VIRTQ_DESC_F_INDIRECT, 0);
	q->free_head = q->shadow[head].next;
	virtq_publish_(q, head, 1, sg, nout, nin, token);
	return 0;
}

/* 2.7.10: notify if the device's avail_event lies in (old, new]. */
static bool virtq_need_event_(uint16_t event, uint16_t new_idx, uint16_t old)
{
	return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old);
}

int vdisc_virtq_kick(struct vdisc_virtq *q)
{
	uint16_t old;
	bool notify;

	if (!q)
		return -VDISC_EINVAL;
	if (q->num_free == DEAD_ || !q->desc)
		return -VDISC_EIO;
	if (q->packed)
		return vdisc_virtq_packed_kick_(q);
	old = virtq_rd16_(q, q->avail, 2);
	if (old == q->avail_idx)
		return 0;
	virtq_mb_(q); /* descriptors and ring entries before the index that publishes them */
	virtq_wr16_(q, q->avail, 2, q->avail_idx);
	virtq_mb_(q); /* the index before reading the device's suppression state */
	if (q->event_idx)
		notify = virtq_need_event_(virtq_rd16_(q, q->used, virtq_avail_event_off_(q)),
					   q->avail_idx, old);
	else
		notify = !(virtq_rd16_(q, q->used, 0) & VDISC_VIRTQ_USED_F_NO_NOTIFY);
	if (!notify)
		return 0;
	return q->dev->ops->queue_notify(q->dev, q->index);
}

static int virtq_dead_(struct vdisc_virtq *q)
{
	q->num_free = DEAD_;
	return -VDISC_EIO;
}

static void virtq_free_chain_(struct vdisc_virtq *q, uint16_t head)
{
	uint16_t d = head, i, n = q->chain_len[head];

	for (i = 1; i < n; i++)
		d = q->shadow[d].next;
	q->shadow[d].next = q->free_head;
	q->free_head = head;
	q->num_free = (uint16_t)(q->num_free + n);
	q->chain_len[head] = 0;
	q->writable[head] = 0;
	q->token[head] = NULL;
}

int vdisc_virtq_get(struct vdisc_virtq *q, void **token, uint32_t *len)
{
	uint16_t used_idx, pending, in_flight;
	uint32_t id, used_len;
	size_t off;

	if (!q || !token || !len)
		return -VDISC_EINVAL;
	if (q->num_free == DEAD_ || !q->desc)
		return -VDISC_EIO;
	if (q->packed)
		return vdisc_virtq_packed_get_(q, token, len);
	used_idx = virtq_rd16_(q, q->used, 2);
	virtq_mb_(q); /* the index before the element it covers */
	pending = (uint16_t)(used_idx - q->last_used_idx);
	if (pending == 0)
		return 0;
	in_flight = (uint16_t)(q->avail_idx - q->last_used_idx);
	if (pending > in_flight)
		return virtq_dead_(q);
	off = VDISC_VIRTQ_RING_HDR +
	      (size_t)VDISC_VIRTQ_USED_ELEM_SIZE * (q->last_used_idx & (q->size - 1u));
	id = virtq_rd32_(q, q->used, off);
	used_len = virtq_rd32_(q, q->used, off + 4);
	if (id >= q->size || q->chain_len[id] == 0)
		return virtq_dead_(q);
	if (used_len > q->writable[id])
		return virtq_dead_(q);
	*token = q->token[id];
	*len = used_len;
	virtq_free_chain_(q, (uint16_t)id);
	q->last_used_idx++;
	return 1;
}

void vdisc_virtq_disable_notify(struct vdisc_virtq *q)
{
	if (!q || q->num_free == DEAD_ || !q->desc)
		return;
	if (q->packed) {
		vdisc_virtq_packed_disable_notify_(q);
		return;
	}
	/*
	 * The driver polls; it wants no notification (2.7.7).  With EVENT_IDX the flags must
	 * stay 0 and used_event asks instead: one just behind the next completion is crossed
	 * only after 65535 more.
	 */
	if (q->event_idx)
		virtq_wr16_(q, q->avail, virtq_used_event_off_(q),
			    (uint16_t)(q->last_used_idx - 1u));
	else
		virtq_wr16_(q, q->avail, 0, VDISC_VIRTQ_AVAIL_F_NO_INTERRUPT);
}

int vdisc_virtq_enable_notify(struct vdisc_virtq *q)
{
	if (!q)
		return -VDISC_EINVAL;
	if (q->num_free == DEAD_ || !q->desc)
		return -VDISC_EIO;
	if (q->packed)
		return vdisc_virtq_packed_enable_notify_(q);
	/* 2.7.10: notify when the used index passes last_used_idx, i.e. on the next one. */
	if (q->event_idx)
		virtq_wr16_(q, q->avail, virtq_used_event_off_(q), q->last_used_idx);
	else
		virtq_wr16_(q, q->avail, 0, 0);
	virtq_mb_(q); /* the request before the look that decides whether to sleep */
	return virtq_rd16_(q, q->used, 2) != q->last_used_idx;
}
