/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_TRANSPORT_H
#define VDISC_VIRTIO_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci.h"
#include "platform.h"
#include "virtio.h"
#include "virtio_spec.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The bottom layer of the virtio driver stack (transport -> virtqueue.h ->
 * virtio_blk.h): the transport ops, device initialisation on top of them,
 * and the three transports (virtio 1.3, 4.1 and 4.2).  No heap and no
 * global state: each transport's state is a struct the caller owns, and it
 * must outlive the device it was given to (dev->transport points at it).
 * Every constructor only reads the device; the first write is the
 * driver's reset.  Every hook takes the device, and finds its transport's
 * state at dev->transport.
 */

struct vdisc_virtio_dev;

/*
 * Common rules of the ops:
 *  - set_status(0) resets; the caller waits for get_status to read 0
 *    (a bounded wait, on the platform clock) before going on.
 *  - queue_setup refuses a size of 0, above queue_max or not a power of 2,
 *    misaligned rings (desc 16, avail 2, used 4 bytes; legacy: the whole
 *    area as vdisc_virtio_legacy_pfn() checks), and a queue the device
 *    says is already in use (-VDISC_EIO).  A queue of max 0 is
 *    -VDISC_ENOTFOUND.
 *  - config_read/config_write take widths 1, 2, 4 (naturally aligned) and
 *    8 (two 32-bit accesses, low half first, 4-aligned) within the device
 *    configuration; anything else is -VDISC_EINVAL.  Legacy transports
 *    read and write configuration bytewise, in the guest's own byte order
 *    (virtio 1.3, 4.1.4.8 and 4.2.4).
 *  - Notifications are the 16-bit queue index (no VIRTIO_F_NOTIFICATION_DATA).
 *  - MSI-X (PCI only): queue_setup programs dev->config_vector and dev->queue_vector
 *    + index (queue_msix_vector before queue_enable, 4.1.5.1.3) and reads each back; a
 *    device that answers VDISC_VIRTIO_MSI_NO_VECTOR to a real vector has no room for
 *    it: -VDISC_EIO (4.1.4.3.1, 4.1.5.1.2).  MMIO transports ignore both fields.
 *  - An error is 0 or a negative -VDISC_E*; MMIO transports cannot fail an
 *    access, port I/O can (the platform's pio hooks' error is returned).
 */
