/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * One enumerator for every access method.  Each function's configuration
 * space is read once into the arena; decoding then works on that snapshot.
 */

#define PCI_MAX_BUSES 256

struct pci_enum_ {
	const struct vdisc_pci_ops *ops;
	const struct vdisc_pci_options *opt;
	struct vdisc_model *model;
	enum vdisc_pci_found found;
	uint8_t visited[PCI_MAX_BUSES / 8];
	const uint8_t *roots;
	unsigned nroots;
};

static int enum_read_(const struct pci_enum_ *e, struct vdisc_pci_addr addr, uint16_t off,
		      unsigned width, uint32_t *value)
{
	*value = 0xffffffff;
	return e->ops->read(e->ops->ctx, addr, off, width, value);
}

/*
 * Vendor 0xffff is an empty slot; 0x0000 is what some bridges return for one.
 * returns 1 present, 0 absent, or the source's error: a failed read is not
 * an empty slot, and hiding it would hide everything behind it.
 */
static int enum_present_(const struct pci_enum_ *e, struct vdisc_pci_addr addr)
{
	uint32_t id;
	int err = enum_read_(e, addr, VDISC_PCI_VENDOR_ID, 2, &id);

	if (err)
		return err;
	return id != 0xffff && id != 0x0000;
}

/*
 * Without a source's word, 4096 bytes where a PCI Express (or PCI-X 2.0) capability says so.
 * @scratch (the function's own entry, decoded afterwards) holds the look at the list, which
 * keeps nothing: no scratch arena on the stack.
 */
static uint16_t enum_probe_size_(const struct pci_enum_ *e, struct vdisc_pci_addr addr,
				 const uint8_t *cfg, struct vdisc_pci_function *scratch)
{
	uint32_t v;

	if (e->ops->config_size)
		return e->ops->config_size(e->ops->ctx, addr);
	if (!vdisc_pci_cfg_express_(cfg, VDISC_PCI_CONFIG_SIZE, scratch))
		return VDISC_PCI_CONFIG_SIZE;
	return enum_read_(e, addr, VDISC_PCI_EXT_CAP_START, 4, &v) == 0 ? VDISC_PCIE_CONFIG_SIZE
									: VDISC_PCI_CONFIG_SIZE;
}

static int enum_snapshot_(const struct pci_enum_ *e, struct vdisc_pci_addr addr, uint8_t *cfg,
			  uint16_t from, uint16_t to)
{
	uint32_t v;
	uint16_t off;
	int err;

	for (off = from; off < to; off += 4) {
		err = enum_read_(e, addr, off, 4, &v);
		if (err)
			return err;
		cfg[off] = (uint8_t)v;
		cfg[off + 1] = (uint8_t)(v >> 8);
		cfg[off + 2] = (uint8_t)(v >> 16);
		cfg[off + 3] = (uint8_t)(v >> 24);
	}
	return 0;
}

static char *enum_slot_name_(struct vdisc_arena *arena, struct vdisc_pci_addr a)
{
	char *s = vdisc_arena_alloc(arena, VDISC_PCI_ADDR_STRLEN, 1);

	if (s)
		vdisc_pci_addr_format(s, VDISC_PCI_ADDR_STRLEN, a, true);
	return s;
}

