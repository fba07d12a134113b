/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * The PCI Express capability (PCI Express Base 6.0, 7.5.3).  Which registers
 * a function has depends on its port type and the capability's version; the
 * structure says which ones were there and read, so that a caller can show
 * exactly the registers the function has.
 */

/* Bytes of the version 1 registers after the flags, as the port type has them: device and
 * link (16), slot (8 more), root (up to 0x24, with the slot's room even without a slot). */
#define PEXP_V1_BASIC 16u
#define PEXP_V1_SLOT 24u
#define PEXP_V1_ROOT 32u
/* The "2" registers: device and link 2 (16), slot 2 (8 more). */
#define PEXP_V2_BASIC 16u
#define PEXP_V2_SLOT 24u

static bool pexp_downstream_slot_type(uint8_t type)
{
	/* Ports below which a slot can sit (7.5.3.2, Slot Implemented). */
	return type == VDISC_PCI_EXP_TYPE_ROOT_PORT || type == VDISC_PCI_EXP_TYPE_DOWNSTREAM ||
	       type == VDISC_PCI_EXP_TYPE_PCIE_BRIDGE;
}

static bool pexp_fits(const struct vdisc_pci_function *fn, unsigned off, unsigned len)
{
	return off + len <= fn->config_size;
}

/*
 * Whether the header has a memory BAR that is not all zeros: the AtomicOp
 * completer bits matter only to a function with memory space (7.5.3.15).
 * Read as pciutils reads a dump: all-ones and zero registers are empty, and
 * a 64-bit BAR in the last slot has no upper half and does not count.
 */
static bool pexp_has_mem_bar(const struct vdisc_pci_function *fn)
{
	unsigned n, i;

	switch (fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) {
	case VDISC_PCI_HEADER_NORMAL:
		n = VDISC_PCI_NUM_BARS_NORMAL;
		break;
	case VDISC_PCI_HEADER_BRIDGE:
		n = VDISC_PCI_NUM_BARS_BRIDGE;
		break;
	case VDISC_PCI_HEADER_CARDBUS:
		n = VDISC_PCI_NUM_BARS_CARDBUS;
		break;
	default:
		return false;
	}
	for (i = 0; i < n; i++) {
		uint32_t bar = vdisc_pci_cfg32(fn, (uint16_t)(VDISC_PCI_BASE_ADDRESS_0 + 4 * i));
		bool is64 = (bar & VDISC_PCI_BAR_MEM_TYPE_MASK) == VDISC_PCI_BAR_MEM_TYPE_64;

		if (bar == 0 || bar == 0xffffffffu || (bar & VDISC_PCI_BAR_SPACE_IO))
			continue;
		if (is64 && i + 1 == n)
			continue;
		return true;
	}
	return false;
}

/* A 3-bit size code in bytes: 128 << n, the reserved codes 6 and 7 as the largest. */
static uint16_t pexp_bytes(uint8_t code)
{
	return (uint16_t)(128u << (code > VDISC_PCI_EXP_SIZE_LOG2_MAX ? VDISC_PCI_EXP_SIZE_LOG2_MAX
								      : code));
}

static void pexp_read_device(const struct vdisc_pci_function *fn, uint16_t at, struct vdisc_pcie *e)
{
	e->devcap = vdisc_pci_cfg32(fn, at + VDISC_PCI_EXP_DEVCAP);
	e->devctl = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_DEVCTL);
	e->devsta = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_DEVSTA);
	e->max_payload_code = e->devcap & VDISC_PCI_EXP_DEVCAP_PAYLOAD;
	e->payload_code =
		(e->devctl & VDISC_PCI_EXP_DEVCTL_PAYLOAD) >> VDISC_PCI_EXP_DEVCTL_PAYLOAD_SHIFT;
	e->read_request_code =
		(e->devctl & VDISC_PCI_EXP_DEVCTL_READRQ) >> VDISC_PCI_EXP_DEVCTL_READRQ_SHIFT;
	e->max_payload = pexp_bytes(e->max_payload_code);
	e->payload = pexp_bytes(e->payload_code);
	e->read_request = pexp_bytes(e->read_request_code);
	e->dev_l0s_latency =
		(e->devcap & VDISC_PCI_EXP_DEVCAP_L0S) >> VDISC_PCI_EXP_DEVCAP_L0S_SHIFT;
	e->dev_l1_latency = (e->devcap & VDISC_PCI_EXP_DEVCAP_L1) >> VDISC_PCI_EXP_DEVCAP_L1_SHIFT;
	e->dev_power_value = (uint8_t)((e->devcap & VDISC_PCI_EXP_DEVCAP_PWR_VAL) >>
				       VDISC_PCI_EXP_DEVCAP_PWR_VAL_SHIFT);
	e->dev_power_scale =
		(e->devcap & VDISC_PCI_EXP_DEVCAP_PWR_SCL) >> VDISC_PCI_EXP_DEVCAP_PWR_SCL_SHIFT;
}

