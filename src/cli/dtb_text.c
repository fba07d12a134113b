/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dtb_labels.h"
#include "dtb_rows.h"
#include "dtb_walk.h"
#include "out_buf.h"

/*
 * The listing a person reads: one aligned line per device, then the
 * machine summary.  Column widths are measured first so the table lines up
 * whatever the path lengths.
 */

#define CELL_TEXT 160

/*
 * A table cell: its text cut at CELL_TEXT - 1 characters, where snprintf
 * into a CELL_TEXT buffer cut it when the table was printed that way (a
 * long compatible string or interrupt list; the widths are measured on the
 * cut text).  Numbers are written by hand: a listing has 100k rows.
 */
struct dtb_cell {
	size_t len;
	char s[CELL_TEXT];
};

static void dtb_text_cell_mem(struct dtb_cell *c, const char *p, size_t n)
{
	size_t room = CELL_TEXT - 1 - c->len;

	if (n > room)
		n = room;
	memcpy(c->s + c->len, p, n);
	c->len += n;
}

static void dtb_text_cell_str(struct dtb_cell *c, const char *s)
{
	dtb_text_cell_mem(c, s, strlen(s));
}

/* "0x" and the number in hex, as "0x%x" */
static void dtb_text_cell_0x(struct dtb_cell *c, uint64_t v)
{
	char t[CLI_FMT_NUM_MAX + 2] = "0x";

	dtb_text_cell_mem(c, t, 2 + cli_fmt_hex(t + 2, v, 1));
}

static void dtb_text_cell_hex(struct dtb_cell *c, uint64_t v, unsigned min_digits)
{
	char t[CLI_FMT_NUM_MAX];

	dtb_text_cell_mem(c, t, cli_fmt_hex(t, v, min_digits));
}

static void dtb_text_cell_dec(struct dtb_cell *c, uint64_t v)
{
	char t[CLI_FMT_NUM_MAX];

	dtb_text_cell_mem(c, t, cli_fmt_dec(t, v));
}

/* "0x<first>-0x<last>" of a range, or "0x<first>" where it has no size */
static void dtb_text_cell_range(struct dtb_cell *c, uint64_t first, bool sized, uint64_t size)
{
	dtb_text_cell_0x(c, first);
	if (sized && size > 0) {
		dtb_text_cell_str(c, "-");
		dtb_text_cell_0x(c, first + (size - 1));
	}
}

/* " (+N)": how many more there are than the cell shows */
static void dtb_text_cell_more(struct dtb_cell *c, uint32_t n)
{
	dtb_text_cell_str(c, " (+");
	dtb_text_cell_dec(c, n);
	dtb_text_cell_str(c, ")");
}

/* The cell as a C string (for the rows the table keeps). */
static const char *dtb_text_cell_cstr(struct dtb_cell *c)
{
	c->s[c->len] = '\0';
	return c->s;
}

/* Left-aligned in a column of @width, as "%-*s". */
static void dtb_text_put_cell(struct cli_out *o, const struct dtb_cell *c, int width)
{
	cli_out_mem(o, c->s, c->len);
	cli_out_pad(o, (long)width - (long)c->len);
}

bool dtb_selected(const struct vdisc_device *dev, const struct dtb_options *opt)
{
	return !opt->compatible || vdisc_strlist_contains(&dev->dt.compatible, opt->compatible);
}

/* A PCI phys.hi cell: npt000ss bbbbbbbb dddddfff rrrrrrrr (IEEE 1275 PCI binding). */
static void dtb_text_cell_pci_bus_address(struct dtb_cell *c, const struct vdisc_reg *reg)
{
	static const char *const spaces[] = {"cfg", "io", "mem32", "mem64"};
	uint32_t hi = reg->bus_cells[0];

	if (((hi >> 24) & 3) == 0) {
		dtb_text_cell_str(c, "cfg ");
		dtb_text_cell_hex(c, (hi >> 16) & 0xff, 2);
		dtb_text_cell_str(c, ":");
		dtb_text_cell_hex(c, (hi >> 11) & 0x1f, 2);
		dtb_text_cell_str(c, ".");
		dtb_text_cell_hex(c, (hi >> 8) & 7, 1);
		dtb_text_cell_str(c, "+0x");
		dtb_text_cell_hex(c, hi & 0xff, 2);
		return;
	}
	dtb_text_cell_str(c, spaces[(hi >> 24) & 3]);
	dtb_text_cell_str(c, (hi >> 30) & 1 ? "-pref " : " ");
	dtb_text_cell_0x(c, reg->bus_address);
}

