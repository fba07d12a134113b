/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

static bool fdt_scan_is_device_(const struct fdt_tree_ *tree, uint32_t node)
{
	/* The root is the machine itself; it is reported as model/compatible. */
	if (tree->nodes[node].parent == FDT_NO_PARENT_)
		return false;
	return (tree->nodes[node].props & FDT_DEVICE_PROPS_) != 0;
}

static uint32_t fdt_scan_flags_(const struct fdt_tree_ *tree, uint32_t node,
				const struct vdisc_device *dev)
{
	const char *type = vdisc_fdt_prop_string_(tree, node, "device_type");
	uint32_t flags = 0;

	if (vdisc_strlist_contains(&dev->dt.compatible, "virtio,mmio"))
		flags |= VDISC_DEV_VIRTIO_MMIO;
	if (tree->nodes[node].props & (1u << FDT_P_INTERRUPT_CONTROLLER_))
		flags |= VDISC_DEV_INTERRUPT_CONTROLLER;
	if (tree->nodes[node].props & (1u << FDT_P_INTERRUPT_MAP_))
		flags |= VDISC_DEV_INTERRUPT_NEXUS;
	if (type && strcmp(type, "memory") == 0)
		flags |= VDISC_DEV_MEMORY;
	if (type && strcmp(type, "cpu") == 0)
		flags |= VDISC_DEV_CPU;
	return flags;
}

static int fdt_scan_status_(const struct fdt_tree_ *tree, uint32_t node, const char **status)
{
	*status = "okay";
	if (!(tree->nodes[node].props & (1u << FDT_P_STATUS_)))
		return 0;
	*status = vdisc_fdt_prop_string_(tree, node, "status");
	if (!*status)
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, "status", 0);
	return 0;
}

/* Decode @node's device fields into @dev, with its arrays in tree->out. */
static int fdt_scan_fill_(const struct fdt_tree_ *tree, uint32_t node, struct vdisc_device *dev)
{
	const struct fdt_node_ *n = &tree->nodes[node];
	int err;

	dev->bus = VDISC_BUS_DT;
	/* Where the device's arrays go: the model's arena, or a caller's scratch. */
	dev->path = vdisc_fdt_path_in_(tree, node, tree->out);
	if (!dev->path)
		return -VDISC_ENOMEM;
	dev->dt.name = vdisc_fdt_node_name_(tree, node);
	dev->dt.depth = n->depth;
	dev->dt.node_offset = n->offset;
	err = fdt_scan_status_(tree, node, &dev->dt.status);
	if (!err)
		err = vdisc_fdt_prop_strlist_(tree, node, "compatible", &dev->dt.compatible);
	if (!err)
		err = vdisc_fdt_decode_reg_(tree, node, &dev->regs, &dev->nregs);
	if (!err && dev->nregs)
		err = vdisc_fdt_reg_cells_(tree, n->parent, &dev->dt.cells);
	if (!err)
		err = vdisc_fdt_resolve_irqs_(tree, node, &dev->irqs, &dev->nirqs);
	dev->dt.flags = fdt_scan_flags_(tree, node, dev);
	return err;
}

static int fdt_scan_add_device_(struct fdt_tree_ *tree, uint32_t node)
{
	struct vdisc_device *dev = vdisc_model_add_device(tree->model);

	if (!dev)
		return -VDISC_ENOMEM;
	tree->nodes[node].device = dev;
	return fdt_scan_fill_(tree, node, dev);
}

/*
 * The device of a node the summary or a host bridge needs.  When the tree
 * was opened rather than scanned there is none yet: it is built in the
 * model's arena, quietly, since the stream of devices reports its problems.
 */
int vdisc_fdt_node_device_(const struct fdt_tree_ *tree, uint32_t node,
			   const struct vdisc_device **devp)
{
	struct fdt_tree_ *t = (struct fdt_tree_ *)(uintptr_t)tree;
	struct vdisc_device *dev;
	int err;

	*devp = t->nodes[node].device;
	if (*devp || t->model->devices || !fdt_scan_is_device_(t, node))
		return 0;
	dev = VDISC_ARENA_NEW(t->model->arena, struct vdisc_device, 1);
	if (!dev)
		return -VDISC_ENOMEM;
	t->quiet = true;
	err = fdt_scan_fill_(t, node, dev);
	t->quiet = false;
	if (err)
		return err;
	t->nodes[node].device = dev;
	*devp = dev;
	return 0;
}

