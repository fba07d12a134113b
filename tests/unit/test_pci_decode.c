/* SPDX-License-Identifier: MIT */
/*
 * vdisc_pci_decode and the capability decoders on hand-built snapshots.
 * Offsets and bit masks come from the kernel's <linux/pci_regs.h>, written
 * independently of ours.  Each snapshot is decoded from a heap copy of
 * exactly its size, so a read past it is an AddressSanitizer report in the
 * sanitizer build, not a silent pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <linux/pci_regs.h>
#include <vdisc/vdisc.h>

#define ARENA_SIZE_ (64u * 1024u)

struct env_ {
	uint8_t img[4096];
	uint16_t size;
	uint8_t *exact; /* the copy fn->config points to */
	struct vdisc_pci_function fn;
	struct vdisc_arena arena;
	_Alignas(16) unsigned char buf[ARENA_SIZE_];
};

static int setup(void **state)
{
	struct env_ *e = calloc(1, sizeof(*e));

	*state = e;
	return e ? 0 : -1;
}

static int teardown(void **state)
{
	struct env_ *e = *state;

	free(e->exact);
	free(e);
	return 0;
}

static void put8_(struct env_ *e, unsigned off, uint8_t v)
{
	assert_true(off < sizeof(e->img));
	e->img[off] = v;
}

static void put16_(struct env_ *e, unsigned off, uint16_t v)
{
	put8_(e, off, (uint8_t)v);
	put8_(e, off + 1, (uint8_t)(v >> 8));
}

static void put32_(struct env_ *e, unsigned off, uint32_t v)
{
	put16_(e, off, (uint16_t)v);
	put16_(e, off + 2, (uint16_t)(v >> 16));
}

/* A fresh snapshot of @size bytes: ids, class and header type, all else zero. */
static void snap_(struct env_ *e, uint16_t size, uint8_t header_type, uint32_t class_code)
{
	memset(e->img, 0, sizeof(e->img));
	e->size = size;
	put16_(e, PCI_VENDOR_ID, 0x1af4);
	put16_(e, PCI_DEVICE_ID, 0x1041);
	put32_(e, PCI_CLASS_REVISION, class_code << 8 | 0x01);
	put8_(e, PCI_HEADER_TYPE, header_type);
}

/* A standard capability at @off, linked to @next; the first sets the status bit and pointer. */
static void cap_(struct env_ *e, unsigned off, uint8_t id, uint8_t next)
{
	put8_(e, off, id);
	put8_(e, off + PCI_CAP_LIST_NEXT, next);
}

static void cap_list_(struct env_ *e, uint8_t first)
{
	uint8_t layout = e->img[PCI_HEADER_TYPE] & 0x7f;

	put16_(e, PCI_STATUS, PCI_STATUS_CAP_LIST);
	put8_(e, layout == PCI_HEADER_TYPE_CARDBUS ? PCI_CB_CAPABILITY_LIST : PCI_CAPABILITY_LIST,
	      first);
}

static void ecap_(struct env_ *e, unsigned off, uint16_t id, uint8_t version, uint16_t next)
{
	put32_(e, off, (uint32_t)id | (uint32_t)version << 16 | (uint32_t)next << 20);
}

static int decode_(struct env_ *e)
{
	struct vdisc_pci_addr addr = {0, 0, 1, 0};

	free(e->exact);
	e->exact = malloc(e->size);
	assert_non_null(e->exact);
	memcpy(e->exact, e->img, e->size);
	vdisc_arena_init(&e->arena, e->buf, sizeof(e->buf));
	return vdisc_pci_decode(e->exact, e->size, addr, &e->arena, &e->fn);
}

static unsigned count_(const struct vdisc_pci_cap *cap)
{
	unsigned n = 0;

	for (; cap; cap = cap->next)
		n++;
	return n;
}

/* The list is exactly @n caps at @offsets with @ids. */
static void assert_caps_(const struct vdisc_pci_cap *cap, const uint16_t *offsets,
			 const uint16_t *ids, unsigned n, bool extended)
{
	unsigned i;

	for (i = 0; i < n; i++, cap = cap->next) {
		if (!cap)
			fail_msg("capability %u missing (wanted 0x%x at 0x%x)", i, ids[i],
				 offsets[i]);
		assert_int_equal(cap->offset, offsets[i]);
		assert_int_equal(cap->id, ids[i]);
		assert_int_equal(cap->extended, extended);
	}
	if (cap)
		fail_msg("extra capability 0x%x at 0x%x", cap->id, cap->offset);
}

static const struct vdisc_pci_cap *cap_at_(const struct vdisc_pci_function *fn, unsigned off)
{
	const struct vdisc_pci_cap *cap;

	for (cap = fn->caps; cap; cap = cap->next)
		if (cap->offset == off)
			return cap;
	fail_msg("no capability at 0x%x", off);
	return NULL;
}

static const struct vdisc_pci_bar *bar_at_(const struct vdisc_pci_function *fn, unsigned offset)
{
	unsigned i;

	for (i = 0; i < fn->nbars; i++)
		if (fn->bars[i].offset == offset)
			return &fn->bars[i];
	fail_msg("no BAR at 0x%x", offset);
	return NULL;
}

static void test_decode_einval(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_addr addr = {0, 0, 0, 0};

	snap_(e, 63, 0, 0x020000);
	assert_int_equal(decode_(e), -VDISC_EINVAL);
	vdisc_arena_init(&e->arena, e->buf, sizeof(e->buf));
	assert_int_equal(vdisc_pci_decode(NULL, 256, addr, &e->arena, &e->fn), -VDISC_EINVAL);
	snap_(e, 64, 0, 0x020000);
	assert_int_equal(decode_(e), 0);
}

