/* SPDX-License-Identifier: MIT */
/*
 * vdisc scan --json: one schema for the whole machine (docs/ARCHITECTURE.md,
 * "vdisc scan"): every device once, in tree order, each naming its parent by
 * path, so that a snapshot can be compared with another (vdisc diff).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cli.h"
#include "pci_cli.h"
#include "scan_cli.h"

static json_object *sjson_str_(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static json_object *sjson_u_(uint64_t v)
{
	return json_object_new_uint64(v);
}

static json_object *sjson_strlist_(const struct vdisc_strlist *l)
{
	json_object *a = json_object_new_array();

	for (uint32_t i = 0; i < l->count; i++)
		json_object_array_add(a, json_object_new_string(l->items[i]));
	return a;
}

static json_object *sjson_regs_(const struct vdisc_device *dev)
{
	json_object *a = json_object_new_array();

	for (uint32_t i = 0; i < dev->nregs; i++) {
		const struct vdisc_reg *r = &dev->regs[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "address", r->translated ? sjson_u_(r->address) : NULL);
		json_object_object_add(o, "size", r->has_size ? sjson_u_(r->size) : NULL);
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *sjson_irqs_(const struct vdisc_device *dev)
{
	json_object *a = json_object_new_array();

	for (uint32_t i = 0; i < dev->nirqs; i++) {
		const struct vdisc_irq *q = &dev->irqs[i];
		json_object *o = json_object_new_object(), *cells = json_object_new_array();

		for (unsigned c = 0; q->controller && c < q->ncells; c++)
			json_object_array_add(cells, sjson_u_(q->cells[c]));
		json_object_object_add(o, "controller", sjson_str_(q->controller));
		json_object_object_add(o, "cells", cells);
		json_object_object_add(o, "line", q->has_line ? sjson_u_(q->line) : NULL);
		json_object_object_add(o, "via", sjson_str_(q->via));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *sjson_pci_(const struct vdisc_pci_function *fn)
{
	json_object *o = json_object_new_object(), *bars = json_object_new_array();
	char slot[32], a[PCI_NAME_LEN];

	vdisc_pci_addr_format(slot, sizeof(slot), fn->addr, true);
	json_object_object_add(o, "slot", json_object_new_string(slot));
	json_object_object_add(o, "vendor_id", sjson_u_(fn->vendor_id));
	json_object_object_add(o, "device_id", sjson_u_(fn->device_id));
	json_object_object_add(o, "class", sjson_u_(fn->class_code));
	json_object_object_add(o, "revision", sjson_u_(fn->revision));
	json_object_object_add(o, "subsystem_vendor_id",
			       fn->has_subsystem ? sjson_u_(fn->subsystem_vendor_id) : NULL);
	json_object_object_add(o, "subsystem_id",
			       fn->has_subsystem ? sjson_u_(fn->subsystem_id) : NULL);
	json_object_object_add(o, "vendor_name",
			       sjson_str_(pci_vendor_name(fn->vendor_id, a, sizeof(a))));
	json_object_object_add(
		o, "device_name",
		sjson_str_(pci_device_name(fn->vendor_id, fn->device_id, a, sizeof(a))));
	json_object_object_add(o, "class_name",
			       sjson_str_(pci_class_text(fn->class_code, a, sizeof(a))));
	json_object_object_add(o, "interrupt_pin", sjson_str_(scan_pin_name(fn->interrupt_pin)));
	for (unsigned i = 0; i < fn->nbars; i++) {
		const struct vdisc_pci_bar *b = &fn->bars[i];
		json_object *bo = json_object_new_object();

		json_object_object_add(bo, "index", sjson_u_(b->index));
		json_object_object_add(bo, "io",
				       json_object_new_boolean(b->type == VDISC_PCI_BAR_IO));
		json_object_object_add(bo, "address", sjson_u_(b->address));
		json_object_object_add(bo, "size", b->has_size ? sjson_u_(b->size) : NULL);
		json_object_array_add(bars, bo);
	}
	json_object_object_add(o, "bars", bars);
	return o;
}

static json_object *sjson_features_(const struct vdisc_virtio_features *f, uint32_t type)
{
	json_object *a;
	char bit[32];

	if (!f->nwords)
		return NULL;
	a = json_object_new_array();
	for (unsigned b = 0; b < 32u * f->nwords; b++) {
		const char *name = vdisc_virtio_feature_name(type, b);

		if (!vdisc_virtio_has(f, b))
			continue;
		if (!name) {
			snprintf(bit, sizeof(bit), "bit %u", b);
			name = bit;
		}
		json_object_array_add(a, json_object_new_string(name));
	}
	return a;
}

/* The words themselves (word 0: bits 0-31), for a reader with its own names: null if unknown. */
static json_object *sjson_words_(const struct vdisc_virtio_features *f)
{
	json_object *a;

	if (!f->nwords)
		return NULL;
	a = json_object_new_array();
	for (unsigned w = 0; w < f->nwords; w++)
		json_object_array_add(a, sjson_u_(f->word[w]));
	return a;
}

