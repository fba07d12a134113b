/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * Reading an overlay without applying it: its fragments and targets, and
 * its fixup tables checked entry by entry against the overlay itself, so
 * that a listing can say what an overlay needs and a broken one is refused
 * with the entry named.  Every walk is over the checked blob through
 * libfdt, bounded by the blob's size; nothing is written.
 */

#define OVL_MAX_OFFSET_ 0x7fffffffu /* a property is never longer: libfdt lengths are int */

/* A child of the root with an __overlay__ node is a fragment, as libfdt's merge sees it. */
static int ovl_overlay_child_(const void *blob, int node)
{
	return fdt_subnode_offset(blob, node, "__overlay__");
}

static bool ovl_is_string_(const char *s, int len)
{
	return len > 1 && s[len - 1] == '\0' && strnlen(s, (size_t)len) == (size_t)len - 1;
}

int vdisc_fdt_overlay_next_fragment(const void *blob, int *cursor, struct vdisc_fdt_fragment *frag)
{
	const fdt32_t *target;
	const char *path;
	int node = *cursor, len, plen;

	do {
		node = node == 0 ? fdt_first_subnode(blob, 0) : fdt_next_subnode(blob, node);
		if (node < 0) {
			*cursor = -1;
			return 0;
		}
	} while (ovl_overlay_child_(blob, node) < 0);
	*cursor = node;
	*frag = (struct vdisc_fdt_fragment){.node = node,
					    .overlay = ovl_overlay_child_(blob, node)};
	frag->name = fdt_get_name(blob, node, NULL);
	/* libfdt asks for "target" first; "target-path" only where it is absent. */
	target = fdt_getprop(blob, node, "target", &len);
	if (target) {
		if (len != 4)
			return -VDISC_EBADPROP;
		frag->phandle = fdt32_ld(target);
		frag->label = vdisc_fdt_overlay_label_at(blob, node, "target", 0);
		frag->kind = frag->label ? VDISC_FDT_TARGET_LABEL : VDISC_FDT_TARGET_PHANDLE;
		return 1;
	}
	path = fdt_getprop(blob, node, "target-path", &plen);
	if (!path)
		return -VDISC_ENOTFOUND;
	if (!ovl_is_string_(path, plen))
		return -VDISC_EBADPROP;
	frag->kind = VDISC_FDT_TARGET_PATH;
	frag->path = path;
	return 1;
}

/* "path:property:offset", @len bytes at @s (no NUL among them): the three parts. */
static int ovl_parse_fixup_(const char *s, uint32_t len, struct vdisc_fdt_fixup *fx)
{
	const char *sep1 = memchr(s, ':', len), *sep2, *digits, *end = s + len;
	uint64_t offset = 0;

	/*
	 * The path must be absolute, as dtc writes it: libfdt resolves a leading alias by
	 * recursing, without end for an alias whose value is an alias of itself, so a hostile
	 * overlay would exhaust the stack (and the stack report counts that recursion once).
	 */
	if (!sep1 || sep1 == s || s[0] != '/')
		return -VDISC_EBADPROP;
	fx->path = s;
	fx->path_len = (uint32_t)(sep1 - s);
	sep2 = memchr(sep1 + 1, ':', (size_t)(end - sep1 - 1));
	if (!sep2 || sep2 == sep1 + 1)
		return -VDISC_EBADPROP;
	fx->prop = sep1 + 1;
	fx->prop_len = (uint32_t)(sep2 - sep1 - 1);
	digits = sep2 + 1;
	if (digits == end)
		return -VDISC_EBADPROP;
	for (; digits < end; digits++) {
		if (*digits < '0' || *digits > '9')
			return -VDISC_EBADPROP;
		offset = offset * 10 + (uint64_t)(*digits - '0');
		if (offset > OVL_MAX_OFFSET_)
			return -VDISC_EBADPROP;
	}
	fx->offset = (uint32_t)offset;
	return 0;
}

