/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dtb_overlay.h"
#include "out_buf.h"

/*
 * `vdisc dtb O.dtbo`: an overlay listed as what it is (fragments, each
 * target, what each sets and adds, the labels it needs from a base and
 * those it exports) rather than as a tree whose every reference is the
 * placeholder 0xffffffff.  The parsing is the core's (src/fdt/overlay.c);
 * this file words it.  A phandle cell that a fixup fills in is shown as
 * the label it will be (&i2c1), one that points into the overlay as that
 * node's path.
 */

/* One phandle cell that applying the overlay fills in. */
struct dtbo_ref {
	int node;
	const char *prop;
	uint32_t offset;
	const char *label; /* a base label (__fixups__), or NULL: a local reference */
	int target;	   /* local: the overlay node it points at, or -1 */
};

struct dtbo_list {
	const struct dtb_options *opt;
	const struct cli_file *file;
	struct vdisc_model model;
	struct vdisc_arena arena;
	void *storage;
	struct prop_reader *props;
	struct dtbo_ref *refs;
	size_t nrefs, cap;
	struct cli_json_stream js; /* JSON; its out is also the text writer */
	struct prop_cell cells[PROP_MAX_CELLS];
	char path[4096];
};

bool dtb_overlay_detect(const struct cli_file *file)
{
	struct vdisc_fdt_fragment frag;
	int cursor = 0;

	return vdisc_fdt_overlay_next_fragment(file->data, &cursor, &frag) != 0 ||
	       fdt_subnode_offset(file->data, 0, "__fixups__") >= 0 ||
	       fdt_subnode_offset(file->data, 0, "__local_fixups__") >= 0;
}

static bool dtbo_add_ref(struct dtbo_list *l, struct dtbo_ref ref)
{
	struct dtbo_ref *grown;

	if (l->nrefs == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		grown = realloc(l->refs, l->cap * sizeof(*grown));
		if (!grown)
			return false;
		l->refs = grown;
	}
	l->refs[l->nrefs++] = ref;
	return true;
}

static const char *dtbo_node_path(struct dtbo_list *l, int node)
{
	size_t n = vdisc_fdt_node_path(&l->model, node, l->path, sizeof(l->path));

	return n ? l->path : "?";
}

/* "vdisc: FILE: __fixups__: LABEL: "ENTRY": what is wrong with it" */
static void dtbo_fixup_error(const char *file, int err, const struct vdisc_fdt_fixup *fx)
{
	const char *why = err == -VDISC_ERANGE	    ? "the offset is past the property's end"
			  : err == -VDISC_ENOTFOUND ? "the overlay has no such node or property"
						    : "not of the form path:property:offset";

	if (fx->path)
		cli_error("%s: __fixups__: %s: \"%.*s:%.*s:%" PRIu32 "\": %s", file, fx->label,
			  (int)fx->path_len, fx->path, (int)fx->prop_len, fx->prop ? fx->prop : "",
			  fx->offset, why);
	else
		cli_error("%s: __fixups__: %s: %s", file, fx->label, why);
}

static void dtbo_local_error(const char *file, const void *blob, int err,
			     const struct vdisc_fdt_local_fixup *lf)
{
	char path[1024];

	if (lf->node <= 0 || fdt_get_path(blob, lf->node, path, sizeof(path)) < 0)
		strcpy(path, "?");
	/* A mirror node the overlay lacks: its path is the mirror's, less "/__local_fixups__". */
	if (!lf->prop && strncmp(path, "/__local_fixups__/", 18) == 0)
		cli_error("%s: __local_fixups__: names %s, a node the overlay does not have", file,
			  path + 17);
	else
		cli_error("%s: __local_fixups__: %s: %s: %s", file, path, lf->prop ? lf->prop : "-",
			  err == -VDISC_ERANGE	    ? "an offset is past the property's end"
			  : err == -VDISC_ENOTFOUND ? "the overlay has no such node or property"
			  : err == -VDISC_ELOOP	    ? "nested too deep"
						    : "not a list of cells");
}

