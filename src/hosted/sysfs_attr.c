/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "errors.h"
#include "sysfs_attr.h"

int vdisc_sysfs_read_attr(const char *dir, const char *name, const char *attr, char *buf,
			  size_t len)
{
	char path[PATH_MAX + 64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, attr);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return vdisc_hosted_errno_(errno);
	n = read(fd, buf, len - 1);
	if (n < 0) {
		int err = errno;

		close(fd);
		return vdisc_hosted_errno_(err);
	}
	close(fd);
	buf[n] = '\0';
	return 0;
}

void vdisc_sysfs_copy_name(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void vdisc_sysfs_link_basename(const char *dir, const char *name, const char *link, char *out,
			       size_t len)
{
	char path[PATH_MAX + 64], target[PATH_MAX];
	const char *base;
	ssize_t n;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, link);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	vdisc_sysfs_copy_name(out, len, base ? base + 1 : target);
}

bool vdisc_sysfs_pci_slot(const char *name, struct vdisc_pci_addr *addr)
{
	return strlen(name) == VDISC_PCI_ADDR_STRLEN - 1 && vdisc_pci_addr_parse(name, addr) == 0;
}
