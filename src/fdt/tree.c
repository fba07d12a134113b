/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

uint64_t vdisc_fdt_read_cells_(const fdt32_t *cells, uint32_t n)
{
	uint64_t v = 0;
	uint32_t i;

	/* Like Linux's of_read_number: wider values keep their low 64 bits. */
	for (i = 0; i < n; i++)
		v = (v << 32) | fdt32_ld(cells + i);
	return v;
}

uint64_t vdisc_fdt_host_cells_(const uint32_t *cells, uint32_t n)
{
	uint64_t v = 0;
	uint32_t i;

	for (i = 0; i < n; i++)
		v = (v << 32) | cells[i];
	return v;
}

int vdisc_fdt_diag_(const struct fdt_tree_ *tree, int error, uint32_t node, const char *prop,
		    uint32_t value)
{
	struct fdt_diag_key_ *last = tree->last_diag;
	const char *path = NULL;

	if (tree->quiet)
		return 0;
	/* Every child of a broken bus would repeat the bus's complaint. */
	if (last->error == error && last->node == node && last->prop && prop &&
	    strcmp(last->prop, prop) == 0)
		return 0;
	*last = (struct fdt_diag_key_){error, node, prop};
	/* Past the listing bound a problem is only counted: no path is needed. */
	if (node < tree->count && tree->model->ndiags < VDISC_MODEL_MAX_DIAGS) {
		path = vdisc_fdt_path_(tree, node);
		if (!path)
			return -VDISC_ENOMEM;
	}
	return vdisc_model_add_diag(tree->model, error, path, prop, value);
}

bool vdisc_fdt_has_prop_(const struct fdt_tree_ *tree, uint32_t node, const char *name)
{
	uint32_t id = vdisc_fdt_lookup_id_(tree, name);
	int len;

	if (id < FDT_NPROPS_)
		return (tree->nodes[node].props & (1u << id)) != 0;
	return vdisc_fdt_getprop_(tree, node, name, &len) != NULL;
}

/*
 * A property read as big-endian cells.  @malformed is set (and NULL
 * returned) when it exists but is not a whole number of cells, so callers
 * can tell "absent" from "broken".
 */
static const fdt32_t *fdt_tree_cells_(const void *p, int len, uint32_t *ncells, bool *malformed)
{
	*ncells = 0;
	if (malformed)
		*malformed = false;
	if (!p || len < 0)
		return NULL;
	if (len % 4 != 0) {
		if (malformed)
			*malformed = true;
		return NULL;
	}
	*ncells = (uint32_t)len / 4;
	return p;
}

const fdt32_t *vdisc_fdt_prop_cells_(const struct fdt_tree_ *tree, uint32_t node, const char *name,
				     uint32_t *ncells, bool *malformed)
{
	int len = 0;
	const void *p = vdisc_fdt_getprop_(tree, node, name, &len);

	return fdt_tree_cells_(p, len, ncells, malformed);
}

/* The same for a numbered property, where a walk up the tree asks at every level. */
const fdt32_t *vdisc_fdt_prop_cells_id_(const struct fdt_tree_ *tree, uint32_t node, uint32_t id,
					uint32_t *ncells, bool *malformed)
{
	int len = 0;
	const void *p = vdisc_fdt_prop_by_id_(tree, node, id, &len);

	return fdt_tree_cells_(p, len, ncells, malformed);
}

/* A string property, or NULL when absent or not NUL-terminated. */
const char *vdisc_fdt_prop_string_(const struct fdt_tree_ *tree, uint32_t node, const char *name)
{
	int len = 0;
	const char *p = vdisc_fdt_getprop_(tree, node, name, &len);

	if (!p || len <= 0 || p[len - 1] != '\0')
		return NULL;
	return p;
}

/* A string list split into arena pointers into the blob. */
int vdisc_fdt_prop_strlist_(const struct fdt_tree_ *tree, uint32_t node, const char *name,
			    struct vdisc_strlist *list)
{
	int len = 0, i, n = 0;
	const char *p = vdisc_fdt_getprop_(tree, node, name, &len);
	const char **items;

