/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * reg decoding and address translation with the semantics of Linux's
 * of_translate_address(): walk up through each bus's "ranges"; an empty
 * ranges is 1:1, a missing one means the bus is not memory-mapped, and a
 * bus whose #size-cells is 0 (cpus, i2c, spi) has no CPU addresses.
 * An absent #address-cells/#size-cells is inherited from the nearest
 * ancestor that has one, as Linux's of_n_addr_cells()/of_n_size_cells()
 * read it; only where no ancestor has one do we keep the spec's 2 and 1
 * (Linux would take 1 and 1).
 */

enum fdt_bus_kind_ {
	FDT_BUS_DEFAULT_,
	FDT_BUS_PCI_, /* 3-cell addresses: phys.hi space code, then 64 bits */
	FDT_BUS_ISA_, /* 2-cell addresses: bit 0 of the first cell selects I/O */
};

struct fdt_addr_ {
	uint32_t cells[VDISC_MAX_ADDR_CELLS];
	uint32_t n;
};

static bool fdt_xlate_name_is_(const char *name, const char *base)
{
	size_t n = strlen(base);

	return strncmp(name, base, n) == 0 && (name[n] == '\0' || name[n] == '@');
}

/* An I2C controller, recognised as dtc recognises one: by node name or device_type. */
static bool fdt_xlate_is_i2c_(const struct fdt_tree_ *tree, uint32_t bus)
{
	const char *type = vdisc_fdt_prop_string_(tree, bus, "device_type");

	return fdt_xlate_name_is_(vdisc_fdt_node_name_(tree, bus), "i2c") ||
	       (type && strcmp(type, "i2c") == 0);
}

static uint32_t fdt_xlate_own_count_(const struct fdt_node_ *node, bool size)
{
	return size ? node->size_cells : node->address_cells;
}

/*
 * One cell count for @bus's children (@size: #size-cells, else
 * #address-cells) and where it came from.  An I2C bus without one reads
 * 1 / 0: Linux's I2C core takes reg's first cell as the address whatever
 * the counts (of_i2c_get_board_info), and the binding fixes them at 1 / 0.
 */
static uint32_t fdt_xlate_count_(const struct fdt_tree_ *tree, uint32_t bus, bool size,
				 uint8_t *source)
{
	const struct fdt_node_ *node = &tree->nodes[bus];
	uint32_t v = fdt_xlate_own_count_(node, size);
	uint8_t up = node->up_cells[size];

	*source = VDISC_CELLS_OWN;
	if (v != FDT_NO_CELLS_)
		return v;
	if (fdt_xlate_is_i2c_(tree, bus)) {
		*source = VDISC_CELLS_I2C;
		return size ? 0 : 1;
	}
	if (up == FDT_UP_NONE_) {
		*source = VDISC_CELLS_DEFAULT;
		return size ? 1 : 2;
	}
	*source = VDISC_CELLS_INHERITED;
	if (up != FDT_UP_BAD_)
		return up;
	/* Rare (the ancestor's own diag says it is bad): find the number itself. */
	do
		node = &tree->nodes[node->parent];
	while (fdt_xlate_own_count_(node, size) == FDT_NO_CELLS_);
	return fdt_xlate_own_count_(node, size);
}

/* The node whose property a count of @source came from, or NULL for a rule. */
static const char *fdt_xlate_count_from_(const struct fdt_tree_ *tree, uint32_t bus, bool size,
					 uint8_t source)
{
	uint32_t n = bus;

	if (source == VDISC_CELLS_INHERITED)
		do
			n = tree->nodes[n].parent;
		while (n != FDT_NO_PARENT_ &&
		       fdt_xlate_own_count_(&tree->nodes[n], size) == FDT_NO_CELLS_);
	else if (source != VDISC_CELLS_OWN)
		n = FDT_NO_PARENT_;
	return n == FDT_NO_PARENT_ ? NULL : vdisc_fdt_path_(tree, n);
}

