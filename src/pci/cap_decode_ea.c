/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * Enhanced allocation (PCI Express Base 6.0, 6.9.1): fixed addresses for a
 * function's resources, as a list of variable-size entries after the
 * capability's header (and, in a bridge, after its fixed bus numbers).
 */

int vdisc_pci_decode_ea(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_ea *out)
{
	memset(out, 0, sizeof(*out));
	if (!cap || cap->extended || cap->id != VDISC_PCI_CAP_ID_EA)
		return -VDISC_EINVAL;
	if (cap->offset + VDISC_PCI_CAP_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	out->entries =
		vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_EA_NUM_ENT) & VDISC_PCI_EA_NUM_ENT_MASK;
	out->first = cap->offset + VDISC_PCI_EA_FIRST_ENT;
	if ((fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) != VDISC_PCI_HEADER_BRIDGE)
		return 0;
	out->bridge = true;
	out->first = cap->offset + VDISC_PCI_EA_FIRST_ENT_BRIDGE;
	if (cap->offset + VDISC_PCI_EA_SUB_BUS + 1u > fn->config_size)
		return -VDISC_ERANGE;
	out->has_buses = true;
	out->secondary = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_EA_SEC_BUS);
	out->subordinate = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_EA_SUB_BUS);
	return 0;
}

/* 6.9.1.2: Base and MaxOffset each say in bit 1 whether an upper dword follows. */
static void ea_fields_(const struct vdisc_pci_function *fn, struct vdisc_pci_ea_entry *e)
{
	uint32_t base = vdisc_pci_cfg32(fn, e->at + VDISC_PCI_EA_BASE);
	uint32_t max = vdisc_pci_cfg32(fn, e->at + VDISC_PCI_EA_MAX_OFFSET);
	unsigned next = e->at + VDISC_PCI_EA_MAX_OFFSET + 4;

	e->base64 = (base & VDISC_PCI_EA_IS_64) != 0;
	e->max_offset64 = (max & VDISC_PCI_EA_IS_64) != 0;
	e->base = base & VDISC_PCI_EA_FIELD_MASK;
	e->max_offset = max | ~VDISC_PCI_EA_FIELD_MASK;
	if (e->base64) {
		e->base |= (uint64_t)vdisc_pci_cfg32(fn, next) << 32;
		next += 4;
	}
	if (e->max_offset64)
		e->max_offset |= (uint64_t)vdisc_pci_cfg32(fn, next) << 32;
}

int vdisc_pci_ea_entry(const struct vdisc_pci_function *fn, uint16_t at,
		       struct vdisc_pci_ea_entry *out)
{
	uint32_t h;

	memset(out, 0, sizeof(*out));
	out->at = at;
	if (at + 4u > fn->config_size)
		return -VDISC_ERANGE;
	h = out->header = vdisc_pci_cfg32(fn, at);
	out->size = h & VDISC_PCI_EA_ES;
	out->bei = (uint8_t)((h & VDISC_PCI_EA_BEI) >> VDISC_PCI_EA_BEI_SHIFT);
	out->primary = (uint8_t)((h & VDISC_PCI_EA_PP) >> VDISC_PCI_EA_PP_SHIFT);
	out->secondary = (uint8_t)((h & VDISC_PCI_EA_SP) >> VDISC_PCI_EA_SP_SHIFT);
	out->enabled = (h & VDISC_PCI_EA_ENABLE) != 0;
	out->writable = (h & VDISC_PCI_EA_WRITABLE) != 0;
	if (at + 4u + 4u * out->size > fn->config_size)
		return -VDISC_ERANGE;
	/* Fields the entry is too short to hold read as absent (ones) or as what follows. */
	ea_fields_(fn, out);
	return at + 4 + 4 * out->size;
}
