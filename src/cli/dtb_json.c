/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>
#include <stdlib.h>
#include <libfdt.h>
#include <string.h>

#include "cli.h"

/*
 * The JSON contract of docs/ARCHITECTURE.md: integers as numbers, absent
 * knowledge as null, never a guess.  json-c does all escaping.
 */

static json_object *dtb_json_string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *dtb_json_strlist(const struct vdisc_strlist *list)
{
	json_object *arr = json_object_new_array();
	uint32_t i;

	for (i = 0; i < list->count; i++)
		json_object_array_add(arr, json_object_new_string(list->items[i]));
	return arr;
}

static json_object *dtb_json_u32_array(const uint32_t *v, unsigned n)
{
	json_object *arr = json_object_new_array();
	unsigned i;

	for (i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_uint64(v[i]));
	return arr;
}

static json_object *dtb_json_reg(const struct vdisc_reg *reg)
{
	/* The names pci_hosts' ranges use, plus ISA memory. */
	static const char *const spaces[] = {
		[VDISC_REG_SPACE_CONFIG] = "config", [VDISC_REG_SPACE_IO] = "io",
		[VDISC_REG_SPACE_MEM32] = "mem32",   [VDISC_REG_SPACE_MEM64] = "mem64",
		[VDISC_REG_SPACE_MEM] = "mem",
	};
	json_object *o = json_object_new_object();

	json_object_object_add(o, "bus_address", json_object_new_uint64(reg->bus_address));
	json_object_object_add(o, "bus_cells", dtb_json_u32_array(reg->bus_cells, reg->ncells));
	if (reg->space != VDISC_REG_SPACE_NONE && reg->space <= VDISC_REG_SPACE_MEM)
		json_object_object_add(o, "space", json_object_new_string(spaces[reg->space]));
	json_object_object_add(o, "address",
			       reg->translated ? json_object_new_uint64(reg->address) : NULL);
	json_object_object_add(o, "size", reg->has_size ? json_object_new_uint64(reg->size) : NULL);
	if (reg->error)
		json_object_object_add(o, "error",
				       json_object_new_string(vdisc_fdt_strerror(reg->error)));
	return o;
}

static json_object *dtb_json_irq(const struct vdisc_irq *irq)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "parent", dtb_json_string_or_null(irq->controller));
	json_object_object_add(
		o, "cells", irq->controller ? dtb_json_u32_array(irq->cells, irq->ncells) : NULL);
	json_object_object_add(o, "line", irq->has_line ? json_object_new_uint64(irq->line) : NULL);
	json_object_object_add(o, "via", dtb_json_string_or_null(irq->via));
	if (irq->error)
		json_object_object_add(o, "error",
				       json_object_new_string(vdisc_fdt_strerror(irq->error)));
	return o;
}

static json_object *dtb_json_hex(const void *val, int len)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = val;
	char *s = malloc((size_t)len * 2 + 1);
	json_object *o;
	int i;

	if (!s)
		return NULL;
	for (i = 0; i < len; i++) {
		s[2 * i] = digits[b[i] >> 4];
		s[2 * i + 1] = digits[b[i] & 15];
	}
	s[2 * len] = '\0';
	o = json_object_new_string(s);
	free(s);
	return o;
}

static json_object *dtb_json_prop_value(const void *blob, const char *name, enum prop_kind kind,
					const void *val, int len)
{
	struct prop_cell cells[PROP_MAX_CELLS];
	json_object *arr;
	char *path;
	int i, n = len / 4, pos;

	switch (kind) {
	case PROP_EMPTY:
		return json_object_new_boolean(1);
	case PROP_STRINGS:
		arr = json_object_new_array();
		for (pos = 0; pos < len; pos += (int)strlen((const char *)val + pos) + 1)
			json_object_array_add(arr, json_object_new_string((const char *)val + pos));
		return arr;
	case PROP_CELLS:
	case PROP_PHANDLES:
		if (n > PROP_MAX_CELLS)
			return NULL;
		prop_decode_cells(blob, name, val, len, cells);
		arr = json_object_new_array();
		for (i = 0; i < n; i++) {
			if (cells[i].node < 0) {
				json_object_array_add(arr, json_object_new_uint64(cells[i].value));
				continue;
			}
			path = prop_node_path(blob, cells[i].node);
			json_object_array_add(arr, dtb_json_string_or_null(path));
			free(path);
		}
		return arr;
	case PROP_BYTES:
	default:
		arr = json_object_new_array();
		for (i = 0; i < len; i++)
			json_object_array_add(arr,
					      json_object_new_int(((const unsigned char *)val)[i]));
		return arr;
	}
}