static int fdt_xlate_bus_cells_(const struct fdt_tree_ *tree, uint32_t bus, uint32_t *na,
				uint32_t *ns)
{
	uint8_t source;

	*na = fdt_xlate_count_(tree, bus, false, &source);
	*ns = fdt_xlate_count_(tree, bus, true, &source);
	if (*na > VDISC_MAX_ADDR_CELLS || *ns > 2)
		return -VDISC_EBADCELLS;
	return 0;
}

static enum fdt_bus_kind_ fdt_xlate_find_kind_(const struct fdt_tree_ *tree, uint32_t bus,
					       uint32_t na);

/*
 * Every walk up the tree asks each bus for its counts and its kind, so the
 * index keeps both, found on the first asking (most nodes are never a bus).
 */
static const struct fdt_node_ *fdt_xlate_bus_(const struct fdt_tree_ *tree, uint32_t bus)
{
	struct fdt_node_ *node = &tree->nodes[bus];
	uint32_t na, ns;

	if (node->flags & FDT_NODE_BUS_KNOWN_)
		return node;
	node->flags |= FDT_NODE_BUS_KNOWN_;
	node->bus_cells[0] = node->bus_cells[1] = FDT_UP_BAD_;
	if (fdt_xlate_bus_cells_(tree, bus, &na, &ns))
		return node;
	node->bus_cells[0] = (uint8_t)na;
	node->bus_cells[1] = (uint8_t)ns;
	node->bus_kind = (uint8_t)fdt_xlate_find_kind_(tree, bus, na);
	return node;
}

int vdisc_fdt_bus_cells_(const struct fdt_tree_ *tree, uint32_t bus, uint32_t *na, uint32_t *ns)
{
	const struct fdt_node_ *node = fdt_xlate_bus_(tree, bus);

	if (node->bus_cells[0] == FDT_UP_BAD_)
		return fdt_xlate_bus_cells_(tree, bus, na, ns); /* the values, for the diag */
	*na = node->bus_cells[0];
	*ns = node->bus_cells[1];
	return 0;
}

/*
 * For -v, where @bus lacks a count of its own: the counts its children's
 * reg is split with and where each came from (*out NULL otherwise, the
 * common case, which costs the model nothing more).
 */
int vdisc_fdt_reg_cells_(const struct fdt_tree_ *tree, uint32_t bus,
			 const struct vdisc_reg_cells **out)
{
	struct vdisc_reg_cells c = {0}, *copy;
	uint32_t na, ns;

	*out = NULL;
	na = fdt_xlate_count_(tree, bus, false, &c.address_source);
	ns = fdt_xlate_count_(tree, bus, true, &c.size_source);
	if (na > VDISC_MAX_ADDR_CELLS || ns > 2 ||
	    (c.address_source == VDISC_CELLS_OWN && c.size_source == VDISC_CELLS_OWN))
		return 0;
	c.address_cells = (uint8_t)na;
	c.size_cells = (uint8_t)ns;
	c.address_from = fdt_xlate_count_from_(tree, bus, false, c.address_source);
	c.size_from = fdt_xlate_count_from_(tree, bus, true, c.size_source);
	copy = VDISC_ARENA_NEW(tree->out, struct vdisc_reg_cells, 1);
	if (!copy)
		return -VDISC_ENOMEM;
	*copy = c;
	*out = copy;
	return 0;
}

/*
 * A warning, once per bus whose children's reg or ranges are read, for
 * each absent cell count taken from an ancestor or the I2C rule: Linux
 * boots such trees and dtc only warns, but the tree relies on a reading
 * the spec does not promise.  The spec default (nothing above has one)
 * is what every reader agrees on, so it is not reported.
 */
