/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

#include <vdisc/fdt.h>
#include <vdisc/pci_assign.h>

/*
 * The host bridge's windows for resource assignment, from the device
 * tree's "ranges" (IEEE 1275 PCI binding: phys.hi space code 1 I/O, 2
 * 32-bit memory, 3 64-bit memory, bit 30 prefetchable), and the way back
 * from a bus address to the CPU.
 */

/* mem64_pref candidates, best first. */
enum asgwin_pref_rank_ {
	PCI_PREF_NONE_ = 0,
	PCI_PREF_MEM32_P_,  /* a prefetchable 32-bit range */
	PCI_PREF_MEM64_NP_, /* a non-prefetchable 64-bit range (QEMU virt) */
	PCI_PREF_MEM64_P_,  /* a prefetchable 64-bit range */
};

static bool asgwin_range_usable_(const struct vdisc_fdt_pci_range *r)
{
	return r->translated && r->size != 0 && r->pci_address + (r->size - 1) >= r->pci_address &&
	       r->cpu_address + (r->size - 1) >= r->cpu_address;
}

/* Take @r into @win when it is better ranked than what @win holds, or as good and larger. */
static void asgwin_take_(struct vdisc_pci_assign_window *win, unsigned *have_rank,
			 const struct vdisc_fdt_pci_range *r, unsigned rank)
{
	if (rank < *have_rank || (rank == *have_rank && r->size <= win->size))
		return;
	*have_rank = rank;
	win->present = true;
	win->pci_base = r->pci_address;
	win->cpu_base = r->cpu_address;
	win->size = r->size;
}

static unsigned asgwin_pref_rank_(const struct vdisc_fdt_pci_range *r)
{
	if (r->space == VDISC_FDT_PCI_SPACE_MEM64)
		return r->prefetchable ? PCI_PREF_MEM64_P_ : PCI_PREF_MEM64_NP_;
	if (r->space == VDISC_FDT_PCI_SPACE_MEM32 && r->prefetchable)
		return PCI_PREF_MEM32_P_;
	return PCI_PREF_NONE_;
}

int vdisc_pci_assign_windows_from_host(const struct vdisc_fdt_pci_host *host,
				       struct vdisc_pci_assign_windows *w)
{
	unsigned io_rank = 0, mem_rank = 0, pref_rank = 0, i;

	if (!host || !w)
		return -VDISC_EINVAL;
	memset(w, 0, sizeof(*w));
	for (i = 0; i < host->nranges && i < VDISC_FDT_PCI_MAX_RANGES; i++) {
		const struct vdisc_fdt_pci_range *r = &host->ranges[i];
		unsigned rank;

		if (!asgwin_range_usable_(r))
			continue;
		if (r->space == VDISC_FDT_PCI_SPACE_IO)
			asgwin_take_(&w->io, &io_rank, r, 1);
		else if (r->space == VDISC_FDT_PCI_SPACE_MEM32 && !r->prefetchable)
			asgwin_take_(&w->mem32, &mem_rank, r, 1);
		else if ((rank = asgwin_pref_rank_(r)) != PCI_PREF_NONE_)
			asgwin_take_(&w->mem64_pref, &pref_rank, r, rank);
	}
	return w->io.present || w->mem32.present || w->mem64_pref.present ? 0 : -VDISC_ENOTFOUND;
}

static bool asgwin_window_holds_(const struct vdisc_pci_assign_window *win, uint64_t addr,
				 uint64_t size, uint64_t *cpu)
{
	uint64_t last = addr + (size ? size - 1 : 0);

	if (!win->present || win->size == 0 || last < addr || addr < win->pci_base ||
	    last - win->pci_base > win->size - 1)
		return false;
	*cpu = win->cpu_base + (addr - win->pci_base);
	return true;
}

int vdisc_pci_assign_to_cpu(const struct vdisc_pci_assign_windows *w, bool io, uint64_t pci_addr,
			    uint64_t size, uint64_t *cpu)
{
	if (!w || !cpu)
		return -VDISC_EINVAL;
	if (io ? asgwin_window_holds_(&w->io, pci_addr, size, cpu)
	       : asgwin_window_holds_(&w->mem32, pci_addr, size, cpu) ||
			    asgwin_window_holds_(&w->mem64_pref, pci_addr, size, cpu))
		return 0;
	return -VDISC_ENOTFOUND;
}
