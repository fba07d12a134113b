/* SPDX-License-Identifier: MIT */
/*
 * virtio-mmio: vdisc_virtio_mmio_probe() against a fake register file, and
 * vdisc_virtio_mmio_cmdline() against kernel command lines.
 *
 * The fake decodes its registers at the offsets of the kernel's
 * <linux/virtio_mmio.h> (Debian linux-libc-dev), written independently of
 * ours, as version 1 (legacy) or version 2 devices do: DeviceFeatures by
 * DeviceFeaturesSel, QueueNumMax and QueuePFN by QueueSel.  It logs every
 * access, counts the ones no device would decode (a write-only register
 * read, a read-only one written, a register the version lacks, a
 * misaligned address) and fails the test on any access that is not 32
 * bits wide.  Hostile devices ignore their selectors, answer garbage or
 * never end their list of queues.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <linux/virtio_mmio.h>

#include <vdisc/vdisc.h>

#define NET_BASE 0x0a003e00ull
#define BLK_BASE 0x0a003c00ull
#define EMPTY_BASE 0x0a003a00ull
#define REGS_SIZE 0x100 /* the control registers; the probe never reads the config */

/* Feature bits (virtio 1.3, 5.1.3, 5.2.3, 6). */
#define F_NET_MAC 5
#define F_NET_MRG_RXBUF 15
#define F_NET_STATUS 16
#define F_NET_CTRL_VQ 17
#define F_BLK_SEG_MAX 2
#define F_BLK_BLK_SIZE 6
#define F_BLK_FLUSH 9
#define F_RING_EVENT_IDX 29
#define F_VERSION_1 32
#define F_ACCESS_PLATFORM 33

#define BIT_(n) (1u << ((n) % 32))

enum hostile {
	HONEST,
	SELECTOR_IGNORED, /* DeviceFeatures and QueueNumMax as if both selectors were 0 */
	GARBAGE,	  /* DeviceFeatures and QueueNumMax differ on every read, never 0 */
	ENDLESS_QUEUES,	  /* every queue exists, however high QueueSel goes */
};

struct fake_dev {
	uint64_t base;
	uint32_t magic, version, device_id, vendor_id, status, generation;
	uint32_t features[4];	  /* by DeviceFeaturesSel */
	uint32_t queue_max[16];	  /* by QueueSel */
	uint32_t queue_pfn[16];	  /* legacy, by QueueSel */
	uint32_t guest_page_size; /* legacy: shows what was written */
	uint32_t features_sel, queue_sel;
	enum hostile hostile;
	uint32_t noise;
};

struct access {
	bool write;
	uint64_t addr;
	uint32_t value;
};

struct bus {
	struct fake_dev *devs[4];
	unsigned ndevs;
	struct access log[256];
	unsigned nlog;
	unsigned stray;	    /* accesses no register of the device decodes */
	unsigned unclaimed; /* accesses where no device is */
};

static void bus_init(struct bus *b, struct fake_dev *d0, struct fake_dev *d1)
{
	memset(b, 0, sizeof(*b));
	if (d0)
		b->devs[b->ndevs++] = d0;
	if (d1)
		b->devs[b->ndevs++] = d1;
}

static struct fake_dev *bus_decode(struct bus *b, uint64_t addr, uint32_t *reg)
{
	unsigned i;

	for (i = 0; i < b->ndevs; i++)
		if (addr >= b->devs[i]->base && addr - b->devs[i]->base < REGS_SIZE) {
			*reg = (uint32_t)(addr - b->devs[i]->base);
			return b->devs[i];
		}
	return NULL;
}

static void bus_log(struct bus *b, bool write, uint64_t addr, uint32_t value)
{
	assert_true(b->nlog < sizeof(b->log) / sizeof(b->log[0]));
	b->log[b->nlog].write = write;
	b->log[b->nlog].addr = addr;
	b->log[b->nlog].value = value;
	b->nlog++;
}

static uint32_t noise(struct fake_dev *d)
{
	d->noise = d->noise * 1103515245u + 12345u;
	return d->noise | 1; /* never 0: a list of queues that does not end */
}

static uint32_t dev_read(struct fake_dev *d, uint32_t reg, unsigned *stray)
{
	bool legacy = d->version == 1;
	uint32_t fsel = d->hostile == SELECTOR_IGNORED ? 0 : d->features_sel;
	uint32_t qsel = d->hostile == SELECTOR_IGNORED ? 0 : d->queue_sel;

	switch (reg) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		return d->magic;
	case VIRTIO_MMIO_VERSION:
		return d->version;
	case VIRTIO_MMIO_DEVICE_ID:
		return d->device_id;
	case VIRTIO_MMIO_VENDOR_ID:
		return d->vendor_id;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		if (d->hostile == GARBAGE)
			return noise(d);
		return fsel < 4 ? d->features[fsel] : 0;
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		if (d->hostile == GARBAGE)
			return noise(d);
		if (d->hostile == ENDLESS_QUEUES)
			return 1024;
		return qsel < 16 ? d->queue_max[qsel] : 0;
	case VIRTIO_MMIO_STATUS:
		return d->status;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		if (!legacy)
			return d->generation;
		break;
	case VIRTIO_MMIO_GUEST_PAGE_SIZE:
		if (legacy)
			return d->guest_page_size;
		break;
	case VIRTIO_MMIO_QUEUE_PFN:
		if (legacy)
			return qsel < 16 ? d->queue_pfn[qsel] : 0;
		break;
	default:
		break;
	}
	(*stray)++;
	return 0;
}