/* The reg entry as the bus sees it, then where the CPU sees it if it does. */
static void dtb_text_cell_reg(struct dtb_cell *c, const struct vdisc_reg *reg)
{
	if (reg->translated) {
		dtb_text_cell_range(c, reg->address, reg->has_size, reg->size);
		return;
	}
	if (reg->ncells == 3) {
		dtb_text_cell_pci_bus_address(c, reg);
	} else if (reg->space != VDISC_REG_SPACE_NONE) {
		/* Another bus whose first cell names the space (ISA): the space, then the range. */
		dtb_text_cell_str(c, reg->space == VDISC_REG_SPACE_IO ? "io " : "mem ");
		dtb_text_cell_range(c, reg->bus_address, reg->has_size, reg->size);
	} else {
		dtb_text_cell_str(c, "reg ");
		dtb_text_cell_0x(c, reg->bus_address);
	}
	if (reg->error)
		dtb_text_cell_str(c, ", unmapped");
}

/* The first CPU-visible range, since a PCI node's first reg is its config space. */
static void dtb_text_cell_address(struct dtb_cell *c, const struct vdisc_device *dev)
{
	uint32_t i, shown = 0;

	if (dev->nregs == 0) {
		dtb_text_cell_str(c, "-");
		return;
	}
	for (i = 0; i < dev->nregs; i++)
		if (dev->regs[i].translated) {
			shown = i;
			break;
		}
	dtb_text_cell_reg(c, &dev->regs[shown]);
	if (dev->nregs > 1)
		dtb_text_cell_more(c, dev->nregs - 1);
}

static void dtb_text_cell_irq(struct dtb_cell *c, struct dtb_labels *labels,
			      const struct vdisc_irq *irq)
{
	unsigned i;

	if (!irq->controller) {
		dtb_text_cell_str(c, "?");
		return;
	}
	dtb_text_cell_str(c, dtb_labels_get(labels, irq->controller));
	dtb_text_cell_str(c, ":");
	if (irq->has_line) {
		dtb_text_cell_dec(c, irq->line);
		return;
	}
	dtb_text_cell_str(c, "<");
	for (i = 0; i < irq->ncells; i++) {
		if (i)
			dtb_text_cell_str(c, " ");
		dtb_text_cell_0x(c, irq->cells[i]);
	}
	dtb_text_cell_str(c, ">");
}

static void dtb_text_cell_irqs(struct dtb_cell *c, struct dtb_labels *labels,
			       const struct vdisc_device *dev)
{
	enum { SHOWN = 2 };
	uint32_t i;

	if (dev->nirqs == 0) {
		dtb_text_cell_str(c, "-");
		return;
	}
	for (i = 0; i < dev->nirqs && i < SHOWN; i++) {
		if (i)
			dtb_text_cell_str(c, ",");
		dtb_text_cell_irq(c, labels, &dev->irqs[i]);
	}
	if (dev->nirqs > SHOWN)
		dtb_text_cell_more(c, dev->nirqs - SHOWN);
}

static void dtb_text_cell_compat(struct dtb_cell *c, const struct vdisc_device *dev)
{
	if (dev->dt.compatible.count == 0) {
		dtb_text_cell_str(c, "-");
		return;
	}
	dtb_text_cell_str(c, dev->dt.compatible.items[0]);
	if (dev->dt.compatible.count > 1)
		dtb_text_cell_more(c, dev->dt.compatible.count - 1);
}

/* The three computed cells of a device's row. */
struct device_row {
	struct dtb_cell compat, address, irqs;
};

static void dtb_text_row(struct device_row *row, struct dtb_labels *labels,
			 const struct vdisc_device *dev)
{
	row->compat.len = row->address.len = row->irqs.len = 0;
	dtb_text_cell_compat(&row->compat, dev);
	dtb_text_cell_address(&row->address, dev);
	dtb_text_cell_irqs(&row->irqs, labels, dev);
}

