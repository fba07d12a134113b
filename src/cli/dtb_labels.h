/* SPDX-License-Identifier: MIT */
#ifndef VDISC_DTB_LABELS_H
#define VDISC_DTB_LABELS_H

/*
 * Short names for interrupt controllers in `vdisc dtb`'s listings: the
 * controller's label from /__symbols__, else its node name without the unit
 * address ("plic", "intc" for "interrupt-controller@..."), else with it
 * ("intc@48200000"), else the shortest tail of its path no other
 * controller's names collide with ("cpu@0/interrupt-controller" where every
 * CPU has one) -- whichever comes first and is unique.  Built once per
 * listing in time linear in the controllers' paths, then looked up per
 * interrupt, so a listing costs what the tree costs.
 */
#include <stdbool.h>
#include <stdint.h>

#include <vdisc/fdt.h>
#include <vdisc/model.h>

struct dtb_labels;

/* NULL when out of memory (the caller then prints full paths). */
struct dtb_labels *dtb_labels_build(const struct vdisc_model *model);
/* The short name of the controller at @path (a model string); @path itself when @l is NULL. */
const char *dtb_labels_get(struct dtb_labels *l, const char *path);
/*
 * The controllers dtb_labels_get() has named by something shorter than
 * their path, in tree order: *@cursor 0 first; false after the last.
 */
bool dtb_labels_next_used(const struct dtb_labels *l, uint32_t *cursor, const char **label,
			  const char **path);
void dtb_labels_free(struct dtb_labels *l);

#endif
