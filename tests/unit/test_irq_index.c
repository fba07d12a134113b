/* SPDX-License-Identifier: MIT */
/*
 * The interrupt-map index (src/fdt/irq.c): a large map is parsed once into
 * a hash of masked keys, and every crossing must give what the entry-by-entry
 * walk of Linux's of_irq_parse_raw() gives.  Each tree is scanned (crossing
 * its maps through the index) and then resolved again with the index taken
 * away, so the two paths are compared on the same tree; this is why the test
 * reaches into the scan's private node index (src/fdt/fdt_internal.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/fdt/fdt_internal.h"
#include "model_asserts.h"

static void assert_same_irq(const struct vdisc_irq *a, const struct vdisc_irq *b)
{
	assert_int_equal(a->error, b->error);
	assert_ptr_equal(a->controller, b->controller);
	assert_ptr_equal(a->via, b->via);
	assert_int_equal(a->ncells, b->ncells);
	assert_memory_equal(a->cells, b->cells, a->ncells * sizeof(uint32_t));
	assert_int_equal(a->has_line, b->has_line);
	if (a->has_line)
		assert_int_equal(a->line, b->line);
}

/*
 * Resolve every device's interrupts again by walking the maps, and check
 * the results and the diagnostics against the scan's.  Returns the number
 * of interrupts compared.
 */
static unsigned assert_index_matches_walk(struct vdisc_model *m)
{
	const struct fdt_tree_ *tree = m->dt.fdt_index;
	struct fdt_tree_ walk = *tree;
	const struct vdisc_diag *a, *b;
	unsigned compared = 0;
	uint32_t i, k, n, before = m->ndiags;

	walk.irq_table = NULL;
	/* A marker, so that the walk's first diagnostic is not merged into the scan's last. */
	assert_int_equal(vdisc_model_add_diag(m, -VDISC_EINVAL, NULL, NULL, 0), 0);
	*walk.last_diag = (struct fdt_diag_key_){0};
	a = m->diags;
	b = m->diags_tail;
	for (i = 1; i < tree->count; i++) {
		const struct vdisc_device *dev = tree->nodes[i].device;
		struct vdisc_irq *irqs;

		if (!dev)
			continue;
		assert_int_equal(vdisc_fdt_resolve_irqs_(&walk, i, &irqs, &n), 0);
		assert_int_equal(n, dev->nirqs);
		for (k = 0; k < n; k++, compared++)
			assert_same_irq(&dev->irqs[k], &irqs[k]);
	}
	/* As many diagnostics again; listed only below VDISC_MODEL_MAX_DIAGS, so compared there. */
	assert_int_equal(m->ndiags, 2 * before + 1);
	if (m->ndiags > VDISC_MODEL_MAX_DIAGS)
		return compared;
	/* The scan's diagnostics, up to the marker, again in the same order. */
	for (b = b->next; a->error != -VDISC_EINVAL; a = a->next, b = b->next) {
		assert_non_null(b);
		assert_int_equal(a->error, b->error);
		assert_ptr_equal(a->path, b->path);
		assert_string_equal(a->prop, b->prop);
		assert_int_equal(a->value, b->value);
	}
	assert_null(b);
	return compared;
}

static void bb_controller(struct bb *b, const char *name, const char *compatible,
			  uint32_t address_cells, uint32_t interrupt_cells, uint32_t phandle)
{
	bb_begin(b, name);
	bb_string(b, "compatible", compatible);
	bb_u32(b, "#address-cells", address_cells);
	bb_u32(b, "#interrupt-cells", interrupt_cells);
	bb_empty(b, "interrupt-controller");
	bb_u32(b, "phandle", phandle);
}

/*
 * A nexus keyed on <unit specifier> under mask <0xff00 7>, its map padded
 * with ten unrelated entries to the size that is indexed.  Entries carry
 * bits outside the mask and still match; of several entries with one
 * masked key the first wins, unless its parent is disabled; parents have
 * different cell counts (a PLIC: 0 + 1, a GIC: 1 + 3); a key with no
 * entry is a warning on the device.
 */
