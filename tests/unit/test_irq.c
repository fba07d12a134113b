/* SPDX-License-Identifier: MIT */
/*
 * Interrupt resolution, against Linux's of_irq_parse_one() and
 * of_irq_parse_raw(): interrupts-extended first, else "interrupts" at the
 * parent found by of_irq_find_parent() (interrupt-parent, else the tree
 * parent, until a node with #interrupt-cells); then through interrupt-map
 * nexus nodes, matching (unit address, specifier) under
 * interrupt-map-mask, until an interrupt-controller without a map.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model_asserts.h"

/* An interrupt that reached @ctl as hardware line @ln. */
#define assert_irq_line(irq, ctl, ln)                       \
	do {                                                \
		const struct vdisc_irq *i_ = (irq);         \
		assert_int_equal(i_->error, 0);             \
		assert_non_null(i_->controller);            \
		assert_string_equal(i_->controller, (ctl)); \
		assert_true(i_->has_line);                  \
		assert_int_equal(i_->line, (ln));           \
	} while (0)

/* An interrupt that could not be followed to a controller, and why. */
#define assert_irq_unresolved(irq, err)             \
	do {                                        \
		const struct vdisc_irq *i_ = (irq); \
		assert_null(i_->controller);        \
		assert_int_equal(i_->error, (err)); \
	} while (0)

/* A PLIC-style controller: one cell, the cell is the line (sifive,plic-1.0.0 binding). */
static void bb_plic(struct bb *b, const char *name, uint32_t phandle)
{
	bb_begin(b, name);
	bb_strings(b, "compatible", "sifive,plic-1.0.0", "riscv,plic0");
	bb_u32(b, "#address-cells", 0);
	bb_u32(b, "#interrupt-cells", 1);
	bb_empty(b, "interrupt-controller");
	bb_u32(b, "phandle", phandle);
	bb_end(b);
}

/* A nexus with no unit address: interrupt-map keyed on the specifier alone. */
static void bb_nexus_begin(struct bb *b, const char *name, uint32_t phandle)
{
	bb_begin(b, name);
	bb_u32(b, "#address-cells", 0);
	bb_u32(b, "#interrupt-cells", 1);
	bb_u32(b, "phandle", phandle);
}

/*
 * interrupt-parent on the node itself names the controller; each one-cell
 * specifier is one interrupt and, for a PLIC, the cell is the line.
 */
static void test_interrupt_parent_on_node(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_plic(&b, "plic@c000000", 1);
	bb_begin(&b, "uart@10000000");
	bb_cells(&b, "reg", 0x0, 0x10000000, 0x0, 0x100);
	bb_u32(&b, "interrupt-parent", 1);
	bb_cells(&b, "interrupts", 10, 11);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/uart@10000000");
	assert_int_equal(d->nirqs, 2);
	assert_irq_line(&d->irqs[0], "/plic@c000000", 10);
	assert_int_equal(d->irqs[0].ncells, 1);
	assert_int_equal(d->irqs[0].cells[0], 10);
	assert_null(d->irqs[0].via);
	assert_irq_line(&d->irqs[1], "/plic@c000000", 11);
}

/*
 * Without interrupt-parent, of_irq_find_parent() climbs the tree and takes
 * the first interrupt-parent it meets: the nearest ancestor's wins
 * (/soc's over the root's).
 */
static void test_interrupt_parent_inherited(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_u32(&b, "interrupt-parent", 1);
	bb_plic(&b, "plic@c000000", 1);
	bb_plic(&b, "intc2", 2);
	bb_begin(&b, "uart@1000");
	bb_cells(&b, "interrupts", 3);
	bb_end(&b);
	bb_begin(&b, "soc");
	bb_u32(&b, "interrupt-parent", 2);
	bb_begin(&b, "bus");
	bb_begin(&b, "dev");
	bb_cells(&b, "interrupts", 5);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	assert_int_equal(must_device(&m, "/uart@1000")->nirqs, 1);
	assert_irq_line(&must_device(&m, "/uart@1000")->irqs[0], "/plic@c000000", 3);
	assert_int_equal(must_device(&m, "/soc/bus/dev")->nirqs, 1);
	assert_irq_line(&must_device(&m, "/soc/bus/dev")->irqs[0], "/intc2", 5);
}

