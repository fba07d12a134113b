/* SPDX-License-Identifier: MIT */
/* The fake configuration-space backend of fake_pci.h. */
#include <stdlib.h>
#include <string.h>

#include "fake_pci.h"

bool fake_pci_addr_eq(struct vdisc_pci_addr a, struct vdisc_pci_addr b)
{
	return a.segment == b.segment && a.bus == b.bus && a.dev == b.dev && a.fn == b.fn;
}

struct fake_pci *fake_pci_new(void)
{
	return calloc(1, sizeof(struct fake_pci));
}

void fake_pci_free(struct fake_pci *f)
{
	free(f);
}

static uint32_t get_le_(const uint8_t *p, unsigned width)
{
	uint32_t v = 0;
	unsigned i;

	for (i = 0; i < width; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void put_le_(uint8_t *p, unsigned width, uint32_t v)
{
	unsigned i;

	for (i = 0; i < width; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void set_both_(struct fake_pci_fn *fn, uint16_t off, unsigned width, uint32_t v)
{
	if (off + width > FAKE_PCI_SPACE)
		return;
	put_le_(fn->init + off, width, v);
	put_le_(fn->cfg + off, width, v);
}

void fake_pci_set8(struct fake_pci_fn *fn, uint16_t off, uint8_t v)
{
	set_both_(fn, off, 1, v);
}

void fake_pci_set16(struct fake_pci_fn *fn, uint16_t off, uint16_t v)
{
	set_both_(fn, off, 2, v);
}

void fake_pci_set32(struct fake_pci_fn *fn, uint16_t off, uint32_t v)
{
	set_both_(fn, off, 4, v);
}

void fake_pci_set_wmask(struct fake_pci_fn *fn, uint16_t off, uint32_t wmask)
{
	fn->wmask[(off & 0xffc) / 4] = wmask;
}

uint32_t fake_pci_get32(const struct fake_pci_fn *fn, uint16_t off)
{
	return get_le_(fn->cfg + off, 4);
}

uint16_t fake_pci_get16(const struct fake_pci_fn *fn, uint16_t off)
{
	return (uint16_t)get_le_(fn->cfg + off, 2);
}

/* Writable bits of a freshly added function, by header layout (PCI 3.0 6.1, PCI-to-PCI 1.2 3.2). */
static void default_wmasks_(struct fake_pci_fn *fn, uint8_t layout)
{
	unsigned off;

	for (off = 0x40; off < FAKE_PCI_SPACE; off += 4)
		fake_pci_set_wmask(fn, (uint16_t)off, 0xffffffff);
	fake_pci_set_wmask(fn, VDISC_PCI_COMMAND,
			   0x0000ffff);		  /* command; status is RW1C, not modelled */
	fake_pci_set_wmask(fn, 0x0c, 0x0000ffff); /* cache line size, latency timer */
	if (layout == 1) {
		fake_pci_set_wmask(fn, 0x18, 0xffffffff); /* bus numbers, secondary latency */
		fake_pci_set_wmask(fn, 0x1c, 0x0000f0f0); /* I/O base and limit */
		fake_pci_set_wmask(fn, 0x20, 0xfff0fff0); /* memory base and limit */
		fake_pci_set_wmask(fn, 0x24, 0xfff0fff0); /* prefetchable base and limit */
		fake_pci_set_wmask(fn, 0x28, 0xffffffff);
		fake_pci_set_wmask(fn, 0x2c, 0xffffffff);
		fake_pci_set_wmask(fn, 0x30, 0xffffffff);
		fake_pci_set_wmask(fn, 0x3c, 0xffff00ff); /* interrupt line, bridge control */
	} else if (layout == 2) {
		for (off = 0x18; off < 0x3c; off += 4)
			fake_pci_set_wmask(fn, (uint16_t)off, 0xffffffff);
		fake_pci_set_wmask(fn, 0x3c, 0xffff00ff);
		fake_pci_set_wmask(fn, 0x40, 0); /* subsystem ids */
	} else {
		fake_pci_set_wmask(fn, 0x3c, 0x000000ff); /* interrupt line */
	}
}

struct fake_pci_fn *fake_pci_add(struct fake_pci *f, struct vdisc_pci_addr addr, uint16_t vendor,
				 uint16_t device, uint32_t class_code, uint8_t header_type)
{
	struct fake_pci_fn *fn;

	if (f->nfns == FAKE_PCI_MAX_FNS)
		return NULL;
	fn = &f->fns[f->nfns++];
	memset(fn, 0, sizeof(*fn));
	fn->addr = addr;
	fn->size = FAKE_PCI_SPACE;
	fn->listed = true;
	fake_pci_set16(fn, 0x00, vendor);
	fake_pci_set16(fn, 0x02, device);
	fake_pci_set32(fn, 0x08, class_code << 8);
	fake_pci_set8(fn, VDISC_PCI_HEADER_TYPE, header_type);
	default_wmasks_(fn, header_type & 0x7f);
	return fn;
}

struct fake_pci_fn *fake_pci_find(struct fake_pci *f, struct vdisc_pci_addr addr)
{
	unsigned i;

	for (i = 0; i < f->nfns; i++)
		if (fake_pci_addr_eq(f->fns[i].addr, addr))
			return &f->fns[i];
	return NULL;
}

void fake_pci_bar_raw(struct fake_pci_fn *fn, uint16_t reg, uint32_t value, uint32_t readback,
		      bool rom)
{
	uint32_t fixed;

	if (rom)
		fixed = 0x7fe; /* bit 0 is the enable, written as is */
	else if (value & 1)
		fixed = 0x3;
	else
		fixed = 0xf;
	fake_pci_set32(fn, reg, value);
	fake_pci_set_wmask(fn, reg, (readback & ~fixed) | (rom ? 1u : 0u));
}

void fake_pci_bar_mem32(struct fake_pci_fn *fn, unsigned index, uint32_t address, uint32_t size,
			bool prefetchable)
{
	uint32_t type = prefetchable ? 0x8 : 0x0;

	fake_pci_bar_raw(fn, (uint16_t)(0x10 + 4 * index), address | type, ~(size - 1) | type,
			 false);
}

void fake_pci_bar_mem64(struct fake_pci_fn *fn, unsigned index, uint64_t address, uint64_t size,
			bool prefetchable)
{
	uint32_t type = 0x4 | (prefetchable ? 0x8 : 0x0);
	uint64_t mask = ~(size - 1);
	uint16_t reg = (uint16_t)(0x10 + 4 * index);

	fake_pci_bar_raw(fn, reg, (uint32_t)address | type, ((uint32_t)mask & ~0xfu) | type, false);
	fake_pci_set32(fn, (uint16_t)(reg + 4), (uint32_t)(address >> 32));
	fake_pci_set_wmask(fn, (uint16_t)(reg + 4), (uint32_t)(mask >> 32));
}

void fake_pci_bar_io(struct fake_pci_fn *fn, unsigned index, uint32_t address, uint32_t size,
		     bool upper16_zero)
{
	uint32_t mask = ~(size - 1) & ~0x3u;

	if (upper16_zero)
		mask &= 0xffff;
	fake_pci_bar_raw(fn, (uint16_t)(0x10 + 4 * index), address | 1, mask | 1, false);
}

void fake_pci_rom(struct fake_pci_fn *fn, uint16_t reg, uint32_t address, uint32_t size,
		  bool enabled)
{
	fake_pci_bar_raw(fn, reg, address | (enabled ? 1u : 0u), ~(size - 1) & ~0x7ffu, true);
}

void fake_pci_bus_numbers(struct fake_pci_fn *fn, uint8_t primary, uint8_t secondary,
			  uint8_t subordinate)
{
	fake_pci_set8(fn, 0x18, primary);
	fake_pci_set8(fn, 0x19, secondary);
	fake_pci_set8(fn, 0x1a, subordinate);
}

void fake_pci_add_cap(struct fake_pci_fn *fn, uint16_t off, uint8_t id)
{
	uint16_t link = (fn->init[VDISC_PCI_HEADER_TYPE] & VDISC_PCI_HEADER_LAYOUT_MASK) ==
					VDISC_PCI_HEADER_CARDBUS
				? VDISC_PCI_CB_CAPABILITY_LIST
				: VDISC_PCI_CAPABILITY_LIST;
	unsigned guard = 0;

	fake_pci_set16(
		fn, VDISC_PCI_STATUS,
		(uint16_t)(get_le_(fn->init + VDISC_PCI_STATUS, 2) | VDISC_PCI_STATUS_CAP_LIST));
	/* Follow the chain as built so far; the fake's own chains never loop. */
	while (fn->init[link] != 0 && guard++ < 64)
		link = (uint16_t)(fn->init[link] + 1);
	fake_pci_set8(fn, link, (uint8_t)off);
	fake_pci_set8(fn, off, id);
	fake_pci_set8(fn, (uint16_t)(off + 1), 0);
}

void fake_pci_add_fault(struct fake_pci *f, enum fake_pci_fault_kind kind,
			struct vdisc_pci_addr addr, uint16_t offset, unsigned width, unsigned skip,
			unsigned times)
{
	struct fake_pci_fault *ft;

	if (f->nfaults == FAKE_PCI_MAX_FAULTS)
		abort();
	ft = &f->faults[f->nfaults++];
	memset(ft, 0, sizeof(*ft));
	ft->kind = kind;
	ft->addr = addr;
	ft->offset = offset;
	ft->width = width;
	ft->skip = skip;
	ft->times = times;
}

/* The fault of @kind this access triggers, counting it; NULL if none. */
static struct fake_pci_fault *fault_hit_(struct fake_pci *f, enum fake_pci_fault_kind kind,
					 struct vdisc_pci_addr addr, uint16_t off, unsigned width)
{
	unsigned i;

	for (i = 0; i < f->nfaults; i++) {
		struct fake_pci_fault *ft = &f->faults[i];

		if (ft->kind != kind || !fake_pci_addr_eq(ft->addr, addr) || ft->offset != off ||
		    (ft->width && ft->width != width))
			continue;
		ft->hits++;
		if (kind == FAKE_FAULT_STICKY) {
			if (ft->hits > ft->skip + 1)
				return ft;
		} else if (ft->hits > ft->skip &&
			   (!ft->times || ft->hits <= ft->skip + ft->times)) {
			return ft;
		}
	}
	return NULL;
}

static void log_(struct fake_pci *f, const struct fake_pci_access *a)
{
	if (a->write)
		f->nwrites++;
	else
		f->nreads++;
	if (f->nlog < FAKE_PCI_LOG_MAX)
		f->log[f->nlog++] = *a;
}

static bool access_ok_(struct fake_pci *f, uint16_t off, unsigned width)
{
	if ((width != 1 && width != 2 && width != 4) || off % width != 0 ||
	    off + width > FAKE_PCI_SPACE) {
		f->bad_accesses++;
		return false;
	}
	return true;
}

static uint32_t ones_(unsigned width)
{
	return width >= 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
}

static int fake_read_(void *ctx, struct vdisc_pci_addr addr, uint16_t off, unsigned width,
		      uint32_t *value)
{
	struct fake_pci *f = ctx;
	struct fake_pci_fn *fn = fake_pci_find(f, addr);
	struct fake_pci_access a = {.addr = addr, .offset = off, .width = (uint8_t)width};
	int err = 0;

	if (!access_ok_(f, off, width)) {
		*value = 0xffffffff;
		return -VDISC_EINVAL;
	}
	/* A failed read gives all ones, as a master abort would. */
	*value = ones_(width);
	if (fault_hit_(f, FAKE_FAULT_READ_EIO, addr, off, width))
		err = -VDISC_EIO;
	else if (fn && off + width <= fn->size)
		*value = get_le_(fn->cfg + off, width);
	a.value = *value;
	log_(f, &a);
	return err;
}

static int fake_write_(void *ctx, struct vdisc_pci_addr addr, uint16_t off, unsigned width,
		       uint32_t value)
{
	struct fake_pci *f = ctx;
	struct fake_pci_fn *fn = fake_pci_find(f, addr);
	struct fake_pci_access a = {.addr = addr,
				    .offset = off,
				    .width = (uint8_t)width,
				    .write = true,
				    .value = value};
	uint32_t lanes, m, cur;
	uint16_t dw = off & 0xffc;

	if (!access_ok_(f, off, width))
		return -VDISC_EINVAL;
	if (fn)
		a.command = (uint16_t)get_le_(fn->cfg + VDISC_PCI_COMMAND, 2);
	if (fn && off + width <= fn->size &&
	    !fault_hit_(f, FAKE_FAULT_WRITE_IGNORED, addr, off, width) &&
	    !fault_hit_(f, FAKE_FAULT_STICKY, addr, off, width)) {
		lanes = ones_(width) << (8 * (off & 3));
		m = fn->wmask[dw / 4] & lanes;
		cur = get_le_(fn->cfg + dw, 4);
		put_le_(fn->cfg + dw, 4, (cur & ~m) | ((value << (8 * (off & 3))) & m));
		a.applied = true;
	}
	log_(f, &a);
	return 0;
}

static uint16_t fake_config_size_(void *ctx, struct vdisc_pci_addr addr)
{
	struct fake_pci_fn *fn = fake_pci_find(ctx, addr);

	return fn ? fn->size : 64;
}

static int fake_list_(void *ctx, int (*visit)(void *arg, struct vdisc_pci_addr addr), void *arg)
{
	struct fake_pci *f = ctx;
	unsigned i;
	int err;

	for (i = 0; i < f->nfns; i++) {
		if (!f->fns[i].listed)
			continue;
		err = visit(arg, f->fns[i].addr);
		if (err)
			return err;
	}
	return f->list_error;
}

void fake_pci_ops(struct fake_pci *f, unsigned hooks, struct vdisc_pci_ops *ops)
{
	memset(ops, 0, sizeof(*ops));
	ops->name = "fake";
	ops->ctx = f;
	ops->read = fake_read_;
	if (hooks & FAKE_PCI_WRITE)
		ops->write = fake_write_;
	if (hooks & FAKE_PCI_CONFIG_SIZE)
		ops->config_size = fake_config_size_;
	if (hooks & FAKE_PCI_LIST)
		ops->list = fake_list_;
}

unsigned fake_pci_changed(const struct fake_pci *f, struct fake_pci_change *out, unsigned max)
{
	unsigned i, off, n = 0;

	for (i = 0; i < f->nfns; i++) {
		const struct fake_pci_fn *fn = &f->fns[i];

		for (off = 0; off < FAKE_PCI_SPACE; off += 4) {
			uint32_t was = get_le_(fn->init + off, 4), now = get_le_(fn->cfg + off, 4);

			if (was == now)
				continue;
			if (out && n < max)
				out[n] =
					(struct fake_pci_change){fn->addr, (uint16_t)off, was, now};
			n++;
		}
	}
	return n;
}

unsigned fake_pci_count(const struct fake_pci *f, struct vdisc_pci_addr addr, uint16_t offset,
			bool write)
{
	unsigned i, n = 0;

	for (i = 0; i < f->nlog; i++)
		if (f->log[i].write == write && f->log[i].offset == offset &&
		    fake_pci_addr_eq(f->log[i].addr, addr))
			n++;
	return n;
}

unsigned fake_pci_writes_to(const struct fake_pci *f, struct vdisc_pci_addr addr)
{
	unsigned i, n = 0;

	for (i = 0; i < f->nlog; i++)
		if (f->log[i].write && fake_pci_addr_eq(f->log[i].addr, addr))
			n++;
	return n;
}

unsigned fake_pci_bus_probes(const struct fake_pci *f, uint16_t segment, uint8_t bus)
{
	return fake_pci_count(f, FAKE_ADDR(segment, bus, 31, 0), 0x00, false);
}
