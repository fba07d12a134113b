/* SPDX-License-Identifier: MIT */
/*
 * vdisc scan --graph=dot: the joined tree as solid edges (parent to child),
 * and each interrupt as dashed red edges from the device through the nexus
 * it crosses (an interrupt-map) to its controller, labelled with the line;
 * a controller's own interrupts continue the path to the CPU's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pci_cli.h"
#include "scan_cli.h"

struct sdot_node {
	const char *path;
	unsigned id;
};

static int sdot_cmp_(const void *a, const void *b)
{
	return strcmp(((const struct sdot_node *)a)->path, ((const struct sdot_node *)b)->path);
}

/* A label's text with dot's quoting: '"' and '\' escaped. */
static void sdot_quoted_(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void sdot_label_(FILE *out, const struct vdisc_device *d)
{
	char ident[PCI_NAME_LEN], slot[32];

	fputs(" [label=\"", out);
	switch (d->bus) {
	case VDISC_BUS_PCI:
		vdisc_pci_addr_format(slot, sizeof(slot), d->pci->addr, true);
		pci_ident_text(ident, sizeof(ident), d->pci, 0);
		sdot_quoted_(out, slot);
		fputs("\\n", out);
		sdot_quoted_(out, ident);
		break;
	case VDISC_BUS_VIRTIO: {
		const char *name = vdisc_virtio_device_name(d->virtio->device_type);
		fputs("virtio ", out);
		sdot_quoted_(out, name ? name : "device");
		break;
	}
	case VDISC_BUS_DT:
		sdot_quoted_(out, d->dt.node_offset < 0 ? d->path
				  : d->dt.depth		? scan_basename(d->path)
							: "/");
		if (d->dt.compatible.count) {
			fputs("\\n", out);
			sdot_quoted_(out, d->dt.compatible.items[0]);
		}
		break;
	default:
		sdot_quoted_(out, d->path);
		break;
	}
	fputs("\"", out);
	if (d->bus == VDISC_BUS_DT && (d->dt.flags & VDISC_DEV_INTERRUPT_CONTROLLER))
		fputs(", style=filled, fillcolor=\"#fde2e2\"", out);
	else if (d->bus == VDISC_BUS_DT && (d->dt.flags & VDISC_DEV_INTERRUPT_NEXUS))
		fputs(", style=filled, fillcolor=\"#fff3cd\"", out);
	else if (d->bus != VDISC_BUS_DT)
		fputs(", style=filled, fillcolor=\"#e2ecfd\"", out);
	fputs("];\n", out);
}

/* The node id of @path, declaring a node for a path no device has (-1 never). */
static unsigned sdot_id_(FILE *out, const struct sdot_node *nodes, size_t n, const char *path,
			 unsigned *extra)
{
	struct sdot_node key = {.path = path};
	const struct sdot_node *hit = bsearch(&key, nodes, n, sizeof(*nodes), sdot_cmp_);

	if (hit)
		return hit->id;
	fprintf(out, "  x%u [label=\"", *extra);
	sdot_quoted_(out, path);
	fputs("\", shape=ellipse];\n", out);
	return (unsigned)n + (*extra)++;
}

static void sdot_ref_(FILE *out, unsigned id, size_t n)
{
	if (id < n)
		fprintf(out, "d%u", id);
	else
		fprintf(out, "x%u", (unsigned)(id - n));
}

/* An edge from a nexus to its controller: many devices share each, so each is drawn once. */
struct sdot_hop {
	unsigned from, to;
	char label[48];
};

static int sdot_hop_cmp_(const void *a, const void *b)
{
	const struct sdot_hop *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return strcmp(x->label, y->label);
}

static void sdot_edge_(FILE *out, unsigned from, unsigned to, size_t n, const char *label)
{
	fputs("  ", out);
	sdot_ref_(out, from, n);
	fputs(" -> ", out);
	sdot_ref_(out, to, n);
	fputs(" [style=dashed, color=red", out);
	if (label && *label)
		fprintf(out, ", label=\"%s\"", label);
	fputs("];\n", out);
}

struct sdot_ctx {
	const struct sdot_node *nodes;
	size_t n;
	unsigned extra;
	struct sdot_hop *hops;
	size_t nhops, cap;
};

static void sdot_irqs_(FILE *out, const struct vdisc_device *d, unsigned id, struct sdot_ctx *c)
{
	for (uint32_t i = 0; i < d->nirqs; i++) {
		const struct vdisc_irq *q = &d->irqs[i];
		char line[48];
		unsigned to;

		if (!q->controller)
			continue;
		scan_irq_number(line, sizeof(line), q);
		to = sdot_id_(out, c->nodes, c->n, q->controller, &c->extra);
		if (!q->via) {
			sdot_edge_(out, id, to, c->n, line);
			continue;
		}
		/* the device to the nexus by its pin (or specifier), the nexus on to the line */
		unsigned via = sdot_id_(out, c->nodes, c->n, q->via, &c->extra);
		const char *pin = d->pci ? scan_pin_name(d->pci->interrupt_pin) : NULL;
		sdot_edge_(out, id, via, c->n, pin ? pin : "");
		if (c->nhops == c->cap) {
			struct sdot_hop *more =
				realloc(c->hops, (c->cap * 2 + 16) * sizeof(*c->hops));
			if (!more)
				continue;
			c->hops = more;
			c->cap = c->cap * 2 + 16;
		}
		c->hops[c->nhops] = (struct sdot_hop){.from = via, .to = to};
		memcpy(c->hops[c->nhops++].label, line, sizeof(line));
	}
}

static void sdot_hops_(FILE *out, struct sdot_ctx *c)
{
	if (c->nhops) /* qsort's base may not be NULL, even for none */
		qsort(c->hops, c->nhops, sizeof(*c->hops), sdot_hop_cmp_);
	for (size_t i = 0; i < c->nhops; i++)
		if (i == 0 || sdot_hop_cmp_(&c->hops[i - 1], &c->hops[i]) != 0)
			sdot_edge_(out, c->hops[i].from, c->hops[i].to, c->n, c->hops[i].label);
	free(c->hops);
}

int scan_print_dot(FILE *out, const struct vdisc_model *model, const struct scan_sources *src)
{
	const struct vdisc_device *d = NULL;
	struct sdot_node *nodes;
	size_t n = 0, i = 0;
	unsigned extra = 0;

	while ((d = vdisc_machine_next(model, d, NULL)))
		n++;
	nodes = calloc(n ? n : 1, sizeof(*nodes));
	if (!nodes) {
		cli_error("out of memory");
		return VDISC_EXIT_FAILED;
	}
	fputs("digraph vdisc {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\", "
	      "fontsize=10];\n  edge [arrowsize=0.6];\n  label=\"",
	      out);
	sdot_quoted_(out, model->dt.machine ? model->dt.machine : src->pci ? src->pci : "machine");
	fputs("\";\n", out);
	while ((d = vdisc_machine_next(model, d, NULL))) {
		nodes[i] = (struct sdot_node){.path = d->path, .id = (unsigned)i};
		fprintf(out, "  d%zu", i++);
		sdot_label_(out, d);
	}
	qsort(nodes, n, sizeof(*nodes), sdot_cmp_);
	for (d = NULL, i = 0; (d = vdisc_machine_next(model, d, NULL)); i++)
		if (d->parent)
			fprintf(out, "  d%u -> d%zu;\n",
				sdot_id_(out, nodes, n, d->parent->path, &extra), i);
	struct sdot_ctx c = {.nodes = nodes, .n = n, .extra = extra};
	for (d = NULL, i = 0; (d = vdisc_machine_next(model, d, NULL)); i++)
		sdot_irqs_(out, d, (unsigned)i, &c);
	sdot_hops_(out, &c);
	fputs("}\n", out);
	free(nodes);
	return ferror(out) ? VDISC_EXIT_FAILED : VDISC_EXIT_OK;
}