/*
 * interrupts-extended: <phandle spec...> pairs, each spec as long as that
 * controller's #interrupt-cells (3 for the GIC, 1 for the PLIC).  Linux
 * tries it before "interrupts", so the "interrupts" here is ignored.
 */
static void test_interrupts_extended(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "interrupt-controller@8000000");
	bb_string(&b, "compatible", "arm,gic-400");
	bb_u32(&b, "#interrupt-cells", 3);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 1);
	bb_end(&b);
	bb_plic(&b, "plic@c000000", 2);
	bb_begin(&b, "dev");
	bb_cells(&b, "interrupts-extended", 1, 0, 5, 4, 2, 7);
	bb_u32(&b, "interrupt-parent", 2);
	bb_cells(&b, "interrupts", 99);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/dev");
	assert_int_equal(d->nirqs, 2);
	assert_irq_line(&d->irqs[0], "/interrupt-controller@8000000", 37);
	assert_int_equal(d->irqs[0].ncells, 3);
	assert_int_equal(d->irqs[0].cells[0], 0);
	assert_int_equal(d->irqs[0].cells[1], 5);
	assert_int_equal(d->irqs[0].cells[2], 4);
	assert_irq_line(&d->irqs[1], "/plic@c000000", 7);
	assert_int_equal(d->irqs[1].ncells, 1);
}

/*
 * A PCI host as interrupt nexus (QEMU virt style).  The match key is
 * (phys.hi phys.mid phys.lo, pin) under mask <0x1800 0 0 7>: device
 * number bits 11-12 and the pin; bus, function and space code drop out.
 * Swizzle: slot s, pin p (1..4) -> 0x20 + (s + p - 1) % 4.
 *   slot 0: INTA..INTD -> 32 33 34 35
 *   slot 1: INTA..INTD -> 33 34 35 32  (reg 0x0900 is dev 1 fn 1)
 * Slot 2 has no entry: -VDISC_ENOMATCH.
 */
static void test_pci_interrupt_map_swizzle(void **state)
{
	static const uint32_t slot0[] = {32, 33, 34, 35};
	static const uint32_t slot1[] = {33, 34, 35, 32};
	struct vdisc_model m;
	const struct vdisc_device *d0, *d1, *d2;
	const struct vdisc_diag *diag;
	unsigned i;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_plic(&b, "plic@c000000", 1);
	bb_begin(&b, "pcie@30000000");
	bb_string(&b, "device_type", "pci");
	bb_bus(&b, 3, 2);
	bb_u32(&b, "#interrupt-cells", 1);
	bb_cells(&b, "interrupt-map-mask", 0x1800, 0, 0, 7);
	bb_cells(&b, "interrupt-map", 0x0000, 0, 0, 1, 1, 0x20, 0x0000, 0, 0, 2, 1, 0x21, 0x0000, 0,
		 0, 3, 1, 0x22, 0x0000, 0, 0, 4, 1, 0x23, 0x0800, 0, 0, 1, 1, 0x21, 0x0800, 0, 0, 2,
		 1, 0x22, 0x0800, 0, 0, 3, 1, 0x23, 0x0800, 0, 0, 4, 1, 0x20);
	bb_begin(&b, "dev@0,0");
	bb_cells(&b, "reg", 0x0000, 0, 0, 0, 0);
	bb_cells(&b, "interrupts", 1, 2, 3, 4);
	bb_end(&b);
	bb_begin(&b, "dev@1,1");
	bb_cells(&b, "reg", 0x0900, 0, 0, 0, 0);
	bb_cells(&b, "interrupts", 1, 2, 3, 4);
	bb_end(&b);
	bb_begin(&b, "dev@2,0");
	bb_cells(&b, "reg", 0x1000, 0, 0, 0, 0);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	d0 = must_device(&m, "/pcie@30000000/dev@0,0");
	d1 = must_device(&m, "/pcie@30000000/dev@1,1");
	assert_int_equal(d0->nirqs, 4);
	assert_int_equal(d1->nirqs, 4);
	for (i = 0; i < 4; i++) {
		assert_irq_line(&d0->irqs[i], "/plic@c000000", slot0[i]);
		assert_non_null(d0->irqs[i].via);
		assert_string_equal(d0->irqs[i].via, "/pcie@30000000");
		assert_int_equal(d0->irqs[i].ncells, 1);
		assert_int_equal(d0->irqs[i].cells[0], slot0[i]);
		assert_irq_line(&d1->irqs[i], "/plic@c000000", slot1[i]);
		assert_non_null(d1->irqs[i].via);
		assert_string_equal(d1->irqs[i].via, "/pcie@30000000");
	}

	d2 = must_device(&m, "/pcie@30000000/dev@2,0");
	assert_int_equal(d2->nirqs, 1);
	assert_irq_unresolved(&d2->irqs[0], -VDISC_ENOMATCH);
	/* The device whose interrupt found no route is blamed, not the map. */
	diag = find_diag(&m, -VDISC_ENOMATCH, "/pcie@30000000/dev@2,0", "interrupts");
	assert_non_null(diag);
	assert_int_equal(diag->value, 1); /* the pin that found no entry */
	assert_int_equal(m.ndiags, 1);
}

