/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>
#include <stdlib.h>
#include <libfdt.h>
#include <string.h>

#include "cli.h"
#include "dtb_walk.h"

/*
 * The JSON contract of docs/ARCHITECTURE.md: integers as numbers, absent
 * knowledge as null, never a guess.  json-c does all escaping.
 */

static json_object *dtb_json_string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/*
 * A device's fields are written straight into the stream (cli_json_put_*:
 * json-c's bytes without json-c's objects), since there is one per device.
 */
static void dtb_json_put_u32s(struct cli_json_stream *s, const char *key, const uint32_t *v,
			      unsigned n)
{
	unsigned i;

	cli_json_open(s, key, CLI_JSON_ARRAY);
	for (i = 0; i < n; i++)
		cli_json_put_u64(s, NULL, v[i]);
	cli_json_close(s, CLI_JSON_ARRAY);
}

static void dtb_json_put_strlist(struct cli_json_stream *s, const char *key,
				 const struct vdisc_strlist *list)
{
	uint32_t i;

	cli_json_open(s, key, CLI_JSON_ARRAY);
	for (i = 0; i < list->count; i++)
		cli_json_put_string(s, NULL, list->items[i]);
	cli_json_close(s, CLI_JSON_ARRAY);
}

/* A number where it is known, else null. */
static void dtb_json_put_known(struct cli_json_stream *s, const char *key, bool known, uint64_t v)
{
	if (known)
		cli_json_put_u64(s, key, v);
	else
		cli_json_put_null(s, key);
}

static void dtb_json_put_reg(struct cli_json_stream *s, const struct vdisc_reg *reg)
{
	/* The names pci_hosts' ranges use, plus ISA memory. */
	static const char *const spaces[] = {
		[VDISC_REG_SPACE_CONFIG] = "config", [VDISC_REG_SPACE_IO] = "io",
		[VDISC_REG_SPACE_MEM32] = "mem32",   [VDISC_REG_SPACE_MEM64] = "mem64",
		[VDISC_REG_SPACE_MEM] = "mem",
	};

	cli_json_open(s, NULL, CLI_JSON_OBJECT);
	cli_json_put_u64(s, "bus_address", reg->bus_address);
	dtb_json_put_u32s(s, "bus_cells", reg->bus_cells, reg->ncells);
	if (reg->space != VDISC_REG_SPACE_NONE && reg->space <= VDISC_REG_SPACE_MEM)
		cli_json_put_string(s, "space", spaces[reg->space]);
	dtb_json_put_known(s, "address", reg->translated, reg->address);
	dtb_json_put_known(s, "size", reg->has_size, reg->size);
	if (reg->error)
		cli_json_put_string(s, "error", vdisc_fdt_strerror(reg->error));
	cli_json_close(s, CLI_JSON_OBJECT);
}

