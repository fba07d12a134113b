/* SPDX-License-Identifier: MIT */
/*
 * The freestanding access methods over struct vdisc_platform: conf1 through
 * port I/O and ECAM through MMIO, driving the same fake configuration space
 * (fake_pci) the enumerator tests use.  The fake platform decodes the
 * accesses as a chipset would: 0xCF8 latches an address only on a 32-bit
 * write with bit 31 set; 0xCFC..0xCFF move data; the ECAM window maps
 * bus/dev/fn/offset into the address.  The enumeration through each method
 * must equal the enumeration through the fake's own ops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vdisc/vdisc.h>

#include "fake_pci.h"

#define ECAM_BASE 0x30000000ull

struct chipset {
	struct fake_pci *f;
	struct vdisc_pci_ops direct; /* the fake's own access */
	uint32_t cf8;
	unsigned bad_accesses; /* port or MMIO accesses a chipset would not decode */
};

static struct vdisc_pci_addr cf8_addr(uint32_t cf8)
{
	struct vdisc_pci_addr a = {0, (uint8_t)(cf8 >> 16), (uint8_t)((cf8 >> 11) & 31),
				   (uint8_t)((cf8 >> 8) & 7)};
	return a;
}

static int pio_read(void *ctx, uint16_t port, unsigned width, uint32_t *value)
{
	struct chipset *c = ctx;

	if (port >= 0xcfc && port + width <= 0xd00 && (c->cf8 & 0x80000000u))
		return c->direct.read(c->direct.ctx, cf8_addr(c->cf8),
				      (uint16_t)((c->cf8 & 0xfc) + (port - 0xcfc)), width, value);
	if (port == 0xcf8 && width == 4) {
		*value = c->cf8;
		return 0;
	}
	c->bad_accesses++;
	*value = 0xffffffff;
	return 0;
}

static int pio_write(void *ctx, uint16_t port, unsigned width, uint32_t value)
{
	struct chipset *c = ctx;

	if (port == 0xcf8 && width == 4) {
		c->cf8 = value;
		return 0;
	}
	if (port >= 0xcfc && port + width <= 0xd00 && (c->cf8 & 0x80000000u))
		return c->direct.write(c->direct.ctx, cf8_addr(c->cf8),
				       (uint16_t)((c->cf8 & 0xfc) + (port - 0xcfc)), width, value);
	/* A byte write near 0xCF8 (0xCF9 resets Intel chipsets) must never happen. */
	c->bad_accesses++;
	return 0;
}

static struct chipset *mmio_chipset;

static uint32_t ecam_access(uint64_t addr, unsigned width, bool write, uint32_t value)
{
	struct chipset *c = mmio_chipset;
	uint64_t off = addr - ECAM_BASE;
	struct vdisc_pci_addr a = {0, (uint8_t)(off >> 20), (uint8_t)((off >> 15) & 31),
				   (uint8_t)((off >> 12) & 7)};
	uint32_t v = 0xffffffff;

	if (addr < ECAM_BASE || off >= (256u << 20) || (off & (width - 1))) {
		c->bad_accesses++;
		return v;
	}
	if (write)
		c->direct.write(c->direct.ctx, a, (uint16_t)(off & 0xfff), width, value);
	else
		c->direct.read(c->direct.ctx, a, (uint16_t)(off & 0xfff), width, &v);
	return v;
}

static uint8_t mmio_r8(void *ctx, uint64_t a)
{
	(void)ctx;
	return (uint8_t)ecam_access(a, 1, false, 0);
}
static uint16_t mmio_r16(void *ctx, uint64_t a)
{
	(void)ctx;
	return (uint16_t)ecam_access(a, 2, false, 0);
}
static uint32_t mmio_r32(void *ctx, uint64_t a)
{
	(void)ctx;
	return ecam_access(a, 4, false, 0);
}
static void mmio_w8(void *ctx, uint64_t a, uint8_t v)
{
	(void)ctx;
	ecam_access(a, 1, true, v);
}
static void mmio_w16(void *ctx, uint64_t a, uint16_t v)
{
	(void)ctx;
	ecam_access(a, 2, true, v);
}
static void mmio_w32(void *ctx, uint64_t a, uint32_t v)
{
	(void)ctx;
	ecam_access(a, 4, true, v);
}

static struct vdisc_platform mmio_platform(struct chipset *c)
{
	struct vdisc_platform p = {.ctx = c,
				   .mmio_read8 = mmio_r8,
				   .mmio_read16 = mmio_r16,
				   .mmio_read32 = mmio_r32,
				   .mmio_write8 = mmio_w8,
				   .mmio_write16 = mmio_w16,
				   .mmio_write32 = mmio_w32};
	return p;
}