/*
 * Two nexus nodes in a row.  nexus1 keys on (unit address, specifier)
 * with mask <0 0xf>; its entries hand <5> or <6> to nexus2 (whose
 * #address-cells 0 makes the new key the specifier alone, as
 * of_irq_parse_imap_parent reads it), which maps 5 -> 17 and 6 -> 18 at
 * the PLIC.  The mask drops the whole unit address (0x11 matches the
 * entries' 0) and all but the low nibble of the specifier (0x11 matches
 * <1>).  via is the first nexus crossed.
 */
static void test_chained_nexus(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_plic(&b, "intc", 1);
	bb_nexus_begin(&b, "nexus2", 3);
	bb_cells(&b, "interrupt-map", 5, 1, 17, 6, 1, 18);
	bb_end(&b);
	bb_begin(&b, "nexus1@0");
	bb_bus(&b, 1, 1);
	bb_u32(&b, "#interrupt-cells", 1);
	bb_u32(&b, "phandle", 2);
	bb_cells(&b, "interrupt-map-mask", 0, 0xf);
	bb_cells(&b, "interrupt-map", 0, 1, 3, 5, 0, 2, 3, 6);
	bb_begin(&b, "dev@11");
	bb_cells(&b, "reg", 0x11, 0x4);
	bb_cells(&b, "interrupts", 2, 0x11);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/nexus1@0/dev@11");
	assert_int_equal(d->nirqs, 2);
	assert_irq_line(&d->irqs[0], "/intc", 18);
	assert_int_equal(d->irqs[0].ncells, 1);
	assert_int_equal(d->irqs[0].cells[0], 18);
	assert_non_null(d->irqs[0].via);
	assert_string_equal(d->irqs[0].via, "/nexus1@0");
	assert_irq_line(&d->irqs[1], "/intc", 17);
	assert_non_null(d->irqs[1].via);
	assert_string_equal(d->irqs[1].via, "/nexus1@0");
}

/*
 * GIC specifiers <type number flags>, as Linux's gic_irq_domain_translate:
 * SPI (0) -> 32 + n, PPI (1) -> 16 + n; GICv3 adds ESPI (2) -> 4096 + n
 * and EPPI (3) -> 1056 + n.  A GICv2 has no ESPI: no line, not a guess.
 * An unknown first compatible does not hide a known second one.
 */