static void test_type0_header(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn = &e->fn;

	snap_(e, 256, 0, 0x020000);
	put16_(e, PCI_VENDOR_ID, 0x8086);
	put16_(e, PCI_DEVICE_ID, 0x100e);
	put16_(e, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	put16_(e, PCI_STATUS, PCI_STATUS_66MHZ | PCI_STATUS_DEVSEL_MEDIUM);
	put8_(e, PCI_REVISION_ID, 0x03);
	put8_(e, PCI_CLASS_PROG, 0x01);
	put16_(e, PCI_CLASS_DEVICE, 0x0106);
	put16_(e, PCI_SUBSYSTEM_VENDOR_ID, 0x1af4);
	put16_(e, PCI_SUBSYSTEM_ID, 0x1100);
	put8_(e, PCI_INTERRUPT_LINE, 11);
	put8_(e, PCI_INTERRUPT_PIN, 1);
	assert_int_equal(decode_(e), 0);
	assert_int_equal(fn->vendor_id, 0x8086);
	assert_int_equal(fn->device_id, 0x100e);
	assert_int_equal(fn->command, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	assert_int_equal(fn->status, PCI_STATUS_66MHZ | PCI_STATUS_DEVSEL_MEDIUM);
	assert_int_equal(fn->revision, 0x03);
	assert_int_equal(fn->class_code, 0x010601);
	assert_int_equal(fn->header_type, 0);
	assert_true(fn->has_subsystem);
	assert_int_equal(fn->subsystem_vendor_id, 0x1af4);
	assert_int_equal(fn->subsystem_id, 0x1100);
	assert_int_equal(fn->interrupt_line, 11);
	assert_int_equal(fn->interrupt_pin, 1);
	assert_int_equal(fn->primary_bus, 0);
	assert_int_equal(fn->secondary_bus, 0);
	assert_int_equal(fn->subordinate_bus, 0);
	assert_false(fn->io_window.enabled || fn->mem_window.enabled || fn->pref_window.enabled);
	assert_int_equal(fn->nbars, 0);
	assert_null(fn->caps);
	assert_null(fn->ecaps);
	assert_int_equal(fn->caps_problem, VDISC_PCI_CHAIN_OK);
	assert_int_equal(fn->config_size, 256);
	assert_ptr_equal(fn->config, e->exact);
	assert_int_equal(fn->addr.dev, 1);
	assert_false(fn->bars_sized);
}

static void test_type0_bars(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn = &e->fn;
	const struct vdisc_pci_bar *bar;

	snap_(e, 256, 0, 0x020000);
	put16_(e, PCI_COMMAND, PCI_COMMAND_MEMORY);
	put32_(e, PCI_BASE_ADDRESS_0, 0xfebc0000);
	put32_(e, PCI_BASE_ADDRESS_1, 0xffffffff); /* a dead register: not a BAR */
	put32_(e, PCI_BASE_ADDRESS_2,
	       0xe0000000 | PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH);
	put32_(e, PCI_BASE_ADDRESS_3, 0x00000001);
	put32_(e, PCI_BASE_ADDRESS_4, 0x0000c001);
	/* 64-bit in the last register: there is no upper half to read (0x28 is the CIS pointer). */
	put32_(e, PCI_BASE_ADDRESS_5, 0xfe000000 | PCI_BASE_ADDRESS_MEM_TYPE_64);
	put32_(e, PCI_CARDBUS_CIS, 0x12345678);
	put32_(e, PCI_ROM_ADDRESS, 0xfeb00000 | PCI_ROM_ADDRESS_ENABLE);
	assert_int_equal(decode_(e), 0);
	assert_int_equal(fn->nbars, 5);

	bar = &fn->bars[0];
	assert_int_equal(bar->index, 0);
	assert_int_equal(bar->offset, PCI_BASE_ADDRESS_0);
	assert_int_equal(bar->type, VDISC_PCI_BAR_MEM32);
	assert_int_equal(bar->address, 0xfebc0000);
	assert_false(bar->prefetchable);
	assert_true(bar->enabled);
	assert_false(bar->has_size);

	bar = &fn->bars[1];
	assert_int_equal(bar->index, 2);
	assert_int_equal(bar->offset, PCI_BASE_ADDRESS_2);
	assert_int_equal(bar->type, VDISC_PCI_BAR_MEM64);
	assert_int_equal(bar->address, 0x1e0000000ull);
	assert_true(bar->prefetchable);

	bar = &fn->bars[2];
	assert_int_equal(bar->index, 4);
	assert_int_equal(bar->type, VDISC_PCI_BAR_IO);
	assert_int_equal(bar->address, 0xc000);
	assert_false(bar->enabled); /* I/O decode is off */

	bar = &fn->bars[3];
	assert_int_equal(bar->index, 5);
	assert_int_equal(bar->offset, PCI_BASE_ADDRESS_5);
	assert_int_equal(bar->type, VDISC_PCI_BAR_MEM64);
	assert_int_equal(bar->address, 0xfe000000);

	bar = &fn->bars[4];
	assert_int_equal(bar->index, VDISC_PCI_MAX_BARS);
	assert_int_equal(bar->offset, PCI_ROM_ADDRESS);
	assert_int_equal(bar->type, VDISC_PCI_BAR_ROM);
	assert_int_equal(bar->address, 0xfeb00000);
	assert_true(bar->enabled);
}

/* The legacy below-1M type, decode off, a disabled ROM, an all-ones ROM. */
static void test_type0_bar_kinds(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn = &e->fn;

	snap_(e, 64, 0, 0x010180);
	put32_(e, PCI_BASE_ADDRESS_0, 0x000d0000 | PCI_BASE_ADDRESS_MEM_TYPE_1M);
	put32_(e, PCI_BASE_ADDRESS_1, 0x000001f1);
	put32_(e, PCI_ROM_ADDRESS, 0xffffffff);
	assert_int_equal(decode_(e), 0);
	assert_int_equal(fn->nbars, 2);
	assert_int_equal(bar_at_(fn, PCI_BASE_ADDRESS_0)->type, VDISC_PCI_BAR_MEM1M);
	assert_int_equal(bar_at_(fn, PCI_BASE_ADDRESS_0)->address, 0xd0000);
	assert_false(bar_at_(fn, PCI_BASE_ADDRESS_0)->enabled);
	assert_int_equal(bar_at_(fn, PCI_BASE_ADDRESS_1)->address, 0x1f0);

	put32_(e, PCI_ROM_ADDRESS, 0xfff00000);
	assert_int_equal(decode_(e), 0);
	assert_int_equal(fn->nbars, 3);
	assert_int_equal(bar_at_(fn, PCI_ROM_ADDRESS)->address, 0xfff00000);
	assert_false(bar_at_(fn, PCI_ROM_ADDRESS)->enabled);
}

static void test_type1_header(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn = &e->fn;

	snap_(e, 256, PCI_HEADER_TYPE_BRIDGE | 0x80, 0x060400);
	put8_(e, PCI_PRIMARY_BUS, 0);
	put8_(e, PCI_SECONDARY_BUS, 1);
	put8_(e, PCI_SUBORDINATE_BUS, 5);
	put32_(e, PCI_BASE_ADDRESS_0, 0xfea00000);
	put8_(e, PCI_IO_BASE, 0x20 | PCI_IO_RANGE_TYPE_16);
	put8_(e, PCI_IO_LIMIT, 0x30 | PCI_IO_RANGE_TYPE_16);
	put16_(e, PCI_MEMORY_BASE, 0xfe00);
	put16_(e, PCI_MEMORY_LIMIT, 0xfe70);
	put16_(e, PCI_PREF_MEMORY_BASE, 0x8000 | PCI_PREF_RANGE_TYPE_64);
	put16_(e, PCI_PREF_MEMORY_LIMIT, 0x9ff0 | PCI_PREF_RANGE_TYPE_64);
	put32_(e, PCI_PREF_BASE_UPPER32, 0x1);
	put32_(e, PCI_PREF_LIMIT_UPPER32, 0x1);
	/* 0x30 is the I/O upper half in a bridge, not a ROM; the ROM is at 0x38. */
	put32_(e, PCI_IO_BASE_UPPER16, 0x00020001);
	put32_(e, PCI_ROM_ADDRESS1, 0xfe800000);
	assert_int_equal(decode_(e), 0);

	assert_int_equal(fn->header_type, 0x81);
	assert_int_equal(fn->primary_bus, 0);
	assert_int_equal(fn->secondary_bus, 1);
	assert_int_equal(fn->subordinate_bus, 5);
	assert_int_equal(fn->nbars, 2);
	assert_int_equal(bar_at_(fn, PCI_BASE_ADDRESS_0)->address, 0xfea00000);
	assert_int_equal(bar_at_(fn, PCI_ROM_ADDRESS1)->type, VDISC_PCI_BAR_ROM);
	assert_int_equal(bar_at_(fn, PCI_ROM_ADDRESS1)->address, 0xfe800000);

	assert_true(fn->io_window.enabled);
	assert_false(fn->io_window.is64);
	assert_int_equal(fn->io_window.base, 0x2000);
	assert_int_equal(fn->io_window.limit, 0x3fff);
	assert_true(fn->mem_window.enabled);
	assert_int_equal(fn->mem_window.base, 0xfe000000);
	assert_int_equal(fn->mem_window.limit, 0xfe7fffff);
	assert_true(fn->pref_window.enabled);
	assert_true(fn->pref_window.is64);
	assert_int_equal(fn->pref_window.base, 0x180000000ull);
	assert_int_equal(fn->pref_window.limit, 0x19fffffffull);
	assert_false(fn->has_subsystem);
}

/* 32-bit I/O, windows closed by base > limit, 32-bit prefetchable, SSVID. */
static void test_type1_windows_and_ssvid(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn = &e->fn;

	snap_(e, 256, PCI_HEADER_TYPE_BRIDGE, 0x060400);
	put8_(e, PCI_IO_BASE, 0x10 | PCI_IO_RANGE_TYPE_32);
	put8_(e, PCI_IO_LIMIT, 0xf0 | PCI_IO_RANGE_TYPE_32);
	put16_(e, PCI_IO_BASE_UPPER16, 0x0001);
	put16_(e, PCI_IO_LIMIT_UPPER16, 0x0001);
	put16_(e, PCI_MEMORY_BASE, 0xfe80);
	put16_(e, PCI_MEMORY_LIMIT, 0xfe00);
	put16_(e, PCI_PREF_MEMORY_BASE, 0xfff0 | PCI_PREF_RANGE_TYPE_32);
	put16_(e, PCI_PREF_MEMORY_LIMIT, 0x0000 | PCI_PREF_RANGE_TYPE_32);
	put32_(e, PCI_PREF_BASE_UPPER32, 0x5); /* ignored: a 32-bit window */
	cap_list_(e, 0x40);
	cap_(e, 0x40, PCI_CAP_ID_PM, 0x48);
	cap_(e, 0x48, PCI_CAP_ID_SSVID, 0);
	put16_(e, 0x48 + PCI_SSVID_VENDOR_ID, 0x1b36);
	put16_(e, 0x48 + PCI_SSVID_DEVICE_ID, 0x0002);
	assert_int_equal(decode_(e), 0);

	assert_true(fn->io_window.enabled);
	assert_true(fn->io_window.is64);
	assert_int_equal(fn->io_window.base, 0x11000);
	assert_int_equal(fn->io_window.limit, 0x1ffff);
	assert_false(fn->mem_window.enabled);
	assert_int_equal(fn->mem_window.base, 0xfe800000);
	assert_int_equal(fn->mem_window.limit, 0xfe0fffff);
	assert_false(fn->pref_window.enabled);
	assert_false(fn->pref_window.is64);
	assert_int_equal(fn->pref_window.base, 0xfff00000);
	assert_true(fn->has_subsystem);
	assert_int_equal(fn->subsystem_vendor_id, 0x1b36);
	assert_int_equal(fn->subsystem_id, 0x0002);
}

/* CardBus: capability pointer at 0x14, subsystem at 0x40, one BAR, no ROM. */
static void test_type2_cardbus(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn = &e->fn;
	static const uint16_t offs[] = {0x80}, ids[] = {PCI_CAP_ID_PM};

	snap_(e, 256, PCI_HEADER_TYPE_CARDBUS, 0x060700);
	put32_(e, PCI_BASE_ADDRESS_0, 0xfe000000);
	put8_(e, PCI_CB_PRIMARY_BUS, 2);
	put8_(e, PCI_CB_CARD_BUS, 3);
	put8_(e, PCI_CB_SUBORDINATE_BUS, 4);
	put32_(e, PCI_CB_IO_BASE_0, 0x1001); /* 0x2c..0x30 are I/O windows, not a ROM */
	put32_(e, 0x30, 0xfe000001);
	put16_(e, PCI_CB_SUBSYSTEM_VENDOR_ID, 0x104c);
	put16_(e, PCI_CB_SUBSYSTEM_ID, 0xac56);
	cap_list_(e, 0x80);
	cap_(e, 0x80, PCI_CAP_ID_PM, 0);
	/* The type 0 pointer register must be ignored. */
	put8_(e, PCI_CAPABILITY_LIST, 0x50);
	cap_(e, 0x50, PCI_CAP_ID_MSI, 0);
	assert_int_equal(decode_(e), 0);

	assert_int_equal(fn->header_type, PCI_HEADER_TYPE_CARDBUS);
	assert_int_equal(fn->primary_bus, 2);
	assert_int_equal(fn->secondary_bus, 3);
	assert_int_equal(fn->subordinate_bus, 4);
	assert_true(fn->has_subsystem);
	assert_int_equal(fn->subsystem_vendor_id, 0x104c);
	assert_int_equal(fn->subsystem_id, 0xac56);
	assert_int_equal(fn->nbars, 1);
	assert_int_equal(fn->bars[0].offset, PCI_BASE_ADDRESS_0);
	assert_caps_(fn->caps, offs, ids, 1, false);
	assert_false(fn->io_window.enabled);
}

/*
 * A CardBus bridge read through a 64-byte window (sysfs without root):
 * the subsystem registers at 0x40 are not in the snapshot, so there is no
 * subsystem to report -- lspci's get_subid() wants 128 bytes cached.
 */
static void test_type2_cardbus_short_snapshot(void **state)
{
	struct env_ *e = *state;

	snap_(e, 64, PCI_HEADER_TYPE_CARDBUS, 0x060700);
	assert_int_equal(decode_(e), 0);
	if (e->fn.has_subsystem)
		fail_msg("subsystem %04x:%04x claimed from beyond a 64-byte snapshot",
			 e->fn.subsystem_vendor_id, e->fn.subsystem_id);
}

/* A layout this library does not know: ids and class, nothing else. */
static void test_unknown_header_type(void **state)
{
	struct env_ *e = *state;

	snap_(e, 256, 0x03, 0xff0000);
	put32_(e, PCI_BASE_ADDRESS_0, 0xfe000000);
	assert_int_equal(decode_(e), 0);
	assert_int_equal(e->fn.nbars, 0);
	assert_false(e->fn.has_subsystem);
	assert_int_equal(e->fn.secondary_bus, 0);
}

/*
 * Standard capability chains.
 */
static void test_caps_chain(void **state)
{
	static const uint16_t offs[] = {0x40, 0x50, 0x70, 0xfc};
	static const uint16_t ids[] = {PCI_CAP_ID_PM, PCI_CAP_ID_MSI, PCI_CAP_ID_EXP,
				       PCI_CAP_ID_VNDR};
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;

	snap_(e, 256, 0, 0x020000);
	cap_list_(e, 0x40);
	cap_(e, 0x40, PCI_CAP_ID_PM, 0x50);
	cap_(e, 0x50, PCI_CAP_ID_MSI, 0x70);
	cap_(e, 0x70, PCI_CAP_ID_EXP, 0xfc);
	cap_(e, 0xfc, PCI_CAP_ID_VNDR, 0); /* the last dword still holds a header */
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.caps, offs, ids, 4, false);
	for (cap = e->fn.caps; cap; cap = cap->next)
		assert_int_equal(cap->version, 0);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_OK);
}