bool dtb_overlay_sound(const char *file, const void *blob)
{
	struct vdisc_fdt_local_fixup_iter lit = {0};
	struct vdisc_fdt_fixup_iter fit = {0};
	struct vdisc_fdt_local_fixup lf;
	struct vdisc_fdt_fragment frag;
	struct vdisc_fdt_fixup fx;
	int cursor = 0, err;

	while ((err = vdisc_fdt_overlay_next_fragment(blob, &cursor, &frag)) == 1)
		;
	if (err < 0) {
		cli_error("%s: /%s: %s", file, frag.name,
			  err == -VDISC_ENOTFOUND
				  ? "no target or target-path: the fragment names no node to change"
				  : "target is not one phandle cell, or target-path not a string");
		return false;
	}
	while ((err = vdisc_fdt_overlay_next_fixup(blob, &fit, &fx)) == 1)
		;
	if (err < 0) {
		dtbo_fixup_error(file, err, &fx);
		return false;
	}
	while ((err = vdisc_fdt_overlay_next_local_fixup(blob, &lit, &lf)) == 1)
		;
	if (err < 0)
		dtbo_local_error(file, blob, err, &lf);
	return err == 0;
}

static int dtbo_collect_fixups(struct dtbo_list *l)
{
	struct vdisc_fdt_fixup_iter it = {0};
	struct vdisc_fdt_fixup fx;
	int err;

	while ((err = vdisc_fdt_overlay_next_fixup(l->file->data, &it, &fx)) == 1) {
		/* The property's name as the blob spells it (NUL-terminated), for lookups. */
		const char *name = NULL;
		int len, poff;

		fdt_for_each_property_offset (poff, l->file->data, fx.node) {
			fdt_getprop_by_offset(l->file->data, poff, &name, &len);
			if (name && strlen(name) == fx.prop_len &&
			    memcmp(name, fx.prop, fx.prop_len) == 0)
				break;
			name = NULL;
		}
		if (!name) /* vdisc_fdt_overlay_next_fixup() found it: never */
			return -VDISC_ENOTFOUND;
		if (!dtbo_add_ref(l, (struct dtbo_ref){fx.node, name, fx.offset, fx.label, -1}))
			return -VDISC_ENOMEM;
	}
	return err;
}

static int dtbo_collect_local(struct dtbo_list *l)
{
	struct vdisc_fdt_local_fixup_iter it = {0};
	struct vdisc_fdt_local_fixup lf;
	int err;

	while ((err = vdisc_fdt_overlay_next_local_fixup(l->file->data, &it, &lf)) == 1)
		if (!dtbo_add_ref(l,
				  (struct dtbo_ref){lf.node, lf.prop, lf.offset, NULL,
						    vdisc_fdt_phandle_node(&l->model, lf.phandle)}))
			return -VDISC_ENOMEM;
	return err;
}

/* The reference at (@node, @name, @offset), or NULL. */
static const struct dtbo_ref *dtbo_ref_at(const struct dtbo_list *l, int node, const char *name,
					  uint32_t offset)
{
	size_t i;

	for (i = 0; i < l->nrefs; i++)
		if (l->refs[i].node == node && l->refs[i].offset == offset &&
		    strcmp(l->refs[i].prop, name) == 0)
			return &l->refs[i];
	return NULL;
}

static bool dtbo_has_ref(const struct dtbo_list *l, int node, const char *name)
{
	size_t i;

	for (i = 0; i < l->nrefs; i++)
		if (l->refs[i].node == node && strcmp(l->refs[i].prop, name) == 0)
			return true;
	return false;
}

/* "name = <...>;" with each fixed-up cell as what it will point at. */
static void dtbo_print_ref_cells(struct dtbo_list *l, struct cli_out *o, int node, const char *name,
				 const void *val, int len)
{
	int i;
	size_t plen;

	cli_out_str(o, name);
	cli_out_str(o, " = <");
	for (i = 0; i < len / 4; i++) {
		const struct dtbo_ref *r = dtbo_ref_at(l, node, name, (uint32_t)i * 4);

		if (i)
			cli_out_char(o, ' ');
		if (r && r->label) {
			cli_out_char(o, '&');
			cli_out_str(o, r->label);
		} else if (r && r->target >= 0) {
			cli_out_str(o, "&{");
			cli_out_str(o, prop_path_text(l->props, r->target, &plen));
			cli_out_char(o, '}');
		} else {
			cli_out_str(o, "0x");
			cli_out_hex(o, fdt32_ld((const fdt32_t *)val + i), 1);
		}
	}
	cli_out_str(o, ">;\n");
}