static void test_gic_lines(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 2, 2);
	bb_begin(&b, "gic400");
	bb_string(&b, "compatible", "arm,gic-400");
	bb_u32(&b, "#interrupt-cells", 3);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 1);
	bb_end(&b);
	bb_begin(&b, "gicv3");
	bb_string(&b, "compatible", "arm,gic-v3");
	bb_u32(&b, "#interrupt-cells", 3);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 2);
	bb_end(&b);
	bb_begin(&b, "gicx");
	bb_strings(&b, "compatible", "acme,gic", "arm,cortex-a15-gic");
	bb_u32(&b, "#interrupt-cells", 3);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 3);
	bb_end(&b);
	bb_begin(&b, "a");
	bb_u32(&b, "interrupt-parent", 1);
	bb_cells(&b, "interrupts", 0, 5, 4, 1, 9, 4, 2, 0, 4);
	bb_end(&b);
	bb_begin(&b, "b");
	bb_u32(&b, "interrupt-parent", 2);
	bb_cells(&b, "interrupts", 2, 0, 4, 3, 1, 4, 0, 5, 4, 1, 9, 4);
	bb_end(&b);
	bb_begin(&b, "c");
	bb_u32(&b, "interrupt-parent", 3);
	bb_cells(&b, "interrupts", 0, 1, 4);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/a");
	assert_int_equal(d->nirqs, 3);
	assert_irq_line(&d->irqs[0], "/gic400", 37);
	assert_irq_line(&d->irqs[1], "/gic400", 25);
	assert_int_equal(d->irqs[2].error, 0);
	assert_string_equal(d->irqs[2].controller, "/gic400");
	assert_false(d->irqs[2].has_line);

	d = must_device(&m, "/b");
	assert_int_equal(d->nirqs, 4);
	assert_irq_line(&d->irqs[0], "/gicv3", 4096);
	assert_irq_line(&d->irqs[1], "/gicv3", 1057);
	assert_irq_line(&d->irqs[2], "/gicv3", 37);
	assert_irq_line(&d->irqs[3], "/gicv3", 25);

	d = must_device(&m, "/c");
	assert_int_equal(d->nirqs, 1);
	assert_irq_line(&d->irqs[0], "/gicx", 33);
}

/*
 * A controller whose binding vdisc does not know still receives the
 * interrupt (path and cells), but the line is unknown, not guessed from
 * the first cell.  Likewise a controller with no compatible at all.
 */
static void test_unknown_controller_has_no_line(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_begin(&b, "acme-intc");
	bb_string(&b, "compatible", "acme,intc");
	bb_u32(&b, "#interrupt-cells", 2);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 1);
	bb_end(&b);
	bb_begin(&b, "bare-intc");
	bb_u32(&b, "#interrupt-cells", 1);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 2);
	bb_end(&b);
	bb_begin(&b, "dev");
	bb_cells(&b, "interrupts-extended", 1, 5, 1, 2, 9);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/dev");
	assert_int_equal(d->nirqs, 2);
	assert_int_equal(d->irqs[0].error, 0);
	assert_string_equal(d->irqs[0].controller, "/acme-intc");
	assert_int_equal(d->irqs[0].ncells, 2);
	assert_int_equal(d->irqs[0].cells[0], 5);
	assert_int_equal(d->irqs[0].cells[1], 1);
	assert_false(d->irqs[0].has_line);
	assert_int_equal(d->irqs[1].error, 0);
	assert_string_equal(d->irqs[1].controller, "/bare-intc");
	assert_false(d->irqs[1].has_line);
}

/*
 * A phandle that names no node.  For interrupt-parent and for
 * interrupts-extended the specifier size is unknowable, so Linux's
 * of_irq_parse_one fails and no interrupt is invented; the diag names the
 * phandle.  In an interrupt-map the interrupt is known but cannot be
 * followed: it is kept, unresolved.
 */
