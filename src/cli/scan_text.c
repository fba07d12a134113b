/* SPDX-License-Identifier: MIT */
/*
 * vdisc scan as text: one line a device, indented by its depth in the joined
 * tree (as vdisc dtb --tree draws a tree), cut to the terminal unless --wide;
 * -v adds the device's registers, every interrupt, BARs and virtio features.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dtb_labels.h"
#include "pci_cli.h"
#include "scan_cli.h"

#define LINE_MAX_ 4096

struct stext_line {
	char buf[LINE_MAX_];
	size_t len;
};

static void stext_add_(struct stext_line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void stext_add_(struct stext_line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->buf) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n < sizeof(l->buf) - l->len ? (size_t)n
							      : sizeof(l->buf) - l->len - 1;
}

/* Out with the line, cut to @columns with "..." where it is longer. */
static void stext_emit_(FILE *out, struct stext_line *l, int columns)
{
	if (columns > 3 && l->len > (size_t)columns) {
		l->len = (size_t)columns - 3;
		memcpy(l->buf + l->len, "...", 3);
		l->len += 3;
	}
	fwrite(l->buf, 1, l->len, out);
	fputc('\n', out);
	l->len = 0;
}

/* "plic:33": the controller's short name as vdisc dtb gives it, and the line (or the cells). */
static void stext_irq_(struct stext_line *l, struct dtb_labels *labels, const struct vdisc_irq *q)
{
	if (!q->controller && q->ncells) { /* a number with no known controller: the cmdline's */
		stext_add_(l, "%" PRIu32, q->cells[0]);
		return;
	}
	if (!q->controller) {
		stext_add_(l, "unresolved");
		return;
	}
	char number[VDISC_MAX_IRQ_CELLS * 11 + 1]; /* every cell, as before */

	scan_irq_number(number, sizeof(number), q);
	stext_add_(l, "%s:%s", dtb_labels_get(labels, q->controller), number);
}

static void stext_dt_(struct stext_line *l, const struct vdisc_device *d)
{
	const struct vdisc_reg *r = d->nregs ? &d->regs[0] : NULL;

	stext_add_(l, "%s",
		   d->dt.node_offset < 0 ? d->path
		   : d->dt.depth	 ? scan_basename(d->path)
					 : "/");
	if (d->dt.compatible.count)
		stext_add_(l, "  [%s%s]", d->dt.compatible.items[0],
			   d->dt.compatible.count > 1 ? " (+1)" : "");
	if (d->dt.status && strcmp(d->dt.status, "okay") != 0 && strcmp(d->dt.status, "ok") != 0)
		stext_add_(l, "  %s", d->dt.status);
	if (r && r->translated && r->has_size && r->size)
		stext_add_(l, "  0x%" PRIx64 "-0x%" PRIx64, r->address, r->address + r->size - 1);
	else if (r && r->translated)
		stext_add_(l, "  0x%" PRIx64, r->address);
	if (d->nregs > 1)
		stext_add_(l, " (+%" PRIu32 ")", d->nregs - 1);
}

static void stext_pci_(struct stext_line *l, struct dtb_labels *labels,
		       const struct vdisc_device *d)
{
	const struct vdisc_pci_function *fn = d->pci;
	char slot[32], ident[PCI_NAME_LEN], cls[PCI_NAME_LEN];

	vdisc_pci_addr_format(slot, sizeof(slot), fn->addr, fn->addr.segment != 0);
	pci_ident_text(ident, sizeof(ident), fn, 2);
	stext_add_(l, "%s  %s: %s", slot, pci_class_text(fn->class_code, cls, sizeof(cls)), ident);
	if (fn->interrupt_pin >= 1 && fn->interrupt_pin <= 4) {
		stext_add_(l, "  %s", scan_pin_name(fn->interrupt_pin));
		if (d->nirqs) {
			stext_add_(l, " -> ");
			stext_irq_(l, labels, &d->irqs[0]);
		}
	}
}

static void stext_virtio_(struct stext_line *l, const struct vdisc_device *d)
{
	const struct vdisc_device_virtio *v = d->virtio;
	const char *name = vdisc_virtio_device_name(v->device_type);
	const char *via = scan_virtio_transport_name(v);

	stext_add_(l, "virtio ");
	if (name)
		stext_add_(l, "%s", name);
	else if (v->device_type)
		stext_add_(l, "type %" PRIu32, v->device_type);
	else
		stext_add_(l, "(type not known from a file)");
	if (via)
		stext_add_(l, "  %s", via);
}

static void stext_head_(FILE *out, const struct vdisc_model *model, const struct scan_sources *src)
{
	unsigned counts[VDISC_BUS_PCI_ROOT + 1] = {0};
	const struct vdisc_device *d = NULL;

	while ((d = vdisc_machine_next(model, d, NULL)))
		if ((unsigned)d->bus <= VDISC_BUS_PCI_ROOT)
			counts[d->bus]++;
	const char *pci = src->pci_file ? src->pci_file : src->pci;

	fprintf(out, "%s%s%s", src->dtb ? src->dtb : "", src->dtb && pci ? " + " : "",
		pci ? pci : "");
	if (model->dt.machine)
		fprintf(out, ": %s", model->dt.machine);
	fprintf(out, ": %u tree nodes, %u PCI functions, %u virtio devices\n\n",
		counts[VDISC_BUS_DT], counts[VDISC_BUS_PCI], counts[VDISC_BUS_VIRTIO]);
}

