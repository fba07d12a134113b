/* SPDX-License-Identifier: MIT */
/*
 * The smallest useful embedding of libvdisc-freestanding: a riscv64 kernel
 * for QEMU virt (-bios none) that fills in struct vdisc_platform, finds
 * the virtio-mmio devices in the device tree QEMU hands it, and reads the
 * first sector of the first virtio-blk disk.  Build and run: README.md here.
 */
#include <stdint.h>
#include <string.h>

#include <libfdt.h>
#include <vdisc/vdisc.h>

/* ---- the platform hooks: identity-mapped MMIO, a DMA pool (never freed: optional), the
 * time CSR; 64-bit MMIO and port I/O are left NULL, which virtio-mmio does not need ---- */
#define FENCE() __asm__ volatile("fence iorw,iorw" ::: "memory")
#define MMIO(type, bits)                                  \
	static type rd##bits(void *c, uint64_t a)         \
	{                                                 \
		(void)c;                                  \
		FENCE();                                  \
		type v = *(volatile type *)(uintptr_t)a;  \
		FENCE();                                  \
		return v;                                 \
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
	(void)c;
	size_t at = (pool_used + align - 1) & ~(align - 1);
	if (at + size > sizeof(pool))
		return NULL;
	pool_used = at + size;
	memset(pool + at, 0, size);
	*phys = (uint64_t)(uintptr_t)(pool + at);
	return pool + at;
}
static uint64_t virt_to_phys(void *c, const void *p)
{
	return (void)c, (uint64_t)(uintptr_t)p;
}
static uint64_t now_ns(void *c)
{
	uint64_t t;
	(void)c;
	__asm__ volatile("csrr %0, time" : "=r"(t));
	return t / timebase_hz * 1000000000u + t % timebase_hz * 1000000000u / timebase_hz;
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
static void __attribute__((noreturn)) power_off(int ok)
{
	if (test_dev)
		wr32(0, test_dev, ok ? 0x5555 : 0x13333);
	for (;;)
		__asm__ volatile("wfi");
}

static uint8_t arena_mem[64 * 1024] __attribute__((aligned(16)));
static uint8_t sector[512] __attribute__((aligned(16)));

void example_main(const void *dtb);
void example_main(const void *dtb)
{
	struct vdisc_arena arena;
	struct vdisc_model model;
	vdisc_arena_init(&arena, arena_mem, sizeof(arena_mem));
	vdisc_model_init(&model, &arena);
	if (vdisc_fdt_scan(dtb, fdt_totalsize(dtb), &model) != 0)
		power_off(0);
	int cpus = fdt_path_offset(dtb, "/cpus"), len;
	const fdt32_t *tb = fdt_getprop(dtb, cpus, "timebase-frequency", &len);
	if (tb && len == 4)
		timebase_hz = fdt32_to_cpu(*tb);

	const struct vdisc_device *d;
	for (d = model.devices; d; d = d->next) { /* the console and the poweroff device */
		if (d->path && model.dt.stdout_node && !strcmp(d->path, model.dt.stdout_node))
			uart = d->regs[0].address;
		if (vdisc_strlist_contains(&d->dt.compatible, "sifive,test0"))
			test_dev = d->regs[0].address;
	}
	for (d = model.devices; d; d = d->next) {
		static struct vdisc_virtio_mmio_transport t;
		static struct vdisc_virtio_dev vdev;
		static struct vdisc_blk blk;
		if (!(d->dt.flags & VDISC_DEV_VIRTIO_MMIO) ||
		    vdisc_virtio_mmio_transport_init(&t, &platform, d->regs[0].address, &vdev) ||
		    vdev.device_type != VDISC_VIRTIO_ID_BLOCK)
			continue;
		enum vdisc_virtio_init_step step;
		int rc = vdisc_blk_init(&blk, &vdev, &step);
		if (rc == 0)
			rc = vdisc_blk_read(&blk, 0, sector, 1);
		sector[24] = 0; /* the start of sector 0, as text */
		puts_("example: ");
		puts_(d->path);
		puts_(rc ? " error: " : " sector0=");
		puts_(rc ? vdisc_strerror(rc) : (const char *)sector);
		puts_("\n");
		vdisc_blk_release(&blk);
		power_off(rc == 0);
	}
	puts_("example: no virtio-blk disk\n");
	power_off(0);
}

/* QEMU's reset vector enters here with a0 = hart id, a1 = the DTB: hart 0 sets gp and
 * a stack, clears .bss (symbols from the linker script) and calls example_main. */
__attribute__((naked, section(".text.boot"))) void _start(void);
void _start(void)
{
	__asm__ volatile(".option push\n .option norelax\n la gp, __global_pointer$\n"
			 ".option pop\n csrr t0, mhartid\n bnez t0, 2f\n la sp, __stack_top\n"
			 "la t0, __bss_start\n la t1, __bss_end\n"
			 "1: bgeu t0, t1, 3f\n sd zero, 0(t0)\n addi t0, t0, 8\n j 1b\n"
			 "3: mv a0, a1\n call example_main\n 2: wfi\n j 2b");
}
