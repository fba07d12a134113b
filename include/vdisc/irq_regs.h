/* SPDX-License-Identifier: MIT */
#ifndef VDISC_IRQ_REGS_H
#define VDISC_IRQ_REGS_H

/*
 * The register layouts of the interrupt controllers src/irq/ drives, named
 * after Linux's definitions where Linux names them (include/linux/irqchip/
 * arm-gic.h, arm-gic-v3.h, arm-gic-common.h; arch/x86/include/asm/
 * apicdef.h, io_apic.h, msi.h; drivers/irqchip/irq-sifive-plic.c) with a
 * VDISC_ prefix.  Offsets are bytes from the block's base unless said.
 */

/* ---- RISC-V PLIC (RISC-V PLIC specification 1.0.0, chapter 3: memory map) ---- */
#define VDISC_PLIC_PRIORITY_BASE 0x0	      /* one 32-bit priority per source */
#define VDISC_PLIC_PRIORITY_PER_ID 4	      /* bytes per source */
#define VDISC_PLIC_PENDING_BASE 0x1000	      /* pending bits, 32 sources a word */
#define VDISC_PLIC_CONTEXT_ENABLE_BASE 0x2000 /* enable bits of context 0 */
#define VDISC_PLIC_CONTEXT_ENABLE_SIZE 0x80   /* bytes of enable bits per context */
#define VDISC_PLIC_CONTEXT_BASE 0x200000      /* threshold and claim of context 0 */
#define VDISC_PLIC_CONTEXT_SIZE 0x1000	      /* bytes per context */
#define VDISC_PLIC_CONTEXT_THRESHOLD 0x00     /* within a context */
#define VDISC_PLIC_CONTEXT_CLAIM 0x04	      /* within a context: read claims, write completes */
#define VDISC_PLIC_MAX_SOURCES 1024	      /* sources 1..1023; 0 is "none" */
#define VDISC_PLIC_MAX_CONTEXTS 15872	      /* (0x4000000 - 0x200000) / 0x1000 */
/* The cause numbers a PLIC context's interrupts-extended entry names at the hart (privileged
 * spec, mcause): the external interrupt of machine and supervisor mode. */
#define VDISC_RISCV_IRQ_S_EXT 9	 /* Linux's IRQ_S_EXT: supervisor external */
#define VDISC_RISCV_IRQ_M_EXT 11 /* IRQ_M_EXT: machine external */

/* ---- Arm GICv2 (GIC architecture specification v2, 4.1): CPU interface ---- */
#define VDISC_GIC_CPU_CTRL 0x00
#define VDISC_GIC_CPU_PRIMASK 0x04
#define VDISC_GIC_CPU_BINPOINT 0x08
#define VDISC_GIC_CPU_INTACK 0x0c
#define VDISC_GIC_CPU_EOI 0x10
#define VDISC_GIC_CPU_IDENT 0xfc
#define VDISC_GICC_ENABLE 0x1
#define VDISC_GICC_INT_PRI_THRESHOLD 0xf0 /* the priority mask: lets 0xa0 through */
#define VDISC_GICC_IAR_INT_ID_MASK 0x3ff
#define VDISC_GICC_INT_SPURIOUS 1023
#define VDISC_GICC_DIS_BYPASS_MASK 0x1e0

/* GICv2 distributor */
#define VDISC_GIC_DIST_CTRL 0x000
#define VDISC_GIC_DIST_CTR 0x004 /* GICD_TYPER: ITLinesNumber in bits 4:0 */
#define VDISC_GIC_DIST_IIDR 0x008
#define VDISC_GIC_DIST_IGROUP 0x080
#define VDISC_GIC_DIST_ENABLE_SET 0x100
#define VDISC_GIC_DIST_ENABLE_CLEAR 0x180
#define VDISC_GIC_DIST_PENDING_SET 0x200
#define VDISC_GIC_DIST_PENDING_CLEAR 0x280
#define VDISC_GIC_DIST_ACTIVE_SET 0x300
#define VDISC_GIC_DIST_ACTIVE_CLEAR 0x380
#define VDISC_GIC_DIST_PRI 0x400
#define VDISC_GIC_DIST_TARGET 0x800
#define VDISC_GIC_DIST_CONFIG 0xc00
#define VDISC_GIC_DIST_SOFTINT 0xf00
#define VDISC_GICD_ENABLE 0x1
#define VDISC_GICD_DISABLE 0x0
#define VDISC_GICD_INT_EN_CLR_X32 0xffffffffu
#define VDISC_GICD_INT_EN_SET_SGI 0x0000ffffu
#define VDISC_GICD_INT_EN_CLR_PPI 0xffff0000u
#define VDISC_GICD_INT_DEF_PRI 0xa0 /* arm-gic-common.h: every line's priority */