	list->items = NULL;
	list->count = 0;
	if (!p || len <= 0)
		return 0;
	if (p[len - 1] != '\0')
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, name, (uint32_t)len);
	for (i = 0; i < len; i++)
		n += p[i] == '\0';
	items = VDISC_ARENA_NEW(tree->out, const char *, (size_t)n);
	if (!items)
		return -VDISC_ENOMEM;
	for (i = 0; i < n; i++) {
		items[i] = p;
		p += strlen(p) + 1;
	}
	list->items = items;
	list->count = (uint32_t)n;
	return 0;
}

/* What one walk over a node's properties found, checked afterwards in a fixed order. */
struct fdt_node_props_ {
	const void *value[FDT_NPROPS_];
	uint32_t len[FDT_NPROPS_];
	const char *duplicate; /* the first name seen twice, or NULL */
};

/* A "#...-cells" property: absent, or one cell; anything else is malformed. */
static int fdt_tree_count_prop_(struct fdt_tree_ *tree, uint32_t node,
				const struct fdt_node_props_ *np, uint32_t id, uint32_t *out)
{
	const char *name = id == FDT_P_ADDRESS_CELLS_ ? "#address-cells"
			   : id == FDT_P_SIZE_CELLS_  ? "#size-cells"
						      : "#interrupt-cells";

	*out = FDT_NO_CELLS_;
	if (!(tree->nodes[node].props & (1u << id)))
		return 0;
	if (np->len[id] != 4)
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, name, np->len[id]);
	*out = fdt32_ld(np->value[id]);
	if (*out == FDT_NO_CELLS_)
		return vdisc_fdt_diag_(tree, -VDISC_EBADCELLS, node, name, *out);
	return 0;
}

static int fdt_tree_name_(struct fdt_tree_ *tree, struct fdt_node_ *node, bool root)
{
	uint32_t off = (uint32_t)node->offset + 4;
	size_t len;

	if (off >= tree->struct_size)
		return -VDISC_EBADSTRUCT;
	len = strnlen((const char *)tree->structs + off, tree->struct_size - off);
	if (len == tree->struct_size - off)
		return -VDISC_EBADSTRUCT;
	node->name_len = (uint32_t)len;
	if (root)
		node->path = "/";
	return 0;
}

const char *vdisc_fdt_node_name_(const struct fdt_tree_ *tree, uint32_t node)
{
	/* The root is the machine: whatever its blob name, it has none. */
	if (tree->nodes[node].parent == FDT_NO_PARENT_)
		return "";
	return (const char *)tree->structs + tree->nodes[node].offset + 4;
}

/*
 * A node's path is put together when someone needs it: the index keeps
 * names and parents, not paths (on a deep tree the paths would cost more
 * than the blob).  @chain gets the node and its ancestors below the root,
 * at most VDISC_FDT_MAX_DEPTH; returns how many, *need the path's length.
 */
static uint32_t fdt_tree_chain_(const struct fdt_tree_ *tree, uint32_t node, uint32_t *chain,
				size_t *need)
{
	uint32_t n = 0, i;

	*need = 0;
	for (i = node; i != 0 && i != FDT_NO_PARENT_ && n < VDISC_FDT_MAX_DEPTH + 2;
	     i = tree->nodes[i].parent) {
		chain[n++] = i;
		*need += 1 + tree->nodes[i].name_len;
	}
	if (n == 0)
		*need = 1;
	return n;
}

/* The path of @chain (fdt_tree_chain_) into @buf, which has room for it and its NUL. */
static void fdt_tree_write_chain_(const struct fdt_tree_ *tree, const uint32_t *chain, uint32_t n,
				  char *buf)
{
	size_t at = 0;

	buf[at++] = '/';
	while (n > 0) {
		const struct fdt_node_ *node = &tree->nodes[chain[--n]];

		memcpy(buf + at, tree->structs + node->offset + 4, node->name_len);
		at += node->name_len;
		if (n > 0)
			buf[at++] = '/';
	}
	buf[at] = '\0';
}

