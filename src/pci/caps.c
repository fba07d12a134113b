/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * Capability lists, walked the way lspci walks them (ls-caps.c, ls-ecaps.c)
 * so that our offsets agree with it, with its distrust of hardware: a
 * visited map stops loops, id 0xff is a broken chain.  We are stricter in
 * one place: a pointer into the header (below 0x40, or below 0x100 for the
 * extended list) is broken, where lspci would read the header as a capability.
 */

/*
 * The visited maps are bitmaps (a bit per possible offset: 32 bytes for the standard list, 128
 * for the extended one), so the walks stay small on a boot stack.  lspci counts visits in a
 * byte each and stops at the second one; a test-and-set bit stops at the same place.
 */
static bool caps_seen_(uint8_t *map, uint32_t slot)
{
	uint8_t bit = (uint8_t)(1u << (slot % 8));
	bool seen = (map[slot / 8] & bit) != 0;

	map[slot / 8] |= bit;
	return seen;
}

/* A NULL @arena keeps nothing: the walk only looks (vdisc_pci_cfg_express_). */
static int caps_add_cap_(struct vdisc_arena *arena, struct vdisc_pci_cap ***tail, uint16_t offset,
			 uint16_t id, uint8_t version, bool extended)
{
	struct vdisc_pci_cap *cap;

	if (!arena)
		return 0;
	cap = VDISC_ARENA_NEW(arena, struct vdisc_pci_cap, 1);
	if (!cap)
		return -VDISC_ENOMEM;
	cap->offset = offset;
	cap->id = id;
	cap->version = version;
	cap->extended = extended;
	**tail = cap;
	*tail = &cap->next;
	return 0;
}

static int caps_walk_standard_(struct vdisc_pci_function *fn, struct vdisc_arena *arena,
			       bool *express)
{
	struct vdisc_pci_cap **tail = &fn->caps;
	uint8_t been_there[VDISC_PCI_CONFIG_SIZE / 8];
	uint8_t ptr_reg =
		(fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) == VDISC_PCI_HEADER_CARDBUS
			? VDISC_PCI_CB_CAPABILITY_LIST
			: VDISC_PCI_CAPABILITY_LIST;
	uint32_t where;

	if (!(fn->status & VDISC_PCI_STATUS_CAP_LIST))
		return 0;
	memset(been_there, 0, sizeof(been_there));
	for (where = vdisc_pci_cfg8(fn, ptr_reg) & VDISC_PCI_CAP_PTR_MASK; where;
	     where = vdisc_pci_cfg8(fn, where + VDISC_PCI_CAP_LIST_NEXT) & VDISC_PCI_CAP_PTR_MASK) {
		uint8_t id;

		if (where + 4 > fn->config_size) {
			fn->caps_problem = VDISC_PCI_CHAIN_OUT_OF_RANGE;
			break;
		}
		if (where < VDISC_PCI_STD_HEADER_SIZE) {
			fn->caps_problem = VDISC_PCI_CHAIN_BROKEN;
			break;
		}
		if (caps_seen_(been_there, where)) {
			fn->caps_problem = VDISC_PCI_CHAIN_LOOP;
			break;
		}
		id = vdisc_pci_cfg8(fn, where + VDISC_PCI_CAP_LIST_ID);
		if (id == VDISC_PCI_CAP_ID_BROKEN) {
			fn->caps_problem = VDISC_PCI_CHAIN_BROKEN;
			break;
		}
		if (caps_add_cap_(arena, &tail, (uint16_t)where, id, 0, false) != 0)
			return -VDISC_ENOMEM;
		/* Only PCI Express and PCI-X 2.0 functions have an extended space to walk. */
		if (id == VDISC_PCI_CAP_ID_EXP || id == VDISC_PCI_CAP_ID_PCIX)
			*express = true;
	}
	return 0;
}

static int caps_walk_extended_(struct vdisc_pci_function *fn, struct vdisc_arena *arena)
{
	struct vdisc_pci_cap **tail = &fn->ecaps;
	uint8_t been_there[VDISC_PCIE_CONFIG_SIZE / 4 / 8];
	uint32_t where = VDISC_PCI_EXT_CAP_START;

	memset(been_there, 0, sizeof(been_there));
	while (where) {
		uint32_t header;

		if (where + 4 > fn->config_size)
			break;
		if (where < VDISC_PCI_EXT_CAP_START) {
			fn->ecaps_problem = VDISC_PCI_CHAIN_BROKEN;
			break;
		}
		header = vdisc_pci_cfg32(fn, where);
		if (header == 0 || header == 0xffffffff)
			break;
		if (caps_seen_(been_there, where / 4)) {
			fn->ecaps_problem = VDISC_PCI_CHAIN_LOOP;
			break;
		}
		if (caps_add_cap_(arena, &tail, (uint16_t)where,
				  (uint16_t)VDISC_PCI_EXT_CAP_ID(header),
				  (uint8_t)VDISC_PCI_EXT_CAP_VERSION(header), true) != 0)
			return -VDISC_ENOMEM;
		where = VDISC_PCI_EXT_CAP_NEXT(header);
	}
	return 0;
}

int vdisc_pci_walk_caps_(struct vdisc_pci_function *fn, struct vdisc_arena *arena)
{
	bool express = false;
	int err = caps_walk_standard_(fn, arena, &express);

	if (!err && express)
		err = caps_walk_extended_(fn, arena);
	return err;
}

bool vdisc_pci_cfg_express_(const uint8_t *config, uint16_t size,
			    struct vdisc_pci_function *scratch)
{
	bool express = false;

	memset(scratch, 0, sizeof(*scratch));
	scratch->config = config;
	scratch->config_size = size;
	scratch->status = vdisc_pci_cfg16(scratch, VDISC_PCI_STATUS);
	scratch->header_type = vdisc_pci_cfg8(scratch, VDISC_PCI_HEADER_TYPE);
	caps_walk_standard_(scratch, NULL, &express);
	return express;
}

int vdisc_pci_cap_check_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 bool extended, uint16_t id, unsigned len)
{
	if (!fn || !cap || cap->extended != extended || cap->id != id)
		return -VDISC_EINVAL;
	return (uint32_t)cap->offset + len <= fn->config_size ? 0 : -VDISC_ERANGE;
}
