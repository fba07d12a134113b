/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_DRV_H
#define VDISC_VIRTIO_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform.h"
#include "virtio.h"

/*
 * The virtio driver stack, in three layers as STYLE.md asks:
 *   transport (MMIO v1/v2, PCI modern, PCI legacy) -> split virtqueue -> virtio-blk.
 * No heap: rings and requests live in the platform's DMA memory or in
 * caller-owned structs.  Every wait is bounded by the platform clock.
 */

/* ---- Transport ------------------------------------------------------------ */

struct vdisc_virtio_transport_ops {
	const char *name; /* "mmio-v1", "mmio-v2", "pci-modern", "pci-legacy" */
	int (*get_status)(void *t, uint8_t *status);
	int (*set_status)(void *t, uint8_t status); /* 0 resets the device */
	/* The device's offered features (all words the transport can reach). */
	int (*get_features)(void *t, struct vdisc_virtio_features *features);
	/* The driver's accepted features (legacy transports: word 0 only). */
	int (*set_features)(void *t, const struct vdisc_virtio_features *features);
	/* Device-specific configuration, as struct vdisc_virtio_config_ops reads it. */
	int (*config_read)(void *t, uint16_t offset, unsigned width, uint64_t *value);
	int (*config_write)(void *t, uint16_t offset, unsigned width, uint64_t value);
	int (*config_generation)(void *t, uint32_t *generation); /* 0 where there is none */
	/* Queue @index: its maximum size (0: absent). */
	int (*queue_max)(void *t, uint16_t index, uint16_t *max);
	/*
	 * Give the device queue @index of @size entries at these device addresses.
	 * Legacy transports need one contiguous, @legacy_align-aligned area laid
	 * out as virtio 1.3, 2.7 "legacy interfaces" says: desc at @desc, and
	 * avail/used where vdisc_virtq_layout() put them.
	 */
	int (*queue_setup)(void *t, uint16_t index, uint16_t size, uint64_t desc, uint64_t avail,
			   uint64_t used);
	int (*queue_notify)(void *t, uint16_t index);
	/* Stop and forget queue @index (after a reset, or on a failed setup). */
	int (*queue_disable)(void *t, uint16_t index);
	bool legacy; /* pre-1.0 device: guest-endian rings, one contiguous area */
	/* The device fixes the queue size (legacy PCI: QueueSize is read-only); the ring must be
	 * exactly queue_max entries.  Others let the driver choose a smaller power of two. */
	bool fixed_queue_size;
	uint32_t legacy_align; /* the used ring's alignment for legacy (4096 on PCI and MMIO v1) */
};

struct vdisc_virtio_dev {
	const struct vdisc_virtio_transport_ops *ops;
	void *transport; /* the ops' first argument */
	const struct vdisc_platform *platform;
	uint32_t device_type;
	struct vdisc_virtio_features offered;
	struct vdisc_virtio_features accepted;
};

/* The initialisation steps, for reporting which one failed (virtio 1.3, 3.1.1). */
enum vdisc_virtio_init_step {
	VDISC_VIRTIO_STEP_NONE = 0,
	VDISC_VIRTIO_STEP_RESET,
	VDISC_VIRTIO_STEP_ACKNOWLEDGE,
	VDISC_VIRTIO_STEP_DRIVER,
	VDISC_VIRTIO_STEP_FEATURES,    /* reading offered / writing accepted */
	VDISC_VIRTIO_STEP_FEATURES_OK, /* the device did not keep FEATURES_OK */
	VDISC_VIRTIO_STEP_QUEUES,
	VDISC_VIRTIO_STEP_DRIVER_OK,
};

/**
 * vdisc_virtio_negotiate - reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK (re-read)
 * @supported: the features the driver implements; VERSION_1 is required on modern
 *             transports and refused on legacy ones
 * @failed_step: which step failed, on error
 *
 * On failure the device is left with FAILED set (and reset where possible).
 * returns: 0, or -VDISC_ENOTSUP (no VERSION_1 on a modern device), -VDISC_EIO, -VDISC_ETIMEDOUT.
 */
int vdisc_virtio_negotiate(struct vdisc_virtio_dev *dev,
			   const struct vdisc_virtio_features *supported,
			   enum vdisc_virtio_init_step *failed_step);

/*
 * Reset: status 0, then wait (bounded by the platform clock, 1 s) until it reads back 0,
 * after which the device no longer touches any ring.  returns 0, -VDISC_ETIMEDOUT,
 * -VDISC_ENOTSUP without a clock, or a transport error.
 */
int vdisc_virtio_reset(struct vdisc_virtio_dev *dev);

/* DRIVER_OK after the queues are set up; FAILED + reset on error. */
int vdisc_virtio_driver_ok(struct vdisc_virtio_dev *dev);
void vdisc_virtio_fail(struct vdisc_virtio_dev *dev);

/* ---- Split virtqueue -------------------------------------------------------- */

#define VDISC_VIRTQ_MAX_SIZE 256

struct vdisc_sg {
	uint64_t addr; /* device address */
	uint32_t len;
	bool device_writes; /* the device writes this buffer (VIRTQ_DESC_F_WRITE) */
};

