/* SPDX-License-Identifier: MIT */
#include <fnmatch.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dtb_labels.h"

/*
 * Every controller has a list of candidate names, most readable first: its
 * shortest label in /__symbols__, the name of its family where its
 * compatible names a well-known one ("gic", "plic"), its node name without
 * the unit address, then each tail of its path (at a component boundary),
 * shortest first, up to the whole path.  The generic node name
 * "interrupt-controller" is written "intc" in all of these, as QEMU and most
 * SoC trees name their controllers.  A controller takes the first candidate
 * that no other controller has among its own, so two controllers never share
 * a name and the path, the last candidate, always qualifies.  Counting every
 * candidate once in a table keeps the whole choice linear in the paths.
 */

#define LABELS_GENERIC "interrupt-controller"
#define LABELS_SHORT "intc"

/* Controller families by compatible (fnmatch patterns), as their bindings name them. */
static const struct {
	const char *pattern, *name;
} labels_families[] = {
	{"arm,gic-v3-its", "its"},   {"arm,gic-v2m-frame", "v2m"},
	{"arm,gic*", "gic"},	     {"arm,cortex-a*-gic", "gic"},
	{"arm,arm11mp-gic", "gic"},  {"arm,arm1176jzf-devchip-gic", "gic"},
	{"arm,pl390", "gic"},	     {"qcom,msm-qgic2", "gic"},
	{"arm,armv7m-nvic", "nvic"}, {"*,plic*", "plic"},
	{"riscv,aplic", "aplic"},    {"riscv,imsics", "imsic"},
	{"*,*-ioapic", "ioapic"},    {"*,*-lapic", "lapic"},
	{"chrp,open-pic", "mpic"},   {"fsl,mpic", "mpic"},
	{"qcom,pdc", "pdc"},
};

struct count_ {
	const char *s; /* NULL: empty slot */
	uint32_t count;
	uint32_t last; /* the controller (index + 1) that counted it last: once each */
};

struct ctl_ {
	const char *path;    /* a model string */
	int offset;	     /* the node's */
	const char *label;   /* the shortest label in /__symbols__, or NULL */
	const char *family;  /* labels_families[]'s name, or NULL */
	const char *base;    /* the node name without unit address ("intc"), or NULL */
	const char *renamed; /* the path, "interrupt-controller" written "intc" */
	const char **near;   /* "ANCESTOR/name" for each ancestor, shortest first */
	uint32_t nnear;
	const char *chosen;
	bool used; /* an interrupt of the listing named it */
};

/* By the path's content (byname) or by its pointer (memo): index + 1, 0 for none. */
struct slot_ {
	const char *path; /* NULL: empty slot */
	const char *label;
	uint32_t ctl;
};

struct dtb_labels {
	struct ctl_ *ctls;
	uint32_t nctls;
	struct count_ *counts;
	size_t counts_cap; /* powers of 2 */
	struct slot_ *byname;
	size_t byname_cap;
	struct slot_ *memo;
	size_t nmemo, memo_cap;
	char *pool; /* the renamed candidates */
	size_t pool_used;
	const char **nears; /* every controller's near names */
	size_t nears_used;
};

static uint64_t labels_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
	return h;
}

static size_t labels_pow2(size_t n)
{
	size_t c = 16;

	while (c < n)
		c *= 2;
	return c;
}

static struct count_ *labels_count(struct dtb_labels *l, const char *s)
{
	size_t i = (size_t)labels_hash(s) & (l->counts_cap - 1);

	while (l->counts[i].s && strcmp(l->counts[i].s, s) != 0)
		i = (i + 1) & (l->counts_cap - 1);
	return &l->counts[i];
}

static struct slot_ *labels_byname(struct dtb_labels *l, const char *path)
{
	size_t i = (size_t)labels_hash(path) & (l->byname_cap - 1);

	while (l->byname[i].path && strcmp(l->byname[i].path, path) != 0)
		i = (i + 1) & (l->byname_cap - 1);
	return &l->byname[i];
}

