/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PCI_SYSFS_H
#define VDISC_HOSTED_PCI_SYSFS_H

#include <stdbool.h>
#include <stdint.h>

#include <vdisc/pci.h>

/*
 * Linux sysfs: /sys/bus/pci/devices/SLOT/config, read-only.  Besides
 * configuration space, sysfs knows what config space cannot say: the bound
 * driver, BAR sizes (resource), NUMA node and IOMMU group.
 */
struct vdisc_pci_sysfs;

struct vdisc_pci_sysfs_info {
	char driver[64]; /* "" when no driver is bound */
	bool has_resources;
	uint64_t start[7], end[7]; /* BARs 0..5 and the ROM, from "resource" */
	int numa_node;		   /* -1 when unknown */
	int iommu_group;	   /* -1 when none */
};

/* @root: "/sys/bus/pci/devices" (tests pass a fake tree).
 * returns 0 or -VDISC_E* (-VDISC_ENOTFOUND: no such directory), errno set. */
int vdisc_pci_sysfs_open(const char *root, struct vdisc_pci_sysfs **out);
void vdisc_pci_sysfs_ops(struct vdisc_pci_sysfs *s, struct vdisc_pci_ops *ops);
int vdisc_pci_sysfs_info(struct vdisc_pci_sysfs *s, struct vdisc_pci_addr addr,
			 struct vdisc_pci_sysfs_info *info);
/* Bytes of config space this process could read (64 for non-root on Linux). */
uint16_t vdisc_pci_sysfs_min_readable(struct vdisc_pci_sysfs *s);
void vdisc_pci_sysfs_close(struct vdisc_pci_sysfs *s);

#endif
