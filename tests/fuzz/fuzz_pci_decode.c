/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for PCI decoding: any byte string, taken as one
 * function's configuration space (padded with ones or cut to 64, 256 or
 * 4096 bytes by its length), must decode into lists that respect their
 * bounds, and every capability decoder on every capability must answer
 * cleanly.  The same space then goes through the enumerator as a live,
 * writable function on buses 0..3: enumeration must end in 0 or
 * -VDISC_ENOMEM, access only aligned registers, write only the command
 * register and the BARs of the header's layout, and leave every register
 * as it found it.  The bytes are also walked as a VPD image.
 *
 * Build with -DFUZZ_PCI_NO_WRITE_CHECK to leave out the "writes only the
 * command register and BARs" check.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vdisc/vdisc.h>

#include "fuzz_pci_ecaps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the decode goes, so the compiler cannot drop the reads. */
extern volatile uint32_t vdisc_fuzz_pci_decode_sink;
volatile uint32_t vdisc_fuzz_pci_decode_sink;

#define SPACE_ 4096
#define MODEL_ARENA_ (2u << 20)
#define PRESENT_BUSES_ 4

#define CHECK_(cond)             \
	do {                     \
		if (!(cond))     \
			abort(); \
	} while (0)

static bool pow2_(uint64_t v)
{
	return v && !(v & (v - 1));
}

/* The Express capability's port type as the extended decoders are given it, or -1. */
static int port_type_(const struct vdisc_pci_function *fn)
{
	const struct vdisc_pci_cap *c;

	for (c = fn->caps; c; c = c->next)
		if (c->id == VDISC_PCI_CAP_ID_EXP && c->offset + 4u <= fn->config_size)
			return (vdisc_pci_cfg16(fn, c->offset + VDISC_PCI_EXP_FLAGS) &
				VDISC_PCI_EXP_FLAGS_TYPE) >>
			       VDISC_PCI_EXP_FLAGS_TYPE_SHIFT;
	return -1;
}

/* Every decoder on @cap: its own id decodes or runs past the end, others refuse. */
static void decode_cap_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap)
{
	struct vdisc_pci_pm pm;
	struct vdisc_pci_msi msi;
	struct vdisc_pci_msix msix;
	struct vdisc_pcie pcie;
	bool std = !cap->extended;
	int err;

	err = vdisc_pci_decode_pm(fn, cap, &pm);
	CHECK_(err == 0 || err == -VDISC_EINVAL || err == -VDISC_ERANGE);
	CHECK_(err == -VDISC_EINVAL || (std && cap->id == 0x01));
	if (!err) {
		CHECK_(pm.version <= 7 && pm.power_state <= 3 && pm.pme_states <= 0x1f);
		vdisc_fuzz_pci_decode_sink += pm.pme_states;
	}
	err = vdisc_pci_decode_msi(fn, cap, &msi);
	CHECK_(err == 0 || err == -VDISC_EINVAL || err == -VDISC_ERANGE);
	CHECK_(err == -VDISC_EINVAL || (std && cap->id == 0x05));
	if (!err) {
		CHECK_(pow2_(msi.vectors_capable) && msi.vectors_capable <= 32);
		CHECK_(pow2_(msi.vectors_enabled) && msi.vectors_enabled <= 32);
		CHECK_(msi.is64 || msi.address <= 0xffffffffu);
		CHECK_(msi.per_vector_mask || (msi.mask == 0 && msi.pending == 0));
		vdisc_fuzz_pci_decode_sink += (uint32_t)msi.address + msi.data + msi.mask;
	}
	err = vdisc_pci_decode_msix(fn, cap, &msix);
	CHECK_(err == 0 || err == -VDISC_EINVAL || err == -VDISC_ERANGE);
	CHECK_(err == -VDISC_EINVAL || (std && cap->id == 0x11));
	if (!err) {
		CHECK_(msix.table_size >= 1 && msix.table_size <= 2048);
		CHECK_(msix.table_bar <= 7 && msix.pba_bar <= 7);
		CHECK_(!(msix.table_offset & 7) && !(msix.pba_offset & 7));
	}
	err = vdisc_pci_decode_pcie(fn, cap, &pcie);
	CHECK_(err == 0 || err == -VDISC_EINVAL || err == -VDISC_ERANGE);
	CHECK_(err == -VDISC_EINVAL || (std && cap->id == 0x10));
	/* Short of the snapshot: the groups not read stay zero. */
	CHECK_(err != -VDISC_ERANGE || !pcie.regs2_read);
	CHECK_(err != 0 || (pcie.regs_read && pcie.regs2_read == pcie.has_v2));
	if (err == -VDISC_ERANGE && !pcie.regs_read)
		CHECK_(pcie.devcap == 0 && pcie.lnkcap == 0 && pcie.max_payload == 0);
	if (err == 0 || (err == -VDISC_ERANGE && pcie.regs_read)) {
		CHECK_(pow2_(pcie.max_payload) && pcie.max_payload >= 128 &&
		       pcie.max_payload <= 4096);
		CHECK_(pow2_(pcie.payload) && pcie.payload >= 128 && pcie.payload <= 4096);
		CHECK_(pow2_(pcie.read_request) && pcie.read_request >= 128 &&
		       pcie.read_request <= 4096);
		CHECK_(pcie.has_link || (pcie.link_speed == 0 && pcie.link_width == 0));
		vdisc_fuzz_pci_decode_sink += pcie.port_type + pcie.link_width;
		(void)vdisc_pcie_port_type_name(pcie.port_type);
		(void)vdisc_pcie_speed_name(pcie.link_speed);
	}
	(void)(cap->extended ? vdisc_pci_ecap_name(cap->id) : vdisc_pci_cap_name(cap->id));
	fuzz_pci_ecaps_(fn, cap, port_type_(fn));
	fuzz_pci_std_caps_(fn, cap);
}

