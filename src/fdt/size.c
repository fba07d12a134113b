/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * How much arena a scan of a given blob can take, from one walk over its
 * structure block, so that a bootloader can size the arena once instead of
 * growing it and retrying.  Every allocation the scan makes is bounded by
 * the property it comes from (a reg entry is at least one cell, an
 * interrupt at least one cell, a compatible string at least its NUL), plus
 * its alignment; the fuzz target holds the scan to this bound.
 */

#define FDT_SIZE_SLACK_ 16 /* alignment padding an allocation can cost */

/* What one node may cost: always (the index), and if it becomes a device. */
struct fdt_size_node_ {
	uint32_t props;	  /* numbered properties it has */
	size_t path;	  /* its path's bytes, were it built */
	size_t always;	  /* index, path, its share of the summary */
	size_t as_device; /* the device and its arrays */
	size_t reg_entries;
	size_t reg_names;      /* a host bridge's "reg-names" list */
	size_t map_cells;      /* its interrupt-map's cells */
	uint32_t own_cells[2]; /* its #address-cells and #interrupt-cells, 0 where absent */
	bool on_demand;	       /* opened trees build this device too (summary, host bridge) */
	bool root;
};

/* The model's parts that follow one property of a node. */
static void fdt_size_prop_(struct fdt_size_node_ *n, uint32_t id, const struct fdt_prop_ *prop)
{
	size_t cells = prop->len / 4 ? prop->len / 4 : 1, strings = 0;
	uint32_t i;

	switch (id) {
	case FDT_P_COMPATIBLE_:
		for (i = 0; i < prop->len; i++)
			strings += ((const char *)prop->value)[i] == '\0';
		if (n->root)
			n->always += strings * sizeof(char *) + FDT_SIZE_SLACK_;
		else
			n->as_device += strings * sizeof(char *) + FDT_SIZE_SLACK_;
		break;
	case FDT_P_REG_:
		/* and where the parent lacks a cell count, how reg was split (for -v) */
		n->as_device += cells * sizeof(struct vdisc_reg) + sizeof(struct vdisc_reg_cells) +
				2 * FDT_SIZE_SLACK_;
		n->reg_entries = cells;
		break;
	case FDT_P_INTERRUPTS_:
	case FDT_P_INTERRUPTS_EXTENDED_:
		n->as_device += cells * sizeof(struct vdisc_irq) + FDT_SIZE_SLACK_;
		break;
	case FDT_P_INTERRUPT_MAP_:
		n->map_cells = prop->len / 4;
		break;
	case FDT_P_ADDRESS_CELLS_:
	case FDT_P_INTERRUPT_CELLS_:
		if (prop->len == 4)
			n->own_cells[id == FDT_P_INTERRUPT_CELLS_] = fdt32_ld(prop->value);
		break;
	case FDT_P_DEVICE_TYPE_:
		/* memory, cpu or a PCI host bridge */
		n->on_demand = true;
		n->always += sizeof(struct vdisc_fdt_pci_host) + sizeof(struct vdisc_cpu) +
			     2 * FDT_SIZE_SLACK_;
		break;
	case FDT_P_PHANDLE_:
	case FDT_P_LINUX_PHANDLE_:
		n->always += sizeof(uint32_t);
		break;
	default:
		break;
	}
}

static size_t fdt_size_finish_(const struct fdt_size_node_ *n, uint32_t depth, bool index_only)
{
	uint32_t kept = 1u << FDT_P_INTERRUPT_CONTROLLER_ | 1u << FDT_P_INTERRUPT_MAP_;
	size_t total = n->always;

	/* RAM or reserved regions: one per reg entry, or one placed at boot; their paths. */
	if (n->on_demand)
		total += (n->reg_entries + 1) * (sizeof(struct vdisc_region) + FDT_SIZE_SLACK_) +
			 n->reg_names + n->path;
	/*
	 * irq.c's lookup index, one per nexus: at most 4 slots of 8 bytes per map
	 * entry, and an entry holds the key (the nexus's own #address-cells and
	 * #interrupt-cells where it has them, at least one cell) and a phandle.
	 */
	if (n->map_cells) {
		uint64_t entry =
			2 + (uint64_t)n->own_cells[0] + (n->own_cells[1] ? n->own_cells[1] - 1 : 0);

		total += (size_t)(n->map_cells / entry + 1) * 32 + 256 + 4 * FDT_SIZE_SLACK_;
	}
	/* A controller's or nexus's path is kept: interrupts point at it. */
	if (n->props & kept)
		total += n->path;

	if (depth > 0 && (n->props & FDT_DEVICE_PROPS_) && (!index_only || n->on_demand))
		total += sizeof(struct vdisc_device) + FDT_SIZE_SLACK_ + n->as_device + n->path;
	return total;
}

