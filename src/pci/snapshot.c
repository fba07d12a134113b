/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * The one reader of a function's configuration snapshot.  Bytes past the
 * snapshot read as ones, as an absent register does on the bus, so a
 * decoder needs no bounds check of its own to stay inside the snapshot.
 */

static uint32_t snap_le_(const struct vdisc_pci_function *fn, uint32_t off, unsigned width)
{
	uint32_t v = 0;
	unsigned i;

	for (i = 0; i < width; i++)
		v |= (uint32_t)(fn->config && off + i < fn->config_size ? fn->config[off + i]
									: 0xff)
		     << (8 * i);
	return v;
}

uint8_t vdisc_pci_cfg8(const struct vdisc_pci_function *fn, uint32_t off)
{
	return (uint8_t)snap_le_(fn, off, 1);
}

uint16_t vdisc_pci_cfg16(const struct vdisc_pci_function *fn, uint32_t off)
{
	return (uint16_t)snap_le_(fn, off, 2);
}

uint32_t vdisc_pci_cfg32(const struct vdisc_pci_function *fn, uint32_t off)
{
	return snap_le_(fn, off, 4);
}
