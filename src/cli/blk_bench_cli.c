/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "blk_bench.h"
#include "blk_cli.h"
#include "cli.h"

/*
 * vdisc blk bench: requests of one size and pattern kept in flight, iodepth
 * per queue, on every queue asked for, through the library's asynchronous
 * API; IOPS, MB/s (10^6 bytes) and latency percentiles from submit to
 * completion.  Writes only with --allow-write and never on a read-only
 * device.  SIGINT/SIGTERM end the run early: what is in flight completes,
 * and the report covers what was done.
 */

#define BENCH_DEFAULT_SECONDS_ 5.0
#define BENCH_SHM_SLACK_ (4u << 20)	 /* rings, slots and alignment */
#define BENCH_SHM_MAX_ ((size_t)2 << 30) /* buffers in flight at most */
#define BENCH_ALIVE_NS_ 250000ull	 /* how often an idle run asks for the peer */
#define BENCH_PROGRESS_NS_ 1000000000ull /* the live line's period */

struct bench_io {
	struct vdisc_blk_req req;
	uint64_t t0;
	uint16_t queue;
	uint64_t next; /* sequential modes: this slot's next block */
};

struct bench {
	const struct blk_options *o;
	struct blk_target *t;
	bool write, random;
	uint64_t blocks; /* bs-sized blocks on the device */
	uint64_t seq;	 /* sequential modes: the next block */
	uint64_t rng;	 /* xorshift state */
	uint64_t start, deadline, limit_bytes, submitted_bytes;
	uint64_t ios, bytes, last_progress, last_alive, last_done;
	unsigned inflight;
	bool progress; /* a live line on standard error (a terminal, and not --json) */
	int error;
	const char *error_what;
	struct bench_hist hist;
};

static uint64_t bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t bench_next_block(struct bench *b)
{
	if (b->random) {
		b->rng ^= b->rng << 13;
		b->rng ^= b->rng >> 7;
		b->rng ^= b->rng << 17;
		return b->rng % b->blocks;
	}
	return b->seq++ % b->blocks;
}

/* Whether another request may go: the run is neither over nor interrupted nor failed. */
static bool bench_more(const struct bench *b, uint64_t now)
{
	if (blk_stop_signal || b->error)
		return false;
	if (b->limit_bytes)
		return b->submitted_bytes < b->limit_bytes;
	return now < b->deadline;
}

static int bench_submit(struct bench *b, struct bench_io *io, uint64_t now)
{
	int err;

	io->req.type = b->write ? VDISC_VIRTIO_BLK_T_OUT : VDISC_VIRTIO_BLK_T_IN;
	io->req.sector = bench_next_block(b) * (b->o->bs / VDISC_BLK_SECTOR);
	io->req.count = b->o->bs / VDISC_BLK_SECTOR;
	io->t0 = now;
	err = vdisc_blk_submit(&b->t->blk, io->queue, &io->req);
	if (err < 0) {
		b->error = err;
		b->error_what = "submit";
		return err;
	}
	b->inflight++;
	b->submitted_bytes += b->o->bs;
	return 0;
}

static void bench_progress(struct bench *b, uint64_t now, bool last)
{
	double s = (double)(now - b->start) / 1e9;

	if (!last && now - b->last_progress < BENCH_PROGRESS_NS_)
		return;
	b->last_progress = now;
	if (last) {
		fputs("\r\033[K", stderr);
		return;
	}
	fprintf(stderr, "\r\033[K%s: %s %.0f IOPS, %.1f MB/s, %.0f s", b->t->name, b->o->rw,
		(double)b->ios / s, (double)b->bytes / s / 1e6, s);
	fflush(stderr);
}

