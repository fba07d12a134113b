/* SPDX-License-Identifier: MIT */
/* riscv64-virt-blk.c made interrupt-driven (hooks, trap handler, PLIC): see README.md here. */
#include <stdint.h>
#include <string.h>
#include <libfdt.h>
#include <vdisc/vdisc.h>

#define MSTATUS_MIE (1ul << 3) /* mstatus: every interrupt (RISC-V privileged spec 3.1.6) */
#define MIE_MTIE (1ul << 7)    /* mie (3.1.9): the machine timer, the CLINT's mtimecmp */
#define MIE_MEIE (1ul << 11)   /* mie: external interrupts, the PLIC's */

/* ---- MMIO, a DMA pool and a clock, as in riscv64-virt-blk.c (the clock: the CLINT's) ---- */
#define FENCE() __asm__ volatile("fence iorw,iorw" ::: "memory")
#define MMIO(type, bits)                                  \
	static type rd##bits(void *c, uint64_t a)         \
	{                                                 \
		type v = *(volatile type *)(uintptr_t)a;  \
		FENCE(); /* before what depends on it */  \
		return (void)c, v;                        \
	}                                                 \
	static void wr##bits(void *c, uint64_t a, type v) \
	{                                                 \
		FENCE(); /* after what it announces */    \
		*(volatile type *)(uintptr_t)a = v;       \
		(void)c;                                  \
	}
MMIO(uint8_t, 8)
MMIO(uint16_t, 16)
MMIO(uint32_t, 32)
static uint8_t pool[64 * 1024] __attribute__((aligned(4096)));
static size_t pool_used;
static void *dma_alloc(void *c, size_t size, size_t align, uint64_t *phys)
{
	size_t at = (pool_used + align - 1) & ~(align - 1);
	if ((void)c, at + size > sizeof(pool))
		return NULL;
	pool_used = at + size;
	*phys = (uint64_t)(uintptr_t)(pool + at);
	return memset(pool + at, 0, size);
}
static uint64_t virt_to_phys(void *c, const void *p)
{
	return (void)c, (uint64_t)(uintptr_t)p;
}
static volatile uint64_t *mtime, *mtimecmp; /* the CLINT's clock, and this hart's alarm */
static uint64_t timebase_hz = 10000000;	    /* replaced by /cpus timebase-frequency */
static uint64_t now_ns(void *c)
{
	uint64_t t = *mtime;
	return (void)c, t / timebase_hz * 1000000000u + t % timebase_hz * 1000000000u / timebase_hz;
}

/* ---- the interrupt hooks: mstatus.MIE, wfi with the CLINT's timer as the alarm ---- */
static volatile int irq_taken; /* set by the trap handler, cleared by wait_irq */
static unsigned long irq_save(void *c)
{
	unsigned long old;
	__asm__ volatile("csrrc %0, mstatus, %1" : "=r"(old) : "r"(MSTATUS_MIE) : "memory");
	return (void)c, old & MSTATUS_MIE;
}
static void irq_restore(void *c, unsigned long flags)
{
	(void)c;
	__asm__ volatile("csrs mstatus, %0" ::"r"(flags & MSTATUS_MIE) : "memory");
}
/* Sleep unless an interrupt came since the last call: MIE is off from that look to wfi, and
 * wfi wakes for what mie lets through even so; the timer only ends wfi (MTIE is off before
 * MIE is on), so a lost interrupt costs max_ns, not a hang.  irq_restore takes the disk's. */
static void wait_irq(void *c, uint64_t max_ns)
{
	unsigned long flags = irq_save(c);
	if (!irq_taken) {
		*mtimecmp = *mtime + max_ns / 1000 * timebase_hz / 1000000 + 1;
		__asm__ volatile("csrs mie, %0\n wfi\n csrc mie, %0" ::"r"(MIE_MTIE) : "memory");
	}
	irq_taken = 0;
	irq_restore(c, flags);
}
/* clang-format off */
static const struct vdisc_platform platform = { /* the hooks, by role */
	.mmio_read8 = rd8, .mmio_read16 = rd16, .mmio_read32 = rd32,
	.mmio_write8 = wr8, .mmio_write16 = wr16, .mmio_write32 = wr32,
	.dma_alloc = dma_alloc, .virt_to_phys = virt_to_phys, .now_ns = now_ns,
	.wait_irq = wait_irq, .irq_save = irq_save, .irq_restore = irq_restore};
/* clang-format on */

/* ---- output on the ns16550 the tree names, exit through sifive,test ---- */
static uint64_t uart, test_dev;
static void puts_(const char *s)
{
	for (; uart && *s; s++) {
		while (!(rd8(0, uart + 5) & 0x20)) /* LSR.THRE */
			;
		wr8(0, uart, (uint8_t)*s);
	}
}
static void putu(uint32_t v)
{
	if (v >= 10)
		putu(v / 10);
	puts_((const char[]){(char)('0' + v % 10), 0});
}
static void __attribute__((noreturn)) power_off(int ok)
{
	if (test_dev)
		wr32(0, test_dev, ok ? 0x5555 : 0x13333);
	for (;;)
		__asm__ volatile("wfi");
}

/* ---- the trap handler (mtvec): claim the line, let the driver take its completions, complete.
 * interrupt("machine"): GCC saves every register the handler may clobber and returns with mret. */
