/* SPDX-License-Identifier: MIT */
/*
 * vdisc boot test: a tiny kernel around the freestanding library.
 *
 * Entered (from tests/boot/<arch>/start.S) with the device tree blob and
 * nothing else: the console (/chosen stdout-path, an ns16550), the clock
 * (/cpus timebase-frequency) and the poweroff device (sifive,test0/1) all
 * come from the tree.  It scans the tree, prints one line per device,
 * initialises every virtio-mmio block device, runs vdisc_blk_check on it,
 * and powers off with pass (no failures) or fail.
 *
 * Output contract (one line each):
 *   vdisc: dev <path> <first-compatible|-> [0x<address>] [irq=<controller>:<number>]
 *   vdisc: virtio <path> type=<name> transport=<mmio-v1|mmio-v2> features=0x<hex>
 *   vdisc: blk <path> capacity=<sectors> blk_size=<bytes> ro=<0|1> serial=<id|->
 * check=<ok|FAIL:<reason>> vdisc: done devices=<n> virtio=<n> blk=<n> failures=<n>
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>
#include <vdisc/vdisc.h>

#include "arch.h"

/* ---- console ---------------------------------------------------------------- */

static struct {
	uint64_t base;	       /* MMIO address, or the I/O port when pio */
	unsigned shift, width; /* reg-shift, reg-io-width */
	bool pio;
} uart;
static uint64_t poweroff_base;
static uint64_t timebase_hz;

static void uart_reg_write(unsigned reg, uint8_t v)
{
	uint64_t a = uart.base + ((uint64_t)reg << uart.shift);
	if (uart.pio)
		arch_pio_write((uint16_t)a, 1, v);
	else if (uart.width == 4)
		arch_write32(a, v);
	else if (uart.width == 2)
		arch_write16(a, v);
	else
		arch_write8(a, v);
}

static uint8_t uart_reg_read(unsigned reg)
{
	uint64_t a = uart.base + ((uint64_t)reg << uart.shift);
	if (uart.pio)
		return (uint8_t)arch_pio_read((uint16_t)a, 1);
	if (uart.width == 4)
		return (uint8_t)arch_read32(a);
	if (uart.width == 2)
		return (uint8_t)arch_read16(a);
	return arch_read8(a);
}

static void putc_(char c)
{
	if (!uart.base)
		return;
	if (c == '\n')
		putc_('\r');
	for (unsigned spin = 0; spin < 1000000 && !(uart_reg_read(5) & 0x20); spin++) /* LSR.THRE */
		;
	uart_reg_write(0, (uint8_t)c); /* THR */
}

static void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

/* A token: spaces become '-' so every field stays one word. */
static void putw_(const char *s)
{
	if (!s || !*s) {
		putc_('-');
		return;
	}
	for (; *s; s++)
		putc_(*s == ' ' ? '-' : *s);
}