/* One listing: where it goes and what every row needs. */
struct dtb_text {
	struct cli_out out;
	struct vdisc_model *model;
	const struct dtb_options *opt;
	struct dtb_labels *labels; /* NULL: full paths are printed */
	struct prop_reader *props; /* -v only */
	int widths[4];		   /* the table's columns */
	struct dtb_rows *rows;	   /* the rows the first pass kept, or NULL */
	struct dtb_rows rows_store;
	struct dtb_walk_pos resume; /* the first row the first pass could not keep */
};

/* -v: every property of a node, as a .dts has it. */
static void dtb_text_print_properties(struct dtb_text *t, int node, int indent)
{
	struct prop_iter it;
	const char *name;
	const void *val;
	int len;

	for (prop_iter_start(&it, t->model, node); prop_iter_next(&it, &name, &val, &len);)
		prop_print(&t->out, t->props, node, indent, name, val, len);
}

static void dtb_text_print_cells_source(struct cli_out *o, const char *name, uint8_t source,
					const char *from)
{
	cli_out_str(o, name);
	if (source == VDISC_CELLS_INHERITED) {
		cli_out_str(o, " inherited from ");
		cli_out_str(o, from ? from : "?");
	} else if (source == VDISC_CELLS_DEFAULT) {
		cli_out_str(o, " by default (no ancestor has one)");
	} else if (source == VDISC_CELLS_I2C) {
		cli_out_str(o, " by the I2C binding");
	} else {
		cli_out_str(o, " from ");
		cli_out_str(o, from ? from : "?");
	}
}

/* -v: the cell counts reg was split with, where the parent did not give them itself. */
static void dtb_text_print_reg_cells(struct cli_out *o, const struct vdisc_device *dev)
{
	const struct vdisc_reg_cells *c = dev->dt.cells;

	if (!c)
		return;
	cli_out_printf(o, "    -> reg cells: %u/%u, ", c->address_cells, c->size_cells);
	dtb_text_print_cells_source(o, "#address-cells", c->address_source, c->address_from);
	cli_out_str(o, ", ");
	dtb_text_print_cells_source(o, "#size-cells", c->size_source, c->size_from);
	cli_out_char(o, '\n');
}

/* "    -> reg[N]: " or "    -> irq[N]: ", the start of a -v resolution line. */
static void dtb_text_print_arrow(struct cli_out *o, const char *what, uint32_t i)
{
	cli_out_str(o, "    -> ");
	cli_out_str(o, what);
	cli_out_char(o, '[');
	cli_out_dec(o, i);
	cli_out_str(o, "]: ");
}

static void dtb_text_print_reg_line(struct cli_out *o, const struct vdisc_reg *reg, uint32_t i)
{
	struct dtb_cell text = {0};
	char size[32];

	dtb_text_cell_reg(&text, reg);
	dtb_text_print_arrow(o, "reg", i);
	cli_out_mem(o, text.s, text.len);
	if (reg->translated && reg->has_size) {
		cli_format_size(size, sizeof(size), reg->size);
		cli_out_str(o, " (");
		cli_out_str(o, size);
		cli_out_str(o, ")\n");
	} else if (reg->error) {
		cli_out_str(o, ": ");
		cli_out_str(o, vdisc_fdt_strerror(reg->error));
		cli_out_char(o, '\n');
	} else {
		cli_out_str(o, " (not memory-mapped)\n");
	}
}

static void dtb_text_print_irq_line(struct cli_out *o, const struct vdisc_irq *irq, uint32_t i)
{
	unsigned c;

	dtb_text_print_arrow(o, "irq", i);
	if (!irq->controller) {
		cli_out_str(o, "unresolved: ");
		cli_out_str(o, vdisc_fdt_strerror(irq->error));
		cli_out_char(o, '\n');
		return;
	}
	cli_out_str(o, irq->controller);
	cli_out_str(o, " <");
	for (c = 0; c < irq->ncells; c++) {
		cli_out_str(o, c ? " 0x" : "0x");
		cli_out_hex(o, irq->cells[c], 1);
	}
	cli_out_char(o, '>');
	if (irq->has_line) {
		cli_out_str(o, " line ");
		cli_out_dec(o, irq->line);
	}
	if (irq->via) {
		cli_out_str(o, " via ");
		cli_out_str(o, irq->via);
	}
	cli_out_char(o, '\n');
}