static json_object *sjson_virtio_(const struct vdisc_device_virtio *v)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "device_type", v->device_type ? sjson_u_(v->device_type) : NULL);
	json_object_object_add(o, "name", sjson_str_(vdisc_virtio_device_name(v->device_type)));
	json_object_object_add(o, "transport", sjson_str_(scan_virtio_transport_name(v)));
	json_object_object_add(o, "offered", sjson_features_(&v->offered, v->device_type));
	json_object_object_add(o, "negotiated", sjson_features_(&v->negotiated, v->device_type));
	json_object_object_add(o, "offered_words", sjson_words_(&v->offered));
	json_object_object_add(o, "negotiated_words", sjson_words_(&v->negotiated));
	return o;
}

/*
 * A tree node's properties as dts writes their values, a phandle as the path
 * it points at (&{/soc/plic@c000000}): a snapshot that two renumberings of
 * one tree give alike.  "phandle" itself is left out for the same reason.
 */
static json_object *sjson_properties_(struct prop_reader *r, const struct vdisc_model *model,
				      const struct vdisc_device *dev)
{
	json_object *o = json_object_new_object();
	struct prop_iter it;
	const char *name;
	const void *val;
	int len;

	prop_iter_start(&it, model, dev->dt.node_offset);
	while (prop_iter_next(&it, &name, &val, &len)) {
		struct cli_out out;
		char *text = NULL;
		size_t size = 0;
		FILE *f;

		if (strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0 ||
		    json_object_object_get_ex(o, name, NULL))
			continue;
		f = open_memstream(&text, &size);
		if (!f)
			break;
		cli_out_init(&out, f);
		prop_print_value(&out, r, dev->dt.node_offset, 0, name, val, len);
		cli_out_end(&out);
		fclose(f);
		json_object_object_add(o, name, json_object_new_string(text ? text : ""));
		free(text);
	}
	return o;
}

json_object *scan_json_device(const struct vdisc_device *dev, struct prop_reader *props,
			      const struct vdisc_model *model)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "path", sjson_str_(dev->path));
	json_object_object_add(o, "parent", dev->parent ? sjson_str_(dev->parent->path) : NULL);
	json_object_object_add(o, "kind", json_object_new_string(scan_kind_name(dev)));
	json_object_object_add(o, "compatible", sjson_strlist_(&dev->dt.compatible));
	json_object_object_add(o, "status", sjson_str_(dev->dt.status));
	json_object_object_add(o, "reg", sjson_regs_(dev));
	json_object_object_add(o, "interrupts", sjson_irqs_(dev));
	json_object_object_add(o, "pci", dev->pci ? sjson_pci_(dev->pci) : NULL);
	json_object_object_add(o, "virtio", dev->virtio ? sjson_virtio_(dev->virtio) : NULL);
	json_object_object_add(o, "driver", sjson_str_(dev->driver));
	if (props && dev->bus == VDISC_BUS_DT && dev->dt.node_offset >= 0)
		json_object_object_add(o, "properties", sjson_properties_(props, model, dev));
	return o;
}

json_object *scan_json_document(const struct vdisc_model *model, const struct scan_sources *src,
				bool properties)
{
	struct prop_reader *props =
		properties && model->source == VDISC_SOURCE_DTB ? prop_reader_new(model) : NULL;
	json_object *doc = json_object_new_object(), *s = json_object_new_object();
	json_object *m = json_object_new_object(), *devs = json_object_new_array();
	const struct vdisc_device *d = NULL;

	json_object_object_add(s, "dtb", sjson_str_(src->dtb));
	json_object_object_add(s, "pci", sjson_str_(src->pci));
	json_object_object_add(s, "pci_file", sjson_str_(src->pci_file));
	json_object_object_add(s, "virtio", sjson_str_(src->virtio));
	json_object_object_add(doc, "sources", s);
	json_object_object_add(m, "model", sjson_str_(model->dt.machine));
	json_object_object_add(m, "compatible", sjson_strlist_(&model->dt.compatible));
	json_object_object_add(doc, "machine", m);
	while ((d = vdisc_machine_next(model, d, NULL)))
		json_object_array_add(devs, scan_json_device(d, props, model));
	json_object_object_add(doc, "devices", devs);
	prop_reader_free(props);
	return doc;
}
