/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * Four small extended capabilities that stand alone: Device Serial Number
 * (PCI Express Base 6.0, 7.9.3), Multicast (7.9.11), TPH Requester (7.9.13)
 * and Power Budgeting (7.8.1).
 */

int vdisc_pci_decode_dsn(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 uint64_t *serial)
{
	int rc =
		vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_DSN, VDISC_PCI_DSN_SIZEOF);

	if (rc)
		return rc;
	*serial = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_DSN_LOW) |
		  (uint64_t)vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_DSN_HIGH) << 32;
	return 0;
}

static uint64_t ecmisc_cfg64_(const struct vdisc_pci_function *fn, uint32_t at)
{
	return vdisc_pci_cfg32(fn, at) | (uint64_t)vdisc_pci_cfg32(fn, at + 4) << 32;
}

/* 7.9.11: endpoints have no overlay BAR; switch and root ports do. */
static bool ecmisc_mcast_overlay_(int port_type)
{
	return port_type != VDISC_PCI_EXP_TYPE_ENDPOINT && port_type != VDISC_PCI_EXP_TYPE_RC_END;
}

int vdisc_pci_decode_mcast(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   int port_type, struct vdisc_pci_mcast *out)
{
	unsigned len =
		ecmisc_mcast_overlay_(port_type) ? VDISC_PCI_MCAST_SIZEOF : VDISC_PCI_MCAST_OVL_BAR;
	int rc = vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_MCAST, len);
	uint16_t at;

	if (rc)
		return rc;
	at = cap->offset;
	memset(out, 0, sizeof(*out));
	out->cap = vdisc_pci_cfg16(fn, at + VDISC_PCI_MCAST_CAP);
	out->ctrl = vdisc_pci_cfg16(fn, at + VDISC_PCI_MCAST_CTRL);
	out->max_groups = (uint8_t)((out->cap & VDISC_PCI_MCAST_GROUP_MASK) + 1);
	out->num_groups = (uint8_t)((out->ctrl & VDISC_PCI_MCAST_GROUP_MASK) + 1);
	out->window_log2 =
		(uint8_t)((out->cap >> VDISC_PCI_MCAST_CAP_WIN_SHIFT) & VDISC_PCI_MCAST_GROUP_MASK);
	out->bar = ecmisc_cfg64_(fn, at + VDISC_PCI_MCAST_BAR);
	out->receive = ecmisc_cfg64_(fn, at + VDISC_PCI_MCAST_RCV);
	out->block_all = ecmisc_cfg64_(fn, at + VDISC_PCI_MCAST_BLOCK);
	out->block_untranslated = ecmisc_cfg64_(fn, at + VDISC_PCI_MCAST_BLOCK_UNTRANS);
	if (ecmisc_mcast_overlay_(port_type)) {
		out->has_overlay = true;
		out->overlay = ecmisc_cfg64_(fn, at + VDISC_PCI_MCAST_OVL_BAR);
	}
	return 0;
}

int vdisc_pci_decode_tph(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_tph *out)
{
	int rc = vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_TPH,
				      VDISC_PCI_TPH_CAP + 4);

	if (rc)
		return rc;
	out->cap = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_TPH_CAP);
	out->st_location = (uint16_t)(out->cap & VDISC_PCI_TPH_CAP_LOC_MASK);
	out->st_entries =
		(uint16_t)(((out->cap & VDISC_PCI_TPH_CAP_ST_MASK) >> VDISC_PCI_TPH_CAP_ST_SHIFT) +
			   1);
	return 0;
}

/* 7.8.1.3: base power times the scale; F0h-F2h stand for 250, 275 and 300 W at scale 1 W. */
static void ecmisc_pwr_watts_(struct vdisc_pci_pwr *out)
{
	static const uint32_t per_unit_mw[4] = {1000, 100, 10, 1};

	out->known_power = true;
	if (out->base >= VDISC_PCI_PWR_BASE_EXT && out->scale == 0) {
		unsigned ext = out->base - VDISC_PCI_PWR_BASE_EXT;

		out->known_power = ext <= 2;
		out->milliwatt = out->known_power ? (250u + 25u * ext) * 1000u : 0;
		return;
	}
	out->milliwatt = out->base * per_unit_mw[out->scale];
}

int vdisc_pci_decode_pwr(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_pwr *out)
{
	int rc =
		vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_PWR, VDISC_PCI_PWR_SIZEOF);
	uint32_t d;

	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	out->select = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_PWR_DSR);
	d = out->data = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_PWR_DATA);
	out->base = (uint8_t)(d & VDISC_PCI_PWR_DATA_BASE_MASK);
	out->scale = (uint8_t)((d >> VDISC_PCI_PWR_DATA_SCALE_SHIFT) & 0x3);
	out->pm_sub_state = (uint8_t)((d >> VDISC_PCI_PWR_DATA_PM_SUB_SHIFT) & 0x7);
	out->pm_state = (uint8_t)((d >> VDISC_PCI_PWR_DATA_PM_STATE_SHIFT) & 0x3);
	out->type = (uint8_t)((d >> VDISC_PCI_PWR_DATA_TYPE_SHIFT) & 0x7);
	out->rail = (uint8_t)((d >> VDISC_PCI_PWR_DATA_RAIL_SHIFT) & 0x7);
	out->system_allocated = (vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_PWR_CAP) &
				 VDISC_PCI_PWR_CAP_SYSTEM) != 0;
	ecmisc_pwr_watts_(out);
	return 0;
}
