/* SPDX-License-Identifier: MIT */
/*
 * vdisc boot test, riscv64 entry.  QEMU's virt machine with -bios none runs
 * its reset vector (at 0x1000), which jumps here in M-mode with
 *   a0 = mhartid, a1 = the device tree blob's address.
 * Hart 0 sets up a 64 KiB stack, zeroes .bss and calls
 * kernel_main(dtb); every other hart parks in wfi.
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

/* Any exception: report it from C (which powers off); no return. */
	.align 4
trap_entry:
	la	sp, __stack_top
	csrr	a0, mcause
	csrr	a1, mepc
	csrr	a2, mtval
	call	kernel_trap
	j	park
