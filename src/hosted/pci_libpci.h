/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PCI_LIBPCI_H
#define VDISC_HOSTED_PCI_LIBPCI_H

#include <stddef.h>

#include <vdisc/pci.h>

/*
 * Any libpci access method (linux-sysfs, intel-conf1, dump, ...), so that
 * vdisc reads whatever lspci can.  Read-only: we never write through it.
 */
struct vdisc_libpci;

/*
 * @method: a libpci method name ("linux-sysfs", "intel-conf1", "dump", ...) or
 * NULL for libpci's own auto-detection; @dump_file: the file for "dump".
 * On failure returns -VDISC_E* and writes libpci's own message to @why.
 */
int vdisc_libpci_open(const char *method, const char *dump_file, struct vdisc_libpci **out,
		      char *why, size_t whylen);
void vdisc_libpci_ops(struct vdisc_libpci *l, struct vdisc_pci_ops *ops);
const char *vdisc_libpci_method(const struct vdisc_libpci *l);
/* The method names this libpci knows, one per line, into @buf. */
void vdisc_libpci_methods(char *buf, size_t len);
void vdisc_libpci_close(struct vdisc_libpci *l);

#endif