static void dev_write(struct fake_dev *d, uint32_t reg, uint32_t value, unsigned *stray)
{
	switch (reg) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		d->features_sel = value;
		return;
	case VIRTIO_MMIO_QUEUE_SEL:
		d->queue_sel = value;
		return;
	case VIRTIO_MMIO_STATUS:
		d->status = value; /* 0 would reset the device */
		return;
	case VIRTIO_MMIO_GUEST_PAGE_SIZE:
		if (d->version == 1) {
			d->guest_page_size = value;
			return;
		}
		break;
	default:
		break;
	}
	(*stray)++;
}

static uint32_t mmio_r32(void *ctx, uint64_t addr)
{
	struct bus *b = ctx;
	struct fake_dev *d;
	uint32_t reg, v = 0xffffffffu;

	d = bus_decode(b, addr, &reg);
	if (!d)
		b->unclaimed++;
	else if (reg % 4)
		b->stray++;
	else
		v = dev_read(d, reg, &b->stray);
	bus_log(b, false, addr, v);
	return v;
}

static void mmio_w32(void *ctx, uint64_t addr, uint32_t value)
{
	struct bus *b = ctx;
	struct fake_dev *d;
	uint32_t reg;

	bus_log(b, true, addr, value);
	d = bus_decode(b, addr, &reg);
	if (!d)
		b->unclaimed++;
	else if (reg % 4)
		b->stray++;
	else
		dev_write(d, reg, value, &b->stray);
}

/* The registers allow 32-bit accesses only (virtio 1.3, 4.2.2.2). */
static uint8_t mmio_r8(void *ctx, uint64_t addr)
{
	(void)ctx;
	fail_msg("8-bit read at 0x%llx", (unsigned long long)addr);
	return 0;
}
static uint16_t mmio_r16(void *ctx, uint64_t addr)
{
	(void)ctx;
	fail_msg("16-bit read at 0x%llx", (unsigned long long)addr);
	return 0;
}
static uint64_t mmio_r64(void *ctx, uint64_t addr)
{
	(void)ctx;
	fail_msg("64-bit read at 0x%llx", (unsigned long long)addr);
	return 0;
}
static void mmio_w8(void *ctx, uint64_t addr, uint8_t v)
{
	(void)ctx;
	(void)v;
	fail_msg("8-bit write at 0x%llx", (unsigned long long)addr);
}
static void mmio_w16(void *ctx, uint64_t addr, uint16_t v)
{
	(void)ctx;
	(void)v;
	fail_msg("16-bit write at 0x%llx", (unsigned long long)addr);
}
static void mmio_w64(void *ctx, uint64_t addr, uint64_t v)
{
	(void)ctx;
	(void)v;
	fail_msg("64-bit write at 0x%llx", (unsigned long long)addr);
}

static struct vdisc_platform platform(struct bus *b)
{
	struct vdisc_platform p = {.ctx = b,
				   .mmio_read8 = mmio_r8,
				   .mmio_read16 = mmio_r16,
				   .mmio_read32 = mmio_r32,
				   .mmio_read64 = mmio_r64,
				   .mmio_write8 = mmio_w8,
				   .mmio_write16 = mmio_w16,
				   .mmio_write32 = mmio_w32,
				   .mmio_write64 = mmio_w64};
	return p;
}

static unsigned count(const struct bus *b, bool write, uint64_t addr)
{
	unsigned i, n = 0;

	for (i = 0; i < b->nlog; i++)
		if (b->log[i].write == write && (addr == ~0ull || b->log[i].addr == addr))
			n++;
	return n;
}

#define ANY ~0ull

/* The last value written to @addr (the selector as the device was left). */
static uint32_t last_write(const struct bus *b, uint64_t addr)
{
	unsigned i = b->nlog;

	while (i-- > 0)
		if (b->log[i].write && b->log[i].addr == addr)
			return b->log[i].value;
	fail_msg("no write to 0x%llx", (unsigned long long)addr);
	return 0;
}

/* Every write went to a selector, and each selector was left at 0. */
static void assert_only_selects_restored(const struct bus *b, const struct fake_dev *d)
{
	unsigned i;

	for (i = 0; i < b->nlog; i++)
		if (b->log[i].write)
			assert_true(b->log[i].addr == d->base + VIRTIO_MMIO_DEVICE_FEATURES_SEL ||
				    b->log[i].addr == d->base + VIRTIO_MMIO_QUEUE_SEL);
	assert_int_equal(d->features_sel, 0);
	assert_int_equal(d->queue_sel, 0);
	assert_int_equal(last_write(b, d->base + VIRTIO_MMIO_DEVICE_FEATURES_SEL), 0);
	assert_int_equal(last_write(b, d->base + VIRTIO_MMIO_QUEUE_SEL), 0);
}

/* A virtio-net as QEMU's virtio-mmio presents it (version 2), mid-use by a driver. */
static void make_net(struct fake_dev *d, uint64_t base)
{
	memset(d, 0, sizeof(*d));
	d->base = base;
	d->magic = VDISC_VIRTIO_MMIO_MAGIC;
	d->version = 2;
	d->device_id = 1;
	d->vendor_id = VDISC_VIRTIO_MMIO_QEMU_VENDOR;
	d->status = 0x0f; /* ACKNOWLEDGE | DRIVER | DRIVER_OK | FEATURES_OK */
	d->generation = 3;
	d->features[0] = BIT_(F_NET_MAC) | BIT_(F_NET_MRG_RXBUF) | BIT_(F_NET_STATUS) |
			 BIT_(F_NET_CTRL_VQ) | BIT_(F_RING_EVENT_IDX);
	d->features[1] = BIT_(F_VERSION_1) | BIT_(F_ACCESS_PLATFORM);
	d->features[2] = 0xdeadbeef; /* beyond the two words the probe reads */
	d->queue_max[0] = d->queue_max[1] = 256;
	d->queue_max[2] = 64; /* the control queue */
	d->queue_max[4] = 99; /* after the first absent queue: never read */
	/* Where a driver left the selectors. */
	d->features_sel = 1;
	d->queue_sel = 2;
}