static void test_caps_loop(void **state)
{
	static const uint16_t offs[] = {0x40, 0x50}, ids[] = {PCI_CAP_ID_PM, PCI_CAP_ID_MSI};
	static const uint16_t self_offs[] = {0x60}, self_ids[] = {PCI_CAP_ID_VNDR};
	struct env_ *e = *state;

	snap_(e, 256, 0, 0x020000);
	cap_list_(e, 0x40);
	cap_(e, 0x40, PCI_CAP_ID_PM, 0x50);
	cap_(e, 0x50, PCI_CAP_ID_MSI, 0x40);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.caps, offs, ids, 2, false);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_LOOP);

	snap_(e, 256, 0, 0x020000);
	cap_list_(e, 0x60);
	cap_(e, 0x60, PCI_CAP_ID_VNDR, 0x62); /* back to itself, low bits aside */
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.caps, self_offs, self_ids, 1, false);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_LOOP);
}

static void test_caps_id_ff(void **state)
{
	static const uint16_t offs[] = {0x40}, ids[] = {PCI_CAP_ID_PM};
	struct env_ *e = *state;

	snap_(e, 256, 0, 0x020000);
	cap_list_(e, 0x40);
	cap_(e, 0x40, PCI_CAP_ID_PM, 0x50);
	cap_(e, 0x50, 0xff, 0x60);
	cap_(e, 0x60, PCI_CAP_ID_MSI, 0);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.caps, offs, ids, 1, false);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_BROKEN);
}

