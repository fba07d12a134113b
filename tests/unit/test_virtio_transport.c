/* SPDX-License-Identifier: MIT */
/*
 * The virtio transports against fake devices that decode every access as
 * the spec's register layouts say (virtio 1.3, 4.1.4, 4.1.4.8, 4.2.2,
 * 4.2.4): virtio-mmio version 2 and 1, a modern virtio-pci function (common
 * configuration, notification, ISR and device configuration in one fake BAR,
 * found through a configuration-space snapshot decoded by vdisc_pci_decode)
 * and a legacy one behind fake I/O ports.  Each fake logs every access and
 * counts violations: an access outside the layout, of the wrong width, a
 * read of a write-only register, a write of a read-only one, a 0 written to
 * queue_enable.  Every test ends with no violation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vdisc/vdisc.h>
#include <vdisc/virtio_transport.h>

#define MMIO_BASE 0x0a003e00ull
#define BAR_BASE 0x800000000ull /* above 4 GiB: both halves of an address matter */
#define BAR_SIZE 0x4000u
#define IO_BASE 0xc040u
#define IO_SIZE 0x40u

/* Where the fake modern device puts its structures in BAR 4. */
#define P_COMMON 0x0000u
#define P_ISR 0x1000u
#define P_DEVICE 0x2000u
#define P_DEVICE_LEN 0x100u
#define P_NOTIFY 0x3000u
#define P_NOTIFY_LEN 0x1000u
#define P_MULT 4u

#define NQ 16

enum kind { MMIO, PCI, LEGACY };

struct access {
	char op; /* r/w: MMIO, i/o: port */
	unsigned width;
	uint64_t addr, value;
};

struct fq {
	uint32_t max, num, ready, align, pfn, msix;
	uint16_t notify_off;
	uint64_t desc, driver, device;
};

struct fake {
	enum kind kind;
	uint32_t magic, version, device_id;
	uint32_t dev_features[4], drv_features[4];
	uint32_t dev_sel, drv_sel, queue_sel;
	uint32_t status, generation, guest_page_size;
	uint16_t num_queues, msix_config;
	uint16_t nvectors; /* MSI-X vectors the device has room for (0: any); others read NO_VECTOR
			    */
	bool legacy_msix;  /* legacy: MSI-X enabled, the two vector registers at 0x14 */
	uint8_t isr;
	struct fq q[NQ];
	uint8_t config[0x100];
	int pio_error; /* returned by every port access when set */
	struct access log[1024];
	unsigned nlog, violations;
};

static void log_(struct fake *f, char op, unsigned width, uint64_t addr, uint64_t value)
{
	if (f->nlog < sizeof(f->log) / sizeof(f->log[0]))
		f->log[f->nlog++] = (struct access){op, width, addr, value};
}

static uint64_t get_le(const uint8_t *p, unsigned width)
{
	uint64_t v = 0;

	while (width-- > 0)
		v = v << 8 | p[width];
	return v;
}

