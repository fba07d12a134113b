/* SPDX-License-Identifier: MIT */
/*
 * vdisc_pci_enumerate over the fake backend (fake_pci.h): which functions
 * each scan finds and in what order, the snapshot size, the device paths,
 * the list and segment modes, and BAR sizing, which must leave every
 * register as it found it.
 *
 * Discovery order of the bridge walk, as the enumerator implements it:
 * a bus is scanned whole, in device then function order; the secondary
 * buses of the bridges found go on a stack, so the bridge found last is
 * followed first and its subtree finished before its siblings.  With the
 * topology below that is bus 0, then 2, then 3 (behind 02:01.0), then 1.
 * The all-buses scan goes by bus number; the list mode in the source's order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>
#include <linux/pci_regs.h>
#include <vdisc/vdisc.h>

#include "fake_pci.h"

#define ARENA_SIZE_ (2u << 20)
#define ARRAY_SIZE_(a) (sizeof(a) / sizeof((a)[0]))

struct env_ {
	struct fake_pci *f;
	struct vdisc_pci_ops ops;
	struct vdisc_pci_options opt;
	struct vdisc_arena arena;
	struct vdisc_model model;
	unsigned char *buf;
};

static int setup(void **state)
{
	struct env_ *e = calloc(1, sizeof(*e));

	if (!e)
		return -1;
	e->f = fake_pci_new();
	e->buf = malloc(ARENA_SIZE_);
	if (!e->f || !e->buf)
		return -1;
	vdisc_arena_init(&e->arena, e->buf, ARENA_SIZE_);
	vdisc_model_init(&e->model, &e->arena);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env_ *e = *state;

	fake_pci_free(e->f);
	free(e->buf);
	free(e);
	return 0;
}

static int run_(struct env_ *e, unsigned hooks, enum vdisc_pci_scan scan, bool size_bars)
{
	fake_pci_ops(e->f, hooks, &e->ops);
	e->opt.scan = scan;
	e->opt.size_bars = size_bars;
	return vdisc_pci_enumerate(&e->ops, &e->opt, &e->model);
}

static const struct vdisc_device *find_dev_(const struct vdisc_model *m, const char *path)
{
	const struct vdisc_device *d;

	for (d = m->devices; d; d = d->next)
		if (strcmp(d->path, path) == 0)
			return d;
	return NULL;
}

static int sizing_error_(const struct env_ *e, const char *path)
{
	const struct vdisc_device *d = find_dev_(&e->model, path);

	assert_non_null(d);
	return d->pci->sizing_error;
}

static const struct vdisc_pci_function *must_fn_(const struct vdisc_model *m, const char *path)
{
	const struct vdisc_device *d = find_dev_(m, path);

	if (!d)
		fail_msg("no function %s", path);
	assert_int_equal(d->bus, VDISC_BUS_PCI);
	assert_non_null(d->pci);
	return d->pci;
}

static void print_devices_(const struct vdisc_model *m)
{
	const struct vdisc_device *d;

	for (d = m->devices; d; d = d->next)
		print_message("  found %s\n", d->path);
}

static void assert_order_(const struct vdisc_model *m, const char *const *paths, unsigned n)
{
	const struct vdisc_device *d = m->devices;
	unsigned i;

	for (i = 0; i < n; i++, d = d->next) {
		if (!d || strcmp(d->path, paths[i]) != 0) {
			print_devices_(m);
			fail_msg("device %u: expected %s, got %s", i, paths[i],
				 d ? d->path : "(end)");
		}
	}
	if (d) {
		print_devices_(m);
		fail_msg("more devices than expected, from %s", d->path);
	}
	assert_int_equal(m->ndevices, n);
}

/* Every register as it was, or the test fails listing those that are not. */
static void assert_unchanged_(const struct fake_pci *f)
{
	struct fake_pci_change ch[16];
	unsigned n = fake_pci_changed(f, ch, 16), i;

	for (i = 0; i < n && i < 16; i++)
		print_message("  %04x:%02x:%02x.%u @0x%03x: was 0x%08x, now 0x%08x\n",
			      ch[i].addr.segment, ch[i].addr.bus, ch[i].addr.dev, ch[i].addr.fn,
			      ch[i].offset, ch[i].was, ch[i].now);
	assert_int_equal(n, 0);
}

static bool is_pow2_(uint64_t v)
{
	return v && !(v & (v - 1));
}

/*
 * The topology most tests walk (segment 0):
 *
 *   00:00.0 host bridge
 *   00:01.0 multi-function (header bit 7), with .1 and .3 (.2 absent)
 *   00:02.0 single-function, yet 00:02.1 answers: must not be found
 *   00:03.0 bridge -> bus 1 (PCI Express root port)
 *   00:04.0 bridge -> bus 2, subordinate 3
 *   00:05.0 bridge whose secondary bus is 0 (backwards: not followed)
 *   00:06.0 bridge that also claims bus 2 (scanned once)
 *   00:07.0 vendor 0x0000: absent
 *   01:00.0 PCI Express endpoint, one extended capability
 *   02:00.0 device
 *   02:01.0 bridge -> bus 3
 *   02:02.0 bridge whose secondary bus (1) is below its own (2): not followed
 *   03:00.0 device
 *   40:00.0 device on a bus no bridge names: only the all-buses scan finds it
 */
static void add_pcie_cap_(struct fake_pci_fn *fn, uint16_t off, uint8_t port_type)
{
	fake_pci_add_cap(fn, off, PCI_CAP_ID_EXP);
	fake_pci_set16(fn, (uint16_t)(off + PCI_EXP_FLAGS), (uint16_t)(2 | port_type << 4));
}

