/* SPDX-License-Identifier: MIT */
/*
 * vdisc_virtio_config_decode() over a fake device configuration: a byte
 * array read little-endian, that also logs writes and plays virtio-input's
 * select/subsel window.  The fake holds the decoder to the transports'
 * rules (4.1.3.1, 4.2.2.2): every access naturally aligned, 1, 2 or 4
 * bytes wide, and never past ops->size; anything else is counted in
 * bad_accesses, which every test expects to stay 0.
 *
 * Expected fields are written out by hand from the spec's layouts.  Where
 * the kernel's uapi headers <linux/virtio_*.h> are installed, a second
 * test holds every field's offset and width against their structs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vdisc/error.h>
#include <vdisc/virtio.h>

#define SPACE_ 256
#define MAX_FIELDS_ 64
#define MAX_WRITES_ 32
#define NO_FAIL_ (-1)

enum {
	ID_NET_ = 1,
	ID_BLOCK_ = 2,
	ID_CONSOLE_ = 3,
	ID_ENTROPY_ = 4,
	ID_BALLOON_ = 5,
	ID_SCSI_ = 8,
	ID_9P_ = 9,
	ID_GPU_ = 16,
	ID_RTC_ = 17,
	ID_INPUT_ = 18,
	ID_VSOCK_ = 19,
	ID_CRYPTO_ = 20,
	ID_IOMMU_ = 23,
	ID_MEM_ = 24,
	ID_SOUND_ = 25,
	ID_FS_ = 26,
	ID_PMEM_ = 27,
	ID_RPMB_ = 28,
	ID_SCMI_ = 32,
	ID_I2C_ = 34,
	ID_CAN_ = 36,
	ID_GPIO_ = 41,
	ID_SPI_ = 45,
	ID_MEDIA_ = 48,
};

struct fake_write {
	uint16_t offset;
	unsigned width;
	uint64_t value;
};

/* One virtio-input answer: what u holds and what size says for a select (subsel 0). */
struct fake_input_entry {
	uint8_t select;
	uint8_t size; /* may exceed 128, as a hostile device's would */
	const void *data;
	size_t len;
};

struct fake_cfg {
	uint8_t space[SPACE_];
	uint16_t size;	 /* ops.size: 0 means unknown, the whole space is there */
	int fail_at;	 /* a read touching this offset fails with -VDISC_EIO */
	bool dirty_high; /* reads set every bit above the width asked for */
	unsigned bad_accesses, reads;
	struct fake_write writes[MAX_WRITES_];
	unsigned nwrites;
	const struct fake_input_entry *input; /* non-NULL: play virtio-input */
	size_t ninput;
};

struct collected {
	struct vdisc_virtio_field f[MAX_FIELDS_];
	unsigned n;
	unsigned stop_after; /* non-zero: visit returns 42 on that field */
};

static unsigned fake_limit(const struct fake_cfg *c)
{
	return c->size ? c->size : SPACE_;
}

static bool fake_access_ok(const struct fake_cfg *c, uint16_t offset, unsigned width)
{
	return (width == 1 || width == 2 || width == 4) && offset % width == 0 &&
	       offset + width <= fake_limit(c);
}

static int fake_read(void *ctx, uint16_t offset, unsigned width, uint64_t *value)
{
	struct fake_cfg *c = ctx;
	uint64_t v = 0;
	unsigned i;

	c->reads++;
	if (!fake_access_ok(c, offset, width)) {
		c->bad_accesses++;
		return -VDISC_EIO;
	}
	if (c->fail_at >= offset && c->fail_at < offset + (int)width)
		return -VDISC_EIO;
	for (i = 0; i < width; i++)
		v |= (uint64_t)c->space[offset + i] << (8 * i);
	if (c->dirty_high)
		v |= ~UINT64_C(0) << (8 * width);
	*value = v;
	return 0;
}

/* virtio-input: a write to select or subsel changes what size and u show. */
static void fake_input_update(struct fake_cfg *c)
{
	size_t i;

	memset(c->space + 2, 0, SPACE_ - 2);
	for (i = 0; i < c->ninput && c->space[1] == 0; i++) {
		if (c->input[i].select != c->space[0])
			continue;
		c->space[2] = c->input[i].size;
		memcpy(c->space + 8, c->input[i].data, c->input[i].len);
	}
}

static int fake_write(void *ctx, uint16_t offset, unsigned width, uint64_t value)
{
	struct fake_cfg *c = ctx;
	unsigned i;

	if (!fake_access_ok(c, offset, width) || c->nwrites == MAX_WRITES_) {
		c->bad_accesses++;
		return -VDISC_EIO;
	}
	c->writes[c->nwrites].offset = offset;
	c->writes[c->nwrites].width = width;
	c->writes[c->nwrites++].value = value;
	for (i = 0; i < width; i++)
		c->space[offset + i] = (uint8_t)(value >> (8 * i));
	if (c->input)
		fake_input_update(c);
	return 0;
}

static void fake_init(struct fake_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->fail_at = NO_FAIL_;
}

static void fake_ops(struct fake_cfg *c, struct vdisc_virtio_config_ops *ops)
{
	ops->read = fake_read;
	ops->write = fake_write;
	ops->ctx = c;
	ops->size = c->size;
}

static void put(struct fake_cfg *c, unsigned offset, unsigned width, uint64_t value)
{
	unsigned i;

	for (i = 0; i < width; i++)
		c->space[offset + i] = (uint8_t)(value >> (8 * i));
}

static int collect(void *arg, const struct vdisc_virtio_field *field)
{
	struct collected *col = arg;

	assert_true(col->n < MAX_FIELDS_);
	col->f[col->n++] = *field;
	return col->stop_after && col->n == col->stop_after ? 42 : 0;
}

static struct vdisc_virtio_features features_all(void)
{
	struct vdisc_virtio_features f = {{~0u, ~0u, ~0u, ~0u}, VDISC_VIRTIO_FEATURE_WORDS};
	return f;
}

static struct vdisc_virtio_features features_of(const unsigned *bits, size_t n)
{
	struct vdisc_virtio_features f = {{0}, VDISC_VIRTIO_FEATURE_WORDS};
	size_t i;

	for (i = 0; i < n; i++)
		f.word[bits[i] / 32] |= 1u << (bits[i] % 32);
	return f;
}

static int decode(uint32_t type, const struct vdisc_virtio_features *offered, struct fake_cfg *c,
		  struct collected *col)
{
	struct vdisc_virtio_config_ops ops;

	fake_ops(c, &ops);
	col->n = 0;
	return vdisc_virtio_config_decode(type, offered, &ops, collect, col);
}

