/* SPDX-License-Identifier: MIT */
/*
 * The RISC-V platform-level interrupt controller (RISC-V PLIC specification
 * 1.0.0; DT binding sifive,plic-1.0.0.yaml).  Each hart privilege mode that
 * takes external interrupts is a context, numbered by its position in the
 * PLIC node's interrupts-extended; a source reaches a context when its
 * priority exceeds the context's threshold and its enable bit is set there.
 * The gateway's edge or level handling is fixed by the hardware.
 */
#include "irq_internal.h"

#include <vdisc/fdt.h>

static uint64_t plic_enable_off_(const struct vdisc_irqchip *c, uint32_t line)
{
	return VDISC_PLIC_CONTEXT_ENABLE_BASE +
	       (uint64_t)c->context * VDISC_PLIC_CONTEXT_ENABLE_SIZE + (line / 32) * 4;
}

static uint64_t plic_context_off_(const struct vdisc_irqchip *c, uint32_t reg)
{
	return VDISC_PLIC_CONTEXT_BASE + (uint64_t)c->context * VDISC_PLIC_CONTEXT_SIZE + reg;
}

static bool plic_line_ok_(const struct vdisc_irqchip *c, uint32_t line)
{
	return line >= 1 && line < c->nlines;
}

static int plic_enable_(struct vdisc_irqchip *c, uint32_t line, unsigned flags)
{
	if (!plic_line_ok_(c, line) || !vdisc_irq_flags_ok_(flags, false))
		return -VDISC_EINVAL;
	/* Any priority above the threshold (0) will do: every line is equal here. */
	vdisc_irq_wr_(c, c->base,
		      VDISC_PLIC_PRIORITY_BASE + (uint64_t)line * VDISC_PLIC_PRIORITY_PER_ID, 1);
	vdisc_irq_update_(c, c->base, plic_enable_off_(c, line), 1u << (line % 32), ~0u);
	return 0;
}

static int plic_disable_(struct vdisc_irqchip *c, uint32_t line)
{
	if (!plic_line_ok_(c, line))
		return -VDISC_EINVAL;
	vdisc_irq_update_(c, c->base, plic_enable_off_(c, line), 1u << (line % 32), 0);
	return 0;
}

static int plic_claim_(struct vdisc_irqchip *c, uint32_t *line)
{
	uint32_t id = vdisc_irq_rd_(c, c->base, plic_context_off_(c, VDISC_PLIC_CONTEXT_CLAIM));

	if (id == 0)
		return 0;
	if (id >= c->nlines) {
		/* A source beyond riscv,ndev was never enabled here: end it, report nothing. */
		vdisc_irq_wr_(c, c->base, plic_context_off_(c, VDISC_PLIC_CONTEXT_CLAIM), id);
		return 0;
	}
	*line = id;
	return 1;
}

static int plic_complete_(struct vdisc_irqchip *c, uint32_t line)
{
	uint64_t en = plic_enable_off_(c, line), claim;
	uint32_t bit = 1u << (line % 32);
	unsigned long flags;

	if (!plic_line_ok_(c, line))
		return -VDISC_EINVAL;
	claim = plic_context_off_(c, VDISC_PLIC_CONTEXT_CLAIM);
	/*
	 * The specification lets a PLIC ignore a completion for a source not
	 * enabled in the context (a line disabled while it was being handled
	 * would then stay claimed for ever): enable it for the write, as Linux does.
	 */
	flags = vdisc_irq_save_(c->platform);
	if (vdisc_irq_rd_(c, c->base, en) & bit) {
		vdisc_irq_wr_(c, c->base, claim, line);
	} else {
		vdisc_irq_update_(c, c->base, en, bit, ~0u);
		vdisc_irq_wr_(c, c->base, claim, line);
		vdisc_irq_update_(c, c->base, en, bit, 0);
	}
	vdisc_irq_restore_(c->platform, flags);
	return 0;
}

static const struct vdisc_irqchip_ops plic_ops_ = {
	.name = "plic",
	.enable = plic_enable_,
	.disable = plic_disable_,
	.claim = plic_claim_,
	.complete = plic_complete_,
};

/* riscv,ndev: how many sources (1..ndev) the PLIC has. */
static int plic_ndev_(const struct vdisc_model *model, const struct vdisc_device *plic,
		      uint32_t *ndev)
{
	const uint8_t *v;
	int len = 0;

	v = vdisc_fdt_getprop(model, plic->dt.node_offset, "riscv,ndev", &len);
	if (!v || len != 4)
		return -VDISC_EBADPROP;
	*ndev = (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | v[3];
	return *ndev >= 1 && *ndev < VDISC_PLIC_MAX_SOURCES ? 0 : -VDISC_EBADPROP;
}

/* The context: the interrupts-extended entry naming this hart's controller and mode. */
static int plic_context_(const struct vdisc_device *plic, const char *hart_intc_path,
			 bool supervisor, uint32_t *context)
{
	uint32_t want = supervisor ? VDISC_RISCV_IRQ_S_EXT : VDISC_RISCV_IRQ_M_EXT, i;

	for (i = 0; i < plic->nirqs && plic->irqs; i++) {
		const struct vdisc_irq *irq = &plic->irqs[i];

		if (irq->error == 0 && irq->controller && irq->ncells >= 1 &&
		    irq->cells[0] == want && strcmp(irq->controller, hart_intc_path) == 0) {
			*context = i;
			return 0;
		}
	}
	return -VDISC_ENOTFOUND;
}

int vdisc_irqchip_plic_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			    const struct vdisc_model *model, const struct vdisc_device *plic,
			    const char *hart_intc_path, bool supervisor)
{
	uint32_t ndev, context, i;
	uint64_t base, size;
	int err;

	if (!c || !p || !model || !plic || !hart_intc_path || plic->bus != VDISC_BUS_DT)
		return -VDISC_EINVAL;
	err = vdisc_irq_need_mmio_(p);
	if (!err)
		err = vdisc_irq_reg_(plic, 0, &base, &size);
	if (!err)
		err = plic_ndev_(model, plic, &ndev);
	if (!err)
		err = plic_context_(plic, hart_intc_path, supervisor, &context);
	if (err)
		return err;
	/* The context's threshold and claim registers must lie inside the PLIC's reg. */
	if (context >= VDISC_PLIC_MAX_CONTEXTS ||
	    (size &&
	     VDISC_PLIC_CONTEXT_BASE + (uint64_t)(context + 1) * VDISC_PLIC_CONTEXT_SIZE > size))
		return -VDISC_EBADPROP;
	vdisc_irq_chip_reset_(c, &plic_ops_, p);
	c->base = base;
	c->nlines = ndev + 1;
	c->context = context;
	/* Start from nothing enabled, as Linux does, then let every priority above 0 through. */
	for (i = 0; i <= ndev / 32; i++)
		vdisc_irq_wr_(c, base, plic_enable_off_(c, i * 32), 0);
	vdisc_irq_wr_(c, base, plic_context_off_(c, VDISC_PLIC_CONTEXT_THRESHOLD), 0);
	return 0;
}