/* Interrupt ids shared by both GIC versions (GICv3 spec 2.2). */
#define VDISC_GIC_NR_SGIS 16		/* 0-15: software generated */
#define VDISC_GIC_FIRST_SPI 32		/* 16-31: private peripheral (PPI) */
#define VDISC_GIC_MAX_LINES 1020	/* 1020-1023 are special (spurious) */
#define VDISC_GIC_ICFGR_EDGE 0x2	/* of a line's two Int_config bits: edge-triggered */
#define VDISC_GIC_ITARGETSR_COUNT 8	/* GICD_ITARGETSR0..7: the banked, read-only ones */
#define VDISC_GIC_TYPER_LINES_MASK 0x1f /* GICD_TYPER ITLinesNumber: 32 * (N + 1) lines */

/* ---- Arm GICv3 (GIC architecture specification v3/v4, chapter 12): distributor ---- */
#define VDISC_GICD_CTLR 0x0000
#define VDISC_GICD_TYPER 0x0004
#define VDISC_GICD_IIDR 0x0008
#define VDISC_GICD_IGROUPR 0x0080
#define VDISC_GICD_ISENABLER 0x0100
#define VDISC_GICD_ICENABLER 0x0180
#define VDISC_GICD_ISPENDR 0x0200
#define VDISC_GICD_ICPENDR 0x0280
#define VDISC_GICD_ISACTIVER 0x0300
#define VDISC_GICD_ICACTIVER 0x0380
#define VDISC_GICD_IPRIORITYR 0x0400
#define VDISC_GICD_ICFGR 0x0C00
#define VDISC_GICD_IGRPMODR 0x0D00
#define VDISC_GICD_IROUTER 0x6000 /* 64-bit, one per SPI: IROUTER<n> at 0x6000 + 8n */
#define VDISC_GICD_PIDR2 0xFFE8
#define VDISC_GICD_CTLR_RWP (1U << 31)
#define VDISC_GICD_CTLR_DS (1U << 6)
#define VDISC_GICD_CTLR_ARE_NS (1U << 4)
#define VDISC_GICD_CTLR_ENABLE_G1A (1U << 1)
#define VDISC_GICD_CTLR_ENABLE_G1 (1U << 0)
#define VDISC_GICD_IROUTER_SPI_MODE_ANY (1U << 31)
#define VDISC_GIC_PIDR2_ARCH_MASK 0xf0
#define VDISC_GIC_PIDR2_ARCH_GICv3 0x30
#define VDISC_GIC_PIDR2_ARCH_GICv4 0x40

/* GICv3 redistributor: RD_base frame, then SGI_base frame 64 KiB above it */
#define VDISC_GICR_CTLR 0x0000
#define VDISC_GICR_IIDR 0x0004
#define VDISC_GICR_TYPER 0x0008 /* 64-bit: affinity in 63:32 */
#define VDISC_GICR_WAKER 0x0014
#define VDISC_GICR_PIDR2 0xFFE8
#define VDISC_GICR_CTLR_RWP (1U << 3)
#define VDISC_GICR_TYPER_VLPIS (1U << 1)
#define VDISC_GICR_TYPER_LAST (1U << 4)
#define VDISC_GICR_WAKER_ProcessorSleep (1U << 1)
#define VDISC_GICR_WAKER_ChildrenAsleep (1U << 2)
#define VDISC_GICR_SGI_BASE 0x10000   /* SGI_base = RD_base + 64 KiB */
#define VDISC_GICR_FRAME_SIZE 0x20000 /* RD_base + SGI_base; GICv4 (VLPIS) adds two more */
#define VDISC_GICR_IGROUPR0 0x0080    /* in the SGI frame, as GICD_IGROUPR */
#define VDISC_GICR_ISENABLER0 0x0100
#define VDISC_GICR_ICENABLER0 0x0180
#define VDISC_GICR_ICACTIVER0 0x0380
#define VDISC_GICR_IPRIORITYR0 0x0400
#define VDISC_GICR_ICFGR0 0x0C00

