/* SPDX-License-Identifier: MIT */
/*
 * What the interrupt-controller drivers share: register access through the
 * platform hooks, bounded waits, the NULL-safe wrappers over the ops, the
 * choice of driver by compatible, and the model helpers (a line and its
 * trigger flags, a hart's interrupt controller).
 */
#include "irq_internal.h"

/* Linux waits a second for GIC register writes and for a redistributor to wake. */
#define IRQCHIP_WAIT_NS_ 1000000000ull

uint32_t vdisc_irq_rd_(const struct vdisc_irqchip *c, uint64_t base, uint64_t off)
{
	const struct vdisc_platform *p = c->platform;

	return p->mmio_read32(p->ctx, base + off);
}

void vdisc_irq_wr_(const struct vdisc_irqchip *c, uint64_t base, uint64_t off, uint32_t value)
{
	const struct vdisc_platform *p = c->platform;

	p->mmio_write32(p->ctx, base + off, value);
}

unsigned long vdisc_irq_save_(const struct vdisc_platform *p)
{
	return p->irq_save && p->irq_restore ? p->irq_save(p->ctx) : 0;
}

void vdisc_irq_restore_(const struct vdisc_platform *p, unsigned long flags)
{
	if (p->irq_save && p->irq_restore)
		p->irq_restore(p->ctx, flags);
}

void vdisc_irq_update_(const struct vdisc_irqchip *c, uint64_t base, uint64_t off, uint32_t mask,
		       uint32_t bits)
{
	unsigned long flags = vdisc_irq_save_(c->platform);
	uint32_t v = vdisc_irq_rd_(c, base, off);

	vdisc_irq_wr_(c, base, off, (v & ~mask) | (bits & mask));
	vdisc_irq_restore_(c->platform, flags);
}

int vdisc_irq_wait_clear_(const struct vdisc_irqchip *c, uint64_t base, uint64_t off, uint32_t mask)
{
	const struct vdisc_platform *p = c->platform;
	uint64_t start = p->now_ns(p->ctx);

	/* Read once more after the deadline: a slow clock must not fail a finished write. */
	for (;;) {
		bool late = p->now_ns(p->ctx) - start > IRQCHIP_WAIT_NS_;

		if (!(vdisc_irq_rd_(c, base, off) & mask))
			return 0;
		if (late)
			return -VDISC_ETIMEDOUT;
	}
}

bool vdisc_irq_flags_ok_(unsigned flags, bool low_ok)
{
	unsigned trigger = flags & (VDISC_IRQ_EDGE | VDISC_IRQ_LEVEL);

	if (flags & ~(VDISC_IRQ_EDGE | VDISC_IRQ_LEVEL | VDISC_IRQ_ACTIVE_LOW))
		return false;
	if (trigger != VDISC_IRQ_EDGE && trigger != VDISC_IRQ_LEVEL)
		return false;
	return low_ok || !(flags & VDISC_IRQ_ACTIVE_LOW);
}

int vdisc_irq_need_mmio_(const struct vdisc_platform *p)
{
	return p->mmio_read32 && p->mmio_write32 ? 0 : -VDISC_ENOTSUP;
}

int vdisc_irq_reg_(const struct vdisc_device *dev, uint32_t index, uint64_t *addr, uint64_t *size)
{
	const struct vdisc_reg *r;

	if (index >= dev->nregs || !dev->regs)
		return -VDISC_EINVAL;
	r = &dev->regs[index];
	if (!r->translated)
		return -VDISC_EINVAL;
	*addr = r->address;
	*size = r->has_size ? r->size : 0;
	return 0;
}

void vdisc_irq_chip_reset_(struct vdisc_irqchip *c, const struct vdisc_irqchip_ops *ops,
			   const struct vdisc_platform *p)
{
	memset(c, 0, sizeof(*c));
	c->ops = ops;
	c->platform = p;
}

/* ---- the wrappers ---- */

static bool irqchip_ready_(const struct vdisc_irqchip *c)
{
	return c && c->ops && c->platform;
}

int vdisc_irq_enable(struct vdisc_irqchip *c, uint32_t line, unsigned flags)
{
	if (!irqchip_ready_(c))
		return -VDISC_EINVAL;
	return c->ops->enable ? c->ops->enable(c, line, flags) : -VDISC_ENOTSUP;
}

int vdisc_irq_disable(struct vdisc_irqchip *c, uint32_t line)
{
	if (!irqchip_ready_(c))
		return -VDISC_EINVAL;
	return c->ops->disable ? c->ops->disable(c, line) : -VDISC_ENOTSUP;
}

int vdisc_irq_claim(struct vdisc_irqchip *c, uint32_t *line)
{
	if (!irqchip_ready_(c) || !line)
		return -VDISC_EINVAL;
	return c->ops->claim ? c->ops->claim(c, line) : -VDISC_ENOTSUP;
}

int vdisc_irq_complete(struct vdisc_irqchip *c, uint32_t line)
{
	if (!irqchip_ready_(c))
		return -VDISC_EINVAL;
	return c->ops->complete ? c->ops->complete(c, line) : -VDISC_ENOTSUP;
}

/* ---- choosing a driver ---- */

enum irqchip_kind_ {
	IRQCHIP_PLIC_ = 1,
	IRQCHIP_GICV2_,
	IRQCHIP_GICV3_,
};

