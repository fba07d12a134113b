/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_INTERNAL_H
#define VDISC_PCI_INTERNAL_H

#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>

/* Little-endian reads from a snapshot; bytes beyond it read as ones, like absent hardware. */
static inline uint32_t pci_snap_read_(const uint8_t *cfg, uint16_t size, uint32_t off,
				      unsigned width)
{
	uint32_t v = 0;
	unsigned i;

	for (i = 0; i < width; i++)
		v |= (uint32_t)(off + i < size ? cfg[off + i] : 0xff) << (8 * i);
	return v;
}

#define PCI_RD8_(fn, off) ((uint8_t)pci_snap_read_((fn)->config, (fn)->config_size, (off), 1))
#define PCI_RD16_(fn, off) ((uint16_t)pci_snap_read_((fn)->config, (fn)->config_size, (off), 2))
#define PCI_RD32_(fn, off) pci_snap_read_((fn)->config, (fn)->config_size, (off), 4)

/* caps.c */
int vdisc_pci_walk_caps_(struct vdisc_pci_function *fn, struct vdisc_arena *arena);

/* bars.c */
int vdisc_pci_size_bars_(const struct vdisc_pci_ops *ops, struct vdisc_pci_function *fn);
/*
 * The sizing steps, shared with resource assignment (assign_size.c).  Decode must be off.
 * vdisc_pci_probe_bar_: write @ones to the BAR at @off (and ones to @off + 4 when @upper), read
 * the mask back, restore both and verify the restore (-VDISC_EIO if a register did not hold);
 * *mask = upper << 32 | lower.  vdisc_pci_bar_size_: the size a mask of a BAR of @type means.
 * vdisc_pci_decode_off_: write @command without I/O and memory decode, verify both are off.
 */
int vdisc_pci_probe_bar_(const struct vdisc_pci_ops *ops, struct vdisc_pci_addr addr, uint16_t off,
			 uint32_t ones, bool upper, uint64_t *mask);
uint64_t vdisc_pci_bar_size_(enum vdisc_pci_bar_type type, uint64_t mask);
int vdisc_pci_decode_off_(const struct vdisc_pci_ops *ops, struct vdisc_pci_addr addr,
			  uint32_t command);

/* header.c */
void vdisc_pci_decode_bars_(struct vdisc_pci_function *fn);

#endif