/* One list: offsets in bounds, aligned, distinct; @min is where the list may start. */
static unsigned check_list_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			    bool extended, unsigned min)
{
	static uint8_t seen[SPACE_ / 4];
	const struct vdisc_pci_cap *c;
	unsigned n = 0;

	memset(seen, 0, sizeof(seen));
	for (c = cap; c; c = c->next, n++) {
		CHECK_(c->extended == extended);
		CHECK_(c->offset >= min && c->offset % 4 == 0);
		CHECK_((unsigned)c->offset + 4 <= fn->config_size);
		CHECK_(!seen[c->offset / 4]);
		seen[c->offset / 4] = 1;
		CHECK_(extended || c->id != 0xff);
		CHECK_(extended || c->version == 0);
		decode_cap_(fn, c);
	}
	return n;
}

static void check_function_(const struct vdisc_pci_function *fn)
{
	unsigned i;

	CHECK_(fn->nbars <= VDISC_PCI_MAX_BARS + 1);
	for (i = 0; i < fn->nbars; i++) {
		const struct vdisc_pci_bar *bar = &fn->bars[i];

		CHECK_(bar->type >= VDISC_PCI_BAR_IO && bar->type <= VDISC_PCI_BAR_ROM);
		CHECK_((bar->type == VDISC_PCI_BAR_ROM) == (bar->index == VDISC_PCI_MAX_BARS));
		CHECK_(bar->type == VDISC_PCI_BAR_ROM ? (bar->offset == 0x30 || bar->offset == 0x38)
						      : bar->offset == 0x10 + 4 * bar->index);
		CHECK_(!bar->has_size || bar->size != 0);
		vdisc_fuzz_pci_decode_sink += (uint32_t)bar->address + (uint32_t)bar->size;
	}
	CHECK_(check_list_(fn, fn->caps, false, 0x40) <= 48);
	check_list_(fn, fn->ecaps, true, 0x100);
	CHECK_(fn->caps_problem <= VDISC_PCI_CHAIN_OUT_OF_RANGE);
	CHECK_(fn->ecaps_problem <= VDISC_PCI_CHAIN_OUT_OF_RANGE);
	CHECK_(fn->config_size >= 64 && fn->config_size <= SPACE_);
	(void)vdisc_pci_class_name(fn->class_code);
}

/*
 * The live function behind the ops: the input's space at device 0, every
 * function number, of buses 0..3 of segment 0.  A write changes only the
 * bits of its register's writable mask, taken from the input so that the
 * fuzzer chooses the BAR sizes.
 */