struct vdisc_virtio_transport_ops {
	const char *name; /* "mmio-v1", "mmio-v2", "pci-modern", "pci-legacy" */
	/**
	 * get_status - read the device status register
	 * @dev: the device
	 * @status: out: VDISC_VIRTIO_STATUS_* bits
	 */
	int (*get_status)(struct vdisc_virtio_dev *dev, uint8_t *status);
	/**
	 * set_status - write the device status register; 0 resets the device
	 * @dev: the device
	 * @status: VDISC_VIRTIO_STATUS_* bits
	 */
	int (*set_status)(struct vdisc_virtio_dev *dev, uint8_t status);
	/**
	 * get_features - read the device's offered features, every word the transport reaches
	 * @dev: the device
	 * @features: out: the offered bits and how many words were read
	 */
	int (*get_features)(struct vdisc_virtio_dev *dev, struct vdisc_virtio_features *features);
	/**
	 * set_features - write the driver's accepted features
	 * @dev: the device
	 * @features: the accepted bits; a transport that cannot carry a set bit (legacy: bits
	 *            32 and up) refuses with -VDISC_EINVAL rather than drop it
	 */
	int (*set_features)(struct vdisc_virtio_dev *dev,
			    const struct vdisc_virtio_features *features);
	/**
	 * config_read - read the device-specific configuration
	 * @dev: the device
	 * @offset: within the device configuration
	 * @width: 1, 2, 4 or 8 bytes
	 * @value: out: the field, as struct vdisc_virtio_config_ops reads it
	 */
	int (*config_read)(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			   uint64_t *value);
	/**
	 * config_write - write the device-specific configuration
	 * @dev: the device
	 * @offset: within the device configuration
	 * @width: 1, 2, 4 or 8 bytes
	 * @value: the field
	 */
	int (*config_write)(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			    uint64_t value);
	/**
	 * config_generation - read the configuration generation (virtio 1.3, 2.5.1)
	 * @dev: the device
	 * @generation: out: the counter; 0 where the transport has none (legacy).  May be NULL
	 *              as a hook, meaning the same
	 */
	int (*config_generation)(struct vdisc_virtio_dev *dev, uint32_t *generation);
	/**
	 * queue_max - the largest size queue @index may have
	 * @dev: the device
	 * @index: the queue
	 * @max: out: at most VDISC_VIRTIO_QUEUE_SIZE_MAX; 0 when the queue does not exist
	 */
	int (*queue_max)(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t *max);
	/**
	 * queue_setup - give the device queue @index at these device addresses
	 * @dev: the device
	 * @index: the queue
	 * @size: its number of entries
	 * @desc: the descriptor table
	 * @avail: the driver (available) ring
	 * @used: the device (used) ring
	 *
	 * Legacy transports need one contiguous, legacy_align-aligned area laid
	 * out as virtio 1.3, 2.7 "legacy interfaces" says: desc at @desc, and
	 * avail/used where vdisc_virtq_layout() put them.
	 */
	int (*queue_setup)(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t size,
			   uint64_t desc, uint64_t avail, uint64_t used);
	/**
	 * queue_notify - tell the device that queue @index has new buffers
	 * @dev: the device
	 * @index: the queue
	 */
	int (*queue_notify)(struct vdisc_virtio_dev *dev, uint16_t index);
	/**
	 * queue_disable - stop and forget queue @index (after a reset, or on a failed setup)
	 * @dev: the device
	 * @index: the queue
	 *
	 * -VDISC_EPERM when the device still has the queue (PCI modern before a reset): its
	 * rings must not be freed yet.  May be NULL.
	 */
	int (*queue_disable)(struct vdisc_virtio_dev *dev, uint16_t index);
	/**
	 * check_alive - whether the device can still complete requests
	 * @dev: the device
	 *
	 * Polled, a few times a millisecond at most, while a driver waits for a
	 * completion, so a device that has gone away (a back-end whose socket
	 * closed) ends the wait at once instead of at its timeout.  Must not block.
	 * May be NULL: memory-mapped devices cannot vanish.
	 *
	 * returns:
	 *	0 while the device is there
	 *	a negative -VDISC_E* (-VDISC_EIO for a closed connection) once it never will answer
	 */
	int (*check_alive)(struct vdisc_virtio_dev *dev);
	/**
	 * wait_notify - sleep until the device notifies for queue @index, at most @timeout_ns
	 * @dev: the device
	 * @index: the queue, whose notifications the driver has enabled
	 * @timeout_ns: the longest sleep
	 *
	 * Lets a driver that has polled for a while give its CPU back to a device
	 * that needs it (a back-end process on the same machine).  Ends early, with
	 * check_alive's error, when the device goes away.  May be NULL: the driver
	 * then only polls.
	 *
	 * returns:
	 *	1 when notified, 0 when @timeout_ns passed, or a negative -VDISC_E*
	 */
	int (*wait_notify)(struct vdisc_virtio_dev *dev, uint16_t index, uint64_t timeout_ns);
	/**
	 * isr_ack - read and acknowledge the ISR status, for a wired (INTx, DT) interrupt line
	 * @dev: the device
	 * @isr: out: VDISC_VIRTIO_ISR_QUEUE (some queue has used buffers) and
	 *       VDISC_VIRTIO_ISR_CONFIG (the configuration changed); 0: not this device's
	 *
	 * virtio-pci reads the ISR byte, which clears it and lowers INTx (4.1.4.5);
	 * virtio-mmio reads InterruptStatus and writes the bits back to InterruptACK
	 * (4.2.2).  Touches nothing else, so an interrupt handler may call it.  A
	 * function using MSI-X has no use for it (4.1.4.5.2: the vectors say which).
	 * May be NULL (no wired line: vhost-user).
	 *
	 * returns:
	 *	0, or -VDISC_ENOTSUP (a modern virtio-pci function without an ISR structure), or
	 *	a port I/O error
	 */
	int (*isr_ack)(struct vdisc_virtio_dev *dev, uint8_t *isr);
	bool legacy; /* pre-1.0 device: guest-endian rings, one contiguous area */
	/* The device fixes the queue size (legacy PCI: QueueSize is read-only); the ring must be
	 * exactly queue_max entries.  Others let the driver choose a smaller power of two. */
	bool fixed_queue_size;
	uint32_t legacy_align; /* the used ring's alignment for legacy (4096 on PCI and MMIO v1) */
};