/* Record @n completions of queue @q and send the next request in each slot. */
static void bench_take(struct bench *b, uint16_t q, struct vdisc_blk_req **done, int n,
		       uint64_t *now)
{
	int i;

	*now = bench_now();
	b->last_done = *now;
	for (i = 0; i < n; i++) {
		struct bench_io *io = done[i]->user;

		b->inflight--;
		if (done[i]->result < 0 && !b->error) {
			b->error = done[i]->result;
			b->error_what = b->write ? "write" : "read";
		}
		b->ios++;
		b->bytes += b->o->bs;
		bench_hist_add(&b->hist, *now - io->t0);
		if (bench_more(b, *now))
			bench_submit(b, io, *now);
	}
	if (vdisc_blk_kick(&b->t->blk, q) < 0 && !b->error) {
		b->error = -VDISC_EIO;
		b->error_what = "kick";
	}
}

/* Take what queue @q completed, waiting for it when @wait (the library's bounded wait). */
static int bench_reap(struct bench *b, uint16_t q, bool wait, uint64_t *now)
{
	struct vdisc_blk_req *done[64];
	int n = wait ? vdisc_blk_wait(&b->t->blk, q, done, 64)
		     : vdisc_blk_poll(&b->t->blk, q, done, 64);

	if (n < 0) {
		b->error = n;
		b->error_what = wait ? "waiting for a completion" : "poll";
	} else if (n > 0) {
		bench_take(b, q, done, n, now);
	}
	return n;
}

/* Nothing completed on any queue: end a wait that is too long, or on a peer that is gone. */
static void bench_idle(struct bench *b, uint64_t now)
{
	struct vdisc_virtio_dev *dev = &b->t->dev;
	int err;

	if (now - b->last_done > b->t->blk.timeout_ns) {
		b->error = -VDISC_ETIMEDOUT;
		b->error_what = "waiting for a completion";
		return;
	}
	if (dev->ops->check_alive && now - b->last_alive > BENCH_ALIVE_NS_) {
		b->last_alive = now;
		err = dev->ops->check_alive(dev);
		if (err < 0) {
			b->error = err;
			b->error_what = "waiting for a completion";
		}
	}
}

/* One queue: the library's wait (poll, then sleep after spin_ns).  Several: poll them in
 * turn, with the idle checks here. */
static void bench_loop(struct bench *b)
{
	bool one = b->t->blk.nqueues == 1;
	uint64_t now = bench_now();
	uint16_t q;
	int got;

	b->last_done = b->last_alive = now;
	while (b->inflight && !(b->error && b->t->blk.dead)) {
		got = 0;
		for (q = 0; q < b->t->blk.nqueues; q++) {
			int n = bench_reap(b, q, one, &now);

			got += n > 0 ? n : 0;
		}
		if (got == 0 && !one) {
			now = bench_now();
			bench_idle(b, now);
		}
		if (b->error && (one || !b->t->blk.dead) && got == 0)
			break; /* timed out or gone: what is in flight is abandoned */
		if (b->progress)
			bench_progress(b, now, false);
	}
}

static int bench_start(struct bench *b, struct bench_io *ios, unsigned nios)
{
	uint64_t now = bench_now();
	uint16_t q;
	unsigned i;

	b->start = now;
	b->last_progress = now;
	b->deadline = now + (uint64_t)((b->o->runtime > 0 ? b->o->runtime
					: b->o->size	  ? 1e6
							  : BENCH_DEFAULT_SECONDS_) *
				       1e9);
	b->limit_bytes = b->o->size;
	for (i = 0; i < nios && bench_more(b, now); i++)
		if (bench_submit(b, &ios[i], now) < 0)
			return b->error;
	for (q = 0; q < b->t->blk.nqueues; q++)
		if (vdisc_blk_kick(&b->t->blk, q) < 0)
			return -VDISC_EIO;
	bench_loop(b);
	return b->error;
}

