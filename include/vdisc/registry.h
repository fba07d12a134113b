/* SPDX-License-Identifier: MIT */
#ifndef VDISC_REGISTRY_H
#define VDISC_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A driver registry for embedders, after the bus model of Linux and
 * Asterinas: drivers and devices are registered in any order, and
 * whichever arrives later is matched against the ones already there.
 *
 * No heap: the caller owns every struct and keeps it alive (and unmoved)
 * while it is registered; the lists are threaded through the structs'
 * private fields (trailing underscore).  Not thread-safe: the caller
 * serialises calls.
 *
 * Rules, which hold whatever the order of registration:
 * - Each (driver, device) pair is considered once, when the later of the
 *   two is registered, and only while the device is unbound.
 * - A device binds to the first driver, in registration order, whose match
 *   table matches it and whose probe returns 0.  A probe returning
 *   -VDISC_ENOMATCH or -VDISC_ENOTSUP declines; any other error is kept in
 *   the device's probe_error and the next driver is tried.
 * - Re-entrancy: an add made from inside a probe or remove callback (a bus
 *   driver adding its children) does not probe recursively.  It links the
 *   struct at once (so duplicates are caught and iteration sees it) and
 *   queues its matching; the queue is worked through in registration
 *   order, after the running callback returns, before the outermost call
 *   returns.  Probes therefore never nest, and the bindings are those the
 *   same adds would make one after another.  A remove made from inside a
 *   callback happens at once (a remove callback taking its children away
 *   nests one level per generation of children).
 */

struct vdisc_driver;

struct vdisc_bus_device {
	/* Set by the caller (vdisc_bus_device_init/_from_model) before adding. */
	enum vdisc_bus bus;
	const char *name;		      /* a node path, a PCI slot, ...; may be NULL */
	const struct vdisc_device *dev;	      /* the model device, or NULL */
	struct vdisc_strlist compatible;      /* DT matching: most specific first */
	const struct vdisc_pci_function *pci; /* PCI matching, or NULL */
	uint32_t virtio_type;		      /* virtio device id; 0: not (known to be) virtio */
	struct vdisc_bus_device *parent;      /* the device whose driver added this one, or NULL */
	void *data;			      /* the caller's */
	/* Set by the registry, reset when the device is added. */
	const struct vdisc_driver *driver; /* bound driver, NULL if none */
	void *driver_data;		   /* the bound driver's; NULL when unbound */
	int probe_error;		   /* last error of a probe that failed (not declined) */
	/* Private. */
	struct vdisc_bus_device *next_;
	uint64_t seq_;
};

enum vdisc_match_type {
	VDISC_MATCH_END = 0, /* terminates a match table */
	VDISC_MATCH_DT,	     /* a string of the device's compatible list */
	VDISC_MATCH_PCI,     /* PCI vendor/device ids and class under a mask */
	VDISC_MATCH_VIRTIO,  /* a virtio device type */
};

#define VDISC_PCI_ANY_ID 0xffffu	  /* a vendor or device id that matches any */
#define VDISC_VIRTIO_ANY_TYPE 0xffffffffu /* a virtio type that matches any virtio device */

/*
 * One entry of a driver's match table.  Fill it with the macros below,
 * inside braces so that more designators can follow:
 *
 *	static const struct vdisc_match blk_ids[] = {
 *		{VDISC_MATCH_VIRTIO_TYPE(2), .data = &blk_flavour},
 *		{VDISC_MATCH_PCI_CLASS(0x010802, 0xffffff)},
 *		{VDISC_MATCH_COMPATIBLE("acme,disk")},
 *		{0},
 *	};
 */
struct vdisc_match {
	enum vdisc_match_type type;
	enum vdisc_bus bus;	 /* only devices on this bus; VDISC_BUS_NONE: any */
	const char *compatible;	 /* DT: compared exactly (strcmp) */
	uint16_t vendor, device; /* PCI: an id, or VDISC_PCI_ANY_ID */
	uint32_t class_code;	 /* PCI: (class & class_mask) == class_code ... */
	uint32_t class_mask;	 /* ... where class is base << 16 | sub << 8 | prog-if */
	uint32_t virtio_type;	 /* VIRTIO: a device id, or VDISC_VIRTIO_ANY_TYPE */
	const void *data;	 /* the driver's, handed back to its probe */
};