struct vdisc_virtio_dev {
	const struct vdisc_virtio_transport_ops *ops;
	void *transport; /* the transport's own state, for its hooks */
	const struct vdisc_platform *platform;
	uint32_t device_type;
	struct vdisc_virtio_features offered;
	struct vdisc_virtio_features accepted;
	/*
	 * Set by the embedder after the constructor, before initialisation.
	 * config_vector, queue_vector: the MSI-X vectors (virtio-pci whose MSI-X the
	 * embedder has programmed and enabled) for configuration changes and for
	 * queue 0; queue i takes queue_vector + i.  VDISC_VIRTIO_MSI_NO_VECTOR, which
	 * the PCI constructors set, means none: a wired line (INTx), or polling.
	 * prefer_split_ring: never accept VIRTIO_F_RING_PACKED, even where offered.
	 */
	uint16_t config_vector, queue_vector;
	bool prefer_split_ring;
};

/* ---- Device initialisation (virtio 1.3, 3.1) ------------------------------------------ */

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
 * @dev: the device, from a transport constructor
 * @supported: the features the driver implements; VERSION_1 is required on modern
 *             transports and refused on legacy ones
 * @failed_step: out: which step failed, on error (may be NULL)
 *
 * Fills dev->offered and dev->accepted.  On failure the device is left with
 * FAILED set (and reset where possible).
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @dev, @dev->ops, @dev->platform or @supported
 *	-VDISC_ENOTSUP, no platform clock, or no VERSION_1 on a modern device
 *	-VDISC_EIO, the device set NEEDS_RESET or did not keep FEATURES_OK
 *	-VDISC_ETIMEDOUT, the reset did not complete
 *	or a transport hook's error
 */
int vdisc_virtio_negotiate(struct vdisc_virtio_dev *dev,
			   const struct vdisc_virtio_features *supported,
			   enum vdisc_virtio_init_step *failed_step);

/**
 * vdisc_virtio_reset - reset the device and wait until it says it is done
 * @dev: the device
 *
 * Writes status 0, then waits (bounded by the platform clock, 1 s) until it
 * reads back 0, after which the device no longer touches any ring.
 *
 * returns:
 *	0 on success
 *	-VDISC_ENOTSUP, the platform has no clock
 *	-VDISC_ETIMEDOUT, the status did not read 0 in time
 *	or a transport hook's error
 */
int vdisc_virtio_reset(struct vdisc_virtio_dev *dev);

/**
 * vdisc_virtio_driver_ok - set DRIVER_OK once the queues are set up, and confirm it
 * @dev: the device
 *
 * On failure the device is failed as vdisc_virtio_fail() does.
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @dev or @dev->ops
 *	-VDISC_EIO, DRIVER_OK did not stay set, or the device needs a reset
 *	or a transport hook's error
 */
int vdisc_virtio_driver_ok(struct vdisc_virtio_dev *dev);

/**
 * vdisc_virtio_fail - give up on the device: set FAILED, then reset it where a clock allows
 * @dev: the device (NULL: nothing happens)
 */
void vdisc_virtio_fail(struct vdisc_virtio_dev *dev);