/* An expected field; str is the bytes of a BYTES or STRING field. */
struct want {
	const char *name;
	uint16_t offset;
	uint8_t width;
	uint64_t value;
	enum vdisc_virtio_field_kind kind;
	const char *str;
	uint16_t len;
};

#define WU(name, off, width, value)                                               \
	{                                                                         \
		(name), (off), (width), (value), VDISC_VIRTIO_FIELD_UINT, NULL, 0 \
	}
#define WS(name, off, str, len)                                              \
	{                                                                    \
		(name), (off), 0, 0, VDISC_VIRTIO_FIELD_STRING, (str), (len) \
	}
#define WB(name, off, str, len)                                             \
	{                                                                   \
		(name), (off), 0, 0, VDISC_VIRTIO_FIELD_BYTES, (str), (len) \
	}

static void check_fields(const struct collected *col, const struct want *w, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < col->n; i++) {
		const struct vdisc_virtio_field *f = &col->f[i];

		assert_string_equal(f->name, w[i].name);
		assert_int_equal(f->kind, w[i].kind);
		assert_int_equal(f->offset, w[i].offset);
		if (w[i].kind == VDISC_VIRTIO_FIELD_UINT) {
			assert_int_equal(f->width, w[i].width);
			assert_int_equal(f->value, w[i].value);
		} else {
			assert_int_equal(f->len, w[i].len);
			assert_memory_equal(f->bytes, w[i].str, w[i].len);
		}
	}
	assert_int_equal(col->n, n);
}

static bool has_field(const struct collected *col, const char *name)
{
	unsigned i;

	for (i = 0; i < col->n; i++)
		if (strcmp(col->f[i].name, name) == 0)
			return true;
	return false;
}

/* ---- block ---- */

static void blk_fill(struct fake_cfg *c)
{
	memset(c->space, 0xee, SPACE_); /* padding and unused bytes must never show */
	put(c, 0, 8, UINT64_C(0x100000800));
	put(c, 8, 4, 0x10000);
	put(c, 12, 4, 254);
	put(c, 16, 2, 16383);
	put(c, 18, 1, 16);
	put(c, 19, 1, 63);
	put(c, 20, 4, 512);
	put(c, 24, 1, 3);
	put(c, 25, 1, 1);
	put(c, 26, 2, 8);
	put(c, 28, 4, 0x100);
	put(c, 32, 1, 1);
	put(c, 34, 2, 4);
	put(c, 36, 4, 0x3fffff);
	put(c, 40, 4, 1);
	put(c, 44, 4, 8);
	put(c, 48, 4, 0x3ffffe);
	put(c, 52, 4, 2);
	put(c, 56, 1, 1);
	put(c, 60, 4, 0x1000);
	put(c, 64, 4, 3);
	put(c, 68, 4, 16);
	put(c, 72, 4, 0x80000);
	put(c, 76, 4, 14);
	put(c, 80, 4, 28);
	put(c, 84, 4, 0x500);
	put(c, 88, 4, 4096);
	put(c, 92, 1, 1);
}

static const struct want blk_all_[] = {
	WU("capacity", 0, 8, UINT64_C(0x100000800)),
	WU("size_max", 8, 4, 0x10000),
	WU("seg_max", 12, 4, 254),
	WU("geometry.cylinders", 16, 2, 16383),
	WU("geometry.heads", 18, 1, 16),
	WU("geometry.sectors", 19, 1, 63),
	WU("blk_size", 20, 4, 512),
	WU("topology.physical_block_exp", 24, 1, 3),
	WU("topology.alignment_offset", 25, 1, 1),
	WU("topology.min_io_size", 26, 2, 8),
	WU("topology.opt_io_size", 28, 4, 0x100),
	WU("writeback", 32, 1, 1),
	WU("num_queues", 34, 2, 4),
	WU("max_discard_sectors", 36, 4, 0x3fffff),
	WU("max_discard_seg", 40, 4, 1),
	WU("discard_sector_alignment", 44, 4, 8),
	WU("max_write_zeroes_sectors", 48, 4, 0x3ffffe),
	WU("max_write_zeroes_seg", 52, 4, 2),
	WU("write_zeroes_may_unmap", 56, 1, 1),
	WU("max_secure_erase_sectors", 60, 4, 0x1000),
	WU("max_secure_erase_seg", 64, 4, 3),
	WU("secure_erase_sector_alignment", 68, 4, 16),
	WU("zoned.zone_sectors", 72, 4, 0x80000),
	WU("zoned.max_open_zones", 76, 4, 14),
	WU("zoned.max_active_zones", 80, 4, 28),
	WU("zoned.max_append_sectors", 84, 4, 0x500),
	WU("zoned.write_granularity", 88, 4, 4096),
	WU("zoned.model", 92, 1, 1),
};

static void test_blk_all(void **state)
{
	struct vdisc_virtio_features all = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	blk_fill(&c);
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), 0);
	check_fields(&col, blk_all_, sizeof(blk_all_) / sizeof(blk_all_[0]));
	assert_int_equal(c.bad_accesses, 0);
	assert_int_equal(c.nwrites, 0);
	/* capacity as two 32-bit halves, then one read per other field */
	assert_int_equal(c.reads, 1 + sizeof(blk_all_) / sizeof(blk_all_[0]));
}

/* Each feature alone brings capacity and its own group, nothing else. */
static void test_blk_gating(void **state)
{
	static const struct {
		unsigned bit;
		const char *first;
		unsigned count;
	} groups[] = {
		{1, "size_max", 1},
		{2, "seg_max", 1},
		{4, "geometry.cylinders", 3},
		{6, "blk_size", 1},
		{10, "topology.physical_block_exp", 4},
		{11, "writeback", 1},
		{12, "num_queues", 1},
		{13, "max_discard_sectors", 3},
		{14, "max_write_zeroes_sectors", 3},
		{16, "max_secure_erase_sectors", 3},
		{17, "zoned.zone_sectors", 6},
		/* bits that gate nothing in the layout */
		{5, NULL, 0},
		{9, NULL, 0},
		{15, NULL, 0},
	};
	struct fake_cfg c;
	struct collected col = {0};
	size_t i;

	(void)state;
	fake_init(&c);
	blk_fill(&c);
	assert_int_equal(decode(ID_BLOCK_, NULL, &c, &col), 0);
	check_fields(&col, blk_all_, 1);
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		struct vdisc_virtio_features f = features_of(&groups[i].bit, 1);

		assert_int_equal(decode(ID_BLOCK_, &f, &c, &col), 0);
		assert_int_equal(col.n, 1 + groups[i].count);
		assert_string_equal(col.f[0].name, "capacity");
		if (groups[i].first)
			assert_string_equal(col.f[1].name, groups[i].first);
	}
	assert_int_equal(c.bad_accesses, 0);
}