#ifndef __cplusplus
#define VDISC_MATCH_COMPATIBLE(str) .type = VDISC_MATCH_DT, .compatible = (str)
#define VDISC_MATCH_PCI_ID(ven, dev) .type = VDISC_MATCH_PCI, .vendor = (ven), .device = (dev)
#define VDISC_MATCH_PCI_CLASS(cls, mask)                                                 \
	.type = VDISC_MATCH_PCI, .vendor = VDISC_PCI_ANY_ID, .device = VDISC_PCI_ANY_ID, \
	.class_code = (cls), .class_mask = (mask)
#define VDISC_MATCH_VIRTIO_TYPE(t) .type = VDISC_MATCH_VIRTIO, .virtio_type = (t)
#else
/*
 * C++ before C++20 has no designators, and C++20 forbids mixing them with
 * positional ones: here the macros give every member up to virtio_type in
 * order, and the data pointer follows positionally:
 *	{VDISC_MATCH_VIRTIO_TYPE(2), &blk_flavour}, {VDISC_MATCH_COMPATIBLE("acme,disk"), nullptr}
 */
#define VDISC_MATCH_COMPATIBLE(str) VDISC_MATCH_DT, VDISC_BUS_NONE, (str), 0, 0, 0, 0, 0
#define VDISC_MATCH_PCI_ID(ven, dev) VDISC_MATCH_PCI, VDISC_BUS_NONE, nullptr, (ven), (dev), 0, 0, 0
#define VDISC_MATCH_PCI_CLASS(cls, mask)                                                     \
	VDISC_MATCH_PCI, VDISC_BUS_NONE, nullptr, VDISC_PCI_ANY_ID, VDISC_PCI_ANY_ID, (cls), \
		(mask), 0
#define VDISC_MATCH_VIRTIO_TYPE(t) VDISC_MATCH_VIRTIO, VDISC_BUS_NONE, nullptr, 0, 0, 0, 0, (t)
#endif

struct vdisc_driver {
	const char *name;
	const struct vdisc_match *matches; /* ends with a VDISC_MATCH_END entry */
	/*
	 * probe - bind a device, or decline it
	 * @bdev: the device; the driver may set bdev->driver_data
	 * @matched: the table entry that matched: for DT entries the one naming
	 *           the earliest (most specific) string of the device's
	 *           compatible list, as Linux's of_match_device; otherwise the
	 *           first in table order
	 * @ctx: the driver's ctx
	 *
	 * returns:
	 *	0 to bind; -VDISC_ENOMATCH or -VDISC_ENOTSUP to decline; anything
	 *	else is a failure, recorded in probe_error.
	 */
	int (*probe)(struct vdisc_bus_device *bdev, const struct vdisc_match *matched, void *ctx);
	/* Optional: undo probe.  The device is already out of the registry's list. */
	void (*remove)(struct vdisc_bus_device *bdev, void *ctx);
	void *ctx;
	/* Private. */
	struct vdisc_driver *next_;
	uint64_t seq_;
};

struct vdisc_registry {
	uint32_t ndevices, ndrivers; /* registered now (read-only) */
	/* Private. */
	struct vdisc_bus_device *devices_, *devices_tail_;
	struct vdisc_driver *drivers_, *drivers_tail_;
	uint64_t last_seq_; /* the newest registration */
	uint64_t done_seq_; /* registrations up to here have been matched */
	bool busy_;	    /* inside a registry call that runs callbacks */
	struct vdisc_bus_device *probing_dev_;
	const struct vdisc_driver *probing_drv_;
};

/**
 * vdisc_registry_init - start an empty registry
 * @reg: the registry, any contents
 */
void vdisc_registry_init(struct vdisc_registry *reg);

/**
 * vdisc_bus_device_init - zero a bus device and set its bus and name
 * @bdev: the device, any contents
 * @bus: where it was found (not VDISC_BUS_NONE, or adding it fails)
 * @name: a node path, a PCI slot, ...; may be NULL
 *
 * The caller then fills what its drivers match on (compatible, pci,
 * virtio_type) and anything else it wants (dev, parent, data).
 */
void vdisc_bus_device_init(struct vdisc_bus_device *bdev, enum vdisc_bus bus, const char *name);

/**
 * vdisc_bus_device_from_model - fill @bdev from a device of a scanned model
 * @bdev: zeroed and filled; @dev is kept in bdev->dev and must outlive it
 * @dev: a device tree node (bus DT, its compatible list) or a PCI function
 *       (bus PCI, dev->pci)
 *
 * A virtio-pci function also gets its virtio type, from its ids alone
 * (virtio 1.3, 4.1.2: device id 0x1040 + type, or a transitional id and
 * the subsystem id), so a driver can match it either way.  A "virtio,mmio"
 * node's type is only in its DeviceID register: read it
 * (vdisc_virtio_mmio_probe) and set virtio_type, or let a driver matching
 * "virtio,mmio" add a VDISC_BUS_VIRTIO child.  The status property is
 * not looked at: skip disabled nodes before adding them.
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL argument, a bus other than DT or PCI, or a PCI
 *	device without its function.
 */
