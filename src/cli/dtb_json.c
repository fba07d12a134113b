/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>
#include <stdlib.h>
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

/*
 * -v: what writing every node's properties needs: the reader, and the set of
 * names already written in the node at hand (a repeated name is malformed,
 * diagnosed by the scan; the first is kept, as libfdt reads it), an
 * open-addressing table cleared per node and sized by its property count.
 */
struct dtb_json_props {
	struct prop_reader *reader;
	const char **seen;
	size_t cap; /* a power of 2, or 0 */
	struct prop_cell cells[PROP_MAX_CELLS];
};

static uint64_t dtb_json_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
	return h;
}

/* Room for @n names, every slot empty; false when out of memory. */
static bool dtb_json_seen_reset(struct dtb_json_props *p, size_t n)
{
	size_t cap = 16;
	const char **grown;

	while (cap < 2 * n)
		cap *= 2;
	if (cap > p->cap) {
		grown = realloc(p->seen, cap * sizeof(*grown));
		if (!grown)
			return false;
		p->seen = grown;
		p->cap = cap;
	}
	memset(p->seen, 0, p->cap * sizeof(*p->seen));
	return true;
}

/* Whether @name is new in this node (then it is recorded). */
static bool dtb_json_seen_first(struct dtb_json_props *p, const char *name)
{
	size_t i = (size_t)dtb_json_hash(name) & (p->cap - 1);

	for (; p->seen[i]; i = (i + 1) & (p->cap - 1))
		if (p->seen[i] == name || strcmp(p->seen[i], name) == 0)
			return false;
	p->seen[i] = name;
	return true;
}

static void dtb_json_put_prop_value(struct cli_json_stream *s, struct dtb_json_props *p,
				    enum prop_kind kind, const void *val, int len)
{
	const unsigned char *bytes = val;
	int i, n = len / 4;
	size_t plen;

	switch (kind) {
	case PROP_EMPTY:
		cli_json_put_bool(s, "value", true);
		return;
	case PROP_STRINGS:
		cli_json_open(s, "value", CLI_JSON_ARRAY);
		for (i = 0; i < len; i += (int)strlen((const char *)val + i) + 1)
			cli_json_put_string(s, NULL, (const char *)val + i);
		break;
	case PROP_CELLS:
	case PROP_PHANDLES:
		if (n > PROP_MAX_CELLS) {
			cli_json_put_null(s, "value");
			return;
		}
		cli_json_open(s, "value", CLI_JSON_ARRAY);
		for (i = 0; i < n; i++)
			if (p->cells[i].node < 0)
				cli_json_put_u64(s, NULL, p->cells[i].value);
			else
				cli_json_put_string(
					s, NULL,
					prop_path_text(p->reader, p->cells[i].node, &plen));
		break;
	case PROP_BYTES:
	default:
		cli_json_open(s, "value", CLI_JSON_ARRAY);
		for (i = 0; i < len; i++)
			cli_json_put_u64(s, NULL, bytes[i]);
		break;
	}
	cli_json_close(s, CLI_JSON_ARRAY);
}

/* Every property of a node: type, decoded value and the raw bytes as hex. */
static void dtb_json_put_properties(struct cli_json_stream *s, const struct vdisc_model *model,
				    struct dtb_json_props *p, int node)
{
	struct prop_iter it;
	const char *name;
	const void *val;
	size_t n = 0;
	int len;

	for (prop_iter_start(&it, model, node); prop_iter_next(&it, &name, &val, &len);)
		n++;
	if (!dtb_json_seen_reset(p, n)) {
		cli_json_put_null(s,
				  "properties"); /* as json-c prints an object it could not make */
		return;
	}
	cli_json_open(s, "properties", CLI_JSON_OBJECT);
	for (prop_iter_start(&it, model, node); prop_iter_next(&it, &name, &val, &len);) {
		enum prop_kind kind;

		if (!dtb_json_seen_first(p, name))
			continue;
		kind = prop_classify(p->reader, node, name, val, len, p->cells);
		cli_json_open(s, name, CLI_JSON_OBJECT);
		cli_json_put_string(s, "type", prop_kind_name(kind));
		dtb_json_put_prop_value(s, p, kind, val, len);
		cli_json_put_hex(s, "raw", val, (size_t)len);
		cli_json_close(s, CLI_JSON_OBJECT);
	}
	cli_json_close(s, CLI_JSON_OBJECT);
}

/* @props: NULL, or what -v's properties need */
static void dtb_json_put_device(struct cli_json_stream *s, const struct vdisc_model *model,
				const struct vdisc_device *dev, struct dtb_json_props *props)
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
		dtb_json_put_properties(s, model, props, dev->dt.node_offset);
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

