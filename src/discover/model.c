/* SPDX-License-Identifier: MIT */
#include "vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/model.h>

void vdisc_model_init(struct vdisc_model *model, struct vdisc_arena *arena)
{
	memset(model, 0, sizeof(*model));
	model->arena = arena;
}

struct vdisc_device *vdisc_model_add_device(struct vdisc_model *model)
{
	struct vdisc_device *dev = VDISC_ARENA_NEW(model->arena, struct vdisc_device, 1);

	if (!dev)
		return NULL;
	if (model->devices_tail)
		model->devices_tail->next = dev;
	else
		model->devices = dev;
	model->devices_tail = dev;
	model->ndevices++;
	return dev;
}

int vdisc_model_add_diag(struct vdisc_model *model, int error, const char *path, const char *prop,
			 uint32_t value)
{
	struct vdisc_diag *diag;

	/* Beyond the bound a problem is counted, not kept: a tree's arena need stays bounded. */
	if (model->ndiags >= VDISC_MODEL_MAX_DIAGS) {
		model->ndiags++;
		model->nerrors += !(error == -VDISC_ENOMATCH || error == -VDISC_ENOTFOUND);
		return 0;
	}
	diag = VDISC_ARENA_NEW(model->arena, struct vdisc_diag, 1);
	if (!diag)
		return -VDISC_ENOMEM;
	diag->error = error;
	diag->path = path;
	diag->prop = prop;
	diag->value = value;
	/*
	 * An interrupt no map entry matches, or with no parent at all, is a tree
	 * Linux boots with (the interrupt just goes unmapped): a warning.
	 */
	diag->warning = error == -VDISC_ENOMATCH || error == -VDISC_ENOTFOUND;
	if (model->diags_tail)
		model->diags_tail->next = diag;
	else
		model->diags = diag;
	model->diags_tail = diag;
	model->ndiags++;
	if (!diag->warning)
		model->nerrors++;
	return 0;
}

bool vdisc_strlist_contains(const struct vdisc_strlist *list, const char *s)
{
	uint32_t i;

	for (i = 0; i < list->count; i++)
		if (strcmp(list->items[i], s) == 0)
			return true;
	return false;
}
