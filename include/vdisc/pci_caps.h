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

/* Each returns 0, or -VDISC_EINVAL when @cap is not of that id or runs past the snapshot. */
int vdisc_pci_decode_pm(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_pm *out);
int vdisc_pci_decode_msi(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_msi *out);
int vdisc_pci_decode_msix(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_msix *out);

/* -- section: standard capabilities -- */

/* -- end of section: standard capabilities -- */

/* -- section: express -- */

/*
 * The PCI Express capability (PCI Express Base 6.0, 7.5.3): every register,
 * which of them the function's port type and capability version give it,
 * whether the snapshot held them, and the fields people ask for decoded.
 * Codes stay codes where the spec has a table (latencies, indicators,
 * timeouts): the caller words them.
 */
struct vdisc_pcie {
	/* Capabilities register: always read. */
	uint16_t flags;
	uint8_t version;	   /* 1, or 2 (PCIe 2.0 and later); other values as found */
	uint8_t port_type;	   /* VDISC_PCI_EXP_TYPE_* (4 bits, unnamed values as found) */
	uint8_t interrupt_message; /* MSI/MSI-X vector of the capability's events */
	bool slot_implemented;	   /* the flag as read */

	/* Which registers the port type and version give the function. */
	bool has_link;	  /* link registers: all but root complex endpoints and event collectors */
	bool has_slot;	  /* slot registers: a downstream-facing port with the slot flag */
	bool has_root;	  /* root registers: root ports and event collectors */
	bool has_v2;	  /* the "2" registers: version 2 and later */
	bool has_link2;	  /* Link Capabilities/Control 2: not in functions other than 0 of an
			     endpoint (PCIe 7.5.3.18: only function 0 carries the link's) */
	bool has_mem_bar; /* a non-zero memory BAR (the header's registers, as lspci reads them) */

	/* Whether the snapshot held them (both false: only the flags were read). */
	bool regs_read;	 /* device, link, slot and root registers as the type has them */
	bool regs2_read; /* the "2" registers */

	/* The registers, as read (0 where not read). */
	uint32_t devcap, lnkcap, sltcap, rtsta;
	uint16_t devctl, devsta, lnkctl, lnksta, sltctl, sltsta, rtctl, rtcap;
	uint32_t devcap2, lnkcap2, sltcap2;
	uint16_t devctl2, devsta2, lnkctl2, lnksta2, sltctl2, sltsta2;

	/* Sizes: 128 << code bytes; codes 6 and 7 are reserved and the byte counts then read
	 * as 4096 (the largest the spec defines). */
	uint8_t max_payload_code, payload_code, read_request_code;
	uint16_t max_payload, payload, read_request;

	/* Link: speeds as VDISC_PCI_EXP_LNKCAP_SLS codes (1 = 2.5GT/s ... 6 = 64GT/s), widths
	 * in lanes; port number; ASPM support (bit 0 L0s, bit 1 L1) and control. */
	uint8_t link_max_speed, link_max_width, link_speed, link_width;
	uint8_t port_number, aspm_support, aspm_control;
	uint8_t target_speed;  /* Link Control 2; 0 reads as 2.5GT/s */
	uint8_t speeds_vector; /* Link Capabilities 2, shifted: bit 0 = 2.5GT/s */

	/* Latency codes (0..7): acceptable latencies (endpoints) and exit latencies. */
	uint8_t dev_l0s_latency, dev_l1_latency, link_l0s_exit, link_l1_exit;

	/* Power limits: value and scale codes (see vdisc_pcie_power_limit_mw). */
	uint8_t dev_power_value, dev_power_scale, slot_power_value, slot_power_scale;
	uint16_t slot_number;
};

/**
 * vdisc_pci_decode_pcie - decode a PCI Express capability
 * @fn: the function, whose snapshot holds the capability
 * @cap: a standard capability of id VDISC_PCI_CAP_ID_EXP in @fn's list
 * @out: filled in; every field is zeroed first
 *
 * The registers are read in two groups, as they exist for the port type:
 * those of version 1 (device, link, slot, root) and the "2" registers of
 * version 2.  A group is read whole or not at all.
 *
 * returns: 0; -VDISC_EINVAL when @cap is not a PCI Express capability or
 * its flags lie past the snapshot; -VDISC_ERANGE when a group the function
 * has lies past the snapshot (the flags and any group read are filled in,
 * regs_read/regs2_read say which).
 */
int vdisc_pci_decode_pcie(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pcie *out);

/* The port type's name ("Root Port" ...); NULL for the reserved types. */
const char *vdisc_pcie_port_type_name(uint8_t type);

/* A link speed code's name, "2.5GT/s" ... "64GT/s"; NULL if reserved or 0. */
const char *vdisc_pcie_speed_name(uint8_t speed);

/**
 * vdisc_pcie_power_limit_mw - a slot power limit in milliwatts
 * @value: the 8-bit value field (Device or Slot Capabilities)
 * @scale: the 2-bit scale code: 1, 0.1, 0.01 or 0.001 watts per unit
 *
 * Values 0xf0..0xfe at scale 0 mean 250 W to 600 W in steps of 25 W
 * (PCIe 6.0, 7.5.3.9).
 *
 * returns: milliwatts, or UINT32_MAX for 0xff at scale 0 ("more than 600 W").
 */
uint32_t vdisc_pcie_power_limit_mw(uint8_t value, uint8_t scale);

/* -- end of section: express -- */

/* -- section: extended capabilities (core) -- */

/* -- end of section: extended capabilities (core) -- */

/* -- section: extended capabilities (link) -- */

/* -- end of section: extended capabilities (link) -- */

#ifdef __cplusplus
}
#endif

#endif
