/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * The configuration header of types 0 (device), 1 (PCI-to-PCI bridge) and
 * 2 (CardBus bridge), decoded from a snapshot.
 */

static unsigned hdr_bar_count_(uint8_t layout)
{
	return layout == VDISC_PCI_HEADER_NORMAL   ? VDISC_PCI_NUM_BARS_NORMAL
	       : layout == VDISC_PCI_HEADER_BRIDGE ? VDISC_PCI_NUM_BARS_BRIDGE
						   : VDISC_PCI_NUM_BARS_CARDBUS;
}

/* One base address register; returns how many registers it used (2 for 64-bit). */
static unsigned hdr_decode_bar_(struct vdisc_pci_function *fn, unsigned index, unsigned limit)
{
	uint8_t off = (uint8_t)(VDISC_PCI_BASE_ADDRESS_0 + 4 * index);
	uint32_t raw = vdisc_pci_cfg32(fn, off), upper = 0;
	struct vdisc_pci_bar *bar;
	unsigned used = 1;

	/* Unimplemented registers read as zero; all ones is an absent or dead device. */
	if (raw == 0 || raw == 0xffffffff)
		return 1;
	bar = &fn->bars[fn->nbars++];
	bar->index = (uint8_t)index;
	bar->offset = off;
	if (raw & VDISC_PCI_BAR_SPACE_IO) {
		bar->type = VDISC_PCI_BAR_IO;
		bar->address = raw & VDISC_PCI_BAR_IO_MASK;
		bar->enabled = fn->command & VDISC_PCI_COMMAND_IO;
		return 1;
	}
	bar->prefetchable = (raw & VDISC_PCI_BAR_MEM_PREFETCH) != 0;
	bar->enabled = fn->command & VDISC_PCI_COMMAND_MEMORY;
	switch (raw & VDISC_PCI_BAR_MEM_TYPE_MASK) {
	case VDISC_PCI_BAR_MEM_TYPE_1M:
		bar->type = VDISC_PCI_BAR_MEM1M;
		break;
	case VDISC_PCI_BAR_MEM_TYPE_64:
		bar->type = VDISC_PCI_BAR_MEM64;
		/* The upper half lives in the next register, if there is one. */
		if (index + 1 < limit) {
			upper = vdisc_pci_cfg32(fn, off + 4);
			used = 2;
		}
		break;
	default:
		bar->type = VDISC_PCI_BAR_MEM32;
		break;
	}
	bar->address = ((uint64_t)upper << 32) | (raw & VDISC_PCI_BAR_MEM_MASK);
	return used;
}

static void hdr_decode_rom_(struct vdisc_pci_function *fn, uint8_t reg)
{
	uint32_t raw = vdisc_pci_cfg32(fn, reg);
	struct vdisc_pci_bar *bar;

	if (raw == 0 || raw == 0xffffffff)
		return;
	bar = &fn->bars[fn->nbars++];
	bar->index = VDISC_PCI_MAX_BARS;
	bar->offset = reg;
	bar->type = VDISC_PCI_BAR_ROM;
	bar->address = raw & VDISC_PCI_ROM_ADDRESS_MASK;
	bar->enabled = raw & VDISC_PCI_ROM_ENABLE;
}

void vdisc_pci_decode_bars_(struct vdisc_pci_function *fn)
{
	uint8_t layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;
	unsigned i = 0, n = hdr_bar_count_(layout);

	fn->nbars = 0;
	if (layout > VDISC_PCI_HEADER_CARDBUS)
		return;
	while (i < n)
		i += hdr_decode_bar_(fn, i, n);
	if (layout == VDISC_PCI_HEADER_NORMAL)
		hdr_decode_rom_(fn, VDISC_PCI_ROM_ADDRESS);
	else if (layout == VDISC_PCI_HEADER_BRIDGE)
		hdr_decode_rom_(fn, VDISC_PCI_BRIDGE_ROM_ADDRESS);
}

