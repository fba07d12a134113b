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

/*
 * How a phandle-valued property names its nodes: a list of <phandle args...>
 * entries where the arguments are counted by the target's "#...-cells"
 * (required, or optional with 0 when absent), or fixed, plus cells every
 * entry carries after them.  The names are those of dtc's checks, the DT
 * schema (dt-schema's phandle-array properties and its phandle_args table)
 * and the Linux bindings they cite; a value that does not parse this way is
 * shown as plain cells.
 */
enum pp_match { PP_EXACT, PP_SUFFIX, PP_NUMBERED, PP_MAP };

struct phandle_prop {
	const char *name;
	const char *cells_name; /* the target's "#...-cells" giving the argument count, or NULL */
	uint8_t match;		/* PP_SUFFIX: names ending in @name ("reset-gpios"); PP_NUMBERED:
				   @name then a decimal number ("pinctrl-0") */
	uint8_t fixed;		/* arguments when no cells_name counts them */
	uint8_t extra;		/* cells each entry has after its arguments */
	bool optional;		/* an absent cells_name means 0 arguments */
};

static const struct phandle_prop phandle_props[] = {
	{"interrupt-parent", NULL, PP_EXACT, 0, 0, false},
	{"interrupts-extended", "#interrupt-cells", PP_EXACT, 0, 0, false},
	{"clocks", "#clock-cells", PP_EXACT, 0, 0, false},
	{"assigned-clocks", "#clock-cells", PP_EXACT, 0, 0, false},
	{"assigned-clock-parents", "#clock-cells", PP_EXACT, 0, 0, false},
	{"resets", "#reset-cells", PP_EXACT, 0, 0, false},
	{"power-domains", "#power-domain-cells", PP_EXACT, 0, 0, false},
	{"iommus", "#iommu-cells", PP_EXACT, 0, 0, false},
	{"msi-parent", "#msi-cells", PP_EXACT, 0, 0, true},
	{"msi-ranges", "#interrupt-cells", PP_EXACT, 0, 1, false}, /* + the span */
	{"dmas", "#dma-cells", PP_EXACT, 0, 0, false},
	{"phys", "#phy-cells", PP_EXACT, 0, 0, false},
	{"mboxes", "#mbox-cells", PP_EXACT, 0, 0, false},
	{"interconnects", "#interconnect-cells", PP_EXACT, 0, 0, false},
	{"thermal-sensors", "#thermal-sensor-cells", PP_EXACT, 0, 0, false},
	{"cooling-device", "#cooling-cells", PP_EXACT, 0, 0, false},
	{"hwlocks", "#hwlock-cells", PP_EXACT, 0, 0, false},
	{"io-channels", "#io-channel-cells", PP_EXACT, 0, 0, false},
	{"mux-controls", "#mux-control-cells", PP_EXACT, 0, 0, false},
	{"mux-states", "#mux-state-cells", PP_EXACT, 0, 0, false},
	{"pwms", "#pwm-cells", PP_EXACT, 0, 0, false},
	{"sound-dai", "#sound-dai-cells", PP_EXACT, 0, 0, false},
	{"nvmem-cells", "#nvmem-cell-cells", PP_EXACT, 0, 0, true},
	{"access-controllers", "#access-controller-cells", PP_EXACT, 0, 0, false},
	{"trigger-sources", "#trigger-source-cells", PP_EXACT, 0, 0, false},
	{"gpio-ranges", NULL, PP_EXACT, 3, 0, false}, /* gpio offset, pin offset, count */
	{"next-level-cache", NULL, PP_EXACT, 0, 0, false},
	{"memory-region", NULL, PP_EXACT, 0, 0, false},
	{"cpu", NULL, PP_EXACT, 0, 0, false},
	{"cpus", NULL, PP_EXACT, 0, 0, false},
	{"cpu-idle-states", NULL, PP_EXACT, 0, 0, false},
	{"domain-idle-states", NULL, PP_EXACT, 0, 0, false},
	{"operating-points-v2", NULL, PP_EXACT, 0, 0, false},
	{"required-opps", NULL, PP_EXACT, 0, 0, false},
	{"remote-endpoint", NULL, PP_EXACT, 0, 0, false},
	{"trip", NULL, PP_EXACT, 0, 0, false}, /* a thermal zone's cooling map */
	{"phy-handle", NULL, PP_EXACT, 0, 0, false},
	{"pcs-handle", NULL, PP_EXACT, 0, 0, false},
	{"sfp", NULL, PP_EXACT, 0, 0, false},
	{"i2c-bus", NULL, PP_EXACT, 0, 0, false},
	{"ddc-i2c-bus", NULL, PP_EXACT, 0, 0, false},
	{"nvmem", NULL, PP_EXACT, 0, 0, false},
	{"interrupt-affinity", NULL, PP_EXACT, 0, 0, false},
	{"wakeup-parent", NULL, PP_EXACT, 0, 0, false},
	{"regmap", NULL, PP_EXACT, 0, 0, false}, /* syscon-poweroff, syscon-reboot */
	{"syscon", NULL, PP_EXACT, 0, 0, false},
	{"gpios", "#gpio-cells", PP_EXACT, 0, 0, false},
	{"gpio", "#gpio-cells", PP_EXACT, 0, 0, false},
	{"-gpios", "#gpio-cells", PP_SUFFIX, 0, 0, false},
	{"-gpio", "#gpio-cells", PP_SUFFIX, 0, 0, false},
	{"-supply", NULL, PP_SUFFIX, 0, 0, false}, /* a regulator */
	{"pinctrl-", NULL, PP_NUMBERED, 0, 0, false},
	/* Maps with their own entry layout (dtb_props_decode_map): matched exactly. */
	{"interrupt-map", "#interrupt-cells", PP_MAP, 0, 0, false},
	{"msi-map", "#msi-cells", PP_MAP, 0, 0, false},
	{"iommu-map", "#iommu-cells", PP_MAP, 0, 0, false},
};

