/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dtb_fit.h"
#include "dtb_labels.h"
#include "dtb_rows.h"
#include "dtb_walk.h"
#include "out_buf.h"

/*
 * The listing a person reads: one aligned line per device, then the
 * machine summary.  Column widths are measured first so the table lines up
 * whatever the path lengths.
 */

#define CELL_TEXT 512

/*
 * A table cell: its text, at most CELL_TEXT - 1 characters (an interrupt
 * list stops short of that with " (+N)", a compatible string is cut).
 * Numbers are written by hand: a listing has 100k rows.
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

/* One interrupt: "N" (a resolved line) or "<cells>"; its controller is named by the group. */
static void dtb_text_cell_irq(struct dtb_cell *c, const struct vdisc_irq *irq)
{
	unsigned i;

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

/*
 * Every interrupt, grouped by controller: "gic:96,97 gpio:3", "?" for one
 * not resolved.  A list longer than the cell ends with " (+N)".
 */
static void dtb_text_cell_irqs(struct dtb_cell *c, struct dtb_labels *labels,
			       const struct vdisc_device *dev)
{
	enum { ROOM = 24 }; /* an item and " (+N)" */
	const char *group = NULL;
	uint32_t i;

	if (dev->nirqs == 0) {
		dtb_text_cell_str(c, "-");
		return;
	}
	for (i = 0; i < dev->nirqs; i++) {
		const struct vdisc_irq *irq = &dev->irqs[i];
		const char *ctl = irq->controller;

		if (c->len + ROOM + (ctl ? strlen(ctl) : 0) >= CELL_TEXT) {
			dtb_text_cell_more(c, dev->nirqs - i);
			return;
		}
		bool same = ctl && group && (ctl == group || strcmp(ctl, group) == 0);

		if (i)
			dtb_text_cell_str(c, same ? "," : " ");
		if (!ctl) {
			dtb_text_cell_str(c, "?");
		} else {
			if (!same) {
				dtb_text_cell_str(c, dtb_labels_get(labels, ctl));
				dtb_text_cell_str(c, ":");
			}
			dtb_text_cell_irq(c, irq);
		}
		group = ctl;
	}
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

#define DTB_PATH_LENS 257

/* One listing: where it goes and what every row needs. */
struct dtb_text {
	struct cli_out out;
	struct vdisc_model *model;
	const struct dtb_options *opt;
	struct dtb_labels *labels;	   /* NULL: full paths are printed */
	struct prop_reader *props;	   /* -v only */
	int natural[DTB_COLS];		   /* each column's widest cell */
	int widths[DTB_COLS];		   /* the columns as printed */
	uint32_t path_lens[DTB_PATH_LENS]; /* how many paths have each length (the last: longer) */
	struct dtb_rows *rows;		   /* the rows the first pass kept, or NULL */
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

static const char *const dtb_text_headings[DTB_COLS] = {"PATH", "COMPATIBLE", "ADDRESS",
							"INTERRUPTS", "STATUS"};

static void dtb_text_measure_row(struct dtb_text *t, const struct vdisc_device *dev,
				 const struct device_row *row)
{
	size_t path = strlen(dev->path);
	int *w = t->natural;

	dtb_text_widen(&w[DTB_COL_PATH], path);
	dtb_text_widen(&w[DTB_COL_COMPAT], row->compat.len);
	dtb_text_widen(&w[DTB_COL_ADDRESS], row->address.len);
	dtb_text_widen(&w[DTB_COL_IRQS], row->irqs.len);
	dtb_text_widen(&w[DTB_COL_STATUS], strlen(dev->dt.status ? dev->dt.status : "?"));
	t->path_lens[path < DTB_PATH_LENS ? path : DTB_PATH_LENS - 1]++;
}

/* The first pass: column widths and how many devices are shown (diagnostics recorded here). */
static int dtb_text_measure(struct dtb_text *t, uint32_t *shown)
{
	const struct vdisc_device *dev;
	struct device_row row;
	struct dtb_walk walk;
	int i;

	for (i = 0; i < DTB_COLS; i++)
		t->natural[i] = (int)strlen(dtb_text_headings[i]);
	*shown = 0;
	for (dtb_walk_start(&walk, t->model, 0); (dev = dtb_walk_next(&walk));) {
		if (!dtb_selected(dev, t->opt))
			continue;
		(*shown)++;
		if (t->opt->tree)
			continue;
		dtb_text_row(&row, t->labels, dev);
		dtb_text_measure_row(t, dev, &row);
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

/* The width nine paths in ten fit. */
static int dtb_text_path_p90(const struct dtb_text *t, uint32_t shown)
{
	uint64_t seen = 0;
	int len;

	for (len = 0; len < DTB_PATH_LENS; len++) {
		seen += t->path_lens[len];
		if (10 * seen >= 9 * (uint64_t)shown)
			break;
	}
	return len;
}

/*
 * The rest of a row after its path (@path_len long, already written): a
 * path wider than its column ends its line and the cells continue under
 * their columns on the next.
 */
static void dtb_text_put_cells(struct dtb_text *t, size_t path_len,
			       const char *const cells[DTB_ROW_CELLS],
			       const size_t lens[DTB_ROW_CELLS])
{
	struct cli_out *o = &t->out;
	const int *w = t->widths;
	int i;

	if (path_len > (size_t)w[DTB_COL_PATH]) {
		cli_out_char(o, '\n');
		path_len = 0;
	}
	cli_out_pad(o, (long)w[DTB_COL_PATH] - (long)path_len);
	for (i = 0; i < DTB_ROW_CELLS; i++) {
		cli_out_str(o, "  ");
		if (i + 1 == DTB_COL_IRQS)
			dtb_fit_list(o, cells[i], lens[i], w[i + 1], true);
		else
			dtb_fit_cell(o, cells[i], lens[i], i + 1 == DTB_COL_STATUS ? -1 : w[i + 1]);
	}
	cli_out_char(o, '\n');
}

static void dtb_text_print_row(struct dtb_text *t, const struct vdisc_device *dev)
{
	struct device_row row;
	const char *status = dev->dt.status ? dev->dt.status : "?";
	const char *cells[DTB_ROW_CELLS] = {row.compat.s, row.address.s, row.irqs.s, status};
	size_t lens[DTB_ROW_CELLS], path = strlen(dev->path);

	dtb_text_row(&row, t->labels, dev);
	lens[0] = row.compat.len;
	lens[1] = row.address.len;
	lens[2] = row.irqs.len;
	lens[3] = strlen(status);
	cli_out_mem(&t->out, dev->path, path);
	dtb_text_put_cells(t, path, cells, lens);
}

/* A node's path from the index; its length, or 0 without memory. */
static size_t dtb_text_put_path(struct cli_out *o, const struct vdisc_model *model, int offset)
{
	enum { ROOM = 4096 }; /* a longer path is rare: it is built apart */
	char *dst = cli_out_room(o, ROOM), *path;
	size_t room = CLI_OUT_SIZE - o->used, n = vdisc_fdt_node_path(model, offset, dst, room);

	if (n < room) {
		o->used += n;
	} else {
		path = malloc(n + 1);
		if (!path)
			return 0;
		vdisc_fdt_node_path(model, offset, path, n + 1);
		cli_out_mem(o, path, n);
		free(path);
	}
	return n;
}

/* The rows the first pass kept, with their paths rebuilt from the index. */
static int dtb_text_print_kept(struct dtb_text *t)
{
	const char *cells[DTB_ROW_CELLS];
	size_t pos = 0, lens[DTB_ROW_CELLS], path;
	int offset, i;

	while (dtb_rows_next(t->rows, &pos, &offset, cells)) {
		path = dtb_text_put_path(&t->out, t->model, offset);
		if (!path)
			return -VDISC_ENOMEM;
		for (i = 0; i < DTB_ROW_CELLS; i++)
			lens[i] = strlen(cells[i]);
		dtb_text_put_cells(t, path, cells, lens);
	}
	return 0;
}

/* The headings, as a row. */
static void dtb_text_print_headings(struct dtb_text *t)
{
	const char *const *h = dtb_text_headings;
	size_t lens[DTB_ROW_CELLS];
	int i;

	for (i = 0; i < DTB_ROW_CELLS; i++)
		lens[i] = strlen(h[i + 1]);
	cli_out_str(&t->out, h[DTB_COL_PATH]);
	dtb_text_put_cells(t, strlen(h[DTB_COL_PATH]), h + 1, lens);
}

static int dtb_text_print_devices(struct dtb_text *t)
{
	struct cli_out *o = &t->out;
	const struct vdisc_device *dev;
	struct dtb_walk walk;
	int err;

	dtb_text_print_headings(t);
	if (t->rows) {
		err = dtb_text_print_kept(t);
		if (err || !t->rows->full)
			return err;
	}
	dtb_walk_start(&walk, t->model, VDISC_FDT_QUIET);
	dtb_walk_only(&walk, t->opt);
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
	int node = vdisc_fdt_path_offset(model, node_name), len;
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

/*
 * --tree: a node's device fields after its name, @used columns into the
 * line; the interrupt list is cut to the width left (20 columns at least)
 * unless the cells are to be shown whole.
 */
static void dtb_text_print_tree_device(struct dtb_text *t, const struct vdisc_device *dev,
				       size_t used)
{
	struct cli_out *o = &t->out;
	const struct dtb_options *opt = t->opt;
	struct device_row row;
	long room;

	dtb_text_row(&row, t->labels, dev);
	cli_out_str(o, "  [");
	cli_out_mem(o, row.compat.s, row.compat.len);
	cli_out_char(o, ']');
	used += 3 + row.compat.len;
	if (dev->nregs) {
		cli_out_str(o, "  ");
		cli_out_mem(o, row.address.s, row.address.len);
		used += 2 + row.address.len;
	}
	if (dev->nirqs) {
		cli_out_str(o, "  irq ");
		room = (long)opt->columns - (long)used - 6;
		if (opt->wide || opt->verbose || opt->columns <= 0 || room >= (long)row.irqs.len)
			cli_out_mem(o, row.irqs.s, row.irqs.len);
		else
			dtb_fit_list(o, row.irqs.s, row.irqs.len, room > 20 ? (int)room : 20,
				     false);
	}
	if (dev->dt.status && strcmp(dev->dt.status, "okay") != 0) {
		cli_out_str(o, "  (");
		cli_out_str(o, dev->dt.status);
		cli_out_char(o, ')');
	}
}

/* One line of the tree: the node's name at its depth, and its device fields if it has any. */
static void dtb_text_print_tree_node(struct dtb_text *t, int node, int depth,
				     const struct vdisc_device *dev)
{
	const char *name = prop_tree_name(t->model, node);

	name = depth && name ? name : "/";
	cli_out_pad(&t->out, 2 * depth);
	cli_out_str(&t->out, name);
	if (dev)
		dtb_text_print_tree_device(t, dev, 2 * (size_t)depth + strlen(name));
	cli_out_char(&t->out, '\n');
}

/*
 * A filtered tree shows the selected devices and their ancestors only: the
 * path to the current node is kept, and the part of it not printed yet is
 * printed when a selected device is reached.
 */
struct tree_path {
	int *nodes;
	int cap;
	int printed; /* how many of the path's first nodes are on the screen */
};

static bool dtb_text_tree_enter(struct tree_path *p, int node, int depth)
{
	int *grown;

	if (depth >= p->cap) {
		grown = realloc(p->nodes, (size_t)(2 * depth + 16) * sizeof(*grown));
		if (!grown)
			return false;
		p->nodes = grown;
		p->cap = 2 * depth + 16;
	}
	p->nodes[depth] = node;
	if (p->printed > depth)
		p->printed = depth;
	return true;
}

static int dtb_text_print_tree(struct dtb_text *t, uint32_t flags)
{
	bool filtered = dtb_filter_active(t->opt);
	struct tree_path path = {0};
	const struct vdisc_device *dev;
	struct dtb_walk walk;
	int node, depth = 0, err = 0;

	dtb_walk_start(&walk, t->model, flags);
	if (filtered)
		dtb_walk_only(&walk, t->opt);
	dev = dtb_walk_next(&walk);
	for (node = 0; node >= 0 && depth >= 0; node = prop_tree_next(t->model, node, &depth)) {
		/* Devices come in tree order, so the next device is either this node or later. */
		const struct vdisc_device *here = dev && dev->dt.node_offset == node ? dev : NULL;
		bool shown = here && (!filtered || dtb_selected(here, t->opt));

		if (filtered && !dtb_text_tree_enter(&path, node, depth)) {
			err = -VDISC_ENOMEM;
			break;
		}
		if (!filtered || shown) {
			for (; path.printed < depth; path.printed++)
				dtb_text_print_tree_node(t, path.nodes[path.printed], path.printed,
							 NULL);
			path.printed = depth + 1;
			dtb_text_print_tree_node(t, node, depth, shown ? here : NULL);
			if (t->opt->verbose)
				dtb_text_print_properties(t, node, 2 * depth + 4);
		}
		if (here) /* the walk reuses the device's memory for the next */
			dev = dtb_walk_next(&walk);
	}
	free(path.nodes);
	return err ? err : dtb_walk_end(&walk);
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

/* "FILE: MODEL [COMPATIBLE], N nodes, M devices", the counts on a line of their own if need be. */
static void dtb_text_print_head(struct cli_out *o, const struct vdisc_model *model,
				const struct dtb_options *opt, uint32_t shown)
{
	const char *machine = model->dt.machine ? model->dt.machine : "(no model)";
	const char *compat = model->dt.compatible.count ? model->dt.compatible.items[0] : NULL;
	size_t first = strlen(opt->file) + 2 + strlen(machine) + (compat ? strlen(compat) + 3 : 0);
	size_t used = o->used;
	char *counts;

	cli_out_printf(o, "%s: %s", opt->file, machine);
	if (compat)
		cli_out_printf(o, " [%s]", compat);
	cli_out_printf(o, ", %" PRIu32 " nodes, %" PRIu32 " devices", model->dt.nnodes,
		       model->ndevices);
	if (dtb_filter_active(opt))
		dtb_filter_describe(o, opt, shown);
	/* Too wide (and still in the buffer): the counts go on a line of their own. */
	if (!opt->wide && !opt->verbose && opt->columns > 0 && o->used >= used &&
	    o->used - used > (size_t)opt->columns && o->used + 1 < CLI_OUT_SIZE) {
		counts = o->buf + used + first;
		memmove(counts + 3, counts + 2, o->used - used - first - 2);
		memcpy(counts, "\n  ", 3);
		o->used++;
	}
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

/*
 * The default table fits the terminal (dtb_fit.h); -v and --wide show every
 * cell whole, and so does a tree (its lines are as wide as the tree is deep).
 */
static void dtb_text_choose_widths(struct dtb_text *t, uint32_t shown)
{
	const struct dtb_options *opt = t->opt;

	memcpy(t->widths, t->natural, sizeof(t->widths));
	if (!opt->wide && !opt->verbose && !opt->tree && opt->columns > 0)
		dtb_fit_widths(t->natural, dtb_text_path_p90(t, shown), opt->columns, t->widths);
}

/* What each short controller name in the listing stands for. */
static void dtb_text_print_legend(struct cli_out *o, const struct dtb_labels *labels)
{
	const char *label, *path;
	uint32_t cursor = 0;
	size_t width = 0;

	while (dtb_labels_next_used(labels, &cursor, &label, &path))
		if (strlen(label) > width)
			width = strlen(label);
	if (!width)
		return;
	cli_out_str(o, "\nInterrupt controllers:\n");
	for (cursor = 0; dtb_labels_next_used(labels, &cursor, &label, &path);) {
		cli_out_str(o, "  ");
		cli_out_field(o, label, (int)width);
		cli_out_str(o, "  ");
		cli_out_str(o, path);
		cli_out_char(o, '\n');
	}
}

static int dtb_text_print(struct dtb_text *t)
{
	const struct dtb_options *opt = t->opt;
	uint32_t shown = t->model->ndevices;
	int err = 0;

	/* The table needs its widths first; a filtered tree needs the count for the header. */
	if (!opt->tree || dtb_filter_active(opt))
		err = dtb_text_measure(t, &shown);
	if (err)
		return err;
	dtb_text_choose_widths(t, shown);
	dtb_text_print_head(&t->out, t->model, opt, shown);
	if (opt->tree)
		err = dtb_text_print_tree(t, dtb_filter_active(opt) ? VDISC_FDT_QUIET : 0);
	else
		err = dtb_text_print_devices(t);
	if (!err)
		dtb_text_print_legend(&t->out, t->labels);
	if (err || opt->tree)
		return err;
	if (!err && !dtb_filter_active(opt))
		dtb_text_print_summary(&t->out, t->model);
	if (!err && !dtb_filter_active(opt) && opt->verbose) {
		dtb_text_print_names(&t->out, t->model, "Aliases", "/aliases");
		dtb_text_print_names(&t->out, t->model, "Labels (__symbols__)", "/__symbols__");
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
	memset(t->path_lens, 0, sizeof(t->path_lens));
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