static void test_dangling_phandles(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	const struct vdisc_diag *diag;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_plic(&b, "plic", 1);
	bb_nexus_begin(&b, "nexus", 3);
	bb_cells(&b, "interrupt-map", 1, 0x77, 3);
	bb_end(&b);
	bb_begin(&b, "a");
	bb_u32(&b, "interrupt-parent", 0x99);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_begin(&b, "b");
	bb_cells(&b, "interrupts-extended", 0x55, 1);
	bb_end(&b);
	bb_begin(&b, "c");
	bb_u32(&b, "interrupt-parent", 3);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	assert_int_equal(must_device(&m, "/a")->nirqs, 0);
	diag = find_diag(&m, -VDISC_EBADPHANDLE, "/a", "interrupt-parent");
	assert_non_null(diag);
	assert_int_equal(diag->value, 0x99);

	assert_int_equal(must_device(&m, "/b")->nirqs, 0);
	diag = find_diag(&m, -VDISC_EBADPHANDLE, "/b", "interrupts-extended");
	assert_non_null(diag);
	assert_int_equal(diag->value, 0x55);

	d = must_device(&m, "/c");
	assert_int_equal(d->nirqs, 1);
	assert_irq_unresolved(&d->irqs[0], -VDISC_EBADPHANDLE);
	diag = find_diag(&m, -VDISC_EBADPHANDLE, "/nexus", "interrupt-map");
	assert_non_null(diag);
	assert_int_equal(diag->value, 0x77);
	assert_int_equal(m.ndiags, 3);
}

/*
 * interrupts-extended = <&plic 3  0x55 1>: Linux's
 * of_parse_phandle_with_args() walks the list only up to the index asked
 * for, so of_irq_parse_one(dev, 0) succeeds (PLIC line 3) and only index 1
 * fails; of_irq_count() gives 1.  The good interrupt must survive the bad
 * one after it (a trailing unresolved entry is acceptable too).
 */
static void test_extended_dangling_keeps_earlier(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_plic(&b, "plic", 1);
	bb_begin(&b, "dev");
	bb_cells(&b, "interrupts-extended", 1, 3, 0x55, 1);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_non_null(find_diag(&m, -VDISC_EBADPHANDLE, "/dev", "interrupts-extended"));

	d = must_device(&m, "/dev");
	assert_in_range(d->nirqs, 1, 2);
	assert_irq_line(&d->irqs[0], "/plic", 3);
	if (d->nirqs == 2)
		assert_irq_unresolved(&d->irqs[1], -VDISC_EBADPHANDLE);
}

/*
 * interrupt-parent A -> B -> A with neither holding #interrupt-cells:
 * of_irq_find_parent() would spin for ever; vdisc stops after
 * VDISC_FDT_MAX_IRQ_HOPS with -VDISC_ELOOP and no interrupt.  A node that
 * names itself is the shortest such cycle.
 */
static void test_interrupt_parent_cycle(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_begin(&b, "a");
	bb_u32(&b, "phandle", 10);
	bb_u32(&b, "interrupt-parent", 11);
	bb_end(&b);
	bb_begin(&b, "b");
	bb_u32(&b, "phandle", 11);
	bb_u32(&b, "interrupt-parent", 10);
	bb_end(&b);
	bb_begin(&b, "self");
	bb_u32(&b, "phandle", 12);
	bb_u32(&b, "interrupt-parent", 12);
	bb_end(&b);
	bb_begin(&b, "dev");
	bb_u32(&b, "interrupt-parent", 10);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_begin(&b, "dev2");
	bb_u32(&b, "interrupt-parent", 12);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	assert_int_equal(must_device(&m, "/dev")->nirqs, 0);
	assert_int_equal(must_device(&m, "/dev2")->nirqs, 0);
	assert_int_equal(count_diags(&m, -VDISC_ELOOP), 2);
}

/*
 * Nexus A maps <1> to B, B maps <1> back to A: of_irq_parse_raw would
 * loop for ever; vdisc gives the interrupt -VDISC_ELOOP and a diag.
 */
