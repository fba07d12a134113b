/* SPDX-License-Identifier: MIT */
/*
 * MSI-X set-up (PCI Local Bus 3.0, 6.8.2).  The order follows what keeps a
 * half-programmed table from ever sending a message: enable MSI-X with the
 * whole function masked, write the entries, only then clear the function
 * mask.  Configuration writes go through the caller's vdisc_pci_ops; the
 * table, in a memory BAR, through the platform's MMIO hooks.
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>
#include <vdisc/pci_caps.h>
#include <vdisc/pci_msix.h>
#include <vdisc/pci_regs.h>

/* Where the table is, checked, and where Message Control is. */
struct msix_place_ {
	uint64_t table; /* CPU address of entry 0 */
	uint16_t size;	/* entries */
	uint16_t ctrl;	/* Message Control's offset in configuration space */
};

static const struct vdisc_pci_bar *msix_bar_(const struct vdisc_pci_function *fn, uint8_t index)
{
	unsigned i;

	for (i = 0; i < fn->nbars && i < VDISC_ARRAY_SIZE(fn->bars); i++)
		if (fn->bars[i].index == index && fn->bars[i].type != VDISC_PCI_BAR_ROM)
			return &fn->bars[i];
	return NULL;
}

static int msix_find_(const struct vdisc_pci_function *fn, struct vdisc_pci_msix *m,
		      uint16_t *cap_off)
{
	const struct vdisc_pci_cap *cap;
	unsigned guard = 0;

	for (cap = fn->caps; cap && guard < 64; cap = cap->next, guard++) {
		if (cap->extended || cap->id != VDISC_PCI_CAP_ID_MSIX)
			continue;
		*cap_off = cap->offset;
		return vdisc_pci_decode_msix(fn, cap, m);
	}
	return -VDISC_ENOTFOUND;
}

/* The table must lie wholly inside a sized memory BAR, at an address that does not wrap. */
static int msix_place_(const struct vdisc_pci_function *fn, uint64_t bar_cpu,
		       struct msix_place_ *pl)
{
	const struct vdisc_pci_bar *bar;
	struct vdisc_pci_msix m;
	uint64_t bytes;
	uint16_t cap_off = 0;
	int err = msix_find_(fn, &m, &cap_off);

	if (err)
		return err;
	bar = msix_bar_(fn, m.table_bar);
	bytes = (uint64_t)m.table_size * VDISC_PCI_MSIX_ENTRY_SIZE;
	if (!bar || bar->type == VDISC_PCI_BAR_IO || bar->type == VDISC_PCI_BAR_NONE ||
	    !bar->has_size || m.table_offset > bar->size || bytes > bar->size - m.table_offset)
		return -VDISC_EINVAL;
	if (bar_cpu == 0 || bar_cpu > UINT64_MAX - bar->size)
		return -VDISC_EINVAL;
	pl->table = bar_cpu + m.table_offset;
	pl->size = m.table_size;
	pl->ctrl = (uint16_t)(cap_off + VDISC_PCI_MSIX_FLAGS);
	return 0;
}

static int msix_check_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
		       const struct vdisc_platform *p)
{
	if (!ops || !fn || !p)
		return -VDISC_EINVAL;
	if (!ops->read || !ops->write || !p->mmio_read32 || !p->mmio_write32)
		return -VDISC_ENOTSUP;
	return 0;
}

static int msix_rd16_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
		      uint16_t off, uint16_t *v)
{
	uint32_t value = 0;
	int err = ops->read(ops->ctx, fn->addr, off, 2, &value);

	*v = (uint16_t)value;
	return err;
}

static int msix_wr16_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
		      uint16_t off, uint16_t v)
{
	return ops->write(ops->ctx, fn->addr, off, 2, v);
}

/* Set @set and clear @clear in the 16-bit register at @off (read live, not the snapshot). */
static int msix_update_(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
			uint16_t off, uint16_t set, uint16_t clear)
{
	uint16_t v = 0;
	int err = msix_rd16_(ops, fn, off, &v);

	if (err)
		return err;
	return msix_wr16_(ops, fn, off, (uint16_t)((v & ~clear) | set));
}

/*
 * One entry: masked while its message changes, then unmasked unless @masked.
 * Vector Control's other bits (TPH steering tags) are kept as they read.
 */
