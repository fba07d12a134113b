/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

#include <vdisc/platform.h>

/*
 * Configuration mechanism #1 (PCI Local Bus 3.0, 3.2.2.3.2): write the
 * address to port 0xCF8, move data through 0xCFC..0xCFF.  Segment 0 and
 * the first 256 bytes only; the address/data pair is not atomic, so a
 * caller sharing the machine must serialise (a kernel at boot does).
 */

static int conf1_select_(const struct vdisc_platform *p, struct vdisc_pci_addr a, uint16_t off)
{
	uint32_t address = VDISC_PCI_CONF1_ENABLE | (uint32_t)a.bus << 16 |
			   (uint32_t)(a.dev & 31) << 11 | (uint32_t)(a.fn & 7) << 8 | (off & 0xfc);

	return p->pio_write(p->ctx, VDISC_PCI_CONF1_ADDRESS_PORT, 4, address);
}

static bool conf1_valid_(const struct vdisc_platform *p, struct vdisc_pci_addr a, uint16_t off,
			 unsigned width)
{
	return p && p->pio_read && p->pio_write && a.segment == 0 &&
	       off + width <= VDISC_PCI_CONFIG_SIZE && (width == 1 || width == 2 || width == 4) &&
	       off % width == 0;
}

static int conf1_read_(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned width,
		       uint32_t *value)
{
	const struct vdisc_platform *p = ctx;
	int err;

	*value = 0xffffffffu >> (32 - 8 * width);
	if (!conf1_valid_(p, a, off, width))
		return a.segment != 0 || off >= VDISC_PCI_CONFIG_SIZE ? 0 : -VDISC_EINVAL;
	err = conf1_select_(p, a, off);
	if (!err)
		err = p->pio_read(p->ctx, (uint16_t)(VDISC_PCI_CONF1_DATA_PORT + (off & 3)), width,
				  value);
	return err;
}

static int conf1_write_(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned width,
			uint32_t value)
{
	const struct vdisc_platform *p = ctx;
	int err;

	if (!conf1_valid_(p, a, off, width))
		return -VDISC_EINVAL;
	err = conf1_select_(p, a, off);
	if (!err)
		err = p->pio_write(p->ctx, (uint16_t)(VDISC_PCI_CONF1_DATA_PORT + (off & 3)), width,
				   value);
	return err;
}

static uint16_t conf1_config_size_(void *ctx, struct vdisc_pci_addr a)
{
	(void)ctx;
	(void)a;
	return VDISC_PCI_CONFIG_SIZE;
}

int vdisc_pci_conf1_ops(const struct vdisc_platform *platform, struct vdisc_pci_ops *ops)
{
	if (!platform || !platform->pio_read || !platform->pio_write)
		return -VDISC_ENOTSUP;
	memset(ops, 0, sizeof(*ops));
	ops->name = "conf1";
	ops->read = conf1_read_;
	ops->write = conf1_write_;
	ops->config_size = conf1_config_size_;
	/* The ops only read the platform: casting away const is for the void *ctx slot. */
	ops->ctx = (void *)(uintptr_t)platform;
	return 0;
}
