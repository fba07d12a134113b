/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dtb_labels.h"
#include "dtb_rows.h"
#include "dtb_walk.h"

/*
 * The listing a person reads: one aligned line per device, then the
 * machine summary.  Column widths are measured first so the table lines up
 * whatever the path lengths.
 */

#define CELL_TEXT 160

struct device_row {
	char address[CELL_TEXT];
	char irqs[CELL_TEXT];
	char compat[CELL_TEXT];
};

bool dtb_selected(const struct vdisc_device *dev, const struct dtb_options *opt)
{
	return !opt->compatible || vdisc_strlist_contains(&dev->dt.compatible, opt->compatible);
}

/* A PCI phys.hi cell: npt000ss bbbbbbbb dddddfff rrrrrrrr (IEEE 1275 PCI binding). */
static void dtb_text_format_pci_bus_address(char *buf, size_t len, const struct vdisc_reg *reg)
{
	static const char *const spaces[] = {"cfg", "io", "mem32", "mem64"};
	uint32_t hi = reg->bus_cells[0];

	if (((hi >> 24) & 3) == 0)
		snprintf(buf, len, "cfg %02x:%02x.%x+0x%02x", (hi >> 16) & 0xff, (hi >> 11) & 0x1f,
			 (hi >> 8) & 7, hi & 0xff);
	else
		snprintf(buf, len, "%s%s 0x%" PRIx64, spaces[(hi >> 24) & 3],
			 (hi >> 30) & 1 ? "-pref" : "", reg->bus_address);
}

/* Another bus whose first cell names the space (ISA): the space, then the range on the bus. */
static void dtb_text_format_space_range(char *buf, size_t len, const struct vdisc_reg *reg)
{
	const char *space = reg->space == VDISC_REG_SPACE_IO ? "io" : "mem";

	if (reg->has_size && reg->size > 0)
		snprintf(buf, len, "%s 0x%" PRIx64 "-0x%" PRIx64, space, reg->bus_address,
			 reg->bus_address + (reg->size - 1));
	else
		snprintf(buf, len, "%s 0x%" PRIx64, space, reg->bus_address);
}

static void dtb_text_format_reg(char *buf, size_t len, const struct vdisc_reg *reg)
{
	char bus[64];

	if (reg->ncells == 3)
		dtb_text_format_pci_bus_address(bus, sizeof(bus), reg);
	else if (reg->space != VDISC_REG_SPACE_NONE)
		dtb_text_format_space_range(bus, sizeof(bus), reg);
	else
		snprintf(bus, sizeof(bus), "reg 0x%" PRIx64, reg->bus_address);
	if (!reg->translated && reg->error)
		snprintf(buf, len, "%s, unmapped", bus);
	else if (!reg->translated)
		snprintf(buf, len, "%s", bus);
	else if (reg->has_size && reg->size > 0)
		snprintf(buf, len, "0x%" PRIx64 "-0x%" PRIx64, reg->address,
			 reg->address + (reg->size - 1));
	else
		snprintf(buf, len, "0x%" PRIx64, reg->address);
}

/* The first CPU-visible range, since a PCI node's first reg is its config space. */
static void dtb_text_format_address(char *buf, size_t len, const struct vdisc_device *dev)
{
	uint32_t i, shown = 0;
	size_t used;

	if (dev->nregs == 0) {
		snprintf(buf, len, "-");
		return;
	}
	for (i = 0; i < dev->nregs; i++)
		if (dev->regs[i].translated) {
			shown = i;
			break;
		}
	dtb_text_format_reg(buf, len, &dev->regs[shown]);
	used = strlen(buf);
	if (dev->nregs > 1)
		snprintf(buf + used, len - used, " (+%" PRIu32 ")", dev->nregs - 1);
}

static void dtb_text_format_irq(char *buf, size_t len, struct dtb_labels *labels,
				const struct vdisc_irq *irq)
{
	size_t used;
	unsigned i;

	if (!irq->controller) {
		snprintf(buf, len, "?");
		return;
	}
	snprintf(buf, len, "%s:", dtb_labels_get(labels, irq->controller));
	used = strlen(buf);
	if (irq->has_line) {
		snprintf(buf + used, len - used, "%" PRIu32, irq->line);
		return;
	}
	for (i = 0; i < irq->ncells && used < len; i++) {
		snprintf(buf + used, len - used, "%s0x%" PRIx32, i ? " " : "<", irq->cells[i]);
		used = strlen(buf);
	}
	if (used < len)
		snprintf(buf + used, len - used, "%s", irq->ncells ? ">" : "<>");
}