static struct fake_pci_fn *add_bridge_(struct fake_pci *f, struct vdisc_pci_addr a,
				       uint8_t secondary, uint8_t subordinate)
{
	struct fake_pci_fn *fn = fake_pci_add(f, a, 0x1b36, 0x0001, 0x060400, 1);

	fake_pci_bus_numbers(fn, a.bus, secondary, subordinate);
	return fn;
}

static void build_topology_(struct fake_pci *f)
{
	struct fake_pci_fn *fn;

	fake_pci_add(f, FAKE_ADDR(0, 0, 0, 0), 0x8086, 0x29c0, 0x060000, 0);
	fake_pci_add(f, FAKE_ADDR(0, 0, 1, 0), 0x8086, 0x2918, 0x060100, 0x80);
	fake_pci_add(f, FAKE_ADDR(0, 0, 1, 1), 0x8086, 0x2922, 0x010601, 0);
	fake_pci_add(f, FAKE_ADDR(0, 0, 1, 3), 0x8086, 0x2930, 0x0c0500, 0);
	fake_pci_add(f, FAKE_ADDR(0, 0, 2, 0), 0x1234, 0x1111, 0x030000, 0);
	fake_pci_add(f, FAKE_ADDR(0, 0, 2, 1), 0x1234, 0x1112, 0x038000, 0);
	fn = add_bridge_(f, FAKE_ADDR(0, 0, 3, 0), 1, 1);
	add_pcie_cap_(fn, 0x40, PCI_EXP_TYPE_ROOT_PORT);
	add_bridge_(f, FAKE_ADDR(0, 0, 4, 0), 2, 3);
	add_bridge_(f, FAKE_ADDR(0, 0, 5, 0), 0, 0);
	add_bridge_(f, FAKE_ADDR(0, 0, 6, 0), 2, 2);
	fake_pci_add(f, FAKE_ADDR(0, 0, 7, 0), 0x0000, 0x1234, 0x020000, 0);
	fn = fake_pci_add(f, FAKE_ADDR(0, 1, 0, 0), 0x1af4, 0x1041, 0x020000, 0);
	add_pcie_cap_(fn, 0x40, PCI_EXP_TYPE_ENDPOINT);
	fake_pci_set32(fn, 0x100, PCI_EXT_CAP_ID_ERR | 1u << 16); /* AER, version 1, last */
	fake_pci_add(f, FAKE_ADDR(0, 2, 0, 0), 0x1af4, 0x1042, 0x010000, 0);
	add_bridge_(f, FAKE_ADDR(0, 2, 1, 0), 3, 3);
	add_bridge_(f, FAKE_ADDR(0, 2, 2, 0), 1, 1);
	fake_pci_add(f, FAKE_ADDR(0, 3, 0, 0), 0x1af4, 0x1043, 0x078000, 0);
	fake_pci_add(f, FAKE_ADDR(0, 0x40, 0, 0), 0x8086, 0x10d3, 0x020000, 0);
}

static const char *const bus0_[] = {
	"0000:00:00.0", "0000:00:01.0", "0000:00:01.1", "0000:00:01.3", "0000:00:02.0",
	"0000:00:03.0", "0000:00:04.0", "0000:00:05.0", "0000:00:06.0",
};

static void test_bridge_walk_order(void **state)
{
	static const char *const expect[] = {
		"0000:00:00.0", "0000:00:01.0", "0000:00:01.1", "0000:00:01.3", "0000:00:02.0",
		"0000:00:03.0", "0000:00:04.0", "0000:00:05.0", "0000:00:06.0", "0000:02:00.0",
		"0000:02:01.0", "0000:02:02.0", "0000:03:00.0", "0000:01:00.0",
	};
	struct env_ *e = *state;
	const struct vdisc_device *d;

	build_topology_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	assert_order_(&e->model, expect, ARRAY_SIZE_(expect));
	assert_int_equal(e->model.source, VDISC_SOURCE_PCI);
	assert_string_equal(e->model.source_name, "fake");
	for (d = e->model.devices; d; d = d->next) {
		assert_int_equal(d->bus, VDISC_BUS_PCI);
		assert_int_equal(d->pci->found, VDISC_PCI_FOUND_BRIDGE_WALK);
		assert_null(d->dt.name); /* DT-only */
	}
	assert_null(find_dev_(&e->model, "0000:40:00.0"));
	assert_int_equal(e->f->bad_accesses, 0);
}

/* "ssss:bb:dd.f" in lower-case hex, and the decode matches the address. */
static void test_device_paths(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn;

	fake_pci_add(e->f, FAKE_ADDR(0xabcd, 0, 0x1f, 0), 0x8086, 0x1234, 0x0c0330, 0x80);
	fake_pci_add(e->f, FAKE_ADDR(0xabcd, 0, 0x1f, 7), 0x8086, 0x1235, 0x0c0330, 0);
	e->opt.segments = (const uint16_t[]){0xabcd};
	e->opt.nsegments = 1;
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	assert_int_equal(e->model.ndevices, 2);
	fn = must_fn_(&e->model, "abcd:00:1f.7");
	assert_int_equal(fn->addr.segment, 0xabcd);
	assert_int_equal(fn->addr.dev, 0x1f);
	assert_int_equal(fn->addr.fn, 7);
	assert_int_equal(fn->vendor_id, 0x8086);
	assert_int_equal(fn->device_id, 0x1235);
	assert_int_equal(fn->class_code, 0x0c0330);
	must_fn_(&e->model, "abcd:00:1f.0");
}