static void test_first_match_under_mask(void **state)
{
	uint32_t map[64 + 32], n = 0, k;
	const struct fdt_tree_ *tree;
	struct vdisc_model m;
	const struct vdisc_device *d;
	const struct vdisc_diag *diag;
	struct bb b;

	(void)state;
	for (k = 0; k < 10; k++) {
		const uint32_t filler[] = {0x8000 + k * 0x100, 1, 1, 100 + k};

		memcpy(map + n, filler, sizeof(filler));
		n += 4;
	}
	{
		const uint32_t entries[] = {
			0x1234, 1,    1, 10,	       /* (0x1200, 1): the first, taken */
			0x12ff, 1,    1, 11,	       /* (0x1200, 1) again: never taken */
			0x1300, 0x9,  3, 20,	       /* (0x1300, 1) to a disabled PLIC */
			0x1300, 1,    2, 0,  0, 21, 4, /* (0x1300, 1): GIC SPI 21 */
			0x1300, 1,    1, 12,	       /* (0x1300, 1) again: never taken */
			0x1400, 0xfa, 2, 0,  1, 5,  4, /* (0x1400, 2): GIC PPI 5 */
		};

		memcpy(map + n, entries, sizeof(entries));
		n += sizeof(entries) / sizeof(entries[0]);
	}
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_controller(&b, "plic", "riscv,plic0", 0, 1, 1);
	bb_end(&b);
	bb_controller(&b, "gic", "arm,gic-400", 1, 3, 2);
	bb_end(&b);
	bb_controller(&b, "plic-off", "riscv,plic0", 0, 1, 3);
	bb_string(&b, "status", "disabled");
	bb_end(&b);
	bb_begin(&b, "nexus@0");
	bb_bus(&b, 1, 1);
	bb_u32(&b, "#interrupt-cells", 1);
	bb_cells(&b, "interrupt-map-mask", 0xff00, 7);
	bb_cells_(&b, "interrupt-map", map, n);
	bb_begin(&b, "dev@1299");
	bb_cells(&b, "reg", 0x1299, 0x10);
	bb_cells(&b, "interrupts", 1, 2);
	bb_end(&b);
	bb_begin(&b, "dev@1301");
	bb_cells(&b, "reg", 0x1301, 0x10);
	bb_cells(&b, "interrupts", 0x19);
	bb_end(&b);
	bb_begin(&b, "dev@14ff");
	bb_cells(&b, "reg", 0x14ff, 0x10);
	bb_cells(&b, "interrupts", 2);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	tree = m.dt.fdt_index;
	assert_int_equal(tree->irq_table->indexed, 1);

	d = must_device(&m, "/nexus@0/dev@1299");
	assert_int_equal(d->nirqs, 2);
	assert_int_equal(d->irqs[0].error, 0);
	assert_string_equal(d->irqs[0].controller, "/plic");
	assert_int_equal(d->irqs[0].cells[0], 10);
	assert_string_equal(d->irqs[0].via, "/nexus@0");
	assert_int_equal(d->irqs[1].error, -VDISC_ENOMATCH);
	assert_null(d->irqs[1].controller);
	diag = find_diag(&m, -VDISC_ENOMATCH, "/nexus@0/dev@1299", "interrupts");
	assert_non_null(diag);
	assert_int_equal(diag->value, 2);
	assert_int_equal(m.ndiags, 1);

	d = must_device(&m, "/nexus@0/dev@1301");
	assert_int_equal(d->nirqs, 1);
	assert_string_equal(d->irqs[0].controller, "/gic");
	assert_int_equal(d->irqs[0].ncells, 3);
	assert_true(d->irqs[0].has_line);
	assert_int_equal(d->irqs[0].line, 32 + 21);

	d = must_device(&m, "/nexus@0/dev@14ff");
	assert_int_equal(d->nirqs, 1);
	assert_string_equal(d->irqs[0].controller, "/gic");
	assert_true(d->irqs[0].has_line);
	assert_int_equal(d->irqs[0].line, 16 + 5);

	assert_int_equal(assert_index_matches_walk(&m), 4);
}