static void pexp_read_link(const struct vdisc_pci_function *fn, uint16_t at, struct vdisc_pcie *e)
{
	e->lnkcap = vdisc_pci_cfg32(fn, at + VDISC_PCI_EXP_LNKCAP);
	e->lnkctl = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_LNKCTL);
	e->lnksta = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_LNKSTA);
	e->link_max_speed = e->lnkcap & VDISC_PCI_EXP_LNKCAP_SLS;
	e->link_max_width =
		(e->lnkcap & VDISC_PCI_EXP_LNKCAP_MLW) >> VDISC_PCI_EXP_LNKCAP_MLW_SHIFT;
	e->link_speed = e->lnksta & VDISC_PCI_EXP_LNKSTA_CLS;
	e->link_width = (e->lnksta & VDISC_PCI_EXP_LNKSTA_NLW) >> VDISC_PCI_EXP_LNKSTA_NLW_SHIFT;
	e->port_number = (uint8_t)(e->lnkcap >> VDISC_PCI_EXP_LNKCAP_PN_SHIFT);
	e->aspm_support =
		(e->lnkcap & VDISC_PCI_EXP_LNKCAP_ASPMS) >> VDISC_PCI_EXP_LNKCAP_ASPMS_SHIFT;
	e->aspm_control = e->lnkctl & VDISC_PCI_EXP_LNKCTL_ASPMC;
	e->link_l0s_exit =
		(e->lnkcap & VDISC_PCI_EXP_LNKCAP_L0SEL) >> VDISC_PCI_EXP_LNKCAP_L0SEL_SHIFT;
	e->link_l1_exit =
		(e->lnkcap & VDISC_PCI_EXP_LNKCAP_L1EL) >> VDISC_PCI_EXP_LNKCAP_L1EL_SHIFT;
}

static void pexp_read_slot_root(const struct vdisc_pci_function *fn, uint16_t at,
				struct vdisc_pcie *e)
{
	if (e->has_slot) {
		e->sltcap = vdisc_pci_cfg32(fn, at + VDISC_PCI_EXP_SLTCAP);
		e->sltctl = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_SLTCTL);
		e->sltsta = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_SLTSTA);
		e->slot_power_value = (uint8_t)((e->sltcap & VDISC_PCI_EXP_SLTCAP_SPLV) >>
						VDISC_PCI_EXP_SLTCAP_SPLV_SHIFT);
		e->slot_power_scale =
			(e->sltcap & VDISC_PCI_EXP_SLTCAP_SPLS) >> VDISC_PCI_EXP_SLTCAP_SPLS_SHIFT;
		e->slot_number = (uint16_t)(e->sltcap >> VDISC_PCI_EXP_SLTCAP_PSN_SHIFT);
	}
	if (e->has_root) {
		e->rtctl = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_RTCTL);
		e->rtcap = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_RTCAP);
		e->rtsta = vdisc_pci_cfg32(fn, at + VDISC_PCI_EXP_RTSTA);
	}
}

static void pexp_read_v2(const struct vdisc_pci_function *fn, uint16_t at, struct vdisc_pcie *e)
{
	e->devcap2 = vdisc_pci_cfg32(fn, at + VDISC_PCI_EXP_DEVCAP2);
	e->devctl2 = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_DEVCTL2);
	e->devsta2 = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_DEVSTA2);
	if (e->has_link) {
		e->lnksta2 = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_LNKSTA2);
		if (e->has_link2) {
			e->lnkcap2 = vdisc_pci_cfg32(fn, at + VDISC_PCI_EXP_LNKCAP2);
			e->lnkctl2 = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_LNKCTL2);
		}
		e->speeds_vector = (uint8_t)((e->lnkcap2 & VDISC_PCI_EXP_LNKCAP2_SLS) >>
					     VDISC_PCI_EXP_LNKCAP2_SLS_SHIFT);
		e->target_speed = e->lnkctl2 & VDISC_PCI_EXP_LNKCTL2_TLS;
	}
	if (e->has_slot) {
		e->sltcap2 = vdisc_pci_cfg32(fn, at + VDISC_PCI_EXP_SLTCAP2);
		e->sltctl2 = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_SLTCTL2);
		e->sltsta2 = vdisc_pci_cfg16(fn, at + VDISC_PCI_EXP_SLTSTA2);
	}
}