/* Each bus once: backwards bridges are not followed, a bus claimed twice is scanned once. */
static void test_bridge_walk_scans_each_bus_once(void **state)
{
	struct env_ *e = *state;
	unsigned bus;

	build_topology_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	for (bus = 0; bus < 256; bus++)
		assert_int_equal(fake_pci_bus_probes(e->f, 0, (uint8_t)bus), bus <= 3 ? 1 : 0);
	assert_int_equal(e->model.ndevices, 14);
}

/* Function 0's header bit 7 decides whether 1..7 are probed; vendor 0 is no device. */
static void test_multifunction_and_absent(void **state)
{
	struct env_ *e = *state;

	build_topology_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	assert_non_null(find_dev_(&e->model, "0000:00:01.1"));
	assert_non_null(find_dev_(&e->model, "0000:00:01.3"));
	assert_null(find_dev_(&e->model, "0000:00:01.2"));
	assert_null(find_dev_(&e->model, "0000:00:02.1"));
	assert_null(find_dev_(&e->model, "0000:00:07.0"));
	/* Functions 1..7 of a single-function device are not even read. */
	assert_int_equal(fake_pci_count(e->f, FAKE_ADDR(0, 0, 2, 1), 0, false), 0);
	assert_int_equal(fake_pci_count(e->f, FAKE_ADDR(0, 0, 1, 7), 0, false), 1);
}

static void test_all_buses_scan(void **state)
{
	static const char *const tail[] = {
		"0000:01:00.0", "0000:02:00.0", "0000:02:01.0",
		"0000:02:02.0", "0000:03:00.0", "0000:40:00.0",
	};
	const char *expect[ARRAY_SIZE_(bus0_) + ARRAY_SIZE_(tail)];
	struct env_ *e = *state;
	const struct vdisc_device *d;
	unsigned i, bus;

	for (i = 0; i < ARRAY_SIZE_(bus0_); i++)
		expect[i] = bus0_[i];
	for (i = 0; i < ARRAY_SIZE_(tail); i++)
		expect[ARRAY_SIZE_(bus0_) + i] = tail[i];
	build_topology_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_ALL_BUSES, false), 0);
	assert_order_(&e->model, expect, ARRAY_SIZE_(expect));
	for (d = e->model.devices; d; d = d->next)
		assert_int_equal(d->pci->found, VDISC_PCI_FOUND_BUS_SCAN);
	for (bus = 0; bus < 256; bus++)
		assert_int_equal(fake_pci_bus_probes(e->f, 0, (uint8_t)bus), 1);
	/* The same rules per slot as the walk. */
	assert_null(find_dev_(&e->model, "0000:00:02.1"));
	assert_null(find_dev_(&e->model, "0000:00:07.0"));
}

/* Without a config_size hook: 4096 bytes where a PCI Express capability is, else 256. */
static void test_config_size_without_hook(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn;
	const struct fake_pci_fn *raw;

	build_topology_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	fn = must_fn_(&e->model, "0000:00:00.0");
	assert_int_equal(fn->config_size, 256);
	assert_null(fn->caps);
	fn = must_fn_(&e->model, "0000:00:03.0");
	assert_int_equal(fn->config_size, 4096);
	fn = must_fn_(&e->model, "0000:02:00.0");
	assert_int_equal(fn->config_size, 256);
	fn = must_fn_(&e->model, "0000:01:00.0");
	assert_int_equal(fn->config_size, 4096);
	assert_non_null(fn->caps);
	assert_int_equal(fn->caps->id, PCI_CAP_ID_EXP);
	assert_non_null(fn->ecaps);
	assert_int_equal(fn->ecaps->offset, 0x100);
	assert_int_equal(fn->ecaps->id, PCI_EXT_CAP_ID_ERR);
	assert_true(fn->ecaps->extended);
	assert_null(fn->ecaps->next);
	/* The snapshot is the function's space, byte for byte. */
	raw = fake_pci_find(e->f, FAKE_ADDR(0, 1, 0, 0));
	assert_memory_equal(fn->config, raw->init, 4096);
	assert_int_equal(e->f->bad_accesses, 0);
}

/* With the hook, its word goes: 64, 256 or 4096; anything else is an I/O error. */
static void test_config_size_from_hook(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn;

	build_topology_(e->f);
	fake_pci_find(e->f, FAKE_ADDR(0, 0, 0, 0))->size = 256;
	fake_pci_find(e->f, FAKE_ADDR(0, 2, 0, 0))->size = 64;
	fake_pci_find(e->f, FAKE_ADDR(0, 1, 0, 0))->size = 256;
	assert_int_equal(run_(e, FAKE_PCI_CONFIG_SIZE, VDISC_PCI_SCAN_BRIDGES, false), 0);
	assert_int_equal(must_fn_(&e->model, "0000:00:00.0")->config_size, 256);
	assert_int_equal(must_fn_(&e->model, "0000:02:00.0")->config_size, 64);
	/* Express, but the source can give only 256 bytes: no extended walk. */
	fn = must_fn_(&e->model, "0000:01:00.0");
	assert_int_equal(fn->config_size, 256);
	assert_null(fn->ecaps);
	/* Not express, yet the source gives 4096. */
	assert_int_equal(must_fn_(&e->model, "0000:02:01.0")->config_size, 4096);
	/* No read beyond what the hook allows for the 64-byte function. */
	assert_int_equal(fake_pci_count(e->f, FAKE_ADDR(0, 2, 0, 0), 0x40, false), 0);
}

static void test_config_size_bad_hook(void **state)
{
	struct env_ *e = *state;

	build_topology_(e->f);
	fake_pci_find(e->f, FAKE_ADDR(0, 0, 2, 0))->size = 100;
	assert_int_equal(run_(e, FAKE_PCI_CONFIG_SIZE, VDISC_PCI_SCAN_BRIDGES, false), -VDISC_EIO);
}