/* Host bridge, a multi-function device, a bridge to bus 1 and a PCIe device behind it. */
static void build_topology(struct fake_pci *f)
{
	struct fake_pci_fn *d;

	fake_pci_add(f, FAKE_ADDR(0, 0, 0, 0), 0x8086, 0x29c0, 0x060000, 0x00);
	d = fake_pci_add(f, FAKE_ADDR(0, 0, 2, 0), 0x1af4, 0x1042, 0x010000, 0x80);
	fake_pci_bar_mem32(d, 1, 0xfe000000, 0x1000, false);
	fake_pci_add(f, FAKE_ADDR(0, 0, 2, 1), 0x1af4, 0x1044, 0x00ff00, 0x00);
	d = fake_pci_add(f, FAKE_ADDR(0, 0, 3, 0), 0x1b36, 0x000c, 0x060400, 0x01);
	fake_pci_bus_numbers(d, 0, 1, 1);
	d = fake_pci_add(f, FAKE_ADDR(0, 1, 0, 0), 0x1af4, 0x1041, 0x020000, 0x00);
	fake_pci_add_cap(d, 0x40, 0x10);
	fake_pci_bar_mem64(d, 4, 0x8000000000ull, 0x4000, true);
}

struct run {
	unsigned char buf[1 << 20];
	struct vdisc_arena arena;
	struct vdisc_model model;
};

static void enumerate(const struct vdisc_pci_ops *ops, struct run *r, bool size)
{
	struct vdisc_pci_options opt = {.scan = VDISC_PCI_SCAN_BRIDGES, .size_bars = size};

	vdisc_arena_init(&r->arena, r->buf, sizeof(r->buf));
	vdisc_model_init(&r->model, &r->arena);
	assert_int_equal(vdisc_pci_enumerate(ops, &opt, &r->model), 0);
}

/* Same functions, same 256 bytes of each, same BAR sizes. */
static void assert_same(const struct run *a, const struct run *b, uint16_t bytes)
{
	const struct vdisc_device *x, *y;

	assert_int_equal(a->model.ndevices, b->model.ndevices);
	for (x = a->model.devices, y = b->model.devices; x && y; x = x->next, y = y->next) {
		unsigned i;

		assert_string_equal(x->path, y->path);
		assert_memory_equal(x->pci->config, y->pci->config, bytes);
		assert_int_equal(x->pci->nbars, y->pci->nbars);
		for (i = 0; i < x->pci->nbars; i++) {
			assert_int_equal(x->pci->bars[i].has_size, y->pci->bars[i].has_size);
			assert_int_equal(x->pci->bars[i].size, y->pci->bars[i].size);
		}
	}
}

static void test_conf1_equals_direct(void **state)
{
	static struct run direct, conf1;
	struct chipset c = {0};
	struct vdisc_platform p = {.ctx = &c, .pio_read = pio_read, .pio_write = pio_write};
	struct vdisc_pci_ops ops;

	(void)state;
	c.f = fake_pci_new();
	build_topology(c.f);
	fake_pci_ops(c.f, FAKE_PCI_WRITE, &c.direct);
	enumerate(&c.direct, &direct, true);
	assert_int_equal(vdisc_pci_conf1_ops(&p, &ops), 0);
	enumerate(&ops, &conf1, true);
	assert_int_equal(conf1.model.ndevices, 5);
	assert_same(&direct, &conf1, 256);
	/* conf1 reaches 256 bytes: the PCIe device's extended space is out of its reach. */
	assert_int_equal(conf1.model.devices->pci->config_size, 256);
	assert_int_equal(c.bad_accesses, 0);
	/* Sizing through ports left every register as it was. */
	assert_int_equal(fake_pci_changed(c.f, NULL, 0), 0);
	fake_pci_free(c.f);
}

static void test_conf1_needs_port_io(void **state)
{
	struct vdisc_platform none = {0};
	struct vdisc_pci_ops ops;

	(void)state;
	assert_int_equal(vdisc_pci_conf1_ops(&none, &ops), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_pci_conf1_ops(NULL, &ops), -VDISC_ENOTSUP);
}

static void test_ecam_equals_direct(void **state)
{
	static struct run direct, ecam;
	struct chipset c = {0};
	struct vdisc_platform p = mmio_platform(&c);
	struct vdisc_pci_ecam window = {
		.platform = &p, .base = ECAM_BASE, .bus_start = 0, .bus_end = 0xff};
	struct vdisc_pci_ops ops;

	(void)state;
	c.f = fake_pci_new();
	mmio_chipset = &c;
	build_topology(c.f);
	fake_pci_ops(c.f, FAKE_PCI_WRITE, &c.direct);
	enumerate(&c.direct, &direct, true);
	assert_int_equal(vdisc_pci_ecam_ops(&window, &ops), 0);
	enumerate(&ops, &ecam, true);
	assert_int_equal(ecam.model.ndevices, 5);
	assert_same(&direct, &ecam, 256);
	assert_int_equal(c.bad_accesses, 0);
	assert_int_equal(fake_pci_changed(c.f, NULL, 0), 0);
	fake_pci_free(c.f);
}

