/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out_buf.h"

/*
 * Properties shown by type for -v, the way a person reads a .dts: strings
 * quoted, cells in <>, bytes in [], and phandles as &{/path} so that
 * "interrupt-parent = <0x3>" says which node it means.
 */

struct phandle_prop {
	const char *name;
	const char *cells_name; /* the target's "#...-cells" giving the argument count, or NULL */
	bool suffix;		/* match names ending in @name ("reset-gpios") */
};

static const struct phandle_prop phandle_props[] = {
	{"interrupt-parent", NULL, false},
	{"interrupts-extended", "#interrupt-cells", false},
	{"clocks", "#clock-cells", false},
	{"resets", "#reset-cells", false},
	{"power-domains", "#power-domain-cells", false},
	{"iommus", "#iommu-cells", false},
	{"msi-parent", "#msi-cells", false},
	{"dmas", "#dma-cells", false},
	{"phys", "#phy-cells", false},
	{"mboxes", "#mbox-cells", false},
	{"interconnects", "#interconnect-cells", false},
	{"thermal-sensors", "#thermal-sensor-cells", false},
	{"next-level-cache", NULL, false},
	{"memory-region", NULL, false},
	{"cpu", NULL, false},
	{"gpios", "#gpio-cells", false},
	{"-gpios", "#gpio-cells", true},
};

static const struct phandle_prop *dtb_props_phandle_prop_find(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < sizeof(phandle_props) / sizeof(phandle_props[0]); i++) {
		const struct phandle_prop *p = &phandle_props[i];
		size_t m = strlen(p->name);

		if (p->suffix ? (n > m && strcmp(name + n - m, p->name) == 0)
			      : strcmp(name, p->name) == 0)
			return p;
	}
	return NULL;
}

const char *prop_kind_name(enum prop_kind kind)
{
	static const char *const names[] = {
		[PROP_EMPTY] = "empty",	      [PROP_STRINGS] = "strings", [PROP_CELLS] = "cells",
		[PROP_PHANDLES] = "phandles", [PROP_BYTES] = "bytes",
	};
	return names[kind];
}