int vdisc_fdt_warn_cells_(struct fdt_tree_ *tree, uint32_t bus)
{
	static const char *const names[2] = {"#address-cells", "#size-cells"};
	uint32_t i, v;
	uint8_t source;
	bool kept;
	int err;

	if (bus == FDT_NO_PARENT_ || tree->quiet ||
	    (tree->nodes[bus].flags & FDT_NODE_CELLS_CHECKED_))
		return 0;
	tree->nodes[bus].flags |= FDT_NODE_CELLS_CHECKED_;
	for (i = 0; i < 2; i++) {
		v = fdt_xlate_count_(tree, bus, i == 1, &source);
		if (source != VDISC_CELLS_INHERITED && source != VDISC_CELLS_I2C)
			continue;
		kept = tree->model->ndiags < VDISC_MODEL_MAX_DIAGS; /* else only counted */
		err = kept && !vdisc_fdt_path_(tree, bus)
			      ? -VDISC_ENOMEM
			      : vdisc_model_add_diag(tree->model, -VDISC_ENOTFOUND,
						     kept ? tree->nodes[bus].path : NULL, names[i],
						     v);
		if (err)
			return err;
		if (kept) {
			const char *from = fdt_xlate_count_from_(tree, bus, i == 1, source);

			if (!from && source == VDISC_CELLS_INHERITED)
				return -VDISC_ENOMEM; /* an ancestor has it: its path did not fit */
			tree->model->diags_tail->from = from;
		}
	}
	return 0;
}

static enum fdt_bus_kind_ fdt_xlate_find_kind_(const struct fdt_tree_ *tree, uint32_t bus,
					       uint32_t na)
{
	const char *name = vdisc_fdt_node_name_(tree, bus), *type;

	/* The cell count rules most buses out before a property lookup. */
	if (na == 2)
		return fdt_xlate_name_is_(name, "isa") ? FDT_BUS_ISA_ : FDT_BUS_DEFAULT_;
	if (na != 3)
		return FDT_BUS_DEFAULT_;
	type = vdisc_fdt_prop_string_(tree, bus, "device_type");
	if ((type && (strcmp(type, "pci") == 0 || strcmp(type, "pciex") == 0 ||
		      strcmp(type, "vci") == 0 || strcmp(type, "ht") == 0)) ||
	    fdt_xlate_name_is_(name, "pcie"))
		return FDT_BUS_PCI_;
	return FDT_BUS_DEFAULT_;
}

/* The kind of @bus for addresses of @na cells: its children's, as the index keeps it. */
static enum fdt_bus_kind_ fdt_xlate_bus_kind_(const struct fdt_tree_ *tree, uint32_t bus,
					      uint32_t na)
{
	const struct fdt_node_ *node = fdt_xlate_bus_(tree, bus);

	if (node->bus_cells[0] == na)
		return (enum fdt_bus_kind_)node->bus_kind;
	return fdt_xlate_find_kind_(tree, bus, na);
}

/* How many leading cells of an address are flags rather than a number. */
static uint32_t fdt_xlate_flag_cells_(enum fdt_bus_kind_ kind)
{
	return kind == FDT_BUS_DEFAULT_ ? 0 : 1;
}

/* Linux compares the resource type only: I/O, memory (32/64, either prefetch) or config. */
static uint32_t fdt_xlate_space_(enum fdt_bus_kind_ kind, uint32_t first_cell)
{
	if (kind == FDT_BUS_PCI_) {
		uint32_t code =
			(first_cell >> VDISC_FDT_PCI_SPACE_SHIFT) & VDISC_FDT_PCI_SPACE_MASK;

		return code == VDISC_FDT_PCI_SPACE_IO	   ? 1
		       : code >= VDISC_FDT_PCI_SPACE_MEM32 ? 2
							   : 0;
	}
	if (kind == FDT_BUS_ISA_)
		return first_cell & 1;
	return 0;
}

