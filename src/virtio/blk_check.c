/* SPDX-License-Identifier: MIT */
/*
 * vdisc_blk_check: a non-destructive read/write test of three logical
 * blocks (first, middle, last).  Each block is done completely -- save,
 * pattern, flush, verify, restore, flush, verify -- before the next one,
 * so at most one block is ever away from its original contents, and the
 * check stops at the first failure after trying to put that block back.
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

struct ctx_ {
	struct vdisc_blk *blk;
	struct vdisc_blk_check_report *report;
	uint8_t *saved, *pattern, *readback;
	uint32_t unit; /* sectors per logical block */
};

static int blk_check_fail_(struct ctx_ *c, unsigned i, int err, const char *reason)
{
	if (err < 0 && c->report->error == 0) {
		c->report->error = err;
		c->report->error_sector = c->report->sector[i];
		c->report->reason = reason;
		c->report->blk_status = c->blk->last_status;
	}
	return err;
}

/* Distinct per sector and per byte, and never equal to what was there. */
static void blk_check_fill_pattern_(struct ctx_ *c, uint64_t sector)
{
	uint32_t bytes = c->unit * VDISC_BLK_SECTOR, k;

	for (k = 0; k < bytes; k++) {
		uint64_t s = sector + k / VDISC_BLK_SECTOR;
		uint32_t x =
			(uint32_t)(s ^ (s >> 32)) * 2654435761u + (k % VDISC_BLK_SECTOR) * 40503u;

		c->pattern[k] = (uint8_t)(x >> 16 ^ x);
	}
	if (memcmp(c->pattern, c->saved, bytes) == 0)
		for (k = 0; k < bytes; k++)
			c->pattern[k] = (uint8_t)~c->pattern[k];
}

/* Write @data, flush, read back and compare; *@written says whether the write went through. */
static int blk_check_write_verify_(struct ctx_ *c, unsigned i, const uint8_t *data, bool restoring,
				   bool *written)
{
	uint64_t sector = c->report->sector[i];
	size_t bytes = (size_t)c->unit * VDISC_BLK_SECTOR;
	int err;

	*written = false;
	err = vdisc_blk_write(c->blk, sector, data, c->unit);
	if (err < 0)
		return blk_check_fail_(c, i, err, restoring ? "restore write" : "write");
	*written = true;
	err = vdisc_blk_flush(c->blk);
	if (err < 0)
		return blk_check_fail_(c, i, err, restoring ? "restore flush" : "flush");
	memset(c->readback, 0, bytes);
	err = vdisc_blk_read(c->blk, sector, c->readback, c->unit);
	if (err < 0)
		return blk_check_fail_(c, i, err, restoring ? "restore read" : "read back");
	if (memcmp(c->readback, data, bytes) != 0)
		return blk_check_fail_(c, i, -VDISC_EIO, restoring ? "restore verify" : "verify");
	return 0;
}

static int blk_check_one_(struct ctx_ *c, unsigned i)
{
	struct vdisc_blk_check_report *r = c->report;
	bool pattern_written, restore_written;
	int err, restored;

	err = vdisc_blk_read(c->blk, r->sector[i], c->saved, c->unit);
	if (err < 0)
		return blk_check_fail_(c, i, err, "read");
	if (c->blk->read_only) {
		r->state[i] = VDISC_BLK_READ_ONLY;
		return 0;
	}
	r->wrote = true;
	blk_check_fill_pattern_(c, r->sector[i]);
	err = blk_check_write_verify_(c, i, c->pattern, false, &pattern_written);
	/* Whatever happened, put the saved contents back. */
	restored = blk_check_write_verify_(c, i, c->saved, true, &restore_written);
	if (restored == 0)
		r->state[i] = VDISC_BLK_RESTORED;
	else if (!pattern_written)
		r->state[i] = VDISC_BLK_WRITE_FAILED;
	else
		r->state[i] = VDISC_BLK_RESTORE_FAILED;
	return err < 0 ? err : restored;
}

int vdisc_blk_check(struct vdisc_blk *blk, void *scratch, struct vdisc_blk_check_report *report)
{
	struct ctx_ c;
	uint64_t last;
	unsigned i;
	int err = 0;

	if (!report)
		return -VDISC_EINVAL;
	memset(report, 0, sizeof(*report));
	report->reason = "ok";
	if (!blk || !blk->dev || !scratch || blk->blk_size < VDISC_BLK_SECTOR) {
		report->error = -VDISC_EINVAL;
		report->reason = "invalid arguments";
		return report->error;
	}
	c.blk = blk;
	c.report = report;
	c.unit = blk->blk_size / VDISC_BLK_SECTOR;
	c.saved = scratch;
	c.pattern = c.saved + blk->blk_size;
	c.readback = c.pattern + blk->blk_size;
	if (blk->capacity < c.unit) {
		report->error = -VDISC_ERANGE;
		report->reason = "empty disk";
		return report->error;
	}
	last = (blk->capacity - c.unit) & ~(uint64_t)(c.unit - 1);
	report->sector[0] = 0;
	report->sector[1] = (blk->capacity >> 1) & ~(uint64_t)(c.unit - 1);
	report->sector[2] = last;
	for (i = 0; i < VDISC_BLK_CHECK_SECTORS && err == 0; i++)
		err = blk_check_one_(&c, i);
	return report->error ? report->error : err;
}