static void put_le(uint8_t *p, unsigned width, uint64_t v)
{
	unsigned i;

	for (i = 0; i < width; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static struct fq *sel_q(struct fake *f)
{
	static struct fq none;

	memset(&none, 0, sizeof(none));
	return f->queue_sel < NQ ? &f->q[f->queue_sel] : &none;
}

static void reset(struct fake *f)
{
	unsigned i;

	f->status = 0;
	for (i = 0; i < NQ; i++) {
		f->q[i].ready = 0;
		f->q[i].pfn = 0;
	}
	memset(f->drv_features, 0, sizeof(f->drv_features));
}

static void set_lo(uint64_t *field, uint32_t v)
{
	*field = (*field & ~0xffffffffull) | v;
}

static void set_hi(uint64_t *field, uint32_t v)
{
	*field = (*field & 0xffffffffull) | (uint64_t)v << 32;
}

/* ---- virtio-mmio (4.2.2; version 1: 4.2.4) ---- */

static uint64_t mmio_config(struct fake *f, uint32_t off, unsigned width, bool write, uint64_t v)
{
	off -= 0x100;
	/* Modern: the field's width, aligned; legacy allowed any access (4.2.4). */
	if (off + width > sizeof(f->config) || (f->version == 2 && (width > 4 || off % width)))
		f->violations++;
	else if (write)
		put_le(&f->config[off], width, v);
	else
		return get_le(&f->config[off], width);
	return 0;
}

static uint32_t mmio_reg_read(struct fake *f, uint32_t off)
{
	bool v1 = f->version == 1;

	switch (off) {
	case 0x000:
		return f->magic;
	case 0x004:
		return f->version;
	case 0x008:
		return f->device_id;
	case 0x00c:
		return 0x554d4551;
	case 0x010:
		return f->dev_sel < 2 ? f->dev_features[f->dev_sel] : 0;
	case 0x034:
		return sel_q(f)->max;
	case 0x040:
		if (v1)
			return sel_q(f)->pfn;
		break;
	case 0x044:
		if (!v1)
			return sel_q(f)->ready;
		break;
	case 0x060:
		return f->isr;
	case 0x070:
		return f->status;
	case 0x0fc:
		if (!v1)
			return f->generation;
		break;
	}
	f->violations++; /* write-only, or not in this version's layout */
	return 0xdeadbeef;
}

static void mmio_reg_write(struct fake *f, uint32_t off, uint32_t v)
{
	bool v1 = f->version == 1;
	struct fq *q = sel_q(f);

	if (off == 0x014)
		f->dev_sel = v;
	else if (off == 0x020 && f->drv_sel < 4)
		f->drv_features[f->drv_sel] = v;
	else if (off == 0x024)
		f->drv_sel = v;
	else if (off == 0x028 && v1)
		f->guest_page_size = v;
	else if (off == 0x030)
		f->queue_sel = v;
	else if (off == 0x038)
		q->num = v;
	else if (off == 0x03c && v1)
		q->align = v;
	else if (off == 0x040 && v1)
		q->pfn = v;
	else if (off == 0x044 && !v1)
		q->ready = v;
	else if (off == 0x050)
		;
	else if (off == 0x064)
		f->isr &= (uint8_t)~v; /* InterruptACK */
	else if (off == 0x070)
		v == 0 ? reset(f) : (void)(f->status = v);
	else if (!v1 && off >= 0x080 && off <= 0x0a4 && (off & 0xf) <= 4) {
		uint64_t *field = off < 0x090 ? &q->desc : off < 0x0a0 ? &q->driver : &q->device;

		(off & 4) ? set_hi(field, v) : set_lo(field, v);
	} else
		f->violations++;
}

static uint64_t mmio_access(struct fake *f, uint64_t addr, unsigned width, bool write, uint64_t v)
{
	uint32_t off = (uint32_t)(addr - MMIO_BASE);

	log_(f, write ? 'w' : 'r', width, addr, v);
	if (addr < MMIO_BASE || addr - MMIO_BASE >= 0x200) {
		f->violations++;
		return 0;
	}
	if (off >= 0x100)
		return mmio_config(f, off, width, write, v);
	if (width != 4 || off % 4) { /* control registers: 32-bit only (4.2.2.2) */
		f->violations++;
		return 0;
	}
	if (write) {
		mmio_reg_write(f, off, (uint32_t)v);
		return 0;
	}
	return mmio_reg_read(f, off);
}

/* ---- virtio-pci modern: the common configuration (4.1.4.3) ---- */

struct field {
	uint32_t off;
	unsigned width;
	bool writable;
};

static const struct field common_fields[] = {
	{0x00, 4, true},  {0x04, 4, false}, {0x08, 4, true},  {0x0c, 4, true}, {0x10, 2, true},
	{0x12, 2, false}, {0x14, 1, true},  {0x15, 1, false}, {0x16, 2, true}, {0x18, 2, true},
	{0x1a, 2, true},  {0x1c, 2, true},  {0x1e, 2, false}, {0x20, 4, true}, {0x24, 4, true},
	{0x28, 4, true},  {0x2c, 4, true},  {0x30, 4, true},  {0x34, 4, true},
};

static uint64_t *q_addr_field(struct fq *q, uint32_t off)
{
	return off < 0x28 ? &q->desc : off < 0x30 ? &q->driver : &q->device;
}

/* A vector the device has no room for reads back as NO_VECTOR (4.1.4.3.1). */
static uint16_t fake_vector(const struct fake *f, uint32_t v)
{
	return (uint16_t)(f->nvectors && v != 0xffff && v >= f->nvectors ? 0xffff : v);
}

static uint64_t common_read(struct fake *f, uint32_t off)
{
	struct fq *q = sel_q(f);

	switch (off) {
	case 0x00:
		return f->dev_sel;
	case 0x04:
		return f->dev_sel < 4 ? f->dev_features[f->dev_sel] : 0;
	case 0x08:
		return f->drv_sel;
	case 0x0c:
		return f->drv_sel < 4 ? f->drv_features[f->drv_sel] : 0;
	case 0x10:
		return f->msix_config;
	case 0x12:
		return f->num_queues;
	case 0x14:
		return f->status;
	case 0x15:
		return f->generation;
	case 0x16:
		return f->queue_sel;
	case 0x18:
		return q->ready ? q->num : q->max;
	case 0x1a:
		return q->msix;
	case 0x1c:
		return q->ready;
	case 0x1e:
		return q->notify_off;
	}
	return (off & 4) ? *q_addr_field(q, off) >> 32 : (uint32_t)*q_addr_field(q, off);
}

static void common_write(struct fake *f, uint32_t off, uint32_t v)
{
	struct fq *q = sel_q(f);

	switch (off) {
	case 0x00:
		f->dev_sel = v;
		return;
	case 0x08:
		f->drv_sel = v;
		return;
	case 0x0c:
		if (f->drv_sel < 4)
			f->drv_features[f->drv_sel] = v;
		return;
	case 0x10:
		f->msix_config = fake_vector(f, v);
		return;
	case 0x14:
		v == 0 ? reset(f) : (void)(f->status = v);
		return;
	case 0x16:
		f->queue_sel = v;
		return;
	case 0x18:
		q->num = v;
		return;
	case 0x1a:
		q->msix = fake_vector(f, v);
		return;
	case 0x1c:
		if (v == 0) /* "The driver MUST NOT write a 0 to queue_enable" */
			f->violations++;
		q->ready = v;
		return;
	}
	(off & 4) ? set_hi(q_addr_field(q, off), v) : set_lo(q_addr_field(q, off), v);
}

static uint64_t common_access(struct fake *f, uint32_t off, unsigned width, bool write, uint64_t v)
{
	unsigned i;

	for (i = 0; i < sizeof(common_fields) / sizeof(common_fields[0]); i++) {
		const struct field *fl = &common_fields[i];

		if (fl->off != off)
			continue;
		if (fl->width != width || (write && !fl->writable))
			break;
		if (write) {
			common_write(f, off, (uint32_t)v);
			return 0;
		}
		return common_read(f, off);
	}
	f->violations++;
	return 0;
}

static uint64_t pci_access(struct fake *f, uint64_t addr, unsigned width, bool write, uint64_t v)
{
	uint32_t off = (uint32_t)(addr - BAR_BASE);

	log_(f, write ? 'w' : 'r', width, addr, v);
	if (addr < BAR_BASE || addr - BAR_BASE + width > BAR_SIZE) {
		f->violations++;
		return 0;
	}
	if (off < P_COMMON + 0x40)
		return common_access(f, off, width, write, v);
	if (off == P_ISR && width == 1 && !write) {
		uint8_t isr = f->isr;

		f->isr = 0;
		return isr;
	}
	if (off >= P_DEVICE && off + width <= P_DEVICE + P_DEVICE_LEN && width <= 4 &&
	    off % width == 0) {
		if (write)
			put_le(&f->config[off - P_DEVICE], width, v);
		return write ? 0 : get_le(&f->config[off - P_DEVICE], width);
	}
	if (off >= P_NOTIFY && write && width == 2) /* the log keeps where and what */
		return 0;
	f->violations++;
	return 0;
}

/* ---- virtio-pci legacy header in I/O space (4.1.4.8) ---- */

static bool legacy_width_ok(uint32_t off, unsigned width, bool write)
{
	static const struct field hdr[] = {
		{0x00, 4, false}, {0x04, 4, true}, {0x08, 4, true}, {0x0c, 2, false},
		{0x0e, 2, true},  {0x10, 2, true}, {0x12, 1, true}, {0x13, 1, false},
	};
	unsigned i;

	for (i = 0; i < sizeof(hdr) / sizeof(hdr[0]); i++)
		if (hdr[i].off == off)
			return hdr[i].width == width && (!write || hdr[i].writable);
	return false;
}

static uint32_t legacy_access(struct fake *f, uint16_t port, unsigned width, bool write, uint32_t v)
{
	uint32_t off = port - IO_BASE;
	uint32_t cfg = f->legacy_msix ? 0x18 : 0x14;
	struct fq *q = sel_q(f);

	log_(f, write ? 'o' : 'i', width, port, v);
	if (port < IO_BASE || off + width > IO_SIZE) {
		f->violations++;
		return 0xffffffff;
	}
	if (f->legacy_msix && (off == 0x14 || off == 0x16) && width == 2) {
		uint16_t *reg = off == 0x14 ? &f->msix_config : NULL;

		if (write && reg)
			*reg = fake_vector(f, v);
		else if (write)
			q->msix = fake_vector(f, v);
		return write ? 0 : reg ? *reg : q->msix;
	}
	if (off >= cfg) {
		if (write)
			put_le(&f->config[off - cfg], width, v);
		return write ? 0 : (uint32_t)get_le(&f->config[off - cfg], width);
	}
	if (!legacy_width_ok(off, width, write)) {
		f->violations++;
		return 0xffffffff;
	}
	if (!write) {
		switch (off) {
		case 0x00:
			return f->dev_features[0];
		case 0x04:
			return f->drv_features[0];
		case 0x08:
			return q->pfn;
		case 0x0c:
			return q->max;
		case 0x0e:
			return f->queue_sel;
		case 0x12:
			return f->status;
		default: {
			uint8_t isr = f->isr; /* reading clears it (4.1.4.5) */

			f->isr = 0;
			return isr;
		}
		}
	}
	if (off == 0x04)
		f->drv_features[0] = v;
	else if (off == 0x08)
		q->pfn = v;
	else if (off == 0x0e)
		f->queue_sel = v;
	else if (off == 0x12)
		v == 0 ? reset(f) : (void)(f->status = v);
	return 0;
}

/* ---- the fake platform ---- */

static uint64_t fake_access(struct fake *f, uint64_t addr, unsigned width, bool write, uint64_t v)
{
	return f->kind == MMIO ? mmio_access(f, addr, width, write, v)
			       : pci_access(f, addr, width, write, v);
}

static uint8_t r8(void *ctx, uint64_t a)
{
	return (uint8_t)fake_access(ctx, a, 1, false, 0);
}
static uint16_t r16(void *ctx, uint64_t a)
{
	return (uint16_t)fake_access(ctx, a, 2, false, 0);
}
static uint32_t r32(void *ctx, uint64_t a)
{
	return (uint32_t)fake_access(ctx, a, 4, false, 0);
}
static void w8(void *ctx, uint64_t a, uint8_t v)
{
	fake_access(ctx, a, 1, true, v);
}
static void w16(void *ctx, uint64_t a, uint16_t v)
{
	fake_access(ctx, a, 2, true, v);
}
static void w32(void *ctx, uint64_t a, uint32_t v)
{
	fake_access(ctx, a, 4, true, v);
}

static int pio_r(void *ctx, uint16_t port, unsigned width, uint32_t *value)
{
	struct fake *f = ctx;

	*value = legacy_access(f, port, width, false, 0);
	return f->pio_error;
}

static int pio_w(void *ctx, uint16_t port, unsigned width, uint32_t value)
{
	struct fake *f = ctx;

	legacy_access(f, port, width, true, value);
	return f->pio_error;
}

static struct vdisc_platform platform(struct fake *f)
{
	struct vdisc_platform p = {.ctx = f,
				   .mmio_read8 = r8,
				   .mmio_read16 = r16,
				   .mmio_read32 = r32,
				   .mmio_write8 = w8,
				   .mmio_write16 = w16,
				   .mmio_write32 = w32,
				   .pio_read = pio_r,
				   .pio_write = pio_w};
	return p;
}

/* The last write to @addr (NULL: none), and how many accesses touched it. */
static const struct access *last_write(const struct fake *f, uint64_t addr)
{
	unsigned i = f->nlog;

	while (i-- > 0)
		if ((f->log[i].op == 'w' || f->log[i].op == 'o') && f->log[i].addr == addr)
			return &f->log[i];
	return NULL;
}

static int index_of_write(const struct fake *f, uint64_t addr)
{
	const struct access *a = last_write(f, addr);

	return a ? (int)(a - f->log) : -1;
}

static unsigned touches(const struct fake *f, uint64_t addr)
{
	unsigned i, n = 0;

	for (i = 0; i < f->nlog; i++)
		n += f->log[i].addr == addr;
	return n;
}

static void assert_write(const struct fake *f, uint64_t addr, unsigned width, uint64_t value)
{
	const struct access *a = last_write(f, addr);

	assert_non_null(a);
	assert_int_equal(a->width, width);
	assert_int_equal(a->value, value);
}

static void fake_init(struct fake *f, enum kind kind, uint32_t version)
{
	unsigned i;

	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->magic = VDISC_VIRTIO_MMIO_MAGIC;
	f->version = version;
	f->device_id = 2;
	f->dev_features[0] = 0x10000244; /* SEG_MAX, BLK_SIZE, FLUSH, ... */
	f->dev_features[1] = version == 1 ? 0 : 0x1;
	f->num_queues = 2;
	f->q[0].max = 256;
	f->q[0].notify_off = 3;
	for (i = 0; i < sizeof(f->config); i++)
		f->config[i] = (uint8_t)(0x10 + i);
}

/* A legacy ring of @size at @desc, laid out as 2.7 says for alignment 4096. */
static void legacy_ring(uint16_t size, uint64_t desc, uint64_t *avail, uint64_t *used)
{
	*avail = desc + 16u * size;
	*used = (*avail + 2u * (3u + size) + 4095) / 4096 * 4096;
}

/* ================= virtio-mmio version 2 ================= */

static void test_mmio_v2_init_status(void **state)
{
	static struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_mmio_transport t;
	struct vdisc_virtio_dev dev;
	uint8_t status = 0;

	(void)state;
	fake_init(&f, MMIO, 2);
	p = platform(&f);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev), 0);
	assert_string_equal(dev.ops->name, "mmio-v2");
	assert_ptr_equal(dev.transport, &t);
	assert_ptr_equal(dev.platform, &p);
	assert_int_equal(dev.device_type, 2);
	assert_false(dev.ops->legacy);
	for (unsigned i = 0; i < f.nlog; i++)
		assert_int_equal(f.log[i].op, 'r'); /* init only reads */

	assert_int_equal(dev.ops->set_status(&dev, 0x03), 0);
	assert_write(&f, MMIO_BASE + 0x70, 4, 0x03);
	assert_int_equal(dev.ops->get_status(&dev, &status), 0);
	assert_int_equal(status, 0x03);
	f.q[0].ready = 1;
	assert_int_equal(dev.ops->set_status(&dev, 0), 0);
	assert_write(&f, MMIO_BASE + 0x70, 4, 0);
	assert_int_equal(dev.ops->get_status(&dev, &status), 0);
	assert_int_equal(status, 0);
	assert_int_equal(f.q[0].ready, 0);
	assert_int_equal(f.violations, 0);
}