/* A bit beyond the words the transport could read counts as not offered. */
static void test_feature_words_known(void **state)
{
	struct vdisc_virtio_features f = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	f.nwords = 1; /* bits 0..31: MQ yes, RSS (60) and SPEED_DUPLEX (63) unknown */
	assert_int_equal(decode(ID_NET_, &f, &c, &col), 0);
	assert_true(has_field(&col, "max_virtqueue_pairs"));
	assert_false(has_field(&col, "speed"));
	assert_false(has_field(&col, "rss_max_indirection_table_length"));
	f.nwords = 0;
	assert_int_equal(decode(ID_NET_, &f, &c, &col), 0);
	assert_int_equal(col.n, 0);
}

/* ops->size: a field that does not fit is left out, the walk goes on without failing. */
static void test_size_limits(void **state)
{
	struct vdisc_virtio_features all = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	blk_fill(&c);
	c.size = 24; /* up to blk_size */
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), 0);
	check_fields(&col, blk_all_, 7);
	c.size = 23; /* blk_size cut in half: not shown */
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), 0);
	check_fields(&col, blk_all_, 6);
	c.size = 7; /* not even capacity */
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), 0);
	assert_int_equal(col.n, 0);
	c.size = 60; /* a 1.1-era device: no secure erase, no zones */
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), 0);
	check_fields(&col, blk_all_, 19);
	c.size = 93; /* zoned.model is the last byte that fits */
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), 0);
	check_fields(&col, blk_all_, 28);
	assert_int_equal(c.bad_accesses, 0);
}

static void test_read_error(void **state)
{
	struct vdisc_virtio_features all = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	blk_fill(&c);
	c.fail_at = 12; /* seg_max */
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), -VDISC_EIO);
	check_fields(&col, blk_all_, 2);
	c.fail_at = 4; /* capacity's high half */
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), -VDISC_EIO);
	assert_int_equal(col.n, 0);
	c.fail_at = 18; /* a byte field */
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), -VDISC_EIO);
	check_fields(&col, blk_all_, 4);
	c.fail_at = 3; /* a byte of the MAC */
	assert_int_equal(decode(ID_NET_, &all, &c, &col), -VDISC_EIO);
	assert_int_equal(col.n, 0);
	assert_int_equal(c.bad_accesses, 0);
}

static void test_visit_stops(void **state)
{
	struct vdisc_virtio_features all = features_all();
	struct fake_cfg c;
	struct collected col = {0};
	unsigned reads;

	(void)state;
	fake_init(&c);
	blk_fill(&c);
	col.stop_after = 3;
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), 42);
	check_fields(&col, blk_all_, 3);
	reads = c.reads;
	assert_int_equal(reads, 4); /* nothing read after the stop */
}

static void test_bad_arguments(void **state)
{
	struct vdisc_virtio_config_ops ops;
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	fake_ops(&c, &ops);
	assert_int_equal(vdisc_virtio_config_decode(ID_BLOCK_, NULL, NULL, collect, &col),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_virtio_config_decode(ID_BLOCK_, NULL, &ops, NULL, &col),
			 -VDISC_EINVAL);
	ops.read = NULL;
	assert_int_equal(vdisc_virtio_config_decode(ID_BLOCK_, NULL, &ops, collect, &col),
			 -VDISC_EINVAL);
	assert_int_equal(col.n, 0);
}

/* A backend that leaves garbage above the bytes asked for does not leak it into values. */
static void test_values_masked(void **state)
{
	struct vdisc_virtio_features all = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	blk_fill(&c);
	c.dirty_high = true;
	assert_int_equal(decode(ID_BLOCK_, &all, &c, &col), 0);
	check_fields(&col, blk_all_, sizeof(blk_all_) / sizeof(blk_all_[0]));
}

/* ---- network ---- */

/* As QEMU would show it: a virtio-net-pci with mq, rss, hash report, speed and duplex. */
static const uint8_t net_bytes_[] = {
	0x52, 0x54, 0x00, 0x12, 0x34, 0x56, /* mac */
	0x01, 0x00,			    /* status: LINK_UP */
	0x04, 0x00,			    /* max_virtqueue_pairs 4 */
	0xdc, 0x05,			    /* mtu 1500 */
	0x10, 0x27, 0x00, 0x00,		    /* speed 10000 */
	0x01,				    /* duplex full */
	0x28,				    /* rss_max_key_size 40 */
	0x80, 0x00,			    /* rss_max_indirection_table_length 128 */
	0xff, 0x01, 0x00, 0x00,		    /* supported_hash_types 0x1ff */
	0x03, 0x00, 0x00, 0x00,		    /* supported_tunnel_types 3 */
};

static const struct want net_all_[] = {
	WB("mac", 0, "\x52\x54\x00\x12\x34\x56", 6),
	WU("status", 6, 2, 1),
	WU("max_virtqueue_pairs", 8, 2, 4),
	WU("mtu", 10, 2, 1500),
	WU("speed", 12, 4, 10000),
	WU("duplex", 16, 1, 1),
	WU("rss_max_key_size", 17, 1, 40),
	WU("rss_max_indirection_table_length", 18, 2, 128),
	WU("supported_hash_types", 20, 4, 0x1ff),
	WU("supported_tunnel_types", 24, 4, 3),
};

static void test_net(void **state)
{
	struct vdisc_virtio_features all = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	memcpy(c.space, net_bytes_, sizeof(net_bytes_));
	assert_int_equal(decode(ID_NET_, &all, &c, &col), 0);
	check_fields(&col, net_all_, sizeof(net_all_) / sizeof(net_all_[0]));
	c.size = 20; /* the 1.1 layout: ends after rss_max_indirection_table_length */
	assert_int_equal(decode(ID_NET_, &all, &c, &col), 0);
	check_fields(&col, net_all_, 8);
	assert_int_equal(c.bad_accesses, 0);
}