/* What the port type and version give the function (7.5.3.1). */
static void pexp_layout(const struct vdisc_pci_function *fn, struct vdisc_pcie *e)
{
	uint8_t t = e->port_type;
	bool endpoint = t == VDISC_PCI_EXP_TYPE_ENDPOINT || t == VDISC_PCI_EXP_TYPE_LEG_END;

	e->has_link = t != VDISC_PCI_EXP_TYPE_RC_END && t != VDISC_PCI_EXP_TYPE_RC_EC;
	e->has_slot = e->slot_implemented && pexp_downstream_slot_type(t);
	e->has_root = t == VDISC_PCI_EXP_TYPE_ROOT_PORT || t == VDISC_PCI_EXP_TYPE_RC_EC;
	e->has_v2 = e->version >= 2;
	e->has_link2 = e->has_link && !(endpoint && (fn->addr.dev != 0 || fn->addr.fn != 0));
	e->has_mem_bar = pexp_has_mem_bar(fn);
}

int vdisc_pci_decode_pcie(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pcie *out)
{
	unsigned len;

	if (!cap || cap->extended || cap->id != VDISC_PCI_CAP_ID_EXP ||
	    !pexp_fits(fn, cap->offset, VDISC_PCI_EXP_FLAGS + 2))
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	out->flags = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_EXP_FLAGS);
	out->version = out->flags & VDISC_PCI_EXP_FLAGS_VERS;
	out->port_type = (out->flags & VDISC_PCI_EXP_FLAGS_TYPE) >> VDISC_PCI_EXP_FLAGS_TYPE_SHIFT;
	out->slot_implemented = (out->flags & VDISC_PCI_EXP_FLAGS_SLOT) != 0;
	out->interrupt_message =
		(out->flags & VDISC_PCI_EXP_FLAGS_IRQ) >> VDISC_PCI_EXP_FLAGS_IRQ_SHIFT;
	pexp_layout(fn, out);

	len = out->has_root ? PEXP_V1_ROOT : out->has_slot ? PEXP_V1_SLOT : PEXP_V1_BASIC;
	if (!pexp_fits(fn, cap->offset + VDISC_PCI_EXP_DEVCAP, len))
		return -VDISC_ERANGE;
	pexp_read_device(fn, cap->offset, out);
	if (out->has_link)
		pexp_read_link(fn, cap->offset, out);
	pexp_read_slot_root(fn, cap->offset, out);
	out->regs_read = true;
	if (!out->has_v2)
		return 0;

	len = out->has_slot ? PEXP_V2_SLOT : PEXP_V2_BASIC;
	if (!pexp_fits(fn, cap->offset + VDISC_PCI_EXP_DEVCAP2, len))
		return -VDISC_ERANGE;
	pexp_read_v2(fn, cap->offset, out);
	out->regs2_read = true;
	return 0;
}

const char *vdisc_pcie_port_type_name(uint8_t type)
{
	static const char *const names[] = {
		[VDISC_PCI_EXP_TYPE_ENDPOINT] = "Endpoint",
		[VDISC_PCI_EXP_TYPE_LEG_END] = "Legacy Endpoint",
		[VDISC_PCI_EXP_TYPE_ROOT_PORT] = "Root Port",
		[VDISC_PCI_EXP_TYPE_UPSTREAM] = "Upstream Port",
		[VDISC_PCI_EXP_TYPE_DOWNSTREAM] = "Downstream Port",
		[VDISC_PCI_EXP_TYPE_PCI_BRIDGE] = "PCI-Express to PCI/PCI-X Bridge",
		[VDISC_PCI_EXP_TYPE_PCIE_BRIDGE] = "PCI/PCI-X to PCI-Express Bridge",
		[VDISC_PCI_EXP_TYPE_RC_END] = "Root Complex Integrated Endpoint",
		[VDISC_PCI_EXP_TYPE_RC_EC] = "Root Complex Event Collector",
	};
	return type < VDISC_ARRAY_SIZE(names) ? names[type] : NULL;
}

const char *vdisc_pcie_speed_name(uint8_t speed)
{
	/* Link speed codes (7.5.3.6, Max Link Speed; 7.5.3.18 for the vector bits). */
	static const char *const names[] = {
		[1] = "2.5GT/s", [2] = "5GT/s",	 [3] = "8GT/s",
		[4] = "16GT/s",	 [5] = "32GT/s", [6] = "64GT/s",
	};
	return speed < VDISC_ARRAY_SIZE(names) ? names[speed] : NULL;
}

uint32_t vdisc_pcie_power_limit_mw(uint8_t value, uint8_t scale)
{
	/* Milliwatts per unit of each scale code: 1, 0.1, 0.01, 0.001 W (7.5.3.9). */
	static const uint32_t unit_mw[4] = {1000, 100, 10, 1};

	scale &= 3;
	if (scale == 0 && value == 0xff)
		return UINT32_MAX;
	if (scale == 0 && value >= 0xf0)
		return (250u + 25u * (value - 0xf0u)) * 1000u;
	return value * unit_mw[scale];
}