/* Linux's compatibles for irq-sifive-plic.c, irq-gic.c and irq-gic-v3.c (the Arm ones). */
static const struct {
	const char *compatible;
	enum irqchip_kind_ kind;
} irqchip_table_[] = {
	{"sifive,plic-1.0.0", IRQCHIP_PLIC_},	{"riscv,plic0", IRQCHIP_PLIC_},
	{"arm,gic-v3", IRQCHIP_GICV3_},		{"arm,gic-400", IRQCHIP_GICV2_},
	{"arm,cortex-a15-gic", IRQCHIP_GICV2_}, {"arm,cortex-a9-gic", IRQCHIP_GICV2_},
	{"arm,cortex-a7-gic", IRQCHIP_GICV2_},	{"arm,arm11mp-gic", IRQCHIP_GICV2_},
	{"arm,pl390", IRQCHIP_GICV2_},		{"arm,arm1176jzf-devchip-gic", IRQCHIP_GICV2_},
};

/* The kind the node's most specific known compatible names, or 0. */
static enum irqchip_kind_ irqchip_kind_(const struct vdisc_device *node)
{
	uint32_t i;
	size_t k;

	for (i = 0; i < node->dt.compatible.count && node->dt.compatible.items; i++) {
		const char *s = node->dt.compatible.items[i];

		for (k = 0; s && k < VDISC_ARRAY_SIZE(irqchip_table_); k++)
			if (strcmp(s, irqchip_table_[k].compatible) == 0)
				return irqchip_table_[k].kind;
	}
	return 0;
}

int vdisc_irqchip_from_model(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			     const struct vdisc_model *model, const struct vdisc_device *node,
			     const char *hart_intc_path, bool supervisor)
{
	int err;

	if (!c || !p || !node || node->bus != VDISC_BUS_DT)
		return -VDISC_EINVAL;
	switch (irqchip_kind_(node)) {
	case IRQCHIP_PLIC_:
		err = vdisc_irqchip_plic_init(c, p, model, node, hart_intc_path, supervisor);
		break;
	case IRQCHIP_GICV2_:
		err = vdisc_irqchip_gicv2_init(c, p, node);
		break;
	case IRQCHIP_GICV3_:
		err = vdisc_irqchip_gicv3_init(c, p, node);
		break;
	default:
		return -VDISC_ENOTSUP;
	}
	if (err == 0)
		c->path = node->path;
	return err;
}

/* ---- model helpers ---- */

/* Linux's IRQ_TYPE_* values in a GIC specifier's third cell (dt-bindings/interrupt-controller). */
static int irqchip_dt_type_(uint32_t type, unsigned *flags)
{
	switch (type & 0xf) {
	case 0: /* IRQ_TYPE_NONE: the GIC's reset configuration of an SPI */
	case 4: /* IRQ_TYPE_LEVEL_HIGH */
		*flags = VDISC_IRQ_LEVEL;
		return 0;
	case 1: /* IRQ_TYPE_EDGE_RISING */
		*flags = VDISC_IRQ_EDGE;
		return 0;
	case 2: /* IRQ_TYPE_EDGE_FALLING */
		*flags = VDISC_IRQ_EDGE | VDISC_IRQ_ACTIVE_LOW;
		return 0;
	case 8: /* IRQ_TYPE_LEVEL_LOW */
		*flags = VDISC_IRQ_LEVEL | VDISC_IRQ_ACTIVE_LOW;
		return 0;
	default:
		return -VDISC_ENOTSUP;
	}
}

int vdisc_irq_line_of(const struct vdisc_irq *irq, uint32_t *line, unsigned *flags)
{
	int err;

	if (!irq || !line || !flags)
		return -VDISC_EINVAL;
	if (irq->error || !irq->controller || !irq->has_line)
		return -VDISC_ENOTFOUND;
	if (irq->ncells == 1) {
		*flags = VDISC_IRQ_LEVEL;
	} else if (irq->ncells == 3) {
		err = irqchip_dt_type_(irq->cells[2], flags);
		if (err)
			return err;
	} else {
		return -VDISC_ENOTSUP;
	}
	*line = irq->line;
	return 0;
}

/* True when @path is a node directly under @parent. */
static bool irqchip_child_of_(const char *path, const char *parent)
{
	size_t n = strlen(parent);

	return strncmp(path, parent, n) == 0 && path[n] == '/' && !strchr(path + n + 1, '/');
}

int vdisc_irq_hart_intc(const struct vdisc_model *model, uint64_t hartid, const char **path)
{
	const struct vdisc_cpu *cpu;
	const struct vdisc_device *dev;
	uint32_t n;

	if (!model || !path)
		return -VDISC_EINVAL;
	/* Both lists are as long as the model says: a count bounds each walk. */
	for (cpu = model->cpus, n = 0; cpu && n < model->ncpus; cpu = cpu->next, n++)
		if (cpu->has_id && cpu->id == hartid && cpu->path)
			break;
	if (!cpu || n == model->ncpus)
		return -VDISC_ENOTFOUND;
	for (dev = model->devices, n = 0; dev && n < model->ndevices; dev = dev->next, n++) {
		if (dev->bus == VDISC_BUS_DT && dev->path &&
		    vdisc_strlist_contains(&dev->dt.compatible, "riscv,cpu-intc") &&
		    irqchip_child_of_(dev->path, cpu->path)) {
			*path = dev->path;
			return 0;
		}
	}
	return -VDISC_ENOTFOUND;
}
