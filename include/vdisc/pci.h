/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_H
#define VDISC_PCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "pci_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * PCI discovery: one enumerator and one set of decoders, written once
 * against struct vdisc_pci_ops, whatever reaches configuration space
 * (port I/O, ECAM, sysfs, libpci, a dump file, a test array).
 *
 * Each function's configuration space is read once into a snapshot in the
 * arena; every decoder works on the snapshot, so decoding never touches
 * hardware and can be fuzzed as plain bytes.
 */

#define VDISC_PCI_CONFIG_SIZE 256
#define VDISC_PCIE_CONFIG_SIZE 4096
#define VDISC_PCI_MAX_BARS 6

struct vdisc_pci_addr {
	uint16_t segment;
	uint8_t bus;
	uint8_t dev; /* 0..31 */
	uint8_t fn;  /* 0..7 */
};

/* Room for the longest slot string, "ssss:bb:dd.f", and its NUL. */
#define VDISC_PCI_ADDR_STRLEN 13

/**
 * vdisc_pci_addr_parse - parse a slot string "[[ssss:]bb:]dd.f"
 * @s: NUL-terminated; hex fields of at most 4 (domain), 2 (bus) and 2
 *     (device, at most 1f) digits, the function one digit 0..7; nothing
 *     may follow it.  An omitted domain or bus is 0.
 * @addr: the address, written only on success
 *
 * The form sysfs names functions with and lspci prints; lspci's -s filter,
 * with its wildcards, is another grammar.
 * returns: 0, or -VDISC_EINVAL (NULL argument, not such a string).
 */
int vdisc_pci_addr_parse(const char *s, struct vdisc_pci_addr *addr);

/**
 * vdisc_pci_addr_format - write @a as "ssss:bb:dd.f", or "bb:dd.f" without @domain
 * @buf: the string, NUL-terminated; "" when it does not fit (and @len > 0)
 * @len: bytes at @buf; VDISC_PCI_ADDR_STRLEN always suffices
 *
 * Lower-case hex, as sysfs and lspci write it.
 * returns: the length written (12 or 7), or -VDISC_ERANGE when @len is too small.
 */
int vdisc_pci_addr_format(char *buf, size_t len, struct vdisc_pci_addr a, bool domain);

/* A sort key in bus order: segment, bus, device, function. */
static inline uint32_t vdisc_pci_addr_key(struct vdisc_pci_addr a)
{
	return (uint32_t)a.segment << 16 | (uint32_t)a.bus << 8 | (uint32_t)(a.dev & 31) << 3 |
	       (a.fn & 7);
}

/*
 * A configuration-space access method.  @read and @write take a width of
 * 1, 2 or 4 bytes at a naturally aligned offset and return 0 or -VDISC_E*;
 * a function that is absent reads as all ones, as on real hardware.
 */
struct vdisc_pci_ops {
	const char *name;
	int (*read)(void *ctx, struct vdisc_pci_addr addr, uint16_t offset, unsigned width,
		    uint32_t *value);
	/* NULL for read-only sources (dumps); BARs then cannot be sized. */
	int (*write)(void *ctx, struct vdisc_pci_addr addr, uint16_t offset, unsigned width,
		     uint32_t value);
	/* Bytes of configuration space this source can give for @addr: 64, 256 or 4096.
	 * NULL: 4096 where the function has a PCI Express capability, else 256. */
	uint16_t (*config_size)(void *ctx, struct vdisc_pci_addr addr);
	/*
	 * Optional: the source knows its functions (a dump, sysfs) and calls
	 * @visit for each, in its order; enumeration then lists rather than
	 * probes.  Returns 0 or the first error of @visit or its own.
	 */
	int (*list)(void *ctx, int (*visit)(void *arg, struct vdisc_pci_addr addr), void *arg);
	/*
	 * Optional: a source that already holds a function's bytes (a dump)
	 * returns them, and their size (64, 256 or 4096), so that enumeration
	 * uses them in place instead of copying; the source must then outlive
	 * the model.  NULL, or a NULL result, means "read it through @read".
	 */
	const uint8_t *(*snapshot)(void *ctx, struct vdisc_pci_addr addr, uint16_t *size);
	void *ctx;
};

enum vdisc_pci_scan {
	VDISC_PCI_SCAN_AUTO = 0,  /* list() if the source has it, else the bridge walk */
	VDISC_PCI_SCAN_BRIDGES,	  /* depth-first from each root bus through type 1 bridges */
	VDISC_PCI_SCAN_ALL_BUSES, /* every device number of all 256 buses of each segment */
	VDISC_PCI_SCAN_LIST,	  /* exactly what the source's list() names */
};

