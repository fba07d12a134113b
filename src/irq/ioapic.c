/* SPDX-License-Identifier: MIT */
/*
 * The x86 I/O APIC (82093AA datasheet): an index register and a data window
 * in front of its registers; each pin has a 64-bit redirection entry that
 * names a vector, a destination APIC and the pin's trigger and polarity.
 * The index/data pair is one access: it runs inside irq_save so that a
 * handler touching the I/O APIC cannot move the index under us.
 */
#include "irq_internal.h"

static uint32_t ioapic_read_(const struct vdisc_irqchip *c, uint32_t reg)
{
	unsigned long flags = vdisc_irq_save_(c->platform);
	uint32_t v;

	vdisc_irq_wr_(c, c->base, VDISC_IO_APIC_INDEX, reg);
	v = vdisc_irq_rd_(c, c->base, VDISC_IO_APIC_DATA);
	vdisc_irq_restore_(c->platform, flags);
	return v;
}

static void ioapic_write_(const struct vdisc_irqchip *c, uint32_t reg, uint32_t value)
{
	unsigned long flags = vdisc_irq_save_(c->platform);

	vdisc_irq_wr_(c, c->base, VDISC_IO_APIC_INDEX, reg);
	vdisc_irq_wr_(c, c->base, VDISC_IO_APIC_DATA, value);
	vdisc_irq_restore_(c->platform, flags);
}

static uint32_t ioapic_redir_(uint32_t pin)
{
	return VDISC_IO_APIC_REDIR_TABLE + 2 * pin;
}

static void ioapic_mask_(const struct vdisc_irqchip *c, uint32_t pin)
{
	unsigned long flags = vdisc_irq_save_(c->platform);
	uint32_t low = ioapic_read_(c, ioapic_redir_(pin));

	ioapic_write_(c, ioapic_redir_(pin), low | VDISC_IO_APIC_REDIR_MASKED);
	vdisc_irq_restore_(c->platform, flags);
}

static int ioapic_enable_(struct vdisc_irqchip *c, uint32_t pin, unsigned flags)
{
	uint32_t low;

	if (pin >= c->nlines || !vdisc_irq_flags_ok_(flags, true))
		return -VDISC_EINVAL;
	/* Fixed delivery, physical destination mode (both 0). */
	low = (c->vector_base + pin) & VDISC_IO_APIC_REDIR_VECTOR_MASK;
	if (flags & VDISC_IRQ_LEVEL)
		low |= VDISC_IO_APIC_REDIR_LEVEL_TRIGGER;
	if (flags & VDISC_IRQ_ACTIVE_LOW)
		low |= VDISC_IO_APIC_REDIR_ACTIVE_LOW;
	/* Masked while the halves disagree; the last write unmasks the finished entry. */
	ioapic_mask_(c, pin);
	ioapic_write_(c, ioapic_redir_(pin) + 1, (c->id & 0xff) << VDISC_IO_APIC_DEST_SHIFT);
	ioapic_write_(c, ioapic_redir_(pin), low);
	return 0;
}

static int ioapic_disable_(struct vdisc_irqchip *c, uint32_t pin)
{
	if (pin >= c->nlines)
		return -VDISC_EINVAL;
	ioapic_mask_(c, pin);
	return 0;
}

/*
 * The local APIC's EOI: for a level pin its broadcast also clears the
 * entry's Remote IRR (QEMU's I/O APIC, version 0x20, and KVM's do this
 * unless directed EOI is on, which lapic_init keeps off), so the I/O APIC's
 * own EOI register is not needed.
 */
static int ioapic_complete_(struct vdisc_irqchip *c, uint32_t pin)
{
	if (pin >= c->nlines)
		return -VDISC_EINVAL;
	vdisc_irq_lapic_eoi_(c->lapic);
	return 0;
}

static const struct vdisc_irqchip_ops ioapic_ops_ = {
	.name = "ioapic",
	.enable = ioapic_enable_,
	.disable = ioapic_disable_,
	.complete = ioapic_complete_,
};

int vdisc_irqchip_ioapic_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			      uint64_t base, const struct vdisc_irqchip *lapic, uint8_t vector_base)
{
	uint32_t ver, entries, pin;
	int err;

	if (!c || !p || !lapic || lapic->ops != &vdisc_irq_lapic_ops_ ||
	    vector_base < VDISC_FIRST_EXTERNAL_VECTOR || vector_base >= VDISC_SPURIOUS_APIC_VECTOR)
		return -VDISC_EINVAL;
	err = vdisc_irq_need_mmio_(p);
	if (err)
		return err;
	vdisc_irq_chip_reset_(c, &ioapic_ops_, p);
	c->base = base;
	c->lapic = lapic;
	c->id = lapic->id;
	c->vector_base = vector_base;
	ver = ioapic_read_(c, VDISC_IO_APIC_REG_VERSION);
	if (ver == 0xffffffffu) {
		c->ops = NULL;
		return -VDISC_ENOTFOUND;
	}
	c->version = (uint8_t)(ver & VDISC_IO_APIC_VERSION_MASK);
	entries = ((ver >> VDISC_IO_APIC_ENTRIES_SHIFT) & VDISC_IO_APIC_ENTRIES_MASK) + 1;
	for (pin = 0; pin < entries; pin++)
		ioapic_mask_(c, pin);
	/* Pins whose vector would reach the spurious vector stay masked and out of reach. */
	if (entries > (uint32_t)(VDISC_SPURIOUS_APIC_VECTOR - vector_base))
		entries = VDISC_SPURIOUS_APIC_VECTOR - vector_base;
	c->nlines = entries;
	return 0;
}