static void dtbo_print_prop(struct dtbo_list *l, int node, int indent, const char *name,
			    const void *val, int len)
{
	struct cli_out *o = &l->js.out;

	if (len % 4 == 0 && len / 4 <= PROP_MAX_CELLS && dtbo_has_ref(l, node, name)) {
		cli_out_pad(o, indent);
		dtbo_print_ref_cells(l, o, node, name, val, len);
	} else {
		prop_print(o, l->props, node, indent, name, val, len);
	}
}

static void dtbo_print_props(struct dtbo_list *l, int node, int indent)
{
	struct prop_iter it;
	const char *name;
	const void *val;
	int len;

	for (prop_iter_start(&it, &l->model, node); prop_iter_next(&it, &name, &val, &len);)
		dtbo_print_prop(l, node, indent, name, val, len);
}

/* Whether a node passes --compatible. */
static bool dtbo_selected(const struct dtbo_list *l, int node)
{
	const char *s;
	int len, pos;

	if (!l->opt->compatible)
		return true;
	s = vdisc_fdt_getprop(&l->model, node, "compatible", &len);
	for (pos = 0; s && pos < len; pos += (int)strnlen(s + pos, (size_t)(len - pos)) + 1)
		if (strcmp(s + pos, l->opt->compatible) == 0)
			return true;
	return false;
}

/* The next node below @top (depth-first), or -1 past its subtree. */
static int dtbo_next_below(const struct dtbo_list *l, int node, int *depth)
{
	node = fdt_next_node(l->model.dt.blob, node, depth);
	return node >= 0 && *depth > 0 ? node : -1;
}

/* A node's path relative to its fragment's __overlay__ node. */
static const char *dtbo_rel_path(struct dtbo_list *l, int overlay, int node)
{
	size_t top = vdisc_fdt_node_path(&l->model, overlay, l->path, sizeof(l->path));
	const char *full = dtbo_node_path(l, node);

	return strlen(full) > top + 1 ? full + top + 1 : full;
}

/* Cells of a short property as "<0x1 0x2>", at most @max bytes of text. */
static void dtbo_fmt_cells(char *buf, size_t max, const void *val, int len)
{
	size_t n = 0;
	int i;

	if (!val || len % 4 || len == 0) {
		snprintf(buf, max, "%s", val && len ? "(not cells)" : "-");
		return;
	}
	n += (size_t)snprintf(buf, max, "<");
	for (i = 0; i < len / 4 && n + 16 < max; i++)
		n += (size_t)snprintf(buf + n, max - n, "%s0x%" PRIx32, i ? " " : "",
				      fdt32_ld((const fdt32_t *)val + i));
	snprintf(buf + n, max - n, "%s>", i < len / 4 ? " ..." : "");
}

struct dtbo_row {
	const char *path;
	char compat[128];
	char reg[64];
	const char *status;
};

static void dtbo_row(struct dtbo_list *l, int overlay, int node, struct dtbo_row *row)
{
	const char *s;
	int len, n = 0, pos;

	row->path = dtbo_rel_path(l, overlay, node);
	s = vdisc_fdt_getprop(&l->model, node, "compatible", &len);
	for (pos = 0; s && pos < len; pos += (int)strnlen(s + pos, (size_t)(len - pos)) + 1)
		n++;
	if (s && len > 0 && s[len - 1] == '\0')
		snprintf(row->compat, sizeof(row->compat), n > 1 ? "%s (+%d)" : "%s", s, n - 1);
	else
		snprintf(row->compat, sizeof(row->compat), "-");
	s = vdisc_fdt_getprop(&l->model, node, "reg", &len);
	dtbo_fmt_cells(row->reg, sizeof(row->reg), s, len);
	s = vdisc_fdt_getprop(&l->model, node, "status", &len);
	row->status = s && len > 0 && s[len - 1] == '\0' ? s : "-";
}

static void dtbo_print_target(struct cli_out *o, const struct vdisc_fdt_fragment *f)
{
	if (f->kind == VDISC_FDT_TARGET_LABEL)
		cli_out_printf(o, "/%s: target &%s (a label the base must have)\n", f->name,
			       f->label);
	else if (f->kind == VDISC_FDT_TARGET_PATH)
		cli_out_printf(o, "/%s: target-path \"%s\"\n", f->name, f->path);
	else
		cli_out_printf(o, "/%s: target phandle 0x%" PRIx32 " (a node of the base)\n",
			       f->name, f->phandle);
}