/* The space a reg entry names, for the model (vdisc_reg.space). */
static uint8_t fdt_xlate_reg_space_(enum fdt_bus_kind_ kind, uint32_t first_cell)
{
	static const uint8_t pci[] = {
		[VDISC_FDT_PCI_SPACE_CONFIG] = VDISC_REG_SPACE_CONFIG,
		[VDISC_FDT_PCI_SPACE_IO] = VDISC_REG_SPACE_IO,
		[VDISC_FDT_PCI_SPACE_MEM32] = VDISC_REG_SPACE_MEM32,
		[VDISC_FDT_PCI_SPACE_MEM64] = VDISC_REG_SPACE_MEM64,
	};

	if (kind == FDT_BUS_PCI_)
		return pci[(first_cell >> VDISC_FDT_PCI_SPACE_SHIFT) & VDISC_FDT_PCI_SPACE_MASK];
	if (kind == FDT_BUS_ISA_)
		return first_cell & 1 ? VDISC_REG_SPACE_IO : VDISC_REG_SPACE_MEM;
	return VDISC_REG_SPACE_NONE;
}

/* Map @addr through one ranges entry; false when the entry does not cover it. */
static bool fdt_xlate_range_offset_(enum fdt_bus_kind_ kind, const struct fdt_addr_ *addr,
				    const fdt32_t *entry, uint32_t pna, uint32_t ns,
				    uint64_t *offset)
{
	uint32_t fc = fdt_xlate_flag_cells_(kind), na = addr->n;
	uint64_t cp, da, size;

	if (fc && fdt_xlate_space_(kind, fdt32_ld(entry)) != fdt_xlate_space_(kind, addr->cells[0]))
		return false;
	cp = vdisc_fdt_read_cells_(entry + fc, na - fc);
	da = vdisc_fdt_host_cells_(addr->cells + fc, na - fc);
	size = vdisc_fdt_read_cells_(entry + na + pna, ns);
	if (da < cp || da - cp >= size)
		return false;
	*offset = da - cp;
	return true;
}

/* Replace @addr by the parent-bus address @paddr plus @offset, as the parent bus adds. */
static int fdt_xlate_apply_offset_(enum fdt_bus_kind_ parent_kind, struct fdt_addr_ *addr,
				   const uint32_t *paddr, uint32_t pna, uint64_t offset)
{
	uint32_t fc = fdt_xlate_flag_cells_(parent_kind), i;
	uint64_t a;

	if (pna < fc)
		fc = 0;
	a = vdisc_fdt_host_cells_(paddr + fc, pna - fc);
	if (a + offset < a)
		return -VDISC_ERANGE;
	a += offset;
	for (i = 0; i < pna; i++)
		addr->cells[i] = i < fc ? paddr[i] : 0;
	if (pna - fc >= 1)
		addr->cells[pna - 1] = (uint32_t)a;
	if (pna - fc >= 2)
		addr->cells[pna - 2] = (uint32_t)(a >> 32);
	else if (a >> 32)
		return -VDISC_ERANGE;
	addr->n = pna;
	return 0;
}

static int fdt_xlate_broken_ranges_(const struct fdt_tree_ *tree, uint32_t bus, uint32_t ncells)
{
	int err = vdisc_fdt_diag_(tree, -VDISC_EBADPROP, bus, "ranges", ncells);

	return err ? err : -VDISC_EBADPROP;
}

/*
 * One step up: from @bus's address space into its parent's.
 * returns 1 when the bus is not memory-mapped, 0 on success, <0 on error.
 */