/* The list mode takes the source's functions in its order, without probing. */
static void test_list_mode(void **state)
{
	static const char *const expect[] = {
		"0000:03:00.0", "0000:00:00.0", "0000:40:00.0", "0000:00:02.1", "0000:01:00.0",
	};
	struct env_ *e = *state;
	const struct vdisc_device *d;
	struct fake_pci *f = e->f;

	fake_pci_add(f, FAKE_ADDR(0, 3, 0, 0), 0x1af4, 0x1043, 0x078000, 0);
	fake_pci_add(f, FAKE_ADDR(0, 0, 0, 0), 0x8086, 0x29c0, 0x060000, 0);
	fake_pci_add(f, FAKE_ADDR(0, 0x40, 0, 0), 0x8086, 0x10d3, 0x020000, 0);
	fake_pci_add(f, FAKE_ADDR(0, 0, 2, 1), 0x1234, 0x1112, 0x038000, 0);
	fake_pci_add(f, FAKE_ADDR(0, 2, 0, 0), 0x1af4, 0x1042, 0x010000, 0)->listed = false;
	fake_pci_add(f, FAKE_ADDR(0, 1, 0, 0), 0x1af4, 0x1041, 0x020000, 0);
	assert_int_equal(run_(e, FAKE_PCI_LIST, VDISC_PCI_SCAN_LIST, false), 0);
	assert_order_(&e->model, expect, ARRAY_SIZE_(expect));
	for (d = e->model.devices; d; d = d->next)
		assert_int_equal(d->pci->found, VDISC_PCI_FOUND_LIST);
	/* No bus was probed. */
	assert_int_equal(fake_pci_bus_probes(f, 0, 0), 0);
}

/* AUTO lists when the source can, and walks bridges when it cannot. */
static void test_auto_mode(void **state)
{
	struct env_ *e = *state;

	build_topology_(e->f);
	assert_int_equal(run_(e, FAKE_PCI_LIST, VDISC_PCI_SCAN_AUTO, false), 0);
	assert_int_equal(e->model.ndevices, e->f->nfns);
	assert_int_equal(e->model.devices->pci->found, VDISC_PCI_FOUND_LIST);

	vdisc_arena_init(&e->arena, e->buf, ARENA_SIZE_);
	vdisc_model_init(&e->model, &e->arena);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_AUTO, false), 0);
	assert_int_equal(e->model.ndevices, 14);
	assert_int_equal(e->model.devices->pci->found, VDISC_PCI_FOUND_BRIDGE_WALK);

	/* No options at all: AUTO, segment 0, no sizing. */
	vdisc_arena_init(&e->arena, e->buf, ARENA_SIZE_);
	vdisc_model_init(&e->model, &e->arena);
	fake_pci_ops(e->f, FAKE_PCI_WRITE, &e->ops);
	assert_int_equal(vdisc_pci_enumerate(&e->ops, NULL, &e->model), 0);
	assert_int_equal(e->model.ndevices, 14);
	assert_int_equal(e->f->nwrites, 0);
}

static void test_list_errors(void **state)
{
	struct env_ *e = *state;

	build_topology_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_LIST, false), -VDISC_ENOTSUP);
	e->f->list_error = -VDISC_EIO;
	assert_int_equal(run_(e, FAKE_PCI_LIST, VDISC_PCI_SCAN_LIST, false), -VDISC_EIO);
}

/* Two segments, walked in the order given, each with its own bus map. */
static void test_segments(void **state)
{
	static const char *const forward[] = {
		"0000:00:00.0", "0000:00:01.0", "0000:01:00.0",
		"0001:00:00.0", "0001:00:01.0", "0001:01:00.0",
	};
	static const char *const backward[] = {
		"0001:00:00.0", "0001:00:01.0", "0001:01:00.0",
		"0000:00:00.0", "0000:00:01.0", "0000:01:00.0",
	};
	static const uint16_t seg01[] = {0, 1}, seg10[] = {1, 0};
	struct env_ *e = *state;
	uint16_t s;

	for (s = 0; s <= 2; s++) {
		fake_pci_add(e->f, FAKE_ADDR(s, 0, 0, 0), 0x8086, 0x29c0, 0x060000, 0);
		add_bridge_(e->f, FAKE_ADDR(s, 0, 1, 0), 1, 1);
		fake_pci_add(e->f, FAKE_ADDR(s, 1, 0, 0), 0x1af4, 0x1041, 0x020000, 0);
	}
	e->opt.segments = seg01;
	e->opt.nsegments = 2;
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	assert_order_(&e->model, forward, ARRAY_SIZE_(forward));
	assert_int_equal(fake_pci_bus_probes(e->f, 2, 0), 0);

	vdisc_arena_init(&e->arena, e->buf, ARENA_SIZE_);
	vdisc_model_init(&e->model, &e->arena);
	e->opt.segments = seg10;
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	assert_order_(&e->model, backward, ARRAY_SIZE_(backward));

	/* The all-buses scan honours the list too. */
	vdisc_arena_init(&e->arena, e->buf, ARENA_SIZE_);
	vdisc_model_init(&e->model, &e->arena);
	e->opt.segments = seg01;
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_ALL_BUSES, false), 0);
	assert_order_(&e->model, forward, ARRAY_SIZE_(forward));
}

static void test_enumerate_einval(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_ops ops;
	struct vdisc_model bare;

	fake_pci_ops(e->f, 0, &ops);
	assert_int_equal(vdisc_pci_enumerate(NULL, NULL, &e->model), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_enumerate(&ops, NULL, NULL), -VDISC_EINVAL);
	memset(&bare, 0, sizeof(bare));
	assert_int_equal(vdisc_pci_enumerate(&ops, NULL, &bare), -VDISC_EINVAL);
	ops.read = NULL;
	assert_int_equal(vdisc_pci_enumerate(&ops, NULL, &e->model), -VDISC_EINVAL);
}

