/* SPDX-License-Identifier: MIT */
#include "assign_place.h"

/*
 * Resource assignment, layout: a bus's BARs and bridge windows of one
 * space are laid out in descending alignment order (table order among
 * equals), each at the next address its alignment allows.  The same walk
 * measures a subtree (from offset 0: a bridge's window is then aligned to
 * the largest alignment inside, so every offset holds) and places it, so
 * what is placed fits exactly in what was measured.
 */

static bool place_in_order_(const struct vdisc_pci_assign_res_ *a, unsigned ia,
			    const struct vdisc_pci_assign_res_ *b, unsigned ib)
{
	return a->align > b->align || (a->align == b->align && ia < ib);
}

/* The entry of @bus in @space that comes after @prev (-1: the first); -1 when none is left. */
static int place_next_(const struct asg_ *c, uint8_t bus, unsigned space, int prev)
{
	int best = -1;
	unsigned i;

	for (i = 0; i < c->nres; i++) {
		const struct vdisc_pci_assign_res_ *r = &c->res[i];
		const struct vdisc_pci_assign_fn_ *f = &c->fns[r->fn];

		if (r->space != space || f->bus != bus || (f->flags & ASG_F_BROKEN_) ||
		    (r->state & (ASG_R_NO_WINDOW_ | ASG_R_TOO_BIG_)))
			continue;
		if (prev >= 0 && !place_in_order_(&c->res[prev], (unsigned)prev, r, i))
			continue;
		if (best < 0 || place_in_order_(r, i, &c->res[best], (unsigned)best))
			best = (int)i;
	}
	return best;
}

/* @x rounded up to 2^@align; false on overflow. */
static bool place_align_up_(uint64_t x, uint8_t align, uint64_t *out)
{
	uint64_t mask = ((uint64_t)1 << align) - 1;

	if (x > UINT64_MAX - mask)
		return false;
	*out = (x + mask) & ~mask;
	return true;
}

uint64_t vdisc_pci_asg_span_(const struct asg_ *c, uint8_t bus, unsigned space, uint8_t *align)
{
	uint64_t at = 0;
	int i;

	*align = 0;
	for (i = place_next_(c, bus, space, -1); i >= 0; i = place_next_(c, bus, space, i)) {
		const struct vdisc_pci_assign_res_ *r = &c->res[i];

		if (*align < r->align)
			*align = r->align;
		/* Saturated: too big for any window, which placement then says. */
		if (!place_align_up_(at, r->align, &at) || r->size > UINT64_MAX - at)
			return UINT64_MAX;
		at += r->size;
	}
	return at;
}

/* A BAR: the lower half (type bits are read-only), then a 64-bit BAR's upper half. */
static int place_program_bar_(struct asg_ *c, const struct vdisc_pci_assign_res_ *r, uint64_t addr)
{
	uint32_t check = r->space == ASG_IO_ ? VDISC_PCI_BAR_IO_MASK : VDISC_PCI_BAR_MEM_MASK;
	int err = vdisc_pci_asg_write_(c, r->fn, r->reg, 4, (uint32_t)addr, check);

	if (!err && (r->state & ASG_R_IS64_))
		err = vdisc_pci_asg_write_(c, r->fn, (uint16_t)(r->reg + 4), 4,
					   (uint32_t)(addr >> 32), 0xffffffff);
	return err;
}

/* A bridge window [@base, @limit] (PCI-to-PCI Bridge 1.2, 3.2.5.6 to 3.2.5.9). */
static int place_program_window_(struct asg_ *c, const struct vdisc_pci_assign_res_ *r,
				 uint64_t base, uint64_t limit)
{
	uint8_t flags = c->fns[r->fn].flags;
	uint32_t mem = (uint32_t)(((limit >> 16) & 0xfff0) << 16 | ((base >> 16) & 0xfff0));
	int err = 0;

	switch (r->space) {
	case ASG_IO_:
		if (flags & ASG_F_IO32_)
			err = vdisc_pci_asg_write_(c, r->fn, VDISC_PCI_IO_BASE_UPPER16, 4,
						   (uint32_t)((limit >> 16) << 16 | (base >> 16)),
						   0xffffffff);
		if (!err)
			err = vdisc_pci_asg_write_(
				c, r->fn, VDISC_PCI_IO_BASE, 2,
				(uint32_t)(((limit >> 8) & 0xf0) << 8 | ((base >> 8) & 0xf0)),
				0xf0f0);
		return err;
	case ASG_MEM_:
		return vdisc_pci_asg_write_(c, r->fn, VDISC_PCI_MEMORY_BASE, 4, mem, 0xfff0fff0);
	default:
		if (flags & ASG_F_PREF64_)
			err = vdisc_pci_asg_write_(c, r->fn, VDISC_PCI_PREF_BASE_UPPER32, 4,
						   (uint32_t)(base >> 32), 0xffffffff);
		if (!err && (flags & ASG_F_PREF64_))
			err = vdisc_pci_asg_write_(c, r->fn, VDISC_PCI_PREF_LIMIT_UPPER32, 4,
						   (uint32_t)(limit >> 32), 0xffffffff);
		if (!err)
			err = vdisc_pci_asg_write_(c, r->fn, VDISC_PCI_PREF_MEMORY_BASE, 4, mem,
						   0xfff0fff0);
		return err;
	}
}

/* One bus being placed: its window [at, hi] left, and the last entry taken (-1: none yet). */
struct place_level_ {
	uint64_t at, hi;
	int prev;
	uint8_t bus;
	bool full; /* the last byte is taken (at would have wrapped if hi is the top) */
};