static void make_blk(struct fake_dev *d, uint64_t base, uint32_t version)
{
	memset(d, 0, sizeof(*d));
	d->base = base;
	d->magic = VDISC_VIRTIO_MMIO_MAGIC;
	d->version = version;
	d->device_id = 2;
	d->vendor_id = VDISC_VIRTIO_MMIO_QEMU_VENDOR;
	d->generation = 1;
	d->features[0] = BIT_(F_BLK_SEG_MAX) | BIT_(F_BLK_BLK_SIZE) | BIT_(F_BLK_FLUSH);
	d->features[1] = version == 2 ? BIT_(F_VERSION_1) : 0;
	d->queue_max[0] = 1024;
}

static void test_modern_net(void **state)
{
	struct fake_dev net;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;
	unsigned i;

	(void)state;
	make_net(&net, NET_BASE);
	bus_init(&b, &net, NULL);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, NET_BASE, true, &info), 0);
	assert_int_equal(info.base, NET_BASE);
	assert_int_equal(info.magic, VDISC_VIRTIO_MMIO_MAGIC);
	assert_int_equal(info.version, 2);
	assert_int_equal(info.device_id, 1);
	assert_string_equal(vdisc_virtio_device_name(info.device_id), "network");
	assert_false(info.placeholder);
	assert_int_equal(info.vendor_id, VDISC_VIRTIO_MMIO_QEMU_VENDOR);
	assert_int_equal(info.status, 0x0f);
	assert_int_equal(info.config_generation, 3);
	assert_int_equal(info.offered.nwords, 2);
	assert_int_equal(info.offered.word[0], net.features[0]);
	assert_int_equal(info.offered.word[1], net.features[1]);
	assert_int_equal(info.offered.word[2], 0);
	assert_true(vdisc_virtio_has(&info.offered, F_NET_MAC));
	assert_true(vdisc_virtio_has(&info.offered, F_NET_CTRL_VQ));
	assert_true(vdisc_virtio_has(&info.offered, F_VERSION_1));
	assert_true(vdisc_virtio_has(&info.offered, F_ACCESS_PLATFORM));
	assert_false(vdisc_virtio_has(&info.offered, 64));
	assert_int_equal(info.queue_num_max[0], 256);
	assert_int_equal(info.queue_num_max[1], 256);
	assert_int_equal(info.queue_num_max[2], 64);
	for (i = 3; i < 8; i++)
		assert_int_equal(info.queue_num_max[i], 0);
	/* Legacy registers are not read on a version 2 device. */
	assert_int_equal(info.guest_page_size, 0);
	assert_int_equal(info.queue_pfn0, 0);
	assert_int_equal(b.stray, 0);
	assert_int_equal(b.unclaimed, 0);
	/* Two feature words, queues 0..3 (3 absent), then the restore. */
	assert_int_equal(count(&b, false, NET_BASE + VIRTIO_MMIO_DEVICE_FEATURES), 2);
	assert_int_equal(count(&b, false, NET_BASE + VIRTIO_MMIO_QUEUE_NUM_MAX), 4);
	assert_int_equal(count(&b, true, NET_BASE + VIRTIO_MMIO_QUEUE_SEL), 5);
	assert_only_selects_restored(&b, &net);
}

static void test_modern_blk(void **state)
{
	struct fake_dev blk;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;

	(void)state;
	make_blk(&blk, BLK_BASE, 2);
	bus_init(&b, &blk, NULL);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, BLK_BASE, true, &info), 0);
	assert_int_equal(info.device_id, 2);
	assert_string_equal(vdisc_virtio_device_name(info.device_id), "block");
	assert_true(vdisc_virtio_has(&info.offered, F_BLK_SEG_MAX));
	assert_true(vdisc_virtio_has(&info.offered, F_BLK_BLK_SIZE));
	assert_true(vdisc_virtio_has(&info.offered, F_BLK_FLUSH));
	assert_true(vdisc_virtio_has(&info.offered, F_VERSION_1));
	assert_false(vdisc_virtio_has(&info.offered, F_NET_MAC));
	assert_int_equal(info.status, 0);
	assert_int_equal(info.config_generation, 1);
	assert_int_equal(info.queue_num_max[0], 1024);
	assert_int_equal(info.queue_num_max[1], 0);
	assert_int_equal(b.stray, 0);
	/* Queue 1 was selected to find it absent: QueueSel written 0, 1, 0. */
	assert_int_equal(count(&b, true, BLK_BASE + VIRTIO_MMIO_QUEUE_SEL), 3);
	assert_only_selects_restored(&b, &blk);
}

/* Version 1: GuestPageSize as a driver wrote it, QueuePFN of queue 0 (in use). */
static void test_legacy_blk(void **state)
{
	struct fake_dev blk;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;

	(void)state;
	make_blk(&blk, BLK_BASE, 1);
	blk.guest_page_size = 4096;
	blk.status = 0x07;
	blk.queue_max[0] = 128;
	blk.queue_pfn[0] = 0x12345;
	blk.queue_pfn[1] = 0xbad; /* read with the wrong selection, it would show */
	bus_init(&b, &blk, NULL);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, BLK_BASE, true, &info), 0);
	assert_int_equal(info.version, 1);
	assert_int_equal(info.device_id, 2);
	assert_int_equal(info.status, 0x07);
	assert_int_equal(info.guest_page_size, 0); /* write-only: never read */
	assert_int_equal(info.queue_pfn0, 0x12345);
	assert_int_equal(info.queue_num_max[0], 128);
	assert_int_equal(info.queue_num_max[1], 0);
	assert_int_equal(info.offered.nwords, 2);
	assert_true(vdisc_virtio_has(&info.offered, F_BLK_FLUSH));
	assert_false(vdisc_virtio_has(&info.offered, F_VERSION_1));
	/* No ConfigGeneration on a legacy device: reading it would be a stray access. */
	assert_int_equal(info.config_generation, 0);
	assert_int_equal(count(&b, false, BLK_BASE + VIRTIO_MMIO_CONFIG_GENERATION), 0);
	assert_int_equal(count(&b, false, BLK_BASE + VIRTIO_MMIO_QUEUE_PFN), 1);
	assert_int_equal(b.stray, 0);
	assert_only_selects_restored(&b, &blk);
}