int vdisc_bus_device_from_model(struct vdisc_bus_device *bdev, const struct vdisc_device *dev);

/**
 * vdisc_registry_match - the entry of a driver's table that matches a device
 * @drv: the driver; need not be registered
 * @bdev: the device; need not be registered
 *
 * The matching the registry does before a probe, for callers that want to
 * ask without probing.
 *
 * returns:
 *	the entry (for DT, the one naming the device's most specific
 *	compatible), or NULL when none matches or an argument is NULL.
 */
const struct vdisc_match *vdisc_registry_match(const struct vdisc_driver *drv,
					       const struct vdisc_bus_device *bdev);

/**
 * vdisc_registry_add_driver - register a driver, then probe every unbound device it matches
 * @reg: the registry
 * @drv: the driver; the caller keeps it alive and unmoved while registered
 *
 * Devices are probed in their registration order.  @drv's table is
 * checked first: every entry must be able to match something real.
 *
 * returns:
 *	the number of devices bound during this call (by @drv, and by any
 *	work queued from its probes), >= 0; 0 when called from inside a
 *	callback (the probing is queued, see above); or
 *	-VDISC_EINVAL: NULL @reg or @drv, no name or probe, an empty table, an
 *	  entry of unknown type or bus, a DT entry without a string, a PCI entry
 *	  with vendor 0 (no vendor has it: a field left zero instead of
 *	  VDISC_PCI_ANY_ID) or class bits outside its mask, a virtio entry of
 *	  type 0;
 *	-VDISC_EDUPLICATE: @drv is registered already.
 */
int vdisc_registry_add_driver(struct vdisc_registry *reg, struct vdisc_driver *drv);

/**
 * vdisc_registry_add_device - register a device, then try the drivers in order until one binds
 * @reg: the registry
 * @bdev: the device; the caller keeps it alive and unmoved while registered
 *
 * bdev->driver, driver_data and probe_error are reset first.
 *
 * returns:
 *	the number of devices bound during this call (@bdev, and any devices
 *	or drivers its probe added), >= 0; 0 when called from inside a
 *	callback (queued); or
 *	-VDISC_EINVAL: NULL @reg or @bdev, no or an unknown bus, a compatible count
 *	  without strings;
 *	-VDISC_EDUPLICATE: @bdev is registered already.
 */
int vdisc_registry_add_device(struct vdisc_registry *reg, struct vdisc_bus_device *bdev);

/**
 * vdisc_registry_remove_device - unregister a device, calling its driver's remove if bound
 * @reg: the registry
 * @bdev: a device registered in @reg
 *
 * Devices the driver added as children are not removed with it: its
 * remove callback removes them.  Afterwards @bdev is unbound (driver and
 * driver_data NULL) and may be added again, here or elsewhere.
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: NULL @reg or @bdev;
 *	-VDISC_ENOTFOUND: @bdev is not registered here;
 *	-VDISC_EPERM: @bdev is being probed (from inside its own probe).
 */
int vdisc_registry_remove_device(struct vdisc_registry *reg, struct vdisc_bus_device *bdev);

/**
 * vdisc_registry_remove_driver - unregister a driver, unbinding (and removing) its devices
 * @reg: the registry
 * @drv: a driver registered in @reg
 *
 * The devices stay registered, unbound; they are not offered to other
 * drivers (remove and add a device again for that).
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: NULL @reg or @drv;
 *	-VDISC_ENOTFOUND: @drv is not registered here;
 *	-VDISC_EPERM: @drv's probe is running.
 */
int vdisc_registry_remove_driver(struct vdisc_registry *reg, struct vdisc_driver *drv);

/**
 * vdisc_registry_for_each_device - call a function for each registered device, in registration
 *order
 * @reg: the registry
 * @fn: called with each device and @arg; nonzero stops the walk
 * @arg: handed to @fn
 *
 * @fn may add or remove devices: the walk goes on from the device it was
 * given, by registration order, and visits devices added meanwhile.
 *
 * returns:
 *	0 after the last device, the first nonzero return of @fn (the walk
 *	stops there), or
 *	-VDISC_EINVAL: a NULL @reg or @fn.
 */
int vdisc_registry_for_each_device(struct vdisc_registry *reg,
				   int (*fn)(struct vdisc_bus_device *bdev, void *arg), void *arg);

#ifdef __cplusplus
}
#endif

#endif