static void dtb_text_format_irqs(char *buf, size_t len, struct dtb_labels *labels,
				 const struct vdisc_device *dev)
{
	enum { SHOWN = 2 };
	char one[CELL_TEXT];
	size_t used = 0;
	uint32_t i;

	buf[0] = '\0';
	if (dev->nirqs == 0) {
		snprintf(buf, len, "-");
		return;
	}
	for (i = 0; i < dev->nirqs && i < SHOWN; i++) {
		dtb_text_format_irq(one, sizeof(one), labels, &dev->irqs[i]);
		snprintf(buf + used, len - used, "%s%s", i ? "," : "", one);
		used = strlen(buf);
	}
	if (dev->nirqs > SHOWN)
		snprintf(buf + used, len - used, " (+%" PRIu32 ")", dev->nirqs - SHOWN);
}

static void dtb_text_format_compat(char *buf, size_t len, const struct vdisc_device *dev)
{
	if (dev->dt.compatible.count == 0)
		snprintf(buf, len, "-");
	else if (dev->dt.compatible.count == 1)
		snprintf(buf, len, "%s", dev->dt.compatible.items[0]);
	else
		snprintf(buf, len, "%s (+%" PRIu32 ")", dev->dt.compatible.items[0],
			 dev->dt.compatible.count - 1);
}

static void dtb_text_print_properties(FILE *out, const struct vdisc_model *model, int node,
				      int indent)
{
	const void *blob = model->dt.blob;
	int prop;

	fdt_for_each_property_offset (prop, blob, node) {
		const char *name;
		int len;
		const void *val = fdt_getprop_by_offset(blob, prop, &name, &len);

		if (!val)
			continue;
		fprintf(out, "%*s", indent, "");
		prop_print(out, model, name, val, len);
	}
}

static void dtb_text_print_cells_source(FILE *out, const char *name, uint8_t source,
					const char *from)
{
	if (source == VDISC_CELLS_INHERITED)
		fprintf(out, "%s inherited from %s", name, from ? from : "?");
	else if (source == VDISC_CELLS_DEFAULT)
		fprintf(out, "%s by default (no ancestor has one)", name);
	else if (source == VDISC_CELLS_I2C)
		fprintf(out, "%s by the I2C binding", name);
	else
		fprintf(out, "%s from %s", name, from ? from : "?");
}

/* -v: the cell counts reg was split with, where the parent did not give them itself. */
static void dtb_text_print_reg_cells(FILE *out, const struct vdisc_device *dev)
{
	const struct vdisc_reg_cells *c = dev->dt.cells;

	if (!c)
		return;
	fprintf(out, "    -> reg cells: %u/%u, ", c->address_cells, c->size_cells);
	dtb_text_print_cells_source(out, "#address-cells", c->address_source, c->address_from);
	fputs(", ", out);
	dtb_text_print_cells_source(out, "#size-cells", c->size_source, c->size_from);
	fputc('\n', out);
}

/* -v: how each reg and interrupt was resolved, beside the raw properties. */
static void dtb_text_print_resolution(FILE *out, const struct vdisc_device *dev)
{
	char text[CELL_TEXT], size[32];
	uint32_t i;

	dtb_text_print_reg_cells(out, dev);
	for (i = 0; i < dev->nregs; i++) {
		const struct vdisc_reg *reg = &dev->regs[i];

		dtb_text_format_reg(text, sizeof(text), reg);
		if (reg->translated && reg->has_size) {
			cli_format_size(size, sizeof(size), reg->size);
			fprintf(out, "    -> reg[%" PRIu32 "]: %s (%s)\n", i, text, size);
		} else if (reg->error) {
			fprintf(out, "    -> reg[%" PRIu32 "]: %s: %s\n", i, text,
				vdisc_fdt_strerror(reg->error));
		} else {
			fprintf(out, "    -> reg[%" PRIu32 "]: %s (not memory-mapped)\n", i, text);
		}
	}
	for (i = 0; i < dev->nirqs; i++) {
		const struct vdisc_irq *irq = &dev->irqs[i];
		unsigned c;

		if (!irq->controller) {
			fprintf(out, "    -> irq[%" PRIu32 "]: unresolved: %s\n", i,
				vdisc_fdt_strerror(irq->error));
			continue;
		}
		fprintf(out, "    -> irq[%" PRIu32 "]: %s <", i, irq->controller);
		for (c = 0; c < irq->ncells; c++)
			fprintf(out, "%s0x%" PRIx32, c ? " " : "", irq->cells[c]);
		fputc('>', out);
		if (irq->has_line)
			fprintf(out, " line %" PRIu32, irq->line);
		if (irq->via)
			fprintf(out, " via %s", irq->via);
		fputc('\n', out);
	}
}

