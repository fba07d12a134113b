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
	uint16_t pmc; /* PM capabilities, the raw register */
	uint8_t version;
	bool d1, d2;
	uint8_t pme_states;	 /* bit n: PME# from D0, D1, D2, D3hot, D3cold */
	uint16_t aux_current_ma; /* Aux_Current in mA (0, 55, 100 ... 375) */
	bool has_ctrl;		 /* the registers below lie in the snapshot */
	uint16_t pmcsr;		 /* control/status, the raw register */
	uint8_t power_state;	 /* current D-state, 0..3 */
	bool no_soft_reset, pme_enabled, pme_status;
	uint8_t data_select, data_scale;
	uint8_t bridge_ext; /* PMCSR_BSE: bridge support extensions (0: none) */
	uint8_t data;	    /* the data register, as selected by data_select */
};

struct vdisc_pci_msi {
	uint16_t flags; /* message control, the raw register */
	bool enabled, is64, per_vector_mask;
	uint8_t vectors_capable, vectors_enabled; /* counts, not log2 (reserved codes: 32) */
	uint8_t capable_log2, enabled_log2;	  /* the raw fields, 6 and 7 being reserved */
	bool has_message;			  /* address and data lie in the snapshot */
	uint64_t address;
	uint16_t data;
	bool has_mask;		/* mask and pending lie in the snapshot (per_vector_mask) */
	uint32_t mask, pending; /* valid with has_mask */
};

struct vdisc_pci_msix {
	uint16_t flags; /* message control, the raw register */
	bool enabled, function_mask;
	uint16_t table_size; /* entries */
	bool has_tables;     /* the table and PBA registers lie in the snapshot */
	uint8_t table_bar, pba_bar;
	uint32_t table_offset, pba_offset;
};

/*
 * Each returns 0, -VDISC_EINVAL when @cap is not of that id, or -VDISC_ERANGE when the
 * capability runs past the snapshot: PM without has_ctrl, MSI without has_message or (with
 * per-vector masking) has_mask, MSI-X without has_tables; the flags word is always read.
 */
int vdisc_pci_decode_pm(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_pm *out);
int vdisc_pci_decode_msi(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_msi *out);
int vdisc_pci_decode_msix(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_msix *out);

/* -- section: standard capabilities -- */

/*
 * The other standard capabilities (PCI Code and ID Assignment 1.18, 2).  Each
 * structure holds its registers as read (raw, for the caller's masks from
 * pci_regs.h) and the fields whose meaning takes arithmetic.  "has_*" says a
 * group of registers lay inside the snapshot; a decoder that had to stop
 * early returns -VDISC_ERANGE with what it read filled in.
 */

/* AGP (AGP 3.0, 2.5.1). */
struct vdisc_pci_agp {
	uint8_t major, minor; /* interface revision */
	bool has_regs;	      /* status and command were read */
	uint32_t status, command;
	bool agp3;	       /* revision 3+ in AGP 3.0 mode: rate bits mean 4x, 8x */
	uint16_t status_rq;    /* requests the target queues, 1..256 */
	uint16_t command_rq;   /* requests the master may issue, 1..256 */
	uint8_t status_rates;  /* rates supported: bit n set = (agp3 ? 4 : 1) << n times */
	uint8_t command_rates; /* the rate in use, same encoding */
};

/* Slot identification (PCI-to-PCI Bridge 1.2, 13.1): all in the header dword. */
struct vdisc_pci_slotid {
	uint8_t esr; /* expansion slot register */
	uint8_t slots;
	bool first_in_chassis;
	uint8_t chassis;
};

/* PCI-X (PCI-X 2.0a 7.2 and, for a bridge, 8.6.2). */
struct vdisc_pci_pcix {
	bool bridge;   /* type 1 header: the bridge form of the capability */
	bool has_regs; /* the registers below lie in the snapshot */
	/* device form */
	uint16_t command;
	uint16_t max_read;	  /* command: maximum memory read byte count, bytes */
	uint8_t max_split;	  /* command: maximum outstanding split transactions */
	uint16_t design_max_read; /* status: designed maximum read byte count, bytes */
	uint8_t design_max_split; /* status: designed maximum outstanding splits */
	uint16_t design_max_cum;  /* status: designed maximum cumulative read size, ADQs */
	/* both forms: the status register, and where the function sits by it */
	uint32_t status;
	uint8_t bus, dev, fn;
	/* bridge form */
	uint16_t sec_status;
	uint8_t sec_freq; /* secondary bus mode and frequency, 4 bits */
	uint32_t upstream, downstream;
	uint16_t up_capacity, up_limit, down_capacity, down_limit; /* split transaction control */
};