/* The tail of @path before @tail that starts a component, the whole path last; NULL after it. */
static const char *labels_prev_tail(const char *path, const char *tail)
{
	if (tail <= path)
		return NULL;
	do
		tail--;
	while (tail > path && tail[-1] != '/');
	return tail;
}

/* @path in the pool with every component "interrupt-controller..." written "intc...". */
static const char *labels_rename(struct dtb_labels *l, const char *path)
{
	size_t g = strlen(LABELS_GENERIC), n = strlen(LABELS_SHORT);
	char *start = l->pool + l->pool_used, *p = start;
	const char *s = path;

	while (*s) {
		if ((s == path || s[-1] == '/') && strncmp(s, LABELS_GENERIC, g) == 0) {
			memcpy(p, LABELS_SHORT, n);
			p += n;
			s += g;
		} else {
			*p++ = *s++;
		}
	}
	*p++ = '\0';
	l->pool_used += (size_t)(p - start);
	return start;
}

/* A copy of @len bytes of @s in the pool. */
static const char *labels_pool_copy(struct dtb_labels *l, const char *s, size_t len)
{
	char *p = l->pool + l->pool_used;

	memcpy(p, s, len);
	p[len] = '\0';
	l->pool_used += len + 1;
	return p;
}

/* The family its compatible names, where one of its strings matches the table. */
static const char *labels_family(const struct vdisc_model *model, int offset)
{
	const char *list, *end, *c;
	size_t i;
	int len;

	list = vdisc_fdt_getprop(model, offset, "compatible", &len);
	if (!list)
		return NULL;
	end = list + len;
	for (c = list; c < end; c += strnlen(c, (size_t)(end - c)) + 1) {
		if (!memchr(c, '\0', (size_t)(end - c)))
			return NULL;
		for (i = 0; i < sizeof(labels_families) / sizeof(labels_families[0]); i++)
			if (fnmatch(labels_families[i].pattern, c, 0) == 0)
				return labels_families[i].name;
	}
	return NULL;
}

/* "ANCESTOR/name" for each ancestor of the renamed path, by length (the nearer first). */
static void labels_near_names(struct dtb_labels *l, struct ctl_ *c, const char *name)
{
	const char *comp = c->renamed, *slash, *t;
	size_t n = strlen(name), a;
	char *p;
	uint32_t i, j;

	c->near = l->nears + l->nears_used;
	for (; (slash = strchr(comp, '/')) && comp < name; comp = slash + 1) {
		a = (size_t)(slash - comp);
		if (a == 0)
			continue; /* the root */
		p = l->pool + l->pool_used;
		memcpy(p, comp, a);
		p[a] = '/';
		memcpy(p + a + 1, name, n + 1);
		l->pool_used += a + n + 2;
		c->near[c->nnear++] = p;
	}
	/* Insertion sort (a handful each), stable from the nearest ancestor. */
	for (i = 0; i < c->nnear / 2; i++) {
		t = c->near[i];
		c->near[i] = c->near[c->nnear - 1 - i];
		c->near[c->nnear - 1 - i] = t;
	}
	for (i = 1; i < c->nnear; i++)
		for (j = i; j > 0 && strlen(c->near[j]) < strlen(c->near[j - 1]); j--) {
			t = c->near[j];
			c->near[j] = c->near[j - 1];
			c->near[j - 1] = t;
		}
	l->nears_used += c->nnear;
}

static void labels_names(struct dtb_labels *l, const struct vdisc_model *model, struct ctl_ *c)
{
	const char *name, *at;

	c->family = labels_family(model, c->offset);
	c->renamed = labels_rename(l, c->path);
	name = strrchr(c->renamed, '/');
	name = name ? name + 1 : c->renamed;
	at = strchr(name, '@');
	if (at && at > name)
		c->base = labels_pool_copy(l, name, (size_t)(at - name));
	labels_near_names(l, c, name);
}

