/* SPDX-License-Identifier: MIT */
#include "assign_place.h"
#include "assign_size.h"

/*
 * Resource assignment, first pass: walk from the root bus (each function
 * as assign_size.c sets it up: decode off, BARs sized, a bridge closed),
 * number the bridges depth-first (U-Boot's pci_auto order) and, when a
 * bridge's subtree is done, size the windows it needs (assign_place.c
 * computes the layout).  Then the second pass places from the root down
 * and the last one enables decode.
 */

/* One function: returns 1 if present, else 0. */
static unsigned asg_probe_fn_(struct asg_ *c, struct vdisc_pci_addr a, unsigned caps,
			      uint8_t *header)
{
	uint32_t id = 0xffffffff, ht = 0xff;
	uint16_t reg = VDISC_PCI_VENDOR_ID;
	struct vdisc_pci_assign_fn_ *f;
	int err = c->ops->read(c->ops->ctx, a, reg, 2, &id);

	if (!err && (id == 0xffff || id == 0x0000))
		return 0;
	if (!err)
		err = c->ops->read(c->ops->ctx, a, reg = VDISC_PCI_HEADER_TYPE, 1, &ht);
	/* A failed read is not an empty slot, but nothing is known to configure. */
	if (err) {
		vdisc_pci_asg_error_at_(c, a, reg, false, err);
		return 0;
	}
	*header = (uint8_t)ht;
	c->rep->functions++;
	if ((ht & VDISC_PCI_HEADER_LAYOUT_MASK) == VDISC_PCI_HEADER_BRIDGE)
		c->rep->bridges++;
	/* CardBus bridges and unknown layouts are left as they are. */
	if ((ht & VDISC_PCI_HEADER_LAYOUT_MASK) > VDISC_PCI_HEADER_BRIDGE)
		return 1;
	if (c->nfns == VDISC_PCI_ASSIGN_MAX_FUNCTIONS) {
		vdisc_pci_asg_error_at_(c, a, VDISC_PCI_VENDOR_ID, false, -VDISC_ENOMEM);
		return 1;
	}
	f = &c->fns[c->nfns++];
	memset(f, 0, sizeof(*f));
	f->bus = a.bus;
	f->devfn = (uint8_t)(a.dev << 3 | a.fn);
	f->flags =
		(ht & VDISC_PCI_HEADER_LAYOUT_MASK) == VDISC_PCI_HEADER_BRIDGE ? ASG_F_BRIDGE_ : 0;
	vdisc_pci_asg_setup_fn_(c, c->nfns - 1, caps);
	return 1;
}

/* Every function of @bus; returns how many were found. */
static unsigned asg_scan_bus_(struct asg_ *c, uint8_t bus, unsigned caps)
{
	unsigned dev, fn, nfn, found = 0;
	uint8_t header;

	for (dev = 0; dev < 32; dev++) {
		for (fn = 0, nfn = 1; fn < nfn; fn++) {
			struct vdisc_pci_addr a = {c->segment, bus, (uint8_t)dev, (uint8_t)fn};

			header = 0;
			if (!asg_probe_fn_(c, a, caps, &header))
				continue;
			found++;
			if (fn == 0 && (header & VDISC_PCI_HEADER_MULTIFUNCTION))
				nfn = 8;
		}
	}
	return found;
}

/* The window of @space a bridge's subtree needs: 4 KiB (I/O) or 1 MiB granules. */
static void asg_add_window_(struct asg_ *c, unsigned fi, unsigned space)
{
	static const uint8_t reg[ASG_NSPACES_] = {VDISC_PCI_IO_BASE, VDISC_PCI_MEMORY_BASE,
						  VDISC_PCI_PREF_MEMORY_BASE};
	uint8_t gran = space == ASG_IO_ ? 12 : 20, align;
	uint64_t span = vdisc_pci_asg_span_(c, c->fns[fi].secondary, space, &align);
	uint64_t mask = ((uint64_t)1 << gran) - 1;
	struct vdisc_pci_assign_res_ *r;

	if (span == 0)
		return;
	if (c->nres == VDISC_PCI_ASSIGN_MAX_RESOURCES) {
		vdisc_pci_asg_error_(c, fi, reg[space], -VDISC_ENOMEM);
		return;
	}
	r = &c->res[c->nres++];
	memset(r, 0, sizeof(*r));
	r->fn = (uint8_t)fi;
	r->reg = reg[space];
	r->space = (uint8_t)space;
	r->state = ASG_R_WINDOW_;
	r->size = span > UINT64_MAX - mask ? UINT64_MAX : (span + mask) & ~mask;
	r->align = align > gran ? align : gran;
}