/* The first pass: column widths and how many devices are shown (diagnostics recorded here). */
static int dtb_text_measure(struct vdisc_model *model, const struct dtb_options *opt,
			    struct dtb_labels *labels, int widths[4], uint32_t *shown,
			    struct dtb_rows *rows, struct dtb_walk_pos *resume)
{
	const struct vdisc_device *dev;
	struct device_row row;
	struct dtb_walk walk;

	widths[0] = 4;	/* PATH */
	widths[1] = 10; /* COMPATIBLE */
	widths[2] = 7;	/* ADDRESS */
	widths[3] = 10; /* INTERRUPTS */
	*shown = 0;
	for (dtb_walk_start(&walk, model, 0); (dev = dtb_walk_next(&walk));) {
		if (!dtb_selected(dev, opt))
			continue;
		(*shown)++;
		if (opt->tree)
			continue;
		dtb_text_format_compat(row.compat, sizeof(row.compat), dev);
		dtb_text_format_address(row.address, sizeof(row.address), dev);
		if ((int)strlen(dev->path) > widths[0])
			widths[0] = (int)strlen(dev->path);
		if ((int)strlen(row.compat) > widths[1])
			widths[1] = (int)strlen(row.compat);
		if ((int)strlen(row.address) > widths[2])
			widths[2] = (int)strlen(row.address);
		dtb_text_format_irqs(row.irqs, sizeof(row.irqs), labels, dev);
		if ((int)strlen(row.irqs) > widths[3])
			widths[3] = (int)strlen(row.irqs);
		if (rows && !rows->full) {
			const char *cells[DTB_ROW_CELLS] = {row.compat, row.address, row.irqs,
							    dev->dt.status ? dev->dt.status : "?"};

			if (!dtb_rows_add(rows, dev->dt.node_offset, cells))
				*resume = dtb_walk_here(&walk);
		}
	}
	return dtb_walk_end(&walk);
}

/* The rows the first pass kept, with their paths rebuilt from the index. */
static int dtb_text_print_kept(FILE *out, const struct vdisc_model *model,
			       const struct dtb_rows *rows, const int w[4])
{
	const char *cells[DTB_ROW_CELLS];
	size_t pos = 0, cap = 256, len;
	char *path = malloc(cap), *grown;
	bool ok = path != NULL;
	int offset;

	while (ok && dtb_rows_next(rows, &pos, &offset, cells)) {
		len = vdisc_fdt_node_path(model, offset, path, cap);
		if (len >= cap) {
			cap = len + 1;
			grown = realloc(path, cap);
			ok = grown != NULL;
			if (!ok)
				break;
			path = grown;
			vdisc_fdt_node_path(model, offset, path, cap);
		}
		fprintf(out, "%-*s  %-*s  %-*s  %-*s  %s\n", w[0], path, w[1], cells[0], w[2],
			cells[1], w[3], cells[2], cells[3]);
	}
	free(path);
	return ok ? 0 : -VDISC_ENOMEM;
}

static int dtb_text_print_devices(FILE *out, struct vdisc_model *model,
				  const struct dtb_options *opt, struct dtb_labels *labels,
				  const int w[4], const struct dtb_rows *rows,
				  struct dtb_walk_pos resume)
{
	const struct vdisc_device *dev;
	struct device_row row;
	struct dtb_walk walk;
	int err;