/* How enumeration found a function; both ways exist in practice, so we say which. */
enum vdisc_pci_found {
	VDISC_PCI_FOUND_LIST = 1,
	VDISC_PCI_FOUND_BRIDGE_WALK,
	VDISC_PCI_FOUND_BUS_SCAN,
};

enum vdisc_pci_bar_type {
	VDISC_PCI_BAR_NONE = 0, /* unimplemented (reads as zero) */
	VDISC_PCI_BAR_IO,
	VDISC_PCI_BAR_MEM32,
	VDISC_PCI_BAR_MEM1M, /* legacy "below 1 MiB" memory type */
	VDISC_PCI_BAR_MEM64,
	VDISC_PCI_BAR_ROM, /* the expansion ROM base address */
};

struct vdisc_pci_bar {
	uint8_t index;	/* 0..5, or 6 for the expansion ROM */
	uint8_t offset; /* register offset in configuration space */
	enum vdisc_pci_bar_type type;
	bool prefetchable;
	bool enabled;	  /* ROM: the enable bit; others: the command register's decode bit */
	uint64_t address; /* as programmed (the base, flags masked off) */
	uint64_t size;	  /* valid when has_size */
	bool has_size;	  /* false where sizing is impossible (dumps) or refused */
};

struct vdisc_pci_cap {
	struct vdisc_pci_cap *next;
	uint16_t offset;
	uint16_t id;
	uint8_t version; /* extended capabilities only */
	bool extended;
};

/* A problem in one function's configuration space: the walk stopped there. */
enum vdisc_pci_chain_problem {
	VDISC_PCI_CHAIN_OK = 0,
	VDISC_PCI_CHAIN_LOOP,	      /* a pointer visited twice ("<chain looped>") */
	VDISC_PCI_CHAIN_BROKEN,	      /* id 0xff, or a pointer into the header */
	VDISC_PCI_CHAIN_OUT_OF_RANGE, /* a pointer past the readable space */
};

/* A bridge's forwarding window (PCI-to-PCI Bridge 1.2, 3.2.5). */
struct vdisc_pci_window {
	bool enabled; /* base <= limit */
	bool is64;    /* 32-bit I/O or 64-bit prefetchable addressing */
	/* The base and limit registers as read: their low nibbles give the addressing, and a
	 * pair whose nibbles disagree or name no known width is a window of unknown type. */
	uint16_t base_reg, limit_reg;
	bool bad_type;
	uint64_t base, limit;
};

/* A CardBus bridge's windows, as the registers read (PC Card 8.0); the limits are inclusive of
 * their low bits, which the registers do not hold. */
struct vdisc_pci_cardbus {
	uint32_t mem_base[2], mem_limit[2];
	uint32_t io_base[2], io_limit[2];
	uint16_t legacy_base; /* 16-bit legacy mode base; 0 where the snapshot is under 128 bytes */
};

struct vdisc_pci_function {
	struct vdisc_pci_addr addr;
	enum vdisc_pci_found found;
	uint16_t vendor_id, device_id;
	uint16_t command, status;
	uint8_t revision;
	uint32_t class_code; /* base << 16 | sub << 8 | prog-if */
	uint8_t header_type; /* the register: layout in bits 0..6, multifunction in bit 7 */
	uint16_t subsystem_vendor_id, subsystem_id; /* 0 where the layout has none */
	bool has_subsystem;
	uint8_t interrupt_pin, interrupt_line;
	/* The rest of the header lspci shows (PCI Local Bus 3.0, 6.2.4; Bridge 1.2, 3.2.5). */
	uint8_t cache_line_size, latency_timer, bist;
	uint8_t min_gnt, max_lat;	     /* type 0 only */
	uint8_t sec_latency;		     /* types 1 and 2 */
	uint16_t sec_status, bridge_control; /* types 1 and 2 */
	struct vdisc_pci_cardbus cardbus;    /* type 2 only */
	/* Type 1 and 2 (bridges). */
	uint8_t primary_bus, secondary_bus, subordinate_bus;
	struct vdisc_pci_window io_window, mem_window, pref_window; /* type 1 only */
	struct vdisc_pci_bar bars[VDISC_PCI_MAX_BARS + 1];	    /* + the expansion ROM */
	uint8_t nbars;
	struct vdisc_pci_cap *caps;  /* standard list, in chain order */
	struct vdisc_pci_cap *ecaps; /* extended list (offset >= 0x100) */
	enum vdisc_pci_chain_problem caps_problem, ecaps_problem;
	uint16_t config_size;  /* bytes in the snapshot */
	const uint8_t *config; /* the snapshot (arena) */
	bool bars_sized;       /* sizing ran and every register was restored */
	int sizing_error; /* 0, or why sizing failed (-VDISC_EIO: a register did not restore) */
};