static void putu_(uint64_t v)
{
	char b[24];
	int n = 0;
	do {
		b[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		putc_(b[--n]);
}

static void putx_(uint64_t v)
{
	char b[20];
	int n = 0;
	do {
		b[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	puts_("0x");
	while (n)
		putc_(b[--n]);
}

static void puti_(int v)
{
	if (v < 0) {
		putc_('-');
		putu_((uint64_t)(-(int64_t)v));
	} else {
		putu_((uint64_t)v);
	}
}

static void __attribute__((noreturn)) finish(bool pass, unsigned code)
{
	arch_poweroff(poweroff_base, pass, code);
}

void kernel_trap(uint64_t cause, uint64_t pc, uint64_t val)
{
	puts_("\nvdisc: TRAP cause=");
	putx_(cause);
	puts_(" pc=");
	putx_(pc);
	puts_(" tval=");
	putx_(val);
	putc_('\n');
	finish(false, 99);
}

/* ---- the platform ------------------------------------------------------------ */

static uint8_t p_r8(void *c, uint64_t a)
{
	(void)c;
	return arch_read8(a);
}
static uint16_t p_r16(void *c, uint64_t a)
{
	(void)c;
	return arch_read16(a);
}
static uint32_t p_r32(void *c, uint64_t a)
{
	(void)c;
	return arch_read32(a);
}
static uint64_t p_r64(void *c, uint64_t a)
{
	(void)c;
	return arch_read64(a);
}
static void p_w8(void *c, uint64_t a, uint8_t v)
{
	(void)c;
	arch_write8(a, v);
}
static void p_w16(void *c, uint64_t a, uint16_t v)
{
	(void)c;
	arch_write16(a, v);
}
static void p_w32(void *c, uint64_t a, uint32_t v)
{
	(void)c;
	arch_write32(a, v);
}
static void p_w64(void *c, uint64_t a, uint64_t v)
{
	(void)c;
	arch_write64(a, v);
}

/* DMA memory: a bump allocator over a static pool; physical == virtual. */
#define DMA_POOL_SIZE (512u * 1024u)
static unsigned char dma_pool[DMA_POOL_SIZE] __attribute__((aligned(4096)));
static size_t dma_used;

static void *p_dma_alloc(void *c, size_t size, size_t align, uint64_t *phys)
{
	(void)c;
	if (align < 16)
		align = 16;
	if (align & (align - 1) || align > 4096)
		return NULL;
	size_t at = (dma_used + align - 1) & ~(align - 1);
	if (at > DMA_POOL_SIZE || size > DMA_POOL_SIZE - at)
		return NULL;
	dma_used = at + size;
	memset(dma_pool + at, 0, size);
	if (phys)
		*phys = (uint64_t)(uintptr_t)(dma_pool + at);
	return dma_pool + at;
}

static void p_dma_free(void *c, void *p, size_t size)
{
	(void)c;
	/* Only the most recent allocation can be given back. */
	if ((unsigned char *)p + size == dma_pool + dma_used)
		dma_used = (size_t)((unsigned char *)p - dma_pool);
}

static uint64_t p_virt_to_phys(void *c, const void *p)
{
	(void)c;
	return (uint64_t)(uintptr_t)p;
}

static uint64_t p_now_ns(void *c)
{
	(void)c;
	if (!timebase_hz)
		return 0;
	uint64_t t = arch_ticks();
	return t / timebase_hz * 1000000000ull + t % timebase_hz * 1000000000ull / timebase_hz;
}

static void p_mb(void *c)
{
	(void)c;
	arch_mb();
}

static void p_log(void *c, const char *line)
{
	(void)c;
	puts_("vdisc: log ");
	puts_(line);
	putc_('\n');
}

static const struct vdisc_platform platform = {
	.mmio_read8 = p_r8,
	.mmio_read16 = p_r16,
	.mmio_read32 = p_r32,
	.mmio_read64 = p_r64,
	.mmio_write8 = p_w8,
	.mmio_write16 = p_w16,
	.mmio_write32 = p_w32,
	.mmio_write64 = p_w64,
	.dma_alloc = p_dma_alloc,
	.dma_free = p_dma_free,
	.virt_to_phys = p_virt_to_phys,
	.now_ns = p_now_ns,
	.mb = p_mb,
	.log = p_log,
};

/* ---- the device tree ---------------------------------------------------------- */

static unsigned char arena_buf[256 * 1024] __attribute__((aligned(16)));
static struct vdisc_arena arena;
static struct vdisc_model model;

static const struct vdisc_device *find_device(const char *path)
{
	for (const struct vdisc_device *d = model.devices; d; d = d->next)
		if (path && strcmp(d->path, path) == 0)
			return d;
	return NULL;
}

static bool prop_u32(const void *fdt, int node, const char *name, uint64_t *out)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
	if (!p)
		return false;
	if (len == 4)
		*out = fdt32_to_cpu(p[0]);
	else if (len == 8)
		*out = ((uint64_t)fdt32_to_cpu(p[0]) << 32) | fdt32_to_cpu(p[1]);
	else
		return false;
	return true;
}

static void find_console(const void *fdt)
{
	const struct vdisc_device *d = find_device(model.stdout_node);
	if (!d || !d->nregs || !d->regs[0].translated)
		return;
	if (!vdisc_strlist_contains(&d->compatible, "ns16550a") &&
	    !vdisc_strlist_contains(&d->compatible, "ns16550"))
		return;
	uint64_t shift = 0, width = 1;
	int node = fdt_path_offset(fdt, d->path);
	if (node >= 0) {
		prop_u32(fdt, node, "reg-shift", &shift);
		prop_u32(fdt, node, "reg-io-width", &width);
	}
	uart.shift = (unsigned)shift;
	uart.width = (unsigned)width;
	uart.base = d->regs[0].address;
}

static void find_timebase(const void *fdt)
{
	timebase_hz = arch_timebase_hz();
	if (timebase_hz || !fdt)
		return;
	int cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return;
	if (prop_u32(fdt, cpus, "timebase-frequency", &timebase_hz))
		return;
	int cpu;
	fdt_for_each_subnode (cpu, fdt, cpus)
		if (prop_u32(fdt, cpu, "timebase-frequency", &timebase_hz))
			return;
}

static void find_poweroff(void)
{
	for (const struct vdisc_device *d = model.devices; d; d = d->next)
		if ((vdisc_strlist_contains(&d->compatible, "sifive,test1") ||
		     vdisc_strlist_contains(&d->compatible, "sifive,test0")) &&
		    d->nregs && d->regs[0].translated) {
			poweroff_base = d->regs[0].address;
			return;
		}
}

/* ---- virtio ----------------------------------------------------------------------- */

static unsigned nvirtio, nblk, failures;

static struct vdisc_virtio_mmio_transport transport;
static struct vdisc_virtio_dev vdev;
static struct vdisc_blk blk;
static unsigned char scratch[4 * 65536] __attribute__((aligned(4096)));

static uint64_t features64(const struct vdisc_virtio_features *f)
{
	uint64_t v = f->nwords > 0 ? f->word[0] : 0;
	if (f->nwords > 1)
		v |= (uint64_t)f->word[1] << 32;
	return v;
}

static const char *step_name(enum vdisc_virtio_init_step s)
{
	switch (s) {
	case VDISC_VIRTIO_STEP_RESET:
		return "reset";
	case VDISC_VIRTIO_STEP_ACKNOWLEDGE:
		return "acknowledge";
	case VDISC_VIRTIO_STEP_DRIVER:
		return "driver";
	case VDISC_VIRTIO_STEP_FEATURES:
		return "features";
	case VDISC_VIRTIO_STEP_FEATURES_OK:
		return "features-ok";
	case VDISC_VIRTIO_STEP_QUEUES:
		return "queues";
	case VDISC_VIRTIO_STEP_DRIVER_OK:
		return "driver-ok";
	default:
		return "none";
	}
}

static void print_virtio(const struct vdisc_device *d, const struct vdisc_virtio_features *f)
{
	const char *name = vdisc_virtio_device_name(vdev.device_type);
	puts_("vdisc: virtio ");
	puts_(d->path);
	puts_(" type=");
	if (name)
		putw_(name);
	else
		putu_(vdev.device_type);
	puts_(" transport=");
	puts_(vdev.ops->name);
	puts_(" features=");
	putx_(features64(f));
	putc_('\n');
}

static void do_blk(const struct vdisc_device *d)
{
	enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_NONE;
	memset(&blk, 0, sizeof(blk));
	dma_used = 0; /* one device at a time: the previous one is released */
	int rc = vdisc_blk_init(&blk, &vdev, &step);
	if (rc) {
		print_virtio(d, &vdev.offered);
		puts_("vdisc: blk ");
		puts_(d->path);
		puts_(" check=FAIL:init-");
		puts_(step_name(step));
		puts_(" error=");
		puti_(rc);
		puts_(" (");
		puts_(vdisc_strerror(rc));
		puts_(")\n");
		/* The device is reset or FAILED now: read its registers for the report. */
		struct vdisc_virtio_mmio_info info;
		if (vdisc_virtio_mmio_probe(&platform, transport.base, true, &info) == 0) {
			puts_("vdisc: log probe version=");
			putu_(info.version);
			puts_(" status=");
			putx_(info.status);
			puts_(" queue_num_max[0]=");
			putu_(info.queue_num_max[0]);
			puts_(" VDISC_VIRTQ_MAX_SIZE=");
			putu_(VDISC_VIRTQ_MAX_SIZE);
			putc_('\n');
		}
		failures++;
		return;
	}
	nblk++;
	print_virtio(d, &vdev.accepted);

	char id[21];
	int idrc = vdisc_blk_get_id(&blk, id);

	struct vdisc_blk_check_report report;
	memset(&report, 0, sizeof(report));
	int crc = -VDISC_EINVAL;
	if ((uint64_t)blk.blk_size * 4 <= sizeof(scratch))
		crc = vdisc_blk_check(&blk, scratch, &report);
	else
		report.reason = "blk_size-too-large-for-scratch";

	puts_("vdisc: blk ");
	puts_(d->path);
	puts_(" capacity=");
	putu_(blk.capacity);
	puts_(" blk_size=");
	putu_(blk.blk_size);
	puts_(" ro=");
	putc_(blk.read_only ? '1' : '0');
	puts_(" serial=");
	if (idrc == 0 && id[0])
		putw_(id);
	else
		putc_('-');
	puts_(" check=");
	if (crc == 0) {
		puts_("ok");
	} else {
		puts_("FAIL:");
		putw_(report.reason);
		puts_(" error=");
		puti_(crc);
		puts_(" sector=");
		putu_(report.error_sector);
		failures++;
	}
	putc_('\n');
	if (idrc && idrc != -VDISC_ENOTSUP) {
		puts_("vdisc: log GET_ID failed: ");
		puts_(vdisc_strerror(idrc));
		putc_('\n');
	}
	vdisc_blk_release(&blk);
}

static void do_virtio(const struct vdisc_device *d)
{
	if (!d->nregs || !d->regs[0].translated)
		return;
	if (d->status && strcmp(d->status, "okay") != 0 && strcmp(d->status, "ok") != 0)
		return;
	memset(&transport, 0, sizeof(transport));
	memset(&vdev, 0, sizeof(vdev));
	int rc = vdisc_virtio_mmio_transport_init(&transport, &platform, d->regs[0].address, &vdev);
	if (rc == -VDISC_ENOTFOUND)
		return; /* an empty slot (device id 0) */
	if (rc) {
		puts_("vdisc: virtio ");
		puts_(d->path);
		puts_(" FAIL:transport-init error=");
		puti_(rc);
		putc_('\n');
		failures++;
		return;
	}
	nvirtio++;
	if (vdev.device_type == 2) {
		do_blk(d);
		return;
	}
	/* Any other type: read what it offers, and leave it alone. */
	struct vdisc_virtio_features offered;
	memset(&offered, 0, sizeof(offered));
	if (vdev.ops->get_features(vdev.transport, &offered)) {
		puts_("vdisc: virtio ");
		puts_(d->path);
		puts_(" FAIL:get-features\n");
		failures++;
		return;
	}
	print_virtio(d, &offered);
}

/* ---- main ----------------------------------------------------------------------- */

static void print_device(const struct vdisc_device *d)
{
	puts_("vdisc: dev ");
	puts_(d->path);
	putc_(' ');
	putw_(d->compatible.count ? d->compatible.items[0] : NULL);
	if (d->nregs && d->regs[0].translated) {
		putc_(' ');
		putx_(d->regs[0].address);
	}
	if (d->nirqs && d->irqs[0].controller) {
		puts_(" irq=");
		puts_(d->irqs[0].controller);
		putc_(':');
		putu_(d->irqs[0].has_line ? d->irqs[0].line
					  : (d->irqs[0].ncells ? d->irqs[0].cells[0] : 0));
	}
	putc_('\n');
}

void kernel_main(const void *dtb)
{
	size_t size = 0;
	vdisc_arena_init(&arena, arena_buf, sizeof(arena_buf));
	vdisc_model_init(&model, &arena);
	if (dtb) {
		if (fdt_magic(dtb) != FDT_MAGIC)
			finish(false, 2);
		size = fdt_totalsize(dtb);
		/* No console without the scan: the fail code says it. */
		if (vdisc_fdt_scan(dtb, size, &model))
			finish(false, 3);
		find_console(dtb);
		find_poweroff();
	} else {
		uart.base = arch_legacy_console_port();
		uart.pio = true;
		uart.width = 1;
	}
	find_timebase(dtb);
	if (!uart.base)
		finish(false, 4);

	puts_("vdisc: boot dtb=");
	putx_((uint64_t)(uintptr_t)dtb);
	puts_(" size=");
	putu_(size);
	puts_(" console=");
	if (uart.pio)
		putx_(uart.base);
	else
		puts_(model.stdout_node);
	puts_(" timebase=");
	putu_(timebase_hz);
	puts_(" poweroff=");
	if (poweroff_base)
		putx_(poweroff_base);
	else
		putc_('-');
	puts_(" diags=");
	putu_(model.ndiags);
	putc_('\n');
	if (!timebase_hz) {
		puts_("vdisc: log no timebase-frequency in /cpus: timeouts cannot work\n");
		failures++;
	}

	for (const struct vdisc_device *d = model.devices; d; d = d->next)
		print_device(d);
	for (const struct vdisc_device *d = model.devices; d; d = d->next)
		if (d->flags & VDISC_DEV_VIRTIO_MMIO)
			do_virtio(d);

	puts_("vdisc: done devices=");
	putu_(model.ndevices);
	puts_(" virtio=");
	putu_(nvirtio);
	puts_(" blk=");
	putu_(nblk);
	puts_(" failures=");
	putu_(failures);
	putc_('\n');
	finish(failures == 0, failures > 255 ? 255 : failures);
}