/* "pinctrl-" followed by a decimal number and nothing else. */
static bool dtb_props_numbered(const char *name, const char *prefix, size_t m)
{
	const char *p = name + m;

	if (strncmp(name, prefix, m) != 0 || *p == '\0')
		return false;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

static const struct phandle_prop *dtb_props_phandle_prop_find(const char *name)
{
	size_t i, n = strlen(name);

	/* Counts, not phandles ("snps,nr-gpios = <32>"), though the name ends in "-gpios". */
	if (n >= 8 && strcmp(name + n - 8, "nr-gpios") == 0)
		return NULL;
	for (i = 0; i < sizeof(phandle_props) / sizeof(phandle_props[0]); i++) {
		const struct phandle_prop *p = &phandle_props[i];
		size_t m = strlen(p->name);

		if (p->match == PP_SUFFIX     ? (n > m && strcmp(name + n - m, p->name) == 0)
		    : p->match == PP_NUMBERED ? dtb_props_numbered(name, p->name, m)
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
	struct prop_cell cells[PROP_MAX_CELLS]; /* the value being printed */
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
	/*
	 * Only a node's start tag was checked: the check accepts a structure
	 * block that ends before any node (FDT_END first), and nothing past
	 * that end was read by it.
	 */
	if (node < 0 || it->off > it->end ||
	    fdt32_ld((const fdt32_t *)(it->structs + node)) != FDT_BEGIN_NODE) {
		it->off = it->end;
		return;
	}
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
		if (fdt32_ld(tag) != FDT_PROP || it->end - it->off < 3 * FDT_TAGSIZE ||
		    fdt32_ld(tag + 1) > it->end - it->off - 3 * FDT_TAGSIZE)
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
	if (it.off >= it.end)
		return -1; /* not a node (a tree that ends before its root) */
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

/* The cell at @i of a property value. */
static uint32_t dtb_props_cell(const void *val, int i)
{
	return fdt32_ld((const fdt32_t *)val + i);
}

/* How many arguments follow a phandle to @t in a list of @pp; false: the binding is not met. */
static bool dtb_props_args(const struct phandle_prop *pp, const struct props_target_memo *t,
			   uint32_t *args)
{
	if (t->node < 0 || (pp->cells_name && !t->has_args && !pp->optional))
		return false;
	*args = (pp->cells_name ? (t->has_args ? t->args : 0) : pp->fixed) + pp->extra;
	return true;
}

/*
 * Walk <phandle args...> entries; false if any phandle or its cell count is
 * unknown, or no entry names a node.  A phandle of 0 or ~0 is an empty
 * entry of one cell, as dtc's checks and Linux's parser skip it (the
 * "<0>" placeholders of assigned-clock-parents or cs-gpios).
 */
static bool dtb_props_decode_phandles(struct prop_reader *r, const struct phandle_prop *pp,
				      const void *val, int len, struct prop_cell *out)
{
	int n = len / 4, i = 0, found = 0;
	uint32_t args;

	while (i < n) {
		uint32_t ph = dtb_props_cell(val, i);
		const struct props_target_memo *t;

		if (ph == 0 || ph == UINT32_MAX) {
			i++;
			continue;
		}
		t = dtb_props_target(r, ph, pp->cells_name);
		if (!dtb_props_args(pp, t, &args) || args > (uint32_t)(n - i - 1))
			return false;
		if (out)
			out[i].node = t->node;
		i += 1 + (int)args;
		found++;
	}
	return found > 0;
}

/* A node's "#address-cells", or (@inherit) the nearest ancestor's, else @dflt. */
static uint32_t dtb_props_address_cells(struct prop_reader *r, int node, bool inherit,
					uint32_t dflt)
{
	const fdt32_t *c;
	int len;

	for (; node >= 0; node = inherit ? fdt_parent_offset(r->model->dt.blob, node) : -1) {
		c = vdisc_fdt_getprop(r->model, node, "#address-cells", &len);
		if (c && len == 4)
			return fdt32_ld(c);
	}
	return dflt;
}

/* Where a map entry's parts start: a wider gap before them, a new line before an entry. */
static void dtb_props_mark(struct prop_cell *out, int i, uint8_t brk)
{
	if (out && brk && i > 0 && !out[i].brk)
		out[i].brk = brk;
}

/*
 * interrupt-map (of_irq_parse_raw): each entry is the child unit address
 * (the nexus's #address-cells, or an ancestor's as Linux's "old trick"
 * reads it, else 2), the child specifier (the nexus's #interrupt-cells),
 * the parent's phandle, the parent unit address (its own #address-cells,
 * else none) and the parent specifier (its #interrupt-cells, required).
 */
static bool dtb_props_decode_imap(struct prop_reader *r, int node, const void *val, int n,
				  struct prop_cell *out)
{
	uint32_t ac = dtb_props_address_cells(r, node, true, 2), ic, pac, pic, w;
	int i = 0, len;
	const fdt32_t *c = vdisc_fdt_getprop(r->model, node, "#interrupt-cells", &len);

	if (!c || len != 4)
		return false;
	ic = fdt32_ld(c);
	w = ac + ic;
	if (ac > 16 || ic > 16)
		return false;
	while (i < n) {
		const struct props_target_memo *t, *a;

		if ((uint32_t)(n - i) < w + 1)
			return false;
		t = dtb_props_target(r, dtb_props_cell(val, i + (int)w), "#interrupt-cells");
		a = dtb_props_target(r, dtb_props_cell(val, i + (int)w), "#address-cells");
		if (t->node < 0 || !t->has_args || t->args > 16 || (a->has_args && a->args > 16))
			return false;
		pic = t->args;
		pac = a->has_args ? a->args : 0;
		if ((uint32_t)(n - i) - w - 1 < pac + pic)
			return false;
		if (out) {
			out[i + (int)w].node = t->node;
			dtb_props_mark(out, i, PROP_BRK_ENTRY);
			dtb_props_mark(out, i + (int)ac, ic ? PROP_BRK_PART : 0);
			dtb_props_mark(out, i + (int)w, PROP_BRK_PART);
			dtb_props_mark(out, i + (int)w + 1, pac + pic ? PROP_BRK_PART : 0);
			dtb_props_mark(out, i + (int)(w + 1 + pac), pac && pic ? PROP_BRK_PART : 0);
		}
		i += (int)(w + 1 + pac + pic);
	}
	return true;
}

/*
 * msi-map and iommu-map (PCI host bridge and pci-iommu bindings): entries
 * of (rid-base, phandle, base, length), the base as many cells as the
 * target's #msi-cells/#iommu-cells, or one where it has none: the layout
 * Linux's of_map_id() reads every entry with.
 */
static bool dtb_props_decode_idmap(struct prop_reader *r, const struct phandle_prop *pp,
				   const void *val, int n, struct prop_cell *out)
{
	int i = 0;

	while (i < n) {
		const struct props_target_memo *t;
		uint32_t base;

		if (n - i < 3)
			return false;
		t = dtb_props_target(r, dtb_props_cell(val, i + 1), pp->cells_name);
		base = t->has_args ? t->args : 1;
		if (t->node < 0 || base > (uint32_t)(n - i - 3))
			return false;
		if (out) {
			out[i + 1].node = t->node;
			dtb_props_mark(out, i, PROP_BRK_ENTRY);
			dtb_props_mark(out, i + 1, PROP_BRK_PART);
			dtb_props_mark(out, i + 2, PROP_BRK_PART);
			dtb_props_mark(out, i + 2 + (int)base, base ? PROP_BRK_PART : 0);
		}
		i += 3 + (int)base;
	}
	return true;
}

static bool dtb_props_decode(struct prop_reader *r, const struct phandle_prop *pp, int node,
			     const void *val, int len, struct prop_cell *out)
{
	if (len % 4 != 0)
		return false;
	if (pp->match != PP_MAP)
		return dtb_props_decode_phandles(r, pp, val, len, out);
	if (node < 0)
		return false;
	if (strcmp(pp->name, "interrupt-map") == 0)
		return dtb_props_decode_imap(r, node, val, len / 4, out);
	return dtb_props_decode_idmap(r, pp, val, len / 4, out);
}

enum prop_kind prop_classify(struct prop_reader *r, int node, const char *name, const void *val,
			     int len, struct prop_cell *cells)
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
			cells[i] = (struct prop_cell){dtb_props_cell(val, i), -1, 0};
	if (pp && dtb_props_decode(r, pp, node, val, len, cells))
		return PROP_PHANDLES;
	if (cells)
		for (i = 0; i < len / 4; i++)
			cells[i].node = -1, cells[i].brk = 0;
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

/* Cells in <>, phandles as &{/path}; a map's entries one a line, aligned at @indent. */
static void dtb_props_print_cells(struct cli_out *o, struct prop_reader *r,
				  const struct prop_cell *cells, int n, int indent)
{
	int i;

	if (n > PROP_MAX_CELLS) {
		cli_out_printf(o, "<... %d cells>", n);
		return;
	}
	cli_out_char(o, '<');
	for (i = 0; i < n; i++) {
		if (cells[i].brk == PROP_BRK_ENTRY) {
			cli_out_str(o, ">,\n");
			cli_out_pad(o, indent);
			cli_out_char(o, '<');
		} else if (i) {
			cli_out_str(o, cells[i].brk == PROP_BRK_PART ? "  " : " ");
		}
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

void prop_print_value(struct cli_out *o, struct prop_reader *r, int node, int indent,
		      const char *name, const void *val, int len)
{
	struct prop_cell *cells = r->cells;
	enum prop_kind kind = prop_classify(r, node, name, val, len, cells);
	const unsigned char *bytes = val;
	int i;

	switch (kind) {
	case PROP_EMPTY:
		break;
	case PROP_STRINGS:
		dtb_props_print_strings(o, val, len);
		break;
	case PROP_CELLS:
	case PROP_PHANDLES:
		dtb_props_print_cells(o, r, cells, len / 4, indent);
		break;
	case PROP_BYTES:
		cli_out_char(o, '[');
		for (i = 0; i < len; i++) {
			if (i)
				cli_out_char(o, ' ');
			cli_out_hex(o, bytes[i], 2);
		}
		cli_out_char(o, ']');
		break;
	}
}

void prop_print(struct cli_out *o, struct prop_reader *r, int node, int indent, const char *name,
		const void *val, int len)
{
	cli_out_pad(o, indent);
	cli_out_str(o, name);
	if (len) {
		cli_out_str(o, " = ");
		prop_print_value(o, r, node, indent + (int)strlen(name) + 3, name, val, len);
	}
	cli_out_str(o, ";\n");
}