static void dtb_json_put_irq(struct cli_json_stream *s, const struct vdisc_irq *irq)
{
	cli_json_open(s, NULL, CLI_JSON_OBJECT);
	cli_json_put_string(s, "parent", irq->controller);
	if (irq->controller)
		dtb_json_put_u32s(s, "cells", irq->cells, irq->ncells);
	else
		cli_json_put_null(s, "cells");
	dtb_json_put_known(s, "line", irq->has_line, irq->line);
	cli_json_put_string(s, "via", irq->via);
	if (irq->error)
		cli_json_put_string(s, "error", vdisc_fdt_strerror(irq->error));
	cli_json_close(s, CLI_JSON_OBJECT);
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

static json_object *dtb_json_prop_value(const struct vdisc_model *model,
					const struct prop_cell *cells, enum prop_kind kind,
					const void *val, int len)
{
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
		arr = json_object_new_array();
		for (i = 0; i < n; i++) {
			if (cells[i].node < 0) {
				json_object_array_add(arr, json_object_new_uint64(cells[i].value));
				continue;
			}
			path = prop_node_path(model, cells[i].node);
			json_object_array_add(arr, json_object_new_string(path ? path : "?"));
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
static json_object *dtb_json_properties(const struct vdisc_model *model, struct prop_reader *r,
					int node)
{
	const void *blob = model->dt.blob;
	json_object *props = json_object_new_object();
	struct prop_cell cells[PROP_MAX_CELLS];
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
		kind = prop_classify(r, name, val, len, cells);
		p = json_object_new_object();
		json_object_object_add(p, "type", json_object_new_string(prop_kind_name(kind)));
		json_object_object_add(p, "value",
				       dtb_json_prop_value(model, cells, kind, val, len));
		json_object_object_add(p, "raw", dtb_json_hex(val, len));
		json_object_object_add(props, name, p);
	}
	return props;
}

/* @props: NULL, or -v's property reader */
static void dtb_json_put_device(struct cli_json_stream *s, const struct vdisc_model *model,
				const struct vdisc_device *dev, struct prop_reader *props)
{
	uint32_t i;

	cli_json_open(s, NULL, CLI_JSON_OBJECT);
	cli_json_put_string(s, "path", dev->path);
	dtb_json_put_strlist(s, "compatible", &dev->dt.compatible);
	cli_json_put_string(s, "status", dev->dt.status);
	cli_json_open(s, "reg", CLI_JSON_ARRAY);
	for (i = 0; i < dev->nregs; i++)
		dtb_json_put_reg(s, &dev->regs[i]);
	cli_json_close(s, CLI_JSON_ARRAY);
	cli_json_open(s, "interrupts", CLI_JSON_ARRAY);
	for (i = 0; i < dev->nirqs; i++)
		dtb_json_put_irq(s, &dev->irqs[i]);
	cli_json_close(s, CLI_JSON_ARRAY);
	cli_json_put_bool(s, "interrupt_controller",
			  (dev->dt.flags & VDISC_DEV_INTERRUPT_CONTROLLER) != 0);
	if (dev->dt.flags & VDISC_DEV_VIRTIO_MMIO) {
		/* The register block is not read here: what it holds is unknown, so null. */
		cli_json_open(s, "virtio", CLI_JSON_OBJECT);
		cli_json_put_string(s, "transport", "mmio");
		cli_json_put_null(s, "version");
		cli_json_put_null(s, "device_type");
		cli_json_put_null(s, "device_type_name");
		cli_json_close(s, CLI_JSON_OBJECT);
	}
	if (props)
		cli_json_put(s, "properties",
			     dtb_json_properties(model, props, dev->dt.node_offset));
	cli_json_close(s, CLI_JSON_OBJECT);
}

static json_object *dtb_json_region(const struct vdisc_region *r)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "path", dtb_json_string_or_null(r->path));
	json_object_object_add(o, "address",
			       r->has_address ? json_object_new_uint64(r->address) : NULL);
	json_object_object_add(o, "size",
			       r->left_to_firmware ? NULL : json_object_new_uint64(r->size));
	json_object_object_add(o, "no_map", json_object_new_boolean(r->no_map));
	json_object_object_add(o, "reusable", json_object_new_boolean(r->reusable));
	return o;
}

/* Lists that can grow with the tree (memory, reserved, cpus, diagnostics) are streamed too: one
 * element in memory at a time. */
static void dtb_json_put_regions(struct cli_json_stream *s, const char *key,
				 const struct vdisc_region *r)
{
	cli_json_open(s, key, CLI_JSON_ARRAY);
	for (; r && !s->failed; r = r->next)
		cli_json_put(s, NULL, dtb_json_region(r));
	cli_json_close(s, CLI_JSON_ARRAY);
}

static json_object *dtb_json_cpu(const struct vdisc_cpu *cpu)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "path", json_object_new_string(cpu->path));
	json_object_object_add(o, "id", cpu->has_id ? json_object_new_uint64(cpu->id) : NULL);
	json_object_object_add(o, "compatible", dtb_json_string_or_null(cpu->compatible));
	json_object_object_add(o, "status", dtb_json_string_or_null(cpu->status));
	json_object_object_add(o, "isa", dtb_json_string_or_null(cpu->isa));
	json_object_object_add(o, "enable_method", dtb_json_string_or_null(cpu->enable_method));
	return o;
}