/* What a HyperTransport capability block is (the command register's type). */
enum vdisc_pci_ht_kind {
	VDISC_PCI_HT_PRIMARY,	/* slave or primary interface */
	VDISC_PCI_HT_SECONDARY, /* host or secondary interface */
	VDISC_PCI_HT_OTHER,	/* one of the 5-bit types: see @type */
};

/* One HyperTransport link's registers (a primary interface has two). */
struct vdisc_pci_ht_link {
	uint16_t control, config;
	uint8_t freq_err;  /* link frequency (low nibble) and errors */
	uint16_t freq_cap; /* frequencies supported: bits 0..9 200 MHz .. 1.6 GHz, 15 vendor */
};

/* HyperTransport (HyperTransport I/O Link 3.10, 7). */
struct vdisc_pci_ht {
	uint16_t command;
	enum vdisc_pci_ht_kind kind;
	uint8_t type;	  /* the 5-bit capability type (command >> 11) */
	bool has_regs;	  /* primary/secondary: the whole block lies in the snapshot */
	uint8_t revision; /* primary/secondary: the revision register; revision id: the command */
	struct vdisc_pci_ht_link link[2]; /* secondary: link[0] only */
	uint16_t feature;
	uint16_t error_handling; /* secondary: valid when the extended register set is */
	uint8_t mem_base_upper, mem_limit_upper, bus_number; /* bus_number: primary only */
	/* MSI mapping */
	bool has_address; /* the mapping address was read (not fixed) */
	uint64_t msi_address;
};

/* Debug port (EHCI 1.0, C.2.1). */
struct vdisc_pci_dbg {
	uint8_t bar; /* 1..6: BAR number, as the spec counts (lspci prints it as is) */
	uint16_t offset;
};

/* Bridge subsystem ids (PCI-to-PCI Bridge 1.2, 3.2.5.13). */
struct vdisc_pci_ssvid {
	uint16_t vendor, device;
};

/* SATA data/index configuration (AHCI 1.3.1, 2.4). */
struct vdisc_pci_sata {
	uint8_t major, minor; /* revision */
	bool has_regs;	      /* the BAR location register was read */
	uint32_t regs;
	uint8_t location; /* 4..9: BAR 0..5; 15: inline in configuration space */
	uint32_t offset;  /* within the BAR, in dwords (lspci's "Offset") */
};

/* Advanced features (PCI Advanced Capabilities ECN). */
struct vdisc_pci_af {
	uint8_t length;
	bool has_regs;
	uint8_t cap, ctrl, status;
};

/* One enhanced allocation entry (PCI Express Base 6.0, 6.9.1.2). */
struct vdisc_pci_ea_entry {
	uint16_t at;		    /* where its header sits in configuration space */
	uint32_t header;	    /* raw: size, BEI, properties, writable, enable */
	uint8_t size;		    /* dwords after the header */
	uint8_t bei;		    /* BAR equivalent indicator */
	uint8_t primary, secondary; /* properties */
	bool enabled, writable;
	bool base64, max_offset64;
	uint64_t base;	     /* bits 1:0 clear */
	uint64_t max_offset; /* bits 1:0 set: the last byte's offset */
};

/* Enhanced allocation (PCI Express Base 6.0, 6.9.1). */
struct vdisc_pci_ea {
	uint8_t entries; /* NumEntries as the capability says */
	bool bridge;	 /* type 1: fixed secondary/subordinate bus numbers */
	bool has_buses;
	uint8_t secondary, subordinate;
	uint16_t first; /* where the first entry's header sits */
};