struct live_ {
	const uint8_t *orig; /* the input image, SPACE_ bytes padded with ones */
	uint8_t cfg[SPACE_];
	uint32_t wmask[SPACE_ / 4];
	uint16_t size;
	uint8_t layout;
};

static bool live_has_(const struct live_ *l, struct vdisc_pci_addr a)
{
	(void)l;
	return a.segment == 0 && a.bus < PRESENT_BUSES_ && a.dev == 0 && a.fn < 8;
}

static void access_ok_(uint16_t off, unsigned width)
{
	CHECK_(width == 1 || width == 2 || width == 4);
	CHECK_(off % width == 0 && off + width <= SPACE_);
}

static int live_read_(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned width,
		      uint32_t *value)
{
	const struct live_ *l = ctx;
	unsigned i;

	access_ok_(off, width);
	*value = width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
	if (!live_has_(l, a) || off + width > l->size)
		return 0;
	*value = 0;
	for (i = 0; i < width; i++)
		*value |= (uint32_t)l->cfg[off + i] << (8 * i);
	return 0;
}

/* Registers the enumerator may write: the command register and the BARs of the layout. */
static bool writable_by_enumerator_(uint8_t layout, uint16_t off)
{
	if (off == 0x04)
		return true;
	switch (layout) {
	case 0:
		return (off >= 0x10 && off <= 0x24) || off == 0x30;
	case 1:
		return off == 0x10 || off == 0x14 || off == 0x38;
	case 2:
		return off == 0x10;
	default:
		return false;
	}
}

static int live_write_(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned width,
		       uint32_t value)
{
	struct live_ *l = ctx;
	uint16_t dw = off & 0xffc;
	unsigned shift = 8 * (off & 3u), i;
	uint32_t lanes, m, cur = 0;

	access_ok_(off, width);
#ifndef FUZZ_PCI_NO_WRITE_CHECK
	CHECK_(writable_by_enumerator_(l->layout, dw));
#endif
	if (!live_has_(l, a) || off + width > l->size)
		return 0;
	lanes = (width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1) << shift;
	m = l->wmask[dw / 4] & lanes;
	for (i = 0; i < 4; i++)
		cur |= (uint32_t)l->cfg[dw + i] << (8 * i);
	cur = (cur & ~m) | ((value << shift) & m);
	for (i = 0; i < 4; i++)
		l->cfg[dw + i] = (uint8_t)(cur >> (8 * i));
	return 0;
}

static uint16_t live_config_size_(void *ctx, struct vdisc_pci_addr a)
{
	const struct live_ *l = ctx;

	return live_has_(l, a) ? l->size : 64;
}

static int live_list_(void *ctx, int (*visit)(void *arg, struct vdisc_pci_addr addr), void *arg)
{
	static const struct vdisc_pci_addr addrs[] = {{0, 0, 0, 0}, {0, 1, 0, 3}, {0, 0x40, 0, 0}};
	unsigned i;
	int err;

	(void)ctx;
	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		err = visit(arg, addrs[i]);
		if (err)
			return err;
	}
	return 0;
}

static void live_init_(struct live_ *l, const uint8_t *orig, uint16_t size)
{
	unsigned i;

	l->orig = orig;
	l->size = size;
	l->layout = orig[0x0e] & 0x7f;
	memcpy(l->cfg, orig, SPACE_);
	/* Writable from the lowest set bit of the dword's second byte up; IDs never. */
	for (i = 0; i < SPACE_ / 4; i++)
		l->wmask[i] = 0xffffffffu << (orig[4 * i + 1] & 31);
	l->wmask[0] = 0;
}

/*
 * The bus as a tree (vdisc_machine_link): hostile bridges (secondary buses
 * that loop, several claiming one bus) must still give a tree whose walk
 * visits every device once, each one level below its parent; only running
 * out of memory may stop it.
 */
static void check_link_(struct vdisc_model *model)
{
	const struct vdisc_device *d = NULL, *p;
	uint32_t n = 0, seen = 0;
	unsigned depth = 0;
	int r = vdisc_machine_link(model);

	CHECK_(r == 0 || r == -VDISC_ENOMEM);
	if (r)
		return;
	for (p = model->devices; p; p = p->next)
		n++;
	while ((d = vdisc_machine_next(model, d, &depth))) {
		unsigned up = 0;
		for (p = d->parent; p; p = p->parent)
			CHECK_(++up <= n);
		CHECK_(up == depth && ++seen <= n);
	}
	CHECK_(seen == n);
}