/* @n bytes at *@at of a @len-byte buffer (len > 0), as far as they fit before its NUL. */
static void fdt_tree_put_(char *buf, size_t len, size_t *at, const void *src, size_t n)
{
	if (*at < len - 1)
		memcpy(buf + *at, src, n < len - 1 - *at ? n : len - 1 - *at);
	*at += n;
}

size_t vdisc_fdt_path_write_(const struct fdt_tree_ *tree, uint32_t node, char *buf, size_t len)
{
	uint32_t chain[VDISC_FDT_MAX_DEPTH + 2], n;
	size_t need, at = 0;

	n = fdt_tree_chain_(tree, node, chain, &need);
	if (need < len) {
		fdt_tree_write_chain_(tree, chain, n, buf);
		return need;
	}
	/* Written as far as it fits, always terminated; the whole length is returned. */
	if (len == 0)
		return need;
	if (n == 0)
		fdt_tree_put_(buf, len, &at, "/", 1);
	while (n > 0) {
		const struct fdt_node_ *nd = &tree->nodes[chain[--n]];

		fdt_tree_put_(buf, len, &at, "/", 1);
		fdt_tree_put_(buf, len, &at, tree->structs + nd->offset + 4, nd->name_len);
	}
	buf[len - 1] = '\0';
	return need;
}

/* Keep @path (@need bytes) of the nodes @chain below depth @top, if it fits. */
static void fdt_tree_path_remember_(const struct fdt_tree_ *tree, const uint32_t *chain, uint32_t n,
				    uint32_t top, const char *path, size_t need)
{
	/* The tree lives in the caller's arena; the memo is a cache of the blob, never of state. */
	struct fdt_path_memo_ *m = &tree->memo->path_memo;
	size_t at = top ? m->len[top] : 0;
	uint32_t d;

	if (need > sizeof(m->buf)) {
		m->top = top; /* what it holds up to there is still right */
		return;
	}
	memcpy(m->buf + at, path + at, need - at);
	for (d = top + 1; n > 0; d++) {
		at += 1 + tree->nodes[chain[--n]].name_len;
		m->node[d] = chain[n] + 1;
		m->len[d] = (uint16_t)at;
	}
	m->top = d - 1;
}

const char *vdisc_fdt_path_in_(const struct fdt_tree_ *tree, uint32_t node,
			       struct vdisc_arena *arena)
{
	const struct fdt_path_memo_ *m = &tree->memo->path_memo;
	uint32_t chain[VDISC_FDT_MAX_DEPTH + 2], n = 0, top = 0, x, i;
	size_t need = 0, at;
	char *path;

	if (tree->nodes[node].path)
		return tree->nodes[node].path;
	/* The ancestors below the deepest one whose path the memo holds. */
	for (x = node; x != 0 && x != FDT_NO_PARENT_ && n < VDISC_ARRAY_SIZE(chain);
	     x = tree->nodes[x].parent) {
		if (tree->nodes[x].depth <= m->top && m->node[tree->nodes[x].depth] == x + 1) {
			top = tree->nodes[x].depth;
			need += m->len[top];
			break;
		}
		chain[n++] = x;
		need += 1 + tree->nodes[x].name_len;
	}
	path = vdisc_arena_alloc(arena, (need ? need : 1) + 1, 1);
	if (!path)
		return NULL;
	if (need == 0) {
		path[0] = '/';
		return path;
	}
	at = top ? m->len[top] : 0;
	memcpy(path, m->buf, at);
	for (i = n; i > 0; i--) {
		const struct fdt_node_ *nd = &tree->nodes[chain[i - 1]];

		path[at++] = '/';
		memcpy(path + at, tree->structs + nd->offset + 4, nd->name_len);
		at += nd->name_len;
	}
	fdt_tree_path_remember_(tree, chain, n, top, path, need);
	return path;
}

/* A node's path kept in the model: built once, then the same string (an interrupt's controller). */
const char *vdisc_fdt_path_(const struct fdt_tree_ *tree, uint32_t node)
{
	struct fdt_node_ *n = &tree->nodes[node];

	if (!n->path)
		n->path = vdisc_fdt_path_in_(tree, node, tree->model->arena);
	return n->path;
}