static void test_caps_pointer_into_header(void **state)
{
	static const uint16_t offs[] = {0x40}, ids[] = {PCI_CAP_ID_PM};
	struct env_ *e = *state;

	snap_(e, 256, 0, 0x020000);
	cap_list_(e, 0x3c);
	assert_int_equal(decode_(e), 0);
	assert_null(e->fn.caps);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_BROKEN);

	cap_list_(e, 0x40);
	cap_(e, 0x40, PCI_CAP_ID_PM, 0x10);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.caps, offs, ids, 1, false);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_BROKEN);
}

/* A 64-byte snapshot (a non-root sysfs read) cannot hold a capability. */
static void test_caps_out_of_range(void **state)
{
	struct env_ *e = *state;

	snap_(e, 64, 0, 0x020000);
	cap_list_(e, 0x40);
	assert_int_equal(decode_(e), 0);
	assert_null(e->fn.caps);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_OUT_OF_RANGE);
}

static void test_caps_need_status_bit(void **state)
{
	struct env_ *e = *state;

	snap_(e, 256, 0, 0x020000);
	put8_(e, PCI_CAPABILITY_LIST, 0x40);
	cap_(e, 0x40, PCI_CAP_ID_EXP, 0);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_ERR, 1, 0);
	assert_int_equal(decode_(e), 0);
	assert_null(e->fn.caps);
	assert_null(e->fn.ecaps);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_OK);
}