static void test_ecam_bus_window(void **state)
{
	static struct run r;
	struct chipset c = {0};
	struct vdisc_platform p = mmio_platform(&c);
	/* A window decoding bus 0 only: bus 1 behind the bridge reads as absent. */
	struct vdisc_pci_ecam window = {
		.platform = &p, .base = ECAM_BASE, .bus_start = 0, .bus_end = 0};
	struct vdisc_pci_ecam empty = {
		.platform = &p, .base = ECAM_BASE, .bus_start = 2, .bus_end = 1};
	struct vdisc_pci_ops ops;

	(void)state;
	c.f = fake_pci_new();
	mmio_chipset = &c;
	build_topology(c.f);
	fake_pci_ops(c.f, FAKE_PCI_WRITE, &c.direct);
	assert_int_equal(vdisc_pci_ecam_ops(&empty, &ops), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_ecam_ops(&window, &ops), 0);
	enumerate(&ops, &r, false);
	assert_int_equal(r.model.ndevices, 4);
	assert_int_equal(c.bad_accesses, 0);
	fake_pci_free(c.f);
}

/* A DesignWare core in ECAM mode: devices 1-31 of the first bus are never touched. */
static void test_ecam_root_dev0_only(void **state)
{
	static struct run r;
	struct chipset c = {0};
	struct vdisc_platform p = mmio_platform(&c);
	struct vdisc_pci_ecam window = {.platform = &p,
					.base = ECAM_BASE,
					.bus_start = 0,
					.bus_end = 0xff,
					.root_bus_dev0_only = true};
	struct vdisc_pci_addr dev2 = {0, 0, 2, 0}, bus1 = {0, 1, 0, 0};
	struct vdisc_pci_ops ops;
	uint32_t v;

	(void)state;
	c.f = fake_pci_new();
	mmio_chipset = &c;
	build_topology(c.f);
	fake_pci_ops(c.f, FAKE_PCI_WRITE, &c.direct);
	assert_int_equal(vdisc_pci_ecam_ops(&window, &ops), 0);
	enumerate(&ops, &r, false);
	assert_int_equal(r.model.ndevices, 1); /* 00:00.0 only: the bridge at 00:03.0 is hidden */
	assert_string_equal(r.model.devices->path, "0000:00:00.0");
	assert_int_equal(ops.read(ops.ctx, dev2, 0, 4, &v), 0);
	assert_int_equal(v, 0xffffffffu);
	assert_int_equal(ops.write(ops.ctx, dev2, 4, 2, 0), -VDISC_EINVAL);
	assert_int_equal(ops.read(ops.ctx, bus1, 0, 4, &v), 0); /* other buses as plain ECAM */
	assert_int_equal(v, 0x10411af4u);
	assert_int_equal(c.bad_accesses, 0);
	fake_pci_free(c.f);
}

/* A second host bridge's root bus (bus-range starting at 0x80) is walked when given. */
static void test_root_buses(void **state)
{
	static struct run r;
	static const uint8_t roots[] = {0, 0x80};
	struct vdisc_pci_options opt = {.scan = VDISC_PCI_SCAN_BRIDGES};
	struct vdisc_pci_ops ops;
	struct fake_pci *f = fake_pci_new();

	(void)state;
	build_topology(f);
	fake_pci_add(f, FAKE_ADDR(0, 0x80, 1, 0), 0x1af4, 0x1042, 0x010000, 0x00);
	fake_pci_ops(f, 0, &ops);
	vdisc_arena_init(&r.arena, r.buf, sizeof(r.buf));
	vdisc_model_init(&r.model, &r.arena);
	assert_int_equal(vdisc_pci_enumerate(&ops, &opt, &r.model), 0);
	assert_int_equal(r.model.ndevices, 5); /* bus 0x80 is not behind any bridge */
	opt.root_buses = roots;
	opt.nroot_buses = 2;
	vdisc_arena_init(&r.arena, r.buf, sizeof(r.buf));
	vdisc_model_init(&r.model, &r.arena);
	assert_int_equal(vdisc_pci_enumerate(&ops, &opt, &r.model), 0);
	assert_int_equal(r.model.ndevices, 6);
	assert_string_equal(r.model.devices_tail->path, "0000:80:01.0");
	fake_pci_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf1_equals_direct),
		cmocka_unit_test(test_conf1_needs_port_io),
		cmocka_unit_test(test_ecam_equals_direct),
		cmocka_unit_test(test_ecam_root_dev0_only),
		cmocka_unit_test(test_ecam_bus_window),
		cmocka_unit_test(test_root_buses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
