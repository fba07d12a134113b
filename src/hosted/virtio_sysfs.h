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

/* Parse sysfs's "features" text: one '0'/'1' per bit, bit 0 first.  returns false if malformed. */
bool vdisc_virtio_sysfs_parse_features(const char *text, struct vdisc_virtio_features *out);

#endif