/* Whether the entry's node and property exist and hold the 4 bytes it patches. */
static int ovl_locate_fixup_(const void *blob, struct vdisc_fdt_fixup *fx)
{
	int len;

	fx->node = fdt_path_offset_namelen(blob, fx->path, (int)fx->path_len);
	if (fx->node < 0)
		return -VDISC_ENOTFOUND;
	if (!fdt_getprop_namelen(blob, fx->node, fx->prop, (int)fx->prop_len, &len))
		return -VDISC_ENOTFOUND;
	if ((uint64_t)fx->offset + 4 > (uint64_t)len)
		return -VDISC_ERANGE;
	return 0;
}

/* The next __fixups__ property with its value, or -1 after the last one. */
static int ovl_fixup_prop_(const void *blob, int prop, const char **value, int *len,
			   const char **label)
{
	int table;

	if (prop == 0) {
		table = fdt_subnode_offset(blob, 0, "__fixups__");
		prop = table < 0 ? -1 : fdt_first_property_offset(blob, table);
	} else {
		prop = fdt_next_property_offset(blob, prop);
	}
	if (prop < 0)
		return -1;
	*value = fdt_getprop_by_offset(blob, prop, label, len);
	return *value ? prop : -1;
}

int vdisc_fdt_overlay_next_fixup(const void *blob, struct vdisc_fdt_fixup_iter *it,
				 struct vdisc_fdt_fixup *fx)
{
	const char *value = NULL, *label = NULL, *s;
	int len = 0, err;
	size_t n;

	if (it->prop < 0)
		return 0;
	if (it->prop > 0)
		value = fdt_getprop_by_offset(blob, it->prop, &label, &len);
	while (!value || it->pos >= (uint32_t)len) {
		it->prop = ovl_fixup_prop_(blob, it->prop, &value, &len, &label);
		it->pos = 0;
		if (it->prop < 0)
			return 0;
	}
	*fx = (struct vdisc_fdt_fixup){.label = label, .node = -1};
	s = value + it->pos;
	n = strnlen(s, (size_t)len - it->pos);
	err = -VDISC_EBADPROP;
	/* Each entry is one NUL-terminated string; an empty one or a missing NUL is malformed. */
	if (n > 0 && n < (size_t)len - it->pos)
		err = ovl_parse_fixup_(s, (uint32_t)n, fx);
	if (!err)
		err = ovl_locate_fixup_(blob, fx);
	if (err) {
		it->prop = -1;
		return err;
	}
	it->pos += (uint32_t)n + 1;
	return 1;
}

const char *vdisc_fdt_overlay_label_at(const void *blob, int node, const char *prop,
				       uint32_t offset)
{
	struct vdisc_fdt_fixup_iter it = {0};
	struct vdisc_fdt_fixup fx;
	size_t plen = strlen(prop);

	while (vdisc_fdt_overlay_next_fixup(blob, &it, &fx) == 1)
		if (fx.node == node && fx.offset == offset && fx.prop_len == plen &&
		    memcmp(fx.prop, prop, plen) == 0)
			return fx.label;
	return NULL;
}

/*
 * Moves @it to the next __local_fixups__ node (depth-first), finding the
 * overlay node it mirrors: the child of the same name under the node its
 * parent mirrors.  0, or 1 after the last node, or an error.
 */
static int ovl_local_next_node_(const void *blob, struct vdisc_fdt_local_fixup_iter *it)
{
	int depth = it->depth, node, parent;

	if (it->node == 0) {
		node = fdt_subnode_offset(blob, 0, "__local_fixups__");
		if (node < 0)
			return 1;
		depth = 0;
		it->mirror[0] = 0;
	} else {
		node = fdt_next_node(blob, it->node, &depth);
		if (node < 0 || depth <= 0)
			return 1;
		if (depth >= VDISC_FDT_MAX_DEPTH)
			return -VDISC_ELOOP;
		parent = it->mirror[depth - 1];
		it->mirror[depth] = parent < 0 ? parent
					       : fdt_subnode_offset(blob, parent,
								    fdt_get_name(blob, node, NULL));
	}
	it->node = node;
	it->depth = depth;
	it->prop = fdt_first_property_offset(blob, node);
	it->pos = 0;
	return it->mirror[depth] < 0 ? -VDISC_ENOTFOUND : 0;
}