static void enumerate_(struct live_ *l, unsigned char *arena_buf, size_t arena_size,
		       const struct vdisc_pci_ops *ops, const struct vdisc_pci_options *opt)
{
	struct vdisc_arena arena;
	struct vdisc_model model;
	const struct vdisc_device *dev;
	int err;

	memcpy(l->cfg, l->orig, SPACE_);
	vdisc_arena_init(&arena, arena_buf, arena_size);
	vdisc_model_init(&model, &arena);
	err = vdisc_pci_enumerate(ops, opt, &model);
	CHECK_(err == 0 || err == -VDISC_ENOMEM);
	/* Sizing puts every register back, whatever the outcome. */
	CHECK_(memcmp(l->cfg, l->orig, SPACE_) == 0);
	if (err)
		return;
	for (dev = model.devices; dev; dev = dev->next) {
		CHECK_(dev->bus == VDISC_BUS_PCI && dev->pci && strlen(dev->path) == 12);
		check_function_(dev->pci);
	}
	check_link_(&model);
}

static void run_enumerator_(const uint8_t *orig, uint16_t size, unsigned char *arena_buf)
{
	static struct live_ live;
	struct vdisc_pci_ops ops = {
		.name = "fuzz",
		.read = live_read_,
		.write = live_write_,
		.config_size = live_config_size_,
		.ctx = &live,
	};
	struct vdisc_pci_options opt = {.scan = VDISC_PCI_SCAN_BRIDGES, .size_bars = true};

	live_init_(&live, orig, size);
	enumerate_(&live, arena_buf, MODEL_ARENA_, &ops, &opt);
	/* A small arena runs out somewhere along the way, cleanly. */
	enumerate_(&live, arena_buf, 4096 + 64u * orig[0x3e], &ops, &opt);
	/* No size hook: the enumerator probes for the extended space itself. */
	ops.config_size = NULL;
	enumerate_(&live, arena_buf, MODEL_ARENA_, &ops, &opt);
	/* The source's list, read-only. */
	ops.write = NULL;
	ops.list = live_list_;
	opt.scan = VDISC_PCI_SCAN_AUTO;
	enumerate_(&live, arena_buf, MODEL_ARENA_, &ops, &opt);
	/* Every bus (slower: only when the BIST register's low bit says so). */
	if (orig[0x0f] & 1) {
		opt.scan = VDISC_PCI_SCAN_ALL_BUSES;
		enumerate_(&live, arena_buf, MODEL_ARENA_, &ops, &opt);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char *model_buf;
	uint16_t snap = size <= 64 ? 64 : size <= 256 ? 256 : SPACE_;
	struct vdisc_pci_addr addr = {0, 0, 0, 0};
	struct vdisc_pci_function fn;
	struct vdisc_arena arena;
	unsigned char small[256];
	uint8_t *padded, *exact;
	size_t n = size < snap ? size : snap;
	int err;

	if (!model_buf)
		model_buf = malloc(MODEL_ARENA_);
	padded = malloc(SPACE_);
	/* An exact-size copy, so any read past the snapshot is an ASan report. */
	exact = malloc(snap);
	if (!model_buf || !padded || !exact)
		goto out;
	memset(padded, 0xff, SPACE_);
	memcpy(padded, data, n);
	memcpy(exact, padded, snap);

	vdisc_arena_init(&arena, model_buf, MODEL_ARENA_);
	err = vdisc_pci_decode(exact, snap, addr, &arena, &fn);
	CHECK_(err == 0);
	CHECK_(fn.config == exact && fn.config_size == snap);
	check_function_(&fn);
	/* An arena of a few capabilities: all or -VDISC_ENOMEM. */
	vdisc_arena_init(&arena, small, padded[0x3f] % sizeof(small));
	err = vdisc_pci_decode(exact, snap, addr, &arena, &fn);
	CHECK_(err == 0 || err == -VDISC_ENOMEM);

	run_enumerator_(padded, snap, model_buf);
	/* The same bytes as a VPD image, as the kernel's vpd file gives one. */
	fuzz_pci_vpd_(data, size);
out:
	free(exact);
	free(padded);
	return 0;
}