/* -v: how each reg and interrupt was resolved, beside the raw properties. */
static void dtb_text_print_resolution(struct cli_out *o, const struct vdisc_device *dev)
{
	uint32_t i;

	dtb_text_print_reg_cells(o, dev);
	for (i = 0; i < dev->nregs; i++)
		dtb_text_print_reg_line(o, &dev->regs[i], i);
	for (i = 0; i < dev->nirqs; i++)
		dtb_text_print_irq_line(o, &dev->irqs[i], i);
}

static void dtb_text_widen(int *width, size_t len)
{
	if ((int)len > *width)
		*width = (int)len;
}

/* The first pass: column widths and how many devices are shown (diagnostics recorded here). */
static int dtb_text_measure(struct dtb_text *t, uint32_t *shown)
{
	const struct vdisc_device *dev;
	struct device_row row;
	struct dtb_walk walk;
	int *w = t->widths;

	w[0] = 4;  /* PATH */
	w[1] = 10; /* COMPATIBLE */
	w[2] = 7;  /* ADDRESS */
	w[3] = 10; /* INTERRUPTS */
	*shown = 0;
	for (dtb_walk_start(&walk, t->model, 0); (dev = dtb_walk_next(&walk));) {
		if (!dtb_selected(dev, t->opt))
			continue;
		(*shown)++;
		if (t->opt->tree)
			continue;
		dtb_text_row(&row, t->labels, dev);
		dtb_text_widen(&w[0], strlen(dev->path));
		dtb_text_widen(&w[1], row.compat.len);
		dtb_text_widen(&w[2], row.address.len);
		dtb_text_widen(&w[3], row.irqs.len);
		if (t->rows && !t->rows->full) {
			const char *cells[DTB_ROW_CELLS] = {dtb_text_cell_cstr(&row.compat),
							    dtb_text_cell_cstr(&row.address),
							    dtb_text_cell_cstr(&row.irqs),
							    dev->dt.status ? dev->dt.status : "?"};

			if (!dtb_rows_add(t->rows, dev->dt.node_offset, cells))
				t->resume = dtb_walk_here(&walk);
		}
	}
	return dtb_walk_end(&walk);
}

static void dtb_text_print_row(struct dtb_text *t, const struct vdisc_device *dev)
{
	struct cli_out *o = &t->out;
	const int *w = t->widths;
	struct device_row row;

	dtb_text_row(&row, t->labels, dev);
	cli_out_field(o, dev->path, w[0]);
	cli_out_str(o, "  ");
	dtb_text_put_cell(o, &row.compat, w[1]);
	cli_out_str(o, "  ");
	dtb_text_put_cell(o, &row.address, w[2]);
	cli_out_str(o, "  ");
	dtb_text_put_cell(o, &row.irqs, w[3]);
	cli_out_str(o, "  ");
	cli_out_str(o, dev->dt.status ? dev->dt.status : "?");
	cli_out_char(o, '\n');
}

/* A node's path from the index, left-aligned in a column of @width; false without memory. */
static bool dtb_text_put_path(struct cli_out *o, const struct vdisc_model *model, int offset,
			      int width)
{
	enum { ROOM = 4096 }; /* a longer path is rare: it is built apart */
	char *dst = cli_out_room(o, ROOM), *path;
	size_t room = CLI_OUT_SIZE - o->used, n = vdisc_fdt_node_path(model, offset, dst, room);

	if (n < room) {
		o->used += n;
	} else {
		path = malloc(n + 1);
		if (!path)
			return false;
		vdisc_fdt_node_path(model, offset, path, n + 1);
		cli_out_mem(o, path, n);
		free(path);
	}
	cli_out_pad(o, (long)width - (long)n);
	return true;
}

/* The rows the first pass kept, with their paths rebuilt from the index. */
static int dtb_text_print_kept(struct dtb_text *t)
{
	struct cli_out *o = &t->out;
	const char *cells[DTB_ROW_CELLS];
	size_t pos = 0;
	int offset;

	while (dtb_rows_next(t->rows, &pos, &offset, cells)) {
		if (!dtb_text_put_path(o, t->model, offset, t->widths[0]))
			return -VDISC_ENOMEM;
		cli_out_str(o, "  ");
		cli_out_field(o, cells[0], t->widths[1]);
		cli_out_str(o, "  ");
		cli_out_field(o, cells[1], t->widths[2]);
		cli_out_str(o, "  ");
		cli_out_field(o, cells[2], t->widths[3]);
		cli_out_str(o, "  ");
		cli_out_str(o, cells[3]);
		cli_out_char(o, '\n');
	}
	return 0;
}

