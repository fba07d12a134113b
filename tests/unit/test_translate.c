/* SPDX-License-Identifier: MIT */
/*
 * reg decoding and address translation, against Linux's
 * of_translate_address(): walk up through each bus's "ranges"; an empty
 * ranges is 1:1; a missing one means the bus is not memory-mapped; a bus
 * whose #size-cells is 0 has no CPU addresses; PCI ranges match on the
 * space code (I/O vs memory) before the address.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model_asserts.h"

/* A reg entry that reached the CPU at @addr. */
#define assert_mapped(reg, addr, sz)                   \
	do {                                           \
		const struct vdisc_reg *r_ = (reg);    \
		assert_int_equal(r_->error, 0);        \
		assert_true(r_->translated);           \
		assert_int_equal(r_->address, (addr)); \
		assert_true(r_->has_size);             \
		assert_int_equal(r_->size, (sz));      \
	} while (0)

/* A reg entry that did not, and why (0: the bus is simply not mapped). */
#define assert_unmapped(reg, err)                   \
	do {                                        \
		const struct vdisc_reg *r_ = (reg); \
		assert_false(r_->translated);       \
		assert_int_equal(r_->error, (err)); \
	} while (0)

/* Children of the root are already CPU addresses: no ranges is consulted. */
static void test_root_children_identity(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "uart@10000000");
	bb_cells(&b, "reg", 0x0, 0x10000000, 0x0, 0x100, 0x1, 0x2000, 0x0, 0x20);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/uart@10000000");
	assert_null(d->dt.cells); /* the parent's own counts: nothing to say */
	assert_int_equal(d->nregs, 2);
	assert_int_equal(d->regs[0].ncells, 2);
	assert_int_equal(d->regs[0].bus_cells[0], 0);
	assert_int_equal(d->regs[0].bus_cells[1], 0x10000000);
	assert_int_equal(d->regs[0].bus_address, 0x10000000);
	assert_mapped(&d->regs[0], 0x10000000, 0x100);
	/* Two cells make one 64-bit number: <0x1 0x2000> is 0x1_0000_2000. */
	assert_int_equal(d->regs[1].bus_address, 0x100002000ull);
	assert_mapped(&d->regs[1], 0x100002000ull, 0x20);
}

/*
 * An empty ranges is identity (of_translate_one: "empty ranges; 1:1"),
 * even when the cell counts differ: the child address is the offset into
 * parent address 0.
 */
static void test_empty_ranges_is_identity(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "soc");
	bb_bus(&b, 2, 2);
	bb_empty(&b, "ranges");
	bb_begin(&b, "ram@100000000");
	bb_cells(&b, "reg", 0x1, 0x0, 0x0, 0x1000);
	bb_end(&b);
	bb_end(&b);
	bb_begin(&b, "narrow");
	bb_bus(&b, 1, 1);
	bb_empty(&b, "ranges");
	bb_begin(&b, "dev@9000000");
	bb_cells(&b, "reg", 0x9000000, 0x1000);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	assert_mapped(&must_device(&m, "/soc/ram@100000000")->regs[0], 0x100000000ull, 0x1000);
	/* 1-cell child into 2-cell parent: 0x9000000 becomes <0 0x9000000>. */
	assert_mapped(&must_device(&m, "/narrow/dev@9000000")->regs[0], 0x9000000, 0x1000);
}

/*
 * A non-root parent without ranges: of_translate_one returns 1 ("no
 * ranges; cannot translate"), the device is not memory-mapped; that is no
 * error, and the bus address and size are still reported.
 */
static void test_missing_ranges_not_translated(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "bus");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "dev@50");
	bb_cells(&b, "reg", 0x50, 0x10);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/bus/dev@50");
	assert_int_equal(d->nregs, 1);
	assert_unmapped(&d->regs[0], 0);
	assert_int_equal(d->regs[0].bus_address, 0x50);
	assert_true(d->regs[0].has_size);
	assert_int_equal(d->regs[0].size, 0x10);
}

/*
 * ranges of three <child parent size> entries; each address takes the
 * entry whose [child, child+size) holds it (of_bus_default_map), so the
 * first cell of a window maps to its parent base and the first byte past
 * the last window maps nowhere.
 */
