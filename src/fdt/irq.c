/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * Interrupt resolution with the semantics of Linux's of_irq_parse_one()
 * and of_irq_parse_raw(): find the interrupt parent, then walk
 * interrupt-map nexus nodes (masking unit address and specifier) until an
 * interrupt-controller without a map takes the interrupt.  Every step
 * counts against VDISC_FDT_MAX_IRQ_HOPS, so cycles end in -VDISC_ELOOP.
 */

#define FDT_MATCH_MAX_ VDISC_MAX_IRQ_CELLS

struct fdt_irq_walk_ {
	const struct fdt_tree_ *tree;
	uint32_t device;
	const fdt32_t *reg; /* the device's reg, for matching unit addresses */
	uint32_t reg_cells;
	const uint32_t *unit; /* or a unit address given by the caller (a PCI function) */
	uint32_t unit_cells;
	uint32_t hops;
	uint32_t match[FDT_MATCH_MAX_]; /* unit address, then specifier */
	uint32_t addrsize, intsize;
};

/* Record what went wrong where, and hand back the error for the interrupt. */
static int fdt_irq_fail_(const struct fdt_irq_walk_ *w, int error, uint32_t node, const char *prop,
			 uint32_t value)
{
	int err = vdisc_fdt_diag_(w->tree, error, node, prop, value);

	return err ? err : error;
}

static int fdt_irq_hop_(struct fdt_irq_walk_ *w, uint32_t at, const char *prop)
{
	if (++w->hops > VDISC_FDT_MAX_IRQ_HOPS)
		return fdt_irq_fail_(w, -VDISC_ELOOP, at, prop, VDISC_FDT_MAX_IRQ_HOPS);
	return 0;
}

/*
 * of_irq_find_parent(): interrupt-parent, else the tree parent, until a node
 * with #interrupt-cells.  Only phandle jumps can cycle, so only they count
 * against the hop bound; climbing the tree ends at the root by itself.  The
 * climb is read from the index (irq_stop): it stops where it has its answer
 * or at the next interrupt-parent to follow.
 */
static int fdt_irq_find_parent_(struct fdt_irq_walk_ *w, uint32_t child, uint32_t *out)
{
	const struct fdt_tree_ *tree = w->tree;
	uint32_t p = child, s, n;
	const fdt32_t *ip;
	bool malformed;
	int err;

	do {
		s = tree->nodes[p].irq_stop;
		if (s == FDT_NO_PARENT_)
			return fdt_irq_fail_(w, -VDISC_ENOTFOUND, child, "interrupt-parent", 0);
		if (s != p && tree->nodes[s].interrupt_cells != FDT_NO_CELLS_) {
			p = s;
			break;
		}
		ip = vdisc_fdt_prop_cells_id_(tree, s, FDT_P_INTERRUPT_PARENT_, &n, &malformed);
		if (malformed || !ip || n != 1)
			return fdt_irq_fail_(w, -VDISC_EBADPROP, s, "interrupt-parent", n);
		err = fdt_irq_hop_(w, s, "interrupt-parent");
		if (err)
			return err;
		p = vdisc_fdt_find_phandle_(tree, fdt32_ld(ip));
		if (p == FDT_NO_PARENT_)
			return fdt_irq_fail_(w, -VDISC_EBADPHANDLE, child, "interrupt-parent",
					     fdt32_ld(ip));
	} while (tree->nodes[p].interrupt_cells == FDT_NO_CELLS_);
	*out = p;
	return 0;
}

static uint32_t fdt_irq_addrsize_(const struct fdt_tree_ *tree, uint32_t node)
{
	/* Linux's "old trick": the nearest #address-cells at or above the parent, else 2. */
	for (; node != FDT_NO_PARENT_; node = tree->nodes[node].parent)
		if (tree->nodes[node].address_cells != FDT_NO_CELLS_)
			return tree->nodes[node].address_cells;
	return 2;
}

static bool fdt_irq_available_(const struct fdt_tree_ *tree, uint32_t node)
{
	const char *status = vdisc_fdt_prop_string_(tree, node, "status");

	return !status || strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0;
}

