/* SPDX-License-Identifier: MIT */
#include "assign_size.h"

/*
 * Resource assignment, one function as the walk finds it: decode off, each
 * BAR sized and filed under the window it will come from, a bridge
 * unnumbered and its windows closed.
 */

static uint8_t sizing_log2_(uint64_t pow2)
{
	uint8_t n = 0;

	while (n < 63 && !(pow2 & ((uint64_t)1 << n)))
		n++;
	return n;
}

/*
 * Where a BAR goes: I/O to the io window; 64-bit prefetchable memory to the
 * prefetchable windows when they reach this bus; all other memory to mem32
 * (behind a bridge only its 32-bit memory window can hold non-prefetchable
 * memory).
 */
static unsigned sizing_space_of_(enum vdisc_pci_bar_type type, bool pref, unsigned caps)
{
	if (type == VDISC_PCI_BAR_IO)
		return ASG_IO_;
	if (type == VDISC_PCI_BAR_MEM64 && pref && (caps & ASG_CAP_PREF_))
		return ASG_PREF_;
	return ASG_MEM_;
}

/*
 * File a sized BAR.  One larger than the whole root window of its space
 * can never fit: it is failed now, so that it does not make its bridges'
 * windows fail too.
 */
static void sizing_add_bar_(struct asg_ *c, unsigned fi, uint16_t off, enum vdisc_pci_bar_type type,
			    bool pref, uint64_t size, unsigned caps)
{
	unsigned space = sizing_space_of_(type, pref, caps);
	struct vdisc_pci_assign_res_ *r;
	bool reach = space == ASG_IO_ ? (caps & ASG_CAP_IO_) != 0 : c->have[space];

	if (c->nres == VDISC_PCI_ASSIGN_MAX_RESOURCES) {
		c->rep->bars_failed++;
		vdisc_pci_asg_broken_(c, fi, off, -VDISC_ENOMEM);
		return;
	}
	r = &c->res[c->nres++];
	memset(r, 0, sizeof(*r));
	r->fn = (uint8_t)fi;
	r->reg = (uint8_t)off;
	r->space = (uint8_t)space;
	r->size = size;
	r->align = sizing_log2_(size);
	if (type == VDISC_PCI_BAR_MEM64)
		r->state |= ASG_R_IS64_;
	if (!reach) {
		r->state |= ASG_R_NO_WINDOW_;
	} else if (size - 1 > c->hi[space] - c->lo[space]) {
		r->state |= ASG_R_TOO_BIG_;
		vdisc_pci_asg_error_(c, fi, off, -VDISC_ERANGE);
	}
}

/*
 * Size BAR @i of @n (decode is off): returns how many registers it takes
 * (2 for a 64-bit BAR), or an error.  The type bits are read-only, so the
 * value before sizing tells whether an upper half follows.  The ROM is not
 * sized: it is never assigned.
 */
static int sizing_size_bar_(struct asg_ *c, unsigned fi, unsigned i, unsigned n, unsigned caps)
{
	uint16_t off = (uint16_t)(VDISC_PCI_BASE_ADDRESS_0 + 4 * i);
	enum vdisc_pci_bar_type type;
	uint32_t raw;
	uint64_t mask, size;
	int err = vdisc_pci_asg_read_(c, fi, off, 4, &raw);

	if (err)
		return err;
	if (raw & VDISC_PCI_BAR_SPACE_IO)
		type = VDISC_PCI_BAR_IO;
	else if ((raw & VDISC_PCI_BAR_MEM_TYPE_MASK) == VDISC_PCI_BAR_MEM_TYPE_64 && i + 1 < n)
		type = VDISC_PCI_BAR_MEM64;
	else /* 32-bit, the legacy below-1M type and a 64-bit BAR with no room for its upper half,
		as Linux treats them: 32-bit */
		type = VDISC_PCI_BAR_MEM32;
	err = vdisc_pci_probe_bar_(c->ops, vdisc_pci_asg_addr_(c, fi), off, 0xffffffff,
				   type == VDISC_PCI_BAR_MEM64, &mask);
	if (err)
		return err;
	size = vdisc_pci_bar_size_(type, mask);
	if (size)
		sizing_add_bar_(c, fi, off, type, (raw & VDISC_PCI_BAR_MEM_PREFETCH) != 0, size,
				caps);
	return type == VDISC_PCI_BAR_MEM64 ? 2 : 1;
}