static void test_multi_entry_ranges(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "soc");
	bb_bus(&b, 1, 1);
	bb_cells(&b, "ranges", 0x0000, 0x10000000, 0x1000, /* window A */
		 0x1000, 0x20000000, 0x1000,		   /* window B */
		 0x2000, 0x30000000, 0x1000);		   /* window C */
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 0x0000, 0x10, /* A, first byte: 0x10000000 */
		 0x1000, 0x10,		  /* B, first byte: 0x20000000 */
		 0x1010, 0x10,		  /* B + 0x10: 0x20000010 */
		 0x2ff0, 0x10,		  /* C + 0xff0: 0x30000ff0 */
		 0x0fff, 0x1,		  /* A, last byte: 0x10000fff */
		 0x3000, 0x10);		  /* one past C: no window */
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/soc/dev@0");
	assert_int_equal(d->nregs, 6);
	assert_mapped(&d->regs[0], 0x10000000, 0x10);
	assert_mapped(&d->regs[1], 0x20000000, 0x10);
	assert_mapped(&d->regs[2], 0x20000010, 0x10);
	assert_mapped(&d->regs[3], 0x30000ff0, 0x10);
	assert_mapped(&d->regs[4], 0x10000fff, 0x1);
	assert_unmapped(&d->regs[5], -VDISC_EUNTRANSLATABLE);
	assert_int_equal(d->regs[5].bus_address, 0x3000);
}

/*
 * A 1/1 bus under a 2/2 root: ranges entries are <child(1) parent(2)
 * size(1)> = 4 cells.  <0x0  0x0 0x40000000  0x10000000> puts bus 0x1000
 * at 0x40001000.
 */
static void test_nested_1_1_under_2_2(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "soc");
	bb_bus(&b, 1, 1);
	bb_cells(&b, "ranges", 0x0, 0x0, 0x40000000, 0x10000000);
	bb_begin(&b, "dev@1000");
	bb_cells(&b, "reg", 0x1000, 0x100);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);
	assert_mapped(&must_device(&m, "/soc/dev@1000")->regs[0], 0x40001000, 0x100);
}

/*
 * Three levels with changing widths: root 2/2 > soc 1/1 > bus 2/1.
 * bus ranges <0x1 0x0  0x100000  0x10000> (child 2, parent 1, size 1)
 * takes bus address 0x1_00000020 to soc 0x100020; soc ranges
 * <0x0  0x0 0x40000000  0x10000000> takes that to 0x40100020.
 * A second tree puts a 2/1 bus directly under a 1/1 root:
 * <0x2 0x0  0x80000000  0x1000> takes 0x2_00000010 to 0x80000010.
 */
static void test_nested_2_1_under_1_1(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "soc");
	bb_bus(&b, 1, 1);
	bb_cells(&b, "ranges", 0x0, 0x0, 0x40000000, 0x10000000);
	bb_begin(&b, "bus@100000");
	bb_bus(&b, 2, 1);
	bb_cells(&b, "ranges", 0x1, 0x0, 0x100000, 0x10000);
	bb_begin(&b, "dev@1,20");
	bb_cells(&b, "reg", 0x1, 0x20, 0x10);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);
	d = must_device(&m, "/soc/bus@100000/dev@1,20");
	assert_int_equal(d->nregs, 1);
	assert_int_equal(d->regs[0].ncells, 2);
	assert_int_equal(d->regs[0].bus_address, 0x100000020ull);
	assert_mapped(&d->regs[0], 0x40100020, 0x10);

	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "bus");
	bb_bus(&b, 2, 1);
	bb_cells(&b, "ranges", 0x2, 0x0, 0x80000000, 0x1000);
	bb_begin(&b, "dev@2,10");
	bb_cells(&b, "reg", 0x2, 0x10, 0x8);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);
	assert_mapped(&must_device(&m, "/bus/dev@2,10")->regs[0], 0x80000010, 0x8);
}