/* allow_select false: not a single write, and nothing a select would be needed for. */
static void test_no_select_no_writes(void **state)
{
	struct fake_dev net, blk;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;
	unsigned i;

	(void)state;
	make_net(&net, NET_BASE);
	make_blk(&blk, BLK_BASE, 1);
	blk.guest_page_size = 4096;
	blk.queue_pfn[0] = 0x12345;
	bus_init(&b, &net, &blk);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, NET_BASE, false, &info), 0);
	assert_int_equal(info.device_id, 1);
	assert_int_equal(info.status, 0x0f);
	assert_int_equal(info.config_generation, 3);
	assert_int_equal(info.offered.nwords, 0);
	assert_false(vdisc_virtio_has(&info.offered, F_VERSION_1));
	for (i = 0; i < 8; i++)
		assert_int_equal(info.queue_num_max[i], 0);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, BLK_BASE, false, &info), 0);
	assert_int_equal(info.device_id, 2);
	assert_int_equal(info.guest_page_size, 0); /* write-only: never read */
	assert_int_equal(info.queue_pfn0, 0);	   /* needs QueueSel */
	assert_int_equal(count(&b, true, ANY), 0);
	/* Magic, version, id, vendor, status, and ConfigGeneration (v2 only: GuestPageSize is
	 * write-only and never read). */
	assert_int_equal(b.nlog, 6 + 5);
	/* The selectors stay where the driver left them. */
	assert_int_equal(net.features_sel, 1);
	assert_int_equal(net.queue_sel, 2);
	assert_int_equal(b.stray, 0);
}

/*
 * probe_idle: the selectors only while Status reads 0.  A device a driver
 * has begun on (ACKNOWLEDGE or more) sees no write at all; an untouched
 * one is read as with allow_select, selectors left at 0.
 */
static void test_idle_probe(void **state)
{
	struct fake_dev net, blk;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;

	(void)state;
	make_net(&net, NET_BASE);
	make_blk(&blk, BLK_BASE, 2);
	bus_init(&b, &net, &blk);
	assert_int_equal(vdisc_virtio_mmio_probe_idle(&p, NET_BASE, &info), 0);
	assert_false(info.selected);
	assert_int_equal(info.status, 0x0f);
	assert_int_equal(info.offered.nwords, 0);
	assert_int_equal(info.queue_num_max[0], 0);
	assert_int_equal(count(&b, true, ANY), 0);
	assert_int_equal(net.features_sel, 1); /* where the driver left it */
	net.status = 0x01;		       /* ACKNOWLEDGE alone is a driver too */
	assert_int_equal(vdisc_virtio_mmio_probe_idle(&p, NET_BASE, &info), 0);
	assert_false(info.selected);
	assert_int_equal(count(&b, true, ANY), 0);

	assert_int_equal(vdisc_virtio_mmio_probe_idle(&p, BLK_BASE, &info), 0);
	assert_true(info.selected);
	assert_int_equal(info.status, 0);
	assert_int_equal(info.offered.nwords, 2);
	assert_int_equal(info.offered.word[0], blk.features[0]);
	assert_int_equal(info.offered.word[1], blk.features[1]);
	assert_int_equal(info.queue_num_max[0], 1024);
	assert_only_selects_restored(&b, &blk);
	assert_int_equal(b.stray, 0);
}

/* Device id 0: a placeholder; nothing after DeviceID is touched (4.2.3.1.1). */
static void test_placeholder(void **state)
{
	struct fake_dev slot;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;
	uint32_t version;

	(void)state;
	for (version = 1; version <= 2; version++) {
		make_net(&slot, NET_BASE);
		slot.version = version;
		slot.device_id = 0;
		bus_init(&b, &slot, NULL);
		assert_int_equal(vdisc_virtio_mmio_probe(&p, NET_BASE, true, &info), 0);
		assert_true(info.placeholder);
		assert_int_equal(info.version, version);
		assert_int_equal(info.device_id, 0);
		assert_int_equal(info.vendor_id, 0);
		assert_int_equal(info.status, 0);
		assert_int_equal(info.offered.nwords, 0);
		assert_int_equal(b.nlog, 3);
		assert_int_equal(b.log[0].addr, NET_BASE + VIRTIO_MMIO_MAGIC_VALUE);
		assert_int_equal(b.log[1].addr, NET_BASE + VIRTIO_MMIO_VERSION);
		assert_int_equal(b.log[2].addr, NET_BASE + VIRTIO_MMIO_DEVICE_ID);
		assert_int_equal(count(&b, true, ANY), 0);
	}
}

