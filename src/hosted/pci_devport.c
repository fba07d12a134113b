/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <sys/io.h>
#define VDISC_HAVE_PORT_IO 1
#endif

#include <vdisc/error.h>
#include <vdisc/pci_regs.h>

#include "errors.h"
#include "pci_devport.h"

struct vdisc_devport {
	struct vdisc_platform platform;
};

#ifdef VDISC_HAVE_PORT_IO
static bool devport_allowed(uint16_t port, unsigned width)
{
	/* Only the conf1 pair was granted by ioperm(); anything else would fault. */
	return port >= VDISC_PCI_CONF1_ADDRESS_PORT &&
	       port + width <= VDISC_PCI_CONF1_ADDRESS_PORT + VDISC_PCI_CONF1_PORTS;
}

static int devport_read(void *ctx, uint16_t port, unsigned width, uint32_t *value)
{
	(void)ctx;
	if (!devport_allowed(port, width))
		return -VDISC_EPERM;
	*value = width == 1 ? inb(port) : width == 2 ? inw(port) : inl(port);
	return 0;
}

static int devport_write(void *ctx, uint16_t port, unsigned width, uint32_t value)
{
	(void)ctx;
	if (!devport_allowed(port, width))
		return -VDISC_EPERM;
	if (width == 1)
		outb((uint8_t)value, port);
	else if (width == 2)
		outw((uint16_t)value, port);
	else
		outl(value, port);
	return 0;
}
#endif

int vdisc_devport_open(const char *devport, struct vdisc_devport **out)
{
	struct vdisc_devport *d;
	int fd = open(devport, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return vdisc_hosted_errno_(errno);
	close(fd);
#ifdef VDISC_HAVE_PORT_IO
	if (ioperm(VDISC_PCI_CONF1_ADDRESS_PORT, VDISC_PCI_CONF1_PORTS, 1) != 0)
		return vdisc_hosted_errno_(errno);
	d = calloc(1, sizeof(*d));
	if (!d)
		return vdisc_hosted_errno_(ENOMEM);
	d->platform.pio_read = devport_read;
	d->platform.pio_write = devport_write;
	d->platform.ctx = d;
	*out = d;
	return 0;
#else
	(void)d;
	(void)out;
	return vdisc_hosted_errno_(ENOSYS);
#endif
}

const struct vdisc_platform *vdisc_devport_platform(struct vdisc_devport *d)
{
	return &d->platform;
}

void vdisc_devport_close(struct vdisc_devport *d)
{
#ifdef VDISC_HAVE_PORT_IO
	if (d)
		ioperm(VDISC_PCI_CONF1_ADDRESS_PORT, VDISC_PCI_CONF1_PORTS, 0);
#endif
	free(d);
}