	fprintf(out, "%-*s  %-*s  %-*s  %-*s  %s\n", w[0], "PATH", w[1], "COMPATIBLE", w[2],
		"ADDRESS", w[3], "INTERRUPTS", "STATUS");
	if (rows) {
		err = dtb_text_print_kept(out, model, rows, w);
		if (err || !rows->full)
			return err;
	}
	dtb_walk_start(&walk, model, VDISC_FDT_QUIET);
	dtb_walk_only(&walk, opt->compatible);
	if (rows)
		dtb_walk_seek(&walk, resume); /* the first row the first pass could not keep */
	while ((dev = dtb_walk_next(&walk))) {
		if (!dtb_selected(dev, opt))
			continue;
		dtb_text_format_compat(row.compat, sizeof(row.compat), dev);
		dtb_text_format_address(row.address, sizeof(row.address), dev);
		dtb_text_format_irqs(row.irqs, sizeof(row.irqs), labels, dev);
		fprintf(out, "%-*s  %-*s  %-*s  %-*s  %s\n", w[0], dev->path, w[1], row.compat,
			w[2], row.address, w[3], row.irqs, dev->dt.status ? dev->dt.status : "?");
		if (opt->verbose) {
			dtb_text_print_properties(out, model, dev->dt.node_offset, 4);
			dtb_text_print_resolution(out, dev);
		}
	}
	return dtb_walk_end(&walk);
}

static void dtb_text_print_region(FILE *out, const char *label, const struct vdisc_region *r)
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
	fprintf(out, "%-10s %-27s %-10s %-8s  %s\n", label, range, size,
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
static void dtb_text_print_pci_config(FILE *out, const struct vdisc_fdt_pci_host *h)
{
	static const char *const kinds[] = {
		[VDISC_FDT_PCI_CONFIG_ECAM] = "ECAM",
		[VDISC_FDT_PCI_CONFIG_CAM] = "CAM",
		[VDISC_FDT_PCI_CONFIG_CONTROLLER] = "config",
	};
	const struct vdisc_device *dev = h->device;
	uint32_t i;

	if (h->has_config)
		fprintf(out, "  %s 0x%" PRIx64 "-0x%" PRIx64, kinds[h->config], h->config_base,
			h->config_base + (h->config_size - 1));
	if (h->config == VDISC_FDT_PCI_CONFIG_CONTROLLER)
		fprintf(out, h->has_config ? " (not ECAM: through the controller)"
					   : "  config not ECAM, no window in the tree");
	fputc('\n', out);
	for (i = 0; i < dev->nregs; i++) {
		const struct vdisc_reg *r = &dev->regs[i];

		if (h->has_config && i == h->config_reg)
			continue;
		if (i < h->reg_names.count)
			fprintf(out, "    reg %-8s", h->reg_names.items[i]);
		else
			fprintf(out, "    reg #%-7" PRIu32, i);
		if (r->translated && r->has_size && r->size)
			fprintf(out, " 0x%" PRIx64 "-0x%" PRIx64 "\n", r->address,
				r->address + (r->size - 1));
		else if (r->translated)
			fprintf(out, " 0x%" PRIx64 "\n", r->address);
		else
			fprintf(out, " not CPU-addressable\n");
	}
}

static void dtb_text_print_pci_hosts(FILE *out, const struct vdisc_model *model)
{
	const struct vdisc_fdt_pci_host *h;
	unsigned i;

	if (!model->dt.pci_hosts)
		return;
	fprintf(out, "\nPCI host bridges:\n");
	for (h = model->dt.pci_hosts; h; h = h->next) {
		fprintf(out, "  %s  segment %04x buses %02x-%02x", h->device->path, h->segment,
			h->bus_start, h->bus_end);
		dtb_text_print_pci_config(out, h);
		for (i = 0; i < h->nranges; i++) {
			const struct vdisc_fdt_pci_range *r = &h->ranges[i];

			fprintf(out, "    %-10s pci 0x%" PRIx64 "-0x%" PRIx64,
				dtb_text_pci_space_name(r->space, r->prefetchable), r->pci_address,
				r->pci_address + (r->size ? r->size - 1 : 0));
			if (r->translated)
				fprintf(out, " -> cpu 0x%" PRIx64 "\n", r->cpu_address);
			else
				fprintf(out, " -> not CPU-addressable\n");
		}
	}
}

static void dtb_text_print_summary(FILE *out, const struct vdisc_model *model)
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
	/* A zero-sized /memory reg is not "0 bytes": the bootloader says how much at boot. */
	if (firmware && !total)
		fprintf(out,
			"\nMemory: left to firmware (a zero-sized reg the bootloader fills in)\n");
	else if (firmware)
		fprintf(out, "\nMemory: %s, and more left to firmware\n", size);
	else
		fprintf(out, "\nMemory: %s\n", size);
	for (r = model->memory; r; r = r->next)
		dtb_text_print_region(out, "  ram", r);
	for (r = model->reserved; r; r = r->next)
		dtb_text_print_region(out, "  reserved", r);

	fprintf(out, "\nCPUs: %" PRIu32 "\n", model->ncpus);
	for (cpu = model->cpus; cpu; cpu = cpu->next) {
		fprintf(out, "  %-20s id 0x%-6" PRIx64 " %-18s %s", cpu->path, cpu->id,
			cpu->compatible ? cpu->compatible : "-", cpu->status ? cpu->status : "?");
		if (cpu->isa)
			fprintf(out, "  %s", cpu->isa);
		if (cpu->enable_method)
			fprintf(out, "  enable-method %s", cpu->enable_method);
		fputc('\n', out);
	}

	dtb_text_print_pci_hosts(out, model);

	fprintf(out, "\nChosen:\n");
	fprintf(out, "  bootargs     %s\n", model->dt.bootargs ? model->dt.bootargs : "-");
	fprintf(out, "  stdout-path  %s", model->dt.stdout_path ? model->dt.stdout_path : "-");
	if (model->dt.stdout_node && strcmp(model->dt.stdout_node, model->dt.stdout_path) != 0)
		fprintf(out, " -> %s", model->dt.stdout_node);
	fputc('\n', out);
}