/* An arena short by any amount fails cleanly. */
static void test_enumerate_enomem(void **state)
{
	struct env_ *e = *state;
	size_t size, need;

	build_topology_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	need = e->arena.used;
	for (size = 0; size < need; size += size < 256 ? 1 : 997) {
		vdisc_arena_init(&e->arena, e->buf, size);
		vdisc_model_init(&e->model, &e->arena);
		assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), -VDISC_ENOMEM);
	}
}

/* A read failing while the snapshot is taken is the source's error. */
static void test_snapshot_read_error(void **state)
{
	struct env_ *e = *state;

	build_topology_(e->f);
	fake_pci_add_fault(e->f, FAKE_FAULT_READ_EIO, FAKE_ADDR(0, 1, 0, 0), 0x40, 0, 0, 0);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), -VDISC_EIO);
	/* ... also in the extended space. */
	vdisc_arena_init(&e->arena, e->buf, ARENA_SIZE_);
	vdisc_model_init(&e->model, &e->arena);
	e->f->nfaults = 0;
	fake_pci_add_fault(e->f, FAKE_FAULT_READ_EIO, FAKE_ADDR(0, 1, 0, 0), 0x200, 0, 0, 0);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), -VDISC_EIO);
}

/*
 * An absent function reads all ones (struct vdisc_pci_ops); an error is
 * not absence.  vdisc_pci_enumerate promises "the first error of the
 * source", so a failed vendor-id read must not quietly drop the function
 * and, behind a bridge, its whole subtree.
 */
static void test_vendor_read_error_is_reported(void **state)
{
	struct env_ *e = *state;

	build_topology_(e->f);
	fake_pci_add_fault(e->f, FAKE_FAULT_READ_EIO, FAKE_ADDR(0, 0, 4, 0), 0x00, 0, 0, 1);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), -VDISC_EIO);
}

/*
 * BAR sizing.  00:01.0 has the usual kinds and two unimplemented BARs;
 * 00:02.0 is a bridge with a BAR and its ROM at 0x38; 00:03.0 has a
 * full 32-bit I/O BAR and a legacy below-1M memory BAR.
 */
#define SIZING_CMD_ (PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_SERR)

