/* SPDX-License-Identifier: MIT */
/*
 * The arena, the model, and what a scan puts in it: devices in tree order,
 * running out of arena as a clean error, and the machine summary (memory,
 * reserved memory, CPUs, /chosen).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <cmocka.h>

#include "model_asserts.h"

/* Alignment is of the address handed out, not of the offset into the buffer. */
static void test_arena_alignment(void **state)
{
	_Alignas(64) unsigned char buf[256];
	struct vdisc_arena a;

	(void)state;
	vdisc_arena_init(&a, buf, sizeof(buf));
	assert_ptr_equal(a.base, buf);
	assert_int_equal(a.size, sizeof(buf));
	assert_int_equal(a.used, 0);

	assert_ptr_equal(vdisc_arena_alloc(&a, 1, 1), buf);
	assert_int_equal(a.used, 1);
	assert_ptr_equal(vdisc_arena_alloc(&a, 8, 8), buf + 8);
	assert_int_equal(a.used, 16);
	assert_ptr_equal(vdisc_arena_alloc(&a, 4, 64), buf + 64);
	assert_int_equal(a.used, 68);

	/* A misaligned base: the first 16-aligned address is 15 bytes in. */
	vdisc_arena_init(&a, buf + 1, sizeof(buf) - 1);
	assert_ptr_equal(vdisc_arena_alloc(&a, 4, 16), buf + 16);
	assert_int_equal(a.used, 19);

	assert_ptr_equal(VDISC_ARENA_NEW(&a, uint64_t, 2), buf + 24);
	assert_int_equal(a.used, 39);
}

/* An alignment that is not a power of two is refused, leaving the arena as it was. */
static void test_arena_bad_alignment(void **state)
{
	_Alignas(16) unsigned char buf[64];
	struct vdisc_arena a;

	(void)state;
	vdisc_arena_init(&a, buf, sizeof(buf));
	assert_null(vdisc_arena_alloc(&a, 4, 0));
	assert_null(vdisc_arena_alloc(&a, 4, 3));
	assert_null(vdisc_arena_alloc(&a, 4, 12));
	assert_int_equal(a.used, 0);
}

/* A failed allocation returns NULL and leaves used alone, so the arena stays usable. */
static void test_arena_exhaustion(void **state)
{
	_Alignas(16) unsigned char buf[64];
	struct vdisc_arena a;

	(void)state;
	vdisc_arena_init(&a, buf, sizeof(buf));
	assert_non_null(vdisc_arena_alloc(&a, 60, 1));
	assert_int_equal(a.used, 60);
	assert_null(vdisc_arena_alloc(&a, 8, 1));
	assert_int_equal(a.used, 60);
	/* Fits by size (4 <= 4 left), not once padded to 8. */
	assert_null(vdisc_arena_alloc(&a, 4, 8));
	assert_int_equal(a.used, 60);
	assert_null(vdisc_arena_alloc(&a, SIZE_MAX, 1));
	assert_int_equal(a.used, 60);
	/* Exactly the rest still fits. */
	assert_ptr_equal(vdisc_arena_alloc(&a, 4, 4), buf + 60);
	assert_int_equal(a.used, 64);
	assert_null(vdisc_arena_alloc(&a, 1, 1));
	assert_int_equal(a.used, 64);
}

/* The arena hands out zeroed memory, whatever the buffer held. */
static void test_arena_zeroes(void **state)
{
	_Alignas(16) unsigned char buf[64];
	struct vdisc_arena a;
	unsigned char *p;
	size_t i;

	(void)state;
	memset(buf, 0xa5, sizeof(buf));
	vdisc_arena_init(&a, buf, sizeof(buf));
	p = vdisc_arena_alloc_array(&a, 8, 4, 4);
	assert_non_null(p);
	for (i = 0; i < 32; i++)
		assert_int_equal(p[i], 0);
	assert_int_equal(buf[32], 0xa5);
}