static void test_mmio_v2_features(void **state)
{
	static struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_mmio_transport t;
	struct vdisc_virtio_dev dev;
	struct vdisc_virtio_features feat;
	struct vdisc_virtio_features acc = {{0x00000204, 0x1, 0, 0}, 4};

	(void)state;
	fake_init(&f, MMIO, 2);
	p = platform(&f);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev), 0);
	assert_int_equal(dev.ops->get_features(&dev, &feat), 0);
	assert_int_equal(feat.nwords, 2);
	assert_int_equal(feat.word[0], 0x10000244);
	assert_int_equal(feat.word[1], 0x1);
	assert_true(vdisc_virtio_has(&feat, 32)); /* VERSION_1 */

	assert_int_equal(dev.ops->set_features(&dev, &acc), 0);
	assert_int_equal(f.drv_features[0], 0x204);
	assert_int_equal(f.drv_features[1], 0x1);
	/* Each DriverFeatures write was preceded by its DriverFeaturesSel. */
	assert_int_equal(f.log[f.nlog - 4].addr, MMIO_BASE + 0x24);
	assert_int_equal(f.log[f.nlog - 4].value, 0);
	assert_int_equal(f.log[f.nlog - 2].addr, MMIO_BASE + 0x24);
	assert_int_equal(f.log[f.nlog - 2].value, 1);

	/* Bit 64 cannot be carried by MMIO: refused, not dropped. */
	acc.word[2] = 1;
	assert_int_equal(dev.ops->set_features(&dev, &acc), -VDISC_EINVAL);
	assert_int_equal(f.violations, 0);
}

static void test_mmio_v2_queue(void **state)
{
	static struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_mmio_transport t;
	struct vdisc_virtio_dev dev;
	const struct vdisc_virtio_transport_ops *ops;
	uint16_t max = 0xffff;
	uint64_t desc = 0x123456000ull, avail = 0x123457000ull, used = 0x123458000ull;

	(void)state;
	fake_init(&f, MMIO, 2);
	p = platform(&f);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev), 0);
	ops = dev.ops;
	assert_int_equal(ops->queue_max(&dev, 0, &max), 0);
	assert_int_equal(max, 256);
	assert_int_equal(ops->queue_max(&dev, 1, &max), 0);
	assert_int_equal(max, 0);
	assert_write(&f, MMIO_BASE + 0x30, 4, 1);

	/* Refusals before anything is written to the queue. */
	assert_int_equal(ops->queue_setup(&dev, 1, 128, desc, avail, used), -VDISC_ENOTFOUND);
	assert_int_equal(ops->queue_setup(&dev, 0, 0, desc, avail, used), -VDISC_EINVAL);
	assert_int_equal(ops->queue_setup(&dev, 0, 96, desc, avail, used), -VDISC_EINVAL);
	assert_int_equal(ops->queue_setup(&dev, 0, 512, desc, avail, used), -VDISC_EINVAL);
	assert_int_equal(ops->queue_setup(&dev, 0, 128, desc + 8, avail, used), -VDISC_EINVAL);
	assert_int_equal(ops->queue_setup(&dev, 0, 128, desc, avail + 1, used), -VDISC_EINVAL);
	assert_int_equal(ops->queue_setup(&dev, 0, 128, desc, avail, used + 2), -VDISC_EINVAL);
	assert_null(last_write(&f, MMIO_BASE + 0x38));

	assert_int_equal(ops->queue_setup(&dev, 0, 128, desc, avail, used), 0);
	assert_write(&f, MMIO_BASE + 0x30, 4, 0);
	assert_write(&f, MMIO_BASE + 0x38, 4, 128);
	assert_write(&f, MMIO_BASE + 0x80, 4, 0x23456000);
	assert_write(&f, MMIO_BASE + 0x84, 4, 0x1);
	assert_write(&f, MMIO_BASE + 0x90, 4, 0x23457000);
	assert_write(&f, MMIO_BASE + 0x94, 4, 0x1);
	assert_write(&f, MMIO_BASE + 0xa0, 4, 0x23458000);
	assert_write(&f, MMIO_BASE + 0xa4, 4, 0x1);
	assert_write(&f, MMIO_BASE + 0x44, 4, 1);
	assert_true(f.q[0].desc == desc && f.q[0].driver == avail && f.q[0].device == used);
	/* Ready comes last, after the addresses. */
	assert_true(index_of_write(&f, MMIO_BASE + 0x44) > index_of_write(&f, MMIO_BASE + 0xa4));
	assert_int_equal(f.q[0].ready, 1);

	/* A queue already in use is not set up again. */
	assert_int_equal(ops->queue_setup(&dev, 0, 128, desc, avail, used), -VDISC_EIO);

	assert_int_equal(ops->queue_notify(&dev, 0), 0);
	assert_write(&f, MMIO_BASE + 0x50, 4, 0);

	assert_int_equal(ops->queue_disable(&dev, 0), 0);
	assert_write(&f, MMIO_BASE + 0x44, 4, 0);
	assert_int_equal(f.log[f.nlog - 1].op, 'r'); /* and read back */
	assert_int_equal(f.log[f.nlog - 1].addr, MMIO_BASE + 0x44);
	assert_int_equal(f.q[0].ready, 0);
	assert_int_equal(f.violations, 0);
}

static void test_mmio_v2_config(void **state)
{
	static struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_mmio_transport t;
	struct vdisc_virtio_dev dev;
	uint64_t v = 0;
	uint32_t gen = 0;

	(void)state;
	fake_init(&f, MMIO, 2);
	f.generation = 7;
	p = platform(&f);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev), 0);
	assert_int_equal(dev.ops->config_read(&dev, 0x14, 1, &v), 0);
	assert_int_equal(v, 0x24);
	assert_int_equal(f.log[f.nlog - 1].addr, MMIO_BASE + 0x114);
	assert_int_equal(f.log[f.nlog - 1].width, 1);
	assert_int_equal(dev.ops->config_read(&dev, 0x12, 2, &v), 0);
	assert_int_equal(v, 0x2322);
	assert_int_equal(f.log[f.nlog - 1].width, 2);
	assert_int_equal(dev.ops->config_read(&dev, 0x14, 4, &v), 0);
	assert_int_equal(v, 0x27262524);
	assert_int_equal(dev.ops->config_read(&dev, 0x04, 8, &v), 0);
	assert_int_equal(v, 0x1b1a191817161514ull);
	assert_int_equal(f.log[f.nlog - 2].addr, MMIO_BASE + 0x104); /* low half first */
	assert_int_equal(f.log[f.nlog - 1].addr, MMIO_BASE + 0x108);
	assert_int_equal(dev.ops->config_write(&dev, 0x20, 2, 0xbeef), 0);
	assert_write(&f, MMIO_BASE + 0x120, 2, 0xbeef);
	assert_int_equal(f.config[0x20], 0xef);
	assert_int_equal(dev.ops->config_generation(&dev, &gen), 0);
	assert_int_equal(gen, 7);
	assert_int_equal(f.log[f.nlog - 1].addr, MMIO_BASE + 0xfc);

	/* Misaligned, odd widths, past the window: refused without an access. */
	f.nlog = 0;
	assert_int_equal(dev.ops->config_read(&dev, 0x13, 2, &v), -VDISC_EINVAL);
	assert_int_equal(dev.ops->config_read(&dev, 0x12, 4, &v), -VDISC_EINVAL);
	assert_int_equal(dev.ops->config_read(&dev, 0x10, 3, &v), -VDISC_EINVAL);
	assert_int_equal(dev.ops->config_read(&dev, 0xfc, 8, &v), -VDISC_EINVAL);
	assert_int_equal(dev.ops->config_write(&dev, 0x100, 1, 0), -VDISC_EINVAL);
	assert_int_equal(f.nlog, 0);
	assert_int_equal(f.violations, 0);
}

/* ================= virtio-mmio version 1 (legacy) ================= */