static void msix_entry_(const struct vdisc_platform *p, uint64_t e, uint64_t addr, uint32_t data,
			bool masked)
{
	uint64_t vc = e + VDISC_PCI_MSIX_ENTRY_VECTOR_CTRL;
	uint32_t ctrl = p->mmio_read32(p->ctx, vc) | VDISC_PCI_MSIX_ENTRY_CTRL_MASKBIT;

	p->mmio_write32(p->ctx, vc, ctrl);
	if (masked)
		return;
	p->mmio_write32(p->ctx, e + VDISC_PCI_MSIX_ENTRY_LOWER_ADDR, (uint32_t)addr);
	p->mmio_write32(p->ctx, e + VDISC_PCI_MSIX_ENTRY_UPPER_ADDR, (uint32_t)(addr >> 32));
	p->mmio_write32(p->ctx, e + VDISC_PCI_MSIX_ENTRY_DATA, data);
	p->mmio_write32(p->ctx, vc, ctrl & ~VDISC_PCI_MSIX_ENTRY_CTRL_MASKBIT);
}

/* Every entry: the first @n programmed and unmasked, the rest masked; posted writes flushed. */
static void msix_table_(const struct vdisc_platform *p, const struct msix_place_ *pl,
			const uint64_t *addr, const uint32_t *data, unsigned n)
{
	unsigned i;

	for (i = 0; i < pl->size; i++)
		msix_entry_(p, pl->table + (uint64_t)i * VDISC_PCI_MSIX_ENTRY_SIZE,
			    i < n ? addr[i] : 0, i < n ? data[i] : 0, i >= n);
	(void)p->mmio_read32(p->ctx, pl->table + VDISC_PCI_MSIX_ENTRY_VECTOR_CTRL);
}

int vdisc_pci_msix_enable(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
			  const struct vdisc_platform *p, uint64_t table_cpu_addr,
			  const uint64_t *addr, const uint32_t *data, unsigned n)
{
	struct msix_place_ pl;
	uint16_t ctrl = 0;
	int err = msix_check_(ops, fn, p);

	if (err)
		return err;
	if (!addr || !data || n == 0)
		return -VDISC_EINVAL;
	err = msix_place_(fn, table_cpu_addr, &pl);
	if (err)
		return err;
	if (n > pl.size)
		return -VDISC_ERANGE;
	err = msix_update_(ops, fn, pl.ctrl,
			   VDISC_PCI_MSIX_FLAGS_ENABLE | VDISC_PCI_MSIX_FLAGS_MASKALL, 0);
	if (err)
		return err;
	msix_table_(p, &pl, addr, data, n);
	/* MSI-X on: INTx must not be raised as well (PCI 3.0, 6.8.2). */
	err = msix_update_(ops, fn, VDISC_PCI_COMMAND, VDISC_PCI_COMMAND_INTX_DISABLE, 0);
	if (!err)
		err = msix_update_(ops, fn, pl.ctrl, 0, VDISC_PCI_MSIX_FLAGS_MASKALL);
	if (!err)
		err = msix_rd16_(ops, fn, pl.ctrl, &ctrl);
	if (err)
		return err;
	if ((ctrl & (VDISC_PCI_MSIX_FLAGS_ENABLE | VDISC_PCI_MSIX_FLAGS_MASKALL)) !=
	    VDISC_PCI_MSIX_FLAGS_ENABLE)
		return -VDISC_EIO;
	return 0;
}

int vdisc_pci_msix_disable(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
			   const struct vdisc_platform *p, uint64_t table_cpu_addr)
{
	struct msix_place_ pl;
	int err = msix_check_(ops, fn, p);

	if (!err)
		err = msix_place_(fn, table_cpu_addr, &pl);
	if (!err)
		err = msix_update_(ops, fn, pl.ctrl, VDISC_PCI_MSIX_FLAGS_MASKALL, 0);
	if (err)
		return err;
	msix_table_(p, &pl, NULL, NULL, 0);
	err = msix_update_(ops, fn, pl.ctrl, 0,
			   VDISC_PCI_MSIX_FLAGS_ENABLE | VDISC_PCI_MSIX_FLAGS_MASKALL);
	if (!err)
		err = msix_update_(ops, fn, VDISC_PCI_COMMAND, 0, VDISC_PCI_COMMAND_INTX_DISABLE);
	return err;
}