static int dtb_text_print_devices(struct dtb_text *t)
{
	struct cli_out *o = &t->out;
	const struct vdisc_device *dev;
	struct dtb_walk walk;
	int err;

	cli_out_field(o, "PATH", t->widths[0]);
	cli_out_str(o, "  ");
	cli_out_field(o, "COMPATIBLE", t->widths[1]);
	cli_out_str(o, "  ");
	cli_out_field(o, "ADDRESS", t->widths[2]);
	cli_out_str(o, "  ");
	cli_out_field(o, "INTERRUPTS", t->widths[3]);
	cli_out_str(o, "  STATUS\n");
	if (t->rows) {
		err = dtb_text_print_kept(t);
		if (err || !t->rows->full)
			return err;
	}
	dtb_walk_start(&walk, t->model, VDISC_FDT_QUIET);
	dtb_walk_only(&walk, t->opt->compatible);
	if (t->rows)
		dtb_walk_seek(&walk, t->resume); /* the first row the first pass could not keep */
	while ((dev = dtb_walk_next(&walk))) {
		if (!dtb_selected(dev, t->opt))
			continue;
		dtb_text_print_row(t, dev);
		if (t->opt->verbose) {
			dtb_text_print_properties(t, dev->dt.node_offset, 4);
			dtb_text_print_resolution(o, dev);
		}
	}
	return dtb_walk_end(&walk);
}

static void dtb_text_print_region(struct cli_out *o, const char *label,
				  const struct vdisc_region *r)
{
	char size[32], range[64];

	cli_format_size(size, sizeof(size), r->size);
	if (r->left_to_firmware) {
		snprintf(range, sizeof(range), "(left to firmware)");
		snprintf(size, sizeof(size), "?");
	} else if (r->has_address && r->size)
		snprintf(range, sizeof(range), "0x%" PRIx64 "-0x%" PRIx64, r->address,
			 r->address + (r->size - 1));
	else if (r->has_address)
		snprintf(range, sizeof(range), "0x%" PRIx64, r->address);
	else
		snprintf(range, sizeof(range), "(placed at boot)");
	cli_out_printf(o, "%-10s %-27s %-10s %-8s  %s\n", label, range, size,
		       r->no_map     ? "no-map"
		       : r->reusable ? "reusable"
				     : "",
		       r->path ? r->path : "/memreserve/");
}

static const char *dtb_text_pci_space_name(uint8_t space, bool prefetchable)
{
	static const char *const names[] = {"cfg", "io", "mem32", "mem64"};
	static const char *const pref[] = {"cfg", "io", "mem32-pref", "mem64-pref"};

	return prefetchable ? pref[space & 3] : names[space & 3];
}

/* The configuration window and how it is reached, then every other register block. */
static void dtb_text_print_pci_config(struct cli_out *o, const struct vdisc_fdt_pci_host *h)
{
	static const char *const kinds[] = {
		[VDISC_FDT_PCI_CONFIG_ECAM] = "ECAM",
		[VDISC_FDT_PCI_CONFIG_CAM] = "CAM",
		[VDISC_FDT_PCI_CONFIG_CONTROLLER] = "config",
	};
	const struct vdisc_device *dev = h->device;
	uint32_t i;

	if (h->has_config)
		cli_out_printf(o, "  %s 0x%" PRIx64 "-0x%" PRIx64, kinds[h->config], h->config_base,
			       h->config_base + (h->config_size - 1));
	if (h->config == VDISC_FDT_PCI_CONFIG_CONTROLLER)
		cli_out_str(o, h->has_config ? " (not ECAM: through the controller)"
					     : "  config not ECAM, no window in the tree");
	cli_out_char(o, '\n');
	for (i = 0; i < dev->nregs; i++) {
		const struct vdisc_reg *r = &dev->regs[i];

		if (h->has_config && i == h->config_reg)
			continue;
		if (i < h->reg_names.count)
			cli_out_printf(o, "    reg %-8s", h->reg_names.items[i]);
		else
			cli_out_printf(o, "    reg #%-7" PRIu32, i);
		if (r->translated && r->has_size && r->size)
			cli_out_printf(o, " 0x%" PRIx64 "-0x%" PRIx64 "\n", r->address,
				       r->address + (r->size - 1));
		else if (r->translated)
			cli_out_printf(o, " 0x%" PRIx64 "\n", r->address);
		else
			cli_out_str(o, " not CPU-addressable\n");
	}
}

