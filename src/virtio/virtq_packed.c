/* SPDX-License-Identifier: MIT */
/*
 * The packed virtqueue (virtio 1.3, 2.8), driver side.  One ring of
 * descriptors that both sides write: the driver marks a descriptor
 * available with AVAIL = its wrap counter and USED = the inverse, the
 * device marks one used with both bits equal to its own (2.8.1).  A
 * request is named by a buffer id from a driver-private free list; the
 * device writes one used descriptor per request, at the next position in
 * ring order, and skips as many slots as the request took (2.8.6).
 *
 * Everything the driver decides comes from its own state: which ids are in
 * flight and whether the device could have seen them, each id's slots and
 * writable bytes, how many slots hold requests made available and not yet
 * used.  What the device writes (the flags, id and length of a used
 * descriptor, its event suppression area) is checked against that; a
 * device caught lying kills the queue (virtq.c then answers -VDISC_EIO).
 *
 * Packed rings exist only with VERSION_1: always little-endian.
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtqueue.h>

#include "virtq_internal.h"

#define AVAIL_ (1u << VDISC_VIRTQ_PACKED_DESC_F_AVAIL)
#define USED_ (1u << VDISC_VIRTQ_PACKED_DESC_F_USED)
#define WRAP_ (1u << VDISC_VIRTQ_PACKED_EVENT_F_WRAP_CTR)
#define EVENT_FLAGS_MASK_ 0x3u /* the other 14 bits are reserved (2.8.10) */

/* An id's state, in shadow[id].flags. */
#define ID_FREE_ 0u
#define ID_BATCH_ 1u  /* added but not kicked: the device cannot have seen it yet */
#define ID_KICKED_ 2u /* made available to the device */
#define NO_ID_ 0xffffu

_Static_assert(VDISC_VIRTQ_MAX_SIZE < NO_ID_, "an id never collides with the list's end");
_Static_assert(VDISC_VIRTQ_DESC_SIZE % VDISC_VIRTQ_PACKED_EVENT_ALIGN == 0,
	       "the event areas after the ring keep their alignment");

static bool vqp_big_endian_(void)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return true;
#else
	return false;
#endif
}

static uint16_t vqp_le16_(uint16_t v)
{
	return vqp_big_endian_() ? (uint16_t)(v << 8 | v >> 8) : v;
}

static uint32_t vqp_le32_(uint32_t v)
{
	return vqp_big_endian_()
		       ? (uint32_t)vqp_le16_((uint16_t)v) << 16 | vqp_le16_((uint16_t)(v >> 16))
		       : v;
}

static uint64_t vqp_le64_(uint64_t v)
{
	return vqp_big_endian_()
		       ? (uint64_t)vqp_le32_((uint32_t)v) << 32 | vqp_le32_((uint32_t)(v >> 32))
		       : v;
}

/* Shared with the device: volatile, so every read is a fresh look at what it wrote. */
static uint16_t vqp_rd16_(const void *base, size_t off)
{
	return vqp_le16_(*(const volatile uint16_t *)((const uint8_t *)base + off));
}

static uint32_t vqp_rd32_(const void *base, size_t off)
{
	return vqp_le32_(*(const volatile uint32_t *)((const uint8_t *)base + off));
}

static void vqp_wr16_(void *base, size_t off, uint16_t v)
{
	*(volatile uint16_t *)((uint8_t *)base + off) = vqp_le16_(v);
}

static void vqp_wr32_(void *base, size_t off, uint32_t v)
{
	*(volatile uint32_t *)((uint8_t *)base + off) = vqp_le32_(v);
}

static void vqp_wr64_(void *base, size_t off, uint64_t v)
{
	*(volatile uint64_t *)((uint8_t *)base + off) = vqp_le64_(v);
}