/* The two low bits of a pointer are reserved (PCI 3.0 6.7): masked, not followed. */
static void test_caps_low_bits_masked(void **state)
{
	static const uint16_t offs[] = {0x40, 0x50}, ids[] = {PCI_CAP_ID_PM, PCI_CAP_ID_MSI};
	struct env_ *e = *state;

	snap_(e, 256, 0, 0x020000);
	cap_list_(e, 0x43);
	cap_(e, 0x40, PCI_CAP_ID_PM, 0x53);
	cap_(e, 0x50, PCI_CAP_ID_MSI, 0x03); /* 0x03 masks to 0: the end */
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.caps, offs, ids, 2, false);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_OK);
}

/* The longest chain 256 bytes can hold, and an arena too small for it. */
static void test_caps_longest_chain(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_addr addr = {0, 0, 0, 0};
	unsigned off;
	size_t size;

	snap_(e, 256, 0, 0x020000);
	cap_list_(e, 0x40);
	for (off = 0x40; off < 0x100; off += 4)
		cap_(e, off, PCI_CAP_ID_VNDR, (uint8_t)(off + 4 < 0x100 ? off + 4 : 0));
	assert_int_equal(decode_(e), 0);
	assert_int_equal(count_(e->fn.caps), 48);
	assert_int_equal(e->fn.caps_problem, VDISC_PCI_CHAIN_OK);
	for (size = 0; size < 48 * sizeof(struct vdisc_pci_cap); size += 8) {
		vdisc_arena_init(&e->arena, e->buf, size);
		assert_int_equal(vdisc_pci_decode(e->exact, e->size, addr, &e->arena, &e->fn),
				 -VDISC_ENOMEM);
	}
}

/*
 * Extended capabilities (PCI Express Base 6.0, 7.6).
 */
static void express_(struct env_ *e, uint8_t id)
{
	snap_(e, 4096, 0, 0x010802);
	cap_list_(e, 0x40);
	cap_(e, 0x40, id, 0);
}

static void test_ecaps_chain(void **state)
{
	static const uint16_t offs[] = {0x100, 0x140, 0x200, 0xffc};
	static const uint16_t ids[] = {PCI_EXT_CAP_ID_ERR, PCI_EXT_CAP_ID_VC, PCI_EXT_CAP_ID_DSN,
				       PCI_EXT_CAP_ID_VNDR};
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;

	express_(e, PCI_CAP_ID_EXP);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_ERR, 2, 0x140);
	ecap_(e, 0x140, PCI_EXT_CAP_ID_VC, 1, 0x203); /* low bits reserved */
	ecap_(e, 0x200, PCI_EXT_CAP_ID_DSN, 1, 0xffc);
	ecap_(e, 0xffc, PCI_EXT_CAP_ID_VNDR, 1, 0);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.ecaps, offs, ids, 4, true);
	cap = e->fn.ecaps;
	assert_int_equal(cap->version, 2);
	assert_int_equal(cap->next->version, 1);
	assert_int_equal(e->fn.ecaps_problem, VDISC_PCI_CHAIN_OK);
	assert_int_equal(count_(e->fn.caps), 1);
}

static void test_ecaps_loop(void **state)
{
	static const uint16_t offs[] = {0x100, 0x140};
	static const uint16_t ids[] = {PCI_EXT_CAP_ID_ERR, PCI_EXT_CAP_ID_DSN};
	struct env_ *e = *state;

	express_(e, PCI_CAP_ID_EXP);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_ERR, 1, 0x140);
	ecap_(e, 0x140, PCI_EXT_CAP_ID_DSN, 1, 0x100);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.ecaps, offs, ids, 2, true);
	assert_int_equal(e->fn.ecaps_problem, VDISC_PCI_CHAIN_LOOP);
}

/* A header of 0 or all ones ends the list (no extended capabilities, or none there). */
static void test_ecaps_end(void **state)
{
	static const uint16_t offs[] = {0x100}, ids[] = {PCI_EXT_CAP_ID_ERR};
	struct env_ *e = *state;

	express_(e, PCI_CAP_ID_EXP);
	assert_int_equal(decode_(e), 0);
	assert_null(e->fn.ecaps);
	assert_int_equal(e->fn.ecaps_problem, VDISC_PCI_CHAIN_OK);

	put32_(e, 0x100, 0xffffffff);
	assert_int_equal(decode_(e), 0);
	assert_null(e->fn.ecaps);
	assert_int_equal(e->fn.ecaps_problem, VDISC_PCI_CHAIN_OK);

	ecap_(e, 0x100, PCI_EXT_CAP_ID_ERR, 1, 0x180);
	put32_(e, 0x180, 0);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.ecaps, offs, ids, 1, true);
	assert_int_equal(e->fn.ecaps_problem, VDISC_PCI_CHAIN_OK);

	put32_(e, 0x180, 0xffffffff);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.ecaps, offs, ids, 1, true);
}