typedef bool (*labels_visit)(struct dtb_labels *l, uint32_t i, const char *s);

/* The candidates of controller @i in order, until @fn returns true. */
static void labels_candidates(struct dtb_labels *l, uint32_t i, labels_visit fn)
{
	const struct ctl_ *c = &l->ctls[i];
	const char *t, *path = c->renamed;
	uint32_t k;

	if ((c->label && fn(l, i, c->label)) || (c->family && fn(l, i, c->family)) ||
	    (c->base && fn(l, i, c->base)))
		return;
	t = labels_prev_tail(path, path + strlen(path)); /* the node name */
	if (t && fn(l, i, t))
		return;
	for (k = 0; k < c->nnear; k++)
		if (fn(l, i, c->near[k]))
			return;
	for (t = path + strlen(path); (t = labels_prev_tail(path, t));)
		if (fn(l, i, t))
			return;
	if (strcmp(path, c->path) != 0)
		fn(l, i, c->path);
}

static bool labels_count_one(struct dtb_labels *l, uint32_t i, const char *s)
{
	struct count_ *e = labels_count(l, s);

	e->s = s;
	if (e->last != i + 1) {
		e->count++;
		e->last = i + 1;
	}
	return false;
}

static bool labels_choose_one(struct dtb_labels *l, uint32_t i, const char *s)
{
	if (labels_count(l, s)->count != 1)
		return false;
	l->ctls[i].chosen = s;
	return true;
}

/* Each controller's shortest label (the first in byte order among the shortest). */
static void labels_read_symbols(struct dtb_labels *l, const struct vdisc_model *model)
{
	int node = vdisc_fdt_path_offset(model, "/__symbols__"), len;
	struct prop_iter it;
	const char *name, *old;
	const void *val;
	struct slot_ *e;

	if (node < 0)
		return;
	prop_iter_start(&it, model, node);
	while (prop_iter_next(&it, &name, &val, &len)) {
		if (len < 2 || memchr(val, '\0', (size_t)len) != (const char *)val + len - 1)
			continue;
		e = labels_byname(l, val);
		if (!e->path)
			continue;
		old = l->ctls[e->ctl - 1].label;
		if (!old || strlen(name) < strlen(old) ||
		    (strlen(name) == strlen(old) && strcmp(name, old) < 0))
			l->ctls[e->ctl - 1].label = name;
	}
}

/* The controllers' paths in tree order, each findable by its content; false without memory. */
static bool labels_collect(struct dtb_labels *l, const struct vdisc_model *model, size_t *ntails,
			   size_t *pool, size_t *nnears)
{
	const char *path, *t;
	uint32_t cursor = 0, n = 0;
	int offset;

	while ((path = vdisc_fdt_next_controller(model, &cursor, NULL))) {
		n++;
		*pool += 2 * (strlen(path) + 1);
		for (t = path + strlen(path); (t = labels_prev_tail(path, t));) {
			/* Each ancestor's "A/name" is no longer than the path. */
			*pool += strlen(path) + 1;
			(*ntails)++;
			(*nnears)++;
		}
	}
	l->ctls = calloc(n ? n : 1, sizeof(*l->ctls));
	l->byname_cap = labels_pow2(2 * (size_t)n + 1);
	l->byname = calloc(l->byname_cap, sizeof(*l->byname));
	if (!l->ctls || !l->byname)
		return false;
	for (cursor = 0; (path = vdisc_fdt_next_controller(model, &cursor, &offset));) {
		struct slot_ *e = labels_byname(l, path);

		if (e->path)
			continue; /* the same path twice cannot be, but must not break the table */
		l->ctls[l->nctls].path = path;
		l->ctls[l->nctls].offset = offset;
		*e = (struct slot_){.path = path, .ctl = ++l->nctls};
	}
	return true;
}