/* Not virtio: nothing but the magic is read. */
static void test_wrong_magic(void **state)
{
	static const uint32_t magics[] = {0, 0xffffffffu, 0x76697274u /* byte-swapped */};
	struct fake_dev d;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		make_net(&d, NET_BASE);
		d.magic = magics[i];
		bus_init(&b, &d, NULL);
		assert_int_equal(vdisc_virtio_mmio_probe(&p, NET_BASE, true, &info),
				 -VDISC_ENOTFOUND);
		assert_int_equal(info.magic, magics[i]);
		assert_int_equal(info.base, NET_BASE);
		assert_int_equal(b.nlog, 1);
		assert_int_equal(b.log[0].addr, NET_BASE);
		assert_false(b.log[0].write);
	}
	/* Nothing there at all (the bus reads all-ones). */
	bus_init(&b, &d, NULL);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, EMPTY_BASE, true, &info), -VDISC_ENOTFOUND);
	assert_int_equal(b.nlog, 1);
	assert_int_equal(b.unclaimed, 1);
}

static void test_unknown_version(void **state)
{
	static const uint32_t versions[] = {0, 3, 0xffffffffu};
	struct fake_dev d;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		make_net(&d, NET_BASE);
		d.version = versions[i];
		bus_init(&b, &d, NULL);
		assert_int_equal(vdisc_virtio_mmio_probe(&p, NET_BASE, true, &info),
				 -VDISC_ENOTSUP);
		assert_int_equal(info.version, versions[i]);
		assert_int_equal(b.nlog, 2);
		assert_int_equal(count(&b, true, ANY), 0);
	}
}

/* Selectors ignored: every word and every queue reads the same; still eight queues at most. */
static void test_hostile_selector_ignored(void **state)
{
	struct fake_dev d;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;
	unsigned i;

	(void)state;
	make_net(&d, NET_BASE);
	d.hostile = SELECTOR_IGNORED;
	bus_init(&b, &d, NULL);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, NET_BASE, true, &info), 0);
	assert_int_equal(info.offered.nwords, 2);
	assert_int_equal(info.offered.word[0], d.features[0]);
	assert_int_equal(info.offered.word[1], d.features[0]);
	for (i = 0; i < 8; i++)
		assert_int_equal(info.queue_num_max[i], 256);
	assert_int_equal(count(&b, false, NET_BASE + VIRTIO_MMIO_QUEUE_NUM_MAX), 8);
	assert_int_equal(b.stray, 0);
	assert_only_selects_restored(&b, &d);
}

/* A feature window and QueueNumMax answering noise. */
static void test_hostile_garbage(void **state)
{
	struct fake_dev d;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;
	unsigned i;

	(void)state;
	make_blk(&d, BLK_BASE, 2);
	d.hostile = GARBAGE;
	d.noise = 42;
	bus_init(&b, &d, NULL);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, BLK_BASE, true, &info), 0);
	assert_int_equal(info.offered.nwords, 2);
	assert_int_equal(info.offered.word[2], 0);
	assert_int_equal(info.offered.word[3], 0);
	for (i = 0; i < 8; i++)
		assert_int_not_equal(info.queue_num_max[i], 0);
	assert_int_equal(count(&b, false, BLK_BASE + VIRTIO_MMIO_DEVICE_FEATURES), 2);
	assert_int_equal(count(&b, false, BLK_BASE + VIRTIO_MMIO_QUEUE_NUM_MAX), 8);
	assert_int_equal(b.stray, 0);
	assert_only_selects_restored(&b, &d);
}

/* QueueNumMax never 0: queues 0..7 and no further, then QueueSel back to 0. */
static void test_hostile_endless_queues(void **state)
{
	struct fake_dev d;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info info;
	unsigned i, q = 0;

	(void)state;
	make_blk(&d, BLK_BASE, 1);
	d.hostile = ENDLESS_QUEUES;
	d.queue_pfn[0] = 0;
	d.queue_pfn[7] = 0x777; /* read with QueueSel left at 7, it would show */
	bus_init(&b, &d, NULL);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, BLK_BASE, true, &info), 0);
	for (i = 0; i < 8; i++)
		assert_int_equal(info.queue_num_max[i], 1024);
	assert_int_equal(info.queue_pfn0, 0);
	for (i = 0; i < b.nlog; i++) {
		if (!b.log[i].write || b.log[i].addr != BLK_BASE + VIRTIO_MMIO_QUEUE_SEL)
			continue;
		assert_int_equal(b.log[i].value, q < 8 ? q : 0);
		q++;
	}
	assert_int_equal(q, 9);
	assert_only_selects_restored(&b, &d);
}

/* Two devices on one bus: each probe stays inside its own register block. */
static void test_two_devices(void **state)
{
	struct fake_dev net, blk;
	struct bus b;
	struct vdisc_platform p = platform(&b);
	struct vdisc_virtio_mmio_info a, c;
	unsigned i;

	(void)state;
	make_net(&net, NET_BASE);
	make_blk(&blk, BLK_BASE, 2);
	bus_init(&b, &net, &blk);
	assert_int_equal(vdisc_virtio_mmio_probe(&p, NET_BASE, true, &a), 0);
	for (i = 0; i < b.nlog; i++)
		assert_true(b.log[i].addr >= NET_BASE && b.log[i].addr < NET_BASE + REGS_SIZE);
	b.nlog = 0;
	assert_int_equal(vdisc_virtio_mmio_probe(&p, BLK_BASE, true, &c), 0);
	for (i = 0; i < b.nlog; i++)
		assert_true(b.log[i].addr >= BLK_BASE && b.log[i].addr < BLK_BASE + REGS_SIZE);
	assert_int_equal(a.base, NET_BASE);
	assert_int_equal(a.device_id, 1);
	assert_int_equal(a.queue_num_max[2], 64);
	assert_int_equal(c.base, BLK_BASE);
	assert_int_equal(c.device_id, 2);
	assert_int_equal(c.queue_num_max[0], 1024);
	assert_int_equal(c.queue_num_max[2], 0);
	assert_true(vdisc_virtio_has(&a.offered, F_NET_MAC));
	assert_false(vdisc_virtio_has(&c.offered, F_NET_MAC));
	assert_int_equal(b.stray + b.unclaimed, 0);
	assert_int_equal(net.features_sel + net.queue_sel + blk.features_sel + blk.queue_sel, 0);
}