/* Whether a node at depth 1 is one whose children the summary reads as devices. */
static bool fdt_size_summary_parent_(const char *name)
{
	return strcmp(name, "cpus") == 0 || strcmp(name, "reserved-memory") == 0;
}

struct fdt_size_walk_ {
	struct fdt_tree_ tree; /* only the block pointers, for the property walker */
	uint32_t path_len[VDISC_FDT_MAX_DEPTH + 2];
	uint32_t longest; /* the longest path */
	bool summary_parent;
	size_t total;
};

/* One node: its name and properties; returns the offset of the tag after them. */
static uint32_t fdt_size_node_(struct fdt_size_walk_ *w, uint32_t off, uint32_t depth,
			       bool index_only)
{
	const char *name = (const char *)w->tree.structs + off + 4;
	struct fdt_size_node_ n = {0};
	struct fdt_prop_ prop;
	uint32_t cursor = vdisc_fdt_node_body_(&w->tree, off), id;
	size_t nlen = strnlen(name, w->tree.struct_size - off - 4);

	w->path_len[depth] = depth ? w->path_len[depth - 1] + 1 + (uint32_t)nlen : 1;
	if (depth == 1)
		w->summary_parent = fdt_size_summary_parent_(name);
	n.on_demand = depth == 2 && w->summary_parent;
	n.root = depth == 0;
	/* The index keeps no paths; they are built where needed (tree.c). */
	n.always = sizeof(struct fdt_node_);
	n.path = w->path_len[depth] + 1;
	if (w->path_len[depth] > w->longest)
		w->longest = w->path_len[depth];
	while (vdisc_fdt_prop_next_(&w->tree, &cursor, &prop)) {
		id = vdisc_fdt_prop_id_(prop.name);
		if (id < FDT_NPROPS_) {
			n.props |= 1u << id;
			fdt_size_prop_(&n, id, &prop);
		} else if (strcmp(prop.name, "reg-names") == 0) {
			n.reg_names = (prop.len + 1) * sizeof(char *) + FDT_SIZE_SLACK_;
		}
	}
	w->total += fdt_size_finish_(&n, depth, index_only);
	return cursor;
}

int vdisc_fdt_arena_size(const void *blob, size_t size, uint32_t flags, size_t *bytes)
{
	struct fdt_size_walk_ w;
	uint32_t off = 0, tag, depth = 0;
	int err = vdisc_fdt_check(blob, size);

	if (!bytes)
		return -VDISC_EINVAL;
	*bytes = 0;
	if (err)
		return err;
	memset(&w, 0, sizeof(w));
	w.tree.blob = blob;
	vdisc_fdt_props_blocks_(&w.tree);
	w.total = sizeof(struct fdt_tree_) + sizeof(struct fdt_diag_key_) +
		  sizeof(struct fdt_memos_) + w.tree.strings_size +
		  FDT_ID_MEMO_ * sizeof(struct fdt_id_memo_) + sizeof(uint32_t) + 256 +
		  (size_t)fdt_num_mem_rsv(blob) * sizeof(struct vdisc_region) +
		  VDISC_MODEL_MAX_DIAGS * (sizeof(struct vdisc_diag) + FDT_SIZE_SLACK_) +
		  8 * FDT_SIZE_SLACK_;
	while (off < w.tree.struct_size && w.tree.struct_size - off >= 4) {
		tag = fdt32_ld((const fdt32_t *)(w.tree.structs + off));
		if (tag == FDT_BEGIN_NODE) {
			if (depth > VDISC_FDT_MAX_DEPTH)
				return -VDISC_ELOOP; /* the check bounds it: never here */
			off = fdt_size_node_(&w, off, depth++, flags & VDISC_FDT_SIZE_INDEX);
		} else if (tag == FDT_END_NODE || tag == FDT_NOP) {
			depth -= tag == FDT_END_NODE && depth > 0;
			off += 4;
		} else {
			break;
		}
	}
	/* Paths of listed diagnostics (the node's, where a count came from) and /chosen's stdout.
	 */
	*bytes = w.total + (2 * (size_t)VDISC_MODEL_MAX_DIAGS + 1) * ((size_t)w.longest + 1);
	return 0;
}
