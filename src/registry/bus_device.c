/* SPDX-License-Identifier: MIT */
#include "registry_internal.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>
#include <vdisc/virtio.h>

/* Bus devices: what a driver is matched against, made by hand or from a model device. */

void vdisc_bus_device_init(struct vdisc_bus_device *bdev, enum vdisc_bus bus, const char *name)
{
	memset(bdev, 0, sizeof(*bdev));
	bdev->bus = bus;
	bdev->name = name;
}

int vdisc_bus_device_from_model(struct vdisc_bus_device *bdev, const struct vdisc_device *dev)
{
	const struct vdisc_pci_function *fn = dev ? dev->pci : NULL;

	if (!bdev || !dev)
		return -VDISC_EINVAL;
	switch (dev->bus) {
	case VDISC_BUS_DT:
		vdisc_bus_device_init(bdev, VDISC_BUS_DT, dev->path);
		break;
	case VDISC_BUS_PCI:
		if (!fn)
			return -VDISC_EINVAL;
		vdisc_bus_device_init(bdev, VDISC_BUS_PCI, dev->path);
		bdev->pci = fn;
		/* The virtio layer owns what a function's ids say (virtio 1.3, 4.1.2). */
		bdev->virtio_type = vdisc_virtio_pci_device_type(
			fn->vendor_id, fn->device_id, fn->has_subsystem ? fn->subsystem_id : 0);
		break;
	default:
		return -VDISC_EINVAL;
	}
	bdev->dev = dev;
	bdev->compatible = dev->dt.compatible;
	return 0;
}
