/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * The configuration header of types 0 (device), 1 (PCI-to-PCI bridge) and
 * 2 (CardBus bridge), decoded from a snapshot.
 */

static unsigned pci_bar_count_(uint8_t layout)
{
	return layout == PCI_HEADER_NORMAL_ ? 6 : layout == PCI_HEADER_BRIDGE_ ? 2 : 1;
}

/* One base address register; returns how many registers it used (2 for 64-bit). */
static unsigned pci_decode_bar_(struct vdisc_pci_function *fn, unsigned index, unsigned limit)
{
	uint8_t off = (uint8_t)(PCI_BAR0_ + 4 * index);
	uint32_t raw = PCI_RD32_(fn, off), upper = 0;
	struct vdisc_pci_bar *bar;
	unsigned used = 1;

	/* Unimplemented registers read as zero; all ones is an absent or dead device. */
	if (raw == 0 || raw == 0xffffffff)
		return 1;
	bar = &fn->bars[fn->nbars++];
	bar->index = (uint8_t)index;
	bar->offset = off;
	if (raw & 1) {
		bar->type = VDISC_PCI_BAR_IO;
		bar->address = raw & ~(uint32_t)3;
		bar->enabled = fn->command & PCI_COMMAND_IO_;
		return 1;
	}
	bar->prefetchable = (raw >> 3) & 1;
	bar->enabled = fn->command & PCI_COMMAND_MEMORY_;
	switch ((raw >> 1) & 3) {
	case 1:
		bar->type = VDISC_PCI_BAR_MEM1M;
		break;
	case 2:
		bar->type = VDISC_PCI_BAR_MEM64;
		/* The upper half lives in the next register, if there is one. */
		if (index + 1 < limit) {
			upper = PCI_RD32_(fn, off + 4);
			used = 2;
		}
		break;
	default:
		bar->type = VDISC_PCI_BAR_MEM32;
		break;
	}
	bar->address = ((uint64_t)upper << 32) | (raw & ~(uint32_t)0xf);
	return used;
}

static void pci_decode_rom_(struct vdisc_pci_function *fn, uint8_t reg)
{
	uint32_t raw = PCI_RD32_(fn, reg);
	struct vdisc_pci_bar *bar;

	if (raw == 0 || raw == 0xffffffff)
		return;
	bar = &fn->bars[fn->nbars++];
	bar->index = VDISC_PCI_MAX_BARS;
	bar->offset = reg;
	bar->type = VDISC_PCI_BAR_ROM;
	bar->address = raw & ~(uint32_t)0x7ff;
	bar->enabled = raw & 1;
}

void vdisc_pci_decode_bars_(struct vdisc_pci_function *fn)
{
	uint8_t layout = fn->header_type & 0x7f;
	unsigned i = 0, n = pci_bar_count_(layout);

	fn->nbars = 0;
	if (layout > PCI_HEADER_CARDBUS_)
		return;
	while (i < n)
		i += pci_decode_bar_(fn, i, n);
	if (layout == PCI_HEADER_NORMAL_)
		pci_decode_rom_(fn, PCI_ROM_ADDRESS_);
	else if (layout == PCI_HEADER_BRIDGE_)
		pci_decode_rom_(fn, PCI_BRIDGE_ROM_ADDRESS_);
}

/* Type 1 windows: 4 KiB I/O and 1 MiB memory granularity; the limit is inclusive. */
static void pci_decode_windows_(struct vdisc_pci_function *fn)
{
	uint8_t io_b = PCI_RD8_(fn, PCI_IO_BASE_), io_l = PCI_RD8_(fn, PCI_IO_LIMIT_);
	uint16_t mem_b = PCI_RD16_(fn, PCI_MEMORY_BASE_), mem_l = PCI_RD16_(fn, PCI_MEMORY_LIMIT_);
	uint16_t pf_b = PCI_RD16_(fn, PCI_PREF_BASE_), pf_l = PCI_RD16_(fn, PCI_PREF_LIMIT_);
	struct vdisc_pci_window *w;

	w = &fn->io_window;
	w->is64 = (io_b & 0xf) == 1;
	w->base = (uint64_t)(io_b & 0xf0) << 8;
	w->limit = ((uint64_t)(io_l & 0xf0) << 8) | 0xfff;
	if (w->is64) {
		w->base |= (uint64_t)PCI_RD16_(fn, PCI_IO_BASE_UPPER_) << 16;
		w->limit |= (uint64_t)PCI_RD16_(fn, PCI_IO_LIMIT_UPPER_) << 16;
	}
	w->enabled = w->base <= w->limit;

	w = &fn->mem_window;
	w->base = (uint64_t)(mem_b & 0xfff0) << 16;
	w->limit = ((uint64_t)(mem_l & 0xfff0) << 16) | 0xfffff;
	w->enabled = w->base <= w->limit;

	w = &fn->pref_window;
	w->is64 = (pf_b & 0xf) == 1;
	w->base = (uint64_t)(pf_b & 0xfff0) << 16;
	w->limit = ((uint64_t)(pf_l & 0xfff0) << 16) | 0xfffff;
	if (w->is64) {
		w->base |= (uint64_t)PCI_RD32_(fn, PCI_PREF_BASE_UPPER_) << 32;
		w->limit |= (uint64_t)PCI_RD32_(fn, PCI_PREF_LIMIT_UPPER_) << 32;
	}
	w->enabled = w->base <= w->limit;
}

