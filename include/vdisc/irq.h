/* SPDX-License-Identifier: MIT */
#ifndef VDISC_IRQ_H
#define VDISC_IRQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "irq_regs.h"
#include "model.h"
#include "platform.h"
#include "registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Interrupt-controller drivers for a boot-time kernel: the RISC-V PLIC,
 * Arm GICv2 and GICv3, the x86 local APIC and I/O APIC.  Each is a struct
 * vdisc_irqchip the caller owns, filled by its init function (which only
 * needs the platform's MMIO hooks, and for GICv3 its clock and system
 * register hooks), then driven through four ops:
 *
 *	enable(line, flags)   route the line to this CPU and let it through
 *	disable(line)         mask it
 *	claim(&line)          in the handler: which line fired (1), or none (0)
 *	complete(line)        in the handler, after the device was serviced
 *
 * A line is the controller's own number, as the model resolves it
 * (vdisc_irq.line; vdisc_irq_line_of() gives it with its trigger flags):
 * PLIC source 1..riscv,ndev; GIC INTID 16..1019 (PPIs 16-31, SPIs from 32);
 * I/O APIC pin; local APIC vector.
 *
 * Everything targets the CPU that runs init (the boot CPU): the PLIC
 * context of its hart, the GIC's CPU interface and redistributor, the
 * local APIC id.  The ops keep no state besides registers, run in bounded
 * time (GICv3 waits are bounded on platform->now_ns) and may be called
 * from the interrupt handler.  Read-modify-write sequences (the PLIC's
 * enable words, the GIC's byte fields, the I/O APIC's index/data pair)
 * run inside platform->irq_save/irq_restore where the platform has them,
 * so a handler calling disable cannot tear an enable in progress.
 */

/* Trigger flags of enable(): exactly one of EDGE and LEVEL, optionally ACTIVE_LOW. */
#define VDISC_IRQ_EDGE (1u << 0)       /* rising edge (falling with ACTIVE_LOW) */
#define VDISC_IRQ_LEVEL (1u << 1)      /* high level (low with ACTIVE_LOW) */
#define VDISC_IRQ_ACTIVE_LOW (1u << 2) /* only the I/O APIC can invert; others refuse */

struct vdisc_irqchip;

/*
 * The ops of a controller.  Each returns 0 or -VDISC_E*: -VDISC_EINVAL for
 * a line outside the controller's range or bad flags; GICv3 enable/disable
 * may give -VDISC_ETIMEDOUT (a register write the distributor never
 * finished).  A NULL op is not supported by the controller.
 */
struct vdisc_irqchip_ops {
	const char *name; /* "plic", "gicv2", "gicv3", "lapic", "ioapic" */
	int (*enable)(struct vdisc_irqchip *c, uint32_t line, unsigned flags);
	int (*disable)(struct vdisc_irqchip *c, uint32_t line);
	/* 1 with *line set: acknowledge it, service, then complete; 0: nothing (spurious). */
	int (*claim)(struct vdisc_irqchip *c, uint32_t *line);
	int (*complete)(struct vdisc_irqchip *c, uint32_t line);
};

/*
 * One controller as seen from the boot CPU.  Filled by an init function;
 * the fields after path are the drivers' (read them, don't write them).
 */
struct vdisc_irqchip {
	const struct vdisc_irqchip_ops *ops;
	const struct vdisc_platform *platform;
	const char *path;  /* the controller's DT path, as vdisc_irq.controller names it, or NULL */
	uint64_t base;	   /* PLIC; GIC distributor; local APIC; I/O APIC */
	uint64_t cpu_base; /* GICv2 CPU interface; GICv3 this CPU's redistributor (RD_base) */
	uint32_t nlines;   /* lines are below this (PLIC from 1, GIC from 16, LAPIC vectors) */
	uint32_t context;  /* PLIC: the context of this hart and privilege mode */
	uint64_t target;   /* GICv2: this CPU's ITARGETSR byte; GICv3: its IROUTER value */
	uint32_t id;	   /* local APIC: its id; I/O APIC: the id of the LAPIC it delivers to */
	uint8_t version;   /* local or I/O APIC: the version register's low byte */
	uint8_t vector_base;		   /* I/O APIC: pin n raises vector vector_base + n */
	const struct vdisc_irqchip *lapic; /* I/O APIC: the local APIC whose EOI completes */
};

