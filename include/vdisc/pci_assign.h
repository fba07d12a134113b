/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_ASSIGN_H
#define VDISC_PCI_ASSIGN_H

#include <stdbool.h>
#include <stdint.h>

#include "pci.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * PCI resource assignment for platforms where no firmware did it (QEMU's
 * riscv64 and aarch64 "virt" booted without firmware leave every BAR at 0
 * and every bridge unnumbered), as U-Boot's pci_auto and Linux's
 * pci_assign_unassigned_resources do it:
 *
 *  1. Walk from the root bus: every device number, function 0 and, when
 *     multi-function, 1..7.  Each function's decode is switched off and its
 *     BARs sized (ones, read, restore, verify).  Each PCI-to-PCI bridge's
 *     windows are closed, it gets the next free bus number as secondary and
 *     the last usable one as subordinate while the walk goes below it, then
 *     the last bus used below it (depth-first, as U-Boot numbers them).
 *  2. Place, bus by bus from the root: a bus's BARs and its bridges'
 *     windows in descending alignment order; a bridge's window is exactly
 *     what its subtree needs, rounded to the bridge's granularity (4 KiB
 *     I/O, 1 MiB memory), and programmed so (or left closed: base > limit).
 *  3. Enable in each command register the decode of the spaces whose BARs
 *     were all placed, and bus mastering when asked.
 *
 * Where things go:
 *  - I/O BARs: the io window, below 64 KiB only (16-bit I/O BARs and
 *    bridges with 16-bit I/O decode are the rule; no port is handed out
 *    below 0x1000, as Linux does).
 *  - 32-bit memory BARs, prefetchable or not, and 64-bit non-prefetchable
 *    ones: mem32, which must lie below 4 GiB (a PCI-to-PCI bridge's memory
 *    window is 32-bit, so this is where they must go behind a bridge).
 *  - 64-bit prefetchable BARs: mem64_pref when present, reached through
 *    bridges' prefetchable windows (a bridge without one, or with a 32-bit
 *    one while mem64_pref lies above 4 GiB, sends them to mem32); else mem32.
 *  - The expansion ROM is never assigned nor touched: it stays disabled.
 *
 * Everything goes through struct vdisc_pci_ops; only functions the walk
 * found are written, and every register written is read back and checked.
 * No heap, little stack: the tables of one call (functions, BARs and
 * windows) are the caller's struct vdisc_pci_assign_workspace, and the walk
 * and the placement go down the bridge levels on explicit bounded stacks,
 * not by recursion (under 1 KiB of stack in all, on riscv64 -Os: the
 * library's budget is 2 KiB per entry point, tests/cross/README.md).
 * Beyond a bound the walk goes on and reports it:
 */
#define VDISC_PCI_ASSIGN_MAX_DEPTH 8	   /* bridge levels below the root bus */
#define VDISC_PCI_ASSIGN_MAX_FUNCTIONS 64  /* functions configured in one call */
#define VDISC_PCI_ASSIGN_MAX_RESOURCES 128 /* BARs plus bridge windows (3 per bridge at most) */

struct vdisc_fdt_pci_host;

/* One address window of the host bridge: PCI bus addresses and where the CPU sees them. */
struct vdisc_pci_assign_window {
	bool present;
	uint64_t pci_base; /* bus address of the first byte */
	uint64_t cpu_base; /* CPU physical address of pci_base */
	uint64_t size;	   /* bytes; 0 means absent */
};

struct vdisc_pci_assign_windows {
	struct vdisc_pci_assign_window io;
	struct vdisc_pci_assign_window mem32;	   /* below 4 GiB */
	struct vdisc_pci_assign_window mem64_pref; /* optional: for 64-bit prefetchable BARs */
};

/**
 * vdisc_pci_assign_windows_from_host - the windows a device-tree host bridge's "ranges" give
 * @host: one of model->dt.pci_hosts (vdisc_fdt_scan)
 * @w: filled; a window with no range stays absent
 *
 * Untranslated ranges, empty ones and ranges whose end overflows are
 * skipped.  Of several candidates the largest is taken:
 *  - io: space code 1 (the range as it is: assignment itself never hands
 *    out ports below 0x1000);
 *  - mem32: space code 2 (32-bit) without the prefetchable bit;
 *  - mem64_pref: a prefetchable space-3 (64-bit) range; else a
 *    non-prefetchable space-3 range (QEMU's virt machines give only that
 *    one: a prefetchable BAR may sit in a window the CPU maps without
 *    prefetch, and Linux uses it so); else a prefetchable space-2 range.
 *
 * returns: 0; -VDISC_EINVAL for a NULL argument; -VDISC_ENOTFOUND when no
 * range gives any window (@w is then all absent).
 */
int vdisc_pci_assign_windows_from_host(const struct vdisc_fdt_pci_host *host,
				       struct vdisc_pci_assign_windows *w);

/* Enable bus mastering on every device (virtio devices need it for DMA) and on bridges with
 * something behind them. */
#define VDISC_PCI_ASSIGN_ENABLE_MASTER (1u << 0)

struct vdisc_pci_assign_options {
	uint16_t segment;
	uint8_t root_bus; /* the host bridge's first bus ("bus-range") */
	uint8_t last_bus; /* its last: bridges are numbered up to this one, never beyond */
	unsigned flags;	  /* VDISC_PCI_ASSIGN_* */
};

/* The workspace's entries: private to vdisc_pci_assign() (their meaning may change). */
struct vdisc_pci_assign_fn_ {
	uint8_t bus, devfn;
	uint8_t secondary; /* bridges, once numbered */
	uint8_t flags;
	uint16_t command; /* as found */
};

struct vdisc_pci_assign_res_ {
	uint64_t size;
	uint8_t fn;  /* index in the function table */
	uint8_t reg; /* configuration offset of the BAR or the window's base register */
	uint8_t space;
	uint8_t align; /* log2 of the alignment */
	uint8_t state;
};

/*
 * The tables of one vdisc_pci_assign() call (about 2.4 KiB), owned by the
 * caller as a kernel's driver owns its context, so that the call itself
 * needs little stack: static storage, the caller's arena
 * (VDISC_ARENA_NEW(arena, struct vdisc_pci_assign_workspace, 1)) or its
 * heap.  It needs no initialisation and holds nothing of use after the
 * call; one workspace serves one call at a time.  The members are private.
 */
struct vdisc_pci_assign_workspace {
	struct vdisc_pci_assign_fn_ fns_[VDISC_PCI_ASSIGN_MAX_FUNCTIONS];
	struct vdisc_pci_assign_res_ res_[VDISC_PCI_ASSIGN_MAX_RESOURCES];
};

#define VDISC_PCI_ASSIGN_NO_BAR 0xff

struct vdisc_pci_assign_report {
	unsigned functions;	 /* found by the walk */
	unsigned bridges;	 /* PCI-to-PCI bridges among them */
	unsigned bars_assigned;	 /* BARs programmed with an address (and verified) */
	unsigned bars_failed;	 /* BARs left unassigned for lack of room or because of an error */
	unsigned bars_no_window; /* BARs left unassigned because their space has no window (not an
				    error: e.g. a platform without I/O space) */
	uint8_t last_bus_used;	 /* the highest bus number given to a bridge, or root_bus */
	/* The first problem met (0 if none), where, and which register (a BAR offset, 0x19 for bus
	 * numbers, 0x1c/0x20/0x24 for a bridge's windows, 0x04 for the command register). */
	int first_error;
	struct vdisc_pci_addr first_error_addr;
	uint16_t first_error_reg;
	uint8_t first_error_bar; /* 0..5, or VDISC_PCI_ASSIGN_NO_BAR when not about a BAR */
};

/**
 * vdisc_pci_assign - number the buses, assign BARs and bridge windows, enable decode
 * @ops: configuration access; read and write are both required
 * @w: the host bridge's windows (vdisc_pci_assign_windows_from_host, or by hand)
 * @opt: NULL for segment 0, buses 0..255, no flags
 * @ws: the call's tables (struct vdisc_pci_assign_workspace: any contents, the caller's storage)
 * @rep: filled (may be NULL)
 *
 * Problems do not stop the walk: a BAR that does not fit is left
 * unassigned and its function's decode of that space stays off; a function
 * whose configuration access fails is left with decode off; the rest is
 * configured.  The first problem is kept in @rep and returned.
 *
 * returns: 0 when everything found was configured; otherwise the first of
 *  -VDISC_EINVAL   a NULL @ops/@w/@ws, no write hook, last_bus < root_bus, a
 *                  window that wraps or (mem32) reaches past 4 GiB, or mem32
 *                  and mem64_pref sharing an address (nothing done)
 *  -VDISC_ERANGE   a BAR or a bridge's window did not fit its window; or a
 *                  bridge found when the bus numbers up to last_bus were all
 *                  used (first_error_reg 0x19): it and its subtree stay unnumbered
 *  -VDISC_ELOOP    a bridge deeper than VDISC_PCI_ASSIGN_MAX_DEPTH: left unnumbered
 *  -VDISC_ENOMEM   more than VDISC_PCI_ASSIGN_MAX_FUNCTIONS functions (the rest
 *                  are not touched) or VDISC_PCI_ASSIGN_MAX_RESOURCES BARs and windows
 *  -VDISC_EIO      a register did not hold the value written, or decode did not go off
 *  any error of @ops->read or @ops->write (the function is then left alone with decode off)
 */
int vdisc_pci_assign(const struct vdisc_pci_ops *ops, const struct vdisc_pci_assign_windows *w,
		     const struct vdisc_pci_assign_options *opt,
		     struct vdisc_pci_assign_workspace *ws, struct vdisc_pci_assign_report *rep);

/**
 * vdisc_pci_assign_to_cpu - where the CPU reaches an assigned bus address
 * @w: the windows given to vdisc_pci_assign()
 * @io: true for I/O space (the io window), false for memory (mem32 or mem64_pref)
 * @pci_addr: a BAR's bus address
 * @size: bytes from @pci_addr that must lie in the same window (0 counts as 1)
 * @cpu: the CPU physical address
 *
 * returns: 0; -VDISC_EINVAL for NULL @w or @cpu; -VDISC_ENOTFOUND when no
 * window holds the whole range.
 */
int vdisc_pci_assign_to_cpu(const struct vdisc_pci_assign_windows *w, bool io, uint64_t pci_addr,
			    uint64_t size, uint64_t *cpu);

#ifdef __cplusplus
}
#endif

#endif