/* count * size must not wrap into a small request. */
static void test_arena_alloc_array_overflow(void **state)
{
	_Alignas(16) unsigned char buf[64];
	struct vdisc_arena a;

	(void)state;
	vdisc_arena_init(&a, buf, sizeof(buf));
	/* (SIZE_MAX / 8 + 1) * 8 wraps to 0. */
	assert_null(vdisc_arena_alloc_array(&a, SIZE_MAX / 8 + 1, 8, 8));
	assert_null(vdisc_arena_alloc_array(&a, SIZE_MAX, SIZE_MAX, 1));
	assert_null(VDISC_ARENA_NEW(&a, uint32_t, SIZE_MAX / 2));
	assert_int_equal(a.used, 0);
	assert_ptr_equal(vdisc_arena_alloc_array(&a, 4, 8, 8), buf);
	assert_int_equal(a.used, 32);
}

static void test_arena_strndup(void **state)
{
	_Alignas(16) unsigned char buf[16];
	struct vdisc_arena a;
	char *s;

	(void)state;
	vdisc_arena_init(&a, buf, sizeof(buf));
	s = vdisc_arena_strndup(&a, "hello world", 5);
	assert_non_null(s);
	assert_string_equal(s, "hello");
	assert_int_equal(a.used, 6);
	assert_null(vdisc_arena_strndup(&a, "x", SIZE_MAX));	/* len + 1 would wrap */
	assert_null(vdisc_arena_strndup(&a, "0123456789", 10)); /* 11 > 10 left */
	assert_int_equal(a.used, 6);
}

/* An arena over no buffer holds nothing. */
static void test_arena_null_buffer(void **state)
{
	struct vdisc_arena a;

	(void)state;
	vdisc_arena_init(&a, NULL, 100);
	assert_int_equal(a.size, 0);
	assert_null(vdisc_arena_alloc(&a, 1, 1));
	assert_int_equal(a.used, 0);
}

/* Lists keep insertion order; a full arena is NULL / -VDISC_ENOMEM with counts untouched. */
static void test_model_lists(void **state)
{
	static const char *const names[] = {"a", "b"};
	_Alignas(16) unsigned char buf[4096];
	struct vdisc_strlist list = {names, 2}, none = {NULL, 0};
	struct vdisc_arena a, tiny;
	struct vdisc_model m;
	struct vdisc_device *d1, *d2, *d3;

	(void)state;
	vdisc_arena_init(&a, buf, sizeof(buf));
	memset(&m, 0xff, sizeof(m));
	vdisc_model_init(&m, &a);
	assert_ptr_equal(m.arena, &a);
	assert_null(m.devices);
	assert_null(m.diags);
	assert_int_equal(m.ndevices, 0);
	assert_int_equal(m.source, VDISC_SOURCE_NONE);

	d1 = vdisc_model_add_device(&m);
	d2 = vdisc_model_add_device(&m);
	d3 = vdisc_model_add_device(&m);
	assert_non_null(d1);
	assert_non_null(d2);
	assert_non_null(d3);
	assert_ptr_equal(m.devices, d1);
	assert_ptr_equal(d1->next, d2);
	assert_ptr_equal(d2->next, d3);
	assert_null(d3->next);
	assert_ptr_equal(m.devices_tail, d3);
	assert_int_equal(m.ndevices, 3);

	assert_int_equal(vdisc_model_add_diag(&m, -VDISC_EBADPROP, "/x", "reg", 3), 0);
	assert_int_equal(vdisc_model_add_diag(&m, -VDISC_ELOOP, NULL, NULL, 0), 0);
	assert_int_equal(m.ndiags, 2);
	assert_int_equal(m.diags->error, -VDISC_EBADPROP);
	assert_string_equal(m.diags->path, "/x");
	assert_string_equal(m.diags->prop, "reg");
	assert_int_equal(m.diags->value, 3);
	assert_int_equal(m.diags->next->error, -VDISC_ELOOP);
	assert_ptr_equal(m.diags_tail, m.diags->next);

	vdisc_arena_init(&tiny, buf, 8);
	m.arena = &tiny;
	assert_null(vdisc_model_add_device(&m));
	assert_int_equal(m.ndevices, 3);
	assert_ptr_equal(m.devices_tail, d3);
	assert_int_equal(vdisc_model_add_diag(&m, -VDISC_EIO, NULL, NULL, 0), -VDISC_ENOMEM);
	assert_int_equal(m.ndiags, 2);

	assert_true(vdisc_strlist_contains(&list, "b"));
	assert_false(vdisc_strlist_contains(&list, "c"));
	assert_false(vdisc_strlist_contains(&list, ""));
	assert_false(vdisc_strlist_contains(&none, "a"));
}

