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

/*
 * What repeats from node to node is worked out once per listing: whether a
 * property name (a pointer into the strings block: the same name is the
 * same pointer) holds phandles, a phandle's node and its "#...-cells" count,
 * and the paths of the nodes phandles point at.  Each memo is a small
 * direct-mapped table, so a listing of any size holds the same memory; a
 * miss asks the model's index again.
 */
#define PROPS_NAMES 256
#define PROPS_TARGETS 4096
#define PROPS_PATHS 2048
#define PROPS_PATH_TEXT 120 /* longer paths are not kept (the NUL included) */

struct props_name_memo {
	const char *name; /* NULL: empty */
	const struct phandle_prop *pp;
};

struct props_target_memo {
	uint32_t phandle;
	const char *cells_name; /* the provider's "#...-cells" asked for, or NULL */
	int node;		/* -1: no node has the phandle */
	bool has_args;		/* a 4-byte cells_name property: args is its value */
	uint32_t args;
	bool used;
};

struct props_path_memo {
	int node; /* 0: empty (the root is never a phandle target worth keeping) */
	uint32_t len;
	char text[PROPS_PATH_TEXT]; /* NUL-terminated */
};

struct prop_reader {
	const struct vdisc_model *model;
	struct props_name_memo names[PROPS_NAMES];
	struct props_target_memo targets[PROPS_TARGETS];
	struct props_path_memo paths[PROPS_PATHS];
	char *scratch; /* a path too long for the memo */
	size_t scratch_cap;
};

struct prop_reader *prop_reader_new(const struct vdisc_model *model)
{
	struct prop_reader *r = calloc(1, sizeof(*r));

	if (r)
		r->model = model;
	return r;
}

void prop_reader_free(struct prop_reader *r)
{
	if (r)
		free(r->scratch);
	free(r);
}

/* A slot for a key in a table of @n (a power of 2) entries: Fibonacci hashing. */
static size_t dtb_props_slot(uint64_t key, size_t n)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 40) & (n - 1);
}

static const struct phandle_prop *dtb_props_phandle_prop(struct prop_reader *r, const char *name)
{
	struct props_name_memo *m = &r->names[dtb_props_slot((uintptr_t)name, PROPS_NAMES)];

	if (m->name != name) {
		m->name = name;
		m->pp = dtb_props_phandle_prop_find(name);
	}
	return m->pp;
}

static const struct props_target_memo *dtb_props_target(struct prop_reader *r, uint32_t phandle,
							const char *cells_name)
{
	uint64_t key = phandle ^ ((uint64_t)(uintptr_t)cells_name << 20);
	struct props_target_memo *m = &r->targets[dtb_props_slot(key, PROPS_TARGETS)];
	const fdt32_t *cells;
	int len;

	if (m->used && m->phandle == phandle && m->cells_name == cells_name)
		return m;
	*m = (struct props_target_memo){.phandle = phandle, .cells_name = cells_name, .used = true};
	m->node = vdisc_fdt_phandle_node(r->model, phandle);
	if (m->node >= 0 && cells_name) {
		cells = vdisc_fdt_getprop(r->model, m->node, cells_name, &len);
		m->has_args = cells && len == 4;
		m->args = m->has_args ? fdt32_ld(cells) : 0;
	}
	return m;
}

/*
 * A node's properties read straight from the structure block.  The model's
 * blob was checked whole when the tree was opened (every tag, length and
 * name offset, version 16 or later), so the walk needs only its end bound,
 * not libfdt's checks of every tag again.
 */
/* Where the structure block's next tag starts after @n bytes (tags are 4-byte aligned). */
static uint32_t dtb_props_align(uint32_t n)
{
	return (n + FDT_TAGSIZE - 1) & ~(uint32_t)(FDT_TAGSIZE - 1);
}

void prop_iter_start(struct prop_iter *it, const struct vdisc_model *model, int node)
{
	const char *blob = model->dt.blob;
	size_t name_len;

	it->structs = blob + fdt_off_dt_struct(blob);
	it->strings = blob + fdt_off_dt_strings(blob);
	it->end = fdt_totalsize(blob) - fdt_off_dt_struct(blob);
	it->off = (uint32_t)node + FDT_TAGSIZE;
	name_len = it->off < it->end ? strnlen(it->structs + it->off, it->end - it->off) : 0;
	it->off += dtb_props_align((uint32_t)name_len + 1);
}

bool prop_iter_next(struct prop_iter *it, const char **name, const void **val, int *len)
{
	while (it->off < it->end && it->end - it->off >= FDT_TAGSIZE) {
		const fdt32_t *tag = (const fdt32_t *)(it->structs + it->off);

		if (fdt32_ld(tag) == FDT_NOP) {
			it->off += FDT_TAGSIZE;
			continue;
		}
		if (fdt32_ld(tag) != FDT_PROP || it->end - it->off < 3 * FDT_TAGSIZE)
			return false;
		*len = (int)fdt32_ld(tag + 1);
		*name = it->strings + fdt32_ld(tag + 2);
		*val = tag + 3;
		it->off += 3 * FDT_TAGSIZE + dtb_props_align((uint32_t)*len);
		return true;
	}
	return false;
}

