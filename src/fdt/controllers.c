/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * The hardware interrupt number a specifier names, for controllers whose
 * binding we know.  Anything else gets no line rather than a guess that
 * the first cell is the number.
 */

enum fdt_irq_binding_ {
	FDT_IRQ_FIRST_CELL_, /* the first cell is the line */
	FDT_IRQ_ARM_GIC_,    /* <type number flags>: SPI = 32 + n, PPI = 16 + n */
	FDT_IRQ_ARM_GIC_V3_, /* as GIC, plus ESPI and EPPI ranges */
};

struct fdt_irq_controller_ {
	const char *compatible;
	enum fdt_irq_binding_ binding;
};

/* At most 253 entries: the index keeps a controller's as one byte (fdt_ctl_binding_). */
static const struct fdt_irq_controller_ fdt_irq_controllers_[] = {
	{"arm,gic-v3", FDT_IRQ_ARM_GIC_V3_},
	{"arm,gic-400", FDT_IRQ_ARM_GIC_},
	{"arm,cortex-a15-gic", FDT_IRQ_ARM_GIC_},
	{"arm,cortex-a9-gic", FDT_IRQ_ARM_GIC_},
	{"arm,cortex-a7-gic", FDT_IRQ_ARM_GIC_},
	{"arm,arm11mp-gic", FDT_IRQ_ARM_GIC_},
	{"arm,pl390", FDT_IRQ_ARM_GIC_},
	{"sifive,plic-1.0.0", FDT_IRQ_FIRST_CELL_},
	{"riscv,plic0", FDT_IRQ_FIRST_CELL_},
	{"riscv,cpu-intc", FDT_IRQ_FIRST_CELL_},
	{"riscv,aplic", FDT_IRQ_FIRST_CELL_},
	{"sifive,clint0", FDT_IRQ_FIRST_CELL_},
	{"loongson,pch-pic-1.0", FDT_IRQ_FIRST_CELL_},
	{"loongson,pch-msi-1.0", FDT_IRQ_FIRST_CELL_},
	{"loongson,eiointc-1.0", FDT_IRQ_FIRST_CELL_},
	{"loongson,cpu-interrupt-controller", FDT_IRQ_FIRST_CELL_},
	{"chrp,open-pic", FDT_IRQ_FIRST_CELL_},
	{"fsl,mpic", FDT_IRQ_FIRST_CELL_},
	{"open-pic", FDT_IRQ_FIRST_CELL_},
	{"arm,pl190-vic", FDT_IRQ_FIRST_CELL_},
	{"arm,versatile-vic", FDT_IRQ_FIRST_CELL_},
	{"intel,ce4100-ioapic", FDT_IRQ_FIRST_CELL_},
	{"xlnx,xps-intc-1.00.a", FDT_IRQ_FIRST_CELL_},
	{"opencores,or1k-pic", FDT_IRQ_FIRST_CELL_},
	{"opencores,or1k-pic-level", FDT_IRQ_FIRST_CELL_},
	{"opencores,or1k-pic-edge", FDT_IRQ_FIRST_CELL_},
};

/* Linux's GIC_SPI/GIC_PPI/GIC_ESPI/GIC_EPPI specifier types and their INTID bases. */
static bool fdt_ctl_gic_line_(bool v3, const uint32_t *cells, uint32_t ncells, uint32_t *line)
{
	static const uint32_t base[] = {32, 16, 4096, 1056};

	if (ncells < 2 || cells[0] >= (v3 ? 4u : 2u) || cells[1] > UINT32_MAX - base[cells[0]])
		return false;
	*line = base[cells[0]] + cells[1];
	return true;
}

/*
 * The table entry a controller's compatible names first (as a driver match
 * would pick it), kept in the index: every interrupt it takes asks.
 */
static const struct fdt_irq_controller_ *fdt_ctl_binding_(const struct fdt_tree_ *tree,
							  uint32_t controller)
{
	struct fdt_node_ *node = &tree->nodes[controller];
	const char *p;
	int len = 0, pos;
	size_t i;

	if (node->irq_binding)
		return node->irq_binding > 1 ? &fdt_irq_controllers_[node->irq_binding - 2] : NULL;
	node->irq_binding = 1;
	/* The first "compatible", as libfdt finds it. */
	p = vdisc_fdt_prop_by_id_(tree, controller, FDT_P_COMPATIBLE_, &len);
	if (!p || len <= 0 || p[len - 1] != '\0')
		return NULL;
	for (pos = 0; pos < len; pos += (int)strlen(p + pos) + 1)
		for (i = 0; i < VDISC_ARRAY_SIZE(fdt_irq_controllers_); i++)
			if (strcmp(p + pos, fdt_irq_controllers_[i].compatible) == 0) {
				node->irq_binding = (uint8_t)(i + 2);
				return &fdt_irq_controllers_[i];
			}
	return NULL;
}

bool vdisc_fdt_irq_line_(const struct fdt_tree_ *tree, uint32_t controller, const uint32_t *cells,
			 uint32_t ncells, uint32_t *line)
{
	const struct fdt_irq_controller_ *c = fdt_ctl_binding_(tree, controller);

	if (!c)
		return false;
	if (c->binding == FDT_IRQ_FIRST_CELL_) {
		if (ncells < 1)
			return false;
		*line = cells[0];
		return true;
	}
	return fdt_ctl_gic_line_(c->binding == FDT_IRQ_ARM_GIC_V3_, cells, ncells, line);
}