/*
 * Entry @i of the bus @l is placing: at the next address its alignment
 * allows, programmed and verified.  What does not fit is left unassigned
 * (a bridge's window: its whole subtree in that space), and the rest goes
 * on: smaller entries may still fit where it did not.
 * returns: true when @i is a bridge's window now placed at @addr, whose bus is to place next.
 */
static bool place_one_(struct asg_ *c, struct place_level_ *l, int i, uint64_t *addr)
{
	struct vdisc_pci_assign_res_ *r = &c->res[i];
	int err;

	if (l->full || !place_align_up_(l->at, r->align, addr) || *addr > l->hi ||
	    r->size - 1 > l->hi - *addr) {
		vdisc_pci_asg_error_(c, r->fn, r->reg, -VDISC_ERANGE);
		return false;
	}
	if (r->state & ASG_R_WINDOW_)
		err = place_program_window_(c, r, *addr, *addr + (r->size - 1));
	else
		err = place_program_bar_(c, r, *addr);
	l->full = *addr + (r->size - 1) == l->hi;
	l->at = *addr + r->size;
	if (err) {
		vdisc_pci_asg_error_(c, r->fn, r->reg, err);
		return false;
	}
	r->state |= ASG_R_PLACED_;
	return (r->state & ASG_R_WINDOW_) != 0;
}

/*
 * Place what @bus holds in @space inside [@lo, @hi]; a bridge's window,
 * once placed, has its own bus placed inside it before the next entry (an
 * explicit stack, not recursion: windows exist only for bridges the walk
 * entered, so at most VDISC_PCI_ASSIGN_MAX_DEPTH levels lie below @bus).
 * Each turn takes one entry or leaves one bus, and every entry is taken
 * once: the loop ends.
 */
void vdisc_pci_asg_place_(struct asg_ *c, uint8_t bus, unsigned space, uint64_t lo, uint64_t hi)
{
	struct place_level_ stack[VDISC_PCI_ASSIGN_MAX_DEPTH + 1];
	unsigned depth = 0;
	uint64_t addr;
	int i;

	stack[0] = (struct place_level_){lo, hi, -1, bus, false};
	for (;;) {
		struct place_level_ *l = &stack[depth];

		i = place_next_(c, l->bus, space, l->prev);
		if (i < 0) {
			if (depth == 0)
				return;
			depth--;
			continue;
		}
		l->prev = i;
		if (!place_one_(c, l, i, &addr))
			continue;
		if (depth + 1 == sizeof(stack) / sizeof(stack[0])) {
			/* Cannot happen (see above); never past the stack if it does. */
			vdisc_pci_asg_error_(c, c->res[i].fn, c->res[i].reg, -VDISC_ELOOP);
			continue;
		}
		stack[++depth] = (struct place_level_){addr, addr + (c->res[i].size - 1), -1,
						       c->fns[c->res[i].fn].secondary, false};
	}
}

/*
 * A space is decoded only when every BAR of it was placed (a BAR left at 0
 * would claim bus address 0) and something of it was: a BAR or, for a
 * bridge, a window.  Bus mastering when asked: on every device, and on
 * bridges with something behind them.
 */
static void place_enable_fn_(struct asg_ *c, unsigned fi)
{
	const struct vdisc_pci_assign_fn_ *f = &c->fns[fi];
	unsigned bars[2] = {0, 0}, placed_bars[2] = {0, 0}, any[2] = {0, 0}, i, k;
	uint32_t enable = 0, command;
	int err;

	for (i = 0; i < c->nres; i++) {
		const struct vdisc_pci_assign_res_ *r = &c->res[i];

		if (r->fn != fi)
			continue;
		k = r->space == ASG_IO_ ? 0 : 1;
		if (r->state & ASG_R_PLACED_)
			any[k]++;
		if (r->state & ASG_R_WINDOW_)
			continue;
		bars[k]++;
		if (r->state & ASG_R_PLACED_)
			placed_bars[k]++;
	}
	if (any[0] && bars[0] == placed_bars[0])
		enable |= VDISC_PCI_COMMAND_IO;
	if (any[1] && bars[1] == placed_bars[1])
		enable |= VDISC_PCI_COMMAND_MEMORY;
	if ((c->flags & VDISC_PCI_ASSIGN_ENABLE_MASTER) &&
	    (!(f->flags & ASG_F_BRIDGE_) || (f->flags & ASG_F_BEHIND_)))
		enable |= VDISC_PCI_COMMAND_MASTER;
	/* Decode has been off since the walk; bus mastering stays as found unless asked for. */
	command = f->command & ~(uint32_t)(VDISC_PCI_COMMAND_IO | VDISC_PCI_COMMAND_MEMORY);
	if ((command | enable) == command)
		return;
	command |= enable;
	err = vdisc_pci_asg_write_(c, fi, VDISC_PCI_COMMAND, 2, command,
				   VDISC_PCI_COMMAND_IO | VDISC_PCI_COMMAND_MEMORY |
					   VDISC_PCI_COMMAND_MASTER);
	vdisc_pci_asg_error_(c, fi, VDISC_PCI_COMMAND, err);
}

void vdisc_pci_asg_enable_(struct asg_ *c)
{
	unsigned fi;

	for (fi = 0; fi < c->nfns; fi++)
		if (!(c->fns[fi].flags & ASG_F_BROKEN_))
			place_enable_fn_(c, fi);
}
