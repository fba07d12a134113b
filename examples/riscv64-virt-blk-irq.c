/* SPDX-License-Identifier: MIT */
/*
 * riscv64-virt-blk.c made interrupt-driven (M-mode, QEMU virt, -bios none): the platform's
 * interrupt hooks, a trap vector, the disk's line enabled on the PLIC (found and driven by
 * the library), the driver in interrupt mode.  vdisc_blk_read() then sleeps in wfi until the
 * trap handler has taken its completion.  Build and run: README.md here.
 */
#include <stdint.h>
#include <string.h>

#include <libfdt.h>
#include <vdisc/vdisc.h>

/* Machine-mode interrupt enables (RISC-V privileged spec: 3.1.6 mstatus, 3.1.9 mie). */
#define MSTATUS_MIE (1ul << 3) /* every interrupt */
#define MIE_MTIE (1ul << 7)    /* the machine timer: the CLINT's mtimecmp */
#define MIE_MEIE (1ul << 11)   /* external interrupts: the PLIC */

/* ---- MMIO with fences, a DMA pool, the time CSR: as in riscv64-virt-blk.c ---- */
#define FENCE() __asm__ volatile("fence iorw,iorw" ::: "memory")
#define MMIO(type, bits)                                  \
	static type rd##bits(void *c, uint64_t a)         \
	{                                                 \
		FENCE();                                  \
		type v = *(volatile type *)(uintptr_t)a;  \
		FENCE();                                  \
		return (void)c, v;                        \
	}                                                 \
	static void wr##bits(void *c, uint64_t a, type v) \
	{                                                 \
		(void)c;                                  \
		FENCE();                                  \
		*(volatile type *)(uintptr_t)a = v;       \
		FENCE();                                  \
	}
MMIO(uint8_t, 8)
MMIO(uint16_t, 16)
MMIO(uint32_t, 32)

static uint8_t pool[64 * 1024] __attribute__((aligned(4096)));
static size_t pool_used;
static uint64_t timebase_hz = 10000000; /* replaced by /cpus timebase-frequency */

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
static uint64_t ticks(void)
{
	uint64_t t;
	__asm__ volatile("csrr %0, time" : "=r"(t));
	return t;
}
static uint64_t now_ns(void *c)
{
	uint64_t t = ticks();
	return (void)c, t / timebase_hz * 1000000000u + t % timebase_hz * 1000000000u / timebase_hz;
}

/* ---- the interrupt hooks: mstatus.MIE, and wfi with the CLINT's timer as the alarm ---- */
static volatile uint32_t irqs_taken; /* counted by the trap handler */
static uint32_t irqs_seen;	     /* irqs_taken when wait_irq last returned */
static volatile uint64_t *mtimecmp;  /* this hart's CLINT compare register */

static unsigned long irq_save(void *c)
{
	unsigned long old;
	__asm__ volatile("csrrc %0, mstatus, %1" : "=r"(old) : "r"(MSTATUS_MIE) : "memory");
	return (void)c, old & MSTATUS_MIE;
}
static void irq_restore(void *c, unsigned long flags)
{
	__asm__ volatile("csrs mstatus, %0" ::"r"(flags & MSTATUS_MIE) : "memory");
	(void)c;
}
/* The driver found no completion and waits.  MIE is off from the look at irqs_taken to wfi,
 * and wfi wakes for any interrupt mie lets through even so: one taken since the last return
 * (maybe after the driver's look) or pending now is never slept through.  The timer only
 * ends wfi (MTIE is off again before MIE is on); the disk's is taken in irq_restore. */
static void wait_irq(void *c, uint64_t max_ns)
{
	unsigned long flags = irq_save(c);
	if (irqs_taken == irqs_seen) {
		*mtimecmp = ticks() + max_ns / 1000 * timebase_hz / 1000000 + 1; /* a one-shot */
		__asm__ volatile("csrs mie, %0\n wfi\n csrc mie, %0" ::"r"(MIE_MTIE) : "memory");
	}
	irq_restore(c, flags);
	irqs_seen = irqs_taken;
}