static void test_ecaps_pointer_below_0x100(void **state)
{
	static const uint16_t offs[] = {0x100}, ids[] = {PCI_EXT_CAP_ID_ERR};
	struct env_ *e = *state;

	express_(e, PCI_CAP_ID_EXP);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_ERR, 1, 0x0c0);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.ecaps, offs, ids, 1, true);
	assert_int_equal(e->fn.ecaps_problem, VDISC_PCI_CHAIN_BROKEN);
}

/* Only a PCI Express or PCI-X capability says there is an extended space to walk. */
static void test_ecaps_only_when_express(void **state)
{
	static const uint16_t offs[] = {0x100}, ids[] = {PCI_EXT_CAP_ID_ERR};
	struct env_ *e = *state;

	express_(e, PCI_CAP_ID_PM);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_ERR, 1, 0);
	assert_int_equal(decode_(e), 0);
	assert_null(e->fn.ecaps);

	put8_(e, 0x40, PCI_CAP_ID_PCIX);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.ecaps, offs, ids, 1, true);

	put8_(e, 0x40, PCI_CAP_ID_EXP);
	assert_int_equal(decode_(e), 0);
	assert_caps_(e->fn.ecaps, offs, ids, 1, true);

	/* Express, but a 256-byte snapshot has no extended space: nothing, no problem. */
	e->size = 256;
	assert_int_equal(decode_(e), 0);
	assert_null(e->fn.ecaps);
	assert_int_equal(e->fn.ecaps_problem, VDISC_PCI_CHAIN_OK);
}

/*
 * Capability decoders.
 */
static const struct vdisc_pci_cap *one_cap_(struct env_ *e, unsigned off, uint8_t id)
{
	cap_list_(e, (uint8_t)off);
	cap_(e, off, id, 0);
	assert_int_equal(decode_(e), 0);
	return cap_at_(&e->fn, off);
}

static void test_decode_pm(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_pm pm;

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0x40 + PCI_PM_PMC,
	       3 | PCI_PM_CAP_D1 | PCI_PM_CAP_D2 | PCI_PM_CAP_PME_D0 | PCI_PM_CAP_PME_D3hot |
		       PCI_PM_CAP_PME_D3cold);
	put16_(e, 0x40 + PCI_PM_CTRL,
	       3 | PCI_PM_CTRL_NO_SOFT_RESET | PCI_PM_CTRL_PME_ENABLE | PCI_PM_CTRL_PME_STATUS);
	assert_int_equal(vdisc_pci_decode_pm(&e->fn, one_cap_(e, 0x40, PCI_CAP_ID_PM), &pm), 0);
	assert_int_equal(pm.version, 3);
	assert_true(pm.d1);
	assert_true(pm.d2);
	assert_int_equal(pm.pme_states,
			 (PCI_PM_CAP_PME_D0 | PCI_PM_CAP_PME_D3hot | PCI_PM_CAP_PME_D3cold) >>
				 PCI_PM_CAP_PME_SHIFT);
	assert_int_equal(pm.power_state, 3);
	assert_true(pm.no_soft_reset);
	assert_true(pm.pme_enabled);
	assert_true(pm.pme_status);

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0x40 + PCI_PM_PMC, 2 | PCI_PM_CAP_PME_D1);
	put16_(e, 0x40 + PCI_PM_CTRL, PCI_PM_CTRL_DATA_SEL_MASK);
	assert_int_equal(vdisc_pci_decode_pm(&e->fn, one_cap_(e, 0x40, PCI_CAP_ID_PM), &pm), 0);
	assert_int_equal(pm.version, 2);
	assert_false(pm.d1 || pm.d2 || pm.no_soft_reset || pm.pme_enabled || pm.pme_status);
	assert_int_equal(pm.pme_states, PCI_PM_CAP_PME_D1 >> PCI_PM_CAP_PME_SHIFT);
	assert_int_equal(pm.power_state, 0);
}

/* 32-bit MSI without per-vector masking: the mask registers are not read. */
static void test_decode_msi32(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_msi msi;

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0x50 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_ENABLE | 2 << 1 | 1 << 4);
	put32_(e, 0x50 + PCI_MSI_ADDRESS_LO, 0xfee01000);
	put16_(e, 0x50 + PCI_MSI_DATA_32, 0x4021);
	put32_(e, 0x50 + PCI_MSI_MASK_32, 0xdeadbeef);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0x50, PCI_CAP_ID_MSI), &msi), 0);
	assert_true(msi.enabled);
	assert_false(msi.is64);
	assert_false(msi.per_vector_mask);
	assert_int_equal(msi.vectors_capable, 4);
	assert_int_equal(msi.vectors_enabled, 2);
	assert_int_equal(msi.address, 0xfee01000);
	assert_int_equal(msi.data, 0x4021);
	assert_int_equal(msi.mask, 0);
	assert_int_equal(msi.pending, 0);
}

static void test_decode_msi32_masked(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_msi msi;

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0x50 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_MASKBIT | 3 << 1);
	put32_(e, 0x50 + PCI_MSI_ADDRESS_LO, 0xfee00000);
	put16_(e, 0x50 + PCI_MSI_DATA_32, 0x0031);
	put32_(e, 0x50 + PCI_MSI_MASK_32, 0x000000f0);
	put32_(e, 0x50 + PCI_MSI_PENDING_32, 0x00000003);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0x50, PCI_CAP_ID_MSI), &msi), 0);
	assert_false(msi.enabled);
	assert_false(msi.is64);
	assert_true(msi.per_vector_mask);
	assert_int_equal(msi.vectors_capable, 8);
	assert_int_equal(msi.vectors_enabled, 1);
	assert_int_equal(msi.address, 0xfee00000);
	assert_int_equal(msi.data, 0x0031);
	assert_int_equal(msi.mask, 0xf0);
	assert_int_equal(msi.pending, 0x3);
}