/* max_virtqueue_pairs: MQ or RSS; the hash fields: RSS or HASH_REPORT; the table length: RSS. */
static void test_net_gating(void **state)
{
	static const unsigned mac = 5, rss = 60, hash_report = 57, mq = 22, status = 16;
	struct vdisc_virtio_features f;
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	memcpy(c.space, net_bytes_, sizeof(net_bytes_));
	f = features_of(&mac, 1);
	assert_int_equal(decode(ID_NET_, &f, &c, &col), 0);
	check_fields(&col, net_all_, 1);
	f = features_of(&status, 1);
	assert_int_equal(decode(ID_NET_, &f, &c, &col), 0);
	assert_int_equal(col.n, 1);
	assert_string_equal(col.f[0].name, "status"); /* no MAC: no mac */
	f = features_of(&mq, 1);
	assert_int_equal(decode(ID_NET_, &f, &c, &col), 0);
	assert_int_equal(col.n, 1);
	assert_string_equal(col.f[0].name, "max_virtqueue_pairs");
	f = features_of(&rss, 1);
	assert_int_equal(decode(ID_NET_, &f, &c, &col), 0);
	assert_int_equal(col.n, 4);
	assert_string_equal(col.f[0].name, "max_virtqueue_pairs");
	assert_string_equal(col.f[3].name, "supported_hash_types");
	f = features_of(&hash_report, 1);
	assert_int_equal(decode(ID_NET_, &f, &c, &col), 0);
	assert_int_equal(col.n, 2);
	assert_string_equal(col.f[0].name, "rss_max_key_size");
	assert_string_equal(col.f[1].name, "supported_hash_types");
}

/* ---- the small fixed layouts ---- */

