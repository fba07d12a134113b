/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/* The machine-level facts: RAM, reserved RAM, CPUs and /chosen. */

static struct vdisc_region *fdt_sum_add_region_(struct vdisc_model *model, bool reserved)
{
	struct vdisc_region *r = VDISC_ARENA_NEW(model->arena, struct vdisc_region, 1);
	struct vdisc_region **head = reserved ? &model->reserved : &model->memory;
	struct vdisc_region **tail = reserved ? &model->reserved_tail : &model->memory_tail;

	if (!r)
		return NULL;
	if (*tail)
		(*tail)->next = r;
	else
		*head = r;
	*tail = r;
	return r;
}

static int fdt_sum_add_memory_(struct vdisc_model *model, const struct vdisc_device *dev)
{
	uint32_t i;

	for (i = 0; i < dev->nregs; i++) {
		struct vdisc_region *r;

		if (!dev->regs[i].translated || !dev->regs[i].has_size)
			continue;
		r = fdt_sum_add_region_(model, false);
		if (!r)
			return -VDISC_ENOMEM;
		r->path = dev->path;
		/* A zero size is a placeholder the bootloader fills in (Linux skips such an entry):
		 * the address written beside it is no more known than the size. */
		if (dev->regs[i].size == 0) {
			r->left_to_firmware = true;
			continue;
		}
		r->address = dev->regs[i].address;
		r->size = dev->regs[i].size;
		r->has_address = true;
	}
	return 0;
}

static int fdt_sum_add_memreserve_(const struct fdt_tree_ *tree)
{
	int i, n = fdt_num_mem_rsv(tree->blob);

	for (i = 0; i < n; i++) {
		struct vdisc_region *r = fdt_sum_add_region_(tree->model, true);

		if (!r)
			return -VDISC_ENOMEM;
		fdt_get_mem_rsv(tree->blob, i, &r->address, &r->size);
		r->has_address = true;
	}
	return 0;
}

/* One child of /reserved-memory: static (reg) or dynamically placed (size). */
static int fdt_sum_add_reserved_node_(const struct fdt_tree_ *tree, uint32_t node,
				      const struct vdisc_device *dev)
{
	struct vdisc_region *r = fdt_sum_add_region_(tree->model, true);
	uint32_t na, ns, n;
	const fdt32_t *size;

	if (!r)
		return -VDISC_ENOMEM;
	r->path = vdisc_fdt_path_(tree, node);
	if (!r->path)
		return -VDISC_ENOMEM;
	r->no_map = vdisc_fdt_has_prop_(tree, node, "no-map");
	r->reusable = vdisc_fdt_has_prop_(tree, node, "reusable");
	if (dev && dev->nregs > 0 && dev->regs[0].translated) {
		r->address = dev->regs[0].address;
		r->size = dev->regs[0].size;
		r->has_address = true;
		return 0;
	}
	size = vdisc_fdt_prop_cells_(tree, node, "size", &n, NULL);
	if (size && !vdisc_fdt_bus_cells_(tree, tree->nodes[node].parent, &na, &ns) && n == ns)
		r->size = vdisc_fdt_read_cells_(size, n);
	return 0;
}

static int fdt_sum_add_cpu_(const struct fdt_tree_ *tree, uint32_t node,
			    const struct vdisc_device *dev)
{
	struct vdisc_model *model = tree->model;
	struct vdisc_cpu *cpu = VDISC_ARENA_NEW(model->arena, struct vdisc_cpu, 1);

	if (!cpu)
		return -VDISC_ENOMEM;
	cpu->path = vdisc_fdt_path_(tree, node);
	if (!cpu->path)
		return -VDISC_ENOMEM;
	cpu->compatible = dev && dev->dt.compatible.count ? dev->dt.compatible.items[0] : NULL;
	cpu->status = dev ? dev->dt.status : "okay";
	cpu->isa = vdisc_fdt_prop_string_(tree, node, "riscv,isa");
	cpu->enable_method = vdisc_fdt_prop_string_(tree, node, "enable-method");
	if (dev && dev->nregs > 0) {
		cpu->id = dev->regs[0].bus_address;
		cpu->has_id = true;
	}
	if (model->cpus_tail)
		model->cpus_tail->next = cpu;
	else
		model->cpus = cpu;
	model->cpus_tail = cpu;
	model->ncpus++;
	return 0;
}