static int fdt_irq_done_(const struct fdt_irq_walk_ *w, uint32_t controller, struct vdisc_irq *out)
{
	const struct fdt_tree_ *tree = w->tree;

	/* The controller's path is kept in the model: every interrupt it takes points at it. */
	out->controller = vdisc_fdt_path_(tree, controller);
	if (!out->controller)
		return -VDISC_ENOMEM;
	out->ncells = (uint8_t)w->intsize;
	memcpy(out->cells, w->match + w->addrsize, w->intsize * sizeof(uint32_t));
	out->has_line = vdisc_fdt_irq_line_(tree, controller, out->cells, out->ncells, &out->line);
	return 0;
}

/*
 * A large interrupt-map is parsed once into an index (a PCI host bridge can
 * carry thousands of entries, crossed by every device behind it; entries
 * cannot be skipped over, since each one's length depends on its parent's
 * cell counts).  The index hashes the masked (unit address, specifier) of
 * each entry to the first entry in map order with that key whose parent is
 * available: the entry of_irq_parse_raw() stops at, since an entry matches
 * exactly when (match ^ entry) & mask == 0, i.e. match & mask == entry & mask.
 * Only maps whose every entry parses are indexed; any other map is walked as
 * before, so its diagnostics come out at the same entry.
 */
#define FDT_IRQ_INDEX_MIN_CELLS_ 64u /* a smaller map is walked: it costs no more */
#define FDT_IRQ_INDEX_PROBES_ 64u    /* a longer probe run (a hostile map): walk it */

struct fdt_irq_slot_ {
	uint32_t entry; /* the entry's first cell in the map, plus one; 0: empty */
	uint32_t parent;
};

/* One nexus crossed with keys of @width cells (the width depends on how it was reached). */
struct fdt_irq_index_ {
	uint32_t node, width;
	uint32_t nslots; /* a power of two; 0: the map is walked instead */
	uint32_t mask[FDT_MATCH_MAX_];
	struct fdt_irq_slot_ *slots;
};

int vdisc_fdt_irq_table_init_(struct fdt_tree_ *tree)
{
	tree->irq_table = VDISC_ARENA_NEW(tree->model->arena, struct fdt_irq_table_, 1);
	return tree->irq_table ? 0 : -VDISC_ENOMEM;
}

static uint32_t fdt_irq_hash_(const uint32_t *key, uint32_t n, uint32_t seed)
{
	uint32_t h = seed, i;

	for (i = 0; i < n; i++) {
		h = (h ^ key[i]) * 0x9e3779b1u;
		h ^= h >> 15;
	}
	h *= 0x85ebca6bu;
	return h ^ (h >> 16);
}

/*
 * The entry at @entry (@left cells to the map's end), checked as
 * fdt_irq_map_() checks it: its parent and its length, or false if broken.
 */
static bool fdt_irq_entry_(const struct fdt_tree_ *tree, const fdt32_t *entry, uint32_t left,
			   uint32_t width, uint32_t *par, uint32_t *len)
{
	uint32_t pas, pis;

	*par = vdisc_fdt_find_phandle_(tree, fdt32_ld(entry + width));
	if (*par == FDT_NO_PARENT_)
		return false;
	pis = tree->nodes[*par].interrupt_cells;
	pas = tree->nodes[*par].address_cells;
	pas = pas == FDT_NO_CELLS_ ? 0 : pas;
	if (pis > FDT_MATCH_MAX_ || pas > FDT_MATCH_MAX_ - pis || left - width - 1 < pas + pis)
		return false;
	*len = width + 1 + pas + pis;
	return true;
}