static const struct vdisc_platform platform = {
	.mmio_read8 = rd8,
	.mmio_read16 = rd16,
	.mmio_read32 = rd32,
	.mmio_write8 = wr8,
	.mmio_write16 = wr16,
	.mmio_write32 = wr32,
	.dma_alloc = dma_alloc,
	.virt_to_phys = virt_to_phys,
	.now_ns = now_ns,
	.wait_irq = wait_irq,
	.irq_save = irq_save,
	.irq_restore = irq_restore,
};

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
	char digit[2] = {(char)('0' + v % 10), 0};
	if (v >= 10)
		putu(v / 10);
	puts_(digit);
}
static void __attribute__((noreturn)) power_off(int ok)
{
	if (test_dev)
		wr32(0, test_dev, ok ? 0x5555 : 0x13333);
	for (;;)
		__asm__ volatile("wfi");
}

/* ---- the trap handler (trap_vector below calls it): claim, service, complete ---- */
static struct vdisc_irqchip plic;
static uint32_t disk_line;
static struct vdisc_blk blk;

void trap_vector(void), trap(int64_t mcause);
void trap(int64_t mcause)
{
	uint32_t line;
	if (mcause >= 0) /* an exception, not an interrupt: a bug here */
		power_off(0);
	if (vdisc_irq_claim(&plic, &line) == 1) {
		if (line == disk_line) /* a wired line: the driver reads and acknowledges the ISR */
			vdisc_blk_interrupt(&blk, VDISC_BLK_IRQ_WIRED, NULL);
		vdisc_irq_complete(&plic, line);
	}
	irqs_taken++;
}

/* The disk's first interrupt in the model names its controller, driven here for this hart's
 * machine mode, and its line there.  Then the hart takes external interrupts. */
static int irq_setup(const struct vdisc_model *m, const struct vdisc_device *disk, uint64_t hart)
{
	const struct vdisc_device *ctl;
	const char *hart_intc;
	unsigned flags;
	int rc = disk->nirqs ? vdisc_irq_controller(m, &disk->irqs[0], &ctl) : -VDISC_ENOTFOUND;
	if (rc == 0)
		rc = vdisc_irq_hart_intc(m, hart, &hart_intc);
	if (rc == 0)
		rc = vdisc_irqchip_from_model(&plic, &platform, m, ctl, hart_intc, false);
	if (rc == 0)
		rc = vdisc_irq_line_of(&disk->irqs[0], &disk_line, &flags);
	if (rc == 0)
		rc = vdisc_irq_enable(&plic, disk_line, flags);
	__asm__ volatile("csrw mtvec, %0\n csrs mie, %1" ::"r"(trap_vector), "r"(MIE_MEIE));
	irq_restore(0, rc == 0 ? MSTATUS_MIE : 0);
	return rc;
}

static uint8_t arena_mem[64 * 1024] __attribute__((aligned(16)));
static uint8_t sectors[4][512] __attribute__((aligned(16)));

