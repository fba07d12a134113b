/* SPDX-License-Identifier: MIT */
#include "dtb_walk.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A device's arrays are bounded by its properties, which the blob bounds. */
#define WALK_FIRST_CAP ((size_t)16 << 10)
#define WALK_MAX_CAP ((size_t)1 << 30)

void dtb_walk_start(struct dtb_walk *w, struct vdisc_model *model, uint32_t flags)
{
	*w = (struct dtb_walk){.model = model, .listed = model->devices, .flags = flags};
}

void dtb_walk_only(struct dtb_walk *w, const struct dtb_options *filter)
{
	w->filter = dtb_filter_active(filter) ? filter : NULL;
}

/* Pass, undecoded, the devices a quiet pass filtered by compatible would not show. */
static void dtb_walk_skip_unselected(struct dtb_walk *w)
{
	int offset;

	if (!w->filter || !(w->flags & VDISC_FDT_QUIET))
		return;
	while ((offset = vdisc_fdt_peek_device(w->model, &w->cursor)) >= 0) {
		if (dtb_filter_node(w->model, offset, w->filter))
			return;
		vdisc_fdt_skip_device(w->model, &w->cursor);
	}
}

const struct vdisc_device *dtb_walk_next(struct dtb_walk *w)
{
	const struct vdisc_device *dev;
	struct vdisc_device *out;
	int err;

	if (w->error)
		return NULL;
	if (w->model->devices) {
		dev = w->here_listed = w->listed;
		w->listed = dev ? dev->next : NULL;
		return dev;
	}
	dtb_walk_skip_unselected(w);
	(void)vdisc_fdt_peek_device(w->model, &w->cursor);
	w->here = w->cursor;
	for (;;) {
		if (!w->buf) {
			w->cap = w->cap ? w->cap * 2 : WALK_FIRST_CAP;
			w->buf = malloc(w->cap);
			if (!w->buf) {
				w->error = -VDISC_ENOMEM;
				return NULL;
			}
		}
		vdisc_arena_init(&w->scratch, w->buf, w->cap);
		err = vdisc_fdt_next_device(w->model, &w->cursor, &w->scratch, w->flags, &out);
		if (err != -VDISC_ENOMEM || w->cap >= WALK_MAX_CAP)
			break;
		/* The device did not fit: a bigger buffer, the same device again. */
		free(w->buf);
		w->buf = NULL;
	}
	w->error = err;
	return err ? NULL : out;
}

struct dtb_walk_pos dtb_walk_here(const struct dtb_walk *w)
{
	return (struct dtb_walk_pos){.cursor = w->here, .listed = w->here_listed};
}

void dtb_walk_seek(struct dtb_walk *w, struct dtb_walk_pos pos)
{
	w->cursor = pos.cursor;
	w->listed = pos.listed;
}

int dtb_walk_end(struct dtb_walk *w)
{
	free(w->buf);
	w->buf = NULL;
	return w->error;
}