/**
 * vdisc_virtio_legacy_pfn - check a legacy queue's three addresses and give its page number
 * @size: the queue size (a power of 2)
 * @desc: the area's device address (page aligned)
 * @avail: must be @desc + 16 * @size
 * @used: must be @avail + 2 * (3 + @size) rounded up to 4096 (virtio 1.3, 2.7 legacy layout)
 * @pfn: out: @desc / 4096
 *
 * A legacy device derives avail and used from the page number alone, so
 * a ring laid out any other way would be read in the wrong place.
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL @pfn, a size of 0, or another layout
 *	-VDISC_ERANGE, the page number does not fit in 32 bits
 */
int vdisc_virtio_legacy_pfn(uint16_t size, uint64_t desc, uint64_t avail, uint64_t used,
			    uint32_t *pfn);

/* ---- virtio-mmio (4.2): version 2, and version 1 (legacy, 4.2.4) ------------------- */

struct vdisc_virtio_mmio_transport {
	const struct vdisc_platform *platform;
	uint64_t base;
	uint32_t version; /* 1 (legacy) or 2 */
	/* Bytes of device configuration at base + 0x100 that may be accessed;
	 * init sets 0x100 (the usual 0x200 window); a caller that knows a larger
	 * window may raise it. */
	uint32_t config_size;
};

/**
 * vdisc_virtio_mmio_transport_init - a virtio-mmio register block at @base as a transport
 * @t: the transport state, filled here
 * @p: the platform; needs 8-, 16- and 32-bit MMIO read and write hooks
 * @base: the block's CPU physical address (4-byte aligned)
 * @dev: filled: ops ("mmio-v2" or "mmio-v1"), transport = @t, platform, device_type
 *
 * Reads the identification registers through vdisc_virtio_mmio_probe() with
 * no selects, and nothing past DeviceID when it is 0 (4.2.3.1.1).  Writes nothing.
 *
 * returns:
 *	0 on success
 *	-VDISC_ENOTFOUND, wrong magic, or a placeholder with device id 0
 *	-VDISC_ENOTSUP, a version other than 1 or 2, or missing MMIO hooks
 *	-VDISC_EINVAL, a NULL argument, a misaligned @base or one that wraps
 */
int vdisc_virtio_mmio_transport_init(struct vdisc_virtio_mmio_transport *t,
				     const struct vdisc_platform *p, uint64_t base,
				     struct vdisc_virtio_dev *dev);

/* ---- virtio-pci modern (4.1.4, 4.1.5) ------------------------------------------------ */

/* Queues whose notify address is kept after queue_setup; others select and read it again. */
#define VDISC_VIRTIO_PCI_NOTIFY_CACHE 8

struct vdisc_virtio_pci_transport {
	const struct vdisc_platform *platform;
	uint64_t common;     /* CPU address of struct virtio_pci_common_cfg */
	uint64_t notify;     /* of the notification structure */
	uint64_t isr;	     /* of the ISR status byte; 0 when the device has none */
	uint64_t device;     /* of the device configuration; 0 when absent */
	uint64_t notify_len; /* the notification structure's length */
	uint32_t device_len; /* bytes of device configuration (at most 64 KiB are reachable) */
	uint32_t notify_off_multiplier;
	uint16_t num_queues;
	uint64_t queue_notify[VDISC_VIRTIO_PCI_NOTIFY_CACHE]; /* 0: not set up */
};