/* Below the first window and between windows: no entry covers it (OF_BAD_ADDR). */
static void test_outside_every_entry(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "soc");
	bb_bus(&b, 1, 1);
	bb_cells(&b, "ranges", 0x1000, 0x10000000, 0x1000, 0x4000, 0x20000000, 0x1000);
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 0x0, 0x10, 0x2800, 0x10, 0x4800, 0x10);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	d = must_device(&m, "/soc/dev@0");
	assert_int_equal(d->nregs, 3);
	assert_unmapped(&d->regs[0], -VDISC_EUNTRANSLATABLE);
	assert_unmapped(&d->regs[1], -VDISC_EUNTRANSLATABLE);
	assert_mapped(&d->regs[2], 0x20000800, 0x10);
	/* A per-reg failure is reported in the reg, not as a diag. */
	assert_int_equal(m.ndiags, 0);
}

/*
 * PCI: 3-cell addresses, phys.hi carries the space code (24-25).
 * of_bus_pci_map rejects an entry whose type differs ((af ^ rf) &
 * (IORESOURCE_MEM | IORESOURCE_IO)), then compares the low 64 bits.  So a
 * memory address inside the I/O window's numbers is not in the I/O
 * window; 32/64-bit and prefetchable memory are all "memory" (0x42 matches
 * the 0x02 window, 0x03 the 0x43 window); config space (0) matches no
 * window here.  The PCI translate skips phys.hi when adding the offset.
 */
static void test_pci_space_codes(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "pcie@30000000");
	bb_string(&b, "device_type", "pci");
	bb_string(&b, "compatible", "pci-host-ecam-generic");
	bb_bus(&b, 3, 2);
	bb_cells(&b, "reg", 0x0, 0x30000000, 0x0, 0x10000000);
	bb_cells(&b, "ranges",
		 /* I/O: bus 0..0xffff at CPU 0x3eff0000 */
		 0x01000000, 0x0, 0x00000000, 0x0, 0x3eff0000, 0x0, 0x00010000,
		 /* 32-bit memory: identity at 0x10000000 */
		 0x02000000, 0x0, 0x10000000, 0x0, 0x10000000, 0x0, 0x2eff0000,
		 /* 64-bit prefetchable memory: identity at 0x80_0000_0000 */
		 0x43000000, 0x80, 0x00000000, 0x80, 0x00000000, 0x80, 0x00000000);
	bb_begin(&b, "dev@1,0");
	bb_cells(&b, "reg", 0x01000800, 0x0, 0x100, 0x0, 0x20, /* I/O 0x100 */
		 0x02000800, 0x0, 0x1000, 0x0,
		 0x100, /* mem 0x1000: only the I/O window's numbers */
		 0x02000800, 0x0, 0x10001000, 0x0, 0x100, /* mem32 */
		 0x42000800, 0x0, 0x10002000, 0x0, 0x100, /* mem32 prefetchable */
		 0x43000800, 0x80, 0x1000, 0x0, 0x4000,	  /* mem64 prefetchable */
		 0x03000800, 0x80, 0x2000, 0x0, 0x10,	  /* mem64 non-prefetchable */
		 0x01000800, 0x0, 0x10000000, 0x0, 0x10,  /* I/O inside mem32's numbers */
		 0x00000800, 0x0, 0x0, 0x0, 0x0);	  /* config space */
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	assert_mapped(&must_device(&m, "/pcie@30000000")->regs[0], 0x30000000, 0x10000000);
	d = must_device(&m, "/pcie@30000000/dev@1,0");
	assert_int_equal(d->nregs, 8);
	assert_int_equal(d->regs[0].ncells, 3);
	assert_int_equal(d->regs[0].bus_cells[0], 0x01000800);
	assert_int_equal(d->regs[0].bus_address, 0x100); /* low 64 bits */
	assert_mapped(&d->regs[0], 0x3eff0100, 0x20);
	assert_unmapped(&d->regs[1], -VDISC_EUNTRANSLATABLE);
	assert_mapped(&d->regs[2], 0x10001000, 0x100);
	assert_mapped(&d->regs[3], 0x10002000, 0x100);
	assert_mapped(&d->regs[4], 0x8000001000ull, 0x4000);
	assert_mapped(&d->regs[5], 0x8000002000ull, 0x10);
	assert_unmapped(&d->regs[6], -VDISC_EUNTRANSLATABLE);
	/* Config space is reached through the host bridge: not memory-mapped, and not an error. */
	assert_unmapped(&d->regs[7], 0);
}

/*
 * ISA (a node named "isa"): 2-cell addresses whose first cell says I/O
 * (bit 0 set) or memory; of_bus_isa_map matches the type first, like PCI.
 * The same number 0x3f8 lands in the I/O or the memory window.
 */