static void bench_report(const struct bench *b, uint64_t end)
{
	double s = (double)(end - b->start) / 1e9;
	double iops = s > 0 ? (double)b->ios / s : 0, mbs = s > 0 ? (double)b->bytes / s / 1e6 : 0;
	const struct bench_hist *h = &b->hist;

	if (b->o->json) {
		struct json_object *root = json_object_new_object(),
				   *lat = json_object_new_object();

		json_object_object_add(root, "source", json_object_new_string(b->t->backend->name));
		json_object_object_add(root, "device", json_object_new_string(b->t->name));
		json_object_object_add(root, "rw", json_object_new_string(b->o->rw));
		json_object_object_add(root, "bs", json_object_new_int64(b->o->bs));
		json_object_object_add(root, "iodepth", json_object_new_int64(b->o->iodepth));
		json_object_object_add(root, "queues", json_object_new_int64(b->t->blk.nqueues));
		json_object_object_add(root, "ios", json_object_new_uint64(b->ios));
		json_object_object_add(root, "bytes", json_object_new_uint64(b->bytes));
		json_object_object_add(root, "seconds", json_object_new_double(s));
		json_object_object_add(root, "iops", json_object_new_double(iops));
		json_object_object_add(root, "mb_per_s", json_object_new_double(mbs));
		json_object_object_add(lat, "min", json_object_new_uint64(h->min));
		json_object_object_add(lat, "mean",
				       json_object_new_uint64(h->n ? h->sum / h->n : 0));
		json_object_object_add(lat, "p50",
				       json_object_new_uint64(bench_hist_percentile(h, 50)));
		json_object_object_add(lat, "p99",
				       json_object_new_uint64(bench_hist_percentile(h, 99)));
		json_object_object_add(lat, "p999",
				       json_object_new_uint64(bench_hist_percentile(h, 99.9)));
		json_object_object_add(lat, "max", json_object_new_uint64(h->max));
		json_object_object_add(root, "latency_ns", lat);
		json_object_object_add(root, "interrupted",
				       json_object_new_boolean(blk_stop_signal != 0));
		cli_json_print(stdout, root);
		return;
	}
	printf("%s: %s bs=%" PRIu32 " iodepth=%u queues=%u%s\n", b->t->name, b->o->rw, b->o->bs,
	       b->o->iodepth, b->t->blk.nqueues, blk_stop_signal ? " (interrupted)" : "");
	printf("  %" PRIu64 " requests, %" PRIu64 " bytes in %.3f s: %.0f IOPS, %.1f MB/s\n",
	       b->ios, b->bytes, s, iops, mbs);
	printf("  latency (us): min %.1f  p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f\n",
	       (double)h->min / 1e3, (double)bench_hist_percentile(h, 50) / 1e3,
	       (double)bench_hist_percentile(h, 99) / 1e3,
	       (double)bench_hist_percentile(h, 99.9) / 1e3, (double)h->max / 1e3);
}

/* --rw and --allow-write, before anything is opened. */
static int bench_check_mode(const struct blk_options *o, struct bench *b)
{
	if (!o->rw)
		return VDISC_EXIT_OK;
	if (strcmp(o->rw, "read") && strcmp(o->rw, "write") && strcmp(o->rw, "randread") &&
	    strcmp(o->rw, "randwrite")) {
		cli_error("--rw: '%s' is not read, write, randread or randwrite", o->rw);
		return VDISC_EXIT_USAGE;
	}
	b->write = strstr(o->rw, "write") != NULL;
	b->random = strncmp(o->rw, "rand", 4) == 0;
	if (b->write && !o->allow_write) {
		cli_error("--rw=%s overwrites the device's data: add --allow-write to mean it",
			  o->rw);
		return VDISC_EXIT_USAGE;
	}
	return VDISC_EXIT_OK;
}