/*
 * Property names must be unique within a node; libfdt reads the first of
 * two, a JSON object would keep the last.  Numbered names are caught by
 * their bit; the others are compared with the ones before them, for the
 * first 256 properties of a node (the comparison is quadratic).
 */
static bool fdt_tree_seen_before_(const struct fdt_tree_ *tree, uint32_t node, uint32_t upto,
				  const char *name)
{
	uint32_t cursor = vdisc_fdt_prop_cursor_(tree, node);
	struct fdt_prop_ prop;

	/* Each property read here started before @upto. */
	while (cursor < upto && vdisc_fdt_prop_next_(tree, &cursor, &prop))
		if (strcmp(prop.name, name) == 0)
			return true;
	return false;
}

/*
 * One walk over a node's properties: which numbered ones it has (a value is
 * read only where its bit is set), and their values; returns the offset
 * past them, where the next node's search starts.
 */
static uint32_t fdt_tree_read_props_(struct fdt_tree_ *tree, uint32_t idx,
				     struct fdt_node_props_ *np)
{
	enum { MAX_CHECKED = 256 };
	struct fdt_node_ *node = &tree->nodes[idx];
	uint32_t cursor = vdisc_fdt_prop_cursor_(tree, idx), before, id, n = 0;
	struct fdt_prop_ prop;

	np->duplicate = NULL;
	for (before = cursor; vdisc_fdt_prop_next_(tree, &cursor, &prop); before = cursor) {
		id = vdisc_fdt_prop_name_id_(tree, &prop);
		n++;
		if (id < FDT_NPROPS_ && (node->props & (1u << id))) {
			if (!np->duplicate)
				np->duplicate = prop.name;
			continue;
		}
		if (id < FDT_NPROPS_) {
			node->props |= 1u << id;
			np->value[id] = prop.value;
			np->len[id] = prop.len;
		} else if (!np->duplicate && n <= MAX_CHECKED &&
			   fdt_tree_seen_before_(tree, idx, before, prop.name)) {
			np->duplicate = prop.name;
		}
	}
	return cursor;
}

static int fdt_tree_node_cells_(struct fdt_tree_ *tree, uint32_t idx, uint32_t *end)
{
	struct fdt_node_ *node = &tree->nodes[idx];
	struct fdt_node_props_ np;
	uint32_t id;
	int err;

	*end = fdt_tree_read_props_(tree, idx, &np);
	err = fdt_tree_count_prop_(tree, idx, &np, FDT_P_ADDRESS_CELLS_, &node->address_cells);
	if (!err)
		err = fdt_tree_count_prop_(tree, idx, &np, FDT_P_SIZE_CELLS_, &node->size_cells);
	if (!err)
		err = fdt_tree_count_prop_(tree, idx, &np, FDT_P_INTERRUPT_CELLS_,
					   &node->interrupt_cells);
	if (err)
		return err;
	/* Linux's limits (OF_MAX_ADDR_CELLS, 64-bit sizes, MAX_PHANDLE_ARGS). */
	if (node->address_cells != FDT_NO_CELLS_ && node->address_cells > VDISC_MAX_ADDR_CELLS)
		err = vdisc_fdt_diag_(tree, -VDISC_EBADCELLS, idx, "#address-cells",
				      node->address_cells);
	if (!err && node->size_cells != FDT_NO_CELLS_ && node->size_cells > 2)
		err = vdisc_fdt_diag_(tree, -VDISC_EBADCELLS, idx, "#size-cells", node->size_cells);
	if (!err && node->interrupt_cells != FDT_NO_CELLS_ &&
	    node->interrupt_cells > VDISC_MAX_IRQ_CELLS)
		err = vdisc_fdt_diag_(tree, -VDISC_EBADCELLS, idx, "#interrupt-cells",
				      node->interrupt_cells);
	if (err)
		return err;
	/* "phandle" when it is whole cells, else the older "linux,phandle"; one cell either way. */
	id = (node->props & (1u << FDT_P_PHANDLE_)) && np.len[FDT_P_PHANDLE_] % 4 == 0
		     ? FDT_P_PHANDLE_
		     : FDT_P_LINUX_PHANDLE_;
	if ((node->props & (1u << id)) && np.len[id] == 4)
		node->phandle = fdt32_ld(np.value[id]);
	/* Where translation through this bus finds its ranges without a walk of its properties. */
	if (node->props & (1u << FDT_P_RANGES_))
		node->ranges =
			(uint32_t)((const unsigned char *)np.value[FDT_P_RANGES_] - tree->structs);
	if (np.duplicate)
		return vdisc_fdt_diag_(tree, -VDISC_EDUPLICATE, idx, np.duplicate, 0);
	return 0;
}