static void test_platform_and_arguments(void **state)
{
	struct fake_dev d;
	struct bus b;
	struct vdisc_platform full = platform(&b), none = {0};
	struct vdisc_platform read_only = {.ctx = &b, .mmio_read32 = mmio_r32};
	struct vdisc_platform write_only = {.ctx = &b, .mmio_write32 = mmio_w32};
	struct vdisc_virtio_mmio_info info;

	(void)state;
	make_net(&d, NET_BASE);
	bus_init(&b, &d, NULL);
	assert_int_equal(vdisc_virtio_mmio_probe(&none, NET_BASE, false, &info), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_virtio_mmio_probe(NULL, NET_BASE, false, &info), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_virtio_mmio_probe(&write_only, NET_BASE, true, &info),
			 -VDISC_ENOTSUP);
	assert_int_equal(vdisc_virtio_mmio_probe(&read_only, NET_BASE, true, &info),
			 -VDISC_ENOTSUP);
	assert_int_equal(info.base, NET_BASE);
	assert_int_equal(info.magic, 0);
	assert_int_equal(b.nlog, 0);
	/* Reads alone are enough without selects. */
	assert_int_equal(vdisc_virtio_mmio_probe(&read_only, NET_BASE, false, &info), 0);
	assert_int_equal(info.device_id, 1);
	/* A misaligned base or a block past 2^64: nothing is touched. */
	b.nlog = 0;
	assert_int_equal(vdisc_virtio_mmio_probe(&full, NET_BASE + 2, true, &info), -VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_mmio_probe(&full, 0xfffffffffffffff0ull, true, &info),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_mmio_probe(&full, NET_BASE, true, NULL), -VDISC_EINVAL);
	assert_int_equal(b.nlog, 0);
}

/* ---- virtio_mmio.device= ---- */

static int parse_one(const char *value, struct vdisc_virtio_mmio_param *p)
{
	char line[256];
	size_t bad = 12345;
	int n;

	snprintf(line, sizeof(line), "virtio_mmio.device=%s", value);
	n = vdisc_virtio_mmio_cmdline(line, p, 1, &bad);
	if (n < 0)
		assert_int_equal(bad, 0);
	return n;
}

static void assert_param(const struct vdisc_virtio_mmio_param *p, uint64_t size, uint64_t base,
			 uint32_t irq, uint32_t id, bool has_id)
{
	assert_int_equal(p->size, size);
	assert_int_equal(p->base, base);
	assert_int_equal(p->irq, irq);
	assert_int_equal(p->id, id);
	assert_int_equal(p->has_id, has_id);
}

/* As Firecracker and QEMU's microvm write them, /proc/cmdline's newline included. */
static void test_cmdline_vmm(void **state)
{
	static const char firecracker[] =
		"reboot=k panic=1 pci=off nomodule 8250.nr_uarts=0 i8042.noaux "
		"virtio_mmio.device=4K@0xd0000000:5 virtio_mmio.device=4K@0xd0001000:6 "
		"console=ttyS0 root=/dev/vda rw\n";
	static const char microvm[] = "earlyprintk=ttyS0 console=ttyS0 reboot=t "
				      "virtio_mmio.device=512@0xfeb00e00:19\t"
				      "virtio_mmio.device=512@0xfeb00c00:18 root=/dev/vda";
	struct vdisc_virtio_mmio_param p[4];
	size_t bad = 99;

	(void)state;
	assert_int_equal(vdisc_virtio_mmio_cmdline(firecracker, p, 4, &bad), 2);
	assert_param(&p[0], 4096, 0xd0000000, 5, 0, false);
	assert_param(&p[1], 4096, 0xd0001000, 6, 1, false);
	assert_int_equal(vdisc_virtio_mmio_cmdline(microvm, p, 4, NULL), 2);
	assert_param(&p[0], 512, 0xfeb00e00, 19, 0, false);
	assert_param(&p[1], 512, 0xfeb00c00, 18, 1, false);
}

static void test_cmdline_suffixes(void **state)
{
	/* One size a line. */
	/* clang-format off */
	static const struct {
		const char *size;
		uint64_t bytes; /* 0: malformed */
	} cases[] = {
		{"512", 512},
		{"1k", 1024},
		{"1K", 1024},
		{"2m", 2ull << 20},
		{"3M", 3ull << 20},
		{"1g", 1ull << 30},
		{"1G", 1ull << 30},
		{"1t", 1ull << 40},
		{"1P", 1ull << 50},
		{"1e", 1ull << 60},
		{"15E", 15ull << 60},
		{"0x10K", 16ull << 10},
		{"0x1e", 0x1e}, /* a hex digit, not exa */
		{"010K", 8ull << 10},
		{"0K", 0},      /* size 0 */
	};
	/* clang-format on */
	struct vdisc_virtio_mmio_param p;
	char value[64];
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(value, sizeof(value), "%s@0x1000:5", cases[i].size);
		if (!cases[i].bytes) {
			assert_int_equal(parse_one(value, &p), -VDISC_EINVAL);
			continue;
		}
		assert_int_equal(parse_one(value, &p), 1);
		assert_int_equal(p.size, cases[i].bytes);
	}
}