static void build_sizing_(struct fake_pci *f)
{
	struct fake_pci_fn *d;

	fake_pci_add(f, FAKE_ADDR(0, 0, 0, 0), 0x8086, 0x29c0, 0x060000, 0);
	d = fake_pci_add(f, FAKE_ADDR(0, 0, 1, 0), 0x1af4, 0x1041, 0x020000, 0);
	fake_pci_set16(d, PCI_COMMAND, SIZING_CMD_);
	fake_pci_bar_mem32(d, 0, 0xfebf0000, 0x10000, false);
	fake_pci_bar_mem64(d, 2, 0x800000000ull, 0x400000000ull, true);
	fake_pci_bar_io(d, 4, 0xc040, 0x20, true);
	fake_pci_rom(d, PCI_ROM_ADDRESS, 0xfeb80000, 0x40000, true);

	d = add_bridge_(f, FAKE_ADDR(0, 0, 2, 0), 1, 1);
	fake_pci_set16(d, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	fake_pci_bar_mem32(d, 0, 0xfea00000, 0x1000, false);
	fake_pci_rom(d, PCI_ROM_ADDRESS1, 0xfe800000, 0x10000, false);
	fake_pci_set32(d, 0x20, 0xfe70fe00); /* a memory window, to see it survive */

	d = fake_pci_add(f, FAKE_ADDR(0, 0, 3, 0), 0x8086, 0x7010, 0x010180, 0);
	fake_pci_set16(d, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
	fake_pci_bar_io(d, 0, 0x0000c100, 0x100, false);
	fake_pci_bar_raw(d, PCI_BASE_ADDRESS_1, 0x000d0000 | PCI_BASE_ADDRESS_MEM_TYPE_1M,
			 0xffff0000 | PCI_BASE_ADDRESS_MEM_TYPE_1M, false);
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

static void assert_bar_(const struct vdisc_pci_function *fn, unsigned offset,
			enum vdisc_pci_bar_type type, uint64_t address, uint64_t size)
{
	const struct vdisc_pci_bar *bar = bar_at_(fn, offset);

	assert_int_equal(bar->type, type);
	assert_int_equal(bar->address, address);
	assert_true(bar->has_size);
	assert_int_equal(bar->size, size);
}

/* Every write to @addr is to the command register or one of @allowed. */
static void assert_writes_only_(const struct fake_pci *f, struct vdisc_pci_addr addr,
				const uint16_t *allowed, unsigned n)
{
	unsigned i, j;

	for (i = 0; i < f->nlog; i++) {
		const struct fake_pci_access *a = &f->log[i];
		bool ok = a->offset == PCI_COMMAND;

		if (!a->write || !fake_pci_addr_eq(a->addr, addr))
			continue;
		for (j = 0; j < n; j++)
			ok = ok || a->offset == allowed[j];
		if (!ok)
			fail_msg("%02x:%02x.%u: write of 0x%x to 0x%02x, not a BAR", addr.bus,
				 addr.dev, addr.fn, a->value, a->offset);
	}
}

/*
 * The command register: first written with I/O and memory decode off and
 * every other bit kept, last written back as it was; every BAR write in
 * between happens with decode off.
 */
static void assert_decode_off_while_sizing_(const struct fake_pci *f, struct vdisc_pci_addr addr,
					    uint16_t command)
{
	unsigned i, ncmd = 0;
	uint32_t first = 0, last = 0;

	for (i = 0; i < f->nlog; i++) {
		const struct fake_pci_access *a = &f->log[i];

		if (!a->write || !fake_pci_addr_eq(a->addr, addr))
			continue;
		if (a->offset == PCI_COMMAND) {
			assert_int_equal(a->width, 2);
			if (ncmd++ == 0)
				first = a->value;
			last = a->value;
			continue;
		}
		if (a->command & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY))
			fail_msg("BAR write at 0x%02x with decode on (command 0x%04x)", a->offset,
				 a->command);
	}
	assert_true(ncmd >= 2);
	assert_int_equal(first, command & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	assert_int_equal(last, command);
}

static void test_bar_sizing(void **state)
{
	static const uint16_t d1_bars[] = {PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_2,
					   PCI_BASE_ADDRESS_3, PCI_BASE_ADDRESS_4, PCI_ROM_ADDRESS};
	static const uint16_t d2_bars[] = {PCI_BASE_ADDRESS_0, PCI_ROM_ADDRESS1};
	static const uint16_t d3_bars[] = {PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_1};
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn;
	const struct vdisc_pci_bar *rom;

	build_sizing_(e->f);
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_int_equal(e->model.ndevices, 4);
	assert_unchanged_(e->f);
	assert_int_equal(e->f->bad_accesses, 0);

	fn = must_fn_(&e->model, "0000:00:01.0");
	assert_true(fn->bars_sized);
	assert_int_equal(fn->nbars, 4);
	assert_bar_(fn, PCI_BASE_ADDRESS_0, VDISC_PCI_BAR_MEM32, 0xfebf0000, 0x10000);
	assert_bar_(fn, PCI_BASE_ADDRESS_2, VDISC_PCI_BAR_MEM64, 0x800000000ull, 0x400000000ull);
	assert_true(bar_at_(fn, PCI_BASE_ADDRESS_2)->prefetchable);
	assert_bar_(fn, PCI_BASE_ADDRESS_4, VDISC_PCI_BAR_IO, 0xc040, 0x20);
	assert_bar_(fn, PCI_ROM_ADDRESS, VDISC_PCI_BAR_ROM, 0xfeb80000, 0x40000);
	assert_true(bar_at_(fn, PCI_ROM_ADDRESS)->enabled);
	/* Unimplemented BARs are neither listed nor written. */
	assert_int_equal(fake_pci_count(e->f, FAKE_ADDR(0, 0, 1, 0), PCI_BASE_ADDRESS_1, true), 0);
	assert_int_equal(fake_pci_count(e->f, FAKE_ADDR(0, 0, 1, 0), PCI_BASE_ADDRESS_5, true), 0);
	/* Both halves of the 64-bit BAR were probed. */
	assert_true(fake_pci_count(e->f, FAKE_ADDR(0, 0, 1, 0), PCI_BASE_ADDRESS_3, true) >= 2);
	assert_writes_only_(e->f, FAKE_ADDR(0, 0, 1, 0), d1_bars, ARRAY_SIZE_(d1_bars));
	assert_decode_off_while_sizing_(e->f, FAKE_ADDR(0, 0, 1, 0), SIZING_CMD_);

	fn = must_fn_(&e->model, "0000:00:02.0");
	assert_true(fn->bars_sized);
	assert_int_equal(fn->nbars, 2);
	assert_bar_(fn, PCI_BASE_ADDRESS_0, VDISC_PCI_BAR_MEM32, 0xfea00000, 0x1000);
	rom = bar_at_(fn, PCI_ROM_ADDRESS1);
	assert_int_equal(rom->type, VDISC_PCI_BAR_ROM);
	assert_int_equal(rom->size, 0x10000);
	assert_false(rom->enabled);
	assert_writes_only_(e->f, FAKE_ADDR(0, 0, 2, 0), d2_bars, ARRAY_SIZE_(d2_bars));
	assert_decode_off_while_sizing_(e->f, FAKE_ADDR(0, 0, 2, 0),
					PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);

	fn = must_fn_(&e->model, "0000:00:03.0");
	assert_bar_(fn, PCI_BASE_ADDRESS_0, VDISC_PCI_BAR_IO, 0xc100, 0x100);
	assert_bar_(fn, PCI_BASE_ADDRESS_1, VDISC_PCI_BAR_MEM1M, 0xd0000, 0x10000);
	assert_writes_only_(e->f, FAKE_ADDR(0, 0, 3, 0), d3_bars, ARRAY_SIZE_(d3_bars));
	assert_decode_off_while_sizing_(e->f, FAKE_ADDR(0, 0, 3, 0),
					PCI_COMMAND_IO | PCI_COMMAND_MEMORY);

	/* A function without BARs is left alone. */
	fn = must_fn_(&e->model, "0000:00:00.0");
	assert_int_equal(fn->nbars, 0);
	assert_int_equal(fake_pci_writes_to(e->f, FAKE_ADDR(0, 0, 0, 0)), 0);
}

/* A read-only source cannot size: nothing is attempted, nothing claimed. */
static void test_bar_sizing_needs_write(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_function *fn;
	unsigned i;

	build_sizing_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, true), 0);
	fn = must_fn_(&e->model, "0000:00:01.0");
	assert_false(fn->bars_sized);
	assert_int_equal(fn->nbars, 4);
	for (i = 0; i < fn->nbars; i++)
		assert_false(fn->bars[i].has_size);
	/* The BAR was read once, for the snapshot. */
	assert_int_equal(fake_pci_count(e->f, FAKE_ADDR(0, 0, 1, 0), PCI_BASE_ADDRESS_0, false), 1);
	assert_int_equal(e->f->nwrites, 0);
}

/* Writable, but size_bars not asked for: no write at all. */
static void test_bar_sizing_only_when_asked(void **state)
{
	struct env_ *e = *state;

	build_sizing_(e->f);
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, false), 0);
	assert_int_equal(e->f->nwrites, 0);
	assert_false(must_fn_(&e->model, "0000:00:01.0")->bars_sized);
}