/*
 * Number bridge @fi of a bus @depth levels below the root (the next free
 * bus; subordinate the last usable one while the walk is below it) and
 * scan its secondary bus.  Below a bridge without an I/O window there is
 * no I/O; below one whose prefetchable window cannot reach mem64_pref,
 * prefetchable BARs go to memory: @caps becomes what reaches its bus.
 * returns: true when the walk goes below the bridge.
 */
static bool asg_bridge_enter_(struct asg_ *c, unsigned fi, unsigned depth, unsigned *caps)
{
	struct vdisc_pci_assign_fn_ *f = &c->fns[fi];
	unsigned sec;
	int err;

	if (depth >= VDISC_PCI_ASSIGN_MAX_DEPTH) {
		vdisc_pci_asg_error_(c, fi, VDISC_PCI_SECONDARY_BUS, -VDISC_ELOOP);
		return false;
	}
	if (c->next_bus > c->last_bus) {
		vdisc_pci_asg_error_(c, fi, VDISC_PCI_SECONDARY_BUS, -VDISC_ERANGE);
		return false;
	}
	sec = c->next_bus++;
	err = vdisc_pci_asg_bus_numbers_(c, fi, sec, c->last_bus);
	if (err) {
		vdisc_pci_asg_broken_(c, fi, VDISC_PCI_SECONDARY_BUS, err);
		return false;
	}
	f->secondary = (uint8_t)sec;
	c->rep->last_bus_used = (uint8_t)sec;
	if (!(f->flags & ASG_F_IO_WIN_))
		*caps &= ~(unsigned)ASG_CAP_IO_;
	if (!(f->flags & ASG_F_PREF_WIN_) ||
	    (!(f->flags & ASG_F_PREF64_) && c->hi[ASG_PREF_] > 0xffffffffu))
		*caps &= ~(unsigned)ASG_CAP_PREF_;
	if (asg_scan_bus_(c, (uint8_t)sec, *caps))
		f->flags |= ASG_F_BEHIND_;
	return true;
}

/* The walk below bridge @fi is done: subordinate becomes the last bus used there, then the
 * windows its subtree needs are sized. */
static void asg_bridge_leave_(struct asg_ *c, unsigned fi)
{
	unsigned space;
	int err = vdisc_pci_asg_bus_numbers_(c, fi, c->fns[fi].secondary, c->next_bus - 1);

	if (err) {
		vdisc_pci_asg_broken_(c, fi, VDISC_PCI_SECONDARY_BUS, err);
		return;
	}
	for (space = 0; space < ASG_NSPACES_; space++)
		asg_add_window_(c, fi, space);
}

/* One bus of the walk: its functions [next, end) of the table still to visit. */
struct asg_level_ {
	uint8_t next, end;
	uint8_t bridge; /* the bridge whose secondary bus it is (not the root's) */
	uint8_t caps;
};

_Static_assert(VDISC_PCI_ASSIGN_MAX_FUNCTIONS <= 255, "table indices fit a level's uint8_t");

/*
 * Depth-first from the root bus, every function of a bus before each of
 * its bridges in turn (U-Boot's pci_auto order), on an explicit stack
 * rather than by recursion: a bridge is entered only above the depth
 * bound, so the stack holds at most VDISC_PCI_ASSIGN_MAX_DEPTH + 1 buses.
 * Each turn visits one function or leaves one bus, and the table is
 * bounded: the loop ends.
 */
static void asg_walk_(struct asg_ *c, uint8_t root, unsigned caps)
{
	struct asg_level_ stack[VDISC_PCI_ASSIGN_MAX_DEPTH + 1];
	unsigned depth = 0, fi, first, below;

	asg_scan_bus_(c, root, caps);
	stack[0] = (struct asg_level_){0, (uint8_t)c->nfns, 0, (uint8_t)caps};
	for (;;) {
		struct asg_level_ *l = &stack[depth];

		if (l->next == l->end) {
			if (depth == 0)
				return;
			asg_bridge_leave_(c, l->bridge);
			depth--;
			continue;
		}
		fi = l->next++;
		if ((c->fns[fi].flags & (ASG_F_BRIDGE_ | ASG_F_BROKEN_)) != ASG_F_BRIDGE_)
			continue;
		first = c->nfns;
		below = l->caps;
		if (asg_bridge_enter_(c, fi, depth, &below))
			stack[++depth] = (struct asg_level_){(uint8_t)first, (uint8_t)c->nfns,
							     (uint8_t)fi, (uint8_t)below};
	}
}

