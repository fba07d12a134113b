/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out_buf.h"

/*
 * vdisc dtb FILE NODE [PROP...]: the questions people ask fdtget, asked of
 * one node.  NODE is found as fdtget finds it (a path, or an alias from
 * /aliases as its first component) or by a label of /__symbols__; with
 * --type a value prints byte for byte as "fdtget -t TYPE" prints it, so a
 * script can switch tools; otherwise values are decoded as -v decodes them.
 */

/* fdtget's -t: a conversion (s, i, u, x, r) and a size in bytes (-1: 4 where it divides). */
struct dq_type {
	char conv;
	int size;
};

/* utilfdt_decode_type()'s grammar: [hh|b|h|l|L|ll|bb|LL] then one of s i u x r. */
static bool dq_parse_type(const char *s, struct dq_type *t)
{
	char q = 0;

	t->size = -1;
	if (*s && strchr("hlLb", *s)) {
		q = *s++;
		if (*s == q && *s++ == 'h')
			q = 'b';
	}
	if (!*s || !strchr("iuxsr", *s) || s[1])
		return false;
	t->conv = *s;
	if (*s != 's' && *s != 'r')
		t->size = q == 'b' ? 1 : q == 'h' ? 2 : q == 'l' ? 4 : -1;
	return true;
}

const char *dtb_query_usage(const struct dtb_options *opt)
{
	struct dq_type t;

	if (!opt->node) {
		if (opt->type || opt->list_nodes || opt->list_props || opt->default_value)
			return "--type, --list, --properties and --default ask about a NODE: "
			       "give FILE and NODE (this machine's tree is /sys/firmware/fdt)";
		return NULL;
	}
	if (opt->tree || opt->compatible || opt->probe)
		return "a NODE query takes no --tree, --compatible or --probe";
	if (opt->list_nodes && opt->list_props)
		return "--list and --properties are two questions: ask one at a time";
	if (opt->type && !opt->nprops)
		return "--type prints PROP values: name at least one PROP after NODE";
	if (opt->type && !dq_parse_type(opt->type, &t))
		return "--type: not a type (s, i, u, x or r, as fdtget; i, u and x may follow hh "
		       "or b (1 byte), h (2) or l (4))";
	if (opt->default_value && !opt->nprops && !opt->list_nodes && !opt->list_props)
		return "--default stands in for a missing PROP (or NODE): name a PROP, or use "
		       "--list or --properties";
	if (opt->json && (opt->type || opt->nprops || opt->list_nodes || opt->list_props))
		return "--json shows the whole node: it takes no PROP, --type, --list or "
		       "--properties";
	if (opt->node[0] == '\0')
		return "NODE is empty: a path starts with /";
	return NULL;
}

/* One question: a NODE and the PROP names that follow it. */
struct dq_query {
	const char *node;
	char **props;
	int nprops;
};

bool dtb_query_looks_like_node(const struct dtb_options *opt)
{
	const char *dot = strrchr(opt->file, '.');

	/* "/soc/serial@..." or "&uart0", not "/tmp/board.dtb" or "overlay.dtbo" */
	return !opt->node && (!dot || strncmp(dot, ".dtb", 4) != 0) &&
	       (opt->file[0] == '/' || opt->file[0] == '&');
}

/* How NODE was found. */
struct dq_where {
	int node;	  /* the node's offset, or a libfdt error */
	const char *how;  /* "path", "alias" or "label" */
	const char *name; /* the alias or label (not NUL-terminated), or NULL */
	int name_len;
	bool named; /* an alias or label of that name exists */
};

/*
 * A top-level name table's (/aliases, /__symbols__) entry that is one
 * string, or NULL; a label's must be a path, an alias's may name another
 * alias (QEMU's ppce500 has "rtc = "i2c/rtc@68"", as libfdt resolves it).
 */
static const char *dq_table_value(const void *blob, const char *table, const char *name, int len)
{
	int at = fdt_subnode_offset(blob, 0, table), plen;
	const char *p;

	if (at < 0)
		return NULL;
	p = fdt_getprop_namelen(blob, at, name, len, &plen);
	if (!p || plen < 2 || memchr(p, '\0', (size_t)plen) != p + plen - 1)
		return NULL;
	return p;
}

