/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_CAPS_H
#define VDISC_PCI_CAPS_H

/*
 * Capability decoders: each reads one capability from a function's
 * configuration snapshot into a structure of named fields, in the spec's
 * terms; how a field is worded is the caller's business (the CLI words them
 * as lspci does).  Register offsets and field masks are pci_regs.h's.
 *
 * Every decoder returns 0, or -VDISC_EINVAL when @cap is not of its id, or
 * -VDISC_ERANGE when a register it needs lies past the snapshot (a short
 * dump): what was read before the end is filled in and counted in the
 * structure where the decoder says so.
 */

#include <stdbool.h>
#include <stdint.h>

#include "pci.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Decoded capabilities (PCI Local Bus 3.0 6.8, PCI PM 1.2, PCI Express Base 6.0 7.5.3). */
struct vdisc_pci_pm {
	uint8_t version;
	bool d1, d2;
	uint8_t pme_states;  /* bit n: PME# from D0, D1, D2, D3hot, D3cold */
	uint8_t power_state; /* current D-state, 0..3 */
	bool no_soft_reset, pme_enabled, pme_status;
};

struct vdisc_pci_msi {
	bool enabled, is64, per_vector_mask;
	uint8_t vectors_capable, vectors_enabled; /* counts, not log2 */
	uint64_t address;
	uint16_t data;
	uint32_t mask, pending; /* valid with per_vector_mask */
};

struct vdisc_pci_msix {
	bool enabled, function_mask;
	uint16_t table_size; /* entries */
	uint8_t table_bar, pba_bar;
	uint32_t table_offset, pba_offset;
};

struct vdisc_pcie {
	uint8_t version;
	uint8_t port_type; /* PCI_EXP_TYPE: 0 endpoint, 4 root port, ... */
	bool slot_implemented;
	uint16_t max_payload;		/* bytes, from Device Capabilities */
	uint16_t payload, read_request; /* bytes, from Device Control */
	bool has_link;			/* port types that have a Link Capabilities register */
	uint8_t link_max_speed, link_max_width, link_speed, link_width;
	uint8_t interrupt_message;
};

/* Each returns 0, or -VDISC_EINVAL when @cap is not of that id or runs past the snapshot. */
int vdisc_pci_decode_pm(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_pm *out);
int vdisc_pci_decode_msi(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_msi *out);
int vdisc_pci_decode_msix(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_msix *out);
int vdisc_pci_decode_pcie(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pcie *out);
const char *vdisc_pcie_port_type_name(uint8_t type);
const char *vdisc_pcie_speed_name(uint8_t speed); /* "2.5GT/s" ...; NULL if unknown */

/* -- section: standard capabilities -- */

/* -- end of section: standard capabilities -- */

/* -- section: express -- */

/* -- end of section: express -- */

/* -- section: extended capabilities (core) -- */

/* -- end of section: extended capabilities (core) -- */

/* -- section: extended capabilities (link) -- */

/* -- end of section: extended capabilities (link) -- */

#ifdef __cplusplus
}
#endif

#endif
