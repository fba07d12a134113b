/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/* Field decoders for the capabilities every PCI person asks about first. */

static bool capdec_fits_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 uint16_t id, unsigned len)
{
	return cap && !cap->extended && cap->id == id && cap->offset + len <= fn->config_size;
}

int vdisc_pci_decode_pm(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_pm *out)
{
	uint16_t pmc, pmcsr;

	if (!capdec_fits_(fn, cap, VDISC_PCI_CAP_ID_PM, VDISC_PCI_PM_SIZEOF))
		return -VDISC_EINVAL;
	pmc = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_PM_PMC);
	pmcsr = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_PM_CTRL);
	memset(out, 0, sizeof(*out));
	out->version = pmc & VDISC_PCI_PM_PMC_VERSION_MASK;
	out->d1 = (pmc & VDISC_PCI_PM_PMC_D1) != 0;
	out->d2 = (pmc & VDISC_PCI_PM_PMC_D2) != 0;
	out->pme_states = (uint8_t)(pmc >> VDISC_PCI_PM_PMC_PME_SHIFT);
	out->power_state = pmcsr & VDISC_PCI_PM_CTRL_STATE_MASK;
	out->no_soft_reset = (pmcsr & VDISC_PCI_PM_CTRL_NO_SOFT_RESET) != 0;
	out->pme_enabled = (pmcsr & VDISC_PCI_PM_CTRL_PME_ENABLE) != 0;
	out->pme_status = (pmcsr & VDISC_PCI_PM_CTRL_PME_STATUS) != 0;
	return 0;
}

static uint8_t capdec_msi_count_(unsigned log2)
{
	log2 &= VDISC_PCI_MSI_FLAGS_LOG2_MASK;
	return (uint8_t)(1u << (log2 > VDISC_PCI_MSI_FLAGS_LOG2_MAX ? VDISC_PCI_MSI_FLAGS_LOG2_MAX
								    : log2));
}

int vdisc_pci_decode_msi(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_msi *out)
{
	uint16_t ctrl, at;
	unsigned len;

	if (!capdec_fits_(fn, cap, VDISC_PCI_CAP_ID_MSI, VDISC_PCI_MSI_MIN_SIZEOF))
		return -VDISC_EINVAL;
	ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_MSI_FLAGS);
	memset(out, 0, sizeof(*out));
	out->enabled = (ctrl & VDISC_PCI_MSI_FLAGS_ENABLE) != 0;
	out->is64 = (ctrl & VDISC_PCI_MSI_FLAGS_64BIT) != 0;
	out->per_vector_mask = (ctrl & VDISC_PCI_MSI_FLAGS_MASKBIT) != 0;
	/* Multiple Message Capable/Enable are log2 counts; 6 and 7 are reserved. */
	out->vectors_capable = capdec_msi_count_(ctrl >> VDISC_PCI_MSI_FLAGS_QMASK_SHIFT);
	out->vectors_enabled = capdec_msi_count_(ctrl >> VDISC_PCI_MSI_FLAGS_QSIZE_SHIFT);
	len = (out->is64 ? VDISC_PCI_MSI_SIZEOF_64 : VDISC_PCI_MSI_SIZEOF_32) +
	      (out->per_vector_mask ? VDISC_PCI_MSI_MASK_EXTRA : 0);
	if (cap->offset + len > fn->config_size)
		return -VDISC_EINVAL;
	out->address = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_MSI_ADDRESS_LO);
	if (out->is64)
		out->address |=
			(uint64_t)vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_MSI_ADDRESS_HI) << 32;
	at = cap->offset + (out->is64 ? VDISC_PCI_MSI_DATA_64 : VDISC_PCI_MSI_DATA_32);
	out->data = vdisc_pci_cfg16(fn, at);
	if (out->per_vector_mask) {
		out->mask = vdisc_pci_cfg32(fn, at + VDISC_PCI_MSI_DATA_TO_MASK);
		out->pending = vdisc_pci_cfg32(fn, at + VDISC_PCI_MSI_DATA_TO_PENDING);
	}
	return 0;
}

int vdisc_pci_decode_msix(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_msix *out)
{
	uint16_t ctrl;
	uint32_t table, pba;

	if (!capdec_fits_(fn, cap, VDISC_PCI_CAP_ID_MSIX, VDISC_PCI_MSIX_SIZEOF))
		return -VDISC_EINVAL;
	ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_MSIX_FLAGS);
	table = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_MSIX_TABLE);
	pba = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_MSIX_PBA);
	memset(out, 0, sizeof(*out));
	out->table_size = (uint16_t)((ctrl & VDISC_PCI_MSIX_FLAGS_QSIZE) + 1);
	out->function_mask = (ctrl & VDISC_PCI_MSIX_FLAGS_MASKALL) != 0;
	out->enabled = (ctrl & VDISC_PCI_MSIX_FLAGS_ENABLE) != 0;
	out->table_bar = table & VDISC_PCI_MSIX_BIR_MASK;
	out->table_offset = table & ~VDISC_PCI_MSIX_BIR_MASK;
	out->pba_bar = pba & VDISC_PCI_MSIX_BIR_MASK;
	out->pba_offset = pba & ~VDISC_PCI_MSIX_BIR_MASK;
	return 0;
}