/* Virtio's vendor capability read as lspci reads it (virtio 1.3, 4.1.4). */
struct vdisc_pci_vndr {
	uint8_t length;	  /* the capability's length byte */
	bool virtio;	  /* a virtio function's capability, long enough and in the snapshot */
	uint8_t cfg_type; /* virtio: VDISC_VIRTIO_PCI_CAP_* */
	uint8_t bar;
	uint32_t offset, size; /* the low dwords, as the 16-byte layout has them */
	bool has_multiplier;   /* notify, 20 bytes or more */
	uint32_t multiplier;
};

int vdisc_pci_decode_agp(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_agp *out);
int vdisc_pci_decode_slotid(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			    struct vdisc_pci_slotid *out);
int vdisc_pci_decode_pcix(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_pcix *out);
int vdisc_pci_decode_ht(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_ht *out);
int vdisc_pci_decode_dbg(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_dbg *out);
int vdisc_pci_decode_ssvid(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_ssvid *out);
int vdisc_pci_decode_sata(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_sata *out);
int vdisc_pci_decode_af(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_af *out);
int vdisc_pci_decode_ea(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_ea *out);
int vdisc_pci_decode_vndr(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_vndr *out);

/* How a VPD keyword's data reads (PCI Local Bus 3.0, I.3). */
enum vdisc_pci_vpd_format {
	VDISC_PCI_VPD_TEXT,
	VDISC_PCI_VPD_BINARY,
	VDISC_PCI_VPD_CHECKSUM, /* "RV": the checksum byte, then reserved bytes */
	VDISC_PCI_VPD_FREE,	/* "RW": the unused read-write area */
};

enum vdisc_pci_vpd_kind {
	VDISC_PCI_VPD_ID_STRING,  /* the product name */
	VDISC_PCI_VPD_FIELDS,	  /* a read-only or read-write list begins */
	VDISC_PCI_VPD_FIELD,	  /* a keyword and its data */
	VDISC_PCI_VPD_END,	  /* the end tag: the walk is over */
	VDISC_PCI_VPD_UNKNOWN,	  /* a resource type VPD does not define: the walk is over */
	VDISC_PCI_VPD_UNREADABLE, /* not even the first tag could be read */
	VDISC_PCI_VPD_NO_END,	  /* the image ended (or broke) before an end tag */
};

/* One step of a VPD image (PCI Local Bus 3.0, appendix I). */
struct vdisc_pci_vpd_item {
	enum vdisc_pci_vpd_kind kind;
	uint8_t tag;	    /* UNKNOWN: the resource type (small: the item name) */
	bool large;	    /* UNKNOWN: a large resource */
	bool read_write;    /* FIELDS, FIELD: in the read-write list */
	uint8_t keyword[2]; /* FIELD */
	const char *name;   /* FIELD: what the keyword means ("Part number" ...) */
	enum vdisc_pci_vpd_format format;
	const uint8_t *data; /* ID_STRING, FIELD: inside the image */
	uint16_t len;	     /* bytes at data (CHECKSUM: the field's length, data holds 1) */
	bool checksum_ok;    /* CHECKSUM: every byte up to and with the checksum sums to 0 */
};

/* A walk through a VPD image: set vpd and size, zero the rest. */
struct vdisc_pci_vpd_iter {
	const uint8_t *vpd;
	uint32_t size;
	uint32_t pos;	   /* the next resource's tag */
	uint32_t field;	   /* inside a field list: the next field, else 0 */
	uint32_t list_end; /* inside a field list: where it ends */
	bool read_write, done;
	uint8_t sum;
};

/**
 * vdisc_pci_vpd_next - the next item of a VPD image
 * @it: the walk
 * @out: the item
 *
 * Resources in order: the identifier string, each field list (FIELDS, then
 * a FIELD per keyword), the end tag.  Nothing at or past @it->size (nor past
 * VPD's 32 KiB) is read: an image that stops early ends the walk with
 * NO_END, or UNREADABLE when it is empty.
 * returns: 1 with @out filled, 0 when the walk is over.
 */
int vdisc_pci_vpd_next(struct vdisc_pci_vpd_iter *it, struct vdisc_pci_vpd_item *out);

/**
 * vdisc_pci_ea_entry - the next enhanced allocation entry
 * @fn: the function
 * @at: in: where the entry's header sits (vdisc_pci_ea.first, then the value returned)
 * @out: the entry
 *
 * returns: where the next entry sits (> @at), or -VDISC_ERANGE when the header or
 * the entry's body lies past the snapshot (@out then holds what was read).
 */
