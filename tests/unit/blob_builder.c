/* SPDX-License-Identifier: MIT */
#include "blob_builder.h"

#include <string.h>

#include <libfdt.h>

static void bb_note_(struct bb *b, int rc)
{
	if (rc < 0 && b->err == 0)
		b->err = rc;
}

/* The reservation map must be closed before the structure block opens. */
static void bb_close_rsvmap_(struct bb *b)
{
	if (!b->rsvmap_done) {
		bb_note_(b, fdt_finish_reservemap(b->buf));
		b->rsvmap_done = true;
	}
}

void bb_start(struct bb *b)
{
	b->err = 0;
	b->rsvmap_done = false;
	b->size = 0;
	bb_note_(b, fdt_create(b->buf, (int)sizeof(b->buf)));
}

void bb_memreserve(struct bb *b, uint64_t address, uint64_t size)
{
	if (b->rsvmap_done) {
		bb_note_(b, -FDT_ERR_BADSTATE);
		return;
	}
	bb_note_(b, fdt_add_reservemap_entry(b->buf, address, size));
}

void bb_begin(struct bb *b, const char *name)
{
	bb_close_rsvmap_(b);
	bb_note_(b, fdt_begin_node(b->buf, name));
}

void bb_end(struct bb *b)
{
	bb_note_(b, fdt_end_node(b->buf));
}

void bb_u32(struct bb *b, const char *name, uint32_t value)
{
	bb_note_(b, fdt_property_u32(b->buf, name, value));
}

void bb_cells_(struct bb *b, const char *name, const uint32_t *cells, size_t n)
{
	void *val = NULL;
	fdt32_t *out;
	size_t i;

	bb_note_(b, fdt_property_placeholder(b->buf, name, (int)(n * sizeof(fdt32_t)), &val));
	if (!val)
		return;
	out = val;
	for (i = 0; i < n; i++)
		out[i] = cpu_to_fdt32(cells[i]);
}

void bb_string(struct bb *b, const char *name, const char *value)
{
	bb_note_(b, fdt_property_string(b->buf, name, value));
}

void bb_strings_(struct bb *b, const char *name, const char *const *values, size_t n)
{
	size_t len = 0, i;
	char *out;
	void *val = NULL;

	for (i = 0; i < n; i++)
		len += strlen(values[i]) + 1;
	bb_note_(b, fdt_property_placeholder(b->buf, name, (int)len, &val));
	if (!val)
		return;
	out = val;
	for (i = 0; i < n; i++) {
		size_t l = strlen(values[i]) + 1;

		memcpy(out, values[i], l);
		out += l;
	}
}

void bb_empty(struct bb *b, const char *name)
{
	void *val = NULL;

	bb_note_(b, fdt_property_placeholder(b->buf, name, 0, &val));
}

void bb_bytes(struct bb *b, const char *name, const void *data, size_t len)
{
	bb_note_(b, fdt_property(b->buf, name, data, (int)len));
}

void bb_bus(struct bb *b, uint32_t address_cells, uint32_t size_cells)
{
	bb_u32(b, "#address-cells", address_cells);
	bb_u32(b, "#size-cells", size_cells);
}

void bb_virt_plic(struct bb *b, uint32_t phandle)
{
	bb_begin(b, "plic@c000000");
	bb_string(b, "compatible", "sifive,plic-1.0.0");
	bb_empty(b, "interrupt-controller");
	bb_u32(b, "#interrupt-cells", 1);
	bb_u32(b, "#address-cells", 0);
	bb_u32(b, "phandle", phandle);
	bb_cells(b, "reg", 0, 0xc000000, 0, 0x600000);
	bb_end(b);
}

void bb_virt_pci_host_begin(struct bb *b, uint32_t plic)
{
	uint32_t map[4 * 4 * 6];
	unsigned k = 0;

	/* QEMU's swizzle: slot s, pin p (1..4) reaches line 32 + (s + p - 1) % 4. */
	for (unsigned slot = 0; slot < 4; slot++)
		for (unsigned pin = 1; pin <= 4; pin++) {
			map[k++] = slot << 11;
			map[k++] = 0;
			map[k++] = 0;
			map[k++] = pin;
			map[k++] = plic;
			map[k++] = 32 + (slot + pin - 1) % 4;
		}
	bb_begin(b, "pci@30000000");
	bb_string(b, "compatible", "pci-host-ecam-generic");
	bb_string(b, "device_type", "pci");
	bb_bus(b, 3, 2);
	bb_u32(b, "#interrupt-cells", 1);
	bb_cells(b, "reg", 0, 0x30000000, 0, 0x10000000);
	bb_cells(b, "bus-range", 0, 0xff);
	bb_cells(b, "interrupt-map-mask", 0x1800, 0, 0, 7);
	bb_cells_(b, "interrupt-map", map, k);
}

const void *bb_finish(struct bb *b, size_t *size)
{
	if (b->size == 0 && b->err == 0) {
		bb_close_rsvmap_(b);
		bb_note_(b, fdt_finish(b->buf));
		if (b->err == 0)
			b->size = fdt_totalsize(b->buf);
	}
	if (b->err)
		return NULL;
	if (size)
		*size = b->size;
	return b->buf;
}

/* Large enough for every tree the unit tests build. */
static _Alignas(16) unsigned char bb_arena_buf_[1u << 20];
static struct vdisc_arena bb_arena_;

int bb_scan(struct bb *b, struct vdisc_model *model)
{
	size_t size = 0;
	const void *blob = bb_finish(b, &size);

	if (!blob)
		return -VDISC_EINVAL;
	vdisc_arena_init(&bb_arena_, bb_arena_buf_, sizeof(bb_arena_buf_));
	vdisc_model_init(model, &bb_arena_);
	return vdisc_fdt_scan(blob, size, model);
}

const struct vdisc_device *find_device(const struct vdisc_model *model, const char *path)
{
	const struct vdisc_device *dev;

	for (dev = model->devices; dev; dev = dev->next)
		if (strcmp(dev->path, path) == 0)
			return dev;
	return NULL;
}

static bool same_or_any_(const char *want, const char *have)
{
	return !want || (have && strcmp(want, have) == 0);
}

const struct vdisc_diag *find_diag(const struct vdisc_model *model, int error, const char *path,
				   const char *prop)
{
	const struct vdisc_diag *d;

	for (d = model->diags; d; d = d->next)
		if (d->error == error && same_or_any_(path, d->path) && same_or_any_(prop, d->prop))
			return d;
	return NULL;
}

unsigned count_diags(const struct vdisc_model *model, int error)
{
	const struct vdisc_diag *d;
	unsigned n = 0;

	for (d = model->diags; d; d = d->next)
		n += d->error == error;
	return n;
}