/* @base, then @rest (what followed the alias or label), as one string; NULL without memory. */
static char *dq_join(const char *base, const char *rest)
{
	size_t n = strlen(base), m = strlen(rest);
	char *path = malloc(n + m + 1);

	if (path) {
		memcpy(path, base, n);
		memcpy(path + n, rest, m + 1);
	}
	return path;
}

#define DQ_ALIAS_HOPS 8 /* an alias naming an alias ...: libfdt recurses without a bound */

/* fdt_path_offset() of @spec: a path, or an alias first (its value a path or an alias). */
static int dq_path_offset(const void *blob, const char *spec, int hops)
{
	const char *slash = strchr(spec, '/'), *value;
	int len, node;
	char *joined;

	if (spec[0] == '/')
		return fdt_path_offset(blob, spec);
	len = slash ? (int)(slash - spec) : (int)strlen(spec);
	value = dq_table_value(blob, "aliases", spec, len);
	if (!value || hops >= DQ_ALIAS_HOPS)
		return -FDT_ERR_BADPATH;
	joined = dq_join(value, spec + len);
	if (!joined)
		return -FDT_ERR_NOSPACE;
	node = dq_path_offset(blob, joined, hops + 1);
	free(joined);
	return node;
}

/*
 * fdt_path_offset()'s rules (a leading component without '/' is an alias),
 * then labels: "&label", "&{/path}", or a bare label that is no alias.
 */
static void dq_resolve(const void *blob, const char *spec, struct dq_where *w)
{
	const char *name = spec[0] == '&' ? spec + 1 : spec, *slash, *base;
	size_t n = strlen(spec);
	char *joined;

	*w = (struct dq_where){-FDT_ERR_NOTFOUND, "path", NULL, 0, false};
	if (spec[0] == '/') {
		w->node = fdt_path_offset(blob, spec);
		return;
	}
	if (spec[0] == '&' && spec[1] == '{' && n > 3 && spec[n - 1] == '}') {
		w->node = spec[2] == '/' ? fdt_path_offset_namelen(blob, spec + 2, (int)n - 3)
					 : -FDT_ERR_NOTFOUND;
		return;
	}
	slash = strchr(name, '/');
	w->name = name;
	w->name_len = slash ? (int)(slash - name) : (int)strlen(name);
	if (spec[0] != '&' && dq_table_value(blob, "aliases", name, w->name_len)) {
		w->how = "alias";
		w->named = true;
		w->node = dq_path_offset(blob, spec, 0);
		return;
	}
	w->how = "label";
	base = dq_table_value(blob, "__symbols__", name, w->name_len);
	w->named = base != NULL;
	if (!base || base[0] != '/')
		return;
	joined = dq_join(base, name + w->name_len);
	w->node = joined ? fdt_path_offset(blob, joined) : -FDT_ERR_NOSPACE;
	free(joined);
}

/* Levenshtein distance of two short strings; a large number when either is long. */
static unsigned dq_distance(const char *a, size_t la, const char *b, size_t lb)
{
	enum { MAX = 64 };
	unsigned row[MAX + 1], i, j, prev, cur;

	if (la > MAX || lb > MAX)
		return UINT32_MAX / 2;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (cur + 1 < row[j])
				row[j] = cur + 1;
			prev = cur;
		}
	}
	return row[lb];
}

/* The nearest of a node's property names (@props) or subnode names to @want, or NULL. */
struct dq_near {
	const char *want;
	size_t want_len;
	const char *best;
	unsigned dist;
};

static void dq_near_try(struct dq_near *n, const char *cand)
{
	size_t len = strlen(cand);
	unsigned d = dq_distance(n->want, n->want_len, cand, len);
	unsigned limit = n->want_len < 6 ? 1 : (unsigned)n->want_len / 3;

	if (d <= limit && d < n->dist) {
		n->best = cand;
		n->dist = d;
	}
}

/* Every name of a top-level table (aliases, labels) tried. */
static void dq_near_table(struct dq_near *n, const void *blob, const char *table)
{
	int at = fdt_subnode_offset(blob, 0, table), prop;
	const char *name;

	if (at < 0)
		return;
	fdt_for_each_property_offset (prop, blob, at) {
		if (fdt_getprop_by_offset(blob, prop, &name, NULL))
			dq_near_try(n, name);
	}
}