/* Where @key sits in @idx, or the empty slot it would take; NULL past the probe bound. */
static struct fdt_irq_slot_ *fdt_irq_slot_(const struct fdt_irq_index_ *idx, const fdt32_t *imap,
					   const uint32_t *key)
{
	uint32_t h = fdt_irq_hash_(key, idx->width, idx->width), probe, i;

	for (probe = 0; probe < FDT_IRQ_INDEX_PROBES_; probe++, h++) {
		struct fdt_irq_slot_ *s = &idx->slots[h & (idx->nslots - 1)];
		const fdt32_t *entry;

		if (!s->entry)
			return s;
		entry = imap + (s->entry - 1);
		for (i = 0; i < idx->width && (fdt32_ld(entry + i) & idx->mask[i]) == key[i]; i++)
			;
		if (i == idx->width)
			return s;
	}
	return NULL;
}

/*
 * Count the entries of a map (false if any is broken or a fragment trails),
 * or with slots allocated, enter each under its masked key unless an
 * earlier entry holds it (false if a probe run grows too long).
 */
static bool fdt_irq_index_fill_(const struct fdt_tree_ *tree, struct fdt_irq_index_ *idx,
				const fdt32_t *imap, uint32_t imaplen, uint32_t *count)
{
	uint32_t pos = 0, par, len, i, key[FDT_MATCH_MAX_], last = FDT_NO_PARENT_;
	bool avail = false;

	for (*count = 0; imaplen - pos > idx->width + 1; pos += len, (*count)++) {
		struct fdt_irq_slot_ *s;

		if (!fdt_irq_entry_(tree, imap + pos, imaplen - pos, idx->width, &par, &len))
			return false;
		if (!idx->slots)
			continue;
		/* Entries run in blocks to one controller: ask for its status once per block. */
		if (par != last)
			avail = fdt_irq_available_(tree, par);
		last = par;
		if (!avail)
			continue;
		for (i = 0; i < idx->width; i++)
			key[i] = fdt32_ld(imap + pos + i) & idx->mask[i];
		s = fdt_irq_slot_(idx, imap, key);
		if (!s)
			return false;
		if (!s->entry) {
			s->entry = pos + 1;
			s->parent = par;
		}
	}
	return pos == imaplen;
}

/*
 * Parse @nexus's map for keys of w's width: -VDISC_ENOMEM, or 0 with *out
 * set (nslots 0 when the map cannot be indexed and must be walked).
 */
static int fdt_irq_index_build_(const struct fdt_irq_walk_ *w, uint32_t nexus, const fdt32_t *imap,
				uint32_t imaplen, struct fdt_irq_index_ **out)
{
	struct vdisc_arena *arena = w->tree->model->arena;
	struct fdt_irq_index_ *idx = VDISC_ARENA_NEW(arena, struct fdt_irq_index_, 1);
	uint32_t nmask, count, nslots = 1, i;
	const fdt32_t *imask;
	bool malformed;

	if (!idx)
		return -VDISC_ENOMEM;
	idx->node = nexus;
	idx->width = w->addrsize + w->intsize;
	*out = idx;
	imask = vdisc_fdt_prop_cells_id_(w->tree, nexus, FDT_P_INTERRUPT_MAP_MASK_, &nmask,
					 &malformed);
	if (malformed || (imask && nmask < idx->width))
		return 0;
	for (i = 0; i < idx->width; i++)
		idx->mask[i] = imask ? fdt32_ld(imask + i) : UINT32_MAX;
	if (!fdt_irq_index_fill_(w->tree, idx, imap, imaplen, &count))
		return 0;
	/* At most half full, so probe runs stay short; count < 2^29 (a property's cells). */
	while (nslots < 2 * count)
		nslots <<= 1;
	idx->slots = VDISC_ARENA_NEW(arena, struct fdt_irq_slot_, nslots);
	if (!idx->slots)
		return -VDISC_ENOMEM;
	idx->nslots = nslots;
	if (!fdt_irq_index_fill_(w->tree, idx, imap, imaplen, &count)) {
		vdisc_arena_shrink(arena, idx->slots, nslots * sizeof(*idx->slots), 0);
		idx->slots = NULL;
		idx->nslots = 0;
	}
	return 0;
}

static void fdt_irq_table_put_(struct fdt_irq_table_ *t, struct fdt_irq_index_ *idx)
{
	uint32_t h = fdt_irq_hash_(&idx->node, 1, 0);

	while (t->slots[h & (t->nslots - 1)])
		h++;
	t->slots[h & (t->nslots - 1)] = idx;
	t->count++;
}