int vdisc_pci_ea_entry(const struct vdisc_pci_function *fn, uint16_t at,
		       struct vdisc_pci_ea_entry *out);

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

/*
 * Power and link management, resizable BARs and the vendors' extended capabilities
 * (PCI Express Base 6.0, 7.7-7.9; CXL 3.0, 8.1).  Each structure keeps the registers as read
 * (flag bits are pci_regs.h's masks on them) and the fields that take arithmetic to read.
 * The decoders return -VDISC_ERANGE when the snapshot ends inside the registers they read;
 * registers past the end read as all-ones and `regs` counts the 32-bit registers that were
 * wholly inside.
 */

/* A latency as LTR encodes it (7.8.2.2): a 10-bit value times 32^scale ns. */
struct vdisc_pci_latency {
	uint16_t value;
	uint8_t scale; /* 0..7; above VDISC_PCI_LTR_SCALE_MAX is not permitted */
	uint64_t ns;   /* value * 32^scale, whatever the scale */
};

struct vdisc_pci_ltr {
	uint16_t max_snoop_reg, max_nosnoop_reg;
	struct vdisc_pci_latency max_snoop, max_nosnoop;
};

struct vdisc_pci_secpci {
	uint32_t lnkctl3;
	uint32_t lane_errors; /* bit n: lane n */
	uint8_t lanes;	      /* lane equalization entries read: the link's maximum width */
	uint16_t lane_eq[VDISC_PCI_SECPCI_MAX_LANES];
	uint8_t regs;
};

/* An L1 PM Substates time: T_POWER_ON or Port T_POWER_ON (value times 2, 10 or 100 us). */
struct vdisc_pci_pwr_on {
	uint8_t scale, value;
	int32_t us; /* -1 for the reserved scale */
};

struct vdisc_pci_l1ss {
	uint32_t cap, ctl1, ctl2;
	bool l1_2; /* PCI-PM or ASPM L1.2 supported: the timing fields mean something */
	uint8_t port_cm_restore_us;
	struct vdisc_pci_pwr_on port_pwr_on;
	uint8_t cm_restore_us; /* Common_Mode_Restore_Time in control 1 */
	struct vdisc_pci_latency ltr_l12_threshold;
	struct vdisc_pci_pwr_on pwr_on;
	uint8_t regs;
};

struct vdisc_pci_ptm {
	uint32_t cap, ctrl;
	uint8_t clock_granularity;     /* ns; VDISC_PCI_PTM_GRANULARITY_NONE/ABOVE */
	uint8_t effective_granularity; /* ns; likewise */
	uint8_t regs;
};

struct vdisc_pci_dpc {
	uint16_t cap, ctl, status, source_id;
	uint8_t irq;
	uint8_t rp_pio_log_size; /* dwords, with the 6.0 fifth bit */
	uint8_t trigger_enable;	 /* control: 0 off, 1 ERR_FATAL, 2 ERR_NONFATAL too, 3 reserved */
	uint8_t trigger_reason, trigger_reason_ext, rp_pio_fep;
	uint8_t regs;
};

/* One resizable BAR; sizes are log2(bytes / 1 MB): 0 is 1 MB, 43 is 8 EB. */
struct vdisc_pci_rebar_entry {
	uint32_t cap, ctrl;
	uint8_t bar;	      /* the BAR it resizes, 0..5 */
	uint8_t current_size; /* 0..63; above VDISC_PCI_REBAR_SIZE_MAX is reserved */
	uint64_t supported;   /* bit n: size n is supported (capability bits, then control's) */
};

struct vdisc_pci_rebar {
	bool vf;	    /* the VF Resizable BAR capability */
	uint8_t nbars;	    /* Number of Resizable BARs in the first control register */
	bool nbars_invalid; /* outside 1..6 */
	uint8_t count;	    /* entries read */
	struct vdisc_pci_rebar_entry entry[VDISC_PCI_REBAR_MAX_BARS];
};

struct vdisc_pci_doe {
	uint32_t cap, ctrl, status;
	uint16_t irq; /* Interrupt Message Number, with IntSup */
	uint8_t regs;
};