/* stdout-path may be an alias and may carry ":options"; resolve it to a node. */
static int fdt_sum_resolve_stdout_(const struct fdt_tree_ *tree)
{
	struct vdisc_model *model = tree->model;
	const char *sp = model->dt.stdout_path, *colon, *target;
	uint32_t aliases, node;
	size_t len;
	char alias[64];

	if (!sp)
		return 0;
	colon = memchr(sp, ':', strlen(sp));
	len = colon ? (size_t)(colon - sp) : strlen(sp);
	if (len > 0 && sp[0] != '/') {
		aliases = vdisc_fdt_find_path_(tree, "/aliases", 8);
		if (aliases == FDT_NO_PARENT_ || len >= sizeof(alias))
			return 0;
		memcpy(alias, sp, len);
		alias[len] = '\0';
		target = vdisc_fdt_prop_string_(tree, aliases, alias);
		if (!target)
			return 0;
		sp = target;
		len = strlen(sp);
	}
	node = vdisc_fdt_find_path_(tree, sp, len);
	if (node == FDT_NO_PARENT_)
		return 0;
	model->dt.stdout_node = vdisc_fdt_path_(tree, node);
	return model->dt.stdout_node ? 0 : -VDISC_ENOMEM;
}

static int fdt_sum_node_(const struct fdt_tree_ *tree, uint32_t i, uint32_t cpus, uint32_t reserved)
{
	const struct fdt_node_ *n = &tree->nodes[i];
	const char *type = vdisc_fdt_prop_string_(tree, i, "device_type");
	const char *name = vdisc_fdt_node_name_(tree, i);
	bool memory = type && strcmp(type, "memory") == 0;
	/* Linux's of_get_next_cpu_node(): device_type "cpu", or a node named "cpu". */
	bool cpu = cpus != FDT_NO_PARENT_ && n->parent == cpus &&
		   ((type && strcmp(type, "cpu") == 0) || strncmp(name, "cpu@", 4) == 0 ||
		    strcmp(name, "cpu") == 0);
	bool resv = reserved != FDT_NO_PARENT_ && n->parent == reserved;
	const struct vdisc_device *dev = NULL;
	int err = 0;

	if (memory || cpu || resv)
		err = vdisc_fdt_node_device_(tree, i, &dev);
	if (err)
		return err;
	if (dev && memory)
		return fdt_sum_add_memory_(tree->model, dev);
	if (cpu)
		return fdt_sum_add_cpu_(tree, i, dev);
	if (resv)
		return fdt_sum_add_reserved_node_(tree, i, dev);
	return 0;
}

int vdisc_fdt_summarise_(const struct fdt_tree_ *tree)
{
	uint32_t cpus = vdisc_fdt_find_path_(tree, "/cpus", 5);
	uint32_t reserved = vdisc_fdt_find_path_(tree, "/reserved-memory", 16);
	uint32_t chosen = vdisc_fdt_find_path_(tree, "/chosen", 7);
	uint32_t i;
	int err = fdt_sum_add_memreserve_(tree);

	for (i = 1; !err && i < tree->count; i++)
		err = fdt_sum_node_(tree, i, cpus, reserved);
	if (err)
		return err;
	if (chosen != FDT_NO_PARENT_) {
		tree->model->dt.bootargs = vdisc_fdt_prop_string_(tree, chosen, "bootargs");
		tree->model->dt.stdout_path = vdisc_fdt_prop_string_(tree, chosen, "stdout-path");
		if (!tree->model->dt.stdout_path)
			tree->model->dt.stdout_path =
				vdisc_fdt_prop_string_(tree, chosen, "linux,stdout-path");
		return fdt_sum_resolve_stdout_(tree);
	}
	return 0;
}
