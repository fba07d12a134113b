/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_ASSIGN_INTERNAL_H
#define VDISC_PCI_ASSIGN_INTERNAL_H

#include "pci_internal.h"

#include <vdisc/pci_assign.h>

/*
 * Resource assignment's shared state and its bottom layer: assign.c walks
 * and numbers (above), assign_size.c sizes and assign_place.c lays out,
 * programs and enables (in the middle, each with its own header), and
 * assign_access.c (declared here) reaches configuration space for all
 * three.  Each file includes only what is below it.  The state is one
 * struct on vdisc_pci_assign()'s stack; its tables are the caller's
 * workspace (struct vdisc_pci_assign_workspace, whose entries are
 * struct vdisc_pci_assign_fn_ and struct vdisc_pci_assign_res_).
 */

/* The three kinds of window a bus (and a bridge) has. */
enum asg_space_ {
	ASG_IO_ = 0,
	ASG_MEM_,  /* mem32 at the root, a bridge's memory window below */
	ASG_PREF_, /* mem64_pref at the root, a bridge's prefetchable window below */
	ASG_NSPACES_
};

/* Which windows reach the bus being walked (bits of a "caps" argument). */
#define ASG_CAP_IO_ 0x1
#define ASG_CAP_PREF_ 0x2

/* vdisc_pci_assign_fn_.flags */
#define ASG_F_BRIDGE_ 0x01
#define ASG_F_BROKEN_ 0x02   /* an access failed: the function is left alone, decode off */
#define ASG_F_IO_WIN_ 0x04   /* the bridge implements an I/O window */
#define ASG_F_IO32_ 0x08     /* ... with 32-bit addressing */
#define ASG_F_PREF_WIN_ 0x10 /* the bridge implements a prefetchable window */
#define ASG_F_PREF64_ 0x20   /* ... with 64-bit addressing */
#define ASG_F_BEHIND_ 0x40   /* the walk found something behind the bridge */

/* vdisc_pci_assign_res_.state */
#define ASG_R_WINDOW_ 0x01 /* a bridge's window (reg is its base register), else a BAR */
#define ASG_R_IS64_ 0x02   /* a BAR with an upper half at reg + 4 */
#define ASG_R_PLACED_ 0x04 /* programmed and verified */
#define ASG_R_NO_WINDOW_ 0x08
#define ASG_R_TOO_BIG_ 0x10 /* larger than the root window of its space */

struct asg_ {
	const struct vdisc_pci_ops *ops;
	struct vdisc_pci_assign_report *rep;
	uint16_t segment;
	uint8_t last_bus;
	unsigned flags;
	unsigned next_bus; /* the first bus number not yet given (may be 256) */
	/* The root windows, PCI addresses, limits inclusive. */
	bool have[ASG_NSPACES_];
	uint64_t lo[ASG_NSPACES_], hi[ASG_NSPACES_];
	unsigned nfns, nres;
	/* The caller's workspace (struct vdisc_pci_assign_workspace). */
	struct vdisc_pci_assign_fn_ *fns;  /* VDISC_PCI_ASSIGN_MAX_FUNCTIONS */
	struct vdisc_pci_assign_res_ *res; /* VDISC_PCI_ASSIGN_MAX_RESOURCES */
};

/* assign_access.c: configuration access for function @fi of the table */
struct vdisc_pci_addr vdisc_pci_asg_addr_(const struct asg_ *c, unsigned fi);
/* Keep @err as the report's first error, at @a's register @reg (@bridge: a type 1 header). */
void vdisc_pci_asg_error_at_(struct asg_ *c, struct vdisc_pci_addr a, uint16_t reg, bool bridge,
			     int err);
/* Keep @err as the report's first error, at function @fi's register @reg. */
void vdisc_pci_asg_error_(struct asg_ *c, unsigned fi, uint16_t reg, int err);
/* The same, and the function is left alone from now on (decode stays off). */
void vdisc_pci_asg_broken_(struct asg_ *c, unsigned fi, uint16_t reg, int err);
int vdisc_pci_asg_read_(const struct asg_ *c, unsigned fi, uint16_t off, unsigned width,
			uint32_t *v);
/* Write @v, read it back: the bits in @check must hold (-VDISC_EIO). */
int vdisc_pci_asg_write_(struct asg_ *c, unsigned fi, uint16_t off, unsigned width, uint32_t v,
			 uint32_t check);
/* A bridge's primary (its own bus), secondary and subordinate bus numbers, verified. */
int vdisc_pci_asg_bus_numbers_(struct asg_ *c, unsigned fi, unsigned secondary,
			       unsigned subordinate);

#endif