static void test_interrupt_map_loop(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_nexus_begin(&b, "A", 20);
	bb_cells(&b, "interrupt-map", 1, 21, 1);
	bb_end(&b);
	bb_nexus_begin(&b, "B", 21);
	bb_cells(&b, "interrupt-map", 1, 20, 1);
	bb_end(&b);
	bb_begin(&b, "dev");
	bb_u32(&b, "interrupt-parent", 20);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	d = must_device(&m, "/dev");
	assert_int_equal(d->nirqs, 1);
	assert_irq_unresolved(&d->irqs[0], -VDISC_ELOOP);
	assert_int_equal(count_diags(&m, -VDISC_ELOOP), 1);
}

/*
 * No entry of the map matches the specifier (the map knows <1> and <2>,
 * the device raises <3>): of_irq_parse_raw fails; vdisc keeps the
 * interrupt unresolved with -VDISC_ENOMATCH and says which specifier.
 */
static void test_interrupt_map_no_match(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	const struct vdisc_diag *diag;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_plic(&b, "plic", 1);
	bb_nexus_begin(&b, "nexus", 2);
	bb_cells(&b, "interrupt-map", 1, 1, 40, 2, 1, 41);
	bb_end(&b);
	bb_begin(&b, "dev");
	bb_u32(&b, "interrupt-parent", 2);
	bb_cells(&b, "interrupts", 2, 3);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	d = must_device(&m, "/dev");
	assert_int_equal(d->nirqs, 2);
	assert_irq_line(&d->irqs[0], "/plic", 41);
	assert_string_equal(d->irqs[0].via, "/nexus");
	assert_irq_unresolved(&d->irqs[1], -VDISC_ENOMATCH);
	diag = find_diag(&m, -VDISC_ENOMATCH, "/dev", "interrupts");
	assert_non_null(diag);
	assert_int_equal(diag->value, 3);
}

/*
 * of_irq_parse_raw only takes a matching entry whose parent is available
 * (match &= of_device_is_available()): the first entry leads to a disabled
 * controller and is passed over for the second.
 */
static void test_interrupt_map_skips_disabled_parent(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_plic(&b, "plic", 1);
	bb_begin(&b, "plic-off");
	bb_string(&b, "compatible", "riscv,plic0");
	bb_string(&b, "status", "disabled");
	bb_u32(&b, "#interrupt-cells", 1);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 4);
	bb_end(&b);
	bb_nexus_begin(&b, "nexus", 5);
	bb_cells(&b, "interrupt-map", 1, 4, 7, 1, 1, 8);
	bb_end(&b);
	bb_begin(&b, "dev");
	bb_u32(&b, "interrupt-parent", 5);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	d = must_device(&m, "/dev");
	assert_int_equal(d->nirqs, 1);
	assert_irq_line(&d->irqs[0], "/plic", 8);
}

/*
 * A node that is both interrupt-controller and nexus: the map takes
 * precedence (of_irq_parse_raw stops at a controller only when it has no
 * interrupt-map).  A map entry naming its own node ends the walk there.
 */
static void test_interrupt_map_precedence_and_self(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_plic(&b, "plic", 1);
	bb_nexus_begin(&b, "both", 2);
	bb_string(&b, "compatible", "riscv,plic0");
	bb_empty(&b, "interrupt-controller");
	bb_cells(&b, "interrupt-map", 1, 1, 50, 2, 2, 60);
	bb_end(&b);
	bb_begin(&b, "dev");
	bb_u32(&b, "interrupt-parent", 2);
	bb_cells(&b, "interrupts", 1, 2);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndiags, 0);

	assert_int_equal(must_device(&m, "/dev")->nirqs, 2);
	assert_irq_line(&must_device(&m, "/dev")->irqs[0], "/plic", 50);
	assert_string_equal(must_device(&m, "/dev")->irqs[0].via, "/both");
	assert_irq_line(&must_device(&m, "/dev")->irqs[1], "/both", 60);
}

