/* SPDX-License-Identifier: MIT */
/*
 * vdisc_blk_check: a non-destructive read/write test of chosen logical
 * blocks (by default the first, a middle and the last).  Each block is
 * done completely -- save, pattern, flush, verify, restore, flush, verify
 * -- before the next one, so at most one block is ever away from its
 * original contents, and the check stops at the first failure (or when its
 * step hook asks) after putting that block back.
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

struct ctx_ {
	struct vdisc_blk *blk;
	const struct vdisc_blk_check_opts *opts;
	struct vdisc_blk_check_report *report;
	uint8_t *saved, *pattern, *readback;
	uint32_t unit; /* sectors per logical block */
	bool stop;     /* the hook asked to stop */
};

static const char *const blk_check_steps_[VDISC_BLK_STEP_COUNT_] = {
	[VDISC_BLK_STEP_READ] = "read",
	[VDISC_BLK_STEP_WRITE] = "write",
	[VDISC_BLK_STEP_FLUSH] = "flush",
	[VDISC_BLK_STEP_VERIFY] = "verify",
	[VDISC_BLK_STEP_RESTORE] = "restore",
	[VDISC_BLK_STEP_RESTORE_FLUSH] = "restore-flush",
	[VDISC_BLK_STEP_RESTORE_VERIFY] = "restore-verify",
};

const char *vdisc_blk_check_step_name(enum vdisc_blk_check_step step)
{
	return (unsigned)step < VDISC_BLK_STEP_COUNT_ ? blk_check_steps_[step] : "?";
}

const char *vdisc_blk_state_name(enum vdisc_blk_sector_state state)
{
	switch (state) {
	case VDISC_BLK_READ_ONLY:
		return "read";
	case VDISC_BLK_RESTORED:
		return "restored";
	case VDISC_BLK_RESTORE_FAILED:
		return "RESTORE-FAILED";
	case VDISC_BLK_WRITE_FAILED:
		return "write-failed";
	default:
		return "untouched";
	}
}