static void test_console(void **state)
{
	static const uint8_t bytes[] = {0x50, 0x00, 0x18, 0x00, 0x1f, 0x00,
					0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	static const struct want all[] = {
		WU("cols", 0, 2, 80),
		WU("rows", 2, 2, 24),
		WU("max_nr_ports", 4, 4, 31),
		WU("emerg_wr", 8, 4, 0),
	};
	static const unsigned multiport = 1;
	struct vdisc_virtio_features f = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	memcpy(c.space, bytes, sizeof(bytes));
	assert_int_equal(decode(ID_CONSOLE_, &f, &c, &col), 0);
	check_fields(&col, all, 4);
	f = features_of(&multiport, 1);
	assert_int_equal(decode(ID_CONSOLE_, &f, &c, &col), 0);
	check_fields(&col, all + 2, 1);
	assert_int_equal(c.bad_accesses, 0);
}

static void test_vsock(void **state)
{
	static const uint8_t bytes[] = {0x78, 0x56, 0x34, 0x12, 0xef, 0xcd, 0xab, 0x90};
	static const struct want want[] = {WU("guest_cid", 0, 8, UINT64_C(0x90abcdef12345678))};
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	memcpy(c.space, bytes, sizeof(bytes));
	assert_int_equal(decode(ID_VSOCK_, NULL, &c, &col), 0);
	check_fields(&col, want, 1);
	assert_int_equal(c.reads, 2); /* two 32-bit halves */
	assert_int_equal(c.bad_accesses, 0);
}

static void test_balloon(void **state)
{
	static const struct want all[] = {
		WU("num_pages", 0, 4, 0x40000),
		WU("actual", 4, 4, 0x3f000),
		WU("free_page_hint_cmd_id", 8, 4, 7),
		WU("poison_val", 12, 4, 0xaaaaaaaa),
	};
	static const unsigned poison = 4;
	struct vdisc_virtio_features f = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	put(&c, 0, 4, 0x40000);
	put(&c, 4, 4, 0x3f000);
	put(&c, 8, 4, 7);
	put(&c, 12, 4, 0xaaaaaaaa);
	assert_int_equal(decode(ID_BALLOON_, &f, &c, &col), 0);
	check_fields(&col, all, 4);
	f = features_of(&poison, 1);
	assert_int_equal(decode(ID_BALLOON_, &f, &c, &col), 0);
	assert_int_equal(col.n, 3);
	assert_string_equal(col.f[2].name, "poison_val");
}

static void test_gpu(void **state)
{
	static const struct want all[] = {
		WU("events_read", 0, 4, 1),	   WU("events_clear", 4, 4, 0),
		WU("num_scanouts", 8, 4, 1),	   WU("num_capsets", 12, 4, 2),
		WU("blob_alignment", 16, 4, 4096),
	};
	struct vdisc_virtio_features f = features_all();
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	put(&c, 0, 4, 1);
	put(&c, 8, 4, 1);
	put(&c, 12, 4, 2);
	put(&c, 16, 4, 4096);
	assert_int_equal(decode(ID_GPU_, &f, &c, &col), 0);
	check_fields(&col, all, 5);
	assert_int_equal(decode(ID_GPU_, NULL, &c, &col), 0);
	check_fields(&col, all, 4);
}

static void test_scsi(void **state)
{
	static const struct want all[] = {
		WU("num_queues", 0, 4, 1),	  WU("seg_max", 4, 4, 126),
		WU("max_sectors", 8, 4, 0xffff),  WU("cmd_per_lun", 12, 4, 128),
		WU("event_info_size", 16, 4, 16), WU("sense_size", 20, 4, 96),
		WU("cdb_size", 24, 4, 32),	  WU("max_channel", 28, 2, 0),
		WU("max_target", 30, 2, 255),	  WU("max_lun", 32, 4, 16383),
	};
	struct fake_cfg c;
	struct collected col = {0};
	size_t i;

	(void)state;
	fake_init(&c);
	for (i = 0; i < 10; i++)
		put(&c, all[i].offset, all[i].width, all[i].value);
	assert_int_equal(decode(ID_SCSI_, NULL, &c, &col), 0);
	check_fields(&col, all, 10);
}

/* fs tag: NUL-padded normally, unterminated when 36 bytes long. */
static void test_fs(void **state)
{
	static const char full[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static const unsigned notification = 0;
	struct vdisc_virtio_features f = features_of(&notification, 1);
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	fake_init(&c);
	memcpy(c.space, "myfs", 4);
	put(&c, 36, 4, 2);
	put(&c, 40, 4, 4096);
	{
		static const struct want want[] = {
			WS("tag", 0, "myfs", 4),
			WU("num_request_queues", 36, 4, 2),
			WU("notify_buf_size", 40, 4, 4096),
		};
		assert_int_equal(decode(ID_FS_, &f, &c, &col), 0);
		check_fields(&col, want, 3);
		assert_int_equal(decode(ID_FS_, NULL, &c, &col), 0);
		check_fields(&col, want, 2);
	}
	memcpy(c.space, full, 36);
	assert_int_equal(decode(ID_FS_, NULL, &c, &col), 0);
	assert_int_equal(col.f[0].len, 36);
	assert_memory_equal(col.f[0].bytes, full, 36);
	c.size = 35; /* the tag does not fit: left out, the rest is past the end too */
	assert_int_equal(decode(ID_FS_, &f, &c, &col), 0);
	assert_int_equal(col.n, 0);
	assert_int_equal(c.bad_accesses, 0);
}

static void test_9p(void **state)
{
	static const unsigned mount_tag = 0;
	struct vdisc_virtio_features f = features_of(&mount_tag, 1);
	struct fake_cfg c;
	struct collected col = {0};
	unsigned i;

	(void)state;
	fake_init(&c);
	put(&c, 0, 2, 6);
	memcpy(c.space + 2, "hostfsXX", 8);
	{
		static const struct want want[] = {
			WU("tag_len", 0, 2, 6),
			WS("tag", 2, "hostfs", 6),
		};
		assert_int_equal(decode(ID_9P_, &f, &c, &col), 0);
		check_fields(&col, want, 2);
	}
	assert_int_equal(decode(ID_9P_, NULL, &c, &col), 0); /* no MOUNT_TAG: nothing */
	assert_int_equal(col.n, 0);
	/* a hostile tag_len: cut to the field's 128 bytes, then to ops->size */
	put(&c, 0, 2, 0xffff);
	for (i = 2; i < SPACE_; i++)
		c.space[i] = 'a';
	assert_int_equal(decode(ID_9P_, &f, &c, &col), 0);
	assert_int_equal(col.n, 2);
	assert_int_equal(col.f[0].value, 0xffff);
	assert_int_equal(col.f[1].len, 128);
	c.size = 40;
	assert_int_equal(decode(ID_9P_, &f, &c, &col), 0);
	assert_int_equal(col.f[1].len, 38);
	c.size = 2;
	assert_int_equal(decode(ID_9P_, &f, &c, &col), 0);
	assert_int_equal(col.n, 2);
	assert_int_equal(col.f[1].len, 0);
	assert_int_equal(c.bad_accesses, 0);
}

static void test_iommu(void **state)
{
	static const struct want all[] = {
		WU("page_size_mask", 0, 8, UINT64_C(0xfffffffffffff000)),
		WU("input_range.start", 8, 8, 0),
		WU("input_range.end", 16, 8, UINT64_C(0xffffffffffff)),
		WU("domain_range.start", 24, 4, 1),
		WU("domain_range.end", 28, 4, 0xffff),
		WU("probe_size", 32, 4, 512),
		WU("bypass", 36, 1, 1),
	};
	struct vdisc_virtio_features f = features_all();
	struct fake_cfg c;
	struct collected col = {0};
	size_t i;

	(void)state;
	fake_init(&c);
	for (i = 0; i < 7; i++)
		put(&c, all[i].offset, all[i].width, all[i].value);
	assert_int_equal(decode(ID_IOMMU_, &f, &c, &col), 0);
	check_fields(&col, all, 7);
	assert_int_equal(decode(ID_IOMMU_, NULL, &c, &col), 0);
	check_fields(&col, all, 1);
}

static void test_mem_pmem(void **state)
{
	static const struct want mem[] = {
		WU("block_size", 0, 8, 0x200000),
		WU("node_id", 8, 2, 1),
		WU("addr", 16, 8, UINT64_C(0x140000000)),
		WU("region_size", 24, 8, UINT64_C(0x100000000)),
		WU("usable_region_size", 32, 8, UINT64_C(0x80000000)),
		WU("plugged_size", 40, 8, 0x40000000),
		WU("requested_size", 48, 8, 0x40000000),
	};
	static const struct want pmem[] = {
		WU("start", 0, 8, UINT64_C(0x240000000)),
		WU("size", 8, 8, UINT64_C(0x40000000)),
	};
	struct vdisc_virtio_features f = features_all();
	struct fake_cfg c;
	struct collected col = {0};
	size_t i;

	(void)state;
	fake_init(&c);
	for (i = 0; i < 7; i++)
		put(&c, mem[i].offset, mem[i].width, mem[i].value);
	assert_int_equal(decode(ID_MEM_, &f, &c, &col), 0);
	check_fields(&col, mem, 7);
	assert_int_equal(decode(ID_MEM_, NULL, &c, &col), 0); /* node_id needs ACPI_PXM */
	assert_int_equal(col.n, 6);
	assert_false(has_field(&col, "node_id"));
	fake_init(&c);
	put(&c, 0, 8, UINT64_C(0x240000000));
	put(&c, 8, 8, UINT64_C(0x40000000));
	assert_int_equal(decode(ID_PMEM_, NULL, &c, &col), 0);
	check_fields(&col, pmem, 2);
	assert_int_equal(decode(ID_PMEM_, &f, &c, &col), 0); /* SHMEM_REGION changes nothing */
	check_fields(&col, pmem, 2);
}

/* The rest, by name, offset and width: crypto, sound, RPMB, CAN, GPIO, SPI, media. */
static void test_other_layouts(void **state)
{
	static const struct {
		uint32_t type;
		const char *names;
		const uint16_t offsets[16];
		const uint8_t widths[16];
	} layouts[] = {
		{ID_CRYPTO_,
		 "status max_dataqueues crypto_services cipher_algo_l cipher_algo_h hash_algo "
		 "mac_algo_l mac_algo_h aead_algo max_cipher_key_len max_auth_key_len "
		 "akcipher_algo max_size ",
		 {0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48},
		 {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8}},
		{ID_SOUND_, "jacks streams chmaps controls ", {0, 4, 8, 12}, {4, 4, 4, 4}},
		{ID_RPMB_, "capacity max_wr_cnt max_rd_cnt ", {0, 1, 2}, {1, 1, 1}},
		{ID_CAN_, "status ", {0}, {2}},
		{ID_GPIO_, "ngpio gpio_names_size ", {0, 4}, {2, 4}},
		{ID_SPI_,
		 "cs_max_number cs_change_supported tx_nbits_supported rx_nbits_supported "
		 "bits_per_word_mask mode_func_supported max_freq_hz max_word_delay_ns "
		 "max_cs_setup_ns max_cs_hold_ns max_cs_inactive_ns ",
		 {0, 1, 2, 3, 4, 8, 12, 16, 20, 24, 28},
		 {1, 1, 1, 1, 4, 4, 4, 4, 4, 4, 4}},
		{ID_MEDIA_, "device_caps device_type card ", {0, 4, 8}, {4, 4, 0}},
	};
	struct vdisc_virtio_features f = features_all();
	struct fake_cfg c;
	struct collected col = {0};
	size_t i;

	(void)state;
	fake_init(&c);
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		char names[512] = "";
		unsigned j;

		assert_int_equal(decode(layouts[i].type, &f, &c, &col), 0);
		for (j = 0; j < col.n; j++) {
			strcat(strcat(names, col.f[j].name), " ");
			assert_int_equal(col.f[j].offset, layouts[i].offsets[j]);
			assert_int_equal(col.f[j].width, layouts[i].widths[j]);
		}
		assert_string_equal(names, layouts[i].names);
	}
	assert_int_equal(c.bad_accesses, 0);
}

/* Types without fields return 0 without a visit; types without a layout, ENOTSUP. */
static void test_empty_and_unknown(void **state)
{
	static const uint32_t empty[] = {ID_ENTROPY_, ID_RTC_, ID_SCMI_, ID_I2C_};
	static const uint32_t unknown[] = {0, 6, 7, 10, 13, 21, 40, 49, 0xffffffff};
	struct vdisc_virtio_features f = features_all();
	struct fake_cfg c;
	struct collected col = {0};
	size_t i;

	(void)state;
	fake_init(&c);
	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		assert_int_equal(decode(empty[i], &f, &c, &col), 0);
		assert_int_equal(col.n, 0);
	}
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		assert_int_equal(decode(unknown[i], &f, &c, &col), -VDISC_ENOTSUP);
		assert_int_equal(col.n, 0);
	}
	assert_int_equal(c.reads, 0);
	assert_int_equal(c.nwrites, 0);
}