/**
 * vdisc_virtio_pci_transport_init - a modern or transitional virtio-pci function as a transport
 * @t: the transport state, filled here
 * @p: the platform; needs 8-, 16- and 32-bit MMIO read and write hooks
 * @fn: the function, decoded; its capability list names the structures
 * @bar_base: the CPU address of each BAR as the caller assigned and enabled it
 *            (a 64-bit BAR at its lower index)
 * @dev: filled: ops ("pci-modern"), transport = @t, platform, device_type
 *
 * Uses, of each of the common, notify, ISR and device structures, the first
 * capability in a memory BAR (4.1.4.1: capabilities with a reserved bar are
 * ignored; I/O BARs need port hooks this transport does not use).  Every
 * structure used must lie inside its BAR, whose size must be known
 * (bar_known), at a nonzero @bar_base, aligned as 4.1.4 says, and long
 * enough (common 0x38 bytes, notify 2, ISR 1); notify_off_multiplier must
 * be 0 or a power of 2 of at least 2.  Reads num_queues, writes nothing.
 * Sets dev->config_vector and dev->queue_vector to VDISC_VIRTIO_MSI_NO_VECTOR.
 *
 * returns:
 *	0 on success
 *	-VDISC_ENOTFOUND, not a virtio function
 *	-VDISC_ENOTSUP, a legacy-only function, no common or notify structure in a memory
 *	BAR, or missing MMIO hooks
 *	-VDISC_EINVAL, a NULL argument, or a structure that fails the checks above
 */
int vdisc_virtio_pci_transport_init(struct vdisc_virtio_pci_transport *t,
				    const struct vdisc_platform *p,
				    const struct vdisc_pci_function *fn,
				    const uint64_t bar_base[VDISC_PCI_MAX_BARS],
				    struct vdisc_virtio_dev *dev);

/* ---- virtio-pci legacy (4.1.4.8): the I/O BAR 0 header ------------------------------- */

struct vdisc_virtio_pci_legacy_transport {
	const struct vdisc_platform *platform;
	uint16_t io_base;
	uint16_t config_offset; /* 0x14, or 0x18 when the snapshot shows MSI-X enabled */
	uint16_t config_size;	/* BAR 0's size minus 0x14 (the header without MSI-X) */
	/*
	 * Whether MSI-X is enabled moves the device configuration by 4 bytes
	 * (4.1.4.8).  With pci_ops set (by the embedder, after the constructor),
	 * every configuration access and queue_setup reads the MSI-X Message
	 * Control register live, so MSI-X enabled after the snapshot is followed.
	 * Without it, the snapshot decides, or a real vector in dev->config_vector
	 * or dev->queue_vector (the embedder enabled MSI-X to use it).
	 */
	const struct vdisc_pci_ops *pci_ops;
	struct vdisc_pci_addr addr; /* the function, for pci_ops */
	uint16_t msix_cap;	    /* its MSI-X capability's offset; 0: none */
	bool msix_snapshot;	    /* MSI-X was enabled in the snapshot */
};

/**
 * vdisc_virtio_pci_legacy_transport_init - a legacy or transitional function through I/O BAR 0
 * @t: the transport state, filled here
 * @p: the platform; needs the port I/O hooks
 * @fn: the function, decoded
 * @io_base: the port BAR 0 was assigned (the caller enabled I/O decoding)
 * @dev: filled: ops ("pci-legacy"), transport = @t, platform, device_type
 *
 * BAR 0 must be an I/O BAR of known size holding at least the 20-byte
 * header, and lie below port 0x10000.  The device configuration follows the
 * header at 0x14, or at 0x18 while MSI-X is enabled (see pci_ops in the
 * state).  Sets dev->config_vector and dev->queue_vector to
 * VDISC_VIRTIO_MSI_NO_VECTOR.  Writes nothing.
 *
 * returns:
 *	0 on success
 *	-VDISC_ENOTFOUND, not a virtio function
 *	-VDISC_ENOTSUP, a modern-only function, or no port I/O hooks
 *	-VDISC_EINVAL, a NULL argument, BAR 0 not a known-size I/O BAR, or a range past
 *	port 0xffff
 */
int vdisc_virtio_pci_legacy_transport_init(struct vdisc_virtio_pci_legacy_transport *t,
					   const struct vdisc_platform *p,
					   const struct vdisc_pci_function *fn, uint64_t io_base,
					   struct vdisc_virtio_dev *dev);

#ifdef __cplusplus
}
#endif

#endif