const char *prop_tree_name(const struct vdisc_model *model, int node)
{
	const char *blob = model->dt.blob;

	return blob + fdt_off_dt_struct(blob) + node + FDT_TAGSIZE;
}

int prop_tree_next(const struct vdisc_model *model, int node, int *depth)
{
	struct prop_iter it;
	const char *name;
	const void *val;
	int len;

	prop_iter_start(&it, model, node);
	while (prop_iter_next(&it, &name, &val, &len))
		; /* the node's own properties */
	while (it.off < it.end && it.end - it.off >= FDT_TAGSIZE) {
		uint32_t tag = fdt32_ld((const fdt32_t *)(it.structs + it.off));

		if (tag == FDT_BEGIN_NODE) {
			(*depth)++;
			return (int)it.off;
		}
		if (tag != FDT_END_NODE)
			return -1; /* FDT_END: no node follows */
		it.off += FDT_TAGSIZE;
		if (--(*depth) < 0)
			return (int)it.off;
		while (prop_iter_next(&it, &name, &val, &len))
			; /* NOPs (and, where a tool left them, properties) after a subnode */
	}
	return -1;
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
static bool dtb_props_decode_phandles(struct prop_reader *r, const struct phandle_prop *pp,
				      const void *val, int len, struct prop_cell *out)
{
	int n = len / 4, i = 0;

	while (i < n) {
		const struct props_target_memo *t =
			dtb_props_target(r, fdt32_ld((const fdt32_t *)val + i), pp->cells_name);
		uint32_t args = t->has_args ? t->args : 0;

		if (t->node < 0 || (pp->cells_name && !t->has_args))
			return false;
		if (out)
			out[i].node = t->node;
		if (args > (uint32_t)(n - i - 1))
			return false;
		i += 1 + (int)args;
	}
	return true;
}

enum prop_kind prop_classify(struct prop_reader *r, const char *name, const void *val, int len,
			     struct prop_cell *cells)
{
	const struct phandle_prop *pp;
	int i;

	if (len == 0)
		return PROP_EMPTY;
	pp = dtb_props_phandle_prop(r, name);
	/* The phandle walk fills @cells as it goes: one decode serves the kind and the value. */
	if (cells && len / 4 > PROP_MAX_CELLS)
		cells = NULL;
	if (cells)
		for (i = 0; i < len / 4; i++)
			cells[i] = (struct prop_cell){fdt32_ld((const fdt32_t *)val + i), -1};
	if (pp && len % 4 == 0 && dtb_props_decode_phandles(r, pp, val, len, cells))
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

/* Path text longer than the memo keeps, in the reader's own buffer (grown as needed). */
static const char *dtb_props_long_path(struct prop_reader *r, int node, size_t need, size_t *len)
{
	char *grown;

	if (need >= r->scratch_cap) {
		grown = realloc(r->scratch, need + 1);
		if (!grown) {
			*len = 1;
			return "?";
		}
		r->scratch = grown;
		r->scratch_cap = need + 1;
	}
	*len = vdisc_fdt_node_path(r->model, node, r->scratch, r->scratch_cap);
	return r->scratch;
}

const char *prop_path_text(struct prop_reader *r, int node, size_t *len)
{
	struct props_path_memo *m = &r->paths[dtb_props_slot((uint32_t)node, PROPS_PATHS)];
	size_t n;

	if (m->node != node || node <= 0) {
		m->node = 0; /* the slot's text is overwritten now */
		n = vdisc_fdt_node_path(r->model, node, m->text, sizeof(m->text));
		if (n == 0) {
			*len = 1;
			return "?";
		}
		if (n >= sizeof(m->text))
			return dtb_props_long_path(r, node, n, len);
		m->node = node;
		m->len = (uint32_t)n;
	}
	*len = m->len;
	return m->text;
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

static void dtb_props_print_cells(struct cli_out *o, struct prop_reader *r,
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
			size_t plen;
			const char *path = prop_path_text(r, cells[i].node, &plen);

			cli_out_str(o, "&{");
			cli_out_mem(o, path, plen);
			cli_out_char(o, '}');
		} else {
			cli_out_str(o, "0x");
			cli_out_hex(o, cells[i].value, 1);
		}
	}
	cli_out_char(o, '>');
}

void prop_print(struct cli_out *o, struct prop_reader *r, const char *name, const void *val,
		int len)
{
	struct prop_cell cells[PROP_MAX_CELLS];
	enum prop_kind kind = prop_classify(r, name, val, len, cells);
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
		dtb_props_print_cells(o, r, cells, len / 4);
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