/* A register that keeps the ones written to it: -VDISC_EIO, and the command register back. */
static void test_bar_not_restored_is_eio(void **state)
{
	static const uint16_t regs[] = {PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_3, PCI_ROM_ADDRESS};
	struct env_ *e = *state;
	struct fake_pci_change ch[4];
	struct fake_pci_fn *d;
	unsigned i;

	for (i = 0; i < ARRAY_SIZE_(regs); i++) {
		memset(e->f, 0, sizeof(*e->f));
		vdisc_arena_init(&e->arena, e->buf, ARENA_SIZE_);
		vdisc_model_init(&e->model, &e->arena);
		build_sizing_(e->f);
		fake_pci_add_fault(e->f, FAKE_FAULT_STICKY, FAKE_ADDR(0, 0, 1, 0), regs[i], 4, 0,
				   0);
		/* Enumeration goes on; the function keeps why it could not be sized. */
		assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
		assert_int_equal(sizing_error_(e, "0000:00:01.0"), -VDISC_EIO);
		d = fake_pci_find(e->f, FAKE_ADDR(0, 0, 1, 0));
		assert_int_equal(fake_pci_get16(d, PCI_COMMAND), SIZING_CMD_);
		assert_int_equal(fake_pci_changed(e->f, ch, 4), 1);
		assert_int_equal(ch[0].offset, regs[i]);
	}
}

/* The command register itself not restored (stuck with decode off): -VDISC_EIO. */
static void test_command_not_restored_is_eio(void **state)
{
	struct env_ *e = *state;
	struct fake_pci_change ch[4];

	build_sizing_(e->f);
	fake_pci_add_fault(e->f, FAKE_FAULT_STICKY, FAKE_ADDR(0, 0, 1, 0), PCI_COMMAND, 0, 0, 0);
	/* Enumeration goes on; the function keeps why it could not be sized. */
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_int_equal(sizing_error_(e, "0000:00:01.0"), -VDISC_EIO);
	assert_int_equal(fake_pci_changed(e->f, ch, 4), 1);
	assert_int_equal(ch[0].offset, PCI_COMMAND);
}

/*
 * A BAR whose saved-value read fails: nothing was written to it yet, so
 * nothing may be "restored" into it either (the read's output is not a
 * value).  The error is reported and every register is as it was.
 */
static void test_bar_read_error_leaves_bar_alone(void **state)
{
	struct env_ *e = *state;

	build_sizing_(e->f);
	/* The first read of BAR0 is the snapshot's, the second sizing's save. */
	fake_pci_add_fault(e->f, FAKE_FAULT_READ_EIO, FAKE_ADDR(0, 0, 1, 0), PCI_BASE_ADDRESS_0, 4,
			   1, 1);
	/* Enumeration goes on; the function keeps why it could not be sized. */
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_int_equal(sizing_error_(e, "0000:00:01.0"), -VDISC_EIO);
	assert_unchanged_(e->f);
}

/* The same for the upper half of a 64-bit BAR. */
static void test_bar64_upper_read_error_leaves_bar_alone(void **state)
{
	struct env_ *e = *state;

	build_sizing_(e->f);
	fake_pci_add_fault(e->f, FAKE_FAULT_READ_EIO, FAKE_ADDR(0, 0, 1, 0), PCI_BASE_ADDRESS_3, 4,
			   1, 1);
	/* Enumeration goes on; the function keeps why it could not be sized. */
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_int_equal(sizing_error_(e, "0000:00:01.0"), -VDISC_EIO);
	assert_unchanged_(e->f);
}

/* The command register unreadable: no sizing, and no "restore" of a value never read. */
static void test_command_read_error_leaves_command_alone(void **state)
{
	struct env_ *e = *state;

	build_sizing_(e->f);
	/* The snapshot reads dwords; sizing reads the command register as a word. */
	fake_pci_add_fault(e->f, FAKE_FAULT_READ_EIO, FAKE_ADDR(0, 0, 1, 0), PCI_COMMAND, 2, 0, 1);
	/* Enumeration goes on; the function keeps why it could not be sized. */
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_int_equal(sizing_error_(e, "0000:00:01.0"), -VDISC_EIO);
	assert_unchanged_(e->f);
}

/* A command write that does not land: sizing still restores everything. */
static void test_command_write_ignored(void **state)
{
	struct env_ *e = *state;

	build_sizing_(e->f);
	fake_pci_add_fault(e->f, FAKE_FAULT_WRITE_IGNORED, FAKE_ADDR(0, 0, 1, 0), PCI_COMMAND, 0, 0,
			   1);
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_unchanged_(e->f);
}

/*
 * A BAR that ignores the all-ones write reads back its own address.
 * Whatever the enumerator makes of that, a size it reports is a power of
 * two (PCI 3.0 6.2.5.1); Linux's pci_size() takes the lowest set bit.
 */
static void test_bar_write_ignored_size(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_bar *bar;

	build_sizing_(e->f);
	fake_pci_add_fault(e->f, FAKE_FAULT_WRITE_IGNORED, FAKE_ADDR(0, 0, 1, 0),
			   PCI_BASE_ADDRESS_0, 4, 0, 1);
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_unchanged_(e->f);
	bar = bar_at_(must_fn_(&e->model, "0000:00:01.0"), PCI_BASE_ADDRESS_0);
	if (bar->has_size && !is_pow2_(bar->size))
		fail_msg("BAR0 size 0x%llx is not a power of two", (unsigned long long)bar->size);
}