static void dtb_text_print_pci_hosts(struct cli_out *o, const struct vdisc_model *model)
{
	const struct vdisc_fdt_pci_host *h;
	unsigned i;

	if (!model->dt.pci_hosts)
		return;
	cli_out_str(o, "\nPCI host bridges:\n");
	for (h = model->dt.pci_hosts; h; h = h->next) {
		cli_out_printf(o, "  %s  segment %04x buses %02x-%02x", h->device->path, h->segment,
			       h->bus_start, h->bus_end);
		dtb_text_print_pci_config(o, h);
		for (i = 0; i < h->nranges; i++) {
			const struct vdisc_fdt_pci_range *r = &h->ranges[i];

			cli_out_printf(o, "    %-10s pci 0x%" PRIx64 "-0x%" PRIx64,
				       dtb_text_pci_space_name(r->space, r->prefetchable),
				       r->pci_address,
				       r->pci_address + (r->size ? r->size - 1 : 0));
			if (r->translated)
				cli_out_printf(o, " -> cpu 0x%" PRIx64 "\n", r->cpu_address);
			else
				cli_out_str(o, " -> not CPU-addressable\n");
		}
	}
}

/*
 * -v: what a top-level name table (/aliases, /__symbols__) maps each name
 * to, so that a person reading a binding's "serial0" or a label finds its
 * node without dtc.  A value that is not one path string is said to be so.
 */
static void dtb_text_print_names(struct cli_out *o, const struct vdisc_model *model,
				 const char *title, const char *node_name)
{
	int node = fdt_subnode_offset(model->dt.blob, 0, node_name), len;
	const char *name;
	const void *val;
	struct prop_iter it;
	bool any = false;

	if (node < 0)
		return;
	prop_iter_start(&it, model, node);
	while (prop_iter_next(&it, &name, &val, &len)) {
		if (!any)
			cli_out_printf(o, "\n%s:\n", title);
		any = true;
		if (len > 1 && memchr(val, '\0', (size_t)len) == (const char *)val + len - 1)
			cli_out_printf(o, "  %-14s %s\n", name, (const char *)val);
		else
			cli_out_printf(o, "  %-14s (not a path string, %d bytes)\n", name, len);
	}
}

static void dtb_text_print_summary(struct cli_out *o, const struct vdisc_model *model)
{
	const struct vdisc_region *r;
	const struct vdisc_cpu *cpu;
	uint64_t total = 0;
	bool firmware = false;
	char size[32];

	for (r = model->memory; r; r = r->next) {
		total += r->size;
		firmware |= r->left_to_firmware;
	}
	cli_format_size(size, sizeof(size), total);
	/*
	 * Neither a tree without a memory node nor a zero-sized /memory reg
	 * means "0 bytes": the bootloader adds the node or fills in the size.
	 */
	if (!model->memory)
		cli_out_str(o, "\nMemory: none described (no memory node; a bootloader usually "
			       "adds one)\n");
	else if (firmware && !total)
		cli_out_str(
			o,
			"\nMemory: left to firmware (a zero-sized reg the bootloader fills in)\n");
	else if (firmware)
		cli_out_printf(o, "\nMemory: %s, and more left to firmware\n", size);
	else
		cli_out_printf(o, "\nMemory: %s\n", size);
	for (r = model->memory; r; r = r->next)
		dtb_text_print_region(o, "  ram", r);
	for (r = model->reserved; r; r = r->next)
		dtb_text_print_region(o, "  reserved", r);

	cli_out_printf(o, "\nCPUs: %" PRIu32 "\n", model->ncpus);
	for (cpu = model->cpus; cpu; cpu = cpu->next) {
		cli_out_printf(o, "  %-20s id 0x%-6" PRIx64 " %-18s %s", cpu->path, cpu->id,
			       cpu->compatible ? cpu->compatible : "-",
			       cpu->status ? cpu->status : "?");
		if (cpu->isa)
			cli_out_printf(o, "  %s", cpu->isa);
		if (cpu->enable_method)
			cli_out_printf(o, "  enable-method %s", cpu->enable_method);
		cli_out_char(o, '\n');
	}

	dtb_text_print_pci_hosts(o, model);

	cli_out_str(o, "\nChosen:\n");
	cli_out_printf(o, "  bootargs     %s\n", model->dt.bootargs ? model->dt.bootargs : "-");
	cli_out_printf(o, "  stdout-path  %s", model->dt.stdout_path ? model->dt.stdout_path : "-");
	if (model->dt.stdout_node && strcmp(model->dt.stdout_node, model->dt.stdout_path) != 0)
		cli_out_printf(o, " -> %s", model->dt.stdout_node);
	cli_out_char(o, '\n');
}