/*
 * Matching a nexus with #address-cells > 0 needs the device's unit
 * address; a device with no reg cannot be matched ("no reg passed in when
 * needed" in of_irq_parse_raw): -VDISC_ENOTFOUND naming "reg".
 */
static void test_nexus_needs_reg(void **state)
{
	struct vdisc_model m;
	const struct vdisc_device *d;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_plic(&b, "plic", 1);
	bb_begin(&b, "nexus");
	bb_bus(&b, 1, 0);
	bb_u32(&b, "#interrupt-cells", 1);
	bb_cells(&b, "interrupt-map", 0, 1, 1, 9);
	bb_begin(&b, "noreg");
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_begin(&b, "dev@0");
	bb_cells(&b, "reg", 0);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	d = must_device(&m, "/nexus/noreg");
	assert_int_equal(d->nirqs, 1);
	assert_irq_unresolved(&d->irqs[0], -VDISC_ENOTFOUND);
	assert_non_null(find_diag(&m, -VDISC_ENOTFOUND, "/nexus/noreg", "reg"));
	assert_irq_line(&must_device(&m, "/nexus/dev@0")->irqs[0], "/plic", 9);
}

/*
 * Linux's "old trick" in of_irq_parse_raw: a nexus without #address-cells
 * takes the nearest one above it (here the root's 1), so the map keys on
 * one unit-address cell: reg 0x100 matches, reg 0x200 does not.
 */
static void test_nexus_inherits_address_cells(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_bus(&b, 1, 1);
	bb_plic(&b, "plic", 1);
	bb_begin(&b, "nexus");
	bb_u32(&b, "#interrupt-cells", 1);
	bb_u32(&b, "phandle", 2);
	bb_cells(&b, "interrupt-map", 0x100, 1, 1, 7);
	bb_end(&b);
	bb_begin(&b, "dev@100");
	bb_cells(&b, "reg", 0x100, 0x10);
	bb_u32(&b, "interrupt-parent", 2);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_begin(&b, "dev@200");
	bb_cells(&b, "reg", 0x200, 0x10);
	bb_u32(&b, "interrupt-parent", 2);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	assert_irq_line(&must_device(&m, "/dev@100")->irqs[0], "/plic", 7);
	assert_irq_unresolved(&must_device(&m, "/dev@200")->irqs[0], -VDISC_ENOMATCH);
	assert_int_equal(m.ndiags, 1);
}

/*
 * A legal tree 40 levels deep (vdisc_fdt_check allows 64) whose only
 * interrupt-parent is on the root.  of_irq_find_parent() climbs the 40
 * tree parents and finds the PLIC; climbing toward the root cannot cycle,
 * so it must not be charged against the interrupt-parent/interrupt-map
 * hop budget (VDISC_FDT_MAX_IRQ_HOPS, 32) and end in -VDISC_ELOOP.
 */
static void test_deep_device_inherits_parent(void **state)
{
	const struct vdisc_device *d;
	struct vdisc_model m;
	unsigned i;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_u32(&b, "interrupt-parent", 1);
	bb_plic(&b, "plic", 1);
	for (i = 0; i < 40; i++)
		bb_begin(&b, "n");
	bb_string(&b, "compatible", "acme,deep");
	bb_cells(&b, "interrupts", 5);
	for (i = 0; i < 40; i++)
		bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	d = m.devices_tail;
	assert_non_null(d);
	assert_int_equal(d->dt.depth, 40);
	assert_int_equal(count_diags(&m, -VDISC_ELOOP), 0);
	assert_int_equal(d->nirqs, 1);
	assert_irq_line(&d->irqs[0], "/plic", 5);
}

/*
 * interrupts-extended naming a node without #interrupt-cells cannot be
 * split into specifiers: -VDISC_EBADCELLS.  "interrupts" whose length is
 * not a multiple of the parent's #interrupt-cells: -VDISC_EBADPROP.
 */
