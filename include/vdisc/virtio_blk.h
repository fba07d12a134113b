/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_BLK_H
#define VDISC_VIRTIO_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio_spec.h"
#include "virtio_transport.h"
#include "virtqueue.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The top layer of the virtio driver stack: a virtio-blk driver (virtio
 * 1.3, 5.2) over split virtqueues, polled, using only typed configuration
 * reads, the accepted features and the queues.  Requests live in
 * caller-owned structs and the platform's DMA memory; every wait is bounded
 * by the platform clock and, where the transport has one, its check_alive
 * hook.
 *
 * Completion is polled, or interrupt-driven after vdisc_blk_irq_mode() (the
 * embedder's handler calls vdisc_blk_interrupt()).
 *
 * Two ways in: the asynchronous API (vdisc_blk_submit, vdisc_blk_kick,
 * vdisc_blk_poll, vdisc_blk_wait) keeps as many requests in flight as a
 * queue has room for, on every queue the device offers (MQ); the
 * synchronous calls (vdisc_blk_read, _write, _flush, ...) are built on it,
 * on queue 0, with up to VDISC_BLK_MAX_INFLIGHT requests in flight.
 */

#define VDISC_BLK_SECTOR 512u	   /* the unit of every sector number (5.2.6) */
#define VDISC_BLK_MAX_INFLIGHT 16u /* requests in flight for one synchronous call */

/*
 * One request of the asynchronous API.  The caller fills the first block,
 * owns the struct, and leaves it (and its buffer) alone from
 * vdisc_blk_submit() until vdisc_blk_poll()/vdisc_blk_wait() hands it back
 * with result and status set.
 */
struct vdisc_blk_req {
	uint64_t sector; /* IN, OUT, DISCARD, WRITE_ZEROES: the first sector */
	void *buf;	 /* IN/OUT: count * 512 bytes of DMA-able memory; GET_ID: 20 bytes (any) */
	void *user;	 /* the caller's, never touched */
	uint32_t type;	 /* VDISC_VIRTIO_BLK_T_IN, _OUT, _FLUSH, _GET_ID, _DISCARD, _WRITE_ZEROES */
	uint32_t count;	 /* sectors (IN, OUT, DISCARD, WRITE_ZEROES) */
	int result;	 /* when done: 0, or -VDISC_EIO / -VDISC_ENOTSUP from the status byte */
	uint8_t status;	 /* when done: the device's status byte (0xff: it never wrote one) */
	uint16_t slot_;	 /* private */
	/*
	 * May be NULL.  Called once result and status are set, by whichever call took
	 * the completion off the ring: vdisc_blk_interrupt() (interrupt-handler context)
	 * in interrupt mode, vdisc_blk_poll()/_wait() otherwise.  A notification only:
	 * the request is still handed back by vdisc_blk_poll()/_wait(), and the hook must
	 * not call into the driver (wake a thread, count, record).
	 */
	void (*complete)(struct vdisc_blk_req *req);
};

/* One request queue: its ring, and a slot of DMA memory per request it can hold. */
struct vdisc_blk_queue {
	struct vdisc_virtq vq;
	void *req_mem; /* nslots slots: header, status, discard segment, id, indirect table */
	uint64_t req_phys;
	uint16_t nslots, nfree;
	uint16_t free_slot[VDISC_VIRTQ_MAX_SIZE];
	struct vdisc_blk_req *req[VDISC_VIRTQ_MAX_SIZE]; /* the request in each busy slot */
	/* Interrupt mode: the slots whose completion the handler took, oldest first, until
	 * vdisc_blk_poll() hands them back (each slot is in it at most once: no overflow). */
	uint16_t done_slot[VDISC_VIRTQ_MAX_SIZE];
	uint16_t done_head, ndone;
};

struct vdisc_blk {
	struct vdisc_virtio_dev *dev;
	struct vdisc_blk_queue *queues; /* nqueues of them: &queue0, or the caller's array */
	uint16_t nqueues;
	uint16_t num_queues; /* what the device offers (num_queues with MQ, else 1) */
	struct vdisc_blk_queue queue0;
	uint64_t capacity; /* in 512-byte sectors */
	uint32_t blk_size; /* logical block size (BLK_SIZE, else 512) */
	uint32_t seg_max, size_max;
	uint32_t max_discard_sectors, max_write_zeroes_sectors; /* 0: no request may carry any */
	uint32_t max_req_sectors; /* the longest read or write one request carries */
	uint32_t seg_bytes;	  /* bytes per data segment (size_max, bounded) */
	bool read_only, flush, discard, write_zeroes;
	bool dead;	     /* a device fault or lost peer: every call fails with -VDISC_EIO */
	uint64_t timeout_ns; /* the longest wait without a completion; default 5 s */
	/* How long vdisc_blk_wait() polls before it sleeps in the transport's wait_notify
	 * (where there is one); 0, the default, polls only. */
	uint64_t spin_ns;
	/* How the last synchronous call ended (5.2.6): 0 OK, or the failing request's
	 * status byte (1 IOERR, 2 UNSUPP, other: garbage); 0xff: a request never came
	 * back (a timeout, or a device fault). */
	uint8_t last_status;
	/* Interrupt mode (vdisc_blk_irq_mode): the handler takes completions, poll and wait
	 * only hand them back; the wait sleeps in the platform's wait_irq. */
	bool irq_mode;
	int irq_fault; /* 0, or the device fault the handler met: the next call fails the device */
	uint32_t irq_completions; /* completions vdisc_blk_interrupt() took */
	uint32_t config_changes;  /* configuration-change interrupts seen */
};

/* vdisc_blk_interrupt()'s @queue for a wired line (INTx, a DT interrupt): the ISR says what
 * happened, and every queue is looked at. */
#define VDISC_BLK_IRQ_WIRED 0xffffu
/* ... for the MSI-X configuration-change vector (dev->config_vector). */
#define VDISC_BLK_IRQ_CONFIG 0xfffeu

/**
 * vdisc_blk_init - negotiate, read the configuration, set up the request queue, DRIVER_OK
 * @blk: the driver state, filled here
 * @dev: the device, from a transport constructor
 * @failed_step: out: which step failed, on error (may be NULL)
 *
 * On failure the device is failed and reset, and everything allocated is freed.
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @blk, @dev, @dev->ops or @dev->platform
 *	-VDISC_ENOTSUP, not a block device, a queue of fewer than 3 entries, a platform
 *	without DMA memory, or any vdisc_virtio_negotiate() refusal
 *	-VDISC_EIO, a block size that is not a power of 2 from 512 to 64 KiB, a
 *	configuration that never held still, or the device failed a step
 *	-VDISC_ENOMEM, DMA memory could not be had
 *	-VDISC_ETIMEDOUT, a reset did not complete
 *	or any error of vdisc_virtq_init() or of a transport hook
 */
int vdisc_blk_init(struct vdisc_blk *blk, struct vdisc_virtio_dev *dev,
		   enum vdisc_virtio_init_step *failed_step);

/**
 * vdisc_blk_init_mq - vdisc_blk_init() with several request queues (MQ) and a chosen depth
 * @blk: the driver state, filled here
 * @dev: the device, from a transport constructor
 * @queues: @nqueues queues' state, owned by the caller for the driver's life
 * @nqueues: queues wanted, 1 or more; fewer are set up when the device has fewer
 *	     (blk->nqueues says how many)
 * @depth: requests each queue may have in flight (one slot of DMA memory each, 384 bytes);
 *	   0 or more than the ring holds: as many as it holds
 * @failed_step: out: which step failed, on error (may be NULL)
 *
 * MQ is accepted only when @nqueues is above 1.  vdisc_blk_init() is this
 * with one queue (blk->queue0) of depth VDISC_BLK_MAX_INFLIGHT.
 *
 * returns:
 *	as vdisc_blk_init(), and -VDISC_EINVAL for a NULL @queues or @nqueues of 0
 */
int vdisc_blk_init_mq(struct vdisc_blk *blk, struct vdisc_virtio_dev *dev,
		      struct vdisc_blk_queue *queues, uint16_t nqueues, uint16_t depth,
		      enum vdisc_virtio_init_step *failed_step);

/**
 * vdisc_blk_release - reset the device, then free the queue and request memory
 * @blk: the driver (NULL, or never initialised: nothing happens)
 *
 * A device that will not reset keeps its memory: it is leaked, never reused.
 */
void vdisc_blk_release(struct vdisc_blk *blk);

/**
 * vdisc_blk_read - read @count sectors at @sector into @buf
 * @blk: the driver
 * @sector: the first sector (512 bytes), a multiple of the logical block
 * @buf: DMA-able memory (its device address from the platform's virt_to_phys)
 * @count: sectors, a multiple of the logical block
 *
 * Split to honour seg_max and size_max, several requests in flight.
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @blk or @buf, or a range that splits a logical block
 *	-VDISC_ERANGE, a range past the capacity
 *	-VDISC_ENOTSUP, segments too small for one logical block, or the device said so
 *	-VDISC_EIO, the device said so (blk->last_status tells how), or the queue is dead
 *	-VDISC_ETIMEDOUT, a request did not complete in blk->timeout_ns
 */
int vdisc_blk_read(struct vdisc_blk *blk, uint64_t sector, void *buf, uint32_t count);

/**
 * vdisc_blk_write - write @count sectors at @sector from @buf
 * @blk: the driver
 * @sector: the first sector, a multiple of the logical block
 * @buf: DMA-able memory, which the device only reads
 * @count: sectors, a multiple of the logical block
 *
 * returns:
 *	as vdisc_blk_read(), and
 *	-VDISC_EPERM, a read-only device
 */
int vdisc_blk_write(struct vdisc_blk *blk, uint64_t sector, const void *buf, uint32_t count);

/**
 * vdisc_blk_flush - make completed writes durable
 * @blk: the driver
 *
 * Without FLUSH the device writes through (5.2.6.2): nothing is sent.
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @blk
 *	-VDISC_ENOTSUP, -VDISC_EIO, -VDISC_ETIMEDOUT, as for vdisc_blk_read()
 */
int vdisc_blk_flush(struct vdisc_blk *blk);

/**
 * vdisc_blk_get_id - the device's serial (GET_ID)
 * @blk: the driver
 * @id: out: up to 20 bytes, NUL-terminated (21 bytes)
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @blk or @id
 *	-VDISC_ENOTSUP, -VDISC_EIO, -VDISC_ETIMEDOUT, as for vdisc_blk_read()
 */
int vdisc_blk_get_id(struct vdisc_blk *blk, char id[21]);

/**
 * vdisc_blk_discard - tell the device @count sectors at @sector are unused (DISCARD)
 * @blk: the driver
 * @sector: the first sector, a multiple of the logical block
 * @count: sectors, a multiple of the logical block
 *
 * returns:
 *	as vdisc_blk_write(), and
 *	-VDISC_ENOTSUP, DISCARD was not negotiated
 */
int vdisc_blk_discard(struct vdisc_blk *blk, uint64_t sector, uint32_t count);

/**
 * vdisc_blk_write_zeroes - zero @count sectors at @sector (WRITE_ZEROES, never unmapping)
 * @blk: the driver
 * @sector: the first sector, a multiple of the logical block
 * @count: sectors, a multiple of the logical block
 *
 * returns:
 *	as vdisc_blk_write(), and
 *	-VDISC_ENOTSUP, WRITE_ZEROES was not negotiated
 */
int vdisc_blk_write_zeroes(struct vdisc_blk *blk, uint64_t sector, uint32_t count);

/* ---- The asynchronous API -------------------------------------------------- */

/**
 * vdisc_blk_submit - queue one request on queue @queue (visible to the device after a kick)
 * @blk: the driver
 * @queue: below blk->nqueues
 * @req: the request, filled in by the caller; its buffer must stay put until it completes
 *
 * A read or write carries at most blk->max_req_sectors, a discard or
 * write-zeroes at most the device's limit; a larger range is the caller's to
 * split (the synchronous calls do).
 *
 * returns:
 *	0 when queued
 *	-VDISC_EAGAIN, the queue is full: take a completion first
 *	-VDISC_EINVAL, a NULL argument, a bad queue or type, a count of 0, above the
 *	per-request limit, or not whole logical blocks
 *	-VDISC_ERANGE, a range past the capacity
 *	-VDISC_EPERM, a write, discard or write-zeroes on a read-only device
 *	-VDISC_ENOTSUP, a FLUSH, DISCARD or WRITE_ZEROES the device did not offer
 *	-VDISC_EIO, the driver is dead (blk->dead)
 */
int vdisc_blk_submit(struct vdisc_blk *blk, uint16_t queue, struct vdisc_blk_req *req);

/**
 * vdisc_blk_kick - publish the requests queued on @queue and notify the device
 * @blk: the driver
 * @queue: below blk->nqueues
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @blk or a bad queue
 *	-VDISC_EIO, the driver is dead, or the transport failed (the driver is then dead)
 */
int vdisc_blk_kick(struct vdisc_blk *blk, uint16_t queue);

/**
 * vdisc_blk_poll - kick, then hand back the requests that have completed on @queue, without waiting
 * @blk: the driver
 * @queue: below blk->nqueues
 * @done: out: the completed requests, result and status set
 * @max: room in @done
 *
 * Polled, it takes completions off the ring; in interrupt mode it hands back those
 * vdisc_blk_interrupt() took, oldest first (and after the handler met a device fault,
 * fails the device: -VDISC_EIO).
 *
 * returns:
 *	the number of requests put in @done, 0 or more
 *	-VDISC_EINVAL, a NULL argument or a bad queue
 *	-VDISC_EIO, the driver is dead, or the device misbehaved (it is then failed and
 *	reset; requests still in flight are abandoned, never handed back)
 */
int vdisc_blk_poll(struct vdisc_blk *blk, uint16_t queue, struct vdisc_blk_req **done,
		   unsigned max);

/**
 * vdisc_blk_wait - vdisc_blk_poll() until at least one request completes
 * @blk: the driver
 * @queue: below blk->nqueues
 * @done: out: the completed requests
 * @max: room in @done, 1 or more
 *
 * Waits at most blk->timeout_ns for a completion, and ends at once when the
 * transport's check_alive hook reports the device gone.  After blk->spin_ns
 * of polling (when set, and the transport can) it sleeps until the device
 * notifies, so that a device sharing the CPU gets it.  In interrupt mode
 * (vdisc_blk_irq_mode) it hands back what the handler took, sleeping in the
 * platform's wait_irq (when there is one) between looks.
 *
 * returns:
 *	the number of requests put in @done: 1 or more; 0 when none was in flight
 *	-VDISC_ETIMEDOUT, nothing completed in time, or the hook's error: the device is
 *	failed, the driver dead, and requests in flight are abandoned
 *	or an error of vdisc_blk_poll()
 */
int vdisc_blk_wait(struct vdisc_blk *blk, uint16_t queue, struct vdisc_blk_req **done,
		   unsigned max);

/* ---- Interrupt-driven completion --------------------------------------------- */

/**
 * vdisc_blk_irq_mode - complete by interrupt (@on), or back to polling
 * @blk: the driver
 * @on: true: ask the device for used-buffer notifications on every queue, and
 *      let only vdisc_blk_interrupt() take completions; false: suppress them, and
 *      let vdisc_blk_poll() take completions off the rings again
 *
 * The embedder routes the device's interrupt (its MSI-X vectors, or the wired line)
 * to vdisc_blk_interrupt() before turning this on.  Completions already on a ring
 * are taken here.  In interrupt mode vdisc_blk_poll() and vdisc_blk_wait() hand
 * back what the handler took (wait sleeping in the platform's wait_irq between
 * looks, at most 1 ms at a time and never past blk->timeout_ns), so the
 * synchronous calls and vdisc_blk_check() work unchanged.  An interrupt that never
 * comes ends the wait in -VDISC_ETIMEDOUT, as a device that never answers does.
 *
 * The handler and the thread share the rings' free lists and the completion lists;
 * the driver keeps the handler out of its own sections with the platform's
 * irq_save/irq_restore.  A platform without those hooks must not let the handler
 * run while the thread is inside a vdisc_blk_* call (call vdisc_blk_interrupt()
 * from the thread after wait_irq, say).
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL or uninitialised @blk
 *	-VDISC_EIO, the driver is dead, or a ring the device broke (it is then failed)
 */
int vdisc_blk_irq_mode(struct vdisc_blk *blk, bool on);

/**
 * vdisc_blk_interrupt - the interrupt handler's part: take the completions of @queue
 * @blk: the driver
 * @queue: the queue whose MSI-X vector fired (below blk->nqueues), VDISC_BLK_IRQ_CONFIG
 *         for the configuration vector, or VDISC_BLK_IRQ_WIRED for a wired line
 * @config_changed: out (may be NULL): the device says its configuration changed; the
 *         thread may then re-read it (vdisc_blk_refresh_capacity())
 *
 * Safe in interrupt-handler context: no allocation, no wait, bounded (at most the
 * ring's size of completions per queue, and one more look after re-arming).  Only
 * VDISC_BLK_IRQ_WIRED reads (and so acknowledges) the ISR status; a wired line
 * whose ISR is 0 was another device's.  Completions go to the queue's completion
 * list (each request's complete hook is called) for vdisc_blk_poll()/_wait() to
 * hand back.  Then notifications are re-armed and the ring looked at once more, so
 * a completion that came after the last look but before re-arming, which raises no
 * interrupt, is taken too (with and without EVENT_IDX).  Outside interrupt mode it
 * only acknowledges the ISR and counts configuration changes.  Counted in
 * blk->irq_completions and blk->config_changes.
 *
 * returns:
 *	the number of completions taken, 0 or more
 *	-VDISC_EINVAL, a NULL @blk or a bad @queue
 *	-VDISC_ENOTSUP, VDISC_BLK_IRQ_WIRED on a transport without an ISR (isr_ack)
 *	-VDISC_EIO, the driver is dead, or the device misbehaved: the queue is dead and the
 *	next vdisc_blk_* call from the thread fails the device
 *	or the transport's isr_ack error
 */
int vdisc_blk_interrupt(struct vdisc_blk *blk, uint16_t queue, bool *config_changed);

/**
 * vdisc_blk_refresh_capacity - re-read the capacity after a configuration change
 * @blk: the driver (thread context: configuration reads, retried under the generation)
 *
 * returns:
 *	0 with blk->capacity updated
 *	-VDISC_EINVAL, a NULL or uninitialised @blk
 *	-VDISC_EIO, the driver is dead, or the configuration never held still
 *	or a transport hook's error
 */
int vdisc_blk_refresh_capacity(struct vdisc_blk *blk);

/**
 * vdisc_blk_inflight - requests submitted on @queue and not yet handed back
 * @blk: the driver
 * @queue: below blk->nqueues (another: 0)
 */
unsigned vdisc_blk_inflight(const struct vdisc_blk *blk, uint16_t queue);

/* What vdisc_blk_check() did to each block it touched. */
enum vdisc_blk_sector_state {
	VDISC_BLK_UNTOUCHED = 0,
	VDISC_BLK_READ_ONLY,	  /* only read */
	VDISC_BLK_RESTORED,	  /* written, restored and verified */
	VDISC_BLK_RESTORE_FAILED, /* written, restore not verified: data may be lost */
	VDISC_BLK_WRITE_FAILED,	  /* the pattern write failed: contents unknown */
};

/* The steps of the check, in order, for each block (its step hook sees each one end). */
enum vdisc_blk_check_step {
	VDISC_BLK_STEP_READ = 0,       /* read, and kept as the saved copy */
	VDISC_BLK_STEP_WRITE,	       /* the pattern written */
	VDISC_BLK_STEP_FLUSH,	       /* and flushed */
	VDISC_BLK_STEP_VERIFY,	       /* read back and compared with the pattern */
	VDISC_BLK_STEP_RESTORE,	       /* the saved copy written back */
	VDISC_BLK_STEP_RESTORE_FLUSH,  /* and flushed */
	VDISC_BLK_STEP_RESTORE_VERIFY, /* read back and compared with the saved copy */
	VDISC_BLK_STEP_COUNT_
};

#define VDISC_BLK_CHECK_SECTORS 3      /* the default: first, middle, last */
#define VDISC_BLK_CHECK_MAX_SECTORS 16 /* blocks one check can be asked to visit */

struct vdisc_blk_check_report {
	unsigned nsectors;			      /* blocks visited or to visit */
	uint64_t sector[VDISC_BLK_CHECK_MAX_SECTORS]; /* each block's first sector */
	enum vdisc_blk_sector_state state[VDISC_BLK_CHECK_MAX_SECTORS];
	bool wrote;   /* false on a read-only device or check */
	bool stopped; /* the step hook asked to stop */
	int error;    /* 0, or the first error */
	uint64_t error_sector;
	enum vdisc_blk_check_step error_step; /* with error: the step that failed */
	uint8_t blk_status; /* with error: last_status after the failing call (0: not a device
			       error) */
	const char *reason; /* static text: "read", "write", "verify", "restore", ... */
};

/* How vdisc_blk_check_opts() runs; zeroed, it is vdisc_blk_check(). */
struct vdisc_blk_check_opts {
	const uint64_t
		*sectors;  /* the blocks to visit (first sectors); NULL: first, middle, last */
	unsigned nsectors; /* with @sectors: 1 to VDISC_BLK_CHECK_MAX_SECTORS */
	bool read_only;	   /* only read, even where the device is writable */
	/*
	 * Called after each step of each block with its error (0: it went well).  A nonzero
	 * return stops the check: a block whose pattern may be on the disk is restored and
	 * verified first, then the check returns -VDISC_ECANCELED.  May be NULL.
	 */
	int (*step)(void *ctx, unsigned index, enum vdisc_blk_check_step step, int err);
	void *ctx;
};

/**
 * vdisc_blk_state_name - a block's state after the check, as one word
 * @state: the state
 *
 * returns: "untouched", "read", "restored", "RESTORE-FAILED" (loud: data may be lost) or
 *	"write-failed"; "untouched" for a value outside the enum
 */
const char *vdisc_blk_state_name(enum vdisc_blk_sector_state state);

/**
 * vdisc_blk_check_step_name - a step of the check, as one word
 * @step: the step
 *
 * returns: "read", "write", "flush", "verify", "restore", "restore-flush" or
 *	"restore-verify"; "?" for a value outside the enum
 */
const char *vdisc_blk_check_step_name(enum vdisc_blk_check_step step);

/**
 * vdisc_blk_check - a non-destructive check of the first, a middle and the last block
 * @blk: the driver
 * @scratch: 4 * blk_size bytes of DMA-able memory the check may use
 * @report: out: what was done to each block, and the first error
 *
 * Reads each block; on a writable device saves it, writes a pattern,
 * flushes, reads back and compares, restores, reads back and compares
 * again.  Nothing is ever left changed: after any failure it still tries to
 * restore, and the report says which state each touched block is in.
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL argument or a block size below 512
 *	-VDISC_ERANGE, a disk smaller than one logical block
 *	-VDISC_EIO, a read back that did not compare equal
 *	or the first error of the read, write and flush calls
 */
int vdisc_blk_check(struct vdisc_blk *blk, void *scratch, struct vdisc_blk_check_report *report);

/**
 * vdisc_blk_check_opts - vdisc_blk_check() on chosen blocks, read-only if asked, with a step hook
 * @blk: the driver
 * @scratch: 4 * blk_size bytes of DMA-able memory the check may use
 * @opts: the blocks, read-only, the hook (NULL: as vdisc_blk_check())
 * @report: out: as for vdisc_blk_check()
 *
 * Each block is done completely, restore included, before the next: at
 * most one block is ever away from its contents.  On the saved copy of a
 * block whose restore failed: it is still in @scratch (its first blk_size
 * bytes) when the call returns.
 *
 * returns:
 *	as vdisc_blk_check(), and
 *	-VDISC_EINVAL, a sector that is not the start of a logical block, or a bad count
 *	-VDISC_ERANGE, a block past the capacity
 *	-VDISC_ECANCELED, the step hook stopped the check
 */
int vdisc_blk_check_opts(struct vdisc_blk *blk, void *scratch,
			 const struct vdisc_blk_check_opts *opts,
			 struct vdisc_blk_check_report *report);

#ifdef __cplusplus
}
#endif

#endif