/*
 * A large map with a dangling phandle in its middle is not indexed: a
 * device matched before the broken entry resolves, one that has to walk
 * past it gets the map's -VDISC_EBADPHANDLE, exactly as before.
 */
static void test_broken_map_is_walked(void **state)
{
	uint32_t map[80], n = 0, k;
	const struct fdt_tree_ *tree;
	struct vdisc_model m;
	struct bb b;

	(void)state;
	for (k = 0; k < 24; k++) {
		map[n++] = k;
		map[n++] = k == 10 ? 99 : 1;
		map[n++] = 200 + k;
	}
	bb_start(&b);
	bb_begin(&b, "");
	bb_controller(&b, "plic", "riscv,plic0", 0, 1, 1);
	bb_end(&b);
	bb_begin(&b, "nexus");
	bb_u32(&b, "#address-cells", 0);
	bb_u32(&b, "#interrupt-cells", 1);
	bb_cells_(&b, "interrupt-map", map, n);
	bb_begin(&b, "dev");
	bb_cells(&b, "interrupts", 3, 15);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	tree = m.dt.fdt_index;
	assert_int_equal(tree->irq_table->indexed, 0);
	assert_int_equal(must_device(&m, "/nexus/dev")->irqs[0].cells[0], 203);
	assert_int_equal(must_device(&m, "/nexus/dev")->irqs[1].error, -VDISC_EBADPHANDLE);
	assert_non_null(find_diag(&m, -VDISC_EBADPHANDLE, "/nexus", "interrupt-map"));
	assert_int_equal(assert_index_matches_walk(&m), 2);
}

/*
 * A PCI host bridge with a 1,000-entry map and 4,000 devices behind it, too
 * big for the blob builder: libfdt's sequential-write API into the heap.
 * Entry e routes (slot 37e mod 300, pin 1 + e mod 4) with bits outside the
 * mask in every child cell; each key recurs every 300 entries with another
 * parent (a GIC with #address-cells 2, a PLIC, a disabled PLIC), so both
 * the first-match rule and the availability rule decide.  Devices sit in
 * slots 0..319, so slots 300..319 and the keys no entry has miss.
 */
#define PCI_ENTRIES 1000u
#define PCI_DEVICES 4000u

static void fdt_cells(void *fdt, const char *name, const uint32_t *cells, size_t n)
{
	fdt32_t be[16];
	size_t i;

	for (i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	assert_int_equal(fdt_property(fdt, name, be, (int)(n * sizeof(be[0]))), 0);
}

#define fdt_u32s(fdt, name, ...)                                  \
	fdt_cells((fdt), (name), (const uint32_t[]){__VA_ARGS__}, \
		  sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t))

static void pci_controllers(void *fdt)
{
	assert_int_equal(fdt_begin_node(fdt, "gic"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "arm,gic-400"), 0);
	fdt_u32s(fdt, "#address-cells", 2);
	fdt_u32s(fdt, "#interrupt-cells", 3);
	assert_int_equal(fdt_property(fdt, "interrupt-controller", NULL, 0), 0);
	fdt_u32s(fdt, "phandle", 1);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "plic"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "riscv,plic0"), 0);
	fdt_u32s(fdt, "#interrupt-cells", 1);
	assert_int_equal(fdt_property(fdt, "interrupt-controller", NULL, 0), 0);
	fdt_u32s(fdt, "phandle", 2);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "plic-off"), 0);
	assert_int_equal(fdt_property_string(fdt, "status", "disabled"), 0);
	fdt_u32s(fdt, "#interrupt-cells", 1);
	assert_int_equal(fdt_property(fdt, "interrupt-controller", NULL, 0), 0);
	fdt_u32s(fdt, "phandle", 3);
	assert_int_equal(fdt_end_node(fdt), 0);
}