static void vqp_mb_(const struct vdisc_virtq *q)
{
	const struct vdisc_platform *p = q->dev->platform;

	if (p->mb)
		p->mb(p->ctx);
	else
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void *vqp_slot_(const struct vdisc_virtq *q, uint16_t slot)
{
	return (uint8_t *)q->desc + (size_t)slot * VDISC_VIRTQ_DESC_SIZE;
}

size_t vdisc_virtq_layout_packed(uint16_t size, size_t *driver_off, size_t *device_off)
{
	size_t ring = (size_t)size * VDISC_VIRTQ_DESC_SIZE;

	if (size == 0 || size > VDISC_VIRTIO_QUEUE_SIZE_MAX)
		return 0;
	if (driver_off)
		*driver_off = ring;
	if (device_off)
		*device_off = ring + VDISC_VIRTQ_PACKED_EVENT_SIZE;
	return ring + 2u * VDISC_VIRTQ_PACKED_EVENT_SIZE;
}

int vdisc_virtq_packed_setup_(struct vdisc_virtq *q)
{
	const struct vdisc_platform *p = q->dev->platform;
	size_t driver_off, device_off, bytes;
	uint64_t phys = 0;
	uint8_t *mem;
	uint16_t i;

	bytes = vdisc_virtq_layout_packed(q->size, &driver_off, &device_off);
	if (bytes == 0)
		return -VDISC_EINVAL;
	if (!p->dma_alloc)
		return -VDISC_ENOTSUP;
	mem = p->dma_alloc(p->ctx, bytes, VDISC_VIRTQ_DESC_ALIGN, &phys);
	if (!mem)
		return -VDISC_ENOMEM;
	memset(mem, 0, bytes); /* 2.8.10.2: the ring starts zeroed, so nothing looks available */
	q->desc = mem;
	q->avail = mem + driver_off;
	q->used = mem + device_off;
	q->desc_phys = phys;
	q->avail_phys = phys + driver_off;
	q->used_phys = phys + device_off;
	for (i = 0; i < q->size; i++) {
		q->shadow[i].next = (uint16_t)(i + 1);
		q->shadow[i].flags = ID_FREE_;
	}
	q->free_head = 0;
	q->num_free = q->size;
	q->avail_wrap = q->used_wrap = true; /* 2.8.1: both counters start at 1 */
	q->batch_first_id = q->batch_last_id = NO_ID_;
	return 0;
}

/* ---- making buffers available (2.8.21) ------------------------------------------ */

/*
 * Slot for the next descriptor, with its AVAIL/USED bits.  Every descriptor
 * but a batch's first gets its flags at once: the device reads in ring order
 * (2.8.10.1's device requirement) and stops at the first one not yet
 * available, so the whole batch appears when the kick writes that one.
 */
static void vqp_put_(struct vdisc_virtq *q, uint64_t addr, uint32_t len, uint16_t id,
		     uint16_t flags)
{
	uint16_t slot = q->avail_idx;
	void *e = vqp_slot_(q, slot);

	flags = (uint16_t)(flags | (q->avail_wrap ? AVAIL_ : USED_));
	vqp_wr64_(e, VDISC_VIRTQ_PACKED_DESC_ADDR, addr);
	vqp_wr32_(e, VDISC_VIRTQ_PACKED_DESC_LEN, len);
	vqp_wr16_(e, VDISC_VIRTQ_PACKED_DESC_ID, id); /* 2.8.6 wants it in the last: all have it */
	if (q->batch_descs == 0) {
		q->batch_head = slot;
		q->batch_flags = flags;
	} else {
		vqp_wr16_(e, VDISC_VIRTQ_PACKED_DESC_FLAGS, flags);
	}
	q->batch_descs++;
	if (++q->avail_idx == q->size) {
		q->avail_idx = 0;
		q->avail_wrap = !q->avail_wrap;
	}
}

static uint16_t vqp_take_id_(struct vdisc_virtq *q)
{
	uint16_t id = q->free_head;

	q->free_head = q->shadow[id].next;
	return id;
}

/* Record request @id (@ndesc slots) and append it to the batch the next kick publishes. */
static void vqp_record_(struct vdisc_virtq *q, uint16_t id, uint16_t ndesc,
			const struct vdisc_sg *sg, unsigned nout, unsigned nin, void *token)
{
	q->num_free = (uint16_t)(q->num_free - ndesc);
	q->chain_len[id] = ndesc;
	q->writable[id] = vdisc_virtq_writable_(sg, nout, nin);
	q->token[id] = token;
	q->shadow[id].flags = ID_BATCH_;
	q->shadow[id].next = NO_ID_;
	if (q->batch_first_id == NO_ID_)
		q->batch_first_id = id;
	else
		q->shadow[q->batch_last_id].next = id;
	q->batch_last_id = id;
}

static uint16_t vqp_chain_flags_(const struct vdisc_sg *sg, unsigned i, unsigned n)
{
	return (uint16_t)((sg[i].device_writes ? VDISC_VIRTQ_DESC_F_WRITE : 0) |
			  (i + 1 < n ? VDISC_VIRTQ_DESC_F_NEXT : 0));
}

int vdisc_virtq_packed_add_(struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout,
			    unsigned nin, void *token)
{
	unsigned i, n = nout + nin;
	uint16_t id;

	if (n > q->num_free)
		return -VDISC_ENOMEM;
	id = vqp_take_id_(q); /* ids never run out first: each request takes a slot too */
	for (i = 0; i < n; i++)
		vqp_put_(q, sg[i].addr, sg[i].len, id, vqp_chain_flags_(sg, i, n));
	vqp_record_(q, id, (uint16_t)n, sg, nout, nin, token);
	return 0;
}

int vdisc_virtq_packed_add_indirect_(struct vdisc_virtq *q, const struct vdisc_sg *sg,
				     unsigned nout, unsigned nin, void *token, void *table,
				     uint64_t table_phys)
{
	unsigned i, n = nout + nin;
	uint16_t id;

	if (q->num_free == 0)
		return -VDISC_ENOMEM;
	/* 2.8.8: the table's entries follow each other; WRITE is their only valid flag. */
	for (i = 0; i < n; i++) {
		void *e = (uint8_t *)table + (size_t)i * VDISC_VIRTQ_DESC_SIZE;

		vqp_wr64_(e, VDISC_VIRTQ_PACKED_DESC_ADDR, sg[i].addr);
		vqp_wr32_(e, VDISC_VIRTQ_PACKED_DESC_LEN, sg[i].len);
		vqp_wr16_(e, VDISC_VIRTQ_PACKED_DESC_ID, 0);
		vqp_wr16_(e, VDISC_VIRTQ_PACKED_DESC_FLAGS,
			  sg[i].device_writes ? VDISC_VIRTQ_DESC_F_WRITE : 0);
	}
	id = vqp_take_id_(q);
	vqp_put_(q, table_phys, (uint32_t)(n * VDISC_VIRTQ_DESC_SIZE), id,
		 VDISC_VIRTQ_DESC_F_INDIRECT);
	vqp_record_(q, id, 1, sg, nout, nin, token);
	return 0;
}

/*
 * 2.8.10: does the device want to hear of slots [old, avail_idx)?  With
 * EVENT_IDX and DESC, it names one slot and lap; a lap other than the
 * driver's current one is the previous, so the slot counts size lower.
 */
static bool vqp_device_wants_(const struct vdisc_virtq *q, uint16_t added)
{
	uint32_t ev = vqp_rd32_(q->used, VDISC_VIRTQ_PACKED_EVENT_OFF_WRAP); /* one snapshot */
	uint16_t off_wrap = (uint16_t)ev, flags = (uint16_t)(ev >> 16) & EVENT_FLAGS_MASK_;
	uint16_t event, now = q->avail_idx;

	if (!q->event_idx || flags != VDISC_VIRTQ_PACKED_EVENT_FLAG_DESC)
		return flags != VDISC_VIRTQ_PACKED_EVENT_FLAG_DISABLE;
	event = (uint16_t)(off_wrap & (WRAP_ - 1u));
	if (((off_wrap & WRAP_) != 0) != q->avail_wrap)
		event = (uint16_t)(event - q->size);
	return (uint16_t)(now - event - 1u) < added;
}

int vdisc_virtq_packed_kick_(struct vdisc_virtq *q)
{
	uint16_t added = q->batch_descs, id = q->batch_first_id, i;

	if (added == 0)
		return 0;
	vqp_mb_(q); /* the batch's descriptors before the flags that make them available */
	vqp_wr16_(vqp_slot_(q, q->batch_head), VDISC_VIRTQ_PACKED_DESC_FLAGS, q->batch_flags);
	for (i = 0; id != NO_ID_ && i < q->size; i++) {
		q->shadow[id].flags = ID_KICKED_;
		id = q->shadow[id].next;
	}
	q->batch_descs = 0;
	q->batch_first_id = q->batch_last_id = NO_ID_;
	vqp_mb_(q); /* the flags before reading the device's suppression state */
	if (!vqp_device_wants_(q, added))
		return 0;
	return q->dev->ops->queue_notify(q->dev, q->index);
}

/* ---- taking used buffers (2.8.22) ------------------------------------------------ */

static int vqp_dead_(struct vdisc_virtq *q)
{
	q->num_free = VDISC_VIRTQ_DEAD_;
	return -VDISC_EIO;
}

/*
 * Is the descriptor at last_used_idx used?  1 yes, 0 not yet, -VDISC_EIO a
 * lie.  The slots from last_used_idx on that the device may touch are the
 * ones kicked and not yet used; the driver wrote each with AVAIL = its wrap
 * counter in this lap, which is used_wrap.  With none such, the slot holds
 * the lap before's flags (AVAIL = !used_wrap) or the batch's first, not yet
 * written: AVAIL = used_wrap there is the device marking a slot it was
 * never given.
 */
static int vqp_peek_(const struct vdisc_virtq *q, uint16_t *flags)
{
	uint16_t kicked = (uint16_t)(q->size - q->num_free - q->batch_descs);
	bool avail, used;

	*flags = vqp_rd16_(vqp_slot_(q, q->last_used_idx), VDISC_VIRTQ_PACKED_DESC_FLAGS);
	avail = (*flags & AVAIL_) != 0;
	used = (*flags & USED_) != 0;
	if (kicked == 0)
		return avail == q->used_wrap ? -VDISC_EIO : 0;
	if (avail != q->used_wrap)
		return -VDISC_EIO; /* the device wrote a wrap counter that is neither ours nor its
				    */
	return used == q->used_wrap;
}

/* Request @id is back: its slots and id are free, and the next used one is past its slots. */
static void vqp_release_id_(struct vdisc_virtq *q, uint16_t id)
{
	uint32_t next = (uint32_t)q->last_used_idx + q->chain_len[id];

	if (next >= q->size) {
		next -= q->size;
		q->used_wrap = !q->used_wrap;
	}
	q->last_used_idx = (uint16_t)next;
	q->num_free = (uint16_t)(q->num_free + q->chain_len[id]);
	q->chain_len[id] = 0;
	q->writable[id] = 0;
	q->token[id] = NULL;
	q->shadow[id].flags = ID_FREE_;
	q->shadow[id].next = q->free_head;
	q->free_head = id;
}

int vdisc_virtq_packed_get_(struct vdisc_virtq *q, void **token, uint32_t *len)
{
	uint16_t flags, id;
	uint32_t used_len = 0;
	const void *e;
	int r = vqp_peek_(q, &flags);

	if (r <= 0)
		return r < 0 ? vqp_dead_(q) : 0;
	vqp_mb_(q); /* the flags before the id and length they cover */
	e = vqp_slot_(q, q->last_used_idx);
	id = vqp_rd16_(e, VDISC_VIRTQ_PACKED_DESC_ID);
	/* 2.8.4: without WRITE the device wrote nothing, and the length is to be ignored. */
	if (flags & VDISC_VIRTQ_DESC_F_WRITE)
		used_len = vqp_rd32_(e, VDISC_VIRTQ_PACKED_DESC_LEN);
	if (id >= q->size || q->shadow[id].flags != ID_KICKED_ || used_len > q->writable[id])
		return vqp_dead_(q);
	*token = q->token[id];
	*len = used_len;
	vqp_release_id_(q, id);
	return 1;
}

/* ---- used buffer notifications (2.8.10, 2.8.22) --------------------------------- */

void vdisc_virtq_packed_disable_notify_(struct vdisc_virtq *q)
{
	vqp_wr16_(q->avail, VDISC_VIRTQ_PACKED_EVENT_FLAGS, VDISC_VIRTQ_PACKED_EVENT_FLAG_DISABLE);
}

int vdisc_virtq_packed_enable_notify_(struct vdisc_virtq *q)
{
	uint16_t flags;
	int r;

	if (q->event_idx) {
		/* Notify when the next used descriptor lands: at last_used_idx, in this lap. */
		vqp_wr16_(q->avail, VDISC_VIRTQ_PACKED_EVENT_OFF_WRAP,
			  (uint16_t)(q->last_used_idx | (q->used_wrap ? WRAP_ : 0u)));
		vqp_mb_(q); /* the position before the flags that make the device look at it */
		vqp_wr16_(q->avail, VDISC_VIRTQ_PACKED_EVENT_FLAGS,
			  VDISC_VIRTQ_PACKED_EVENT_FLAG_DESC);
	} else {
		vqp_wr16_(q->avail, VDISC_VIRTQ_PACKED_EVENT_FLAGS,
			  VDISC_VIRTQ_PACKED_EVENT_FLAG_ENABLE);
	}
	vqp_mb_(q); /* the request before the look that decides whether to sleep */
	r = vqp_peek_(q, &flags);
	return r < 0 ? vqp_dead_(q) : r;
}
