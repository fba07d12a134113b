/* SPDX-License-Identifier: MIT */
#include "assign_internal.h"

/*
 * Resource assignment, configuration access for the other three files:
 * reads, writes checked by reading back, bus numbers, and the report's
 * first error.  Nothing here walks or lays out; it is the bottom layer.
 */

struct vdisc_pci_addr vdisc_pci_asg_addr_(const struct asg_ *c, unsigned fi)
{
	const struct vdisc_pci_assign_fn_ *f = &c->fns[fi];

	return (struct vdisc_pci_addr){c->segment, f->bus, (uint8_t)(f->devfn >> 3),
				       (uint8_t)(f->devfn & 7)};
}

void vdisc_pci_asg_error_at_(struct asg_ *c, struct vdisc_pci_addr a, uint16_t reg, bool bridge,
			     int err)
{
	struct vdisc_pci_assign_report *rep = c->rep;
	uint16_t bar_end = bridge ? VDISC_PCI_BASE_ADDRESS_0 + 4 * VDISC_PCI_NUM_BARS_BRIDGE
				  : VDISC_PCI_BASE_ADDRESS_0 + 4 * VDISC_PCI_MAX_BARS;

	if (rep->first_error || !err)
		return;
	rep->first_error = err;
	rep->first_error_addr = a;
	rep->first_error_reg = reg;
	rep->first_error_bar = reg >= VDISC_PCI_BASE_ADDRESS_0 && reg < bar_end
				       ? (uint8_t)((reg - VDISC_PCI_BASE_ADDRESS_0) / 4)
				       : VDISC_PCI_ASSIGN_NO_BAR;
}

void vdisc_pci_asg_error_(struct asg_ *c, unsigned fi, uint16_t reg, int err)
{
	vdisc_pci_asg_error_at_(c, vdisc_pci_asg_addr_(c, fi), reg,
				c->fns[fi].flags & ASG_F_BRIDGE_, err);
}

/* An access to @fi failed: say so, and leave the function alone from now on. */
void vdisc_pci_asg_broken_(struct asg_ *c, unsigned fi, uint16_t reg, int err)
{
	vdisc_pci_asg_error_(c, fi, reg, err);
	c->fns[fi].flags |= ASG_F_BROKEN_;
}

int vdisc_pci_asg_read_(const struct asg_ *c, unsigned fi, uint16_t off, unsigned width,
			uint32_t *v)
{
	*v = 0xffffffff;
	return c->ops->read(c->ops->ctx, vdisc_pci_asg_addr_(c, fi), off, width, v);
}

int vdisc_pci_asg_write_(struct asg_ *c, unsigned fi, uint16_t off, unsigned width, uint32_t v,
			 uint32_t check)
{
	uint32_t back;
	int err = c->ops->write(c->ops->ctx, vdisc_pci_asg_addr_(c, fi), off, width, v);

	if (!err)
		err = vdisc_pci_asg_read_(c, fi, off, width, &back);
	if (!err && (back & check) != (v & check))
		err = -VDISC_EIO;
	return err;
}

int vdisc_pci_asg_bus_numbers_(struct asg_ *c, unsigned fi, unsigned secondary,
			       unsigned subordinate)
{
	uint32_t v;
	/* One dword from 0x18: primary, secondary, subordinate, secondary latency timer. */
	int err = vdisc_pci_asg_read_(c, fi, VDISC_PCI_PRIMARY_BUS, 4, &v);

	if (err)
		return err;
	v = (v & 0xff000000) | subordinate << 16 | secondary << 8 | c->fns[fi].bus;
	return vdisc_pci_asg_write_(c, fi, VDISC_PCI_PRIMARY_BUS, 4, v, 0x00ffffff);
}
