/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "blk_cli.h"
#include "cli.h"

/*
 * vdisc blk check: the library's check (vdisc_blk_check_opts) on the
 * device, each step reported as it ends.  SIGINT and SIGTERM only ask the
 * check to stop: the block in hand is restored and verified first, and the
 * report says so.  A block whose restore could not be verified (the device
 * failed, the back-end died) has its saved contents written to a file and
 * the command that puts them back printed.
 */

#define CHECK_SHM_BYTES_ (4u << 20)

struct blk_check_run {
	struct blk_target *t;
	const struct blk_options *o;
	int err[VDISC_BLK_CHECK_MAX_SECTORS][VDISC_BLK_STEP_COUNT_];
	bool done[VDISC_BLK_CHECK_MAX_SECTORS][VDISC_BLK_STEP_COUNT_];
	unsigned pause_ms; /* VDISC_BLK_CHECK_PAUSE_MS: tests interrupt the write phase */
	const struct vdisc_blk_check_report *rep; /* the sectors, known before the first step */
	bool line_open;				  /* a block's step line is being printed */
};

/* The check's step hook: print the step, pause where a test asks, pass on a signal. */
static int blk_check_step(void *ctx, unsigned index, enum vdisc_blk_check_step step, int err)
{
	struct blk_check_run *r = ctx;

	r->err[index][step] = err;
	r->done[index][step] = true;
	if (!r->o->json) {
		if (step == VDISC_BLK_STEP_READ)
			printf("%s  sector %" PRIu64 ":", r->line_open ? "\n" : "",
			       r->rep->sector[index]);
		printf("%s %s %s", step == VDISC_BLK_STEP_READ ? "" : ",",
		       vdisc_blk_check_step_name(step), err ? "FAILED" : "ok");
		r->line_open = true;
		fflush(stdout);
	}
	if (step == VDISC_BLK_STEP_WRITE && r->pause_ms && !blk_stop_signal) {
		struct timespec ts = {r->pause_ms / 1000, (long)(r->pause_ms % 1000) * 1000000};

		nanosleep(&ts, NULL); /* a signal ends it early */
	}
	return blk_stop_signal != 0;
}

/* A block that may hold the pattern: its saved contents go to a file the user can restore. */
static const char *blk_check_save(const struct blk_target *t, const void *saved, uint64_t sector,
				  char *path, size_t len)
{
	int fd;
	ssize_t n;

	snprintf(path, len, "%s/vdisc-blk-%ld-sector-%" PRIu64 ".bin",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), sector);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return NULL;
	n = write(fd, saved, t->blk.blk_size);
	close(fd);
	return n == (ssize_t)t->blk.blk_size ? path : NULL;
}

static void blk_check_text(const struct blk_check_run *run,
			   const struct vdisc_blk_check_report *rep, int rc, const char *saved_to)
{
	const struct blk_target *t = run->t;
	unsigned i;

	if (run->line_open)
		putchar('\n');
	if (rep->stopped)
		printf("stopped by signal %d\n", (int)blk_stop_signal);
	if (rep->error)
		printf("check FAILED at sector %" PRIu64 ", step %s: %s%s\n", rep->error_sector,
		       rep->reason,
		       blk_why(t) && t->blk.dead ? blk_why(t) : vdisc_strerror(rep->error),
		       rep->blk_status == VDISC_VIRTIO_BLK_S_IOERR    ? " (the device said IOERR)"
		       : rep->blk_status == VDISC_VIRTIO_BLK_S_UNSUPP ? " (the device said UNSUPP)"
								      : "");
	if (rep->error || rep->stopped)
		for (i = 0; i < rep->nsectors; i++)
			printf("  sector %" PRIu64 ": %s\n", rep->sector[i],
			       vdisc_blk_state_name(rep->state[i]));
	if (saved_to)
		printf("sector %" PRIu64 " may hold the test pattern; its original %" PRIu32
		       " bytes are in %s (restore: dd if=%s of=IMAGE bs=512 seek=%" PRIu64
		       " conv=notrunc)\n",
		       rep->error_sector, t->blk.blk_size, saved_to, saved_to, rep->error_sector);
	else if (rep->wrote && (rep->error || rep->stopped))
		printf("every block written was restored and verified\n");
	if (rc == 0)
		printf("check passed: %u block%s %s\n", rep->nsectors,
		       rep->nsectors == 1 ? "" : "s",
		       rep->wrote ? "written, restored and verified" : "read");
}