/*
 * The nearest #address-cells/#size-cells at or above each node, carried
 * down once so that inheriting one (of_n_addr_cells()) costs O(1) however
 * deep the tree.
 */
static uint8_t fdt_tree_up_count_(uint32_t own, const struct fdt_node_ *parent, unsigned which)
{
	if (own == FDT_NO_CELLS_)
		return parent ? parent->up_cells[which] : FDT_UP_NONE_;
	return own >= FDT_UP_NONE_ ? FDT_UP_BAD_ : (uint8_t)own;
}

/*
 * Also carried down: where of_irq_find_parent()'s climb from a node stops.
 * The node itself if it has interrupt-parent (the search follows it);
 * else the first ancestor reached that has #interrupt-cells (the answer)
 * or interrupt-parent (followed), whichever comes first; FDT_NO_PARENT_
 * past the root.  irq.c tells the cases apart by those two properties.
 */
static void fdt_tree_up_cells_(struct fdt_tree_ *tree, uint32_t idx)
{
	struct fdt_node_ *node = &tree->nodes[idx];
	const struct fdt_node_ *parent =
		node->parent == FDT_NO_PARENT_ ? NULL : &tree->nodes[node->parent];

	node->up_cells[0] = fdt_tree_up_count_(node->address_cells, parent, 0);
	node->up_cells[1] = fdt_tree_up_count_(node->size_cells, parent, 1);
	if (node->props & (1u << FDT_P_INTERRUPT_PARENT_))
		node->irq_stop = idx;
	else if (!parent)
		node->irq_stop = FDT_NO_PARENT_;
	else if (parent->interrupt_cells != FDT_NO_CELLS_)
		node->irq_stop = node->parent;
	else
		node->irq_stop = parent->irq_stop;
}

/*
 * The next node in tree order after one whose properties end at @off, as
 * fdt_next_node, on the checked structure block: -1 past the last.
 */
static int fdt_tree_next_node_(const struct fdt_tree_ *tree, uint32_t off, int *depth)
{
	uint32_t tag;

	while (off < tree->struct_size && tree->struct_size - off >= 4) {
		tag = fdt32_ld((const fdt32_t *)(tree->structs + off));
		if (tag == FDT_BEGIN_NODE) {
			(*depth)++;
			return (int)off;
		}
		if (tag != FDT_END_NODE && tag != FDT_NOP)
			return -1;
		if (tag == FDT_END_NODE && --(*depth) < 0)
			return -1;
		off += 4;
	}
	return -1;
}

static uint32_t fdt_tree_count_nodes_(const struct fdt_tree_ *tree)
{
	uint32_t off, tag, count = 0;
	struct fdt_prop_ prop;

	/* Every BEGIN_NODE tag, skipping names and property values. */
	for (off = 0; off < tree->struct_size && tree->struct_size - off >= 4;) {
		tag = fdt32_ld((const fdt32_t *)(tree->structs + off));
		if (tag == FDT_BEGIN_NODE) {
			count++;
			off = vdisc_fdt_node_body_(tree, off);
		} else if (tag == FDT_PROP) {
			if (!vdisc_fdt_prop_next_(tree, &off, &prop))
				break;
		} else if (tag == FDT_END_NODE || tag == FDT_NOP) {
			off += 4;
		} else {
			break;
		}
	}
	return count;
}