/* "(PARENT has no NAME; its subnodes: a, b)" for a parent with a few subnodes. */
static void dq_no_path_children(const struct dtb_options *opt, const void *blob, const char *spec,
				int at, const char *parent, const char *p, const char *q)
{
	char list[512] = "";
	size_t used = 0;
	int child;

	fdt_for_each_subnode (child, blob, at) {
		size_t room = used < sizeof(list) ? sizeof(list) - used : 0;

		used += (size_t)snprintf(room ? list + used : NULL, room, "%s%s", used ? ", " : "",
					 fdt_get_name(blob, child, NULL));
	}
	if (used == 0)
		cli_error("%s: %s: no such node (%s has no subnodes)", opt->file, spec, parent);
	else
		cli_error("%s: %s: no such node (%s has no %.*s; its subnodes: %s)", opt->file,
			  spec, parent, (int)(q - p), p, list);
}

/*
 * A path that is not there: the first component missing below the deepest
 * node that is, with the nearest subnode name there, or its few subnodes.
 */
static void dq_no_path(const struct dtb_options *opt, const void *blob, const char *spec)
{
	struct dq_near n = {NULL, 0, NULL, UINT32_MAX};
	const char *p = spec, *q;
	char parent[512] = "";
	int at = 0, next, child, count = 0;

	for (;; at = next, p = q) {
		while (*p == '/')
			p++;
		q = strchr(p, '/');
		q = q ? q : p + strlen(p);
		next = fdt_subnode_offset_namelen(blob, at, p, (int)(q - p));
		if (next < 0)
			break;
	}
	if (at && fdt_get_path(blob, at, parent, sizeof(parent)) < 0)
		parent[0] = '\0';
	n.want = p;
	n.want_len = (size_t)(q - p);
	fdt_for_each_subnode (child, blob, at) {
		dq_near_try(&n, fdt_get_name(blob, child, NULL));
		count++;
	}
	if (n.best)
		cli_error("%s: %s: no such node (%s has no %.*s; did you mean %s/%s?)", opt->file,
			  spec, at ? parent : "/", (int)n.want_len, p, parent, n.best);
	else if (count <= 6)
		dq_no_path_children(opt, blob, spec, at, at ? parent : "/", p, q);
	else
		cli_error("%s: %s: no such node (%s has no %.*s; vdisc dtb -l lists its %d "
			  "subnodes)",
			  opt->file, spec, at ? parent : "/", (int)n.want_len, p, count);
}

/* "vdisc: FILE: NODE: no such node", and the name nearest to the one that failed. */
static void dq_no_node(const struct dtb_options *opt, const void *blob, const char *spec,
		       const struct dq_where *w)
{
	struct dq_near n = {NULL, 0, NULL, UINT32_MAX};
	char *rooted = w->name && !w->named && spec[0] != '&' ? dq_join("/", spec) : NULL;
	bool under_root = rooted && fdt_path_offset(blob, rooted) >= 0;

	free(rooted);
	if (spec[0] == '/') {
		dq_no_path(opt, blob, spec);
	} else if (under_root) {
		cli_error(
			"%s: %s: no such node (no alias or label of that name; did you mean /%s?)",
			opt->file, spec, spec);
	} else if (w->name && !w->named) {
		n.want = w->name;
		n.want_len = (size_t)w->name_len;
		dq_near_table(&n, blob, "aliases");
		dq_near_table(&n, blob, "__symbols__");
		if (n.best)
			cli_error("%s: %s: no such node (no alias or label of that name; did you "
				  "mean %s?)",
				  opt->file, spec, n.best);
		else if (fdt_subnode_offset(blob, 0, "__symbols__") < 0)
			cli_error("%s: %s: no such node (no %s of that name; the tree has no "
				  "labels: no __symbols__, as dtc writes without -@)",
				  opt->file, spec, spec[0] == '&' ? "label" : "alias");
		else
			cli_error("%s: %s: no such node (no %s of that name)", opt->file, spec,
				  spec[0] == '&' ? "label" : "alias or label");
	} else {
		cli_error("%s: %s: no such node", opt->file, spec);
	}
}