static void test_specifier_sizes(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_plic(&b, "plic", 1);
	bb_begin(&b, "gic");
	bb_string(&b, "compatible", "arm,gic-400");
	bb_u32(&b, "#interrupt-cells", 3);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 2);
	bb_end(&b);
	bb_begin(&b, "notintc");
	bb_u32(&b, "phandle", 3);
	bb_end(&b);
	bb_begin(&b, "a");
	bb_cells(&b, "interrupts-extended", 3, 1);
	bb_end(&b);
	bb_begin(&b, "b");
	bb_u32(&b, "interrupt-parent", 2);
	bb_cells(&b, "interrupts", 0, 5, 4, 0);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	assert_int_equal(must_device(&m, "/a")->nirqs, 0);
	assert_non_null(find_diag(&m, -VDISC_EBADCELLS, "/a", "interrupts-extended"));
	assert_non_null(find_diag(&m, -VDISC_EBADPROP, "/b", "interrupts"));
}

/*
 * Cell counts near UINT32_MAX (kept after their diagnostic) must not wrap
 * the bound on a specifier: #address-cells 0xfffffff5 plus 11 interrupt
 * cells, and a map entry whose parent has 0xfffffff0 + 16, once summed to
 * 0 and overran the match buffer.
 */
static void test_cell_counts_do_not_wrap(void **state)
{
	struct vdisc_model m;
	struct bb b;

	(void)state;
	bb_start(&b);
	bb_begin(&b, "");
	bb_begin(&b, "intc");
	bb_u32(&b, "#address-cells", 0xfffffff5);
	bb_u32(&b, "#interrupt-cells", 11);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 1);
	bb_end(&b);
	bb_begin(&b, "intc2");
	bb_u32(&b, "#address-cells", 0xfffffff0);
	bb_u32(&b, "#interrupt-cells", 16);
	bb_empty(&b, "interrupt-controller");
	bb_u32(&b, "phandle", 2);
	bb_end(&b);
	bb_nexus_begin(&b, "nexus", 3);
	bb_cells(&b, "interrupt-map", 1, 2, 7);
	bb_end(&b);
	bb_begin(&b, "a");
	bb_u32(&b, "interrupt-parent", 1);
	bb_cells(&b, "interrupts", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
	bb_end(&b);
	bb_begin(&b, "b");
	bb_u32(&b, "interrupt-parent", 3);
	bb_cells(&b, "interrupts", 1);
	bb_end(&b);
	bb_end(&b);
	assert_int_equal(bb_scan(&b, &m), 0);

	assert_irq_unresolved(&must_device(&m, "/a")->irqs[0], -VDISC_EBADCELLS);
	assert_non_null(find_diag(&m, -VDISC_EBADCELLS, "/intc", "#address-cells"));
	assert_irq_unresolved(&must_device(&m, "/b")->irqs[0], -VDISC_EBADPROP);
	assert_non_null(find_diag(&m, -VDISC_EBADPROP, "/nexus", "interrupt-map"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interrupt_parent_on_node),
		cmocka_unit_test(test_interrupt_parent_inherited),
		cmocka_unit_test(test_interrupts_extended),
		cmocka_unit_test(test_pci_interrupt_map_swizzle),
		cmocka_unit_test(test_chained_nexus),
		cmocka_unit_test(test_gic_lines),
		cmocka_unit_test(test_unknown_controller_has_no_line),
		cmocka_unit_test(test_dangling_phandles),
		cmocka_unit_test(test_extended_dangling_keeps_earlier),
		cmocka_unit_test(test_interrupt_parent_cycle),
		cmocka_unit_test(test_interrupt_map_loop),
		cmocka_unit_test(test_interrupt_map_no_match),
		cmocka_unit_test(test_interrupt_map_skips_disabled_parent),
		cmocka_unit_test(test_interrupt_map_precedence_and_self),
		cmocka_unit_test(test_nexus_needs_reg),
		cmocka_unit_test(test_nexus_inherits_address_cells),
		cmocka_unit_test(test_deep_device_inherits_parent),
		cmocka_unit_test(test_specifier_sizes),
		cmocka_unit_test(test_cell_counts_do_not_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
