/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * The Designated Vendor-Specific capability (PCI Express Base 6.0, 7.9.6) and the CXL
 * consortium's DVSECs in it (CXL 3.0, 8.1): device, function map, port extensions, GPF for
 * ports and devices, Flex Bus port, register locator, MLD.
 */

static void edvsec_range_(const struct vdisc_pci_function *fn, unsigned at,
			  struct vdisc_cxl_range *r)
{
	/* Size high, size low, base high, base low (8.1.3.8). */
	uint32_t size_lo = vdisc_pci_cfg32(fn, at + 4);

	r->flags = (uint16_t)size_lo;
	r->size = ((uint64_t)vdisc_pci_cfg32(fn, at) << 32 | size_lo) & VDISC_CXL_RANGE_ADDR_MASK;
	r->base = (uint64_t)vdisc_pci_cfg32(fn, at + 8) << 32 | vdisc_pci_cfg32(fn, at + 12);
}

static void edvsec_device_(const struct vdisc_pci_function *fn, unsigned at,
			   struct vdisc_cxl_device *d)
{
	d->cap = vdisc_pci_cfg16(fn, at + VDISC_CXL_DEV_CAP);
	d->ctrl = vdisc_pci_cfg16(fn, at + VDISC_CXL_DEV_CTRL);
	d->status = vdisc_pci_cfg16(fn, at + VDISC_CXL_DEV_STATUS);
	d->status2 = vdisc_pci_cfg16(fn, at + VDISC_CXL_DEV_STATUS2);
	d->cap2 = vdisc_pci_cfg16(fn, at + VDISC_CXL_DEV_CAP2);
	d->cache_unit = (uint8_t)(d->cap2 & VDISC_CXL_DEV_CAP2_CACHE_UNIT);
	d->cache_size = (uint8_t)((d->cap2 & VDISC_CXL_DEV_CAP2_CACHE_SIZE) >>
				  VDISC_CXL_DEV_CAP2_CACHE_SIZE_SHIFT);
	edvsec_range_(fn, at + VDISC_CXL_DEV_RANGE1, &d->range[0]);
	edvsec_range_(fn, at + VDISC_CXL_DEV_RANGE1 + VDISC_CXL_DEV_RANGE_STRIDE, &d->range[1]);
}

static void edvsec_port_(const struct vdisc_pci_function *fn, unsigned at, struct vdisc_cxl_port *p)
{
	p->status = vdisc_pci_cfg16(fn, at + VDISC_CXL_PORT_STATUS);
	p->ctrl = vdisc_pci_cfg16(fn, at + VDISC_CXL_PORT_CTRL);
	p->bus_base = vdisc_pci_cfg8(fn, at + VDISC_CXL_PORT_ALT_BUS_BASE);
	p->bus_limit = vdisc_pci_cfg8(fn, at + VDISC_CXL_PORT_ALT_BUS_LIMIT);
	p->mem_base = vdisc_pci_cfg16(fn, at + VDISC_CXL_PORT_ALT_MEM_BASE);
	p->mem_limit = vdisc_pci_cfg16(fn, at + VDISC_CXL_PORT_ALT_MEM_LIMIT);
}

/* A GPF time base and scale (8.1.6.2): scales 0..7 are 1, 10, 100 us, ms, then 1 and 10 s. */
static void edvsec_gpf_time_(uint16_t reg, struct vdisc_cxl_gpf_time *t)
{
	static const uint8_t factor[VDISC_CXL_GPF_SCALE_10S + 1] = {1, 10, 100, 1, 10, 100, 1, 10};

	t->base = (uint8_t)(reg & VDISC_CXL_GPF_TIME_BASE);
	t->scale = (uint8_t)((reg & VDISC_CXL_GPF_TIME_SCALE) >> VDISC_CXL_GPF_TIME_SCALE_SHIFT);
	t->amount =
		(uint16_t)(t->base * (t->scale <= VDISC_CXL_GPF_SCALE_10S ? factor[t->scale] : 1));
}

static void edvsec_flexbus_(const struct vdisc_pci_function *fn, unsigned at,
			    struct vdisc_cxl_flexbus *f)
{
	f->cap = vdisc_pci_cfg16(fn, at + VDISC_CXL_FB_CAP);
	f->ctrl = vdisc_pci_cfg16(fn, at + VDISC_CXL_FB_CTRL);
	f->status = vdisc_pci_cfg16(fn, at + VDISC_CXL_FB_STATUS);
	f->mod_ts_data = vdisc_pci_cfg32(fn, at + VDISC_CXL_FB_MOD_TS) & VDISC_CXL_FB_MOD_TS_DATA;
	f->cap2 = vdisc_pci_cfg32(fn, at + VDISC_CXL_FB_CAP2);
	f->ctrl2 = vdisc_pci_cfg32(fn, at + VDISC_CXL_FB_CTRL2);
	f->status2 = vdisc_pci_cfg32(fn, at + VDISC_CXL_FB_STATUS2);
}