void example_main(uint64_t hart, const void *dtb);
void example_main(uint64_t hart, const void *dtb)
{
	struct vdisc_arena arena;
	struct vdisc_model model;
	vdisc_arena_init(&arena, arena_mem, sizeof(arena_mem));
	vdisc_model_init(&model, &arena);
	if (vdisc_fdt_scan(dtb, fdt_totalsize(dtb), &model) != 0)
		power_off(0);
	int len;
	const fdt32_t *tb =
		fdt_getprop(dtb, fdt_path_offset(dtb, "/cpus"), "timebase-frequency", &len);
	if (tb && len == 4)
		timebase_hz = fdt32_to_cpu(*tb);

	const struct vdisc_device *d, *disk = NULL;
	static struct vdisc_virtio_mmio_transport t;
	static struct vdisc_virtio_dev vdev;
	for (d = model.devices; d; d = d->next) {
		uint64_t reg = d->nregs ? d->regs[0].address : 0;
		if (d->path && model.dt.stdout_node && !strcmp(d->path, model.dt.stdout_node))
			uart = reg;
		if (vdisc_strlist_contains(&d->dt.compatible, "sifive,test0"))
			test_dev = reg;
		if (vdisc_strlist_contains(&d->dt.compatible, "riscv,clint0")) /* SiFive's layout */
			mtimecmp = (volatile uint64_t *)(uintptr_t)(reg + 0x4000 + 8 * hart);
		if (!disk && d->dt.flags & VDISC_DEV_VIRTIO_MMIO &&
		    !vdisc_virtio_mmio_transport_init(&t, &platform, reg, &vdev) &&
		    vdev.device_type == VDISC_VIRTIO_ID_BLOCK)
			disk = d; /* the first virtio-blk disk */
	}
	enum vdisc_virtio_init_step step;
	uint32_t reads = 0;
	int rc = disk && mtimecmp ? vdisc_blk_init(&blk, &vdev, &step) : -VDISC_ENOTFOUND;
	if (rc == 0)
		rc = irq_setup(&model, disk, hart);
	if (rc == 0)
		rc = vdisc_blk_irq_mode(&blk, true);
	for (; rc == 0 && reads < 4; reads++) /* sectors 0-3, one request each */
		rc = vdisc_blk_read(&blk, reads, sectors[reads], 1);
	puts_("example-irq: ");
	puts_(disk ? disk->path : "no disk or no CLINT");
	puts_(" requests=");
	putu(reads);
	puts_(" irq_completions=");
	putu(blk.irq_completions);
	for (uint32_t i = 0; rc == 0 && i < reads; i++) {
		sectors[i][21] = 0; /* the start of each sector, as text */
		puts_(" ");
		puts_((const char *)sectors[i]);
	}
	puts_(rc ? " error: " : "");
	puts_(rc ? vdisc_strerror(rc) : "");
	puts_("\n");
	vdisc_blk_release(&blk);
	power_off(rc == 0);
}

/* QEMU's reset vector enters _start with a0 = hart id, a1 = the DTB: hart 0 sets gp and a
 * stack, clears .bss (linker-script symbols) and calls example_main(a0, a1).  trap_vector
 * (mtvec: 4-byte aligned) saves what a C call may clobber, calls trap(mcause) and returns. */
__asm__(".section .text.boot, \"ax\"\n .globl _start\n_start:\n .option push\n .option norelax\n"
	"la gp, __global_pointer$\n .option pop\n bnez a0, 2f\n la sp, __stack_top\n"
	"la t0, __bss_start\n la t1, __bss_end\n1: bgeu t0, t1, 3f\n sd zero, 0(t0)\n"
	"addi t0, t0, 8\n j 1b\n3: call example_main\n2: wfi\n j 2b\n"
	".text\n .balign 4\n .globl trap_vector\ntrap_vector:\n addi sp, sp, -128\n"
	"sd ra, 0(sp)\n sd t0, 8(sp)\n sd t1, 16(sp)\n sd t2, 24(sp)\n sd t3, 32(sp)\n"
	"sd t4, 40(sp)\n sd t5, 48(sp)\n sd t6, 56(sp)\n sd a0, 64(sp)\n sd a1, 72(sp)\n"
	"sd a2, 80(sp)\n sd a3, 88(sp)\n sd a4, 96(sp)\n sd a5, 104(sp)\n sd a6, 112(sp)\n"
	"sd a7, 120(sp)\n csrr a0, mcause\n call trap\n ld ra, 0(sp)\n ld t0, 8(sp)\n"
	"ld t1, 16(sp)\n ld t2, 24(sp)\n ld t3, 32(sp)\n ld t4, 40(sp)\n ld t5, 48(sp)\n"
	"ld t6, 56(sp)\n ld a0, 64(sp)\n ld a1, 72(sp)\n ld a2, 80(sp)\n ld a3, 88(sp)\n"
	"ld a4, 96(sp)\n ld a5, 104(sp)\n ld a6, 112(sp)\n ld a7, 120(sp)\n"
	"addi sp, sp, 128\n mret\n");