/* The path of the node the --tree walk is at, cut back as it climbs. */
struct dtb_json_path {
	char *buf;
	size_t cap;
	size_t at[VDISC_FDT_MAX_DEPTH + 1]; /* the path's length at each depth open */
};

/* The path of a node at @depth named @name, below the one open at depth - 1; false: no memory. */
static bool dtb_json_path_enter(struct dtb_json_path *p, int depth, const char *name)
{
	size_t len = depth ? p->at[depth - 1] : 0, n = strlen(name), cap;
	char *grown;

	if (len + n + 3 > p->cap) {
		cap = 2 * (len + n + 3) + 64;
		grown = realloc(p->buf, cap);
		if (!grown)
			return false;
		p->buf = grown;
		p->cap = cap;
	}
	if (depth != 1)
		p->buf[len++] = '/';
	memcpy(p->buf + len, name, n);
	p->at[depth] = len + n;
	p->buf[len + n] = '\0';
	return true;
}

static void dtb_json_close_node(struct cli_json_stream *s)
{
	cli_json_close(s, CLI_JSON_ARRAY);
	cli_json_close(s, CLI_JSON_OBJECT);
}

/*
 * --tree: every node, nested, with its properties under -v, in one walk of
 * the structure block: a node's object and its "children" array stay open
 * until the walk leaves the node, so memory follows the depth of the tree,
 * not its size.
 */
static void dtb_json_put_tree(struct cli_json_stream *s, const struct vdisc_model *model,
			      struct dtb_json_props *props)
{
	struct dtb_json_path path = {0};
	int node, depth = 0, open = 0;

	for (node = 0; node >= 0 && depth >= 0; node = prop_tree_next(model, node, &depth)) {
		const char *name = depth ? prop_tree_name(model, node) : "";

		for (; open > depth; open--)
			dtb_json_close_node(s);
		if (s->failed || depth > VDISC_FDT_MAX_DEPTH ||
		    !dtb_json_path_enter(&path, depth, name ? name : ""))
			break;
		cli_json_open(s, depth ? NULL : "tree", CLI_JSON_OBJECT);
		cli_json_put_string(s, "name", name ? name : "");
		cli_json_put_string(s, "path", path.buf);
		if (props)
			dtb_json_put_properties(s, model, props, node);
		cli_json_open(s, "children", CLI_JSON_ARRAY);
		open++;
	}
	for (; open > 0; open--)
		dtb_json_close_node(s);
	free(path.buf);
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
				const struct dtb_options *opt, struct dtb_json_props *props)
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
			  const struct dtb_options *opt, struct dtb_json_props *props)
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
		dtb_json_put_tree(s, model, props);
	cli_json_open(s, "diagnostics", CLI_JSON_ARRAY);
	for (d = model->diags; d && !s->failed; d = d->next)
		cli_json_put(s, NULL, dtb_json_diag(d));
	cli_json_close(s, CLI_JSON_ARRAY);
	cli_json_close(s, CLI_JSON_OBJECT);
	return cli_json_stream_end(s) ? VDISC_EXIT_FAILED : 0;
}

int dtb_print_json(FILE *out, struct vdisc_model *model, const struct dtb_options *opt)
{
	struct dtb_json_props *props = NULL;
	struct cli_json_stream s;
	int err = -VDISC_ENOMEM;

	if (opt->verbose) {
		props = calloc(1, sizeof(*props));
		if (!props)
			return err;
		props->reader = prop_reader_new(model);
	}
	if (!props || props->reader) {
		cli_json_stream_init(&s, out);
		err = dtb_json_print(&s, model, opt, props);
	}
	if (props) {
		prop_reader_free(props->reader);
		free(props->seen);
	}
	free(props);
	return err;
}

int dtb_print_json_node(FILE *out, struct vdisc_model *model, const struct vdisc_device *dev,
			int node, const char *path)
{
	struct dtb_json_props *props = calloc(1, sizeof(*props));
	struct cli_json_stream s;
	int err = -VDISC_ENOMEM;

	if (props)
		props->reader = prop_reader_new(model);
	if (props && props->reader) {
		cli_json_stream_init(&s, out);
		if (dev) {
			dtb_json_put_device(&s, model, dev, props);
		} else {
			cli_json_open(&s, NULL, CLI_JSON_OBJECT);
			cli_json_put_string(&s, "path", path);
			dtb_json_put_properties(&s, model, props, node);
			cli_json_close(&s, CLI_JSON_OBJECT);
		}
		err = cli_json_stream_end(&s) ? VDISC_EXIT_FAILED : 0;
	}
	if (props) {
		prop_reader_free(props->reader);
		free(props->seen);
	}
	free(props);
	return err;
}