/* Shell sort: no libc qsort in the core, and n is the number of phandles. */
static void fdt_tree_sort_phandles_(struct fdt_tree_ *tree)
{
	static const uint32_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
	uint32_t *a = tree->by_phandle, g, i, j, v;
	size_t k;

	for (k = 0; k < VDISC_ARRAY_SIZE(gaps); k++) {
		g = gaps[k];
		for (i = g; i < tree->nphandles; i++) {
			v = a[i];
			for (j = i;
			     j >= g && tree->nodes[a[j - g]].phandle > tree->nodes[v].phandle;
			     j -= g)
				a[j] = a[j - g];
			a[j] = v;
		}
	}
}

static int fdt_tree_index_phandles_(struct fdt_tree_ *tree)
{
	uint32_t i, n = 0;
	int err;

	for (i = 0; i < tree->count; i++)
		n += tree->nodes[i].phandle != 0;
	tree->by_phandle = VDISC_ARENA_NEW(tree->model->arena, uint32_t, n ? n : 1);
	if (!tree->by_phandle)
		return -VDISC_ENOMEM;
	for (i = 0; i < tree->count; i++)
		if (tree->nodes[i].phandle != 0)
			tree->by_phandle[tree->nphandles++] = i;
	fdt_tree_sort_phandles_(tree);
	tree->phandles_unique = true;
	/* A phandle used twice makes every reference to it ambiguous. */
	for (i = 1; i < tree->nphandles; i++) {
		const struct fdt_node_ *a = &tree->nodes[tree->by_phandle[i - 1]];
		const struct fdt_node_ *b = &tree->nodes[tree->by_phandle[i]];

		if (a->phandle == b->phandle) {
			tree->phandles_unique = false;
			err = vdisc_fdt_diag_(tree, -VDISC_EBADPHANDLE, tree->by_phandle[i],
					      "phandle", b->phandle);
			if (err)
				return err;
		}
	}
	return 0;
}

/* Whether the node's name is @want, with or without a unit address (libfdt's subnode match). */
static bool fdt_tree_named_(const struct fdt_tree_ *tree, uint32_t i, const char *want)
{
	const char *name = vdisc_fdt_node_name_(tree, i);
	uint32_t len = tree->nodes[i].name_len, n = (uint32_t)strlen(want);

	return len >= n && memcmp(name, want, n) == 0 && (len == n || name[n] == '@');
}

/*
 * What printers and lookups ask of the top of the tree, found once here:
 * /aliases and /__symbols__, and whether the blob is an overlay (a child of
 * the root with an __overlay__ node, as libfdt applies them, or the root's
 * __fixups__ or __local_fixups__).
 */
static void fdt_tree_note_top_(struct fdt_tree_ *tree, uint32_t i)
{
	const char *name = vdisc_fdt_node_name_(tree, i);
	uint32_t len = tree->nodes[i].name_len;

	if (tree->nodes[i].depth == 2) {
		tree->memo->overlay |= fdt_tree_named_(tree, i, "__overlay__");
		return;
	}
	tree->memo->overlay |= fdt_tree_named_(tree, i, "__fixups__") ||
			       fdt_tree_named_(tree, i, "__local_fixups__");

	if (len == 7 && memcmp(name, "aliases", 7) == 0 && tree->memo->aliases == FDT_NO_PARENT_)
		tree->memo->aliases = i;
	if (len == 11 && memcmp(name, "__symbols__", 11) == 0 &&
	    tree->memo->symbols == FDT_NO_PARENT_)
		tree->memo->symbols = i;
}

