/* SPDX-License-Identifier: MIT */
/* A software virtio-blk device for the driver tests: see sw_blk.h. */
#include "sw_blk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AVAIL_F_NO_INTERRUPT 1u
#define ISR_QUEUE 1u
#define ISR_CONFIG 2u
#define DESC_F_NEXT 1u
#define DESC_F_WRITE 2u
#define DESC_F_INDIRECT 4u
#define USED_F_NO_NOTIFY 1u
#define P_AVAIL 0x80u /* packed ring flags (2.8.1) and event suppression (2.8.10) */
#define P_USED 0x8000u
#define P_EV_ENABLE 0u
#define P_EV_DISABLE 1u
#define P_EV_DESC 2u
#define P_WRAP 0x8000u

#define T_IN 0u
#define T_OUT 1u
#define T_FLUSH 4u
#define T_GET_ID 8u
#define T_DISCARD 11u
#define T_WRITE_ZEROES 13u
#define S_OK 0u
#define S_IOERR 1u
#define S_UNSUPP 2u

/* ---- little helpers --------------------------------------------------------- */

static void bad(struct sw_blk *sw, const char *why)
{
	sw->bad++;
	if (!sw->bad_why)
		sw->bad_why = why;
}

static bool fails(struct sw_blk *sw, enum sw_op op)
{
	if (sw->fail_op != op)
		return false;
	if (sw->fail_op_after) {
		sw->fail_op_after--;
		return false;
	}
	return true;
}

