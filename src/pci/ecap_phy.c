/* SPDX-License-Identifier: MIT */
#include "ecap_link.h"
#include "pci_internal.h"

/*
 * The physical layer's extended capabilities (PCI Express Base 6.0): Data Link Feature
 * (7.7.4), Physical Layer 16.0 and 32.0 GT/s (7.7.5, 7.7.6), Lane Margining at the Receiver
 * (7.7.7), and Native PCIe Enclosure Management (7.9.19).  lspci 3.9 names these without
 * decoding them; the structures are for callers that want the registers.
 */

/* @cap is an extended capability of @id; @len bytes of it must be in the snapshot. */
static int ephy_open_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
		      uint16_t id, unsigned len, uint8_t *regs)
{
	unsigned n = 0;

	if (!fn || !cap || !cap->extended || cap->id != id)
		return -VDISC_EINVAL;
	while (4 + 4 * (n + 1) <= len && cap->offset + 4u * (n + 2) <= fn->config_size)
		n++;
	*regs = (uint8_t)n;
	return cap->offset + len <= fn->config_size ? 0 : -VDISC_ERANGE;
}

int vdisc_pci_decode_dlf(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_dlf *out)
{
	uint8_t regs;
	int err = ephy_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_DLF, VDISC_PCI_DLF_SIZEOF, &regs);

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->regs = regs;
	out->cap = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_DLF_CAP);
	out->status = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_DLF_STATUS);
	return err;
}

/* One byte a lane from 0x20 on, for the link's maximum width (7.7.5.9, 7.7.6.9). */
static int ephy_lane_eq_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_pl *out)
{
	unsigned lanes = vdisc_pci_link_lanes_(fn), i;
	unsigned at = cap->offset + VDISC_PCI_PL_16GT_LE_CTRL;

	for (i = 0; i < lanes; i++) {
		if (at + i + 1 > fn->config_size)
			return -VDISC_ERANGE;
		out->lane_eq[i] = vdisc_pci_cfg8(fn, at + i);
		out->lanes = (uint8_t)(i + 1);
	}
	return 0;
}

int vdisc_pci_decode_pl(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_pl *out)
{
	uint8_t regs;
	bool gt32 = cap && cap->id == VDISC_PCI_EXT_CAP_ID_PL_32GT;
	int err = ephy_open_(fn, cap,
			     gt32 ? VDISC_PCI_EXT_CAP_ID_PL_32GT : VDISC_PCI_EXT_CAP_ID_PL_16GT,
			     VDISC_PCI_PL_SIZEOF_MIN, &regs);
	unsigned o;

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->gt32 = gt32;
	out->regs = regs;
	o = cap->offset;
	out->cap = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_16GT_CAP);
	out->ctrl = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_16GT_CTRL);
	out->status = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_16GT_STATUS);
	if (gt32) {
		out->rx_mts[0] = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_32GT_RX_MTS1);
		out->rx_mts[1] = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_32GT_RX_MTS2);
		out->tx_mts[0] = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_32GT_TX_MTS1);
		out->tx_mts[1] = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_32GT_TX_MTS2);
	} else {
		out->parity[0] = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_16GT_LDPM);
		out->parity[1] = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_16GT_FRDPM);
		out->parity[2] = vdisc_pci_cfg32(fn, o + VDISC_PCI_PL_16GT_SRDPM);
	}
	return err ? err : ephy_lane_eq_(fn, cap, out);
}

int vdisc_pci_decode_lmr(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_lmr *out)
{
	uint8_t regs;
	int err = ephy_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_LMR, VDISC_PCI_LMR_SIZEOF_MIN, &regs);
	unsigned lanes, i, at;

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->regs = regs;
	out->port_cap = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_LMR_PORT_CAP);
	out->port_status = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_LMR_PORT_STATUS);
	if (err)
		return err;
	/* A control and a status register a lane, 4 bytes together (7.7.7.4, 7.7.7.5). */
	lanes = vdisc_pci_link_lanes_(fn);
	for (i = 0; i < lanes; i++) {
		at = cap->offset + VDISC_PCI_LMR_LANE_CTRL + 4 * i;
		if (at + 4 > fn->config_size)
			return -VDISC_ERANGE;
		out->lane_ctrl[i] = vdisc_pci_cfg16(fn, at);
		out->lane_status[i] = vdisc_pci_cfg16(fn, at + 2);
		out->lanes = (uint8_t)(i + 1);
	}
	return 0;
}

int vdisc_pci_decode_npem(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_npem *out)
{
	uint8_t regs;
	int err = ephy_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_NPEM, VDISC_PCI_NPEM_SIZEOF, &regs);

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->regs = regs;
	out->cap = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_NPEM_CAP);
	out->ctrl = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_NPEM_CTRL);
	out->status = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_NPEM_STATUS);
	return err;
}