/* Like dtc's heuristic: printable text, NUL-terminated, no empty strings. */
static bool dtb_props_looks_like_strings(const char *s, int len)
{
	int i;

	if (len <= 0 || s[len - 1] != '\0' || s[0] == '\0')
		return false;
	for (i = 0; i < len - 1; i++) {
		if (s[i] == '\0') {
			if (s[i + 1] == '\0')
				return false;
		} else if (!isprint((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

/* Walk <phandle args...> groups; false if any phandle or its cell count is unknown. */
static bool dtb_props_decode_phandles(const struct vdisc_model *model,
				      const struct phandle_prop *pp, const void *val, int len,
				      struct prop_cell *out)
{
	const void *blob = model->dt.blob;
	int n = len / 4, i = 0, node, plen;

	while (i < n) {
		uint32_t ph = fdt32_ld((const fdt32_t *)val + i), args = 0;
		const fdt32_t *cells;

		node = vdisc_fdt_phandle_node(model, ph);
		if (node < 0)
			return false;
		if (out)
			out[i].node = node;
		if (pp->cells_name) {
			cells = fdt_getprop(blob, node, pp->cells_name, &plen);
			if (!cells || plen != 4)
				return false;
			args = fdt32_ld(cells);
		}
		if (args > (uint32_t)(n - i - 1))
			return false;
		i += 1 + (int)args;
	}
	return true;
}

enum prop_kind prop_classify(const struct vdisc_model *model, const char *name, const void *val,
			     int len, struct prop_cell *cells)
{
	const struct phandle_prop *pp = dtb_props_phandle_prop_find(name);
	int i;

	if (len == 0)
		return PROP_EMPTY;
	/* The phandle walk fills @cells as it goes: one decode serves the kind and the value. */
	if (cells && len / 4 > PROP_MAX_CELLS)
		cells = NULL;
	if (cells)
		for (i = 0; i < len / 4; i++)
			cells[i] = (struct prop_cell){fdt32_ld((const fdt32_t *)val + i), -1};
	if (pp && len % 4 == 0 && dtb_props_decode_phandles(model, pp, val, len, cells))
		return PROP_PHANDLES;
	if (cells)
		for (i = 0; i < len / 4; i++)
			cells[i].node = -1;
	if (dtb_props_looks_like_strings(val, len))
		return PROP_STRINGS;
	if (len % 4 == 0)
		return PROP_CELLS;
	return PROP_BYTES;
}

/* A node's full path, from the model's index (no walk from the root): the caller frees it. */
char *prop_node_path(const struct vdisc_model *model, int offset)
{
	size_t need = vdisc_fdt_node_path(model, offset, NULL, 0);
	char *path = malloc(need + 1);

	if (path && need)
		vdisc_fdt_node_path(model, offset, path, need + 1);
	else if (path)
		strcpy(path, "?");
	return path;
}

static void dtb_props_print_strings(struct cli_out *o, const char *s, int len)
{
	int pos = 0;

	while (pos < len) {
		size_t n = strlen(s + pos);

		cli_out_str(o, pos ? ", \"" : "\"");
		cli_out_mem(o, s + pos, n);
		cli_out_char(o, '"');
		pos += (int)n + 1;
	}
}

/* "&{/path}": the path written straight into the output buffer, where it fits. */
static void dtb_props_print_path(struct cli_out *o, const struct vdisc_model *model, int node)
{
	enum { ROOM = 4096 }; /* a longer path is rare: it takes the slow way */
	char *dst = cli_out_room(o, ROOM);
	size_t room = CLI_OUT_SIZE - o->used - 2, n;
	char *path;

	memcpy(dst, "&{", 2);
	o->used += 2;
	n = vdisc_fdt_node_path(model, node, dst + 2, room);
	if (n == 0) {
		cli_out_char(o, '?');
	} else if (n < room) {
		o->used += n;
	} else {
		path = prop_node_path(model, node);
		cli_out_str(o, path ? path : "?");
		free(path);
	}
	cli_out_char(o, '}');
}

static void dtb_props_print_cells(struct cli_out *o, const struct vdisc_model *model,
				  const struct prop_cell *cells, int n)
{
	int i;

	if (n > PROP_MAX_CELLS) {
		cli_out_printf(o, " = <... %d cells>", n);
		return;
	}
	cli_out_str(o, " = <");
	for (i = 0; i < n; i++) {
		if (i)
			cli_out_char(o, ' ');
		if (cells[i].node >= 0) {
			dtb_props_print_path(o, model, cells[i].node);
		} else {
			cli_out_str(o, "0x");
			cli_out_hex(o, cells[i].value, 1);
		}
	}
	cli_out_char(o, '>');
}

void prop_print(struct cli_out *o, const struct vdisc_model *model, const char *name,
		const void *val, int len)
{
	struct prop_cell cells[PROP_MAX_CELLS];
	enum prop_kind kind = prop_classify(model, name, val, len, cells);
	const unsigned char *bytes = val;
	int i;

	cli_out_str(o, name);
	switch (kind) {
	case PROP_EMPTY:
		break;
	case PROP_STRINGS:
		cli_out_str(o, " = ");
		dtb_props_print_strings(o, val, len);
		break;
	case PROP_CELLS:
	case PROP_PHANDLES:
		dtb_props_print_cells(o, model, cells, len / 4);
		break;
	case PROP_BYTES:
		cli_out_str(o, " = [");
		for (i = 0; i < len; i++) {
			if (i)
				cli_out_char(o, ' ');
			cli_out_hex(o, bytes[i], 2);
		}
		cli_out_char(o, ']');
		break;
	}
	cli_out_str(o, ";\n");
}
