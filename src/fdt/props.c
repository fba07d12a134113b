/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * Property access over the structure block, read directly.
 *
 * libfdt finds a property by walking the node's properties through
 * fdt_next_tag and fdt_get_string, which re-check every offset: on a
 * 100,000-node tree those checks were 80% of a scan.  The blob has been
 * through vdisc_fdt_check (every tag, length and name offset inside its
 * block), so this walk needs only the bounds that keep it inside the
 * structure block, and names are compared once per strings-block offset:
 * the properties the scan asks for are numbered (enum fdt_prop_id_), each
 * node records which of them it has in a bit mask, and the strings block
 * gets one byte per offset saying which numbered name starts there.
 */

struct fdt_known_name_ {
	const char *name;
	uint8_t len;
};

#define FDT_KNOWN_(id, s) [id] = {s, sizeof(s) - 1}

static const struct fdt_known_name_ fdt_known_names_[FDT_NPROPS_] = {
	FDT_KNOWN_(FDT_P_REG_, "reg"),
	FDT_KNOWN_(FDT_P_RANGES_, "ranges"),
	FDT_KNOWN_(FDT_P_INTERRUPTS_, "interrupts"),
	FDT_KNOWN_(FDT_P_INTERRUPTS_EXTENDED_, "interrupts-extended"),
	FDT_KNOWN_(FDT_P_INTERRUPT_PARENT_, "interrupt-parent"),
	FDT_KNOWN_(FDT_P_INTERRUPT_MAP_, "interrupt-map"),
	FDT_KNOWN_(FDT_P_INTERRUPT_MAP_MASK_, "interrupt-map-mask"),
	FDT_KNOWN_(FDT_P_INTERRUPT_CONTROLLER_, "interrupt-controller"),
	FDT_KNOWN_(FDT_P_COMPATIBLE_, "compatible"),
	FDT_KNOWN_(FDT_P_STATUS_, "status"),
	FDT_KNOWN_(FDT_P_DEVICE_TYPE_, "device_type"),
	FDT_KNOWN_(FDT_P_ADDRESS_CELLS_, "#address-cells"),
	FDT_KNOWN_(FDT_P_SIZE_CELLS_, "#size-cells"),
	FDT_KNOWN_(FDT_P_INTERRUPT_CELLS_, "#interrupt-cells"),
	FDT_KNOWN_(FDT_P_PHANDLE_, "phandle"),
	FDT_KNOWN_(FDT_P_LINUX_PHANDLE_, "linux,phandle"),
};

