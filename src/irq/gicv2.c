/* SPDX-License-Identifier: MIT */
/*
 * The Arm generic interrupt controller, version 2 (and 1) (GIC architecture
 * specification v2): a distributor shared by the CPUs (reg[0]) and this
 * CPU's interface (reg[1]).  The registers of SGIs and PPIs (ids 0-31) are
 * banked per CPU in the distributor; SPIs (32 up) are sent to the CPUs of
 * their ITARGETSR byte.
 */
#include "irq_internal.h"

static bool gicv2_line_ok_(const struct vdisc_irqchip *c, uint32_t line)
{
	return line >= VDISC_GIC_NR_SGIS && line < c->nlines;
}

/* The byte of @line in a register file of one byte per line (priority, targets). */
static void gicv2_set_byte_(const struct vdisc_irqchip *c, uint64_t reg, uint32_t line,
			    uint8_t value)
{
	unsigned shift = (line % 4) * 8;

	vdisc_irq_update_(c, c->base, reg + (line & ~3u), 0xffu << shift, (uint32_t)value << shift);
}

static int gicv2_enable_(struct vdisc_irqchip *c, uint32_t line, unsigned flags)
{
	uint32_t bit = 1u << (line % 32), shift = (line % 16) * 2;

	/* The GIC has no inverter: Linux refuses falling edges and low levels too. */
	if (!gicv2_line_ok_(c, line) || !vdisc_irq_flags_ok_(flags, false))
		return -VDISC_EINVAL;
	/* Reconfigure a line only while it is disabled (GICv2 4.3.13). */
	vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_ENABLE_CLEAR + (line / 32) * 4, bit);
	gicv2_set_byte_(c, VDISC_GIC_DIST_PRI, line, VDISC_GICD_INT_DEF_PRI);
	/* PPIs' Int_config may be read-only (implementation defined): the write is then ignored. */
	vdisc_irq_update_(c, c->base, VDISC_GIC_DIST_CONFIG + (line / 16) * 4,
			  (uint32_t)VDISC_GIC_ICFGR_EDGE << shift,
			  flags & VDISC_IRQ_EDGE ? ~0u : 0);
	if (line >= VDISC_GIC_FIRST_SPI && c->target)
		gicv2_set_byte_(c, VDISC_GIC_DIST_TARGET, line, (uint8_t)c->target);
	vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_ENABLE_SET + (line / 32) * 4, bit);
	return 0;
}

static int gicv2_disable_(struct vdisc_irqchip *c, uint32_t line)
{
	if (!gicv2_line_ok_(c, line))
		return -VDISC_EINVAL;
	vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_ENABLE_CLEAR + (line / 32) * 4, 1u << (line % 32));
	return 0;
}

static int gicv2_claim_(struct vdisc_irqchip *c, uint32_t *line)
{
	uint32_t iar = vdisc_irq_rd_(c, c->cpu_base, VDISC_GIC_CPU_INTACK);
	uint32_t id = iar & VDISC_GICC_IAR_INT_ID_MASK;

	/* 1020-1023: nothing to acknowledge (1023 spurious), and no EOI for them. */
	if (id >= VDISC_GIC_MAX_LINES)
		return 0;
	if (!gicv2_line_ok_(c, id)) {
		/* An SGI or a line above the GIC's: never enabled here; end it (the whole IAR). */
		vdisc_irq_wr_(c, c->cpu_base, VDISC_GIC_CPU_EOI, iar);
		return 0;
	}
	*line = id;
	return 1;
}

static int gicv2_complete_(struct vdisc_irqchip *c, uint32_t line)
{
	if (!gicv2_line_ok_(c, line))
		return -VDISC_EINVAL;
	vdisc_irq_wr_(c, c->cpu_base, VDISC_GIC_CPU_EOI, line);
	return 0;
}

static const struct vdisc_irqchip_ops gicv2_ops_ = {
	.name = "gicv2",
	.enable = gicv2_enable_,
	.disable = gicv2_disable_,
	.claim = gicv2_claim_,
	.complete = gicv2_complete_,
};

/*
 * This CPU's bit in the SPI target masks: ITARGETSR0..7 (the SGIs' and
 * PPIs') read back the reading CPU's own bit, as Linux's gic_get_cpumask
 * relies on; all zero on a uniprocessor GIC.
 */
static uint8_t gicv2_cpumask_(const struct vdisc_irqchip *c)
{
	uint32_t i, mask = 0;

	for (i = 0; i < VDISC_GIC_ITARGETSR_COUNT && !mask; i++) {
		mask = vdisc_irq_rd_(c, c->base, VDISC_GIC_DIST_TARGET + i * 4);
		mask |= mask >> 16;
		mask |= mask >> 8;
		mask &= 0xff;
	}
	return (uint8_t)mask;
}

/* Distributor: off, every SPI disabled and inactive, this CPU's PPIs off, then on. */
static void gicv2_dist_init_(struct vdisc_irqchip *c)
{
	uint32_t i;

	vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_CTRL, VDISC_GICD_DISABLE);
	for (i = VDISC_GIC_FIRST_SPI / 32; i < (c->nlines + 31) / 32; i++) {
		vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_ENABLE_CLEAR + i * 4,
			      VDISC_GICD_INT_EN_CLR_X32);
		vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_ACTIVE_CLEAR + i * 4,
			      VDISC_GICD_INT_EN_CLR_X32);
	}
	vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_ENABLE_CLEAR, VDISC_GICD_INT_EN_CLR_PPI);
	vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_ENABLE_SET, VDISC_GICD_INT_EN_SET_SGI);
	vdisc_irq_wr_(c, c->base, VDISC_GIC_DIST_CTRL, VDISC_GICD_ENABLE);
}

int vdisc_irqchip_gicv2_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			     const struct vdisc_device *gic)
{
	uint64_t dist, cpu, size;
	uint32_t lines, ctrl;
	int err;

	if (!c || !p || !gic)
		return -VDISC_EINVAL;
	err = vdisc_irq_need_mmio_(p);
	if (!err)
		err = vdisc_irq_reg_(gic, 0, &dist, &size);
	if (!err)
		err = vdisc_irq_reg_(gic, 1, &cpu, &size);
	if (err)
		return err;
	vdisc_irq_chip_reset_(c, &gicv2_ops_, p);
	c->base = dist;
	c->cpu_base = cpu;
	lines = ((vdisc_irq_rd_(c, dist, VDISC_GIC_DIST_CTR) & VDISC_GIC_TYPER_LINES_MASK) + 1) *
		32;
	c->nlines = lines < VDISC_GIC_MAX_LINES ? lines : VDISC_GIC_MAX_LINES;
	c->target = gicv2_cpumask_(c);
	gicv2_dist_init_(c);
	/* CPU interface: a mask that lets the default priority through, then on (bypass kept). */
	vdisc_irq_wr_(c, cpu, VDISC_GIC_CPU_PRIMASK, VDISC_GICC_INT_PRI_THRESHOLD);
	ctrl = vdisc_irq_rd_(c, cpu, VDISC_GIC_CPU_CTRL) & VDISC_GICC_DIS_BYPASS_MASK;
	vdisc_irq_wr_(c, cpu, VDISC_GIC_CPU_CTRL, ctrl | VDISC_GICC_ENABLE);
	return 0;
}
