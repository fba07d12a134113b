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