/* The nodes a fragment merges: a table, or with -v each node and its properties. */
static void dtbo_print_nodes(struct dtbo_list *l, const struct vdisc_fdt_fragment *f)
{
	struct cli_out *o = &l->js.out;
	int w[3] = {4, 10, 3}, depth = 0, node;
	struct dtbo_row row;

	for (node = dtbo_next_below(l, f->overlay, &depth); node >= 0;
	     node = dtbo_next_below(l, node, &depth)) {
		if (!dtbo_selected(l, node))
			continue;
		dtbo_row(l, f->overlay, node, &row);
		if (l->opt->verbose) {
			cli_out_printf(o, "  %s {\n", row.path);
			dtbo_print_props(l, node, 4);
			cli_out_str(o, "  }\n");
			continue;
		}
		w[0] = (int)strlen(row.path) > w[0] ? (int)strlen(row.path) : w[0];
		w[1] = (int)strlen(row.compat) > w[1] ? (int)strlen(row.compat) : w[1];
		w[2] = (int)strlen(row.reg) > w[2] ? (int)strlen(row.reg) : w[2];
	}
	if (l->opt->verbose || w[0] == 4)
		return;
	cli_out_printf(o, "  %-*s  %-*s  %-*s  STATUS\n", w[0], "NODE", w[1], "COMPATIBLE", w[2],
		       "REG");
	depth = 0;
	for (node = dtbo_next_below(l, f->overlay, &depth); node >= 0;
	     node = dtbo_next_below(l, node, &depth)) {
		if (!dtbo_selected(l, node))
			continue;
		dtbo_row(l, f->overlay, node, &row);
		cli_out_printf(o, "  %-*s  %-*s  %-*s  %s\n", w[0], row.path, w[1], row.compat,
			       w[2], row.reg, row.status);
	}
}

/* A top-level table of names (__symbols__): each name and the path it holds. */
static void dtbo_print_symbols(struct dtbo_list *l)
{
	struct cli_out *o = &l->js.out;
	int node = fdt_subnode_offset(l->model.dt.blob, 0, "__symbols__"), len;
	struct prop_iter it;
	const char *name;
	const void *val;

	if (node < 0)
		return;
	cli_out_str(o, "\nLabels it exports (__symbols__):\n");
	for (prop_iter_start(&it, &l->model, node); prop_iter_next(&it, &name, &val, &len);)
		if (len > 1 && memchr(val, '\0', (size_t)len) == (const char *)val + len - 1)
			cli_out_printf(o, "  %-14s %s\n", name, (const char *)val);
		else
			cli_out_printf(o, "  %-14s (not a path string, %d bytes)\n", name, len);
}

static void dtbo_print_fixups(struct dtbo_list *l)
{
	struct cli_out *o = &l->js.out;
	size_t i, local = 0;
	bool any = false;

	for (i = 0; i < l->nrefs; i++) {
		const struct dtbo_ref *r = &l->refs[i];

		if (!r->label) {
			local++;
			continue;
		}
		if (!any)
			cli_out_str(o, "\nLabels it needs from the base (__fixups__: the base must "
				       "be compiled with dtc -@):\n");
		any = true;
		cli_out_printf(o, "  %-14s %s:%s:%" PRIu32 "\n", r->label,
			       dtbo_node_path(l, r->node), r->prop, r->offset);
	}
	if (local)
		cli_out_printf(o, "\nReferences inside the overlay (__local_fixups__): %zu\n",
			       local);
}

static size_t dtbo_count_labels(const struct dtbo_list *l, const char *table)
{
	int node = fdt_subnode_offset(l->model.dt.blob, 0, table), prop;
	size_t n = 0;

	if (node >= 0)
		fdt_for_each_property_offset (prop, l->model.dt.blob, node)
			n++;
	return n;
}