/* The registers of a CXL DVSEC whose whole length lies in the snapshot. */
static void edvsec_cxl_(const struct vdisc_pci_function *fn, unsigned at, struct vdisc_pci_dvsec *d)
{
	unsigned i;

	switch (d->id) {
	case VDISC_CXL_DVSEC_PCIE_DEVICE:
		if (d->len >= VDISC_CXL_DEV_LEN)
			edvsec_device_(fn, at, &d->u.device);
		break;
	case VDISC_CXL_DVSEC_FUNCTION_MAP:
		for (i = 0; i < VDISC_CXL_FUN_MAP_REGS; i++)
			d->u.function_map[i] =
				vdisc_pci_cfg32(fn, at + VDISC_CXL_FUN_MAP_REG0 + 4 * i);
		break;
	case VDISC_CXL_DVSEC_PORT:
		if (d->len >= VDISC_CXL_PORT_LEN)
			edvsec_port_(fn, at, &d->u.port);
		break;
	case VDISC_CXL_DVSEC_PORT_GPF:
		edvsec_gpf_time_(vdisc_pci_cfg16(fn, at + VDISC_CXL_GPF_PORT_PHASE1),
				 &d->u.gpf_port.phase1);
		edvsec_gpf_time_(vdisc_pci_cfg16(fn, at + VDISC_CXL_GPF_PORT_PHASE2),
				 &d->u.gpf_port.phase2);
		break;
	case VDISC_CXL_DVSEC_DEVICE_GPF:
		edvsec_gpf_time_(vdisc_pci_cfg16(fn, at + VDISC_CXL_GPF_DEV_PHASE2_DUR),
				 &d->u.gpf_device.phase2);
		d->u.gpf_device.phase2_power_mw =
			vdisc_pci_cfg32(fn, at + VDISC_CXL_GPF_DEV_PHASE2_POW);
		break;
	case VDISC_CXL_DVSEC_PCIE_FLEXBUS_PORT:
		edvsec_flexbus_(fn, at, &d->u.flexbus);
		break;
	case VDISC_CXL_DVSEC_REG_LOCATOR:
		if (d->len >= VDISC_CXL_RL_BLOCK1 + VDISC_CXL_RL_BLOCK_SIZE)
			d->u.reg_blocks = (uint16_t)((d->len - VDISC_CXL_RL_BLOCK1) /
						     VDISC_CXL_RL_BLOCK_SIZE);
		break;
	case VDISC_CXL_DVSEC_MLD:
		d->u.mld_num_ld = vdisc_pci_cfg16(fn, at + VDISC_CXL_MLD_NUM_LD);
		break;
	default:
		break;
	}
}

int vdisc_pci_decode_dvsec(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_dvsec *out)
{
	uint32_t h;

	if (!fn || !cap || !cap->extended || cap->id != VDISC_PCI_EXT_CAP_ID_DVSEC)
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	if (cap->offset + VDISC_PCI_DVSEC_HEADER2 + 4u > fn->config_size)
		return -VDISC_ERANGE;
	h = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_DVSEC_HEADER1);
	out->vendor = (uint16_t)(h & VDISC_PCI_VSEC_ID_MASK);
	out->rev = (uint8_t)((h >> VDISC_PCI_VSEC_REV_SHIFT) & VDISC_PCI_VSEC_REV_MASK);
	out->len = (uint16_t)((h >> VDISC_PCI_VSEC_LEN_SHIFT) & VDISC_PCI_VSEC_LEN_MASK);
	out->id = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_DVSEC_HEADER2);
	out->cxl =
		out->vendor == VDISC_PCI_DVSEC_VENDOR_ID_CXL && out->len >= VDISC_CXL_DVSEC_MIN_LEN;
	if (!out->cxl)
		return 0;
	/* A DVSEC is read whole or not at all, as lspci fetches it. */
	if ((unsigned)cap->offset + out->len > fn->config_size)
		return -VDISC_ERANGE;
	edvsec_cxl_(fn, cap->offset, out);
	return 0;
}

int vdisc_pci_decode_cxl_reg_block(const struct vdisc_pci_function *fn,
				   const struct vdisc_pci_cap *cap, unsigned index,
				   struct vdisc_cxl_reg_block *out)
{
	struct vdisc_pci_dvsec d;
	unsigned at;
	uint32_t lo, hi;
	int err = vdisc_pci_decode_dvsec(fn, cap, &d);

	if (err == -VDISC_EINVAL || (err == 0 && (!d.cxl || d.id != VDISC_CXL_DVSEC_REG_LOCATOR)))
		return -VDISC_EINVAL;
	if (err)
		return err;
	if (index >= d.u.reg_blocks)
		return -VDISC_ENOTFOUND;
	at = cap->offset + VDISC_CXL_RL_BLOCK1 + index * VDISC_CXL_RL_BLOCK_SIZE;
	lo = vdisc_pci_cfg32(fn, at);
	hi = vdisc_pci_cfg32(fn, at + 4);
	out->bir = (uint8_t)(lo & VDISC_CXL_RL_BIR);
	out->id = (uint8_t)((lo & VDISC_CXL_RL_BLOCK_ID) >> VDISC_CXL_RL_BLOCK_ID_SHIFT);
	out->offset = (uint64_t)hi << 32 | (lo & VDISC_CXL_RL_OFFSET_LOW);
	return 0;
}