/* The base as %lli (hex, octal, decimal); irq and id as %u/%d, decimal only. */
static void test_cmdline_radix(void **state)
{
	struct vdisc_virtio_mmio_param p;

	(void)state;
	assert_int_equal(parse_one("4K@0x1000:5", &p), 1);
	assert_int_equal(p.base, 0x1000);
	assert_int_equal(parse_one("4K@0X1000:5", &p), 1);
	assert_int_equal(p.base, 0x1000);
	assert_int_equal(parse_one("4K@4096:5", &p), 1);
	assert_int_equal(p.base, 4096);
	assert_int_equal(parse_one("4K@010000:5", &p), 1);
	assert_int_equal(p.base, 4096);
	assert_int_equal(parse_one("4K@0:5", &p), 1);
	assert_int_equal(p.base, 0);
	assert_int_equal(parse_one("4K@0x1000:010", &p), 1);
	assert_int_equal(p.irq, 10);
	assert_int_equal(parse_one("4K@0x1000:5:07", &p), 1);
	assert_param(&p, 4096, 0x1000, 5, 7, true);
	assert_int_equal(parse_one("4K@0x1000:0x5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("4K@0x1000:5:0x7", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("4K@09:5", &p), -VDISC_EINVAL); /* octal */
	assert_int_equal(parse_one("4K@0x:5", &p), -VDISC_EINVAL); /* "0", then x */
	assert_int_equal(parse_one("4K@0xg:5", &p), -VDISC_EINVAL);
}

/* Linux numbers a device without <id> one above the one before. */
static void test_cmdline_ids(void **state)
{
	static const char line[] =
		"virtio_mmio.device=1K@0x1000:5:3 virtio_mmio.device=1K@0x2000:6 "
		"virtio_mmio.device=1K@0x3000:7:10 virtio_mmio.device=1K@0x4000:8 "
		"virtio_mmio.device=1K@0x5000:9:0";
	struct vdisc_virtio_mmio_param p[5];

	(void)state;
	assert_int_equal(vdisc_virtio_mmio_cmdline(line, p, 5, NULL), 5);
	assert_param(&p[0], 1024, 0x1000, 5, 3, true);
	assert_param(&p[1], 1024, 0x2000, 6, 4, false);
	assert_param(&p[2], 1024, 0x3000, 7, 10, true);
	assert_param(&p[3], 1024, 0x4000, 8, 11, false);
	assert_param(&p[4], 1024, 0x5000, 9, 0, true);
}

static void test_cmdline_malformed(void **state)
{
	static const char *const bad_values[] = {
		"",
		"4K",
		"4K@",
		"4K@0x1000",
		"4K@0x1000:",
		"4K@0x1000:5:",
		"4K@0x1000:5x",
		"4K@0x1000:5:1:2",
		"4KB@0x1000:5",
		"4K@0x1000:0", /* irq 0: refused by Linux */
		"0@0x1000:5",
		"@0x1000:5",
		"-1@0x1000:5",
		"+1@0x1000:5",
		"4K@-0x1000:5",
		"4K@+0x1000:5",
		"4K@0x1000:-5",
		"4K@0x1000:5:-1",
		"4K:0x1000:5",
		"4K@@0x1000:5",
		"4K@0x1000::5",
		"0x@0x1000:5",
		"4K@0x1000;5",
		"K@0x1000:5",
	};
	struct vdisc_virtio_mmio_param p;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(bad_values) / sizeof(bad_values[0]); i++) {
		if (parse_one(bad_values[i], &p) != -VDISC_EINVAL)
			fail_msg("\"%s\" was taken", bad_values[i]);
	}
}

/* bad_at is the start of the first malformed word; good ones before it are stored. */
static void test_cmdline_bad_at(void **state)
{
	static const char line[] = "root=/dev/vda virtio_mmio.device=4K@0x1000:5  "
				   "virtio_mmio.device=4K@0x2000 virtio_mmio.device=junk";
	static const char bare[] = "quiet virtio_mmio.device";
	static const char quoted[] = "a=1 \"virtio_mmio.device=x\"";
	struct vdisc_virtio_mmio_param p[4];
	size_t bad = 0;

	(void)state;
	memset(p, 0, sizeof(p));
	assert_int_equal(vdisc_virtio_mmio_cmdline(line, p, 4, &bad), -VDISC_EINVAL);
	assert_int_equal(bad, strstr(line, "virtio_mmio.device=4K@0x2000") - line);
	assert_param(&p[0], 4096, 0x1000, 5, 0, false);
	assert_int_equal(vdisc_virtio_mmio_cmdline(bare, p, 4, &bad), -VDISC_EINVAL);
	assert_int_equal(bad, 6);
	assert_int_equal(vdisc_virtio_mmio_cmdline(quoted, p, 4, &bad), -VDISC_EINVAL);
	assert_int_equal(bad, 4); /* the opening quote */
	assert_int_equal(vdisc_virtio_mmio_cmdline(line, NULL, 0, NULL), -VDISC_EINVAL);
}

static void test_cmdline_overflow(void **state)
{
	struct vdisc_virtio_mmio_param p;

	(void)state;
	/* Sizes up to 2^64 - 1; a region may end at the last byte of the address space. */
	assert_int_equal(parse_one("18446744073709551615@0:5", &p), 1);
	assert_int_equal(p.size, UINT64_MAX);
	assert_int_equal(parse_one("0xffffffffffffffff@0:5", &p), 1);
	assert_int_equal(parse_one("01777777777777777777777@0:5", &p), 1);
	assert_int_equal(p.size, UINT64_MAX);
	assert_int_equal(parse_one("4K@0xfffffffffffff000:5", &p), 1);
	assert_int_equal(parse_one("0000000000000000000000000000001@0:5", &p), 1);
	assert_int_equal(p.size, 1);
	assert_int_equal(parse_one("4K@0x1000:4294967295:2147483647", &p), 1);
	assert_param(&p, 4096, 0x1000, UINT32_MAX, INT32_MAX, true);

	assert_int_equal(parse_one("18446744073709551616@0:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("0x10000000000000000@0:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("02000000000000000000000@0:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("99999999999999999999999999@0:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("16E@0:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("16384P@0:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("0x40000000000000K@0:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("4K@0x10000000000000000:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("8K@0xfffffffffffff000:5", &p), -VDISC_EINVAL); /* wraps */
	assert_int_equal(parse_one("1@0xffffffffffffffff:5", &p), 1);
	assert_int_equal(parse_one("2@0xffffffffffffffff:5", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("4K@0x1000:4294967296", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("4K@0x1000:5:2147483648", &p), -VDISC_EINVAL);
	assert_int_equal(parse_one("4K@0x1000:5:99999999999999999999999", &p), -VDISC_EINVAL);
}

static void test_cmdline_empty(void **state)
{
	struct vdisc_virtio_mmio_param p;
	size_t bad = 7;

	(void)state;
	assert_int_equal(vdisc_virtio_mmio_cmdline("", &p, 1, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(vdisc_virtio_mmio_cmdline(" \t\n \r", &p, 1, NULL), 0);
	assert_int_equal(vdisc_virtio_mmio_cmdline("quiet splash", &p, 1, NULL), 0);
	assert_int_equal(vdisc_virtio_mmio_cmdline(NULL, &p, 1, &bad), -VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_mmio_cmdline("", NULL, 1, NULL), -VDISC_EINVAL);
	/* Counting only. */
	assert_int_equal(vdisc_virtio_mmio_cmdline("virtio_mmio.device=1K@0:1", NULL, 0, NULL), 1);
}

/* Words as the kernel cuts them: names, quotes, and "--". */
static void test_cmdline_words(void **state)
{
	static const struct {
		const char *line;
		int found;
	} cases[] = {
		{"virtio-mmio.device=1K@0x1000:5", 1}, /* '-' and '_' alike */
		{"virtio_mmio-device=1K@0x1000:5", 0},
		{"virtio_mmio.devices=1K@0x1000:5", 0},
		{"xvirtio_mmio.device=1K@0x1000:5", 0},
		{"virtio_mmio.device.x=1K@0x1000:5", 0},
		{"VIRTIO_MMIO.DEVICE=1K@0x1000:5", 0},
		{"device=1K@0x1000:5", 0},
		{"virtio_mmio.device==1K@0x1000:5", -VDISC_EINVAL},
		{"\"virtio_mmio.device=1K@0x1000:5\"", 1},
		{"virtio_mmio.device=\"1K@0x1000:5\"", 1},
		{"virtio_mmio.device=\"1K@0x1000:5", 1}, /* unterminated */
		{"foo=\"bar virtio_mmio.device=junk\" quiet", 0},
		{"dyndbg=\"file x +p\" virtio_mmio.device=1K@0x1000:5", 1},
		{"init=/bin/sh -- virtio_mmio.device=junk", 0},
		{"\"--\" virtio_mmio.device=junk", 0},
		{"--foo virtio_mmio.device=1K@0x1000:5", 1},
		{"--=x virtio_mmio.device=1K@0x1000:5", 1},
		{"virtio_mmio.device=1K@0x1000:5 -- virtio_mmio.device=1K@0x2000:6", 1},
		{"virtio_mmio.device=1K@0x1000:5\nvirtio_mmio.device=1K@0x2000:6\n", 2},
		{"virtio_mmio.device=1K@0x1000:5\"", -VDISC_EINVAL},
		{"virtio_mmio.device=1K @0x1000:5", -VDISC_EINVAL},
	};
	struct vdisc_virtio_mmio_param p[2];
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int n = vdisc_virtio_mmio_cmdline(cases[i].line, p, 2, NULL);

		if (n != cases[i].found)
			fail_msg("\"%s\": %d, not %d", cases[i].line, n, cases[i].found);
		if (n > 0)
			assert_param(&p[0], 1024, 0x1000, 5, 0, false);
	}
}

/* More than @max: all are counted, @max are stored, nothing past them is touched. */
static void test_cmdline_max(void **state)
{
	static const char line[] = "virtio_mmio.device=1K@0x1000:5 virtio_mmio.device=1K@0x2000:6 "
				   "virtio_mmio.device=1K@0x3000:7";
	struct vdisc_virtio_mmio_param p[3];

	(void)state;
	memset(p, 0xa5, sizeof(p));
	assert_int_equal(vdisc_virtio_mmio_cmdline(line, p, 2, NULL), 3);
	assert_param(&p[0], 1024, 0x1000, 5, 0, false);
	assert_param(&p[1], 1024, 0x2000, 6, 1, false);
	assert_int_equal(p[2].size, 0xa5a5a5a5a5a5a5a5ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modern_net),
		cmocka_unit_test(test_modern_blk),
		cmocka_unit_test(test_legacy_blk),
		cmocka_unit_test(test_no_select_no_writes),
		cmocka_unit_test(test_idle_probe),
		cmocka_unit_test(test_placeholder),
		cmocka_unit_test(test_wrong_magic),
		cmocka_unit_test(test_unknown_version),
		cmocka_unit_test(test_hostile_selector_ignored),
		cmocka_unit_test(test_hostile_garbage),
		cmocka_unit_test(test_hostile_endless_queues),
		cmocka_unit_test(test_two_devices),
		cmocka_unit_test(test_platform_and_arguments),
		cmocka_unit_test(test_cmdline_vmm),
		cmocka_unit_test(test_cmdline_suffixes),
		cmocka_unit_test(test_cmdline_radix),
		cmocka_unit_test(test_cmdline_ids),
		cmocka_unit_test(test_cmdline_malformed),
		cmocka_unit_test(test_cmdline_bad_at),
		cmocka_unit_test(test_cmdline_overflow),
		cmocka_unit_test(test_cmdline_empty),
		cmocka_unit_test(test_cmdline_words),
		cmocka_unit_test(test_cmdline_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
