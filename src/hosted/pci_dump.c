/* SPDX-License-Identifier: MIT */
/*
 * The dump access method's store (hosted layer): the functions a dump
 * holds, their bytes in one pool and an index sorted by address, and the
 * vdisc_pci_ops that read them.  pci_dump_text.c and pci_dump_binary.c
 * fill it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pci_dump_internal.h"

struct vdisc_pci_addr vdisc_pci_dump_addr_(uint32_t key)
{
	struct vdisc_pci_addr a;

	a.segment = (uint16_t)(key >> 16);
	a.bus = (uint8_t)(key >> 8);
	a.dev = (uint8_t)(key >> 3 & 0x1f);
	a.fn = (uint8_t)(key & 7);
	return a;
}

int vdisc_pci_dump_fail_(char *where, size_t wherelen, int err, const char *fmt, ...)
{
	va_list ap;

	if (where && wherelen) {
		va_start(ap, fmt);
		vsnprintf(where, wherelen, fmt, ap);
		va_end(ap);
	}
	return err;
}

int vdisc_pci_dump_pool_reserve_(struct vdisc_pci_dump *d, size_t more)
{
	size_t cap = d->pool_cap ? d->pool_cap : 65536;
	unsigned char *pool;

	if (d->pool_cap - d->pool_len >= more)
		return 0;
	while (cap - d->pool_len < more) {
		if (cap > SIZE_MAX / 2)
			return -VDISC_ENOMEM;
		cap *= 2;
	}
	pool = realloc(d->pool, cap);
	if (!pool)
		return -VDISC_ENOMEM;
	d->pool = pool;
	d->pool_cap = cap;
	return 0;
}

int vdisc_pci_dump_fns_reserve_(struct vdisc_pci_dump *d, size_t n)
{
	size_t cap = d->cap ? d->cap : 64;
	struct vdisc_pci_dump_fn_ *fns;

	if (d->cap >= n)
		return 0;
	while (cap < n) {
		if (cap > SIZE_MAX / 2 / sizeof(*fns))
			return -VDISC_ENOMEM;
		cap *= 2;
	}
	fns = realloc(d->fns, cap * sizeof(*fns));
	if (!fns)
		return -VDISC_ENOMEM;
	d->fns = fns;
	d->cap = cap;
	return 0;
}

void vdisc_pci_dump_free(struct vdisc_pci_dump *d)
{
	if (!d)
		return;
	free(d->fns);
	free(d->index);
	free(d->pool);
	free(d);
}

static const struct vdisc_pci_dump_fn_ *dump_find_(const struct vdisc_pci_dump *d,
						   struct vdisc_pci_addr a)
{
	uint32_t key = vdisc_pci_addr_key(a);
	size_t lo = 0, hi = d->count, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->index[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->count && d->index[lo].key == key)
		return &d->fns[d->index[lo].idx];
	return NULL;
}

static int dump_read_(void *ctx, struct vdisc_pci_addr addr, uint16_t offset, unsigned width,
		      uint32_t *value)
{
	const struct vdisc_pci_dump *d = ctx;
	const struct vdisc_pci_dump_fn_ *f;
	const unsigned char *b;
	uint32_t v = 0;
	unsigned i;

	if (!d || !value || (width != 1 && width != 2 && width != 4) || offset % width ||
	    offset >= VDISC_PCI_DUMP_SPACE_ || addr.dev > 0x1f || addr.fn > 7)
		return -VDISC_EINVAL;
	f = dump_find_(d, addr);
	if (!f || offset >= f->size) {
		*value = width == 4 ? 0xffffffffu : (1u << 8 * width) - 1;
		return 0;
	}
	b = d->pool + f->off + offset;
	for (i = 0; i < width; i++)
		v |= (uint32_t)b[i] << 8 * i;
	*value = v;
	return 0;
}

static uint16_t dump_config_size_(void *ctx, struct vdisc_pci_addr addr)
{
	const struct vdisc_pci_dump *d = ctx;
	const struct vdisc_pci_dump_fn_ *f;

	if (!d || addr.dev > 0x1f || addr.fn > 7)
		return 0;
	f = dump_find_(d, addr);
	return f ? f->size : 0;
}

/* The dumped bytes themselves, so enumeration need not copy them. */
static const uint8_t *dump_snapshot_(void *ctx, struct vdisc_pci_addr addr, uint16_t *size)
{
	const struct vdisc_pci_dump *d = ctx;
	const struct vdisc_pci_dump_fn_ *f;

	if (!d || addr.dev > 0x1f || addr.fn > 7)
		return NULL;
	f = dump_find_(d, addr);
	if (!f)
		return NULL;
	*size = f->size;
	return d->pool + f->off;
}

static int dump_list_(void *ctx, int (*visit)(void *arg, struct vdisc_pci_addr addr), void *arg)
{
	const struct vdisc_pci_dump *d = ctx;
	size_t i;
	int err;

	if (!d || !visit)
		return -VDISC_EINVAL;
	for (i = 0; i < d->count; i++) {
		err = visit(arg, vdisc_pci_dump_addr_(d->index[i].key));
		if (err)
			return err;
	}
	return 0;
}

void vdisc_pci_dump_ops(struct vdisc_pci_dump *d, struct vdisc_pci_ops *ops)
{
	if (!ops)
		return;
	ops->name = "dump";
	ops->read = dump_read_;
	ops->write = NULL;
	ops->config_size = dump_config_size_;
	ops->snapshot = dump_snapshot_;
	ops->list = dump_list_;
	ops->ctx = d;
}

size_t vdisc_pci_dump_count(const struct vdisc_pci_dump *d)
{
	return d ? d->count : 0;
}