/*
 * A small machine exercising every part of the scan: memreserve,
 * reserved-memory (static no-map and dynamic reusable), RAM in two
 * ranges, two CPUs, /chosen with an aliased stdout-path carrying options,
 * a nexus, and a few problems that become diags.
 */
static void build_machine(struct bb *b)
{
	bb_start(b);
	bb_memreserve(b, 0x87000000, 0x1000);
	bb_begin(b, "");
	bb_bus(b, 2, 2);
	bb_string(b, "model", "vdisc,test-board");
	bb_strings(b, "compatible", "vdisc,test-board", "vdisc,test-soc");
	bb_begin(b, "aliases");
	bb_string(b, "serial0", "/soc/serial@10000000");
	bb_end(b);
	bb_begin(b, "chosen");
	bb_string(b, "bootargs", "console=ttyS0 root=/dev/vda");
	bb_string(b, "stdout-path", "serial0:115200n8");
	bb_end(b);
	bb_begin(b, "cpus");
	bb_bus(b, 1, 0);
	bb_begin(b, "cpu@0");
	bb_string(b, "device_type", "cpu");
	bb_cells(b, "reg", 0);
	bb_string(b, "compatible", "riscv");
	bb_string(b, "riscv,isa", "rv64imafdc");
	bb_string(b, "status", "okay");
	bb_begin(b, "interrupt-controller");
	bb_string(b, "compatible", "riscv,cpu-intc");
	bb_u32(b, "#interrupt-cells", 1);
	bb_empty(b, "interrupt-controller");
	bb_u32(b, "phandle", 9);
	bb_end(b);
	bb_end(b);
	bb_begin(b, "cpu@1");
	bb_string(b, "device_type", "cpu");
	bb_cells(b, "reg", 1);
	bb_string(b, "compatible", "riscv");
	bb_string(b, "status", "disabled");
	bb_string(b, "enable-method", "sbi");
	bb_end(b);
	bb_begin(b, "cpu-map");
	bb_end(b);
	bb_end(b);
	bb_begin(b, "memory@80000000");
	bb_string(b, "device_type", "memory");
	bb_cells(b, "reg", 0x0, 0x80000000, 0x0, 0x40000000, 0x1, 0x0, 0x0, 0x10000000);
	bb_end(b);
	bb_begin(b, "reserved-memory");
	bb_bus(b, 2, 2);
	bb_empty(b, "ranges");
	bb_begin(b, "mmode@80000000");
	bb_cells(b, "reg", 0x0, 0x80000000, 0x0, 0x40000);
	bb_empty(b, "no-map");
	bb_end(b);
	bb_begin(b, "cma");
	bb_string(b, "compatible", "shared-dma-pool");
	bb_empty(b, "reusable");
	bb_cells(b, "size", 0x0, 0x4000000);
	bb_end(b);
	bb_end(b);
	bb_begin(b, "soc");
	bb_bus(b, 2, 2);
	bb_string(b, "compatible", "simple-bus");
	bb_empty(b, "ranges");
	bb_begin(b, "plic@c000000");
	bb_string(b, "compatible", "sifive,plic-1.0.0");
	bb_cells(b, "reg", 0x0, 0xc000000, 0x0, 0x4000000);
	bb_u32(b, "#address-cells", 0);
	bb_u32(b, "#interrupt-cells", 1);
	bb_empty(b, "interrupt-controller");
	bb_cells(b, "interrupts-extended", 9, 11, 9, 9);
	bb_u32(b, "phandle", 1);
	bb_end(b);
	bb_begin(b, "serial@10000000");
	bb_string(b, "compatible", "ns16550a");
	bb_cells(b, "reg", 0x0, 0x10000000, 0x0, 0x100);
	bb_u32(b, "interrupt-parent", 1);
	bb_cells(b, "interrupts", 10);
	bb_end(b);
	bb_begin(b, "virtio_mmio@10001000");
	bb_string(b, "compatible", "virtio,mmio");
	bb_cells(b, "reg", 0x0, 0x10001000, 0x0, 0x1000);
	bb_u32(b, "interrupt-parent", 2);
	bb_cells(b, "interrupts", 1, 2);
	bb_end(b);
	bb_begin(b, "nexus");
	bb_u32(b, "#address-cells", 0);
	bb_u32(b, "#interrupt-cells", 1);
	bb_cells(b, "interrupt-map", 1, 1, 8);
	bb_u32(b, "phandle", 2);
	bb_end(b);
	bb_begin(b, "broken@0");
	bb_cells(b, "reg", 0x0);	     /* diag: not a whole entry */
	bb_u32(b, "interrupt-parent", 0x99); /* diag: dangling */
	bb_cells(b, "interrupts", 1);
	bb_end(b);
	bb_end(b);
	bb_begin(b, "empty");
	bb_end(b);
	bb_end(b);
}