static void test_mmio_v1(void **state)
{
	static struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_mmio_transport t;
	struct vdisc_virtio_dev dev;
	struct vdisc_virtio_features feat, acc = {{0x244, 0, 0, 0}, 2};
	uint64_t desc = 0x40000, avail, used, v = 0;
	uint32_t gen = 99, native = 0;
	uint16_t max = 0;

	(void)state;
	fake_init(&f, MMIO, 1);
	p = platform(&f);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev), 0);
	assert_string_equal(dev.ops->name, "mmio-v1");
	assert_true(dev.ops->legacy);
	assert_int_equal(dev.ops->legacy_align, 4096);

	assert_int_equal(dev.ops->get_features(&dev, &feat), 0);
	assert_int_equal(feat.nwords, 1);
	assert_int_equal(feat.word[0], 0x10000244);
	assert_int_equal(dev.ops->set_features(&dev, &acc), 0);
	assert_int_equal(f.drv_features[0], 0x244);
	acc.word[1] = 1; /* VERSION_1 cannot be accepted by a legacy device */
	assert_int_equal(dev.ops->set_features(&dev, &acc), -VDISC_EINVAL);

	assert_int_equal(dev.ops->config_generation(&dev, &gen), 0);
	assert_int_equal(gen, 0);
	assert_int_equal(touches(&f, MMIO_BASE + 0xfc), 0);

	assert_int_equal(dev.ops->queue_max(&dev, 0, &max), 0);
	assert_int_equal(max, 256);
	legacy_ring(128, desc, &avail, &used);
	assert_int_equal(used, 0x41000);
	assert_int_equal(dev.ops->queue_setup(&dev, 0, 128, desc, avail + 16, used), -VDISC_EINVAL);
	assert_int_equal(dev.ops->queue_setup(&dev, 0, 128, desc, avail, used + 4096),
			 -VDISC_EINVAL);
	assert_int_equal(dev.ops->queue_setup(&dev, 0, 128, desc + 16, avail + 16, used),
			 -VDISC_EINVAL);
	assert_int_equal(dev.ops->queue_setup(&dev, 0, 128, desc, avail, used), 0);
	assert_write(&f, MMIO_BASE + 0x28, 4, 4096); /* GuestPageSize */
	assert_write(&f, MMIO_BASE + 0x38, 4, 128);
	assert_write(&f, MMIO_BASE + 0x3c, 4, 4096); /* QueueAlign */
	assert_write(&f, MMIO_BASE + 0x40, 4, 0x40); /* QueuePFN */
	assert_true(index_of_write(&f, MMIO_BASE + 0x28) < index_of_write(&f, MMIO_BASE + 0x30));
	assert_true(index_of_write(&f, MMIO_BASE + 0x40) > index_of_write(&f, MMIO_BASE + 0x3c));
	assert_int_equal(f.guest_page_size, 4096);
	assert_int_equal(f.q[0].pfn, 0x40);
	/* A queue whose PFN is set is in use. */
	assert_int_equal(dev.ops->queue_setup(&dev, 0, 128, desc, avail, used), -VDISC_EIO);
	assert_int_equal(dev.ops->queue_notify(&dev, 0), 0);
	assert_write(&f, MMIO_BASE + 0x50, 4, 0);
	assert_int_equal(dev.ops->queue_disable(&dev, 0), 0);
	assert_write(&f, MMIO_BASE + 0x40, 4, 0);
	assert_int_equal(f.q[0].pfn, 0);
	/* No modern-only register was touched (the fake counts those as violations). */
	assert_int_equal(touches(&f, MMIO_BASE + 0x44) + touches(&f, MMIO_BASE + 0x80), 0);

	/* Legacy configuration: bytewise, in the CPU's order, any alignment. */
	f.nlog = 0;
	assert_int_equal(dev.ops->config_read(&dev, 0x03, 4, &v), 0);
	memcpy(&native, &f.config[3], 4);
	assert_int_equal(v, native);
	assert_int_equal(f.nlog, 4);
	assert_int_equal(f.log[0].width, 1);
	assert_int_equal(f.log[0].addr, MMIO_BASE + 0x103);
	assert_int_equal(dev.ops->config_write(&dev, 0x31, 2, 0x1234), 0);
	assert_int_equal(dev.ops->config_read(&dev, 0x31, 2, &v), 0);
	assert_int_equal(v, 0x1234);
	assert_int_equal(f.violations, 0);
}

static void test_mmio_hostile(void **state)
{
	static struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_mmio_transport t;
	struct vdisc_virtio_dev dev;

	(void)state;
	/* A placeholder: DeviceID 0 and nothing else is touched (4.2.3.1.1). */
	fake_init(&f, MMIO, 2);
	f.device_id = 0;
	p = platform(&f);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev),
			 -VDISC_ENOTFOUND);
	assert_int_equal(f.nlog, 3);
	assert_int_equal(f.log[2].addr, MMIO_BASE + 0x08);

	fake_init(&f, MMIO, 2);
	f.magic = 0x12345678;
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev),
			 -VDISC_ENOTFOUND);
	fake_init(&f, MMIO, 3);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev), -VDISC_ENOTSUP);
	fake_init(&f, MMIO, 2);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE + 2, &dev),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, UINT64_MAX - 0xff, &dev),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_mmio_transport_init(NULL, &p, MMIO_BASE, &dev),
			 -VDISC_EINVAL);
	p.mmio_read16 = NULL;
	assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev), -VDISC_ENOTSUP);
	assert_int_equal(f.nlog, 0);
	assert_int_equal(f.violations, 0);
}

static void test_legacy_pfn(void **state)
{
	uint64_t avail, used;
	uint32_t pfn = 0;

	(void)state;
	legacy_ring(256, 0x7000, &avail, &used);
	assert_int_equal(avail, 0x8000);
	assert_int_equal(used, 0x9000); /* 0x8000 + 2 * 259 rounded up */
	assert_int_equal(vdisc_virtio_legacy_pfn(256, 0x7000, avail, used, &pfn), 0);
	assert_int_equal(pfn, 7);
	legacy_ring(4, 0x1000, &avail, &used);
	assert_int_equal(used, 0x2000);
	assert_int_equal(vdisc_virtio_legacy_pfn(4, 0x1000, avail, used, &pfn), 0);
	assert_int_equal(vdisc_virtio_legacy_pfn(0, 0x1000, avail, used, &pfn), -VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_legacy_pfn(4, 0x1000, avail, used, NULL), -VDISC_EINVAL);
	legacy_ring(4, 0x100000000000ull, &avail, &used);
	assert_int_equal(vdisc_virtio_legacy_pfn(4, 0x100000000000ull, avail, used, &pfn),
			 -VDISC_ERANGE);
}

/* ================= virtio-pci: configuration spaces ================= */

struct space {
	uint8_t b[256];
	uint8_t next;
	uint8_t *last_next;
};

static void put16(uint8_t *p, uint16_t v)
{
	put_le(p, 2, v);
}

static void put32(uint8_t *p, uint32_t v)
{
	put_le(p, 4, v);
}

static void space_init(struct space *s, uint16_t device, uint16_t subsystem)
{
	memset(s, 0, sizeof(*s));
	put16(s->b, 0x1af4);
	put16(s->b + 2, device);
	put16(s->b + 4, 0x0007);
	put16(s->b + 6, 0x0010); /* capability list */
	put32(s->b + 0x10, IO_BASE | 1);
	put32(s->b + 0x20, (uint32_t)BAR_BASE | 0xc); /* BAR4: 64-bit prefetchable */
	put32(s->b + 0x24, (uint32_t)(BAR_BASE >> 32));
	put16(s->b + 0x2e, subsystem);
	s->next = 0x40;
	s->last_next = &s->b[0x34];
}

static uint8_t *add_raw_cap(struct space *s, uint8_t id, uint8_t len)
{
	uint8_t *c = &s->b[s->next];

	*s->last_next = s->next;
	c[0] = id;
	c[2] = len;
	s->last_next = &c[1];
	s->next = (uint8_t)(s->next + ((len + 3) & ~3u));
	return c;
}

static void add_cap(struct space *s, uint8_t cfg_type, uint8_t bar, uint32_t offset,
		    uint32_t length, uint32_t mult)
{
	uint8_t *c = add_raw_cap(s, 0x09, cfg_type == VDISC_VIRTIO_PCI_CAP_NOTIFY ? 20 : 16);

	c[3] = cfg_type;
	c[4] = bar;
	put32(c + 8, offset);
	put32(c + 12, length);
	if (cfg_type == VDISC_VIRTIO_PCI_CAP_NOTIFY)
		put32(c + 16, mult);
}

static void modern_space(struct space *s)
{
	space_init(s, 0x1042, 0x1100);
	add_cap(s, VDISC_VIRTIO_PCI_CAP_COMMON, 4, P_COMMON, 0x38, 0);
	add_cap(s, VDISC_VIRTIO_PCI_CAP_ISR, 4, P_ISR, 1, 0);
	add_cap(s, VDISC_VIRTIO_PCI_CAP_DEVICE, 4, P_DEVICE, P_DEVICE_LEN, 0);
	add_cap(s, VDISC_VIRTIO_PCI_CAP_NOTIFY, 4, P_NOTIFY, P_NOTIFY_LEN, P_MULT);
	add_cap(s, VDISC_VIRTIO_PCI_CAP_PCI_CFG, 0, 0, 0, 0);
}

static unsigned char arena_buf[1 << 14];

