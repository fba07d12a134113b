/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

static bool fdt_scan_is_device_(const struct fdt_tree_ *tree, uint32_t node)
{
	/* The root is the machine itself; it is reported as model/compatible. */
	if (tree->nodes[node].parent == FDT_NO_PARENT_)
		return false;
	return vdisc_fdt_has_prop_(tree, node, "reg") ||
	       vdisc_fdt_has_prop_(tree, node, "interrupts") ||
	       vdisc_fdt_has_prop_(tree, node, "interrupts-extended") ||
	       vdisc_fdt_has_prop_(tree, node, "compatible");
}

static uint32_t fdt_scan_flags_(const struct fdt_tree_ *tree, uint32_t node,
				const struct vdisc_device *dev)
{
	const char *type = vdisc_fdt_prop_string_(tree, node, "device_type");
	uint32_t flags = 0;

	if (vdisc_strlist_contains(&dev->dt.compatible, "virtio,mmio"))
		flags |= VDISC_DEV_VIRTIO_MMIO;
	if (vdisc_fdt_has_prop_(tree, node, "interrupt-controller"))
		flags |= VDISC_DEV_INTERRUPT_CONTROLLER;
	if (vdisc_fdt_has_prop_(tree, node, "interrupt-map"))
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
	if (!vdisc_fdt_has_prop_(tree, node, "status"))
		return 0;
	*status = vdisc_fdt_prop_string_(tree, node, "status");
	if (!*status)
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, "status", 0);
	return 0;
}

static int fdt_scan_add_device_(const struct fdt_tree_ *tree, uint32_t node)
{
	const struct fdt_node_ *n = &tree->nodes[node];
	struct vdisc_device *dev = vdisc_model_add_device(tree->model);
	int err;

	if (!dev)
		return -VDISC_ENOMEM;
	tree->nodes[node].device = dev;
	dev->bus = VDISC_BUS_DT;
	dev->path = n->path;
	dev->dt.name = n->name;
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

int vdisc_fdt_scan(const void *blob, size_t size, struct vdisc_model *model)
{
	struct fdt_tree_ *tree;
	uint32_t i;
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
	if (err)
		return err;
	model->dt.fdt_index = tree;
	model->dt.machine = vdisc_fdt_prop_string_(tree, 0, "model");
	err = vdisc_fdt_prop_strlist_(tree, 0, "compatible", &model->dt.compatible);
	for (i = 1; !err && i < tree->count; i++)
		if (fdt_scan_is_device_(tree, i))
			err = fdt_scan_add_device_(tree, i);
	for (i = 1; !err && i < tree->count; i++)
		err = vdisc_fdt_collect_pci_host_(tree, i);
	if (!err)
		err = vdisc_fdt_summarise_(tree);
	return err;
}
