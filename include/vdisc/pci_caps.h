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
int vdisc_pci_decode_pcie(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pcie *out);
const char *vdisc_pcie_port_type_name(uint8_t type);
const char *vdisc_pcie_speed_name(uint8_t speed); /* "2.5GT/s" ...; NULL if unknown */

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

/* -- end of section: express -- */

/* -- section: extended capabilities (core) -- */

/* -- end of section: extended capabilities (core) -- */

/* -- section: extended capabilities (link) -- */

/* -- end of section: extended capabilities (link) -- */

#ifdef __cplusplus
}
#endif

#endif