static int fdt_irq_table_add_(const struct fdt_tree_ *tree, struct fdt_irq_index_ *idx)
{
	struct fdt_irq_table_ *t = tree->irq_table;
	struct fdt_irq_index_ **old = t->slots;
	uint32_t n = t->nslots, i;

	if (2 * (t->count + 1) > t->nslots) {
		t->slots = VDISC_ARENA_NEW(tree->model->arena, struct fdt_irq_index_ *,
					   n ? 2 * (size_t)n : 16);
		if (!t->slots) {
			t->slots = old;
			return -VDISC_ENOMEM;
		}
		t->nslots = n ? 2 * n : 16;
		t->count = 0;
		for (i = 0; i < n; i++)
			if (old[i])
				fdt_irq_table_put_(t, old[i]);
	}
	fdt_irq_table_put_(t, idx);
	t->indexed += idx->nslots != 0;
	return 0;
}

/*
 * The index of @nexus's map for w's key width, built on the map's first
 * crossing; *out NULL when the map is to be walked (small, not indexable, or
 * already indexed for another width: one index per nexus keeps the arena a
 * nexus can take bounded by its map, see size.c).
 */
static int fdt_irq_index_get_(const struct fdt_irq_walk_ *w, uint32_t nexus, const fdt32_t *imap,
			      uint32_t imaplen, const struct fdt_irq_index_ **out)
{
	const struct fdt_irq_table_ *t = w->tree->irq_table;
	uint32_t width = w->addrsize + w->intsize, h = fdt_irq_hash_(&nexus, 1, 0);
	struct fdt_irq_index_ *idx;
	int err;

	*out = NULL;
	if (!t || imaplen < FDT_IRQ_INDEX_MIN_CELLS_)
		return 0;
	for (; t->nslots && (idx = t->slots[h & (t->nslots - 1)]) != NULL; h++)
		if (idx->node == nexus) {
			*out = idx->nslots && idx->width == width ? idx : NULL;
			return 0;
		}
	err = fdt_irq_index_build_(w, nexus, imap, imaplen, &idx);
	if (!err)
		err = fdt_irq_table_add_(w->tree, idx);
	if (!err && idx->nslots)
		*out = idx;
	return err;
}

/* fdt_irq_map_() through the index: the same entry, the same miss. */
static int fdt_irq_index_find_(struct fdt_irq_walk_ *w, const struct fdt_irq_index_ *idx,
			       const fdt32_t *imap, uint32_t *newpar)
{
	const struct fdt_tree_ *tree = w->tree;
	uint32_t key[FDT_MATCH_MAX_], i, pas, pis;
	const struct fdt_irq_slot_ *s;
	const fdt32_t *spec;

	for (i = 0; i < idx->width; i++)
		key[i] = w->match[i] & idx->mask[i];
	s = fdt_irq_slot_(idx, imap, key);
	/* Every key was entered within the probe bound, so a longer run is a miss too. */
	if (!s || !s->entry)
		return fdt_irq_fail_(w, -VDISC_ENOMATCH, w->device, "interrupts",
				     w->intsize ? w->match[w->addrsize] : 0);
	pis = tree->nodes[s->parent].interrupt_cells;
	pas = tree->nodes[s->parent].address_cells;
	pas = pas == FDT_NO_CELLS_ ? 0 : pas;
	spec = imap + (s->entry - 1) + idx->width + 1;
	for (i = 0; i < pas + pis; i++)
		w->match[i] = fdt32_ld(spec + i);
	w->addrsize = pas;
	w->intsize = pis;
	*newpar = s->parent;
	return 0;
}

/*
 * Find the interrupt-map entry matching w->match.  On success *newpar is the
 * entry's parent and w->match/addrsize/intsize describe the interrupt there.
 */
