/* SPDX-License-Identifier: MIT */
#ifndef VDISC_TESTS_SW_BLK_H
#define VDISC_TESTS_SW_BLK_H

/*
 * A software virtio-blk device in the test's own process: a RAM disk
 * behind struct vdisc_virtio_transport_ops, with the status register,
 * feature negotiation, a configuration space and one virtqueue, split or
 * packed (when the test offers RING_PACKED and the driver accepts it), that
 * it serves as a device would -- walking the driver's descriptors with its
 * own bounds checks, reading and writing guest memory (device address ==
 * pointer), then the used ring (or used descriptors).  Modern
 * (little-endian rings, FEATURES_OK) or legacy (native rings, no
 * FEATURES_OK, one contiguous ring area).
 *
 * The platform it comes with has DMA memory from the heap, a fake clock
 * that advances on every now_ns() call (timeouts cost no real time) and,
 * in async mode, completes one request per clock tick, so several requests
 * really are in flight.  Faults are injected by setting fields.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

#define SW_BLK_CFG_SIZE 64u
#define SW_BLK_MAX_DMA 16u

/* Feature bits the model knows (virtio 1.3, 5.2.3, 6). */
#define SW_F_SIZE_MAX 1u
#define SW_F_SEG_MAX 2u
#define SW_F_GEOMETRY 4u
#define SW_F_RO 5u
#define SW_F_BLK_SIZE 6u
#define SW_F_FLUSH 9u
#define SW_F_CONFIG_WCE 11u
#define SW_F_MQ 12u
#define SW_F_DISCARD 13u
#define SW_F_WRITE_ZEROES 14u
#define SW_F_INDIRECT_DESC 28u
#define SW_F_EVENT_IDX 29u
#define SW_F_VERSION_1 32u
#define SW_F_RING_PACKED 34u

/* Status bits (2.1). */
#define SW_S_ACKNOWLEDGE 0x01u
#define SW_S_DRIVER 0x02u
#define SW_S_DRIVER_OK 0x04u
#define SW_S_FEATURES_OK 0x08u
#define SW_S_NEEDS_RESET 0x40u
#define SW_S_FAILED 0x80u

enum sw_fault {
	SW_FAULT_NONE = 0,
	SW_FAULT_STALL,	      /* take requests, never complete them */
	SW_FAULT_ID_RANGE,    /* used id >= queue size */
	SW_FAULT_ID_NOT_HEAD, /* used id: the chain's second descriptor [packed: an id not held] */
	SW_FAULT_IDX_JUMP,    /* used idx moves by 3 for one completion [packed: wrong wrap bits] */
	SW_FAULT_LEN_BIG,     /* used len 100 bytes past the writable buffers */
	SW_FAULT_GARBAGE_STATUS, /* status byte 0x7f */
	SW_FAULT_NO_STATUS,	 /* complete without writing the status byte */
	SW_FAULT_LOSE_WRITES,	 /* report OK for writes, store nothing */
};

/* Transport operations that can be made to fail (-VDISC_EIO). */
enum sw_op {
	SW_OP_NONE = 0,
	SW_OP_GET_STATUS,
	SW_OP_SET_STATUS,
	SW_OP_GET_FEATURES,
	SW_OP_SET_FEATURES,
	SW_OP_CONFIG_READ,
	SW_OP_QUEUE_MAX,
	SW_OP_QUEUE_SETUP,
	SW_OP_QUEUE_NOTIFY,
};

struct sw_blk;
typedef void (*sw_blk_hook)(struct sw_blk *sw, void *arg);

struct sw_blk {
	/* What the driver gets: dev.ops, dev.transport and dev.platform point in here. */
	struct vdisc_virtio_transport_ops ops;
	struct vdisc_platform platform;
	struct vdisc_virtio_dev dev;

	/* The disk and its configuration. */
	uint8_t *disk;
	uint64_t sectors;
	uint32_t blk_size, seg_max, size_max;
	uint32_t max_discard_sectors, max_write_zeroes_sectors;
	char id[20];
	bool legacy, read_only;
	struct vdisc_virtio_features offered, accepted;
	uint8_t status;
	uint32_t generation;
	unsigned gen_bump; /* the generation changes on this many capacity reads */

	/* The queue. */
	uint16_t qmax, qsize, last_avail, used_idx;
	bool q_ready;
	uint8_t *desc, *avail, *used;
	uint16_t held[VDISC_VIRTQ_MAX_SIZE]; /* heads [packed: ids] taken, not yet completed */
	unsigned nheld;