/*
 * Devices are the nodes with reg, interrupts, interrupts-extended or
 * compatible, in depth-first tree order; the root, /aliases, /chosen,
 * /cpus, /cpus/cpu-map, /reserved-memory and /empty are not.
 */
static void test_scan_tree_order(void **state)
{
	static const char *const expected[] = {
		"/cpus/cpu@0",
		"/cpus/cpu@0/interrupt-controller",
		"/cpus/cpu@1",
		"/memory@80000000",
		"/reserved-memory/mmode@80000000",
		"/reserved-memory/cma",
		"/soc",
		"/soc/plic@c000000",
		"/soc/serial@10000000",
		"/soc/virtio_mmio@10001000",
		"/soc/broken@0",
	};
	const struct vdisc_device *d;
	struct vdisc_model m;
	size_t i = 0, size;
	struct bb b;

	(void)state;
	build_machine(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.source, VDISC_SOURCE_DTB);
	assert_ptr_equal(m.dt.blob, bb_finish(&b, &size));
	assert_string_equal(m.dt.machine, "vdisc,test-board");
	assert_int_equal(m.dt.compatible.count, 2);
	assert_string_equal(m.dt.compatible.items[1], "vdisc,test-soc");
	assert_int_equal(m.dt.nnodes, 19);

	for (d = m.devices; d; d = d->next, i++) {
		assert_true(i < sizeof(expected) / sizeof(expected[0]));
		assert_string_equal(d->path, expected[i]);
		assert_int_equal(d->bus, VDISC_BUS_DT);
	}
	assert_int_equal(i, sizeof(expected) / sizeof(expected[0]));
	assert_int_equal(m.ndevices, i);
	assert_null(find_device(&m, "/"));

	d = must_device(&m, "/soc/virtio_mmio@10001000");
	assert_string_equal(d->dt.name, "virtio_mmio@10001000");
	assert_int_equal(d->dt.depth, 2);
	assert_string_equal(d->dt.status, "okay");
	assert_true(d->dt.flags & VDISC_DEV_VIRTIO_MMIO);
	assert_int_equal(d->nirqs, 2);
	assert_string_equal(d->irqs[0].controller, "/soc/plic@c000000");
	assert_int_equal(d->irqs[0].line, 8);
	assert_int_equal(d->irqs[1].error, -VDISC_ENOMATCH);
	assert_true(must_device(&m, "/soc/plic@c000000")->dt.flags &
		    VDISC_DEV_INTERRUPT_CONTROLLER);
	assert_int_equal(must_device(&m, "/soc/plic@c000000")->nirqs, 2);
	assert_string_equal(must_device(&m, "/soc/plic@c000000")->irqs[1].controller,
			    "/cpus/cpu@0/interrupt-controller");
	assert_true(must_device(&m, "/memory@80000000")->dt.flags & VDISC_DEV_MEMORY);
	assert_true(must_device(&m, "/cpus/cpu@1")->dt.flags & VDISC_DEV_CPU);
	assert_string_equal(must_device(&m, "/cpus/cpu@1")->dt.status, "disabled");

	/* broken@0: a short reg and a dangling interrupt-parent, then the scan went on. */
	assert_non_null(find_diag(&m, -VDISC_EBADPROP, "/soc/broken@0", "reg"));
	assert_non_null(find_diag(&m, -VDISC_EBADPHANDLE, "/soc/broken@0", "interrupt-parent"));
	assert_non_null(find_diag(&m, -VDISC_ENOMATCH, "/soc/virtio_mmio@10001000", "interrupts"));
	assert_int_equal(m.ndiags, 3);
	/* No route for an interrupt is a warning; the other two make the tree malformed. */
	assert_int_equal(m.nerrors, 2);
}