/* Decode @s; BARs 0 and 4 sized as given (0: unknown, as from a dump). */
static void decode(const struct space *s, struct vdisc_pci_function *fn, uint64_t bar0_size,
		   uint64_t bar4_size)
{
	struct vdisc_arena arena;
	struct vdisc_pci_addr a = {0, 0, 4, 0};
	unsigned i;

	vdisc_arena_init(&arena, arena_buf, sizeof(arena_buf));
	assert_int_equal(vdisc_pci_decode(s->b, sizeof(s->b), a, &arena, fn), 0);
	for (i = 0; i < fn->nbars; i++) {
		uint64_t size = fn->bars[i].index == 0	 ? bar0_size
				: fn->bars[i].index == 4 ? bar4_size
							 : 0;

		fn->bars[i].size = size;
		fn->bars[i].has_size = size != 0;
	}
}

static const uint64_t bar_base[VDISC_PCI_MAX_BARS] = {IO_BASE, 0, 0, 0, BAR_BASE, 0};

struct modern {
	struct space s;
	struct vdisc_pci_function fn;
	struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_pci_transport t;
	struct vdisc_virtio_dev dev;
};

static struct modern *modern_setup(void)
{
	static struct modern m;

	memset(&m, 0, sizeof(m));
	modern_space(&m.s);
	decode(&m.s, &m.fn, IO_SIZE, BAR_SIZE);
	fake_init(&m.f, PCI, 2);
	m.f.dev_features[2] = 0xaaaa5555;
	m.f.dev_features[3] = 0x80000001;
	m.p = platform(&m.f);
	return &m;
}

/* ================= virtio-pci modern ================= */

static void test_pci_init(void **state)
{
	struct modern *m = modern_setup();

	(void)state;
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	assert_string_equal(m->dev.ops->name, "pci-modern");
	assert_int_equal(m->dev.device_type, 2);
	assert_false(m->dev.ops->legacy);
	assert_true(m->t.common == BAR_BASE + P_COMMON);
	assert_true(m->t.notify == BAR_BASE + P_NOTIFY);
	assert_true(m->t.isr == BAR_BASE + P_ISR);
	assert_true(m->t.device == BAR_BASE + P_DEVICE);
	assert_int_equal(m->t.notify_off_multiplier, P_MULT);
	assert_int_equal(m->t.num_queues, 2);
	/* num_queues, 16 bits at 0x12, is all init touches. */
	assert_int_equal(m->f.nlog, 1);
	assert_int_equal(m->f.log[0].op, 'r');
	assert_int_equal(m->f.log[0].width, 2);
	assert_true(m->f.log[0].addr == BAR_BASE + 0x12);
	assert_int_equal(m->f.violations, 0);
}

static void test_pci_features_128(void **state)
{
	struct modern *m = modern_setup();
	struct vdisc_virtio_features feat, acc = {{0x44, 0x1, 0, 0x80000000u}, 4};
	unsigned i;

	(void)state;
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	assert_int_equal(m->dev.ops->get_features(&m->dev, &feat), 0);
	assert_int_equal(feat.nwords, 4);
	assert_int_equal(feat.word[0], 0x10000244);
	assert_int_equal(feat.word[1], 0x1);
	assert_int_equal(feat.word[2], 0xaaaa5555);
	assert_int_equal(feat.word[3], 0x80000001);
	assert_true(vdisc_virtio_has(&feat, 127));
	/* select 0..3, each followed by a 32-bit read of device_feature */
	for (i = 0; i < 4; i++) {
		const struct access *sel = &m->f.log[m->f.nlog - 8 + 2 * i];

		assert_true(sel->addr == BAR_BASE + 0x00 && sel->op == 'w' && sel->value == i);
		assert_int_equal(sel->width, 4);
		assert_true(sel[1].addr == BAR_BASE + 0x04 && sel[1].op == 'r');
	}
	assert_int_equal(m->dev.ops->set_features(&m->dev, &acc), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(m->f.drv_features[i], acc.word[i]);
	/* Words the caller did not give are written as 0, not left stale. */
	m->f.drv_features[3] = 0xffffffff;
	acc.nwords = 2;
	assert_int_equal(m->dev.ops->set_features(&m->dev, &acc), 0);
	assert_int_equal(m->f.drv_features[3], 0);
	assert_int_equal(m->f.violations, 0);
}

static void test_pci_status_config(void **state)
{
	struct modern *m = modern_setup();
	const struct vdisc_virtio_transport_ops *ops;
	uint8_t status = 0;
	uint32_t gen = 0;
	uint64_t v = 0;

	(void)state;
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	ops = m->dev.ops;
	assert_int_equal(ops->set_status(&m->dev, 0x0b), 0);
	assert_write(&m->f, BAR_BASE + 0x14, 1, 0x0b);
	assert_int_equal(ops->get_status(&m->dev, &status), 0);
	assert_int_equal(status, 0x0b);
	assert_int_equal(ops->set_status(&m->dev, 0), 0);
	assert_int_equal(ops->get_status(&m->dev, &status), 0);
	assert_int_equal(status, 0);
	m->f.generation = 0x42;
	assert_int_equal(ops->config_generation(&m->dev, &gen), 0);
	assert_int_equal(gen, 0x42);
	assert_true(m->f.log[m->f.nlog - 1].addr == BAR_BASE + 0x15);
	assert_int_equal(m->f.log[m->f.nlog - 1].width, 1);

	assert_int_equal(ops->config_read(&m->dev, 0, 8, &v), 0); /* virtio-blk capacity */
	assert_int_equal(v, 0x1716151413121110ull);
	assert_true(m->f.log[m->f.nlog - 2].addr == BAR_BASE + P_DEVICE);
	assert_true(m->f.log[m->f.nlog - 1].addr == BAR_BASE + P_DEVICE + 4);
	assert_int_equal(ops->config_read(&m->dev, 0x14, 4, &v), 0);
	assert_int_equal(v, 0x27262524);
	assert_int_equal(ops->config_read(&m->dev, 0x16, 2, &v), 0);
	assert_int_equal(v, 0x2726);
	assert_int_equal(ops->config_read(&m->dev, 0xff, 1, &v), 0);
	assert_int_equal(v, 0x0f); /* (uint8_t)(0x10 + 0xff) */
	assert_int_equal(ops->config_write(&m->dev, 0x08, 4, 0xcafef00d), 0);
	assert_write(&m->f, BAR_BASE + P_DEVICE + 8, 4, 0xcafef00d);
	m->f.nlog = 0;
	assert_int_equal(ops->config_read(&m->dev, 0x100, 1, &v), -VDISC_EINVAL);
	assert_int_equal(ops->config_read(&m->dev, 0xfc, 8, &v), -VDISC_EINVAL);
	assert_int_equal(ops->config_read(&m->dev, 0x01, 2, &v), -VDISC_EINVAL);
	assert_int_equal(ops->config_write(&m->dev, 0x02, 4, 0), -VDISC_EINVAL);
	assert_int_equal(m->f.nlog, 0);
	assert_int_equal(m->f.violations, 0);
}

static void test_pci_queue(void **state)
{
	struct modern *m = modern_setup();
	const struct vdisc_virtio_transport_ops *ops;
	uint64_t desc = 0x87654000ull, avail = 0x187655000ull, used = 0x287656000ull;
	uint16_t max = 0xffff;
	unsigned before;

	(void)state;
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	ops = m->dev.ops;
	assert_int_equal(ops->queue_max(&m->dev, 0, &max), 0);
	assert_int_equal(max, 256);
	assert_write(&m->f, BAR_BASE + 0x16, 2, 0);
	assert_int_equal(ops->queue_max(&m->dev, 1, &max), 0);
	assert_int_equal(max, 0);
	/* Past num_queues (2): nothing is selected. */
	before = m->f.nlog;
	assert_int_equal(ops->queue_max(&m->dev, 2, &max), 0);
	assert_int_equal(max, 0);
	assert_int_equal(m->f.nlog, before);
	assert_int_equal(ops->queue_setup(&m->dev, 1, 64, desc, avail, used), -VDISC_ENOTFOUND);
	assert_int_equal(ops->queue_setup(&m->dev, 7, 64, desc, avail, used), -VDISC_ENOTFOUND);
	assert_int_equal(ops->queue_setup(&m->dev, 0, 100, desc, avail, used), -VDISC_EINVAL);
	assert_int_equal(ops->queue_notify(&m->dev, 0), -VDISC_EINVAL); /* not set up */

	assert_int_equal(ops->queue_setup(&m->dev, 0, 64, desc, avail, used), 0);
	assert_write(&m->f, BAR_BASE + 0x10, 2, 0xffff); /* msix_config: polled */
	assert_write(&m->f, BAR_BASE + 0x18, 2, 64);
	assert_write(&m->f, BAR_BASE + 0x1a, 2, 0xffff);
	assert_write(&m->f, BAR_BASE + 0x20, 4, 0x87654000);
	assert_write(&m->f, BAR_BASE + 0x24, 4, 0);
	assert_write(&m->f, BAR_BASE + 0x28, 4, 0x87655000);
	assert_write(&m->f, BAR_BASE + 0x2c, 4, 1);
	assert_write(&m->f, BAR_BASE + 0x30, 4, 0x87656000);
	assert_write(&m->f, BAR_BASE + 0x34, 4, 2);
	assert_write(&m->f, BAR_BASE + 0x1c, 2, 1);
	assert_true(index_of_write(&m->f, BAR_BASE + 0x1c) >
		    index_of_write(&m->f, BAR_BASE + 0x34));
	assert_true(m->f.q[0].desc == desc && m->f.q[0].driver == avail &&
		    m->f.q[0].device == used);
	assert_int_equal(m->f.q[0].num, 64);
	assert_int_equal(ops->queue_setup(&m->dev, 0, 64, desc, avail, used), -VDISC_EIO);

	/* notify_off 3 * multiplier 4: a 16-bit write of the index at +12. */
	assert_int_equal(ops->queue_notify(&m->dev, 0), 0);
	assert_write(&m->f, BAR_BASE + P_NOTIFY + 12, 2, 0);

	/* Only a reset stops a modern queue: disable says so while it runs. */
	assert_int_equal(ops->queue_disable(&m->dev, 0), -VDISC_EPERM);
	assert_int_equal(ops->queue_notify(&m->dev, 0), -VDISC_EINVAL);
	assert_int_equal(ops->set_status(&m->dev, 0), 0);
	assert_int_equal(ops->queue_disable(&m->dev, 0), 0);
	assert_int_equal(m->f.violations, 0);
}

/* A queue past the notify cache: its address is looked up at each notify. */
static void test_pci_notify_uncached(void **state)
{
	struct modern *m = modern_setup();
	const struct vdisc_virtio_transport_ops *ops;

	(void)state;
	m->f.num_queues = 12;
	m->f.q[10].max = 16;
	m->f.q[10].notify_off = 10;
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	ops = m->dev.ops;
	assert_int_equal(ops->queue_notify(&m->dev, 10), -VDISC_EINVAL); /* not enabled */
	assert_int_equal(ops->queue_setup(&m->dev, 10, 16, 0x1000, 0x2000, 0x3000), 0);
	assert_int_equal(ops->queue_notify(&m->dev, 10), 0);
	assert_write(&m->f, BAR_BASE + P_NOTIFY + 40, 2, 10);
	assert_int_equal(ops->queue_notify(&m->dev, 12), -VDISC_EINVAL);
	assert_int_equal(m->f.violations, 0);
}

/* A device whose queue_notify_off * multiplier points past its notify structure. */
static void test_pci_notify_outside(void **state)
{
	struct modern *m = modern_setup();

	(void)state;
	m->f.q[0].notify_off = P_NOTIFY_LEN / P_MULT; /* exactly at the end */
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	assert_int_equal(m->dev.ops->queue_setup(&m->dev, 0, 64, 0x1000, 0x2000, 0x3000),
			 -VDISC_EIO);
	assert_null(last_write(&m->f, BAR_BASE + 0x1c)); /* never enabled */
	assert_null(last_write(&m->f, BAR_BASE + 0x20));
	m->f.q[0].notify_off = P_NOTIFY_LEN / P_MULT - 1; /* the last slot fits */
	assert_int_equal(m->dev.ops->queue_setup(&m->dev, 0, 64, 0x1000, 0x2000, 0x3000), 0);
	assert_int_equal(m->f.violations, 0);
}

/* Build a modern space with one capability replaced, and try to init over it. */
static int init_with(uint8_t common_bar, uint32_t common_off, uint32_t common_len,
		     uint32_t notify_off, uint32_t mult, uint64_t bar4_size, const uint64_t *bases)
{
	struct modern *m = modern_setup();

	space_init(&m->s, 0x1042, 0);
	add_cap(&m->s, VDISC_VIRTIO_PCI_CAP_COMMON, common_bar, common_off, common_len, 0);
	add_cap(&m->s, VDISC_VIRTIO_PCI_CAP_NOTIFY, 4, notify_off, 0x100, mult);
	add_cap(&m->s, VDISC_VIRTIO_PCI_CAP_DEVICE, 4, P_DEVICE, P_DEVICE_LEN, 0);
	decode(&m->s, &m->fn, IO_SIZE, bar4_size);
	m->t.num_queues = 0x5a5a;
	return vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bases, &m->dev) |
	       (int)m->f.nlog; /* a refusal touches nothing */
}