/* Type 1 windows: 4 KiB I/O and 1 MiB memory granularity; the limit is inclusive. */
static void hdr_decode_windows_(struct vdisc_pci_function *fn)
{
	uint8_t io_b = vdisc_pci_cfg8(fn, VDISC_PCI_IO_BASE),
		io_l = vdisc_pci_cfg8(fn, VDISC_PCI_IO_LIMIT);
	uint16_t mem_b = vdisc_pci_cfg16(fn, VDISC_PCI_MEMORY_BASE),
		 mem_l = vdisc_pci_cfg16(fn, VDISC_PCI_MEMORY_LIMIT);
	uint16_t pf_b = vdisc_pci_cfg16(fn, VDISC_PCI_PREF_MEMORY_BASE),
		 pf_l = vdisc_pci_cfg16(fn, VDISC_PCI_PREF_MEMORY_LIMIT);
	struct vdisc_pci_window *w;

	w = &fn->io_window;
	w->base_reg = io_b;
	w->limit_reg = io_l;
	w->bad_type =
		(io_b & VDISC_PCI_IO_RANGE_TYPE_MASK) != (io_l & VDISC_PCI_IO_RANGE_TYPE_MASK) ||
		(io_b & VDISC_PCI_IO_RANGE_TYPE_MASK) > VDISC_PCI_IO_RANGE_TYPE_32;
	w->is64 = (io_b & VDISC_PCI_IO_RANGE_TYPE_MASK) == VDISC_PCI_IO_RANGE_TYPE_32;
	w->base = (uint64_t)(io_b & VDISC_PCI_IO_RANGE_MASK) << VDISC_PCI_IO_RANGE_SHIFT;
	w->limit = ((uint64_t)(io_l & VDISC_PCI_IO_RANGE_MASK) << VDISC_PCI_IO_RANGE_SHIFT) |
		   (VDISC_PCI_IO_WINDOW_GRANULE - 1);
	if (w->is64) {
		w->base |= (uint64_t)vdisc_pci_cfg16(fn, VDISC_PCI_IO_BASE_UPPER16) << 16;
		w->limit |= (uint64_t)vdisc_pci_cfg16(fn, VDISC_PCI_IO_LIMIT_UPPER16) << 16;
	}
	w->enabled = w->base <= w->limit;

	w = &fn->mem_window;
	w->base_reg = mem_b;
	w->limit_reg = mem_l;
	/* A non-prefetchable window is 32-bit only: any type bit is unknown (3.2.5.8). */
	w->bad_type = (mem_b & VDISC_PCI_MEMORY_RANGE_TYPE_MASK) ||
		      (mem_l & VDISC_PCI_MEMORY_RANGE_TYPE_MASK);
	w->base = (uint64_t)(mem_b & VDISC_PCI_MEMORY_RANGE_MASK) << VDISC_PCI_MEMORY_RANGE_SHIFT;
	w->limit =
		((uint64_t)(mem_l & VDISC_PCI_MEMORY_RANGE_MASK) << VDISC_PCI_MEMORY_RANGE_SHIFT) |
		(VDISC_PCI_MEMORY_WINDOW_GRANULE - 1);
	w->enabled = w->base <= w->limit;

	w = &fn->pref_window;
	w->base_reg = pf_b;
	w->limit_reg = pf_l;
	w->bad_type = (pf_b & VDISC_PCI_PREF_RANGE_TYPE_MASK) !=
			      (pf_l & VDISC_PCI_PREF_RANGE_TYPE_MASK) ||
		      (pf_b & VDISC_PCI_PREF_RANGE_TYPE_MASK) > VDISC_PCI_PREF_RANGE_TYPE_64;
	w->is64 = (pf_b & VDISC_PCI_PREF_RANGE_TYPE_MASK) == VDISC_PCI_PREF_RANGE_TYPE_64;
	w->base = (uint64_t)(pf_b & VDISC_PCI_MEMORY_RANGE_MASK) << VDISC_PCI_MEMORY_RANGE_SHIFT;
	w->limit =
		((uint64_t)(pf_l & VDISC_PCI_MEMORY_RANGE_MASK) << VDISC_PCI_MEMORY_RANGE_SHIFT) |
		(VDISC_PCI_MEMORY_WINDOW_GRANULE - 1);
	if (w->is64) {
		w->base |= (uint64_t)vdisc_pci_cfg32(fn, VDISC_PCI_PREF_BASE_UPPER32) << 32;
		w->limit |= (uint64_t)vdisc_pci_cfg32(fn, VDISC_PCI_PREF_LIMIT_UPPER32) << 32;
	}
	w->enabled = w->base <= w->limit;
}

/* CardBus windows (PC Card 8.0): kept as read; 16-bit I/O windows ignore the upper half. */
static void hdr_decode_cardbus_(struct vdisc_pci_function *fn)
{
	struct vdisc_pci_cardbus *cb = &fn->cardbus;
	unsigned i;

	for (i = 0; i < 2; i++) {
		uint32_t step = i * VDISC_PCI_CB_WINDOW_STRIDE;

		cb->mem_base[i] = vdisc_pci_cfg32(fn, VDISC_PCI_CB_MEMORY_BASE_0 + step);
		cb->mem_limit[i] = vdisc_pci_cfg32(fn, VDISC_PCI_CB_MEMORY_LIMIT_0 + step);
		cb->io_base[i] = vdisc_pci_cfg32(fn, VDISC_PCI_CB_IO_BASE_0 + step);
		cb->io_limit[i] = vdisc_pci_cfg32(fn, VDISC_PCI_CB_IO_LIMIT_0 + step);
	}
	fn->sec_status = vdisc_pci_cfg16(fn, VDISC_PCI_CB_SEC_STATUS);
	fn->bridge_control = vdisc_pci_cfg16(fn, VDISC_PCI_CB_BRIDGE_CONTROL);
	if (fn->config_size >= VDISC_PCI_CB_HEADER_SIZE)
		cb->legacy_base = vdisc_pci_cfg16(fn, VDISC_PCI_CB_LEGACY_MODE_BASE);
}