static int fdt_irq_map_(struct fdt_irq_walk_ *w, uint32_t nexus, const fdt32_t *imap,
			uint32_t imaplen, uint32_t *newpar)
{
	const struct fdt_tree_ *tree = w->tree;
	uint32_t mask[FDT_MATCH_MAX_], nmask, i, width = w->addrsize + w->intsize;
	const fdt32_t *imask, *entry = imap;
	const struct fdt_irq_index_ *idx;
	bool malformed;
	int err;

	err = fdt_irq_index_get_(w, nexus, imap, imaplen, &idx);
	/*
	 * vdisc_fdt_pci_intx() runs after the scan, on an arena its caller may
	 * have sized for the scan alone: there a full arena costs time, not the answer.
	 */
	if (err && !(err == -VDISC_ENOMEM && w->unit))
		return err;
	if (idx)
		return fdt_irq_index_find_(w, idx, imap, newpar);
	imask = vdisc_fdt_prop_cells_id_(tree, nexus, FDT_P_INTERRUPT_MAP_MASK_, &nmask,
					 &malformed);
	if (malformed || (imask && nmask < width))
		return fdt_irq_fail_(w, -VDISC_EBADPROP, nexus, "interrupt-map-mask", nmask);
	for (i = 0; i < width; i++)
		mask[i] = imask ? fdt32_ld(imask + i) : UINT32_MAX;

	while (imaplen > width + 1) {
		uint32_t ph, par, pas, pis;
		bool match = true;

		for (i = 0; i < width; i++)
			match &= ((w->match[i] ^ fdt32_ld(entry + i)) & mask[i]) == 0;
		ph = fdt32_ld(entry + width);
		par = vdisc_fdt_find_phandle_(tree, ph);
		if (par == FDT_NO_PARENT_)
			return fdt_irq_fail_(w, -VDISC_EBADPHANDLE, nexus, "interrupt-map", ph);
		pis = tree->nodes[par].interrupt_cells;
		if (pis == FDT_NO_CELLS_)
			return fdt_irq_fail_(w, -VDISC_EBADCELLS, nexus, "interrupt-map", ph);
		pas = tree->nodes[par].address_cells == FDT_NO_CELLS_
			      ? 0
			      : tree->nodes[par].address_cells;
		if (pis > FDT_MATCH_MAX_ || pas > FDT_MATCH_MAX_ - pis ||
		    imaplen - width - 1 < pas + pis)
			return fdt_irq_fail_(w, -VDISC_EBADPROP, nexus, "interrupt-map", imaplen);
		if (match && fdt_irq_available_(tree, par)) {
			for (i = 0; i < pas + pis; i++)
				w->match[i] = fdt32_ld(entry + width + 1 + i);
			w->addrsize = pas;
			w->intsize = pis;
			*newpar = par;
			return 0;
		}
		entry += width + 1 + pas + pis;
		imaplen -= width + 1 + pas + pis;
	}
	/* A trailing fragment too short to be an entry: Linux just misses it; say why. */
	if (imaplen != 0)
		return fdt_irq_fail_(w, -VDISC_EBADPROP, nexus, "interrupt-map", imaplen);
	/* Blame the device whose interrupt found no route: the map may be right for others. */
	return fdt_irq_fail_(w, -VDISC_ENOMATCH, w->device, "interrupts",
			     w->intsize ? w->match[w->addrsize] : 0);
}

