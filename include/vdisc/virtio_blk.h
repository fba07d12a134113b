/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_BLK_H
#define VDISC_VIRTIO_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio_spec.h"
#include "virtio_transport.h"
#include "virtqueue.h"

/*
 * The top layer of the virtio driver stack: a virtio-blk driver (virtio
 * 1.3, 5.2) over one split virtqueue, polled, using only typed
 * configuration reads, the accepted features and the queue.  Requests live
 * in caller-owned structs and the platform's DMA memory; every wait is
 * bounded by the platform clock.
 */

#define VDISC_BLK_SECTOR 512u /* the unit of every sector number (5.2.6) */
#define VDISC_BLK_MAX_INFLIGHT 16

struct vdisc_blk {
	struct vdisc_virtio_dev *dev;
	struct vdisc_virtq vq;
	uint64_t capacity; /* in 512-byte sectors */
	uint32_t blk_size; /* logical block size (BLK_SIZE, else 512) */
	uint32_t seg_max, size_max;
	bool read_only, flush, discard, write_zeroes;
	uint64_t timeout_ns; /* per request; default 5 s */
	/* How the last read/write/flush ended (5.2.6): 0 OK, or the failing request's
	 * status byte (1 IOERR, 2 UNSUPP, other: garbage); 0xff: a request never came
	 * back (a timeout, or a device fault). */
	uint8_t last_status;
	/* Request headers and status bytes, in DMA memory, one slot per request in flight. */
	void *req_mem;
	uint64_t req_phys;
};

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

/* What vdisc_blk_check() did to each sector it touched. */
enum vdisc_blk_sector_state {
	VDISC_BLK_UNTOUCHED = 0,
	VDISC_BLK_READ_ONLY,	  /* only read */
	VDISC_BLK_RESTORED,	  /* written, restored and verified */
	VDISC_BLK_RESTORE_FAILED, /* written, restore not verified: data may be lost */
	VDISC_BLK_WRITE_FAILED,	  /* the pattern write failed: contents unknown */
};

#define VDISC_BLK_CHECK_SECTORS 3

struct vdisc_blk_check_report {
	uint64_t sector[VDISC_BLK_CHECK_SECTORS]; /* first, middle, last */
	enum vdisc_blk_sector_state state[VDISC_BLK_CHECK_SECTORS];
	bool wrote; /* false on a read-only device */
	int error;  /* 0, or the first error */
	uint64_t error_sector;
	uint8_t blk_status; /* with error: last_status after the failing call (0: not a device
			       error) */
	const char *reason; /* static text: "read", "write", "verify", "restore", ... */
};

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

#endif