static void pci_map(void *fdt)
{
	fdt32_t *map = calloc(PCI_ENTRIES * 10, sizeof(*map));
	uint32_t e, n = 0;

	assert_non_null(map);
	for (e = 0; e < PCI_ENTRIES; e++) {
		map[n++] = cpu_to_fdt32((e * 37 % 300) << 11 | (e % 8) << 8);
		map[n++] = cpu_to_fdt32(e);
		map[n++] = cpu_to_fdt32(e * 3);
		map[n++] = cpu_to_fdt32((1 + e % 4) | (e % 2) << 4);
		if (e % 5 == 0) {
			map[n++] = cpu_to_fdt32(3);
			map[n++] = cpu_to_fdt32(e);
		} else if (e % 5 < 3) {
			map[n++] = cpu_to_fdt32(1);
			map[n++] = 0;
			map[n++] = 0;
			map[n++] = cpu_to_fdt32(e % 2);
			map[n++] = cpu_to_fdt32(e % 900);
			map[n++] = cpu_to_fdt32(4);
		} else {
			map[n++] = cpu_to_fdt32(2);
			map[n++] = cpu_to_fdt32(1000 + e);
		}
	}
	assert_int_equal(fdt_property(fdt, "interrupt-map", map, (int)(n * sizeof(*map))), 0);
	free(map);
}

static void *pci_tree(void)
{
	const size_t size = 4u << 20;
	void *fdt = malloc(size);
	char name[32];
	uint32_t d;

	assert_non_null(fdt);
	assert_int_equal(fdt_create(fdt, (int)size), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	fdt_u32s(fdt, "#address-cells", 2);
	fdt_u32s(fdt, "#size-cells", 2);
	pci_controllers(fdt);
	assert_int_equal(fdt_begin_node(fdt, "pcie@40000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "pci"), 0);
	fdt_u32s(fdt, "#address-cells", 3);
	fdt_u32s(fdt, "#size-cells", 2);
	fdt_u32s(fdt, "#interrupt-cells", 1);
	fdt_u32s(fdt, "interrupt-map-mask", 0xf800, 0, 0, 7);
	pci_map(fdt);
	for (d = 0; d < PCI_DEVICES; d++) {
		snprintf(name, sizeof(name), "dev@%x,%x,%x", d % 320, d % 8, d);
		assert_int_equal(fdt_begin_node(fdt, name), 0);
		fdt_u32s(fdt, "reg", (d % 320) << 11 | (d % 8) << 8, 0, 0, 0, 0);
		fdt_u32s(fdt, "interrupts", 1 + d % 4, 1 + d / 4 % 4);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt;
}

static void test_pci_map_many_crossings(void **state)
{
	const size_t arena_size = 64u << 20;
	void *fdt = pci_tree(), *buf = malloc(arena_size);
	const struct fdt_tree_ *tree;
	struct vdisc_arena arena;
	struct vdisc_model m;
	unsigned resolved = 0, i;

	(void)state;
	assert_non_null(buf);
	vdisc_arena_init(&arena, buf, arena_size);
	vdisc_model_init(&m, &arena);
	assert_int_equal(vdisc_fdt_scan(fdt, fdt_totalsize(fdt), &m), 0);
	tree = m.dt.fdt_index;
	assert_int_equal(tree->irq_table->indexed, 1);
	assert_int_equal(m.ndevices, 2 + PCI_DEVICES); /* gic, plic */
	for (i = 0; i < tree->count; i++)
		if (tree->nodes[i].device)
			resolved += tree->nodes[i].device->nirqs == 2 &&
				    tree->nodes[i].device->irqs[0].error == 0;
	/* Both hits and misses, on both kinds of controller. */
	assert_true(resolved > PCI_DEVICES / 8);
	/* Misses are warnings; past VDISC_MODEL_MAX_DIAGS they are counted, not listed. */
	assert_true(m.ndiags - m.nerrors > PCI_DEVICES / 8);
	assert_int_equal(count_diags(&m, -VDISC_ENOMATCH), VDISC_MODEL_MAX_DIAGS);
	assert_int_equal(assert_index_matches_walk(&m), 2 * PCI_DEVICES);
	free(buf);
	free(fdt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_match_under_mask),
		cmocka_unit_test(test_broken_map_is_walked),
		cmocka_unit_test(test_pci_map_many_crossings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