/* --tree: a node's device fields after its name. */
static void dtb_text_print_tree_device(struct cli_out *o, struct dtb_labels *labels,
				       const struct vdisc_device *dev)
{
	struct device_row row;

	dtb_text_row(&row, labels, dev);
	cli_out_str(o, "  [");
	cli_out_mem(o, row.compat.s, row.compat.len);
	cli_out_char(o, ']');
	if (dev->nregs) {
		cli_out_str(o, "  ");
		cli_out_mem(o, row.address.s, row.address.len);
	}
	if (dev->nirqs) {
		cli_out_str(o, "  irq ");
		cli_out_mem(o, row.irqs.s, row.irqs.len);
	}
	if (dev->dt.status && strcmp(dev->dt.status, "okay") != 0) {
		cli_out_str(o, "  (");
		cli_out_str(o, dev->dt.status);
		cli_out_char(o, ')');
	}
}

static int dtb_text_print_tree(struct dtb_text *t, uint32_t flags)
{
	struct cli_out *o = &t->out;
	const struct vdisc_device *dev;
	struct dtb_walk walk;
	int node, depth = 0;

	dtb_walk_start(&walk, t->model, flags);
	dev = dtb_walk_next(&walk);
	for (node = 0; node >= 0 && depth >= 0; node = prop_tree_next(t->model, node, &depth)) {
		const char *name = prop_tree_name(t->model, node);

		cli_out_pad(o, 2 * depth);
		cli_out_str(o, depth && name ? name : "/");
		/* Devices come in tree order, so the next device is either this node or later. */
		if (dev && dev->dt.node_offset == node) {
			dtb_text_print_tree_device(o, t->labels, dev);
			dev = dtb_walk_next(&walk);
		}
		cli_out_char(o, '\n');
		if (t->opt->verbose)
			dtb_text_print_properties(t, node, 2 * depth + 4);
	}
	return dtb_walk_end(&walk);
}

/* -v: the header fields fdtdump shows, where each block lies and how large it is. */
static void dtb_text_print_header(struct cli_out *o, const void *blob)
{
	uint32_t strings = fdt_size_dt_strings(blob);

	cli_out_printf(o,
		       "Header: version %" PRIu32 " (last compatible %" PRIu32
		       "), boot CPU 0x%" PRIx32 ", totalsize 0x%" PRIx32 " (%" PRIu32 " bytes)\n",
		       fdt_version(blob), fdt_last_comp_version(blob), fdt_boot_cpuid_phys(blob),
		       fdt_totalsize(blob), fdt_totalsize(blob));
	cli_out_printf(o, "  memory reservations  at 0x%-6" PRIx32 " %d entries\n",
		       fdt_off_mem_rsvmap(blob), fdt_num_mem_rsv(blob));
	if (fdt_version(blob) >= 17)
		cli_out_printf(o, "  structure block      at 0x%-6" PRIx32 " 0x%" PRIx32 " bytes\n",
			       fdt_off_dt_struct(blob), fdt_size_dt_struct(blob));
	else
		cli_out_printf(o,
			       "  structure block      at 0x%-6" PRIx32 " (size not recorded "
			       "before version 17)\n",
			       fdt_off_dt_struct(blob));
	cli_out_printf(o, "  strings block        at 0x%-6" PRIx32 " 0x%" PRIx32 " bytes\n",
		       fdt_off_dt_strings(blob), strings);
}

static void dtb_text_print_head(struct cli_out *o, const struct vdisc_model *model,
				const struct dtb_options *opt, uint32_t shown)
{
	cli_out_printf(o, "%s: %s", opt->file,
		       model->dt.machine ? model->dt.machine : "(no model)");
	if (model->dt.compatible.count)
		cli_out_printf(o, " [%s]", model->dt.compatible.items[0]);
	cli_out_printf(o, ", %" PRIu32 " nodes, %" PRIu32 " devices", model->dt.nnodes,
		       model->ndevices);
	if (opt->compatible)
		cli_out_printf(o, ", %" PRIu32 " compatible with \"%s\"", shown, opt->compatible);
	cli_out_char(o, '\n');
	if (opt->verbose)
		dtb_text_print_header(o, model->dt.blob);
	cli_out_char(o, '\n');
}