/* Ring fields: little-endian for modern devices, native for legacy ones. */
static uint64_t get_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void put_le(uint8_t *p, unsigned n, uint64_t v)
{
	unsigned i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t rd(const struct sw_blk *sw, const uint8_t *p, unsigned n)
{
	if (sw->legacy) {
		uint16_t v16;
		uint32_t v32;
		uint64_t v64;

		switch (n) {
		case 2:
			memcpy(&v16, p, 2);
			return v16;
		case 4:
			memcpy(&v32, p, 4);
			return v32;
		default:
			memcpy(&v64, p, 8);
			return v64;
		}
	}
	return get_le(p, n);
}

static void wr(const struct sw_blk *sw, uint8_t *p, unsigned n, uint64_t v)
{
	if (sw->legacy) {
		uint16_t v16 = (uint16_t)v;
		uint32_t v32 = (uint32_t)v;

		if (n == 2)
			memcpy(p, &v16, 2);
		else if (n == 4)
			memcpy(p, &v32, 4);
		else
			memcpy(p, &v, 8);
		return;
	}
	put_le(p, n, v);
}

static bool accepted(const struct sw_blk *sw, unsigned bit)
{
	return vdisc_virtio_has(&sw->accepted, bit);
}

/* ---- queues ------------------------------------------------------------------ */

static unsigned nqueues(const struct sw_blk *sw)
{
	return sw->nqueues > 1 ? sw->nqueues : 1u;
}

/* Every per-queue field, copied whole (arrays too) between the live queue and a parked one. */
/* clang-format off */
#define SW_QSTATE_FIELDS_(X)                                                             \
	X(qsize) X(last_avail) X(used_idx) X(q_ready) X(desc) X(avail) X(used) X(held)   \
	X(nheld) X(p_avail) X(p_used) X(p_avail_wrap) X(p_used_wrap) X(p_copy)           \
	X(p_ncopy) X(p_first) X(p_ndesc)
/* clang-format on */
#define SW_QSTATE_COPY_(f) memcpy(&dst->f, &src->f, sizeof(dst->f));

static void park(const struct sw_blk *src, struct sw_qstate *dst)
{
	SW_QSTATE_FIELDS_(SW_QSTATE_COPY_)
}

static void unpark(struct sw_blk *dst, const struct sw_qstate *src)
{
	SW_QSTATE_FIELDS_(SW_QSTATE_COPY_)
}

void sw_blk_select(struct sw_blk *sw, uint16_t q)
{
	if (q == sw->cur || q >= SW_BLK_MAX_QUEUES)
		return;
	park(sw, &sw->parked[sw->cur]);
	unpark(sw, &sw->parked[q]);
	sw->cur = q;
}

/* One request on the first queue that has one (the device's scheduler); false: none. */
static bool complete_any(struct sw_blk *sw)
{
	unsigned i, from = sw->cur;

	for (i = 0; i < nqueues(sw); i++) {
		sw_blk_select(sw, (uint16_t)((from + i) % nqueues(sw)));
		if (!sw->q_ready)
			continue;
		sw_blk_take(sw);
		if (sw_blk_complete_one(sw))
			return true;
	}
	return false;
}

/* ---- the transport ---------------------------------------------------------- */

static void reset(struct sw_blk *sw)
{
	unsigned i;

	sw->resets++;
	if (sw->stuck_reset)
		return;
	sw->status = 0;
	memset(&sw->accepted, 0, sizeof(sw->accepted));
	for (i = nqueues(sw); i-- > 0;) {
		sw_blk_select(sw, (uint16_t)i);
		sw->q_ready = false;
		sw->desc = sw->avail = sw->used = NULL;
		sw->last_avail = sw->used_idx = 0;
		sw->nheld = 0;
		sw->p_ncopy = 0;
	}
	sw->packed = false;
}

static int op_get_status(struct vdisc_virtio_dev *dev, uint8_t *status)
{
	struct sw_blk *sw = dev->transport;

	if (fails(sw, SW_OP_GET_STATUS))
		return -VDISC_EIO;
	*status = sw->status;
	return 0;
}

static int op_set_status(struct vdisc_virtio_dev *dev, uint8_t status)
{
	struct sw_blk *sw = dev->transport;

	if (fails(sw, SW_OP_SET_STATUS) &&
	    (!sw->fail_set_status_bits || (status & sw->fail_set_status_bits & ~sw->status)))
		return -VDISC_EIO;
	if (status == 0) {
		reset(sw);
		return 0;
	}
	if (status & SW_S_FAILED)
		sw->saw_failed = true;
	if ((status & sw->status) != sw->status)
		bad(sw, "status bits cleared without a reset");
	if ((status & SW_S_FEATURES_OK) && !(sw->status & SW_S_FEATURES_OK)) {
		if (sw->legacy)
			bad(sw, "FEATURES_OK on a legacy device");
		if (sw->refuse_features_ok || !accepted(sw, SW_F_VERSION_1))
			status &= (uint8_t)~SW_S_FEATURES_OK;
	}
	if ((status & SW_S_DRIVER_OK) && !sw->legacy && !(sw->status & SW_S_FEATURES_OK))
		bad(sw, "DRIVER_OK without FEATURES_OK");
	sw->status = status;
	return 0;
}

static int op_get_features(struct vdisc_virtio_dev *dev, struct vdisc_virtio_features *f)
{
	struct sw_blk *sw = dev->transport;

	if (fails(sw, SW_OP_GET_FEATURES))
		return -VDISC_EIO;
	*f = sw->offered;
	f->nwords = sw->legacy ? 1 : 2;
	return 0;
}

static int op_set_features(struct vdisc_virtio_dev *dev, const struct vdisc_virtio_features *f)
{
	struct sw_blk *sw = dev->transport;
	unsigned i;

	if (fails(sw, SW_OP_SET_FEATURES))
		return -VDISC_EIO;
	if (!(sw->status & SW_S_DRIVER) || (sw->status & SW_S_FEATURES_OK))
		bad(sw, "features written outside negotiation");
	memset(&sw->accepted, 0, sizeof(sw->accepted));
	for (i = 0; i < f->nwords && i < VDISC_VIRTIO_FEATURE_WORDS; i++) {
		if (f->word[i] & ~sw->offered.word[i])
			bad(sw, "accepted a feature not offered");
		if (sw->legacy && i > 0 && f->word[i])
			bad(sw, "high feature word on a legacy device");
		sw->accepted.word[i] = f->word[i] & sw->offered.word[i];
	}
	sw->accepted.nwords = sw->legacy ? 1 : 2;
	return 0;
}

static void config_bytes(const struct sw_blk *sw, uint8_t *c)
{
	memset(c, 0, SW_BLK_CFG_SIZE);
	put_le(c + 0, 8, sw->sectors);
	put_le(c + 8, 4, sw->size_max);
	put_le(c + 12, 4, sw->seg_max);
	put_le(c + 20, 4, sw->blk_size);
	if (sw->nqueues > 1)
		put_le(c + 34, 2, sw->nqueues);
	put_le(c + 36, 4, sw->max_discard_sectors);
	put_le(c + 40, 4, 1);
	put_le(c + 48, 4, sw->max_write_zeroes_sectors);
	put_le(c + 52, 4, 1);
}

static int op_config_read(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			  uint64_t *value)
{
	struct sw_blk *sw = dev->transport;
	uint8_t c[SW_BLK_CFG_SIZE];

	if (fails(sw, SW_OP_CONFIG_READ))
		return -VDISC_EIO;
	if ((width != 1 && width != 2 && width != 4 && width != 8) || offset % width ||
	    offset + width > SW_BLK_CFG_SIZE) {
		bad(sw, "config read out of bounds or misaligned");
		return -VDISC_EINVAL;
	}
	if (offset == 0 && sw->gen_bump) {
		sw->gen_bump--;
		sw->generation++;
	}
	config_bytes(sw, c);
	*value = get_le(c + offset, width);
	return 0;
}

static int op_config_write(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			   uint64_t value)
{
	(void)offset;
	(void)width;
	(void)value;
	bad(dev->transport, "config write");
	return -VDISC_EIO;
}

static int op_config_generation(struct vdisc_virtio_dev *dev, uint32_t *generation)
{
	struct sw_blk *sw = dev->transport;

	*generation = sw->generation;
	return 0;
}

static int op_queue_max(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t *max)
{
	struct sw_blk *sw = dev->transport;

	if (fails(sw, SW_OP_QUEUE_MAX))
		return -VDISC_EIO;
	*max = index < nqueues(sw) ? sw->qmax : 0;
	return 0;
}

static bool legacy_layout_ok(const struct sw_blk *sw, uint16_t size, uint64_t desc, uint64_t avail,
			     uint64_t used)
{
	uint64_t a = sw->ops.legacy_align;

	return desc % a == 0 && avail == desc + 16u * size &&
	       used == (avail + 6u + 2u * size + a - 1) / a * a;
}

static int op_queue_setup(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t size,
			  uint64_t desc, uint64_t avail, uint64_t used)
{
	struct sw_blk *sw = dev->transport;

	if (fails(sw, SW_OP_QUEUE_SETUP))
		return -VDISC_EIO;
	if (index < nqueues(sw))
		sw_blk_select(sw, index);
	if (index >= nqueues(sw) || size == 0 || size > sw->qmax || (size & (size - 1)) ||
	    (sw->legacy && size != sw->qmax)) {
		bad(sw, "queue size");
		return -VDISC_EINVAL;
	}
	sw->packed = accepted(sw, SW_F_RING_PACKED);
	if (desc % 16 || avail % (sw->packed ? 4 : 2) || used % 4 ||
	    (sw->legacy && !legacy_layout_ok(sw, size, desc, avail, used))) {
		bad(sw, "ring alignment or layout");
		return -VDISC_EINVAL;
	}
	sw->qsize = size;
	sw->desc = (uint8_t *)(uintptr_t)desc;
	sw->avail = (uint8_t *)(uintptr_t)avail;
	sw->used = (uint8_t *)(uintptr_t)used;
	sw->last_avail = sw->used_idx = 0;
	sw->nheld = 0;
	sw->q_ready = true;
	sw->p_avail = sw->p_used = 0;
	sw->p_avail_wrap = sw->p_used_wrap = true;
	sw->p_ncopy = 0;
	if (sw->set_no_notify && sw->packed)
		wr(sw, sw->used + 2, 2, P_EV_DISABLE);
	else if (sw->set_no_notify)
		wr(sw, sw->used, 2, USED_F_NO_NOTIFY);
	return 0;
}

static int op_queue_notify(struct vdisc_virtio_dev *dev, uint16_t index)
{
	struct sw_blk *sw = dev->transport;

	if (fails(sw, SW_OP_QUEUE_NOTIFY))
		return -VDISC_EIO;
	sw->notifies++;
	if (index < nqueues(sw))
		sw_blk_select(sw, index);
	if (index >= nqueues(sw) || !sw->q_ready) {
		bad(sw, "notify of a queue not set up");
		return 0;
	}
	if (!sw->manual && !sw->async && !sw->on_sleep)
		sw_blk_process(sw);
	return 0;
}

static int op_queue_disable(struct vdisc_virtio_dev *dev, uint16_t index)
{
	struct sw_blk *sw = dev->transport;

	if (index < nqueues(sw)) {
		sw_blk_select(sw, index);
		sw->q_ready = false;
	}
	return 0;
}

/* A device in this process cannot vanish; a test makes it say so after alive_after checks. */
static int op_check_alive(struct vdisc_virtio_dev *dev)
{
	struct sw_blk *sw = dev->transport;

	return sw->alive_checks++ < sw->alive_after ? 0 : sw->alive_error;
}

/*
 * A sleep until the device notifies: the device completes one request (the driver had
 * notifications on -- checked -- or the sleep would never end) and the clock moves on.
 */
static int op_wait_notify(struct vdisc_virtio_dev *dev, uint16_t index, uint64_t timeout_ns)
{
	struct sw_blk *sw = dev->transport;
	bool event_idx = sw->accepted.word[0] >> SW_F_EVENT_IDX & 1;
	uint64_t want_off = 4u + 2u * sw->qsize;
	uint16_t p_next = (uint16_t)(sw->p_used | (sw->p_used_wrap ? P_WRAP : 0));

	(void)timeout_ns;
	sw_blk_select(sw, index);
	sw->notify_waits++;
	if (sw->packed ? (event_idx ? rd(sw, sw->avail + 2, 2) != P_EV_DESC ||
					      rd(sw, sw->avail, 2) != p_next
				    : rd(sw, sw->avail + 2, 2) != P_EV_ENABLE)
		       : (event_idx ? rd(sw, sw->avail + want_off, 2) != sw->used_idx
				    : rd(sw, sw->avail, 2) != 0))
		bad(sw, "asleep with notifications off");
	sw->clock += sw->tick_ns;
	sw_blk_take(sw);
	return sw_blk_complete_one(sw) ? 1 : 0;
}

/* A wired line: reading the ISR clears it (4.1.4.5). */
static int op_isr_ack(struct vdisc_virtio_dev *dev, uint8_t *isr)
{
	struct sw_blk *sw = dev->transport;

	sw->isr_reads++;
	*isr = sw->isr;
	sw->isr = 0;
	return 0;
}

/* ---- interrupts ----------------------------------------------------------------- */

static uint32_t irq_bit(uint16_t vector)
{
	return vector == SW_IRQ_CONFIG ? 1u << 31 : 1u << (vector & 31u);
}

static void raise_irq(struct sw_blk *sw, uint16_t vector)
{
	sw->irq_pending |= irq_bit(vector);
	if (sw->irq_depth || sw->in_irq)
		sw->irqs_deferred++;
	sw_blk_irq_deliver(sw);
}

void sw_blk_irq_deliver(struct sw_blk *sw)
{
	unsigned rounds;

	/* Bounded: a handler that never quietens the device is a test failure, not a hang. */
	for (rounds = 0; sw->irq && sw->irq_pending && !sw->irq_depth && !sw->in_irq; rounds++) {
		uint32_t bit = sw->irq_pending & -sw->irq_pending;
		uint16_t vector = bit == 1u << 31 ? SW_IRQ_CONFIG : (uint16_t)__builtin_ctz(bit);

		if (rounds > 10000) {
			bad(sw, "interrupt storm");
			return;
		}
		sw->irq_pending &= ~bit;
		sw->irqs_delivered++;
		sw->in_irq = true;
		sw->irq(sw, vector, sw->irq_arg);
		sw->in_irq = false;
	}
}

/* After used->idx moved from @old: does the driver want an interrupt (2.7.7, 2.7.10)? */
static void used_irq(struct sw_blk *sw, uint16_t old)
{
	bool want;

	if (accepted(sw, SW_F_EVENT_IDX)) {
		uint16_t event = (uint16_t)rd(sw, sw->avail + 4 + 2u * sw->qsize, 2);

		want = (uint16_t)(sw->used_idx - event - 1) < (uint16_t)(sw->used_idx - old);
	} else {
		want = !(rd(sw, sw->avail, 2) & AVAIL_F_NO_INTERRUPT);
	}
	if (!want) {
		sw->irqs_suppressed++;
		return;
	}
	sw->irqs_raised++;
	sw->isr |= ISR_QUEUE;
	raise_irq(sw, sw->cur);
}

void sw_blk_config_change(struct sw_blk *sw, uint64_t sectors)
{
	if (sectors > sw->sectors) {
		sw->disk = realloc(sw->disk, sectors * 512);
		memset(sw->disk + sw->sectors * 512, 0, (sectors - sw->sectors) * 512);
	}
	sw->sectors = sectors;
	sw->generation++;
	sw->isr |= ISR_CONFIG;
	raise_irq(sw, SW_IRQ_CONFIG);
}

static unsigned long plat_irq_save(void *ctx)
{
	struct sw_blk *sw = ctx;

	sw->irq_saves++;
	if (++sw->irq_depth > sw->irq_max_depth)
		sw->irq_max_depth = sw->irq_depth;
	return sw->irq_depth - 1u; /* the depth before: what restore must find */
}

static void plat_irq_restore(void *ctx, unsigned long flags)
{
	struct sw_blk *sw = ctx;

	if (sw->irq_depth == 0 || flags != sw->irq_depth - 1u) {
		bad(sw, "irq_restore out of order");
		return;
	}
	sw->irq_depth--;
	sw_blk_irq_deliver(sw);
}

/* The CPU sleeps until an interrupt: meanwhile the device completes one request. */
static void plat_wait_irq(void *ctx, uint64_t max_ns)
{
	struct sw_blk *sw = ctx;

	sw->wait_irqs++;
	if (sw->irq_depth || sw->in_irq)
		bad(sw, "wait_irq with interrupts held off");
	sw->clock += max_ns < sw->tick_ns ? max_ns : sw->tick_ns;
	if (!sw->manual)
		(void)complete_any(sw);
}

/* ---- the platform ------------------------------------------------------------ */

static void *plat_dma_alloc(void *ctx, size_t size, size_t align, uint64_t *phys)
{
	struct sw_blk *sw = ctx;
	unsigned i;
	void *p;

	if (sw->dma_fail) {
		sw->dma_fail--;
		return NULL;
	}
	for (i = 0; i < SW_BLK_MAX_DMA && sw->dma[i]; i++)
		;
	if (i == SW_BLK_MAX_DMA || align == 0 || (align & (align - 1)))
		return NULL;
	p = aligned_alloc(align, (size + align - 1) / align * align);
	if (!p)
		return NULL;
	memset(p, 0, size);
	sw->dma[i] = p;
	sw->dma_size[i] = size;
	sw->dma_live++;
	*phys = (uint64_t)(uintptr_t)p;
	return p;
}

static void plat_dma_free(void *ctx, void *p, size_t size)
{
	struct sw_blk *sw = ctx;
	unsigned i;

	for (i = 0; i < SW_BLK_MAX_DMA; i++) {
		if (sw->dma[i] == p) {
			if (sw->dma_size[i] != size)
				bad(sw, "dma_free with the wrong size");
			free(p);
			sw->dma[i] = NULL;
			sw->dma_live--;
			return;
		}
	}
	bad(sw, "dma_free of memory not allocated");
}

static uint64_t plat_virt_to_phys(void *ctx, const void *p)
{
	struct sw_blk *sw = ctx;

	if (sw->irq_in_v2p && sw->q_ready && !sw->manual) {
		sw->irq_in_v2p = false; /* once: the handler runs in the middle of a submit */
		sw_blk_take(sw);
		(void)sw_blk_complete_one(sw);
	}
	return (uint64_t)(uintptr_t)p;
}

static uint64_t plat_now_ns(void *ctx)
{
	struct sw_blk *sw = ctx;

	sw->clock += sw->tick_ns;
	if (sw->async && !sw->manual)
		(void)complete_any(sw);
	if (sw->tick_hook)
		sw->tick_hook(sw, sw->hook_arg);
	return sw->clock;
}

static void plat_mb(void *ctx)
{
	struct sw_blk *sw = ctx;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* A completion that lands at a chosen point of the handler's ring walk. */
	if (sw->in_irq && sw->race_mb && ++sw->mb_in_irq == sw->race_mb && sw->q_ready) {
		sw_blk_take(sw);
		(void)sw_blk_complete_one(sw);
	}
}

/* ---- requests ------------------------------------------------------------------ */

struct iov {
	uint8_t *p;
	uint32_t len;
	bool write;
};

struct chain {
	struct iov v[VDISC_VIRTQ_MAX_SIZE];
	unsigned n, nread;
	uint64_t rbytes, wbytes;
	uint16_t second; /* the descriptor after the head (0xffff: none) */
	bool indirect;	 /* the chain was an indirect table */
};

/* One descriptor into @c, with the checks a careful device makes. */
static bool take(struct sw_blk *sw, struct chain *c, const uint8_t *e, uint16_t flags)
{
	c->v[c->n].p = (uint8_t *)(uintptr_t)rd(sw, e, 8);
	c->v[c->n].len = (uint32_t)rd(sw, e + 8, 4);
	c->v[c->n].write = flags & DESC_F_WRITE;
	if (c->v[c->n].write) {
		c->wbytes += c->v[c->n].len;
	} else {
		if (c->wbytes) {
			bad(sw, "readable descriptor after a writable one");
			return false;
		}
		c->rbytes += c->v[c->n].len;
		c->nread++;
	}
	c->n++;
	return true;
}

/* An indirect table (2.7.5.3): entries chained by index inside the table, no nesting. */
static bool walk_table(struct sw_blk *sw, const uint8_t *e, uint16_t flags, struct chain *c)
{
	const uint8_t *table = (const uint8_t *)(uintptr_t)rd(sw, e, 8);
	uint32_t len = (uint32_t)rd(sw, e + 8, 4), n = len / 16, i = 0;

	if (!accepted(sw, SW_F_INDIRECT_DESC)) {
		bad(sw, "indirect descriptor not negotiated");
		return false;
	}
	if ((flags & DESC_F_NEXT) || len == 0 || len % 16 || n > sw->qsize || c->n) {
		bad(sw, "indirect descriptor with NEXT, a bad length, or not the whole chain");
		return false;
	}
	c->indirect = true;
	for (;;) {
		const uint8_t *t = table + 16u * i;
		uint16_t tf = (uint16_t)rd(sw, t + 12, 2);

		if (i >= n || c->n >= n || (tf & DESC_F_INDIRECT)) {
			bad(sw, "indirect table entry out of range, looping or nested");
			return false;
		}
		if (!take(sw, c, t, tf))
			return false;
		if (!(tf & DESC_F_NEXT))
			return true;
		i = (uint32_t)rd(sw, t + 14, 2);
	}
}

/* Walk a chain with the checks a careful device makes; false: the driver built garbage. */
static bool walk(struct sw_blk *sw, uint16_t head, struct chain *c)
{
	uint16_t d = head;

	memset(c, 0, sizeof(*c));
	c->second = 0xffff;
	for (;;) {
		const uint8_t *e;
		uint16_t flags;

		if (d >= sw->qsize || c->n >= sw->qsize || c->n >= VDISC_VIRTQ_MAX_SIZE) {
			bad(sw, "descriptor index out of range or chain loops");
			return false;
		}
		e = sw->desc + 16u * d;
		flags = (uint16_t)rd(sw, e + 12, 2);
		if (flags & DESC_F_INDIRECT)
			return walk_table(sw, e, flags, c);
		if (!take(sw, c, e, flags))
			return false;
		if (c->n == 2)
			c->second = d;
		if (!(flags & DESC_F_NEXT))
			return true;
		d = (uint16_t)rd(sw, e + 14, 2);
	}
}

/* A packed indirect table (2.8.8): entries one after another, WRITE their only flag. */
static bool p_walk_table(struct sw_blk *sw, const uint8_t *e, uint16_t flags, struct chain *c)
{
	const uint8_t *table = (const uint8_t *)(uintptr_t)rd(sw, e, 8);
	uint32_t len = (uint32_t)rd(sw, e + 8, 4), n = len / 16, i;

	if (!accepted(sw, SW_F_INDIRECT_DESC)) {
		bad(sw, "indirect descriptor not negotiated");
		return false;
	}
	if ((flags & DESC_F_NEXT) || len == 0 || len % 16 || n > sw->qsize || c->n) {
		bad(sw, "indirect descriptor with NEXT, a bad length, or not the whole chain");
		return false;
	}
	c->indirect = true;
	for (i = 0; i < n; i++) {
		uint16_t tf = (uint16_t)rd(sw, table + 16u * i + 14, 2);

		if (tf & ~DESC_F_WRITE) {
			bad(sw, "packed indirect entry with a flag other than WRITE");
			return false;
		}
		if (!take(sw, c, table + 16u * i, tf))
			return false;
	}
	return true;
}

/* A held packed request, from the device's own copy of its ring descriptors. */
static bool p_walk(struct sw_blk *sw, uint16_t id, struct chain *c)
{
	const uint8_t *e = sw->p_copy + 16u * sw->p_first[id];
	unsigned i, n = sw->p_ndesc[id];

	memset(c, 0, sizeof(*c));
	c->second = 0xffff;
	for (i = 0; i < n; i++, e += 16) {
		uint16_t flags = (uint16_t)rd(sw, e + 14, 2);

		if (flags & DESC_F_INDIRECT) {
			if (n != 1) {
				bad(sw, "indirect descriptor in a chain");
				return false;
			}
			return p_walk_table(sw, e, flags, c);
		}
		if (!take(sw, c, e, flags))
			return false;
	}
	return true;
}

/* Copy between a flat buffer and the chain's readable (or writable) bytes from @off. */
static void iov_copy(struct chain *c, bool write, uint64_t off, uint8_t *buf, uint64_t len,
		     bool to_chain)
{
	unsigned i;

	for (i = 0; i < c->n && len; i++) {
		uint64_t n;

		if (c->v[i].write != write)
			continue;
		if (off >= c->v[i].len) {
			off -= c->v[i].len;
			continue;
		}
		n = c->v[i].len - off < len ? c->v[i].len - off : len;
		if (to_chain)
			memcpy(c->v[i].p + off, buf, n);
		else
			memcpy(buf, c->v[i].p + off, n);
		buf += n;
		len -= n;
		off = 0;
	}
}

static bool hits_ioerr(const struct sw_blk *sw, uint64_t sector, uint64_t n)
{
	return sw->ioerr_sector >= sector && sw->ioerr_sector < sector + n;
}

static uint8_t do_rw(struct sw_blk *sw, struct chain *c, uint32_t type, uint64_t sector,
		     uint32_t *written)
{
	uint64_t bytes = type == T_IN ? c->wbytes - 1 : c->rbytes - 16;
	unsigned ndata = type == T_IN ? c->n - c->nread - 1 : c->nread - 1, i;

	if (ndata > sw->max_data_descs)
		sw->max_data_descs = ndata;
	for (i = 0; i < c->n; i++)
		if (i > 0 && i + 1 < c->n && c->v[i].len > sw->max_desc_len)
			sw->max_desc_len = c->v[i].len;
	if (accepted(sw, SW_F_SEG_MAX) && ndata > sw->seg_max)
		bad(sw, "more data segments than seg_max");
	for (i = 1; i + 1 < c->n && accepted(sw, SW_F_SIZE_MAX); i++)
		if (c->v[i].len > sw->size_max)
			bad(sw, "a segment larger than size_max");
	if (bytes % 512 || bytes == 0)
		bad(sw, "data not a whole number of sectors");
	if (sector > sw->sectors || bytes / 512 > sw->sectors - sector)
		return S_IOERR;
	if (type == T_IN) {
		sw->reads++;
		if (sw->ioerr_read && hits_ioerr(sw, sector, bytes / 512))
			return S_IOERR;
		iov_copy(c, true, 0, sw->disk + sector * 512, bytes, true);
		*written = (uint32_t)bytes + 1;
		return S_OK;
	}
	sw->writes++;
	if (sw->read_only || (sw->ioerr_write && hits_ioerr(sw, sector, bytes / 512)))
		return S_IOERR;
	if (sw->fault != SW_FAULT_LOSE_WRITES)
		iov_copy(c, false, 16, sw->disk + sector * 512, bytes, false);
	return S_OK;
}

static uint8_t do_zeroes(struct sw_blk *sw, struct chain *c, uint32_t type)
{
	uint64_t off;

	if (c->rbytes < 32 || (c->rbytes - 16) % 16) {
		bad(sw, "discard/write zeroes without a whole segment");
		return S_IOERR;
	}
	if (type == T_DISCARD)
		sw->discards++;
	else
		sw->write_zeroes++;
	for (off = 16; off < c->rbytes; off += 16) {
		uint8_t seg[16];
		uint64_t sector;
		uint32_t n, max;

		iov_copy(c, false, off, seg, 16, false);
		sector = rd(sw, seg, 8);
		n = (uint32_t)rd(sw, seg + 8, 4);
		max = type == T_DISCARD ? sw->max_discard_sectors : sw->max_write_zeroes_sectors;
		if (max && n > max)
			bad(sw, "more sectors than the configured maximum");
		if (sw->read_only || sector > sw->sectors || n > sw->sectors - sector)
			return S_IOERR;
		if (type == T_WRITE_ZEROES)
			memset(sw->disk + sector * 512, 0, (size_t)n * 512);
	}
	return S_OK;
}

/* Serve one request; returns the bytes written into the chain. */
static uint32_t serve(struct sw_blk *sw, struct chain *c, bool faulty)
{
	uint8_t hdr[16], status = S_UNSUPP;
	uint32_t written = 1, type;
	uint64_t sector;

	if (c->rbytes < 16 || c->wbytes < 1) {
		bad(sw, "request without header or status");
		return 0;
	}
	sw->requests++;
	if (c->indirect)
		sw->indirect_requests++;
	iov_copy(c, false, 0, hdr, 16, false);
	type = (uint32_t)rd(sw, hdr, 4);
	sector = rd(sw, hdr + 8, 8);
	switch (type) {
	case T_IN:
	case T_OUT:
		status = do_rw(sw, c, type, sector, &written);
		break;
	case T_FLUSH:
		sw->flushes++;
		status = S_OK;
		break;
	case T_GET_ID:
		if (!sw->id_unsupported) {
			uint64_t n = c->wbytes - 1 < 20 ? c->wbytes - 1 : 20;

			iov_copy(c, true, 0, (uint8_t *)sw->id, n, true);
			written = (uint32_t)n + 1;
			status = S_OK;
		}
		break;
	case T_DISCARD:
	case T_WRITE_ZEROES:
		status = do_zeroes(sw, c, type);
		break;
	default:
		break;
	}
	if (faulty && sw->fault == SW_FAULT_GARBAGE_STATUS)
		status = 0x7f;
	if (!(faulty && sw->fault == SW_FAULT_NO_STATUS))
		iov_copy(c, true, c->wbytes - 1, &status, 1, true);
	return written;
}

/* Is slot @slot available in the lap of wrap counter @wrap (2.8.1)? */
static bool p_is_avail(const struct sw_blk *sw, uint16_t slot, bool wrap)
{
	uint16_t f = (uint16_t)rd(sw, sw->desc + 16u * slot + 14, 2);

	return ((f & P_AVAIL) != 0) == wrap && ((f & P_USED) != 0) != wrap;
}

/* Forget held id @id (and its copied descriptors), if held. */
static void p_drop(struct sw_blk *sw, uint16_t id)
{
	unsigned i, first, n;

	for (i = 0; i < sw->nheld && sw->held[i] != id; i++)
		;
	if (i == sw->nheld)
		return;
	memmove(sw->held + i, sw->held + i + 1, (sw->nheld - i - 1) * sizeof(sw->held[0]));
	sw->nheld--;
	first = sw->p_first[id];
	n = sw->p_ndesc[id];
	memmove(sw->p_copy + 16u * first, sw->p_copy + 16u * (first + n),
		16u * (sw->p_ncopy - first - n));
	sw->p_ncopy -= n;
	for (i = 0; i < sw->nheld; i++)
		if (sw->p_first[sw->held[i]] > first)
			sw->p_first[sw->held[i]] = (uint16_t)(sw->p_first[sw->held[i]] - n);
}

/* The request starting at p_avail: its slots copied, its id (the last one's) held. */
static bool p_take_one(struct sw_blk *sw)
{
	uint16_t slot = sw->p_avail, n = 0, id = 0, f;
	bool wrap = sw->p_avail_wrap;

	if (!p_is_avail(sw, slot, wrap))
		return false;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	do {
		if (sw->p_ncopy + n >= sw->qsize || (n && !p_is_avail(sw, slot, wrap))) {
			bad(sw, "packed chain past the ring or not all available");
			return false;
		}
		memcpy(sw->p_copy + 16u * (sw->p_ncopy + n), sw->desc + 16u * slot, 16);
		f = (uint16_t)rd(sw, sw->desc + 16u * slot + 14, 2);
		id = (uint16_t)rd(sw, sw->desc + 16u * slot + 12, 2);
		n++;
		if (++slot == sw->qsize) {
			slot = 0;
			wrap = !wrap;
		}
	} while (f & DESC_F_NEXT);
	if (id >= sw->qsize) {
		bad(sw, "packed id out of range");
		return false;
	}
	for (unsigned i = 0; i < sw->nheld; i++)
		if (sw->held[i] == id)
			bad(sw, "packed id made available twice");
	p_drop(sw, id); /* keep the model consistent even then */
	sw->p_first[id] = (uint16_t)sw->p_ncopy;
	sw->p_ndesc[id] = n;
	sw->p_ncopy += n;
	sw->held[sw->nheld++] = id;
	sw->p_avail = slot;
	sw->p_avail_wrap = wrap;
	return true;
}

static void p_take(struct sw_blk *sw)
{
	if (sw->nheld == 0)
		sw->p_ncopy = 0; /* a test may empty held[] by hand */
	while (sw->nheld < sw->qsize && p_take_one(sw))
		;
	if (sw->nheld > sw->max_inflight)
		sw->max_inflight = sw->nheld;
	if (accepted(sw, SW_F_EVENT_IDX) && !sw->set_no_notify) {
		wr(sw, sw->used, 2, sw->p_avail | (sw->p_avail_wrap ? P_WRAP : 0));
		wr(sw, sw->used + 2, 2, P_EV_DESC);
	}
}

void sw_blk_packed_write(struct sw_blk *sw, uint16_t slot, uint16_t id, uint32_t len,
			 uint16_t flags)
{
	uint8_t *e;

	if (!sw->q_ready || !sw->packed || slot >= sw->qsize)
		return;
	if (id < sw->qsize)
		p_drop(sw, id); /* whatever it wrote, the device has given this id back */
	e = sw->desc + 16u * slot;
	wr(sw, e + 8, 4, len);
	wr(sw, e + 12, 2, id);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	wr(sw, e + 14, 2, flags);
}

/* A used descriptor at the next used slot, then past @skip slots (2.8.6). */
static void p_push_used(struct sw_blk *sw, uint16_t id, uint32_t len, uint16_t skip, bool wrong)
{
	bool wrap = wrong ? !sw->p_used_wrap : sw->p_used_wrap;

	sw_blk_packed_write(sw, sw->p_used, id, len,
			    (uint16_t)(SW_PACKED_USED(wrap) | DESC_F_WRITE));
	sw->p_used = (uint16_t)(sw->p_used + skip);
	if (sw->p_used >= sw->qsize) {
		sw->p_used = (uint16_t)(sw->p_used - sw->qsize);
		sw->p_used_wrap = !sw->p_used_wrap;
	}
}

void sw_blk_take(struct sw_blk *sw)
{
	uint16_t avail_idx;

	if (!sw->q_ready)
		return;
	if (sw->packed) {
		p_take(sw);
		return;
	}
	avail_idx = (uint16_t)rd(sw, sw->avail + 2, 2);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	while (sw->last_avail != avail_idx) {
		uint16_t head =
			(uint16_t)rd(sw, sw->avail + 4 + 2u * (sw->last_avail % sw->qsize), 2);

		if ((uint16_t)(avail_idx - sw->last_avail) > sw->qsize || sw->nheld >= sw->qsize) {
			bad(sw, "avail idx ahead of the ring");
			return;
		}
		sw->held[sw->nheld++] = head;
		sw->last_avail++;
	}
	if (sw->nheld > sw->max_inflight)
		sw->max_inflight = sw->nheld;
	if (accepted(sw, SW_F_EVENT_IDX))
		wr(sw, sw->used + 4 + 8u * sw->qsize, 2, sw->last_avail);
}

void sw_blk_push_used(struct sw_blk *sw, uint32_t id, uint32_t len, uint16_t inc)
{
	uint8_t *e;

	if (!sw->q_ready)
		return;
	if (sw->packed) {
		uint16_t skip = 1;

		(void)inc;
		p_take(sw);
		if (id < sw->qsize) {
			for (unsigned i = 0; i < sw->nheld; i++)
				if (sw->held[i] == id)
					skip = sw->p_ndesc[id];
			p_drop(sw, (uint16_t)id);
		}
		p_push_used(sw, (uint16_t)id, len, skip, false);
		return;
	}
	e = sw->used + 4 + 8u * (sw->used_idx % sw->qsize);
	wr(sw, e, 4, id);
	wr(sw, e + 4, 4, len);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	sw->used_idx = (uint16_t)(sw->used_idx + inc);
	wr(sw, sw->used + 2, 2, sw->used_idx);
}

/* An id other than @except the device does not hold (none: one out of range). */
static uint16_t p_not_held(const struct sw_blk *sw, uint16_t except)
{
	uint16_t id;
	unsigned i;

	for (id = 0; id < sw->qsize; id++) {
		if (id == except)
			continue;
		for (i = 0; i < sw->nheld && sw->held[i] != id; i++)
			;
		if (i == sw->nheld)
			return id;
	}
	return sw->qsize;
}

/* Complete held id @id (already out of held[]), its slots still in the copy. */
/*
 * After used descriptors went from slot @old (lap @old_wrap) to the next used slot: does the
 * driver want an interrupt (2.8.10)?  DESC is judged as vhost judges it: the event's
 * offset placed in the current lap, or the one before when its wrap bit differs.
 */
static void p_used_irq(struct sw_blk *sw, uint16_t old, bool old_wrap)
{
	uint16_t flags = (uint16_t)rd(sw, sw->avail + 2, 2), off_wrap;
	int now = sw->p_used, from = old - (old_wrap != sw->p_used_wrap ? sw->qsize : 0), event;
	bool want = flags != P_EV_DISABLE;

	if (flags == P_EV_DESC) {
		off_wrap = (uint16_t)rd(sw, sw->avail, 2);
		event = off_wrap & (P_WRAP - 1);
		if (!!(off_wrap & P_WRAP) != sw->p_used_wrap)
			event -= sw->qsize;
		want = from <= event && event < now;
	}
	if (!want) {
		sw->irqs_suppressed++;
		return;
	}
	sw->irqs_raised++;
	sw->isr |= ISR_QUEUE;
	raise_irq(sw, sw->cur);
}

static bool p_complete(struct sw_blk *sw, uint16_t id)
{
	struct chain c;
	uint16_t skip = sw->p_ndesc[id], used_id = id, old;
	uint32_t len;
	bool faulty, ok, old_wrap;

	sw->held[sw->nheld++] = id; /* p_drop finds it there */
	ok = p_walk(sw, id, &c);
	p_drop(sw, id);
	if (!ok)
		return true;
	faulty = sw->fault != SW_FAULT_NONE && sw->completions >= sw->fault_after;
	len = serve(sw, &c, faulty);
	if (faulty && sw->fault == SW_FAULT_ID_RANGE)
		used_id = (uint16_t)(sw->qsize + 3u);
	if (faulty && sw->fault == SW_FAULT_ID_NOT_HEAD)
		used_id = p_not_held(sw, id);
	if (faulty && sw->fault == SW_FAULT_LEN_BIG)
		len = (uint32_t)c.wbytes + 100;
	sw->completions++;
	old = sw->p_used;
	old_wrap = sw->p_used_wrap;
	p_push_used(sw, used_id, len, skip, faulty && sw->fault == SW_FAULT_IDX_JUMP);
	p_used_irq(sw, old, old_wrap);
	return true;
}

bool sw_blk_complete_one(struct sw_blk *sw)
{
	struct chain c;
	uint16_t head;
	uint32_t id, len;
	uint16_t old;
	bool faulty;

	if (!sw->q_ready || sw->nheld == 0 ||
	    (sw->fault == SW_FAULT_STALL && sw->completions >= sw->fault_after))
		return false;
	if (sw->lifo) {
		head = sw->held[--sw->nheld];
	} else {
		head = sw->held[0];
		memmove(sw->held, sw->held + 1, --sw->nheld * sizeof(sw->held[0]));
	}
	if (sw->packed)
		return p_complete(sw, head);
	if (!walk(sw, head, &c))
		return true;
	faulty = sw->fault != SW_FAULT_NONE && sw->completions >= sw->fault_after;
	len = serve(sw, &c, faulty);
	id = head;
	if (faulty && sw->fault == SW_FAULT_ID_RANGE)
		id = sw->qsize + 3u;
	if (faulty && sw->fault == SW_FAULT_ID_NOT_HEAD && c.second != 0xffff)
		id = c.second;
	if (faulty && sw->fault == SW_FAULT_LEN_BIG)
		len = (uint32_t)c.wbytes + 100;
	sw->completions++;
	old = sw->used_idx;
	sw_blk_push_used(sw, id, len, faulty && sw->fault == SW_FAULT_IDX_JUMP ? 3 : 1);
	used_irq(sw, old);
	return true;
}

void sw_blk_process(struct sw_blk *sw)
{
	sw_blk_take(sw);
	while (sw_blk_complete_one(sw))
		;
}

/* ---- set-up -------------------------------------------------------------------- */

void sw_blk_offer(struct sw_blk *sw, unsigned bit, bool on)
{
	if (on)
		sw->offered.word[bit / 32] |= 1u << (bit % 32);
	else
		sw->offered.word[bit / 32] &= ~(1u << (bit % 32));
}

void sw_blk_init(struct sw_blk *sw, uint64_t sectors, bool legacy)
{
	static const struct vdisc_virtio_transport_ops ops = {
		.get_status = op_get_status,
		.set_status = op_set_status,
		.get_features = op_get_features,
		.set_features = op_set_features,
		.config_read = op_config_read,
		.config_write = op_config_write,
		.config_generation = op_config_generation,
		.queue_max = op_queue_max,
		.queue_setup = op_queue_setup,
		.queue_notify = op_queue_notify,
		.queue_disable = op_queue_disable,
		.check_alive = op_check_alive,
		.wait_notify = op_wait_notify,
		.isr_ack = op_isr_ack,
	};
	uint64_t x = 0x9e3779b97f4a7c15ull, i;

	memset(sw, 0, sizeof(*sw));
	sw->ops = ops;
	sw->ops.name = legacy ? "sw-legacy" : "sw-modern";
	sw->ops.legacy = legacy;
	sw->ops.legacy_align = legacy ? 4096 : 0;
	sw->ops.fixed_queue_size = legacy; /* like legacy PCI: QueueSize is read-only */
	if (legacy)
		sw->ops.config_generation = NULL;
	sw->legacy = legacy;
	sw->sectors = sectors;
	sw->disk = malloc(sectors * 512);
	for (i = 0; i < sectors * 512; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		sw->disk[i] = (uint8_t)x;
	}
	sw->blk_size = 512;
	sw->seg_max = 8;
	sw->qmax = 128;
	sw->max_discard_sectors = 0;
	sw->max_write_zeroes_sectors = 0;
	memcpy(sw->id, "sw-blk-serial-01\0\0\0\0", 20);
	sw->ioerr_sector = UINT64_MAX;
	sw->tick_ns = 1000000; /* 1 ms a call: a 5 s timeout is 5000 polls */
	sw->offered.nwords = 2;
	sw_blk_offer(sw, SW_F_SEG_MAX, true);
	sw_blk_offer(sw, SW_F_BLK_SIZE, true);
	sw_blk_offer(sw, SW_F_FLUSH, true);
	sw_blk_offer(sw, SW_F_GEOMETRY, true);	 /* not wanted by the driver */
	sw_blk_offer(sw, SW_F_CONFIG_WCE, true); /* not wanted by the driver */
	sw_blk_offer(sw, SW_F_MQ, true);	 /* not wanted by the driver */
	sw_blk_offer(sw, SW_F_DISCARD, true);
	sw_blk_offer(sw, SW_F_WRITE_ZEROES, true);
	if (!legacy)
		sw_blk_offer(sw, SW_F_VERSION_1, true);

	sw->platform.ctx = sw;
	sw->platform.dma_alloc = plat_dma_alloc;
	sw->platform.dma_free = plat_dma_free;
	sw->platform.virt_to_phys = plat_virt_to_phys;
	sw->platform.now_ns = plat_now_ns;
	sw->platform.mb = plat_mb;
	sw->platform.irq_save = plat_irq_save;
	sw->platform.irq_restore = plat_irq_restore;
	sw->platform.wait_irq = plat_wait_irq;
	sw->dev.ops = &sw->ops;
	sw->dev.transport = sw;
	sw->dev.platform = &sw->platform;
	sw->dev.device_type = 2;
}

void sw_blk_free(struct sw_blk *sw)
{
	unsigned i;

	for (i = 0; i < SW_BLK_MAX_DMA; i++)
		free(sw->dma[i]);
	free(sw->disk);
	memset(sw, 0, sizeof(*sw));
}

uint64_t sw_blk_checksum(const struct sw_blk *sw)
{
	uint64_t h = 0xcbf29ce484222325ull, i;

	for (i = 0; i < sw->sectors * 512; i++)
		h = (h ^ sw->disk[i]) * 0x100000001b3ull;
	return h;
}
