/* SPDX-License-Identifier: MIT */
#ifndef VDISC_DTB_WALK_H
#define VDISC_DTB_WALK_H

/*
 * The devices of a `vdisc dtb` listing, one at a time: from the model's list
 * when the tree was scanned whole (--probe needs it), otherwise decoded by
 * vdisc_fdt_next_device() into one scratch buffer that is reused for every
 * device, so a listing needs memory for the tree's index only.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vdisc/vdisc.h>

struct dtb_walk {
	struct vdisc_model *model;
	const struct vdisc_device *listed; /* the next device of a scanned model */
	uint32_t cursor;
	uint32_t flags;			  /* VDISC_FDT_QUIET for a second pass */
	const struct dtb_options *filter; /* a quiet pass decodes only devices it selects */
	uint32_t here;			  /* the cursor that gives the last device returned again */
	const struct vdisc_device *here_listed;
	struct vdisc_arena scratch;
	void *buf;
	size_t cap;
	int error; /* 0, or why the walk stopped early */
};

/* Start a pass over @model's devices; @flags as vdisc_fdt_next_device(). */
void dtb_walk_start(struct dtb_walk *w, struct vdisc_model *model, uint32_t flags);
/*
 * A quiet pass over an opened tree decodes only the devices @filter's
 * --compatible and --enabled select (the others are passed undecoded); a
 * reporting pass decodes every device, since each may have problems to
 * record.
 */
struct dtb_options;
void dtb_walk_only(struct dtb_walk *w, const struct dtb_options *filter);
/* The next device, valid until the next call; NULL after the last or on an error (w->error). */
const struct vdisc_device *dtb_walk_next(struct dtb_walk *w);
/* Where the last device returned was, to start another pass of the same model there. */
struct dtb_walk_pos {
	uint32_t cursor;
	const struct vdisc_device *listed;
};
struct dtb_walk_pos dtb_walk_here(const struct dtb_walk *w);
void dtb_walk_seek(struct dtb_walk *w, struct dtb_walk_pos pos);
/* Free the scratch buffer; returns w->error. */
int dtb_walk_end(struct dtb_walk *w);

#endif
