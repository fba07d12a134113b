/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * Virtual Channel (PCI Express Base 6.0, 7.9.1; id 2, or 9 when the function
 * also has an MFVC capability) and Multi-Function Virtual Channel (7.9.2),
 * whose registers sit at the same offsets: the port registers, then one
 * 12-byte resource per VC.  The arbitration table offsets are in 16-byte
 * units from the capability's start (7.9.1.3, 7.9.1.6).
 */

static bool ecvc_is_vc_(const struct vdisc_pci_cap *cap)
{
	return cap->extended &&
	       (cap->id == VDISC_PCI_EXT_CAP_ID_VC || cap->id == VDISC_PCI_EXT_CAP_ID_VC9 ||
		cap->id == VDISC_PCI_EXT_CAP_ID_MFVC);
}

static void ecvc_port_(const struct vdisc_pci_function *fn, uint16_t at, struct vdisc_pci_vc *out)
{
	uint32_t c1 = vdisc_pci_cfg32(fn, at + VDISC_PCI_VC_PORT_CAP1);
	uint32_t c2 = vdisc_pci_cfg32(fn, at + VDISC_PCI_VC_PORT_CAP2);

	out->has_port = true;
	out->port_cap1 = c1;
	out->port_cap2 = c2;
	out->port_ctrl = vdisc_pci_cfg16(fn, at + VDISC_PCI_VC_PORT_CTRL);
	out->port_status = vdisc_pci_cfg16(fn, at + VDISC_PCI_VC_PORT_STATUS);
	out->vc_count = (uint8_t)((c1 & VDISC_PCI_VC_CAP1_EVCC) + 1);
	out->low_prio_count =
		(uint8_t)((c1 & VDISC_PCI_VC_CAP1_LPEVCC) >> VDISC_PCI_VC_CAP1_LPEVCC_SHIFT);
	out->ref_clock =
		(uint8_t)((c1 & VDISC_PCI_VC_CAP1_REFCLK) >> VDISC_PCI_VC_CAP1_REFCLK_SHIFT);
	out->port_arb_entry_bits = (uint8_t)(1u << ((c1 & VDISC_PCI_VC_CAP1_ARB_SIZE) >>
						    VDISC_PCI_VC_CAP1_ARB_SIZE_SHIFT));
	out->vc_arb_table = (uint16_t)(16u * ((c2 & VDISC_PCI_VC_CAP2_ARB_OFF) >>
					      VDISC_PCI_VC_CAP2_ARB_OFF_SHIFT));
}

static void ecvc_res_(const struct vdisc_pci_function *fn, uint32_t at, struct vdisc_pci_vc_res *r)
{
	r->readable = true;
	r->cap = vdisc_pci_cfg32(fn, at);
	r->ctrl = vdisc_pci_cfg32(fn, at + (VDISC_PCI_VC_RES_CTRL - VDISC_PCI_VC_RES_CAP));
	r->status = vdisc_pci_cfg16(fn, at + (VDISC_PCI_VC_RES_STATUS - VDISC_PCI_VC_RES_CAP));
	r->port_arb_table = (uint16_t)(16u * ((r->cap & VDISC_PCI_VC_RES_CAP_ARB_OFF) >>
					      VDISC_PCI_VC_RES_CAP_ARB_OFF_SHIFT));
	r->max_time_slots = (uint8_t)(((r->cap & VDISC_PCI_VC_RES_CAP_SLOTS) >>
				       VDISC_PCI_VC_RES_CAP_SLOTS_SHIFT) +
				      1);
	r->id = (uint8_t)((r->ctrl & VDISC_PCI_VC_RES_CTRL_ID) >> VDISC_PCI_VC_RES_CTRL_ID_SHIFT);
	r->tc_map = (uint8_t)(r->ctrl & VDISC_PCI_VC_RES_CTRL_TC_MAP);
	r->enabled = (r->ctrl & VDISC_PCI_VC_RES_CTRL_ENABLE) != 0;
}

int vdisc_pci_decode_vc(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_vc *out)
{
	int rc = 0;
	unsigned i;

	if (!fn || !cap || !out || !ecvc_is_vc_(cap))
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	if ((uint32_t)cap->offset + VDISC_PCI_VC_PORT_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	ecvc_port_(fn, cap->offset, out);
	for (i = 0; i < out->vc_count; i++) {
		uint32_t at = cap->offset + VDISC_PCI_VC_RES_CAP + VDISC_PCI_VC_RES_SIZEOF * i;

		if (at + VDISC_PCI_VC_RES_SIZEOF > fn->config_size)
			rc = -VDISC_ERANGE;
		else
			ecvc_res_(fn, at, &out->res[i]);
	}
	return rc;
}