/**
 * vdisc_irqchip_plic_init - drive a RISC-V PLIC ("riscv,plic0", "sifive,plic-1.0.0") for this hart
 * @c: filled; any contents before
 * @p: the platform (mmio_read32/mmio_write32)
 * @model: the scanned tree @plic comes from: its "riscv,ndev" gives the number of sources
 * @plic: the PLIC's device node: reg[0] its registers, irqs[] its interrupts-extended
 * @hart_intc_path: this hart's interrupt controller ("/cpus/cpu@0/interrupt-controller";
 *                  vdisc_irq_hart_intc() finds it)
 * @supervisor: take the supervisor-mode context (external interrupt 9), else machine mode (11)
 *
 * The context is the index of the interrupts-extended entry that names
 * @hart_intc_path with that cause, as the binding defines.  Every source is
 * disabled in that context and its threshold set to 0 (every priority
 * above 0 interrupts); enable then gives a source priority 1.
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL argument, no reg[0] translated to a CPU address;
 *	-VDISC_ENOTSUP: the platform lacks mmio_read32 or mmio_write32;
 *	-VDISC_EBADPROP: "riscv,ndev" absent or out of 1..1023, or a context
 *	  beyond the PLIC's reg;
 *	-VDISC_ENOTFOUND: no interrupts-extended entry names this hart and mode.
 */
int vdisc_irqchip_plic_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			    const struct vdisc_model *model, const struct vdisc_device *plic,
			    const char *hart_intc_path, bool supervisor);

/**
 * vdisc_irqchip_gicv2_init - drive an Arm GICv2 (and GICv1: "arm,cortex-a15-gic", "arm,gic-400",
 *...)
 * @c: filled; any contents before
 * @p: the platform (mmio_read32/mmio_write32)
 * @gic: the GIC's device node: reg[0] the distributor, reg[1] the CPU interface
 *
 * As Linux: the distributor is disabled, every SPI disabled and
 * deactivated, this CPU's PPIs disabled (its SGIs enabled), then the
 * distributor enabled; the CPU interface gets priority mask 0xf0 and is
 * enabled.  SPIs are sent to this CPU by the target mask the GIC reports
 * in ITARGETSR0..7 (none on a uniprocessor GIC, where those read as zero
 * and an SPI goes to the one CPU anyway).
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL argument, fewer than two translated reg entries;
 *	-VDISC_ENOTSUP: the platform lacks mmio_read32 or mmio_write32.
 */
int vdisc_irqchip_gicv2_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			     const struct vdisc_device *gic);

/**
 * vdisc_irqchip_gicv3_init - drive an Arm GICv3/v4 ("arm,gic-v3") from this CPU
 * @c: filled; any contents before
 * @p: the platform: mmio_read32/mmio_write32, now_ns, sysreg_read/sysreg_write
 * @gic: the GIC's device node: reg[0] the distributor, reg[1] the (first) redistributor region
 *
 * Finds this CPU's redistributor in reg[1] by its GICR_TYPER affinity
 * against MPIDR_EL1 (walking frames up to the one marked Last, and never
 * past the region's size), wakes it (ProcessorSleep cleared, ChildrenAsleep
 * awaited), puts every line in non-secure group 1, enables the distributor
 * with affinity routing, and brings up the CPU interface through the system
 * registers (SRE, PMR 0xf0, EOImode 0, group 1 enable).  SPIs are routed
 * to this CPU's affinity.  The platform's sysreg_write must synchronise as
 * the architecture asks (an ISB after ICC_SRE_EL1).  Only one
 * redistributor region is searched, and extended SPI/PPI ranges are not
 * driven.
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL argument, fewer than two translated reg entries;
 *	-VDISC_ENOTSUP: a hook missing, or ICC_SRE_EL1.SRE will not set (the
 *	  system register interface is disabled at a higher exception level);
 *	-VDISC_ENOTFOUND: no redistributor frame has this CPU's affinity, or a
 *	  frame is not a GICv3/v4 redistributor (GICR_PIDR2);
 *	-VDISC_ETIMEDOUT: the redistributor did not wake, or a register write
 *	  stayed pending (RWP), for a second.
 */
int vdisc_irqchip_gicv3_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			     const struct vdisc_device *gic);

/**
 * vdisc_irqchip_from_model - drive the controller a device node describes
 * @c: filled; any contents before
 * @p: the platform
 * @model: the scanned tree @node comes from (the PLIC's "riscv,ndev")
 * @node: an interrupt controller of @model (a vdisc_irq.controller path names it)
 * @hart_intc_path: for a PLIC, this hart's interrupt controller; ignored otherwise
 * @supervisor: for a PLIC, the supervisor-mode context; ignored otherwise
 *
 * Picks the driver by the node's compatible list, most specific first:
 * the PLIC, GICv2 (and v1) or GICv3, and sets c->path to the node's path.
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL @c, @p or @node, or a node not from a device tree;
 *	-VDISC_ENOTSUP: no driver here for this controller;
 *	any error of the chosen init.
 */
