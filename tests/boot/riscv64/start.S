/* SPDX-License-Identifier: MIT */
/*
 * vdisc boot test, riscv64 entry.  QEMU's virt machine with -bios none runs
 * its reset vector (at 0x1000), which jumps here in M-mode with
 *   a0 = mhartid, a1 = the device tree blob's address.
 * Hart 0 installs trap_entry in mtvec (direct mode), sets up a 64 KiB
 * stack, zeroes .bss and calls kernel_main(dtb); every other hart parks in
 * wfi.  Interrupts stay off (mstatus.MIE 0) except while arch.c waits.
 */
	.section .text.boot, "ax"
	.globl _start
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	csrr	t0, mhartid
	bnez	t0, park
	csrw	mie, zero
	csrci	mstatus, 8		/* MIE */
	la	t0, trap_entry
	csrw	mtvec, t0
	la	sp, __stack_top
	mv	s0, a1			/* the DTB, kept across the .bss loop */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	mv	a0, s0
	call	kernel_main
park:
	wfi
	j	park

/*
 * Every trap.  An interrupt (mcause bit 63) saves the registers the C
 * calling convention lets kernel_irq clobber (ra, t0-t6, a0-a7) on the
 * interrupted stack, calls kernel_irq(mcause code) and returns with mret
 * (mstatus.MPIE puts MIE back).  mepc needs no saving: nothing in the
 * handler traps except a fatal exception.  Any exception: report it from C
 * on a fresh stack (kernel_trap powers off); no return.
 */
	.align 4
trap_entry:
	addi	sp, sp, -128
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	csrr	t0, mcause
	bgez	t0, exception
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)
	slli	a0, t0, 1		/* the cause code without the interrupt bit */
	srli	a0, a0, 1
	call	kernel_irq
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, 128
	mret
exception:
	la	sp, __stack_top
	mv	a0, t0
	csrr	a1, mepc
	csrr	a2, mtval
	call	kernel_trap
	j	park
