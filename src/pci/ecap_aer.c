/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * Advanced Error Reporting (PCI Express Base 6.0, 7.8.4): the error status,
 * mask and severity registers every AER function has, and the root error
 * registers that only root ports and root complex event collectors carry
 * (7.8.4.9-7.8.4.11): on any other function those offsets hold the TLP
 * prefix log or nothing, so they are read only for those two port types.
 */

static bool ecaer_fits_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			unsigned len)
{
	return (uint32_t)cap->offset + len <= fn->config_size;
}

static void ecaer_root_(const struct vdisc_pci_function *fn, uint16_t at, struct vdisc_pci_aer *out)
{
	uint32_t src = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_ROOT_ERR_SRC);

	out->has_root = true;
	out->root_command = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_ROOT_COMMAND);
	out->root_status = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_ROOT_STATUS);
	out->root_irq = (uint8_t)((out->root_status & VDISC_PCI_ERR_ROOT_AER_IRQ) >>
				  VDISC_PCI_ERR_ROOT_AER_IRQ_SHIFT);
	/* 7.8.4.11: ERR_COR's source in the low half, ERR_FATAL/NONFATAL's in the high one. */
	out->cor_source = (uint16_t)src;
	out->uncor_source = (uint16_t)(src >> 16);
}

int vdisc_pci_decode_aer(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 int port_type, struct vdisc_pci_aer *out)
{
	uint16_t at;
	unsigned i;

	if (!fn || !cap || !out || !cap->extended || cap->id != VDISC_PCI_EXT_CAP_ID_ERR)
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	if (!ecaer_fits_(fn, cap, VDISC_PCI_ERR_SIZEOF_BASE))
		return -VDISC_ERANGE;
	at = cap->offset;
	out->has_base = true;
	out->uncor_status = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_UNCOR_STATUS);
	out->uncor_mask = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_UNCOR_MASK);
	out->uncor_severity = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_UNCOR_SEVER);
	out->cor_status = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_COR_STATUS);
	out->cor_mask = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_COR_MASK);
	out->cap_control = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_CAP);
	out->first_error = (uint8_t)(out->cap_control & VDISC_PCI_ERR_CAP_FEP_MASK);
	for (i = 0; i < VDISC_PCI_ERR_HEADER_LOG_DWORDS; i++)
		out->header_log[i] = vdisc_pci_cfg32(fn, at + VDISC_PCI_ERR_HEADER_LOG + 4 * i);
	if (port_type != VDISC_PCI_EXP_TYPE_ROOT_PORT && port_type != VDISC_PCI_EXP_TYPE_RC_EC)
		return 0;
	if (!ecaer_fits_(fn, cap, VDISC_PCI_ERR_SIZEOF_ROOT))
		return -VDISC_ERANGE;
	ecaer_root_(fn, at, out);
	return 0;
}
