/* SPDX-License-Identifier: MIT */
#include "ecap_link.h"
#include "pci_internal.h"

/*
 * Decoders of the extended capabilities that manage power and the link (LTR, Secondary PCI
 * Express, L1 PM Substates, PTM, DPC), of DOE's registers and of the Vendor-Specific header
 * (PCI Express Base 6.0, 7.7-7.9).  Everything is read from the snapshot; nothing is written.
 */

/* @cap is an extended capability of @id; how many of its @n dwords after the header fit. */
static int elink_open_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
		       uint16_t id, unsigned n, uint8_t *regs)
{
	unsigned i;

	if (!fn || !cap || !cap->extended || cap->id != id)
		return -VDISC_EINVAL;
	for (i = 0; i < n && cap->offset + 4u * (i + 2) <= fn->config_size; i++)
		;
	*regs = (uint8_t)i;
	return i == n ? 0 : -VDISC_ERANGE;
}

/* 32^scale ns: LTR and the L1.2 threshold share the encoding (7.8.2.2, 7.8.3.3). */
static void elink_latency_(uint16_t value, uint8_t scale, struct vdisc_pci_latency *out)
{
	out->value = value;
	out->scale = scale;
	out->ns = (uint64_t)value << (5u * scale);
}

int vdisc_pci_decode_ltr(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ltr *out)
{
	uint8_t regs;
	int err = elink_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_LTR, 1, &regs);
	uint16_t r;

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->max_snoop_reg = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_LTR_MAX_SNOOP_LAT);
	out->max_nosnoop_reg = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_LTR_MAX_NOSNOOP_LAT);
	r = out->max_snoop_reg;
	elink_latency_(r & VDISC_PCI_LTR_VALUE_MASK,
		       (uint8_t)((r & VDISC_PCI_LTR_SCALE_MASK) >> VDISC_PCI_LTR_SCALE_SHIFT),
		       &out->max_snoop);
	r = out->max_nosnoop_reg;
	elink_latency_(r & VDISC_PCI_LTR_VALUE_MASK,
		       (uint8_t)((r & VDISC_PCI_LTR_SCALE_MASK) >> VDISC_PCI_LTR_SCALE_SHIFT),
		       &out->max_nosnoop);
	return err;
}

uint8_t vdisc_pci_link_lanes_(const struct vdisc_pci_function *fn)
{
	const struct vdisc_pci_cap *c;
	struct vdisc_pcie e;

	for (c = fn->caps; c; c = c->next)
		if (!c->extended && c->id == VDISC_PCI_CAP_ID_EXP &&
		    vdisc_pci_decode_pcie(fn, c, &e) == 0 && e.has_link)
			return e.link_max_width > VDISC_PCI_SECPCI_MAX_LANES
				       ? VDISC_PCI_SECPCI_MAX_LANES
				       : e.link_max_width;
	return 0;
}

int vdisc_pci_decode_secpci(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			    struct vdisc_pci_secpci *out)
{
	unsigned lanes, i, at;
	uint8_t regs;
	int err = elink_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_SECPCI, 2, &regs);

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->regs = regs;
	out->lnkctl3 = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_SECPCI_LNKCTL3);
	out->lane_errors = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_SECPCI_LANE_ERR);
	if (err)
		return err;
	/* Lane Equalization Control has one 16-bit entry per lane of the maximum width. */
	lanes = vdisc_pci_link_lanes_(fn);
	for (i = 0; i < lanes; i++) {
		at = cap->offset + VDISC_PCI_SECPCI_LE_CTRL + 2 * i;
		if (at + 2 > fn->config_size)
			return -VDISC_ERANGE;
		out->lane_eq[i] = vdisc_pci_cfg16(fn, at);
		out->lanes = (uint8_t)(i + 1);
	}
	return 0;
}

/* T_POWER_ON and Port T_POWER_ON: value times 2, 10 or 100 us (7.8.3.2, 7.8.3.4). */
static void elink_pwr_on_(uint8_t scale, uint8_t value, struct vdisc_pci_pwr_on *out)
{
	static const uint8_t unit_us[VDISC_PCI_L1SS_PWR_ON_SCALE_MAX + 1] = {2, 10, 100};

	out->scale = scale;
	out->value = value;
	out->us = scale <= VDISC_PCI_L1SS_PWR_ON_SCALE_MAX ? (int32_t)unit_us[scale] * value : -1;
}

