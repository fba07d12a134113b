/* SPDX-License-Identifier: MIT */
/*
 * vdisc boot test, aarch64 entry.  QEMU's virt machine given an ELF with
 * -kernel and no firmware (no -bios, virtualization=off, secure=off) loads it
 * as a bare-metal image, not as Linux: the CPU starts at the ELF entry in
 * EL1h, MMU and caches off, DAIF masked, with no registers set up.  QEMU
 * (hw/arm/boot.c, arm_setup_direct_kernel_boot) puts the device tree at the
 * start of RAM (0x40000000) when the ELF leaves room below itself, which is
 * why link.ld starts at 0x40200000.
 *
 * The kernel runs at EL1 only: with virtualization=on or secure=on QEMU
 * enters at EL2 or EL3, where it parks (no output; the runner times out).
 * CPU 0 enables FP/SIMD access (the C code uses none: -mgeneral-regs-only,
 * but libgcc or a future compiler might), installs the vector table, sets up
 * a 64 KiB stack, zeroes .bss and calls kernel_main(dtb), where dtb is
 * 0x40000000 if the FDT magic is there, NULL otherwise.  Any other CPU parks.
 *
 * With the MMU off every data access is Device-nGnRnE: nothing may be
 * unaligned (hence -mstrict-align everywhere) and no exclusives are used.
 */
#define RAM_BASE 0x40000000
#define IRQ_FRAME 192 /* irq_entry's saved registers */
#define FDT_MAGIC_LE 0xedfe0dd0 /* 0xd00dfeed stored big-endian, read little-endian */

	.section .text.boot, "ax"
	.globl _start
_start:
	mrs	x9, CurrentEL
	cmp	x9, #(1 << 2)		/* EL1 only (see above) */
	b.ne	park
	mrs	x9, mpidr_el1
	and	x9, x9, #0xff
	cbnz	x9, park
	mov	x9, #(3 << 20)		/* CPACR_EL1.FPEN = 0b11: no FP/SIMD traps */
	msr	cpacr_el1, x9
	adr	x9, vectors
	msr	vbar_el1, x9
	isb
	ldr	x9, =__stack_top
	mov	sp, x9
	ldr	x9, =__bss_start
	ldr	x10, =__bss_end
1:	cmp	x9, x10
	b.hs	2f
	str	xzr, [x9], #8
	b	1b
2:	mov	x0, #RAM_BASE
	ldr	w9, [x0]
	ldr	w10, =FDT_MAGIC_LE
	cmp	w9, w10
	csel	x0, x0, xzr, eq
	bl	kernel_main
park:
	wfi
	b	park

/*
 * uint64_t arch_semihost_(uint64_t op, uint64_t param): an Arm semihosting
 * call (A64: HLT #0xF000, op in w0, parameter in x1, result in x0).  Without
 * -semihosting QEMU makes HLT undefined: the vector sees the exception at
 * semihost_insn and returns past it, so the call returns op.
 */
	.text
	.globl arch_semihost_
	.type arch_semihost_, %function
arch_semihost_:
semihost_insn:
	hlt	#0xf000
	ret
	.size arch_semihost_, . - arch_semihost_

/*
 * void arch_psci_(uint64_t fn): a PSCI call through HVC, the conduit QEMU
 * virt's /psci node names ("method" = "hvc") when it emulates PSCI itself
 * (no EL2/EL3 in the guest).  If HVC is undefined the vector skips it.
 */
	.globl arch_psci_
	.type arch_psci_, %function
arch_psci_:
psci_insn:
	hvc	#0
	ret
	.size arch_psci_, . - arch_psci_

/*
 * The exception vectors: 16 entries of 0x80 bytes, 2 KiB aligned.  The IRQ
 * entries from EL1 (index 1 with SP_EL0, 5 with SP_EL1: the kernel runs in
 * EL1h) go to irq_entry, touching no register before saving it.  Every
 * other entry is a branch to one handler, with x9 = the entry's index
 * (0-15; index & 3 = 0 synchronous, 1 IRQ, 2 FIQ, 3 SError).  The handler:
 *   - a synchronous exception at semihost_insn or psci_insn (HLT or HVC is
 *     undefined here): step over it and return, x9/x10 clobbered, which
 *     those two functions allow;
 *   - the first exception: kernel_trap(ESR_EL1 | kind << 56, ELR_EL1,
 *     FAR_EL1) on a fresh stack (ESR bits 63:56 are RES0, so a
 *     synchronous exception shows ESR unchanged);
 *   - a second one (kernel_trap itself faulted): arch_poweroff(0, 0, 99)
 *     without printing;
 *   - any later one: park.
 */
	.macro	vector index
	.balign	0x80
	.if \index == 1 || \index == 5
	sub	sp, sp, #IRQ_FRAME
	stp	x0, x1, [sp]
	b	irq_entry
	.else
	mov	x9, #\index
	b	exception
	.endif
	.endm

	.balign	0x800
vectors:
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vector	\i
	.endr

/*
 * An IRQ: x0-x18 (the AAPCS64's caller-saved and platform registers), the
 * frame and link registers, ELR_EL1 and SPSR_EL1 are kept on the
 * interrupted stack (192 bytes, 16-aligned), kernel_irq(0) runs with IRQs
 * masked (the exception masked them), and eret puts everything back.
 */
irq_entry:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #160]
	str	x1, [sp, #176]
	mov	x0, #0
	bl	kernel_irq
	ldr	x1, [sp, #176]
	ldp	x30, x0, [sp, #160]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x18, x29, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp]
	add	sp, sp, #IRQ_FRAME
	eret

exception:
	tst	x9, #3
	b.ne	3f
	mrs	x10, elr_el1
	adr	x11, semihost_insn
	cmp	x10, x11
	b.eq	1f
	adr	x11, psci_insn
	cmp	x10, x11
	b.ne	3f
1:	add	x10, x10, #4
	msr	elr_el1, x10
	eret
3:	ldr	x10, =trap_depth
	ldr	w11, [x10]
	add	w11, w11, #1
	str	w11, [x10]
	ldr	x10, =__stack_top
	mov	sp, x10
	cmp	w11, #1
	b.ne	4f
	mrs	x0, esr_el1
	and	x9, x9, #3
	orr	x0, x0, x9, lsl #56
	mrs	x1, elr_el1
	mrs	x2, far_el1
	bl	kernel_trap
	b	park
4:	cmp	w11, #2
	b.ne	park
	mov	x0, #0
	mov	w1, #0
	mov	w2, #99
	bl	arch_poweroff
	b	park

	.bss
	.balign	4
trap_depth:
	.space	4

	.section .note.GNU-stack, "", %progbits
