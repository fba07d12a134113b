/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/virtio.h>

/*
 * Two small transport tables: the device status register's bits (virtio
 * 1.4 cs01, 2.1 "Device Status Field"), named as the spec names them, and
 * the virtio-pci structure types a vendor capability can carry (4.1.4,
 * VIRTIO_PCI_CAP_*_CFG), named in lowercase as vdisc prints them.
 */

struct virtio_status_name_ {
	uint8_t value;
	const char *name;
};

/*
 * Keyed by bit number, not mask.  Bit 4 (value 16) is SUSPEND, new in
 * 1.4 and meaningful only with VIRTIO_F_SUSPEND; bit 5 is reserved.
 */
/* One bit a line, as the spec lists them. */
/* clang-format off */
static const struct virtio_status_name_ virtio_status_[] = {
	{0, "ACKNOWLEDGE"},
	{1, "DRIVER"},
	{2, "DRIVER_OK"},
	{3, "FEATURES_OK"},
	{4, "SUSPEND"},
	{6, "DEVICE_NEEDS_RESET"},
	{7, "FAILED"},
};
/* clang-format on */

/*
 * cfg_type: 6 and 7 are unassigned.  "pci-cfg" keeps its suffix: a bare
 * "pci" would not say that it is the window onto the other structures.
 */
static const struct virtio_status_name_ virtio_pci_caps_[] = {
	{VDISC_VIRTIO_PCI_CAP_COMMON, "common"},
	{VDISC_VIRTIO_PCI_CAP_NOTIFY, "notify"},
	{VDISC_VIRTIO_PCI_CAP_ISR, "isr"},
	{VDISC_VIRTIO_PCI_CAP_DEVICE, "device"},
	{VDISC_VIRTIO_PCI_CAP_PCI_CFG, "pci-cfg"},
	{VDISC_VIRTIO_PCI_CAP_SHARED_MEMORY, "shared-memory"},
	{VDISC_VIRTIO_PCI_CAP_VENDOR, "vendor"},
};

static const char *virtio_status_find_(const struct virtio_status_name_ *table, size_t n,
				       unsigned value)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].value == value)
			return table[i].name;
	return NULL;
}

const char *vdisc_virtio_status_name(unsigned bit)
{
	return virtio_status_find_(virtio_status_, VDISC_ARRAY_SIZE(virtio_status_), bit);
}

const char *vdisc_virtio_pci_cap_name(uint8_t cfg_type)
{
	return virtio_status_find_(virtio_pci_caps_, VDISC_ARRAY_SIZE(virtio_pci_caps_), cfg_type);
}
