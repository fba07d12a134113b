/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for vdisc_virtio_config_decode(): any device type,
 * feature set and configuration bytes must give a clean result, with every
 * access naturally aligned, 1, 2 or 4 bytes wide and inside the space the
 * ops declare, every field well-formed, and input's select put back to 0.
 *
 * Input: 4 bytes of device type word, 16 bytes of offered features (four
 * little-endian words), the rest is the device configuration.  The type
 * word is le16 device type, then one byte naming an offset whose read
 * fails (0xff: none), then flags: bit 7 hides the size (ops->size 0), bit
 * 6 drops the write hook, bits 0..5 stop the walk after that many fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vdisc/error.h>
#include <vdisc/virtio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern volatile size_t vdisc_fuzz_sink;
volatile size_t vdisc_fuzz_sink;

#define HEADER_ 20
#define NO_FAIL_ 0xff
#define FLAG_NO_SIZE_ 0x80
#define FLAG_NO_WRITE_ 0x40
#define STOP_MASK_ 0x3f

struct fuzz_cfg {
	uint8_t *bytes;
	size_t len;
	unsigned fail_at; /* NO_FAIL_: none */
	unsigned stop_after, nfields;
	unsigned nwrites;
	uint16_t last_write_offset;
	uint64_t last_write_value;
	uint16_t ops_size;
};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A decoder bug, not an input error: stop here so that libFuzzer keeps the input. */
static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_access(const struct fuzz_cfg *c, uint16_t offset, unsigned width)
{
	check(width == 1 || width == 2 || width == 4);
	check(offset % width == 0);
	check(c->ops_size == 0 || offset + width <= c->ops_size);
}

static int fuzz_read(void *ctx, uint16_t offset, unsigned width, uint64_t *value)
{
	struct fuzz_cfg *c = ctx;
	uint64_t v = 0;
	unsigned i;

	check_access(c, offset, width);
	if (offset + width > c->len)
		return -VDISC_EIO; /* size unknown and the walk went past the bytes given */
	if (c->fail_at != NO_FAIL_ && c->fail_at >= offset && c->fail_at < offset + width)
		return -VDISC_EIO;
	for (i = 0; i < width; i++)
		v |= (uint64_t)c->bytes[offset + i] << (8 * i);
	*value = v | (~UINT64_C(0) << (8 * width)); /* garbage above: must be masked */
	return 0;
}

static int fuzz_write(void *ctx, uint16_t offset, unsigned width, uint64_t value)
{
	struct fuzz_cfg *c = ctx;

	check_access(c, offset, width);
	check(width == 1 && offset <= 1); /* input's select and subsel only */
	c->nwrites++;
	c->last_write_offset = offset;
	c->last_write_value = value;
	if (offset < c->len)
		c->bytes[offset] = (uint8_t)value;
	return 0;
}

static int fuzz_visit(void *arg, const struct vdisc_virtio_field *f)
{
	struct fuzz_cfg *c = arg;
	size_t sum = strlen(f->name) + f->offset, extent;
	unsigned i;

	if (f->kind == VDISC_VIRTIO_FIELD_UINT) {
		check(f->width == 1 || f->width == 2 || f->width == 4 || f->width == 8);
		check(f->width == 8 || f->value >> (8 * f->width) == 0);
		check(f->len == 0);
		extent = f->width;
	} else {
		check(f->kind == VDISC_VIRTIO_FIELD_BYTES || f->kind == VDISC_VIRTIO_FIELD_STRING);
		check(f->len <= sizeof(f->bytes));
		if (f->kind == VDISC_VIRTIO_FIELD_STRING)
			check(memchr(f->bytes, 0, f->len) == NULL);
		for (i = 0; i < f->len; i++)
			sum += f->bytes[i];
		extent = f->len;
	}
	check(c->ops_size == 0 || f->offset + extent <= c->ops_size);
	vdisc_fuzz_sink = sum;
	return ++c->nfields == c->stop_after ? 1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdisc_virtio_features offered;
	struct vdisc_virtio_config_ops ops;
	struct fuzz_cfg c;
	uint32_t type;
	unsigned i;
	int rc;

	if (size < HEADER_)
		return 0;
	memset(&c, 0, sizeof(c));
	type = (uint32_t)data[0] | (uint32_t)data[1] << 8;
	c.fail_at = data[2];
	c.stop_after = data[3] & STOP_MASK_;
	for (i = 0; i < VDISC_VIRTIO_FEATURE_WORDS; i++)
		offered.word[i] = le32(data + 4 + 4 * i);
	offered.nwords = VDISC_VIRTIO_FEATURE_WORDS;
	/* An exact-size copy, so any read past the input is an ASan report. */
	c.len = size - HEADER_;
	c.bytes = malloc(c.len ? c.len : 1);
	if (!c.bytes)
		return 0;
	memcpy(c.bytes, data + HEADER_, c.len);
	c.ops_size = (data[3] & FLAG_NO_SIZE_) || c.len > UINT16_MAX ? 0 : (uint16_t)c.len;
	ops.read = fuzz_read;
	ops.write = (data[3] & FLAG_NO_WRITE_) ? NULL : fuzz_write;
	ops.ctx = &c;
	ops.size = c.ops_size;
	rc = vdisc_virtio_config_decode(type, &offered, &ops, fuzz_visit, &c);
	check(rc == 0 || rc == 1 || rc == -VDISC_EIO || rc == -VDISC_ENOTSUP);
	check(rc != 1 || (c.stop_after && c.nfields == c.stop_after));
	if (c.nwrites) /* input: select is left at UNSET */
		check(c.last_write_offset == 0 && c.last_write_value == 0);
	free(c.bytes);
	return 0;
}
