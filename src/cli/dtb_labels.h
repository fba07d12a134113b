/* SPDX-License-Identifier: MIT */
#ifndef VDISC_DTB_LABELS_H
#define VDISC_DTB_LABELS_H

/*
 * Short names for interrupt controllers in `vdisc dtb`'s listings: the
 * shortest tail of a controller's path (at a component boundary) that no
 * other controller's path ends with -- "plic@c000000", or
 * "cpu@0/interrupt-controller" where every CPU has one of that name.
 * Built once per listing in time linear in the controllers' paths, then
 * looked up per interrupt, so a listing costs what the tree costs.
 */
#include <vdisc/fdt.h>
#include <vdisc/model.h>

struct dtb_labels;

/* NULL when out of memory (the caller then prints full paths). */
struct dtb_labels *dtb_labels_build(const struct vdisc_model *model);
/* The label of the controller at @path (a model string); @path itself when @l is NULL. */
const char *dtb_labels_get(struct dtb_labels *l, const char *path);
void dtb_labels_free(struct dtb_labels *l);

#endif