/* The Vendor-Specific extended capability's header (7.9.5.2). */
struct vdisc_pci_vsec {
	uint16_t id;
	uint8_t rev;
	uint16_t len; /* bytes, from the capability's start */
};

/* CXL DVSECs (CXL 3.0, 8.1): the registers of the ones vdisc decodes. */
struct vdisc_cxl_range {
	uint64_t base, size; /* size and base with their low 28 flag bits cleared */
	uint16_t flags;	     /* the size's low word: VDISC_CXL_RANGE_* */
};

struct vdisc_cxl_device {
	uint16_t cap, ctrl, status, status2, cap2;
	uint8_t cache_unit; /* VDISC_CXL_DEV_CAP2_UNIT_* */
	uint8_t cache_size; /* in units */
	struct vdisc_cxl_range range[2];
};

struct vdisc_cxl_port {
	uint16_t status, ctrl;
	uint8_t bus_base, bus_limit;
	uint16_t mem_base, mem_limit;
};

/* A GPF time: base times 10^(scale mod 3) in us, ms or s (scale / 3); scale > 7 reserved. */
struct vdisc_cxl_gpf_time {
	uint8_t base, scale;
	uint16_t amount; /* base times the scale's 1, 10 or 100; base alone when reserved */
};

struct vdisc_cxl_flexbus {
	uint16_t cap, ctrl, status;
	uint32_t mod_ts_data;	       /* 24 bits */
	uint32_t cap2, ctrl2, status2; /* revision 2 and later */
};

struct vdisc_cxl_reg_block {
	uint8_t bir;	 /* BAR Indicator: 0..5 */
	uint8_t id;	 /* Register Block Identifier: 0 empty, 1 component ... 0xff vendor */
	uint64_t offset; /* in the BAR, 64 KB aligned */
};

struct vdisc_pci_dvsec {
	uint16_t vendor, id;
	uint8_t rev;
	uint16_t len;
	bool cxl; /* the CXL consortium's, and long enough to be decoded */
	union {
		struct vdisc_cxl_device device;
		struct vdisc_cxl_port port;
		struct {
			struct vdisc_cxl_gpf_time phase1, phase2;
		} gpf_port;
		struct {
			struct vdisc_cxl_gpf_time phase2;
			uint32_t phase2_power_mw;
		} gpf_device;
		struct vdisc_cxl_flexbus flexbus;
		uint32_t function_map[VDISC_CXL_FUN_MAP_REGS];
		uint16_t mld_num_ld;
		uint16_t reg_blocks; /* blocks the length holds: vdisc_pci_decode_cxl_reg_block */
	} u;
};

int vdisc_pci_decode_ltr(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ltr *out);
int vdisc_pci_decode_secpci(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			    struct vdisc_pci_secpci *out);
int vdisc_pci_decode_l1ss(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_l1ss *out);
int vdisc_pci_decode_ptm(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ptm *out);
int vdisc_pci_decode_dpc(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_dpc *out);
int vdisc_pci_decode_doe(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_doe *out);
int vdisc_pci_decode_vsec(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_vsec *out);

/**
 * vdisc_pci_decode_rebar - a Resizable BAR or VF Resizable BAR capability's entries
 * @fn: the function
 * @cap: its capability of id VDISC_PCI_EXT_CAP_ID_REBAR or _VF_REBAR
 * @out: filled with the entries read, in the capability's order
 *
 * The first control register says how many entries follow; with a count outside 1..6
 * (nbars_invalid) no entry is trusted: @out->count is 0, entry[0] holds what was read.
 *
 * returns: 0; -VDISC_EINVAL for another id; -VDISC_ERANGE when the snapshot ends inside
 * an entry (@out->count entries were read whole).
 */
int vdisc_pci_decode_rebar(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_rebar *out);

/**
 * vdisc_pci_decode_dvsec - a Designated Vendor-Specific capability and its CXL registers
 * @fn: the function
 * @cap: its capability of id VDISC_PCI_EXT_CAP_ID_DVSEC
 * @out: the header; with @out->cxl, the union member for @out->id (CXL DVSEC ids
 *       VDISC_CXL_DVSEC_*; other ids leave the union zero)
 *
 * returns: 0; -VDISC_EINVAL for another id; -VDISC_ERANGE when the snapshot ends inside the
 * header or inside the CXL registers (the header is then still filled in when it was read).
 */