/* What the device says about the run: read-only, block size, request size, queues. */
static int bench_check_device(struct bench *b)
{
	const struct vdisc_blk *blk = &b->t->blk;

	if (b->write && blk->read_only) {
		cli_error("%s: the device is read-only: --rw=%s refused", b->t->name, b->o->rw);
		return VDISC_EXIT_UNAVAILABLE;
	}
	if (b->o->bs % blk->blk_size || b->o->bs / VDISC_BLK_SECTOR > blk->max_req_sectors) {
		cli_error("%s: --bs=%" PRIu32 " must be a multiple of the %" PRIu32
			  "-byte block, at most %" PRIu32 " bytes",
			  b->t->name, b->o->bs, blk->blk_size, blk->max_req_sectors * 512);
		return VDISC_EXIT_USAGE;
	}
	b->blocks = blk->capacity * VDISC_BLK_SECTOR / b->o->bs;
	if (b->blocks == 0) {
		cli_error("%s: smaller than one request of %" PRIu32 " bytes", b->t->name,
			  b->o->bs);
		return VDISC_EXIT_USAGE;
	}
	if (blk->nqueues < b->o->queues)
		fprintf(stderr, "vdisc: %s: %u queues asked for, the device has %u: using %u\n",
			b->t->name, b->o->queues, blk->num_queues, blk->nqueues);
	if (blk->queues[0].nslots < b->o->iodepth) {
		cli_error("%s: --iodepth=%u: a queue holds %u requests", b->t->name, b->o->iodepth,
			  blk->queues[0].nslots);
		return VDISC_EXIT_USAGE;
	}
	return VDISC_EXIT_OK;
}

/* One request and one buffer per slot in flight, spread over the queues. */
static struct bench_io *bench_ios(struct bench *b, unsigned *nios)
{
	struct bench_io *ios;
	unsigned i;

	*nios = b->o->iodepth * b->t->blk.nqueues;
	ios = calloc(*nios, sizeof(*ios));
	for (i = 0; ios && i < *nios; i++) {
		ios[i].queue = (uint16_t)(i % b->t->blk.nqueues);
		ios[i].req.user = &ios[i];
		ios[i].req.buf = blk_alloc(b->t, b->o->bs);
		if (!ios[i].req.buf) {
			free(ios);
			return NULL;
		}
		memset(ios[i].req.buf, 0xa5 ^ (int)i, b->o->bs);
	}
	return ios;
}

static int bench_run(struct bench *b)
{
	struct bench_io *ios;
	unsigned nios;
	int err, rc = bench_check_device(b);

	if (rc != VDISC_EXIT_OK)
		return rc;
	ios = bench_ios(b, &nios);
	if (!ios)
		return blk_fail(b->t, "buffers", -VDISC_ENOMEM);
	b->rng = 0x9e3779b97f4a7c15ull ^ (uint64_t)getpid();
	b->progress = isatty(STDERR_FILENO) && !b->o->json;

	err = bench_start(b, ios, nios);
	if (b->progress)
		bench_progress(b, bench_now(), true);
	free(ios);
	if (err < 0)
		return blk_fail(b->t, b->error_what ? b->error_what : "bench", err);
	bench_report(b, bench_now());
	return VDISC_EXIT_OK;
}

int blk_cmd_bench(const struct blk_options *o)
{
	struct blk_options opt = *o;
	struct bench *b = calloc(1, sizeof(*b));
	struct blk_target t;
	size_t shm;
	int rc;

	if (!b)
		return VDISC_EXIT_FAILED;
	if (!opt.rw)
		opt.rw = "randread";
	b->o = &opt;
	rc = bench_check_mode(&opt, b);
	shm = (size_t)opt.bs * opt.iodepth * opt.queues;
	if (rc == VDISC_EXIT_OK && shm > BENCH_SHM_MAX_) {
		cli_error("--bs x --iodepth x --queues: %zu bytes in flight, more than 2 GiB", shm);
		rc = VDISC_EXIT_USAGE;
	}
	if (rc == VDISC_EXIT_OK) {
		rc = blk_open(&t, &opt, shm + BENCH_SHM_SLACK_ + (size_t)opt.queues * 128 * 1024,
			      (uint16_t)opt.queues, (uint16_t)opt.iodepth);
		b->t = &t;
		if (rc == VDISC_EXIT_OK)
			rc = bench_run(b);
		blk_close(&t);
	}
	free(b);
	return rc;
}