static void dtbo_print_text(struct dtbo_list *l)
{
	struct cli_out *o = &l->js.out;
	struct vdisc_fdt_fragment f;
	int cursor = 0, nfrag = 0, nnodes = 0, depth, node;
	size_t needs;

	while (vdisc_fdt_overlay_next_fragment(l->model.dt.blob, &cursor, &f) == 1) {
		nfrag++;
		depth = 0;
		for (node = dtbo_next_below(l, f.overlay, &depth); node >= 0;
		     node = dtbo_next_below(l, node, &depth))
			nnodes++;
	}
	needs = dtbo_count_labels(l, "__fixups__");
	cli_out_printf(o,
		       "%s: overlay, %d fragment%s, %d node%s; needs %zu label%s from the base, "
		       "exports %zu\n",
		       l->opt->file, nfrag, nfrag == 1 ? "" : "s", nnodes, nnodes == 1 ? "" : "s",
		       needs, needs == 1 ? "" : "s", dtbo_count_labels(l, "__symbols__"));
	cursor = 0;
	while (vdisc_fdt_overlay_next_fragment(l->model.dt.blob, &cursor, &f) == 1) {
		struct prop_iter it;
		const char *name;
		const void *val;
		int len;

		cli_out_char(o, '\n');
		dtbo_print_target(o, &f);
		for (prop_iter_start(&it, &l->model, f.overlay);
		     prop_iter_next(&it, &name, &val, &len);) {
			cli_out_str(o, "  set ");
			dtbo_print_prop(l, f.overlay, 0, name, val, len);
		}
		dtbo_print_nodes(l, &f);
	}
	dtbo_print_fixups(l);
	dtbo_print_symbols(l);
}

/* One property as -v's JSON has it: type, value (a fixed-up cell as "&label" or a path), raw. */
static void dtbo_json_prop(struct dtbo_list *l, int node, const char *name, const void *val,
			   int len)
{
	struct cli_json_stream *s = &l->js;
	enum prop_kind kind = prop_classify(l->props, node, name, val, len, l->cells);
	bool refs = len % 4 == 0 && len / 4 <= PROP_MAX_CELLS && dtbo_has_ref(l, node, name);
	int i, pos;
	size_t plen;

	cli_json_open(s, name, CLI_JSON_OBJECT);
	cli_json_put_string(s, "type", prop_kind_name(refs ? PROP_PHANDLES : kind));
	if (kind == PROP_EMPTY) {
		cli_json_put_bool(s, "value", true);
	} else if (kind == PROP_STRINGS && !refs) {
		cli_json_open(s, "value", CLI_JSON_ARRAY);
		for (pos = 0; pos < len; pos += (int)strlen((const char *)val + pos) + 1)
			cli_json_put_string(s, NULL, (const char *)val + pos);
		cli_json_close(s, CLI_JSON_ARRAY);
	} else if (len % 4 == 0 && len / 4 <= PROP_MAX_CELLS) {
		cli_json_open(s, "value", CLI_JSON_ARRAY);
		for (i = 0; i < len / 4; i++) {
			const struct dtbo_ref *r = dtbo_ref_at(l, node, name, (uint32_t)i * 4);
			int target = r ? r->target : refs ? -1 : l->cells[i].node;

			if (r && r->label) {
				snprintf(l->path, sizeof(l->path), "&%s", r->label);
				cli_json_put_string(s, NULL, l->path);
			} else if (target >= 0) {
				cli_json_put_string(s, NULL,
						    prop_path_text(l->props, target, &plen));
			} else {
				cli_json_put_u64(s, NULL, fdt32_ld((const fdt32_t *)val + i));
			}
		}
		cli_json_close(s, CLI_JSON_ARRAY);
	} else if (kind == PROP_BYTES) {
		cli_json_open(s, "value", CLI_JSON_ARRAY);
		for (i = 0; i < len; i++)
			cli_json_put_u64(s, NULL, ((const unsigned char *)val)[i]);
		cli_json_close(s, CLI_JSON_ARRAY);
	} else {
		cli_json_put_null(s, "value");
	}
	cli_json_put_hex(s, "raw", val, (size_t)len);
	cli_json_close(s, CLI_JSON_OBJECT);
}

static void dtbo_json_props(struct dtbo_list *l, int node)
{
	struct prop_iter it;
	const char *name;
	const void *val;
	int len;

	cli_json_open(&l->js, "properties", CLI_JSON_OBJECT);
	for (prop_iter_start(&it, &l->model, node); prop_iter_next(&it, &name, &val, &len);)
		dtbo_json_prop(l, node, name, val, len);
	cli_json_close(&l->js, CLI_JSON_OBJECT);
}