int vdisc_irqchip_from_model(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			     const struct vdisc_model *model, const struct vdisc_device *node,
			     const char *hart_intc_path, bool supervisor);

/**
 * vdisc_irqchip_lapic_init - drive this CPU's x86 local APIC in xAPIC (MMIO) mode
 * @c: filled; any contents before
 * @p: the platform (mmio_read32/mmio_write32)
 * @base: the APIC's physical base, from IA32_APIC_BASE (normally 0xfee00000)
 *
 * Enables the APIC in software (SPIV, spurious vector 0xff: give it an
 * IDT entry that returns without EOI) and sets the task priority to 0.
 * The vectors are the IDT's, so there is no claim: a handler knows its
 * vector and calls complete(vector), the EOI.  enable/disable are not
 * supported (an MSI or the I/O APIC decides what arrives).  The local
 * vector table (LINT0's ExtINT from the 8259 PIC, the timer) is left as
 * the firmware set it: mask the 8259 first.  x2APIC mode is not driven.
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL @c or @p;
 *	-VDISC_ENOTSUP: the platform lacks mmio_read32 or mmio_write32;
 *	-VDISC_ENOTFOUND: no integrated APIC answers at @base (version not 0x1X).
 */
int vdisc_irqchip_lapic_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			     uint64_t base);

/**
 * vdisc_irqchip_ioapic_init - drive an x86 I/O APIC, delivering to a local APIC
 * @c: filled; any contents before
 * @p: the platform (mmio_read32/mmio_write32)
 * @base: the I/O APIC's physical base (ACPI MADT; 0xfec00000 on PCs and QEMU's microvm)
 * @lapic: an initialised local APIC chip: pins go to its id, complete is its EOI
 * @vector_base: pin n raises vector @vector_base + n; at least 0x20
 *
 * Reads the pin count from the version register, limited so that no pin's
 * vector reaches the spurious vector 0xff, and masks every pin.  enable
 * writes pin n's redirection entry (fixed delivery, physical destination,
 * trigger and polarity from the flags, unmasked); disable masks it.  There
 * is no claim (the vector is the IDT's: pin = vector - vector_base);
 * complete is the local APIC's EOI, whose broadcast also ends a level
 * pin's Remote IRR (directed EOI is never enabled here, so the broadcast
 * happens on every APIC version).
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL argument, @lapic not a local APIC chip,
 *	  @vector_base below 0x20 or at 0xff;
 *	-VDISC_ENOTSUP: the platform lacks mmio_read32 or mmio_write32;
 *	-VDISC_ENOTFOUND: no I/O APIC answers at @base (the version register reads all ones).
 */
int vdisc_irqchip_ioapic_init(struct vdisc_irqchip *c, const struct vdisc_platform *p,
			      uint64_t base, const struct vdisc_irqchip *lapic,
			      uint8_t vector_base);

/**
 * vdisc_irqchip_msi_message - the MSI address and data that raise @vector at a local APIC
 * @lapic: an initialised local APIC chip
 * @vector: the vector, 0x20..0xfe
 * @addr: out: 0xfee00000 | id << 12 (physical destination, no redirection hint)
 * @data: out: @vector, fixed delivery, edge
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL argument, @lapic not a local APIC chip, or a
 *	vector below 0x20 or the spurious one.
 */
int vdisc_irqchip_msi_message(const struct vdisc_irqchip *lapic, uint8_t vector, uint64_t *addr,
			      uint32_t *data);

/**
 * vdisc_irq_enable - enable a line at its controller (c->ops->enable)
 * @c: the controller, or NULL
 * @line: the controller's line
 * @flags: VDISC_IRQ_EDGE or VDISC_IRQ_LEVEL, maybe | VDISC_IRQ_ACTIVE_LOW
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL or uninitialised @c, a line out of range, bad @flags;
 *	-VDISC_ENOTSUP: the controller has no such op;
 *	any error of the op.
 */
int vdisc_irq_enable(struct vdisc_irqchip *c, uint32_t line, unsigned flags);

/**
 * vdisc_irq_disable - mask a line at its controller (c->ops->disable)
 * @c: the controller, or NULL
 * @line: the controller's line
 *
 * returns:
 *	as vdisc_irq_enable().
 */
int vdisc_irq_disable(struct vdisc_irqchip *c, uint32_t line);