struct dtb_labels *dtb_labels_build(const struct vdisc_model *model)
{
	struct dtb_labels *l = calloc(1, sizeof(*l));
	size_t ntails = 0, pool = 0, nnears = 0;
	uint32_t i;

	if (!l)
		return NULL;
	if (!labels_collect(l, model, &ntails, &pool, &nnears))
		goto fail;
	l->counts_cap = labels_pow2(2 * (3 * ntails + 4 * (size_t)l->nctls) + 1);
	l->counts = calloc(l->counts_cap, sizeof(*l->counts));
	l->memo_cap = 64;
	l->memo = calloc(l->memo_cap, sizeof(*l->memo));
	l->pool = malloc(pool ? pool : 1);
	l->nears = malloc((nnears ? nnears : 1) * sizeof(*l->nears));
	if (!l->counts || !l->memo || !l->pool || !l->nears)
		goto fail;
	labels_read_symbols(l, model);
	for (i = 0; i < l->nctls; i++)
		labels_names(l, model, &l->ctls[i]);
	for (i = 0; i < l->nctls; i++)
		labels_candidates(l, i, labels_count_one);
	for (i = 0; i < l->nctls; i++) {
		l->ctls[i].chosen = l->ctls[i].path;
		labels_candidates(l, i, labels_choose_one);
	}
	return l;
fail:
	dtb_labels_free(l);
	return NULL;
}

/* A path that is no listed controller: its shortest tail that names none, else itself. */
static const char *labels_other(struct dtb_labels *l, const char *path)
{
	const char *t;

	for (t = path + strlen(path); (t = labels_prev_tail(path, t));)
		if (!labels_count(l, t)->s)
			return t;
	return path;
}

static int labels_memo_grow(struct dtb_labels *l)
{
	struct slot_ *old = l->memo;
	size_t cap = l->memo_cap * 2, i, j;
	struct slot_ *m = calloc(cap, sizeof(*m));

	if (!m)
		return -1;
	for (i = 0; i < l->memo_cap; i++)
		if (old[i].path) {
			j = ((uintptr_t)old[i].path >> 3) & (cap - 1);
			while (m[j].path)
				j = (j + 1) & (cap - 1);
			m[j] = old[i];
		}
	free(old);
	l->memo = m;
	l->memo_cap = cap;
	return 0;
}

static struct slot_ labels_lookup(struct dtb_labels *l, const char *path)
{
	struct slot_ *e = labels_byname(l, path);

	if (e->path)
		return (struct slot_){path, l->ctls[e->ctl - 1].chosen, e->ctl};
	return (struct slot_){path, labels_other(l, path), 0};
}

const char *dtb_labels_get(struct dtb_labels *l, const char *path)
{
	struct slot_ found;
	size_t i;

	if (!l || !path)
		return path;
	if (2 * (l->nmemo + 1) > l->memo_cap && labels_memo_grow(l) < 0) {
		found = labels_lookup(l, path);
	} else {
		i = ((uintptr_t)path >> 3) & (l->memo_cap - 1);
		while (l->memo[i].path && l->memo[i].path != path)
			i = (i + 1) & (l->memo_cap - 1);
		if (!l->memo[i].path) {
			l->memo[i] = labels_lookup(l, path);
			l->nmemo++;
		}
		found = l->memo[i];
	}
	if (found.ctl)
		l->ctls[found.ctl - 1].used = true;
	return found.label;
}

bool dtb_labels_next_used(const struct dtb_labels *l, uint32_t *cursor, const char **label,
			  const char **path)
{
	while (l && *cursor < l->nctls) {
		const struct ctl_ *c = &l->ctls[(*cursor)++];

		if (c->used && c->chosen != c->path) {
			*label = c->chosen;
			*path = c->path;
			return true;
		}
	}
	return false;
}

void dtb_labels_free(struct dtb_labels *l)
{
	if (!l)
		return;
	free(l->ctls);
	free(l->counts);
	free(l->byname);
	free(l->memo);
	free(l->pool);
	free(l->nears);
	free(l);
}
