/* SPDX-License-Identifier: MIT */
#include "registry_internal.h"

#include <vdisc/pci.h>

/*
 * Matching: which entry of a driver's table fits a bus device, and whether
 * a table or a device can be matched at all.  No state: the registry's
 * lists and ordering are registry.c's.
 */

/* Where @s stands in the device's compatible list: the rank of a DT match. */
static bool match_compatible_rank_(const struct vdisc_bus_device *bdev, const char *s,
				   uint32_t *rank)
{
	uint32_t i;

	for (i = 0; i < bdev->compatible.count; i++) {
		if (strcmp(bdev->compatible.items[i], s) == 0) {
			*rank = i;
			return true;
		}
	}
	return false;
}

/* As Linux's pci_match_one_device, without the subsystem ids. */
static bool match_pci_(const struct vdisc_match *m, const struct vdisc_pci_function *fn)
{
	return (m->vendor == VDISC_PCI_ANY_ID || m->vendor == fn->vendor_id) &&
	       (m->device == VDISC_PCI_ANY_ID || m->device == fn->device_id) &&
	       (fn->class_code & m->class_mask) == m->class_code;
}

/* Whether @m matches @bdev; *@rank orders matches, 0 best (only DT entries rank lower). */
static bool match_entry_(const struct vdisc_match *m, const struct vdisc_bus_device *bdev,
			 uint32_t *rank)
{
	*rank = 0;
	if (m->bus != VDISC_BUS_NONE && m->bus != bdev->bus)
		return false;
	switch (m->type) {
	case VDISC_MATCH_DT:
		return m->compatible && match_compatible_rank_(bdev, m->compatible, rank);
	case VDISC_MATCH_PCI:
		return bdev->pci && match_pci_(m, bdev->pci);
	case VDISC_MATCH_VIRTIO:
		return bdev->virtio_type != 0 && (m->virtio_type == VDISC_VIRTIO_ANY_TYPE ||
						  m->virtio_type == bdev->virtio_type);
	default:
		return false;
	}
}

const struct vdisc_match *vdisc_registry_match(const struct vdisc_driver *drv,
					       const struct vdisc_bus_device *bdev)
{
	const struct vdisc_match *m, *best = NULL;
	uint32_t rank, best_rank = 0;

	if (!drv || !bdev || !drv->matches)
		return NULL;
	for (m = drv->matches; m->type != VDISC_MATCH_END; m++) {
		if (!match_entry_(m, bdev, &rank))
			continue;
		/* The device's first compatible is its most specific (devicetree spec 2.3.1). */
		if (!best || rank < best_rank) {
			best = m;
			best_rank = rank;
		}
		if (best_rank == 0)
			break;
	}
	return best;
}

static bool match_bus_valid_(enum vdisc_bus bus)
{
	return (unsigned)bus <= VDISC_BUS_VIRTIO;
}

static bool match_entry_valid_(const struct vdisc_match *m)
{
	if (!match_bus_valid_(m->bus))
		return false;
	switch (m->type) {
	case VDISC_MATCH_DT:
		return m->compatible != NULL;
	case VDISC_MATCH_PCI:
		/* Vendor 0 is nobody's: an id left zero where VDISC_PCI_ANY_ID was meant. */
		return m->vendor != 0 && (m->class_code & ~m->class_mask) == 0;
	case VDISC_MATCH_VIRTIO:
		return m->virtio_type != 0; /* 0 is reserved (virtio 1.3, 5) */
	default:
		return false;
	}
}

bool vdisc_registry_driver_valid_(const struct vdisc_driver *drv)
{
	const struct vdisc_match *m;

	if (!drv->name || !drv->probe || !drv->matches || drv->matches->type == VDISC_MATCH_END)
		return false;
	for (m = drv->matches; m->type != VDISC_MATCH_END; m++)
		if (!match_entry_valid_(m))
			return false;
	return true;
}

bool vdisc_registry_device_valid_(const struct vdisc_bus_device *bdev)
{
	uint32_t i;

	if (bdev->bus == VDISC_BUS_NONE || !match_bus_valid_(bdev->bus))
		return false;
	if (bdev->compatible.count && !bdev->compatible.items)
		return false;
	for (i = 0; i < bdev->compatible.count; i++)
		if (!bdev->compatible.items[i])
			return false;
	return true;
}