static void dq_no_prop(const struct dtb_options *opt, const struct dq_query *q,
		       const struct vdisc_model *model, int node, const char *prop)
{
	struct dq_near n = {prop, strlen(prop), NULL, UINT32_MAX};
	struct prop_iter it;
	const char *name;
	const void *val;
	int len;

	for (prop_iter_start(&it, model, node); prop_iter_next(&it, &name, &val, &len);)
		dq_near_try(&n, name);
	if (n.best)
		cli_error("%s: %s: %s: no such property (did you mean %s?)", opt->file, q->node,
			  prop, n.best);
	else
		cli_error("%s: %s: %s: no such property", opt->file, q->node, prop);
}

/* One value as "fdtget -t TYPE" prints it; false (said) where fdtget refuses it. */
static bool dq_print_typed(struct cli_out *o, const struct dtb_options *opt,
			   const struct dq_query *q, const struct dq_type *t, const char *prop,
			   const unsigned char *v, int len)
{
	int size = t->size, i;

	if (len == 0 || t->conv == 'r') {
		cli_out_mem(o, (const char *)v, (size_t)len);
	} else if (t->conv == 's') {
		if (v[len - 1] != '\0') {
			cli_out_flush(o);
			fflush(o->file);
			cli_error("%s: %s: %s: not a string: its last byte is not a NUL", opt->file,
				  q->node, prop);
			return false;
		}
		/* Every NUL-terminated piece, empty ones too, one space apart. */
		for (i = 0; i < len; i += (int)strlen((const char *)v + i) + 1) {
			if (i)
				cli_out_char(o, ' ');
			cli_out_str(o, (const char *)v + i);
		}
	} else {
		if (size < 0)
			size = len % 4 == 0 ? 4 : 1;
		if (len % size) {
			cli_out_flush(o);
			fflush(o->file);
			cli_error("%s: %s: %s: %d bytes, not a whole number of %d-byte values",
				  opt->file, q->node, prop, len, size);
			return false;
		}
		for (i = 0; i < len; i += size) {
			uint32_t x = size == 4	 ? fdt32_ld((const fdt32_t *)(v + i))
				     : size == 2 ? (uint32_t)(v[i] << 8 | v[i + 1])
						 : v[i];

			if (i)
				cli_out_char(o, ' ');
			if (t->conv == 'x')
				cli_out_hex(o, x, 1);
			else if (t->conv == 'u' || !(x >> 31))
				cli_out_dec(o, x);
			else /* %i of the 32-bit value: negative from bit 31 on */
				cli_out_printf(o, "%" PRId32, (int32_t)x);
		}
	}
	cli_out_char(o, '\n');
	return true;
}

/* Each PROP's value, one a line; an exit code. */
static int dq_values(struct cli_out *o, const struct dtb_options *opt, const struct dq_query *q,
		     struct vdisc_model *model, int node, struct prop_reader *r)
{
	struct dq_type t = {0, -1};
	const void *val;
	int i, len;

	if (opt->type)
		dq_parse_type(opt->type, &t);
	for (i = 0; i < q->nprops; i++) {
		const char *prop = q->props[i];

		val = node >= 0 ? fdt_getprop(model->dt.blob, node, prop, &len) : NULL;
		if (!val && opt->default_value) {
			cli_out_str(o, opt->default_value);
			cli_out_char(o, '\n');
		} else if (!val) {
			cli_out_flush(o);
			fflush(o->file);
			dq_no_prop(opt, q, model, node, prop);
			return VDISC_EXIT_FAILED;
		} else if (opt->type) {
			if (!dq_print_typed(o, opt, q, &t, prop, val, len))
				return VDISC_EXIT_FAILED;
		} else if (opt->verbose) {
			prop_print(o, r, node, 0, prop, val, len);
		} else {
			prop_print_value(o, r, node, 0, prop, val, len);
			cli_out_char(o, '\n');
		}
	}
	return VDISC_EXIT_OK;
}

/* -l and -p as fdtget prints them: names one a line ("/" for an empty subnode name). */
static void dq_list(struct cli_out *o, const struct dtb_options *opt,
		    const struct vdisc_model *model, int node)
{
	const void *blob = model->dt.blob, *val;
	struct prop_iter it;
	const char *name;
	int child, len;

	if (opt->list_props) {
		for (prop_iter_start(&it, model, node); prop_iter_next(&it, &name, &val, &len);) {
			cli_out_str(o, name);
			cli_out_char(o, '\n');
		}
		return;
	}
	fdt_for_each_subnode (child, blob, node) {
		name = fdt_get_name(blob, child, NULL);
		cli_out_str(o, name && *name ? name : "/");
		cli_out_char(o, '\n');
	}
}

