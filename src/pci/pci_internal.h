/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_INTERNAL_H
#define VDISC_PCI_INTERNAL_H

#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>

/* caps.c */
int vdisc_pci_walk_caps_(struct vdisc_pci_function *fn, struct vdisc_arena *arena);
/*
 * Whether the standard capability list of the snapshot @config (@size bytes, at least the
 * 64-byte header) names PCI Express or PCI-X, i.e. the function has an extended space: the
 * list walked exactly as vdisc_pci_walk_caps_ walks it (the same stops), nothing allocated.
 * @scratch: any contents, overwritten (only the walk's fields mean anything after).
 */
bool vdisc_pci_cfg_express_(const uint8_t *config, uint16_t size,
			    struct vdisc_pci_function *scratch);
/*
 * The decoders' common gate: 0 when @cap is a capability of @id in the list @extended says
 * and its first @len bytes lie in @fn's snapshot, -VDISC_ERANGE when they do not, otherwise
 * (no @fn or @cap, another id or list) -VDISC_EINVAL.
 */
int vdisc_pci_cap_check_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 bool extended, uint16_t id, unsigned len);

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