/* Every property of a node: type, decoded value and the raw bytes as hex. */
static json_object *dtb_json_properties(const void *blob, int node)
{
	json_object *props = json_object_new_object();
	int prop;

	fdt_for_each_property_offset (prop, blob, node) {
		const char *name;
		int len;
		const void *val = fdt_getprop_by_offset(blob, prop, &name, &len);
		enum prop_kind kind;
		json_object *p;

		/* A repeated name (malformed; diagnosed by the scan): keep the first, as libfdt
		 * reads it. */
		if (!val || json_object_object_get_ex(props, name, NULL))
			continue;
		kind = prop_classify(blob, name, val, len);
		p = json_object_new_object();
		json_object_object_add(p, "type", json_object_new_string(prop_kind_name(kind)));
		json_object_object_add(p, "value", dtb_json_prop_value(blob, name, kind, val, len));
		json_object_object_add(p, "raw", dtb_json_hex(val, len));
		json_object_object_add(props, name, p);
	}
	return props;
}

static json_object *dtb_json_device(const struct vdisc_model *model, const struct vdisc_device *dev,
				    bool verbose)
{
	json_object *o = json_object_new_object(), *arr;
	uint32_t i;

	json_object_object_add(o, "path", json_object_new_string(dev->path));
	json_object_object_add(o, "compatible", dtb_json_strlist(&dev->dt.compatible));
	json_object_object_add(o, "status", dtb_json_string_or_null(dev->dt.status));
	arr = json_object_new_array();
	for (i = 0; i < dev->nregs; i++)
		json_object_array_add(arr, dtb_json_reg(&dev->regs[i]));
	json_object_object_add(o, "reg", arr);
	arr = json_object_new_array();
	for (i = 0; i < dev->nirqs; i++)
		json_object_array_add(arr, dtb_json_irq(&dev->irqs[i]));
	json_object_object_add(o, "interrupts", arr);
	json_object_object_add(
		o, "interrupt_controller",
		json_object_new_boolean(!!(dev->dt.flags & VDISC_DEV_INTERRUPT_CONTROLLER)));
	if (dev->dt.flags & VDISC_DEV_VIRTIO_MMIO) {
		/* The register block is not read here: what it holds is unknown, so null. */
		json_object *v = json_object_new_object();

		json_object_object_add(v, "transport", json_object_new_string("mmio"));
		json_object_object_add(v, "version", NULL);
		json_object_object_add(v, "device_type", NULL);
		json_object_object_add(v, "device_type_name", NULL);
		json_object_object_add(o, "virtio", v);
	}
	if (verbose)
		json_object_object_add(o, "properties",
				       dtb_json_properties(model->dt.blob, dev->dt.node_offset));
	return o;
}

static json_object *dtb_json_region(const struct vdisc_region *r)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "path", dtb_json_string_or_null(r->path));
	json_object_object_add(o, "address",
			       r->has_address ? json_object_new_uint64(r->address) : NULL);
	json_object_object_add(o, "size", json_object_new_uint64(r->size));
	json_object_object_add(o, "no_map", json_object_new_boolean(r->no_map));
	json_object_object_add(o, "reusable", json_object_new_boolean(r->reusable));
	return o;
}

static json_object *dtb_json_regions(const struct vdisc_region *r)
{
	json_object *arr = json_object_new_array();

	for (; r; r = r->next)
		json_object_array_add(arr, dtb_json_region(r));
	return arr;
}

static json_object *dtb_json_cpus(const struct vdisc_model *model)
{
	json_object *arr = json_object_new_array();
	const struct vdisc_cpu *cpu;

	for (cpu = model->cpus; cpu; cpu = cpu->next) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "path", json_object_new_string(cpu->path));
		json_object_object_add(o, "id",
				       cpu->has_id ? json_object_new_uint64(cpu->id) : NULL);
		json_object_object_add(o, "compatible", dtb_json_string_or_null(cpu->compatible));
		json_object_object_add(o, "status", dtb_json_string_or_null(cpu->status));
		json_object_object_add(o, "isa", dtb_json_string_or_null(cpu->isa));
		json_object_object_add(o, "enable_method",
				       dtb_json_string_or_null(cpu->enable_method));
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *dtb_json_diags(const struct vdisc_model *model)
{
	json_object *arr = json_object_new_array();
	const struct vdisc_diag *d;

	for (d = model->diags; d; d = d->next) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "path", dtb_json_string_or_null(d->path));
		json_object_object_add(o, "property", dtb_json_string_or_null(d->prop));
		json_object_object_add(o, "error",
				       json_object_new_string(vdisc_fdt_strerror(d->error)));
		json_object_object_add(o, "value", json_object_new_uint64(d->value));
		json_object_object_add(o, "severity",
				       json_object_new_string(d->warning ? "warning" : "error"));
		if (d->from)
			json_object_object_add(o, "from", json_object_new_string(d->from));
		json_object_array_add(arr, o);
	}
	return arr;
}