int vdisc_pci_decode_l1ss(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_l1ss *out)
{
	uint8_t regs;
	int err = elink_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_L1SS, 3, &regs);
	uint32_t v;

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->regs = regs;
	out->cap = v = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_L1SS_CAP);
	out->l1_2 = (v & (VDISC_PCI_L1SS_CAP_PCIPM_L1_2 | VDISC_PCI_L1SS_CAP_ASPM_L1_2)) != 0;
	out->port_cm_restore_us = (uint8_t)((v & VDISC_PCI_L1SS_CAP_CM_RESTORE_TIME) >>
					    VDISC_PCI_L1SS_CAP_CM_RESTORE_SHIFT);
	elink_pwr_on_((uint8_t)((v & VDISC_PCI_L1SS_CAP_P_PWR_ON_SCALE) >>
				VDISC_PCI_L1SS_CAP_P_PWR_ON_SCALE_SHIFT),
		      (uint8_t)((v & VDISC_PCI_L1SS_CAP_P_PWR_ON_VALUE) >>
				VDISC_PCI_L1SS_CAP_P_PWR_ON_VALUE_SHIFT),
		      &out->port_pwr_on);
	out->ctl1 = v = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_L1SS_CTL1);
	out->cm_restore_us = (uint8_t)((v & VDISC_PCI_L1SS_CTL1_CM_RESTORE_TIME) >>
				       VDISC_PCI_L1SS_CTL1_CM_RESTORE_SHIFT);
	elink_latency_((uint16_t)((v & VDISC_PCI_L1SS_CTL1_LTR_L12_TH_VALUE) >>
				  VDISC_PCI_L1SS_CTL1_LTR_L12_TH_VALUE_SHIFT),
		       (uint8_t)((v & VDISC_PCI_L1SS_CTL1_LTR_L12_TH_SCALE) >>
				 VDISC_PCI_L1SS_CTL1_LTR_L12_TH_SCALE_SHIFT),
		       &out->ltr_l12_threshold);
	out->ctl2 = v = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_L1SS_CTL2);
	elink_pwr_on_((uint8_t)(v & VDISC_PCI_L1SS_CTL2_T_PWR_ON_SCALE),
		      (uint8_t)((v & VDISC_PCI_L1SS_CTL2_T_PWR_ON_VALUE) >>
				VDISC_PCI_L1SS_CTL2_T_PWR_ON_VALUE_SHIFT),
		      &out->pwr_on);
	return err;
}

int vdisc_pci_decode_ptm(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ptm *out)
{
	uint8_t regs;
	int err = elink_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_PTM, 2, &regs);

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->regs = regs;
	out->cap = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_PTM_CAP);
	out->ctrl = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_PTM_CTRL);
	/* The control's Effective Granularity sits where the capability's Local one does. */
	out->clock_granularity = (uint8_t)((out->cap & VDISC_PCI_PTM_GRANULARITY_MASK) >>
					   VDISC_PCI_PTM_GRANULARITY_SHIFT);
	out->effective_granularity = (uint8_t)((out->ctrl & VDISC_PCI_PTM_GRANULARITY_MASK) >>
					       VDISC_PCI_PTM_GRANULARITY_SHIFT);
	return err;
}

int vdisc_pci_decode_dpc(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_dpc *out)
{
	uint8_t regs;
	int err = elink_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_DPC, 2, &regs);
	uint16_t v;

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->regs = regs;
	out->cap = v = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_EXP_DPC_CAP);
	out->irq = v & VDISC_PCI_EXP_DPC_IRQ;
	/* PCIe 6.0 widened RP PIO Log Size to five bits, the fifth at bit 13 (7.9.14.2). */
	out->rp_pio_log_size = (uint8_t)(((v & VDISC_PCI_EXP_DPC_RP_PIO_LOG_SIZE) >>
					  VDISC_PCI_EXP_DPC_RP_PIO_LOG_SIZE_SHIFT) |
					 ((v & VDISC_PCI_EXP_DPC_RP_PIO_LOG_SIZE4) ? 0x10 : 0));
	out->ctl = v = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_EXP_DPC_CTL);
	out->trigger_enable = v & VDISC_PCI_EXP_DPC_CTL_TRIGGER;
	out->status = v = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_EXP_DPC_STATUS);
	out->trigger_reason = (uint8_t)((v & VDISC_PCI_EXP_DPC_STATUS_TRIGGER_RSN) >>
					VDISC_PCI_EXP_DPC_STATUS_TRIGGER_RSN_SHIFT);
	out->trigger_reason_ext = (uint8_t)((v & VDISC_PCI_EXP_DPC_STATUS_TRIGGER_RSN_EXT) >>
					    VDISC_PCI_EXP_DPC_STATUS_TRIGGER_RSN_EXT_SHIFT);
	out->rp_pio_fep =
		(uint8_t)((v & VDISC_PCI_EXP_DPC_RP_PIO_FEP) >> VDISC_PCI_EXP_DPC_RP_PIO_FEP_SHIFT);
	out->source_id = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_EXP_DPC_SOURCE_ID);
	return err;
}

int vdisc_pci_decode_doe(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_doe *out)
{
	uint8_t regs;
	int err = elink_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_DOE, 3, &regs);

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	out->regs = regs;
	out->cap = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_DOE_CAP);
	out->ctrl = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_DOE_CTRL);
	out->status = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_DOE_STATUS);
	out->irq = (uint16_t)((out->cap & VDISC_PCI_DOE_CAP_INT_MSG_NUM) >>
			      VDISC_PCI_DOE_CAP_INT_MSG_SHIFT);
	return err;
}

int vdisc_pci_decode_vsec(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_vsec *out)
{
	uint8_t regs;
	int err = elink_open_(fn, cap, VDISC_PCI_EXT_CAP_ID_VNDR, 1, &regs);
	uint32_t h;

	if (err == -VDISC_EINVAL)
		return err;
	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	h = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_VNDR_HEADER);
	out->id = (uint16_t)(h & VDISC_PCI_VSEC_ID_MASK);
	out->rev = (uint8_t)((h >> VDISC_PCI_VSEC_REV_SHIFT) & VDISC_PCI_VSEC_REV_MASK);
	out->len = (uint16_t)((h >> VDISC_PCI_VSEC_LEN_SHIFT) & VDISC_PCI_VSEC_LEN_MASK);
	return 0;
}