/* The registers every layout has, and those of its own layout. */
static void hdr_decode_misc_(struct vdisc_pci_function *fn, uint8_t layout)
{
	fn->cache_line_size = vdisc_pci_cfg8(fn, VDISC_PCI_CACHE_LINE_SIZE);
	fn->latency_timer = vdisc_pci_cfg8(fn, VDISC_PCI_LATENCY_TIMER);
	fn->bist = vdisc_pci_cfg8(fn, VDISC_PCI_BIST);
	if (layout == VDISC_PCI_HEADER_NORMAL) {
		fn->min_gnt = vdisc_pci_cfg8(fn, VDISC_PCI_MIN_GNT);
		fn->max_lat = vdisc_pci_cfg8(fn, VDISC_PCI_MAX_LAT);
	} else if (layout == VDISC_PCI_HEADER_BRIDGE) {
		fn->sec_latency = vdisc_pci_cfg8(fn, VDISC_PCI_SEC_LATENCY_TIMER);
		fn->sec_status = vdisc_pci_cfg16(fn, VDISC_PCI_SEC_STATUS);
		fn->bridge_control = vdisc_pci_cfg16(fn, VDISC_PCI_BRIDGE_CONTROL);
	} else if (layout == VDISC_PCI_HEADER_CARDBUS) {
		fn->sec_latency = vdisc_pci_cfg8(fn, VDISC_PCI_CB_LATENCY_TIMER);
		hdr_decode_cardbus_(fn);
	}
}

static void hdr_decode_subsystem_(struct vdisc_pci_function *fn)
{
	uint8_t layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;
	const struct vdisc_pci_cap *cap;

	if (layout == VDISC_PCI_HEADER_NORMAL) {
		fn->subsystem_vendor_id = vdisc_pci_cfg16(fn, VDISC_PCI_SUBSYSTEM_VENDOR_ID);
		fn->subsystem_id = vdisc_pci_cfg16(fn, VDISC_PCI_SUBSYSTEM_ID);
		fn->has_subsystem = true;
	} else if (layout == VDISC_PCI_HEADER_CARDBUS &&
		   fn->config_size >= VDISC_PCI_CB_HEADER_SIZE) {
		/* As lspci: a CardBus header's subsystem ids need the 128-byte layout. */
		fn->subsystem_vendor_id = vdisc_pci_cfg16(fn, VDISC_PCI_CB_SUBSYSTEM_VENDOR_ID);
		fn->subsystem_id = vdisc_pci_cfg16(fn, VDISC_PCI_CB_SUBSYSTEM_ID);
		fn->has_subsystem = true;
	} else if (layout == VDISC_PCI_HEADER_BRIDGE) {
		/* Bridges carry their subsystem ids in the SSVID capability, if at all. */
		for (cap = fn->caps; cap; cap = cap->next)
			if (cap->id == VDISC_PCI_CAP_ID_SSVID) {
				fn->subsystem_vendor_id = vdisc_pci_cfg16(
					fn, cap->offset + VDISC_PCI_SSVID_VENDOR_ID);
				fn->subsystem_id = vdisc_pci_cfg16(
					fn, cap->offset + VDISC_PCI_SSVID_DEVICE_ID);
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

	if (!config || size < VDISC_PCI_STD_HEADER_SIZE)
		return -VDISC_EINVAL;
	memset(fn, 0, sizeof(*fn));
	fn->addr = addr;
	fn->config = config;
	fn->config_size = size;
	fn->vendor_id = vdisc_pci_cfg16(fn, VDISC_PCI_VENDOR_ID);
	fn->device_id = vdisc_pci_cfg16(fn, VDISC_PCI_DEVICE_ID);
	fn->command = vdisc_pci_cfg16(fn, VDISC_PCI_COMMAND);
	fn->status = vdisc_pci_cfg16(fn, VDISC_PCI_STATUS);
	fn->revision = vdisc_pci_cfg8(fn, VDISC_PCI_REVISION_ID);
	fn->class_code = vdisc_pci_cfg32(fn, VDISC_PCI_REVISION_ID) >> 8;
	fn->header_type = vdisc_pci_cfg8(fn, VDISC_PCI_HEADER_TYPE);
	fn->interrupt_line = vdisc_pci_cfg8(fn, VDISC_PCI_INTERRUPT_LINE);
	fn->interrupt_pin = vdisc_pci_cfg8(fn, VDISC_PCI_INTERRUPT_PIN);
	layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;
	if (layout == VDISC_PCI_HEADER_BRIDGE || layout == VDISC_PCI_HEADER_CARDBUS) {
		fn->primary_bus = vdisc_pci_cfg8(fn, VDISC_PCI_PRIMARY_BUS);
		fn->secondary_bus = vdisc_pci_cfg8(fn, VDISC_PCI_SECONDARY_BUS);
		fn->subordinate_bus = vdisc_pci_cfg8(fn, VDISC_PCI_SUBORDINATE_BUS);
	}
	if (layout == VDISC_PCI_HEADER_BRIDGE)
		hdr_decode_windows_(fn);
	hdr_decode_misc_(fn, layout);
	vdisc_pci_decode_bars_(fn);
	err = vdisc_pci_walk_caps_(fn, arena);
	if (err)
		return err;
	hdr_decode_subsystem_(fn);
	return 0;
}
