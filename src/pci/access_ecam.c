/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

#include <vdisc/platform.h>

/*
 * ECAM (PCI Express Base 6.0, 7.2.2): each function's 4 KiB of
 * configuration space at base + (bus - first_bus) << 20 | dev << 15 |
 * fn << 12.  Buses outside the window read as absent, as do devices 1-31
 * of the first bus where the window says only device 0 is real.
 */

static bool ecam_offset_(const struct vdisc_pci_ecam *e, struct vdisc_pci_addr a, uint16_t off,
			 unsigned width, uint64_t *addr)
{
	if (a.segment != e->segment || a.bus < e->bus_start || a.bus > e->bus_end ||
	    off + width > VDISC_PCIE_CONFIG_SIZE || off % width != 0)
		return false;
	/* Linux's pci_dw_valid_device(): the core does not filter type 0 requests on its own bus.
	 */
	if (e->root_bus_dev0_only && a.bus == e->bus_start && a.dev != 0)
		return false;
	*addr = e->base + ((uint64_t)(a.bus - e->bus_start) << 20 | (uint64_t)(a.dev & 31) << 15 |
			   (uint64_t)(a.fn & 7) << 12 | off);
	return true;
}

static int ecam_read_(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned width,
		      uint32_t *value)
{
	const struct vdisc_pci_ecam *e = ctx;
	const struct vdisc_platform *p = e->platform;
	uint64_t addr;

	*value = 0xffffffffu >> (32 - 8 * width);
	if (!ecam_offset_(e, a, off, width, &addr))
		return 0;
	if (width == 1)
		*value = p->mmio_read8(p->ctx, addr);
	else if (width == 2)
		*value = p->mmio_read16(p->ctx, addr);
	else
		*value = p->mmio_read32(p->ctx, addr);
	return 0;
}

static int ecam_write_(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned width,
		       uint32_t value)
{
	const struct vdisc_pci_ecam *e = ctx;
	const struct vdisc_platform *p = e->platform;
	uint64_t addr;

	if (!ecam_offset_(e, a, off, width, &addr))
		return -VDISC_EINVAL;
	if (width == 1)
		p->mmio_write8(p->ctx, addr, (uint8_t)value);
	else if (width == 2)
		p->mmio_write16(p->ctx, addr, (uint16_t)value);
	else
		p->mmio_write32(p->ctx, addr, value);
	return 0;
}

static uint16_t ecam_config_size_(void *ctx, struct vdisc_pci_addr a)
{
	(void)ctx;
	(void)a;
	return VDISC_PCIE_CONFIG_SIZE;
}

int vdisc_pci_ecam_ops(struct vdisc_pci_ecam *ecam, struct vdisc_pci_ops *ops)
{
	const struct vdisc_platform *p = ecam ? ecam->platform : NULL;

	if (!p || !p->mmio_read8 || !p->mmio_read16 || !p->mmio_read32 || !p->mmio_write8 ||
	    !p->mmio_write16 || !p->mmio_write32)
		return -VDISC_ENOTSUP;
	if (ecam->bus_end < ecam->bus_start)
		return -VDISC_EINVAL;
	memset(ops, 0, sizeof(*ops));
	ops->name = "ecam";
	ops->read = ecam_read_;
	ops->write = ecam_write_;
	ops->config_size = ecam_config_size_;
	ops->ctx = ecam;
	return 0;
}
