/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/* Field decoders for the capabilities every PCI person asks about first. */

#define PCI_CAP_ID_PM_ 0x01
#define PCI_CAP_ID_MSI_ 0x05
#define PCI_CAP_ID_MSIX_ 0x11

static bool pci_cap_fits_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  uint16_t id, unsigned len)
{
	return cap && !cap->extended && cap->id == id && cap->offset + len <= fn->config_size;
}

int vdisc_pci_decode_pm(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_pm *out)
{
	uint16_t pmc, pmcsr;

	if (!pci_cap_fits_(fn, cap, PCI_CAP_ID_PM_, 8))
		return -VDISC_EINVAL;
	pmc = PCI_RD16_(fn, cap->offset + 2);
	pmcsr = PCI_RD16_(fn, cap->offset + 4);
	memset(out, 0, sizeof(*out));
	out->version = pmc & 7;
	out->d1 = (pmc >> 9) & 1;
	out->d2 = (pmc >> 10) & 1;
	out->pme_states = (uint8_t)(pmc >> 11);
	out->power_state = pmcsr & 3;
	out->no_soft_reset = (pmcsr >> 3) & 1;
	out->pme_enabled = (pmcsr >> 8) & 1;
	out->pme_status = (pmcsr >> 15) & 1;
	return 0;
}

int vdisc_pci_decode_msi(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_msi *out)
{
	uint16_t ctrl, at;
	unsigned len;

	if (!pci_cap_fits_(fn, cap, PCI_CAP_ID_MSI_, 4))
		return -VDISC_EINVAL;
	ctrl = PCI_RD16_(fn, cap->offset + 2);
	memset(out, 0, sizeof(*out));
	out->enabled = ctrl & 1;
	out->is64 = (ctrl >> 7) & 1;
	out->per_vector_mask = (ctrl >> 8) & 1;
	/* Multiple Message Capable/Enable are log2 counts; 6 and 7 are reserved. */
	out->vectors_capable = (uint8_t)(1u << (((ctrl >> 1) & 7) > 5 ? 5 : (ctrl >> 1) & 7));
	out->vectors_enabled = (uint8_t)(1u << (((ctrl >> 4) & 7) > 5 ? 5 : (ctrl >> 4) & 7));
	len = (out->is64 ? 14 : 10) + (out->per_vector_mask ? 10 : 0);
	if (cap->offset + len > fn->config_size)
		return -VDISC_EINVAL;
	out->address = PCI_RD32_(fn, cap->offset + 4);
	at = cap->offset + 8;
	if (out->is64) {
		out->address |= (uint64_t)PCI_RD32_(fn, at) << 32;
		at += 4;
	}
	out->data = PCI_RD16_(fn, at);
	if (out->per_vector_mask) {
		out->mask = PCI_RD32_(fn, at + 4);
		out->pending = PCI_RD32_(fn, at + 8);
	}
	return 0;
}

int vdisc_pci_decode_msix(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_msix *out)
{
	uint16_t ctrl;
	uint32_t table, pba;

	if (!pci_cap_fits_(fn, cap, PCI_CAP_ID_MSIX_, 12))
		return -VDISC_EINVAL;
	ctrl = PCI_RD16_(fn, cap->offset + 2);
	table = PCI_RD32_(fn, cap->offset + 4);
	pba = PCI_RD32_(fn, cap->offset + 8);
	memset(out, 0, sizeof(*out));
	out->table_size = (uint16_t)((ctrl & 0x7ff) + 1);
	out->function_mask = (ctrl >> 14) & 1;
	out->enabled = (ctrl >> 15) & 1;
	out->table_bar = table & 7;
	out->table_offset = table & ~7u;
	out->pba_bar = pba & 7;
	out->pba_offset = pba & ~7u;
	return 0;
}

/* Port types that have link registers (PCI Express Base 6.0, 7.5.3.6). */
static bool pcie_has_link_(uint8_t type)
{
	return type != 9 && type != 10; /* not an RC integrated endpoint or event collector */
}

int vdisc_pci_decode_pcie(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pcie *out)
{
	uint16_t flags, devctl, lnksta;
	uint32_t devcap, lnkcap;

	if (!pci_cap_fits_(fn, cap, PCI_CAP_ID_EXP_, 0x14))
		return -VDISC_EINVAL;
	flags = PCI_RD16_(fn, cap->offset + 2);
	devcap = PCI_RD32_(fn, cap->offset + 4);
	devctl = PCI_RD16_(fn, cap->offset + 8);
	memset(out, 0, sizeof(*out));
	out->version = flags & 0xf;
	out->port_type = (flags >> 4) & 0xf;
	out->slot_implemented = (flags >> 8) & 1;
	out->interrupt_message = (flags >> 9) & 0x1f;
	out->max_payload = (uint16_t)(128u << ((devcap & 7) > 5 ? 5 : devcap & 7));
	out->payload = (uint16_t)(128u << (((devctl >> 5) & 7) > 5 ? 5 : (devctl >> 5) & 7));
	out->read_request = (uint16_t)(128u << (((devctl >> 12) & 7) > 5 ? 5 : (devctl >> 12) & 7));
	if (!pcie_has_link_(out->port_type) || cap->offset + 0x14 > fn->config_size)
		return 0;
	lnkcap = PCI_RD32_(fn, cap->offset + 0x0c);
	lnksta = PCI_RD16_(fn, cap->offset + 0x12);
	out->has_link = true;
	out->link_max_speed = lnkcap & 0xf;
	out->link_max_width = (lnkcap >> 4) & 0x3f;
	out->link_speed = lnksta & 0xf;
	out->link_width = (lnksta >> 4) & 0x3f;
	return 0;
}

const char *vdisc_pcie_port_type_name(uint8_t type)
{
	static const char *const names[] = {
		[0] = "Endpoint",
		[1] = "Legacy Endpoint",
		[4] = "Root Port",
		[5] = "Upstream Port",
		[6] = "Downstream Port",
		[7] = "PCI-Express to PCI/PCI-X Bridge",
		[8] = "PCI/PCI-X to PCI-Express Bridge",
		[9] = "Root Complex Integrated Endpoint",
		[10] = "Root Complex Event Collector",
	};
	return type < VDISC_ARRAY_SIZE(names) ? names[type] : NULL;
}

const char *vdisc_pcie_speed_name(uint8_t speed)
{
	static const char *const names[] = {
		[1] = "2.5GT/s", [2] = "5GT/s",	 [3] = "8GT/s",
		[4] = "16GT/s",	 [5] = "32GT/s", [6] = "64GT/s",
	};
	return speed < VDISC_ARRAY_SIZE(names) ? names[speed] : NULL;
}
