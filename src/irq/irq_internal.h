/* SPDX-License-Identifier: MIT */
#ifndef VDISC_IRQ_INTERNAL_H
#define VDISC_IRQ_INTERNAL_H

#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/irq.h>

/* irqchip.c: what every controller driver shares. */

/* 32-bit register access at @base + @off through the platform's hooks. */
uint32_t vdisc_irq_rd_(const struct vdisc_irqchip *c, uint64_t base, uint64_t off);
void vdisc_irq_wr_(const struct vdisc_irqchip *c, uint64_t base, uint64_t off, uint32_t value);
/* Set or clear @mask in the 32-bit register at @base + @off, inside irq_save. */
void vdisc_irq_update_(const struct vdisc_irqchip *c, uint64_t base, uint64_t off, uint32_t mask,
		       uint32_t bits);
/* Wait (bounded on now_ns) until the bits of @mask read 0: 0 or -VDISC_ETIMEDOUT. */
int vdisc_irq_wait_clear_(const struct vdisc_irqchip *c, uint64_t base, uint64_t off,
			  uint32_t mask);
/* The platform's irq_save/irq_restore, or nothing where it has none. */
unsigned long vdisc_irq_save_(const struct vdisc_platform *p);
void vdisc_irq_restore_(const struct vdisc_platform *p, unsigned long flags);
/* True for exactly one of EDGE/LEVEL, ACTIVE_LOW only if @low_ok, no other bits. */
bool vdisc_irq_flags_ok_(unsigned flags, bool low_ok);
/* 0 when the platform has 32-bit MMIO hooks, else -VDISC_ENOTSUP. */
int vdisc_irq_need_mmio_(const struct vdisc_platform *p);
/* The CPU address of a translated reg entry of @dev, or -VDISC_EINVAL. */
int vdisc_irq_reg_(const struct vdisc_device *dev, uint32_t index, uint64_t *addr, uint64_t *size);
/* Zero @c and set its ops, platform and path. */
void vdisc_irq_chip_reset_(struct vdisc_irqchip *c, const struct vdisc_irqchip_ops *ops,
			   const struct vdisc_platform *p);

/* lapic.c: the local APIC's EOI, for the I/O APIC's complete. */
extern const struct vdisc_irqchip_ops vdisc_irq_lapic_ops_;
void vdisc_irq_lapic_eoi_(const struct vdisc_irqchip *lapic);

#endif