/*
 * An opened tree walked with peek, skip and next: the peeked offsets are the
 * devices' own, a skipped device is never decoded (its problems are not
 * recorded), and getprop reads a node's property through the index.
 */
static void test_open_peek_skip_getprop(void **state)
{
	static unsigned char arena_buf[1 << 16], scratch_buf[1 << 12];
	struct vdisc_arena arena, scratch;
	struct vdisc_device *dev;
	struct vdisc_model m;
	uint32_t cursor = 0;
	const char *value;
	size_t size;
	int offset, len, decoded = 0, skipped = 0;
	const void *blob;
	struct bb b;

	(void)state;
	build_machine(&b);
	blob = bb_finish(&b, &size);
	vdisc_arena_init(&arena, arena_buf, sizeof(arena_buf));
	vdisc_model_init(&m, &arena);
	assert_int_equal(vdisc_fdt_open(blob, size, &m), 0);
	while ((offset = vdisc_fdt_peek_device(&m, &cursor)) >= 0) {
		/* Peeking again stays on the same device. */
		assert_int_equal(vdisc_fdt_peek_device(&m, &cursor), offset);
		value = vdisc_fdt_getprop(&m, offset, "compatible", &len);
		if (!value || strcmp(value, "virtio,mmio") != 0) {
			assert_int_equal(vdisc_fdt_skip_device(&m, &cursor), offset);
			skipped++;
			continue;
		}
		assert_int_equal((size_t)len, sizeof("virtio,mmio"));
		vdisc_arena_init(&scratch, scratch_buf, sizeof(scratch_buf));
		assert_int_equal(vdisc_fdt_next_device(&m, &cursor, &scratch, 0, &dev), 0);
		assert_non_null(dev);
		assert_int_equal(dev->dt.node_offset, offset);
		assert_string_equal(dev->path, "/soc/virtio_mmio@10001000");
		decoded++;
	}
	assert_int_equal(decoded, 1);
	assert_int_equal(skipped, 10);
	assert_int_equal(vdisc_fdt_skip_device(&m, &cursor), -1);
	/* Only the decoded device's problem was recorded; broken@0 was skipped. */
	assert_non_null(find_diag(&m, -VDISC_ENOMATCH, "/soc/virtio_mmio@10001000", "interrupts"));
	assert_int_equal(m.ndiags, 1);

	/* The root's property; an absent one; no node at the offset; a NULL name. */
	assert_string_equal(vdisc_fdt_getprop(&m, 0, "model", &len), "vdisc,test-board");
	assert_null(vdisc_fdt_getprop(&m, 0, "no-such-property", &len));
	assert_int_equal(len, 0);
	assert_null(vdisc_fdt_getprop(&m, 3, "model", NULL));
	assert_null(vdisc_fdt_getprop(&m, 0, NULL, NULL));
	assert_int_equal(vdisc_fdt_peek_device(NULL, &cursor), -1);

	/* Paths through the index give libfdt's offsets; /aliases without a walk. */
	assert_int_equal(vdisc_fdt_path_offset(&m, "/"), 0);
	assert_int_equal(vdisc_fdt_path_offset(&m, "/aliases"), fdt_path_offset(blob, "/aliases"));
	assert_int_equal(vdisc_fdt_path_offset(&m, "/soc/virtio_mmio@10001000"),
			 fdt_path_offset(blob, "/soc/virtio_mmio@10001000"));
	assert_int_equal(vdisc_fdt_path_offset(&m, "/__symbols__"), -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_fdt_path_offset(&m, "/soc/nothing"), -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_fdt_path_offset(&m, "soc"), -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_fdt_path_offset(&m, NULL), -VDISC_EINVAL);
	assert_int_equal(vdisc_fdt_path_offset(NULL, "/"), -VDISC_EINVAL);

	/* Each controller's offset is its path's. */
	for (cursor = 0; (value = vdisc_fdt_next_controller(&m, &cursor, &offset));)
		assert_int_equal(offset, fdt_path_offset(blob, value));
}

/*
 * A tree whose last allocation is a diag (no summary follows it): an
 * arena one byte short must fail at that diag, not drop it.
 */
