/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * HyperTransport (HyperTransport I/O Link 3.10, 7): one capability id for
 * many blocks.  The command register's top three bits pick a slave/primary
 * or host/secondary interface block; otherwise its top five bits name the
 * block type.  Only the interface blocks and MSI mapping carry registers
 * worth reading beyond the command.
 */

static void ht_link_(const struct vdisc_pci_function *fn, unsigned ctl, unsigned freq, unsigned cap,
		     struct vdisc_pci_ht_link *l)
{
	l->control = vdisc_pci_cfg16(fn, ctl);
	l->config = vdisc_pci_cfg16(fn, ctl + 2);
	l->freq_err = vdisc_pci_cfg8(fn, freq);
	l->freq_cap = vdisc_pci_cfg16(fn, cap);
}

/* 7.5: the slave interface has a link to each side, hence two of everything. */
static int ht_primary_(const struct vdisc_pci_function *fn, uint16_t at, struct vdisc_pci_ht *out)
{
	out->kind = VDISC_PCI_HT_PRIMARY;
	if (at + VDISC_PCI_HT_PRI_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	out->has_regs = true;
	out->revision = vdisc_pci_cfg8(fn, at + VDISC_PCI_HT_PRI_RID);
	ht_link_(fn, at + VDISC_PCI_HT_PRI_LCTR0, at + VDISC_PCI_HT_PRI_LFRER0,
		 at + VDISC_PCI_HT_PRI_LFCAP0, &out->link[0]);
	ht_link_(fn, at + VDISC_PCI_HT_PRI_LCTR1, at + VDISC_PCI_HT_PRI_LFRER1,
		 at + VDISC_PCI_HT_PRI_LFCAP1, &out->link[1]);
	out->feature = vdisc_pci_cfg8(fn, at + VDISC_PCI_HT_PRI_FTR);
	out->error_handling = vdisc_pci_cfg16(fn, at + VDISC_PCI_HT_PRI_EH);
	out->mem_base_upper = vdisc_pci_cfg8(fn, at + VDISC_PCI_HT_PRI_MBU);
	out->mem_limit_upper = vdisc_pci_cfg8(fn, at + VDISC_PCI_HT_PRI_MLU);
	out->bus_number = vdisc_pci_cfg8(fn, at + VDISC_PCI_HT_PRI_BN);
	return 0;
}

/* 7.4: the host interface has one link; error handling only with the extended set. */
static int ht_secondary_(const struct vdisc_pci_function *fn, uint16_t at, struct vdisc_pci_ht *out)
{
	out->kind = VDISC_PCI_HT_SECONDARY;
	if (at + VDISC_PCI_HT_SEC_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	out->has_regs = true;
	out->revision = vdisc_pci_cfg8(fn, at + VDISC_PCI_HT_SEC_RID);
	ht_link_(fn, at + VDISC_PCI_HT_SEC_LCTR, at + VDISC_PCI_HT_SEC_LFRER,
		 at + VDISC_PCI_HT_SEC_LFCAP, &out->link[0]);
	out->feature = vdisc_pci_cfg16(fn, at + VDISC_PCI_HT_SEC_FTR);
	out->error_handling = vdisc_pci_cfg16(fn, at + VDISC_PCI_HT_SEC_EH);
	out->mem_base_upper = vdisc_pci_cfg8(fn, at + VDISC_PCI_HT_SEC_MBU);
	out->mem_limit_upper = vdisc_pci_cfg8(fn, at + VDISC_PCI_HT_SEC_MLU);
	return 0;
}

/* 7.13: a mapping that is not fixed at 0xfee00000 gives its address, bits 63..20. */
static int ht_msi_map_(const struct vdisc_pci_function *fn, uint16_t at, struct vdisc_pci_ht *out)
{
	if (out->command & VDISC_PCI_HT_MSIM_CMD_FIXD)
		return 0;
	if (at + VDISC_PCI_HT_MSIM_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	out->has_address = true;
	out->msi_address = (uint64_t)vdisc_pci_cfg32(fn, at + VDISC_PCI_HT_MSIM_ADDR_HI) << 32 |
			   (vdisc_pci_cfg32(fn, at + VDISC_PCI_HT_MSIM_ADDR_LO) &
			    VDISC_PCI_HT_MSIM_ADDR_LO_MASK);
	return 0;
}

int vdisc_pci_decode_ht(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_ht *out)
{
	uint16_t cmd;

	memset(out, 0, sizeof(*out));
	if (!cap || cap->extended || cap->id != VDISC_PCI_CAP_ID_HT)
		return -VDISC_EINVAL;
	if (cap->offset + VDISC_PCI_CAP_SIZEOF > fn->config_size)
		return -VDISC_ERANGE;
	cmd = out->command = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_HT_CMD);
	out->type = (uint8_t)((cmd & VDISC_PCI_HT_CMD_TYP) >> VDISC_PCI_HT_CMD_TYP_SHIFT);
	switch (cmd & VDISC_PCI_HT_CMD_TYP_HI) {
	case VDISC_PCI_HT_CMD_TYP_HI_PRI:
		return ht_primary_(fn, cap->offset, out);
	case VDISC_PCI_HT_CMD_TYP_HI_SEC:
		return ht_secondary_(fn, cap->offset, out);
	default:
		break;
	}
	out->kind = VDISC_PCI_HT_OTHER;
	if (out->type == VDISC_PCI_HT_TYPE_REV_ID)
		out->revision = (uint8_t)cmd; /* the revision block keeps it in the command */
	if (out->type == VDISC_PCI_HT_TYPE_MSI_MAP)
		return ht_msi_map_(fn, cap->offset, out);
	return 0;
}