static void blk_check_json(const struct blk_check_run *run,
			   const struct vdisc_blk_check_report *rep, int rc, const char *saved_to)
{
	struct json_object *root = json_object_new_object(), *blocks = json_object_new_array();
	unsigned i, s;

	json_object_object_add(root, "source", json_object_new_string(run->t->backend->name));
	json_object_object_add(root, "device", json_object_new_string(run->t->name));
	json_object_object_add(root, "blk_size", json_object_new_int64(run->t->blk.blk_size));
	json_object_object_add(root, "capacity_sectors",
			       json_object_new_uint64(run->t->blk.capacity));
	json_object_object_add(root, "result",
			       json_object_new_string(rc == 0			    ? "pass"
						      : rep->stopped && !rep->error ? "stopped"
										    : "fail"));
	json_object_object_add(root, "wrote", json_object_new_boolean(rep->wrote));
	json_object_object_add(root, "error",
			       rep->error ? json_object_new_string(vdisc_strerror(rep->error))
					  : NULL);
	json_object_object_add(root, "error_sector",
			       rep->error ? json_object_new_uint64(rep->error_sector) : NULL);
	json_object_object_add(root, "error_step",
			       rep->error ? json_object_new_string(rep->reason) : NULL);
	json_object_object_add(root, "blk_status",
			       rep->error ? json_object_new_int(rep->blk_status) : NULL);
	json_object_object_add(root, "signal",
			       rep->stopped ? json_object_new_int(blk_stop_signal) : NULL);
	for (i = 0; i < rep->nsectors; i++) {
		struct json_object *b = json_object_new_object(), *steps = json_object_new_object();

		json_object_object_add(b, "sector", json_object_new_uint64(rep->sector[i]));
		json_object_object_add(b, "state",
				       json_object_new_string(vdisc_blk_state_name(rep->state[i])));
		for (s = 0; s < VDISC_BLK_STEP_COUNT_; s++)
			if (run->done[i][s])
				json_object_object_add(
					steps, vdisc_blk_check_step_name(s),
					json_object_new_string(run->err[i][s] ? "failed" : "ok"));
		json_object_object_add(b, "steps", steps);
		json_object_array_add(blocks, b);
	}
	json_object_object_add(root, "blocks", blocks);
	json_object_object_add(root, "saved_to",
			       saved_to ? json_object_new_string(saved_to) : NULL);
	cli_json_print(stdout, root);
}

static int blk_check_run_on(struct blk_check_run *run, struct vdisc_blk_check_opts *opts)
{
	struct blk_target *t = run->t;
	struct vdisc_blk_check_report rep;
	char path[256];
	const char *saved_to = NULL;
	void *scratch = blk_alloc(t, 4u * t->blk.blk_size);
	unsigned i;
	int rc;

	if (!scratch)
		return blk_fail(t, "check", -VDISC_ENOMEM);
	opts->step = blk_check_step;
	opts->ctx = run;
	if (!run->o->json)
		printf("%s: capacity %" PRIu64 " sectors, %" PRIu32 "-byte blocks%s\n", t->name,
		       t->blk.capacity, t->blk.blk_size,
		       t->blk.read_only || opts->read_only ? ", read-only check" : "");
	run->rep = &rep;
	rc = vdisc_blk_check_opts(&t->blk, scratch, opts, &rep);
	for (i = 0; i < rep.nsectors; i++)
		if (rep.state[i] == VDISC_BLK_RESTORE_FAILED)
			saved_to = blk_check_save(t, scratch, rep.sector[i], path, sizeof(path));
	if (run->o->json)
		blk_check_json(run, &rep, rc, saved_to);
	else
		blk_check_text(run, &rep, rc, saved_to);
	if (rc == -VDISC_EINVAL || rc == -VDISC_ERANGE) {
		if (!rep.error || !strcmp(rep.reason, "bad sector list")) {
			blk_fail(t, "--sectors", rc);
			return VDISC_EXIT_USAGE; /* a list this device cannot take (past its end) */
		}
	}
	return rc == 0 ? VDISC_EXIT_OK : VDISC_EXIT_FAILED;
}

int blk_cmd_check(const struct blk_options *o)
{
	struct blk_check_run run = {.o = o};
	struct vdisc_blk_check_opts opts = {.read_only = o->read_only};
	uint64_t sectors[VDISC_BLK_CHECK_MAX_SECTORS];
	struct blk_target t;
	int rc;

	if (o->sectors) {
		if (blk_parse_sectors(o->sectors, sectors, VDISC_BLK_CHECK_MAX_SECTORS,
				      &opts.nsectors) < 0) {
			cli_error("--sectors: '%s' is not a list of up to %u sector numbers",
				  o->sectors, VDISC_BLK_CHECK_MAX_SECTORS);
			return VDISC_EXIT_USAGE;
		}
		opts.sectors = sectors;
	}
	if (getenv("VDISC_BLK_CHECK_PAUSE_MS"))
		run.pause_ms = (unsigned)strtoul(getenv("VDISC_BLK_CHECK_PAUSE_MS"), NULL, 10);
	rc = blk_open(&t, o, CHECK_SHM_BYTES_, 1, VDISC_BLK_MAX_INFLIGHT);
	if (rc == VDISC_EXIT_OK) {
		run.t = &t;
		rc = blk_check_run_on(&run, &opts);
	}
	blk_close(&t);
	return rc;
}