int vdisc_fdt_tree_build_(struct fdt_tree_ *tree, const void *blob, struct vdisc_model *model)
{
	uint32_t stack[VDISC_FDT_MAX_DEPTH + 2];
	int depth = 0, offset = 0, err;
	uint32_t i = 0, end = 0;

	memset(tree, 0, sizeof(*tree));
	tree->blob = blob;
	tree->model = model;
	tree->out = model->arena;
	tree->last_diag = VDISC_ARENA_NEW(model->arena, struct fdt_diag_key_, 1);
	tree->memo = VDISC_ARENA_NEW(model->arena, struct fdt_memos_, 1);
	if (!tree->last_diag || !tree->memo)
		return -VDISC_ENOMEM;
	tree->memo->aliases = tree->memo->symbols = FDT_NO_PARENT_;
	tree->memo->overlay = false;
	err = vdisc_fdt_props_init_(tree);
	if (err)
		return err;
	tree->count = fdt_tree_count_nodes_(tree);
	tree->nodes = VDISC_ARENA_NEW(model->arena, struct fdt_node_, tree->count);
	if (!tree->nodes)
		return -VDISC_ENOMEM;
	while (offset >= 0 && depth >= 0 && i < tree->count) {
		struct fdt_node_ *node = &tree->nodes[i];

		/* vdisc_fdt_check() has already bounded the depth. */
		if (depth > VDISC_FDT_MAX_DEPTH)
			return -VDISC_ELOOP;
		node->offset = offset;
		node->depth = (uint8_t)depth;
		node->parent = depth ? stack[depth - 1] : FDT_NO_PARENT_;
		stack[depth] = i;
		err = fdt_tree_name_(tree, node, depth == 0);
		if (!err && (depth == 1 || depth == 2))
			fdt_tree_note_top_(tree, i);
		if (!err)
			err = fdt_tree_node_cells_(tree, i, &end);
		if (!err)
			fdt_tree_up_cells_(tree, i);
		/* A reg or ranges reads the parent's counts: say where absent ones come from. */
		if (!err && depth && (node->props & (1u << FDT_P_REG_ | 1u << FDT_P_RANGES_)))
			err = vdisc_fdt_warn_cells_(tree, node->parent);
		if (err)
			return err;
		offset = fdt_tree_next_node_(tree, end, &depth);
		i++;
	}
	tree->count = i;
	model->dt.nnodes = i;
	return fdt_tree_index_phandles_(tree);
}

uint32_t vdisc_fdt_find_phandle_(const struct fdt_tree_ *tree, uint32_t phandle)
{
	uint32_t lo = 0, hi = tree->nphandles;

	if (phandle == 0 || phandle == UINT32_MAX || hi == 0)
		return FDT_NO_PARENT_;
	/*
	 * dtc numbers phandles 1, 2, 3...: where they are unique, the one
	 * asked for is first looked for where a run from the smallest puts it
	 * (where two share one, the search below decides which is found).
	 */
	if (tree->phandles_unique) {
		uint32_t at = phandle - tree->nodes[tree->by_phandle[0]].phandle;

		if (at < hi && tree->nodes[tree->by_phandle[at]].phandle == phandle)
			return tree->by_phandle[at];
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t v = tree->nodes[tree->by_phandle[mid]].phandle;

		if (v == phandle)
			return tree->by_phandle[mid];
		if (v < phandle)
			lo = mid + 1;
		else
			hi = mid;
	}
	return FDT_NO_PARENT_;
}

/* The child of @parent named @name (@len bytes), searched among the nodes after it. */
static uint32_t fdt_tree_child_(const struct fdt_tree_ *tree, uint32_t parent, const char *name,
				size_t len)
{
	uint32_t i;

	for (i = parent + 1; i < tree->count && tree->nodes[i].depth > tree->nodes[parent].depth;
	     i++)
		if (tree->nodes[i].parent == parent && tree->nodes[i].name_len == len &&
		    memcmp(vdisc_fdt_node_name_(tree, i), name, len) == 0)
			return i;
	return FDT_NO_PARENT_;
}

uint32_t vdisc_fdt_find_path_(const struct fdt_tree_ *tree, const char *path, size_t len)
{
	uint32_t node = 0;
	size_t pos = 0, k;

	if (len == 0 || path[0] != '/')
		return FDT_NO_PARENT_;
	if (len == 8 && memcmp(path, "/aliases", 8) == 0)
		return tree->memo->aliases;
	if (len == 12 && memcmp(path, "/__symbols__", 12) == 0)
		return tree->memo->symbols;
	/* Component by component from the root: a walk of the subtree each, as dtc looks. */
	while (node != FDT_NO_PARENT_) {
		while (pos < len && path[pos] == '/')
			pos++;
		if (pos >= len)
			return node;
		for (k = pos; k < len && path[k] != '/'; k++)
			;
		node = fdt_tree_child_(tree, node, path + pos, k - pos);
		pos = k;
	}
	return FDT_NO_PARENT_;
}
