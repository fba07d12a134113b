/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_VIRTIO_SYSFS_H
#define VDISC_HOSTED_VIRTIO_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vdisc/virtio.h>

/*
 * The running driver's view of each virtio device, from Linux's
 * /sys/bus/virtio/devices/virtioN: what was negotiated, the status
 * register, the bound driver, and which device (PCI slot or MMIO platform
 * device) carries it.
 */
struct vdisc_virtio_sysfs_dev {
	char name[32];	    /* "virtio1" */
	uint32_t device_id; /* the virtio device type */
	uint32_t vendor_id;
	struct vdisc_virtio_features negotiated;
	bool has_features;
	uint32_t status;
	bool has_status;
	char driver[64]; /* "" when none is bound */
	char parent[64]; /* "0000:00:02.0", or "10001000.virtio_mmio" */
	bool parent_is_pci;
};

/* returns 0 with a malloc'd array (free it), or -VDISC_E* (-VDISC_ENOTFOUND: no virtio
 * bus), errno set. */
int vdisc_virtio_sysfs_list(const char *root, struct vdisc_virtio_sysfs_dev **out, size_t *n);

/*
 * The virtio device a virtio-mmio register block at @base carries: the one
 * whose transport (platform) device owns @base.  The platform device is
 * found by name in @iomem (Linux's /proc/iomem: a platform device's
 * resources carry its name -- "10001000.virtio_mmio" from a device tree,
 * "LNRO0005:00" from ACPI, "virtio-mmio.0" from virtio_mmio.device=), or,
 * where @iomem hides addresses (not root), by the address a device-tree
 * name begins with.  @iomem NULL: the name alone.
 * returns 0 with *@out filled, -VDISC_ENOTFOUND (no such device), or the
 * error of listing @root.
 */
int vdisc_virtio_sysfs_find_mmio(const char *root, const char *iomem, uint64_t base,
				 struct vdisc_virtio_sysfs_dev *out);

/* Parse sysfs's "features" text: one '0'/'1' per bit, bit 0 first.  returns false if malformed. */
bool vdisc_virtio_sysfs_parse_features(const char *text, struct vdisc_virtio_features *out);

#endif
