/* SPDX-License-Identifier: MIT */
#ifndef VDISC_FDT_H
#define VDISC_FDT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/*
 * Bounds that keep a hostile tree from making a walk unbounded.  Linux uses
 * the same depth (FDT_MAX_DEPTH) and the same cell limits.
 */
#define VDISC_FDT_MAX_DEPTH 64
#define VDISC_FDT_MAX_IRQ_HOPS 32 /* interrupt-parent / interrupt-map steps per interrupt */

/**
 * vdisc_fdt_check - validate a flattened device tree before anything reads it
 * @blob: the bytes
 * @size: how many bytes @blob holds (may exceed the tree's totalsize)
 *
 * Checks the header (magic, version, totalsize against @size, each block
 * inside the blob and none overlapping another or the header) and then the
 * whole structure block (tags, names, property name offsets, nesting depth).
 *
 * returns: 0, or -VDISC_EBADMAGIC, -VDISC_ETRUNCATED, -VDISC_EBADVERSION,
 * -VDISC_EBADLAYOUT, -VDISC_EBADSTRUCT, -VDISC_EBADSTRINGS, -VDISC_ELOOP
 * (nesting deeper than VDISC_FDT_MAX_DEPTH).
 */
int vdisc_fdt_check(const void *blob, size_t size);

/* What exactly vdisc_fdt_check() found wrong, for a message a person can act on. */
struct vdisc_fdt_problem {
	const char *what; /* "totalsize exceeds the bytes available", ... */
	uint64_t value;	  /* the offending number, where @what mentions one */
	uint64_t limit;	  /* the bound it broke, where @what mentions one */
};

/**
 * vdisc_fdt_check_detail - vdisc_fdt_check() that also says what is wrong
 * @problem: filled on failure (what = NULL on success); may be NULL
 */
int vdisc_fdt_check_detail(const void *blob, size_t size, struct vdisc_fdt_problem *problem);

/**
 * vdisc_fdt_scan - fill @model with the devices of a device tree
 * @blob: the tree; it must outlive @model, whose strings point into it
 * @size: bytes available at @blob
 * @model: an initialised, empty model
 *
 * Runs vdisc_fdt_check() first.  Every node with "reg", "interrupts",
 * "interrupts-extended" or "compatible" becomes a device, in tree order;
 * reg entries are translated to CPU addresses through every ancestor's
 * "ranges"; interrupts are followed through "interrupt-parent",
 * "interrupts-extended" and "interrupt-map" nexus nodes to their final
 * controller.  Memory, reserved memory, CPUs and /chosen are summarised.
 *
 * A problem confined to one node (bad cell counts, a dangling phandle, an
 * interrupt-map loop) does not stop the scan: it is recorded in
 * model->diags and the affected field is left unresolved.
 *
 * returns: 0 (check model->ndiags), any error of vdisc_fdt_check(), or
 * -VDISC_ENOMEM when the arena is too small (retry with a larger one).
 */
int vdisc_fdt_scan(const void *blob, size_t size, struct vdisc_model *model);

#endif