/* The index of the node whose tag is at @offset (nodes are in offset order). */
uint32_t vdisc_fdt_node_at_(const struct fdt_tree_ *tree, int offset)
{
	uint32_t lo = 0, hi = tree->count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (tree->nodes[mid].offset == offset)
			return mid;
		if (tree->nodes[mid].offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return FDT_NO_PARENT_;
}

static int fdt_scan_index_(const void *blob, size_t size, struct vdisc_model *model,
			   struct fdt_tree_ **treep)
{
	struct fdt_tree_ *tree;
	int err;

	if (!model || !model->arena)
		return -VDISC_EINVAL;
	err = vdisc_fdt_check(blob, size);
	if (err)
		return err;
	model->source = VDISC_SOURCE_DTB;
	model->dt.blob = blob;
	/* The index lives in the arena so that later lookups (INTx routing) can use it. */
	tree = VDISC_ARENA_NEW(model->arena, struct fdt_tree_, 1);
	if (!tree)
		return -VDISC_ENOMEM;
	err = vdisc_fdt_tree_build_(tree, blob, model);
	if (!err)
		err = vdisc_fdt_irq_table_init_(tree);
	if (err)
		return err;
	model->dt.fdt_index = tree;
	model->dt.machine = vdisc_fdt_prop_string_(tree, 0, "model");
	*treep = tree;
	return vdisc_fdt_prop_strlist_(tree, 0, "compatible", &model->dt.compatible);
}

static int fdt_scan_machine_(const struct fdt_tree_ *tree)
{
	uint32_t i;
	int err = 0;

	for (i = 1; !err && i < tree->count; i++)
		err = vdisc_fdt_collect_pci_host_(tree, i);
	if (!err)
		err = vdisc_fdt_summarise_(tree);
	return err;
}

int vdisc_fdt_scan(const void *blob, size_t size, struct vdisc_model *model)
{
	struct fdt_tree_ *tree = NULL;
	uint32_t i;
	int err;

	err = fdt_scan_index_(blob, size, model, &tree);
	for (i = 1; !err && i < tree->count; i++)
		if (fdt_scan_is_device_(tree, i))
			err = fdt_scan_add_device_(tree, i);
	return err ? err : fdt_scan_machine_(tree);
}

int vdisc_fdt_open(const void *blob, size_t size, struct vdisc_model *model)
{
	struct fdt_tree_ *tree = NULL;
	uint32_t i;
	int err;

	err = fdt_scan_index_(blob, size, model, &tree);
	if (err)
		return err;
	for (i = 1; i < tree->count; i++)
		model->ndevices += fdt_scan_is_device_(tree, i);
	return fdt_scan_machine_(tree);
}

/* The index of the device node at or after *@cursor (tree->count after the last). */
static uint32_t fdt_scan_find_device_(const struct fdt_tree_ *tree, uint32_t cursor)
{
	uint32_t i;

	for (i = cursor ? cursor : 1; i < tree->count && !fdt_scan_is_device_(tree, i); i++)
		;
	return i;
}

int vdisc_fdt_peek_device(const struct vdisc_model *model, uint32_t *cursor)
{
	const struct fdt_tree_ *tree = model && cursor ? model->dt.fdt_index : NULL;

	if (!tree)
		return -1;
	*cursor = fdt_scan_find_device_(tree, *cursor);
	return *cursor < tree->count ? tree->nodes[*cursor].offset : -1;
}

int vdisc_fdt_skip_device(const struct vdisc_model *model, uint32_t *cursor)
{
	int offset = vdisc_fdt_peek_device(model, cursor);

	if (offset >= 0)
		(*cursor)++;
	return offset;
}

int vdisc_fdt_next_device(struct vdisc_model *model, uint32_t *cursor, struct vdisc_arena *scratch,
			  uint32_t flags, struct vdisc_device **dev)
{
	struct fdt_tree_ *tree;
	struct vdisc_device *d;
	uint32_t i;
	int err;

	if (!model || !cursor || !scratch || !dev || !model->dt.fdt_index)
		return -VDISC_EINVAL;
	*dev = NULL;
	tree = (struct fdt_tree_ *)(uintptr_t)model->dt.fdt_index;
	i = *cursor = fdt_scan_find_device_(tree, *cursor);
	if (i >= tree->count)
		return 0;
	d = VDISC_ARENA_NEW(scratch, struct vdisc_device, 1);
	if (!d)
		return -VDISC_ENOMEM;
	tree->out = scratch;
	tree->quiet = (flags & VDISC_FDT_QUIET) != 0;
	err = fdt_scan_fill_(tree, i, d);
	tree->out = model->arena;
	tree->quiet = false;
	if (err)
		return err;
	*cursor = i + 1;
	*dev = d;
	return 0;
}