/* The device decoded at @node, into @buf (grown as needed); NULL if @node is no device. */
static const struct vdisc_device *dq_device(struct vdisc_model *model, int node, void **buf,
					    int *err)
{
	struct vdisc_device *dev = NULL;
	struct vdisc_arena scratch;
	uint32_t cursor = 0;
	size_t cap = 64 << 10;
	int at;

	while ((at = vdisc_fdt_peek_device(model, &cursor)) >= 0 && at < node)
		vdisc_fdt_skip_device(model, &cursor);
	if (at != node)
		return NULL;
	for (*err = -VDISC_ENOMEM; *err == -VDISC_ENOMEM && cap <= ((size_t)1 << 30); cap *= 2) {
		free(*buf);
		*buf = malloc(cap);
		if (!*buf)
			return NULL;
		vdisc_arena_init(&scratch, *buf, cap);
		*err = vdisc_fdt_next_device(model, &cursor, &scratch, VDISC_FDT_QUIET, &dev);
	}
	return *err ? NULL : dev;
}

/* -v: how NODE was read, and every alias and label that names the node. */
static void dq_print_where(struct cli_out *o, const struct vdisc_model *model,
			   const struct dq_where *w, const char *spec, const char *path)
{
	static const char *const tables[] = {"aliases", "__symbols__"};
	static const char *const kinds[] = {"alias", "label"};
	const void *blob = model->dt.blob;
	const char *name, *sep = ": named by ";
	int t, at, prop, len;
	const char *val;

	if (strcmp(w->how, "path") != 0)
		cli_out_printf(o, "%s: %s of %s\n", spec, w->how, path);
	for (t = 0; t < 2; t++) {
		at = fdt_subnode_offset(blob, 0, tables[t]);
		fdt_for_each_property_offset (prop, blob, at >= 0 ? at : -1) {
			val = fdt_getprop_by_offset(blob, prop, &name, &len);
			if (!val || len < 2 || memchr(val, '\0', (size_t)len) != val + len - 1 ||
			    (t ? (val[0] == '/' ? fdt_path_offset(blob, val) : -1)
			       : dq_path_offset(blob, val, 0)) != w->node)
				continue;
			if (sep[0] == ':')
				cli_out_str(o, path);
			cli_out_printf(o, "%s%s %s", sep, kinds[t], name);
			sep = ", ";
		}
	}
	if (sep[0] == ',')
		cli_out_char(o, '\n');
}

/* The view's last line: what -l would list, so that a person can go on down. */
static void dq_print_subnodes(struct cli_out *o, const void *blob, int node)
{
	const char *sep = "    subnodes: ";
	int child;

	fdt_for_each_subnode (child, blob, node) {
		cli_out_str(o, sep);
		cli_out_str(o, fdt_get_name(blob, child, NULL));
		sep = ", ";
	}
	if (sep[0] == ',')
		cli_out_char(o, '\n');
}

/* No PROP: the node as -v shows a device, or its path and properties. */
static int dq_view(struct cli_out *o, const struct dtb_options *opt, struct vdisc_model *model,
		   int node, const char *path, struct prop_reader *r)
{
	const struct vdisc_device *dev;
	struct prop_iter it;
	const char *name;
	const void *val;
	void *buf = NULL;
	int err = 0, len;

	dev = dq_device(model, node, &buf, &err);
	if (err) {
		free(buf);
		cli_error("%s: %s: %s", opt->file, path, vdisc_fdt_strerror(err));
		return err == -VDISC_ENOMEM ? VDISC_EXIT_FAILED : VDISC_EXIT_MALFORMED;
	}
	cli_out_flush(o);
	if (opt->json) {
		err = dtb_print_json_node(o->file, model, dev, node, path);
	} else if (dev) {
		err = dtb_print_device_text(o->file, model, dev);
	} else {
		cli_out_str(o, path);
		cli_out_char(o, '\n');
		for (prop_iter_start(&it, model, node); prop_iter_next(&it, &name, &val, &len);)
			prop_print(o, r, node, 4, name, val, len);
	}
	if (!opt->json)
		dq_print_subnodes(o, model->dt.blob, node);
	free(buf);
	return err ? VDISC_EXIT_FAILED : VDISC_EXIT_OK;
}