/* --tree: every node, nested, with its properties under -v. Paths grow with depth, unbounded. */
static json_object *dtb_json_tree(const void *blob, int node, const char *path, bool verbose)
{
	json_object *o = json_object_new_object(), *children = json_object_new_array();
	const char *name = node ? fdt_get_name(blob, node, NULL) : "";
	int child;

	json_object_object_add(o, "name", json_object_new_string(name ? name : ""));
	json_object_object_add(o, "path", json_object_new_string(path));
	if (verbose)
		json_object_object_add(o, "properties", dtb_json_properties(blob, node));
	fdt_for_each_subnode (child, blob, node) {
		const char *cname = fdt_get_name(blob, child, NULL);
		size_t len = strlen(path) + strlen(cname ? cname : "") + 2;
		char *cpath = malloc(len);

		if (!cpath)
			break;
		snprintf(cpath, len, "%s%s%s", path, path[1] ? "/" : "", cname ? cname : "");
		json_object_array_add(children, dtb_json_tree(blob, child, cpath, verbose));
		free(cpath);
	}
	json_object_object_add(o, "children", children);
	return o;
}

static json_object *dtb_json_pci_hosts(const struct vdisc_model *model)
{
	static const char *const spaces[] = {"config", "io", "mem32", "mem64"};
	json_object *arr = json_object_new_array();
	const struct vdisc_fdt_pci_host *h;
	unsigned i;

	for (h = model->dt.pci_hosts; h; h = h->next) {
		json_object *o = json_object_new_object(), *ranges = json_object_new_array();

		json_object_object_add(o, "path", json_object_new_string(h->device->path));
		json_object_object_add(o, "ecam", json_object_new_boolean(h->ecam));
		json_object_object_add(o, "config_base",
				       h->has_config ? json_object_new_uint64(h->config_base)
						     : NULL);
		json_object_object_add(o, "config_size",
				       h->has_config ? json_object_new_uint64(h->config_size)
						     : NULL);
		json_object_object_add(o, "segment", json_object_new_uint64(h->segment));
		json_object_object_add(o, "bus_start", json_object_new_uint64(h->bus_start));
		json_object_object_add(o, "bus_end", json_object_new_uint64(h->bus_end));
		json_object_object_add(o, "dma_coherent", json_object_new_boolean(h->dma_coherent));
		for (i = 0; i < h->nranges; i++) {
			const struct vdisc_fdt_pci_range *r = &h->ranges[i];
			json_object *ro = json_object_new_object();

			json_object_object_add(ro, "space",
					       json_object_new_string(spaces[r->space & 3]));
			json_object_object_add(ro, "prefetchable",
					       json_object_new_boolean(r->prefetchable));
			json_object_object_add(ro, "pci_address",
					       json_object_new_uint64(r->pci_address));
			json_object_object_add(
				ro, "cpu_address",
				r->translated ? json_object_new_uint64(r->cpu_address) : NULL);
			json_object_object_add(ro, "size", json_object_new_uint64(r->size));
			json_object_array_add(ranges, ro);
		}
		json_object_object_add(o, "ranges", ranges);
		json_object_array_add(arr, o);
	}
	return arr;
}

int dtb_print_json(FILE *out, const struct vdisc_model *model, const struct dtb_options *opt)
{
	json_object *root = json_object_new_object(), *devices = json_object_new_array(), *chosen;
	const struct vdisc_device *dev;

	json_object_object_add(root, "source", json_object_new_string("dtb"));
	json_object_object_add(root, "file", json_object_new_string(opt->file));
	json_object_object_add(root, "model", dtb_json_string_or_null(model->dt.machine));
	json_object_object_add(root, "compatible", dtb_json_strlist(&model->dt.compatible));
	json_object_object_add(root, "nodes", json_object_new_uint64(model->dt.nnodes));
	for (dev = model->devices; dev; dev = dev->next)
		if (dtb_selected(dev, opt))
			json_object_array_add(devices, dtb_json_device(model, dev, opt->verbose));
	json_object_object_add(root, "devices", devices);
	json_object_object_add(root, "memory", dtb_json_regions(model->memory));
	json_object_object_add(root, "reserved", dtb_json_regions(model->reserved));
	json_object_object_add(root, "cpus", dtb_json_cpus(model));
	chosen = json_object_new_object();
	json_object_object_add(chosen, "bootargs", dtb_json_string_or_null(model->dt.bootargs));
	json_object_object_add(chosen, "stdout_path",
			       dtb_json_string_or_null(model->dt.stdout_path));
	json_object_object_add(chosen, "stdout_node",
			       dtb_json_string_or_null(model->dt.stdout_node));
	json_object_object_add(root, "chosen", chosen);
	json_object_object_add(root, "pci_hosts", dtb_json_pci_hosts(model));
	if (opt->probed)
		json_object_object_add(root, "virtio_mmio", opt->probed);
	if (opt->tree)
		json_object_object_add(root, "tree",
				       dtb_json_tree(model->dt.blob, 0, "/", opt->verbose));
	json_object_object_add(root, "diagnostics", dtb_json_diags(model));

	cli_json_print(out, root);
	return VDISC_EXIT_OK;
}