/*
 * A 64-bit BAR in the last register has no upper half (the decoder says
 * so): sizing must not write the register after it -- the CardBus CIS
 * pointer of a type 0 header -- and the size comes from the lower half.
 */
static void test_bar64_in_last_register(void **state)
{
	static const uint16_t bars[] = {PCI_BASE_ADDRESS_5};
	struct env_ *e = *state;
	struct fake_pci_fn *d;
	const struct vdisc_pci_bar *bar;

	d = fake_pci_add(e->f, FAKE_ADDR(0, 0, 1, 0), 0x1af4, 0x1041, 0x020000, 0);
	fake_pci_set16(d, PCI_COMMAND, PCI_COMMAND_MEMORY);
	fake_pci_bar_raw(d, PCI_BASE_ADDRESS_5, 0xfe000000 | PCI_BASE_ADDRESS_MEM_TYPE_64,
			 0xfffff000 | PCI_BASE_ADDRESS_MEM_TYPE_64, false);
	fake_pci_set32(d, PCI_CARDBUS_CIS, 0); /* read-only, as usual */
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_unchanged_(e->f);
	bar = bar_at_(must_fn_(&e->model, "0000:00:01.0"), PCI_BASE_ADDRESS_5);
	assert_int_equal(bar->type, VDISC_PCI_BAR_MEM64);
	assert_int_equal(bar->address, 0xfe000000);
	assert_true(bar->has_size);
	assert_int_equal(bar->size, 0x1000);
	assert_writes_only_(e->f, FAKE_ADDR(0, 0, 1, 0), bars, 1);
}

/* The same on a bridge, whose BAR1 is followed by the bus number register. */
static void test_bar64_in_last_register_bridge(void **state)
{
	static const uint16_t bars[] = {PCI_BASE_ADDRESS_1};
	struct env_ *e = *state;
	struct fake_pci_fn *d;
	const struct vdisc_pci_bar *bar;

	d = add_bridge_(e->f, FAKE_ADDR(0, 0, 1, 0), 1, 1);
	fake_pci_set16(d, PCI_COMMAND, PCI_COMMAND_MEMORY);
	fake_pci_bar_raw(d, PCI_BASE_ADDRESS_1, 0xfe000000 | PCI_BASE_ADDRESS_MEM_TYPE_64,
			 0xfffff000 | PCI_BASE_ADDRESS_MEM_TYPE_64, false);
	assert_int_equal(run_(e, FAKE_PCI_WRITE, VDISC_PCI_SCAN_BRIDGES, true), 0);
	assert_unchanged_(e->f);
	assert_writes_only_(e->f, FAKE_ADDR(0, 0, 1, 0), bars, 1);
	bar = bar_at_(must_fn_(&e->model, "0000:00:01.0"), PCI_BASE_ADDRESS_1);
	assert_int_equal(bar->size, 0x1000);
}

/* PCI functions added to a scanned tree's model (a board's bus behind its host bridge) leave
 * the tree's index answering: the boot kernels look up controller nodes after enumerating. */
static void test_enumerate_into_tree_model(void **state)
{
	static char blob[512];
	struct env_ *e = *state;
	int len = 0;

	assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
	assert_int_equal(fdt_finish_reservemap(blob), 0);
	assert_int_equal(fdt_begin_node(blob, ""), 0);
	assert_int_equal(fdt_begin_node(blob, "intc"), 0);
	assert_int_equal(fdt_property_string(blob, "compatible", "riscv,plic0"), 0);
	assert_int_equal(fdt_property_u32(blob, "riscv,ndev", 95), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_finish(blob), 0);
	assert_int_equal(vdisc_fdt_scan(blob, fdt_totalsize(blob), &e->model), 0);
	build_topology_(e->f);
	assert_int_equal(run_(e, 0, VDISC_PCI_SCAN_BRIDGES, false), 0);
	assert_int_equal(e->model.source, VDISC_SOURCE_DTB);
	must_fn_(&e->model, "0000:00:00.0");
	assert_non_null(vdisc_fdt_getprop(&e->model, vdisc_fdt_path_offset(&e->model, "/intc"),
					  "riscv,ndev", &len));
	assert_int_equal(len, 4);
}

#define T_(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_(test_bridge_walk_order),
		T_(test_device_paths),
		T_(test_bridge_walk_scans_each_bus_once),
		T_(test_multifunction_and_absent),
		T_(test_all_buses_scan),
		T_(test_config_size_without_hook),
		T_(test_config_size_from_hook),
		T_(test_config_size_bad_hook),
		T_(test_list_mode),
		T_(test_auto_mode),
		T_(test_list_errors),
		T_(test_segments),
		T_(test_enumerate_einval),
		T_(test_enumerate_enomem),
		T_(test_snapshot_read_error),
		T_(test_vendor_read_error_is_reported),
		T_(test_bar_sizing),
		T_(test_bar_sizing_needs_write),
		T_(test_bar_sizing_only_when_asked),
		T_(test_bar_not_restored_is_eio),
		T_(test_command_not_restored_is_eio),
		T_(test_bar_read_error_leaves_bar_alone),
		T_(test_bar64_upper_read_error_leaves_bar_alone),
		T_(test_command_read_error_leaves_command_alone),
		T_(test_command_write_ignored),
		T_(test_bar_write_ignored_size),
		T_(test_bar64_in_last_register),
		T_(test_bar64_in_last_register_bridge),
		T_(test_enumerate_into_tree_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
