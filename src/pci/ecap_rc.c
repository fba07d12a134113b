/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * The root complex's topology as a function declares it: Root Complex Link
 * Declaration (PCI Express Base 6.0, 7.9.8), an element and its links to
 * other elements, and the Root Complex Event Collector Endpoint Association
 * (7.9.10), the integrated endpoints whose errors a collector reports.
 */

static bool ecrc_is_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
		     uint16_t id)
{
	return fn && cap && cap->extended && cap->id == id;
}

int vdisc_pci_decode_rclink(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			    struct vdisc_pci_rclink *out)
{
	uint32_t esd;

	if (!out || !ecrc_is_(fn, cap, VDISC_PCI_EXT_CAP_ID_RCLD))
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	if ((uint32_t)cap->offset + VDISC_PCI_RCLINK_LINK1 > fn->config_size)
		return -VDISC_ERANGE;
	esd = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_RCLINK_ESD);
	out->esd = esd;
	out->element_type = (uint8_t)(esd & VDISC_PCI_RCLINK_ESD_TYPE);
	out->links =
		(uint8_t)((esd & VDISC_PCI_RCLINK_ESD_LINKS) >> VDISC_PCI_RCLINK_ESD_LINKS_SHIFT);
	out->component =
		(uint8_t)((esd & VDISC_PCI_RCLINK_ESD_COMP) >> VDISC_PCI_RCLINK_ESD_COMP_SHIFT);
	out->port = (uint8_t)((esd & VDISC_PCI_RCLINK_ESD_PORT) >> VDISC_PCI_RCLINK_ESD_PORT_SHIFT);
	return 0;
}

/* 7.9.8.3: a configuration-space link's address holds bus (N bits, N=0 meaning 8), dev, fn. */
static void ecrc_cfg_addr_(struct vdisc_pci_rclink_entry *e)
{
	uint32_t lo = (uint32_t)e->addr;
	unsigned n = lo & VDISC_PCI_RCLINK_ADDR_BUSBITS;

	if (n == 0)
		n = 8;
	e->bus = (uint8_t)((lo >> 20) & ((1u << n) - 1));
	e->device = (uint8_t)((lo >> 15) & 0x1f);
	e->function = (uint8_t)((lo >> 12) & 0x7);
}

int vdisc_pci_decode_rclink_entry(const struct vdisc_pci_function *fn,
				  const struct vdisc_pci_cap *cap, unsigned index,
				  struct vdisc_pci_rclink_entry *out)
{
	uint32_t at;

	if (!out || !ecrc_is_(fn, cap, VDISC_PCI_EXT_CAP_ID_RCLD) || index > 0xff)
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	at = cap->offset + VDISC_PCI_RCLINK_LINK1 + index * VDISC_PCI_RCLINK_LINK_SIZE;
	if (at + VDISC_PCI_RCLINK_LINK_SIZE > fn->config_size)
		return -VDISC_ERANGE;
	out->desc = vdisc_pci_cfg32(fn, at + VDISC_PCI_RCLINK_LINK_DESC);
	out->addr = vdisc_pci_cfg32(fn, at + VDISC_PCI_RCLINK_LINK_ADDR) |
		    (uint64_t)vdisc_pci_cfg32(fn, at + VDISC_PCI_RCLINK_LINK_ADDR + 4) << 32;
	out->target_port = (uint8_t)(out->desc >> VDISC_PCI_RCLINK_DESC_PORT_SHIFT);
	out->target_component = (uint8_t)(out->desc >> VDISC_PCI_RCLINK_DESC_COMP_SHIFT);
	out->valid = (out->desc & VDISC_PCI_RCLINK_DESC_VALID) != 0;
	out->config_space = (out->desc & VDISC_PCI_RCLINK_DESC_CONFIG) != 0;
	out->assoc_rcrb = (out->desc & VDISC_PCI_RCLINK_DESC_RCRB) != 0;
	if (out->config_space)
		ecrc_cfg_addr_(out);
	return 0;
}

int vdisc_pci_decode_rcec(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_rcec *out)
{
	uint32_t busn;

	if (!out || !ecrc_is_(fn, cap, VDISC_PCI_EXT_CAP_ID_RCEC))
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	out->version = cap->version;
	if ((uint32_t)cap->offset + VDISC_PCI_RCEC_BUSN > fn->config_size)
		return -VDISC_ERANGE;
	out->rciep_bitmap = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_RCEC_RCIEP_BITMAP);
	/* 7.9.10.3: the bus number range came with version 2; before it the dword is not ours. */
	if (cap->version < VDISC_PCI_RCEC_BUSN_REG_VER)
		return 0;
	if ((uint32_t)cap->offset + VDISC_PCI_RCEC_BUSN + 4 > fn->config_size)
		return -VDISC_ERANGE;
	busn = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_RCEC_BUSN);
	out->has_busn = true;
	out->next_bus = (uint8_t)(busn >> VDISC_PCI_RCEC_BUSN_NEXT_SHIFT);
	out->last_bus = (uint8_t)(busn >> VDISC_PCI_RCEC_BUSN_LAST_SHIFT);
	return 0;
}