/* Both memory windows given and sharing a bus address (their ends do not wrap: checked before). */
static bool asg_mem_overlap_(const struct vdisc_pci_assign_windows *w)
{
	const struct vdisc_pci_assign_window *a = &w->mem32, *b = &w->mem64_pref;

	return a->present && a->size && b->present && b->size &&
	       a->pci_base <= b->pci_base + (b->size - 1) &&
	       b->pci_base <= a->pci_base + (a->size - 1);
}

/*
 * The root windows in PCI addresses, limits inclusive.  I/O below 64 KiB
 * and never below 0x1000; memory never at 0 (a BAR holding 0 reads as
 * unassigned).  Overlapping memory windows are refused: each is laid out
 * on its own, so their common addresses would go to two BARs at once.
 */
static int asg_windows_(struct asg_ *c, const struct vdisc_pci_assign_windows *w)
{
	const struct vdisc_pci_assign_window *win[ASG_NSPACES_] = {&w->io, &w->mem32,
								   &w->mem64_pref};
	static const uint64_t floor[ASG_NSPACES_] = {0x1000, 1, 1};
	static const uint64_t ceil[ASG_NSPACES_] = {0xffff, 0xffffffff, UINT64_MAX};
	unsigned s;

	for (s = 0; s < ASG_NSPACES_; s++) {
		uint64_t base = win[s]->pci_base, end = base + (win[s]->size - 1);

		if (!win[s]->present || win[s]->size == 0)
			continue;
		if (end < base || (s == ASG_MEM_ && end > ceil[s]))
			return -VDISC_EINVAL;
		c->lo[s] = base > floor[s] ? base : floor[s];
		c->hi[s] = end < ceil[s] ? end : ceil[s];
		c->have[s] = c->lo[s] <= c->hi[s];
	}
	return asg_mem_overlap_(w) ? -VDISC_EINVAL : 0;
}

static void asg_count_(struct asg_ *c)
{
	unsigned i;

	for (i = 0; i < c->nres; i++) {
		const struct vdisc_pci_assign_res_ *r = &c->res[i];

		if (r->state & ASG_R_WINDOW_)
			continue;
		if (r->state & ASG_R_PLACED_)
			c->rep->bars_assigned++;
		else if (r->state & ASG_R_NO_WINDOW_)
			c->rep->bars_no_window++;
		else
			c->rep->bars_failed++;
	}
}

int vdisc_pci_assign(const struct vdisc_pci_ops *ops, const struct vdisc_pci_assign_windows *w,
		     const struct vdisc_pci_assign_options *opt,
		     struct vdisc_pci_assign_workspace *ws, struct vdisc_pci_assign_report *rep)
{
	static const struct vdisc_pci_assign_options defaults = {0, 0, 0xff, 0};
	struct vdisc_pci_assign_report local;
	struct asg_ c;
	unsigned s, caps;
	int err;

	if (!rep)
		rep = &local;
	memset(rep, 0, sizeof(*rep));
	rep->first_error_bar = VDISC_PCI_ASSIGN_NO_BAR;
	if (!opt)
		opt = &defaults;
	if (!ops || !ops->read || !ops->write || !w || !ws || opt->last_bus < opt->root_bus)
		return -VDISC_EINVAL;
	memset(&c, 0, sizeof(c));
	c.fns = ws->fns_;
	c.res = ws->res_;
	c.ops = ops;
	c.rep = rep;
	c.segment = opt->segment;
	c.last_bus = opt->last_bus;
	c.flags = opt->flags;
	c.next_bus = (unsigned)opt->root_bus + 1;
	err = asg_windows_(&c, w);
	if (err)
		return err;
	rep->last_bus_used = opt->root_bus;
	caps = (c.have[ASG_IO_] ? ASG_CAP_IO_ : 0) | (c.have[ASG_PREF_] ? ASG_CAP_PREF_ : 0);
	asg_walk_(&c, opt->root_bus, caps);
	for (s = 0; s < ASG_NSPACES_; s++)
		if (c.have[s])
			vdisc_pci_asg_place_(&c, opt->root_bus, s, c.lo[s], c.hi[s]);
	vdisc_pci_asg_enable_(&c);
	asg_count_(&c);
	return rep->first_error;
}