/* of_irq_parse_raw(): from the parent @ipar, holding specifier @spec of @intsize cells. */
static int fdt_irq_parse_raw_(struct fdt_irq_walk_ *w, uint32_t ipar, const fdt32_t *spec,
			      uint32_t intsize, struct vdisc_irq *out)
{
	const struct fdt_tree_ *tree = w->tree;
	uint32_t i, imaplen, newpar = FDT_NO_PARENT_;
	const fdt32_t *imap;
	bool malformed;
	int err;

	if (tree->nodes[ipar].interrupt_cells != intsize)
		return fdt_irq_fail_(w, -VDISC_EBADCELLS, ipar, "#interrupt-cells", intsize);
	w->addrsize = fdt_irq_addrsize_(tree, ipar);
	w->intsize = intsize;
	if (intsize > FDT_MATCH_MAX_ || w->addrsize > FDT_MATCH_MAX_ - intsize)
		return fdt_irq_fail_(w, -VDISC_EBADCELLS, ipar, "#address-cells", w->addrsize);
	for (i = 0; i < w->addrsize; i++)
		w->match[i] = w->unit			   ? (i < w->unit_cells ? w->unit[i] : 0)
			      : w->reg && i < w->reg_cells ? fdt32_ld(w->reg + i)
							   : 0;
	for (i = 0; i < intsize; i++)
		w->match[w->addrsize + i] = fdt32_ld(spec + i);

	for (;;) {
		imap = vdisc_fdt_prop_cells_id_(tree, ipar, FDT_P_INTERRUPT_MAP_, &imaplen,
						&malformed);
		err = fdt_irq_hop_(w, ipar, imap ? "interrupt-map" : "interrupt-parent");
		if (err)
			return err;
		if (malformed)
			return fdt_irq_fail_(w, -VDISC_EBADPROP, ipar, "interrupt-map", 0);
		if ((tree->nodes[ipar].props & (1u << FDT_P_INTERRUPT_CONTROLLER_)) && !imap)
			return fdt_irq_done_(w, ipar, out);
		/* Matching a map entry needs the unit address the device does not have. */
		if (w->addrsize && !w->reg && !w->unit)
			return fdt_irq_fail_(w, -VDISC_ENOTFOUND, w->device, "reg", 0);
		if (!imap) {
			err = fdt_irq_find_parent_(w, ipar, &ipar);
			if (err)
				return err;
			continue;
		}
		err = fdt_irq_map_(w, ipar, imap, imaplen, &newpar);
		if (err)
			return err;
		if (!out->via && !(out->via = vdisc_fdt_path_(tree, ipar)))
			return -VDISC_ENOMEM;
		/* Linux accepts a map entry to self; only a controller can end the walk there. */
		if (newpar == ipar) {
			if (!(tree->nodes[ipar].props & (1u << FDT_P_INTERRUPT_CONTROLLER_)))
				return fdt_irq_fail_(w, -VDISC_ELOOP, ipar, "interrupt-map", 0);
			return fdt_irq_done_(w, ipar, out);
		}
		ipar = newpar;
	}
}

/*
 * interrupts-extended: <phandle spec...> groups, each sized by its
 * controller.  Like Linux, which parses only up to the index asked for, a
 * broken group loses itself and what follows, not the groups before it.
 * With @irqs NULL this only counts the readable groups (and diagnoses the
 * first broken one); otherwise it resolves @count groups into @irqs.
 */
static int fdt_irq_extended_(struct fdt_irq_walk_ *w, const fdt32_t *p, uint32_t n,
			     struct vdisc_irq *irqs, uint32_t *count)
{
	const struct fdt_tree_ *tree = w->tree;
	uint32_t pos = 0, k = 0, limit = irqs ? *count : UINT32_MAX;
	int err = 0;

	while (pos < n && k < limit) {
		uint32_t ph = fdt32_ld(p + pos), ctl = vdisc_fdt_find_phandle_(tree, ph), cells;

		if (ctl == FDT_NO_PARENT_) {
			err = fdt_irq_fail_(w, -VDISC_EBADPHANDLE, w->device, "interrupts-extended",
					    ph);
			break;
		}
		cells = tree->nodes[ctl].interrupt_cells;
		if (cells == FDT_NO_CELLS_ || cells > VDISC_MAX_IRQ_CELLS) {
			err = fdt_irq_fail_(w, -VDISC_EBADCELLS, w->device, "interrupts-extended",
					    ph);
			break;
		}
		if (n - pos - 1 < cells) {
			err = fdt_irq_fail_(w, -VDISC_EBADPROP, w->device, "interrupts-extended",
					    n);
			break;
		}
		if (irqs) {
			w->hops = 0;
			irqs[k].error = fdt_irq_parse_raw_(w, ctl, p + pos + 1, cells, &irqs[k]);
			if (irqs[k].error == -VDISC_ENOMEM)
				return -VDISC_ENOMEM;
		}
		k++;
		pos += 1 + cells;
	}
	*count = k;
	return err == -VDISC_ENOMEM ? err : 0;
}