/* A step ended with @err: record the first failure, tell the hook; returns @err. */
static int blk_check_step_(struct ctx_ *c, unsigned i, enum vdisc_blk_check_step step, int err)
{
	struct vdisc_blk_check_report *r = c->report;

	if (err < 0 && r->error == 0) {
		r->error = err;
		r->error_sector = r->sector[i];
		r->error_step = step;
		r->reason = blk_check_steps_[step];
		r->blk_status = c->blk->last_status;
	}
	if (c->opts->step && c->opts->step(c->opts->ctx, i, step, err) != 0)
		c->stop = true;
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

/* Write @data, flush, read back and compare, as steps @first.. (WRITE or RESTORE onwards);
 * *@written says whether the write went through. */
static int blk_check_write_verify_(struct ctx_ *c, unsigned i, const uint8_t *data,
				   enum vdisc_blk_check_step first, bool *written)
{
	uint64_t sector = c->report->sector[i];
	size_t bytes = (size_t)c->unit * VDISC_BLK_SECTOR;
	int err;

	*written = false;
	err = blk_check_step_(c, i, first, vdisc_blk_write(c->blk, sector, data, c->unit));
	if (err < 0)
		return err;
	*written = true;
	if (c->stop && first == VDISC_BLK_STEP_WRITE)
		return -VDISC_ECANCELED; /* straight to the restore */
	err = blk_check_step_(c, i, first + 1, vdisc_blk_flush(c->blk));
	if (err < 0)
		return err;
	memset(c->readback, 0, bytes);
	err = vdisc_blk_read(c->blk, sector, c->readback, c->unit);
	if (err == 0 && memcmp(c->readback, data, bytes) != 0)
		err = -VDISC_EIO;
	return blk_check_step_(c, i, first + 2, err);
}

static int blk_check_one_(struct ctx_ *c, unsigned i)
{
	struct vdisc_blk_check_report *r = c->report;
	bool pattern_written, restore_written;
	int err, restored;

	err = vdisc_blk_read(c->blk, r->sector[i], c->saved, c->unit);
	if (blk_check_step_(c, i, VDISC_BLK_STEP_READ, err) < 0)
		return err;
	if (c->blk->read_only || c->opts->read_only) {
		r->state[i] = VDISC_BLK_READ_ONLY;
		return 0;
	}
	if (c->stop)
		return 0;
	r->wrote = true;
	blk_check_fill_pattern_(c, r->sector[i]);
	err = blk_check_write_verify_(c, i, c->pattern, VDISC_BLK_STEP_WRITE, &pattern_written);
	/* Whatever happened, put the saved contents back. */
	restored =
		blk_check_write_verify_(c, i, c->saved, VDISC_BLK_STEP_RESTORE, &restore_written);
	if (restored == 0)
		r->state[i] = VDISC_BLK_RESTORED;
	else if (!pattern_written)
		r->state[i] = VDISC_BLK_WRITE_FAILED;
	else
		r->state[i] = VDISC_BLK_RESTORE_FAILED;
	if (err == -VDISC_ECANCELED)
		err = 0; /* a stop, not a failure: the caller sees report->stopped */
	return err < 0 ? err : restored;
}

/* The blocks to visit: the caller's, checked, or first / middle / last. */
static int blk_check_sectors_(struct ctx_ *c)
{
	const struct vdisc_blk_check_opts *o = c->opts;
	struct vdisc_blk_check_report *r = c->report;
	uint64_t cap = c->blk->capacity;
	unsigned i;

	if (!o->sectors) {
		r->nsectors = VDISC_BLK_CHECK_SECTORS;
		r->sector[0] = 0;
		r->sector[1] = (cap >> 1) & ~(uint64_t)(c->unit - 1);
		r->sector[2] = (cap - c->unit) & ~(uint64_t)(c->unit - 1);
		return 0;
	}
	if (o->nsectors == 0 || o->nsectors > VDISC_BLK_CHECK_MAX_SECTORS)
		return -VDISC_EINVAL;
	r->nsectors = o->nsectors;
	for (i = 0; i < o->nsectors; i++) {
		r->sector[i] = o->sectors[i];
		if (o->sectors[i] & (c->unit - 1))
			return -VDISC_EINVAL;
		if (o->sectors[i] > cap - c->unit)
			return -VDISC_ERANGE;
	}
	return 0;
}

static int blk_check_refuse_(struct vdisc_blk_check_report *report, int err, const char *reason)
{
	report->error = err;
	report->reason = reason;
	return err;
}

int vdisc_blk_check_opts(struct vdisc_blk *blk, void *scratch,
			 const struct vdisc_blk_check_opts *opts,
			 struct vdisc_blk_check_report *report)
{
	static const struct vdisc_blk_check_opts defaults;
	struct ctx_ c = {.blk = blk, .opts = opts ? opts : &defaults, .report = report};
	unsigned i;
	int err = 0;

	if (!report)
		return -VDISC_EINVAL;
	memset(report, 0, sizeof(*report));
	report->reason = "ok";
	if (!blk || !blk->dev || !scratch || blk->blk_size < VDISC_BLK_SECTOR)
		return blk_check_refuse_(report, -VDISC_EINVAL, "invalid arguments");
	c.unit = blk->blk_size / VDISC_BLK_SECTOR;
	c.saved = scratch;
	c.pattern = c.saved + blk->blk_size;
	c.readback = c.pattern + blk->blk_size;
	if (blk->capacity < c.unit)
		return blk_check_refuse_(report, -VDISC_ERANGE, "empty disk");
	err = blk_check_sectors_(&c);
	if (err < 0)
		return blk_check_refuse_(report, err, "bad sector list");
	for (i = 0; i < report->nsectors && err == 0 && !c.stop; i++)
		err = blk_check_one_(&c, i);
	report->stopped = c.stop;
	if (report->error)
		return report->error;
	if (err == 0 && c.stop) {
		report->reason = "stopped";
		return -VDISC_ECANCELED;
	}
	return err;
}

int vdisc_blk_check(struct vdisc_blk *blk, void *scratch, struct vdisc_blk_check_report *report)
{
	return vdisc_blk_check_opts(blk, scratch, NULL, report);
}
