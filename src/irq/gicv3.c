/* SPDX-License-Identifier: MIT */
/*
 * The Arm generic interrupt controller, versions 3 and 4 (GIC architecture
 * specification v3/v4), with affinity routing: a distributor for SPIs
 * (reg[0]), one redistributor per CPU for its SGIs and PPIs (in reg[1],
 * found by affinity), and the CPU interface in system registers, reached
 * through platform->sysreg_read/sysreg_write.  All lines go to non-secure
 * group 1, the group a kernel at EL1 handles as IRQ.
 */
#include "irq_internal.h"

static bool gicv3_line_ok_(const struct vdisc_irqchip *c, uint32_t line)
{
	return line >= VDISC_GIC_NR_SGIS && line < c->nlines;
}

/* PPIs live in this CPU's SGI frame, SPIs in the distributor: same offsets in both. */
static uint64_t gicv3_frame_(const struct vdisc_irqchip *c, uint32_t line)
{
	return line < VDISC_GIC_FIRST_SPI ? c->cpu_base + VDISC_GICR_SGI_BASE : c->base;
}

/* Wait for a write to ICENABLER or CTLR to take effect (GICD_CTLR.RWP / GICR_CTLR.RWP). */
static int gicv3_rwp_(const struct vdisc_irqchip *c, uint32_t line)
{
	if (line < VDISC_GIC_FIRST_SPI)
		return vdisc_irq_wait_clear_(c, c->cpu_base, VDISC_GICR_CTLR, VDISC_GICR_CTLR_RWP);
	return vdisc_irq_wait_clear_(c, c->base, VDISC_GICD_CTLR, VDISC_GICD_CTLR_RWP);
}

static int gicv3_disable_(struct vdisc_irqchip *c, uint32_t line)
{
	if (!gicv3_line_ok_(c, line))
		return -VDISC_EINVAL;
	vdisc_irq_wr_(c, gicv3_frame_(c, line), VDISC_GICD_ICENABLER + (line / 32) * 4,
		      1u << (line % 32));
	return gicv3_rwp_(c, line);
}

/* IROUTER<n> is 64 bits: one access where the platform has it, else low half then high. */
static void gicv3_route_(const struct vdisc_irqchip *c, uint32_t line)
{
	const struct vdisc_platform *p = c->platform;
	uint64_t reg = c->base + VDISC_GICD_IROUTER + (uint64_t)line * 8;

	if (p->mmio_write64) {
		p->mmio_write64(p->ctx, reg, c->target);
		return;
	}
	p->mmio_write32(p->ctx, reg, (uint32_t)c->target);
	p->mmio_write32(p->ctx, reg + 4, (uint32_t)(c->target >> 32));
}

static int gicv3_enable_(struct vdisc_irqchip *c, uint32_t line, unsigned flags)
{
	uint64_t frame = gicv3_frame_(c, line);
	unsigned pshift = (line % 4) * 8, cshift = (line % 16) * 2;
	int err;

	if (!gicv3_line_ok_(c, line) || !vdisc_irq_flags_ok_(flags, false))
		return -VDISC_EINVAL;
	/* Reconfigure only a disabled line: disable and wait for it first. */
	err = gicv3_disable_(c, line);
	if (err)
		return err;
	vdisc_irq_update_(c, frame, VDISC_GICD_IPRIORITYR + (line & ~3u), 0xffu << pshift,
			  (uint32_t)VDISC_GICD_INT_DEF_PRI << pshift);
	vdisc_irq_update_(c, frame, VDISC_GICD_ICFGR + (line / 16) * 4,
			  (uint32_t)VDISC_GIC_ICFGR_EDGE << cshift,
			  flags & VDISC_IRQ_EDGE ? ~0u : 0);
	if (line >= VDISC_GIC_FIRST_SPI)
		gicv3_route_(c, line);
	vdisc_irq_wr_(c, frame, VDISC_GICD_ISENABLER + (line / 32) * 4, 1u << (line % 32));
	return 0;
}

static int gicv3_claim_(struct vdisc_irqchip *c, uint32_t *line)
{
	const struct vdisc_platform *p = c->platform;
	uint32_t id = (uint32_t)(p->sysreg_read(p->ctx, VDISC_SYSREG_ICC_IAR1_EL1) &
				 VDISC_ICC_IAR1_EL1_INTID_MASK);

	/* 1020-1023 are special: nothing was acknowledged, nothing to end. */
	if (id >= VDISC_GIC_MAX_LINES && id <= VDISC_GICC_INT_SPURIOUS)
		return 0;
	if (!gicv3_line_ok_(c, id)) {
		/* An SGI, an LPI or an extended line: never enabled here; end it. */
		p->sysreg_write(p->ctx, VDISC_SYSREG_ICC_EOIR1_EL1, id);
		return 0;
	}
	*line = id;
	return 1;
}

