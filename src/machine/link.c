/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/machine.h>

#include "machine_internal.h"

void vdisc_machine_adopt_(struct vdisc_device *parent, struct vdisc_device *child)
{
	child->parent = parent;
	if (parent->last_child)
		parent->last_child->sibling = child;
	else
		parent->children = child;
	parent->last_child = child;
}

/* Whether the node at @a is an ancestor of the node at @d (paths: "/" is everyone's). */
static bool link_is_ancestor_(const char *a, const char *d)
{
	size_t n = strlen(a);

	if (n == 1 && a[0] == '/')
		return d[0] == '/' && d[1] != '\0';
	return strncmp(a, d, n) == 0 && d[n] == '/';
}

/*
 * The scan reports the root as the machine (model->dt), not as a device:
 * the tree gets one, so that the whole tree hangs from "/".
 */
static struct vdisc_device *link_dt_root_(struct vdisc_model *model)
{
	struct vdisc_device *root;

	for (root = model->devices; root; root = root->next)
		if (root->bus == VDISC_BUS_DT && root->path && strcmp(root->path, "/") == 0)
			return root;
	root = vdisc_model_add_device(model);
	if (!root)
		return NULL;
	root->bus = VDISC_BUS_DT;
	root->path = "/";
	root->dt.name = "";
	root->dt.status = "okay";
	root->dt.compatible = model->dt.compatible;
	return root;
}

/*
 * Device tree nodes come in tree order, so a node's nearest ancestor that
 * is a device is on a stack of the open ones, once those that are not its
 * ancestors are popped (a node that is no device, such as /cpus, is
 * skipped: its children hang from the next device up).  The stack lives in
 * the arena, one slot a level: the depth is bounded by the scan, not by
 * this function's frame.
 */
static int link_dt_(struct vdisc_model *model)
{
	struct vdisc_device **open, *root, *end = model->devices_tail;
	unsigned top = 0, max = 0;

	if (model->source != VDISC_SOURCE_DTB)
		return 0;
	for (struct vdisc_device *d = model->devices; d; d = d->next)
		if (d->bus == VDISC_BUS_DT && d->dt.depth + 1u > max)
			max = d->dt.depth + 1u;
	open = VDISC_ARENA_NEW(model->arena, struct vdisc_device *, max + 1u);
	root = link_dt_root_(model);
	if (!open || !root)
		return -VDISC_ENOMEM;
	open[top++] = root;
	for (struct vdisc_device *d = model->devices; d && end; d = d == end ? NULL : d->next) {
		if (d->bus != VDISC_BUS_DT || d == root || !d->path)
			continue;
		while (top > 1 && !link_is_ancestor_(open[top - 1]->path, d->path))
			top--;
		vdisc_machine_adopt_(open[top - 1], d);
		if (top <= max)
			open[top++] = d;
	}
	return 0;
}

int vdisc_machine_link(struct vdisc_model *model)
{
	int r;

	if (!model || !model->arena)
		return -VDISC_EINVAL;
	if (model->linked)
		return 0;
	model->linked = true;
	r = link_dt_(model);
	if (r == 0)
		r = vdisc_machine_link_pci_(model);
	if (r == 0)
		r = vdisc_machine_virtio_pci_(model);
	return r;
}

struct vdisc_device *vdisc_machine_next(const struct vdisc_model *model,
					const struct vdisc_device *dev, unsigned *depth)
{
	unsigned level = depth && dev ? *depth : 0;
	const struct vdisc_device *root;

	if (!model)
		return NULL;
	if (!dev) {
		root = NULL;
	} else if (dev->children) {
		dev = dev->children;
		level++;
		goto found;
	} else {
		for (; dev->parent; dev = dev->parent, level--)
			if (dev->sibling) {
				dev = dev->sibling;
				goto found;
			}
		root = dev;
	}
	/* The next root after @root in the model's list: what has no parent. */
	for (dev = root ? root->next : model->devices; dev && dev->parent; dev = dev->next)
		;
	level = 0;
found:
	if (depth)
		*depth = level;
	return (struct vdisc_device *)(uintptr_t)dev;
}