static void test_pci_hostile_caps(void **state)
{
	static const uint64_t no_bar4[VDISC_PCI_MAX_BARS] = {IO_BASE, 0, 0, 0, 0, 0};

	(void)state;
	assert_int_equal(init_with(4, 0, 0x38, P_NOTIFY, 4, BAR_SIZE, bar_base),
			 1); /* ok: 1 read */
	/* The common structure running past the end of BAR 4. */
	assert_int_equal(init_with(4, BAR_SIZE - 0x20, 0x38, P_NOTIFY, 4, BAR_SIZE, bar_base),
			 -VDISC_EINVAL);
	/* ... in BAR 2, which does not exist; in the upper half of the 64-bit BAR 4. */
	assert_int_equal(init_with(2, 0, 0x38, P_NOTIFY, 4, BAR_SIZE, bar_base), -VDISC_EINVAL);
	assert_int_equal(init_with(5, 0, 0x38, P_NOTIFY, 4, BAR_SIZE, bar_base), -VDISC_EINVAL);
	/* The notify structure outside the BAR. */
	assert_int_equal(init_with(4, 0, 0x38, BAR_SIZE - 0x80, 4, BAR_SIZE, bar_base),
			 -VDISC_EINVAL);
	/* A BAR whose size is unknown cannot bound anything. */
	assert_int_equal(init_with(4, 0, 0x38, P_NOTIFY, 4, 0, bar_base), -VDISC_EINVAL);
	/* A BAR the caller did not assign. */
	assert_int_equal(init_with(4, 0, 0x38, P_NOTIFY, 4, BAR_SIZE, no_bar4), -VDISC_EINVAL);
	/* Too short for the fields we use; misaligned; a bad multiplier. */
	assert_int_equal(init_with(4, 0, 0x30, P_NOTIFY, 4, BAR_SIZE, bar_base), -VDISC_EINVAL);
	assert_int_equal(init_with(4, 2, 0x38, P_NOTIFY, 4, BAR_SIZE, bar_base), -VDISC_EINVAL);
	assert_int_equal(init_with(4, 0, 0x38, P_NOTIFY + 1, 4, BAR_SIZE, bar_base), -VDISC_EINVAL);
	assert_int_equal(init_with(4, 0, 0x38, P_NOTIFY, 3, BAR_SIZE, bar_base), -VDISC_EINVAL);
	assert_int_equal(init_with(4, 0, 0x38, P_NOTIFY, 1, BAR_SIZE, bar_base), -VDISC_EINVAL);
	assert_int_equal(init_with(4, 0, 0x38, P_NOTIFY, 0, BAR_SIZE, bar_base), 1);
	/* A reserved bar value is ignored (4.1.4.1): then there is no common structure. */
	assert_int_equal(init_with(7, 0, 0x38, P_NOTIFY, 4, BAR_SIZE, bar_base), -VDISC_ENOTSUP);
	/* The I/O BAR 0 cannot carry it either. */
	assert_int_equal(init_with(0, 0, 0x38, P_NOTIFY, 4, BAR_SIZE, bar_base), -VDISC_ENOTSUP);
}

static void test_pci_pick_and_kinds(void **state)
{
	struct modern *m = modern_setup();

	(void)state;
	/* The first usable one wins: a reserved-bar common first, then a good one. */
	space_init(&m->s, 0x1042, 0);
	add_cap(&m->s, VDISC_VIRTIO_PCI_CAP_COMMON, 6, 0x100, 0x38, 0);
	add_cap(&m->s, VDISC_VIRTIO_PCI_CAP_COMMON, 4, 0x200, 0x38, 0);
	add_cap(&m->s, VDISC_VIRTIO_PCI_CAP_COMMON, 4, 0x300, 0x38, 0);
	add_cap(&m->s, VDISC_VIRTIO_PCI_CAP_NOTIFY, 4, P_NOTIFY, P_NOTIFY_LEN, 0);
	decode(&m->s, &m->fn, IO_SIZE, BAR_SIZE);
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	assert_true(m->t.common == BAR_BASE + 0x200);
	assert_true(m->t.device == 0 && m->t.isr == 0);
	{
		uint64_t v;

		assert_int_equal(m->dev.ops->config_read(&m->dev, 0, 1, &v), -VDISC_ENOTFOUND);
	}

	/* A transitional function with the capabilities is driven the modern way. */
	modern_space(&m->s);
	put16(m->s.b + 2, 0x1001);
	put16(m->s.b + 0x2e, 2);
	decode(&m->s, &m->fn, IO_SIZE, BAR_SIZE);
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	assert_int_equal(m->dev.device_type, 2);

	/* Legacy-only, and not virtio at all. */
	space_init(&m->s, 0x1001, 2);
	decode(&m->s, &m->fn, IO_SIZE, BAR_SIZE);
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 -VDISC_ENOTSUP);
	modern_space(&m->s);
	put16(m->s.b, 0x8086);
	decode(&m->s, &m->fn, IO_SIZE, BAR_SIZE);
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, NULL, &m->dev),
			 -VDISC_EINVAL);
	m->p.mmio_write8 = NULL;
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 -VDISC_ENOTSUP);
}

/* ================= virtio-pci legacy ================= */

struct legacy {
	struct space s;
	struct vdisc_pci_function fn;
	struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_pci_legacy_transport t;
	struct vdisc_virtio_dev dev;
};