static struct vdisc_irqchip plic;
static uint32_t disk_line;
static struct vdisc_blk blk;
static void __attribute__((interrupt("machine"), aligned(4))) trap(void)
{
	uint32_t line;
	int64_t mcause;
	__asm__ volatile("csrr %0, mcause" : "=r"(mcause));
	if (mcause >= 0) /* an exception, not an interrupt: a bug here */
		power_off(0);
	if (vdisc_irq_claim(&plic, &line) == 1) {
		if (line == disk_line) /* a wired line: the driver reads and acknowledges the ISR */
			vdisc_blk_interrupt(&blk, VDISC_BLK_IRQ_WIRED, NULL);
		vdisc_irq_complete(&plic, line);
	}
	irq_taken = 1;
}
static uint8_t arena_mem[64 * 1024] __attribute__((aligned(16)));
static uint8_t sector[512] __attribute__((aligned(16)));
void example_main(uint64_t hart, const void *dtb);
void example_main(uint64_t hart, const void *dtb)
{
	struct vdisc_arena arena;
	struct vdisc_model model;
	vdisc_arena_init(&arena, arena_mem, sizeof(arena_mem));
	vdisc_model_init(&model, &arena);
	if (vdisc_fdt_scan(dtb, fdt_totalsize(dtb), &model) != 0)
		power_off(0);
	int len, cpus = fdt_path_offset(dtb, "/cpus");
	const fdt32_t *tb = fdt_getprop(dtb, cpus, "timebase-frequency", &len);
	if (tb && len == 4)
		timebase_hz = fdt32_to_cpu(*tb);
	const struct vdisc_device *d, *disk = NULL, *ctl;
	static struct vdisc_virtio_mmio_transport t;
	static struct vdisc_virtio_dev vdev;
	for (d = model.devices; d; d = d->next) {
		uint64_t reg = d->nregs ? d->regs[0].address : 0;
		if (d->path && model.dt.stdout_node && !strcmp(d->path, model.dt.stdout_node))
			uart = reg;
		if (vdisc_strlist_contains(&d->dt.compatible, "sifive,test0"))
			test_dev = reg;
		if (vdisc_strlist_contains(&d->dt.compatible, "riscv,clint0")) { /* SiFive's map */
			mtime = (volatile uint64_t *)(uintptr_t)(reg + 0xbff8);
			mtimecmp = (volatile uint64_t *)(uintptr_t)(reg + 0x4000 + 8 * hart);
		}
		if (!disk && d->dt.flags & VDISC_DEV_VIRTIO_MMIO &&
		    !vdisc_virtio_mmio_transport_init(&t, &platform, reg, &vdev) &&
		    vdev.device_type == VDISC_VIRTIO_ID_BLOCK)
			disk = d; /* the first virtio-blk disk */
	}
	/* Each step while rc is 0: the disk's interrupt controller (the PLIC, M-mode), its line. */
	const char *hart_intc;
	unsigned flags, lba;
	int rc = disk && mtime ? vdisc_blk_init(&blk, &vdev, NULL) : -VDISC_ENOTFOUND;
	rc = rc ? rc : vdisc_irq_controller(&model, disk->irqs, &ctl);
	rc = rc ? rc : vdisc_irq_hart_intc(&model, hart, &hart_intc);
	rc = rc ? rc : vdisc_irqchip_from_model(&plic, &platform, &model, ctl, hart_intc, false);
	rc = rc ? rc : vdisc_irq_line_of(disk->irqs, &disk_line, &flags);
	rc = rc ? rc : vdisc_irq_enable(&plic, disk_line, flags);
	if (rc == 0) { /* the hart takes external interrupts into trap; the driver sleeps */
		__asm__ volatile("csrw mtvec, %0\n csrs mie, %1" ::"r"(trap), "r"(MIE_MEIE));
		irq_restore(0, MSTATUS_MIE);
		rc = vdisc_blk_irq_mode(&blk, true);
	}
	puts_("example-irq:");
	for (lba = 0; rc == 0 && lba < 4; lba++) { /* sectors 0-3, one request each */
		rc = vdisc_blk_read(&blk, lba, sector, 1);
		sector[21] = 0; /* the start of the sector, as text */
		puts_(rc ? " error: " : " ");
		puts_(rc ? vdisc_strerror(rc) : (const char *)sector);
	}
	puts_(" irq_completions=");
	putu(blk.irq_completions);
	puts_("\n");
	vdisc_blk_release(&blk);
	power_off(rc == 0);
}
/* QEMU's reset vector enters here with a0 = hart id, a1 = the DTB: hart 0 sets gp and a
 * stack, clears .bss (symbols from the linker script) and calls example_main(a0, a1). */
__attribute__((naked, section(".text.boot"))) void _start(void)
{
	__asm__ volatile(
		".option push\n .option norelax\n la gp, __global_pointer$\n .option pop\n"
		"bnez a0, 2f\n la sp, __stack_top\n la t0, __bss_start\n la t1, __bss_end\n"
		"1: bgeu t0, t1, 3f\n sd zero, 0(t0)\n addi t0, t0, 8\n j 1b\n"
		"3: call example_main\n 2: wfi\n j 2b");
}