struct vdisc_pci_options {
	enum vdisc_pci_scan scan;
	const uint16_t *segments; /* segments to walk (bridge/bus scans); NULL = just 0 */
	unsigned nsegments;
	/* Root buses of each segment for the bridge walk (a host bridge's bus-range
	 * need not start at 0); NULL = bus 0 only. */
	const uint8_t *root_buses;
	unsigned nroot_buses;
	bool size_bars; /* live only: save, write ones, read, restore (decode off meanwhile) */
};

/**
 * vdisc_pci_enumerate - find every function @ops can reach and add it to @model
 *
 * Each function found becomes a device with bus VDISC_BUS_PCI and a
 * struct vdisc_pci_function (dev->pci) holding the snapshot and its decode.
 * Bridges whose bus numbers loop or point backwards are not followed twice.
 *
 * returns: 0, -VDISC_ENOMEM, or the first error of the source (-VDISC_EIO ...).
 */
int vdisc_pci_enumerate(const struct vdisc_pci_ops *ops, const struct vdisc_pci_options *opt,
			struct vdisc_model *model);

/**
 * vdisc_pci_decode - decode a configuration-space snapshot of @size bytes
 *
 * The pure part of enumeration: header, BARs (unsized), capability lists.
 * @config must stay alive as long as @fn (fn->config points to it).
 * returns: 0, or -VDISC_EINVAL when @size is under 64 bytes.
 */
int vdisc_pci_decode(const uint8_t *config, uint16_t size, struct vdisc_pci_addr addr,
		     struct vdisc_arena *arena, struct vdisc_pci_function *fn);

/**
 * vdisc_pci_cfg8 - a little-endian value from @fn's configuration snapshot
 * @fn: a decoded function (fn->config, fn->config_size)
 * @off: byte offset in configuration space; any value, no alignment needed
 *
 * The one way to read a snapshot: bytes at or past fn->config_size read as
 * ones, as an absent register does, so a value that runs off the end is
 * partly or wholly ones rather than a read out of bounds.
 * returns: the value (vdisc_pci_cfg16/32: 2 and 4 bytes at @off).
 */
uint8_t vdisc_pci_cfg8(const struct vdisc_pci_function *fn, uint32_t off);
uint16_t vdisc_pci_cfg16(const struct vdisc_pci_function *fn, uint32_t off);
uint32_t vdisc_pci_cfg32(const struct vdisc_pci_function *fn, uint32_t off);

struct vdisc_platform;

/**
 * vdisc_pci_conf1_ops - configuration mechanism #1 through the platform's port I/O
 *
 * Segment 0, 256 bytes per function.  returns 0, or -VDISC_ENOTSUP when the
 * platform has no port I/O hooks.  @platform must outlive @ops.
 */
int vdisc_pci_conf1_ops(const struct vdisc_platform *platform, struct vdisc_pci_ops *ops);

/* An ECAM window: where it is, which segment and buses it decodes. */
struct vdisc_pci_ecam {
	const struct vdisc_platform *platform;
	uint64_t base; /* CPU physical address of bus_start's configuration space */
	uint16_t segment;
	uint8_t bus_start, bus_end;
	/* A DesignWare core in ECAM mode: devices 1-31 of bus_start alias device 0, read absent. */
	bool root_bus_dev0_only;
};

/**
 * vdisc_pci_ecam_ops - ECAM through the platform's MMIO hooks
 *
 * returns 0, -VDISC_ENOTSUP without 8/16/32-bit MMIO hooks, -VDISC_EINVAL for
 * an empty bus range.  @ecam must outlive @ops.
 */
int vdisc_pci_ecam_ops(struct vdisc_pci_ecam *ecam, struct vdisc_pci_ops *ops);

/**
 * vdisc_pci_swizzle - the pin a function's INTx appears as on its bridge's primary side
 * @pin: 1..4 for INTA..INTD (the Interrupt Pin register)
 * @dev: the function's device number on the bridge's secondary bus
 *
 * PCI-to-PCI Bridge 1.2, 9.1: pins rotate by device number at each bridge.
 * returns: the pin, 1..4, for the bridge's own slot.
 */
uint8_t vdisc_pci_swizzle(uint8_t pin, uint8_t dev);

/* Names (NULL where the id is not in the tables). */
const char *vdisc_pci_class_name(uint32_t class_code); /* the most specific known */
const char *vdisc_pci_base_class_name(uint8_t base);
const char *vdisc_pci_subclass_name(uint8_t base, uint8_t sub);
const char *vdisc_pci_prog_if_name(uint8_t base, uint8_t sub, uint8_t prog_if);
const char *vdisc_pci_cap_name(uint16_t id);
const char *vdisc_pci_ecap_name(uint16_t id);

#ifdef __cplusplus
}
#endif

#include "pci_caps.h"

#endif