static void build_diag_last(struct bb *b)
{
	bb_start(b);
	bb_begin(b, "");
	bb_begin(b, "dev");
	bb_u32(b, "interrupt-parent", 0x99);
	bb_cells(b, "interrupts", 1);
	bb_end(b);
	bb_end(b);
}

/*
 * Every arena smaller than what the scan of @b needs gives -VDISC_ENOMEM,
 * never a crash nor a "successful" model missing a diag or a device; each
 * try gets a heap buffer of exactly that size so ASan sees any write past
 * it.  The exact size succeeds with the full model.
 */
static void check_every_arena_size(struct bb *b)
{
	struct vdisc_model m;
	struct vdisc_arena a;
	size_t size, need, n;
	uint32_t ndevices, ndiags;
	const void *blob;
	void *buf;

	blob = bb_finish(b, &size);
	assert_non_null(blob);

	buf = malloc(1u << 20);
	assert_non_null(buf);
	vdisc_arena_init(&a, buf, 1u << 20);
	vdisc_model_init(&m, &a);
	assert_int_equal(vdisc_fdt_scan(blob, size, &m), 0);
	need = a.used;
	ndevices = m.ndevices;
	ndiags = m.ndiags;
	free(buf);
	assert_true(need > 0);
	assert_true(ndiags > 0);

	for (n = 0; n <= need; n++) {
		int rc;

		buf = malloc(n ? n : 1);
		assert_non_null(buf);
		vdisc_arena_init(&a, buf, n);
		vdisc_model_init(&m, &a);
		rc = vdisc_fdt_scan(blob, size, &m);
		free(buf);
		if (n < need && rc != -VDISC_ENOMEM)
			fail_msg("arena of %zu bytes (need %zu): scan returned %d with %u of %u "
				 "diags",
				 n, need, rc, m.ndiags, ndiags);
		if (n == need) {
			assert_int_equal(rc, 0);
			assert_int_equal(m.ndevices, ndevices);
			assert_int_equal(m.ndiags, ndiags);
		}
	}
}

static void test_scan_arena_too_small(void **state)
{
	struct bb b;

	(void)state;
	build_machine(&b);
	check_every_arena_size(&b);
	build_diag_last(&b);
	check_every_arena_size(&b);
}

/* A scan needs a model with an arena. */
static void test_scan_einval(void **state)
{
	struct vdisc_model m;
	const void *blob;
	size_t size;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_end(&b);
	blob = bb_finish(&b, &size);
	assert_non_null(blob);
	assert_int_equal(vdisc_fdt_scan(blob, size, NULL), -VDISC_EINVAL);
	vdisc_model_init(&m, NULL);
	assert_int_equal(vdisc_fdt_scan(blob, size, &m), -VDISC_EINVAL);
}

/*
 * A zero-sized /memory reg (Raspberry Pi 4, DB845c) is a placeholder the
 * bootloader fills in: left to firmware, its address and size unknown; a
 * sized entry beside it stays known.
 */
static void test_scan_memory_left_to_firmware(void **state)
{
	const struct vdisc_region *r;
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "memory@80000000");
	bb_string(&b, "device_type", "memory");
	bb_cells(&b, "reg", 0, 0x80000000, 0, 0, 1, 0, 0, 0x1000);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	r = m.memory;
	assert_non_null(r);
	assert_string_equal(r->path, "/memory@80000000");
	assert_true(r->left_to_firmware);
	assert_false(r->has_address);
	assert_int_equal(r->size, 0);
	r = r->next;
	assert_non_null(r);
	assert_false(r->left_to_firmware);
	assert_true(r->has_address);
	assert_int_equal(r->address, 0x100000000ull);
	assert_int_equal(r->size, 0x1000);
	assert_null(r->next);
}

/*
 * Memory: each reg range of a device_type "memory" node.  Reserved: the
 * /memreserve/ entry first (no path), then /reserved-memory children in
 * tree order, a static one with its translated reg and no-map, a dynamic
 * one with only a size.  CPUs: the device_type "cpu" children of /cpus,
 * with reg as their id.  /chosen: stdout-path is kept as written and the
 * alias before ':' is resolved through /aliases.
 */