static int dq_answer(struct cli_out *o, const struct dtb_options *opt, const struct dq_query *q,
		     struct vdisc_model *model, const struct dq_where *w)
{
	struct prop_reader *r = prop_reader_new(model);
	size_t n = vdisc_fdt_node_path(model, w->node, NULL, 0);
	char *path = malloc(n + 1);
	int rc = VDISC_EXIT_FAILED;

	if (!r || !path) {
		cli_error("%s: %s", opt->file, vdisc_fdt_strerror(-VDISC_ENOMEM));
	} else {
		vdisc_fdt_node_path(model, w->node, path, n + 1);
		if (opt->verbose && !opt->type && !opt->list_nodes && !opt->list_props &&
		    !opt->json)
			dq_print_where(o, model, w, q->node, path);
		if (opt->list_nodes || opt->list_props) {
			dq_list(o, opt, model, w->node);
			rc = VDISC_EXIT_OK;
		} else if (q->nprops) {
			rc = dq_values(o, opt, q, model, w->node, r);
		} else {
			rc = dq_view(o, opt, model, w->node, path, r);
		}
	}
	free(path);
	prop_reader_free(r);
	return rc;
}

/* One NODE and its PROPs; an exit code. */
static int dq_one(struct cli_out *o, const struct dtb_options *opt, const struct dq_query *q,
		  struct vdisc_model *model)
{
	struct dq_where w;
	int i;

	if (opt->type && !q->nprops) {
		cli_out_flush(o);
		fflush(o->file);
		cli_error("%s: %s: --type prints PROP values: name them after the NODE", opt->file,
			  q->node);
		return VDISC_EXIT_USAGE; /* usage */
	}
	dq_resolve(model->dt.blob, q->node, &w);
	/* libfdt finds "/" at offset 0 even in a tree with no root node: ask the index. */
	if (w.node >= 0 && vdisc_fdt_node_path(model, w.node, NULL, 0) == 0)
		w.node = -FDT_ERR_NOTFOUND;
	if (w.node >= 0)
		return dq_answer(o, opt, q, model, &w);
	if (opt->default_value) {
		/* As fdtget: the default for each value asked of a missing node. */
		for (i = 0; i < (q->nprops ? q->nprops : 1); i++) {
			cli_out_str(o, opt->default_value);
			cli_out_char(o, '\n');
		}
		return VDISC_EXIT_OK;
	}
	cli_out_flush(o);
	fflush(o->file);
	if (model->dt.nnodes == 0)
		cli_error("%s: %s: no such node (the tree has no nodes at all)", opt->file,
			  q->node);
	else
		dq_no_node(opt, model->dt.blob, q->node, &w);
	return VDISC_EXIT_FAILED;
}

/* Property names hold no '/' or '&': an argument starting with one is the next NODE. */
static bool dq_is_node(const char *arg)
{
	return arg[0] == '/' || arg[0] == '&';
}

int dtb_query(struct vdisc_model *model, const struct dtb_options *opt)
{
	struct cli_out *o = malloc(sizeof(*o));
	struct dq_query q = {opt->node, opt->props, 0};
	int rc = VDISC_EXIT_OK, i = 0, n = opt->nprops;

	if (!o) {
		cli_error("%s: %s", opt->file, vdisc_fdt_strerror(-VDISC_ENOMEM));
		return VDISC_EXIT_FAILED;
	}
	cli_out_init(o, stdout);
	/* -l and -p take NODEs only (as fdtget); else each NODE takes the PROPs after it. */
	while (rc == VDISC_EXIT_OK) {
		q.props = n ? opt->props + i : NULL; /* NULL + 0 is undefined in C */
		for (q.nprops = 0;
		     !opt->list_nodes && !opt->list_props && i < n && !dq_is_node(opt->props[i]);
		     i++)
			q.nprops++;
		rc = dq_one(o, opt, &q, model);
		if (i >= n)
			break;
		q.node = opt->props[i++];
	}
	if (cli_out_end(o) && rc == VDISC_EXIT_OK)
		rc = VDISC_EXIT_FAILED;
	free(o);
	return rc;
}