/* The entry at @it's place in its property (a value of whole cells), checked. */
static int ovl_local_entry_(const void *blob, const struct vdisc_fdt_local_fixup_iter *it,
			    const fdt32_t *offsets, struct vdisc_fdt_local_fixup *lf)
{
	const void *target;
	int len;

	lf->offset = fdt32_ld(offsets + it->pos / 4);
	target = fdt_getprop(blob, lf->node, lf->prop, &len);
	if (!target)
		return -VDISC_ENOTFOUND;
	if ((uint64_t)lf->offset + 4 > (uint64_t)len)
		return -VDISC_ERANGE;
	memcpy(&lf->phandle, (const char *)target + lf->offset, 4);
	lf->phandle = fdt32_to_cpu(lf->phandle);
	return 0;
}

int vdisc_fdt_overlay_next_local_fixup(const void *blob, struct vdisc_fdt_local_fixup_iter *it,
				       struct vdisc_fdt_local_fixup *lf)
{
	const fdt32_t *offsets;
	const char *name;
	int len, err;

	if (it->node < 0)
		return 0;
	for (;;) {
		while (it->node == 0 || it->prop < 0) {
			err = ovl_local_next_node_(blob, it);
			if (err) {
				*lf = (struct vdisc_fdt_local_fixup){.node = it->node};
				it->node = -1;
				return err < 0 ? err : 0;
			}
		}
		offsets = fdt_getprop_by_offset(blob, it->prop, &name, &len);
		*lf = (struct vdisc_fdt_local_fixup){.node = it->mirror[it->depth], .prop = name};
		err = !offsets || len % 4 ? -VDISC_EBADPROP : 0;
		if (!err && it->pos < (uint32_t)len)
			break;
		if (err) {
			it->node = -1;
			return err;
		}
		it->prop = fdt_next_property_offset(blob, it->prop);
		it->pos = 0;
	}
	err = ovl_local_entry_(blob, it, offsets, lf);
	it->pos += 4;
	if (err)
		it->node = -1;
	return err ? err : 1;
}

static int ovl_fail_(struct vdisc_fdt_problem *problem, int err, const char *what, uint64_t value)
{
	if (problem)
		*problem = (struct vdisc_fdt_problem){.what = what, .value = value};
	return err;
}

/* Every fragment's target and every fixup entry; the number of fragments, or an error. */
static int ovl_check_entries_(const void *blob, struct vdisc_fdt_problem *problem)
{
	struct vdisc_fdt_local_fixup_iter lit = {0};
	struct vdisc_fdt_fixup_iter fit = {0};
	struct vdisc_fdt_local_fixup lf;
	struct vdisc_fdt_fragment frag;
	struct vdisc_fdt_fixup fx;
	int cursor = 0, n = 0, err;

	while ((err = vdisc_fdt_overlay_next_fragment(blob, &cursor, &frag)) == 1)
		n++;
	if (err)
		return ovl_fail_(problem, err,
				 err == -VDISC_ENOTFOUND ? "a fragment has no target or target-path"
							 : "a fragment's target is malformed",
				 0);
	while ((err = vdisc_fdt_overlay_next_fixup(blob, &fit, &fx)) == 1)
		;
	if (err)
		return ovl_fail_(problem, err, "a __fixups__ entry is wrong", fx.offset);
	while ((err = vdisc_fdt_overlay_next_local_fixup(blob, &lit, &lf)) == 1)
		;
	if (err)
		return ovl_fail_(problem, err, "a __local_fixups__ entry is wrong", lf.offset);
	return n;
}

int vdisc_fdt_overlay_check(const void *blob, size_t size, struct vdisc_fdt_problem *problem)
{
	int err = vdisc_fdt_check_detail(blob, size, problem), n;

	if (err)
		return err;
	n = ovl_check_entries_(blob, problem);
	if (n < 0)
		return n;
	if (n == 0 && fdt_subnode_offset(blob, 0, "__fixups__") < 0 &&
	    fdt_subnode_offset(blob, 0, "__local_fixups__") < 0)
		return 0;
	return 1;
}