static void test_scan_summary(void **state)
{
	const struct vdisc_region *r;
	const struct vdisc_cpu *cpu;
	struct vdisc_model m;
	struct bb b;

	(void)state;
	build_machine(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	r = m.memory;
	assert_non_null(r);
	assert_string_equal(r->path, "/memory@80000000");
	assert_true(r->has_address);
	assert_int_equal(r->address, 0x80000000);
	assert_int_equal(r->size, 0x40000000);
	r = r->next;
	assert_non_null(r);
	assert_int_equal(r->address, 0x100000000ull);
	assert_int_equal(r->size, 0x10000000);
	assert_null(r->next);

	r = m.reserved;
	assert_non_null(r);
	assert_null(r->path);
	assert_true(r->has_address);
	assert_int_equal(r->address, 0x87000000);
	assert_int_equal(r->size, 0x1000);
	r = r->next;
	assert_non_null(r);
	assert_string_equal(r->path, "/reserved-memory/mmode@80000000");
	assert_true(r->has_address);
	assert_int_equal(r->address, 0x80000000);
	assert_int_equal(r->size, 0x40000);
	assert_true(r->no_map);
	assert_false(r->reusable);
	r = r->next;
	assert_non_null(r);
	assert_string_equal(r->path, "/reserved-memory/cma");
	assert_false(r->has_address);
	assert_int_equal(r->size, 0x4000000);
	assert_true(r->reusable);
	assert_false(r->no_map);
	assert_null(r->next);

	assert_int_equal(m.ncpus, 2);
	cpu = m.cpus;
	assert_string_equal(cpu->path, "/cpus/cpu@0");
	assert_true(cpu->has_id);
	assert_int_equal(cpu->id, 0);
	assert_string_equal(cpu->compatible, "riscv");
	assert_string_equal(cpu->isa, "rv64imafdc");
	assert_string_equal(cpu->status, "okay");
	cpu = cpu->next;
	assert_non_null(cpu);
	assert_string_equal(cpu->path, "/cpus/cpu@1");
	assert_int_equal(cpu->id, 1);
	assert_string_equal(cpu->status, "disabled");
	assert_null(cpu->isa);
	assert_string_equal(cpu->enable_method, "sbi");
	assert_null(cpu->next);

	assert_string_equal(m.dt.bootargs, "console=ttyS0 root=/dev/vda");
	assert_string_equal(m.dt.stdout_path, "serial0:115200n8");
	assert_non_null(m.dt.stdout_node);
	assert_string_equal(m.dt.stdout_node, "/soc/serial@10000000");
}

/* stdout-path as a full path with options; and an alias that does not exist. */
static void test_scan_stdout_path_forms(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_begin(&b, "chosen");
	bb_string(&b, "stdout-path", "/uart@1000:115200n8");
	bb_end(&b);
	bb_begin(&b, "uart@1000");
	bb_cells(&b, "reg", 0x0, 0x1000, 0x100);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_string_equal(m.dt.stdout_path, "/uart@1000:115200n8");
	assert_non_null(m.dt.stdout_node);
	assert_string_equal(m.dt.stdout_node, "/uart@1000");

	bb_start(&b);
	bb_begin(&b, "");
	bb_begin(&b, "aliases");
	bb_string(&b, "serial1", "/uart@1000");
	bb_end(&b);
	bb_begin(&b, "chosen");
	bb_string(&b, "stdout-path", "serial0");
	bb_end(&b);
	bb_begin(&b, "uart@1000");
	bb_cells(&b, "reg", 0x0, 0x1000, 0x100);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_string_equal(m.dt.stdout_path, "serial0");
	assert_null(m.dt.stdout_node);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_alignment),
		cmocka_unit_test(test_arena_bad_alignment),
		cmocka_unit_test(test_arena_exhaustion),
		cmocka_unit_test(test_arena_zeroes),
		cmocka_unit_test(test_arena_alloc_array_overflow),
		cmocka_unit_test(test_arena_strndup),
		cmocka_unit_test(test_arena_null_buffer),
		cmocka_unit_test(test_model_lists),
		cmocka_unit_test(test_scan_tree_order),
		cmocka_unit_test(test_open_peek_skip_getprop),
		cmocka_unit_test(test_scan_arena_too_small),
		cmocka_unit_test(test_scan_einval),
		cmocka_unit_test(test_scan_summary),
		cmocka_unit_test(test_scan_memory_left_to_firmware),
		cmocka_unit_test(test_scan_stdout_path_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