static int gicv3_complete_(struct vdisc_irqchip *c, uint32_t line)
{
	const struct vdisc_platform *p = c->platform;

	if (!gicv3_line_ok_(c, line))
		return -VDISC_EINVAL;
	/* EOImode 0 (set by init): the write drops the priority and deactivates. */
	p->sysreg_write(p->ctx, VDISC_SYSREG_ICC_EOIR1_EL1, line);
	return 0;
}

static const struct vdisc_irqchip_ops gicv3_ops_ = {
	.name = "gicv3",
	.enable = gicv3_enable_,
	.disable = gicv3_disable_,
	.claim = gicv3_claim_,
	.complete = gicv3_complete_,
};

/*
 * This CPU's redistributor: frames follow each other from @region, 128 KiB
 * each (256 KiB with virtual LPIs), the last marked in GICR_TYPER.  The
 * walk also stops at the region's end, and at a frame that is no GICv3/v4
 * redistributor, whatever the registers say.
 */
static int gicv3_find_rd_(struct vdisc_irqchip *c, uint64_t region, uint64_t size, uint32_t aff)
{
	uint64_t off = 0;

	if (size == 0)
		size = VDISC_GICR_FRAME_SIZE; /* no size given: trust one frame only */
	while (off + VDISC_GICR_FRAME_SIZE <= size) {
		uint32_t arch = vdisc_irq_rd_(c, region + off, VDISC_GICR_PIDR2) &
				VDISC_GIC_PIDR2_ARCH_MASK;
		uint32_t typer;

		if (arch != VDISC_GIC_PIDR2_ARCH_GICv3 && arch != VDISC_GIC_PIDR2_ARCH_GICv4)
			return -VDISC_ENOTFOUND;
		typer = vdisc_irq_rd_(c, region + off, VDISC_GICR_TYPER);
		if (vdisc_irq_rd_(c, region + off, VDISC_GICR_TYPER + 4) == aff) {
			c->cpu_base = region + off;
			return 0;
		}
		if (typer & VDISC_GICR_TYPER_LAST)
			break;
		off += VDISC_GICR_FRAME_SIZE;
		if (typer & VDISC_GICR_TYPER_VLPIS)
			off += VDISC_GICR_FRAME_SIZE;
	}
	return -VDISC_ENOTFOUND;
}

/* Distributor: off, every SPI to group 1, disabled and inactive, then on with ARE. */
static int gicv3_dist_init_(struct vdisc_irqchip *c)
{
	uint32_t i;
	int err;

	vdisc_irq_wr_(c, c->base, VDISC_GICD_CTLR, 0);
	err = vdisc_irq_wait_clear_(c, c->base, VDISC_GICD_CTLR, VDISC_GICD_CTLR_RWP);
	for (i = VDISC_GIC_FIRST_SPI / 32; !err && i < (c->nlines + 31) / 32; i++) {
		vdisc_irq_wr_(c, c->base, VDISC_GICD_IGROUPR + i * 4, ~0u);
		vdisc_irq_wr_(c, c->base, VDISC_GICD_ICENABLER + i * 4, ~0u);
		vdisc_irq_wr_(c, c->base, VDISC_GICD_ICACTIVER + i * 4, ~0u);
	}
	if (!err)
		err = vdisc_irq_wait_clear_(c, c->base, VDISC_GICD_CTLR, VDISC_GICD_CTLR_RWP);
	if (err)
		return err;
	/* ARE_NS, EnableGrp1A, EnableGrp1 (with DS=1 the same bits: ARE, EnableGrp1, EnableGrp0).
	 */
	vdisc_irq_wr_(c, c->base, VDISC_GICD_CTLR,
		      VDISC_GICD_CTLR_ARE_NS | VDISC_GICD_CTLR_ENABLE_G1A |
			      VDISC_GICD_CTLR_ENABLE_G1);
	return vdisc_irq_wait_clear_(c, c->base, VDISC_GICD_CTLR, VDISC_GICD_CTLR_RWP);
}

