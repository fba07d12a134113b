/* SPDX-License-Identifier: MIT */
#ifndef VDISC_MACHINE_H
#define VDISC_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "virtio.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The whole machine as one tree.  A model that a device tree scan and a PCI
 * enumeration filled (either or both, in one arena) is linked in place:
 * every device gets its parent, children and siblings (struct vdisc_device).
 *
 * - A device tree node's parent is its nearest ancestor node that is a
 *   device of the model.
 * - A PCI function's parent is the bridge whose secondary bus it sits on,
 *   or, on a root bus, the host bridge's node where the tree describes one
 *   (segment from "linux,pci-domain", bus within "bus-range"), else a
 *   VDISC_BUS_PCI_ROOT device added for that segment and bus ("pci0000:00",
 *   as Linux names it).  Its INTx, where the host is in the tree, is routed
 *   through the bridges (swizzled) and the host's interrupt-map to a
 *   controller line and stored as the function's one interrupt (dev->irqs).
 * - A virtio device is a VDISC_BUS_VIRTIO child of its transport: added for
 *   every virtio-pci function (its type from the ids), and by the caller
 *   (vdisc_machine_add_virtio) where only a running system can tell (a
 *   virtio-mmio node's device type, the feature words, the driver).
 *
 * Roots are the devices without a parent: the tree's root node, and the
 * synthetic PCI roots.  Children are in discovery order.
 */

/* How a virtio device is reached (struct vdisc_device_virtio.transport). */
enum vdisc_virtio_transport_kind {
	VDISC_VIRTIO_VIA_UNKNOWN = 0,
	VDISC_VIRTIO_VIA_MMIO,		   /* virtio-mmio; mmio_version says which layout */
	VDISC_VIRTIO_VIA_PCI_MODERN,	   /* virtio-pci 0x1040 + type */
	VDISC_VIRTIO_VIA_PCI_TRANSITIONAL, /* 0x1000..0x103f with the modern capabilities */
	VDISC_VIRTIO_VIA_PCI_LEGACY,	   /* 0x1000..0x103f, the legacy I/O BAR only */
};

/**
 * struct vdisc_device_virtio - a virtio device (dev->virtio, VDISC_BUS_VIRTIO)
 * @device_type: VDISC_VIRTIO_ID_*, 0 where not known (a virtio-mmio node read from a file)
 * @transport: enum vdisc_virtio_transport_kind
 * @mmio_version: 1 (legacy) or 2 where read from the registers, else 0
 * @offered: what the device offers (nwords 0: not known)
 * @negotiated: what the driver accepted (nwords 0: not known, or no driver)
 */
struct vdisc_device_virtio {
	uint32_t device_type;
	uint8_t transport;
	uint8_t mmio_version;
	struct vdisc_virtio_features offered;
	struct vdisc_virtio_features negotiated;
};

/**
 * vdisc_machine_link - join a model's devices into one tree
 * @model: a model filled by vdisc_fdt_scan() and/or vdisc_pci_enumerate(),
 *         its arena (and the scanned blob) still alive
 *
 * Linear in the devices.  Adds to the model (in its arena) the synthetic PCI
 * roots, each PCI function's routed INTx and the virtio-pci functions'
 * virtio children.  An INTx that cannot be routed is left out and recorded
 * as a diagnostic of the model, as the scan records its own.  A bridge
 * whose secondary bus is not above its own bus parents nothing (a
 * configuration that would make the tree a loop): its functions go to the
 * root of their bus.  Linking a linked model again does nothing.
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: no @model, or a model without an arena;
 *	-VDISC_ENOMEM: the arena is full (the model is left partly linked).
 */
int vdisc_machine_link(struct vdisc_model *model);

/**
 * vdisc_machine_add_virtio - add the virtio device a transport carries
 * @model: a linked model
 * @transport: a virtio-mmio node or a PCI function of @model
 * @info: what is known of it (copied)
 *
 * Where the transport already has its virtio child (a virtio-pci function
 * after linking), that child is updated from @info: a type, version or
 * feature word @info knows replaces what the child has.
 *
 * returns:
 *	the virtio device, or NULL: a NULL argument, a model not linked, or the arena is full.
 */
struct vdisc_device *vdisc_machine_add_virtio(struct vdisc_model *model,
					      struct vdisc_device *transport,
					      const struct vdisc_device_virtio *info);

/**
 * vdisc_machine_add_virtio_mmio - a virtio-mmio transport no tree describes
 * @model: the model (linked or not)
 * @path: its name, kept as given (Linux's "virtio-mmio.0"; a string that outlives @model)
 * @base: the register block's CPU physical address
 * @size: its size
 * @irq: the interrupt the command line gives (virtio_mmio.device=<size>@<base>:<irq>),
 *       or VDISC_MACHINE_NO_IRQ where none is known (ACPI's LNRO0005 as sysfs shows it)
 *
 * Made as the tree would describe it: a VDISC_BUS_DT device with compatible
 * "virtio,mmio" (VDISC_DEV_VIRTIO_MMIO) but no node (dt.node_offset -1), one
 * translated reg, and one interrupt whose controller is not known (the
 * embedder, which knows its I/O APIC, may fill it in).  A root of the tree.
 *
 * returns:
 *	the device, or NULL: a NULL argument, or the arena is full.
 */
#define VDISC_MACHINE_NO_IRQ 0xffffffffu

struct vdisc_device *vdisc_machine_add_virtio_mmio(struct vdisc_model *model, const char *path,
						   uint64_t base, uint64_t size, uint32_t irq);

/**
 * vdisc_machine_virtio_of - the virtio device a transport carries
 * @transport: a device of a linked model
 *
 * returns:
 *	its VDISC_BUS_VIRTIO child, or NULL when it has none.
 */
struct vdisc_device *vdisc_machine_virtio_of(const struct vdisc_device *transport);

/**
 * vdisc_machine_next - the next device of a linked model's tree, depth first
 * @model: a linked model
 * @dev: the current device, or NULL for the first root
 * @depth: in/out (may be NULL): the depth of @dev, then of the result (roots are 0)
 *
 * Roots in the order of the model's device list, each followed by its
 * subtree; every device comes once.  Iterative: no stack grows with the depth.
 *
 * returns:
 *	the next device, or NULL after the last.
 */
struct vdisc_device *vdisc_machine_next(const struct vdisc_model *model,
					const struct vdisc_device *dev, unsigned *depth);

#ifdef __cplusplus
}
#endif

#endif