/* -v: what the one-line summary leaves out, a line each below the device. */
static void stext_details_(FILE *out, struct dtb_labels *labels, const struct vdisc_device *d,
			   unsigned depth, int columns)
{
	struct stext_line l = {.len = 0};
	unsigned pad = 2 * depth + 4;

	for (uint32_t i = 0; d->bus == VDISC_BUS_DT && i < d->nregs; i++) {
		const struct vdisc_reg *r = &d->regs[i];
		if (!r->translated)
			continue;
		stext_add_(&l, "%*sreg 0x%" PRIx64, pad, "", r->address);
		if (r->has_size)
			stext_add_(&l, " size 0x%" PRIx64, r->size);
		stext_emit_(out, &l, columns);
	}
	for (uint32_t i = 0; i < d->nirqs; i++) {
		stext_add_(&l, "%*sinterrupt ", pad, "");
		stext_irq_(&l, labels, &d->irqs[i]);
		if (d->irqs[i].controller)
			stext_add_(&l, " at %s", d->irqs[i].controller);
		if (d->irqs[i].via)
			stext_add_(&l, " via %s", d->irqs[i].via);
		stext_emit_(out, &l, columns);
	}
	for (unsigned i = 0; d->pci && i < d->pci->nbars; i++) {
		const struct vdisc_pci_bar *b = &d->pci->bars[i];
		stext_add_(&l, "%*sBAR %u %s 0x%" PRIx64, pad, "", b->index,
			   b->type == VDISC_PCI_BAR_IO ? "io" : "mem", b->address);
		if (b->has_size)
			stext_add_(&l, " size 0x%" PRIx64, b->size);
		stext_emit_(out, &l, columns);
	}
	if (d->virtio && d->virtio->negotiated.nwords) {
		const struct vdisc_virtio_features *f = &d->virtio->negotiated;
		stext_add_(&l, "%*snegotiated", pad, "");
		for (unsigned b = 0; b < 32u * f->nwords; b++) {
			const char *name = vdisc_virtio_feature_name(d->virtio->device_type, b);
			if (!vdisc_virtio_has(f, b))
				continue;
			if (name)
				stext_add_(&l, " %s", name);
			else
				stext_add_(&l, " bit%u", b);
		}
		stext_emit_(out, &l, columns);
	}
}

/* Which controller each short name stands for, as vdisc dtb lists them. */
static void stext_legend_(FILE *out, const struct dtb_labels *labels)
{
	const char *label, *path;
	uint32_t cursor = 0;
	int width = 0;

	while (dtb_labels_next_used(labels, &cursor, &label, &path))
		if ((int)strlen(label) > width)
			width = (int)strlen(label);
	if (!width)
		return;
	fputs("\nInterrupt controllers:\n", out);
	for (cursor = 0; dtb_labels_next_used(labels, &cursor, &label, &path);)
		fprintf(out, "  %-*s  %s\n", width, label, path);
}

int scan_print_text(FILE *out, const struct vdisc_model *model, const struct scan_sources *src,
		    const struct scan_options *opt)
{
	struct dtb_labels *labels =
		model->source == VDISC_SOURCE_DTB ? dtb_labels_build(model) : NULL;
	struct stext_line l = {.len = 0};
	const struct vdisc_device *d = NULL;
	unsigned depth = 0;
	int columns = opt->wide ? 0 : opt->columns;

	stext_head_(out, model, src);
	while ((d = vdisc_machine_next(model, d, &depth))) {
		stext_add_(&l, "%*s", (int)(2 * depth), "");
		switch (d->bus) {
		case VDISC_BUS_DT:
			stext_dt_(&l, d);
			break;
		case VDISC_BUS_PCI:
			stext_pci_(&l, labels, d);
			break;
		case VDISC_BUS_VIRTIO:
			stext_virtio_(&l, d);
			break;
		default:
			stext_add_(&l, "%s", d->path);
			break;
		}
		if (d->bus == VDISC_BUS_DT && d->nirqs) {
			stext_add_(&l, "  irq ");
			stext_irq_(&l, labels, &d->irqs[0]);
			if (d->nirqs > 1)
				stext_add_(&l, " (+%" PRIu32 ")", d->nirqs - 1);
		}
		if (d->driver)
			stext_add_(&l, "  driver %s", d->driver);
		stext_emit_(out, &l, columns);
		if (opt->verbose)
			stext_details_(out, labels, d, depth, columns);
	}
	if (labels)
		stext_legend_(out, labels);
	dtb_labels_free(labels);
	return ferror(out) ? VDISC_EXIT_FAILED : VDISC_EXIT_OK;
}
