/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PCI_DEVPORT_H
#define VDISC_HOSTED_PCI_DEVPORT_H

#include <vdisc/pci.h>
#include <vdisc/platform.h>

/*
 * Configuration mechanism #1 on a running Linux x86 machine, as root.
 *
 * /dev/port is where a person expects raw port access, and we check it
 * (absent or not permitted means "not available here"), but the accesses
 * themselves use ioperm(2) and 32-bit in/out instructions: the kernel's
 * /dev/port turns a 4-byte write into four byte writes, and the byte that
 * lands on port 0xCF9 is the reset control register of Intel chipsets.
 */
struct vdisc_devport;

/* returns 0, or -VDISC_ENOTFOUND (no /dev/port), -VDISC_EPERM (not root),
 * -VDISC_ENOTSUP (no port I/O on this architecture or kernel) or another
 * -VDISC_E*, with errno holding the system's reason. */
int vdisc_devport_open(const char *devport, struct vdisc_devport **out);
const struct vdisc_platform *vdisc_devport_platform(struct vdisc_devport *d);
void vdisc_devport_close(struct vdisc_devport *d);

#endif