static int fdt_xlate_step_(const struct fdt_tree_ *tree, uint32_t bus, struct fdt_addr_ *addr,
			   uint32_t ns)
{
	uint32_t up = tree->nodes[bus].parent, pna, pns, nranges, entry, i, c;
	uint32_t paddr[VDISC_MAX_ADDR_CELLS] = {0};
	const fdt32_t *ranges;
	uint64_t offset;

	if (vdisc_fdt_bus_cells_(tree, up, &pna, &pns))
		return -VDISC_EBADCELLS;
	if (pna == 0 || pns == 0)
		return 1;
	/* The index holds where the value is (tree.c): no walk of the bus's properties. */
	if (!tree->nodes[bus].ranges)
		return 1;
	ranges = (const fdt32_t *)(tree->structs + tree->nodes[bus].ranges);
	nranges = fdt32_ld(ranges - 2); /* the property's length, before its name offset */
	if (nranges % 4 != 0)
		return fdt_xlate_broken_ranges_(tree, bus, 0);
	nranges /= 4;
	if (nranges == 0) /* empty: identity */
		return fdt_xlate_apply_offset_(fdt_xlate_bus_kind_(tree, up, pna), addr, paddr, pna,
					       vdisc_fdt_host_cells_(addr->cells, addr->n));
	entry = addr->n + pna + ns;
	if (nranges % entry != 0)
		return fdt_xlate_broken_ranges_(tree, bus, nranges);
	for (i = 0; i < nranges; i += entry) {
		if (!fdt_xlate_range_offset_(fdt_xlate_bus_kind_(tree, bus, addr->n), addr,
					     ranges + i, pna, ns, &offset))
			continue;
		for (c = 0; c < pna; c++)
			paddr[c] = fdt32_ld(ranges + i + addr->n + c);
		return fdt_xlate_apply_offset_(fdt_xlate_bus_kind_(tree, up, pna), addr, paddr, pna,
					       offset);
	}
	return -VDISC_EUNTRANSLATABLE;
}

/*
 * One level of the memo: the window [*lo, *hi] of @bus's children's
 * addresses that its ranges maps into its parent's space without an error,
 * address a going to *base + (a - *cp).  False where the walk must decide:
 * anything but a default bus of at most two cells under one, with an empty
 * ranges or a single entry.
 */
static bool fdt_xlate_memo_level_(const struct fdt_tree_ *tree, uint32_t bus, uint64_t *lo,
				  uint64_t *hi, uint64_t *cp, uint64_t *base)
{
	const struct fdt_node_ *node = fdt_xlate_bus_(tree, bus);
	uint32_t up = node->parent, na = node->bus_cells[0], ns = node->bus_cells[1], pna, pns, n;
	const fdt32_t *ranges = (const fdt32_t *)(tree->structs + node->ranges);
	uint64_t size, maxp, span;

	if (na == FDT_UP_BAD_ || na > 2 || ns == 0 || node->bus_kind != FDT_BUS_DEFAULT_ ||
	    !node->ranges || vdisc_fdt_bus_cells_(tree, up, &pna, &pns) || pna == 0 || pna > 2 ||
	    pns == 0 || fdt_xlate_bus_kind_(tree, up, pna) != FDT_BUS_DEFAULT_)
		return false;
	n = fdt32_ld(ranges - 2);
	maxp = pna == 1 ? UINT32_MAX : UINT64_MAX; /* a wider result is -VDISC_ERANGE */
	*cp = *base = 0;
	size = 0;
	if (n == 0) { /* identity */
		size = UINT64_MAX;
	} else if (n == 4 * (na + pna + ns)) {
		*cp = vdisc_fdt_read_cells_(ranges, na);
		*base = vdisc_fdt_read_cells_(ranges + na, pna);
		size = vdisc_fdt_read_cells_(ranges + na + pna, ns);
		if (size == 0)
			return false;
		size--; /* the last offset inside */
	} else {
		return false;
	}
	span = size < maxp - *base ? size : maxp - *base;
	*lo = *cp;
	*hi = *cp + span < *cp ? UINT64_MAX : *cp + span;
	return true;
}

