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

static int bars_rd_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
		    uint16_t off, unsigned width, uint32_t *v)
{
	return ops->read(ops->ctx, fn->addr, off, width, v);
}

static int bars_wr_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
		    uint16_t off, unsigned width, uint32_t v)
{
	return ops->write(ops->ctx, fn->addr, off, width, v);
}

/* Write ones, read the mask back, put the old value back.  Nothing is written unless the save
 * worked. */
static int bars_probe_reg_(const struct vdisc_pci_ops *ops, struct vdisc_pci_addr addr,
			   uint16_t off, uint32_t ones, uint32_t *saved, uint32_t *mask)
{
	int err = ops->read(ops->ctx, addr, off, 4, saved);

	if (err)
		return err;
	err = ops->write(ops->ctx, addr, off, 4, ones);
	if (!err)
		err = ops->read(ops->ctx, addr, off, 4, mask);
	/* Restore even when the read-back failed: the save is good. */
	if (ops->write(ops->ctx, addr, off, 4, *saved) != 0 && !err)
		err = -VDISC_EIO;
	return err;
}

int vdisc_pci_probe_bar_(const struct vdisc_pci_ops *ops, struct vdisc_pci_addr addr, uint16_t off,
			 uint32_t ones, bool upper, uint64_t *mask)
{
	uint32_t saved_lo, saved_hi = 0, lo, hi = 0, check;
	int err;

	err = bars_probe_reg_(ops, addr, off, ones, &saved_lo, &lo);
	if (!err && upper)
		err = bars_probe_reg_(ops, addr, off + 4, 0xffffffff, &saved_hi, &hi);
	if (err)
		return err;
	if (ops->read(ops->ctx, addr, off, 4, &check) != 0 || check != saved_lo)
		return -VDISC_EIO;
	if (upper && (ops->read(ops->ctx, addr, off + 4, 4, &check) != 0 || check != saved_hi))
		return -VDISC_EIO;
	*mask = ((uint64_t)hi << 32) | lo;
	return 0;
}

/*
 * The size is the lowest address bit the BAR lets software set, as Linux's
 * pci_size() takes it: upper bits a device ignores (or hard-wires, like the
 * top half of a 64 KiB I/O space) do not matter.
 */
uint64_t vdisc_pci_bar_size_(enum vdisc_pci_bar_type type, uint64_t mask)
{
	if (type == VDISC_PCI_BAR_IO)
		mask &= VDISC_PCI_BAR_IO_MASK;
	else if (type == VDISC_PCI_BAR_ROM)
		mask &= VDISC_PCI_ROM_ADDRESS_MASK;
	else if (type != VDISC_PCI_BAR_MEM64)
		mask &= VDISC_PCI_BAR_MEM_MASK;
	else
		mask &= ~(uint64_t)~VDISC_PCI_BAR_MEM_MASK;
	return mask & (~mask + 1);
}

int vdisc_pci_decode_off_(const struct vdisc_pci_ops *ops, struct vdisc_pci_addr addr,
			  uint32_t command)
{
	uint32_t check;
	int err =
		ops->write(ops->ctx, addr, VDISC_PCI_COMMAND, 2,
			   command & ~(uint32_t)(VDISC_PCI_COMMAND_IO | VDISC_PCI_COMMAND_MEMORY));

	/* A device that ignored the write still decodes: ones in a BAR would claim a bogus window.
	 */
	if (!err && (ops->read(ops->ctx, addr, VDISC_PCI_COMMAND, 2, &check) != 0 ||
		     (check & (VDISC_PCI_COMMAND_IO | VDISC_PCI_COMMAND_MEMORY)) != 0))
		err = -VDISC_EIO;
	return err;
}

/* Whether a 64-bit BAR has an upper register: not when it sits in the layout's last BAR. */
static bool bars_has_upper_(const struct vdisc_pci_function *fn, const struct vdisc_pci_bar *bar)
{
	unsigned layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;
	unsigned count = layout == VDISC_PCI_HEADER_NORMAL   ? VDISC_PCI_NUM_BARS_NORMAL
			 : layout == VDISC_PCI_HEADER_BRIDGE ? VDISC_PCI_NUM_BARS_BRIDGE
							     : VDISC_PCI_NUM_BARS_CARDBUS;

	return bar->type == VDISC_PCI_BAR_MEM64 &&
	       (unsigned)bar->offset + 4 < VDISC_PCI_BASE_ADDRESS_0 + 4 * count;
}

static int bars_size_one_(const struct vdisc_pci_ops *ops, struct vdisc_pci_bar *bar,
			  const struct vdisc_pci_function *fn)
{
	uint32_t ones = bar->type == VDISC_PCI_BAR_ROM ? VDISC_PCI_ROM_ADDRESS_MASK : 0xffffffff;
	uint64_t mask;
	int err = vdisc_pci_probe_bar_(ops, fn->addr, bar->offset, ones, bars_has_upper_(fn, bar),
				       &mask);

	if (err)
		return err;
	bar->size = vdisc_pci_bar_size_(bar->type, mask);
	bar->has_size = bar->size != 0;
	return 0;
}

int vdisc_pci_size_bars_(const struct vdisc_pci_ops *ops, struct vdisc_pci_function *fn)
{
	uint32_t command, check;
	unsigned i;
	int err;

	if (!ops->write || fn->nbars == 0)
		return 0;
	/* Nothing is written until the command register is saved. */
	err = bars_rd_(ops, fn, VDISC_PCI_COMMAND, 2, &command);
	if (err)
		return err;
	err = vdisc_pci_decode_off_(ops, fn->addr, command);
	for (i = 0; !err && i < fn->nbars; i++)
		err = bars_size_one_(ops, &fn->bars[i], fn);
	/* The command register goes back whatever happened above. */
	if (bars_wr_(ops, fn, VDISC_PCI_COMMAND, 2, command) != 0 ||
	    bars_rd_(ops, fn, VDISC_PCI_COMMAND, 2, &check) != 0 ||
	    (check & 0xffff) != (command & 0xffff))
		err = -VDISC_EIO;
	fn->bars_sized = err == 0;
	return err;
}
