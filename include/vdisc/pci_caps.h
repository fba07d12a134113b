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

/*
 * Extended capabilities: errors, virtual channels, identity, root complex topology and
 * virtualization.  Each structure keeps the registers as read (the CLI words their bits
 * with pci_regs.h's masks) and the fields a caller would otherwise have to compute.  A
 * decoder reads what the snapshot holds: the "has_" flags say which register groups were
 * read, so a short snapshot shows as much as lspci would show of it.
 */

/* Advanced Error Reporting (PCI Express Base 6.0, 7.8.4). */
struct vdisc_pci_aer {
	bool has_base; /* the registers up to the header log were read */
	uint32_t uncor_status, uncor_mask, uncor_severity;
	uint32_t cor_status, cor_mask;
	uint32_t cap_control; /* capabilities and control */
	uint8_t first_error;  /* First Error Pointer: an uncor_status bit number */
	uint32_t header_log[VDISC_PCI_ERR_HEADER_LOG_DWORDS];
	bool has_root; /* root port or event collector, registers read */
	uint32_t root_command, root_status;
	uint8_t root_irq;		   /* Advanced Error Interrupt Message Number */
	uint16_t cor_source, uncor_source; /* requester ids of the first ERR_COR, ERR_*FATAL */
};

/* One VC resource of a VC or MFVC capability (7.9.1.6-8, 7.9.2.6-8). */
struct vdisc_pci_vc_res {
	bool readable; /* false: past the snapshot */
	uint32_t cap, ctrl;
	uint16_t status;
	uint16_t port_arb_table; /* offset from the capability, 0 if none */
	uint8_t max_time_slots;	 /* 1..128 */
	uint8_t id;		 /* VC ID */
	uint8_t tc_map;		 /* TC/VC map */
	bool enabled;
};

/* Virtual Channel (ids 2 and 9, 7.9.1) and Multi-Function Virtual Channel (7.9.2). */
struct vdisc_pci_vc {
	bool has_port; /* the port registers were read; nothing else is without them */
	uint32_t port_cap1, port_cap2;
	uint16_t port_ctrl, port_status;
	uint8_t vc_count;	     /* VC resources: Extended VC Count + 1 */
	uint8_t low_prio_count;	     /* Low Priority Extended VC Count */
	uint8_t ref_clock;	     /* 0: 100 ns; others reserved */
	uint8_t port_arb_entry_bits; /* 1, 2, 4 or 8 */
	uint16_t vc_arb_table;	     /* offset from the capability, 0 if none */
	struct vdisc_pci_vc_res res[VDISC_PCI_VC_MAX];
};

/*
 * Power Budgeting (7.8.1): the entry the Data Select register currently selects (a snapshot
 * cannot select another) and whether the system allocated the budget.
 */
struct vdisc_pci_pwr {
	uint8_t select; /* Data Select */
	uint32_t data;
	uint8_t base, scale, pm_sub_state, pm_state, type, rail;
	bool known_power;   /* false: a reserved base (above 300 W) */
	uint32_t milliwatt; /* the power, when known_power */
	bool system_allocated;
};

/* Root Complex Link Declaration (7.9.8): the element; links are read one at a time. */
struct vdisc_pci_rclink {
	uint32_t esd; /* element self description */
	uint8_t element_type, links, component, port;
};

/* One link entry of a Root Complex Link Declaration. */
struct vdisc_pci_rclink_entry {
	uint32_t desc;
	uint64_t addr;
	uint8_t target_port, target_component;
	bool valid, config_space, assoc_rcrb;
	/* config_space: the address's bus, device and function (7.9.8.3) */
	uint8_t bus, device, function;
};

/* Root Complex Event Collector Endpoint Association (7.9.10). */
struct vdisc_pci_rcec {
	uint8_t version;
	uint32_t rciep_bitmap; /* bit n: device n on the collector's bus */
	bool has_busn;	       /* version 2 and up: the bus number range */
	uint8_t next_bus, last_bus;
};

/* Access Control Services (7.7.11). */
struct vdisc_pci_acs {
	uint16_t cap, ctrl;
	uint16_t egress_bits; /* egress control vector size in bits (0 encodes 256) */
};

/* Alternative Routing-ID Interpretation (7.8.7). */
struct vdisc_pci_ari {
	uint16_t cap, ctrl;
	uint8_t next_function, function_group;
};

/* Address Translation Services (10.5.1). */
struct vdisc_pci_ats {
	uint16_t cap, ctrl;
	uint8_t queue_depth_field; /* as encoded: 0 means 32 */
	uint8_t queue_depth;	   /* decoded, 1..32 */
	uint8_t stu;		   /* smallest translation unit field: 4096 << stu bytes */
	bool enabled;
};

/* Page Request Interface (10.5.2). */
struct vdisc_pci_pri {
	uint16_t ctrl, status;
	uint32_t capacity, allocation; /* outstanding page requests */
};

/* Process Address Space ID (7.8.9). */
struct vdisc_pci_pasid {
	uint16_t cap, ctrl;
	uint8_t max_width; /* bits of PASID supported */
};

/* One VF BAR of an SR-IOV capability: a memory BAR, 64-bit ones taking two slots. */
struct vdisc_pci_sriov_bar {
	uint8_t index;	  /* VF BAR number, 0..5 */
	uint8_t mem_type; /* VDISC_PCI_BAR_MEM_TYPE_*: 64 takes the next slot too */
	bool is64, prefetchable;
	uint64_t base; /* the address bits, flags masked off */
	uint32_t raw;  /* the lower register as read */
};