static struct legacy *legacy_setup(bool msix)
{
	static struct legacy l;

	memset(&l, 0, sizeof(l));
	space_init(&l.s, 0x1001, 2);
	if (msix) {
		uint8_t *c = add_raw_cap(&l.s, 0x11, 12);

		put16(c + 2, 0x8000 | 1); /* enabled, 2 vectors */
		put32(c + 4, 1);	  /* table in BAR 1 */
		put32(c + 8, 0x801);
	} else {
		put16(l.s.b + 6, 0); /* no capability list */
	}
	decode(&l.s, &l.fn, IO_SIZE, 0);
	fake_init(&l.f, LEGACY, 1);
	l.f.legacy_msix = msix;
	l.p = platform(&l.f);
	return &l;
}

static void test_legacy_ops(void **state)
{
	struct legacy *l = legacy_setup(false);
	const struct vdisc_virtio_transport_ops *ops;
	struct vdisc_virtio_features feat, acc = {{0x204, 0, 0, 0}, 4};
	uint64_t desc = 0x7000, avail, used, v = 0;
	uint32_t gen = 1, native = 0;
	uint16_t max = 0;
	uint8_t status = 0;

	(void)state;
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev), 0);
	ops = l->dev.ops;
	assert_string_equal(ops->name, "pci-legacy");
	assert_true(ops->legacy);
	assert_int_equal(ops->legacy_align, 4096);
	assert_int_equal(l->dev.device_type, 2); /* from the subsystem id */
	assert_int_equal(l->t.config_offset, 0x14);
	assert_int_equal(l->t.config_size, IO_SIZE - 0x14);
	assert_int_equal(l->f.nlog, 0);

	assert_int_equal(ops->get_features(&l->dev, &feat), 0);
	assert_int_equal(feat.nwords, 1);
	assert_int_equal(feat.word[0], 0x10000244);
	assert_int_equal(ops->set_features(&l->dev, &acc), 0);
	assert_write(&l->f, IO_BASE + 0x04, 4, 0x204);
	acc.word[1] = 1;
	assert_int_equal(ops->set_features(&l->dev, &acc), -VDISC_EINVAL);

	assert_int_equal(ops->set_status(&l->dev, 0x07), 0);
	assert_write(&l->f, IO_BASE + 0x12, 1, 0x07);
	assert_int_equal(ops->get_status(&l->dev, &status), 0);
	assert_int_equal(status, 0x07);
	assert_int_equal(ops->config_generation(&l->dev, &gen), 0);
	assert_int_equal(gen, 0);

	assert_int_equal(ops->queue_max(&l->dev, 0, &max), 0);
	assert_int_equal(max, 256);
	assert_write(&l->f, IO_BASE + 0x0e, 2, 0);
	assert_int_equal(ops->queue_max(&l->dev, 1, &max), 0);
	assert_int_equal(max, 0);
	legacy_ring(256, desc, &avail, &used);
	assert_int_equal(ops->queue_setup(&l->dev, 1, 256, desc, avail, used), -VDISC_ENOTFOUND);
	legacy_ring(128, desc, &avail, &used);
	/* No size negotiation in the legacy interface: the device's own or nothing. */
	assert_int_equal(ops->queue_setup(&l->dev, 0, 128, desc, avail, used), -VDISC_EINVAL);
	legacy_ring(256, desc, &avail, &used);
	assert_int_equal(ops->queue_setup(&l->dev, 0, 256, desc, avail - 16, used), -VDISC_EINVAL);
	assert_int_equal(ops->queue_setup(&l->dev, 0, 256, desc, avail, used), 0);
	assert_write(&l->f, IO_BASE + 0x08, 4, 7);
	assert_int_equal(l->f.q[0].pfn, 7);
	assert_int_equal(ops->queue_setup(&l->dev, 0, 256, desc, avail, used), -VDISC_EIO);
	assert_int_equal(ops->queue_notify(&l->dev, 0), 0);
	assert_write(&l->f, IO_BASE + 0x10, 2, 0);
	assert_int_equal(ops->queue_disable(&l->dev, 0), 0);
	assert_write(&l->f, IO_BASE + 0x08, 4, 0);
	assert_int_equal(l->f.q[0].pfn, 0);

	l->f.nlog = 0;
	assert_int_equal(ops->config_read(&l->dev, 0, 8, &v), 0);
	assert_int_equal(l->f.nlog, 8);
	assert_int_equal(l->f.log[0].addr, IO_BASE + 0x14);
	assert_int_equal(l->f.log[0].width, 1);
	assert_int_equal(v, 0x1716151413121110ull); /* little-endian host */
	assert_int_equal(ops->config_read(&l->dev, 0x15, 4, &v), 0);
	memcpy(&native, &l->f.config[0x15], 4);
	assert_int_equal(v, native);
	assert_int_equal(ops->config_write(&l->dev, 0x20, 2, 0xabcd), 0);
	assert_int_equal(ops->config_read(&l->dev, 0x20, 2, &v), 0);
	assert_int_equal(v, 0xabcd);
	assert_int_equal(ops->config_read(&l->dev, IO_SIZE - 0x14 - 1, 2, &v), -VDISC_EINVAL);
	assert_int_equal(ops->set_status(&l->dev, 0), 0);
	assert_int_equal(ops->get_status(&l->dev, &status), 0);
	assert_int_equal(status, 0);
	assert_int_equal(l->f.violations, 0);
}

static void test_legacy_msix_and_errors(void **state)
{
	struct legacy *l = legacy_setup(true);
	uint64_t v = 0;
	uint8_t status = 0xee;

	(void)state;
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev), 0);
	assert_int_equal(l->t.config_offset, 0x18);
	assert_int_equal(l->dev.ops->config_read(&l->dev, 0, 1, &v), 0);
	assert_int_equal(l->f.log[0].addr, IO_BASE + 0x18);
	assert_int_equal(v, 0x10);
	/* A port access that fails is reported, not hidden. */
	l->f.pio_error = -VDISC_EIO;
	assert_int_equal(l->dev.ops->get_status(&l->dev, &status), -VDISC_EIO);
	assert_int_equal(l->dev.ops->set_status(&l->dev, 1), -VDISC_EIO);
	assert_int_equal(l->dev.ops->config_read(&l->dev, 0, 4, &v), -VDISC_EIO);
	assert_int_equal(l->dev.ops->queue_notify(&l->dev, 0), -VDISC_EIO);
	assert_int_equal(l->f.violations, 0);
}

static void test_legacy_hostile(void **state)
{
	struct legacy *l = legacy_setup(false);

	(void)state;
	/* BAR 0's size unknown (a dump), or too small for the header. */
	decode(&l->s, &l->fn, 0, 0);
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev),
		-VDISC_EINVAL);
	decode(&l->s, &l->fn, 0x10, 0);
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev),
		-VDISC_EINVAL);
	/* Past the end of port space, or no port at all. */
	decode(&l->s, &l->fn, IO_SIZE, 0);
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, 0xffe0, &l->dev),
		-VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, 0, &l->dev),
			 -VDISC_EINVAL);
	/* BAR 0 a memory BAR. */
	put32(l->s.b + 0x10, 0xfebf0000);
	decode(&l->s, &l->fn, IO_SIZE, 0);
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev),
		-VDISC_EINVAL);
	/* A modern-only function has no legacy header. */
	space_init(&l->s, 0x1042, 0);
	decode(&l->s, &l->fn, IO_SIZE, 0);
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev),
		-VDISC_ENOTSUP);
	space_init(&l->s, 0x1001, 2);
	put16(l->s.b, 0x10ec);
	decode(&l->s, &l->fn, IO_SIZE, 0);
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev),
		-VDISC_ENOTFOUND);
	l->p.pio_write = NULL;
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev),
		-VDISC_ENOTSUP);
	assert_int_equal(l->f.nlog, 0);
}

/* ================= interrupts: the ISR, MSI-X vectors ================= */

/* virtio-mmio: InterruptStatus read, the same bits written to InterruptACK. */
static void test_isr_mmio(void **state)
{
	static struct fake f;
	struct vdisc_platform p;
	struct vdisc_virtio_mmio_transport t;
	struct vdisc_virtio_dev dev;
	uint32_t version;
	uint8_t isr = 0;

	(void)state;
	for (version = 1; version <= 2; version++) {
		fake_init(&f, MMIO, version);
		p = platform(&f);
		assert_int_equal(vdisc_virtio_mmio_transport_init(&t, &p, MMIO_BASE, &dev), 0);
		f.isr = VDISC_VIRTIO_ISR_QUEUE | VDISC_VIRTIO_ISR_CONFIG;
		f.nlog = 0;
		assert_int_equal(dev.ops->isr_ack(&dev, &isr), 0);
		assert_int_equal(isr, 3);
		assert_int_equal(f.isr, 0);
		assert_int_equal(f.nlog, 2);
		assert_true(f.log[0].op == 'r' && f.log[0].addr == MMIO_BASE + 0x60);
		assert_write(&f, MMIO_BASE + 0x64, 4, 3);
		/* nothing pending: nothing acknowledged */
		f.nlog = 0;
		assert_int_equal(dev.ops->isr_ack(&dev, &isr), 0);
		assert_int_equal(isr, 0);
		assert_int_equal(f.nlog, 1);
		assert_int_equal(f.violations, 0);
	}
}