/* The memo of @bus (whose parent's is current) from its own level and its parent's. */
static void fdt_xlate_memo_fill_(const struct fdt_tree_ *tree, uint32_t bus,
				 struct fdt_xlate_memo_ *m)
{
	const struct fdt_node_ *node = &tree->nodes[bus];
	const struct fdt_xlate_memo_ *pm;
	uint64_t lo, hi, cp, base, alo, ahi;

	m->bus = bus + 1;
	m->ok = node->parent == FDT_NO_PARENT_; /* at the root, addresses are the CPU's */
	m->lo = 0;
	m->hi = UINT64_MAX;
	m->delta = 0;
	if (m->ok || !fdt_xlate_memo_level_(tree, bus, &lo, &hi, &cp, &base))
		return;
	pm = &tree->memo->xlate_memo[node->depth - 1];
	if (!pm->ok)
		return;
	/* The parent-side addresses of the window, within the parent's own window. */
	alo = base + (lo - cp);
	ahi = base + (hi - cp);
	alo = alo > pm->lo ? alo : pm->lo;
	ahi = ahi < pm->hi ? ahi : pm->hi;
	if (alo > ahi)
		return;
	m->ok = 1;
	m->lo = cp + (alo - base);
	m->hi = cp + (ahi - base);
	m->delta = base - cp + pm->delta; /* modulo 2^64, as the sums it stands for */
}

/* @bus's memo, filled in for it and any ancestor whose depth last held another bus. */
static const struct fdt_xlate_memo_ *fdt_xlate_memo_(const struct fdt_tree_ *tree, uint32_t bus)
{
	/* The tree lives in the caller's arena; the memo is a cache of the blob, never of state. */
	struct fdt_xlate_memo_ *memo = tree->memo->xlate_memo;
	uint32_t chain[VDISC_FDT_MAX_DEPTH + 1], n = 0, x;

	for (x = bus; n < VDISC_ARRAY_SIZE(chain); x = tree->nodes[x].parent) {
		if (tree->nodes[x].depth > VDISC_FDT_MAX_DEPTH)
			return NULL; /* the check bounds the depth: never */
		if (memo[tree->nodes[x].depth].bus == x + 1)
			break;
		chain[n++] = x;
		if (tree->nodes[x].parent == FDT_NO_PARENT_)
			break;
	}
	while (n > 0) {
		x = chain[--n];
		fdt_xlate_memo_fill_(tree, x, &memo[tree->nodes[x].depth]);
	}
	return &memo[tree->nodes[bus].depth];
}

/*
 * The memo's answer for @addr on @bus (@ns: the size cells its entries
 * are read with), or false where the walk must give it.
 */
static bool fdt_xlate_fast_(const struct fdt_tree_ *tree, uint32_t bus,
			    const struct fdt_addr_ *addr, uint32_t ns, uint64_t *cpu)
{
	const struct fdt_node_ *node = fdt_xlate_bus_(tree, bus);
	const struct fdt_xlate_memo_ *m;
	uint64_t da;

	if (addr->n > 2 || addr->n != node->bus_cells[0] || ns != node->bus_cells[1])
		return false;
	m = fdt_xlate_memo_(tree, bus);
	da = vdisc_fdt_host_cells_(addr->cells, addr->n);
	if (!m || !m->ok || da < m->lo || da > m->hi)
		return false;
	*cpu = da + m->delta;
	return true;
}

