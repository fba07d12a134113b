/* SPDX-License-Identifier: MIT */
/*
 * The x86 local APIC in xAPIC mode (Intel SDM vol. 3, chapter 11): its
 * registers are 16-byte aligned 32-bit words in a 4 KiB page.  Interrupts
 * arrive as vectors, already dispatched by the IDT, so the only work per
 * interrupt is the EOI; MSI messages address it by its APIC id.
 */
#include "irq_internal.h"

static bool lapic_vector_ok_(uint32_t vector)
{
	return vector >= VDISC_FIRST_EXTERNAL_VECTOR && vector < VDISC_SPURIOUS_APIC_VECTOR;
}

void vdisc_irq_lapic_eoi_(const struct vdisc_irqchip *lapic)
{
	vdisc_irq_wr_(lapic, lapic->base, VDISC_APIC_EOI, VDISC_APIC_EOI_ACK);
}

static int lapic_complete_(struct vdisc_irqchip *c, uint32_t vector)
{
	if (!lapic_vector_ok_(vector))
		return -VDISC_EINVAL;
	vdisc_irq_lapic_eoi_(c);
	return 0;
}

const struct vdisc_irqchip_ops vdisc_irq_lapic_ops_ = {
	.name = "lapic",
	.complete = lapic_complete_,
};

int vdisc_irqchip_lapic_init(struct vdisc_irqchip *c, const struct vdisc_platform *p, uint64_t base)
{
	uint32_t lvr, spiv;
	int err;

	if (!c || !p)
		return -VDISC_EINVAL;
	err = vdisc_irq_need_mmio_(p);
	if (err)
		return err;
	vdisc_irq_chip_reset_(c, &vdisc_irq_lapic_ops_, p);
	c->base = base;
	/* An integrated APIC reports version 0x1X; an empty bus reads all ones. */
	lvr = vdisc_irq_rd_(c, base, VDISC_APIC_LVR) & VDISC_APIC_VERSION_MASK;
	if ((lvr & VDISC_APIC_INTEGRATED_MASK) != 0x10) {
		c->ops = NULL;
		return -VDISC_ENOTFOUND;
	}
	c->version = (uint8_t)lvr;
	c->nlines = VDISC_SPURIOUS_APIC_VECTOR;
	c->id = vdisc_irq_rd_(c, base, VDISC_APIC_ID) >> VDISC_APIC_ID_SHIFT;
	/* Accept every priority class, then enable with our spurious vector (no directed EOI:
	 * the EOI must keep reaching the I/O APIC as a broadcast). */
	vdisc_irq_update_(c, base, VDISC_APIC_TASKPRI, VDISC_APIC_TPRI_MASK, 0);
	spiv = vdisc_irq_rd_(c, base, VDISC_APIC_SPIV);
	spiv &= ~(uint32_t)(VDISC_APIC_VECTOR_MASK | VDISC_APIC_SPIV_DIRECTED_EOI);
	vdisc_irq_wr_(c, base, VDISC_APIC_SPIV,
		      spiv | VDISC_APIC_SPIV_APIC_ENABLED | VDISC_SPURIOUS_APIC_VECTOR);
	return 0;
}

int vdisc_irqchip_msi_message(const struct vdisc_irqchip *lapic, uint8_t vector, uint64_t *addr,
			      uint32_t *data)
{
	if (!lapic || lapic->ops != &vdisc_irq_lapic_ops_ || !addr || !data ||
	    !lapic_vector_ok_(vector))
		return -VDISC_EINVAL;
	/* Physical destination mode, no redirection hint; fixed delivery, edge (data 15:8 zero). */
	*addr = VDISC_MSI_ADDR_BASE_LO | (uint64_t)(lapic->id & 0xff)
						 << VDISC_MSI_ADDR_DEST_ID_SHIFT;
	*data = vector & VDISC_MSI_DATA_VECTOR_MASK;
	return 0;
}