/**
 * vdisc_irq_claim - acknowledge the line that interrupted (c->ops->claim)
 * @c: the controller, or NULL
 * @line: out: the line, when 1 is returned
 *
 * A line the driver never enables (a GIC SGI or LPI, a PLIC source above
 * riscv,ndev) is completed at once and not reported.
 *
 * returns:
 *	1 with *@line set; 0 when nothing is pending (spurious), or
 *	-VDISC_EINVAL: a NULL @c, @line or an uninitialised @c;
 *	-VDISC_ENOTSUP: the controller has no claim (local APIC, I/O APIC).
 */
int vdisc_irq_claim(struct vdisc_irqchip *c, uint32_t *line);

/**
 * vdisc_irq_complete - end the handling of a claimed line (c->ops->complete)
 * @c: the controller, or NULL
 * @line: the line claim gave (local APIC: the vector; I/O APIC: the pin)
 *
 * returns:
 *	as vdisc_irq_enable().
 */
int vdisc_irq_complete(struct vdisc_irqchip *c, uint32_t line);

/**
 * vdisc_irq_line_of - a model interrupt's line and trigger flags, for enable()
 * @irq: one of a device's resolved interrupts
 * @line: out: irq->line
 * @flags: out: VDISC_IRQ_* from the specifier: a GIC's third cell (Linux's
 *         IRQ_TYPE_EDGE_RISING 1, EDGE_FALLING 2, LEVEL_HIGH 4, LEVEL_LOW 8;
 *         0 is taken as level high, the GIC's reset state); a one-cell
 *         specifier (PLIC, I/O APIC pin) is level high
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL argument;
 *	-VDISC_ENOTFOUND: the interrupt was not resolved to a line (irq->error,
 *	  or a controller whose binding the model does not know);
 *	-VDISC_ENOTSUP: a specifier whose flags this cannot read (2 cells,
 *	  more than 3, or several trigger bits at once).
 */
int vdisc_irq_line_of(const struct vdisc_irq *irq, uint32_t *line, unsigned *flags);

/**
 * vdisc_irq_hart_intc - the interrupt controller of a RISC-V hart (a PLIC context's parent)
 * @model: a scanned tree
 * @hartid: the hart's id (its cpu node's reg; the boot hart's comes in a0)
 * @path: out: the path of the "riscv,cpu-intc" node inside that cpu node
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL argument;
 *	-VDISC_ENOTFOUND: no cpu has that id, or it has no "riscv,cpu-intc" child.
 */
int vdisc_irq_hart_intc(const struct vdisc_model *model, uint64_t hartid, const char **path);

/*
 * Interrupt controllers in the registry (src/registry/irq_driver.c).
 *
 * Register the controllers before the devices that use them, as Linux
 * initialises its irqchips early: a device's probe then finds its
 * controller with vdisc_registry_irqchip(reg, dev->irqs[i].controller)
 * and enables its line.  Controller nodes become bus devices like any
 * other (vdisc_bus_device_from_model); the driver matches the PLIC and GIC
 * compatibles and fills a chip from the caller's pool.
 */
struct vdisc_irqchip_pool {
	struct vdisc_irqchip *chips; /* the caller's array ... */
	uint32_t count;		     /* ... of this many */
	uint32_t used;		     /* bound now (read-only) */
	const struct vdisc_platform *platform;
	const struct vdisc_model *model; /* the tree the bus devices come from */
	const char *hart_intc_path;	 /* PLIC: this hart's controller */
	bool supervisor;		 /* PLIC: the supervisor-mode context */
};

/**
 * vdisc_irqchip_driver_init - make an interrupt-controller driver over a pool of chips
 * @drv: the driver, filled (name "irqchip", its match table, probe, remove, ctx = @pool)
 * @pool: the caller's pool, filled in except used; its chips are zeroed
 *
 * Register @drv with vdisc_registry_add_driver().  Its probe declines a
 * node whose status is not "okay", fills a free chip with
 * vdisc_irqchip_from_model() (a failure is kept in probe_error) and sets
 * bdev->driver_data to it; remove frees the chip.  The pool and its chips
 * must outlive the registration.
 */
void vdisc_irqchip_driver_init(struct vdisc_driver *drv, struct vdisc_irqchip_pool *pool);

/**
 * vdisc_registry_irqchip - the chip bound to a controller
 * @reg: the registry
 * @path: the controller's path, as vdisc_irq.controller names it
 *
 * returns:
 *	the chip a driver made by vdisc_irqchip_driver_init() bound to the
 *	node at @path, or NULL (none bound, or a NULL argument).
 */
struct vdisc_irqchip *vdisc_registry_irqchip(const struct vdisc_registry *reg, const char *path);

#ifdef __cplusplus
}
#endif

#endif
