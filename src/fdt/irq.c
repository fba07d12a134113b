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
 * against the hop bound; climbing the tree ends at the root by itself.
 */
static int fdt_irq_find_parent_(struct fdt_irq_walk_ *w, uint32_t child, uint32_t *out)
{
	const struct fdt_tree_ *tree = w->tree;
	uint32_t p = child, n;
	const fdt32_t *ip;
	bool malformed;
	int err;

	do {
		ip = vdisc_fdt_prop_cells_(tree, p, "interrupt-parent", &n, &malformed);
		if (malformed || (ip && n != 1))
			return fdt_irq_fail_(w, -VDISC_EBADPROP, p, "interrupt-parent", n);
		if (ip) {
			uint32_t ph = fdt32_ld(ip);

			err = fdt_irq_hop_(w, p, "interrupt-parent");
			if (err)
				return err;
			p = vdisc_fdt_find_phandle_(tree, ph);
			if (p == FDT_NO_PARENT_)
				return fdt_irq_fail_(w, -VDISC_EBADPHANDLE, child,
						     "interrupt-parent", ph);
		} else {
			p = tree->nodes[p].parent;
			if (p == FDT_NO_PARENT_)
				return fdt_irq_fail_(w, -VDISC_ENOTFOUND, child, "interrupt-parent",
						     0);
		}
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

static void fdt_irq_done_(const struct fdt_irq_walk_ *w, uint32_t controller, struct vdisc_irq *out)
{
	const struct fdt_tree_ *tree = w->tree;

	out->controller = tree->nodes[controller].path;
	out->ncells = (uint8_t)w->intsize;
	memcpy(out->cells, w->match + w->addrsize, w->intsize * sizeof(uint32_t));
	out->has_line = vdisc_fdt_irq_line_(tree, controller, out->cells, out->ncells, &out->line);
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
	bool malformed;

	imask = vdisc_fdt_prop_cells_(tree, nexus, "interrupt-map-mask", &nmask, &malformed);
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
		if (pas + pis > FDT_MATCH_MAX_ || imaplen - width - 1 < pas + pis)
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
	return fdt_irq_fail_(w, -VDISC_ENOMATCH, w->device, "interrupts", w->match[w->addrsize]);
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
	if (w->addrsize + intsize > FDT_MATCH_MAX_)
		return fdt_irq_fail_(w, -VDISC_EBADCELLS, ipar, "#address-cells", w->addrsize);
	for (i = 0; i < w->addrsize; i++)
		w->match[i] = w->unit			   ? (i < w->unit_cells ? w->unit[i] : 0)
			      : w->reg && i < w->reg_cells ? fdt32_ld(w->reg + i)
							   : 0;
	for (i = 0; i < intsize; i++)
		w->match[w->addrsize + i] = fdt32_ld(spec + i);

	for (;;) {
		imap = vdisc_fdt_prop_cells_(tree, ipar, "interrupt-map", &imaplen, &malformed);
		err = fdt_irq_hop_(w, ipar, imap ? "interrupt-map" : "interrupt-parent");
		if (err)
			return err;
		if (malformed)
			return fdt_irq_fail_(w, -VDISC_EBADPROP, ipar, "interrupt-map", 0);
		if (vdisc_fdt_has_prop_(tree, ipar, "interrupt-controller") && !imap) {
			fdt_irq_done_(w, ipar, out);
			return 0;
		}
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
		if (!out->via)
			out->via = tree->nodes[ipar].path;
		/* Linux accepts a map entry to self; only a controller can end the walk there. */
		if (newpar == ipar) {
			if (!vdisc_fdt_has_prop_(tree, ipar, "interrupt-controller"))
				return fdt_irq_fail_(w, -VDISC_ELOOP, ipar, "interrupt-map", 0);
			fdt_irq_done_(w, ipar, out);
			return 0;
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
	w.reg = vdisc_fdt_prop_cells_(tree, node, "reg", &w.reg_cells, NULL);

	p = vdisc_fdt_prop_cells_(tree, node, "interrupts-extended", &n, &malformed);
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
	p = vdisc_fdt_prop_cells_(tree, node, "interrupts", &n, &malformed);
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