static int fdt_irq_plain_(struct fdt_irq_walk_ *w, const fdt32_t *p, uint32_t n,
			  struct vdisc_irq **irqs, uint32_t *nirqs)
{
	const struct fdt_tree_ *tree = w->tree;
	uint32_t ipar, intsize, k;
	struct vdisc_irq *out;
	int err;

	err = fdt_irq_find_parent_(w, w->device, &ipar);
	if (err)
		return err == -VDISC_ENOMEM ? err : 0;
	intsize = tree->nodes[ipar].interrupt_cells;
	if (intsize == 0 || intsize > VDISC_MAX_IRQ_CELLS || n % intsize != 0) {
		err = fdt_irq_fail_(w, -VDISC_EBADPROP, w->device, "interrupts", n);
		return err == -VDISC_ENOMEM ? err : 0;
	}
	out = VDISC_ARENA_NEW(tree->out, struct vdisc_irq, n / intsize ? n / intsize : 1);
	if (!out)
		return -VDISC_ENOMEM;
	for (k = 0; k < n / intsize; k++) {
		w->hops = 0;
		err = fdt_irq_parse_raw_(w, ipar, p + k * intsize, intsize, &out[k]);
		out[k].error = err;
		if (err == -VDISC_ENOMEM)
			return err;
	}
	*irqs = out;
	*nirqs = n / intsize;
	return 0;
}

int vdisc_fdt_resolve_irqs_(const struct fdt_tree_ *tree, uint32_t node, struct vdisc_irq **irqs,
			    uint32_t *nirqs)
{
	struct fdt_irq_walk_ w = {.tree = tree, .device = node};
	const fdt32_t *p;
	uint32_t n, count = 0;
	bool malformed;
	int err;

	*irqs = NULL;
	*nirqs = 0;
	w.reg = vdisc_fdt_prop_cells_id_(tree, node, FDT_P_REG_, &w.reg_cells, NULL);

	p = vdisc_fdt_prop_cells_id_(tree, node, FDT_P_INTERRUPTS_EXTENDED_, &n, &malformed);
	if (malformed)
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, "interrupts-extended", 0);
	if (p) {
		/* First pass counts and validates, second resolves into the arena. */
		err = fdt_irq_extended_(&w, p, n, NULL, &count);
		if (err || count == 0)
			return err;
		*irqs = VDISC_ARENA_NEW(tree->out, struct vdisc_irq, count);
		if (!*irqs)
			return -VDISC_ENOMEM;
		*nirqs = count;
		return fdt_irq_extended_(&w, p, n, *irqs, &count);
	}
	p = vdisc_fdt_prop_cells_id_(tree, node, FDT_P_INTERRUPTS_, &n, &malformed);
	if (malformed)
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, "interrupts", 0);
	if (!p || n == 0)
		return 0;
	return fdt_irq_plain_(&w, p, n, irqs, nirqs);
}

/*
 * Linux's of_irq_parse_pci() for a function on the host bridge's root bus:
 * the unit address is phys.hi with bus and devfn, the specifier the pin.
 */
int vdisc_fdt_irq_for_unit_(const struct fdt_tree_ *tree, uint32_t nexus, const uint32_t *unit,
			    uint32_t unit_cells, const uint32_t *spec, uint32_t intsize,
			    struct vdisc_irq *out)
{
	struct fdt_irq_walk_ w = {
		.tree = tree, .device = nexus, .unit = unit, .unit_cells = unit_cells};
	fdt32_t be[VDISC_MAX_IRQ_CELLS];
	uint32_t i;

	if (intsize == 0 || intsize > VDISC_MAX_IRQ_CELLS)
		return -VDISC_EINVAL;
	for (i = 0; i < intsize; i++)
		be[i] = cpu_to_fdt32(spec[i]);
	memset(out, 0, sizeof(*out));
	out->error = fdt_irq_parse_raw_(&w, nexus, be, intsize, out);
	return out->error;
}
