/* SPDX-License-Identifier: MIT */
#include "pci_vpd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "errors.h"

long vdisc_pci_sysfs_read_vpd(const char *root, struct vdisc_pci_addr addr, uint8_t *buf,
			      size_t len)
{
	char path[512];
	size_t got = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%04x:%02x:%02x.%x/vpd", root, addr.segment, addr.bus,
		 addr.dev, addr.fn);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return vdisc_hosted_errno_(errno);
	/* The kernel stops at the device's VPD size; a device that times out fails the read. */
	while (got < len && (n = pread(fd, buf + got, len - got, (off_t)got)) > 0)
		got += (size_t)n;
	close(fd);
	return (long)got;
}