static void pci_decode_subsystem_(struct vdisc_pci_function *fn)
{
	uint8_t layout = fn->header_type & 0x7f;
	const struct vdisc_pci_cap *cap;

	if (layout == PCI_HEADER_NORMAL_) {
		fn->subsystem_vendor_id = PCI_RD16_(fn, PCI_SUBSYS_VENDOR_);
		fn->subsystem_id = PCI_RD16_(fn, PCI_SUBSYS_ID_);
		fn->has_subsystem = true;
	} else if (layout == PCI_HEADER_CARDBUS_ && fn->config_size >= 128) {
		/* As lspci: a CardBus header's subsystem ids need the 128-byte layout. */
		fn->subsystem_vendor_id = PCI_RD16_(fn, PCI_CB_SUBSYS_VENDOR_);
		fn->subsystem_id = PCI_RD16_(fn, PCI_CB_SUBSYS_ID_);
		fn->has_subsystem = true;
	} else if (layout == PCI_HEADER_BRIDGE_) {
		/* Bridges carry their subsystem ids in the SSVID capability, if at all. */
		for (cap = fn->caps; cap; cap = cap->next)
			if (cap->id == PCI_CAP_ID_SSVID_) {
				fn->subsystem_vendor_id = PCI_RD16_(fn, cap->offset + 4);
				fn->subsystem_id = PCI_RD16_(fn, cap->offset + 6);
				fn->has_subsystem = true;
				break;
			}
	}
}

int vdisc_pci_decode(const uint8_t *config, uint16_t size, struct vdisc_pci_addr addr,
		     struct vdisc_arena *arena, struct vdisc_pci_function *fn)
{
	uint8_t layout;
	int err;

	if (!config || size < 64)
		return -VDISC_EINVAL;
	memset(fn, 0, sizeof(*fn));
	fn->addr = addr;
	fn->config = config;
	fn->config_size = size;
	fn->vendor_id = PCI_RD16_(fn, PCI_VENDOR_ID_);
	fn->device_id = PCI_RD16_(fn, PCI_DEVICE_ID_);
	fn->command = PCI_RD16_(fn, PCI_COMMAND_);
	fn->status = PCI_RD16_(fn, PCI_STATUS_);
	fn->revision = PCI_RD8_(fn, PCI_REVISION_);
	fn->class_code = PCI_RD32_(fn, PCI_REVISION_) >> 8;
	fn->header_type = PCI_RD8_(fn, PCI_HEADER_TYPE_);
	fn->interrupt_line = PCI_RD8_(fn, PCI_INT_LINE_);
	fn->interrupt_pin = PCI_RD8_(fn, PCI_INT_PIN_);
	layout = fn->header_type & 0x7f;
	if (layout == PCI_HEADER_BRIDGE_ || layout == PCI_HEADER_CARDBUS_) {
		fn->primary_bus = PCI_RD8_(fn, PCI_PRIMARY_BUS_);
		fn->secondary_bus = PCI_RD8_(fn, PCI_SECONDARY_BUS_);
		fn->subordinate_bus = PCI_RD8_(fn, PCI_SUBORDINATE_BUS_);
	}
	if (layout == PCI_HEADER_BRIDGE_)
		pci_decode_windows_(fn);
	vdisc_pci_decode_bars_(fn);
	err = vdisc_pci_walk_caps_(fn, arena);
	if (err)
		return err;
	pci_decode_subsystem_(fn);
	return 0;
}
