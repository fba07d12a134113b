/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * PCI-X (PCI-X 2.0a): one capability id, two layouts.  A device's (7.2) has
 * a command and a status register; a bridge's (8.6.2) has the secondary
 * bus's status, its own, and split transaction control for each direction.
 */

/* Maximum outstanding split transactions: a 3-bit code (7.2.3, table 7-35). */
static const uint8_t pcix_splits_[8] = {1, 2, 3, 4, 8, 12, 16, 32};

static void pcix_where_(struct vdisc_pci_pcix *out)
{
	out->bus =
		(uint8_t)((out->status & VDISC_PCI_X_STATUS_BUS) >> VDISC_PCI_X_STATUS_BUS_SHIFT);
	out->dev = (uint8_t)((out->status & VDISC_PCI_X_STATUS_DEV_MASK) >>
			     VDISC_PCI_X_STATUS_DEV_SHIFT);
	out->fn = (uint8_t)(out->status & VDISC_PCI_X_STATUS_FN_MASK);
}

static int pcix_device_(const struct vdisc_pci_function *fn, uint16_t at,
			struct vdisc_pci_pcix *out)
{
	uint32_t st;

	out->command = vdisc_pci_cfg16(fn, at + VDISC_PCI_X_CMD);
	out->max_read = (uint16_t)(512u << ((out->command & VDISC_PCI_X_CMD_MAX_READ) >>
					    VDISC_PCI_X_CMD_MAX_READ_SHIFT));
	out->max_split = pcix_splits_[(out->command & VDISC_PCI_X_CMD_MAX_SPLIT) >>
				      VDISC_PCI_X_CMD_MAX_SPLIT_SHIFT];
	if (at + VDISC_PCI_X_STATUS + 4u > fn->config_size)
		return -VDISC_ERANGE;
	out->has_regs = true;
	st = out->status = vdisc_pci_cfg32(fn, at + VDISC_PCI_X_STATUS);
	pcix_where_(out);
	out->design_max_read = (uint16_t)(512u << ((st & VDISC_PCI_X_STATUS_MAX_READ) >>
						   VDISC_PCI_X_STATUS_MAX_READ_SHIFT));
	out->design_max_split = pcix_splits_[(st & VDISC_PCI_X_STATUS_MAX_SPLIT) >>
					     VDISC_PCI_X_STATUS_MAX_SPLIT_SHIFT];
	out->design_max_cum = (uint16_t)(8u << ((st & VDISC_PCI_X_STATUS_MAX_CUM) >>
						VDISC_PCI_X_STATUS_MAX_CUM_SHIFT));
	return 0;
}

static int pcix_bridge_(const struct vdisc_pci_function *fn, uint16_t at,
			struct vdisc_pci_pcix *out)
{
	out->bridge = true;
	out->sec_status = vdisc_pci_cfg16(fn, at + VDISC_PCI_X_BRIDGE_SSTATUS);
	out->sec_freq = (uint8_t)((out->sec_status & VDISC_PCI_X_SSTATUS_FREQ) >>
				  VDISC_PCI_X_SSTATUS_FREQ_SHIFT);
	if (at + VDISC_PCI_X_BRIDGE_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	out->has_regs = true;
	out->status = vdisc_pci_cfg32(fn, at + VDISC_PCI_X_BRIDGE_STATUS);
	pcix_where_(out);
	out->upstream = vdisc_pci_cfg32(fn, at + VDISC_PCI_X_BRIDGE_UPSTREAM);
	out->downstream = vdisc_pci_cfg32(fn, at + VDISC_PCI_X_BRIDGE_DOWNSTREAM);
	out->up_capacity = out->upstream & VDISC_PCI_X_BRIDGE_STR_CAPACITY;
	out->up_limit = (uint16_t)(out->upstream >> VDISC_PCI_X_BRIDGE_STR_LIMIT_SHIFT);
	out->down_capacity = out->downstream & VDISC_PCI_X_BRIDGE_STR_CAPACITY;
	out->down_limit = (uint16_t)(out->downstream >> VDISC_PCI_X_BRIDGE_STR_LIMIT_SHIFT);
	return 0;
}

/**
 * vdisc_pci_decode_pcix - a PCI-X capability, in the form the header type says
 *
 * A type 1 header has the bridge form; any other the device form (a CardBus
 * bridge has neither in the specification: the caller decides what to show).
 * returns: 0, -VDISC_EINVAL, or -VDISC_ERANGE with the first register only.
 */
int vdisc_pci_decode_pcix(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_pcix *out)
{
	memset(out, 0, sizeof(*out));
	if (!cap || cap->extended || cap->id != VDISC_PCI_CAP_ID_PCIX)
		return -VDISC_EINVAL;
	if (cap->offset + VDISC_PCI_CAP_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	if ((fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) == VDISC_PCI_HEADER_BRIDGE)
		return pcix_bridge_(fn, cap->offset, out);
	return pcix_device_(fn, cap->offset, out);
}
