/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_INTERNAL_H
#define VDISC_PCI_INTERNAL_H

#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>

/* Configuration header registers (PCI Local Bus 3.0, 6.1; PCI-to-PCI Bridge 1.2; CardBus). */
#define PCI_VENDOR_ID_ 0x00
#define PCI_DEVICE_ID_ 0x02
#define PCI_COMMAND_ 0x04
#define PCI_STATUS_ 0x06
#define PCI_REVISION_ 0x08
#define PCI_CLASS_PROG_ 0x09
#define PCI_HEADER_TYPE_ 0x0e
#define PCI_BAR0_ 0x10
#define PCI_SUBSYS_VENDOR_ 0x2c
#define PCI_SUBSYS_ID_ 0x2e
#define PCI_ROM_ADDRESS_ 0x30
#define PCI_CAP_PTR_ 0x34
#define PCI_INT_LINE_ 0x3c
#define PCI_INT_PIN_ 0x3d
#define PCI_PRIMARY_BUS_ 0x18
#define PCI_SECONDARY_BUS_ 0x19
#define PCI_SUBORDINATE_BUS_ 0x1a
/* Type 1 bridge windows (PCI-to-PCI Bridge 1.2, 3.2.5.6 to 3.2.5.9): each limit follows its base.
 */
#define PCI_IO_BASE_ 0x1c
#define PCI_IO_LIMIT_ 0x1d
#define PCI_MEMORY_BASE_ 0x20
#define PCI_MEMORY_LIMIT_ 0x22
#define PCI_PREF_BASE_ 0x24
#define PCI_PREF_LIMIT_ 0x26
#define PCI_PREF_BASE_UPPER_ 0x28
#define PCI_PREF_LIMIT_UPPER_ 0x2c
#define PCI_IO_BASE_UPPER_ 0x30
#define PCI_IO_LIMIT_UPPER_ 0x32
#define PCI_BRIDGE_ROM_ADDRESS_ 0x38
#define PCI_CB_CAP_PTR_ 0x14
#define PCI_CB_SUBSYS_VENDOR_ 0x40
#define PCI_CB_SUBSYS_ID_ 0x42

#define PCI_COMMAND_IO_ 0x1
#define PCI_COMMAND_MEMORY_ 0x2
#define PCI_COMMAND_MASTER_ 0x4
#define PCI_STATUS_CAP_LIST_ 0x10

#define PCI_HEADER_NORMAL_ 0
#define PCI_HEADER_BRIDGE_ 1
#define PCI_HEADER_CARDBUS_ 2

#define PCI_CAP_ID_SSVID_ 0x0d
#define PCI_CAP_ID_PCIX_ 0x07
#define PCI_CAP_ID_EXP_ 0x10

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
