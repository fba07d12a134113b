/* SPDX-License-Identifier: MIT */
#include "dtb_walk.h"

#include <stdlib.h>

#include "cli.h"

/* A device's arrays are bounded by its properties, which the blob bounds. */
#define WALK_FIRST_CAP ((size_t)16 << 10)
#define WALK_MAX_CAP ((size_t)1 << 30)

void dtb_walk_start(struct dtb_walk *w, struct vdisc_model *model, uint32_t flags)
{
	*w = (struct dtb_walk){.model = model, .listed = model->devices, .flags = flags};
}

const struct vdisc_device *dtb_walk_next(struct dtb_walk *w)
{
	const struct vdisc_device *dev;
	struct vdisc_device *out;
	int err;

	if (w->error)
		return NULL;
	if (w->model->devices) {
		dev = w->listed;
		w->listed = dev ? dev->next : NULL;
		return dev;
	}
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

int dtb_walk_end(struct dtb_walk *w)
{
	free(w->buf);
	w->buf = NULL;
	return w->error;
}
