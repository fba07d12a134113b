/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include "../discover/names.h"

#include <vdisc/virtio.h>

/*
 * Two small transport tables: the device status register's bits (virtio
 * 1.4 cs01, 2.1 "Device Status Field"), named as the spec names them, and
 * the virtio-pci structure types a vendor capability can carry (4.1.4,
 * VIRTIO_PCI_CAP_*_CFG), named in lowercase as vdisc prints them.
 */

/*
 * Keyed by mask; the lookup takes a bit number.  Bit 4 (value 16) is
 * SUSPEND, new in 1.4 and meaningful only with VIRTIO_F_SUSPEND; bit 5 is
 * reserved.  One bit a line, as the spec lists them.
 */
/* clang-format off */
static const struct vdisc_name_ virtio_status_[] = {
	{VDISC_VIRTIO_STATUS_ACKNOWLEDGE,        "ACKNOWLEDGE"},
	{VDISC_VIRTIO_STATUS_DRIVER,             "DRIVER"},
	{VDISC_VIRTIO_STATUS_DRIVER_OK,          "DRIVER_OK"},
	{VDISC_VIRTIO_STATUS_FEATURES_OK,        "FEATURES_OK"},
	{VDISC_VIRTIO_STATUS_SUSPEND,            "SUSPEND"},
	{VDISC_VIRTIO_STATUS_DEVICE_NEEDS_RESET, "DEVICE_NEEDS_RESET"},
	{VDISC_VIRTIO_STATUS_FAILED,             "FAILED"},
};
/* clang-format on */

/*
 * cfg_type: 6 and 7 are unassigned.  "pci-cfg" keeps its suffix: a bare
 * "pci" would not say that it is the window onto the other structures.
 */
static const struct vdisc_name_ virtio_pci_caps_[] = {
	{VDISC_VIRTIO_PCI_CAP_COMMON, "common"},
	{VDISC_VIRTIO_PCI_CAP_NOTIFY, "notify"},
	{VDISC_VIRTIO_PCI_CAP_ISR, "isr"},
	{VDISC_VIRTIO_PCI_CAP_DEVICE, "device"},
	{VDISC_VIRTIO_PCI_CAP_PCI_CFG, "pci-cfg"},
	{VDISC_VIRTIO_PCI_CAP_SHARED_MEMORY, "shared-memory"},
	{VDISC_VIRTIO_PCI_CAP_VENDOR, "vendor"},
};

const char *vdisc_virtio_status_name(unsigned bit)
{
	/* A status register is a byte; a larger bit has no name (and no shift past 31). */
	uint32_t mask = bit < 8 ? 1u << bit : 0;

	return vdisc_name_find_(virtio_status_, VDISC_ARRAY_SIZE(virtio_status_), mask);
}

const char *vdisc_virtio_pci_cap_name(uint8_t cfg_type)
{
	return vdisc_name_find_(virtio_pci_caps_, VDISC_ARRAY_SIZE(virtio_pci_caps_), cfg_type);
}