int vdisc_pci_decode_dvsec(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_dvsec *out);

/**
 * vdisc_pci_decode_cxl_reg_block - one entry of a CXL Register Locator DVSEC (CXL 3.0, 8.1.9)
 * @fn: the function
 * @cap: the DVSEC (vendor 1E98h, id VDISC_CXL_DVSEC_REG_LOCATOR)
 * @index: 0 for the first block
 * @out: the block
 *
 * returns: 0; -VDISC_EINVAL when @cap is not a register locator; -VDISC_ENOTFOUND when the
 * DVSEC's length holds no block @index; -VDISC_ERANGE when the block lies past the snapshot.
 */
int vdisc_pci_decode_cxl_reg_block(const struct vdisc_pci_function *fn,
				   const struct vdisc_pci_cap *cap, unsigned index,
				   struct vdisc_cxl_reg_block *out);

/* Data Link Feature: the local and (once exchanged) the remote features. */
struct vdisc_pci_dlf {
	uint32_t cap, status;
	uint8_t regs;
};

/* Physical Layer 16.0 GT/s or 32.0 GT/s: status, and each lane's equalization presets. */
struct vdisc_pci_pl {
	bool gt32;
	uint32_t cap, ctrl, status;
	uint32_t parity[3];	       /* 16 GT/s: local, first and second retimer, a bit a lane */
	uint32_t rx_mts[2], tx_mts[2]; /* 32 GT/s: modified TS data received and sent */
	uint8_t lanes;		       /* entries read: the link's maximum width */
	uint8_t lane_eq[VDISC_PCI_SECPCI_MAX_LANES];
	uint8_t regs;
};

/* Lane Margining at the Receiver: the port's registers and each lane's control and status. */
struct vdisc_pci_lmr {
	uint16_t port_cap, port_status;
	uint8_t lanes;
	uint16_t lane_ctrl[VDISC_PCI_SECPCI_MAX_LANES], lane_status[VDISC_PCI_SECPCI_MAX_LANES];
	uint8_t regs;
};

struct vdisc_pci_npem {
	uint32_t cap, ctrl, status;
	uint8_t regs;
};

/* Integrity and Data Encryption: the capability, link streams, and where selective ones start. */
struct vdisc_pci_ide {
	uint32_t cap, ctrl;
	uint8_t link_streams; /* one per TC with Link IDE, else 0 */
	uint32_t link_ctrl[8], link_status[8];
	uint16_t selective_streams; /* with Selective IDE: vdisc_pci_decode_ide_stream */
};

struct vdisc_pci_ide_stream {
	uint16_t offset; /* of its capability register, in configuration space */
	uint32_t cap, ctrl, status, rid1, rid2;
	uint8_t addr_blocks; /* address association blocks after it, 12 bytes each */
};

int vdisc_pci_decode_dlf(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_dlf *out);
/* PL_16GT or PL_32GT; lanes as many as the PCI Express capability's maximum link width. */
int vdisc_pci_decode_pl(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_pl *out);
int vdisc_pci_decode_lmr(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_lmr *out);
int vdisc_pci_decode_npem(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_npem *out);
int vdisc_pci_decode_ide(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ide *out);

/**
 * vdisc_pci_decode_ide_stream - one Selective IDE Stream register block (PCIe 6.0 7.9.26.5)
 * @fn: the function
 * @cap: its IDE capability
 * @index: 0 for the first selective stream
 * @out: the stream's registers
 *
 * Each block's length depends on the address blocks before it: the walk starts again at
 * the first stream every call.
 *
 * returns: 0; -VDISC_EINVAL when @cap is not IDE; -VDISC_ENOTFOUND when the capability
 * has no stream @index; -VDISC_ERANGE when a block lies past the snapshot.
 */
int vdisc_pci_decode_ide_stream(const struct vdisc_pci_function *fn,
				const struct vdisc_pci_cap *cap, unsigned index,
				struct vdisc_pci_ide_stream *out);

/* -- end of section: extended capabilities (link) -- */

#ifdef __cplusplus
}
#endif

#endif
