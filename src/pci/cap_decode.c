/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/* Field decoders for the capabilities every PCI person asks about first. */

static bool capdec_fits_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 uint16_t id, unsigned len)
{
	return cap && !cap->extended && cap->id == id && cap->offset + len <= fn->config_size;
}

/* Aux_Current (PCI PM 1.2, 3.2.3): a 3-bit index into these currents, in mA. */
static const uint16_t capdec_aux_ma_[8] = {0, 55, 100, 160, 220, 270, 320, 375};

int vdisc_pci_decode_pm(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_pm *out)
{
	int err = vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_PM, VDISC_PCI_CAP_SIZEOF);
	uint16_t pmc, pmcsr;

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	pmc = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_PM_PMC);
	out->pmc = pmc;
	out->version = pmc & VDISC_PCI_PM_CAP_VER_MASK;
	out->d1 = (pmc & VDISC_PCI_PM_CAP_D1) != 0;
	out->d2 = (pmc & VDISC_PCI_PM_CAP_D2) != 0;
	out->pme_states = (uint8_t)(pmc >> VDISC_PCI_PM_CAP_PME_SHIFT);
	out->aux_current_ma = capdec_aux_ma_[(pmc & VDISC_PCI_PM_CAP_AUX_POWER) >>
					     VDISC_PCI_PM_CAP_AUX_POWER_SHIFT];
	if (!capdec_fits_(fn, cap, VDISC_PCI_CAP_ID_PM, VDISC_PCI_PM_SIZEOF))
		return -VDISC_ERANGE;
	pmcsr = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_PM_CTRL);
	out->has_ctrl = true;
	out->pmcsr = pmcsr;
	out->power_state = pmcsr & VDISC_PCI_PM_CTRL_STATE_MASK;
	out->no_soft_reset = (pmcsr & VDISC_PCI_PM_CTRL_NO_SOFT_RESET) != 0;
	out->pme_enabled = (pmcsr & VDISC_PCI_PM_CTRL_PME_ENABLE) != 0;
	out->pme_status = (pmcsr & VDISC_PCI_PM_CTRL_PME_STATUS) != 0;
	out->data_select = (uint8_t)((pmcsr & VDISC_PCI_PM_CTRL_DATA_SEL_MASK) >>
				     VDISC_PCI_PM_CTRL_DATA_SEL_SHIFT);
	out->data_scale = (uint8_t)((pmcsr & VDISC_PCI_PM_CTRL_DATA_SCALE_MASK) >>
				    VDISC_PCI_PM_CTRL_DATA_SCALE_SHIFT);
	out->bridge_ext = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_PM_PPB_EXTENSIONS);
	out->data = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_PM_DATA_REGISTER);
	return 0;
}

static uint8_t capdec_msi_count_(unsigned log2)
{
	return (uint8_t)(1u << (log2 > VDISC_PCI_MSI_FLAGS_LOG2_MAX ? VDISC_PCI_MSI_FLAGS_LOG2_MAX
								    : log2));
}

/* The message (address, data) and, with per-vector masking, mask and pending bits. */
static int capdec_msi_body_(const struct vdisc_pci_function *fn, uint16_t at,
			    struct vdisc_pci_msi *out)
{
	unsigned data = out->is64 ? VDISC_PCI_MSI_DATA_64 : VDISC_PCI_MSI_DATA_32;
	unsigned mask = out->is64 ? VDISC_PCI_MSI_MASK_64 : VDISC_PCI_MSI_MASK_32;

	if (at + data + 2u > fn->config_size)
		return -VDISC_ERANGE;
	out->has_message = true;
	out->address = vdisc_pci_cfg32(fn, at + VDISC_PCI_MSI_ADDRESS_LO);
	if (out->is64)
		out->address |= (uint64_t)vdisc_pci_cfg32(fn, at + VDISC_PCI_MSI_ADDRESS_HI) << 32;
	out->data = vdisc_pci_cfg16(fn, at + data);
	if (!out->per_vector_mask)
		return 0;
	if (at + mask + VDISC_PCI_MSI_MASK_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	out->has_mask = true;
	/* Pending follows mask in both layouts (PCI Local Bus 3.0, 6.8.1). */
	out->mask = vdisc_pci_cfg32(fn, at + mask);
	out->pending = vdisc_pci_cfg32(fn, at + mask + 4);
	return 0;
}

int vdisc_pci_decode_msi(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_msi *out)
{
	int err = vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_MSI, VDISC_PCI_CAP_SIZEOF);
	uint16_t ctrl;

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_MSI_FLAGS);
	out->flags = ctrl;
	out->enabled = (ctrl & VDISC_PCI_MSI_FLAGS_ENABLE) != 0;
	out->is64 = (ctrl & VDISC_PCI_MSI_FLAGS_64BIT) != 0;
	out->per_vector_mask = (ctrl & VDISC_PCI_MSI_FLAGS_MASKBIT) != 0;
	/* Multiple Message Capable/Enable are log2 counts; 6 and 7 are reserved. */
	out->capable_log2 =
		(uint8_t)((ctrl & VDISC_PCI_MSI_FLAGS_QMASK) >> VDISC_PCI_MSI_FLAGS_QMASK_SHIFT);
	out->enabled_log2 =
		(uint8_t)((ctrl & VDISC_PCI_MSI_FLAGS_QSIZE) >> VDISC_PCI_MSI_FLAGS_QSIZE_SHIFT);
	out->vectors_capable = capdec_msi_count_(out->capable_log2);
	out->vectors_enabled = capdec_msi_count_(out->enabled_log2);
	return capdec_msi_body_(fn, cap->offset, out);
}

int vdisc_pci_decode_msix(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_msix *out)
{
	int err = vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_MSIX, VDISC_PCI_CAP_SIZEOF);
	uint16_t ctrl;
	uint32_t table, pba;

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_MSIX_FLAGS);
	out->flags = ctrl;
	out->table_size = (uint16_t)((ctrl & VDISC_PCI_MSIX_FLAGS_QSIZE) + 1);
	out->function_mask = (ctrl & VDISC_PCI_MSIX_FLAGS_MASKALL) != 0;
	out->enabled = (ctrl & VDISC_PCI_MSIX_FLAGS_ENABLE) != 0;
	if (!capdec_fits_(fn, cap, VDISC_PCI_CAP_ID_MSIX, VDISC_PCI_CAP_MSIX_SIZEOF))
		return -VDISC_ERANGE;
	table = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_MSIX_TABLE);
	pba = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_MSIX_PBA);
	out->has_tables = true;
	out->table_bar = table & VDISC_PCI_MSIX_TABLE_BIR;
	out->table_offset = table & VDISC_PCI_MSIX_TABLE_OFFSET;
	out->pba_bar = pba & VDISC_PCI_MSIX_PBA_BIR;
	out->pba_offset = pba & VDISC_PCI_MSIX_PBA_OFFSET;
	return 0;
}