/* Write a closed window (base > limit); the capability nibble (read-only) comes back in @got. */
static int sizing_close_(struct asg_ *c, unsigned fi, uint16_t reg, unsigned width, uint32_t closed,
			 uint32_t *got)
{
	int err = c->ops->write(c->ops->ctx, vdisc_pci_asg_addr_(c, fi), reg, width, closed);

	return err ? err : vdisc_pci_asg_read_(c, fi, reg, width, got);
}

/*
 * Unnumber a bridge and close its windows, learning which it has: the I/O
 * and prefetchable windows are optional (their registers then read zero)
 * and say in their low nibble whether they take 32/64-bit addresses.
 * Unnumbered first, so that a bus number left by earlier software cannot
 * be claimed twice while the walk numbers its siblings.
 */
static int sizing_close_bridge_(struct asg_ *c, unsigned fi)
{
	struct vdisc_pci_assign_fn_ *f = &c->fns[fi];
	uint32_t v;
	int err = vdisc_pci_asg_bus_numbers_(c, fi, 0, 0);

	if (!err)
		err = sizing_close_(c, fi, VDISC_PCI_IO_BASE, 2, 0x00f0, &v);
	if (!err && (v & 0xf0f0) != 0) {
		f->flags |= ASG_F_IO_WIN_ |
			    ((v & VDISC_PCI_IO_RANGE_TYPE_MASK) == VDISC_PCI_IO_RANGE_TYPE_32
				     ? ASG_F_IO32_
				     : 0);
		err = (v & 0xf0f0) != 0x00f0 ? -VDISC_EIO : 0;
		if (!err && (f->flags & ASG_F_IO32_))
			err = vdisc_pci_asg_write_(c, fi, VDISC_PCI_IO_BASE_UPPER16, 4, 0,
						   0xffffffff);
	}
	if (!err)
		err = vdisc_pci_asg_write_(c, fi, VDISC_PCI_MEMORY_BASE, 4, 0x0000fff0, 0xfff0fff0);
	if (!err)
		err = sizing_close_(c, fi, VDISC_PCI_PREF_MEMORY_BASE, 4, 0x0000fff0, &v);
	if (!err && (v & 0xfff0fff0) != 0) {
		f->flags |= ASG_F_PREF_WIN_ |
			    ((v & VDISC_PCI_PREF_RANGE_TYPE_MASK) == VDISC_PCI_PREF_RANGE_TYPE_64
				     ? ASG_F_PREF64_
				     : 0);
		err = (v & 0xfff0fff0) != 0x0000fff0 ? -VDISC_EIO : 0;
		if (!err && (f->flags & ASG_F_PREF64_))
			err = vdisc_pci_asg_write_(c, fi, VDISC_PCI_PREF_BASE_UPPER32, 4, 0,
						   0xffffffff);
		if (!err && (f->flags & ASG_F_PREF64_))
			err = vdisc_pci_asg_write_(c, fi, VDISC_PCI_PREF_LIMIT_UPPER32, 4, 0,
						   0xffffffff);
	}
	return err;
}

/* Decode off (remembering the command register), BARs sized, a bridge closed. */
void vdisc_pci_asg_setup_fn_(struct asg_ *c, unsigned fi, unsigned caps)
{
	struct vdisc_pci_assign_fn_ *f = &c->fns[fi];
	unsigned i, n = f->flags & ASG_F_BRIDGE_ ? VDISC_PCI_NUM_BARS_BRIDGE
						 : VDISC_PCI_NUM_BARS_NORMAL;
	uint32_t command;
	int used, err = vdisc_pci_asg_read_(c, fi, VDISC_PCI_COMMAND, 2, &command);

	if (!err)
		err = vdisc_pci_decode_off_(c->ops, vdisc_pci_asg_addr_(c, fi), command);
	if (err) {
		vdisc_pci_asg_broken_(c, fi, VDISC_PCI_COMMAND, err);
		return;
	}
	f->command = (uint16_t)command;
	for (i = 0; i < n; i += (unsigned)used) {
		used = sizing_size_bar_(c, fi, i, n, caps);
		if (used < 0) {
			vdisc_pci_asg_broken_(c, fi, (uint16_t)(VDISC_PCI_BASE_ADDRESS_0 + 4 * i),
					      used);
			return;
		}
		if (f->flags & ASG_F_BROKEN_)
			return;
	}
	if ((f->flags & ASG_F_BRIDGE_) && (err = sizing_close_bridge_(c, fi)) != 0)
		vdisc_pci_asg_broken_(c, fi, VDISC_PCI_IO_BASE, err);
}
