/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dtb_labels.h"

/*
 * Two open-addressing tables: every tail of every controller's path with
 * how many controllers' paths end with it, and a memo from a path (by its
 * pointer: the model's strings) to its label.
 */

struct tail_ {
	const char *s; /* NULL: empty slot */
	uint32_t count;
};

struct memo_ {
	const char *path; /* NULL: empty slot */
	const char *label;
};

struct dtb_labels {
	struct tail_ *tails;
	size_t ntails_cap; /* a power of 2 */
	struct memo_ *memo;
	size_t nmemo, memo_cap; /* a power of 2 */
	const struct vdisc_model *model;
};

static uint64_t labels_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
	return h;
}

static struct tail_ *labels_tail(struct dtb_labels *l, const char *s)
{
	size_t i = (size_t)labels_hash(s) & (l->ntails_cap - 1);

	while (l->tails[i].s && strcmp(l->tails[i].s, s) != 0)
		i = (i + 1) & (l->ntails_cap - 1);
	return &l->tails[i];
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

static size_t labels_pow2(size_t n)
{
	size_t c = 16;

	while (c < n)
		c *= 2;
	return c;
}

struct dtb_labels *dtb_labels_build(const struct vdisc_model *model)
{
	struct dtb_labels *l = calloc(1, sizeof(*l));
	const char *t, *path;
	size_t ntails = 0;
	uint32_t cursor = 0;

	if (!l)
		return NULL;
	l->model = model;
	while ((path = vdisc_fdt_next_controller(model, &cursor)))
		for (t = path + strlen(path); (t = labels_prev_tail(path, t));)
			ntails++;
	l->ntails_cap = labels_pow2(2 * ntails + 1);
	l->memo_cap = 64;
	l->tails = calloc(l->ntails_cap, sizeof(*l->tails));
	l->memo = calloc(l->memo_cap, sizeof(*l->memo));
	if (!l->tails || !l->memo) {
		dtb_labels_free(l);
		return NULL;
	}
	for (cursor = 0; (path = vdisc_fdt_next_controller(model, &cursor));)
		for (t = path + strlen(path); (t = labels_prev_tail(path, t));) {
			struct tail_ *e = labels_tail(l, t);

			e->s = t;
			e->count++;
		}
	return l;
}

/* Whether @path is itself one of the controllers counted (then its own tails count 1). */
static uint32_t labels_self(struct dtb_labels *l, const char *path)
{
	struct tail_ *e = labels_tail(l, path);

	return e->s && e->count ? 1u : 0u;
}

static const char *labels_compute(struct dtb_labels *l, const char *path)
{
	uint32_t self = labels_self(l, path);
	const char *t;

	for (t = path + strlen(path); (t = labels_prev_tail(path, t));) {
		struct tail_ *e = labels_tail(l, t);

		if ((e->s ? e->count : 0) <= self)
			return t; /* no other controller's path ends with it */
	}
	return path;
}

static int labels_memo_grow(struct dtb_labels *l)
{
	struct memo_ *old = l->memo;
	size_t cap = l->memo_cap * 2, i, j;
	struct memo_ *m = calloc(cap, sizeof(*m));

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

const char *dtb_labels_get(struct dtb_labels *l, const char *path)
{
	size_t i;

	if (!l || !path)
		return path;
	if (2 * (l->nmemo + 1) > l->memo_cap && labels_memo_grow(l) < 0)
		return labels_compute(l, path);
	i = ((uintptr_t)path >> 3) & (l->memo_cap - 1);
	while (l->memo[i].path && l->memo[i].path != path)
		i = (i + 1) & (l->memo_cap - 1);
	if (!l->memo[i].path) {
		l->memo[i].path = path;
		l->memo[i].label = labels_compute(l, path);
		l->nmemo++;
	}
	return l->memo[i].label;
}

void dtb_labels_free(struct dtb_labels *l)
{
	if (!l)
		return;
	free(l->tails);
	free(l->memo);
	free(l);
}