static void test_isa_space(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "isa@3f000000");
	bb_bus(&b, 2, 1);
	bb_cells(&b, "ranges", 0x1, 0x0, 0x0, 0x3f000000, 0x10000, /* I/O */
		 0x0, 0x0, 0x0, 0x80000000, 0x100000);		   /* memory */
	bb_begin(&b, "serial@i3f8");
	bb_cells(&b, "reg", 0x1, 0x3f8, 0x8, 0x0, 0x3f8, 0x8, 0x1, 0x20000, 0x8);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);
	d = must_device(&m, "/isa@3f000000/serial@i3f8");
	assert_int_equal(d->nregs, 3);
	assert_mapped(&d->regs[0], 0x3f0003f8, 0x8);
	assert_mapped(&d->regs[1], 0x800003f8, 0x8);
	/* The model keeps the space apart from the number, as Linux's resource flags do. */
	assert_int_equal(d->regs[0].space, VDISC_REG_SPACE_IO);
	assert_int_equal(d->regs[0].bus_address, 0x3f8);
	assert_int_equal(d->regs[1].space, VDISC_REG_SPACE_MEM);
	assert_int_equal(d->regs[1].bus_address, 0x3f8);
	/* I/O 0x20000 is inside the memory window's numbers, not the I/O window. */
	assert_unmapped(&d->regs[2], -VDISC_EUNTRANSLATABLE);
}

/*
 * #size-cells 0 (cpus, i2c): OF_CHECK_COUNTS fails for the bus, there is
 * no CPU address and no size; that is the bus's nature, not an error.
 */
static void test_size_cells_zero(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "cpus");
	bb_bus(&b, 1, 0);
	bb_begin(&b, "cpu@3");
	bb_string(&b, "device_type", "cpu");
	bb_cells(&b, "reg", 0x3);
	bb_end(&b);
	bb_end(&b);
	bb_begin(&b, "soc");
	bb_bus(&b, 1, 1);
	bb_empty(&b, "ranges");
	bb_begin(&b, "i2c@10030000");
	bb_cells(&b, "reg", 0x10030000, 0x1000);
	bb_bus(&b, 1, 0);
	bb_begin(&b, "rtc@68");
	bb_cells(&b, "reg", 0x68);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/cpus/cpu@3");
	assert_int_equal(d->nregs, 1);
	assert_false(d->regs[0].has_size);
	assert_unmapped(&d->regs[0], 0);
	assert_int_equal(d->regs[0].bus_address, 3);
	assert_int_equal(d->regs[0].ncells, 1);

	assert_mapped(&must_device(&m, "/soc/i2c@10030000")->regs[0], 0x10030000, 0x1000);
	d = must_device(&m, "/soc/i2c@10030000/rtc@68");
	assert_int_equal(d->nregs, 1);
	assert_false(d->regs[0].has_size);
	assert_unmapped(&d->regs[0], 0);
	assert_int_equal(d->regs[0].bus_address, 0x68);
}

/*
 * reg must be a whole number of (#address-cells + #size-cells) entries:
 * 3 cells on a 1/1 bus is malformed.  So is a byte length that is not a
 * whole number of cells.  Either is a diag on the node, and the node keeps
 * no reg entries rather than a guessed one.
 */
static void test_reg_length_not_multiple(void **state)
{
	static const unsigned char six[6] = {0, 0, 0x10, 0, 0, 0x10};
	struct vdisc_model m;
	const struct vdisc_diag *diag;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "odd@1000");
	bb_cells(&b, "reg", 0x1000, 0x10, 0x2000);
	bb_end(&b);
	bb_begin(&b, "bytes@1000");
	bb_bytes(&b, "reg", six, sizeof(six));
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	assert_int_equal(must_device(&m, "/odd@1000")->nregs, 0);
	diag = find_diag(&m, -VDISC_EBADPROP, "/odd@1000", "reg");
	assert_non_null(diag);
	assert_int_equal(diag->value, 3); /* the cell count */
	assert_int_equal(must_device(&m, "/bytes@1000")->nregs, 0);
	assert_non_null(find_diag(&m, -VDISC_EBADPROP, "/bytes@1000", "reg"));
	assert_int_equal(m.ndiags, 2);
}

