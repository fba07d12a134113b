/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * The Resizable BAR and VF Resizable BAR capabilities (PCI Express Base 6.0, 7.8.6 and
 * 9.3.7.5): the same layout, a list of {capability, control} pairs, one per resizable BAR.
 */

/* Supported sizes: capability bits 4..31 are 1 MB..128 TB, control bits 16..31 go on to 8 EB. */
static uint64_t erebar_supported_(uint32_t cap, uint32_t ctrl)
{
	return (uint64_t)(cap >> VDISC_PCI_REBAR_CAP_SIZES_SHIFT) |
	       (uint64_t)(ctrl >> VDISC_PCI_REBAR_CTRL_EXT_SIZES_SHIFT)
		       << (32 - VDISC_PCI_REBAR_CAP_SIZES_SHIFT);
}

static void erebar_entry_(const struct vdisc_pci_function *fn, unsigned at,
			  struct vdisc_pci_rebar_entry *e)
{
	e->cap = vdisc_pci_cfg32(fn, at);
	e->ctrl = vdisc_pci_cfg32(fn, at + VDISC_PCI_REBAR_CTRL - VDISC_PCI_REBAR_CAP);
	e->bar = (uint8_t)(e->ctrl & VDISC_PCI_REBAR_CTRL_BAR_IDX);
	e->current_size = (uint8_t)((e->ctrl & VDISC_PCI_REBAR_CTRL_SIZE_FIELD) >>
				    VDISC_PCI_REBAR_CTRL_BAR_SHIFT);
	e->supported = erebar_supported_(e->cap, e->ctrl);
}

int vdisc_pci_decode_rebar(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_rebar *out)
{
	unsigned i, n = 1, at;

	if (!fn || !cap || !cap->extended ||
	    (cap->id != VDISC_PCI_EXT_CAP_ID_REBAR && cap->id != VDISC_PCI_EXT_CAP_ID_VF_REBAR))
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	out->vf = cap->id == VDISC_PCI_EXT_CAP_ID_VF_REBAR;
	for (i = 0; i < n; i++) {
		at = cap->offset + VDISC_PCI_REBAR_CAP + i * VDISC_PCI_REBAR_ENTRY_SIZE;
		if (at + VDISC_PCI_REBAR_ENTRY_SIZE > fn->config_size)
			return -VDISC_ERANGE;
		erebar_entry_(fn, at, &out->entry[i]);
		if (i == 0) {
			/* Only the first control register carries the count (7.8.6.3). */
			out->nbars =
				(uint8_t)((out->entry[0].ctrl & VDISC_PCI_REBAR_CTRL_NBAR_MASK) >>
					  VDISC_PCI_REBAR_CTRL_NBAR_SHIFT);
			out->nbars_invalid =
				out->nbars < 1 || out->nbars > VDISC_PCI_REBAR_MAX_BARS;
			if (out->nbars_invalid)
				return 0;
			n = out->nbars;
		}
		out->count = (uint8_t)(i + 1);
	}
	return 0;
}