static int fdt_xlate_(const struct fdt_tree_ *tree, uint32_t bus, struct vdisc_reg *reg,
		      uint32_t ns)
{
	struct fdt_addr_ addr = {.n = reg->ncells};
	uint32_t hops = 0, pna, pns;
	int rc;

	memcpy(addr.cells, reg->bus_cells, sizeof(addr.cells));
	if (addr.n == 0 || ns == 0)
		return 0;
	/* PCI configuration space (space code 0) is reached through the host bridge, not mapped. */
	if (fdt_xlate_bus_kind_(tree, bus, addr.n) == FDT_BUS_PCI_ &&
	    fdt_xlate_space_(FDT_BUS_PCI_, addr.cells[0]) == 0)
		return 0;
	if (fdt_xlate_fast_(tree, bus, &addr, ns, &reg->address)) {
		reg->translated = true;
		return 0;
	}
	while (tree->nodes[bus].parent != FDT_NO_PARENT_) {
		if (++hops > VDISC_FDT_MAX_DEPTH)
			return -VDISC_ELOOP;
		rc = fdt_xlate_step_(tree, bus, &addr, ns);
		if (rc)
			return rc > 0 ? 0 : rc;
		bus = tree->nodes[bus].parent;
		vdisc_fdt_bus_cells_(tree, bus, &pna, &pns);
		ns = pns;
	}
	reg->address = vdisc_fdt_host_cells_(addr.cells, addr.n);
	reg->translated = true;
	return 0;
}

/* Translate an address of @bus's children (@na cells) to a CPU address. */
int vdisc_fdt_translate_cells_(const struct fdt_tree_ *tree, uint32_t bus, const uint32_t *cells,
			       uint32_t na, uint32_t ns, uint64_t *cpu)
{
	struct vdisc_reg reg = {.ncells = (uint8_t)na};
	int err;

	if (na > VDISC_MAX_ADDR_CELLS)
		return -VDISC_EBADCELLS;
	memcpy(reg.bus_cells, cells, na * sizeof(uint32_t));
	err = fdt_xlate_(tree, bus, &reg, ns ? ns : 1);
	if (err)
		return err;
	if (!reg.translated)
		return -VDISC_EUNTRANSLATABLE;
	*cpu = reg.address;
	return 0;
}

int vdisc_fdt_decode_reg_(const struct fdt_tree_ *tree, uint32_t node, struct vdisc_reg **regs,
			  uint32_t *nregs)
{
	uint32_t bus = tree->nodes[node].parent, na, ns, ncells, n, i, fc;
	enum fdt_bus_kind_ kind;
	const fdt32_t *cells;
	struct vdisc_reg *out;
	bool malformed;

	*regs = NULL;
	*nregs = 0;
	cells = vdisc_fdt_prop_cells_id_(tree, node, FDT_P_REG_, &ncells, &malformed);
	if (malformed)
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, "reg", 0);
	if (!cells || bus == FDT_NO_PARENT_)
		return 0;
	if (vdisc_fdt_bus_cells_(tree, bus, &na, &ns))
		return 0; /* the bus's own diag says why */
	if (na + ns == 0 || ncells % (na + ns) != 0)
		return vdisc_fdt_diag_(tree, -VDISC_EBADPROP, node, "reg", ncells);
	n = ncells / (na + ns);
	kind = fdt_xlate_bus_kind_(tree, bus, na);
	fc = fdt_xlate_flag_cells_(kind);
	out = VDISC_ARENA_NEW(tree->out, struct vdisc_reg, n ? n : 1);
	if (!out)
		return -VDISC_ENOMEM;
	for (i = 0; i < n; i++) {
		const fdt32_t *e = cells + i * (na + ns);
		struct vdisc_reg *reg = &out[i];
		uint32_t c;

		reg->ncells = (uint8_t)na;
		for (c = 0; c < na; c++)
			reg->bus_cells[c] = fdt32_ld(e + c);
		/* The number within its space: PCI's and ISA's first cell only says which. */
		reg->space = fdt_xlate_reg_space_(kind, reg->bus_cells[0]);
		reg->bus_address = vdisc_fdt_host_cells_(reg->bus_cells + fc, na - fc);
		reg->has_size = ns > 0;
		reg->size = vdisc_fdt_read_cells_(e + na, ns);
		reg->error = fdt_xlate_(tree, bus, reg, ns);
		if (reg->error == -VDISC_ENOMEM)
			return -VDISC_ENOMEM;
	}
	*regs = out;
	*nregs = n;
	return 0;
}