/*
 * #address-cells above 4 (OF_MAX_ADDR_CELLS) or #size-cells above 2 is
 * refused: a diag on the bus naming the property and value, and its
 * children get no reg entries.
 */
static void test_bad_cell_counts(void **state)
{
	struct vdisc_model m;
	const struct vdisc_diag *diag;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "wide");
	bb_bus(&b, 5, 1);
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 1, 2, 3, 4, 5, 6);
	bb_end(&b);
	bb_end(&b);
	bb_begin(&b, "fat");
	bb_bus(&b, 1, 3);
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 1, 2, 3, 4);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	diag = find_diag(&m, -VDISC_EBADCELLS, "/wide", "#address-cells");
	assert_non_null(diag);
	assert_int_equal(diag->value, 5);
	assert_int_equal(must_device(&m, "/wide/dev@0")->nregs, 0);
	diag = find_diag(&m, -VDISC_EBADCELLS, "/fat", "#size-cells");
	assert_non_null(diag);
	assert_int_equal(diag->value, 3);
	assert_int_equal(must_device(&m, "/fat/dev@0")->nregs, 0);
}

/*
 * A window near the top of the 64-bit space: 0xffffffff_fffff000 + 0x800
 * still fits, + 0x2000 does not.  Linux's of_bus_default_translate would
 * silently wrap to 0x1000; vdisc reports -VDISC_ERANGE.  Likewise a result
 * that does not fit a 1-cell parent is not truncated to 32 bits.
 */
static void test_translation_overflow(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "top");
	bb_bus(&b, 1, 1);
	bb_cells(&b, "ranges", 0x0, 0xffffffff, 0xfffff000, 0x10000);
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 0x800, 0x10, 0x2000, 0x10);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	d = must_device(&m, "/top/dev@0");
	assert_int_equal(d->nregs, 2);
	assert_mapped(&d->regs[0], 0xfffffffffffff800ull, 0x10);
	assert_unmapped(&d->regs[1], -VDISC_ERANGE);

	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "top");
	bb_bus(&b, 1, 1);
	bb_cells(&b, "ranges", 0x0, 0xfffff000, 0x10000);
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 0x800, 0x10, 0x2000, 0x10);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	d = must_device(&m, "/top/dev@0");
	assert_mapped(&d->regs[0], 0xfffff800ull, 0x10);
	assert_unmapped(&d->regs[1], -VDISC_ERANGE);
}

/*
 * ranges whose length is not a whole number of <child parent size>
 * entries (here 5 cells for 4-cell entries) cannot be trusted: a diag on
 * the bus, and the reg carries -VDISC_EBADPROP.
 */
static void test_ranges_length_not_multiple(void **state)
{
	struct vdisc_model m;
	const struct vdisc_diag *diag;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "soc");
	bb_bus(&b, 1, 1);
	bb_cells(&b, "ranges", 0x0, 0x0, 0x40000000, 0x1000, 0x7);
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 0x0, 0x10);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	diag = find_diag(&m, -VDISC_EBADPROP, "/soc", "ranges");
	assert_non_null(diag);
	assert_int_equal(diag->value, 5);
	d = must_device(&m, "/soc/dev@0");
	assert_int_equal(d->nregs, 1);
	assert_unmapped(&d->regs[0], -VDISC_EBADPROP);
}

/*
 * An absent #address-cells/#size-cells is the nearest ancestor's, as
 * Linux's of_n_addr_cells()/of_n_size_cells() read it (the search starts at
 * the parent of the node whose reg is read): here the grandparent's 1/1.
 * The bus is reported once, as a warning naming the ancestor.
 */