static json_object *dtb_json_diag(const struct vdisc_diag *d)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "path", dtb_json_string_or_null(d->path));
	json_object_object_add(o, "property", dtb_json_string_or_null(d->prop));
	json_object_object_add(o, "error", json_object_new_string(vdisc_fdt_strerror(d->error)));
	json_object_object_add(o, "value", json_object_new_uint64(d->value));
	json_object_object_add(o, "severity",
			       json_object_new_string(d->warning ? "warning" : "error"));
	if (d->from)
		json_object_object_add(o, "from", json_object_new_string(d->from));
	return o;
}

/*
 * --tree: every node, nested, with its properties under -v.  Each node's own fields are written
 * before its children, which are written as the walk reaches them: memory follows the depth of
 * the tree, not its size.  Paths grow with depth, unbounded.
 */
static void dtb_json_put_tree(struct cli_json_stream *s, const char *key,
			      const struct vdisc_model *model, int node, const char *path,
			      struct prop_reader *props)
{
	const void *blob = model->dt.blob;
	const char *name = node ? fdt_get_name(blob, node, NULL) : "";
	int child;

	cli_json_open(s, key, CLI_JSON_OBJECT);
	cli_json_put(s, "name", json_object_new_string(name ? name : ""));
	cli_json_put(s, "path", json_object_new_string(path));
	if (props)
		cli_json_put(s, "properties", dtb_json_properties(model, props, node));
	cli_json_open(s, "children", CLI_JSON_ARRAY);
	fdt_for_each_subnode (child, blob, node) {
		const char *cname = fdt_get_name(blob, child, NULL);
		size_t len = strlen(path) + strlen(cname ? cname : "") + 2;
		char *cpath = malloc(len);

		if (!cpath || s->failed) {
			free(cpath);
			break;
		}
		snprintf(cpath, len, "%s%s%s", path, path[1] ? "/" : "", cname ? cname : "");
		dtb_json_put_tree(s, NULL, model, child, cpath, props);
		free(cpath);
	}
	cli_json_close(s, CLI_JSON_ARRAY);
	cli_json_close(s, CLI_JSON_OBJECT);
}

static const char *dtb_json_pci_access(enum vdisc_fdt_pci_config config)
{
	static const char *const names[] = {
		[VDISC_FDT_PCI_CONFIG_ECAM] = "ecam",
		[VDISC_FDT_PCI_CONFIG_CAM] = "cam",
		[VDISC_FDT_PCI_CONFIG_CONTROLLER] = "controller",
	};

	return names[config];
}