static void test_decode_msi64(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_msi msi;

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0x60 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_64BIT);
	put32_(e, 0x60 + PCI_MSI_ADDRESS_LO, 0xfee02000);
	put32_(e, 0x60 + PCI_MSI_ADDRESS_HI, 0x00000001);
	put16_(e, 0x60 + PCI_MSI_DATA_64, 0x4041);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0x60, PCI_CAP_ID_MSI), &msi), 0);
	assert_true(msi.is64);
	assert_false(msi.per_vector_mask);
	assert_int_equal(msi.vectors_capable, 1);
	assert_int_equal(msi.address, 0x1fee02000ull);
	assert_int_equal(msi.data, 0x4041);
	assert_int_equal(msi.mask, 0);
}

/* 64-bit with masking; Multiple Message fields at their reserved values count as 32. */
static void test_decode_msi64_masked(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_msi msi;

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0x60 + PCI_MSI_FLAGS,
	       PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_MASKBIT | 5 << 1 | 7 << 4);
	put32_(e, 0x60 + PCI_MSI_ADDRESS_LO, 0xfee03000);
	put32_(e, 0x60 + PCI_MSI_ADDRESS_HI, 0);
	put16_(e, 0x60 + PCI_MSI_DATA_64, 0x0051);
	put32_(e, 0x60 + PCI_MSI_MASK_64, 0xffff0000);
	put32_(e, 0x60 + PCI_MSI_PENDING_64, 0x80000001);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0x60, PCI_CAP_ID_MSI), &msi), 0);
	assert_true(msi.is64);
	assert_true(msi.per_vector_mask);
	assert_int_equal(msi.vectors_capable, 32);
	assert_int_equal(msi.vectors_enabled, 32);
	assert_int_equal(msi.address, 0xfee03000);
	assert_int_equal(msi.data, 0x0051);
	assert_int_equal(msi.mask, 0xffff0000);
	assert_int_equal(msi.pending, 0x80000001);
}

static void test_decode_msix(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_msix x;

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0x70 + PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL | 0x3f);
	put32_(e, 0x70 + PCI_MSIX_TABLE, 0x00002000 | 2);
	put32_(e, 0x70 + PCI_MSIX_PBA, 0x00003800 | 4);
	assert_int_equal(vdisc_pci_decode_msix(&e->fn, one_cap_(e, 0x70, PCI_CAP_ID_MSIX), &x), 0);
	assert_true(x.enabled);
	assert_true(x.function_mask);
	assert_int_equal(x.table_size, 64);
	assert_int_equal(x.table_bar, 2);
	assert_int_equal(x.table_offset, 0x2000);
	assert_int_equal(x.pba_bar, 4);
	assert_int_equal(x.pba_offset, 0x3800);

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0x70 + PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_QSIZE);
	put32_(e, 0x70 + PCI_MSIX_TABLE, 0xfffffff8 | PCI_MSIX_TABLE_BIR);
	assert_int_equal(vdisc_pci_decode_msix(&e->fn, one_cap_(e, 0x70, PCI_CAP_ID_MSIX), &x), 0);
	assert_false(x.enabled || x.function_mask);
	assert_int_equal(x.table_size, 2048);
	assert_int_equal(x.table_bar, 7);
	assert_int_equal(x.table_offset, PCI_MSIX_TABLE_OFFSET);
}

static void test_decode_pcie(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;

	snap_(e, 256, 0, 0x060400);
	put16_(e, 0x80 + PCI_EXP_FLAGS,
	       2 | PCI_EXP_TYPE_ROOT_PORT << 4 | PCI_EXP_FLAGS_SLOT | 5 << 9);
	put32_(e, 0x80 + PCI_EXP_DEVCAP, 1 | PCI_EXP_DEVCAP_FLR);
	put16_(e, 0x80 + PCI_EXP_DEVCTL, 1 << 5 | 2 << 12);
	put32_(e, 0x80 + PCI_EXP_LNKCAP, PCI_EXP_LNKCAP_SLS_8_0GB | 16 << 4);
	put16_(e, 0x80 + PCI_EXP_LNKSTA, PCI_EXP_LNKSTA_CLS_5_0GB | 4 << 4);
	assert_int_equal(vdisc_pci_decode_pcie(&e->fn, one_cap_(e, 0x80, PCI_CAP_ID_EXP), &x), 0);
	assert_int_equal(x.version, 2);
	assert_int_equal(x.port_type, PCI_EXP_TYPE_ROOT_PORT);
	assert_string_equal(vdisc_pcie_port_type_name(x.port_type), "Root Port");
	assert_true(x.slot_implemented);
	assert_int_equal(x.interrupt_message, 5);
	assert_int_equal(x.max_payload, 256);
	assert_int_equal(x.payload, 256);
	assert_int_equal(x.read_request, 512);
	assert_true(x.has_link);
	assert_int_equal(x.link_max_speed, 3);
	assert_int_equal(x.link_max_width, 16);
	assert_int_equal(x.link_speed, 2);
	assert_int_equal(x.link_width, 4);
	assert_string_equal(vdisc_pcie_speed_name(x.link_max_speed), "8GT/s");
	assert_string_equal(vdisc_pcie_speed_name(x.link_speed), "5GT/s");
	assert_null(vdisc_pcie_speed_name(0));
	assert_null(vdisc_pcie_speed_name(15));
	assert_null(vdisc_pcie_port_type_name(15));
}

/* A Root Complex integrated endpoint has no link; reserved payload encodings clamp to 4096. */
static void test_decode_pcie_rciep(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;

	snap_(e, 256, 0, 0x088000);
	put16_(e, 0x80 + PCI_EXP_FLAGS, 2 | PCI_EXP_TYPE_RC_END << 4);
	put32_(e, 0x80 + PCI_EXP_DEVCAP, 7);
	put16_(e, 0x80 + PCI_EXP_DEVCTL, PCI_EXP_DEVCTL_PAYLOAD | PCI_EXP_DEVCTL_READRQ);
	put32_(e, 0x80 + PCI_EXP_LNKCAP, 0xffffffff);
	put16_(e, 0x80 + PCI_EXP_LNKSTA, 0xffff);
	assert_int_equal(vdisc_pci_decode_pcie(&e->fn, one_cap_(e, 0x80, PCI_CAP_ID_EXP), &x), 0);
	assert_int_equal(x.port_type, PCI_EXP_TYPE_RC_END);
	assert_false(x.slot_implemented);
	assert_int_equal(x.max_payload, 4096);
	assert_int_equal(x.payload, 4096);
	assert_int_equal(x.read_request, 4096);
	assert_false(x.has_link);
	assert_int_equal(x.link_max_speed, 0);
	assert_int_equal(x.link_width, 0);
}