static void dtbo_json_strings(struct cli_json_stream *s, const char *key, const char *v, int len)
{
	int pos;

	if (!v || len <= 0 || v[len - 1] != '\0') {
		cli_json_put_null(s, key);
		return;
	}
	cli_json_open(s, key, CLI_JSON_ARRAY);
	for (pos = 0; pos < len; pos += (int)strlen(v + pos) + 1)
		cli_json_put_string(s, NULL, v + pos);
	cli_json_close(s, CLI_JSON_ARRAY);
}

static void dtbo_json_node(struct dtbo_list *l, int overlay, int node)
{
	struct cli_json_stream *s = &l->js;
	const char *v;
	int len, i;

	cli_json_open(s, NULL, CLI_JSON_OBJECT);
	cli_json_put_string(s, "path", dtbo_rel_path(l, overlay, node));
	v = vdisc_fdt_getprop(&l->model, node, "compatible", &len);
	dtbo_json_strings(s, "compatible", v, len);
	v = vdisc_fdt_getprop(&l->model, node, "reg", &len);
	if (v && len > 0 && len % 4 == 0) {
		cli_json_open(s, "reg", CLI_JSON_ARRAY);
		for (i = 0; i < len / 4; i++)
			cli_json_put_u64(s, NULL, fdt32_ld((const fdt32_t *)v + i));
		cli_json_close(s, CLI_JSON_ARRAY);
	} else {
		cli_json_put_null(s, "reg");
	}
	v = vdisc_fdt_getprop(&l->model, node, "status", &len);
	cli_json_put_string(s, "status", v && len > 0 && v[len - 1] == '\0' ? v : NULL);
	if (l->opt->verbose)
		dtbo_json_props(l, node);
	cli_json_close(s, CLI_JSON_OBJECT);
}

static void dtbo_json_fragment(struct dtbo_list *l, const struct vdisc_fdt_fragment *f)
{
	struct cli_json_stream *s = &l->js;
	int depth = 0, node;

	cli_json_open(s, NULL, CLI_JSON_OBJECT);
	cli_json_put_string(s, "name", f->name);
	cli_json_open(s, "target", CLI_JSON_OBJECT);
	cli_json_put_string(s, "label", f->kind == VDISC_FDT_TARGET_LABEL ? f->label : NULL);
	cli_json_put_string(s, "path", f->kind == VDISC_FDT_TARGET_PATH ? f->path : NULL);
	if (f->kind == VDISC_FDT_TARGET_PHANDLE)
		cli_json_put_u64(s, "phandle", f->phandle);
	else
		cli_json_put_null(s, "phandle");
	cli_json_close(s, CLI_JSON_OBJECT);
	dtbo_json_props(l, f->overlay);
	cli_json_open(s, "nodes", CLI_JSON_ARRAY);
	for (node = dtbo_next_below(l, f->overlay, &depth); node >= 0;
	     node = dtbo_next_below(l, node, &depth))
		if (dtbo_selected(l, node))
			dtbo_json_node(l, f->overlay, node);
	cli_json_close(s, CLI_JSON_ARRAY);
	cli_json_close(s, CLI_JSON_OBJECT);
}

static void dtbo_json_refs(struct dtbo_list *l, bool local)
{
	struct cli_json_stream *s = &l->js;
	size_t i, plen;

	cli_json_open(s, local ? "local_fixups" : "fixups", CLI_JSON_ARRAY);
	for (i = 0; i < l->nrefs; i++) {
		const struct dtbo_ref *r = &l->refs[i];

		if (!r->label != local)
			continue;
		cli_json_open(s, NULL, CLI_JSON_OBJECT);
		if (!local)
			cli_json_put_string(s, "label", r->label);
		cli_json_put_string(s, "path", dtbo_node_path(l, r->node));
		cli_json_put_string(s, "property", r->prop);
		cli_json_put_u64(s, "offset", r->offset);
		if (local)
			cli_json_put_string(
				s, "target",
				r->target >= 0 ? prop_path_text(l->props, r->target, &plen) : NULL);
		cli_json_close(s, CLI_JSON_OBJECT);
	}
	cli_json_close(s, CLI_JSON_ARRAY);
}