static uint32_t fdt_props_be32_(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The numbered names of each length (at most two share one), FDT_NPROPS_ where none. */
static const uint8_t fdt_props_by_len_[21][2] = {
	[3] = {FDT_P_REG_, FDT_NPROPS_},
	[6] = {FDT_P_RANGES_, FDT_P_STATUS_},
	[7] = {FDT_P_PHANDLE_, FDT_NPROPS_},
	[10] = {FDT_P_INTERRUPTS_, FDT_P_COMPATIBLE_},
	[11] = {FDT_P_DEVICE_TYPE_, FDT_P_SIZE_CELLS_},
	[13] = {FDT_P_INTERRUPT_MAP_, FDT_P_LINUX_PHANDLE_},
	[14] = {FDT_P_ADDRESS_CELLS_, FDT_NPROPS_},
	[16] = {FDT_P_INTERRUPT_PARENT_, FDT_P_INTERRUPT_CELLS_},
	[18] = {FDT_P_INTERRUPT_MAP_MASK_, FDT_NPROPS_},
	[19] = {FDT_P_INTERRUPTS_EXTENDED_, FDT_NPROPS_},
	[20] = {FDT_P_INTERRUPT_CONTROLLER_, FDT_NPROPS_},
};

/* The number of a property name, or FDT_NPROPS_ for one the scan never asks for by number. */
uint32_t vdisc_fdt_prop_id_(const char *name)
{
	size_t len = strnlen(name, VDISC_ARRAY_SIZE(fdt_props_by_len_));
	uint32_t k, id;

	/* Called for every lookup by name: the length picks the candidates. */
	if (len >= VDISC_ARRAY_SIZE(fdt_props_by_len_))
		return FDT_NPROPS_;
	for (k = 0; k < 2; k++) {
		id = fdt_props_by_len_[len][k];
		if (id < FDT_NPROPS_ && fdt_known_names_[id].len == len &&
		    memcmp(fdt_known_names_[id].name, name, len) == 0)
			return id;
	}
	return FDT_NPROPS_;
}

/*
 * The number of a name the scan passes in (a string literal, nearly always):
 * remembered by the pointer, then confirmed by its bytes, since a caller's
 * buffer may hold another name at the same address later.  A name
 * remembered as unnumbered needs no confirming: those are looked up by
 * comparing names anyway.
 */
uint32_t vdisc_fdt_lookup_id_(const struct fdt_tree_ *tree, const char *name)
{
	struct fdt_id_memo_ *m = &tree->id_memo[((uintptr_t)name >> 3) % FDT_ID_MEMO_];

	if (m->name == name &&
	    (m->id == FDT_NPROPS_ || memcmp(name, fdt_known_names_[m->id].name,
					    (size_t)fdt_known_names_[m->id].len + 1) == 0))
		return m->id;
	m->name = name;
	m->id = vdisc_fdt_prop_id_(name);
	return m->id;
}

static uint32_t fdt_props_name_id_(const struct fdt_tree_ *tree, uint32_t nameoff)
{
	uint8_t *slot = &tree->name_ids[nameoff];

	/* 0: not looked at yet; else the id + 1 (FDT_NPROPS_ + 1: not a numbered name). */
	if (*slot == 0)
		*slot = (uint8_t)(vdisc_fdt_prop_id_(tree->strings + nameoff) + 1);
	return *slot == FDT_NPROPS_ + 1 ? FDT_NPROPS_ : *slot - 1u;
}

void vdisc_fdt_props_blocks_(struct fdt_tree_ *tree)
{
	const unsigned char *blob = tree->blob;

	tree->structs = blob + fdt_off_dt_struct(blob);
	tree->struct_size = fdt_size_dt_struct(blob);
	tree->strings = (const char *)blob + fdt_off_dt_strings(blob);
	tree->strings_size = fdt_size_dt_strings(blob);
	/* Version 16 headers have no size_dt_struct: the block runs to the strings. */
	if (fdt_version(blob) < 17)
		tree->struct_size = fdt_off_dt_strings(blob) > fdt_off_dt_struct(blob)
					    ? fdt_off_dt_strings(blob) - fdt_off_dt_struct(blob)
					    : fdt_totalsize(blob) - fdt_off_dt_struct(blob);
}

int vdisc_fdt_props_init_(struct fdt_tree_ *tree)
{
	vdisc_fdt_props_blocks_(tree);
	tree->name_ids = VDISC_ARENA_NEW(tree->model->arena, uint8_t,
					 tree->strings_size ? tree->strings_size : 1);
	tree->id_memo = VDISC_ARENA_NEW(tree->model->arena, struct fdt_id_memo_, FDT_ID_MEMO_);
	return tree->name_ids && tree->id_memo ? 0 : -VDISC_ENOMEM;
}

/* The offset just past the name of the node whose tag is at @node_offset: its first property. */
uint32_t vdisc_fdt_node_body_(const struct fdt_tree_ *tree, uint32_t node_offset)
{
	uint32_t off = node_offset + 4;
	size_t room = off < tree->struct_size ? tree->struct_size - off : 0;
	size_t len = strnlen((const char *)tree->structs + off, room);

	return off + ((uint32_t)(len + 1 + 3) & ~3u);
}

bool vdisc_fdt_prop_next_(const struct fdt_tree_ *tree, uint32_t *cursor, struct fdt_prop_ *prop)
{
	uint32_t off = *cursor;

	while (off < tree->struct_size && tree->struct_size - off >= 4) {
		const unsigned char *p = tree->structs + off;
		uint32_t tag = fdt_props_be32_(p), len, nameoff;

		if (tag == FDT_NOP) {
			off += 4;
			continue;
		}
		if (tag != FDT_PROP || tree->struct_size - off < 12)
			return false;
		len = fdt_props_be32_(p + 4);
		nameoff = fdt_props_be32_(p + 8);
		if (len > tree->struct_size - off - 12 || nameoff >= tree->strings_size)
			return false;
		prop->name = tree->strings + nameoff;
		prop->nameoff = nameoff;
		prop->value = p + 12;
		prop->len = len;
		*cursor = off + 12 + ((len + 3) & ~3u);
		return true;
	}
	return false;
}

/* A node's first property: past its tag and its name, whose length the index holds. */
uint32_t vdisc_fdt_prop_cursor_(const struct fdt_tree_ *tree, uint32_t node)
{
	const struct fdt_node_ *n = &tree->nodes[node];

	return (uint32_t)n->offset + 4 + ((n->name_len + 1 + 3) & ~3u);
}

uint32_t vdisc_fdt_prop_name_id_(const struct fdt_tree_ *tree, const struct fdt_prop_ *prop)
{
	return fdt_props_name_id_(tree, prop->nameoff);
}

/* @node's numbered properties, found by one walk when it is not among the last few asked. */
static const struct fdt_prop_memo_ *fdt_props_memo_(const struct fdt_tree_ *tree, uint32_t node)
{
	/* A cache of the blob, never of state: written through a const tree. */
	struct fdt_prop_memo_ *m = &tree->memo->prop_memo[node % FDT_PROP_MEMO_];
	struct fdt_prop_ prop;
	uint32_t cursor, id;

	if (m->node == node + 1)
		return m;
	memset(m->value, 0, sizeof(m->value));
	m->node = node + 1;
	cursor = vdisc_fdt_prop_cursor_(tree, node);
	while (vdisc_fdt_prop_next_(tree, &cursor, &prop)) {
		id = fdt_props_name_id_(tree, prop.nameoff);
		/* The first of two with one name, as libfdt reads it. */
		if (id < FDT_NPROPS_ && !m->value[id])
			m->value[id] =
				(uint32_t)((const unsigned char *)prop.value - tree->structs);
	}
	return m;
}

const void *vdisc_fdt_prop_by_id_(const struct fdt_tree_ *tree, uint32_t node, uint32_t id,
				  int *lenp)
{
	const unsigned char *value;

	if (!(tree->nodes[node].props & (1u << id)))
		return NULL;
	value = tree->structs + fdt_props_memo_(tree, node)->value[id];
	/* The property's length is two cells before its value (then its name's offset). */
	*lenp = (int)fdt_props_be32_(value - 8);
	return value;
}

const void *vdisc_fdt_getprop_(const struct fdt_tree_ *tree, uint32_t node, const char *name,
			       int *lenp)
{
	uint32_t id = vdisc_fdt_lookup_id_(tree, name), cursor;
	struct fdt_prop_ prop;
	int len = 0;
	const void *p;

	if (id < FDT_NPROPS_) {
		p = vdisc_fdt_prop_by_id_(tree, node, id, &len);
	} else {
		p = NULL;
		cursor = vdisc_fdt_prop_cursor_(tree, node);
		while (!p && vdisc_fdt_prop_next_(tree, &cursor, &prop))
			if (strcmp(prop.name, name) == 0) {
				p = prop.value;
				len = (int)prop.len;
			}
	}
	if (lenp)
		*lenp = len;
	return p;
}