	/* The packed ring (2.8), when RING_PACKED was accepted: where the device reads and
	 * writes next, and its own copy of each held request's ring descriptors (the driver
	 * may reuse those slots once they are used, even while other requests are held). */
	bool packed;
	uint16_t p_avail, p_used;
	bool p_avail_wrap, p_used_wrap;
	uint8_t p_copy[VDISC_VIRTQ_MAX_SIZE * 16u];
	unsigned p_ncopy; /* descriptors in p_copy */
	uint16_t p_first[VDISC_VIRTQ_MAX_SIZE], p_ndesc[VDISC_VIRTQ_MAX_SIZE]; /* per id */

	/* Behaviour. */
	bool async;	    /* complete one request per clock tick, not on notify */
	bool lifo;	    /* complete the newest held request first */
	bool manual;	    /* never touch the rings: the test (or fuzzer) plays device */
	bool set_no_notify; /* VIRTQ_USED_F_NO_NOTIFY in the used ring */
	bool refuse_features_ok;
	bool stuck_reset;    /* status never reads back 0 after a reset */
	bool id_unsupported; /* GET_ID answered UNSUPP */
	unsigned dma_fail;   /* fail this many dma_alloc calls */
	enum sw_fault fault;
	unsigned fault_after;  /* honest completions before the fault starts */
	uint64_t ioerr_sector; /* UINT64_MAX: none */
	bool ioerr_read, ioerr_write;
	enum sw_op fail_op;
	unsigned fail_op_after;	      /* successful calls of fail_op before it fails */
	uint8_t fail_set_status_bits; /* with SW_OP_SET_STATUS: fail only writes adding these */
	int alive_error;	      /* check_alive's answer once alive_after checks have passed */
	unsigned alive_after;
	sw_blk_hook tick_hook;
	void *hook_arg;

	/* The clock. */
	uint64_t clock, tick_ns;

	/* What happened. */
	unsigned alive_checks; /* check_alive calls */
	unsigned notify_waits; /* wait_notify calls */
	unsigned notifies, requests, completions, resets, flushes, discards, write_zeroes;
	unsigned reads, writes;
	unsigned indirect_requests; /* requests that came as an indirect table */
	unsigned max_inflight;	    /* most requests held at once */
	unsigned max_data_descs;    /* most data descriptors in one request */
	uint32_t max_desc_len;	    /* longest data descriptor */
	unsigned bad;		    /* driver errors the device saw (each is a test failure) */
	const char *bad_why;
	bool saw_failed; /* the driver set FAILED */
	void *dma[SW_BLK_MAX_DMA];
	size_t dma_size[SW_BLK_MAX_DMA];
	unsigned dma_live;
};

/* A disk of @sectors 512-byte sectors filled with a fixed pseudo-random pattern. */
void sw_blk_init(struct sw_blk *sw, uint64_t sectors, bool legacy);
void sw_blk_free(struct sw_blk *sw);
uint64_t sw_blk_checksum(const struct sw_blk *sw);
void sw_blk_offer(struct sw_blk *sw, unsigned bit, bool on);

/* Serve what the driver has made available (what a notify does in the default mode). */
void sw_blk_process(struct sw_blk *sw);
/* Complete one held request honestly; false when none is held. */
bool sw_blk_complete_one(struct sw_blk *sw);
/* Take the driver's available heads into held[] without completing them. */
void sw_blk_take(struct sw_blk *sw);
/*
 * Manual mode: write a used element as a hostile device might, and move used->idx by @inc.
 * Packed: takes what the driver made available first, then writes a used descriptor (id,
 * len, WRITE, the device's wrap bits) at the next used slot and skips the slots of the
 * request id named (1 for an id the device never took); @inc is ignored.
 */
void sw_blk_push_used(struct sw_blk *sw, uint32_t id, uint32_t len, uint16_t inc);
/* Packed, manual mode: write any descriptor at any slot (flags last), as a hostile device. */
void sw_blk_packed_write(struct sw_blk *sw, uint16_t slot, uint16_t id, uint32_t len,
			 uint16_t flags);
/* Packed flag bits a device writes for a used descriptor in a lap of wrap counter @wrap. */
#define SW_PACKED_USED(wrap) ((wrap) ? 0x8080u : 0u)

#endif
