/* SPDX-License-Identifier: MIT */
#ifndef VDISC_TESTS_SW_BLK_H
#define VDISC_TESTS_SW_BLK_H

/*
 * A software virtio-blk device in the test's own process: a RAM disk
 * behind struct vdisc_virtio_transport_ops, with the status register,
 * feature negotiation, a configuration space and one split virtqueue that
 * it serves as a device would -- walking the driver's descriptors with its
 * own bounds checks, reading and writing guest memory (device address ==
 * pointer), then the used ring.  Modern (little-endian rings, FEATURES_OK)
 * or legacy (native rings, no FEATURES_OK, one contiguous ring area).
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
#define SW_BLK_MAX_QUEUES 4u

/* One queue's device-side state; the current queue's lives in struct sw_blk itself. */
struct sw_qstate {
	uint16_t qsize, last_avail, used_idx;
	bool q_ready;
	uint8_t *desc, *avail, *used;
	uint16_t held[VDISC_VIRTQ_MAX_SIZE];
	unsigned nheld;
};

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

/* Status bits (2.1). */
#define SW_S_ACKNOWLEDGE 0x01u
#define SW_S_DRIVER 0x02u
#define SW_S_DRIVER_OK 0x04u
#define SW_S_FEATURES_OK 0x08u
#define SW_S_NEEDS_RESET 0x40u
#define SW_S_FAILED 0x80u

enum sw_fault {
	SW_FAULT_NONE = 0,
	SW_FAULT_STALL,		 /* take requests, never complete them */
	SW_FAULT_ID_RANGE,	 /* used id >= queue size */
	SW_FAULT_ID_NOT_HEAD,	 /* used id: the chain's second descriptor */
	SW_FAULT_IDX_JUMP,	 /* used idx moves by 3 for one completion */
	SW_FAULT_LEN_BIG,	 /* used len 100 bytes past the writable buffers */
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
/* An interrupt delivered to the driver's side: @vector is the queue, or SW_IRQ_CONFIG. */
typedef void (*sw_blk_irq_hook)(struct sw_blk *sw, uint16_t vector, void *arg);
#define SW_IRQ_CONFIG 0xfffeu

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

	/*
	 * The queues: @nqueues of them (0 or 1: one; more: MQ, num_queues in the
	 * configuration).  The fields below are queue @cur's; sw_blk_select() parks
	 * them in @parked and loads another's, so the single-queue code serves all.
	 */
	uint16_t nqueues, cur;
	struct sw_qstate parked[SW_BLK_MAX_QUEUES];
	uint16_t qmax, qsize, last_avail, used_idx;
	bool q_ready;
	uint8_t *desc, *avail, *used;
	uint16_t held[VDISC_VIRTQ_MAX_SIZE]; /* heads taken from avail, not yet completed */
	unsigned nheld;

	/* Behaviour. */
	bool async;	    /* complete one request per clock tick, not on notify */
	bool on_sleep;	    /* complete one request per wait_irq sleep, not on notify */
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

	/*
	 * Interrupts.  After each completion the model decides as a device does whether
	 * the driver wants one (2.7.7: avail flags; 2.7.10 with EVENT_IDX: used_event
	 * crossed), sets the ISR's queue bit and raises it.  A raised interrupt is
	 * delivered to @irq at once, or, while the fake irq_save holds interrupts off or
	 * a handler runs, when that ends (as a CPU and its controller do); @irq NULL is a
	 * line masked at the controller: nothing is ever delivered.
	 */
	sw_blk_irq_hook irq;
	void *irq_arg;
	uint8_t isr;	      /* VDISC_VIRTIO_ISR_* bits, cleared by isr_ack */
	uint32_t irq_pending; /* raised, not delivered: bit n queue n, bit 31 config */
	unsigned irq_depth;   /* fake irq_save nesting */
	bool in_irq;	      /* a handler runs */
	unsigned race_mb;     /* complete one request at this mb() inside a handler (0: never) */
	unsigned mb_in_irq;   /* mb() calls inside handlers */
	bool irq_in_v2p;      /* complete one request inside virt_to_phys (inside submit) */
	unsigned irqs_raised; /* completions the driver wanted an interrupt for */
	unsigned irqs_suppressed;		/* completions the driver's suppression held back */
	unsigned irqs_delivered, irqs_deferred; /* deferred: raised while held off */
	unsigned irq_saves, irq_max_depth, wait_irqs, isr_reads;

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

/* Make queue @q the current one (below SW_BLK_MAX_QUEUES). */
void sw_blk_select(struct sw_blk *sw, uint16_t q);
/* Serve what the driver has made available (what a notify does in the default mode). */
void sw_blk_process(struct sw_blk *sw);
/* Complete one held request honestly; false when none is held. */
bool sw_blk_complete_one(struct sw_blk *sw);
/* Take the driver's available heads into held[] without completing them. */
void sw_blk_take(struct sw_blk *sw);
/* Manual mode: write a used element as a hostile device might, and move used->idx by @inc. */
void sw_blk_push_used(struct sw_blk *sw, uint32_t id, uint32_t len, uint16_t inc);
/* The capacity changes to @sectors (the disk grows or shrinks): generation, ISR, interrupt. */
void sw_blk_config_change(struct sw_blk *sw, uint64_t sectors);
/* Deliver what is pending and not held off (what irq_restore and a handler's end do). */
void sw_blk_irq_deliver(struct sw_blk *sw);

#endif