/* The function's configuration space in the arena: 256 bytes, or 4096 where it has them. */
static int enum_take_snapshot_(const struct pci_enum_ *e, struct vdisc_pci_addr addr,
			       struct vdisc_pci_function *fn, const uint8_t **config,
			       uint16_t *size)
{
	struct vdisc_arena *arena = e->model->arena;
	uint8_t *cfg;
	int err;

	if (e->ops->snapshot) {
		*config = e->ops->snapshot(e->ops->ctx, addr, size);
		if (*config && (*size == 64 || *size == VDISC_PCI_CONFIG_SIZE ||
				*size == VDISC_PCIE_CONFIG_SIZE))
			return 0;
	}
	*size = e->ops->config_size ? e->ops->config_size(e->ops->ctx, addr)
				    : VDISC_PCI_CONFIG_SIZE;
	if (*size != 64 && *size != VDISC_PCI_CONFIG_SIZE && *size != VDISC_PCIE_CONFIG_SIZE)
		return -VDISC_EIO;
	cfg = vdisc_arena_alloc(arena, VDISC_PCIE_CONFIG_SIZE, 4);
	if (!cfg)
		return -VDISC_ENOMEM;
	err = enum_snapshot_(e, addr, cfg, 0,
			     *size > VDISC_PCI_CONFIG_SIZE ? VDISC_PCI_CONFIG_SIZE : *size);
	if (!err && !e->ops->config_size)
		*size = enum_probe_size_(e, addr, cfg, fn);
	if (!err && *size > VDISC_PCI_CONFIG_SIZE)
		err = enum_snapshot_(e, addr, cfg, VDISC_PCI_CONFIG_SIZE, *size);
	/* Only what was read is kept: the rest of the 4 KiB goes back to the arena. */
	if (!err)
		vdisc_arena_shrink(arena, cfg, VDISC_PCIE_CONFIG_SIZE, *size);
	*config = cfg;
	return err;
}

static int enum_add_function_(struct pci_enum_ *e, struct vdisc_pci_addr addr,
			      struct vdisc_pci_function **out)
{
	struct vdisc_arena *arena = e->model->arena;
	struct vdisc_pci_function *fn = VDISC_ARENA_NEW(arena, struct vdisc_pci_function, 1);
	struct vdisc_device *dev;
	const uint8_t *cfg = NULL;
	uint16_t size = 0;
	int err;

	if (!fn)
		return -VDISC_ENOMEM;
	err = enum_take_snapshot_(e, addr, fn, &cfg, &size);
	if (!err)
		err = vdisc_pci_decode(cfg, size, addr, arena, fn);
	if (err)
		return err;
	fn->found = e->found;
	/* A function that cannot be sized is still listed; why is kept with it. */
	if (e->opt && e->opt->size_bars && e->ops->write)
		fn->sizing_error = vdisc_pci_size_bars_(e->ops, fn);
	dev = vdisc_model_add_device(e->model);
	if (!dev)
		return -VDISC_ENOMEM;
	dev->bus = VDISC_BUS_PCI;
	dev->pci = fn;
	dev->path = enum_slot_name_(arena, addr);
	if (!dev->path)
		return -VDISC_ENOMEM;
	if (out)
		*out = fn;
	return 0;
}

static int enum_list_visit_(void *arg, struct vdisc_pci_addr addr)
{
	return enum_add_function_(arg, addr, NULL);
}

static bool enum_test_and_set_(uint8_t *map, unsigned bus)
{
	bool was = map[bus / 8] & (1u << (bus % 8));

	map[bus / 8] |= (uint8_t)(1u << (bus % 8));
	return was;
}

/*
 * One device number: function 0, then 1..7 where function 0 says it is
 * multi-function.  Bridges' secondary buses are pushed for the walk.
 */
static int enum_scan_slot_(struct pci_enum_ *e, struct vdisc_pci_addr addr, uint8_t *pending,
			   unsigned *npending)
{
	struct vdisc_pci_function *fn;
	unsigned f, nfn = 1;
	int err;

	for (f = 0; f < nfn; f++) {
		addr.fn = (uint8_t)f;
		err = enum_present_(e, addr);
		if (err < 0)
			return err;
		if (err == 0)
			continue;
		err = enum_add_function_(e, addr, &fn);
		if (err)
			return err;
		if (f == 0 && (fn->header_type & VDISC_PCI_HEADER_MULTIFUNCTION))
			nfn = 8;
		/* A bridge whose secondary bus is not beyond its own would loop or go backwards. */
		/* Marked when pushed, so two bridges claiming one bus queue it once. */
		if (pending &&
		    (fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) != VDISC_PCI_HEADER_NORMAL &&
		    fn->secondary_bus > addr.bus &&
		    !enum_test_and_set_(e->visited, fn->secondary_bus))
			pending[(*npending)++] = fn->secondary_bus;
	}
	return 0;
}