/* Redistributor: awake, SGIs/PPIs to group 1, PPIs disabled and inactive. */
static int gicv3_rd_init_(struct vdisc_irqchip *c)
{
	uint64_t sgi = c->cpu_base + VDISC_GICR_SGI_BASE;
	uint32_t waker = vdisc_irq_rd_(c, c->cpu_base, VDISC_GICR_WAKER);
	int err;

	vdisc_irq_wr_(c, c->cpu_base, VDISC_GICR_WAKER, waker & ~VDISC_GICR_WAKER_ProcessorSleep);
	err = vdisc_irq_wait_clear_(c, c->cpu_base, VDISC_GICR_WAKER,
				    VDISC_GICR_WAKER_ChildrenAsleep);
	if (err)
		return err;
	vdisc_irq_wr_(c, sgi, VDISC_GICR_IGROUPR0, ~0u);
	vdisc_irq_wr_(c, sgi, VDISC_GICR_ICACTIVER0, ~0u);
	vdisc_irq_wr_(c, sgi, VDISC_GICR_ICENABLER0, VDISC_GICD_INT_EN_CLR_PPI);
	return vdisc_irq_wait_clear_(c, c->cpu_base, VDISC_GICR_CTLR, VDISC_GICR_CTLR_RWP);
}

/* CPU interface: system registers on, priority mask, EOI also deactivates, group 1 on. */
static int gicv3_cpu_init_(const struct vdisc_platform *p)
{
	uint64_t sre = p->sysreg_read(p->ctx, VDISC_SYSREG_ICC_SRE_EL1);

	if (!(sre & VDISC_ICC_SRE_EL1_SRE)) {
		p->sysreg_write(p->ctx, VDISC_SYSREG_ICC_SRE_EL1, sre | VDISC_ICC_SRE_EL1_SRE);
		if (!(p->sysreg_read(p->ctx, VDISC_SYSREG_ICC_SRE_EL1) & VDISC_ICC_SRE_EL1_SRE))
			return -VDISC_ENOTSUP;
	}
	p->sysreg_write(p->ctx, VDISC_SYSREG_ICC_PMR_EL1, VDISC_GICC_INT_PRI_THRESHOLD);
	p->sysreg_write(p->ctx, VDISC_SYSREG_ICC_BPR1_EL1, 0);
	p->sysreg_write(p->ctx, VDISC_SYSREG_ICC_CTLR_EL1,
			p->sysreg_read(p->ctx, VDISC_SYSREG_ICC_CTLR_EL1) &
				~(uint64_t)VDISC_ICC_CTLR_EL1_EOImode_MASK);
	p->sysreg_write(p->ctx, VDISC_SYSREG_ICC_IGRPEN1_EL1, VDISC_ICC_IGRPEN1_EL1_ENABLE);
	return 0;
}

int vdisc_irqchip_gicv3_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			     const struct vdisc_device *gic)
{
	uint64_t dist, region, size, mpidr;
	uint32_t lines;
	int err;

	if (!c || !p || !gic)
		return -VDISC_EINVAL;
	err = vdisc_irq_need_mmio_(p);
	if (!err && (!p->now_ns || !p->sysreg_read || !p->sysreg_write))
		err = -VDISC_ENOTSUP;
	if (!err)
		err = vdisc_irq_reg_(gic, 0, &dist, &size);
	if (!err)
		err = vdisc_irq_reg_(gic, 1, &region, &size);
	if (err)
		return err;
	vdisc_irq_chip_reset_(c, &gicv3_ops_, p);
	c->base = dist;
	mpidr = p->sysreg_read(p->ctx, VDISC_SYSREG_MPIDR_EL1);
	/* IROUTER takes Aff3..Aff0 where MPIDR has them; GICR_TYPER packs them in 32 bits. */
	c->target = mpidr & ((VDISC_MPIDR_AFF012_MASK) | (0xffull << VDISC_MPIDR_AFF3_SHIFT));
	err = gicv3_find_rd_(c, region, size,
			     (uint32_t)(mpidr & VDISC_MPIDR_AFF012_MASK) |
				     (uint32_t)((mpidr >> VDISC_MPIDR_AFF3_SHIFT) & 0xff) << 24);
	if (err) {
		c->ops = NULL;
		return err;
	}
	lines = ((vdisc_irq_rd_(c, dist, VDISC_GICD_TYPER) & VDISC_GIC_TYPER_LINES_MASK) + 1) * 32;
	c->nlines = lines < VDISC_GIC_MAX_LINES ? lines : VDISC_GIC_MAX_LINES;
	err = gicv3_dist_init_(c);
	if (!err)
		err = gicv3_rd_init_(c);
	if (!err)
		err = gicv3_cpu_init_(p);
	if (err)
		c->ops = NULL; /* half brought up: the wrappers refuse it */
	return err;
}