/* GICv3 CPU interface system registers (through platform->sysreg_*) */
#define VDISC_ICC_SRE_EL1_SRE (1U << 0)
#define VDISC_ICC_CTLR_EL1_EOImode_MASK (1U << 1)
#define VDISC_ICC_IAR1_EL1_INTID_MASK 0xffffff /* INTID: up to 24 bits */
#define VDISC_ICC_IGRPEN1_EL1_ENABLE 0x1
/* MPIDR_EL1 affinity fields (Arm ARM D19.2): Aff0-2 in bits 23:0, Aff3 in 39:32. */
#define VDISC_MPIDR_AFF012_MASK 0xffffffull
#define VDISC_MPIDR_AFF3_SHIFT 32

/* ---- x86 local APIC (Intel SDM vol. 3, 11.4.1: xAPIC MMIO offsets) ---- */
#define VDISC_APIC_DEFAULT_PHYS_BASE 0xfee00000u
#define VDISC_APIC_ID 0x20
#define VDISC_APIC_LVR 0x30
#define VDISC_APIC_TASKPRI 0x80
#define VDISC_APIC_EOI 0xB0
#define VDISC_APIC_SPIV 0xF0
#define VDISC_APIC_ESR 0x280
#define VDISC_APIC_TPRI_MASK 0xFFu
#define VDISC_APIC_EOI_ACK 0x0
#define VDISC_APIC_SPIV_DIRECTED_EOI (1 << 12)
#define VDISC_APIC_SPIV_FOCUS_DISABLED (1 << 9)
#define VDISC_APIC_SPIV_APIC_ENABLED (1 << 8)
#define VDISC_APIC_VECTOR_MASK 0x000FF
#define VDISC_APIC_ID_SHIFT 24	      /* xAPIC: the 8-bit id in bits 31:24 of APIC_ID */
#define VDISC_APIC_VERSION_MASK 0xFFu /* GET_APIC_VERSION: 0x1X is an integrated APIC */
#define VDISC_APIC_INTEGRATED_MASK 0xF0u
#define VDISC_SPURIOUS_APIC_VECTOR 0xff	 /* Linux's, and what lapic_init puts in SPIV */
#define VDISC_FIRST_EXTERNAL_VECTOR 0x20 /* 0-31 are the CPU's exceptions */

/* MSI message for the local APIC (Intel SDM vol. 3, 11.11; Linux asm/msi.h) */
#define VDISC_MSI_ADDR_BASE_LO 0xfee00000u
#define VDISC_MSI_ADDR_DEST_ID_SHIFT 12 /* destid_0_7 in address bits 19:12 */
#define VDISC_MSI_DATA_VECTOR_MASK 0xff /* fixed delivery, edge, physical: the vector alone */

/* ---- x86 I/O APIC (82093AA datasheet; Linux io_apic.c's struct io_apic) ---- */
#define VDISC_IO_APIC_DEFAULT_PHYS_BASE 0xfec00000u
#define VDISC_IO_APIC_INDEX 0x00 /* IOREGSEL */
#define VDISC_IO_APIC_DATA 0x10	 /* IOWIN */
#define VDISC_IO_APIC_EOI 0x40	 /* version 0x20 and later: the EOI register */
#define VDISC_IO_APIC_REG_ID 0x00
#define VDISC_IO_APIC_REG_VERSION 0x01 /* version 7:0, highest entry 23:16 */
#define VDISC_IO_APIC_REDIR_TABLE 0x10 /* pin n: low word 0x10 + 2n, high word 0x11 + 2n */
#define VDISC_IO_APIC_VERSION_MASK 0xff
#define VDISC_IO_APIC_ENTRIES_SHIFT 16
#define VDISC_IO_APIC_ENTRIES_MASK 0xff
#define VDISC_IO_APIC_REDIR_VECTOR_MASK 0x000FF
#define VDISC_IO_APIC_REDIR_DEST_LOGICAL 0x00800
#define VDISC_IO_APIC_REDIR_SEND_PENDING (1 << 12)
#define VDISC_IO_APIC_REDIR_ACTIVE_LOW (1 << 13)
#define VDISC_IO_APIC_REDIR_REMOTE_IRR (1 << 14)
#define VDISC_IO_APIC_REDIR_LEVEL_TRIGGER (1 << 15)
#define VDISC_IO_APIC_REDIR_MASKED (1 << 16)
#define VDISC_IO_APIC_DEST_SHIFT 24 /* in the high word: the destination APIC id */

#endif
