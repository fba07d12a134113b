/* SPDX-License-Identifier: MIT */
/*
 * vdisc boot test, x86 entry: an ELF32 linked at 1 MiB that boots two ways.
 *   - Multiboot (v1), on pc/q35: QEMU -kernel finds the header below in the
 *     file's first 8 KiB, loads the ELF (it refuses ELF64) and, after
 *     SeaBIOS, enters _start with eax = 0x2BADB002, ebx = the Multiboot
 *     information structure.
 *   - PVH (the x86/HVM direct boot ABI), on microvm: the XEN_ELFNOTE_PHYS32_ENTRY
 *     note names _start; the firmware (qboot) enters it with ebx = struct
 *     hvm_start_info, whose first word is its magic.  QEMU tries Multiboot
 *     first, so the PVH image is the same link without the .multiboot
 *     section (tests/boot/build.sh: vdisc-boot-x86-pvh.elf).
 * Either way: 32-bit protected mode, paging off, interrupts off; CS/DS/ES/SS
 * are flat but the GDT they came from is not ours to keep.  boot_magic and
 * boot_info keep eax and ebx for arch.c to tell the two apart.
 *
 * _start loads its own flat GDT (code 0x08, data 0x10), sets up a 64 KiB
 * stack, zeroes .bss, keeps eax/ebx in boot_magic/boot_info, installs
 * an IDT whose 32 exception vectors report through kernel_trap and whose
 * other 224 (interrupts, delivered by the local APIC) call kernel_irq, and calls
 * kernel_main(NULL): there is no device tree; the kernel finds PCI through
 * port 0xCF8, the console in the BIOS data area (or COM1), the interrupt
 * controllers in ACPI or the MP table, virtio-mmio devices on the command line.
 */
#define MB_MAGIC 0x1badb002
#define MB_FLAGS 0x00000002 /* bit 1: fill in mem_lower/mem_upper (and the map) */

#define XEN_ELFNOTE_PHYS32_ENTRY 18

	.section .multiboot, "a"
	.balign	4
	.long	MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

	.section .note.Xen, "a", @note
	.balign	4
	.long	2f - 1f			/* namesz */
	.long	4f - 3f			/* descsz */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
1:	.asciz	"Xen"
2:	.balign	4
3:	.long	_start
4:	.balign	4

	.section .text.boot, "ax"
	.code32
	.globl	_start
_start:
	cli
	cld
	lgdt	gdt_desc
	ljmp	$0x08, $1f
1:	mov	$0x10, %cx
	mov	%cx, %ds
	mov	%cx, %es
	mov	%cx, %fs
	mov	%cx, %gs
	mov	%cx, %ss
	mov	$__stack_top, %esp
	mov	%eax, %esi		/* rep stosb takes eax, ecx, edi */
	mov	$__bss_start, %edi
	mov	$__bss_end, %ecx
	sub	%edi, %ecx
	xor	%eax, %eax
	rep stosb
	mov	%esi, boot_magic
	mov	%ebx, boot_info
	call	x86_idt_init_		/* arch.c: fills idt from isr_table */
	lidt	idt_desc
	sub	$12, %esp		/* 16-byte aligned at the call (i386 SysV) */
	push	$0			/* no device tree */
	call	kernel_main
park:
	cli
	hlt
	jmp	park

/*
 * Exception stubs: each pushes a zero where the CPU pushes no error code
 * (all vectors but 8, 10-14, 17, 21, 29, 30), then its vector number.  The
 * common part finds
 *   (%esp) vector, 4(%esp) error code, 8(%esp) eip, 12 cs, 16 eflags
 * and, on a fresh stack:
 *   - the first exception: x86_trap_(vector, eip, error code), which calls
 *     kernel_trap and powers off;
 *   - a second one (kernel_trap itself faulted): arch_poweroff(0, 0, 99)
 *     without printing;
 *   - any later one: park.
 */
	.macro	isr n
isr\n:
	.if \n == 8 || (\n >= 10 && \n <= 14) || \n == 17 || \n == 21 || \n == 29 || \n == 30
	/* the CPU pushed an error code */
	.else
	pushl	$0
	.endif
	pushl	$\n
	jmp	trap_common
	.endm

	.text
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	isr	\n
	.endr

trap_common:
	cld				/* the C code expects DF clear */
	mov	(%esp), %eax
	mov	4(%esp), %edx
	mov	8(%esp), %ecx
	mov	$0x10, %bx
	mov	%bx, %ds
	mov	%bx, %es
	mov	%bx, %ss
	mov	$__stack_top, %esp
	incl	trap_depth
	cmpl	$1, trap_depth
	jne	2f
	sub	$4, %esp
	push	%edx			/* error code */
	push	%ecx			/* eip */
	push	%eax			/* vector */
	call	x86_trap_
	jmp	park
2:	cmpl	$2, trap_depth
	jne	park
	push	$99			/* code */
	push	$0			/* pass */
	push	$0			/* test_base, high half */
	push	$0			/* test_base, low half */
	call	arch_poweroff
	jmp	park

/*
 * Interrupt stubs for vectors 32..255, 16 bytes apart from irq_stubs (so
 * arch.c computes their addresses): each pushes its vector.  irq_common
 * saves what the i386 calling convention lets C clobber (eax, ecx, edx)
 * and ebx, which holds the interrupted esp while the stack is 16-aligned
 * for kernel_irq(vector), then returns with iret.  The gates are interrupt
 * gates: IF is clear while the handler runs.
 */
	.balign	16
	.globl	irq_stubs
irq_stubs:
	.set	vec, 32
	.rept	224
	.balign	16
	pushl	$vec
	jmp	irq_common
	.set	vec, vec + 1
	.endr

irq_common:
	push	%eax
	push	%ecx
	push	%edx
	push	%ebx
	cld
	mov	16(%esp), %eax		/* the vector */
	mov	%esp, %ebx
	and	$-16, %esp
	sub	$8, %esp
	push	$0			/* the vector's high half */
	push	%eax
	call	kernel_irq
	mov	%ebx, %esp
	pop	%ebx
	pop	%edx
	pop	%ecx
	pop	%eax
	add	$4, %esp
	iret

	.section .rodata
	.balign	4
	.globl	isr_table
isr_table:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	.long	isr\n
	.endr

	.balign	8
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* 0x08: code, base 0, 4 GiB, 32-bit */
	.quad	0x00cf92000000ffff	/* 0x10: data, base 0, 4 GiB */
gdt_end:
	.balign	4
	.word	0
gdt_desc:
	.word	gdt_end - gdt - 1
	.long	gdt
	.word	0
idt_desc:
	.word	256 * 8 - 1
	.long	idt

	.bss
	.balign	8
	.globl	idt
idt:
	.space	256 * 8
	.globl	boot_magic, boot_info
boot_magic:
	.space	4
boot_info:
	.space	4
trap_depth:
	.space	4

	.section .note.GNU-stack, "", @progbits