/* Each decoder takes only its own standard capability. */
static void test_decoders_check_id(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_pm pm;
	struct vdisc_pci_msi msi;
	struct vdisc_pci_msix msix;
	struct vdisc_pcie pcie;
	const struct vdisc_pci_cap *cap;

	express_(e, PCI_CAP_ID_EXP);
	ecap_(e, 0x100, PCI_CAP_ID_MSI, 1, 0); /* an extended id equal to MSI's */
	assert_int_equal(decode_(e), 0);
	cap = cap_at_(&e->fn, 0x40);
	assert_int_equal(vdisc_pci_decode_pm(&e->fn, cap, &pm), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, cap, &msi), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_msix(&e->fn, cap, &msix), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_pcie(&e->fn, cap, &pcie), 0);
	assert_non_null(e->fn.ecaps);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, e->fn.ecaps, &msi), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_pm(&e->fn, NULL, &pm), -VDISC_EINVAL);
}

/*
 * A capability whose body runs past the snapshot: the walk keeps it (its
 * header fits), the decoder reads what lies inside and says the rest is
 * missing (-VDISC_ERANGE) rather than read beyond.
 */
static void test_decoders_at_end_of_snapshot(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_pm pm;
	struct vdisc_pci_msi msi;
	struct vdisc_pci_msix msix;
	struct vdisc_pcie pcie;

	snap_(e, 256, 0, 0x020000);
	put16_(e, 0xfc + PCI_PM_PMC, 3 | PCI_PM_CAP_D1);
	assert_int_equal(vdisc_pci_decode_pm(&e->fn, one_cap_(e, 0xfc, PCI_CAP_ID_PM), &pm),
			 -VDISC_ERANGE);
	assert_int_equal(pm.version, 3);
	assert_true(pm.d1);
	assert_false(pm.has_ctrl);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0xfc, PCI_CAP_ID_MSI), &msi),
			 -VDISC_ERANGE);
	assert_false(msi.has_message);
	assert_int_equal(vdisc_pci_decode_msix(&e->fn, one_cap_(e, 0xf8, PCI_CAP_ID_MSIX), &msix),
			 -VDISC_ERANGE);
	assert_false(msix.has_tables);
	assert_int_equal(vdisc_pci_decode_pcie(&e->fn, one_cap_(e, 0xf0, PCI_CAP_ID_EXP), &pcie),
			 -VDISC_ERANGE);
	assert_false(pcie.regs_read);
	assert_int_equal(vdisc_pci_decode_pm(&e->fn, one_cap_(e, 0xf8, PCI_CAP_ID_PM), &pm), 0);
	assert_true(pm.has_ctrl);

	/* MSI: the length follows the flags. 32-bit plain fits in 10 bytes at 0xf4. */
	snap_(e, 256, 0, 0x020000);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0xf4, PCI_CAP_ID_MSI), &msi), 0);
	put16_(e, 0xf4 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0xf4, PCI_CAP_ID_MSI), &msi),
			 -VDISC_ERANGE);
	assert_true(msi.is64);
	assert_false(msi.has_message);
	/* 32-bit with masking at 0xf0: the message fits, mask and pending do not. */
	snap_(e, 256, 0, 0x020000);
	put16_(e, 0xf0 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_MASKBIT);
	put16_(e, 0xf0 + PCI_MSI_DATA_32, 0x4242);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0xf0, PCI_CAP_ID_MSI), &msi),
			 -VDISC_ERANGE);
	assert_true(msi.has_message);
	assert_int_equal(msi.data, 0x4242);
	assert_false(msi.has_mask);
	snap_(e, 256, 0, 0x020000);
	put16_(e, 0xe8 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_MASKBIT);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0xe8, PCI_CAP_ID_MSI), &msi), 0);
	assert_true(msi.has_mask);
	snap_(e, 256, 0, 0x020000);
	put16_(e, 0xec + PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_MASKBIT);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_cap_(e, 0xec, PCI_CAP_ID_MSI), &msi),
			 -VDISC_ERANGE);
	assert_true(msi.has_message);
	assert_false(msi.has_mask);
}

#define T_(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_(test_decode_einval),
		T_(test_type0_header),
		T_(test_type0_bars),
		T_(test_type0_bar_kinds),
		T_(test_type1_header),
		T_(test_type1_windows_and_ssvid),
		T_(test_type2_cardbus),
		T_(test_type2_cardbus_short_snapshot),
		T_(test_unknown_header_type),
		T_(test_caps_chain),
		T_(test_caps_loop),
		T_(test_caps_id_ff),
		T_(test_caps_pointer_into_header),
		T_(test_caps_out_of_range),
		T_(test_caps_need_status_bit),
		T_(test_caps_low_bits_masked),
		T_(test_caps_longest_chain),
		T_(test_ecaps_chain),
		T_(test_ecaps_loop),
		T_(test_ecaps_end),
		T_(test_ecaps_pointer_below_0x100),
		T_(test_ecaps_only_when_express),
		T_(test_decode_pm),
		T_(test_decode_msi32),
		T_(test_decode_msi32_masked),
		T_(test_decode_msi64),
		T_(test_decode_msi64_masked),
		T_(test_decode_msix),
		T_(test_decode_pcie),
		T_(test_decode_pcie_rciep),
		T_(test_decoders_check_id),
		T_(test_decoders_at_end_of_snapshot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
