/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * BAR sizing on a live, writable source: the only place the enumerator
 * writes.  Decode is switched off in the command register while a BAR
 * holds all ones (so the device cannot claim a bogus window), every
 * register touched is restored, and the restore is read back: a device is
 * never left changed without saying so (-VDISC_EIO).
 */

struct pci_saved_ {
	uint16_t offset;
	uint32_t value;
};

static int pci_rd_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
		   uint16_t off, unsigned width, uint32_t *v)
{
	return ops->read(ops->ctx, fn->addr, off, width, v);
}

static int pci_wr_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
		   uint16_t off, unsigned width, uint32_t v)
{
	return ops->write(ops->ctx, fn->addr, off, width, v);
}

/* Write ones, read the mask back, put the old value back. */
static int pci_probe_reg_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
			  uint16_t off, uint32_t ones, uint32_t *saved, uint32_t *mask)
{
	int err = pci_rd_(ops, fn, off, 4, saved);

	if (!err)
		err = pci_wr_(ops, fn, off, 4, ones);
	if (!err)
		err = pci_rd_(ops, fn, off, 4, mask);
	/* Restore even when the read failed. */
	if (pci_wr_(ops, fn, off, 4, *saved) != 0 && !err)
		err = -VDISC_EIO;
	return err;
}

static uint64_t pci_size_from_mask_(const struct vdisc_pci_bar *bar, uint64_t mask)
{
	if (bar->type == VDISC_PCI_BAR_IO) {
		mask &= ~(uint64_t)3;
		/* I/O BARs may hard-wire the upper 16 bits to zero: a 64 KiB space. */
		if (!(mask & 0xffff0000u))
			mask |= 0xffff0000u;
		mask |= 0xffffffff00000000ull;
	} else if (bar->type == VDISC_PCI_BAR_ROM) {
		mask = (mask & ~(uint64_t)0x7ff) | 0xffffffff00000000ull;
	} else if (bar->type != VDISC_PCI_BAR_MEM64) {
		mask = (mask & ~(uint64_t)0xf) | 0xffffffff00000000ull;
	} else {
		mask &= ~(uint64_t)0xf;
	}
	return mask ? ~mask + 1 : 0;
}

static int pci_size_one_(const struct vdisc_pci_ops *ops, struct vdisc_pci_bar *bar,
			 const struct vdisc_pci_function *fn)
{
	uint32_t saved_lo, saved_hi = 0, lo, hi = 0xffffffff, check;
	uint32_t ones = bar->type == VDISC_PCI_BAR_ROM ? 0xfffff800 : 0xffffffff;
	int err;

	err = pci_probe_reg_(ops, fn, bar->offset, ones, &saved_lo, &lo);
	if (!err && bar->type == VDISC_PCI_BAR_MEM64)
		err = pci_probe_reg_(ops, fn, bar->offset + 4, 0xffffffff, &saved_hi, &hi);
	if (err)
		return err;
	if (pci_rd_(ops, fn, bar->offset, 4, &check) != 0 || check != saved_lo)
		return -VDISC_EIO;
	if (bar->type == VDISC_PCI_BAR_MEM64 &&
	    (pci_rd_(ops, fn, bar->offset + 4, 4, &check) != 0 || check != saved_hi))
		return -VDISC_EIO;
	bar->size = pci_size_from_mask_(bar, ((uint64_t)hi << 32) | lo);
	bar->has_size = bar->size != 0;
	return 0;
}

int vdisc_pci_size_bars_(const struct vdisc_pci_ops *ops, struct vdisc_pci_function *fn)
{
	uint32_t command, check;
	unsigned i;
	int err = 0;

	if (!ops->write || fn->nbars == 0)
		return 0;
	err = pci_rd_(ops, fn, PCI_COMMAND_, 2, &command);
	if (!err)
		err = pci_wr_(ops, fn, PCI_COMMAND_, 2,
			      command & ~(uint32_t)(PCI_COMMAND_IO_ | PCI_COMMAND_MEMORY_));
	for (i = 0; !err && i < fn->nbars; i++)
		err = pci_size_one_(ops, &fn->bars[i], fn);
	/* The command register goes back whatever happened above. */
	if (pci_wr_(ops, fn, PCI_COMMAND_, 2, command) != 0 ||
	    pci_rd_(ops, fn, PCI_COMMAND_, 2, &check) != 0 ||
	    (check & 0xffff) != (command & 0xffff))
		err = -VDISC_EIO;
	fn->bars_sized = err == 0;
	return err;
}