/* ---- input ---- */

static const uint8_t devids_[] = {0x06, 0x00, 0x27, 0x06, 0x01, 0x00, 0x01, 0x00};

static const struct fake_input_entry input_qemu_[] = {
	{1, 20, "QEMU Virtio Keyboard", 20},
	{2, 5, "0001a", 5},
	{3, 8, devids_, 8},
};

static const struct want input_qemu_want_[] = {
	WS("name", 8, "QEMU Virtio Keyboard", 20),
	WS("serial", 8, "0001a", 5),
	WU("devids.bustype", 8, 2, 6),
	WU("devids.vendor", 10, 2, 0x627),
	WU("devids.product", 12, 2, 1),
	WU("devids.version", 14, 2, 1),
};

static void input_init(struct fake_cfg *c, const struct fake_input_entry *e, size_t n)
{
	fake_init(c);
	c->input = e;
	c->ninput = n;
	c->space[0] = 0x11; /* a driver's query (EV_BITS, EV_KEY) left in the window */
	c->space[1] = 1;
}

static void assert_restored(const struct fake_cfg *c)
{
	assert_true(c->nwrites > 0);
	assert_int_equal(c->writes[c->nwrites - 1].offset, 0);
	assert_int_equal(c->writes[c->nwrites - 1].width, 1);
	assert_int_equal(c->writes[c->nwrites - 1].value, 0);
	assert_int_equal(c->space[0], 0);
}

static void test_input(void **state)
{
	static const struct fake_write expect[] = {
		{0, 1, 1}, {1, 1, 0}, {0, 1, 2}, {1, 1, 0}, {0, 1, 3}, {1, 1, 0}, {0, 1, 0},
	};
	struct fake_cfg c;
	struct collected col = {0};
	unsigned i;

	(void)state;
	input_init(&c, input_qemu_, 3);
	assert_int_equal(decode(ID_INPUT_, NULL, &c, &col), 0);
	check_fields(&col, input_qemu_want_, 6);
	assert_int_equal(c.nwrites, sizeof(expect) / sizeof(expect[0]));
	for (i = 0; i < c.nwrites; i++) {
		assert_int_equal(c.writes[i].offset, expect[i].offset);
		assert_int_equal(c.writes[i].width, expect[i].width);
		assert_int_equal(c.writes[i].value, expect[i].value);
	}
	assert_restored(&c);
	assert_int_equal(c.bad_accesses, 0);
}

/* Without a write hook the window cannot be moved: nothing is read or shown. */
static void test_input_read_only(void **state)
{
	struct vdisc_virtio_config_ops ops;
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	input_init(&c, input_qemu_, 3);
	fake_ops(&c, &ops);
	ops.write = NULL;
	assert_int_equal(vdisc_virtio_config_decode(ID_INPUT_, NULL, &ops, collect, &col), 0);
	assert_int_equal(col.n, 0);
	assert_int_equal(c.reads, 0);
}

/* size 0 (not supported), size > 128, short devids, a small ops->size. */
static void test_input_hostile(void **state)
{
	static const char big[200] = "a name whose NUL comes before its size says";
	static const struct fake_input_entry entries[] = {
		{1, 200, big, 128},
		{2, 0, "ignored", 7},
		{3, 6, devids_, 6},
	};
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	input_init(&c, entries, 3);
	assert_int_equal(decode(ID_INPUT_, NULL, &c, &col), 0);
	assert_int_equal(col.n, 1); /* no serial (size 0), no devids (6 < 8 bytes) */
	assert_string_equal(col.f[0].name, "name");
	assert_int_equal(col.f[0].len, strlen(big)); /* the NUL inside ends it */
	assert_restored(&c);

	{
		static char name128[128];
		static const struct fake_input_entry unterminated[] = {{1, 255, name128, 128}};

		memset(name128, 'x', sizeof(name128));
		input_init(&c, unterminated, 1);
		assert_int_equal(decode(ID_INPUT_, NULL, &c, &col), 0);
		assert_int_equal(col.n, 1);
		assert_int_equal(col.f[0].len, 128); /* clamped to u's size */
		assert_memory_equal(col.f[0].bytes, name128, 128);
		c.size = 30; /* u cut short by ops->size: 22 bytes */
		assert_int_equal(decode(ID_INPUT_, NULL, &c, &col), 0);
		assert_int_equal(col.n, 1);
		assert_int_equal(col.f[0].len, 22);
		c.size = 2; /* not even size: no writes at all */
		c.nwrites = 0;
		assert_int_equal(decode(ID_INPUT_, NULL, &c, &col), 0);
		assert_int_equal(col.n, 0);
		assert_int_equal(c.nwrites, 0);
	}
	assert_int_equal(c.bad_accesses, 0);
}

/* A read error or a stopping visit still leaves select at 0. */
static void test_input_errors_restore(void **state)
{
	static const struct fake_input_entry short_name[] = {
		{1, 4, "kbd0", 4},
		{2, 0, "", 0},
		{3, 8, devids_, 8},
	};
	static const struct want short_want[] = {
		WS("name", 8, "kbd0", 4),
		WU("devids.bustype", 8, 2, 6),
		WU("devids.vendor", 10, 2, 0x627),
	};
	struct fake_cfg c;
	struct collected col = {0};

	(void)state;
	input_init(&c, input_qemu_, 3);
	c.fail_at = 2; /* size */
	assert_int_equal(decode(ID_INPUT_, NULL, &c, &col), -VDISC_EIO);
	assert_int_equal(col.n, 0);
	assert_restored(&c);

	input_init(&c, short_name, 3);
	c.fail_at = 12; /* devids.product, after the name's 4 bytes */
	assert_int_equal(decode(ID_INPUT_, NULL, &c, &col), -VDISC_EIO);
	check_fields(&col, short_want, 3);
	assert_restored(&c);

	input_init(&c, input_qemu_, 3);
	col.stop_after = 2;
	assert_int_equal(decode(ID_INPUT_, NULL, &c, &col), 42);
	check_fields(&col, input_qemu_want_, 2);
	assert_restored(&c);
	assert_int_equal(c.nwrites, 5); /* name, serial, restore */
	assert_int_equal(c.bad_accesses, 0);
}

