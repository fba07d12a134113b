/* SPDX-License-Identifier: MIT */
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vdisc/error.h>

#include "pci_libpci.h"

struct libpci_fn {
	struct vdisc_pci_addr addr;
	struct pci_dev *dev;
	uint16_t size;
};

struct vdisc_libpci {
	struct pci_access *pacc;
	struct libpci_fn *fns;
	size_t count;
	char method[64];
};

/*
 * libpci reports failure through a callback that must not return (it
 * exits by default).  A library must never exit, so the callback jumps
 * back to the call that failed, with libpci's message.
 */
static jmp_buf *libpci_escape;
static char libpci_message[256];

static void __attribute__((noreturn, format(printf, 1, 2))) libpci_error(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(libpci_message, sizeof(libpci_message), msg, ap);
	va_end(ap);
	if (libpci_escape)
		longjmp(*libpci_escape, 1);
	fprintf(stderr, "vdisc: libpci: %s\n", libpci_message);
	abort();
}

static void __attribute__((format(printf, 1, 2))) libpci_quiet(char *msg, ...)
{
	(void)msg;
}

static int libpci_cmp(const void *a, const void *b)
{
	uint32_t kx = vdisc_pci_addr_key(((const struct libpci_fn *)a)->addr);
	uint32_t ky = vdisc_pci_addr_key(((const struct libpci_fn *)b)->addr);

	return kx < ky ? -1 : kx > ky;
}

/* What the method really gives: 4096 bytes (root, PCIe), 256, or 64 (non-root sysfs). */
static uint16_t libpci_readable(struct pci_dev *dev)
{
	static const uint16_t sizes[] = {VDISC_PCIE_CONFIG_SIZE, VDISC_PCI_CONFIG_SIZE,
					 VDISC_PCI_STD_HEADER_SIZE};
	unsigned char b;
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (pci_read_block(dev, sizes[i] - 1, &b, 1))
			return sizes[i];
	return 64;
}

static int libpci_collect(struct vdisc_libpci *l)
{
	struct pci_dev *d;
	size_t n = 0, i = 0;

	for (d = l->pacc->devices; d; d = d->next)
		n++;
	l->fns = calloc(n ? n : 1, sizeof(*l->fns));
	if (!l->fns)
		return -VDISC_ENOMEM;
	for (d = l->pacc->devices; d; d = d->next, i++) {
		l->fns[i].addr.segment = (uint16_t)d->domain;
		l->fns[i].addr.bus = d->bus;
		l->fns[i].addr.dev = d->dev;
		l->fns[i].addr.fn = d->func;
		l->fns[i].dev = d;
		l->fns[i].size = libpci_readable(d);
	}
	l->count = n;
	qsort(l->fns, n, sizeof(*l->fns), libpci_cmp);
	return 0;
}

static struct pci_access *libpci_abandoned; /* the last one libpci failed in */

int vdisc_libpci_open(const char *method, const char *dump_file, struct vdisc_libpci **out,
		      char *why, size_t whylen)
{
	struct vdisc_libpci *volatile l = calloc(1, sizeof(*l));
	jmp_buf escape;
	int err;

	if (!l)
		return -VDISC_ENOMEM;
	l->pacc = pci_alloc();
	l->pacc->error = libpci_error;
	l->pacc->warning = libpci_quiet;
	l->pacc->debug = libpci_quiet;
	if (method) {
		int m = pci_lookup_method((char *)(uintptr_t)method);

		if (m < 0) {
			snprintf(why, whylen, "libpci has no access method '%s'", method);
			vdisc_libpci_close(l);
			return -VDISC_EINVAL;
		}
		l->pacc->method = (unsigned)m;
	}
	if (dump_file) {
		char param[] = "dump.name"; /* libpci's prototype takes char * */

		pci_set_param(l->pacc, param, (char *)(uintptr_t)dump_file);
	}
	libpci_escape = &escape;
	if (setjmp(escape)) {
		libpci_escape = NULL;
		snprintf(why, whylen, "%s", libpci_message);
		/*
		 * libpci's state after its error is not safe to clean up: it is
		 * abandoned, and kept reachable so that a leak checker sees it was
		 * left on purpose (the command ends right after).
		 */
		libpci_abandoned = l->pacc;
		free(l);
		return -VDISC_EPERM;
	}
	pci_init(l->pacc);
	pci_scan_bus(l->pacc);
	libpci_escape = NULL;
	snprintf(l->method, sizeof(l->method), "libpci:%s",
		 pci_get_method_name((int)l->pacc->method));
	err = libpci_collect(l);
	if (err) {
		vdisc_libpci_close(l);
		return err;
	}
	*out = l;
	return 0;
}

static struct libpci_fn *libpci_find(struct vdisc_libpci *l, struct vdisc_pci_addr addr)
{
	struct libpci_fn key = {.addr = addr};

	return bsearch(&key, l->fns, l->count, sizeof(*l->fns), libpci_cmp);
}

static int libpci_read(void *ctx, struct vdisc_pci_addr addr, uint16_t off, unsigned width,
		       uint32_t *value)
{
	struct libpci_fn *f = libpci_find(ctx, addr);
	unsigned char b[4];
	unsigned i;

	*value = 0xffffffffu >> (32 - 8 * width);
	if (!f || off + width > f->size)
		return 0;
	if (!pci_read_block(f->dev, off, b, (int)width))
		return -VDISC_EIO;
	*value = 0;
	for (i = 0; i < width; i++)
		*value |= (uint32_t)b[i] << (8 * i);
	return 0;
}

static uint16_t libpci_size(void *ctx, struct vdisc_pci_addr addr)
{
	struct libpci_fn *f = libpci_find(ctx, addr);

	return f ? f->size : 64;
}

static int libpci_list(void *ctx, int (*visit)(void *arg, struct vdisc_pci_addr addr), void *arg)
{
	struct vdisc_libpci *l = ctx;
	size_t i;
	int err;

	for (i = 0; i < l->count; i++) {
		err = visit(arg, l->fns[i].addr);
		if (err)
			return err;
	}
	return 0;
}

void vdisc_libpci_ops(struct vdisc_libpci *l, struct vdisc_pci_ops *ops)
{
	memset(ops, 0, sizeof(*ops));
	ops->name = l->method;
	ops->read = libpci_read;
	ops->config_size = libpci_size;
	ops->list = libpci_list;
	ops->ctx = l;
}

const char *vdisc_libpci_method(const struct vdisc_libpci *l)
{
	return l->method;
}

void vdisc_libpci_methods(char *buf, size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < PCI_ACCESS_MAX && used < len; i++) {
		char *name = pci_get_method_name(i);

		if (name && *name) {
			snprintf(buf + used, len - used, "libpci:%s\n", name);
			used = strlen(buf);
		}
	}
}

void vdisc_libpci_close(struct vdisc_libpci *l)
{
	if (!l)
		return;
	if (l->pacc)
		pci_cleanup(l->pacc);
	free(l->fns);
	free(l);
}