/*
 * What the table may keep of its rows between the passes: a quarter of the
 * blob and 2 MiB (every row of a tree of 30,000 devices; 70% of the rows of
 * a 100,000-device one), so that a listing stays within twice the blob and
 * a few MiB (the blob, its index, these rows) however many devices it has.
 */
static size_t dtb_text_rows_budget(const struct vdisc_model *model)
{
	/* Whole huge pages (cli_arena_alloc): a part of one costs all of it. */
	return (fdt_totalsize(model->dt.blob) / 4 + ((size_t)2 << 20)) & ~(((size_t)2 << 20) - 1);
}

static int dtb_text_print(struct dtb_text *t)
{
	const struct dtb_options *opt = t->opt;
	uint32_t shown = t->model->ndevices;
	int err = 0;

	/* The table needs its widths first; a filtered tree needs the count for the header. */
	if (!opt->tree || opt->compatible)
		err = dtb_text_measure(t, &shown);
	if (err)
		return err;
	dtb_text_print_head(&t->out, t->model, opt, shown);
	if (opt->tree)
		return dtb_text_print_tree(t, opt->compatible ? VDISC_FDT_QUIET : 0);
	err = dtb_text_print_devices(t);
	if (!err && !opt->compatible)
		dtb_text_print_summary(&t->out, t->model);
	if (!err && !opt->compatible && opt->verbose) {
		dtb_text_print_names(&t->out, t->model, "Aliases", "aliases");
		dtb_text_print_names(&t->out, t->model, "Labels (__symbols__)", "__symbols__");
	}
	return err;
}

int dtb_print_text(FILE *out, struct vdisc_model *model, const struct dtb_options *opt)
{
	struct dtb_text *t = malloc(sizeof(*t));
	int err = -VDISC_ENOMEM;

	if (!t)
		return err;
	cli_out_init(&t->out, out);
	t->model = model;
	t->opt = opt;
	t->labels = dtb_labels_build(model); /* NULL: full paths are printed */
	t->props = opt->verbose ? prop_reader_new(model) : NULL;
	t->rows = NULL;
	t->resume = (struct dtb_walk_pos){0};
	/* -v prints each row's properties and resolution from the decoded device. */
	if (!opt->tree && !opt->verbose &&
	    dtb_rows_init(&t->rows_store, dtb_text_rows_budget(model)))
		t->rows = &t->rows_store;
	if (!opt->verbose || t->props)
		err = dtb_text_print(t);
	/* What was printed before a device that could not be decoded is still written. */
	if (cli_out_end(&t->out) && !err)
		err = VDISC_EXIT_FAILED;
	if (t->rows)
		dtb_rows_free(t->rows);
	prop_reader_free(t->props);
	dtb_labels_free(t->labels);
	free(t);
	return err;
}

int dtb_print_device_text(FILE *out, struct vdisc_model *model, const struct vdisc_device *dev)
{
	struct dtb_text *t = calloc(1, sizeof(*t));
	struct device_row row;
	int err = -VDISC_ENOMEM;

	if (!t)
		return err;
	cli_out_init(&t->out, out);
	t->model = model;
	t->labels = dtb_labels_build(model); /* NULL: full paths are printed */
	t->props = prop_reader_new(model);
	if (t->props) {
		/* One row: its columns as wide as its own cells. */
		dtb_text_row(&row, t->labels, dev);
		t->widths[0] = (int)strlen(dev->path);
		t->widths[1] = (int)row.compat.len;
		t->widths[2] = (int)row.address.len;
		t->widths[3] = (int)row.irqs.len;
		dtb_text_print_row(t, dev);
		dtb_text_print_properties(t, dev->dt.node_offset, 4);
		dtb_text_print_resolution(&t->out, dev);
		err = 0;
	}
	if (cli_out_end(&t->out) && !err)
		err = VDISC_EXIT_FAILED;
	prop_reader_free(t->props);
	dtb_labels_free(t->labels);
	free(t);
	return err;
}