/* ---- against the kernel's structs ---- */

#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/virtio_blk.h>) && __has_include(<linux/virtio_net.h>) &&              \
	__has_include(<linux/virtio_input.h>) && __has_include(<linux/virtio_mem.h>)
#define HAVE_UAPI_ 1
#include <linux/virtio_9p.h>
#include <linux/virtio_balloon.h>
#include <linux/virtio_blk.h>
#include <linux/virtio_console.h>
#include <linux/virtio_crypto.h>
#include <linux/virtio_fs.h>
#include <linux/virtio_gpio.h>
#include <linux/virtio_gpu.h>
#include <linux/virtio_input.h>
#include <linux/virtio_iommu.h>
#include <linux/virtio_mem.h>
#include <linux/virtio_net.h>
#include <linux/virtio_pmem.h>
#include <linux/virtio_scsi.h>
#include <linux/virtio_snd.h>
#include <linux/virtio_vsock.h>
#endif
#endif

#ifdef HAVE_UAPI_
struct uapi_field {
	uint32_t type;
	const char *name;
	size_t offset, size;
};

#define UF(type, name, st, member)                                                            \
	{                                                                                     \
		(type), (name), offsetof(struct st, member), sizeof(((struct st *)0)->member) \
	}

/* Every field both have: the kernel names writeback "wce"; fields newer than its headers are out.
 */
static const struct uapi_field uapi_fields_[] = {
	UF(ID_BLOCK_, "capacity", virtio_blk_config, capacity),
	UF(ID_BLOCK_, "size_max", virtio_blk_config, size_max),
	UF(ID_BLOCK_, "seg_max", virtio_blk_config, seg_max),
	UF(ID_BLOCK_, "geometry.cylinders", virtio_blk_config, geometry.cylinders),
	UF(ID_BLOCK_, "geometry.heads", virtio_blk_config, geometry.heads),
	UF(ID_BLOCK_, "geometry.sectors", virtio_blk_config, geometry.sectors),
	UF(ID_BLOCK_, "blk_size", virtio_blk_config, blk_size),
	UF(ID_BLOCK_, "topology.physical_block_exp", virtio_blk_config, physical_block_exp),
	UF(ID_BLOCK_, "topology.alignment_offset", virtio_blk_config, alignment_offset),
	UF(ID_BLOCK_, "topology.min_io_size", virtio_blk_config, min_io_size),
	UF(ID_BLOCK_, "topology.opt_io_size", virtio_blk_config, opt_io_size),
	UF(ID_BLOCK_, "writeback", virtio_blk_config, wce),
	UF(ID_BLOCK_, "num_queues", virtio_blk_config, num_queues),
	UF(ID_BLOCK_, "max_discard_sectors", virtio_blk_config, max_discard_sectors),
	UF(ID_BLOCK_, "max_discard_seg", virtio_blk_config, max_discard_seg),
	UF(ID_BLOCK_, "discard_sector_alignment", virtio_blk_config, discard_sector_alignment),
	UF(ID_BLOCK_, "max_write_zeroes_sectors", virtio_blk_config, max_write_zeroes_sectors),
	UF(ID_BLOCK_, "max_write_zeroes_seg", virtio_blk_config, max_write_zeroes_seg),
	UF(ID_BLOCK_, "write_zeroes_may_unmap", virtio_blk_config, write_zeroes_may_unmap),
	UF(ID_BLOCK_, "max_secure_erase_sectors", virtio_blk_config, max_secure_erase_sectors),
	UF(ID_BLOCK_, "max_secure_erase_seg", virtio_blk_config, max_secure_erase_seg),
	UF(ID_BLOCK_, "secure_erase_sector_alignment", virtio_blk_config,
	   secure_erase_sector_alignment),
	UF(ID_NET_, "mac", virtio_net_config, mac),
	UF(ID_NET_, "status", virtio_net_config, status),
	UF(ID_NET_, "max_virtqueue_pairs", virtio_net_config, max_virtqueue_pairs),
	UF(ID_NET_, "mtu", virtio_net_config, mtu),
	UF(ID_NET_, "speed", virtio_net_config, speed),
	UF(ID_NET_, "duplex", virtio_net_config, duplex),
	UF(ID_NET_, "rss_max_key_size", virtio_net_config, rss_max_key_size),
	UF(ID_NET_, "rss_max_indirection_table_length", virtio_net_config,
	   rss_max_indirection_table_length),
	UF(ID_NET_, "supported_hash_types", virtio_net_config, supported_hash_types),
	UF(ID_CONSOLE_, "cols", virtio_console_config, cols),
	UF(ID_CONSOLE_, "rows", virtio_console_config, rows),
	UF(ID_CONSOLE_, "max_nr_ports", virtio_console_config, max_nr_ports),
	UF(ID_CONSOLE_, "emerg_wr", virtio_console_config, emerg_wr),
	UF(ID_BALLOON_, "num_pages", virtio_balloon_config, num_pages),
	UF(ID_BALLOON_, "actual", virtio_balloon_config, actual),
	UF(ID_BALLOON_, "free_page_hint_cmd_id", virtio_balloon_config, free_page_hint_cmd_id),
	UF(ID_BALLOON_, "poison_val", virtio_balloon_config, poison_val),
	UF(ID_SCSI_, "num_queues", virtio_scsi_config, num_queues),
	UF(ID_SCSI_, "seg_max", virtio_scsi_config, seg_max),
	UF(ID_SCSI_, "max_sectors", virtio_scsi_config, max_sectors),
	UF(ID_SCSI_, "cmd_per_lun", virtio_scsi_config, cmd_per_lun),
	UF(ID_SCSI_, "event_info_size", virtio_scsi_config, event_info_size),
	UF(ID_SCSI_, "sense_size", virtio_scsi_config, sense_size),
	UF(ID_SCSI_, "cdb_size", virtio_scsi_config, cdb_size),
	UF(ID_SCSI_, "max_channel", virtio_scsi_config, max_channel),
	UF(ID_SCSI_, "max_target", virtio_scsi_config, max_target),
	UF(ID_SCSI_, "max_lun", virtio_scsi_config, max_lun),
	UF(ID_9P_, "tag_len", virtio_9p_config, tag_len),
	UF(ID_GPU_, "events_read", virtio_gpu_config, events_read),
	UF(ID_GPU_, "events_clear", virtio_gpu_config, events_clear),
	UF(ID_GPU_, "num_scanouts", virtio_gpu_config, num_scanouts),
	UF(ID_GPU_, "num_capsets", virtio_gpu_config, num_capsets),
	UF(ID_INPUT_, "name", virtio_input_config, u.string),
	UF(ID_INPUT_, "devids.bustype", virtio_input_config, u.ids.bustype),
	UF(ID_INPUT_, "devids.vendor", virtio_input_config, u.ids.vendor),
	UF(ID_INPUT_, "devids.product", virtio_input_config, u.ids.product),
	UF(ID_INPUT_, "devids.version", virtio_input_config, u.ids.version),
	UF(ID_VSOCK_, "guest_cid", virtio_vsock_config, guest_cid),
	UF(ID_CRYPTO_, "status", virtio_crypto_config, status),
	UF(ID_CRYPTO_, "max_dataqueues", virtio_crypto_config, max_dataqueues),
	UF(ID_CRYPTO_, "crypto_services", virtio_crypto_config, crypto_services),
	UF(ID_CRYPTO_, "cipher_algo_l", virtio_crypto_config, cipher_algo_l),
	UF(ID_CRYPTO_, "cipher_algo_h", virtio_crypto_config, cipher_algo_h),
	UF(ID_CRYPTO_, "hash_algo", virtio_crypto_config, hash_algo),
	UF(ID_CRYPTO_, "mac_algo_l", virtio_crypto_config, mac_algo_l),
	UF(ID_CRYPTO_, "mac_algo_h", virtio_crypto_config, mac_algo_h),
	UF(ID_CRYPTO_, "aead_algo", virtio_crypto_config, aead_algo),
	UF(ID_CRYPTO_, "max_cipher_key_len", virtio_crypto_config, max_cipher_key_len),
	UF(ID_CRYPTO_, "max_auth_key_len", virtio_crypto_config, max_auth_key_len),
	UF(ID_CRYPTO_, "akcipher_algo", virtio_crypto_config, akcipher_algo),
	UF(ID_CRYPTO_, "max_size", virtio_crypto_config, max_size),
	UF(ID_IOMMU_, "page_size_mask", virtio_iommu_config, page_size_mask),
	UF(ID_IOMMU_, "input_range.start", virtio_iommu_config, input_range.start),
	UF(ID_IOMMU_, "input_range.end", virtio_iommu_config, input_range.end),
	UF(ID_IOMMU_, "domain_range.start", virtio_iommu_config, domain_range.start),
	UF(ID_IOMMU_, "domain_range.end", virtio_iommu_config, domain_range.end),
	UF(ID_IOMMU_, "probe_size", virtio_iommu_config, probe_size),
	UF(ID_IOMMU_, "bypass", virtio_iommu_config, bypass),
	UF(ID_MEM_, "block_size", virtio_mem_config, block_size),
	UF(ID_MEM_, "node_id", virtio_mem_config, node_id),
	UF(ID_MEM_, "addr", virtio_mem_config, addr),
	UF(ID_MEM_, "region_size", virtio_mem_config, region_size),
	UF(ID_MEM_, "usable_region_size", virtio_mem_config, usable_region_size),
	UF(ID_MEM_, "plugged_size", virtio_mem_config, plugged_size),
	UF(ID_MEM_, "requested_size", virtio_mem_config, requested_size),
	UF(ID_SOUND_, "jacks", virtio_snd_config, jacks),
	UF(ID_SOUND_, "streams", virtio_snd_config, streams),
	UF(ID_SOUND_, "chmaps", virtio_snd_config, chmaps),
	UF(ID_FS_, "tag", virtio_fs_config, tag),
	UF(ID_FS_, "num_request_queues", virtio_fs_config, num_request_queues),
	UF(ID_PMEM_, "start", virtio_pmem_config, start),
	UF(ID_PMEM_, "size", virtio_pmem_config, size),
	UF(ID_GPIO_, "ngpio", virtio_gpio_config, ngpio),
	UF(ID_GPIO_, "gpio_names_size", virtio_gpio_config, gpio_names_size),
};