/* virtio-pci modern: one byte read at the ISR structure, which clears it. */
static void test_isr_pci(void **state)
{
	struct modern *m = modern_setup();
	uint8_t isr = 0;

	(void)state;
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	m->f.isr = VDISC_VIRTIO_ISR_CONFIG;
	m->f.nlog = 0;
	assert_int_equal(m->dev.ops->isr_ack(&m->dev, &isr), 0);
	assert_int_equal(isr, VDISC_VIRTIO_ISR_CONFIG);
	assert_int_equal(m->f.isr, 0);
	assert_int_equal(m->f.nlog, 1);
	assert_int_equal(m->f.log[0].width, 1);
	assert_true(m->f.log[0].addr == BAR_BASE + P_ISR);
	/* a function without an ISR structure has no wired-line status to give */
	m->t.isr = 0;
	assert_int_equal(m->dev.ops->isr_ack(&m->dev, &isr), -VDISC_ENOTSUP);
	assert_int_equal(m->f.violations, 0);
}

/* legacy virtio-pci: the ISR port at 0x13. */
static void test_isr_legacy(void **state)
{
	struct legacy *l = legacy_setup(false);
	uint8_t isr = 0;

	(void)state;
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev), 0);
	l->f.isr = VDISC_VIRTIO_ISR_QUEUE;
	assert_int_equal(l->dev.ops->isr_ack(&l->dev, &isr), 0);
	assert_int_equal(isr, VDISC_VIRTIO_ISR_QUEUE);
	assert_int_equal(l->f.isr, 0);
	assert_int_equal(l->f.log[l->f.nlog - 1].addr, IO_BASE + 0x13);
	l->f.pio_error = -VDISC_EIO;
	assert_int_equal(l->dev.ops->isr_ack(&l->dev, &isr), -VDISC_EIO);
	assert_int_equal(l->f.violations, 0);
}

/* Modern: the embedder's vectors, before queue_enable, read back; a refusal is an error. */
static void test_pci_vectors(void **state)
{
	struct modern *m = modern_setup();
	const struct vdisc_virtio_transport_ops *ops;
	uint64_t desc = 0x87654000ull, avail = 0x87655000ull, used = 0x87656000ull;

	(void)state;
	assert_int_equal(vdisc_virtio_pci_transport_init(&m->t, &m->p, &m->fn, bar_base, &m->dev),
			 0);
	ops = m->dev.ops;
	assert_int_equal(m->dev.config_vector, VDISC_VIRTIO_MSI_NO_VECTOR);
	assert_int_equal(m->dev.queue_vector, VDISC_VIRTIO_MSI_NO_VECTOR);
	m->dev.config_vector = 0;
	m->dev.queue_vector = 1;
	assert_int_equal(ops->queue_setup(&m->dev, 0, 64, desc, avail, used), 0);
	assert_write(&m->f, BAR_BASE + 0x10, 2, 0);
	assert_write(&m->f, BAR_BASE + 0x1a, 2, 1);
	assert_int_equal(m->f.msix_config, 0);
	assert_int_equal(m->f.q[0].msix, 1);
	assert_true(index_of_write(&m->f, BAR_BASE + 0x1a) <
		    index_of_write(&m->f, BAR_BASE + 0x1c));
	/* a device with room for one vector: queue 0's vector 1 comes back NO_VECTOR */
	assert_int_equal(ops->set_status(&m->dev, 0), 0);
	assert_int_equal(ops->queue_disable(&m->dev, 0), 0);
	m->f.nvectors = 1;
	m->f.nlog = 0;
	assert_int_equal(ops->queue_setup(&m->dev, 0, 64, desc, avail, used), -VDISC_EIO);
	assert_int_equal(index_of_write(&m->f, BAR_BASE + 0x1c), -1); /* never enabled */
	assert_int_equal(m->f.q[0].ready, 0);
	/* ... and the configuration vector likewise */
	m->dev.config_vector = 5;
	m->dev.queue_vector = 0;
	assert_int_equal(ops->queue_setup(&m->dev, 0, 64, desc, avail, used), -VDISC_EIO);
	m->dev.config_vector = VDISC_VIRTIO_MSI_NO_VECTOR;
	assert_int_equal(ops->queue_setup(&m->dev, 0, 64, desc, avail, used), 0);
	assert_int_equal(m->f.q[0].msix, 0);
	assert_int_equal(m->f.violations, 0);
}

/* A configuration access whose Message Control the test sets: the live MSI-X state. */
static uint16_t live_mc;
static unsigned live_reads;

static int live_read(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned w, uint32_t *v)
{
	(void)ctx, (void)a;
	live_reads++;
	assert_int_equal(w, 2);
	*v = off == 0x42 ? live_mc : 0xffff; /* the capability is at 0x40 */
	return off == 0x42 ? 0 : -VDISC_EIO;
}

/* Legacy: MSI-X enabled after the snapshot moves the configuration; vectors at 0x14/0x16. */
static void test_legacy_vectors_live(void **state)
{
	struct legacy *l = legacy_setup(true);
	struct vdisc_pci_ops live = {.name = "live", .read = live_read};
	uint64_t desc = 0x7000, avail, used, v = 0;

	(void)state;
	/* the snapshot shows MSI-X disabled this time */
	put16(l->s.b + 0x42, 1);
	assert_int_equal(
		vdisc_virtio_pci_legacy_transport_init(&l->t, &l->p, &l->fn, IO_BASE, &l->dev), 0);
	assert_int_equal(l->t.config_offset, 0x14);
	assert_int_equal(l->t.msix_cap, 0x40);
	assert_int_equal(l->dev.config_vector, VDISC_VIRTIO_MSI_NO_VECTOR);
	l->t.pci_ops = &live;
	live_mc = 1; /* still disabled */
	l->f.legacy_msix = false;
	assert_int_equal(l->dev.ops->config_read(&l->dev, 0, 1, &v), 0);
	assert_int_equal(l->f.log[l->f.nlog - 1].addr, IO_BASE + 0x14);
	/* a real vector while MSI-X is off: the registers do not exist */
	l->dev.config_vector = 0;
	l->dev.queue_vector = 1;
	legacy_ring(256, desc, &avail, &used);
	assert_int_equal(l->dev.ops->queue_setup(&l->dev, 0, 256, desc, avail, used),
			 -VDISC_EINVAL);
	assert_int_equal(l->f.q[0].pfn, 0);
	/* the embedder enables MSI-X: the configuration is at 0x18 now */
	live_mc = 0x8001;
	l->f.legacy_msix = true;
	assert_int_equal(l->dev.ops->config_read(&l->dev, 0, 1, &v), 0);
	assert_int_equal(l->f.log[l->f.nlog - 1].addr, IO_BASE + 0x18);
	assert_int_equal(v, 0x10);
	assert_int_equal(l->dev.ops->config_read(&l->dev, IO_SIZE - 0x18 - 1, 2, &v),
			 -VDISC_EINVAL);
	assert_int_equal(l->dev.ops->queue_setup(&l->dev, 0, 256, desc, avail, used), 0);
	assert_write(&l->f, IO_BASE + 0x14, 2, 0);
	assert_write(&l->f, IO_BASE + 0x16, 2, 1);
	assert_int_equal(l->f.q[0].msix, 1);
	assert_true(index_of_write(&l->f, IO_BASE + 0x16) < index_of_write(&l->f, IO_BASE + 0x08));
	/* refused: NO_VECTOR read back */
	assert_int_equal(l->dev.ops->queue_disable(&l->dev, 0), 0);
	l->f.nvectors = 1;
	assert_int_equal(l->dev.ops->queue_setup(&l->dev, 0, 256, desc, avail, used), -VDISC_EIO);
	assert_int_equal(l->f.q[0].pfn, 0);
	/* a failing configuration read is reported */
	l->t.msix_cap = 0x44;
	assert_int_equal(l->dev.ops->config_read(&l->dev, 0, 1, &v), -VDISC_EIO);
	assert_true(live_reads > 0);
	assert_int_equal(l->f.violations, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mmio_v2_init_status),
		cmocka_unit_test(test_mmio_v2_features),
		cmocka_unit_test(test_mmio_v2_queue),
		cmocka_unit_test(test_mmio_v2_config),
		cmocka_unit_test(test_mmio_v1),
		cmocka_unit_test(test_mmio_hostile),
		cmocka_unit_test(test_legacy_pfn),
		cmocka_unit_test(test_pci_init),
		cmocka_unit_test(test_pci_features_128),
		cmocka_unit_test(test_pci_status_config),
		cmocka_unit_test(test_pci_queue),
		cmocka_unit_test(test_pci_notify_uncached),
		cmocka_unit_test(test_pci_notify_outside),
		cmocka_unit_test(test_pci_hostile_caps),
		cmocka_unit_test(test_pci_pick_and_kinds),
		cmocka_unit_test(test_legacy_ops),
		cmocka_unit_test(test_legacy_msix_and_errors),
		cmocka_unit_test(test_legacy_hostile),
		cmocka_unit_test(test_isr_mmio),
		cmocka_unit_test(test_isr_pci),
		cmocka_unit_test(test_isr_legacy),
		cmocka_unit_test(test_pci_vectors),
		cmocka_unit_test(test_legacy_vectors_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