static void test_absent_cells_inherited_from_grandparent(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	const struct vdisc_diag *diag;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "bus");
	bb_empty(&b, "ranges");
	bb_begin(&b, "dev@1000");
	bb_cells(&b, "reg", 0x1000, 0x10);
	bb_end(&b);
	bb_begin(&b, "dev@2000");
	bb_cells(&b, "reg", 0x2000, 0x20, 0x3000, 0x30);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.nerrors, 0);
	assert_int_equal(m.ndiags, 2); /* one per absent property of /bus, not per child */
	diag = find_diag(&m, -VDISC_ENOTFOUND, "/bus", "#address-cells");
	assert_non_null(diag);
	assert_true(diag->warning);
	assert_int_equal(diag->value, 1);
	assert_string_equal(diag->from, "/");
	diag = find_diag(&m, -VDISC_ENOTFOUND, "/bus", "#size-cells");
	assert_non_null(diag);
	assert_string_equal(diag->from, "/");

	d = must_device(&m, "/bus/dev@1000");
	assert_int_equal(d->nregs, 1);
	assert_int_equal(d->regs[0].ncells, 1);
	assert_mapped(&d->regs[0], 0x1000, 0x10);
	assert_int_equal(d->dt.cells->address_cells, 1);
	assert_int_equal(d->dt.cells->size_cells, 1);
	assert_int_equal(d->dt.cells->address_source, VDISC_CELLS_INHERITED);
	assert_string_equal(d->dt.cells->address_from, "/");
	d = must_device(&m, "/bus/dev@2000");
	assert_int_equal(d->nregs, 2);
	assert_mapped(&d->regs[1], 0x3000, 0x30);
}

/* Three levels down, the search passes a bus without the property to the one above it. */
static void test_absent_cells_inherited_over_two_levels(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "soc");
	bb_bus(&b, 1, 1);
	bb_cells(&b, "ranges", 0x0, 0x0, 0x40000000, 0x100000);
	bb_begin(&b, "outer");
	bb_empty(&b, "ranges");
	bb_begin(&b, "inner");
	bb_empty(&b, "ranges");
	bb_begin(&b, "dev@500");
	bb_cells(&b, "reg", 0x500, 0x10);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.nerrors, 0);
	d = must_device(&m, "/soc/outer/inner/dev@500");
	assert_int_equal(d->nregs, 1);
	assert_int_equal(d->regs[0].ncells, 1);
	assert_mapped(&d->regs[0], 0x40000500, 0x10);
	assert_string_equal(d->dt.cells->address_from, "/soc");
	assert_string_equal(d->dt.cells->size_from, "/soc");
	/* Both buses without counts are reported, each naming /soc. */
	assert_string_equal(find_diag(&m, -VDISC_ENOTFOUND, "/soc/outer", "#address-cells")->from,
			    "/soc");
	assert_string_equal(
		find_diag(&m, -VDISC_ENOTFOUND, "/soc/outer/inner", "#size-cells")->from, "/soc");
}

/*
 * Each count is looked up on its own: a bus with #size-cells but no
 * #address-cells takes only the address count from above, and the other
 * way round.
 */
static void test_size_cells_inherited_separately(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "wide-size");
	bb_u32(&b, "#size-cells", 2);
	bb_empty(&b, "ranges");
	bb_begin(&b, "dev@3000");
	bb_cells(&b, "reg", 0x3000, 0x0, 0x1000);
	bb_end(&b);
	bb_end(&b);
	bb_begin(&b, "wide-address");
	bb_u32(&b, "#address-cells", 2);
	bb_cells(&b, "ranges", 0x0, 0x0, 0x10000000, 0x1000000);
	bb_begin(&b, "dev@0,8000");
	bb_cells(&b, "reg", 0x0, 0x8000, 0x100);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.nerrors, 0);
	assert_int_equal(m.ndiags, 2);
	assert_null(find_diag(&m, -VDISC_ENOTFOUND, "/wide-size", "#size-cells"));
	assert_string_equal(find_diag(&m, -VDISC_ENOTFOUND, "/wide-size", "#address-cells")->from,
			    "/");
	assert_null(find_diag(&m, -VDISC_ENOTFOUND, "/wide-address", "#address-cells"));
	assert_string_equal(find_diag(&m, -VDISC_ENOTFOUND, "/wide-address", "#size-cells")->from,
			    "/");

	d = must_device(&m, "/wide-size/dev@3000");
	assert_int_equal(d->regs[0].ncells, 1);
	assert_mapped(&d->regs[0], 0x3000, 0x1000);
	assert_int_equal(d->dt.cells->address_source, VDISC_CELLS_INHERITED);
	assert_int_equal(d->dt.cells->size_source, VDISC_CELLS_OWN);
	assert_string_equal(d->dt.cells->size_from, "/wide-size");
	d = must_device(&m, "/wide-address/dev@0,8000");
	assert_int_equal(d->regs[0].ncells, 2);
	assert_mapped(&d->regs[0], 0x10008000, 0x100);
	assert_int_equal(d->dt.cells->size_source, VDISC_CELLS_INHERITED);
}