/* Every byte non-zero, strings without a NUL, input answering every select with 128 bytes. */
static void uapi_fake(struct fake_cfg *c)
{
	static uint8_t u[128];
	static const struct fake_input_entry entries[] = {
		{1, 128, u, 128}, {2, 128, u, 128}, {3, 128, u, 128}};

	memset(u, 'u', sizeof(u));
	fake_init(c);
	memset(c->space, 'A', SPACE_);
	c->input = entries;
	c->ninput = 3;
}

static void test_uapi_layouts(void **state)
{
	struct vdisc_virtio_features all = features_all();
	struct fake_cfg c;
	struct collected col = {0};
	size_t i;
	unsigned j;

	(void)state;
	for (i = 0; i < sizeof(uapi_fields_) / sizeof(uapi_fields_[0]); i++) {
		const struct uapi_field *u = &uapi_fields_[i];
		const struct vdisc_virtio_field *f = NULL;

		uapi_fake(&c);
		assert_int_equal(decode(u->type, &all, &c, &col), 0);
		for (j = 0; j < col.n && !f; j++)
			if (strcmp(col.f[j].name, u->name) == 0)
				f = &col.f[j];
		if (!f)
			fail_msg("type %u: no field %s", u->type, u->name);
		assert_int_equal(f->offset, u->offset);
		if (f->kind == VDISC_VIRTIO_FIELD_UINT)
			assert_int_equal(f->width, u->size);
		else
			assert_int_equal(f->len, u->size);
		assert_int_equal(c.bad_accesses, 0);
	}
}
#else
static void test_uapi_layouts(void **state)
{
	(void)state;
	skip();
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blk_all),
		cmocka_unit_test(test_blk_gating),
		cmocka_unit_test(test_feature_words_known),
		cmocka_unit_test(test_size_limits),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_visit_stops),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_values_masked),
		cmocka_unit_test(test_net),
		cmocka_unit_test(test_net_gating),
		cmocka_unit_test(test_console),
		cmocka_unit_test(test_vsock),
		cmocka_unit_test(test_balloon),
		cmocka_unit_test(test_gpu),
		cmocka_unit_test(test_scsi),
		cmocka_unit_test(test_fs),
		cmocka_unit_test(test_9p),
		cmocka_unit_test(test_iommu),
		cmocka_unit_test(test_mem_pmem),
		cmocka_unit_test(test_other_layouts),
		cmocka_unit_test(test_empty_and_unknown),
		cmocka_unit_test(test_input),
		cmocka_unit_test(test_input_read_only),
		cmocka_unit_test(test_input_hostile),
		cmocka_unit_test(test_input_errors_restore),
		cmocka_unit_test(test_uapi_layouts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