struct vdisc_virtq {
	struct vdisc_virtio_dev *dev;
	uint16_t index, size;
	/* The rings, in DMA memory (little-endian for modern, guest-endian for legacy). */
	void *desc, *avail, *used;
	uint64_t desc_phys, avail_phys, used_phys;
	/* The driver's own copy of what it put in the descriptors: never trust the device's view.
	 */
	struct {
		uint64_t addr;
		uint32_t len;
		uint16_t flags, next;
	} shadow[VDISC_VIRTQ_MAX_SIZE];
	void *token[VDISC_VIRTQ_MAX_SIZE];	  /* per chain head: what the caller gets back */
	uint16_t chain_len[VDISC_VIRTQ_MAX_SIZE]; /* ring descriptors (1 for an indirect table) */
	uint32_t writable[VDISC_VIRTQ_MAX_SIZE];  /* bytes the device may write, per head */
	uint16_t free_head, num_free;
	uint16_t avail_idx;	/* our next avail index */
	uint16_t last_used_idx; /* the next used entry we will read */
	bool event_idx;		/* VIRTIO_F_EVENT_IDX accepted */
	bool indirect;		/* VIRTIO_F_INDIRECT_DESC accepted */
};

/* Bytes of DMA memory a queue of @size needs, and where avail/used go inside it. */
size_t vdisc_virtq_layout(uint16_t size, bool legacy, uint32_t legacy_align, size_t *avail_off,
			  size_t *used_off);

/**
 * vdisc_virtq_setup - allocate queue @index (DMA memory from the platform) and give it to the
 * device returns: 0, -VDISC_ENOTFOUND (no such queue), -VDISC_ENOMEM, or a transport error.
 */
int vdisc_virtq_setup(struct vdisc_virtq *q, struct vdisc_virtio_dev *dev, uint16_t index,
		      uint16_t max_size);
void vdisc_virtq_release(struct vdisc_virtq *q);

/* Queue one request (out buffers then in buffers) under @token; returns 0 or -VDISC_ENOSPC-like
 * -VDISC_ENOMEM. */
int vdisc_virtq_add(struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout, unsigned nin,
		    void *token);
/* Bytes of indirect table a request of @n buffers needs (16 per buffer, 16-aligned). */
#define VDISC_VIRTQ_INDIRECT_BYTES(n) ((size_t)(n)*VDISC_VIRTQ_DESC_SIZE)

/**
 * vdisc_virtq_add_indirect - queue one request as an indirect table (virtio 1.3, 2.7.5.3)
 * @table: @nout + @nin descriptors' worth of DMA memory (VDISC_VIRTQ_INDIRECT_BYTES),
 *         16-byte aligned, which the caller leaves alone until the request completes
 * @table_phys: its device address
 *
 * The request takes one ring descriptor whatever its length, so more requests
 * fit in flight on a small ring.  Needs VIRTIO_F_INDIRECT_DESC accepted (q->indirect).
 * returns: 0, -VDISC_ENOTSUP (not negotiated), -VDISC_EINVAL (bad arguments, a misaligned
 * table, more buffers than the queue size), -VDISC_ENOMEM (no free descriptor),
 * -VDISC_EIO (the queue is dead).
 */
int vdisc_virtq_add_indirect(struct vdisc_virtq *q, const struct vdisc_sg *sg, unsigned nout,
			     unsigned nin, void *token, void *table, uint64_t table_phys);

/* Make added requests visible and notify the device unless it asked not to be. */
int vdisc_virtq_kick(struct vdisc_virtq *q);
/**
 * vdisc_virtq_get - take one completed request
 * returns: 1 with *@token and *@len set, 0 when none is ready, or -VDISC_EIO when the
 * device misbehaved (used index jumped past what was queued, id out of range or not a
 * chain head, length larger than the chain's writable buffers): the queue is then dead.
 */
int vdisc_virtq_get(struct vdisc_virtq *q, void **token, uint32_t *len);

/* ---- virtio-blk ------------------------------------------------------------- */

#define VDISC_BLK_SECTOR 512u
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

/* Negotiate, read the configuration, set up the request queue, DRIVER_OK. */
int vdisc_blk_init(struct vdisc_blk *blk, struct vdisc_virtio_dev *dev,
		   enum vdisc_virtio_init_step *failed_step);
void vdisc_blk_release(struct vdisc_blk *blk);

/*
 * Synchronous I/O of @count sectors at @sector through @buf (its device address from
 * the platform's virt_to_phys), split to honour seg_max/size_max, several requests in
 * flight.  returns 0, -VDISC_ERANGE past the capacity, -VDISC_EPERM on a read-only
 * device, -VDISC_EIO (the device said so), -VDISC_ETIMEDOUT.
 */
int vdisc_blk_read(struct vdisc_blk *blk, uint64_t sector, void *buf, uint32_t count);
int vdisc_blk_write(struct vdisc_blk *blk, uint64_t sector, const void *buf, uint32_t count);
int vdisc_blk_flush(struct vdisc_blk *blk);
/* GET_ID: up to 20 bytes, NUL-terminated into @id (21 bytes). */
int vdisc_blk_get_id(struct vdisc_blk *blk, char id[21]);
int vdisc_blk_discard(struct vdisc_blk *blk, uint64_t sector, uint32_t count);
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
 * vdisc_blk_check - read the first, a middle and the last sector; on a writable device save,
 * write a pattern, flush, read back and compare, restore, read back and compare again
 * @scratch: 4 * blk_size bytes of DMA-able memory the check may use
 *
 * Nothing is ever left changed: after any failure it still tries to restore, and the
 * report says which state each touched sector is in.  returns 0 or the first error.
 */
int vdisc_blk_check(struct vdisc_blk *blk, void *scratch, struct vdisc_blk_check_report *report);

#endif