/* Single Root I/O Virtualization (PCI Express Base 6.0, 9.3.3). */
struct vdisc_pci_sriov {
	uint32_t cap;
	uint16_t ctrl, status;
	uint16_t initial_vfs, total_vfs, num_vfs;
	uint8_t func_link;
	uint16_t vf_offset, vf_stride, vf_device_id;
	uint32_t page_sizes, system_page_size; /* bit n: 4096 << n bytes */
	uint32_t bar_regs[VDISC_PCI_SRIOV_NUM_BARS];
	uint8_t nbars; /* implemented VF BARs below */
	struct vdisc_pci_sriov_bar bars[VDISC_PCI_SRIOV_NUM_BARS];
	uint32_t migration;	/* VF migration state array register */
	uint16_t migration_irq; /* VF Migration Interrupt Message Number */
};

/* Multicast (7.9.11). */
struct vdisc_pci_mcast {
	uint16_t cap, ctrl;
	uint8_t max_groups, num_groups; /* counts (field + 1) */
	uint8_t window_log2;		/* MC_Window_Size_Requested */
	uint64_t bar, receive, block_all, block_untranslated;
	bool has_overlay; /* switch and root ports: the overlay BAR was read */
	uint64_t overlay;
};

/* TPH Requester (7.9.13). */
struct vdisc_pci_tph {
	uint32_t cap;
	uint16_t st_location; /* VDISC_PCI_TPH_LOC_* */
	uint16_t st_entries;  /* steering table entries (field + 1) */
};

/*
 * The decoders: 0, or -VDISC_EINVAL when @cap is not of the id, or -VDISC_ERANGE when a
 * register they need lies past the snapshot (what was read is filled in, see each).
 */

/**
 * vdisc_pci_decode_aer - Advanced Error Reporting
 * @fn: the function
 * @cap: an extended capability of id VDISC_PCI_EXT_CAP_ID_ERR
 * @port_type: the function's PCI Express port type (VDISC_PCI_EXP_TYPE_*), -1 if unknown:
 *	the root registers exist on root ports and event collectors only
 * @out: filled in
 *
 * returns: 0; -VDISC_EINVAL: not AER; -VDISC_ERANGE: the registers up to the header log
 * (has_base false) or the root registers (has_root false) lie past the snapshot.
 */
int vdisc_pci_decode_aer(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 int port_type, struct vdisc_pci_aer *out);

/**
 * vdisc_pci_decode_vc - Virtual Channel (id 2 or 9) or Multi-Function Virtual Channel
 * @fn: the function
 * @cap: the capability
 * @out: filled in; res[0..vc_count-1] with readable set for each resource read
 *
 * returns: 0; -VDISC_EINVAL: not VC, VC9 or MFVC; -VDISC_ERANGE: the port registers
 * (has_port false) or a VC resource (its readable false) lie past the snapshot.
 */
int vdisc_pci_decode_vc(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_vc *out);

/**
 * vdisc_pci_decode_dsn - Device Serial Number
 * @fn: the function
 * @cap: the capability
 * @serial: the 64-bit serial number (upper dword at offset 8)
 *
 * returns: 0; -VDISC_EINVAL: not DSN; -VDISC_ERANGE: the number lies past the snapshot.
 */
int vdisc_pci_decode_dsn(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 uint64_t *serial);

/**
 * vdisc_pci_decode_rclink - Root Complex Link Declaration, the element's description
 * @fn: the function
 * @cap: the capability
 * @out: filled in
 *
 * returns: 0; -VDISC_EINVAL: not RC link; -VDISC_ERANGE: the description and the reserved
 * dwords before the first link lie past the snapshot.
 */
int vdisc_pci_decode_rclink(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			    struct vdisc_pci_rclink *out);

/**
 * vdisc_pci_decode_rclink_entry - one link entry of a Root Complex Link Declaration
 * @fn: the function
 * @cap: the capability
 * @index: the link, 0 .. vdisc_pci_rclink.links - 1
 * @out: filled in
 *
 * returns: 0; -VDISC_EINVAL: not RC link; -VDISC_ERANGE: the entry lies past the snapshot.
 */
int vdisc_pci_decode_rclink_entry(const struct vdisc_pci_function *fn,
				  const struct vdisc_pci_cap *cap, unsigned index,
				  struct vdisc_pci_rclink_entry *out);

/* The rest, each returning as above; -VDISC_ERANGE leaves nothing filled in except where said. */
int vdisc_pci_decode_rcec(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_rcec *out); /* has_busn false if only that is missing */
int vdisc_pci_decode_pwr(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_pwr *out);
int vdisc_pci_decode_acs(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_acs *out);
int vdisc_pci_decode_ari(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ari *out);
int vdisc_pci_decode_ats(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ats *out);
int vdisc_pci_decode_pri(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_pri *out);
int vdisc_pci_decode_pasid(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_pasid *out);
int vdisc_pci_decode_sriov(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_sriov *out);
/* @port_type as for AER: the overlay BAR exists on root, upstream and downstream ports. */
int vdisc_pci_decode_mcast(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   int port_type, struct vdisc_pci_mcast *out);
int vdisc_pci_decode_tph(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_tph *out);

/* -- end of section: extended capabilities (core) -- */

/* -- section: extended capabilities (link) -- */

/* -- end of section: extended capabilities (link) -- */

#ifdef __cplusplus
}
#endif

#endif
