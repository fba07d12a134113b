/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * Lookups in an indexed tree for callers that print it: a node's path, a
 * phandle's node and a node's property in O(log n) plus the node's own
 * properties, where libfdt's fdt_get_path and fdt_node_offset_by_phandle
 * walk the tree from the root every time and fdt_getprop re-checks every
 * tag of an already checked blob.
 */

static const struct fdt_tree_ *fdt_lookup_tree_(const struct vdisc_model *model)
{
	return model && model->source == VDISC_SOURCE_DTB ? model->dt.fdt_index : NULL;
}

size_t vdisc_fdt_node_path(const struct vdisc_model *model, int offset, char *buf, size_t len)
{
	const struct fdt_tree_ *tree = fdt_lookup_tree_(model);
	uint32_t node = FDT_NO_PARENT_;

	/* A printer asks for the path of the node a phandle just named: no search for it. */
	if (tree && tree->last_phandle < tree->count &&
	    tree->nodes[tree->last_phandle].offset == offset)
		node = tree->last_phandle;
	else if (tree)
		node = vdisc_fdt_node_at_(tree, offset);
	return node == FDT_NO_PARENT_ ? 0 : vdisc_fdt_path_write_(tree, node, buf, len);
}

int vdisc_fdt_phandle_node(const struct vdisc_model *model, uint32_t phandle)
{
	const struct fdt_tree_ *tree = fdt_lookup_tree_(model);
	uint32_t node = tree ? vdisc_fdt_find_phandle_(tree, phandle) : FDT_NO_PARENT_;

	if (node == FDT_NO_PARENT_)
		return -1;
	/* The tree lives in the caller's arena; this is a cache of the blob, never of state. */
	((struct fdt_tree_ *)(uintptr_t)tree)->last_phandle = node;
	return tree->nodes[node].offset;
}

const void *vdisc_fdt_getprop(const struct vdisc_model *model, int offset, const char *name,
			      int *lenp)
{
	const struct fdt_tree_ *tree = fdt_lookup_tree_(model);
	uint32_t node = tree && name ? vdisc_fdt_node_at_(tree, offset) : FDT_NO_PARENT_;
	int len = 0;
	const void *value =
		node == FDT_NO_PARENT_ ? NULL : vdisc_fdt_getprop_(tree, node, name, &len);

	if (lenp)
		*lenp = value ? len : 0;
	return value;
}

const char *vdisc_fdt_next_controller(const struct vdisc_model *model, uint32_t *cursor,
				      int *offset)
{
	const struct fdt_tree_ *tree = fdt_lookup_tree_(model);
	uint32_t i, want = 1u << FDT_P_INTERRUPT_CONTROLLER_;

	if (!tree || !cursor)
		return NULL;
	/* From 1: the root is the machine, never a device. */
	for (i = *cursor ? *cursor : 1; i < tree->count; i++)
		/* Only nodes that are devices, as the listing's controllers are. */
		if ((tree->nodes[i].props & want) && (tree->nodes[i].props & FDT_DEVICE_PROPS_)) {
			*cursor = i + 1;
			if (offset)
				*offset = tree->nodes[i].offset;
			/* Kept in the model (counted by vdisc_fdt_arena_size): labels hold on to
			 * it. */
			return vdisc_fdt_path_(tree, i);
		}
	*cursor = tree->count;
	return NULL;
}

int vdisc_fdt_path_offset(const struct vdisc_model *model, const char *path)
{
	const struct fdt_tree_ *tree = fdt_lookup_tree_(model);
	uint32_t node;

	if (!tree || !path)
		return -VDISC_EINVAL;
	node = vdisc_fdt_find_path_(tree, path, strlen(path));
	return node == FDT_NO_PARENT_ ? -VDISC_ENOTFOUND : tree->nodes[node].offset;
}

bool vdisc_fdt_is_overlay(const struct vdisc_model *model)
{
	const struct fdt_tree_ *tree = fdt_lookup_tree_(model);

	return tree && tree->memo->overlay;
}
