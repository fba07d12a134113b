/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the lspci-dump reader: any byte string must give a
 * clean error, or a dump whose every function reads back, byte by byte and
 * in every width, through the access ops.  The same bytes also go through
 * the binary-image path and the slot parser.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosted/pci_dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the reads go, so the compiler cannot drop them. */
extern volatile uint32_t vdisc_fuzz_pci_sink;
volatile uint32_t vdisc_fuzz_pci_sink;

struct walk_ {
	const struct vdisc_pci_ops *ops;
	uint32_t sum;
	size_t count;
};

static int read_all_(void *arg, struct vdisc_pci_addr addr)
{
	struct walk_ *w = arg;
	uint16_t size = w->ops->config_size(w->ops->ctx, addr), off;
	uint32_t v;

	/* Listed functions hold the 64-byte header at least. */
	if (size != 64 && size != 256 && size != 4096)
		abort();
	for (off = 0; off < 4096; off++) {
		if (w->ops->read(w->ops->ctx, addr, off, 1, &v) || v > 0xff)
			abort();
		if (off >= size && v != 0xff)
			abort();
		w->sum += v;
		if (off % 4 == 0 && !w->ops->read(w->ops->ctx, addr, off, 4, &v))
			w->sum ^= v;
		if (off % 2 == 0 && !w->ops->read(w->ops->ctx, addr, off, 2, &v))
			w->sum += v;
	}
	w->count++;
	return 0;
}

static void walk_dump_(struct vdisc_pci_dump *d)
{
	struct vdisc_pci_ops ops;
	struct walk_ w = {&ops, 0, 0};

	vdisc_pci_dump_ops(d, &ops);
	if (ops.list(ops.ctx, read_all_, &w) || w.count != vdisc_pci_dump_count(d))
		abort();
	vdisc_fuzz_pci_sink = w.sum;
}

struct ops_pair_ {
	struct vdisc_pci_ops a, b;
};

static int same_function_(void *arg, struct vdisc_pci_addr addr)
{
	struct ops_pair_ *p = arg;
	uint16_t sa = 0, sb = 0;
	const uint8_t *a = p->a.snapshot(p->a.ctx, addr, &sa);
	const uint8_t *b = p->b.snapshot(p->b.ctx, addr, &sb);

	if (!a || !b || sa != sb || memcmp(a, b, sa) != 0)
		abort();
	return 0;
}

/*
 * The streaming parse (what vdisc pci -F uses, a chunk at a time) must agree
 * with the in-memory one: same result, same message, same functions and bytes.
 */
static void same_as_streamed_(const char *text, size_t size, int rc, struct vdisc_pci_dump *d,
			      const char *where)
{
	FILE *f = size ? fmemopen((void *)(uintptr_t)text, size, "r") : NULL;
	struct ops_pair_ pair;
	struct vdisc_pci_dump *s;
	char swhere[128];
	int src;

	if (!f)
		return;
	src = vdisc_pci_dump_parse_file(f, &s, swhere, sizeof(swhere));
	fclose(f);
	if (src != rc || (rc && strcmp(swhere, where) != 0))
		abort();
	if (rc)
		return;
	if (vdisc_pci_dump_count(s) != vdisc_pci_dump_count(d))
		abort();
	vdisc_pci_dump_ops(d, &pair.a);
	vdisc_pci_dump_ops(s, &pair.b);
	if (pair.a.list(pair.a.ctx, same_function_, &pair))
		abort();
	vdisc_pci_dump_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdisc_pci_addr first = {0, 0, 0, 0};
	struct vdisc_pci_dump *d;
	char where[128], slot[17];
	char *copy;
	int rc;

	/* An exact-size copy, so any read past the input is an ASan report. */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	rc = vdisc_pci_dump_parse(copy, size, &d, where, sizeof(where));
	if (rc == 0) {
		walk_dump_(d);
	} else if (d || !where[0] || strncmp(where, "LINE ", 5) || strchr(where, '\n')) {
		abort(); /* an error must come with a one-line "LINE N: " message */
	}
	same_as_streamed_(copy, size, rc, d, where);
	if (d)
		vdisc_pci_dump_free(d);
	if (size) {
		first.fn = (uint8_t)(data[0] & 7);
		if (vdisc_pci_dump_from_binary(data, size, first, &d, where, sizeof(where)) == 0) {
			walk_dump_(d);
			vdisc_pci_dump_free(d);
		}
	}
	memcpy(slot, data, size < 16 ? size : 16);
	slot[size < 16 ? size : 16] = '\0';
	if (vdisc_pci_addr_parse(slot, &first) == 0 && (first.dev > 0x1f || first.fn > 7))
		abort();
	free(copy);
	return 0;
}