/* Every register block of a host bridge, by its "reg-names" name (null where unnamed). */
static json_object *dtb_json_pci_host_regs(const struct vdisc_fdt_pci_host *h)
{
	json_object *arr = json_object_new_array();
	uint32_t i;

	for (i = 0; i < h->device->nregs; i++) {
		const struct vdisc_reg *r = &h->device->regs[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "name",
				       i < h->reg_names.count
					       ? json_object_new_string(h->reg_names.items[i])
					       : NULL);
		json_object_object_add(o, "address",
				       r->translated ? json_object_new_uint64(r->address) : NULL);
		json_object_object_add(o, "size",
				       r->has_size ? json_object_new_uint64(r->size) : NULL);
		json_object_object_add(
			o, "config", json_object_new_boolean(h->has_config && i == h->config_reg));
		json_object_array_add(arr, o);
	}
	return arr;
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
		json_object_object_add(o, "config_access",
				       json_object_new_string(dtb_json_pci_access(h->config)));
		json_object_object_add(o, "root_bus_device0_only",
				       json_object_new_boolean(h->ecam_root_dev0_only));
		json_object_object_add(o, "registers", dtb_json_pci_host_regs(h));
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

/* The keys before the device list: what the file is. */
static void dtb_json_put_head(struct cli_json_stream *s, const struct vdisc_model *model,
			      const struct dtb_options *opt)
{
	cli_json_put(s, "source", json_object_new_string("dtb"));
	cli_json_put(s, "file", json_object_new_string(opt->file));
	cli_json_put(s, "model", dtb_json_string_or_null(model->dt.machine));
	dtb_json_put_strlist(s, "compatible", &model->dt.compatible);
	cli_json_put(s, "nodes", json_object_new_uint64(model->dt.nnodes));
}

/* Device by device: each one decoded, built, written and freed before the next. */
static int dtb_json_put_devices(struct cli_json_stream *s, struct vdisc_model *model,
				const struct dtb_options *opt, struct prop_reader *props)
{
	const struct vdisc_device *dev;
	struct dtb_walk walk;

	cli_json_open(s, "devices", CLI_JSON_ARRAY);
	for (dtb_walk_start(&walk, model, 0); !s->failed && (dev = dtb_walk_next(&walk));)
		if (dtb_selected(dev, opt))
			dtb_json_put_device(s, model, dev, props);
	cli_json_close(s, CLI_JSON_ARRAY);
	return dtb_walk_end(&walk);
}

static json_object *dtb_json_chosen(const struct vdisc_model *model)
{
	json_object *chosen = json_object_new_object();

	json_object_object_add(chosen, "bootargs", dtb_json_string_or_null(model->dt.bootargs));
	json_object_object_add(chosen, "stdout_path",
			       dtb_json_string_or_null(model->dt.stdout_path));
	json_object_object_add(chosen, "stdout_node",
			       dtb_json_string_or_null(model->dt.stdout_node));
	return chosen;
}

/*
 * The document is streamed key by key (the same bytes as one json-c tree printed whole), so its
 * memory does not grow with the number of devices or nodes.  opt->probed is only borrowed.
 */
static int dtb_json_print(struct cli_json_stream *s, struct vdisc_model *model,
			  const struct dtb_options *opt, struct prop_reader *props)
{
	const struct vdisc_cpu *cpu;
	const struct vdisc_diag *d;
	int err;

	cli_json_open(s, NULL, CLI_JSON_OBJECT);
	dtb_json_put_head(s, model, opt);
	/* A device that cannot be decoded ends the document unfinished: the error says why. */
	err = dtb_json_put_devices(s, model, opt, props);
	if (err)
		return err;
	dtb_json_put_regions(s, "memory", model->memory);
	dtb_json_put_regions(s, "reserved", model->reserved);
	cli_json_open(s, "cpus", CLI_JSON_ARRAY);
	for (cpu = model->cpus; cpu && !s->failed; cpu = cpu->next)
		cli_json_put(s, NULL, dtb_json_cpu(cpu));
	cli_json_close(s, CLI_JSON_ARRAY);
	cli_json_put(s, "chosen", dtb_json_chosen(model));
	cli_json_put(s, "pci_hosts", dtb_json_pci_hosts(model)); /* a handful: whole */
	if (opt->probed)
		cli_json_put(s, "virtio_mmio", json_object_get(opt->probed));
	if (opt->tree && !s->failed)
		dtb_json_put_tree(s, "tree", model, 0, "/", props);
	cli_json_open(s, "diagnostics", CLI_JSON_ARRAY);
	for (d = model->diags; d && !s->failed; d = d->next)
		cli_json_put(s, NULL, dtb_json_diag(d));
	cli_json_close(s, CLI_JSON_ARRAY);
	cli_json_close(s, CLI_JSON_OBJECT);
	return cli_json_stream_end(s) ? VDISC_EXIT_FAILED : 0;
}

int dtb_print_json(FILE *out, struct vdisc_model *model, const struct dtb_options *opt)
{
	struct prop_reader *props = opt->verbose ? prop_reader_new(model) : NULL;
	struct cli_json_stream s;
	int err;

	if (opt->verbose && !props)
		return -VDISC_ENOMEM;
	cli_json_stream_init(&s, out);
	err = dtb_json_print(&s, model, opt, props);
	prop_reader_free(props);
	return err;
}
