/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PCI_VPD_H
#define VDISC_HOSTED_PCI_VPD_H

#include <stddef.h>
#include <stdint.h>

#include <vdisc/pci.h>

#define VDISC_SYSFS_PCI_DEVICES "/sys/bus/pci/devices"
#define VDISC_PCI_VPD_MAX 0x8000u /* VPD addresses are 15 bits */

/*
 * A function's VPD image as the kernel reads it through the capability
 * (ROOT/ssss:bb:dd.f/vpd, root only), into @buf of @len bytes.
 * returns: the bytes read (0: none, as for a device that does not answer),
 * or -VDISC_E* when the file cannot be opened, errno set.
 */
long vdisc_pci_sysfs_read_vpd(const char *root, struct vdisc_pci_addr addr, uint8_t *buf,
			      size_t len);

#endif
