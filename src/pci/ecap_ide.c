/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * Integrity and Data Encryption (PCI Express Base 6.0, 7.9.26): the capability and control
 * registers, a Link IDE Stream block per traffic class, then the Selective IDE Stream blocks,
 * each as long as its own count of address association blocks says.
 */

static int eide_header_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_ide *out)
{
	uint32_t c;

	if (!fn || !cap || !cap->extended || cap->id != VDISC_PCI_EXT_CAP_ID_IDE)
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	if (cap->offset + VDISC_PCI_IDE_LINK_STREAM > fn->config_size)
		return -VDISC_ERANGE;
	out->cap = c = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_IDE_CAP);
	out->ctrl = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_IDE_CTRL);
	/* Both counts are encoded minus one. */
	if (c & VDISC_PCI_IDE_CAP_LINK)
		out->link_streams = (uint8_t)(((c & VDISC_PCI_IDE_CAP_LINK_TC) >>
					       VDISC_PCI_IDE_CAP_LINK_TC_SHIFT) +
					      1);
	if (c & VDISC_PCI_IDE_CAP_SELECTIVE)
		out->selective_streams = (uint16_t)(((c & VDISC_PCI_IDE_CAP_SEL_NUM) >>
						     VDISC_PCI_IDE_CAP_SEL_NUM_SHIFT) +
						    1);
	return 0;
}

int vdisc_pci_decode_ide(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ide *out)
{
	unsigned i, at;
	int err = eide_header_(fn, cap, out);

	if (err)
		return err;
	for (i = 0; i < out->link_streams; i++) {
		at = cap->offset + VDISC_PCI_IDE_LINK_STREAM + 8 * i;
		if (at + 8 > fn->config_size)
			return -VDISC_ERANGE;
		out->link_ctrl[i] = vdisc_pci_cfg32(fn, at);
		out->link_status[i] = vdisc_pci_cfg32(fn, at + 4);
	}
	return 0;
}

int vdisc_pci_decode_ide_stream(const struct vdisc_pci_function *fn,
				const struct vdisc_pci_cap *cap, unsigned index,
				struct vdisc_pci_ide_stream *out)
{
	struct vdisc_pci_ide ide;
	unsigned i, at;
	int err = eide_header_(fn, cap, &ide);

	if (err)
		return err;
	if (index >= ide.selective_streams)
		return -VDISC_ENOTFOUND;
	at = cap->offset + VDISC_PCI_IDE_LINK_STREAM + 8u * ide.link_streams;
	for (i = 0;; i++) {
		if (at + VDISC_PCI_IDE_SEL_HEADER > fn->config_size)
			return -VDISC_ERANGE;
		out->offset = (uint16_t)at;
		out->cap = vdisc_pci_cfg32(fn, at);
		out->addr_blocks = (uint8_t)(out->cap & VDISC_PCI_IDE_SEL_CAP_ADDR_BLOCKS);
		if (i == index)
			break;
		at += VDISC_PCI_IDE_SEL_HEADER + VDISC_PCI_IDE_SEL_ADDR_BLOCK * out->addr_blocks;
	}
	out->ctrl = vdisc_pci_cfg32(fn, at + 4);
	out->status = vdisc_pci_cfg32(fn, at + 8);
	out->rid1 = vdisc_pci_cfg32(fn, at + 12);
	out->rid2 = vdisc_pci_cfg32(fn, at + 16);
	return 0;
}