/* __fixups__' names ("needs") or __symbols__' names and paths ("symbols"). */
static void dtbo_json_labels(struct dtbo_list *l, const char *key, const char *table)
{
	struct cli_json_stream *s = &l->js;
	int node = fdt_subnode_offset(l->model.dt.blob, 0, table), len;
	bool paths = strcmp(table, "__symbols__") == 0;
	struct prop_iter it;
	const char *name;
	const void *val;

	cli_json_open(s, key, CLI_JSON_ARRAY);
	for (prop_iter_start(&it, &l->model, node);
	     node >= 0 && prop_iter_next(&it, &name, &val, &len);) {
		if (!paths) {
			cli_json_put_string(s, NULL, name);
			continue;
		}
		cli_json_open(s, NULL, CLI_JSON_OBJECT);
		cli_json_put_string(s, "label", name);
		cli_json_put_string(s, "path",
				    len > 1 && memchr(val, '\0', (size_t)len) ==
							    (const char *)val + len - 1
					    ? val
					    : NULL);
		cli_json_close(s, CLI_JSON_OBJECT);
	}
	cli_json_close(s, CLI_JSON_ARRAY);
}

static void dtbo_print_json(struct dtbo_list *l)
{
	struct cli_json_stream *s = &l->js;
	struct vdisc_fdt_fragment f;
	int cursor = 0;

	cli_json_open(s, NULL, CLI_JSON_OBJECT);
	cli_json_put_string(s, "source", "dtbo");
	cli_json_put_string(s, "file", l->opt->file);
	cli_json_open(s, "fragments", CLI_JSON_ARRAY);
	while (vdisc_fdt_overlay_next_fragment(l->model.dt.blob, &cursor, &f) == 1)
		dtbo_json_fragment(l, &f);
	cli_json_close(s, CLI_JSON_ARRAY);
	dtbo_json_labels(l, "needs", "__fixups__");
	dtbo_json_refs(l, false);
	dtbo_json_refs(l, true);
	dtbo_json_labels(l, "symbols", "__symbols__");
	cli_json_close(s, CLI_JSON_OBJECT);
}

/* The overlay's node index, which the -v decoder and the paths read. */
static int dtbo_open(struct dtbo_list *l)
{
	size_t cap;
	int err = vdisc_fdt_arena_size(l->file->data, l->file->size, VDISC_FDT_SIZE_INDEX, &cap);

	if (err)
		return err;
	l->storage = cli_arena_alloc(cap ? cap : 1);
	if (!l->storage)
		return -VDISC_ENOMEM;
	vdisc_arena_init(&l->arena, l->storage, cap);
	vdisc_model_init(&l->model, &l->arena);
	err = vdisc_fdt_open(l->file->data, l->file->size, &l->model);
	if (err)
		return err;
	l->props = prop_reader_new(&l->model);
	return l->props ? 0 : -VDISC_ENOMEM;
}

static int dtbo_run(struct dtbo_list *l, FILE *out)
{
	int err;

	if (!dtb_overlay_sound(l->opt->file, l->file->data))
		return VDISC_EXIT_MALFORMED;
	err = dtbo_open(l);
	if (err) {
		cli_error("%s: %s", l->opt->file, vdisc_fdt_strerror(err));
		return err == -VDISC_ENOMEM ? VDISC_EXIT_FAILED : VDISC_EXIT_MALFORMED;
	}
	err = dtbo_collect_fixups(l);
	if (!err)
		err = dtbo_collect_local(l);
	if (err) { /* the entries were checked: only memory can fail here */
		cli_error("%s: %s", l->opt->file, vdisc_fdt_strerror(err));
		return err == -VDISC_ENOMEM ? VDISC_EXIT_FAILED : VDISC_EXIT_MALFORMED;
	}
	cli_json_stream_init(&l->js, out);
	if (l->opt->json) {
		dtbo_print_json(l);
		return cli_json_stream_end(&l->js) ? VDISC_EXIT_FAILED : VDISC_EXIT_OK;
	}
	dtbo_print_text(l);
	return cli_out_end(&l->js.out) ? VDISC_EXIT_FAILED : VDISC_EXIT_OK;
}

int dtb_overlay_list(FILE *out, const struct cli_file *file, const struct dtb_options *opt)
{
	struct dtbo_list *l = calloc(1, sizeof(*l));
	int rc;

	if (!l) {
		cli_error("%s: %s", opt->file, vdisc_fdt_strerror(-VDISC_ENOMEM));
		return VDISC_EXIT_FAILED;
	}
	l->opt = opt;
	l->file = file;
	rc = dtbo_run(l, out);
	prop_reader_free(l->props);
	free(l->refs);
	cli_arena_free(l->storage, l->arena.size);
	free(l);
	return rc;
}