/*
 * Where no ancestor has one, the spec's 2/1 (Linux would take 1/1): what
 * every reader of the spec agrees on, so nothing is reported.
 */
static void test_absent_cells_no_ancestor_default_2_1(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_begin(&b, "bus");
	bb_empty(&b, "ranges");
	bb_begin(&b, "dev@1000");
	bb_cells(&b, "reg", 0x0, 0x1000, 0x10);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);
	d = must_device(&m, "/bus/dev@1000");
	assert_int_equal(d->nregs, 1);
	assert_int_equal(d->regs[0].ncells, 2);
	assert_mapped(&d->regs[0], 0x1000, 0x10);
	assert_int_equal(d->dt.cells->address_source, VDISC_CELLS_DEFAULT);
	assert_int_equal(d->dt.cells->size_source, VDISC_CELLS_DEFAULT);
	assert_null(d->dt.cells->address_from);
}

/* A count out of range is still out of range where it is inherited: no reg, no guess. */
static void test_bad_count_inherited(void **state)
{
	struct vdisc_model m;
	const struct vdisc_diag *diag;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "wide");
	bb_bus(&b, 300, 1);
	bb_begin(&b, "mid");
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 1, 2);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_non_null(find_diag(&m, -VDISC_EBADCELLS, "/wide", "#address-cells"));
	diag = find_diag(&m, -VDISC_ENOTFOUND, "/wide/mid", "#address-cells");
	assert_non_null(diag);
	assert_int_equal(diag->value, 300);
	assert_string_equal(diag->from, "/wide");
	assert_int_equal(must_device(&m, "/wide/mid/dev@0")->nregs, 0);
}

/*
 * An I2C bus without counts (QEMU's ppce500 i2c@3000) is read as 1/0, as
 * Linux's I2C core reads its children's reg whatever the counts: the 1/1
 * an ancestor would give could not split a one-cell reg.
 */
static void test_i2c_bus_without_cells(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	const struct vdisc_diag *diag;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_begin(&b, "i2c@3000");
	bb_cells(&b, "reg", 0x3000, 0x14);
	bb_begin(&b, "rtc@68");
	bb_cells(&b, "reg", 0x68);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.nerrors, 0);
	assert_int_equal(m.ndiags, 2);
	diag = find_diag(&m, -VDISC_ENOTFOUND, "/i2c@3000", "#size-cells");
	assert_non_null(diag);
	assert_int_equal(diag->value, 0);
	assert_null(diag->from);
	d = must_device(&m, "/i2c@3000/rtc@68");
	assert_int_equal(d->nregs, 1);
	assert_int_equal(d->regs[0].bus_address, 0x68);
	assert_false(d->regs[0].has_size);
	assert_unmapped(&d->regs[0], 0);
	assert_int_equal(d->dt.cells->address_source, VDISC_CELLS_I2C);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_children_identity),
		cmocka_unit_test(test_empty_ranges_is_identity),
		cmocka_unit_test(test_missing_ranges_not_translated),
		cmocka_unit_test(test_multi_entry_ranges),
		cmocka_unit_test(test_nested_1_1_under_2_2),
		cmocka_unit_test(test_nested_2_1_under_1_1),
		cmocka_unit_test(test_outside_every_entry),
		cmocka_unit_test(test_pci_space_codes),
		cmocka_unit_test(test_isa_space),
		cmocka_unit_test(test_size_cells_zero),
		cmocka_unit_test(test_reg_length_not_multiple),
		cmocka_unit_test(test_bad_cell_counts),
		cmocka_unit_test(test_translation_overflow),
		cmocka_unit_test(test_ranges_length_not_multiple),
		cmocka_unit_test(test_absent_cells_inherited_from_grandparent),
		cmocka_unit_test(test_absent_cells_inherited_over_two_levels),
		cmocka_unit_test(test_size_cells_inherited_separately),
		cmocka_unit_test(test_absent_cells_no_ancestor_default_2_1),
		cmocka_unit_test(test_bad_count_inherited),
		cmocka_unit_test(test_i2c_bus_without_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