static int dtb_text_print_tree(FILE *out, struct vdisc_model *model, const struct dtb_options *opt,
			       struct dtb_labels *labels, uint32_t flags)
{
	const void *blob = model->dt.blob;
	const struct vdisc_device *dev;
	struct dtb_walk walk;
	int node, depth = 0;
	char row[CELL_TEXT], irqs[CELL_TEXT];

	dtb_walk_start(&walk, model, flags);
	dev = dtb_walk_next(&walk);
	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(blob, node, &depth)) {
		const char *name = fdt_get_name(blob, node, NULL);

		fprintf(out, "%*s%s", 2 * depth, "", depth ? name : "/");
		/* Devices come in tree order, so the next device is either this node or later. */
		if (dev && dev->dt.node_offset == node) {
			dtb_text_format_compat(row, sizeof(row), dev);
			fprintf(out, "  [%s]", row);
			if (dev->nregs) {
				dtb_text_format_address(row, sizeof(row), dev);
				fprintf(out, "  %s", row);
			}
			if (dev->nirqs) {
				dtb_text_format_irqs(irqs, sizeof(irqs), labels, dev);
				fprintf(out, "  irq %s", irqs);
			}
			if (dev->dt.status && strcmp(dev->dt.status, "okay") != 0)
				fprintf(out, "  (%s)", dev->dt.status);
			dev = dtb_walk_next(&walk);
		}
		fputc('\n', out);
		if (opt->verbose)
			dtb_text_print_properties(out, model, node, 2 * depth + 4);
	}
	return dtb_walk_end(&walk);
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

int dtb_print_text(FILE *out, struct vdisc_model *model, const struct dtb_options *opt)
{
	struct dtb_labels *labels = dtb_labels_build(model); /* NULL: full paths are printed */
	struct dtb_rows rows_store, *rows = NULL;
	struct dtb_walk_pos resume = {0};
	uint32_t shown = model->ndevices;
	int w[4] = {0}, err = 0;

	/* -v prints each row's properties and resolution from the decoded device. */
	if (!opt->tree && !opt->verbose && dtb_rows_init(&rows_store, dtb_text_rows_budget(model)))
		rows = &rows_store;
	/* The table needs its widths first; a filtered tree needs the count for the header. */
	if (!opt->tree || opt->compatible)
		err = dtb_text_measure(model, opt, labels, w, &shown, rows, &resume);
	if (!err) {
		fprintf(out, "%s: %s", opt->file,
			model->dt.machine ? model->dt.machine : "(no model)");
		if (model->dt.compatible.count)
			fprintf(out, " [%s]", model->dt.compatible.items[0]);
		fprintf(out, ", %" PRIu32 " nodes, %" PRIu32 " devices", model->dt.nnodes,
			model->ndevices);
		if (opt->compatible)
			fprintf(out, ", %" PRIu32 " compatible with \"%s\"", shown,
				opt->compatible);
		fputs("\n\n", out);
	}
	if (!err && opt->tree) {
		err = dtb_text_print_tree(out, model, opt, labels,
					  opt->compatible ? VDISC_FDT_QUIET : 0);
	} else if (!err) {
		err = dtb_text_print_devices(out, model, opt, labels, w, rows, resume);
		if (!err && !opt->compatible)
			dtb_text_print_summary(out, model);
	}
	if (rows)
		dtb_rows_free(rows);
	dtb_labels_free(labels);
	return err;
}
