/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_SYSFS_ATTR_H
#define VDISC_HOSTED_SYSFS_ATTR_H

#include <stdbool.h>
#include <stddef.h>

#include <vdisc/pci.h>

/* Hosted helpers shared by the sysfs readers (PCI and virtio buses). */

/* DIR/NAME/ATTR read whole into @buf (NUL-terminated).  returns 0 or -VDISC_E*, errno set. */
int vdisc_sysfs_read_attr(const char *dir, const char *name, const char *attr, char *buf,
			  size_t len);

/* The last component of the symlink DIR/NAME/LINK ("" when absent), truncated to @len. */
void vdisc_sysfs_link_basename(const char *dir, const char *name, const char *link, char *out,
			       size_t len);

/* A PCI function's sysfs name, "ssss:bb:dd.f" (Linux always gives the domain). */
bool vdisc_sysfs_pci_slot(const char *name, struct vdisc_pci_addr *addr);

/* Copy @src into @dst of @len bytes, truncating, always terminated. */
void vdisc_sysfs_copy_name(char *dst, size_t len, const char *src);

#endif