static int enum_walk_segment_(struct pci_enum_ *e, uint16_t segment)
{
	uint8_t pending[PCI_MAX_BUSES];
	unsigned npending = 0, bus, dev, i;
	int err;

	memset(e->visited, 0, sizeof(e->visited));
	if (e->found == VDISC_PCI_FOUND_BUS_SCAN) {
		for (bus = 0; bus < PCI_MAX_BUSES; bus++)
			for (dev = 0; dev < 32; dev++) {
				struct vdisc_pci_addr a = {segment, (uint8_t)bus, (uint8_t)dev, 0};

				err = enum_scan_slot_(e, a, NULL, NULL);
				if (err)
					return err;
			}
		return 0;
	}
	/* Pushed in reverse so that the walk starts with the first root bus given. */
	for (i = e->nroots; i-- > 0;)
		if (!enum_test_and_set_(e->visited, e->roots[i]))
			pending[npending++] = e->roots[i];
	while (npending) {
		bus = pending[--npending];
		for (dev = 0; dev < 32; dev++) {
			struct vdisc_pci_addr a = {segment, (uint8_t)bus, (uint8_t)dev, 0};

			/* Each bus is pushed at most once, so pending never holds more than 256. */
			err = enum_scan_slot_(e, a, pending, &npending);
			if (err)
				return err;
		}
	}
	return 0;
}

int vdisc_pci_enumerate(const struct vdisc_pci_ops *ops, const struct vdisc_pci_options *opt,
			struct vdisc_model *model)
{
	static const uint16_t segment0 = 0;
	static const uint8_t bus0 = 0;
	struct pci_enum_ e = {.ops = ops, .opt = opt, .model = model, .roots = &bus0, .nroots = 1};
	enum vdisc_pci_scan scan = opt ? opt->scan : VDISC_PCI_SCAN_AUTO;
	const uint16_t *segments = opt && opt->segments ? opt->segments : &segment0;
	unsigned nseg = opt && opt->segments ? opt->nsegments : 1, i;
	int err = 0;

	if (!ops || !ops->read || !model || !model->arena)
		return -VDISC_EINVAL;
	if (opt && opt->root_buses && opt->nroot_buses) {
		if (opt->nroot_buses > PCI_MAX_BUSES)
			return -VDISC_EINVAL;
		e.roots = opt->root_buses;
		e.nroots = opt->nroot_buses;
	}
	/* Functions added to a scanned tree's model (a board's PCI behind its host bridges) leave
	 * it a tree: its node index must keep answering lookups. */
	if (model->source == VDISC_SOURCE_NONE) {
		model->source = VDISC_SOURCE_PCI;
		if (!model->source_name)
			model->source_name = ops->name;
	}
	if (scan == VDISC_PCI_SCAN_AUTO)
		scan = ops->list ? VDISC_PCI_SCAN_LIST : VDISC_PCI_SCAN_BRIDGES;
	if (scan == VDISC_PCI_SCAN_LIST) {
		if (!ops->list)
			return -VDISC_ENOTSUP;
		e.found = VDISC_PCI_FOUND_LIST;
		return ops->list(ops->ctx, enum_list_visit_, &e);
	}
	e.found = scan == VDISC_PCI_SCAN_ALL_BUSES ? VDISC_PCI_FOUND_BUS_SCAN
						   : VDISC_PCI_FOUND_BRIDGE_WALK;
	for (i = 0; !err && i < nseg; i++)
		err = enum_walk_segment_(&e, segments[i]);
	return err;
}
